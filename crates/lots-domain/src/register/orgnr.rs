//! Swedish identity numbers of companies: the organisationsnummer of a legal person, and
//! the personnummer that a sole trader (enskild firma) is registered under.
//!
//! Accepted forms: `5560125790`, `556012-5790`, `16556012-5790` (century prefix 16),
//! `SE556012579001` (the VAT number); a personnummer as `YYMMDD-NNNN`, `YYMMDDNNNN`,
//! `YYYYMMDD-NNNN` or `YYYYMMDDNNNN`. The canonical form is `NNNNNN-NNNN`.

use std::fmt;

/// The legal form told by the first digit of an organisationsnummer (Bolagsverket/SCB).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LegalForm {
    /// 1: dödsbo.
    Estate,
    /// 2: stat, region, kommun, församling.
    PublicBody,
    /// 3: utländskt företag med filial i Sverige.
    ForeignCompany,
    /// 5: aktiebolag.
    LimitedCompany,
    /// 6: enkelt bolag.
    SimplePartnership,
    /// 7: ekonomisk förening, bostadsrättsförening.
    EconomicAssociation,
    /// 8: ideell förening, stiftelse.
    NonProfit,
    /// 9: handelsbolag, kommanditbolag.
    TradingPartnership,
    /// A personnummer: enskild firma (sole trader).
    SoleTrader,
}

impl LegalForm {
    /// The id of its catalog message.
    pub fn message(self) -> &'static str {
        match self {
            LegalForm::Estate => "legal-form-estate",
            LegalForm::PublicBody => "legal-form-public-body",
            LegalForm::ForeignCompany => "legal-form-foreign-company",
            LegalForm::LimitedCompany => "legal-form-limited-company",
            LegalForm::SimplePartnership => "legal-form-simple-partnership",
            LegalForm::EconomicAssociation => "legal-form-economic-association",
            LegalForm::NonProfit => "legal-form-non-profit",
            LegalForm::TradingPartnership => "legal-form-trading-partnership",
            LegalForm::SoleTrader => "legal-form-sole-trader",
        }
    }
}

/// A company's identity: an organisationsnummer, or a sole trader's personnummer.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CompanyId {
    /// The ten digits.
    digits: [u8; 10],
    personal: bool,
}

/// Why a number was refused; the message is shown to the user beside the value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    #[error("the number is empty")]
    Empty,
    #[error("an organisationsnummer has 10 digits (12 with the century prefix 16)")]
    Length,
    #[error("only digits, a hyphen and the VAT form SE…01 are allowed")]
    Characters,
    #[error("the check digit (the last) does not match: a digit is mistyped")]
    CheckDigit,
    #[error("digits 3–4 must be 20 or more for an organisation, or a month for a personnummer")]
    NotOrganisation,
    #[error("the birth date of the personnummer does not exist")]
    BadDate,
}

impl IdError {
    /// The id of its catalog message, for a form.
    pub fn message(self) -> &'static str {
        match self {
            IdError::Empty => "orgnr-missing",
            IdError::Length => "orgnr-length",
            IdError::Characters => "orgnr-characters",
            IdError::CheckDigit => "orgnr-check-digit",
            IdError::NotOrganisation => "orgnr-not-organisation",
            IdError::BadDate => "orgnr-bad-date",
        }
    }
}

/// The Luhn check over ten digits, as Skatteverket and Bolagsverket compute it.
pub fn luhn_valid(digits: &[u8; 10]) -> bool {
    luhn_sum(&digits[..9]) == digits[9]
}

/// The check digit for nine digits.
pub fn luhn_sum(nine: &[u8]) -> u8 {
    let sum: u32 = nine
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let v = u32::from(*d) * if i % 2 == 0 { 2 } else { 1 };
            v / 10 + v % 10
        })
        .sum();
    ((10 - sum % 10) % 10) as u8
}

fn is_leap(year: u32) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

