-- The text messaging report reads a calendar's texts, and its appointments' log, by time.
create index message_calendar_created on message (calendar_id, created_at);
create index appointment_log_at on appointment_log (at);
