-- Versioned LoRA adapters per brand. A row exists from the moment training starts (status 'training'), so a
-- restart can find and resume it; the file is named only once it is completely written (status 'ready').
CREATE TABLE adapters (
    id                TEXT PRIMARY KEY,
    brand             TEXT NOT NULL REFERENCES brands(id) ON DELETE CASCADE,
    version           INTEGER NOT NULL,
    status            TEXT NOT NULL,
    base_model        TEXT NOT NULL,
    base_model_sha256 TEXT,
    dataset_sha256    TEXT NOT NULL,
    dataset_items     INTEGER NOT NULL,
    steps             INTEGER NOT NULL,
    steps_done        INTEGER NOT NULL DEFAULT 0,
    rank              INTEGER NOT NULL,
    learning_rate     REAL NOT NULL,
    seed              INTEGER NOT NULL,
    file_path         TEXT,
    file_sha256       TEXT,
    created_at        TEXT NOT NULL,
    finished_at       TEXT,
    is_current        INTEGER NOT NULL DEFAULT 0,
    evaluation        TEXT,
    UNIQUE (brand, version)
);
CREATE INDEX adapters_status ON adapters (status);
