-- Handling times kept as counts: decided cases per area, unit, month received and handling
-- day, maintained by triggers on every write to cases, so the statistics read hundreds of
-- rows however many cases there are.

CREATE TABLE case_handling_counts (
    municipality_code TEXT NOT NULL,
    area_id BIGINT NOT NULL,
    -- 0 when the case has no unit.
    unit_id BIGINT NOT NULL,
    -- YYYY-MM of the day received.
    month TEXT NOT NULL,
    days BIGINT NOT NULL,
    n BIGINT NOT NULL,
    with_deadline BIGINT NOT NULL,
    met BIGINT NOT NULL,
    PRIMARY KEY (municipality_code, month, area_id, unit_id, days)
);

INSERT INTO case_handling_counts
SELECT municipality_code, area_id, COALESCE(unit_id, 0), substr(received_on, 1, 7),
       handling_days, COUNT(*), COUNT(deadline_met), SUM(CASE WHEN deadline_met = 1 THEN 1 ELSE 0 END)
FROM cases WHERE handling_days IS NOT NULL AND received_on IS NOT NULL
GROUP BY municipality_code, area_id, COALESCE(unit_id, 0), substr(received_on, 1, 7), handling_days;

-- if sqlite
CREATE TRIGGER cases_count_insert AFTER INSERT ON cases
WHEN NEW.handling_days IS NOT NULL AND NEW.received_on IS NOT NULL
BEGIN
    INSERT INTO case_handling_counts VALUES (NEW.municipality_code, NEW.area_id,
        COALESCE(NEW.unit_id, 0), substr(NEW.received_on, 1, 7), NEW.handling_days, 1,
        NEW.deadline_met IS NOT NULL, COALESCE(NEW.deadline_met, 0))
    ON CONFLICT (municipality_code, month, area_id, unit_id, days) DO UPDATE SET
        n = n + 1, with_deadline = with_deadline + excluded.with_deadline, met = met + excluded.met;
END;

CREATE TRIGGER cases_count_forget AFTER UPDATE ON cases
WHEN OLD.handling_days IS NOT NULL AND OLD.received_on IS NOT NULL
BEGIN
    UPDATE case_handling_counts SET n = n - 1,
        with_deadline = with_deadline - (OLD.deadline_met IS NOT NULL),
        met = met - COALESCE(OLD.deadline_met, 0)
    WHERE municipality_code = OLD.municipality_code AND month = substr(OLD.received_on, 1, 7)
        AND area_id = OLD.area_id AND unit_id = COALESCE(OLD.unit_id, 0) AND days = OLD.handling_days;
END;

CREATE TRIGGER cases_count_update AFTER UPDATE ON cases
WHEN NEW.handling_days IS NOT NULL AND NEW.received_on IS NOT NULL
BEGIN
    INSERT INTO case_handling_counts VALUES (NEW.municipality_code, NEW.area_id,
        COALESCE(NEW.unit_id, 0), substr(NEW.received_on, 1, 7), NEW.handling_days, 1,
        NEW.deadline_met IS NOT NULL, COALESCE(NEW.deadline_met, 0))
    ON CONFLICT (municipality_code, month, area_id, unit_id, days) DO UPDATE SET
        n = n + 1, with_deadline = with_deadline + excluded.with_deadline, met = met + excluded.met;
END;

CREATE TRIGGER cases_count_delete AFTER DELETE ON cases
WHEN OLD.handling_days IS NOT NULL AND OLD.received_on IS NOT NULL
BEGIN
    UPDATE case_handling_counts SET n = n - 1,
        with_deadline = with_deadline - (OLD.deadline_met IS NOT NULL),
        met = met - COALESCE(OLD.deadline_met, 0)
    WHERE municipality_code = OLD.municipality_code AND month = substr(OLD.received_on, 1, 7)
        AND area_id = OLD.area_id AND unit_id = COALESCE(OLD.unit_id, 0) AND days = OLD.handling_days;
END;
-- if postgres
CREATE FUNCTION cases_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.handling_days IS NOT NULL
        AND OLD.received_on IS NOT NULL THEN
        UPDATE case_handling_counts SET n = n - 1,
            with_deadline = with_deadline - (CASE WHEN OLD.deadline_met IS NULL THEN 0 ELSE 1 END),
            met = met - COALESCE(OLD.deadline_met, 0)
        WHERE municipality_code = OLD.municipality_code AND month = substr(OLD.received_on, 1, 7)
            AND area_id = OLD.area_id AND unit_id = COALESCE(OLD.unit_id, 0)
            AND days = OLD.handling_days;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.handling_days IS NOT NULL
        AND NEW.received_on IS NOT NULL THEN
        INSERT INTO case_handling_counts VALUES (NEW.municipality_code, NEW.area_id,
            COALESCE(NEW.unit_id, 0), substr(NEW.received_on, 1, 7), NEW.handling_days, 1,
            CASE WHEN NEW.deadline_met IS NULL THEN 0 ELSE 1 END, COALESCE(NEW.deadline_met, 0))
        ON CONFLICT (municipality_code, month, area_id, unit_id, days) DO UPDATE SET
            n = case_handling_counts.n + 1,
            with_deadline = case_handling_counts.with_deadline + excluded.with_deadline,
            met = case_handling_counts.met + excluded.met;
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER cases_count AFTER INSERT OR UPDATE OR DELETE ON cases
FOR EACH ROW EXECUTE FUNCTION cases_count();
-- end if
