//! Duplicates in the register and merging two records into one.

use std::collections::HashMap;

use lots_domain::text::{edit_distance, name_words};
use sqlx::Row;

use crate::register::companies::update_query;
use crate::{Company, CompanyInput, Result, StoreError, Tenant, now};

/// Two records that are likely the same company, and why.
#[derive(Debug, Clone, serde::Serialize)]
pub struct DuplicatePair {
    pub first: Company,
    pub second: Company,
    /// `same_name` or `same_address`.
    pub reason: &'static str,
}

fn similar(a: &[String], b: &[String]) -> bool {
    let a = a.join(" ");
    let b = b.join(" ");
    a == b || edit_distance(&a, &b, 2).is_some()
}

impl Tenant<'_> {
    /// Likely duplicates: the same name (legal-form words, case and å/ä/ö aside), or
    /// near-identical names at the same address.
    pub async fn duplicate_candidates(&self) -> Result<Vec<DuplicatePair>> {
        let rows = sqlx::query(
            "SELECT id, name, postcode, visit_address FROM companies WHERE municipality_code = $1",
        )
        .bind(&self.code)
        .fetch_all(&self.db.pool)
        .await?;
        let mut by_name: HashMap<String, Vec<i64>> = HashMap::new();
        let mut by_address: HashMap<String, Vec<(i64, Vec<String>)>> = HashMap::new();
        for r in &rows {
            let id: i64 = r.try_get("id")?;
            let words = name_words(&r.try_get::<String, _>("name")?);
            by_name.entry(words.join(" ")).or_default().push(id);
            let address = lots_domain::text::fold(&format!(
                "{} {}",
                r.try_get::<String, _>("visit_address")?,
                r.try_get::<String, _>("postcode")?
            ));
            let address = address.split_whitespace().collect::<Vec<_>>().join(" ");
            if !address.is_empty() {
                by_address.entry(address).or_default().push((id, words));
            }
        }
        let mut pairs: Vec<(i64, i64, &'static str)> = Vec::new();
        for ids in by_name.values().filter(|ids| ids.len() > 1) {
            for w in ids.windows(2) {
                pairs.push((w[0].min(w[1]), w[0].max(w[1]), "same_name"));
            }
        }
        for group in by_address.values().filter(|g| g.len() > 1) {
            for (i, (a, wa)) in group.iter().enumerate() {
                for (b, wb) in &group[i + 1..] {
                    let key = (*a.min(b), *a.max(b));
                    if similar(wa, wb) && !pairs.iter().any(|p| (p.0, p.1) == key) {
                        pairs.push((key.0, key.1, "same_address"));
                    }
                }
            }
        }
        pairs.sort();
        let mut out = Vec::new();
        for (a, b, reason) in pairs {
            out.push(DuplicatePair {
                first: self.company(a).await?,
                second: self.company(b).await?,
                reason,
            });
        }
        Ok(out)
    }

    /// Merges `other` into `survivor`: the survivor takes the chosen facts, the other's
    /// contacts and journey move to it, and the other record is removed, all in one
    /// transaction.
    pub async fn merge_companies(
        &self,
        survivor: i64,
        other: i64,
        chosen: &CompanyInput,
        actor: &str,
    ) -> Result<Company> {
        if survivor == other {
            return Err(StoreError::Invalid(
                "a company cannot be merged with itself".into(),
            ));
        }
        let kept = self.company(survivor).await?;
        let gone = self.company(other).await?;
        let id = chosen.check()?;
        if id.canonical() != kept.orgnr && id.canonical() != gone.orgnr {
            return Err(StoreError::Field(
                "orgnr".into(),
                "choose-one-of-the-two-orgnrs".into(),
            ));
        }
        let area = self.area_id(chosen.area.as_deref()).await?;
        let mut contacts = self.contact_names(survivor).await?;
        contacts.extend(self.contact_names(other).await?);
        let t = now();
        let mut tx = self.db.begin_write().await?;
        // The duplicate's import is written out on the survivor's journey before it goes.
        sqlx::query(
            "INSERT INTO journey_events (municipality_code, company_id, at, kind, summary, detail, actor)
             SELECT c.municipality_code, $1, i.at, 'imported', 'journey-imported',
                    CAST(c.import_line AS TEXT), i.actor
             FROM companies c JOIN company_imports i ON i.id = c.import_id
             WHERE c.municipality_code = $2 AND c.id = $3",
        )
        .bind(survivor)
        .bind(&self.code)
        .bind(other)
        .execute(&mut *tx)
        .await?;
        for sql in [
            "UPDATE contacts SET company_id = $1 WHERE municipality_code = $2 AND company_id = $3",
            "UPDATE journey_events SET company_id = $1 WHERE municipality_code = $2 AND company_id = $3",
        ] {
            sqlx::query(sql)
                .bind(survivor)
                .bind(&self.code)
                .bind(other)
                .execute(&mut *tx)
                .await?;
        }
        sqlx::query("DELETE FROM companies WHERE municipality_code = $1 AND id = $2")
            .bind(&self.code)
            .bind(other)
            .execute(&mut *tx)
            .await?;
        update_query(&self.code, survivor, &id, chosen, area, &contacts)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO journey_events (municipality_code, company_id, at, kind, summary, detail, actor)
             VALUES ($1, $2, $3, 'merged', 'journey-merged', $4, $5)",
        )
        .bind(&self.code)
        .bind(survivor)
        .bind(t)
        .bind(format!("{} ({})", gone.name, gone.orgnr))
        .bind(actor)
        .execute(&mut *tx)
        .await?;
        self.bump_search_version_in(&mut tx).await?;
        let merged = format!("{} ({}) merged into it", gone.name, gone.orgnr);
        self.audit_in(&mut tx, "company.merge", ("company", survivor), merged)
            .await?;
        tx.commit().await?;
        self.company(survivor).await
    }
}
