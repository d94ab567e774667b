-- Failed logins per client address and user name, for the login throttle (identity.LoginThrottle); user_id '*' counts
-- every name tried from the address. Rows are forgotten (deleted) a while after their last failure.
create table cg_login_throttle (
    source        varchar(64)  not null,
    user_id       varchar(64)  not null,
    failures      int          not null,
    last_failure  datetime(3)  not null,
    blocked_until datetime(3),
    primary key (source, user_id)
);
create index ix_cg_login_throttle_last on cg_login_throttle (last_failure);
