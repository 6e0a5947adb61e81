-- A counter per municipality that every change to the company register bumps, so a search
-- index held in memory knows when it is out of date, in any number of server processes.
CREATE TABLE search_versions (
    municipality_code TEXT PRIMARY KEY REFERENCES municipalities(code),
    version BIGINT NOT NULL
);
