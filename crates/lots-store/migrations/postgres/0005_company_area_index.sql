-- Counting the companies of each area (the list page's area filter) reads this index
-- instead of the whole register.
CREATE INDEX companies_area ON companies(municipality_code, area_id);
