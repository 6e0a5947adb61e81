//! When a visit happens. The company's page behind its personal booking link — no sign-in,
//! works without JavaScript — to choose one of the offered times, change it or cancel; the
//! officer's booking by phone from the visit page; the campaign lead's offer of times to
//! every company; and each officer's private calendar feed. Every booking, change and
//! cancellation sends a calendar file to the company, the officer and any companion.

use std::future::ready;

use axum::Router;
use axum::extract::{Path, Query};
use axum::http::header;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use lots_domain::role::Permission;
use lots_jobs::VisitMessage;
use lots_store::Tenant;
use minijinja::{Value, context};

use crate::ctx::Ctx;
use crate::error::AppError;
use crate::pages::campaigns::campaign::{Section, show_page};
use crate::pages::campaigns::visits::own_visit;
use crate::pages::shared::reach::{Receipt, back_to, receipt as receipt_page};
use crate::pages::{FormData, FormErrors, Typed, answered, redirect, unprocessable};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/besok/boka/{token}", get(show).post(answer))
        .route("/kampanjer/{id}/tider", post(offer_times))
        .route("/kampanjer/{id}/franvaro", post(add_absence))
        .route("/kampanjer/{id}/arbetstid", post(officer_terms))
        .route(
            "/kampanjer/{id}/franvaro/{absence}/ta-bort",
            post(remove_absence),
        )
        .route("/kampanjer/{id}/avsluta", post(close))
        .route("/kampanjer/{id}/besok/{visit}/boka", post(book_by_phone))
        .route("/kampanjer/{id}/besok/{visit}/sallskap", post(companion))
        .route("/kalender/{token}", get(feed))
        .route("/konto/kalender", post(new_feed))
}

/// Queues a visit's e-mails and wakes the workers.
pub(in crate::pages) async fn notify(
    ctx: &Ctx,
    tenant: &Tenant<'_>,
    visit: i64,
    message: VisitMessage,
    sequence: i64,
) -> Result<(), AppError> {
    lots_jobs::enqueue_visit_mail(&ctx.app.db, tenant.code(), visit, message, sequence).await?;
    ctx.app.workers.wake();
    Ok(())
}

async fn resolve(ctx: &Ctx, token: &str) -> Result<(String, i64), AppError> {
    ctx.app
        .db
        .booking_link(token)
        .await?
        .ok_or(AppError::NotFound)
}

#[derive(serde::Deserialize, Default)]
struct ShowQuery {
    klart: Option<String>,
}

async fn page(
    ctx: &Ctx,
    tenant: &Tenant<'_>,
    token: &str,
    visit: i64,
    done: Option<&str>,
    errors: Vec<Value>,
) -> Result<Html<String>, AppError> {
    let booking = tenant.booking(visit).await?;
    let municipality = tenant.municipality().await?;
    ctx.render(
        "campaigns/visit_booking.html",
        &format!("{} {}", ctx.t("company-visit-at"), booking.company_name),
        context! {
            booking => Value::from_serialize(&booking),
            face => ctx.face(tenant.code()).await?,
            municipality => municipality.name,
            action => format!("/besok/boka/{token}"),
            done,
            errors,
        },
    )
}

async fn show(
    ctx: Ctx,
    Path(token): Path<String>,
    Query(q): Query<ShowQuery>,
) -> Result<Html<String>, AppError> {
    let (code, visit) = resolve(&ctx, &token).await?;
    let tenant = ctx.app.db.tenant_unchecked(&code);
    page(&ctx, &tenant, &token, visit, q.klart.as_deref(), Vec::new()).await
}

async fn answer(ctx: Ctx, Path(token): Path<String>, form: FormData) -> Result<Response, AppError> {
    let (code, visit) = resolve(&ctx, &token).await?;
    let tenant = ctx.app.db.tenant_unchecked(&code);
    let seen = form.choice("sequence")?.unwrap_or(-1);
    let (outcome, message, done) = match form.get("action").as_str() {
        "cancel" => (
            tenant.cancel_booking(visit, seen).await,
            VisitMessage::Cancelled,
            "avbokat",
        ),
        _ => (
            tenant
                .book_visit(visit, form.choice("slot")?, seen, true)
                .await,
            VisitMessage::Booked,
            "bokat",
        ),
    };
    let (ctx, tenant, token) = (&ctx, &tenant, &token);
    let booked = |sequence| async move {
        notify(ctx, tenant, visit, message, sequence).await?;
        redirect(format!("/besok/boka/{token}?klart={done}")).await
    };
    answered(ctx, outcome, booked, |errors| {
        page(ctx, tenant, token, visit, None, errors)
    })
    .await
}

