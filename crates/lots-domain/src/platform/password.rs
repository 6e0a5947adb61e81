//! The password rule for staff accounts (NIST SP 800-63B: length over composition rules).

pub const MIN_LEN: usize = 10;
pub const MAX_LEN: usize = 256;

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PasswordError {
    #[error("password must be at least {MIN_LEN} characters")]
    TooShort,
    #[error("password must be at most {MAX_LEN} characters")]
    TooLong,
    #[error("password is too common")]
    TooCommon,
}

impl PasswordError {
    /// The id of what to tell the person, in the message catalog.
    pub fn message(self) -> &'static str {
        match self {
            PasswordError::TooShort => "the-password-must-have-at-least",
            PasswordError::TooLong => "the-password-is-too-long",
            PasswordError::TooCommon => "the-password-is-too-common-choose",
        }
    }
}

const COMMON: &[&str] = &[
    "1234567890",
    "0123456789",
    "qwertyuiop",
    "password123",
    "lösenord123",
    "losenord123",
    "sommar2026",
    "vinter2026",
    "abcdefghij",
];

/// Checks a new password. Counts characters, not bytes, so å, ä and ö count once.
pub fn check(password: &str) -> Result<(), PasswordError> {
    let len = password.chars().count();
    if len < MIN_LEN {
        return Err(PasswordError::TooShort);
    }
    if len > MAX_LEN {
        return Err(PasswordError::TooLong);
    }
    let lower = password.to_lowercase();
    let one_char_repeated = lower.chars().all(|c| lower.starts_with(c));
    if one_char_repeated || COMMON.contains(&lower.as_str()) {
        return Err(PasswordError::TooCommon);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn length_counts_characters() {
        assert_eq!(check("åäöåäöåäö"), Err(PasswordError::TooShort));
        assert_eq!(check("åäöåäöåäöx"), Ok(()));
        assert_eq!(check(&"x".repeat(300)), Err(PasswordError::TooLong));
    }

    #[test]
    fn common_and_repeated_are_refused() {
        assert_eq!(check("Password123"), Err(PasswordError::TooCommon));
        assert_eq!(check("aaaaaaaaaaaa"), Err(PasswordError::TooCommon));
    }
}
