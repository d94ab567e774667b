-- R-KPI (Template 3): the facts the KPIs are computed from, and each quarter's results with gap analysis and actions
CREATE TABLE cg_kpi_activity (
    id           VARCHAR(36)   NOT NULL,
    user_id      VARCHAR(64)   NOT NULL,
    feature      VARCHAR(64)   NOT NULL,
    occurred_at  TIMESTAMP     NOT NULL,
    reported_by  VARCHAR(64)   NOT NULL,
    PRIMARY KEY (id)
);
CREATE INDEX ix_cg_kpi_activity_time ON cg_kpi_activity (occurred_at);

CREATE TABLE cg_kpi_survey (
    id           VARCHAR(36)   NOT NULL,
    user_id      VARCHAR(64)   NOT NULL,
    score        INT           NOT NULL,
    answered_at  TIMESTAMP     NOT NULL,
    remark       VARCHAR(1000),
    PRIMARY KEY (id)
);
CREATE INDEX ix_cg_kpi_survey_time ON cg_kpi_survey (answered_at);

CREATE TABLE cg_kpi_incident (
    id           VARCHAR(36)   NOT NULL,
    kind         VARCHAR(32)   NOT NULL,
    occurred_at  TIMESTAMP     NOT NULL,
    description  VARCHAR(2000) NOT NULL,
    reported_by  VARCHAR(64)   NOT NULL,
    PRIMARY KEY (id)
);
CREATE INDEX ix_cg_kpi_incident_time ON cg_kpi_incident (occurred_at);

CREATE TABLE cg_kpi_result (
    review_quarter  VARCHAR(7)     NOT NULL,
    indicator       VARCHAR(64)    NOT NULL,
    dimension       VARCHAR(64)    NOT NULL,
    name            VARCHAR(200)   NOT NULL,
    target_text     VARCHAR(64)    NOT NULL,
    actual_value    DECIMAL(12,4),
    actual_text     VARCHAR(64)    NOT NULL,
    met             BOOLEAN        NOT NULL,
    gap_analysis    VARCHAR(2000)  NOT NULL,
    action          VARCHAR(2000),
    department      VARCHAR(16)    NOT NULL,
    computed_at     TIMESTAMP      NOT NULL,
    PRIMARY KEY (review_quarter, indicator)
);
