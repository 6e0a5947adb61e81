//! Case rows from a file or an API call: the columns of SKR's Insikt case template and of
//! common case-system exports, and the check of one case, field by field, that the importer
//! and `PUT /api/v1/cases/{diarienummer}` share.

use jiff::civil::Date;
use lots_i18n::Message;

use crate::cases::{CaseDates, ServiceArea};
use crate::columns::Column;
use crate::orgnr::CompanyId;
use crate::text::fold;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CaseField {
    Reference,
    OrgNr,
    CompanyName,
    ContactEmail,
    ContactPhone,
    Area,
    Unit,
    Officer,
    Received,
    Complete,
    Decided,
    Closed,
    ExtensionWeeks,
    ExtensionDecision,
    Decision,
    Fee,
}

const ALL: [CaseField; 16] = [
    CaseField::Reference,
    CaseField::OrgNr,
    CaseField::CompanyName,
    CaseField::ContactEmail,
    CaseField::ContactPhone,
    CaseField::Area,
    CaseField::Unit,
    CaseField::Officer,
    CaseField::Received,
    CaseField::Complete,
    CaseField::Decided,
    CaseField::Closed,
    CaseField::ExtensionWeeks,
    CaseField::ExtensionDecision,
    CaseField::Decision,
    CaseField::Fee,
];

impl CaseField {
    pub fn parse(code: &str) -> Option<CaseField> {
        ALL.into_iter().find(|f| f.code() == code.trim())
    }
}

impl Column for CaseField {
    fn all() -> &'static [CaseField] {
        &ALL
    }

    fn required() -> &'static [CaseField] {
        &[CaseField::Reference, CaseField::Area]
    }

    fn code(self) -> &'static str {
        match self {
            CaseField::Reference => "reference",
            CaseField::OrgNr => "orgnr",
            CaseField::CompanyName => "company_name",
            CaseField::ContactEmail => "contact_email",
            CaseField::ContactPhone => "contact_phone",
            CaseField::Area => "area",
            CaseField::Unit => "unit",
            CaseField::Officer => "officer",
            CaseField::Received => "received_on",
            CaseField::Complete => "complete_on",
            CaseField::Decided => "decided_on",
            CaseField::Closed => "closed_on",
            CaseField::ExtensionWeeks => "extension_weeks",
            CaseField::ExtensionDecision => "extension_decision",
            CaseField::Decision => "decision",
            CaseField::Fee => "fee_sek",
        }
    }

    fn label(self) -> &'static str {
        match self {
            CaseField::Reference => "case-number",
            CaseField::OrgNr => "organisation-number",
            CaseField::CompanyName => "column-company",
            CaseField::ContactEmail => "column-contact-e-mail",
            CaseField::ContactPhone => "column-contact-phone",
            CaseField::Area => "area",
            CaseField::Unit => "unit",
            CaseField::Officer => "case-officer",
            CaseField::Received => "case-received-on",
            CaseField::Complete => "complete",
            CaseField::Decided => "column-decided",
            CaseField::Closed => "case-closed",
            CaseField::ExtensionWeeks => "column-extension-weeks",
            CaseField::ExtensionDecision => "column-extension-decision",
            CaseField::Decision => "column-decision",
            CaseField::Fee => "column-fee",
        }
    }

    fn aliases(self) -> &'static [&'static str] {
        match self {
            CaseField::Reference => &[
                "diarienummer",
                "diarienr",
                "dnr",
                "arendenummer",
                "arendenr",
                "arende",
                "case number",
                "case",
                "reference",
            ],
            CaseField::OrgNr => &[
                "organisationsnummer",
                "orgnr",
                "org nr",
                "orgnummer",
                "organisationsnummer personnummer",
                "organisation number",
                "organization number",
            ],
            CaseField::CompanyName => &[
                "foretag",
                "foretagsnamn",
                "foretagets namn",
                "verksamhetsutovare",
                "sokande",
                "company",
                "company name",
            ],
            CaseField::ContactEmail => &[
                "e post",
                "epost",
                "e postadress",
                "kontaktperson e post",
                "e post kontaktperson",
                "e postadress kontaktperson",
                "email",
                "e mail",
                "contact email",
            ],
            CaseField::ContactPhone => &[
                "telefon",
                "telefonnummer",
                "kontaktperson telefon",
                "telefon kontaktperson",
                "mobil",
                "phone",
                "contact phone",
            ],
            CaseField::Area => &[
                "omrade",
                "verksamhetsomrade",
                "myndighetsomrade",
                "tjansteomrade",
                "arendetyp",
                "area",
                "service area",
            ],
            CaseField::Unit => &["enhet", "avdelning", "unit"],
            CaseField::Officer => &["handlaggare", "ansvarig handlaggare", "officer"],
            CaseField::Received => &[
                "inkom",
                "inkommet",
                "inkomstdatum",
                "ankomstdatum",
                "registreringsdatum",
                "diariedatum",
                "received",
                "received on",
            ],
            CaseField::Complete => &[
                "komplett",
                "komplett datum",
                "komplett ansokan",
                "kompletta handlingar",
                "complete",
                "complete on",
            ],
            CaseField::Decided => &[
                "beslutsdatum",
                "beslut datum",
                "datum for beslut",
                "beslutad",
                "decided",
                "decision date",
                "decided on",
            ],
            CaseField::Closed => &[
                "avslutat",
                "avslutsdatum",
                "avslutad",
                "closed",
                "closed on",
            ],
            CaseField::ExtensionWeeks => &[
                "forlangning",
                "forlangning veckor",
                "forlangd tidsfrist veckor",
                "extension weeks",
            ],
            CaseField::ExtensionDecision => &["forlangningsbeslut", "extension decision"],
            CaseField::Decision => &["beslut", "beslutstyp", "utfall", "decision"],
            CaseField::Fee => &["avgift", "avgift kr", "avgift sek", "fee", "fee sek"],
        }
    }
}

