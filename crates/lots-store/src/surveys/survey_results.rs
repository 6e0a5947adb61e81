//! A round's results as the web page, the export and the command line show them: the
//! results table per breakdown, the effect analysis, the distributions and free text, the
//! change from the municipality's previous round of the same battery, and where the
//! municipality stands among the other municipalities of its county.

use std::collections::{HashMap, HashSet};

use jiff::civil::Date;
use lots_domain::battery::Battery;
use lots_domain::nki::Thresholds;
use lots_domain::stats::Moments;
use lots_domain::survey_results::{
    Aggregator, Distribution, Effects, ResultRow, distributions, respondent_values,
};
use lots_i18n::Lang;
use sqlx::Row;

use crate::surveys::rounds::ResponseRecord;
use crate::{Result, Tenant};

/// The breakdowns a results table can be split by.
pub const BREAKDOWNS: [&str; 5] = ["area", "unit", "industry", "size_class", "quarter"];

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
    /// The county's name, or the joint measurement's when the round is part of one.
    pub county: String,
    /// Whether the comparison is a joint measurement's rather than the county's.
    pub joint: bool,
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
        "unit" => &r.unit,
        "quarter" => &r.quarter,
        _ => &r.area,
    }
}

/// The names of the service areas (as responses and invitations carry them) that Insikt's
/// rules of a measurement year report beside the total, not in it.
type Beside = HashSet<String>;

fn aggregate(
    battery: &Battery,
    responses: &[ResponseRecord],
    by: &str,
    beside: &Beside,
) -> Aggregator {
    let mut agg = Aggregator::new(&battery.indices());
    add_responses(&mut agg, battery, responses, by, beside);
    agg
}

/// Adds responses answered with `battery` (any version with the same indices) to `agg`; a
/// response from an area beside the total is its area's group beside the total in every
/// breakdown, so the same answers are never in the total of one view and out of another's.
fn add_responses(
    agg: &mut Aggregator,
    battery: &Battery,
    responses: &[ResponseRecord],
    by: &str,
    beside: &Beside,
) {
    let indices = agg.indices().to_vec();
    for r in responses {
        let values = respondent_values(battery, &indices, &r.answers);
        if beside.contains(&r.area) {
            agg.add_beside(&r.area, &values);
        } else {
            agg.add(group_of(r, by), &values);
        }
    }
}

/// The measurement year of a round: the year it opens.
pub(super) fn year_of(opens_on: Date) -> u16 {
    u16::try_from(opens_on.year()).unwrap_or(0)
}

