-- A joint measurement: an organiser runs one round across its member municipalities with
-- one battery. Each member gets its own survey round (its companies, its invitations, its
-- answers) pointing here; the organiser only ever reads totals.
CREATE TABLE joint_rounds (
    id {{identity}},
    organiser_id BIGINT NOT NULL REFERENCES organisers(id),
    name TEXT NOT NULL,
    battery_code TEXT NOT NULL,
    -- The battery as the organiser chose it; every member round answers this definition.
    definition TEXT NOT NULL,
    opens_on TEXT NOT NULL,
    closes_on TEXT NOT NULL,
    anonymous BIGINT NOT NULL DEFAULT 0,
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    UNIQUE (organiser_id, name)
);

ALTER TABLE survey_rounds ADD COLUMN joint_round_id BIGINT REFERENCES joint_rounds(id);
CREATE INDEX survey_rounds_joint ON survey_rounds(joint_round_id);
