-- The company registry: areas, companies, their contact people and one timeline per
-- company (företagarens resa) that later features add their events to.

CREATE TABLE areas (
    id {{identity}},
    municipality_code TEXT NOT NULL REFERENCES municipalities(code),
    name TEXT NOT NULL,
    sort_key TEXT NOT NULL{{byte_order}},
    UNIQUE (municipality_code, name),
    UNIQUE (id, municipality_code)
);

CREATE TABLE companies (
    id {{identity}},
    municipality_code TEXT NOT NULL REFERENCES municipalities(code),
    -- Canonical NNNNNN-NNNN; a sole trader's personnummer when personal = 1.
    orgnr TEXT NOT NULL,
    personal BIGINT NOT NULL DEFAULT 0,
    legal_form TEXT NOT NULL,
    name TEXT NOT NULL,
    -- One name per line.
    other_names TEXT NOT NULL DEFAULT '',
    sort_key TEXT NOT NULL{{byte_order}},
    -- Folded words of the names and the contact people's names, for search.
    search_text TEXT NOT NULL,
    -- Comma-separated codes, the primary first.
    sni2007 TEXT NOT NULL DEFAULT '',
    sni2025 TEXT NOT NULL DEFAULT '',
    employees BIGINT,
    size_class TEXT NOT NULL DEFAULT '',
    visit_address TEXT NOT NULL DEFAULT '',
    postcode TEXT NOT NULL DEFAULT '',
    town TEXT NOT NULL DEFAULT '',
    latitude DOUBLE PRECISION,
    longitude DOUBLE PRECISION,
    area_id BIGINT,
    -- Comma-separated.
    tags TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'deregistered')),
    notes TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (municipality_code, orgnr),
    UNIQUE (id, municipality_code),
    FOREIGN KEY (area_id, municipality_code) REFERENCES areas(id, municipality_code)
);
CREATE INDEX companies_sort ON companies(municipality_code, sort_key);

CREATE TABLE contacts (
    id {{identity}},
    municipality_code TEXT NOT NULL REFERENCES municipalities(code),
    company_id BIGINT NOT NULL,
    name TEXT NOT NULL,
    role TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    language TEXT NOT NULL DEFAULT 'sv',
    -- GDPR article 6 basis for keeping the person: public_task, legitimate_interest, consent.
    legal_basis TEXT NOT NULL,
    sort_key TEXT NOT NULL{{byte_order}},
    last_activity_at BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    erased_at BIGINT,
    FOREIGN KEY (company_id, municipality_code) REFERENCES companies(id, municipality_code)
);
CREATE INDEX contacts_company ON contacts(company_id);

CREATE TABLE journey_events (
    id {{identity}},
    municipality_code TEXT NOT NULL REFERENCES municipalities(code),
    company_id BIGINT NOT NULL,
    at BIGINT NOT NULL,
    -- note, created, changed, imported, contact, … (later: case, visit, survey, event)
    kind TEXT NOT NULL,
    summary TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '',
    actor TEXT NOT NULL,
    FOREIGN KEY (company_id, municipality_code) REFERENCES companies(id, municipality_code)
);
CREATE INDEX journey_company ON journey_events(company_id, at);
