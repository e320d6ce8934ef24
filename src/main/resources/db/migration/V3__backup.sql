-- Backups: the bookkeeping that incremental backups and backup jobs need. These tables start with
-- "backup_" and are neither backed up nor replaced by a restore.

-- Which history of the data the backups describe. A restore starts a new lineage, so an
-- incremental backup never builds on a base taken before the data was replaced.
CREATE TABLE backup_state (
    singleton boolean PRIMARY KEY DEFAULT true,
    lineage   uuid    NOT NULL,
    CONSTRAINT backup_state_singleton CHECK (singleton)
);
INSERT INTO backup_state (lineage) VALUES (gen_random_uuid());

-- Tombstones: the keys of deleted rows, so that an incremental backup can carry deletions.
-- xid is the deleting transaction: an incremental takes the tombstones its base could not see.
-- A row_key of NULL records a TRUNCATE of the whole table.
CREATE TABLE backup_deletions (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    table_name text  NOT NULL,
    row_key    jsonb,
    xid        xid8  NOT NULL DEFAULT pg_current_xact_id()
);

-- Called by the statement triggers that the service puts on every backed-up table (see
-- BackupCatalog): one trigger for DELETE (with the deleted rows as a transition table, the
-- primary key columns as arguments) and one for TRUNCATE. A restore switches it off for its own
-- transaction with SET LOCAL careerdata.restoring = 'on'.
CREATE FUNCTION backup_record_deletions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('careerdata.restoring', true) = 'on' THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'TRUNCATE' THEN
        INSERT INTO backup_deletions (table_name, row_key) VALUES (TG_TABLE_NAME, NULL);
    ELSE
        INSERT INTO backup_deletions (table_name, row_key)
        SELECT TG_TABLE_NAME,
               (SELECT jsonb_object_agg(k.key, k.value) FROM jsonb_each(to_jsonb(d)) k WHERE k.key = ANY (TG_ARGV))
        FROM backup_deleted_rows d;
    END IF;
    RETURN NULL;
END
$$;

-- Backup, verify and restore jobs, shared by all replicas so any of them can answer GET /jobs/{id}.
CREATE TABLE backup_jobs (
    id           uuid        PRIMARY KEY,
    kind         text        NOT NULL,
    state        text        NOT NULL,
    backup_id    text,
    actor        text        NOT NULL,
    tables_done  integer     NOT NULL DEFAULT 0,
    tables_total integer     NOT NULL DEFAULT 0,
    rows_done    bigint      NOT NULL DEFAULT 0,
    rows_total   bigint      NOT NULL DEFAULT 0,
    result       jsonb,
    error        text,
    revision     integer     NOT NULL DEFAULT 0,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    finished_at  timestamptz,
    CONSTRAINT backup_jobs_kind_check CHECK (kind IN ('backup', 'verify', 'restore', 'dry-run', 'drill')),
    CONSTRAINT backup_jobs_state_check CHECK (state IN ('queued', 'running', 'succeeded', 'failed', 'skipped'))
);
-- Removing finished jobs past their retention.
CREATE INDEX backup_jobs_created_idx ON backup_jobs (created_at);
