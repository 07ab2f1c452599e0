-- A message published with a delay (the workers engine's retries and delay steps) is due at
-- deliver_at: its sender asks SQS to hold it until then (at most 15 minutes), the relay too for
-- whatever is left of the delay when it sends. Null: at once.
alter table outbox_messages add column deliver_at timestamptz;
