//! Writing checked company rows into the register, batch by batch inside one transaction,
//! so a file of any length streams through and an error (or all-or-nothing) leaves nothing.

use std::collections::HashMap;

use lots_domain::collation::sort_key;
use lots_domain::company_import::{CompanyRecord, Field, size_class};
use sqlx::Row;

use crate::params::Params;
use crate::register::companies::{company_search_text, stored_legal_form};
use crate::{ImportOutcome, OnDuplicate, Result, Tenant, now};

/// A checked row with the column values derived from it, made on the reading thread while
/// the previous batch is being written, so the writer only binds and writes.
pub(crate) struct Prepared {
    record: CompanyRecord,
    orgnr: String,
    sort_key: String,
    search_text: String,
    other_names: String,
    sni2007: String,
    sni2025: String,
    tags: String,
}

impl Prepared {
    pub(crate) fn new(record: CompanyRecord) -> Prepared {
        let name = record.name.trim();
        Prepared {
            orgnr: record.id.canonical(),
            sort_key: sort_key(name),
            search_text: company_search_text(name, &record.other_names, &[]),
            other_names: record.other_names.join("\n"),
            sni2007: record.sni2007.join(","),
            sni2025: record.sni2025.join(","),
            tags: record.tags.join(","),
            record,
        }
    }
}

/// The columns an import may change, as stored.
struct Values {
    name: String,
    other_names: String,
    sni2007: String,
    sni2025: String,
    employees: Option<i64>,
    visit_address: String,
    postcode: String,
    town: String,
    notes: String,
    tags: String,
    area_id: Option<i64>,
}

impl Values {
    /// A digest of the name and of the columns in `present`, each named, so two companies
    /// have the same one exactly when an import of those columns would change nothing.
    fn fingerprint(&self, present: &[Field]) -> [u8; 16] {
        use sha2::{Digest, Sha256};
        let mut h = Sha256::new();
        let mut put = |field: &str, value: &str| {
            h.update(field.as_bytes());
            h.update([0]);
            h.update(value.as_bytes());
            h.update([0]);
        };
        put("name", &self.name);
        let number = |n: Option<i64>| n.map(|n| n.to_string()).unwrap_or_default();
        for field in present {
            match field {
                Field::OtherNames => put("other_names", &self.other_names),
                Field::Sni2007 => put("sni2007", &self.sni2007),
                Field::Sni2025 => put("sni2025", &self.sni2025),
                Field::Employees => put("employees", &number(self.employees)),
                Field::VisitAddress => put("visit_address", &self.visit_address),
                Field::Postcode => put("postcode", &self.postcode),
                Field::Town => put("town", &self.town),
                Field::Notes => put("notes", &self.notes),
                Field::Tags => put("tags", &self.tags),
                Field::Area => put("area_id", &number(self.area_id)),
                _ => {}
            }
        }
        let digest = h.finalize();
        let mut out = [0u8; 16];
        out.copy_from_slice(&digest[..16]);
        out
    }
}

/// The stored column of a field an import may change (its mapping name, but for the area's
/// id).
fn column_of(field: Field) -> Option<&'static str> {
    match field {
        Field::OrgNr | Field::Name => None,
        Field::Area => Some("area_id"),
        other => Some(other.code()),
    }
}

/// The columns a new company is inserted with, in the order `insert_sql` binds them.
const INSERT_COLUMNS: [&str; 22] = [
    "municipality_code",
    "orgnr",
    "personal",
    "legal_form",
    "name",
    "other_names",
    "sort_key",
    "search_text",
    "sni2007",
    "sni2025",
    "employees",
    "size_class",
    "visit_address",
    "postcode",
    "town",
    "area_id",
    "tags",
    "notes",
    "created_at",
    "updated_at",
    "import_id",
    "import_line",
];

/// An INSERT of `rows` new companies: one text for every batch of the same length, so
/// each is prepared once, and on SQLite anonymous placeholders, bound in order.
fn insert_sql(rows: usize, numbered: bool) -> String {
    let width = INSERT_COLUMNS.len();
    let mut sql = format!(
        "INSERT INTO companies ({}) VALUES ",
        INSERT_COLUMNS.join(", ")
    );
    for row in 0..rows {
        sql.push_str(if row == 0 { "(" } else { ", (" });
        for column in 0..width {
            if column > 0 {
                sql.push_str(", ");
            }
            if numbered {
                sql.push_str(&format!("${}", row * width + column + 1));
            } else {
                sql.push('?');
            }
        }
        sql.push(')');
    }
    sql
}

