-- Heartbeats of running jobs: the replica running a backup, verify, restore or export job writes its
-- instance id and refreshes heartbeat_at every few seconds (see JobHeartbeats). A job whose heartbeat
-- is older than jobs.lost-after is failed by any replica with "instance lost"; retryable says that
-- running it again may succeed (the job was lost or interrupted, not wrong).

ALTER TABLE backup_jobs
    ADD COLUMN instance_id  text,
    ADD COLUMN heartbeat_at timestamptz,
    ADD COLUMN retryable    boolean NOT NULL DEFAULT false;

ALTER TABLE export_jobs
    ADD COLUMN instance_id  text,
    ADD COLUMN heartbeat_at timestamptz,
    ADD COLUMN retryable    boolean NOT NULL DEFAULT false;

-- The reaper's scan: only unfinished jobs, by heartbeat (jobs from before this migration have none).
CREATE INDEX backup_jobs_active_heartbeat_idx ON backup_jobs (heartbeat_at) WHERE state IN ('queued', 'running');
CREATE INDEX export_jobs_active_heartbeat_idx ON export_jobs (heartbeat_at) WHERE state IN ('pending', 'running');
