-- Every outbound notification (e-mail or IM webhook) and how its delivery went.
CREATE TABLE cg_notify_delivery (
    id           VARCHAR(36)   NOT NULL PRIMARY KEY,
    kind         VARCHAR(10)   NOT NULL,
    target       VARCHAR(500)  NOT NULL,
    subject      VARCHAR(500),
    status       VARCHAR(20)   NOT NULL,
    attempts     INT           NOT NULL,
    last_error   VARCHAR(1000),
    created_at   TIMESTAMP     NOT NULL,
    finished_at  TIMESTAMP     NULL
);
CREATE INDEX ix_notify_delivery_created ON cg_notify_delivery (created_at);
