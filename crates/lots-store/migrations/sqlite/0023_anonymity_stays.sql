-- An anonymous round stays anonymous once anyone has answered: the promise in its
-- invitation ("kommunen ser dem bara tillsammans med andras") was made to them.
CREATE TRIGGER survey_rounds_anonymity_stays BEFORE UPDATE OF anonymous ON survey_rounds
WHEN OLD.anonymous = 1 AND NEW.anonymous <> 1
    AND EXISTS (SELECT 1 FROM survey_responses r WHERE r.round_id = OLD.id)
BEGIN
    SELECT RAISE(ABORT, 'an anonymous round with answers stays anonymous');
END;
