-- Accounts of Template 2 (R-ACC). active_employee_id holds the employee id only while the account is ACTIVE:
-- its unique index makes a second active account for one employee id impossible, even for two racing requests.
CREATE TABLE cg_account (
    id                  VARCHAR(36)   NOT NULL,
    employee_id         VARCHAR(32)   NOT NULL,
    active_employee_id  VARCHAR(32),
    full_name           VARCHAR(100)  NOT NULL,
    department          VARCHAR(32)   NOT NULL,
    account_type        VARCHAR(20)   NOT NULL,
    job_role            VARCHAR(100),
    permissions         VARCHAR(2000) NOT NULL,
    state               VARCHAR(16)   NOT NULL,
    state_reason        VARCHAR(32),
    valid_until         DATE,
    requested_by        VARCHAR(64)   NOT NULL,
    approved_by         VARCHAR(255),
    process_instance_id VARCHAR(64),
    created_at          TIMESTAMP     NOT NULL,
    updated_at          TIMESTAMP     NOT NULL,
    CONSTRAINT pk_cg_account PRIMARY KEY (id),
    CONSTRAINT uq_cg_account_active_employee UNIQUE (active_employee_id)
);

CREATE INDEX ix_cg_account_employee ON cg_account (employee_id);

-- Every step on an account, appended and never updated (R-LOG).
CREATE TABLE cg_account_event (
    id                  VARCHAR(36)   NOT NULL,
    account_id          VARCHAR(36)   NOT NULL,
    employee_id         VARCHAR(32)   NOT NULL,
    action              VARCHAR(32)   NOT NULL,
    actor               VARCHAR(64),
    detail              VARCHAR(1000),
    process_instance_id VARCHAR(64),
    occurred_at         TIMESTAMP     NOT NULL,
    CONSTRAINT pk_cg_account_event PRIMARY KEY (id)
);

CREATE INDEX ix_cg_account_event_account ON cg_account_event (account_id);