/// The officer books by phone: an offered time, or a day and time agreed with the company.
async fn book_by_phone(
    ctx: Ctx,
    Path((id, visit)): Path<(i64, i64)>,
    form: FormData,
) -> Result<Response, AppError> {
    let tenant = ctx.tenant()?;
    let v = own_visit(&ctx, &tenant, id, visit).await?;
    let seen = form.choice("sequence")?.unwrap_or(-1);
    let outcome = if form.get("action") == "cancel" {
        tenant
            .cancel_booking(visit, seen)
            .await
            .map(|s| (s, VisitMessage::Cancelled))
    } else {
        let starts_at = form
            .get("slot")
            .parse::<i64>()
            .ok()
            .or_else(|| lots_domain::events::local_time(&form.get("day"), &form.get("time")));
        tenant
            .book_visit(visit, starts_at, seen, false)
            .await
            .map(|s| (s, VisitMessage::Booked))
    };
    let (ctx, tenant) = (&ctx, &tenant);
    let booked = |(sequence, message)| async move {
        notify(ctx, tenant, visit, message, sequence).await?;
        let mut entry = ctx.audit_entry("visit.book", "visit", visit);
        entry.detail = format!("{message:?}");
        ctx.app.db.audit(entry).await?;
        redirect(format!("/kampanjer/{id}/besok/{visit}#tid")).await
    };
    answered(ctx, outcome, booked, |errors| {
        crate::pages::campaigns::visits::page(ctx, tenant, &v, None, errors)
    })
    .await
}

/// Who accompanies a visit: a business developer or a politician, or no one.
async fn companion(
    ctx: Ctx,
    Path((id, visit)): Path<(i64, i64)>,
    form: FormData,
) -> Result<Response, AppError> {
    ctx.require(Permission::ManageActivities)?;
    let tenant = ctx.tenant()?;
    let v = own_visit(&ctx, &tenant, id, visit).await?;
    let outcome = tenant.set_companion(visit, form.choice("companion")?).await;
    crate::pages::saved(
        &ctx,
        outcome,
        ("visit.companion", "visit", visit),
        format!("/kampanjer/{id}/besok/{visit}#tid"),
        |errors| crate::pages::campaigns::visits::page(&ctx, &tenant, &v, None, errors),
    )
    .await
}

/// Offers every visit not yet booked its times and mails each company its booking link.
async fn offer_times(ctx: Ctx, Path(id): Path<i64>) -> Result<Response, AppError> {
    ctx.require(Permission::ManageActivities)?;
    let tenant = ctx.tenant()?;
    match tenant.schedule_campaign(id).await {
        Ok(reach) => {
            for v in tenant.campaign_visits(id).await? {
                if v.status == lots_domain::campaigns::status::VisitStatus::Planned {
                    let booking = tenant.booking(v.id).await?;
                    if !booking.offered.is_empty() {
                        notify(&ctx, &tenant, v.id, VisitMessage::Offer, booking.sequence).await?;
                    }
                }
            }
            let mut entry = ctx.audit_entry("campaign.schedule", "campaign", id);
            entry.detail = reach.audit_detail();
            ctx.app.db.audit(entry).await?;
            let campaign = tenant.campaign(id).await?;
            let path = format!("/kampanjer/{id}");
            let receipt = Receipt {
                title: format!("{}: {}", ctx.t("booking-offers"), campaign.name),
                reached: "reach-offered",
                links: vec![(Section::Visits.href(id), back_to(&ctx, &campaign.name))],
                breadcrumbs: vec![
                    ctx.crumb("/kampanjer", "visit-campaigns"),
                    context! { href => path, label => campaign.name },
                ],
            };
            Ok(receipt_page(&ctx, receipt, &reach)?.into_response())
        }
        Err(lots_store::StoreError::Refused(why)) => Ok(unprocessable(
            show_page(&ctx, &tenant, (id, Section::Plan), Some(why), Vec::new()).await?,
        )),
        Err(e) => Err(e.into()),
    }
}

