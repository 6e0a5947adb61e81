-- Only companies placed in an area belong in the area filter's index. A national register
-- imported without areas then adds nothing to it, where every row used to be sorted into
-- it. Queries on it compare area_id, which implies it is not NULL, so they still use it.
DROP INDEX companies_area;
CREATE INDEX companies_area ON companies(municipality_code, area_id, sort_key)
    WHERE area_id IS NOT NULL;
