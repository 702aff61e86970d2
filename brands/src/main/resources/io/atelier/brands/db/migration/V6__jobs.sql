-- Durable jobs: a job is written here before its id is returned, so that a crash loses nothing accepted. On start,
-- queued and running jobs are run again from their params (generation is deterministic by seed) or failed with a
-- reason; finished ones answer jobs.get until the retention period ends. No foreign key to brands: a job outlives
-- nothing it needs, and a brand deleted under a queued job fails that job rather than the write.
CREATE TABLE jobs (
    job_id            TEXT PRIMARY KEY,
    kind              TEXT NOT NULL,
    owner_token       TEXT NOT NULL,
    brand             TEXT,
    status            TEXT NOT NULL,
    step              INTEGER NOT NULL DEFAULT 0,
    total_steps       INTEGER NOT NULL DEFAULT 0,
    results           TEXT NOT NULL,
    error             TEXT,
    created_at        TEXT NOT NULL,
    finished_at       TEXT,
    attempts          INTEGER NOT NULL DEFAULT 0,
    -- What the job needs to run again (validated params, images by stored id); null for a kind that cannot resume.
    replay            TEXT,
    -- The client's idempotency key: one job per (token, key).
    client_request_id TEXT
);
CREATE UNIQUE INDEX jobs_client_request ON jobs (owner_token, client_request_id) WHERE client_request_id IS NOT NULL;
CREATE INDEX jobs_unfinished ON jobs (status) WHERE status IN ('queued', 'running');
CREATE INDEX jobs_created ON jobs (created_at);
