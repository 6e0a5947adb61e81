-- Networks of companies and of staff with their members, meetings, attendance and actions;
-- events with capacity, personal links, a waiting list and check-in; addresses that asked
-- not to be invited again (kept only as a hash); staff training courses, sessions and
-- attendance.

CREATE TABLE networks (
    id {{identity}},
    municipality_code TEXT NOT NULL REFERENCES municipalities(code),
    name TEXT NOT NULL,
    -- external: companies; internal: staff across offices.
    kind TEXT NOT NULL CHECK (kind IN ('external', 'internal')),
    purpose TEXT NOT NULL DEFAULT '',
    owner_user_id BIGINT REFERENCES users(id),
    created_at BIGINT NOT NULL,
    UNIQUE (municipality_code, name),
    UNIQUE (id, municipality_code)
);

CREATE TABLE network_members (
    id {{identity}},
    municipality_code TEXT NOT NULL,
    network_id BIGINT NOT NULL,
    -- A company (with the person who takes part for it) or a staff member.
    company_id BIGINT,
    contact_id BIGINT REFERENCES contacts(id),
    user_id BIGINT REFERENCES users(id),
    joined_on TEXT NOT NULL,
    left_on TEXT,
    CHECK ((company_id IS NULL) <> (user_id IS NULL)),
    UNIQUE (id, municipality_code),
    FOREIGN KEY (network_id, municipality_code) REFERENCES networks(id, municipality_code),
    FOREIGN KEY (company_id, municipality_code) REFERENCES companies(id, municipality_code)
);
CREATE INDEX network_members_network ON network_members(network_id);
CREATE INDEX network_members_company ON network_members(company_id);

CREATE TABLE network_meetings (
    id {{identity}},
    municipality_code TEXT NOT NULL,
    network_id BIGINT NOT NULL,
    held_on TEXT NOT NULL,
    place TEXT NOT NULL DEFAULT '',
    agenda TEXT NOT NULL DEFAULT '',
    minutes TEXT NOT NULL DEFAULT '',
    UNIQUE (id, municipality_code),
    FOREIGN KEY (network_id, municipality_code) REFERENCES networks(id, municipality_code)
);
CREATE INDEX network_meetings_network ON network_meetings(network_id);

CREATE TABLE network_attendance (
    meeting_id BIGINT NOT NULL REFERENCES network_meetings(id),
    member_id BIGINT NOT NULL REFERENCES network_members(id),
    PRIMARY KEY (meeting_id, member_id)
);

CREATE TABLE network_actions (
    id {{identity}},
    municipality_code TEXT NOT NULL,
    meeting_id BIGINT NOT NULL,
    title TEXT NOT NULL,
    owner_user_id BIGINT REFERENCES users(id),
    due_on TEXT NOT NULL,
    done_on TEXT,
    FOREIGN KEY (meeting_id, municipality_code) REFERENCES network_meetings(id, municipality_code)
);
CREATE INDEX network_actions_meeting ON network_actions(meeting_id);

CREATE TABLE events (
    id {{identity}},
    municipality_code TEXT NOT NULL REFERENCES municipalities(code),
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('fair', 'breakfast', 'information', 'other')),
    description TEXT NOT NULL DEFAULT '',
    place TEXT NOT NULL DEFAULT '',
    audience TEXT NOT NULL DEFAULT '',
    starts_at BIGINT NOT NULL,
    ends_at BIGINT NOT NULL,
    capacity BIGINT NOT NULL CHECK (capacity > 0),
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    -- Every registration and cancellation writes here first, so they take turns per event.
    changed_at BIGINT NOT NULL,
    follow_up_round_id BIGINT REFERENCES survey_rounds(id),
    CHECK (ends_at > starts_at),
    UNIQUE (id, municipality_code)
);
CREATE INDEX events_municipality ON events(municipality_code, starts_at);

CREATE TABLE event_participants (
    id {{identity}},
    municipality_code TEXT NOT NULL,
    event_id BIGINT NOT NULL,
    company_id BIGINT,
    contact_id BIGINT REFERENCES contacts(id),
    name TEXT NOT NULL DEFAULT '',
    -- Personal data: blanked when the retention after the event has passed.
    email TEXT NOT NULL DEFAULT '',
    language TEXT NOT NULL DEFAULT 'sv',
    status TEXT NOT NULL
        CHECK (status IN ('invited', 'confirmed', 'waiting', 'declined', 'cancelled')),
    invited_at BIGINT,
    registered_at BIGINT,
    -- The order in which places were asked for, per event: the waiting list's order.
    queue_number BIGINT,
    responded_at BIGINT,
    -- Empty when the person answered through their link, else the staff member's name.
    registered_by TEXT NOT NULL DEFAULT '',
    checked_in_at BIGINT,
    UNIQUE (id, municipality_code),
    FOREIGN KEY (event_id, municipality_code) REFERENCES events(id, municipality_code),
    FOREIGN KEY (company_id, municipality_code) REFERENCES companies(id, municipality_code)
);
CREATE UNIQUE INDEX event_participants_email ON event_participants(event_id, email) WHERE email <> '';
CREATE INDEX event_participants_event ON event_participants(event_id, status);
CREATE INDEX event_participants_company ON event_participants(company_id);

CREATE TABLE event_links (
    token_hash TEXT PRIMARY KEY,
    municipality_code TEXT NOT NULL,
    participant_id BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    FOREIGN KEY (participant_id, municipality_code) REFERENCES event_participants(id, municipality_code)
);
CREATE INDEX event_links_participant ON event_links(participant_id);

CREATE TABLE mail_optouts (
    municipality_code TEXT NOT NULL REFERENCES municipalities(code),
    -- SHA-256 of the lower-cased address: enough to skip it, not enough to mail it.
    email_hash TEXT NOT NULL,
    at BIGINT NOT NULL,
    PRIMARY KEY (municipality_code, email_hash)
);

CREATE TABLE courses (
    id {{identity}},
    municipality_code TEXT NOT NULL REFERENCES municipalities(code),
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    given_by TEXT NOT NULL DEFAULT '',
    UNIQUE (municipality_code, name),
    UNIQUE (id, municipality_code)
);

CREATE TABLE training_sessions (
    id {{identity}},
    municipality_code TEXT NOT NULL,
    course_id BIGINT NOT NULL,
    starts_at BIGINT NOT NULL,
    place TEXT NOT NULL DEFAULT '',
    trainers TEXT NOT NULL DEFAULT '',
    UNIQUE (id, municipality_code),
    FOREIGN KEY (course_id, municipality_code) REFERENCES courses(id, municipality_code)
);
CREATE INDEX training_sessions_course ON training_sessions(course_id, starts_at);

CREATE TABLE training_participants (
    session_id BIGINT NOT NULL REFERENCES training_sessions(id),
    user_id BIGINT NOT NULL REFERENCES users(id),
    attended BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (session_id, user_id)
);
CREATE INDEX training_participants_user ON training_participants(user_id);

ALTER TABLE municipalities ADD COLUMN participant_retention_months BIGINT NOT NULL DEFAULT 12;
