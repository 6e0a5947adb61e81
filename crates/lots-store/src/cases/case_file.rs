//! Importing a case file (SKR's Insikt case template or a case system's export): rows read
//! and checked as the file streams in, written batch by batch in one transaction, the same
//! line-numbered report and modes as the company import.

use std::collections::HashMap;
use std::io::{Read, Seek};

use lots_domain::case_import::{CaseField, CaseRecord, check_case};
use lots_domain::cases::ServiceArea;
use lots_domain::columns::cell;
use lots_domain::company_import::Reject;
use lots_domain::tabular::open_table;
use lots_i18n::Message;
use sqlx::Row;

use crate::cases::case::CaseTargets;
use crate::params::Params;
use crate::register::import::{
    ImportOptions, ImportReport, Unreadable, length_of, map_fields, read_in_background, unreadable,
};
use crate::register::upkeep::{defer_upkeep, is_large};
use crate::{ImportOutcome, Result, StoreError, Tenant};

/// Rows checked before they are written together.
const BATCH: usize = 1000;

/// The SQLite triggers of migration 0011 that keep the handling-time counts.
const COUNT_TRIGGERS: [&str; 4] = [
    "cases_count_insert",
    "cases_count_forget",
    "cases_count_update",
    "cases_count_delete",
];

/// A row waiting for its batch: its line and cells (for the rejects file) and the case.
struct Pending {
    line: usize,
    cells: Vec<String>,
    record: CaseRecord,
}

/// The name of the column that holds a field, or "" when the file has none.
fn column_name(headers: &[String], fields: &[Option<CaseField>], f: CaseField) -> String {
    fields
        .iter()
        .position(|x| *x == Some(f))
        .map(|i| headers[i].clone())
        .unwrap_or_default()
}

/// The check of one row, run on the reading thread: its fields, its unit, and whether its
/// diarienummer came earlier in the file.
fn check_row(
    headers: Vec<String>,
    fields: Vec<Option<CaseField>>,
    areas: Vec<ServiceArea>,
    targets: CaseTargets,
) -> impl FnMut(usize, &[String]) -> std::result::Result<CaseRecord, Reject> + Send + 'static {
    let mut seen: HashMap<String, usize> = HashMap::new();
    move |line, cells| {
        if let Some(reject) = Reject::control_character(&headers, line, cells) {
            return Err(reject);
        }
        let value = |f: CaseField| cell(&headers, &fields, cells, f).1;
        let column_of = |f: CaseField| column_name(&headers, &fields, f);
        let record = check_case(value, &areas).map_err(|e| Reject {
            line,
            column: column_of(e.field),
            value: value(e.field).to_string(),
            reason: e.message,
        })?;
        targets.check_unit(&record).map_err(|e| Reject {
            line,
            column: column_of(CaseField::Unit),
            value: record.unit.clone(),
            reason: match e {
                StoreError::Field(_, m) => m,
                other => Message::from(other.to_string()),
            },
        })?;
        if let Some(first) = seen.insert(record.reference.clone(), line) {
            return Err(Reject {
                line,
                column: column_of(CaseField::Reference),
                value: record.reference.clone(),
                reason: Message::new("the-case-number-is-already-on-line").with("line", first),
            });
        }
        Ok(record)
    }
}

