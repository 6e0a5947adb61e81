//! A round's results as the web page, the export and the command line show them: the
//! results table per breakdown, the effect analysis, the distributions and free text, the
//! change from the municipality's previous round of the same battery, and where the
//! municipality stands among the other municipalities of its county.

use std::collections::HashMap;

use lots_domain::battery::Battery;
use lots_domain::nki::Thresholds;
use lots_domain::survey_results::{
    Aggregator, Distribution, Effects, ResultRow, distributions, respondent_values,
};
use sqlx::Row;

use crate::surveys::ResponseRecord;
use crate::{Result, Tenant};

/// The breakdowns a results table can be split by.
pub const BREAKDOWNS: [&str; 4] = ["area", "industry", "size_class", "quarter"];

#[derive(Debug, Clone, serde::Serialize)]
pub struct RoundResults {
    pub battery: String,
    pub by: String,
    pub responses: usize,
    pub rows: Vec<ResultRow>,
    pub effects: Option<Effects>,
    pub distributions: Vec<Distribution>,
    pub free_text: Vec<(String, Vec<String>)>,
    pub county: Option<CountyComparison>,
}

/// The municipality's NKI beside the other municipalities of its county that measured with
/// a battery of the same code in an overlapping period.
#[derive(Debug, Clone, serde::Serialize)]
pub struct CountyComparison {
    pub county: String,
    /// (municipality, n, NKI), NKI `None` when suppressed; best first.
    pub municipalities: Vec<(String, u64, Option<f64>)>,
    /// The mean of the shown municipalities' NKI.
    pub average: Option<f64>,
    /// This municipality's place among the shown ones (1 = best).
    pub rank: Option<usize>,
    pub ranked: usize,
}

fn group_of<'a>(r: &'a ResponseRecord, by: &str) -> &'a str {
    match by {
        "industry" => &r.industry,
        "size_class" => &r.size_class,
        "quarter" => &r.quarter,
        _ => &r.area,
    }
}

fn aggregate(battery: &Battery, responses: &[ResponseRecord], by: &str) -> Aggregator {
    let indices = battery.indices();
    let mut agg = Aggregator::new(&indices);
    for r in responses {
        let values = respondent_values(battery, &indices, &r.answers);
        agg.add("", &values);
        let group = group_of(r, by);
        if !group.is_empty() {
            agg.add(group, &values);
        }
    }
    agg
}

