//! Survey indices summed in SQL. Each submitted response keeps its indices (NKI and each
//! factor, in units of `1 / stats::SCALE`) in `survey_response_values`, written in the
//! transaction that submits the answer; a page that needs NKI per municipality, year, area
//! or unit asks the database for count, sum and sum of squares per cell in one `GROUP BY`
//! instead of reading and parsing every answer.
//!
//! Exact on both backends: a value (at most 100 × SCALE < 2⁴⁶) is summed as three 16-bit
//! limbs and their pairwise products, each of which fits a 64-bit sum for billions of
//! rows; the sums are put together in `i128` here, so they equal the respondent-by-
//! respondent sums to the last unit.

use std::collections::{HashMap, HashSet};

use lots_domain::battery::{Answer, Battery};
use lots_domain::stats::Moments;
use lots_domain::survey_results::{Aggregator, respondent_values};
use sqlx::Row;

use crate::Result;

/// Replaces a response's indices by those of `answers` under `battery`, inside the
/// transaction that writes the answers: (response id, round id, the response's background:
/// area, industry, size class, unit).
pub(crate) async fn write_values(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    (response_id, round_id, background): (i64, i64, &[String; 4]),
    battery: &Battery,
    answers: &HashMap<String, Answer>,
) -> Result<()> {
    sqlx::query("DELETE FROM survey_response_values WHERE response_id = $1")
        .bind(response_id)
        .execute(&mut **tx)
        .await?;
    let indices = battery.indices();
    let values: Vec<(&String, i64)> = indices
        .iter()
        .zip(respondent_values(battery, &indices, answers))
        .filter_map(|(i, v)| Some((i, v?)))
        .collect();
    if values.is_empty() {
        return Ok(());
    }
    let rows: Vec<String> = (0..values.len())
        .map(|i| format!("($1, $2, $3, $4, $5, $6, ${}, ${})", 7 + 2 * i, 8 + 2 * i))
        .collect();
    let sql = format!(
        "INSERT INTO survey_response_values (response_id, round_id, area, industry, size_class,
             unit, idx, units) VALUES {}",
        rows.join(", ")
    );
    let query = background.iter().fold(
        sqlx::query(&sql).bind(response_id).bind(round_id),
        |q, b| q.bind(b.as_str()),
    );
    let query = values
        .iter()
        .fold(query, |q, (idx, units)| q.bind(idx.as_str()).bind(*units));
    query.execute(&mut **tx).await?;
    Ok(())
}

/// One cell of a `GROUP BY`: the respondents of a round in one area and one group of a
/// breakdown, for one index.
#[derive(Debug, Clone)]
pub(crate) struct Cell {
    pub round_id: i64,
    pub area: String,
    /// The breakdown's group ("" for the total alone).
    pub group: String,
    pub index: String,
    pub sums: Moments,
}

/// The sums per round, area, group of `by` ("area", "unit", "industry" or "size_class";
/// anything else, a quarter, is the total alone: no quarter of one period is a quarter of
/// another, so only the total is ever compared) and index, of the rounds `round_ids`;
/// `index`, when given, reads that index alone.
pub(crate) async fn cells(
    db: &crate::Db,
    round_ids: &[i64],
    by: &str,
    index: Option<&str>,
) -> Result<Vec<Cell>> {
    if round_ids.is_empty() {
        return Ok(Vec::new());
    }
    // PostgreSQL refuses a constant in GROUP BY: without a breakdown, the area alone.
    let (group, group_by) = match by {
        "area" => ("v.area".to_string(), String::new()),
        "unit" | "industry" | "size_class" => (format!("v.{by}"), format!(", v.{by}")),
        _ => ("''".to_string(), String::new()),
    };
    let mut p = crate::params::Params::new(db);
    let rounds: Vec<String> = round_ids.iter().map(|id| p.int(*id)).collect();
    let only = match index {
        Some(i) => format!("AND v.idx = {}", p.text(i)),
        None => String::new(),
    };
    // u = a·2³² + b·2¹⁶ + c; every sum below stays far inside 64 bits.
    const A: &str = "(v.units >> 32)";
    const B: &str = "((v.units >> 16) & 65535)";
    const C: &str = "(v.units & 65535)";
    let sum = |e: String| format!("CAST(SUM({e}) AS BIGINT)");
    let limbs = [
        sum(A.into()),
        sum(B.into()),
        sum(C.into()),
        sum(format!("{A} * {A}")),
        sum(format!("{A} * {B}")),
        sum(format!("{A} * {C}")),
        sum(format!("{B} * {B}")),
        sum(format!("{B} * {C}")),
        sum(format!("{C} * {C}")),
    ]
    .join(", ");
    // Grouped in the order of `survey_response_values_cells`: read from the index alone.
    let sql = format!(
        "SELECT v.round_id, v.area, {group} AS g, v.idx, COUNT(*) AS n,
                MIN(v.units) AS lo, MAX(v.units) AS hi, {limbs}
         FROM survey_response_values v
         WHERE v.round_id IN ({}) {only}
         GROUP BY v.round_id, v.idx, v.area{group_by}",
        rounds.join(", ")
    );
    let rows = p.bind(&sql).fetch_all(&db.pool).await?;
    rows.iter()
        .map(|r| {
            // Columns 7.. are the limbs' sums in the order above.
            let l = |i: usize| -> Result<i128> { Ok(i128::from(r.try_get::<i64, _>(7 + i)?)) };
            let (a, b, c) = (l(0)?, l(1)?, l(2)?);
            let (aa, ab, ac, bb, bc, cc) = (l(3)?, l(4)?, l(5)?, l(6)?, l(7)?, l(8)?);
            let sum = (a << 32) + (b << 16) + c;
            let sum_sq = (aa << 64) + (ab << 49) + ((2 * ac + bb) << 32) + (bc << 17) + cc;
            Ok(Cell {
                round_id: r.try_get("round_id")?,
                area: r.try_get("area")?,
                group: r.try_get("g")?,
                index: r.try_get("idx")?,
                sums: Moments::from_sums(
                    r.try_get::<i64, _>("n")? as u64,
                    sum,
                    sum_sq,
                    r.try_get("lo")?,
                    r.try_get("hi")?,
                ),
            })
        })
        .collect()
}

/// Adds cells to `agg` as [`super::survey_results`] adds respondents: a cell of an area
/// `beside` the total is that area's group beside it, every other cell is in the total and
/// in its group.
pub(crate) fn add_cells<'a>(
    agg: &mut Aggregator,
    cells: impl IntoIterator<Item = &'a Cell>,
    beside: &HashSet<String>,
) {
    for c in cells {
        if beside.contains(&c.area) {
            agg.add_sums(&c.area, true, &c.index, &c.sums);
        } else {
            agg.add_sums(&c.group, false, &c.index, &c.sums);
        }
    }
}
