-- One row per sold item, keyed by the deterministic saleId (see README, "Sale and cart ids").
-- Money: numeric, in the seller's currency beside Bandcamp's USD conversion. Time: timestamptz (UTC, microseconds).
CREATE TABLE sale (
    sale_id               text          PRIMARY KEY,
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
    -- The item as the feed served it; json (not jsonb) keeps the text verbatim.
    raw_item              json          NOT NULL,
    loaded_at             timestamptz   NOT NULL DEFAULT now()
);

-- Newest-first listing and keyset pagination: ORDER BY sold_at DESC, sale_id DESC.
CREATE INDEX sale_sold_at_idx ON sale (sold_at DESC, sale_id DESC);
CREATE INDEX sale_artist_sold_at_idx ON sale (artist, sold_at DESC, sale_id DESC);
