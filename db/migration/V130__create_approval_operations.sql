-- Signers added to one approval task of one request (加签): before the assignee (as subtasks), or after them.
create table cg_approval_signer (
    id                  varchar(36)   not null primary key,
    task_id             varchar(64)   not null,
    process_instance_id varchar(64)   not null,
    user_id             varchar(64)   not null,
    placement           varchar(8)    not null,
    sign_mode           varchar(12)   not null,
    seq                 int           not null,
    state               varchar(12)   not null,
    subtask_id          varchar(64),
    approved            boolean,
    remark              varchar(2000),
    added_by            varchar(64)   not null,
    added_at            datetime(3)   not null,
    decided_at          datetime(3)
);
create index ix_cg_approval_signer_task on cg_approval_signer (task_id);
create index ix_cg_approval_signer_subtask on cg_approval_signer (subtask_id);

-- The approver's own decision on a task whose signers come after them; the task completes when they have signed.
create table cg_approval_decision (
    task_id             varchar(64)   not null primary key,
    decided_by          varchar(64)   not null,
    approved            boolean       not null,
    remark              varchar(2000),
    decided_at          datetime(3)   not null
);

-- Users and groups told of a request's outcome (抄送); they may read it, not act on it.
create table cg_carbon_copy (
    id                  varchar(36)   not null primary key,
    process_instance_id varchar(64)   not null,
    user_id             varchar(64),
    group_id            varchar(64),
    added_by            varchar(64)   not null,
    added_at            datetime(3)   not null
);
create index ix_cg_carbon_copy_request on cg_carbon_copy (process_instance_id);

-- One out-of-office substitute per user and the period it applies to.
create table cg_substitute (
    user_id             varchar(64)   not null primary key,
    substitute_id       varchar(64)   not null,
    starts_at           datetime(3)   not null,
    ends_at             datetime(3)   not null,
    set_at              datetime(3)   not null
);

-- Every task that went to a substitute (or fell back to its group) because its person was away.
create table cg_substitution (
    id                  varchar(36)   not null primary key,
    absent_user         varchar(64)   not null,
    substitute_id       varchar(64),
    task_id             varchar(64)   not null,
    task_name           varchar(255),
    process_instance_id varchar(64),
    action              varchar(16)   not null,
    occurred_at         datetime(3)   not null
);
create index ix_cg_substitution_absent on cg_substitution (absent_user);
