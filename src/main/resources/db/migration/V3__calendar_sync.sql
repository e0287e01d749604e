-- Calendar sync: every calendar's events in one table (the built-in calendar's own events, and a
-- synced copy of each provider calendar's window), per-calendar sync status, and the state of the
-- status-line write-back per appointment.

alter table calendar add column sync_cursor text;
alter table calendar add column last_full_sync_at timestamp with time zone;
alter table calendar add column last_error_at timestamp with time zone;
alter table calendar add column last_error varchar(1000);
-- the last attempt failed: an empty listing right after it is not trusted to remove events
alter table calendar add column last_attempt_failed boolean default false not null;

create table calendar_event_v3 (
    calendar_id        varchar(36)   not null references calendar (id) on delete cascade,
    -- the provider's id of the event (the built-in calendar: a UUID)
    event_id           varchar(1024) not null,
    -- the recurring series the occurrence belongs to, if any
    series_id          varchar(1024),
    -- the provider's version (etag, ChangeKey, updated time; the built-in calendar: a counter)
    version            varchar(512)  not null,
    title              varchar(1000) not null,
    description        text,
    location           varchar(1000),
    start_at           timestamp with time zone not null,
    end_at             timestamp with time zone not null,
    time_zone          varchar(64),
    -- false for events whose status is Free: they do not block availability
    busy               boolean       not null,
    organized_by_owner boolean       not null,
    -- removed in the calendar; kept until the appointment side has taken it in
    deleted            boolean       not null,
    -- hash of what the appointment side reads (title, location, description without our status
    -- lines, times, organizer); applied_hash is the one it last took in
    content_hash       varchar(64)   not null,
    applied_hash       varchar(64),
    changed_at         timestamp with time zone not null,
    -- a change that kept failing: visible until it applies
    apply_error        varchar(1000),
    apply_attempts     integer       default 0 not null,
    apply_failed_at    timestamp with time zone,
    constraint calendar_event_v3_pk primary key (calendar_id, event_id)
);

-- Events of the built-in calendar kept so far were synced already.
insert into calendar_event_v3 (calendar_id, event_id, version, title, description, location, start_at, end_at, busy,
                               organized_by_owner, deleted, content_hash, applied_hash, changed_at)
select calendar_id, id, '1', title, description, location, start_at, end_at, true, true, false, 'migrated', 'migrated', updated_at
from calendar_event;

drop table calendar_event;
alter table calendar_event_v3 rename to calendar_event;
create index calendar_event_window on calendar_event (calendar_id, start_at);

-- "update appointment descriptions": the status block last written, and a write that is still due
alter table appointment add column status_lines text;
alter table appointment add column description_pending boolean default false not null;
alter table appointment add column description_requested_at timestamp with time zone;
alter table appointment add column description_error varchar(1000);
alter table appointment add column description_failed_at timestamp with time zone;
alter table appointment add column description_attempts integer default 0 not null;
create index appointment_description_pending on appointment (description_pending);