/// An import in progress: the open transaction and what it has learnt of the register.
pub(crate) struct CompanyWriter<'t, 'db> {
    tenant: &'t Tenant<'db>,
    tx: sqlx::Transaction<'static, sqlx::Any>,
    /// Registered companies by organisationsnummer: id and the fingerprint of the values of
    /// the columns this file has, to tell a row that changes nothing.
    existing: HashMap<String, (i64, [u8; 16])>,
    /// The columns this file has.
    present: Vec<Field>,
    areas: HashMap<String, i64>,
    on_duplicate: OnDuplicate,
    actor: String,
    t: i64,
    /// This import, which the companies it creates name with their line.
    import_id: i64,
    outcome: ImportOutcome,
    /// Indexes dropped for the import, as the SQL that recreates them before the commit.
    deferred: Vec<String>,
}

/// The fewest bytes a company row takes in a file (an organisationsnummer, a name, the
/// separators), to tell from a file's length how many rows it may hold at most.
const MIN_ROW_BYTES: u64 = 40;

impl<'t, 'db> CompanyWriter<'t, 'db> {
    /// Opens the transaction; `file_bytes` is the length of the file the rows come from (0
    /// for rows in memory), which decides whether index upkeep is deferred to the end.
    pub(crate) async fn begin(
        tenant: &'t Tenant<'db>,
        on_duplicate: OnDuplicate,
        (actor, present): (&str, &[Field]),
        file_bytes: u64,
    ) -> Result<Self> {
        let pool = &tenant.db.pool;
        // Only the columns the file has: the rest are not compared.
        let columns: Vec<&str> = present.iter().filter_map(|f| column_of(*f)).collect();
        // A register is most of SQLite's table: reading it in order is several times faster
        // than following the index row by row (2,2 s against 0,24 s for 300 000 rows).
        let scan = match tenant.db.backend() {
            crate::Backend::Sqlite => " NOT INDEXED",
            crate::Backend::Postgres => "",
        };
        let sql = format!(
            "SELECT id, orgnr, name{} FROM companies{scan} WHERE municipality_code = $1",
            columns.iter().map(|c| format!(", {c}")).collect::<String>()
        );
        let mut existing = HashMap::new();
        for r in sqlx::query(&sql).bind(&tenant.code).fetch_all(pool).await? {
            let text = |c: &str| -> Result<String> {
                Ok(if columns.contains(&c) {
                    r.try_get(c)?
                } else {
                    String::new()
                })
            };
            let number = |c: &str| -> Result<Option<i64>> {
                Ok(if columns.contains(&c) {
                    r.try_get(c)?
                } else {
                    None
                })
            };
            let stored = Values {
                name: r.try_get("name")?,
                other_names: text("other_names")?,
                sni2007: text("sni2007")?,
                sni2025: text("sni2025")?,
                employees: number("employees")?,
                visit_address: text("visit_address")?,
                postcode: text("postcode")?,
                town: text("town")?,
                notes: text("notes")?,
                tags: text("tags")?,
                area_id: number("area_id")?,
            };
            existing.insert(
                r.try_get("orgnr")?,
                (r.try_get("id")?, stored.fingerprint(present)),
            );
        }
        let mut areas = HashMap::new();
        for r in sqlx::query("SELECT id, name FROM areas WHERE municipality_code = $1")
            .bind(&tenant.code)
            .fetch_all(pool)
            .await?
        {
            areas.insert(r.try_get("name")?, r.try_get("id")?);
        }
        let mut tx = tenant.db.begin_write().await?;
        let t = now();
        let import_id: i64 = sqlx::query(
            "INSERT INTO company_imports (municipality_code, actor, at) VALUES ($1, $2, $3) RETURNING id",
        )
        .bind(&tenant.code)
        .bind(actor)
        .bind(t)
        .fetch_one(&mut *tx)
        .await?
        .try_get("id")?;
        // Keeping these sorted while a million random rows go in costs more than sorting
        // them once at the end; but when the file cannot even double the register, most of
        // its rows are updates or unchanged, and a rebuild would sort everything for little.
        let may_double = file_bytes / MIN_ROW_BYTES > 2 * existing.len() as u64;
        let deferred = if crate::register::upkeep::is_large(file_bytes) && may_double {
            crate::register::upkeep::defer_upkeep(
                tenant.db,
                &mut tx,
                "index",
                &["companies_sort", "companies_area", "journey_company"],
            )
            .await?
        } else {
            Vec::new()
        };
        Ok(CompanyWriter {
            tenant,
            tx,
            deferred,
            existing,
            present: present.to_vec(),
            areas,
            on_duplicate,
            actor: actor.to_string(),
            t,
            import_id,
            outcome: ImportOutcome::default(),
        })
    }