impl Tenant<'_> {
    /// Everything the results page of a round shows, split by `by` (one of [`BREAKDOWNS`]).
    pub async fn round_results(
        &self,
        round_id: i64,
        by: &str,
        lang: Lang,
        thresholds: &Thresholds,
    ) -> Result<RoundResults> {
        let by = BREAKDOWNS.into_iter().find(|b| *b == by).unwrap_or("area");
        let round = self.round(round_id).await?;
        let version = self.battery_version(round.battery_version_id).await?;
        let battery = &version.battery;
        let responses = self.round_responses(round_id).await?;
        // The previous round is counted with this round's definition of the total, so the
        // change is measured like for like across Insikt's break in the series.
        let period = (round.opens_on, round.closes_on);
        let beside = self.beside_total(year_of(period.0)).await?;
        let agg = aggregate(battery, &responses, by, &beside);
        let previous = match self.previous_round(round_id).await? {
            Some((previous, _)) => Some(self.summed(&[previous], by, &agg, &beside).await?),
            None => None,
        };
        let invited = self.invited_per_group(round_id, by, &beside).await?;
        let answers: Vec<_> = responses.iter().map(|r| &r.answers).collect();
        let (distributions, free_text) =
            distributions(battery, lang, answers.iter().copied(), thresholds);
        Ok(RoundResults {
            battery: battery.code.clone(),
            by: by.to_string(),
            responses: responses.len(),
            rows: agg.rows(&invited, previous.as_ref(), thresholds),
            effects: agg.effects("", thresholds),
            distributions,
            free_text,
            county: match (round.joint_round_id, round.joint_name.clone()) {
                (Some(joint), Some(name)) => self.joint_comparison(joint, name, thresholds).await?,
                _ => {
                    self.county_comparison(period, &battery.code, thresholds)
                        .await?
                }
            },
        })
    }

    /// The results of every round of a battery (by its code, any version) that overlaps a
    /// period (first and last day), compared with the period of the same length before.
    pub async fn period_results(
        &self,
        battery_code: &str,
        period: (Date, Date),
        by: &str,
        lang: Lang,
        thresholds: &Thresholds,
    ) -> Result<RoundResults> {
        let by = BREAKDOWNS.into_iter().find(|b| *b == by).unwrap_or("area");
        let rounds = self.rounds_of(battery_code, period).await?;
        let Some(latest) = rounds.first() else {
            return Err(crate::StoreError::NotFound);
        };
        let battery = self.battery_version(latest.1).await?.battery;
        let beside = self.beside_total(year_of(period.1)).await?;
        let mut agg = Aggregator::new(&battery.indices());
        let mut invited: HashMap<String, u64> = HashMap::new();
        let mut all = Vec::new();
        for (round_id, version_id) in &rounds {
            let b = self.battery_version(*version_id).await?.battery;
            let responses = self.round_responses(*round_id).await?;
            add_responses(&mut agg, &b, &responses, by, &beside);
            for (g, n) in self.invited_per_group(*round_id, by, &beside).await? {
                *invited.entry(g).or_default() += n;
            }
            all.extend(responses);
        }
        let before = previous_period(period);
        let mut previous = None;
        if let Some(before) = before {
            let earlier: Vec<i64> = self
                .rounds_of(battery_code, before)
                .await?
                .into_iter()
                .map(|(round_id, _)| round_id)
                .collect();
            if !earlier.is_empty() {
                previous = Some(self.summed(&earlier, by, &agg, &beside).await?);
            }
        }
        let answers: Vec<_> = all.iter().map(|r| &r.answers).collect();
        let (distributions, free_text) =
            distributions(&battery, lang, answers.iter().copied(), thresholds);
        Ok(RoundResults {
            battery: battery.code.clone(),
            by: by.to_string(),
            responses: all.len(),
            rows: agg.rows(&invited, previous.as_ref(), thresholds),
            effects: agg.effects("", thresholds),
            distributions,
            free_text,
            county: self
                .county_comparison(period, battery_code, thresholds)
                .await?,
        })
    }

    /// The respondents of `round_ids` summed by the database, with the indices of `like`,
    /// split by `by`: the figures of a period only compared with, whose answers are not read.
    async fn summed(
        &self,
        round_ids: &[i64],
        by: &str,
        like: &Aggregator,
        beside: &Beside,
    ) -> Result<Aggregator> {
        let mut agg = Aggregator::new(like.indices());
        let cells = super::index_sums::cells(self.db, round_ids, by, None).await?;
        super::index_sums::add_cells(&mut agg, &cells, beside);
        Ok(agg)
    }

    /// This municipality's service areas (by name) that Insikt's rules of `year` report
    /// beside the total, not in it.
    pub async fn beside_total(&self, year: u16) -> Result<Beside> {
        let mut areas = self.db.area_names(std::slice::from_ref(&self.code)).await?;
        Ok(beside_in(
            areas.remove(&self.code).as_deref().unwrap_or_default(),
            year,
        ))
    }

    /// The rounds of a battery code overlapping a period, newest first:
    /// (round id, battery version id).
    async fn rounds_of(&self, battery_code: &str, period: (Date, Date)) -> Result<Vec<(i64, i64)>> {
        let rows = sqlx::query(
            "SELECT r.id, r.battery_version_id FROM survey_rounds r
             JOIN battery_versions v ON v.id = r.battery_version_id
             JOIN batteries b ON b.id = v.battery_id
             WHERE r.municipality_code = $1 AND b.code = $2 AND r.opens_on <= $3 AND r.closes_on >= $4
             ORDER BY r.closes_on DESC, r.id DESC",
        )
        .bind(&self.code)
        .bind(battery_code)
        .bind(period.1.to_string())
        .bind(period.0.to_string())
        .fetch_all(&self.db.pool)
        .await?;
        rows.iter()
            .map(|r| Ok((r.try_get("id")?, r.try_get("battery_version_id")?)))
            .collect()
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
    pub(super) async fn county_comparison(
        &self,
        period: (Date, Date),
        battery_code: &str,
        thresholds: &Thresholds,
    ) -> Result<Option<CountyComparison>> {
        let me = self.municipality().await?;
        let members: Vec<String> = lots_domain::reference::municipalities()
            .iter()
            .filter(|m| m.county_code == me.county_code)
            .map(|m| m.code.clone())
            .collect();
        let measurement = Measurement::Battery {
            code: battery_code,
            period,
        };
        self.comparison(me.county_name, &members, &measurement, thresholds)
            .await
    }

    /// Totals only: the municipalities of a joint measurement that this round is part of.
    async fn joint_comparison(
        &self,
        joint_id: i64,
        name: String,
        thresholds: &Thresholds,
    ) -> Result<Option<CountyComparison>> {
        let members: Vec<String> =
            sqlx::query("SELECT municipality_code FROM survey_rounds WHERE joint_round_id = $1")
                .bind(joint_id)
                .fetch_all(&self.db.pool)
                .await?
                .iter()
                .map(|r| r.try_get("municipality_code"))
                .collect::<std::result::Result<_, _>>()?;
        self.comparison(name, &members, &Measurement::Joint(joint_id), thresholds)
            .await
    }

    /// This municipality among `members` in a measurement: each one's n and NKI (suppressed
    /// below the threshold), the average of those shown and this one's rank.
    async fn comparison(
        &self,
        label: String,
        members: &[String],
        measurement: &Measurement<'_>,
        thresholds: &Thresholds,
    ) -> Result<Option<CountyComparison>> {
        let results = self.db.members_nki(members, measurement).await?;
        if results.len() < 2 {
            return Ok(None);
        }
        let mut municipalities: Vec<(String, String, u64, Option<Moments>)> = results
            .into_iter()
            .map(|m| {
                let total = m.total();
                let shown = thresholds.shown(total.n).then_some(total);
                (m.code, m.name, total.n, shown)
            })
            .collect();
        // Best first, compared exactly; the shown before the withheld, then by name.
        municipalities.sort_by(|a, b| {
            match (&a.3, &b.3) {
                (Some(x), Some(y)) => y.cmp_mean(x),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => std::cmp::Ordering::Equal,
            }
            .then_with(|| a.1.cmp(&b.1))
        });
        let shown: Vec<&Moments> = municipalities.iter().filter_map(|m| m.3.as_ref()).collect();
        let average = (!shown.is_empty())
            .then(|| shown.iter().map(|m| m.mean()).sum::<f64>() / shown.len() as f64);
        // Equal indices share a place: one more than those strictly better.
        let rank = municipalities
            .iter()
            .find(|m| m.0 == self.code)
            .and_then(|me| me.3.as_ref())
            .map(|mine| {
                1 + shown
                    .iter()
                    .filter(|o| o.cmp_mean(mine) == std::cmp::Ordering::Greater)
                    .count()
            });
        Ok(Some(CountyComparison {
            joint: matches!(measurement, Measurement::Joint(_)),
            county: label,
            ranked: shown.len(),
            municipalities: municipalities
                .into_iter()
                .map(|(_, name, n, v)| (name, n, v.map(|m| m.mean())))
                .collect(),
            average,
            rank,
        }))
    }
}

