-- How often a municipality sends the Insikt survey after closed cases: every month or every
-- quarter, as Insikt lets each municipality choose.
ALTER TABLE municipalities ADD COLUMN case_survey_batch TEXT NOT NULL DEFAULT 'month'
    CHECK (case_survey_batch IN ('month', 'quarter'));
