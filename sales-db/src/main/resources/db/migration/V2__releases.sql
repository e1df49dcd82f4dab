-- Releases, artists, labels and tags from topic bandcamp.releases (one row per release URL, its latest state),
-- and the link from each sale to its release. Ids are the stable short ids derived from URLs (EntityIds).

CREATE TABLE artist (
    artist_id   text        PRIMARY KEY,
    url         text        NOT NULL,          -- root URL of the artist's site (or of the label's, for an artist without one)
    band_id     bigint,
    name        text        NOT NULL,          -- the latest display name; an artist is its URL, never its name
    location    text,
    updated_at  timestamptz NOT NULL
);
CREATE INDEX artist_url_idx ON artist (url);

CREATE TABLE label (
    label_id    text        PRIMARY KEY,
    url         text        NOT NULL UNIQUE,
    band_id     bigint,
    name        text        NOT NULL,
    location    text,
    updated_at  timestamptz NOT NULL
);

CREATE TABLE release (
    release_id    text        PRIMARY KEY,
    url           text        NOT NULL UNIQUE,   -- canonical: https, lower-case host, no query or trailing slash
    status        text        NOT NULL CHECK (status IN ('pending', 'known', 'gone', 'unreadable')),
    kind          text        CHECK (kind IN ('album', 'track', 'merch')),
    title         text,
    item_id       bigint,
    artist_id     text        REFERENCES artist (artist_id),
    label_id      text        REFERENCES label (label_id),
    genre         text,
    location      text,
    country_code  text,
    release_date  date,
    track_count   integer,
    album_url     text,
    album_title   text,
    source        text,
    http_status   integer,
    problem       text,
    first_seen_at timestamptz NOT NULL,
    fetched_at    timestamptz,
    updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX release_artist_idx ON release (artist_id);
CREATE INDEX release_label_idx ON release (label_id);

-- Canonical tag names and what they are: a genre if any release has it as its genre, else as first seen.
CREATE TABLE tag (
    name   text PRIMARY KEY,
    class  text NOT NULL CHECK (class IN ('genre', 'descriptive', 'location'))
);

-- A release's tags in page order, each with its role on this release (a tag may be one release's genre and
-- another's descriptive tag).
CREATE TABLE release_tag (
    release_id  text    NOT NULL REFERENCES release (release_id) ON DELETE CASCADE,
    tag         text    NOT NULL REFERENCES tag (name),
    role        text    NOT NULL CHECK (role IN ('genre', 'descriptive', 'location')),
    position    integer NOT NULL,
    PRIMARY KEY (release_id, tag)
);
CREATE INDEX release_tag_tag_idx ON release_tag (tag);

-- The canonical URL of the release a sale names (null for items whose page is not a release page).
ALTER TABLE sale ADD COLUMN release_url text;
UPDATE sale
SET release_url = 'https://' || lower(parsed.m[1]) || '/' || parsed.m[2]
FROM (SELECT sale_id,
             regexp_match(url, '^[Hh][Tt][Tt][Pp][Ss]?://([^/:?#]+)(?::[0-9]+)?/+((?:album|track|merch)/[^/?#]+)/*(?:[?#].*)?$') AS m
      FROM sale) AS parsed
WHERE parsed.sale_id = sale.sale_id AND parsed.m IS NOT NULL;
CREATE INDEX sale_release_url_idx ON sale (release_url, sold_at DESC);