/// The period of the same length that ends the day before `period` starts: whole months
/// (a year, a quarter) go back by months, other periods by days.
fn previous_period((from, to): (Date, Date)) -> Option<(Date, Date)> {
    let end = from.yesterday().ok()?;
    let start = if from.day() == 1 && to.tomorrow().ok()?.day() == 1 {
        let months = (i32::from(to.year()) * 12 + i32::from(to.month()))
            - (i32::from(from.year()) * 12 + i32::from(from.month()))
            + 1;
        from.checked_sub(jiff::Span::new().months(months)).ok()?
    } else {
        let days = (to - from).get_days() + 1;
        end.checked_sub(jiff::Span::new().days(days - 1)).ok()?
    };
    Some((start, end))
}

/// One municipality's NKI in a measurement: sums per service area (the response's area)
/// and how many were invited there. Totals only: no answer leaves its municipality.
#[derive(Debug, Clone)]
pub struct MemberNki {
    pub code: String,
    pub name: String,
    /// Per area: NKI sums and the number invited.
    pub areas: std::collections::BTreeMap<String, (Moments, u64)>,
    /// The areas reported beside the total, not in it, by Insikt's rules of the year.
    pub beside: Beside,
}

impl MemberNki {
    fn in_total(&self) -> impl Iterator<Item = &(Moments, u64)> {
        self.areas
            .iter()
            .filter(|(a, _)| !self.beside.contains(*a))
            .map(|(_, v)| v)
    }

