-- Webhook deliveries are deduplicated on the provider's message id in the transaction that stores
-- them; the separate receipt records are gone.
drop table INT_METADATA_STORE;
