//! Company files as rows: which column holds what (matched by Swedish or English header
//! names, or mapped explicitly), and each row checked into a record or a reject that names
//! its line, column, value and reason.

use std::collections::HashMap;

use lots_i18n::Message;

use crate::columns::Column;
pub use crate::columns::{MappingError, map_columns};
use crate::orgnr::CompanyId;
use crate::sni::{self, SniVersion};
use crate::tabular::Table;

/// What a column can hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    OrgNr,
    Name,
    OtherNames,
    Sni2007,
    Sni2025,
    Employees,
    VisitAddress,
    Postcode,
    Town,
    Area,
    Tags,
    Notes,
}

impl Field {
    pub const ALL: [Field; 12] = [
        Field::OrgNr,
        Field::Name,
        Field::OtherNames,
        Field::Sni2007,
        Field::Sni2025,
        Field::Employees,
        Field::VisitAddress,
        Field::Postcode,
        Field::Town,
        Field::Area,
        Field::Tags,
        Field::Notes,
    ];

    /// The name used in an explicit mapping (`--map "Kolumn=orgnr"`).
    pub fn code(self) -> &'static str {
        match self {
            Field::OrgNr => "orgnr",
            Field::Name => "name",
            Field::OtherNames => "other_names",
            Field::Sni2007 => "sni2007",
            Field::Sni2025 => "sni2025",
            Field::Employees => "employees",
            Field::VisitAddress => "visit_address",
            Field::Postcode => "postcode",
            Field::Town => "town",
            Field::Area => "area",
            Field::Tags => "tags",
            Field::Notes => "notes",
        }
    }

    /// The message id of the field's name.
    pub fn label(self) -> &'static str {
        match self {
            Field::OrgNr => "organisation-number",
            Field::Name => "company-name",
            Field::OtherNames => "other-names",
            Field::Sni2007 => "sni-2007",
            Field::Sni2025 => "sni-2025",
            Field::Employees => "number-of-employees",
            Field::VisitAddress => "visiting-address",
            Field::Postcode => "postcode",
            Field::Town => "town",
            Field::Area => "area",
            Field::Tags => "tags",
            Field::Notes => "notes",
        }
    }

    pub fn parse(code: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.code() == code.trim())
    }
}

impl Column for Field {
    fn all() -> &'static [Field] {
        &Field::ALL
    }

    fn required() -> &'static [Field] {
        &[Field::OrgNr, Field::Name]
    }

    fn code(self) -> &'static str {
        Field::code(self)
    }

    fn label(self) -> &'static str {
        Field::label(self)
    }

    fn aliases(self) -> &'static [&'static str] {
        match self {
            Field::OrgNr => &[
                "organisationsnummer",
                "orgnr",
                "org nr",
                "orgnummer",
                "org nummer",
                "organisationsnr",
                "organisation number",
                "organization number",
                "corporate id",
                "orgno",
                "company id",
                "identitetsnummer",
            ],
            Field::Name => &[
                "foretagsnamn",
                "namn",
                "foretag",
                "firma",
                "firmanamn",
                "name",
                "company name",
                "company",
                "foretagets namn",
            ],
            Field::OtherNames => &[
                "andra namn",
                "ovriga namn",
                "bifirma",
                "other names",
                "alias",
            ],
            Field::Sni2007 => &[
                "sni",
                "sni kod",
                "sni2007",
                "sni 2007",
                "sni kod 2007",
                "sni 07",
                "branschkod",
                "industry code",
                "nace",
            ],
            Field::Sni2025 => &["sni2025", "sni 2025", "sni kod 2025", "sni 25"],
            Field::Employees => &[
                "antal anstallda",
                "anstallda",
                "employees",
                "number of employees",
                "antal",
            ],
            Field::VisitAddress => &[
                "besoksadress",
                "gatuadress",
                "adress",
                "address",
                "street address",
                "visiting address",
            ],
            Field::Postcode => &["postnummer", "postnr", "postal code", "postcode", "zip"],
            Field::Town => &["postort", "ort", "town", "city"],
            Field::Area => &["omrade", "kommundel", "area", "district", "stadsdel"],
            Field::Tags => &["taggar", "tags", "etiketter"],
            Field::Notes => &["anteckningar", "anteckning", "kommentar", "notes", "note"],
        }
    }
}

/// One valid company row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompanyRecord {
    pub line: usize,
    pub id: CompanyId,
    pub name: String,
    pub other_names: Vec<String>,
    pub sni2007: Vec<String>,
    pub sni2025: Vec<String>,
    pub employees: Option<i64>,
    pub visit_address: String,
    pub postcode: String,
    pub town: String,
    pub area: Option<String>,
    pub tags: Vec<String>,
    pub notes: String,
    /// Which fields the file had a column for: an update changes only those.
    pub present: Vec<Field>,
}

