//! Importing a company file into a municipality's register: read, map, check every row,
//! then write the valid rows in one transaction (or none, when asked for all or nothing).

use lots_domain::columns::Column;
use lots_domain::company_import::{Field, Reject, check_rows, map_columns};
use lots_domain::tabular::{Table, read_table};

use sqlx::Row;

use crate::{ImportOutcome, OnDuplicate, Result, Tenant};

#[derive(Debug, Clone)]
pub struct ImportOptions {
    pub on_duplicate: OnDuplicate,
    /// One bad row imports nothing.
    pub all_or_nothing: bool,
    /// Check and report only.
    pub dry_run: bool,
    /// Explicit column → field-code mapping (`Orgnr` → `orgnr`), over the header guesses.
    pub mapping: Vec<(String, String)>,
    /// The sheet of an XLSX workbook; the first when `None`.
    pub sheet: Option<String>,
}

#[derive(Debug, Clone)]
pub struct ImportReport {
    pub encoding: &'static str,
    pub rows: usize,
    pub valid: usize,
    pub rejects: Vec<Reject>,
    /// What was written; `None` for a dry run or when all-or-nothing found a bad row.
    pub outcome: Option<ImportOutcome>,
    table: Table,
}

/// A file that cannot be read at all, in Swedish and English.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable {
    pub sv: String,
    pub en: String,
}

/// An explicit mapping with field codes checked against an importer's fields.
fn parse_mapping<F>(
    mapping: &[(String, String)],
    parse: impl Fn(&str) -> Option<F>,
) -> std::result::Result<Vec<(String, F)>, Unreadable> {
    mapping
        .iter()
        .map(|(column, code)| {
            parse(code)
                .map(|f| (column.clone(), f))
                .ok_or_else(|| Unreadable {
                    sv: format!("Fältet \"{code}\" i mappningen finns inte."),
                    en: format!("the mapping names an unknown field {code:?}"),
                })
        })
        .collect()
}

/// Reads a file and finds which column holds what; an error says why the file cannot be
/// imported at all.
fn read_and_map<F: Column>(
    bytes: &[u8],
    options: &ImportOptions,
    parse: impl Fn(&str) -> Option<F>,
) -> std::result::Result<(Table, Vec<Option<F>>), Unreadable> {
    let unreadable = |sv: String, en: String| Unreadable { sv, en };
    let table = read_table(bytes, options.sheet.as_deref())
        .map_err(|e| unreadable(e.message_sv(), e.to_string()))?;
    let mapping = parse_mapping(&options.mapping, parse)?;
    let fields = map_columns(&table.headers, &mapping)
        .map_err(|e| unreadable(e.message_sv(), e.to_string()))?;
    Ok((table, fields))
}

impl ImportReport {
    /// The rejected rows as a file to fix and import again: the original columns and a
    /// column `Fel` with the reason.
    pub fn rejects_file(&self) -> Vec<u8> {
        let mut headers: Vec<&str> = self.table.headers.iter().map(String::as_str).collect();
        headers.push("Fel");
        let rows: Vec<Vec<String>> = self
            .rejects
            .iter()
            .filter_map(|r| {
                let (_, cells) = self.table.rows.iter().find(|(line, _)| *line == r.line)?;
                let mut row = cells.clone();
                row.resize(self.table.headers.len(), String::new());
                row.push(format!("Rad {}, {}: {}", r.line, r.column, r.reason_sv));
                Some(row)
            })
            .collect();
        lots_domain::export::csv_for_excel(&headers, &rows)
    }
}

impl Tenant<'_> {
    /// Reads, checks and (unless a dry run) imports a company file.
    pub async fn import_companies_file(
        &self,
        bytes: &[u8],
        options: &ImportOptions,
        actor: &str,
    ) -> Result<std::result::Result<ImportReport, Unreadable>> {
        let (table, fields) = match read_and_map(bytes, options, Field::parse) {
            Ok(t) => t,
            Err(e) => return Ok(Err(e)),
        };
        let (records, rejects) = check_rows(&table, &fields);
        let write = !options.dry_run && (!options.all_or_nothing || rejects.is_empty());
        let outcome = if write {
            Some(
                self.import_companies(&records, options.on_duplicate, actor)
                    .await?,
            )
        } else {
            None
        };
        Ok(Ok(ImportReport {
            encoding: table.encoding,
            rows: table.rows.len(),
            valid: records.len(),
            rejects,
            outcome,
            table,
        }))
    }
}

/// A file kept between an import's preview and its confirmation.
#[derive(Debug, Clone)]
pub struct Upload {
    pub id: i64,
    pub filename: String,
    pub content: Vec<u8>,
}

/// How long an uploaded file is kept.
pub const UPLOAD_KEPT_SECS: i64 = 24 * 3600;

