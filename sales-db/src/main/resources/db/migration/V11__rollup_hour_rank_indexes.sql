-- Each hour's entities best first, by revenue and by units, as V8 gave the days: a top list over less than two days
-- is bound by the best few of each hour it touches (api-gateway TopQuery). A day's best bound the whole day however
-- little of it such a range covers, so 24-hour lists of tags needed a second, four times deeper try.
CREATE INDEX stats_hour_revenue_rank_idx ON stats_hour (dimension, window_start, revenue_usd DESC) INCLUDE (entity_id);
CREATE INDEX stats_hour_units_rank_idx ON stats_hour (dimension, window_start, units DESC) INCLUDE (entity_id);
