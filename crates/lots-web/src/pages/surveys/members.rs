//! The organiser's pages: joint measurements across the member municipalities (one battery,
//! one round in each), and the comparison of the members: NKI per municipality and service
//! area from a joint measurement or from their rounds of one battery in a year, ranked the
//! way Insikt ranks (enough answers per area; for the total, enough answers and response
//! rates).

use std::future::ready;

use axum::Router;
use axum::extract::Query;
use axum::response::{Html, Response};
use axum::routing::get;
use lots_domain::role::Permission;
use lots_store::{Measurement, NewJointRound};
use minijinja::{Value, context};

use crate::ctx::Ctx;
use crate::error::AppError;
use crate::pages::surveys::rounds::RoundTermsForm;
use crate::pages::{FormData, FormErrors, answered, redirect};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/medlemmar/nki", get(comparison))
        .route(
            "/medlemmar/matningar",
            get(joint_rounds).post(create_joint_round),
        )
}

#[derive(serde::Deserialize)]
struct Period {
    ar: Option<i32>,
    /// A joint measurement by id, instead of a year.
    matning: Option<i64>,
}

async fn joint_page(
    ctx: &Ctx,
    form: Option<&FormData>,
    errors: Vec<Value>,
) -> Result<Html<String>, AppError> {
    let staff = ctx.require(Permission::RunJointMeasurements)?;
    let organiser_id = staff.user.organiser_id.ok_or(AppError::Forbidden)?;
    let scope = ctx.app.db.organiser_scope(organiser_id);
    let hosted: Vec<String> = ctx
        .app
        .db
        .hosted_municipalities()
        .await?
        .into_iter()
        .map(|m| m.code)
        .collect();
    let picked = form.map(|f| f.all("member"));
    let members: Vec<Value> = scope
        .members()
        .await?
        .into_iter()
        .map(|m| {
            let uses_lots = hosted.contains(&m.code);
            context! {
                checked => uses_lots && picked.as_ref().is_none_or(|p| p.contains(&m.code)),
                code => m.code,
                name => m.name,
                uses_lots,
            }
        })
        .collect();
    let batteries: Vec<Value> = lots_domain::battery::standard()
        .into_iter()
        .map(|b| context! { code => b.code, name => b.name.get(ctx.lang).to_string() })
        .collect();
    let value = |name: &str, default: &str| form.map_or(default.to_string(), |f| f.get(name));
    let joint: Vec<Value> = scope
        .joint_rounds()
        .await?
        .into_iter()
        .map(|j| {
            let (invited, answered) = j
                .members
                .iter()
                .fold((0, 0), |(i, a), m| (i + m.invited, a + m.answered));
            context! {
                taking_part => j.members.len(),
                invited,
                answered,
                ..Value::from_serialize(&j)
            }
        })
        .collect();
    ctx.render(
        "surveys/joint_rounds.html",
        &ctx.t("joint-measurements"),
        context! {
            joint,
            members,
            batteries,
            errors,
            form => context! {
                name => value("name", ""),
                battery_code => value("battery_code", "insikt-nki"),
                opens_on => value("opens_on", &lots_store::today().to_string()),
                closes_on => value("closes_on", ""),
                reminder_days => value("reminder_days", "7, 14"),
                quarantine_months => value("quarantine_months", "12"),
                anonymous => form.is_none_or(|f| f.get("anonymous") == "1"),
            },
        },
    )
}

async fn joint_rounds(ctx: Ctx) -> Result<Html<String>, AppError> {
    joint_page(&ctx, None, Vec::new()).await
}