/// A checked case, its area resolved to one of the municipality's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseRecord {
    pub reference: String,
    pub company: Option<CompanyId>,
    pub company_name: String,
    pub contact_email: String,
    pub contact_phone: String,
    pub area_code: String,
    pub unit: String,
    pub officer: String,
    pub dates: CaseDates,
    pub closed: Option<Date>,
    pub extension_decision: String,
    pub decision: String,
    pub fee_sek: Option<i64>,
}

/// Why a field was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseError {
    pub field: CaseField,
    pub message: Message,
}

fn refuse(field: CaseField, message: impl Into<Message>) -> CaseError {
    CaseError {
        field,
        message: message.into(),
    }
}

/// A date as case systems write it: `2026-03-02`, optionally followed by a time.
fn date(field: CaseField, s: &str) -> Result<Option<Date>, CaseError> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    // Ten characters exactly: jiff would also read the compact `21111111` as a date.
    let (day, rest) = match (s.get(..10), s.get(10..)) {
        (Some(day), Some(rest)) => (day, rest),
        _ => ("", ""),
    };
    match day.parse::<Date>() {
        Ok(d) if rest.is_empty() || rest.starts_with([' ', 'T']) => Ok(Some(d)),
        _ => Err(refuse(field, "write-the-date-as-yyyy-mm-dd")),
    }
}

/// Kronor as people write them: `12 400`, `12400 kr`, `12 400,50`.
fn kronor(s: &str) -> Option<i64> {
    let cleaned: String = s
        .trim()
        .trim_end_matches("kr")
        .trim_end_matches("SEK")
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}')
        .map(|c| if c == ',' { '.' } else { c })
        .collect();
    let value: f64 = cleaned.parse().ok()?;
    (value.is_finite() && value >= 0.0).then(|| value.round() as i64)
}

/// The municipality's area that a value names: its code, its name, or the start of its
/// name when only one area begins so (`Miljö` for Miljö- och hälsoskydd).
pub fn find_area<'a>(areas: &'a [ServiceArea], value: &str) -> Option<&'a ServiceArea> {
    let v = fold(value.trim());
    if v.is_empty() {
        return None;
    }
    if let Some(a) = areas.iter().find(|a| a.code == v || fold(&a.name) == v) {
        return Some(a);
    }
    let mut starting = areas.iter().filter(|a| fold(&a.name).starts_with(&v));
    match (starting.next(), starting.next()) {
        (Some(a), None) => Some(a),
        _ => None,
    }
}

