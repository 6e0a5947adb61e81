-- How a municipality shows itself to companies: the name its pages and e-mails speak in,
-- its contact details, privacy notice, e-mail sender and logo. One row per municipality
-- whose administrator has set them; without a row the pages use the municipality's name.
CREATE TABLE municipality_faces (
    municipality_code TEXT PRIMARY KEY REFERENCES municipalities(code),
    display_name TEXT NOT NULL,
    contact_email TEXT NOT NULL DEFAULT '',
    contact_phone TEXT NOT NULL DEFAULT '',
    web_address TEXT NOT NULL DEFAULT '',
    privacy_url TEXT NOT NULL DEFAULT '',
    sender_name TEXT NOT NULL DEFAULT '',
    sender_address TEXT NOT NULL DEFAULT '',
    logo {{bytes}},
    logo_type TEXT NOT NULL DEFAULT '',
    updated_at BIGINT NOT NULL
);
