-- Where a release's sales are, without an index on table sale by release page.
--
-- The loader re-attributes a release's sales when the release becomes known (or its artist or label changes).
-- It found them by sale_release_url_idx, an index that every sale entered at a random place: with the artist
-- index beside it, it cost the loader a third of its rate (BENCHMARKS.md). A release's sales are also found by
-- sale_artist_sold_at_idx, given the artist names they were sold under and the first of their times: this table
-- keeps those, one row per release page and artist name, written by the loader in the transaction of its sales.
-- A release enriched just after its first sales reads only those minutes of its artist's sales.
CREATE TABLE release_sale_span (
    release_url   text        NOT NULL,
    artist        text        NOT NULL,
    first_sold_at timestamptz NOT NULL,
    PRIMARY KEY (release_url, artist)
);

INSERT INTO release_sale_span (release_url, artist, first_sold_at)
SELECT release_url, artist, min(sold_at) FROM sale WHERE release_url IS NOT NULL GROUP BY release_url, artist;

DROP INDEX sale_release_url_idx;
