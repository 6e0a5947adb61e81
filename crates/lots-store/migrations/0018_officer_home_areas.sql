-- Where each officer of a campaign sets out from: their home area, or the office when none.
-- The plan weighs the travel from there to each company.
ALTER TABLE campaign_officers ADD COLUMN home_area_id BIGINT REFERENCES areas(id);