/// A rejected row: where, what and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reject {
    pub line: usize,
    pub column: String,
    pub value: String,
    pub reason: Message,
}

impl Reject {
    /// A row with a control character in a cell, rejected before any other check so that
    /// no backend ever sees the character.
    pub fn control_character(headers: &[String], line: usize, cells: &[String]) -> Option<Reject> {
        let (column, c) = crate::input::refused_cell(cells)?;
        let point = crate::input::code_point(c);
        Some(Reject {
            line,
            column: headers.get(column).cloned().unwrap_or_default(),
            value: crate::input::printable(&cells[column]),
            reason: Message::new("the-cell-holds-a-control-character").with("point", point),
        })
    }
}

fn split_list(s: &str) -> Vec<String> {
    s.split([',', ';', '|', '/'])
        .flat_map(|p| p.split_whitespace())
        .map(str::to_string)
        .filter(|p| !p.is_empty())
        .collect()
}

fn parse_sni(version: SniVersion, value: &str) -> Result<Vec<String>, Message> {
    let mut codes = Vec::new();
    for code in split_list(value) {
        match sni::lookup(version, &code) {
            Some(c) => codes.push(c.code.clone()),
            None => {
                return Err(Message::new("sni-code-not-in-version")
                    .with("code", code)
                    .with("version", version.code()));
            }
        }
    }
    Ok(codes)
}

/// Checks every row; duplicates of an organisationsnummer within the file are rejected
/// after their first line.
pub fn check_rows(table: &Table, fields: &[Option<Field>]) -> (Vec<CompanyRecord>, Vec<Reject>) {
    let mut checker = RowChecker::new(&table.headers, fields);
    let mut records = Vec::new();
    let mut rejects = Vec::new();
    for (line, cells) in &table.rows {
        match checker.check(*line, cells) {
            Ok(r) => records.push(r),
            Err(r) => rejects.push(r),
        }
    }
    (records, rejects)
}

/// Checks rows one at a time as a file is read, remembering each organisationsnummer's
/// first line so a later duplicate in the same file is rejected.
pub struct RowChecker {
    headers: Vec<String>,
    fields: Vec<Option<Field>>,
    present: Vec<Field>,
    first_line: HashMap<CompanyId, usize>,
}

impl RowChecker {
    pub fn new(headers: &[String], fields: &[Option<Field>]) -> Self {
        RowChecker {
            headers: headers.to_vec(),
            fields: fields.to_vec(),
            present: fields.iter().flatten().copied().collect(),
            first_line: HashMap::new(),
        }
    }

    pub fn check(&mut self, line: usize, cells: &[String]) -> Result<CompanyRecord, Reject> {
        if let Some(reject) = Reject::control_character(&self.headers, line, cells) {
            return Err(reject);
        }
        let cell = |f: Field| crate::columns::cell(&self.headers, &self.fields, cells, f);
        let reject = |f: Field, reason: Message| {
            let (column, value) = cell(f);
            Reject {
                line,
                column: column.into(),
                value: value.into(),
                reason,
            }
        };
        let id = CompanyId::parse(cell(Field::OrgNr).1)
            .map_err(|e| reject(Field::OrgNr, e.message().into()))?;
        if let Some(first) = self.first_line.get(&id) {
            return Err(reject(
                Field::OrgNr,
                Message::new("same-orgnr-as-line").with("line", first),
            ));
        }
        let name = cell(Field::Name).1;
        if name.is_empty() {
            return Err(reject(Field::Name, "the-company-name-is-missing".into()));
        }
        let sni2007 = parse_sni(SniVersion::Sni2007, cell(Field::Sni2007).1)
            .map_err(|m| reject(Field::Sni2007, m))?;
        let sni2025 = parse_sni(SniVersion::Sni2025, cell(Field::Sni2025).1)
            .map_err(|m| reject(Field::Sni2025, m))?;
        let employees_raw: String = cell(Field::Employees)
            .1
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        let employees = if employees_raw.is_empty() {
            None
        } else {
            match employees_raw.parse::<i64>() {
                Ok(n) if n >= 0 => Some(n),
                _ => {
                    return Err(reject(
                        Field::Employees,
                        "employees-must-be-zero-or-more".into(),
                    ));
                }
            }
        };
        self.first_line.insert(id.clone(), line);
        Ok(CompanyRecord {
            line,
            id,
            name: name.into(),
            other_names: cell(Field::OtherNames)
                .1
                .split(['|', ';'])
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect(),
            sni2007,
            sni2025,
            employees,
            visit_address: cell(Field::VisitAddress).1.into(),
            postcode: cell(Field::Postcode).1.into(),
            town: cell(Field::Town).1.into(),
            area: Some(cell(Field::Area).1)
                .filter(|a| !a.is_empty())
                .map(str::to_string),
            tags: split_list(cell(Field::Tags).1),
            notes: cell(Field::Notes).1.into(),
            present: self.present.clone(),
        })
    }
}

