-- One process instance per attendee: each plan remembers the start it was made for (a move is
-- told apart from a new text), and a calendar can leave clients untold of a cancellation.
alter table reminder add column planned_for timestamp with time zone;
alter table calendar add column cancellation_texts boolean default true not null;
