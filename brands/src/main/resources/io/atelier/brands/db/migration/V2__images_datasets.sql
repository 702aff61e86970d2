-- Images: metadata of content-addressed blobs (blobs/ab/cdef….png|jpg). The id derives from brand + hash, so the
-- same bytes stored for two brands are two rows over one blob.
CREATE TABLE images (
    id         TEXT PRIMARY KEY,
    brand      TEXT REFERENCES brands(id) ON DELETE CASCADE,
    sha256     TEXT NOT NULL,
    mime       TEXT NOT NULL,
    width      INTEGER NOT NULL,
    height     INTEGER NOT NULL,
    size       INTEGER NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX images_brand ON images (brand);

-- A brand's curated training set. Duplicates are found per brand (same hash), never across brands: answering
-- "duplicate" for another brand's image would leak that it exists.
CREATE TABLE dataset_items (
    id               TEXT PRIMARY KEY,
    brand            TEXT NOT NULL REFERENCES brands(id) ON DELETE CASCADE,
    image_id         TEXT NOT NULL REFERENCES images(id) ON DELETE CASCADE,
    sha256           TEXT NOT NULL,
    caption          TEXT,
    caption_proposed INTEGER NOT NULL DEFAULT 0,
    tags             TEXT NOT NULL,
    source           TEXT,
    added_at         TEXT NOT NULL,
    seq              INTEGER NOT NULL,
    UNIQUE (brand, sha256)
);
CREATE INDEX dataset_items_brand ON dataset_items (brand, seq);
