-- A visit moved to another officer by hand stays where it was put when the campaign is
-- planned again, as booked and made visits do.
ALTER TABLE visits ADD COLUMN fixed BIGINT NOT NULL DEFAULT 0;
