-- The idempotency key a notification carries (IM header Idempotency-Key, mail Message-ID): the same for a delivery
-- repeated after a crash, so a receiver can drop the duplicate. Not unique here: every attempt is recorded.
alter table cg_notify_delivery add idempotency_key varchar(64);
create index ix_notify_delivery_idempotency on cg_notify_delivery (idempotency_key);
