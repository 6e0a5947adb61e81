-- Fault reports (felanmälan) over Open311 GeoReport v2 and the web form: the services a
-- municipality takes reports for (with the unit that handles each and the extra questions
-- Open311 calls attributes), the reports, and each report's status changes.

CREATE TABLE fault_services (
    id {{identity}},
    municipality_code TEXT NOT NULL REFERENCES municipalities(code),
    -- The Open311 service_code.
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    service_group TEXT NOT NULL DEFAULT '',
    keywords TEXT NOT NULL DEFAULT '',
    unit_id BIGINT,
    -- Open311 attributes as a JSON array (lots_domain::open311::Attribute).
    attributes TEXT NOT NULL DEFAULT '[]',
    active BIGINT NOT NULL DEFAULT 1,
    UNIQUE (municipality_code, code),
    UNIQUE (id, municipality_code),
    FOREIGN KEY (unit_id, municipality_code) REFERENCES units(id, municipality_code)
);

CREATE TABLE fault_reports (
    id {{identity}},
    municipality_code TEXT NOT NULL REFERENCES municipalities(code),
    service_id BIGINT NOT NULL,
    -- Open311's token: given at once, exchanged for the request id.
    token TEXT NOT NULL UNIQUE,
    -- received, in_progress, resolved, rejected (Open311: the last two are closed).
    status TEXT NOT NULL DEFAULT 'received'
        CHECK (status IN ('received', 'in_progress', 'resolved', 'rejected')),
    status_notes TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    latitude DOUBLE PRECISION,
    longitude DOUBLE PRECISION,
    address TEXT NOT NULL DEFAULT '',
    -- The reporter: personal data, shown to staff who may see it.
    email TEXT NOT NULL DEFAULT '',
    first_name TEXT NOT NULL DEFAULT '',
    last_name TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    company_id BIGINT,
    attributes TEXT NOT NULL DEFAULT '{}',
    media_url TEXT NOT NULL DEFAULT '',
    -- open311 or web.
    channel TEXT NOT NULL,
    requested_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (id, municipality_code),
    FOREIGN KEY (service_id, municipality_code) REFERENCES fault_services(id, municipality_code),
    FOREIGN KEY (company_id, municipality_code) REFERENCES companies(id, municipality_code)
);
CREATE INDEX fault_reports_requested ON fault_reports(municipality_code, requested_at);
CREATE INDEX fault_reports_company ON fault_reports(company_id);

CREATE TABLE fault_report_events (
    id {{identity}},
    municipality_code TEXT NOT NULL,
    report_id BIGINT NOT NULL,
    at BIGINT NOT NULL,
    status TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    actor TEXT NOT NULL,
    FOREIGN KEY (report_id, municipality_code) REFERENCES fault_reports(id, municipality_code)
);
CREATE INDEX fault_report_events_report ON fault_report_events(report_id);