impl Tenant<'_> {
    /// Reads, checks and (unless a dry run) imports a case file. A diarienummer already in
    /// Lots updates that case; one seen twice in the file, an unknown area, unit or
    /// organisationsnummer, or dates out of order reject the line.
    pub async fn import_cases_file<R: Read + Seek + Send + 'static>(
        &self,
        mut source: R,
        options: &ImportOptions,
        file_name: &str,
        progress: &(dyn Fn(u64) + Sync),
    ) -> Result<ImportReport> {
        let length = match length_of(&mut source) {
            Ok(n) => n,
            Err(e) => return Err(StoreError::from(unreadable(&e))),
        };
        let mut stream = match open_table(source, options.sheet.as_deref()) {
            Ok(s) => s,
            Err(e) => return Err(StoreError::from(Unreadable(e.message()))),
        };
        let fields = match map_fields(&stream.headers, options, CaseField::parse) {
            Ok(f) => f,
            Err(e) => return Err(StoreError::from(e)),
        };
        let headers = std::mem::take(&mut stream.headers);
        let areas: Vec<_> = self
            .service_areas()
            .await?
            .into_iter()
            .map(|a| a.area)
            .collect();
        let targets = CaseTargets::load(self).await?;
        let mut tx = if options.dry_run {
            None
        } else {
            Some(self.db.begin_write().await?)
        };
        // A large file: the handling-time counts are counted once at the end rather than
        // kept up by a trigger call per row.
        let deferred = match tx.as_mut() {
            Some(tx) if is_large(length) => {
                defer_upkeep(self.db, tx, "trigger", &COUNT_TRIGGERS).await?
            }
            _ => Vec::new(),
        };
        let source_name = format!("import:{file_name}");
        let mut report = ImportReport::new(stream.encoding, headers.clone());
        let mut outcome = ImportOutcome::default();
        let orgnr_column = column_name(&headers, &fields, CaseField::OrgNr);
        // Every valid row is kept, even in a dry run or after a bad row: whether its company
        // is registered is only known once its batch is looked up.
        let mut batches = read_in_background(
            stream,
            (BATCH, true, false),
            check_row(headers, fields, areas, targets.clone()),
            |line, record, cells| Pending {
                line,
                cells,
                record,
            },
        );
        while let Some(batch) = batches.next().await? {
            let batch = match batch {
                Ok(b) => b,
                Err(e) => return Err(StoreError::from(Unreadable(e.message()))),
            };
            report.rows += batch.rows;
            for (reject, cells) in batch.rejects {
                report.reject(reject, cells);
            }
            let known = self.registered(&batch.valid).await?;
            let mut valid = Vec::with_capacity(batch.valid.len());
            for p in batch.valid {
                match &p.record.company {
                    Some(id) if !known.contains(&id.canonical()) => report.reject(
                        Reject {
                            line: p.line,
                            column: orgnr_column.clone(),
                            value: id.canonical(),
                            reason: Message::new("no-company-with-that-orgnr-in-the-register"),
                        },
                        p.cells,
                    ),
                    _ => valid.push(p.record),
                }
            }
            report.valid += valid.len();
            if !report.rejects.is_empty() && options.all_or_nothing {
                // Dropping the transaction rolls back what was written.
                tx = None;
            }
            if let Some(tx) = tx.as_mut().filter(|_| !valid.is_empty()) {
                let created = targets.upsert(tx, &valid, &source_name).await?;
                outcome.created += created;
                outcome.updated += valid.len() - created;
            }
            progress(batch.bytes_read);
        }
        report.rejects.sort_by_key(|r| r.line);
        if let Some(mut tx) = tx {
            if !deferred.is_empty() {
                self.recount_handling_times(&mut tx).await?;
                for sql in &deferred {
                    sqlx::query(sql).execute(&mut *tx).await?;
                }
            }
            let detail = format!("{file_name}: {}", outcome.audit_detail());
            self.audit_in(&mut tx, "case.import", ("case", "*"), detail)
                .await?;
            tx.commit().await?;
            report.outcome = Some(outcome);
        }
        Ok(report)
    }

    /// The municipality's handling-time counts counted again from its cases, as the
    /// triggers of migration 0011 would have kept them.
    async fn recount_handling_times(
        &self,
        tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    ) -> Result<()> {
        sqlx::query("DELETE FROM case_handling_counts WHERE municipality_code = $1")
            .bind(&self.code)
            .execute(&mut **tx)
            .await?;
        sqlx::query(
            "INSERT INTO case_handling_counts
             SELECT municipality_code, area_id, COALESCE(unit_id, 0), substr(received_on, 1, 7),
                    handling_days, COUNT(*), COUNT(deadline_met),
                    SUM(CASE WHEN deadline_met = 1 THEN 1 ELSE 0 END)
             FROM cases
             WHERE municipality_code = $1 AND handling_days IS NOT NULL AND received_on IS NOT NULL
             GROUP BY municipality_code, area_id, COALESCE(unit_id, 0), substr(received_on, 1, 7),
                      handling_days",
        )
        .bind(&self.code)
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    /// Which of the batch's organisationsnummer are in the register.
    async fn registered(&self, batch: &[Pending]) -> Result<std::collections::HashSet<String>> {
        let orgnrs: Vec<String> = batch
            .iter()
            .filter_map(|p| p.record.company.as_ref().map(|c| c.canonical()))
            .collect();
        if orgnrs.is_empty() {
            return Ok(Default::default());
        }
        let mut p = Params::new(self.db);
        let code = p.text(&self.code);
        let list: Vec<String> = orgnrs.iter().map(|o| p.text(o.as_str())).collect();
        let sql = format!(
            "SELECT orgnr FROM companies WHERE municipality_code = {code} AND orgnr IN ({})",
            list.join(", ")
        );
        p.bind(&sql)
            .fetch_all(&self.db.pool)
            .await?
            .iter()
            .map(|r| Ok(r.try_get("orgnr")?))
            .collect()
    }
}
