-- A company journey names what happened by message id, so that it reads in the visitor's
-- language; the rows written before say it in Swedish. An import's line is kept as its number.
UPDATE journey_events SET detail = substr(detail, 5) WHERE summary IN ('Uppgifter importerades', 'En kontaktperson importerades') AND detail LIKE 'rad %';
UPDATE journey_events SET detail = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(detail, 'andra namn', 'changed-other-names'), 'organisationsnummer', 'changed-orgnr'), 'antal anställda', 'changed-employees'), 'koordinater', 'changed-coordinates'), 'anteckningar', 'changed-notes'), 'adress', 'changed-address'), 'område', 'changed-area'), 'taggar', 'changed-tags'), 'namn', 'changed-name'), 'SNI', 'changed-sni'), 'status', 'changed-status') WHERE summary = 'Uppgifterna ändrades';
UPDATE journey_events SET summary = 'journey-imported' WHERE summary = 'Uppgifter importerades';
UPDATE journey_events SET summary = 'journey-created' WHERE summary = 'Företaget registrerades i Lots';
UPDATE journey_events SET summary = 'journey-changed' WHERE summary = 'Uppgifterna ändrades';
UPDATE journey_events SET summary = 'journey-note' WHERE summary = 'Anteckning';
UPDATE journey_events SET summary = 'journey-contact-added' WHERE summary = 'En kontaktperson lades till';
UPDATE journey_events SET summary = 'journey-contact-erased' WHERE summary = 'En kontaktperson raderades';
UPDATE journey_events SET summary = 'journey-contact-imported' WHERE summary = 'En kontaktperson importerades';
UPDATE journey_events SET summary = 'journey-merged' WHERE summary = 'Sammanfogades med en dubblett';
UPDATE journey_events SET summary = 'journey-survey-invited' WHERE summary = 'Inbjuden till enkät';
