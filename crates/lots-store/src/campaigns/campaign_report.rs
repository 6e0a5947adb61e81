//! What a campaign achieved, for its page and the printable report to the municipal board:
//! visits planned, booked, made and cancelled per officer, unit, area and industry; the
//! battery's answers across the visits made; what companies said, grouped; the referrals
//! and the återkoppling.

use std::collections::{BTreeMap, HashMap};

use lots_domain::battery::Answer;
use lots_domain::campaigns::status::{ReferralKind, VisitStatus};
use lots_domain::collation::sort_key;
use lots_domain::sni::{SniVersion, lineage};
use lots_i18n::Lang;
use sqlx::Row;

use crate::{Result, Tenant};

/// Visits by status for one officer, unit, area or industry.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct StatusCounts {
    pub name: String,
    pub planned: i64,
    pub booked: i64,
    pub done: i64,
    pub cancelled: i64,
}

impl StatusCounts {
    fn add(&mut self, status: VisitStatus) {
        match status {
            VisitStatus::Booked => self.booked += 1,
            VisitStatus::Done => self.done += 1,
            VisitStatus::Cancelled => self.cancelled += 1,
            VisitStatus::Planned => self.planned += 1,
        }
    }
}

/// What the companies said under one heading (needs, challenges …): (company, text).
#[derive(Debug, Clone, serde::Serialize)]
pub struct SaidUnder {
    pub heading: String,
    pub items: Vec<(String, String)>,
}

/// The referrals to one network, event or unit.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ReferralCount {
    pub target: String,
    pub kind: ReferralKind,
    pub total: i64,
    pub done: i64,
}

#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct CampaignReport {
    pub total: StatusCounts,
    pub by_officer: Vec<StatusCounts>,
    pub by_unit: Vec<StatusCounts>,
    pub by_area: Vec<StatusCounts>,
    pub by_industry: Vec<StatusCounts>,
    /// The battery's answers of every visit made.
    #[serde(skip)]
    pub answers: Vec<HashMap<String, Answer>>,
    pub said: Vec<SaidUnder>,
    pub referrals: Vec<ReferralCount>,
    pub feedback_total: i64,
    pub feedback_done: i64,
    pub feedback_overdue: i64,
}

/// Counts grouped by name, in Swedish order.
fn grouped(map: BTreeMap<String, StatusCounts>) -> Vec<StatusCounts> {
    let mut out: Vec<StatusCounts> = map.into_values().collect();
    out.sort_by_key(|c| sort_key(&c.name));
    out
}

impl Tenant<'_> {
    /// The campaign's figures and findings; the names of groups without one (no unit, no
    /// area, no known industry) and the total's are in `lang`.
    pub async fn campaign_report(&self, id: i64, lang: Lang) -> Result<CampaignReport> {
        self.campaign(id).await?;
        let rows = sqlx::query(
            "SELECT v.status, u.name AS officer, COALESCE(un.name, '') AS unit,
                 COALESCE(a.name, '') AS area, c.sni2007, c.name AS company, v.answers,
                 v.notes, v.needs, v.challenges, v.development
             FROM visits v JOIN companies c ON c.id = v.company_id
             JOIN users u ON u.id = v.officer_user_id LEFT JOIN units un ON un.id = u.unit_id
             LEFT JOIN areas a ON a.id = c.area_id
             WHERE v.campaign_id = $1 AND v.municipality_code = $2
             ORDER BY c.sort_key",
        )
        .bind(id)
        .bind(&self.code)
        .fetch_all(&self.db.pool)
        .await?;
        let mut report = CampaignReport::default();
        let mut by: [BTreeMap<String, StatusCounts>; 4] = Default::default();
        let headings = ["notes", "needs", "challenges", "development-areas"];
        let mut said: Vec<Vec<(String, String)>> = vec![Vec::new(); headings.len()];
        for r in &rows {
            let status: VisitStatus = crate::db::code(r, "status")?;
            let sni: String = r.try_get("sni2007")?;
            let industry = sni
                .split(',')
                .next()
                .and_then(|code| lineage(SniVersion::Sni2007, code.trim()).get(1).copied())
                .map(|s| format!("{} {}", s.code, s.name))
                .unwrap_or_else(|| lots_i18n::text(lang, "unknown-industry"));
            let area: String = r.try_get("area")?;
            let unit: String = r.try_get("unit")?;
            let names = [
                r.try_get::<String, _>("officer")?,
                if unit.is_empty() {
                    lots_i18n::text(lang, "without-a-unit")
                } else {
                    unit
                },
                if area.is_empty() {
                    lots_i18n::text(lang, "without-an-area")
                } else {
                    area
                },
                industry,
            ];
            report.total.add(status);
            for (map, name) in by.iter_mut().zip(names) {
                map.entry(name.clone())
                    .or_insert_with(|| StatusCounts {
                        name,
                        ..Default::default()
                    })
                    .add(status);
            }
            if status == VisitStatus::Done {
                let json: String = r.try_get("answers")?;
                report
                    .answers
                    .push(serde_json::from_str(&json).unwrap_or_default());
                let company: String = r.try_get("company")?;
                for (list, column) in
                    said.iter_mut()
                        .zip(["notes", "needs", "challenges", "development"])
                {
                    let text: String = r.try_get(column)?;
                    if !text.trim().is_empty() {
                        list.push((company.clone(), text));
                    }
                }
            }
        }
        report.total.name = lots_i18n::text(lang, "total");
        let [officers, units, areas, industries] = by;
        report.by_officer = grouped(officers);
        report.by_unit = grouped(units);
        report.by_area = grouped(areas);
        report.by_industry = grouped(industries);
        report.said = headings
            .iter()
            .zip(said)
            .filter(|(_, items)| !items.is_empty())
            .map(|(h, items)| SaidUnder {
                heading: h.to_string(),
                items,
            })
            .collect();
        let referrals = sqlx::query(
            "SELECT COALESCE(n.name, e.name, un.name, '') AS target, r.kind,
                 COUNT(*) AS total, SUM(CASE WHEN r.done_on IS NULL THEN 0 ELSE 1 END) AS done
             FROM referrals r JOIN visits v ON v.id = r.visit_id
             LEFT JOIN networks n ON n.id = r.network_id LEFT JOIN events e ON e.id = r.event_id
             LEFT JOIN units un ON un.id = r.unit_id
             WHERE v.campaign_id = $1 AND r.municipality_code = $2
             GROUP BY COALESCE(n.name, e.name, un.name, ''), r.kind
             ORDER BY COUNT(*) DESC",
        )
        .bind(id)
        .bind(&self.code)
        .fetch_all(&self.db.pool)
        .await?;
        report.referrals = referrals
            .iter()
            .map(|r| {
                Ok(ReferralCount {
                    target: r.try_get("target")?,
                    kind: crate::db::code(r, "kind")?,
                    total: r.try_get("total")?,
                    done: r.try_get::<Option<i64>, _>("done")?.unwrap_or(0),
                })
            })
            .collect::<Result<_>>()?;
        let feedback = self.feedback(crate::FeedbackScope::Campaign(id)).await?;
        report.feedback_total = feedback.len() as i64;
        report.feedback_done = feedback.iter().filter(|f| f.done_on.is_some()).count() as i64;
        report.feedback_overdue = feedback.iter().filter(|f| f.overdue).count() as i64;
        Ok(report)
    }
}
