-- The people invited to a provider's event besides its owner and organizer: their email
-- addresses, one per line, lower case. A client invited to their appointment gets its emails there.
alter table calendar_event add column guest_emails text;
