//! Cases for staff: the list (with the cases running late), one case with its computed
//! deadline and a late bygglov's fee reduction, and handling times per area, unit and month.

use axum::Router;
use axum::extract::{Path, Query};
use axum::response::Html;
use axum::routing::get;
use jiff::civil::Date;
use lots_domain::role::Permission;
use lots_store::{Case, CaseFilter, HANDLING_GROUPS};
use minijinja::{Value, context};

use crate::ctx::Ctx;
use crate::error::AppError;
use crate::pages::pager;
use crate::state::AppState;

const PER_PAGE: usize = 50;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/arenden", get(list))
        .route("/arenden/handlaggningstider", get(handling_times))
        .route("/arenden/{id}", get(show))
}

#[derive(serde::Deserialize, Default)]
struct ListQuery {
    q: Option<String>,
    omrade: Option<String>,
    status: Option<String>,
    sena: Option<String>,
    /// `1`: only the cases that name the signed-in officer.
    mina: Option<String>,
    sida: Option<usize>,
}

fn kronor(ctx: &Ctx, n: i64) -> String {
    match ctx.lang {
        lots_i18n::Lang::Sv => format!("{} kr", lots_domain::numbers::integer_sv(n)),
        lots_i18n::Lang::En => format!("SEK {n}"),
    }
}

/// A case as the list and the case page show it, its deadline worked out for today.
fn case_value(ctx: &Ctx, c: &Case, today: Date) -> Value {
    let days_over = c.days_over(today);
    context! {
        status => ctx.t(c.status().message()),
        deadline => c.deadline().map(|d| d.to_string()),
        days_over,
        weeks_over => (days_over + 6) / 7,
        fee_reduction => c.fee_reduction(today).filter(|r| *r > 0).map(|r| kronor(ctx, r)),
        fee => c.fee_sek.map(|f| kronor(ctx, f)),
        six_months => c.decided_on.is_none() && c.dates.undecided_six_months(today),
        ..Value::from_serialize(c)
    }
}

async fn list(ctx: Ctx, Query(q): Query<ListQuery>) -> Result<Html<String>, AppError> {
    let me = ctx.require(Permission::ViewCompanies)?;
    let tenant = ctx.tenant()?;
    let areas = tenant.service_areas().await?;
    let late = q.sena.as_deref() == Some("1");
    let mine = q.mina.as_deref() == Some("1");
    let page = q.sida.unwrap_or(1).max(1);
    let today = lots_store::today();
    let found = tenant
        .cases(
            &CaseFilter {
                area_id: q.omrade.as_deref().and_then(|a| a.parse().ok()),
                status: q.status.as_deref().and_then(lots_store::CaseStatus::parse),
                late,
                officer: mine.then(|| me.user.name.clone()),
                query: q.q.clone(),
                page,
                per_page: PER_PAGE,
                ..Default::default()
            },
            today,
        )
        .await?;
    let params = [
        ("q", q.q.clone().unwrap_or_default()),
        ("omrade", q.omrade.clone().unwrap_or_default()),
        ("status", q.status.clone().unwrap_or_default()),
        ("sena", q.sena.clone().unwrap_or_default()),
        ("mina", q.mina.clone().unwrap_or_default()),
    ];
    ctx.render(
        "cases/cases.html",
        &ctx.t(match (mine, late) {
            (true, _) => "my-cases",
            (false, true) => "cases-running-late",
            (false, false) => "cases",
        }),
        context! {
            items => found.items.iter().map(|c| case_value(&ctx, c, today)).collect::<Vec<_>>(),
            total => found.total,
            areas => areas.iter().map(|a| context! { id => a.id, name => a.area.name.clone() }).collect::<Vec<_>>(),
            filter => context! {
                q => q.q.clone().unwrap_or_default(),
                omrade => q.omrade.clone().unwrap_or_default(),
                status => q.status.clone().unwrap_or_default(),
                late,
                mine,
            },
            pager => pager("/arenden", &params, (page, PER_PAGE, found.total), None),
            can_import => ctx.may(Permission::ManageRegister),
        },
    )
}

async fn show(ctx: Ctx, Path(id): Path<i64>) -> Result<Html<String>, AppError> {
    ctx.require(Permission::ViewCompanies)?;
    let tenant = ctx.tenant()?;
    // The contact person's e-mail and phone are personal data.
    let personal = ctx.may(Permission::ViewPersonalData);
    let case = tenant.case_seen(id, personal).await?;
    ctx.render(
        "cases/case.html",
        &format!("{} {}", ctx.t("case"), case.reference),
        context! {
            case => case_value(&ctx, &case, lots_store::today()),
            personal,
            breadcrumbs => vec![ctx.crumb("/arenden", "cases")],
        },
    )
}

#[derive(serde::Deserialize, Default)]
struct TimesQuery {
    per: Option<String>,
    fran: Option<String>,
    till: Option<String>,
}

async fn handling_times(ctx: Ctx, Query(q): Query<TimesQuery>) -> Result<Html<String>, AppError> {
    ctx.require(Permission::ViewCompanies)?;
    let tenant = ctx.tenant()?;
    let by = HANDLING_GROUPS
        .into_iter()
        .find(|g| q.per.as_deref() == Some(*g))
        .unwrap_or("area");
    let today = lots_store::today();
    let year_ago = today
        .checked_sub(jiff::Span::new().years(1))
        .unwrap_or(today);
    let valid = |s: &Option<String>| s.as_deref().and_then(|d| d.parse::<Date>().ok());
    let from = valid(&q.fran).unwrap_or(year_ago);
    let to = valid(&q.till).unwrap_or(today);
    let rows = tenant.handling_times(by, (from, to)).await?;
    let one = |v: Option<f64>| match (ctx.lang, v) {
        (_, None) => "–".to_string(),
        (lots_i18n::Lang::Sv, Some(v)) => lots_domain::numbers::decimal_sv(v, 0),
        (lots_i18n::Lang::En, Some(v)) => format!("{v:.0}"),
    };
    let rows: Vec<Value> = rows
        .iter()
        .map(|r| {
            context! {
                group => if r.group.is_empty() { ctx.t("all-cases") } else { r.group.clone() },
                total => r.group.is_empty(),
                decided => r.times.decided,
                median => one(r.times.median_days),
                p90 => one(r.times.p90_days),
                within => r.times.within_deadline.map(|w| format!("{} %", (w * 100.0).round())),
                with_deadline => r.times.with_deadline,
            }
        })
        .collect();
    let labels = [
        ("area", ctx.t("area")),
        ("unit", ctx.t("unit")),
        ("month", ctx.t("month")),
    ];
    ctx.render(
        "cases/case_times.html",
        &ctx.t("handling-times"),
        context! {
            rows,
            by,
            by_label => labels.iter().find(|(k, _)| *k == by).map(|(_, l)| l.clone()),
            groups => labels.iter().map(|(k, l)| context! { key => k, label => l, href => format!("/arenden/handlaggningstider?per={k}&fran={from}&till={to}") }).collect::<Vec<_>>(),
            from,
            to,
            breadcrumbs => vec![ctx.crumb("/arenden", "cases")],
        },
    )
}
