-- One row per SLA timer that fired (kind WARNED or BREACHED): the primary key lets each fire only once, whichever
-- node runs the job; fired_at is the engine's time, recorded_at the wall clock (how late a timer was).
create table cg_sla_firing (
    sla_id       varchar(36)  not null,
    kind         varchar(16)  not null,
    fired_at     datetime(3)  not null,
    recorded_at  datetime(3)  not null,
    primary key (sla_id, kind)
);
