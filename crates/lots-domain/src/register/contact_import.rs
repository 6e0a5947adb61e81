//! Contact-person files: each row a person at a company named by its organisationsnummer.

use lots_i18n::{Lang, Message};

use crate::columns::Column;
use crate::company_import::Reject;
use crate::orgnr::CompanyId;
use crate::tabular::Table;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ContactField {
    OrgNr,
    Name,
    Role,
    Email,
    Phone,
    Language,
    LegalBasis,
}

const ALL: [ContactField; 7] = [
    ContactField::OrgNr,
    ContactField::Name,
    ContactField::Role,
    ContactField::Email,
    ContactField::Phone,
    ContactField::Language,
    ContactField::LegalBasis,
];

impl ContactField {
    pub fn parse(code: &str) -> Option<ContactField> {
        ALL.into_iter().find(|f| f.code() == code.trim())
    }
}

impl Column for ContactField {
    fn all() -> &'static [ContactField] {
        &ALL
    }

    fn required() -> &'static [ContactField] {
        &[ContactField::OrgNr, ContactField::Name]
    }

    fn code(self) -> &'static str {
        match self {
            ContactField::OrgNr => "orgnr",
            ContactField::Name => "name",
            ContactField::Role => "role",
            ContactField::Email => "email",
            ContactField::Phone => "phone",
            ContactField::Language => "language",
            ContactField::LegalBasis => "legal_basis",
        }
    }

    fn label(self) -> &'static str {
        match self {
            ContactField::OrgNr => "organisation-number",
            ContactField::Name => "name",
            ContactField::Role => "role",
            ContactField::Email => "e-mail-address",
            ContactField::Phone => "phone",
            ContactField::Language => "language",
            ContactField::LegalBasis => "column-legal-basis",
        }
    }

    fn aliases(self) -> &'static [&'static str] {
        match self {
            ContactField::OrgNr => &[
                "organisationsnummer",
                "orgnr",
                "org nr",
                "orgnummer",
                "organisation number",
                "organization number",
            ],
            ContactField::Name => &[
                "namn",
                "kontaktperson",
                "kontakt",
                "name",
                "contact",
                "contact person",
                "fornamn efternamn",
            ],
            ContactField::Role => &["roll", "befattning", "titel", "role", "title", "position"],
            ContactField::Email => &[
                "e post",
                "epost",
                "e postadress",
                "mejl",
                "mail",
                "email",
                "e mail",
            ],
            ContactField::Phone => &[
                "telefon",
                "tel",
                "telefonnummer",
                "mobil",
                "phone",
                "mobile",
            ],
            ContactField::Language => &["sprak", "language"],
            ContactField::LegalBasis => &["rattslig grund", "laglig grund", "legal basis"],
        }
    }
}

/// One valid contact row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactRecord {
    pub line: usize,
    pub company: CompanyId,
    pub name: String,
    pub role: String,
    pub email: String,
    pub phone: String,
    pub language: Lang,
    pub legal_basis: LegalBasis,
}

crate::codes! {
    /// Why the municipality may keep a contact person's data (GDPR article 6).
    pub enum LegalBasis {
        PublicTask = "public_task" => "exercise-of-authority-and-tasks-in",
        LegitimateInterest = "legitimate_interest" => "legitimate-interest",
        Consent = "consent" => "consent",
    }
}

/// A legal basis as people write it, in Swedish or English.
pub fn legal_basis(s: &str) -> Option<LegalBasis> {
    match crate::text::fold(s).trim() {
        "public task"
        | "public_task"
        | "allmant intresse"
        | "myndighetsutovning"
        | "uppgift av allmant intresse" => Some(LegalBasis::PublicTask),
        "legitimate interest" | "legitimate_interest" | "berattigat intresse" => {
            Some(LegalBasis::LegitimateInterest)
        }
        "consent" | "samtycke" => Some(LegalBasis::Consent),
        _ => None,
    }
}

