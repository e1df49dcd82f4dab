-- An artist's and a label's name and URL are those of the latest page read (by when it was read), whatever order
-- the loader meets the releases in: bandcamp.releases' partitions are read in no fixed order, and a replay into a
-- fresh database must give the same rows. Existing rows count as read when they were last updated; the default
-- is for writers other than the loader.
ALTER TABLE artist ADD COLUMN seen_at timestamptz;
UPDATE artist SET seen_at = updated_at;
ALTER TABLE artist ALTER COLUMN seen_at SET NOT NULL, ALTER COLUMN seen_at SET DEFAULT now();
ALTER TABLE label ADD COLUMN seen_at timestamptz;
UPDATE label SET seen_at = updated_at;
ALTER TABLE label ALTER COLUMN seen_at SET NOT NULL, ALTER COLUMN seen_at SET DEFAULT now();
