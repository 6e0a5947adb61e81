//! The organiser's comparison of its member municipalities: NKI per municipality and
//! service area from their rounds of one battery in a period, ranked the way Insikt ranks
//! (enough answers per area; for the total, enough answers and response rates).

use axum::Router;
use axum::extract::Query;
use axum::response::Html;
use axum::routing::get;
use lots_domain::role::Permission;
use minijinja::{Value, context};

use crate::ctx::Ctx;
use crate::error::AppError;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route("/medlemmar/nki", get(comparison))
}

#[derive(serde::Deserialize)]
struct Period {
    ar: Option<i32>,
}

fn rank_by<T>(items: &mut [(T, f64)]) -> Vec<(T, usize)>
where
    T: Clone,
{
    items.sort_by(|a, b| b.1.total_cmp(&a.1));
    items
        .iter()
        .enumerate()
        .map(|(i, (t, _))| (t.clone(), i + 1))
        .collect()
}

async fn comparison(ctx: Ctx, Query(q): Query<Period>) -> Result<Html<String>, AppError> {
    let staff = ctx.require(Permission::ViewMembers)?;
    let organiser_id = staff.user.organiser_id.ok_or(AppError::Forbidden)?;
    let scope = ctx.app.db.organiser_scope(organiser_id);
    let organiser = scope.organiser().await?;
    let year =
        q.ar.unwrap_or_else(|| lots_store::today()[..4].parse::<i32>().unwrap_or(2026) - 1);
    let codes: Vec<String> = scope.members().await?.into_iter().map(|m| m.code).collect();
    let (from, to) = (format!("{year}-01-01"), format!("{year}-12-31"));
    let results = ctx
        .app
        .db
        .members_nki(&codes, "insikt-nki", (&from, &to))
        .await?;
    let t = ctx.app.config.survey_thresholds;
    let mut areas: Vec<String> = results
        .iter()
        .flat_map(|m| m.areas.keys().cloned())
        .collect();
    areas.sort();
    areas.dedup();
    let rate = |n: u64, invited: u64| {
        if invited > 0 {
            n as f64 / invited as f64
        } else {
            0.0
        }
    };
    let mut total_ranked: Vec<(String, f64)> = results
        .iter()
        .filter_map(|m| {
            let total = m.total();
            let area_rates: Vec<f64> = m.areas.values().map(|(s, i)| rate(s.n, *i)).collect();
            t.total_ranked(total.n, rate(total.n, m.invited()), &area_rates)
                .then(|| (m.code.clone(), total.mean()))
        })
        .collect();
    let total_ranks = rank_by(&mut total_ranked);
    let area_ranks: Vec<Vec<(String, usize)>> = areas
        .iter()
        .map(|a| {
            let mut shown: Vec<(String, f64)> = results
                .iter()
                .filter_map(|m| {
                    let (s, _) = m.areas.get(a)?;
                    t.area_ranked(s.n).then(|| (m.code.clone(), s.mean()))
                })
                .collect();
            rank_by(&mut shown)
        })
        .collect();
    let one = |v: f64| lots_domain::numbers::decimal_sv(v, 1);
    let rows: Vec<Value> = results
        .iter()
        .map(|m| {
            let total = m.total();
            let cells: Vec<Value> = areas
                .iter()
                .zip(&area_ranks)
                .map(|(a, ranks)| match m.areas.get(a) {
                    Some((s, _)) if t.shown(s.n) => context! {
                        value => one(s.mean()), n => s.n,
                        rank => ranks.iter().find(|(c, _)| *c == m.code).map(|(_, r)| *r),
                    },
                    Some((s, _)) => context! { value => "", n => s.n, rank => None::<usize> },
                    None => context! { value => "", n => 0, rank => None::<usize> },
                })
                .collect();
            context! {
                name => m.name.clone(),
                n => total.n,
                rate => format!("{:.0} %", rate(total.n, m.invited()) * 100.0),
                value => t.shown(total.n).then(|| one(total.mean())),
                rank => total_ranks.iter().find(|(c, _)| *c == m.code).map(|(_, r)| *r),
                cells,
            }
        })
        .collect();
    ctx.render(
        "members_nki.html",
        &format!("{} {year}", ctx.t("NKI i medlemskommunerna")),
        context! {
            organiser => organiser.name,
            year,
            previous => year - 1,
            next => year + 1,
            areas,
            rows,
            measured => results.len(),
            members => codes.len(),
            thresholds => Value::from_serialize(t),
        },
    )
}