/// Checks every row; `default_basis` applies where the file has no legal basis.
pub fn check_rows(
    table: &Table,
    fields: &[Option<ContactField>],
    default_basis: LegalBasis,
) -> (Vec<ContactRecord>, Vec<Reject>) {
    let mut records = Vec::new();
    let mut rejects = Vec::new();
    for (line, cells) in &table.rows {
        if let Some(reject) = Reject::control_character(&table.headers, *line, cells) {
            rejects.push(reject);
            continue;
        }
        let cell = |f: ContactField| crate::columns::cell(&table.headers, fields, cells, f);
        let reject = |f: ContactField, reason: &'static str| {
            let (column, value) = cell(f);
            Reject {
                line: *line,
                column: column.into(),
                value: value.into(),
                reason: Message::new(reason),
            }
        };
        let company = match CompanyId::parse(cell(ContactField::OrgNr).1) {
            Ok(id) => id,
            Err(e) => {
                rejects.push(reject(ContactField::OrgNr, e.message()));
                continue;
            }
        };
        let name = cell(ContactField::Name).1.to_string();
        if name.is_empty() {
            rejects.push(reject(ContactField::Name, "the-name-is-missing"));
            continue;
        }
        let raw_email = cell(ContactField::Email).1;
        let email = if raw_email.is_empty() {
            String::new()
        } else {
            match crate::email::normalise(raw_email) {
                Ok(e) => e,
                Err(_) => {
                    rejects.push(reject(
                        ContactField::Email,
                        "the-e-mail-address-is-malformed",
                    ));
                    continue;
                }
            }
        };
        let language = match crate::text::fold(cell(ContactField::Language).1).trim() {
            "" | "sv" | "svenska" | "swedish" => Lang::Sv,
            "en" | "engelska" | "english" => Lang::En,
            _ => {
                rejects.push(reject(
                    ContactField::Language,
                    "the-language-is-swedish-or-english",
                ));
                continue;
            }
        };
        let raw_basis = cell(ContactField::LegalBasis).1;
        let basis = if raw_basis.is_empty() {
            Some(default_basis)
        } else {
            legal_basis(raw_basis)
        };
        let Some(basis) = basis else {
            rejects.push(reject(
                ContactField::LegalBasis,
                "the-legal-basis-is-one-of-three",
            ));
            continue;
        };
        records.push(ContactRecord {
            line: *line,
            company,
            name,
            role: cell(ContactField::Role).1.into(),
            email,
            phone: cell(ContactField::Phone).1.into(),
            language,
            legal_basis: basis,
        });
    }
    (records, rejects)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::columns::map_columns;
    use crate::tabular::read_csv;

    #[test]
    fn contact_rows_are_checked_with_line_numbers() {
        let t = read_csv(
            "Orgnr;Kontaktperson;Befattning;E-post;Språk;Rättslig grund\n\
             556012-5790;Sara Svensson;Vd;sara@firma.example;svenska;samtycke\n\
             556012-5791;Fel Nummer;;;;\n\
             556012-5790;;;;;\n\
             556012-5790;Per Persson;;inte-en-adress;;\n\
             556012-5790;Eva Ek;;;tyska;\n"
                .as_bytes(),
        )
        .unwrap();
        let fields = map_columns::<ContactField>(&t.headers, &[]).unwrap();
        let (ok, bad) = check_rows(&t, &fields, LegalBasis::PublicTask);
        assert_eq!(ok.len(), 1);
        assert_eq!(
            (ok[0].legal_basis.code(), ok[0].language.code()),
            ("consent", "sv")
        );
        let where_: Vec<(usize, &str)> = bad.iter().map(|r| (r.line, r.column.as_str())).collect();
        assert_eq!(
            where_,
            [
                (3, "Orgnr"),
                (4, "Kontaktperson"),
                (5, "E-post"),
                (6, "Språk")
            ]
        );
    }
}
