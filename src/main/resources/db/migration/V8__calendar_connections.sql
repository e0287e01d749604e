-- Connecting calendars: where each calendar's sign-in stands, how long a throttling provider asked
-- us to wait, and the OAuth consents under way.

-- CONNECTING: onboarding in progress (not watched yet); CONNECTED; RECONNECT: the provider refused
-- the sign-in (revoked or expired grant, changed password): not read until the owner reconnects.
alter table calendar add column connection_state varchar(16) default 'CONNECTED' not null;
-- a provider answered 429/503 with Retry-After: the scheduled sync leaves the calendar alone until then
alter table calendar add column sync_not_before timestamp with time zone;

-- One row per consent link handed out: the state parameter (single use, short-lived) and the PKCE
-- verifier, sealed like every credential.
create table oauth_consent (
    state          varchar(64)  primary key,
    calendar_id    varchar(36)  not null references calendar (id) on delete cascade,
    provider       varchar(16)  not null,
    code_verifier  text,
    clio_region    varchar(2),
    created_by     varchar(255) not null,
    created_at     timestamp with time zone not null,
    expires_at     timestamp with time zone not null
);
create index oauth_consent_calendar on oauth_consent (calendar_id);
