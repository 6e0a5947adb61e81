-- One row per import of a company file. A company the import created names it and its
-- line, and its journey shows the import from there: a million new companies are not a
-- million journey rows. Updated companies still get a journey row each.
CREATE TABLE company_imports (
    id {{identity}},
    municipality_code TEXT NOT NULL REFERENCES municipalities(code),
    actor TEXT NOT NULL,
    at BIGINT NOT NULL
);
ALTER TABLE companies ADD COLUMN import_id BIGINT REFERENCES company_imports(id);
ALTER TABLE companies ADD COLUMN import_line BIGINT;
