//! Importing a company file into a municipality's register: read, map and check the rows
//! as the file streams in, writing the valid ones batch by batch in one transaction (none,
//! when asked for all or nothing and a row is bad).

use std::io::{Read, Seek};

use lots_domain::columns::Column;
use lots_domain::company_import::{Field, Reject, RowChecker, map_columns};
use lots_domain::tabular::{RowStream, Table, TableError, open_table, read_table};
use lots_i18n::{Lang, Message};

use sqlx::Row;

use crate::register::company_writer::{CompanyWriter, Prepared};
use crate::{ImportOutcome, OnDuplicate, Result, StoreError, Tenant};

/// Rows checked before they are written together.
const BATCH: usize = 2000;

/// The length of a file that is then read from its start; `Err` is the reason, for the
/// "unreadable" report.
pub(crate) fn length_of<R: Seek>(source: &mut R) -> std::io::Result<u64> {
    let n = source.seek(std::io::SeekFrom::End(0))?;
    source.rewind()?;
    Ok(n)
}

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
    headers: Vec<String>,
    /// The cells of each rejected line, for the file of rejects.
    rejected_rows: Vec<(usize, Vec<String>)>,
}

/// Why a file cannot be read at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Unreadable(pub(crate) Message);

impl From<Unreadable> for StoreError {
    fn from(u: Unreadable) -> StoreError {
        StoreError::Refused(u.0)
    }
}

/// An explicit mapping with field codes checked against an importer's fields.
fn parse_mapping<F>(
    mapping: &[(String, String)],
    parse: impl Fn(&str) -> Option<F>,
) -> std::result::Result<Vec<(String, F)>, Unreadable> {
    mapping
        .iter()
        .map(|(column, code)| {
            parse(code).map(|f| (column.clone(), f)).ok_or_else(|| {
                Unreadable(Message::new("the-mapping-names-an-unknown-field").with("code", code))
            })
        })
        .collect()
}

/// A file the reader gave up on, with the reader's own words.
pub(crate) fn unreadable(e: &(impl std::fmt::Display + ?Sized)) -> Unreadable {
    Unreadable(Message::new("the-file-cannot-be-read").with("reason", e))
}

/// Finds which column holds what; an error says why the file cannot be imported at all.
pub(crate) fn map_fields<F: Column>(
    headers: &[String],
    options: &ImportOptions,
    parse: impl Fn(&str) -> Option<F>,
) -> std::result::Result<Vec<Option<F>>, Unreadable> {
    let mapping = parse_mapping(&options.mapping, parse)?;
    map_columns(headers, &mapping).map_err(|e| Unreadable(e.message()))
}

/// Reads a whole file and finds which column holds what.
fn read_and_map<F: Column>(
    bytes: &[u8],
    options: &ImportOptions,
    parse: impl Fn(&str) -> Option<F>,
) -> std::result::Result<(Table, Vec<Option<F>>), Unreadable> {
    let table = read_table(bytes, options.sheet.as_deref()).map_err(|e| Unreadable(e.message()))?;
    let fields = map_fields(&table.headers, options, parse)?;
    Ok((table, fields))
}

impl ImportReport {
    pub(crate) fn new(encoding: &'static str, headers: Vec<String>) -> ImportReport {
        ImportReport {
            encoding,
            rows: 0,
            valid: 0,
            rejects: Vec::new(),
            outcome: None,
            headers,
            rejected_rows: Vec::new(),
        }
    }

    /// Records a rejected line and its cells.
    pub(crate) fn reject(&mut self, reject: Reject, cells: Vec<String>) {
        self.rejected_rows.push((reject.line, cells));
        self.rejects.push(reject);
    }

    /// The rejected rows as a file to fix and import again: the original columns and a
    /// column `Fel` with the reason.
    pub fn rejects_file(&self, lang: Lang) -> Vec<u8> {
        let error = lots_i18n::text(lang, "error");
        let mut headers: Vec<&str> = self.headers.iter().map(String::as_str).collect();
        headers.push(&error);
        let rows: Vec<Vec<String>> = self
            .rejects
            .iter()
            .filter_map(|r| {
                let (_, cells) = self
                    .rejected_rows
                    .iter()
                    .find(|(line, _)| *line == r.line)?;
                let mut row = cells.clone();
                row.resize(self.headers.len(), String::new());
                let reason = Message::new("line-column-reason")
                    .with("line", r.line)
                    .with("column", &r.column)
                    .with("reason", r.reason.text(lang));
                row.push(reason.text(lang));
                Some(row)
            })
            .collect();
        lots_domain::export::csv_for_excel(&headers, &rows)
    }
}

