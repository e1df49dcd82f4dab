-- The loader writes sales from several consumers at once (LOADER_SALES_CONSUMERS), so two transactions can meet a
-- new month together: both find its partition missing and both create it. The second waits for the first's lock
-- on table sale, then finds the name taken once the first commits: that is the partition it wanted, not an error.
CREATE OR REPLACE FUNCTION sale_month_partition(at timestamptz) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
    month_start timestamptz := date_trunc('month', at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC';
    name        text := 'sale_' || to_char(month_start AT TIME ZONE 'UTC', 'YYYY_MM');
BEGIN
    IF to_regclass(name) IS NULL THEN
        BEGIN
            EXECUTE format('CREATE TABLE %I PARTITION OF sale FOR VALUES FROM (%L) TO (%L)',
                           name, month_start, month_start + interval '1 month');
        EXCEPTION WHEN duplicate_table THEN
            NULL; -- made by a transaction that has committed meanwhile
        END;
    END IF;
    RETURN name;
END $$;
