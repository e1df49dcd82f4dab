-- An entity's sales by time, for its page's top countries (GET /api/v1/{artists|labels|releases|tags}/{id}): the
-- rollups have one dimension each, so an artist's countries come from the fact table, through these indexes only.
-- Partial: a sale's ids are null until its release is known, and those rows are never asked for by id. A release's
-- own sales are found by their page URL (sale_release_url_idx, V4), as they count for it before it is read.
CREATE INDEX sale_artist_id_idx ON sale (artist_id, sold_at) WHERE artist_id IS NOT NULL;
CREATE INDEX sale_label_id_idx ON sale (label_id, sold_at) WHERE label_id IS NOT NULL;
-- A genre's releases (its sales are those of its releases).
CREATE INDEX release_genre_idx ON release (genre) WHERE genre IS NOT NULL;

-- How far back the minute rollups are complete: the loader's retention deletes the windows before deleted_before and
-- records it in the same transaction, so the API knows which minutes it can still sum (no row: none ever deleted).
CREATE TABLE rollup_retention (
    rollup         text        PRIMARY KEY,
    deleted_before timestamptz NOT NULL
);
