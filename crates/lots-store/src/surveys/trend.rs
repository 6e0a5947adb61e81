//! A battery's indices year by year: NKI and each factor of every measurement year, with
//! the interval and the change from the year before, for the trend chart.

use std::collections::HashMap;

use lots_domain::nki::Thresholds;
use lots_domain::survey_results::{Aggregator, ResultRow};
use sqlx::Row;

use super::survey_results::{add_responses, year_of};
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
        self.trend_of(battery_code, thresholds, usize::MAX).await
    }

    /// The last `wanted` years of [`Tenant::trend`].
    async fn trend_of(
        &self,
        battery_code: &str,
        thresholds: &Thresholds,
        wanted: usize,
    ) -> Result<Vec<TrendYear>> {
        let mut years = self
            .years_by(battery_code, "area", thresholds, wanted)
            .await?;
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
        let latest = self
            .years_by("insikt-nki", "unit", thresholds, 1)
            .await?
            .pop();
        let Some(mut latest) = latest else {
            return Ok(None);
        };
        latest
            .rows
            .retain(|r| r.index == "nki" && units.contains(&r.group));
        Ok(Some(latest))
    }

    /// The last `wanted` measurement years with answers, their rows split by `by`, oldest
    /// first (the oldest without its change: the year before it is not read).
    async fn years_by(
        &self,
        battery_code: &str,
        by: &str,
        thresholds: &Thresholds,
        wanted: usize,
    ) -> Result<Vec<TrendYear>> {
        let rounds = sqlx::query(
            "SELECT r.id, r.battery_version_id, r.opens_on FROM survey_rounds r
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
        let mut batteries = HashMap::new();
        // Newest year first, so that reading stops once `years` of them have answers.
        let mut years: Vec<(u16, Aggregator)> = Vec::new();
        // Insikt's rules of the year being read: read once a year, not once a round.
        let mut beside = Default::default();
        for r in rounds.iter().rev() {
            let year = year_of(crate::db::date(r, "opens_on")?);
            if years.last().is_none_or(|(y, _)| *y != year) {
                // A year whose rounds have no answers yet is no point of the series.
                if years
                    .last()
                    .is_some_and(|(_, agg)| agg.groups().next().is_none())
                {
                    years.pop();
                }
                if years.len() == wanted {
                    break;
                }
                years.push((year, Aggregator::new(&indices)));
                beside = self.beside_total(year).await?;
            }
            let version: i64 = r.try_get("battery_version_id")?;
            if let std::collections::hash_map::Entry::Vacant(slot) = batteries.entry(version) {
                slot.insert(self.battery_version(version).await?.battery);
            }
            let agg = &mut years.last_mut().expect("pushed above").1;
            let responses = self.round_responses(r.try_get("id")?).await?;
            add_responses(agg, &batteries[&version], &responses, by, &beside);
        }
        years.retain(|(_, agg)| agg.groups().next().is_some());
        years.reverse();
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
        let Some(latest) = self.trend_of(BATTERY, thresholds, 2).await?.pop() else {
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
