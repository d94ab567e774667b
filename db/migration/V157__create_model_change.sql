-- A person's deployment waiting for a second person's approval (R-SOD): who deployed it and a digest of the change
-- summary the approver is shown, written at deployment; task variables can be changed, this record cannot.
create table cg_model_change (
    deployment_id       varchar(64)   not null primary key,
    process_instance_id varchar(64),
    deployed_by         varchar(64)   not null,
    changes_sm3      varchar(64)   not null,
    submitted_at        datetime(3)   not null,
    decision            varchar(12),
    decided_by          varchar(64),
    decided_at          datetime(3)
);
create index ix_cg_model_change_instance on cg_model_change (process_instance_id);
