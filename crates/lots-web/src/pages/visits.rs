//! The visit record, made on a phone during or after the visit: what the company said
//! (notes, needs, challenges, development areas) and a referral on the spot to a network,
//! an event or a unit, with an owner and a date to follow it up by.

use axum::Router;
use axum::extract::Path;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use lots_domain::role::Permission;
use lots_jobs::EventMessage;
use lots_store::{NewReferral, PlannedVisit, Tenant, VisitRecord};
use minijinja::{Value, context};

use super::{FormData, staff_options, unit_options, unprocessable};
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route("/kampanjer/{id}/besok/{visit}", get(show).post(record))
}

/// The visit, when the signed-in user is its officer or runs campaigns.
async fn own_visit(
    ctx: &Ctx,
    tenant: &Tenant<'_>,
    id: i64,
    visit: i64,
) -> Result<PlannedVisit, AppError> {
    let me = ctx.require(Permission::ViewCompanies)?;
    let v = tenant.visit(visit).await?;
    if v.campaign_id != id {
        return Err(AppError::NotFound);
    }
    if v.officer_user_id != me.user.id && !ctx.may(Permission::ManageActivities) {
        return Err(AppError::Forbidden);
    }
    Ok(v)
}

async fn page(
    ctx: &Ctx,
    tenant: &Tenant<'_>,
    visit: &PlannedVisit,
    form: Option<&FormData>,
    errors: Vec<Value>,
) -> Result<Html<String>, AppError> {
    let campaign = tenant.campaign(visit.campaign_id).await?;
    let (notes, needs, challenges, development) = tenant.visit_notes(visit.id).await?;
    let value = |name: &str, stored: &str| form.map_or(stored.to_string(), |f| f.get(name));
    let networks: Vec<Value> = tenant
        .networks()
        .await?
        .into_iter()
        .filter(|n| n.kind == "external")
        .map(|n| context! { id => n.id, name => n.name })
        .collect();
    let events: Vec<Value> = tenant
        .events()
        .await?
        .into_iter()
        .filter(|e| e.ends_at >= lots_store::now())
        .map(|e| context! { id => e.id, name => e.name })
        .collect();
    let in_a_month = lots_store::today()
        .parse::<jiff::civil::Date>()
        .ok()
        .and_then(|d| d.checked_add(jiff::Span::new().days(30)).ok())
        .map(|d| d.to_string())
        .unwrap_or_default();
    ctx.render(
        "visit.html",
        &format!("{}: {}", ctx.t("Besök"), visit.company_name),
        context! {
            visit => Value::from_serialize(visit),
            campaign => Value::from_serialize(&campaign),
            referrals => Value::from_serialize(tenant.referrals(visit.id, None).await?),
            networks,
            events,
            units => unit_options(&tenant.units().await?),
            staff => staff_options(tenant).await?,
            me => ctx.staff()?.user.id,
            form => context! {
                notes => value("notes", &notes), needs => value("needs", &needs),
                challenges => value("challenges", &challenges), development => value("development", &development),
                kind => value("kind", ""), due_on => value("due_on", &in_a_month),
            },
            errors,
            breadcrumbs => vec![
                ctx.crumb("/kampanjer", "Besökskampanjer"),
                context! { href => format!("/kampanjer/{}", campaign.id), label => campaign.name.clone() },
            ],
        },
    )
}

async fn show(ctx: Ctx, Path((id, visit)): Path<(i64, i64)>) -> Result<Html<String>, AppError> {
    let tenant = ctx.tenant()?;
    let v = own_visit(&ctx, &tenant, id, visit).await?;
    page(&ctx, &tenant, &v, None, Vec::new()).await
}

async fn record(
    ctx: Ctx,
    Path((id, visit)): Path<(i64, i64)>,
    form: FormData,
) -> Result<Response, AppError> {
    let tenant = ctx.tenant()?;
    let v = own_visit(&ctx, &tenant, id, visit).await?;
    let kind = form.get("kind");
    let referral = (!kind.is_empty()).then(|| NewReferral {
        target_id: form.get(&format!("target_{kind}")).parse().ok(),
        kind: kind.clone(),
        owner_user_id: form.get("owner_user_id").parse().ok(),
        due_on: form.get("due_on"),
    });
    let record = VisitRecord {
        notes: form.get("notes"),
        needs: form.get("needs"),
        challenges: form.get("challenges"),
        development: form.get("development"),
    };
    let me = ctx.staff()?.user.name.clone();
    match tenant
        .record_visit(visit, &record, referral.as_ref(), &me)
        .await
    {
        Ok(recorded) => {
            for p in recorded.invited_participants {
                super::events::notify(&ctx, &tenant, p, EventMessage::Invitation).await?;
            }
            let mut entry = ctx.audit_entry("visit.record", "visit", visit);
            entry.detail = kind;
            ctx.app.db.audit(entry).await?;
            Ok(Redirect::to(&format!("/kampanjer/{id}/besok/{visit}")).into_response())
        }
        Err(e) => Ok(unprocessable(
            page(&ctx, &tenant, &v, Some(&form), ctx.field_errors(e)?).await?,
        )),
    }
}