fn valid_birth_date(yy: u32, month: u32, day: u32, century: Option<u32>) -> bool {
    // A samordningsnummer adds 60 to the day.
    let day = if day > 60 { day - 60 } else { day };
    if !(1..=12).contains(&month) || day == 0 {
        return false;
    }
    let days = match month {
        2 => {
            // Without the century, 29 February is valid if it is in either century.
            let leap = match century {
                Some(c) => is_leap(c * 100 + yy),
                None => is_leap(1900 + yy) || is_leap(2000 + yy),
            };
            if leap { 29 } else { 28 }
        }
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    day <= days
}

impl CompanyId {
    pub fn parse(input: &str) -> Result<CompanyId, IdError> {
        let s = input.trim();
        if s.is_empty() {
            return Err(IdError::Empty);
        }
        let upper = s.to_ascii_uppercase();
        let body = match upper.strip_prefix("SE") {
            // The VAT number: SE + the ten digits + 01.
            Some(rest) if rest.len() == 12 && rest.ends_with("01") => rest[..10].to_string(),
            Some(_) => return Err(IdError::Length),
            None => upper,
        };
        let mut digits = Vec::with_capacity(12);
        for (i, c) in body.chars().enumerate() {
            match c {
                '0'..='9' => digits.push(c as u8 - b'0'),
                // The hyphen (or the plus of a centenarian's personnummer) before the last four.
                '-' | '+' if body.len() - i == 5 => {}
                ' ' => {}
                _ => return Err(IdError::Characters),
            }
        }
        let (century, ten): (Option<u32>, [u8; 10]) = match digits.len() {
            10 => (None, digits.try_into().map_err(|_| IdError::Length)?),
            12 => {
                let c = u32::from(digits[0]) * 10 + u32::from(digits[1]);
                (
                    Some(c),
                    digits[2..].try_into().map_err(|_| IdError::Length)?,
                )
            }
            _ => return Err(IdError::Length),
        };
        if !luhn_valid(&ten) {
            return Err(IdError::CheckDigit);
        }
        let group = u32::from(ten[2]) * 10 + u32::from(ten[3]);
        let personal = match century {
            Some(16) => false,
            Some(18..=20) => true,
            Some(_) => return Err(IdError::Length),
            None => group < 20,
        };
        if personal {
            let yy = u32::from(ten[0]) * 10 + u32::from(ten[1]);
            let day = u32::from(ten[4]) * 10 + u32::from(ten[5]);
            if !valid_birth_date(yy, group, day, century) {
                return Err(if group >= 20 {
                    IdError::NotOrganisation
                } else {
                    IdError::BadDate
                });
            }
        } else if group < 20 {
            return Err(IdError::NotOrganisation);
        }
        Ok(CompanyId {
            digits: ten,
            personal,
        })
    }

    /// `NNNNNN-NNNN`.
    pub fn canonical(&self) -> String {
        let d: String = self.digits.iter().map(|d| char::from(b'0' + d)).collect();
        format!("{}-{}", &d[..6], &d[6..])
    }

    /// Whether this is a sole trader's personnummer: personal data under GDPR.
    pub fn is_personal(&self) -> bool {
        self.personal
    }

    pub fn legal_form(&self) -> LegalForm {
        if self.personal {
            return LegalForm::SoleTrader;
        }
        match self.digits[0] {
            1 => LegalForm::Estate,
            2 => LegalForm::PublicBody,
            3 => LegalForm::ForeignCompany,
            5 => LegalForm::LimitedCompany,
            6 => LegalForm::SimplePartnership,
            7 => LegalForm::EconomicAssociation,
            8 => LegalForm::NonProfit,
            9 => LegalForm::TradingPartnership,
            // 4 is not issued; treated as the nearest general form.
            _ => LegalForm::NonProfit,
        }
    }

    /// The form shown to someone who may not see personal data: a personnummer keeps only
    /// its birth date.
    pub fn masked(&self) -> String {
        if self.personal {
            format!("{}-****", &self.canonical()[..6])
        } else {
            self.canonical()
        }
    }

    /// The VAT number (momsregistreringsnummer).
    pub fn vat(&self) -> String {
        format!("SE{}01", self.canonical().replace('-', ""))
    }
}

impl fmt::Display for CompanyId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.canonical())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn every_accepted_form_gives_one_canonical_number() {
        for input in [
            "5560125790",
            "556012-5790",
            "16556012-5790",
            "SE556012579001",
            " 556012 5790 ",
        ] {
            let id = CompanyId::parse(input).unwrap_or_else(|e| panic!("{input}: {e}"));
            assert_eq!(id.canonical(), "556012-5790", "{input}");
            assert_eq!(id.legal_form(), LegalForm::LimitedCompany);
            assert!(!id.is_personal());
        }
        assert_eq!(
            CompanyId::parse("556012-5790").unwrap().vat(),
            "SE556012579001"
        );
    }

    #[test]
    fn legal_forms_follow_the_first_digit() {
        // A number in the 2-series, as municipalities and regions have.
        assert_eq!(
            CompanyId::parse("212000-0076").unwrap().legal_form(),
            LegalForm::PublicBody
        );
        assert_eq!(
            CompanyId::parse("802000-0088").unwrap_err(),
            IdError::CheckDigit
        );
    }

    #[test]
    fn sole_traders_are_personal_and_masked() {
        // A test personnummer from Skatteverket's published test series.
        let id = CompanyId::parse("19121212-1212").unwrap();
        assert!(id.is_personal());
        assert_eq!(id.legal_form(), LegalForm::SoleTrader);
        assert_eq!(id.canonical(), "121212-1212");
        assert_eq!(id.masked(), "121212-****");
        assert_eq!(CompanyId::parse("121212-1212").unwrap(), id);
    }

    #[test]
    fn mistakes_are_named() {
        assert_eq!(CompanyId::parse("").unwrap_err(), IdError::Empty);
        assert_eq!(
            CompanyId::parse("556012-5791").unwrap_err(),
            IdError::CheckDigit
        );
        assert_eq!(CompanyId::parse("55601257").unwrap_err(), IdError::Length);
        assert_eq!(
            CompanyId::parse("556O12-5790").unwrap_err(),
            IdError::Characters
        );
        assert_eq!(
            CompanyId::parse("SE556012579002").unwrap_err(),
            IdError::Length
        );
        // Month 13 is neither an organisation group (≥ 20) nor a month.
        let nine = [5, 5, 1, 3, 0, 1, 1, 2, 3];
        let mut ten = nine.to_vec();
        ten.push(luhn_sum(&nine));
        let s: String = ten.iter().map(|d| char::from(b'0' + d)).collect();
        assert_eq!(CompanyId::parse(&s).unwrap_err(), IdError::BadDate);
    }

    fn with_check(nine: [u8; 9]) -> String {
        let mut s: String = nine.iter().map(|d| char::from(b'0' + d)).collect();
        s.push(char::from(b'0' + luhn_sum(&nine)));
        s
    }

    proptest! {
        #[test]
        fn any_organisation_number_with_a_right_check_digit_parses_in_every_form(
            first in 1u8..=9, second in 0u8..=9, group in 20u8..=99, rest in proptest::array::uniform5(0u8..=9)
        ) {
            let nine = [first, second, group / 10, group % 10, rest[0], rest[1], rest[2], rest[3], rest[4]];
            let plain = with_check(nine);
            let id = CompanyId::parse(&plain).unwrap();
            let hyphen = format!("{}-{}", &plain[..6], &plain[6..]);
            prop_assert_eq!(id.canonical(), hyphen.clone());
            prop_assert_eq!(CompanyId::parse(&hyphen).unwrap(), id.clone());
            prop_assert_eq!(CompanyId::parse(&format!("16{hyphen}")).unwrap(), id.clone());
            prop_assert_eq!(CompanyId::parse(&id.vat()).unwrap(), id.clone());
            prop_assert!(!id.is_personal());
        }

        #[test]
        fn changing_one_digit_is_always_caught(
            first in 1u8..=9, group in 20u8..=99, rest in proptest::array::uniform5(0u8..=9),
            position in 0usize..10, delta in 1u8..=9
        ) {
            let nine = [first, 5, group / 10, group % 10, rest[0], rest[1], rest[2], rest[3], rest[4]];
            let good = with_check(nine);
            let mut bytes = good.into_bytes();
            bytes[position] = b'0' + (bytes[position] - b'0' + delta) % 10;
            let bad = String::from_utf8(bytes).unwrap();
            prop_assert!(CompanyId::parse(&bad).is_err(), "{}", bad);
        }

        #[test]
        fn parsing_never_panics(s in "\\PC{0,20}") {
            let _ = CompanyId::parse(&s);
        }
    }
}