    fn area_of(&self, r: &CompanyRecord) -> Option<i64> {
        r.area.as_deref().and_then(|a| self.areas.get(a).copied())
    }

    /// A row's values as an update would store them.
    fn values_of(&self, p: &Prepared) -> Values {
        let r = &p.record;
        Values {
            name: r.name.trim().to_string(),
            other_names: p.other_names.clone(),
            sni2007: p.sni2007.clone(),
            sni2025: p.sni2025.clone(),
            employees: r.employees,
            visit_address: r.visit_address.clone(),
            postcode: r.postcode.clone(),
            town: r.town.clone(),
            notes: r.notes.clone(),
            tags: p.tags.clone(),
            area_id: self.area_of(r),
        }
    }

    /// Writes one batch: new areas, updates or skips of registered companies with an
    /// "imported" event on each updated journey, and inserts of new ones many rows per
    /// statement, each naming this import and its line.
    pub(crate) async fn write(&mut self, batch: &[Prepared]) -> Result<()> {
        let records: Vec<&CompanyRecord> = batch.iter().map(|p| &p.record).collect();
        let code = self.tenant.code.clone();
        for name in records.iter().filter_map(|r| r.area.as_deref()) {
            if !self.areas.contains_key(name) {
                let id: i64 = sqlx::query(
                    "INSERT INTO areas (municipality_code, name, sort_key) VALUES ($1, $2, $3) RETURNING id",
                )
                .bind(&code)
                .bind(name)
                .bind(sort_key(name))
                .fetch_one(&mut *self.tx)
                .await?
                .try_get("id")?;
                self.areas.insert(name.to_string(), id);
            }
        }
        let mut fresh = Vec::new();
        let mut touched: Vec<(i64, usize)> = Vec::new();
        for (r, prepared) in records.iter().zip(batch) {
            match self.existing.get(&prepared.orgnr).copied() {
                Some(_) if self.on_duplicate == OnDuplicate::Skip => self.outcome.skipped += 1,
                Some((_, stored))
                    if stored == self.values_of(prepared).fingerprint(&self.present) =>
                {
                    self.outcome.unchanged += 1;
                }
                Some((id, _)) => {
                    self.update(id, r).await?;
                    touched.push((id, r.line));
                    self.outcome.updated += 1;
                }
                None => fresh.push(prepared),
            }
        }
        // Many rows per statement: 22 values a row stays far below both backends' limits.
        let numbered = self.tenant.db.backend() == crate::Backend::Postgres;
        for chunk in fresh.chunks(400) {
            let sql = insert_sql(chunk.len(), numbered);
            let mut insert = sqlx::query(&sql);
            for prepared in chunk {
                let r = &prepared.record;
                insert = insert
                    .bind(code.as_str())
                    .bind(prepared.orgnr.as_str())
                    .bind(i64::from(r.id.is_personal()))
                    .bind(stored_legal_form(&r.id))
                    .bind(r.name.trim())
                    .bind(prepared.other_names.as_str())
                    .bind(prepared.sort_key.as_str())
                    .bind(prepared.search_text.as_str())
                    .bind(prepared.sni2007.as_str())
                    .bind(prepared.sni2025.as_str())
                    .bind(r.employees)
                    .bind(size_class(r.employees))
                    .bind(r.visit_address.as_str())
                    .bind(r.postcode.as_str())
                    .bind(r.town.as_str())
                    .bind(self.area_of(r))
                    .bind(prepared.tags.as_str())
                    .bind(r.notes.as_str())
                    .bind(self.t)
                    .bind(self.t)
                    .bind(self.import_id)
                    .bind(r.line as i64);
            }
            insert.execute(&mut *self.tx).await?;
            self.outcome.created += chunk.len();
        }
        for chunk in touched.chunks(1000) {
            let mut p = Params::new(self.tenant.db);
            let rows: Vec<String> = chunk
                .iter()
                .map(|(id, line)| {
                    format!(
                        "({}, {}, {}, 'imported', 'journey-imported', {}, {})",
                        p.text(&code),
                        p.int(*id),
                        p.int(self.t),
                        p.text(line.to_string()),
                        p.text(self.actor.as_str()),
                    )
                })
                .collect();
            let sql = format!(
                "INSERT INTO journey_events (municipality_code, company_id, at, kind, summary, detail, actor)
                 VALUES {}",
                rows.join(", ")
            );
            p.bind(&sql).execute(&mut *self.tx).await?;
        }
        Ok(())
    }

