-- The kohya LoRAs a generation applied, as a JSON list of {name, weight, sha256}; null when none (and for records
-- written before this column existed, when LoRAs could not be applied yet).
ALTER TABLE history ADD COLUMN loras TEXT;
