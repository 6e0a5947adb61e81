-- An anonymous round stays anonymous once anyone has answered: the promise in its
-- invitation ("kommunen ser dem bara tillsammans med andras") was made to them.
-- if sqlite
CREATE TRIGGER survey_rounds_anonymity_stays BEFORE UPDATE OF anonymous ON survey_rounds
WHEN OLD.anonymous = 1 AND NEW.anonymous <> 1
    AND EXISTS (SELECT 1 FROM survey_responses r WHERE r.round_id = OLD.id)
BEGIN
    SELECT RAISE(ABORT, 'an anonymous round with answers stays anonymous');
END;
-- if postgres
CREATE FUNCTION survey_rounds_anonymity_stays() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.anonymous = 1 AND NEW.anonymous <> 1
        AND EXISTS (SELECT 1 FROM survey_responses r WHERE r.round_id = OLD.id) THEN
        RAISE EXCEPTION 'an anonymous round with answers stays anonymous';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER survey_rounds_anonymity_stays BEFORE UPDATE OF anonymous ON survey_rounds
    FOR EACH ROW EXECUTE FUNCTION survey_rounds_anonymity_stays();
-- end if
