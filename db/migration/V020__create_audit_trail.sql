-- R-LOG: the audit trail, an SM3 hash chain with SM2-signed checkpoints. Times are epoch milliseconds (UTC),
-- so the hashed content is the same on every database.
CREATE TABLE cg_audit_entry (
    seq          BIGINT        NOT NULL PRIMARY KEY,
    occurred_at  BIGINT        NOT NULL,
    actor_id     VARCHAR(128),
    event_type   VARCHAR(64)   NOT NULL,
    object_type  VARCHAR(64),
    object_id    VARCHAR(255),
    outcome      VARCHAR(16)   NOT NULL,
    details      VARCHAR(2000),
    prev_hash    CHAR(64)      NOT NULL,
    entry_hash   CHAR(64)      NOT NULL
);
CREATE INDEX cg_audit_entry_actor ON cg_audit_entry (actor_id, occurred_at);
CREATE INDEX cg_audit_entry_object ON cg_audit_entry (object_type, object_id);
CREATE INDEX cg_audit_entry_time ON cg_audit_entry (occurred_at);

-- One row: the end of the chain. Every append locks it (SELECT ... FOR UPDATE), so all nodes write one chain.
CREATE TABLE cg_audit_chain_head (
    id                  INT          NOT NULL PRIMARY KEY,
    last_seq            BIGINT       NOT NULL,
    last_hash           CHAR(64)     NOT NULL,
    last_checkpoint_seq BIGINT       NOT NULL,
    last_checkpoint_at  BIGINT       NOT NULL
);
INSERT INTO cg_audit_chain_head (id, last_seq, last_hash, last_checkpoint_seq, last_checkpoint_at)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000', 0, 0);

-- SM2 signature over the hash of entry seq: whoever rewrites the chain up to here cannot sign it again.
CREATE TABLE cg_audit_checkpoint (
    seq        BIGINT        NOT NULL PRIMARY KEY,
    entry_hash CHAR(64)      NOT NULL,
    signed_at  BIGINT        NOT NULL,
    key_id     VARCHAR(32)   NOT NULL,
    signature  VARCHAR(200)  NOT NULL
);

-- Entries older than the retention minimum leave the table only as a signed, verifiable segment.
CREATE TABLE cg_audit_archive (
    first_seq      BIGINT        NOT NULL PRIMARY KEY,
    last_seq       BIGINT        NOT NULL,
    first_prev_hash CHAR(64)     NOT NULL,
    last_hash      CHAR(64)      NOT NULL,
    entry_count    BIGINT        NOT NULL,
    archived_at    BIGINT        NOT NULL,
    content        LONGTEXT      NOT NULL,
    content_hash   CHAR(64)      NOT NULL,
    key_id         VARCHAR(32)   NOT NULL,
    signature      VARCHAR(200)  NOT NULL
);
