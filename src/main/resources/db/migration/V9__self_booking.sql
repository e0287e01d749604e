-- Client self-booking: availability types and windows, the account's event defaults, the bookings
-- clients made, the copies of each booking in the calendars marked "copy appointments", and the
-- free slots texted to a client who asked to reschedule.

-- An account's kinds of availability; one of them is what clients can book.
create table availability_type (
    id             varchar(36)  primary key,
    owner_group    varchar(64)  not null,
    name           varchar(100) not null,
    -- one of 7: blue, green, yellow, orange, red, purple, gray
    color          varchar(16)  not null,
    client_facing  boolean      not null,
    created_at     timestamp with time zone not null
);
create index availability_type_group on availability_type (owner_group);

-- A worker's (calendar owner's) weekly windows, in the calendar's zone.
create table availability_window (
    id           varchar(36) primary key,
    calendar_id  varchar(36) not null references calendar (id) on delete cascade,
    type_id      varchar(36) not null references availability_type (id) on delete cascade,
    day_of_week  varchar(9)  not null,
    from_time    time        not null,
    to_time      time        not null
);
create index availability_window_calendar on availability_window (calendar_id);

-- Dated exceptions: a day or hours off (available = false), or extra hours (available = true).
create table availability_exception (
    id           varchar(36) primary key,
    calendar_id  varchar(36) not null references calendar (id) on delete cascade,
    type_id      varchar(36) references availability_type (id) on delete cascade,
    on_date      date        not null,
    from_time    time,
    to_time      time,
    available    boolean     not null
);
create index availability_exception_calendar on availability_exception (calendar_id, on_date);

-- The account's event defaults; an account without a row has the defaults of the configuration.
create table booking_settings (
    owner_group               varchar(64) primary key,
    default_duration_minutes  integer     not null,
    days_to_view              integer     not null,
    event_requests_enabled    boolean     not null
);

-- "Everything is busy": every event of this calendar blocks booking, Free or not.
alter table calendar add column all_events_busy boolean default false not null;

-- One row per booking a client made on the booking page.
create table booking (
    id           varchar(36)   primary key,
    calendar_id  varchar(36)   not null references calendar (id) on delete cascade,
    event_id     varchar(1024) not null,
    phone        varchar(20)   not null,
    name         varchar(200)  not null,
    email        varchar(320),
    start_at     timestamp with time zone not null,
    end_at       timestamp with time zone not null,
    -- the day the booking was made, in the calendar's zone: the daily limit counts these
    booked_on    date          not null,
    created_at   timestamp with time zone not null
);
create index booking_client_day on booking (phone, booked_on);
create index booking_event on booking (calendar_id, event_id);

-- A booking copied into a calendar marked "copy appointments" (created through its provider).
create table booking_copy (
    booking_id   varchar(36)   not null references booking (id) on delete cascade,
    calendar_id  varchar(36)   not null references calendar (id) on delete cascade,
    -- the provider's id once created
    event_id     varchar(1024),
    attempts     integer       default 0 not null,
    last_error   varchar(1000),
    updated_at   timestamp with time zone not null,
    constraint booking_copy_pk primary key (booking_id, calendar_id)
);

-- Free slots texted to a client who asked to reschedule ("reply 1, 2 or 3").
create table slot_offer (
    id              varchar(36) primary key,
    appointment_id  varchar(36) not null references appointment (id) on delete cascade,
    phone           varchar(20) not null,
    -- the offered slots in order, "start/end" ISO instants separated by commas
    slots           varchar(1000) not null,
    offered_at      timestamp with time zone not null,
    expires_at      timestamp with time zone not null,
    -- OPEN; MOVING (a slot was chosen: it stays reserved until the calendar has moved the event),
    -- MOVED, MOVE_FAILED; CLOSED (withdrawn or replaced by a fresh offer)
    state           varchar(16) not null,
    chosen_start    timestamp with time zone,
    chosen_end      timestamp with time zone
);
create index slot_offer_attendee on slot_offer (appointment_id, phone);
create index slot_offer_phone on slot_offer (phone, state);
