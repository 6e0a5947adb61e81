-- Photos sent with a fault report, kept as the structural reader cleaned them (no EXIF,
-- XMP, comments or text chunks: a phone's picture carries where and when it was taken).
-- Served by a token of their own, so Open311's media_url can name one without the ids of
-- every other report's photos being guessable from it.
CREATE TABLE fault_photos (
    id {{identity}},
    municipality_code TEXT NOT NULL,
    report_id BIGINT NOT NULL,
    token TEXT NOT NULL UNIQUE,
    content_type TEXT NOT NULL,
    content {{bytes}} NOT NULL,
    created_at BIGINT NOT NULL,
    FOREIGN KEY (report_id, municipality_code) REFERENCES fault_reports(id, municipality_code)
);
CREATE INDEX fault_photos_report ON fault_photos(report_id);
