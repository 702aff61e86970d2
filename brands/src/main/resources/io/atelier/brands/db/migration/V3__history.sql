-- Provenance: one row per job, everything needed to regenerate its images exactly. Deleting a brand deletes its
-- history with it (the prompts are the house's confidential material).
CREATE TABLE history (
    id                  TEXT PRIMARY KEY,
    job_id              TEXT NOT NULL,
    kind                TEXT NOT NULL,
    brand               TEXT REFERENCES brands(id) ON DELETE CASCADE,
    client              TEXT,
    status              TEXT NOT NULL,
    request             TEXT NOT NULL,
    prompt              TEXT,
    resolved_prompt     TEXT,
    model               TEXT,
    model_sha256        TEXT,
    adapter             TEXT,
    adapter_sha256      TEXT,
    adapter_weight      REAL,
    dataset_sha256      TEXT,
    width               INTEGER,
    height              INTEGER,
    steps               INTEGER,
    guidance            REAL,
    sampler             TEXT,
    seed                INTEGER,
    image_ids           TEXT NOT NULL,
    digital_source_type TEXT,
    created_at          TEXT NOT NULL,
    finished_at         TEXT
);
CREATE INDEX history_brand_created ON history (brand, created_at);
CREATE INDEX history_created ON history (created_at);
CREATE INDEX history_job ON history (job_id);
