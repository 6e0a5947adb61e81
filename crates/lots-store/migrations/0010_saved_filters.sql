-- Company filters saved under a name, to pick a survey's audience again (e.g. "Logistik i
-- Brunna, 10–49 anställda"). The filter is kept as the list page's query string.
CREATE TABLE saved_filters (
    id {{identity}},
    municipality_code TEXT NOT NULL REFERENCES municipalities(code),
    name TEXT NOT NULL,
    query TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    UNIQUE (municipality_code, name)
);
