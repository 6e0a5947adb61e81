//! The contact log for staff and the contact centre: logging a company's contact in a few
//! seconds (channel, reason, resolved or passed on, the company and case when known), the
//! latest contacts, and the statistics: the most common reasons, first-contact resolution,
//! by month and unit.

use axum::Router;
use axum::extract::Query;
use axum::response::{Html, Response};
use axum::routing::get;
use lots_domain::role::Permission;
use lots_store::{CompanyFilter, ContactChannel, ContactCount, NewContact, StoreError, Tenant};
use minijinja::{Value, context};

use crate::ctx::Ctx;
use crate::error::AppError;
use crate::pages::shared::format::percent;
use crate::pages::{FormData, FormErrors, answered, redirect, unit_options};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/kontaktlogg", get(page).post(log))
        .route("/kontaktlogg/statistik", get(stats))
}

#[derive(serde::Deserialize, Default)]
struct PageQuery {
    /// A company to log a contact for (from its page).
    foretag: Option<i64>,
    /// Set after a contact was logged.
    sparad: Option<String>,
}

/// What the call form offers and holds: the channels, the reasons, the units a call is
/// passed to, and what was typed (or the defaults: a phone call, resolved at once).
pub(in crate::pages) async fn call_form(
    ctx: &Ctx,
    tenant: &Tenant<'_>,
    form: Option<&FormData>,
) -> Result<Value, AppError> {
    let value = |name: &str, default: &str| form.map_or(default.to_string(), |f| f.get(name));
    Ok(context! {
        reasons => tenant.contact_reasons().await?,
        channels => ContactChannel::ALL.iter().map(|c| context! { code => c.code(), label => ctx.t(c.message()) }).collect::<Vec<_>>(),
        units => unit_options(&tenant.units().await?),
        form => context! {
            channel => value("channel", "phone"),
            reason => value("reason", ""),
            company => value("company", ""),
            case => value("case", ""),
            resolved => form.is_none_or(|f| f.get("resolved") != "0"),
            passed_to => value("passed_to", ""),
            note => value("note", ""),
        },
    })
}

/// The latest `n` contacts logged at or after `since` (Unix seconds), as the tables show
/// them.
pub(in crate::pages) async fn latest_contacts(
    ctx: &Ctx,
    tenant: &Tenant<'_>,
    n: usize,
    since: i64,
) -> Result<Vec<Value>, AppError> {
    Ok(tenant
        .contact_log(None, 1, n)
        .await?
        .into_iter()
        .filter(|c| c.at >= since)
        .map(|c| {
            context! {
                channel => ctx.t(c.channel.message()),
                ..Value::from_serialize(&c)
            }
        })
        .collect())
}

async fn render(
    ctx: &Ctx,
    tenant: &Tenant<'_>,
    form: Option<&FormData>,
    errors: Vec<Value>,
    company_id: Option<i64>,
    saved: bool,
) -> Result<Html<String>, AppError> {
    let company = match company_id {
        Some(id) => Some(tenant.company(id).await?),
        None => None,
    };
    ctx.render(
        "cases/contact_log.html",
        &ctx.t("contact-log"),
        context! {
            call => call_form(ctx, tenant, form).await?,
            company => company.map(|c| context! { id => c.id, name => c.name }),
            latest => latest_contacts(ctx, tenant, 20, 0).await?,
            errors,
            notice => saved.then(|| ctx.t("the-contact-is-logged")),
        },
    )
}

async fn page(ctx: Ctx, Query(q): Query<PageQuery>) -> Result<Html<String>, AppError> {
    ctx.require(Permission::EditCompanies)?;
    let tenant = ctx.tenant()?;
    render(
        &ctx,
        &tenant,
        None,
        Vec::new(),
        q.foretag,
        q.sparad.is_some(),
    )
    .await
}