/// The size classes of SCB's business register, by number of employees.
pub fn size_class(employees: Option<i64>) -> &'static str {
    match employees {
        None => "",
        Some(n) if n <= 0 => "0",
        Some(1..=4) => "1–4",
        Some(5..=9) => "5–9",
        Some(10..=19) => "10–19",
        Some(20..=49) => "20–49",
        Some(50..=99) => "50–99",
        Some(100..=199) => "100–199",
        Some(200..=499) => "200–499",
        Some(500..=999) => "500–999",
        Some(_) => "1000+",
    }
}

/// The size classes in order, for filters.
pub const SIZE_CLASSES: [&str; 10] = [
    "0",
    "1–4",
    "5–9",
    "10–19",
    "20–49",
    "50–99",
    "100–199",
    "200–499",
    "500–999",
    "1000+",
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tabular::read_csv;
    use lots_i18n::Lang;

    fn table(text: &str) -> Table {
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(text);
        read_csv(&bytes).unwrap()
    }

    #[test]
    fn headers_in_swedish_and_english_and_explicit_mapping() {
        let t = table("Org.nr;Företagsnamn;SNI;Antal anställda;Postort;Okänd\n");
        let f = map_columns::<Field>(&t.headers, &[]).unwrap();
        assert_eq!(
            f,
            [
                Some(Field::OrgNr),
                Some(Field::Name),
                Some(Field::Sni2007),
                Some(Field::Employees),
                Some(Field::Town),
                None
            ]
        );
        let t = table("Identity;Company name\n");
        assert_eq!(
            map_columns::<Field>(&t.headers, &[]).unwrap_err(),
            MappingError::Missing("organisation-number", "orgnr")
        );
        let f = map_columns(&t.headers, &[("Identity".into(), Field::OrgNr)]).unwrap();
        assert_eq!(f, [Some(Field::OrgNr), Some(Field::Name)]);
        assert!(matches!(
            map_columns(&t.headers, &[("Nope".into(), Field::OrgNr)]),
            Err(MappingError::UnknownColumn(_))
        ));
    }

    #[test]
    fn a_control_character_in_any_cell_rejects_its_row_by_column() {
        let t = table(
            "Orgnr;Namn;Ort\n556012-5790;Brunna\u{1}Logistik AB;Bro\n559900-0006;Bra AB;Bro\n",
        );
        let fields = map_columns::<Field>(&t.headers, &[]).unwrap();
        let (ok, bad) = check_rows(&t, &fields);
        assert_eq!(ok.len(), 1);
        assert_eq!((bad[0].line, bad[0].column.as_str()), (2, "Namn"));
        assert_eq!(bad[0].value, "Brunna<U+0001>Logistik AB");
        assert!(bad[0].reason.text(Lang::Sv).contains("U+0001"));
    }

    #[test]
    fn three_bad_lines_are_exactly_the_three_reported() {
        let t = table(
            "Orgnr;Namn;SNI;Antal anställda\n\
             556012-5790;Brunna Logistik AB;49410;45\n\
             556012-5791;Fel Kontrollsiffra AB;;3\n\
             5560125790;Dubblett AB;;\n\
             212000-0076;Kommunen;84111;1 200\n\
             556677-8899;;;\n\
             559900-0006;Okänd Bransch AB;99999;2\n",
        );
        let fields = map_columns::<Field>(&t.headers, &[]).unwrap();
        let (ok, bad) = check_rows(&t, &fields);
        assert_eq!(
            ok.iter().map(|r| r.line).collect::<Vec<_>>(),
            [2, 5],
            "{bad:#?}"
        );
        assert_eq!(ok[1].employees, Some(1200));
        let lines: Vec<(usize, &str)> = bad.iter().map(|r| (r.line, r.column.as_str())).collect();
        assert_eq!(lines, [(3, "Orgnr"), (4, "Orgnr"), (6, "Namn"), (7, "SNI")]);
        assert!(bad[0].reason.text(Lang::Sv).contains("Kontrollsiffran"));
        assert!(bad[1].reason.text(Lang::Sv).contains("rad 2"));
        assert!(bad[3].reason.text(Lang::Sv).contains("99999"));
    }

    #[test]
    fn size_classes_follow_scb() {
        assert_eq!(size_class(Some(0)), "0");
        assert_eq!(size_class(Some(45)), "20–49");
        assert_eq!(size_class(Some(5000)), "1000+");
        assert_eq!(size_class(None), "");
    }
}
