-- One row per SLA an engine step started (R-SLA): started, due, warned, met or breached, written in the step's transaction.
create table cg_sla (
    id                   varchar(36)  not null primary key,
    process_instance_id  varchar(64)  not null,
    process_definition_key varchar(255) not null,
    execution_id         varchar(64)  not null,
    activity_id          varchar(255) not null,
    name                 varchar(100) not null,
    calendar_name        varchar(64)  not null,
    duration             varchar(40)  not null,
    state                varchar(16)  not null,
    started_at           datetime(3)  not null,
    warning_at           datetime(3)  not null,
    due_at               datetime(3)  not null,
    warned_at            datetime(3),
    breached_at          datetime(3),
    completed_at         datetime(3),
    completed_by         varchar(64),
    rescheduled_at       datetime(3),
    previous_due_at      datetime(3)
);

create index ix_sla_process_instance on cg_sla (process_instance_id);
create index ix_sla_open_by_calendar on cg_sla (calendar_name, state);
create index ix_sla_execution on cg_sla (execution_id, name);
