-- What a visit found, and where the company was referred: to a network, an event or a
-- unit, each with an owner and a date by which it is followed up.
ALTER TABLE visits ADD COLUMN recorded_at BIGINT;
ALTER TABLE visits ADD COLUMN notes TEXT NOT NULL DEFAULT '';
ALTER TABLE visits ADD COLUMN needs TEXT NOT NULL DEFAULT '';
ALTER TABLE visits ADD COLUMN challenges TEXT NOT NULL DEFAULT '';
ALTER TABLE visits ADD COLUMN development TEXT NOT NULL DEFAULT '';

CREATE TABLE referrals (
    id {{identity}},
    municipality_code TEXT NOT NULL REFERENCES municipalities(code),
    visit_id BIGINT NOT NULL REFERENCES visits(id),
    company_id BIGINT NOT NULL,
    -- network, event or unit: the one of the three ids that is set.
    kind TEXT NOT NULL CHECK (kind IN ('network', 'event', 'unit')),
    network_id BIGINT REFERENCES networks(id),
    event_id BIGINT REFERENCES events(id),
    unit_id BIGINT REFERENCES units(id),
    owner_user_id BIGINT NOT NULL REFERENCES users(id),
    due_on TEXT NOT NULL,
    done_on TEXT,
    created_at BIGINT NOT NULL,
    FOREIGN KEY (company_id, municipality_code) REFERENCES companies(id, municipality_code)
);
CREATE INDEX referrals_visit ON referrals(visit_id);
CREATE INDEX referrals_company ON referrals(company_id);