    /// The total NKI: the areas in the total by the year's rules.
    pub fn total(&self) -> Moments {
        let mut all = Moments::default();
        self.in_total().for_each(|(m, _)| all.merge(m));
        all
    }

    /// How many were invited in the areas of the total.
    pub fn invited(&self) -> u64 {
        self.in_total().map(|(_, i)| i).sum()
    }
}

/// Which rounds count as one measurement across municipalities.
#[derive(Debug, Clone, Copy)]
pub enum Measurement<'a> {
    /// Every round of a battery (by code) overlapping a period (first and last day).
    Battery { code: &'a str, period: (Date, Date) },
    /// The member rounds of an organiser's joint measurement.
    Joint(i64),
}

/// Of a municipality's service areas (code, name), the names Insikt's rules of `year`
/// report beside the total, not in it. A municipality that has not set up its areas (none
/// given) has the default ones.
pub(super) fn beside_in(areas: &[(String, String)], year: u16) -> Beside {
    let rules = lots_domain::insikt::for_year(year);
    let defaults: Vec<(String, String)>;
    let areas = if areas.is_empty() {
        defaults = lots_domain::cases::default_areas()
            .into_iter()
            .map(|a| (a.code, a.name))
            .collect();
        &defaults
    } else {
        areas
    };
    areas
        .iter()
        .filter(|(code, _)| rules.beside.contains(code))
        .map(|(_, name)| name.clone())
        .collect()
}

impl crate::Db {
    /// The service areas (code, name) of each of `codes` that has set them up, in one read.
    pub(super) async fn area_names(
        &self,
        codes: &[String],
    ) -> Result<HashMap<String, Vec<(String, String)>>> {
        let mut out: HashMap<String, Vec<(String, String)>> = HashMap::new();
        if codes.is_empty() {
            return Ok(out);
        }
        let mut p = crate::params::Params::new(self);
        let list: Vec<String> = codes.iter().map(|c| p.text(c.as_str())).collect();
        let sql = format!(
            "SELECT municipality_code, code, name FROM service_areas
             WHERE municipality_code IN ({}) ORDER BY id",
            list.join(", ")
        );
        for r in p.bind(&sql).fetch_all(&self.pool).await? {
            out.entry(r.try_get("municipality_code")?)
                .or_default()
                .push((r.try_get("code")?, r.try_get("name")?));
        }
        Ok(out)
    }

