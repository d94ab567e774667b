-- Announcements as decided (R-ANN-2): who decided, when, the content's SM3 digest, and how delivery went.
CREATE TABLE cg_announcement (
    process_instance_id  VARCHAR(64)   NOT NULL PRIMARY KEY,
    content_class        VARCHAR(20)   NOT NULL,
    title                VARCHAR(200)  NOT NULL,
    body                 TEXT          NOT NULL,
    audience             VARCHAR(1000),
    author               VARCHAR(64)   NOT NULL,
    status               VARCHAR(30)   NOT NULL,
    screen_verdict       VARCHAR(10)   NOT NULL,
    reasons              TEXT,
    decided_by           VARCHAR(64),
    decided_at           TIMESTAMP     NULL,
    content_sm3          CHAR(64)      NOT NULL,
    delivery_attempts    INT           NOT NULL,
    delivered_at         TIMESTAMP     NULL,
    last_delivery_error  VARCHAR(1000),
    created_at           TIMESTAMP     NOT NULL
);
CREATE INDEX ix_announcement_status ON cg_announcement (status);