    /// Commits everything written, and lets searches see it (an import that changed no
    /// company leaves the search index as it is).
    pub(crate) async fn commit(mut self) -> Result<ImportOutcome> {
        for sql in &self.deferred {
            sqlx::query(sql).execute(&mut *self.tx).await?;
        }
        if self.outcome.created + self.outcome.updated > 0 {
            sqlx::query(Tenant::bump_search_version_sql())
                .bind(&self.tenant.code)
                .execute(&mut *self.tx)
                .await?;
        }
        let import = ("company_import", self.import_id);
        let detail = self.outcome.audit_detail();
        self.tenant
            .audit_in(&mut self.tx, "company.import", import, detail)
            .await?;
        self.tx.commit().await?;
        Ok(self.outcome)
    }

    /// Updates an existing company from an import row: only the columns the file has.
    async fn update(&mut self, id: i64, r: &CompanyRecord) -> Result<()> {
        let (t, area_id) = (self.t, self.area_of(r));
        let mut p = Params::new(self.tenant.db);
        let mut sets = vec![format!("updated_at = {}", p.int(t))];
        let has = |f: Field| r.present.contains(&f);
        sets.push(format!("name = {}", p.text(r.name.trim())));
        sets.push(format!("sort_key = {}", p.text(sort_key(r.name.trim()))));
        sets.push(format!(
            "search_text = {}",
            p.text(company_search_text(
                &r.name,
                &r.other_names,
                &self.tenant.contact_names(id).await?
            ))
        ));
        if has(Field::OtherNames) {
            sets.push(format!(
                "other_names = {}",
                p.text(r.other_names.join("\n"))
            ));
        }
        if has(Field::Sni2007) {
            sets.push(format!("sni2007 = {}", p.text(r.sni2007.join(","))));
        }
        if has(Field::Sni2025) {
            sets.push(format!("sni2025 = {}", p.text(r.sni2025.join(","))));
        }
        if has(Field::Employees) {
            match r.employees {
                Some(n) => sets.push(format!("employees = {}", p.int(n))),
                None => sets.push("employees = NULL".into()),
            }
            sets.push(format!("size_class = {}", p.text(size_class(r.employees))));
        }
        for (field, column, value) in [
            (Field::VisitAddress, "visit_address", &r.visit_address),
            (Field::Postcode, "postcode", &r.postcode),
            (Field::Town, "town", &r.town),
            (Field::Notes, "notes", &r.notes),
        ] {
            if has(field) {
                sets.push(format!("{column} = {}", p.text(value.as_str())));
            }
        }
        if has(Field::Tags) {
            sets.push(format!("tags = {}", p.text(r.tags.join(","))));
        }
        if has(Field::Area) {
            match area_id {
                Some(a) => sets.push(format!("area_id = {}", p.int(a))),
                None => sets.push("area_id = NULL".into()),
            }
        }
        let sql = format!(
            "UPDATE companies SET {} WHERE municipality_code = {} AND id = {}",
            sets.join(", "),
            p.text(&self.tenant.code),
            p.int(id)
        );
        p.bind(&sql).execute(&mut *self.tx).await?;
        Ok(())
    }
}

impl Tenant<'_> {
    /// Applies checked rows in one transaction: all of them, or none when an error occurs.
    /// Existing companies are updated (only the columns the file has) or skipped.
    pub async fn import_companies(
        &self,
        records: &[CompanyRecord],
        on_duplicate: OnDuplicate,
        actor: &str,
    ) -> Result<ImportOutcome> {
        let present = records
            .first()
            .map(|r| r.present.clone())
            .unwrap_or_default();
        let mut writer = CompanyWriter::begin(self, on_duplicate, (actor, &present), 0).await?;
        let batch: Vec<Prepared> = records.iter().cloned().map(Prepared::new).collect();
        writer.write(&batch).await?;
        writer.commit().await
    }
}
