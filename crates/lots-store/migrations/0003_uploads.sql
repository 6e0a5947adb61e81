-- Files uploaded for import, kept between the preview and the confirmed import, and
-- removed after a day.
CREATE TABLE uploads (
    id {{identity}},
    municipality_code TEXT NOT NULL REFERENCES municipalities(code),
    user_id BIGINT NOT NULL REFERENCES users(id),
    filename TEXT NOT NULL,
    content {{bytes}} NOT NULL,
    created_at BIGINT NOT NULL
);
