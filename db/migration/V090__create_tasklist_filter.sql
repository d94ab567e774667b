-- Tasklist filters CommGov ships: one row per filter, locked while a node creates or updates it (no duplicates
-- when several nodes start at once); the hash tells whether the shipped definition changed since.
CREATE TABLE cg_tasklist_filter (
    filter_key      VARCHAR(64)  NOT NULL,
    filter_id       VARCHAR(64),
    definition_hash VARCHAR(64),
    updated_at      TIMESTAMP    NULL,
    CONSTRAINT pk_cg_tasklist_filter PRIMARY KEY (filter_key)
);
