-- Cases from the case systems and the contact log: the municipality's service areas, its
-- cases with the dates their deadlines follow from, the contacts companies make, and the
-- unit a survey answer concerns (Insikt breaks results down by area and unit).

CREATE TABLE service_areas (
    id {{identity}},
    municipality_code TEXT NOT NULL REFERENCES municipalities(code),
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    -- Closed cases are followed by the Insikt survey.
    measured BIGINT NOT NULL DEFAULT 0,
    -- lots_domain::cases::DeadlineRule: 'pbl' or 'none'.
    rule TEXT NOT NULL DEFAULT 'none' CHECK (rule IN ('pbl', 'none')),
    UNIQUE (municipality_code, code),
    UNIQUE (id, municipality_code)
);

CREATE TABLE cases (
    id {{identity}},
    municipality_code TEXT NOT NULL REFERENCES municipalities(code),
    -- The diarienummer, as the case system writes it.
    reference TEXT NOT NULL,
    -- Set when the organisationsnummer is in the register.
    company_id BIGINT,
    orgnr TEXT NOT NULL DEFAULT '',
    company_name TEXT NOT NULL DEFAULT '',
    contact_email TEXT NOT NULL DEFAULT '',
    contact_phone TEXT NOT NULL DEFAULT '',
    area_id BIGINT NOT NULL,
    unit_id BIGINT,
    officer TEXT NOT NULL DEFAULT '',
    -- Dates as YYYY-MM-DD, Europe/Stockholm.
    received_on TEXT,
    complete_on TEXT,
    decided_on TEXT,
    closed_on TEXT,
    -- The one extension PBL allows, in weeks, and the decision that recorded it.
    extension_weeks BIGINT NOT NULL DEFAULT 0,
    extension_decision TEXT NOT NULL DEFAULT '',
    decision TEXT NOT NULL DEFAULT '',
    fee_sek BIGINT,
    -- Written with the dates (lots_domain::cases): days from received to decided, and
    -- whether the decision met the statutory deadline (NULL: none, or not decided); the
    -- counts of migration 0011 are kept from them.
    handling_days BIGINT,
    deadline_met BIGINT,
    -- The Insikt survey after closing: '' (not due), 'queued', 'invited', 'no_contact',
    -- 'quarantine' or 'not_measured'.
    survey_state TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (municipality_code, reference),
    UNIQUE (id, municipality_code),
    FOREIGN KEY (area_id, municipality_code) REFERENCES service_areas(id, municipality_code),
    FOREIGN KEY (company_id, municipality_code) REFERENCES companies(id, municipality_code),
    FOREIGN KEY (unit_id, municipality_code) REFERENCES units(id, municipality_code)
);
CREATE INDEX cases_area ON cases(municipality_code, area_id, received_on);
CREATE INDEX cases_company ON cases(company_id);
CREATE INDEX cases_survey ON cases(municipality_code, survey_state);

CREATE TABLE contact_reasons (
    id {{identity}},
    municipality_code TEXT NOT NULL REFERENCES municipalities(code),
    name TEXT NOT NULL,
    position BIGINT NOT NULL DEFAULT 0,
    active BIGINT NOT NULL DEFAULT 1,
    UNIQUE (municipality_code, name),
    UNIQUE (id, municipality_code)
);

CREATE TABLE contact_log (
    id {{identity}},
    municipality_code TEXT NOT NULL REFERENCES municipalities(code),
    at BIGINT NOT NULL,
    -- phone, email, desk, meeting, web
    channel TEXT NOT NULL CHECK (channel IN ('phone', 'email', 'desk', 'meeting', 'web')),
    reason_id BIGINT NOT NULL,
    company_id BIGINT,
    case_id BIGINT,
    -- Resolved at first contact, or passed on to a unit.
    resolved BIGINT NOT NULL DEFAULT 1,
    passed_to_unit_id BIGINT,
    note TEXT NOT NULL DEFAULT '',
    unit_id BIGINT,
    logged_by TEXT NOT NULL,
    FOREIGN KEY (reason_id, municipality_code) REFERENCES contact_reasons(id, municipality_code),
    FOREIGN KEY (company_id, municipality_code) REFERENCES companies(id, municipality_code),
    FOREIGN KEY (case_id, municipality_code) REFERENCES cases(id, municipality_code),
    FOREIGN KEY (passed_to_unit_id, municipality_code) REFERENCES units(id, municipality_code),
    FOREIGN KEY (unit_id, municipality_code) REFERENCES units(id, municipality_code)
);
CREATE INDEX contact_log_at ON contact_log(municipality_code, at);

ALTER TABLE survey_invitations ADD COLUMN unit TEXT NOT NULL DEFAULT '';
ALTER TABLE survey_invitations ADD COLUMN case_id BIGINT;
ALTER TABLE survey_responses ADD COLUMN unit TEXT NOT NULL DEFAULT '';
