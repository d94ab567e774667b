-- A rejected announcement keeps its content only sealed in the encrypted store (R-ANN-1, R-SEC): the row references
-- the record, and its title and body columns hold the masked title and an empty body.
ALTER TABLE cg_announcement ADD COLUMN content_record VARCHAR(36);
