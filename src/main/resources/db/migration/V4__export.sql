-- GDPR data exports (Art. 15 and 20) and the memory of erasures (Art. 17).

-- One export job: a file in one format, owned by one user, kept until expires_at.
-- The file lives at <export.storage-dir>/<user_id>/<id>.<extension>; no path is stored.
CREATE TABLE export_jobs (
    id           uuid PRIMARY KEY,
    user_id      uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    format       text        NOT NULL,
    scope        text        NOT NULL DEFAULT 'all',
    state        text        NOT NULL DEFAULT 'pending',
    progress     integer     NOT NULL DEFAULT 0,
    rows_written bigint      NOT NULL DEFAULT 0,
    size_bytes   bigint,
    sha256       text,
    error        text,
    created_at   timestamptz NOT NULL DEFAULT now(),
    started_at   timestamptz,
    completed_at timestamptz,
    expires_at   timestamptz NOT NULL,
    CONSTRAINT export_jobs_format_check CHECK (format IN ('json', 'csv', 'xml', 'zip')),
    CONSTRAINT export_jobs_scope_check CHECK (scope IN ('all', 'applications')),
    CONSTRAINT export_jobs_state_check CHECK (state IN ('pending', 'running', 'ready', 'failed')),
    CONSTRAINT export_jobs_progress_check CHECK (progress BETWEEN 0 AND 100)
);
-- One export at a time per user: two requests that race cannot both insert an active job.
CREATE UNIQUE INDEX export_jobs_one_active_uq ON export_jobs (user_id) WHERE state IN ('pending', 'running');
-- The user's paged export list, newest first.
CREATE INDEX export_jobs_user_created_idx ON export_jobs (user_id, created_at DESC, id);
-- The cleanup: expired exports.
CREATE INDEX export_jobs_expires_idx ON export_jobs (expires_at);

-- Ids of erased users, and nothing else about them: a restored backup that still holds one of
-- them is erased again. No foreign key: the user row is gone by design.
CREATE TABLE erased_users (
    user_id   uuid PRIMARY KEY,
    erased_at timestamptz NOT NULL DEFAULT now()
);
