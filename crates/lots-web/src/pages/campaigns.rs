//! Visit campaigns: the list and a new campaign (its officers by unit, its companies by
//! filters over the register), and one campaign with its optimal plan — each pair explained
//! in a sentence — and the register of conflicts of interest that the plan respects.

use axum::Router;
use axum::extract::{Path, Query};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use lots_domain::role::Permission;
use lots_store::{CompanyFilter, NewCampaign, Tenant};
use minijinja::{Value, context};

use super::{FormData, unit_options, unprocessable};
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/kampanjer", get(list).post(create))
        .route("/kampanjer/{id}", get(show))
        .route("/kampanjer/{id}/planera", post(plan))
        .route("/kampanjer/{id}/jav", post(register_conflict))
        .route("/kampanjer/{id}/besok/{visit}/status", post(visit_status))
        .route("/kampanjer/{id}/besok/{visit}/flytta", post(move_visit))
}

async fn list_page(
    ctx: &Ctx,
    tenant: &Tenant<'_>,
    form: Option<&FormData>,
    errors: Vec<Value>,
) -> Result<Html<String>, AppError> {
    let value = |name: &str, default: &str| form.map_or(default.to_string(), |f| f.get(name));
    let chosen: Vec<String> = form.map(|f| f.all("unit")).unwrap_or_default();
    let units: Vec<Value> = unit_options(&tenant.units().await?)
        .into_iter()
        .map(|u| {
            let id = u.get_attr("id").map(|v| v.to_string()).unwrap_or_default();
            context! { checked => chosen.contains(&id), ..u }
        })
        .collect();
    ctx.render(
        "campaigns.html",
        &ctx.t("Besökskampanjer"),
        context! {
            campaigns => Value::from_serialize(tenant.campaigns().await?),
            units,
            areas => Value::from_serialize(tenant.areas().await?),
            sizes => lots_domain::company_import::SIZE_CLASSES,
            can_manage => ctx.may(Permission::ManageActivities),
            form => context! {
                name => value("name", ""), purpose => value("purpose", ""),
                starts_on => value("starts_on", &lots_store::today()), ends_on => value("ends_on", ""),
                visits_per_officer => value("visits_per_officer", "2"),
                area => value("area", ""), size => value("size", ""), sni => value("sni", ""),
            },
            errors,
        },
    )
}

async fn list(ctx: Ctx) -> Result<Html<String>, AppError> {
    ctx.require(Permission::ViewCompanies)?;
    let tenant = ctx.tenant()?;
    list_page(&ctx, &tenant, None, Vec::new()).await
}

async fn create(ctx: Ctx, form: FormData) -> Result<Response, AppError> {
    let me = ctx.require(Permission::ManageActivities)?;
    let tenant = ctx.tenant()?;
    let some = |name: &str| Some(form.get(name)).filter(|v| !v.is_empty());
    let new = NewCampaign {
        name: form.get("name"),
        purpose: form.get("purpose"),
        starts_on: form.get("starts_on"),
        ends_on: form.get("ends_on"),
        visits_per_officer: form.get("visits_per_officer").parse().ok(),
        unit_ids: form
            .all("unit")
            .iter()
            .filter_map(|u| u.parse().ok())
            .collect(),
        companies: CompanyFilter {
            area_id: form.get("area").parse().ok(),
            size_class: some("size"),
            sni: some("sni"),
            ..Default::default()
        },
    };
    match tenant.create_campaign(&new, &me.user.name).await {
        Ok(id) => {
            ctx.app
                .db
                .audit(ctx.audit_entry("campaign.create", "campaign", id))
                .await?;
            Ok(Redirect::to(&format!("/kampanjer/{id}")).into_response())
        }
        Err(e) => Ok(unprocessable(
            list_page(&ctx, &tenant, Some(&form), ctx.field_errors(e)?).await?,
        )),
    }
}

#[derive(serde::Deserialize, Default)]
struct ShowQuery {
    fel: Option<String>,
}

async fn show_page(
    ctx: &Ctx,
    tenant: &Tenant<'_>,
    id: i64,
    problem: Option<String>,
    errors: Vec<Value>,
) -> Result<Html<String>, AppError> {
    let campaign = tenant.campaign(id).await?;
    let visits = tenant.campaign_visits(id).await?;
    let officers: Vec<Value> = tenant
        .campaign_officers(id)
        .await?
        .into_iter()
        .map(|(id, name)| context! { id, name })
        .collect();
    // The period's working days: weekends, public holidays and the eves offices close
    // are not days to visit.
    let period = campaign
        .starts_on
        .parse::<jiff::civil::Date>()
        .and_then(|from| Ok((from, campaign.ends_on.parse::<jiff::civil::Date>()?)));
    let (working_days, closed) = match period {
        Ok((from, to)) => (
            lots_domain::holidays::working_days(from, to).len(),
            lots_domain::holidays::holidays_between(from, to)
                .iter()
                .map(|(d, name)| format!("{d} {name}"))
                .collect(),
        ),
        Err(_) => (0, Vec::<String>::new()),
    };
    ctx.render(
        "campaign.html",
        &campaign.name,
        context! {
            statuses => [
                ("planned", ctx.t("Planerat")),
                ("booked", ctx.t("Bokat")),
                ("done", ctx.t("Genomfört")),
                ("cancelled", ctx.t("Avbokat")),
            ],
            working_days,
            closed,
            campaign => Value::from_serialize(&campaign),
            visits => Value::from_serialize(&visits),
            officers,
            conflicts => Value::from_serialize(tenant.conflicts_of_interest().await?),
            problem,
            can_manage => ctx.may(Permission::ManageActivities),
            errors,
            breadcrumbs => vec![ctx.crumb("/kampanjer", "Besökskampanjer")],
        },
    )
}

