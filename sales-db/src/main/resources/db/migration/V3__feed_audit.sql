-- The feed's audit, from topics bandcamp.salesfeed.windows and bandcamp.salesfeed.gaps: every window received and
-- every gap found, so that coverage (what the feed served, hour by hour) can be asked for.

CREATE TABLE feed_window (
    feed_base_url     text        NOT NULL,
    start_date        timestamptz NOT NULL,   -- as served
    end_date          timestamptz NOT NULL,
    requested_start   timestamptz,            -- the start_date asked for; null for get_initial
    server_time       timestamptz,
    received_at       timestamptz NOT NULL,
    events            integer     NOT NULL,
    other_events      integer     NOT NULL,
    items             integer     NOT NULL,
    unreadable_events integer     NOT NULL,
    backfill          boolean     NOT NULL,
    PRIMARY KEY (feed_base_url, start_date)
);
CREATE INDEX feed_window_start_idx ON feed_window (start_date);

CREATE TABLE feed_gap (
    feed_base_url text        NOT NULL,
    from_date     timestamptz NOT NULL,
    to_date       timestamptz NOT NULL,
    detected_at   timestamptz NOT NULL,
    cause         text        NOT NULL,
    closed        boolean     NOT NULL,
    closed_at     timestamptz,
    PRIMARY KEY (feed_base_url, from_date, to_date)
);
CREATE INDEX feed_gap_from_idx ON feed_gap (from_date);
