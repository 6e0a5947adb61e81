//! E-mail addresses as Lots accepts them from staff and companies.

/// Why an e-mail address was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum EmailError {
    #[error("e-mail address is empty")]
    Empty,
    #[error("e-mail address is longer than 254 characters")]
    TooLong,
    #[error("e-mail address must have one @ with text on both sides and a domain with a dot")]
    Malformed,
}

/// Trims and lower-cases an address and checks its shape. Deliverability is learnt only by
/// sending; this catches the typing mistakes that can be caught without a network.
pub fn normalise(input: &str) -> Result<String, EmailError> {
    let s = input.trim();
    if s.is_empty() {
        return Err(EmailError::Empty);
    }
    if s.len() > 254 {
        return Err(EmailError::TooLong);
    }
    let (local, domain) = s.split_once('@').ok_or(EmailError::Malformed)?;
    let bad_char = |c: char| c.is_whitespace() || c == '@' || c == '<' || c == '>' || c == ',';
    if local.is_empty()
        || domain.len() < 3
        || !domain.contains('.')
        || domain.starts_with('.')
        || domain.ends_with('.')
        || s.chars().any(|c| c.is_control())
        || local.chars().any(bad_char)
        || domain.chars().any(bad_char)
    {
        return Err(EmailError::Malformed);
    }
    Ok(s.to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_and_normalises() {
        assert_eq!(
            normalise("  Anna.Berg@Upplands-Bro.se "),
            Ok("anna.berg@upplands-bro.se".into())
        );
    }

    #[test]
    fn refuses_what_cannot_be_an_address() {
        assert_eq!(normalise(""), Err(EmailError::Empty));
        for bad in [
            "anna",
            "anna@",
            "@bro.se",
            "anna@bro",
            "an na@bro.se",
            "a@b@c.se",
            "a@.se",
        ] {
            assert_eq!(normalise(bad), Err(EmailError::Malformed), "{bad}");
        }
    }
}