/// Checks one case; `value` gives a field's text (empty when absent).
pub fn check_case<'v>(
    value: impl Fn(CaseField) -> &'v str,
    areas: &[ServiceArea],
) -> Result<CaseRecord, CaseError> {
    let text = |f: CaseField| value(f).trim().to_string();
    let reference = text(CaseField::Reference);
    if reference.is_empty() {
        return Err(refuse(CaseField::Reference, "the-case-number-is-missing"));
    }
    if reference.chars().count() > 100 || reference.chars().any(char::is_control) {
        return Err(refuse(CaseField::Reference, "the-case-number-is-too-long"));
    }
    let orgnr = value(CaseField::OrgNr).trim();
    let company = if orgnr.is_empty() {
        None
    } else {
        Some(CompanyId::parse(orgnr).map_err(|e| refuse(CaseField::OrgNr, e.message()))?)
    };
    let area = find_area(areas, value(CaseField::Area)).ok_or_else(|| {
        let known: Vec<&str> = areas.iter().map(|a| a.name.as_str()).collect();
        refuse(
            CaseField::Area,
            Message::new("unknown-area-known-areas").with("areas", known.join(", ")),
        )
    })?;
    let raw_email = value(CaseField::ContactEmail).trim();
    let contact_email = if raw_email.is_empty() {
        String::new()
    } else {
        crate::email::normalise(raw_email)
            .map_err(|_| refuse(CaseField::ContactEmail, "the-e-mail-address-is-malformed"))?
    };
    let raw_weeks = value(CaseField::ExtensionWeeks).trim();
    let extension_weeks = if raw_weeks.is_empty() {
        0
    } else {
        raw_weeks.parse::<i32>().map_err(|_| {
            refuse(
                CaseField::ExtensionWeeks,
                "the-extension-is-weeks-zero-to-ten",
            )
        })?
    };
    let dates = CaseDates {
        received: date(CaseField::Received, value(CaseField::Received))?,
        complete: date(CaseField::Complete, value(CaseField::Complete))?,
        decided: date(CaseField::Decided, value(CaseField::Decided))?,
        extension_weeks,
    };
    dates.check().map_err(|e| {
        let field = match e.field {
            "decided_on" => CaseField::Decided,
            "complete_on" => CaseField::Complete,
            _ => CaseField::ExtensionWeeks,
        };
        refuse(field, e.message)
    })?;
    let closed = date(CaseField::Closed, value(CaseField::Closed))?;
    if let (Some(c), Some(r)) = (closed, dates.received)
        && c < r
    {
        return Err(refuse(
            CaseField::Closed,
            "the-closing-is-before-the-case-was-received",
        ));
    }
    let raw_fee = value(CaseField::Fee).trim();
    let fee_sek = if raw_fee.is_empty() {
        None
    } else {
        Some(
            kronor(raw_fee)
                .ok_or_else(|| refuse(CaseField::Fee, "the-fee-is-an-amount-in-kronor"))?,
        )
    };
    Ok(CaseRecord {
        reference,
        company,
        company_name: text(CaseField::CompanyName),
        contact_email,
        contact_phone: text(CaseField::ContactPhone),
        area_code: area.code.clone(),
        unit: text(CaseField::Unit),
        officer: text(CaseField::Officer),
        dates,
        closed,
        extension_decision: text(CaseField::ExtensionDecision),
        decision: text(CaseField::Decision),
        fee_sek,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cases::default_areas;
    use crate::columns::{cell, map_columns};
    use crate::tabular::read_csv;

    #[test]
    fn insikt_template_columns_are_recognised() {
        let t = read_csv(
            "Organisationsnummer;Företag;E-postadress kontaktperson;Telefon kontaktperson;Myndighetsområde;Ärendenummer;Beslutsdatum\n\
             556012-5790;Brunna Logistik AB;anna@brunna.example;08-123 45;Bygglov;BN 2026/114;2026-05-12\n"
                .as_bytes(),
        )
        .unwrap();
        let fields = map_columns::<CaseField>(&t.headers, &[]).unwrap();
        assert_eq!(fields.iter().flatten().count(), 7);
        let areas = default_areas();
        let row = &t.rows[0].1;
        let record = check_case(|f| cell(&t.headers, &fields, row, f).1, &areas).unwrap();
        assert_eq!(record.reference, "BN 2026/114");
        assert_eq!(record.area_code, "bygglov");
        assert_eq!(record.contact_email, "anna@brunna.example");
        assert_eq!(record.dates.decided, Some(jiff::civil::date(2026, 5, 12)));
    }

    #[test]
    fn bad_fields_are_named() {
        let areas = default_areas();
        let check = |pairs: &[(CaseField, &'static str)]| {
            let pairs = pairs.to_vec();
            check_case(
                move |f| pairs.iter().find(|(k, _)| *k == f).map_or("", |(_, v)| v),
                &areas,
            )
        };
        let base = [
            (CaseField::Reference, "MBN 2026/1"),
            (CaseField::Area, "Miljö"),
        ];
        assert_eq!(check(&base).unwrap().area_code, "miljo");
        let err = |extra: (CaseField, &'static str)| {
            let mut all = base.to_vec();
            all.retain(|(k, _)| *k != extra.0);
            all.push(extra);
            check(&all).unwrap_err().field
        };
        assert_eq!(err((CaseField::Area, "Skolskjuts")), CaseField::Area);
        assert_eq!(err((CaseField::OrgNr, "556012-5791")), CaseField::OrgNr);
        assert_eq!(err((CaseField::Decided, "12/5/2026")), CaseField::Decided);
        // Found by fuzzing: a compact date shorter than ten characters panicked.
        assert_eq!(err((CaseField::Decided, "21111111")), CaseField::Decided);
        assert_eq!(err((CaseField::Decided, "2026-05-1å")), CaseField::Decided);
        assert_eq!(err((CaseField::Decided, "2026-05-12x")), CaseField::Decided);
        assert!(check(&[base[0], base[1], (CaseField::Decided, "2026-05-12 10:15")]).is_ok());
        assert_eq!(err((CaseField::Fee, "gratis")), CaseField::Fee);
        assert_eq!(
            err((CaseField::ExtensionWeeks, "12")),
            CaseField::ExtensionWeeks
        );
        let mut backwards = base.to_vec();
        backwards.extend([
            (CaseField::Received, "2026-03-02"),
            (CaseField::Decided, "2026-03-01"),
        ]);
        assert_eq!(check(&backwards).unwrap_err().field, CaseField::Decided);
        assert_eq!(kronor("12 400,50 kr"), Some(12_401));
        assert_eq!(find_area(&areas, "Livsmedel").unwrap().code, "livsmedel");
    }
}
