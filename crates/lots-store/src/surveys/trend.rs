//! A battery's indices year by year: NKI and each factor of every measurement year, with
//! the interval and the change from the year before, for the trend chart.

use std::collections::{BTreeMap, HashMap};

use lots_domain::nki::Thresholds;
use lots_domain::survey_results::{Aggregator, ResultRow};
use sqlx::Row;

use super::index_sums;
use super::survey_results::{beside_in, year_of};
use crate::{Result, Tenant};

/// One measurement year: the total's row of each index, counted with Insikt's rules of
/// that year (so the definition break of 2024 shows as it was measured).
#[derive(Debug, Clone, serde::Serialize)]
pub struct TrendYear {
    pub year: u16,
    pub rows: Vec<ResultRow>,
}

impl Tenant<'_> {
    /// Every year the municipality measured with battery `battery_code`, oldest first.
    pub async fn trend(
        &self,
        battery_code: &str,
        thresholds: &Thresholds,
    ) -> Result<Vec<TrendYear>> {
        let every = Wanted {
            by: "area",
            years: usize::MAX,
            index: None,
        };
        self.totals(battery_code, thresholds, every).await
    }

    /// The total's rows of the years [`Wanted`].
    async fn totals(
        &self,
        battery_code: &str,
        thresholds: &Thresholds,
        wanted: Wanted<'_>,
    ) -> Result<Vec<TrendYear>> {
        let mut years = self.years_by(battery_code, thresholds, wanted).await?;
        for y in &mut years {
            y.rows.retain(|row| row.group.is_empty());
        }
        Ok(years)
    }

    /// The latest year's NKI of each of `units` (by name) that has answers about its
    /// cases; a unit with too few answers is there, suppressed.
    pub async fn units_nki(
        &self,
        units: &[String],
        thresholds: &Thresholds,
    ) -> Result<Option<TrendYear>> {
        let wanted = Wanted {
            by: "unit",
            years: 1,
            index: Some("nki"),
        };
        let latest = self.years_by("insikt-nki", thresholds, wanted).await?.pop();
        let Some(mut latest) = latest else {
            return Ok(None);
        };
        latest
            .rows
            .retain(|r| r.index == "nki" && units.contains(&r.group));
        Ok(Some(latest))
    }

    /// The years [`Wanted`], oldest first (the oldest without its change: the year before
    /// it is not read). From the database's sums of those years' rounds alone: three reads
    /// and one per battery version, whatever the number of answers.
    async fn years_by(
        &self,
        battery_code: &str,
        thresholds: &Thresholds,
        wanted: Wanted<'_>,
    ) -> Result<Vec<TrendYear>> {
        let rounds = sqlx::query(
            "SELECT r.id, r.battery_version_id, r.opens_on,
                    CASE WHEN EXISTS (SELECT 1 FROM survey_response_values x
                                      WHERE x.round_id = r.id) THEN 1 ELSE 0 END AS answered
             FROM survey_rounds r
             JOIN battery_versions v ON v.id = r.battery_version_id
             JOIN batteries b ON b.id = v.battery_id
             WHERE r.municipality_code = $1 AND b.code = $2
             ORDER BY r.opens_on, r.id",
        )
        .bind(&self.code)
        .bind(battery_code)
        .fetch_all(&self.db.pool)
        .await?;
        let Some(last) = rounds.last() else {
            return Ok(Vec::new());
        };
        let indices = self
            .battery_version(last.try_get("battery_version_id")?)
            .await?
            .battery
            .indices();
        // The rounds with answers of the years wanted, newest year first.
        let mut year_of_round: HashMap<i64, u16> = HashMap::new();
        let mut years: BTreeMap<u16, Aggregator> = BTreeMap::new();
        for r in rounds.iter().rev() {
            let year = year_of(crate::db::date(r, "opens_on")?);
            if r.try_get::<i64, _>("answered")? == 0
                || (years.len() == wanted.years && !years.contains_key(&year))
            {
                continue;
            }
            years
                .entry(year)
                .or_insert_with(|| Aggregator::new(&indices));
            year_of_round.insert(r.try_get("id")?, year);
        }
        let ids: Vec<i64> = year_of_round.keys().copied().collect();
        let cells = index_sums::cells(self.db, &ids, wanted.by, wanted.index).await?;
        let mut areas = self.db.area_names(std::slice::from_ref(&self.code)).await?;
        let areas = areas.remove(&self.code).unwrap_or_default();
        // Each year counted with Insikt's rules of that year.
        let beside: HashMap<u16, _> = years.keys().map(|y| (*y, beside_in(&areas, *y))).collect();
        for cell in &cells {
            let year = year_of_round[&cell.round_id];
            let agg = years.get_mut(&year).expect("a year of the rounds read");
            index_sums::add_cells(agg, [cell], &beside[&year]);
        }
        let years: Vec<(u16, Aggregator)> = years.into_iter().collect();
        let none = HashMap::new();
        Ok(years
            .iter()
            .enumerate()
            .map(|(i, (year, agg))| TrendYear {
                year: *year,
                rows: agg.rows(&none, i.checked_sub(1).map(|p| &years[p].1), thresholds),
            })
            .collect())
    }
}

/// Which of a battery's figures a page reads: the last `years` measurement years with
/// answers, split by `by` (a breakdown of `survey_results::BREAKDOWNS`), of one index or
/// of all.
#[derive(Debug, Clone, Copy)]
struct Wanted<'a> {
    by: &'a str,
    years: usize,
    index: Option<&'a str>,
}

/// Where the municipality stands in its latest year of Insikt's NKI: its NKI with the
/// interval and the change from the year before, and its place in the county.
#[derive(Debug, Clone, serde::Serialize)]
pub struct NkiStanding {
    pub year: u16,
    pub nki: ResultRow,
    pub county: Option<super::survey_results::CountyComparison>,
}

impl Tenant<'_> {
    /// The latest year's NKI beside the county, `None` before the first measurement.
    pub async fn nki_standing(&self, thresholds: &Thresholds) -> Result<Option<NkiStanding>> {
        const BATTERY: &str = "insikt-nki";
        // The latest year and the one before it, for the change.
        let wanted = Wanted {
            by: "area",
            years: 2,
            index: Some("nki"),
        };
        let Some(latest) = self.totals(BATTERY, thresholds, wanted).await?.pop() else {
            return Ok(None);
        };
        let Some(nki) = latest.rows.into_iter().find(|r| r.index == "nki") else {
            return Ok(None);
        };
        let year = i16::try_from(latest.year).unwrap_or(i16::MAX);
        let period = (
            jiff::civil::date(year, 1, 1),
            jiff::civil::date(year, 12, 31),
        );
        Ok(Some(NkiStanding {
            year: latest.year,
            nki,
            county: self.county_comparison(period, BATTERY, thresholds).await?,
        }))
    }
}
