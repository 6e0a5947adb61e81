-- The platform: reference data, tenants, organisers, units, staff, sessions, tokens,
-- the audit log and the job queue. Times are Unix seconds (UTC) in BIGINT columns.

CREATE TABLE lots_meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE counties (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL
);

CREATE TABLE municipalities (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    county_code TEXT NOT NULL REFERENCES counties(code),
-- if sqlite
    hosted INTEGER NOT NULL DEFAULT 0
-- if postgres
    hosted BIGINT NOT NULL DEFAULT 0
-- end if
);

CREATE TABLE organisers (
    id {{identity}},
    name TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('regional', 'national')),
    created_at BIGINT NOT NULL
);

CREATE TABLE organiser_members (
    organiser_id BIGINT NOT NULL REFERENCES organisers(id) ON DELETE CASCADE,
    municipality_code TEXT NOT NULL REFERENCES municipalities(code),
    PRIMARY KEY (organiser_id, municipality_code)
);

CREATE TABLE units (
    id {{identity}},
    municipality_code TEXT NOT NULL REFERENCES municipalities(code),
    parent_id BIGINT,
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('forvaltning', 'kontor', 'enhet')),
    created_at BIGINT NOT NULL,
    UNIQUE (id, municipality_code),
    -- A unit's parent is always in the same municipality.
    FOREIGN KEY (parent_id, municipality_code) REFERENCES units(id, municipality_code)
);
CREATE INDEX units_municipality ON units(municipality_code);

CREATE TABLE users (
    id {{identity}},
    municipality_code TEXT REFERENCES municipalities(code),
    organiser_id BIGINT REFERENCES organisers(id),
    unit_id BIGINT,
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    -- Swedish order as bytes (lots_domain::collation::sort_key) and the lower-cased text
    -- that a directory search matches, both written with the name.
    sort_key TEXT NOT NULL{{byte_order}},
    search_text TEXT NOT NULL,
    -- Role codes, comma-separated: one row carries a user's access.
    roles TEXT NOT NULL,
    password_hash TEXT,
    status TEXT NOT NULL CHECK (status IN ('invited', 'active', 'disabled')),
    language TEXT NOT NULL DEFAULT 'sv' CHECK (language IN ('sv', 'en')),
    created_at BIGINT NOT NULL,
    last_sign_in_at BIGINT,
    CHECK ((municipality_code IS NULL) <> (organiser_id IS NULL)),
    CHECK (unit_id IS NULL OR municipality_code IS NOT NULL),
    FOREIGN KEY (unit_id, municipality_code) REFERENCES units(id, municipality_code)
);
CREATE INDEX users_municipality ON users(municipality_code, sort_key);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    ip TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE invitations (
    token_hash TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT
);
CREATE INDEX invitations_user ON invitations(user_id);

CREATE TABLE sign_in_failures (
    id {{identity}},
    email TEXT NOT NULL,
    ip TEXT NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX sign_in_failures_email ON sign_in_failures(email, at);
CREATE INDEX sign_in_failures_ip ON sign_in_failures(ip, at);

CREATE TABLE api_tokens (
    id {{identity}},
    municipality_code TEXT NOT NULL REFERENCES municipalities(code),
    name TEXT NOT NULL,
    scope TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    prefix TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    created_by TEXT NOT NULL,
    last_used_at BIGINT,
    revoked_at BIGINT
);
CREATE INDEX api_tokens_municipality ON api_tokens(municipality_code);

CREATE TABLE audit_log (
    id {{identity}},
    at BIGINT NOT NULL,
    municipality_code TEXT REFERENCES municipalities(code),
    organiser_id BIGINT REFERENCES organisers(id),
    actor_user_id BIGINT REFERENCES users(id),
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    record_type TEXT NOT NULL,
    record_id TEXT NOT NULL,
    ip TEXT NOT NULL DEFAULT '',
    detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_municipality ON audit_log(municipality_code, at);

-- if sqlite
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
-- if postgres
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only';
END;
$$;
CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
-- end if

CREATE TABLE jobs (
    id {{identity}},
    municipality_code TEXT REFERENCES municipalities(code),
    kind TEXT NOT NULL,
    payload TEXT NOT NULL,
    idempotency_key TEXT NOT NULL UNIQUE,
    status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed')),
    attempts BIGINT NOT NULL DEFAULT 0,
    max_attempts BIGINT NOT NULL,
    run_at BIGINT NOT NULL,
    locked_until BIGINT,
    last_error TEXT,
    created_at BIGINT NOT NULL,
    finished_at BIGINT
);
CREATE INDEX jobs_due ON jobs(status, run_at);
