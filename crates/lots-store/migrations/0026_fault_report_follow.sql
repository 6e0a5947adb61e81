-- The loop of a fault report closes both ways: the reporter follows it by a link of their
-- own (only its hash is kept) and can add to it or reopen it; staff merge a duplicate into
-- the report it repeats, and its reporter then follows that one.
CREATE TABLE fault_links (
    token_hash TEXT PRIMARY KEY,
    municipality_code TEXT NOT NULL,
    report_id BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    FOREIGN KEY (report_id, municipality_code) REFERENCES fault_reports(id, municipality_code)
);
ALTER TABLE fault_reports ADD COLUMN merged_into BIGINT;
CREATE INDEX fault_reports_merged ON fault_reports(merged_into);
