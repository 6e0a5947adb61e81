-- Visit campaigns: the registered conflicts of interest (jäv) between staff and companies,
-- a campaign with its officers and candidate companies, and the planned visits with the
-- sentence that explains each pair.

CREATE TABLE conflicts_of_interest (
    id {{identity}},
    municipality_code TEXT NOT NULL REFERENCES municipalities(code),
    user_id BIGINT NOT NULL REFERENCES users(id),
    company_id BIGINT NOT NULL,
    reason TEXT NOT NULL,
    registered_by TEXT NOT NULL,
    registered_at BIGINT NOT NULL,
    UNIQUE (user_id, company_id),
    FOREIGN KEY (company_id, municipality_code) REFERENCES companies(id, municipality_code)
);

CREATE TABLE campaigns (
    id {{identity}},
    municipality_code TEXT NOT NULL REFERENCES municipalities(code),
    name TEXT NOT NULL,
    purpose TEXT NOT NULL DEFAULT '',
    starts_on TEXT NOT NULL,
    ends_on TEXT NOT NULL,
    visits_per_officer BIGINT NOT NULL CHECK (visits_per_officer > 0),
    status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'planned', 'running', 'closed')),
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    UNIQUE (id, municipality_code)
);

CREATE TABLE campaign_officers (
    campaign_id BIGINT NOT NULL REFERENCES campaigns(id),
    user_id BIGINT NOT NULL REFERENCES users(id),
    visits BIGINT NOT NULL,
    PRIMARY KEY (campaign_id, user_id)
);

CREATE TABLE campaign_candidates (
    campaign_id BIGINT NOT NULL REFERENCES campaigns(id),
    company_id BIGINT NOT NULL REFERENCES companies(id),
    -- 0–100: how much the municipality wants the company visited.
    priority BIGINT NOT NULL DEFAULT 50,
    PRIMARY KEY (campaign_id, company_id)
);

CREATE TABLE visits (
    id {{identity}},
    municipality_code TEXT NOT NULL,
    campaign_id BIGINT NOT NULL,
    company_id BIGINT NOT NULL,
    officer_user_id BIGINT NOT NULL REFERENCES users(id),
    status TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'booked', 'done', 'cancelled')),
    -- Why the plan chose this pair, in one sentence.
    explanation TEXT NOT NULL DEFAULT '',
    cost BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    UNIQUE (campaign_id, company_id),
    FOREIGN KEY (campaign_id, municipality_code) REFERENCES campaigns(id, municipality_code),
    FOREIGN KEY (company_id, municipality_code) REFERENCES companies(id, municipality_code)
);
CREATE INDEX visits_company ON visits(company_id);