async fn show(
    ctx: Ctx,
    Path(id): Path<i64>,
    Query(q): Query<ShowQuery>,
) -> Result<Html<String>, AppError> {
    ctx.require(Permission::ViewCompanies)?;
    let tenant = ctx.tenant()?;
    show_page(&ctx, &tenant, id, q.fel, Vec::new()).await
}

async fn plan(ctx: Ctx, Path(id): Path<i64>) -> Result<Response, AppError> {
    ctx.require(Permission::ManageActivities)?;
    let tenant = ctx.tenant()?;
    match tenant.plan_campaign(id).await? {
        Ok(n) => {
            let mut entry = ctx.audit_entry("campaign.plan", "campaign", id);
            entry.detail = format!("{n} visits planned");
            ctx.app.db.audit(entry).await?;
            Ok(Redirect::to(&format!("/kampanjer/{id}#plan")).into_response())
        }
        Err(why) => Ok(unprocessable(
            show_page(&ctx, &tenant, id, Some(why), Vec::new()).await?,
        )),
    }
}

async fn register_conflict(
    ctx: Ctx,
    Path(id): Path<i64>,
    form: FormData,
) -> Result<Response, AppError> {
    let me = ctx.require(Permission::ManageActivities)?;
    let tenant = ctx.tenant()?;
    tenant.campaign(id).await?;
    let company = tenant.find_company(&form.get("organisation")).await?;
    match tenant
        .register_conflict(
            form.get("user_id").parse().ok(),
            company,
            &form.get("reason"),
            &me.user.name,
        )
        .await
    {
        Ok(()) => {
            ctx.app
                .db
                .audit(ctx.audit_entry("conflict.register", "campaign", id))
                .await?;
            Ok(Redirect::to(&format!("/kampanjer/{id}#jav")).into_response())
        }
        Err(e) => Ok(unprocessable(
            show_page(&ctx, &tenant, id, None, ctx.field_errors(e)?).await?,
        )),
    }
}

/// The visit of this campaign, or 404.
async fn campaign_visit(
    tenant: &Tenant<'_>,
    id: i64,
    visit: i64,
) -> Result<lots_store::PlannedVisit, AppError> {
    let v = tenant.visit(visit).await?;
    if v.campaign_id != id {
        return Err(AppError::NotFound);
    }
    Ok(v)
}

/// The visit's officer or whoever runs campaigns books, makes or cancels it.
async fn visit_status(
    ctx: Ctx,
    Path((id, visit)): Path<(i64, i64)>,
    form: FormData,
) -> Result<Response, AppError> {
    let me = ctx.require(Permission::ViewCompanies)?;
    let tenant = ctx.tenant()?;
    let v = campaign_visit(&tenant, id, visit).await?;
    if v.officer_user_id != me.user.id && !ctx.may(Permission::ManageActivities) {
        return Err(AppError::Forbidden);
    }
    match tenant.set_visit_status(visit, &form.get("status")).await {
        Ok(()) => {
            let mut entry = ctx.audit_entry("visit.status", "visit", visit);
            entry.detail = form.get("status");
            ctx.app.db.audit(entry).await?;
            Ok(Redirect::to(&format!("/kampanjer/{id}#plan")).into_response())
        }
        Err(e) => Ok(unprocessable(
            show_page(&ctx, &tenant, id, None, ctx.field_errors(e)?).await?,
        )),
    }
}

async fn move_visit(
    ctx: Ctx,
    Path((id, visit)): Path<(i64, i64)>,
    form: FormData,
) -> Result<Response, AppError> {
    let me = ctx.require(Permission::ManageActivities)?;
    let tenant = ctx.tenant()?;
    campaign_visit(&tenant, id, visit).await?;
    match tenant
        .move_visit(visit, form.get("officer").parse().ok(), &me.user.name)
        .await
    {
        Ok(()) => {
            ctx.app
                .db
                .audit(ctx.audit_entry("visit.move", "visit", visit))
                .await?;
            Ok(Redirect::to(&format!("/kampanjer/{id}#plan")).into_response())
        }
        Err(e) => Ok(unprocessable(
            show_page(&ctx, &tenant, id, None, ctx.field_errors(e)?).await?,
        )),
    }
}