/// The company a typed name or organisationsnummer means: the best match when only one
/// company matches well, else an error that names the candidates.
async fn find_company(tenant: &Tenant<'_>, text: &str) -> Result<Option<i64>, StoreError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    if let Some(c) = tenant.company_by_orgnr(text).await? {
        return Ok(Some(c.id));
    }
    let found = tenant
        .companies(&CompanyFilter {
            query: Some(text.to_string()),
            page: 1,
            per_page: 5,
            ..Default::default()
        })
        .await?;
    let exact = found
        .items
        .iter()
        .find(|c| c.name.eq_ignore_ascii_case(text));
    match (exact, found.items.as_slice()) {
        (Some(c), _) | (None, [c]) => Ok(Some(c.id)),
        (None, []) => Err(StoreError::Field(
            "company".into(),
            "no-company-matches-write-the-name".into(),
        )),
        (None, many) => Err(StoreError::Field(
            "company".into(),
            lots_i18n::Message::new("several-companies-match").with(
                "names",
                many.iter()
                    .map(|c| c.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
        )),
    }
}

async fn log(ctx: Ctx, form: FormData) -> Result<Response, AppError> {
    let me = ctx.require(Permission::EditCompanies)?;
    let tenant = ctx.tenant()?;
    let mut errors = FormErrors::default();
    let company_id = match form.choice("company_id")? {
        Some(id) => Some(id),
        None => match find_company(&tenant, &form.get("company")).await {
            Err(e @ (StoreError::Field(..) | StoreError::Fields(..))) => {
                errors.refuse_all(e);
                None
            }
            found => found?,
        },
    };
    let case_id = match form.get("case").trim() {
        "" => None,
        reference => {
            let case = tenant.case_by_reference(reference).await?;
            if case.is_none() {
                errors.refuse("case", "no-case-has-that-case-number");
            }
            case.map(|c| c.id)
        }
    };
    let new = NewContact {
        channel: ContactChannel::parse(&form.get("channel")),
        reason_id: form.choice("reason")?.unwrap_or(0),
        company_id,
        case_id,
        resolved: form.get("resolved") != "0",
        passed_to_unit_id: form.choice("passed_to")?,
        note: form.get("note"),
        unit_id: me.user.unit_id,
        at: None,
    };
    let outcome = errors
        .then(
            || tenant.check_contact(&new),
            || tenant.log_contact(&new, &me.user.name),
        )
        .await;
    answered(
        &ctx,
        outcome,
        |_| redirect("/kontaktlogg?sparad=1".into()),
        |errors| render(&ctx, &tenant, Some(&form), errors, company_id, false),
    )
    .await
}

#[derive(serde::Deserialize, Default)]
struct StatsQuery {
    fran: Option<String>,
    till: Option<String>,
}

/// Unix seconds of the start of a day in Europe/Stockholm, or of the next day's start.
fn day_bound(day: &str, end: bool) -> Option<i64> {
    let date: jiff::civil::Date = day.parse().ok()?;
    let date = if end { date.tomorrow().ok()? } else { date };
    let zoned = date
        .to_zoned(jiff::tz::TimeZone::get("Europe/Stockholm").ok()?)
        .ok()?;
    Some(zoned.timestamp().as_second() - i64::from(end))
}

async fn stats(ctx: Ctx, Query(q): Query<StatsQuery>) -> Result<Html<String>, AppError> {
    ctx.require(Permission::ViewCompanies)?;
    let tenant = ctx.tenant()?;
    let today = lots_store::today();
    let year_ago = today
        .checked_sub(jiff::Span::new().years(1))
        .unwrap_or(today);
    let valid = |s: &Option<String>| s.clone().filter(|d| day_bound(d, false).is_some());
    let from = valid(&q.fran).unwrap_or_else(|| year_ago.to_string());
    let to = valid(&q.till).unwrap_or_else(|| today.to_string());
    let s = tenant
        .contact_stats(
            day_bound(&from, false).unwrap_or(0),
            day_bound(&to, true).unwrap_or(i64::MAX),
        )
        .await?;
    let rows = |counts: &[ContactCount], label: &dyn Fn(&str) -> String| -> Vec<Value> {
        let most = counts.iter().map(|c| c.contacts).max().unwrap_or(0).max(1);
        counts
            .iter()
            .enumerate()
            .map(|(i, c)| {
                context! {
                    group => label(&c.group),
                    contacts => c.contacts,
                    // The bar of the chart beside the table: 0–240 units wide, 22 a row.
                    bar => format!("{:.1}", c.contacts as f64 / most as f64 * 240.0),
                    bar_end => format!("{:.1}", 134.0 + c.contacts as f64 / most as f64 * 240.0),
                    y => i * 22,
                    share => percent(c.contacts as i64, s.total.contacts as i64),
                    resolved => c.resolved_share().map(|r| format!("{} %", (r * 100.0).round())),
                }
            })
            .collect()
    };
    let same = |g: &str| g.to_string();
    let no_unit = |g: &str| {
        if g.is_empty() {
            ctx.t("no-unit-given")
        } else {
            g.to_string()
        }
    };
    ctx.render(
        "cases/contact_stats.html",
        &ctx.t("why-companies-get-in-touch"),
        context! {
            from,
            to,
            total => s.total.contacts,
            resolved => s.total.resolved_share().map(|r| format!("{} %", (r * 100.0).round())),
            most_common => s.reasons.first().map(|r| r.group.clone()),
            reasons => rows(&s.reasons, &same),
            months => rows(&s.months, &same),
            units => rows(&s.units, &no_unit),
            channels => rows(&s.channels, &|g| ContactChannel::parse(g).map_or_else(|| g.to_string(), |c| ctx.t(c.message()))),
            breadcrumbs => vec![ctx.crumb("/kontaktlogg", "contact-log")],
        },
    )
}
