-- Visit campaigns, second part: the battery the officers carry and the follow-up survey
-- round; officers' working hours and absences; offered time slots, bookings with a personal
-- link (stored hashed) and a calendar sequence; the battery's answers on the visit; the
-- issues the company raised, each with an owner and a date to hear back by (återkoppling);
-- each officer's private calendar feed; and the checklists (punktlistor) offices take up.

ALTER TABLE campaigns ADD COLUMN battery_version_id BIGINT REFERENCES battery_versions(id);
ALTER TABLE campaigns ADD COLUMN follow_up_round_id BIGINT REFERENCES survey_rounds(id);
ALTER TABLE campaigns ADD COLUMN visit_minutes BIGINT NOT NULL DEFAULT 90;

ALTER TABLE campaign_officers ADD COLUMN day_starts TEXT NOT NULL DEFAULT '08:00';
ALTER TABLE campaign_officers ADD COLUMN day_ends TEXT NOT NULL DEFAULT '16:30';

ALTER TABLE visits ADD COLUMN companion_user_id BIGINT REFERENCES users(id);
ALTER TABLE visits ADD COLUMN starts_at BIGINT;
ALTER TABLE visits ADD COLUMN ends_at BIGINT;
-- Raised with every booking, change and cancellation: the calendar file's SEQUENCE, and the
-- version a booking form saw, so two people booking the same visit at once cannot both win.
ALTER TABLE visits ADD COLUMN sequence BIGINT NOT NULL DEFAULT 0;
-- The battery's answers, as JSON keyed by question id.
ALTER TABLE visits ADD COLUMN answers TEXT NOT NULL DEFAULT '{}';
-- An officer is never booked twice at the same time.
CREATE UNIQUE INDEX visits_officer_time ON visits(officer_user_id, starts_at) WHERE status = 'booked';

-- The company's personal booking links, stored hashed; each mail brings a new one and the
-- earlier ones keep working until a week after the campaign.
CREATE TABLE visit_links (
    token_hash TEXT PRIMARY KEY,
    municipality_code TEXT NOT NULL REFERENCES municipalities(code),
    visit_id BIGINT NOT NULL REFERENCES visits(id),
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);

CREATE TABLE visit_slots (
    id {{identity}},
    visit_id BIGINT NOT NULL REFERENCES visits(id),
    starts_at BIGINT NOT NULL,
    ends_at BIGINT NOT NULL,
    UNIQUE (visit_id, starts_at)
);

CREATE TABLE staff_absences (
    id {{identity}},
    municipality_code TEXT NOT NULL REFERENCES municipalities(code),
    user_id BIGINT NOT NULL REFERENCES users(id),
    starts_on TEXT NOT NULL,
    ends_on TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX staff_absences_user ON staff_absences(user_id);

CREATE TABLE feedback_items (
    id {{identity}},
    municipality_code TEXT NOT NULL REFERENCES municipalities(code),
    visit_id BIGINT NOT NULL REFERENCES visits(id),
    company_id BIGINT NOT NULL,
    issue TEXT NOT NULL,
    owner_user_id BIGINT NOT NULL REFERENCES users(id),
    due_on TEXT NOT NULL,
    done_on TEXT,
    answer TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    FOREIGN KEY (company_id, municipality_code) REFERENCES companies(id, municipality_code)
);
CREATE INDEX feedback_items_visit ON feedback_items(visit_id);
CREATE INDEX feedback_items_owner ON feedback_items(owner_user_id, done_on);

ALTER TABLE users ADD COLUMN calendar_token_hash TEXT;
CREATE UNIQUE INDEX users_calendar_token ON users(calendar_token_hash);

CREATE TABLE checklists (
    id {{identity}},
    municipality_code TEXT NOT NULL REFERENCES municipalities(code),
    campaign_id BIGINT REFERENCES campaigns(id),
    title TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE checklist_versions (
    id {{identity}},
    checklist_id BIGINT NOT NULL REFERENCES checklists(id),
    version BIGINT NOT NULL,
    -- One item per line.
    items TEXT NOT NULL,
    published_at BIGINT,
    published_by TEXT,
    UNIQUE (checklist_id, version)
);

CREATE TABLE checklist_units (
    version_id BIGINT NOT NULL REFERENCES checklist_versions(id),
    unit_id BIGINT NOT NULL REFERENCES units(id),
    acknowledged_by TEXT,
    acknowledged_at BIGINT,
    PRIMARY KEY (version_id, unit_id)
);
