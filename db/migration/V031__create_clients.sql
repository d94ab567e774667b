-- External clients (R-CLI). Phone and e-mail are kept SM4-encrypted only (R-SEC, Data Security Law); consent and the
-- purpose of processing are recorded with who recorded them and when.
CREATE TABLE cg_client (
    id                   VARCHAR(36)   NOT NULL,
    client_name          VARCHAR(100)  NOT NULL,
    company              VARCHAR(200)  NOT NULL,
    phone_encrypted      VARCHAR(512)  NOT NULL,
    email_encrypted      VARCHAR(1024) NOT NULL,
    project_groups       VARCHAR(1000) NOT NULL,
    project_end_date     DATE          NOT NULL,
    processing_purpose   VARCHAR(500)  NOT NULL,
    consent_given        BOOLEAN       NOT NULL,
    consent_recorded_by  VARCHAR(64)   NOT NULL,
    consent_recorded_at  TIMESTAMP     NOT NULL,
    contact_person       VARCHAR(64)   NOT NULL,
    state                VARCHAR(16)   NOT NULL,
    account_id           VARCHAR(36),
    process_instance_id  VARCHAR(64),
    created_at           TIMESTAMP     NOT NULL,
    updated_at           TIMESTAMP     NOT NULL,
    CONSTRAINT pk_cg_client PRIMARY KEY (id)
);

CREATE INDEX ix_cg_client_contact ON cg_client (contact_person);

-- Every attempt to open a client's personal data: who, which record, why, and whether it was allowed.
CREATE TABLE cg_client_access (
    id          VARCHAR(36)  NOT NULL,
    client_id   VARCHAR(36)  NOT NULL,
    user_id     VARCHAR(64)  NOT NULL,
    reason      VARCHAR(500),
    granted     BOOLEAN      NOT NULL,
    occurred_at TIMESTAMP    NOT NULL,
    CONSTRAINT pk_cg_client_access PRIMARY KEY (id)
);

CREATE INDEX ix_cg_client_access_client ON cg_client_access (client_id);
