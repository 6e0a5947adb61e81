-- Sign-in attempts are counted in one row per e-mail address and per address of origin,
-- incremented by one upsert before the password is checked: concurrent attempts queue on
-- the row, so no more than the limit are ever checked in a window. The failure log it
-- replaces was counted, then appended to, and let parallel attempts through.
DROP TABLE sign_in_failures;
CREATE TABLE sign_in_attempts (
    counter TEXT PRIMARY KEY,
    window_start BIGINT NOT NULL,
    attempts BIGINT NOT NULL
);
