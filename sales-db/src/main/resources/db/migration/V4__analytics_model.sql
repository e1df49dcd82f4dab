-- The analytics model: the fact table partitioned by month and linked to its release, artist and label; the
-- consumers' offsets, written in the same transactions as the rows they produced; rollups, signals and charts
-- from the transformer's topics. Existing rows are kept.

-- ---- Fact: one row per sold item, partitioned by the month of sold_at (UTC).
-- The key is (sold_at, sale_id): a partitioned table's unique keys must hold its partition key. sale_id is derived
-- from the feed's event, and so is sold_at, so the pair is as unique as sale_id was.
ALTER TABLE sale RENAME TO sale_v3;

CREATE TABLE sale (
    sale_id               text          NOT NULL,
    event_id              text          NOT NULL,
    sold_at               timestamptz   NOT NULL,
    cart_sold_at          timestamptz,
    artist                text          NOT NULL,
    artist_url            text,
    item_type             text          NOT NULL CHECK (item_type IN ('album', 'track', 'physical', 'bundle')),
    slug_type             text,
    title                 text          NOT NULL,
    album_title           text,
    url                   text,
    art_url               text,
    currency              text          NOT NULL,
    amount_paid           numeric(18,4) NOT NULL,
    list_price            numeric(18,4),
    amount_paid_usd       numeric(18,4) NOT NULL,
    pay_what_you_want     boolean       NOT NULL,
    overpaid              numeric(18,4),
    amount_paid_formatted text,
    country               text,
    country_code          text,
    art_id                bigint,
    package_image_id      bigint,
    raw_item              json          NOT NULL,
    loaded_at             timestamptz   NOT NULL DEFAULT now(),
    release_url           text,
    -- The sale's release, artist and label once its release is known (null before; set again when it changes).
    release_id            text,
    artist_id             text,
    label_id              text,
    PRIMARY KEY (sold_at, sale_id)
) PARTITION BY RANGE (sold_at);

-- The partition of a UTC month, made if missing: the loader calls it for the months of each batch.
CREATE FUNCTION sale_month_partition(at timestamptz) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
    month_start timestamptz := date_trunc('month', at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC';
    name        text := 'sale_' || to_char(month_start AT TIME ZONE 'UTC', 'YYYY_MM');
BEGIN
    IF to_regclass(name) IS NULL THEN
        EXECUTE format('CREATE TABLE %I PARTITION OF sale FOR VALUES FROM (%L) TO (%L)',
                       name, month_start, month_start + interval '1 month');
    END IF;
    RETURN name;
END $$;

SELECT sale_month_partition(m) FROM (SELECT DISTINCT date_trunc('month', sold_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS m
                                     FROM sale_v3) AS months;
SELECT sale_month_partition(now());

INSERT INTO sale (sale_id, event_id, sold_at, cart_sold_at, artist, artist_url, item_type, slug_type, title,
                  album_title, url, art_url, currency, amount_paid, list_price, amount_paid_usd, pay_what_you_want,
                  overpaid, amount_paid_formatted, country, country_code, art_id, package_image_id, raw_item,
                  loaded_at, release_url, release_id, artist_id, label_id)
SELECT s.sale_id, s.event_id, s.sold_at, s.cart_sold_at, s.artist, s.artist_url, s.item_type, s.slug_type, s.title,
       s.album_title, s.url, s.art_url, s.currency, s.amount_paid, s.list_price, s.amount_paid_usd,
       s.pay_what_you_want, s.overpaid, s.amount_paid_formatted, s.country, s.country_code, s.art_id,
       s.package_image_id, s.raw_item, s.loaded_at, s.release_url,
       r.release_id, r.artist_id, r.label_id
FROM sale_v3 s LEFT JOIN release r ON r.url = s.release_url AND r.status = 'known';

DROP TABLE sale_v3;

-- The indexes of today's queries (newest-first listing with keyset pagination, an artist's sales, a release's
-- sales): the API's totals read the rollups below, not this table, and every index here slows the load down.
CREATE INDEX sale_sold_at_idx ON sale (sold_at DESC, sale_id DESC);
CREATE INDEX sale_artist_sold_at_idx ON sale (artist, sold_at DESC, sale_id DESC);
CREATE INDEX sale_release_url_idx ON sale (release_url, sold_at DESC);

-- ---- Dimensions beside artist, label, release, tag and release_tag (V2).
-- An artist's display names over time: an artist is its URL, and may rename itself.
CREATE TABLE artist_name (
    artist_id     text        NOT NULL REFERENCES artist (artist_id),
    name          text        NOT NULL,
    first_seen_at timestamptz NOT NULL,
    last_seen_at  timestamptz NOT NULL,
    PRIMARY KEY (artist_id, name)
);
INSERT INTO artist_name (artist_id, name, first_seen_at, last_seen_at)
SELECT artist_id, name, updated_at, updated_at FROM artist;

-- Buyer countries by upper-case ISO 3166-1 code, with the name the feed gave.
CREATE TABLE country (
    code text PRIMARY KEY CHECK (code ~ '^[A-Z]{2}$'),
    name text
);
INSERT INTO country (code, name)
SELECT DISTINCT ON (upper(country_code)) upper(country_code), country
FROM sale WHERE country_code ~* '^[a-z]{2}$'
ORDER BY upper(country_code), sold_at DESC;

-- ---- Where each consumer of the loader stands: the next offset to read per topic partition, written in the
-- transaction that wrote that offset's rows. The consumer seeks here when it is given a partition.
CREATE TABLE consumer_offset (
    consumer    text        NOT NULL,
    topic       text        NOT NULL,
    partition   integer     NOT NULL,
    next_offset bigint      NOT NULL CHECK (next_offset >= 0),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, topic, partition)
);

