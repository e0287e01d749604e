-- The reminders are an outbox. A sender on any node claims the due ones in batches
-- (claimed_until; a dead node's claims expire), hands them to the gateways, records the outcome,
-- and then tells the attendee's process instance (model_pending until it is told).
alter table reminder add column claimed_until timestamp with time zone;
alter table reminder add column attempts integer default 0 not null;
alter table reminder add column last_error varchar(500);
alter table reminder add column message_id varchar(36);
alter table reminder add column refused boolean default false not null;
alter table reminder add column handed_off_at timestamp with time zone;
alter table reminder add column model_pending boolean default false not null;
-- the senders' claim: the due planned reminders, oldest first
create index reminder_due on reminder (state, due_at);
-- the model's catch-up: reminders handed off whose instance has not been told yet
create index reminder_model_pending on reminder (model_pending, handed_off_at);
