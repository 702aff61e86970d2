-- What a job could not do as asked, as a JSON list of sentences (a palette colour the model did not approach, a
-- capsule piece the judge read otherwise); null when none, and for records written before this column existed.
ALTER TABLE history ADD COLUMN notes TEXT;