impl Tenant<'_> {
    /// Keeps an uploaded file for the user who uploaded it.
    pub async fn save_upload(&self, user_id: i64, filename: &str, content: &[u8]) -> Result<i64> {
        let id: i64 = sqlx::query(
            "INSERT INTO uploads (municipality_code, user_id, filename, content, created_at)
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(&self.code)
        .bind(user_id)
        .bind(filename)
        .bind(content.to_vec())
        .bind(crate::now())
        .fetch_one(&self.db.pool)
        .await?
        .try_get("id")?;
        Ok(id)
    }

    /// An upload of this user in this municipality.
    pub async fn upload(&self, user_id: i64, id: i64) -> Result<Upload> {
        let row = sqlx::query(
            "SELECT id, filename, content FROM uploads
             WHERE municipality_code = $1 AND user_id = $2 AND id = $3 AND created_at > $4",
        )
        .bind(&self.code)
        .bind(user_id)
        .bind(id)
        .bind(crate::now() - UPLOAD_KEPT_SECS)
        .fetch_optional(&self.db.pool)
        .await?
        .ok_or(crate::StoreError::NotFound)?;
        Ok(Upload {
            id: row.try_get("id")?,
            filename: row.try_get("filename")?,
            content: row.try_get("content")?,
        })
    }
}

impl Tenant<'_> {
    /// Reads, checks and (unless a dry run) imports a contact-person file. A person already
    /// at the company (same e-mail, or same name) is updated rather than added twice.
    pub async fn import_contacts_file(
        &self,
        bytes: &[u8],
        options: &ImportOptions,
        default_basis: &'static str,
        actor: &str,
    ) -> Result<std::result::Result<ImportReport, Unreadable>> {
        use lots_domain::contact_import::{ContactField, check_rows};
        let (table, fields) = match read_and_map(bytes, options, ContactField::parse) {
            Ok(t) => t,
            Err(e) => return Ok(Err(e)),
        };
        let (records, mut rejects) = check_rows(&table, &fields, default_basis);
        let orgnr_column = fields
            .iter()
            .position(|f| *f == Some(ContactField::OrgNr))
            .map(|i| table.headers[i].clone())
            .unwrap_or_default();
        let mut valid = Vec::new();
        for r in records {
            match self.company_by_orgnr(&r.company.canonical()).await? {
                Some(company) => valid.push((company.id, r)),
                None => rejects.push(Reject {
                    line: r.line,
                    column: orgnr_column.clone(),
                    value: r.company.canonical(),
                    reason_sv: "Inget företag med det organisationsnumret finns i registret."
                        .into(),
                    reason_en: "No company with that organisationsnummer is in the register."
                        .into(),
                }),
            }
        }
        rejects.sort_by_key(|r| r.line);
        let write = !options.dry_run && (!options.all_or_nothing || rejects.is_empty());
        let outcome = if write {
            Some(self.write_contacts(&valid, actor).await?)
        } else {
            None
        };
        Ok(Ok(ImportReport {
            encoding: table.encoding,
            rows: table.rows.len(),
            valid: valid.len(),
            rejects,
            outcome,
            table,
        }))
    }

    async fn write_contacts(
        &self,
        rows: &[(i64, lots_domain::contact_import::ContactRecord)],
        actor: &str,
    ) -> Result<ImportOutcome> {
        let mut outcome = ImportOutcome::default();
        let t = crate::now();
        let mut tx = self.db.pool.begin().await?;
        for (company_id, r) in rows {
            let existing: Option<i64> = sqlx::query(
                "SELECT id FROM contacts WHERE municipality_code = $1 AND company_id = $2
                   AND erased_at IS NULL AND ((email <> '' AND email = $3) OR name = $4)",
            )
            .bind(&self.code)
            .bind(company_id)
            .bind(&r.email)
            .bind(&r.name)
            .fetch_optional(&mut *tx)
            .await?
            .map(|row| row.try_get("id"))
            .transpose()?;
            let key = lots_domain::collation::sort_key(&r.name);
            match existing {
                Some(id) => {
                    sqlx::query(
                        "UPDATE contacts SET name = $1, role = $2, email = $3, phone = $4, language = $5,
                             legal_basis = $6, sort_key = $7, last_activity_at = $8
                         WHERE municipality_code = $9 AND id = $10",
                    )
                    .bind(&r.name)
                    .bind(&r.role)
                    .bind(&r.email)
                    .bind(&r.phone)
                    .bind(&r.language)
                    .bind(&r.legal_basis)
                    .bind(key)
                    .bind(t)
                    .bind(&self.code)
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                    outcome.updated += 1;
                }
                None => {
                    sqlx::query(
                        "INSERT INTO contacts (municipality_code, company_id, name, role, email, phone,
                             language, legal_basis, sort_key, last_activity_at, created_at)
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)",
                    )
                    .bind(&self.code)
                    .bind(company_id)
                    .bind(&r.name)
                    .bind(&r.role)
                    .bind(&r.email)
                    .bind(&r.phone)
                    .bind(&r.language)
                    .bind(&r.legal_basis)
                    .bind(key)
                    .bind(t)
                    .execute(&mut *tx)
                    .await?;
                    sqlx::query(
                        "INSERT INTO journey_events (municipality_code, company_id, at, kind, summary, detail, actor)
                         VALUES ($1, $2, $3, 'contact', 'En kontaktperson importerades', $4, $5)",
                    )
                    .bind(&self.code)
                    .bind(company_id)
                    .bind(t)
                    .bind(format!("rad {}", r.line))
                    .bind(actor)
                    .execute(&mut *tx)
                    .await?;
                    outcome.created += 1;
                }
            }
        }
        tx.commit().await?;
        let mut companies: Vec<i64> = rows.iter().map(|(c, _)| *c).collect();
        companies.sort_unstable();
        companies.dedup();
        for company in companies {
            self.refresh_search_text(company).await?;
        }
        Ok(outcome)
    }
}
