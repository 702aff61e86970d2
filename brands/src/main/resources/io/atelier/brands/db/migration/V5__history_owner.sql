-- Who asked for an unbranded job. A token scoped to brands sees its brands' records and only the unbranded records
-- it made itself: in an agency serving several houses, one house's unbranded experiments are not another's to read.
-- Records written before this column existed have no owner and are visible to the admin token only.
ALTER TABLE history ADD COLUMN owner_token TEXT;
CREATE INDEX history_owner ON history(owner_token) WHERE brand IS NULL;
