//! Importing a company file into a municipality's register: read, map, check every row,
//! then write the valid rows in one transaction (or none, when asked for all or nothing).

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
    /// Explicit column → field mapping, over the header guesses.
    pub mapping: Vec<(String, Field)>,
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
        let table = match read_table(bytes, options.sheet.as_deref()) {
            Ok(t) => t,
            Err(e) => {
                return Ok(Err(Unreadable {
                    sv: e.message_sv(),
                    en: e.to_string(),
                }));
            }
        };
        let fields = match map_columns(&table.headers, &options.mapping) {
            Ok(f) => f,
            Err(e) => {
                return Ok(Err(Unreadable {
                    sv: e.message_sv(),
                    en: e.to_string(),
                }));
            }
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
