-- A move to a chosen slot that keeps failing is tried again by the sweep with a growing wait.
alter table slot_offer add column move_attempts integer default 0 not null;
alter table slot_offer add column move_failed_at timestamp with time zone;
