-- Surveys: question batteries as versioned templates, survey rounds with their invited
-- companies and personal links, and the responses (answers as JSON against the exact
-- battery version they answered).

CREATE TABLE batteries (
    id {{identity}},
    municipality_code TEXT NOT NULL REFERENCES municipalities(code),
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    UNIQUE (municipality_code, code),
    UNIQUE (id, municipality_code)
);

-- A version with published_at set is immutable (a trigger refuses changes); editing a
-- published battery makes a new draft version.
CREATE TABLE battery_versions (
    id {{identity}},
    municipality_code TEXT NOT NULL,
    battery_id BIGINT NOT NULL,
    version BIGINT NOT NULL,
    definition TEXT NOT NULL,
    published_at BIGINT,
    UNIQUE (battery_id, version),
    UNIQUE (id, municipality_code),
    FOREIGN KEY (battery_id, municipality_code) REFERENCES batteries(id, municipality_code)
);

CREATE TABLE survey_rounds (
    id {{identity}},
    municipality_code TEXT NOT NULL,
    battery_version_id BIGINT NOT NULL,
    name TEXT NOT NULL,
    -- Dates as YYYY-MM-DD, Europe/Stockholm; the round is open from opens_on through closes_on.
    opens_on TEXT NOT NULL,
    closes_on TEXT NOT NULL,
    anonymous BIGINT NOT NULL DEFAULT 0,
    quarantine_months BIGINT NOT NULL DEFAULT 0,
    -- Days after the invitation when a reminder goes out, comma-separated (at most three).
    reminder_days TEXT NOT NULL DEFAULT '',
    -- Keys anonymous responses to their invitation without naming it.
    salt TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    UNIQUE (id, municipality_code),
    FOREIGN KEY (battery_version_id, municipality_code) REFERENCES battery_versions(id, municipality_code)
);

CREATE TABLE survey_invitations (
    id {{identity}},
    municipality_code TEXT NOT NULL,
    round_id BIGINT NOT NULL,
    company_id BIGINT,
    contact_id BIGINT,
    email TEXT NOT NULL,
    language TEXT NOT NULL DEFAULT 'sv',
    -- Background for breakdowns, as the company was when invited.
    area TEXT NOT NULL DEFAULT '',
    industry TEXT NOT NULL DEFAULT '',
    size_class TEXT NOT NULL DEFAULT '',
    sent_at BIGINT,
    reminders_sent BIGINT NOT NULL DEFAULT 0,
    delivery_error TEXT NOT NULL DEFAULT '',
    answered BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    UNIQUE (round_id, company_id),
    UNIQUE (id, municipality_code),
    FOREIGN KEY (round_id, municipality_code) REFERENCES survey_rounds(id, municipality_code),
    FOREIGN KEY (company_id, municipality_code) REFERENCES companies(id, municipality_code)
);
CREATE INDEX survey_invitations_company ON survey_invitations(company_id);
-- Counting a round's invited and answered reads this index alone.
CREATE INDEX survey_invitations_answered ON survey_invitations(round_id, answered);

-- Every link sent (the invitation and each reminder) opens the same response; only the
-- SHA-256 of the token is kept.
CREATE TABLE survey_links (
    token_hash TEXT PRIMARY KEY,
    municipality_code TEXT NOT NULL,
    invitation_id BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    FOREIGN KEY (invitation_id, municipality_code) REFERENCES survey_invitations(id, municipality_code)
);

CREATE TABLE survey_responses (
    id {{identity}},
    municipality_code TEXT NOT NULL,
    round_id BIGINT NOT NULL,
    -- NULL in an anonymous round: the response is found by respondent_key alone.
    invitation_id BIGINT,
    respondent_key TEXT NOT NULL UNIQUE,
    answers TEXT NOT NULL,
    area TEXT NOT NULL DEFAULT '',
    industry TEXT NOT NULL DEFAULT '',
    size_class TEXT NOT NULL DEFAULT '',
    -- 'web' or 'phone' (entered by staff).
    channel TEXT NOT NULL DEFAULT 'web',
    -- NULL while a saved draft.
    submitted_at BIGINT,
    updated_at BIGINT NOT NULL,
    FOREIGN KEY (round_id, municipality_code) REFERENCES survey_rounds(id, municipality_code)
);
CREATE INDEX survey_responses_round ON survey_responses(round_id, submitted_at);

-- if sqlite
CREATE TRIGGER battery_versions_published_are_final BEFORE UPDATE ON battery_versions
WHEN OLD.published_at IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'a published battery version cannot change');
END;
CREATE TRIGGER battery_versions_published_stay BEFORE DELETE ON battery_versions
WHEN OLD.published_at IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'a published battery version cannot change');
END;
-- if postgres
CREATE FUNCTION battery_versions_final() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.published_at IS NOT NULL THEN
        RAISE EXCEPTION 'a published battery version cannot change';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER battery_versions_published_are_final BEFORE UPDATE OR DELETE ON battery_versions
    FOR EACH ROW EXECUTE FUNCTION battery_versions_final();
-- end if