async fn add_absence(ctx: Ctx, Path(id): Path<i64>, form: FormData) -> Result<Response, AppError> {
    ctx.require(Permission::ManageActivities)?;
    let tenant = ctx.tenant()?;
    tenant.campaign(id).await?;
    let mut errors = FormErrors::default();
    let days = (
        errors.field(&form, "absent_from", "enter-the-first-day-as-2026"),
        errors.field(&form, "absent_to", "write-the-last-day-as-2026"),
    );
    let (user, reason) = (form.choice("absent_user")?, form.get("absent_reason"));
    let outcome = errors
        .then(|| ready(Ok(())), || tenant.add_absence(user, days, &reason))
        .await;
    answered(
        &ctx,
        outcome,
        |()| redirect(format!("{}#franvaro", Section::Plan.href(id))),
        |errors| campaign_page(&ctx, &tenant, id, errors),
    )
    .await
}

/// The campaign's plan with a form's errors.
async fn campaign_page(
    ctx: &Ctx,
    tenant: &Tenant<'_>,
    id: i64,
    errors: Vec<Value>,
) -> Result<Html<String>, AppError> {
    show_page(ctx, tenant, (id, Section::Plan), None, errors).await
}

/// An officer's working day and the home area the plan weighs travel from.
async fn officer_terms(
    ctx: Ctx,
    Path(id): Path<i64>,
    form: FormData,
) -> Result<Response, AppError> {
    ctx.require(Permission::ManageActivities)?;
    let tenant = ctx.tenant()?;
    let user = form
        .get("terms_user")
        .parse()
        .map_err(|_| AppError::NotFound)?;
    // A time that is empty or no time is none; the data layer names the field either way.
    let time = |name: &str| Typed::<jiff::civil::Time>::read(&form.get(name)).value();
    let outcome = tenant
        .set_officer_terms(
            id,
            user,
            (time("day_starts"), time("day_ends")),
            form.choice("home_area")?,
        )
        .await;
    answered(
        &ctx,
        outcome,
        |()| redirect(format!("{}#arbetstid", Section::Plan.href(id))),
        |errors| campaign_page(&ctx, &tenant, id, errors),
    )
    .await
}

async fn remove_absence(
    ctx: Ctx,
    Path((id, absence)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    ctx.require(Permission::ManageActivities)?;
    let tenant = ctx.tenant()?;
    tenant.campaign(id).await?;
    tenant.remove_absence(absence).await?;
    Ok(Redirect::to(&format!("{}#franvaro", Section::Plan.href(id))).into_response())
}

async fn close(ctx: Ctx, Path(id): Path<i64>) -> Result<Response, AppError> {
    ctx.require(Permission::ManageActivities)?;
    let tenant = ctx.tenant()?;
    tenant.close_campaign(id).await?;
    ctx.app
        .db
        .audit(ctx.audit_entry("campaign.close", "campaign", id))
        .await?;
    Ok(Redirect::to(&format!("/kampanjer/{id}")).into_response())
}

/// An officer's private feed of visits, for a calendar subscription: no sign-in, the
/// address is the secret. An unknown address is a plain 404.
async fn feed(ctx: Ctx, Path(token): Path<String>) -> Result<Response, AppError> {
    let token = token.strip_suffix(".ics").unwrap_or(&token);
    let (code, user) = ctx
        .app
        .db
        .calendar_feed(token)
        .await?
        .ok_or(AppError::NotFound)?;
    let tenant = ctx.app.db.tenant_unchecked(&code);
    let municipality = tenant.municipality().await?;
    let body = lots_jobs::visit_feed(
        &tenant.officer_bookings(user).await?,
        &municipality.name,
        &ctx.app.config.base_url,
    );
    Ok((
        [
            (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
            (header::CACHE_CONTROL, "private, no-store"),
        ],
        body,
    )
        .into_response())
}

/// A new private feed address for the signed-in member of staff, shown once.
async fn new_feed(ctx: Ctx) -> Result<Html<String>, AppError> {
    let me = ctx.require(Permission::ViewCompanies)?;
    let tenant = ctx.tenant()?;
    let token = tenant.mint_calendar_feed(me.user.id).await?;
    ctx.render(
        "campaigns/calendar_feed.html",
        &ctx.t("your-calendar-of-visits"),
        context! {
            address => format!("{}/kalender/{token}.ics", ctx.app.config.base_url.trim_end_matches('/')),
        },
    )
}
