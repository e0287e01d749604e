-- A message is claimed by the one attempt that hands it to the provider, until the claim expires.
alter table message add column claimed_until timestamp with time zone;
