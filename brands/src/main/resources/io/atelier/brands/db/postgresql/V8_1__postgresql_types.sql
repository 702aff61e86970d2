-- PostgreSQL only (SQLite never sees this folder): what makes the shared migrations mean on PostgreSQL what they
-- mean on SQLite, so that the repositories' SQL is one text for both.

-- SQLite stores every INTEGER in up to 64 bits and every REAL as a double; PostgreSQL's INTEGER is 32 bits and its
-- REAL a single-precision float. Seeds are 64-bit; weights and guidance must read back as written.
ALTER TABLE history ALTER COLUMN seed TYPE BIGINT,
                    ALTER COLUMN adapter_weight TYPE DOUBLE PRECISION,
                    ALTER COLUMN guidance TYPE DOUBLE PRECISION;
ALTER TABLE adapters ALTER COLUMN seed TYPE BIGINT,
                     ALTER COLUMN learning_rate TYPE DOUBLE PRECISION;
ALTER TABLE images ALTER COLUMN size TYPE BIGINT;
ALTER TABLE dataset_items ALTER COLUMN seq TYPE BIGINT;

-- SQLite breaks ties between equal timestamps by its built-in rowid (insertion order); PostgreSQL gets a column of
-- that name filled the same way, so "ORDER BY created_at DESC, rowid DESC" reads the same on both.
ALTER TABLE history ADD COLUMN rowid BIGINT GENERATED ALWAYS AS IDENTITY;
ALTER TABLE jobs ADD COLUMN rowid BIGINT GENERATED ALWAYS AS IDENTITY;

-- Timestamps are ISO-8601 text compared as text (retention, ordering). SQLite compares bytes; PostgreSQL compares by
-- the database's collation, which in a locale like en_US skips punctuation. Byte order ("C") for those columns.
ALTER TABLE history ALTER COLUMN created_at TYPE TEXT COLLATE "C",
                    ALTER COLUMN finished_at TYPE TEXT COLLATE "C";
ALTER TABLE jobs ALTER COLUMN created_at TYPE TEXT COLLATE "C",
                 ALTER COLUMN finished_at TYPE TEXT COLLATE "C";
ALTER TABLE adapters ALTER COLUMN created_at TYPE TEXT COLLATE "C";