impl Tenant<'_> {
    /// Reads, checks and (unless a dry run) imports a company file, streaming: memory
    /// stays flat whatever its length. `progress` hears how many bytes have been read.
    pub async fn import_companies_file<R: Read + Seek + Send + 'static>(
        &self,
        mut source: R,
        options: &ImportOptions,
        actor: &str,
        progress: &(dyn Fn(u64) + Sync),
    ) -> Result<ImportReport> {
        let length = match length_of(&mut source) {
            Ok(n) => n,
            Err(e) => return Err(StoreError::from(unreadable(&e))),
        };
        let stream = match open_table(source, options.sheet.as_deref()) {
            Ok(s) => s,
            Err(e) => return Err(StoreError::from(Unreadable(e.message()))),
        };
        let fields = match map_fields(&stream.headers, options, Field::parse) {
            Ok(f) => f,
            Err(e) => return Err(StoreError::from(e)),
        };
        let mut writer = if options.dry_run {
            None
        } else {
            let present: Vec<Field> = fields.iter().flatten().copied().collect();
            Some(CompanyWriter::begin(self, options.on_duplicate, (actor, &present), length).await?)
        };
        let mut report = check_and_write(stream, &fields, options, &mut writer, progress).await?;
        report.outcome = match writer {
            Some(w) => Some(w.commit().await?),
            None => None,
        };
        Ok(report)
    }
}

/// A stretch of a file as the reading thread hands it over: its valid rows (unless they are
/// not to be kept) and its rejected lines with their cells.
pub(crate) struct Batch<T> {
    pub(crate) valid: Vec<T>,
    pub(crate) valid_count: usize,
    pub(crate) rows: usize,
    pub(crate) rejects: Vec<(Reject, Vec<String>)>,
    pub(crate) bytes_read: u64,
    /// The file ends with this batch.
    last: bool,
}

/// The batches of a file being read on its own thread, in order, and whether the last has
/// come.
pub(crate) struct Batches<T> {
    receiver: tokio::sync::mpsc::Receiver<std::result::Result<Batch<T>, TableError>>,
    done: bool,
}

impl<T> Batches<T> {
    /// The next batch, `None` after the last, or the error that made the file unreadable.
    /// A reading thread that stopped before the file's end (it panicked) is an error, so
    /// an import never commits the first part of a file as if it were all of it.
    pub(crate) async fn next(
        &mut self,
    ) -> Result<Option<std::result::Result<Batch<T>, TableError>>> {
        if self.done {
            return Ok(None);
        }
        match self.receiver.recv().await {
            Some(batch) => {
                // An unreadable file ends the batches as the last one does.
                self.done = batch.as_ref().map_or(true, |b| b.last);
                Ok(Some(batch))
            }
            None => Err(crate::StoreError::Invalid(
                "the file's reading stopped before its end".into(),
            )),
        }
    }
}

impl<T> Batch<T> {
    fn new(size: usize) -> Batch<T> {
        Batch {
            valid: Vec::with_capacity(size),
            valid_count: 0,
            rows: 0,
            rejects: Vec::new(),
            bytes_read: 0,
            last: false,
        }
    }
}

/// Reads and checks a file on a thread of its own, so the database writes one batch while
/// the next is read and checked on the other core. Batches are of `size` rows. Valid rows
/// are `prepare`d with their line and cells while `keep` holds; with `all_or_nothing` the
/// first bad row ends keeping, since nothing will be written. A file that turns out
/// unreadable ends the batches with its error.
pub(crate) fn read_in_background<R, T>(
    mut stream: RowStream<'static>,
    (size, mut keep, all_or_nothing): (usize, bool, bool),
    mut check: impl FnMut(usize, &[String]) -> std::result::Result<R, Reject> + Send + 'static,
    prepare: impl Fn(usize, R, Vec<String>) -> T + Send + 'static,
) -> Batches<T>
where
    T: Send + 'static,
{
    let (sender, batches) = tokio::sync::mpsc::channel(2);
    tokio::task::spawn_blocking(move || {
        let mut batch = Batch::new(size);
        loop {
            let row = stream.next();
            let end = row.is_none();
            if let Some(row) = row {
                let (line, cells) = match row {
                    Ok(r) => r,
                    Err(e) => {
                        // The receiver may have gone: then nobody needs to hear it.
                        let _ = sender.blocking_send(Err(e));
                        return;
                    }
                };
                batch.rows += 1;
                match check(line, &cells) {
                    Ok(record) => {
                        batch.valid_count += 1;
                        if keep {
                            batch.valid.push(prepare(line, record, cells));
                        }
                    }
                    Err(reject) => {
                        keep &= !all_or_nothing;
                        batch.rejects.push((reject, cells));
                    }
                }
            }
            if end || batch.rows == size {
                batch.bytes_read = stream.bytes_read();
                batch.last = end;
                let full = std::mem::replace(&mut batch, Batch::new(size));
                // A receiver that has gone has stopped the import: stop reading.
                if sender.blocking_send(Ok(full)).is_err() || end {
                    return;
                }
            }
        }
    });
    Batches {
        receiver: batches,
        done: false,
    }
}