impl Tenant<'_> {
    /// Everything the results page of a round shows, split by `by` (one of [`BREAKDOWNS`]).
    pub async fn round_results(
        &self,
        round_id: i64,
        by: &str,
        language: &str,
        thresholds: &Thresholds,
    ) -> Result<RoundResults> {
        let by = BREAKDOWNS.into_iter().find(|b| *b == by).unwrap_or("area");
        let round = self.round(round_id).await?;
        let version = self.battery_version(round.battery_version_id).await?;
        let battery = &version.battery;
        let responses = self.round_responses(round_id).await?;
        let agg = aggregate(battery, &responses, by);
        let previous = match self.previous_round(round_id).await? {
            Some(p) => {
                let pv = self.battery_version(p.1).await?;
                Some(aggregate(
                    &pv.battery,
                    &self.round_responses(p.0).await?,
                    by,
                ))
            }
            None => None,
        };
        let invited = if by == "quarter" {
            HashMap::from([(String::new(), round.invited as u64)])
        } else {
            self.invited_per_group(round_id, by).await?
        };
        let answers: Vec<_> = responses.iter().map(|r| &r.answers).collect();
        let (distributions, free_text) =
            distributions(battery, language, answers.iter().copied(), thresholds);
        Ok(RoundResults {
            battery: battery.code.clone(),
            by: by.to_string(),
            responses: responses.len(),
            rows: agg.rows(&invited, previous.as_ref(), thresholds),
            effects: agg.effects("", thresholds),
            distributions,
            free_text,
            county: self
                .county_comparison(&round, &battery.code, thresholds)
                .await?,
        })
    }

    /// The latest round of the same battery that closed before this one opened:
    /// (round id, battery version id).
    async fn previous_round(&self, round_id: i64) -> Result<Option<(i64, i64)>> {
        let row = sqlx::query(
            "SELECT p.id, p.battery_version_id FROM survey_rounds r
             JOIN battery_versions rv ON rv.id = r.battery_version_id
             JOIN battery_versions pv ON pv.battery_id = rv.battery_id
             JOIN survey_rounds p ON p.battery_version_id = pv.id
             WHERE r.municipality_code = $1 AND r.id = $2 AND p.closes_on < r.opens_on
             ORDER BY p.closes_on DESC LIMIT 1",
        )
        .bind(&self.code)
        .bind(round_id)
        .fetch_optional(&self.db.pool)
        .await?;
        row.map(|r| Ok((r.try_get("id")?, r.try_get("battery_version_id")?)))
            .transpose()
    }

    /// Totals only, never answers: the county's municipalities that measured with the same
    /// battery in an overlapping period, each with n and NKI (suppressed below the threshold).
    async fn county_comparison(
        &self,
        round: &crate::Round,
        battery_code: &str,
        thresholds: &Thresholds,
    ) -> Result<Option<CountyComparison>> {
        let me = self.municipality().await?;
        let rows = sqlx::query(
            "SELECT m.code, m.name, r.id AS round_id, v.definition
             FROM survey_rounds r
             JOIN battery_versions v ON v.id = r.battery_version_id
             JOIN batteries b ON b.id = v.battery_id
             JOIN municipalities m ON m.code = r.municipality_code
             WHERE m.county_code = $1 AND b.code = $2 AND r.opens_on <= $3 AND r.closes_on >= $4",
        )
        .bind(&me.county_code)
        .bind(battery_code)
        .bind(&round.closes_on)
        .bind(&round.opens_on)
        .fetch_all(&self.db.pool)
        .await?;
        let mut per_municipality: HashMap<String, (String, Aggregator)> = HashMap::new();
        for r in &rows {
            let code: String = r.try_get("code")?;
            let battery = match Battery::from_json(&r.try_get::<String, _>("definition")?) {
                Ok(b) => b,
                Err(_) => continue,
            };
            if battery.indices().first().map(String::as_str) != Some("nki") {
                return Ok(None);
            }
            let tenant = self.db.tenant_unchecked(&code);
            let responses = tenant.round_responses(r.try_get("round_id")?).await?;
            let entry = per_municipality.entry(code).or_insert_with(|| {
                let name = r.try_get("name").unwrap_or_default();
                (name, Aggregator::new(&["nki".to_string()]))
            });
            for resp in &responses {
                let values = respondent_values(&battery, &battery.indices(), &resp.answers);
                entry.1.add("", &values[..1]);
            }
        }
        if per_municipality.len() < 2 {
            return Ok(None);
        }
        let mut municipalities: Vec<(String, String, u64, Option<f64>)> = per_municipality
            .into_iter()
            .map(|(code, (name, agg))| {
                let m = agg.moments("", "nki").copied().unwrap_or_default();
                let shown = thresholds.shown(m.n).then(|| m.mean());
                (code, name, m.n, shown)
            })
            .collect();
        municipalities.sort_by(|a, b| {
            b.3.unwrap_or(f64::NEG_INFINITY)
                .total_cmp(&a.3.unwrap_or(f64::NEG_INFINITY))
                .then_with(|| a.1.cmp(&b.1))
        });
        let shown: Vec<f64> = municipalities.iter().filter_map(|m| m.3).collect();
        let average = (!shown.is_empty()).then(|| shown.iter().sum::<f64>() / shown.len() as f64);
        let rank = municipalities
            .iter()
            .filter(|m| m.3.is_some())
            .position(|m| m.0 == self.code)
            .map(|p| p + 1);
        Ok(Some(CountyComparison {
            county: me.county_name,
            ranked: shown.len(),
            municipalities: municipalities
                .into_iter()
                .map(|(_, name, n, v)| (name, n, v))
                .collect(),
            average,
            rank,
        }))
    }
}
