-- Each submitted response's indices (NKI and each factor), in units of
-- 1 / lots_domain::stats::SCALE, with the background the breakdowns group by, written in
-- the transaction that submits the answer: NKI per municipality, year, area or unit is a
-- GROUP BY over this table's index alone, not every answer read and parsed on every page.
-- Exact: summed as 16-bit limbs (lots-store/src/surveys/index_sums.rs); never stale:
-- replaced with the answer.
CREATE TABLE survey_response_values (
    response_id BIGINT NOT NULL REFERENCES survey_responses(id) ON DELETE CASCADE,
    round_id BIGINT NOT NULL,
    idx TEXT NOT NULL,
    area TEXT NOT NULL,
    unit TEXT NOT NULL,
    industry TEXT NOT NULL,
    size_class TEXT NOT NULL,
    units BIGINT NOT NULL,
    PRIMARY KEY (response_id, idx)
);
-- In the order of the sums by area and by unit, and covering them: no sort, no table read.
CREATE INDEX survey_response_values_cells
    ON survey_response_values(round_id, idx, area, unit, units);
-- The invited per round and area, counted from the index alone.
CREATE INDEX survey_invitations_round_area ON survey_invitations(round_id, area);