/// Checks every row and hands the valid ones to the writer in batches. With all or nothing,
/// the first bad row drops the writer (its transaction rolls back) and the rest of the file
/// is only checked.
async fn check_and_write(
    stream: RowStream<'static>,
    fields: &[Option<Field>],
    options: &ImportOptions,
    writer: &mut Option<CompanyWriter<'_, '_>>,
    progress: &(dyn Fn(u64) + Sync),
) -> Result<ImportReport> {
    let mut report = ImportReport::new(stream.encoding, stream.headers.clone());
    let mut checker = RowChecker::new(&stream.headers, fields);
    let mut batches = read_in_background(
        stream,
        (BATCH, writer.is_some(), options.all_or_nothing),
        move |line, cells| checker.check(line, cells),
        |_, record, _| Prepared::new(record),
    );
    while let Some(batch) = batches.next().await? {
        let batch = match batch {
            Ok(b) => b,
            Err(e) => return Err(StoreError::from(Unreadable(e.message()))),
        };
        report.rows += batch.rows;
        report.valid += batch.valid_count;
        if !batch.rejects.is_empty() && options.all_or_nothing {
            *writer = None;
        }
        for (reject, cells) in batch.rejects {
            report.reject(reject, cells);
        }
        if let Some(w) = writer.as_mut().filter(|_| !batch.valid.is_empty()) {
            w.write(&batch.valid).await?;
        }
        progress(batch.bytes_read);
    }
    Ok(report)
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
        default_basis: lots_domain::contact_import::LegalBasis,
        actor: &str,
    ) -> Result<ImportReport> {
        use lots_domain::contact_import::{ContactField, check_rows};
        let (table, fields) = match read_and_map(bytes, options, ContactField::parse) {
            Ok(t) => t,
            Err(e) => return Err(StoreError::from(e)),
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
                    reason: Message::new("no-company-with-that-orgnr-in-the-register"),
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
        let rejected_rows = table
            .rows
            .iter()
            .filter(|(line, _)| rejects.iter().any(|r| r.line == *line))
            .cloned()
            .collect();
        Ok(ImportReport {
            encoding: table.encoding,
            rows: table.rows.len(),
            valid: valid.len(),
            rejects,
            outcome,
            headers: table.headers,
            rejected_rows,
        })
    }

    async fn write_contacts(
        &self,
        rows: &[(i64, lots_domain::contact_import::ContactRecord)],
        actor: &str,
    ) -> Result<ImportOutcome> {
        let mut outcome = ImportOutcome::default();
        let t = crate::now();
        let mut tx = self.db.begin_write().await?;
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
                    .bind(r.language.code())
                    .bind(r.legal_basis.code())
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
                    .bind(r.language.code())
                    .bind(r.legal_basis.code())
                    .bind(key)
                    .bind(t)
                    .execute(&mut *tx)
                    .await?;
                    sqlx::query(
                        "INSERT INTO journey_events (municipality_code, company_id, at, kind, summary, detail, actor)
                         VALUES ($1, $2, $3, 'contact', 'journey-contact-imported', $4, $5)",
                    )
                    .bind(&self.code)
                    .bind(company_id)
                    .bind(t)
                    .bind(r.line.to_string())
                    .bind(actor)
                    .execute(&mut *tx)
                    .await?;
                    outcome.created += 1;
                }
            }
        }
        let detail = outcome.audit_detail();
        self.audit_in(&mut tx, "contact.import", ("contact", "*"), detail)
            .await?;
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

#[cfg(test)]
mod tests {
    use super::*;

    fn stream(rows: usize) -> RowStream<'static> {
        let mut csv = String::from("Organisationsnummer;Företagsnamn\n");
        for i in 0..rows {
            csv.push_str(&format!("556012-5790;Företag {i}\n"));
        }
        open_table(std::io::Cursor::new(csv.into_bytes()), None).unwrap()
    }

    #[tokio::test]
    async fn batches_end_with_the_file_and_a_reader_that_dies_is_an_error() {
        let mut whole = read_in_background(
            stream(5),
            (2, true, false),
            |line, _| Ok(line),
            |line, _, _| line,
        );
        let mut lines = Vec::new();
        while let Some(batch) = whole.next().await.unwrap() {
            lines.extend(batch.unwrap().valid);
        }
        assert_eq!(lines, [2, 3, 4, 5, 6]);

        let mut broken = read_in_background(
            stream(5),
            (2, true, false),
            |line, _| {
                assert!(line < 5, "a bug while checking line {line}");
                Ok(line)
            },
            |line, _, _| line,
        );
        let mut outcome = Ok(None);
        for _ in 0..5 {
            outcome = broken.next().await.map(|b| b.map(|_| ()));
            if outcome.is_err() {
                break;
            }
        }
        assert!(
            matches!(outcome, Err(crate::StoreError::Invalid(_))),
            "{outcome:?}"
        );
    }
}
