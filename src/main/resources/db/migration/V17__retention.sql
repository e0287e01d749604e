-- The retention cleanup finds ended appointments and unmatched texts by their time.
create index appointment_end on appointment (end_at);
create index message_unmatched_created on message (appointment_id, created_at);
