-- Each rollup window of an artist, release, label, genre or tag also holds its split by buyer country (the
-- transformer's StatsWindow.byCountry since its schema version 2), so an entity page's top countries and the
-- genre/tag x country matrix sum a few windows instead of counting the fact table:
--   {"DE": {"units": 2, "revenue_usd": "13.6200", "carts": 1}, "unknown": {...}}
-- Decimal strings, as in revenue_by_currency, so that no JSON reader turns money into a float.
ALTER TABLE stats_minute ADD COLUMN by_country jsonb NOT NULL DEFAULT '{}';
ALTER TABLE stats_hour ADD COLUMN by_country jsonb NOT NULL DEFAULT '{}';
ALTER TABLE stats_day ADD COLUMN by_country jsonb NOT NULL DEFAULT '{}';

-- Existing windows get their split from table sale, counted by the transformer's rules: a sale counts for the
-- release its page URL names (its row here; a page with no row was counted under the URL's id, which SQL cannot
-- compute, and its windows keep an empty split), and for its release's artist, label, genre and descriptive tags once
-- the release is known, "unknown" for each before.
CREATE TEMPORARY TABLE counted_by_country ON COMMIT DROP AS
WITH s AS (
    SELECT sale.sold_at, sale.event_id, sale.amount_paid_usd, sale.artist_id, sale.label_id, sale.release_id,
           coalesce(nullif(upper(btrim(sale.country_code)), ''), 'unknown') AS country,
           r.genre, r.release_id IS NOT NULL AS known, page.release_id AS page_release_id
    FROM sale LEFT JOIN release r ON r.release_id = sale.release_id AND r.status = 'known'
    LEFT JOIN release page ON page.url = sale.release_url)
SELECT 'release' AS dimension, coalesce(page_release_id, 'unknown') AS entity_id, s.* FROM s
UNION ALL SELECT 'artist', CASE WHEN known AND artist_id IS NOT NULL THEN artist_id ELSE 'unknown' END, s.* FROM s
UNION ALL SELECT 'label', CASE WHEN known THEN label_id ELSE 'unknown' END, s.* FROM s
          WHERE label_id IS NOT NULL OR NOT known
UNION ALL SELECT 'genre', CASE WHEN known THEN genre ELSE 'unknown' END, s.* FROM s WHERE genre IS NOT NULL OR NOT known
UNION ALL SELECT 'tag', 'unknown', s.* FROM s WHERE NOT known
UNION ALL SELECT 'tag', t.tag, s.* FROM s JOIN release_tag t ON t.release_id = s.release_id AND t.role = 'descriptive'
          WHERE known;

-- Minute windows older than the loader's retention are gone: their sales are not split.
DO $$
DECLARE
    unit text;
BEGIN
    FOREACH unit IN ARRAY ARRAY['minute', 'hour', 'day'] LOOP
        EXECUTE format($update$
            UPDATE stats_%1$s w SET by_country = split.by_country
            FROM (SELECT dimension, entity_id, window_start,
                         jsonb_object_agg(country, jsonb_build_object('units', units,
                             'revenue_usd', revenue_usd::text, 'carts', carts)) AS by_country
                  FROM (SELECT dimension, entity_id, date_trunc(%1$L, sold_at, 'UTC') AS window_start, country,
                               count(*) AS units, sum(amount_paid_usd) AS revenue_usd, count(DISTINCT event_id) AS carts
                        FROM counted_by_country WHERE sold_at >= (SELECT min(window_start) FROM stats_%1$s)
                        GROUP BY 1, 2, 3, 4) AS c
                  GROUP BY 1, 2, 3) AS split
            WHERE w.dimension = split.dimension AND w.entity_id = split.entity_id
              AND w.window_start = split.window_start$update$, unit);
    END LOOP;
END
$$;

-- V5's indexes for counting an entity's countries from the fact table have no reader left, and every sale loaded
-- paid for them.
DROP INDEX sale_artist_id_idx;
DROP INDEX sale_label_id_idx;
DROP INDEX release_genre_idx;
