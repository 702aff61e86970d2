-- The queue a team deployment's bridges and workers share (on PostgreSQL): a bridge alone leaves these columns at
-- their defaults. A worker holds a running job under a lease it renews; a job whose lease ran out is claimed again.
-- The model a worker must have loaded to run it; null: any worker.
ALTER TABLE jobs ADD COLUMN model TEXT;
-- Fair order between tokens: a job's turn is its token's previous turn + 1, but never before the queue's current turn,
-- so a token's single job waits for one job of each other token, not for their whole batches.
ALTER TABLE jobs ADD COLUMN turn BIGINT NOT NULL DEFAULT 0;
-- The worker running the job and when its lease ends (milliseconds since 1970); null when no worker holds it.
ALTER TABLE jobs ADD COLUMN lease_owner TEXT;
ALTER TABLE jobs ADD COLUMN lease_until BIGINT;
-- When a worker last claimed the job (milliseconds since 1970): brands take turns by when they were last served.
ALTER TABLE jobs ADD COLUMN claimed_at BIGINT;
-- Set by the bridge a cancel reached; the worker running the job reads it when it renews its lease.
ALTER TABLE jobs ADD COLUMN cancel_requested INTEGER NOT NULL DEFAULT 0;
CREATE INDEX jobs_queue ON jobs (turn, created_at) WHERE status IN ('queued', 'running');
CREATE INDEX jobs_claimed ON jobs (claimed_at);
-- Each team worker's last heartbeat (every few seconds while it runs): what /metrics reports of workers, which serve
-- no HTTP of their own. Memory in bytes; cpu is the process's recent CPU load (0..1, -1 unknown).
CREATE TABLE workers (
    worker_id TEXT PRIMARY KEY,
    models TEXT,
    seen_at BIGINT NOT NULL,
    resident_bytes BIGINT,
    heap_used_bytes BIGINT,
    cpu_load DOUBLE PRECISION,
    -- GPU memory in use on all its GPUs (bytes); null on a worker without CUDA.
    gpu_used_bytes BIGINT
);
