-- Each day's entities best first, by revenue and by units: a top list reads the best few of each day its range
-- touches, and sums only those entities (api-gateway TopQuery), instead of every entity sold in the range.
CREATE INDEX stats_day_revenue_rank_idx ON stats_day (dimension, window_start, revenue_usd DESC) INCLUDE (entity_id);
CREATE INDEX stats_day_units_rank_idx ON stats_day (dimension, window_start, units DESC) INCLUDE (entity_id);
