-- One counter, raised in the transaction of every word-list edit, so every node sees each edit
-- (a count and the newest timestamp miss a delete plus an add within one second on another node).
CREATE TABLE cg_screen_word_revision (
    id        INT    NOT NULL PRIMARY KEY,
    revision  BIGINT NOT NULL
);
INSERT INTO cg_screen_word_revision (id, revision) VALUES (1, 0);
