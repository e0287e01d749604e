-- A copy follows its booked event: the times it was last written with, and whether it was removed
-- because the booked event was.
alter table booking_copy add column copied_start timestamp with time zone;
alter table booking_copy add column copied_end timestamp with time zone;
alter table booking_copy add column removed boolean default false not null;
update booking_copy set copied_start = (select b.start_at from booking b where b.id = booking_copy.booking_id),
                        copied_end = (select b.end_at from booking b where b.id = booking_copy.booking_id)
 where event_id is not null;
