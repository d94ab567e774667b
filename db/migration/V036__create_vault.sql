-- The encrypted store (R-SEC). Data keys exist here only wrapped (SM4-GCM) by the master key named by its id; the
-- master key itself comes from configuration, never from the database.
CREATE TABLE cg_vault_data_key (
    id             VARCHAR(36)  NOT NULL,
    category       VARCHAR(32)  NOT NULL,
    wrapped_key    VARCHAR(200) NOT NULL,
    master_key_id  VARCHAR(32)  NOT NULL,
    created_at     TIMESTAMP    NOT NULL,
    rewrapped_at   TIMESTAMP    NULL,
    CONSTRAINT pk_cg_vault_data_key PRIMARY KEY (id),
    CONSTRAINT uq_cg_vault_data_key_category UNIQUE (category)
);

-- One sealed value each: IV ‖ ciphertext ‖ tag under its category's data key, the category and id authenticated.
CREATE TABLE cg_vault_record (
    id           VARCHAR(36)  NOT NULL,
    category     VARCHAR(32)  NOT NULL,
    data_key_id  VARCHAR(36)  NOT NULL,
    ciphertext   BLOB         NOT NULL,
    created_at   TIMESTAMP    NOT NULL,
    CONSTRAINT pk_cg_vault_record PRIMARY KEY (id),
    CONSTRAINT fk_cg_vault_record_key FOREIGN KEY (data_key_id) REFERENCES cg_vault_data_key (id)
);

-- A client's phone, e-mail and id number are records of the store; the columns sealed under the master key directly
-- (before the store) become legacy_* and are emptied by the move at the first start (clients.LegacyPersonalDataMove).
ALTER TABLE cg_client ADD COLUMN phone_record VARCHAR(36);
ALTER TABLE cg_client ADD COLUMN email_record VARCHAR(36);
ALTER TABLE cg_client ADD COLUMN id_number_record VARCHAR(36);
ALTER TABLE cg_client ADD COLUMN legacy_phone_encrypted VARCHAR(512);
ALTER TABLE cg_client ADD COLUMN legacy_email_encrypted VARCHAR(1024);
UPDATE cg_client SET legacy_phone_encrypted = phone_encrypted, legacy_email_encrypted = email_encrypted;
ALTER TABLE cg_client DROP COLUMN phone_encrypted;
ALTER TABLE cg_client DROP COLUMN email_encrypted;
