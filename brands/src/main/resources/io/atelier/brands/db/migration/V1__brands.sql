-- Brands: one row per house. Lists (languages, palette, vocabulary) are JSON arrays: they are always read and
-- replaced whole, never queried inside.
CREATE TABLE brands (
    id            TEXT PRIMARY KEY,
    display_name  TEXT NOT NULL,
    languages     TEXT NOT NULL,
    palette       TEXT NOT NULL,
    vocabulary    TEXT NOT NULL,
    embed_prompt  INTEGER NOT NULL,
    trigger_token TEXT NOT NULL UNIQUE,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
