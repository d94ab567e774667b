-- R-BAK: every backup and every restore drill leaves a record (size, digest, duration, outcome)
CREATE TABLE cg_backup_run (
    id           VARCHAR(36)   NOT NULL,
    kind         VARCHAR(16)   NOT NULL,
    started_at   TIMESTAMP     NOT NULL,
    duration_ms  BIGINT        NOT NULL,
    outcome      VARCHAR(16)   NOT NULL,
    file_name    VARCHAR(255),
    size_bytes   BIGINT,
    digest       VARCHAR(128),
    detail       VARCHAR(4000),
    PRIMARY KEY (id)
);
CREATE INDEX ix_cg_backup_run_started ON cg_backup_run (kind, started_at);
