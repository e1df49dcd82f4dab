-- Each day's entities best first, by revenue and by units: a top list reads the best few of each day its range
-- touches, and sums only those entities (api-gateway TopQuery), instead of every entity sold in the range.
CREATE INDEX stats_day_revenue_rank_idx ON stats_day (dimension, window_start, revenue_usd DESC) INCLUDE (entity_id);
CREATE INDEX stats_day_units_rank_idx ON stats_day (dimension, window_start, units DESC) INCLUDE (entity_id);

-- Those entities' sums, an entity page's totals and a timeseries read the windows by key: with the sums in the key's
-- index they are index-only scans. (A window's upsert changes its sums, so it updated an index anyway: the top
-- index holds them too.)
ALTER TABLE stats_minute DROP CONSTRAINT stats_minute_pkey,
    ADD CONSTRAINT stats_minute_pkey PRIMARY KEY (dimension, entity_id, window_start) INCLUDE (units, revenue_usd, carts);
ALTER TABLE stats_hour DROP CONSTRAINT stats_hour_pkey,
    ADD CONSTRAINT stats_hour_pkey PRIMARY KEY (dimension, entity_id, window_start) INCLUDE (units, revenue_usd, carts);
ALTER TABLE stats_day DROP CONSTRAINT stats_day_pkey,
    ADD CONSTRAINT stats_day_pkey PRIMARY KEY (dimension, entity_id, window_start) INCLUDE (units, revenue_usd, carts);