async fn create_joint_round(ctx: Ctx, form: FormData) -> Result<Response, AppError> {
    let staff = ctx.require(Permission::RunJointMeasurements)?;
    let organiser_id = staff.user.organiser_id.ok_or(AppError::Forbidden)?;
    let mut errors = FormErrors::default();
    let terms = form.decode::<RoundTermsForm>()?.read(&mut errors);
    let new = NewJointRound {
        terms,
        battery_code: form.get("battery_code"),
        members: form.all("member"),
    };
    let scope = ctx.app.db.organiser_scope(organiser_id);
    let new = &new;
    let outcome = errors
        .then(
            || ready(new.check()),
            || scope.create_joint_round(new, &staff.user.name),
        )
        .await;
    let ctx = &ctx;
    let created = |id: i64| async move {
        let mut entry = ctx.audit_entry("survey.joint_create", "joint_round", id.to_string());
        entry.detail = format!("{} municipalities", new.members.len());
        ctx.app.db.audit(entry).await?;
        redirect(format!("/medlemmar/nki?matning={id}")).await
    };
    answered(ctx, outcome, created, |errors| {
        joint_page(ctx, Some(&form), errors)
    })
    .await
}

/// Places by NKI, compared exactly: equal indices share a place (1, 2, 2, 4); each place
/// with the number ranked ("3 av 12").
fn rank_by(items: &mut [(String, lots_domain::stats::Moments)]) -> Vec<(String, Value)> {
    items.sort_by(|a, b| b.1.cmp_mean(&a.1).then_with(|| a.0.cmp(&b.0)));
    let of = items.len();
    let mut place = 1;
    let mut out = Vec::with_capacity(of);
    for i in 0..of {
        if i > 0 && items[i - 1].1.cmp_mean(&items[i].1) != std::cmp::Ordering::Equal {
            place = i + 1;
        }
        out.push((items[i].0.clone(), context! { place, of }));
    }
    out
}

/// Insikt's definition of the total in `year`, by the areas' default names: what the total
/// covers, what is reported beside it, and whether the year breaks the series.
fn definition(year: i32) -> Value {
    let year = u16::try_from(year).unwrap_or(0);
    let rules = lots_domain::insikt::for_year(year);
    let names = |codes: &[String]| -> Vec<String> {
        let areas = lots_domain::cases::default_areas();
        codes
            .iter()
            .map(|c| {
                areas
                    .iter()
                    .find(|a| &a.code == c)
                    .map_or_else(|| c.clone(), |a| a.name.clone())
            })
            .collect()
    };
    context! {
        total => names(&rules.total_areas).join(", "),
        beside => names(&rules.beside).join(", "),
        series_break => lots_domain::insikt::breaks_series(year),
        next_break => lots_domain::insikt::breaks_series(year + 1),
    }
}

async fn comparison(ctx: Ctx, Query(q): Query<Period>) -> Result<Html<String>, AppError> {
    let staff = ctx.require(Permission::ViewMembers)?;
    let organiser_id = staff.user.organiser_id.ok_or(AppError::Forbidden)?;
    let scope = ctx.app.db.organiser_scope(organiser_id);
    let organiser = scope.organiser().await?;
    let year =
        q.ar.unwrap_or_else(|| i32::from(lots_store::today().year()) - 1);
    let codes: Vec<String> = scope.members().await?.into_iter().map(|m| m.code).collect();
    let year16 = i16::try_from(year).unwrap_or(2025);
    let (from, to) = (
        jiff::civil::date(year16, 1, 1),
        jiff::civil::date(year16, 12, 31),
    );
    let joint = match q.matning {
        Some(id) => Some(scope.joint_round(id).await?),
        None => None,
    };
    let measurement = match &joint {
        Some(j) => Measurement::Joint(j.id),
        None => Measurement::Battery {
            code: "insikt-nki",
            period: (from, to),
        },
    };
    let results = ctx.app.db.members_nki(&codes, &measurement).await?;
    let t = ctx.app.config.survey_thresholds;
    let (areas, rows) = member_table(&ctx, &results);
    let title = match &joint {
        Some(j) => format!("{}: {}", ctx.t("nki-in-the-member-municipalities"), j.name),
        None => format!("{} {year}", ctx.t("nki-in-the-member-municipalities")),
    };
    ctx.render(
        "surveys/members_nki.html",
        &title,
        context! {
            joint => joint.map(|j| Value::from_serialize(&j)),
            organiser => organiser.name,
            year,
            previous => year - 1,
            next => year + 1,
            beside => results.iter().flat_map(|m| m.beside.iter().cloned()).collect::<Vec<_>>(),
            definition => definition(year),
            areas,
            rows,
            measured => results.len(),
            members => codes.len(),
            thresholds => Value::from_serialize(t),
        },
    )
}