    /// The NKI of each of `codes` in the rounds of a measurement, from the database's sums:
    /// four reads whatever the number of members and answers.
    pub async fn members_nki(
        &self,
        codes: &[String],
        measurement: &Measurement<'_>,
    ) -> Result<Vec<MemberNki>> {
        const FROM: &str = "SELECT m.code, m.name, r.id AS round_id, r.opens_on, v.definition
             FROM survey_rounds r
             JOIN battery_versions v ON v.id = r.battery_version_id
             JOIN batteries b ON b.id = v.battery_id
             JOIN municipalities m ON m.code = r.municipality_code";
        let rows = match measurement {
            Measurement::Battery { code, period } => {
                sqlx::query(&format!(
                    "{FROM} WHERE b.code = $1 AND r.opens_on <= $2 AND r.closes_on >= $3
                     ORDER BY m.code"
                ))
                .bind(*code)
                .bind(period.1.to_string())
                .bind(period.0.to_string())
                .fetch_all(&self.pool)
                .await?
            }
            Measurement::Joint(id) => {
                sqlx::query(&format!(
                    "{FROM} WHERE r.joint_round_id = $1 ORDER BY m.code"
                ))
                .bind(*id)
                .fetch_all(&self.pool)
                .await?
            }
        };
        let areas = self.area_names(codes).await?;
        let mut out: Vec<MemberNki> = Vec::new();
        // Which member each round counts for, with the areas beside the total in its year.
        let mut rounds: HashMap<i64, (usize, Beside)> = HashMap::new();
        // Members measure with the same few versions: each definition is read once.
        let mut measures_nki: HashMap<String, bool> = HashMap::new();
        for r in &rows {
            let code: String = r.try_get("code")?;
            if !codes.contains(&code) {
                continue;
            }
            let definition: String = r.try_get("definition")?;
            let has_nki = *measures_nki.entry(definition).or_insert_with_key(|d| {
                Battery::from_json(d).is_ok_and(|b| b.indices().iter().any(|i| i == "nki"))
            });
            if !has_nki {
                continue;
            }
            if out.last().is_none_or(|m| m.code != code) {
                out.push(MemberNki {
                    code: code.clone(),
                    name: r.try_get("name")?,
                    areas: Default::default(),
                    beside: Default::default(),
                });
            }
            let member = out.last_mut().expect("pushed above");
            let year = year_of(crate::db::date(r, "opens_on")?);
            let beside = beside_in(areas.get(&code).map_or(&[][..], Vec::as_slice), year);
            member.beside.extend(beside.iter().cloned());
            rounds.insert(r.try_get("round_id")?, (out.len() - 1, beside));
        }
        let ids: Vec<i64> = rounds.keys().copied().collect();
        for (round_id, area, invited) in self.invited_per_area(&ids).await? {
            if !area.is_empty() {
                let member = &mut out[rounds[&round_id].0];
                member.areas.entry(area).or_default().1 += invited;
            }
        }
        for cell in super::index_sums::cells(self, &ids, "area", Some("nki")).await? {
            let member = &mut out[rounds[&cell.round_id].0];
            member
                .areas
                .entry(cell.area)
                .or_default()
                .0
                .merge(&cell.sums);
        }
        Ok(out)
    }

    /// How many were invited per round and area, of the rounds `round_ids`.
    async fn invited_per_area(&self, round_ids: &[i64]) -> Result<Vec<(i64, String, u64)>> {
        if round_ids.is_empty() {
            return Ok(Vec::new());
        }
        let mut p = crate::params::Params::new(self);
        let list: Vec<String> = round_ids.iter().map(|id| p.int(*id)).collect();
        let sql = format!(
            "SELECT round_id, area, COUNT(*) AS n FROM survey_invitations
             WHERE round_id IN ({}) GROUP BY round_id, area",
            list.join(", ")
        );
        p.bind(&sql)
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(|r| {
                Ok((
                    r.try_get("round_id")?,
                    r.try_get("area")?,
                    r.try_get::<i64, _>("n")? as u64,
                ))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_previous_period_has_the_same_length() {
        let day = |s: &str| s.parse::<jiff::civil::Date>().unwrap();
        let p = |a, b| super::previous_period((day(a), day(b))).unwrap();
        assert_eq!(
            p("2025-01-01", "2025-12-31"),
            (day("2024-01-01"), day("2024-12-31"))
        );
        assert_eq!(
            p("2025-04-01", "2025-06-30"),
            (day("2025-01-01"), day("2025-03-31"))
        );
        assert_eq!(
            p("2025-03-10", "2025-03-19"),
            (day("2025-02-28"), day("2025-03-09"))
        );
    }
}