-- ---- Rollups from tracktion.stats.minute, .hour and .day: a window's latest record, as the transformer wrote it.
-- Keyed as the topics are: dimension, entity id, window start.
CREATE TABLE stats_minute (
    dimension               text          NOT NULL,
    entity_id               text          NOT NULL,
    window_start            timestamptz   NOT NULL,
    entity_name             text          NOT NULL,
    units                   bigint        NOT NULL,
    revenue_usd             numeric(22,4) NOT NULL,
    revenue_by_currency     jsonb         NOT NULL,  -- {"EUR": "12.0000", ...}, decimal strings
    carts                   bigint        NOT NULL,
    pay_what_you_want_units bigint        NOT NULL,
    overpay_usd             numeric(22,4) NOT NULL,
    final                   boolean       NOT NULL,
    version                 bigint        NOT NULL,
    last_sale_at            timestamptz   NOT NULL,
    loaded_at               timestamptz   NOT NULL DEFAULT now(),
    PRIMARY KEY (dimension, entity_id, window_start)
);
CREATE TABLE stats_hour (LIKE stats_minute INCLUDING ALL);
CREATE TABLE stats_day (LIKE stats_minute INCLUDING ALL);
-- Top lists: one dimension over a range, every entity, without visiting the rows' heap.
CREATE INDEX stats_minute_top_idx ON stats_minute (dimension, window_start) INCLUDE (entity_id, units, revenue_usd, carts);
CREATE INDEX stats_hour_top_idx ON stats_hour (dimension, window_start) INCLUDE (entity_id, units, revenue_usd, carts);
CREATE INDEX stats_day_top_idx ON stats_day (dimension, window_start) INCLUDE (entity_id, units, revenue_usd, carts);

-- ---- Signals from tracktion.signals, by their deterministic id.
CREATE TABLE signal (
    id          text          PRIMARY KEY,
    kind        text          NOT NULL,
    dimension   text          NOT NULL,
    entity_id   text          NOT NULL,
    entity_name text          NOT NULL,
    at          timestamptz   NOT NULL,
    observed    numeric(22,4),
    expected    numeric(22,4),
    probability double precision,  -- a probability, not money
    threshold   numeric(22,4),
    metric      text,
    "window"    text,
    scope       text,
    rank        integer,
    country     text,
    sale_id     text,
    loaded_at   timestamptz   NOT NULL DEFAULT now()
);
CREATE INDEX signal_at_idx ON signal (at DESC, id DESC);
CREATE INDEX signal_kind_at_idx ON signal (kind, at DESC, id DESC);
CREATE INDEX signal_entity_at_idx ON signal (dimension, entity_id, at DESC, id DESC);

-- ---- Charts from tracktion.trending: each chart's latest state.
CREATE TABLE trending_chart (
    dimension    text        NOT NULL,
    "window"     text        NOT NULL,
    scope        text        NOT NULL,
    as_of        timestamptz NOT NULL,
    period_start timestamptz NOT NULL,
    PRIMARY KEY (dimension, "window", scope)
);
CREATE TABLE trending_entry (
    dimension     text          NOT NULL,
    "window"      text          NOT NULL,
    scope         text          NOT NULL,
    rank          integer       NOT NULL,
    previous_rank integer,
    entity_id     text          NOT NULL,
    entity_name   text          NOT NULL,
    units         bigint        NOT NULL,
    revenue_usd   numeric(22,4) NOT NULL,
    PRIMARY KEY (dimension, "window", scope, rank),
    FOREIGN KEY (dimension, "window", scope) REFERENCES trending_chart ON DELETE CASCADE
);