/// The members' NKI as the comparison shows it: the service areas met, and one row per
/// member with its total, its areas and the ranks, withheld where disclosure control says.
pub(in crate::pages) fn member_table(
    ctx: &Ctx,
    results: &[lots_store::MemberNki],
) -> (Vec<String>, Vec<Value>) {
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
    // What disclosure control withholds: each member's total beside its areas, and the
    // areas outside the total beside both.
    let withheld: Vec<(bool, Vec<bool>)> = results
        .iter()
        .map(|m| {
            let (outside, inside): (Vec<usize>, Vec<usize>) =
                (0..areas.len()).partition(|&i| m.beside.contains(&areas[i]));
            let counts = |cells: &[usize]| -> Vec<u64> {
                cells
                    .iter()
                    .map(|&i| m.areas.get(&areas[i]).map_or(0, |(s, _)| s.n))
                    .collect()
            };
            let (total, hidden_in, hidden_out) = lots_domain::disclosure::around_total(
                m.total().n,
                &counts(&inside),
                &counts(&outside),
                t.min_shown,
            );
            let mut hidden = vec![false; areas.len()];
            for (i, h) in inside
                .iter()
                .zip(hidden_in)
                .chain(outside.iter().zip(hidden_out))
            {
                hidden[*i] = h;
            }
            (total, hidden)
        })
        .collect();
    let mut total_ranked: Vec<(String, lots_domain::stats::Moments)> = results
        .iter()
        .zip(&withheld)
        .filter_map(|(m, (hidden, _))| {
            let total = m.total();
            let area_rates: Vec<f64> = m
                .areas
                .iter()
                .filter(|(a, _)| !m.beside.contains(*a))
                .map(|(_, (s, i))| rate(s.n, *i))
                .collect();
            (!hidden && t.total_ranked(total.n, rate(total.n, m.invited()), &area_rates))
                .then(|| (m.code.clone(), total))
        })
        .collect();
    let total_ranks = rank_by(&mut total_ranked);
    let area_ranks: Vec<Vec<(String, Value)>> = areas
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let mut shown: Vec<(String, lots_domain::stats::Moments)> = results
                .iter()
                .zip(&withheld)
                .filter_map(|(m, (_, hidden))| {
                    let (s, _) = m.areas.get(a)?;
                    (!hidden[i] && t.area_ranked(s.n)).then(|| (m.code.clone(), *s))
                })
                .collect();
            rank_by(&mut shown)
        })
        .collect();
    let one = |v: f64| lots_domain::numbers::decimal_sv(v, 1);
    let place = |ranks: &[(String, Value)], code: &str| {
        ranks
            .iter()
            .find(|(c, _)| c == code)
            .map(|(_, r)| r.clone())
    };
    let rows: Vec<Value> = results
        .iter()
        .zip(&withheld)
        .map(|(m, (total_hidden, hidden))| {
            let total = m.total();
            let cells: Vec<Value> = areas
                .iter()
                .zip(&area_ranks)
                .zip(hidden)
                .map(|((a, ranks), hidden)| match m.areas.get(a) {
                    Some((s, _)) if !hidden && t.shown(s.n) => context! {
                        value => one(s.mean()), withheld => false,
                        rank => place(ranks, &m.code),
                    },
                    Some((s, _)) if s.n > 0 => context! { value => "", withheld => true, rank => None::<Value> },
                    _ => context! { value => "", withheld => false, rank => None::<Value> },
                })
                .collect();
            let shown = !total_hidden && t.shown(total.n);
            context! {
                name => m.name.clone(),
                n => if shown { total.n.to_string() } else { "–".into() },
                rate => if shown { format!("{:.0} %", rate(total.n, m.invited()) * 100.0) } else { "–".into() },
                value => shown.then(|| one(total.mean())),
                rank => place(&total_ranks, &m.code),
                cells,
            }
        })
        .collect();
    (areas, rows)
}
