//! The administrator's settings for cases and the contact log: the municipality's service
//! areas (which are measured with the Insikt survey, which follow PBL's deadline), how often
//! the survey after closed cases goes out, and the reasons a contact can be logged with.

use axum::Router;
use axum::extract::{Path, Query};
use axum::response::{Html, Response};
use axum::routing::{get, post};
use lots_domain::cases::DeadlineRule;
use lots_domain::role::Permission;
use lots_store::StoreError;
use minijinja::{Value, context};

use crate::ctx::Ctx;
use crate::error::AppError;
use crate::pages::{FormData, answered, redirect};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/arendeinstallningar", get(page))
        .route("/admin/arendeinstallningar/omraden", post(add_area))
        .route(
            "/admin/arendeinstallningar/omraden/{id}",
            post(set_measured),
        )
        .route("/admin/arendeinstallningar/orsaker", post(add_reason))
        .route("/admin/arendeinstallningar/utskick", post(set_batch))
}

#[derive(serde::Deserialize, Default)]
struct Saved {
    klart: Option<String>,
}

async fn render(
    ctx: &Ctx,
    errors: Vec<Value>,
    notice: Option<String>,
) -> Result<Html<String>, AppError> {
    ctx.require(Permission::ManageStaff)?;
    let tenant = ctx.tenant()?;
    ctx.render(
        "cases/case_settings.html",
        &ctx.t("cases-and-contact-log"),
        context! {
            areas => tenant.service_areas().await?.iter().map(|a| context! {
                id => a.id,
                name => a.area.name.clone(),
                code => a.area.code.clone(),
                measured => a.area.measured,
                pbl => a.area.rule == DeadlineRule::Pbl,
            }).collect::<Vec<_>>(),
            reasons => tenant.contact_reasons().await?,
            batch => tenant.case_survey_batch().await?,
            errors,
            notice,
        },
    )
}

async fn page(ctx: Ctx, Query(q): Query<Saved>) -> Result<Html<String>, AppError> {
    let notice = q.klart.map(|_| ctx.t("the-change-is-saved"));
    render(&ctx, Vec::new(), notice).await
}

/// Back to the page after a change, or the page with the field's error.
async fn outcome(ctx: &Ctx, result: Result<(), StoreError>) -> Result<Response, AppError> {
    let saved = |()| redirect("/admin/arendeinstallningar?klart=1".into());
    answered(ctx, result, saved, |errors| render(ctx, errors, None)).await
}

async fn add_area(ctx: Ctx, form: FormData) -> Result<Response, AppError> {
    ctx.require(Permission::ManageStaff)?;
    let tenant = ctx.tenant()?;
    let rule = if form.get("pbl") == "1" {
        DeadlineRule::Pbl
    } else {
        DeadlineRule::None
    };
    let result = tenant
        .add_service_area(&form.get("name"), form.get("measured") == "1", rule)
        .await
        .map(|_| ());
    outcome(&ctx, result).await
}

async fn set_measured(ctx: Ctx, Path(id): Path<i64>, form: FormData) -> Result<Response, AppError> {
    ctx.require(Permission::ManageStaff)?;
    let tenant = ctx.tenant()?;
    let result = tenant
        .set_area_measured(id, form.get("measured") == "1")
        .await;
    outcome(&ctx, result).await
}

async fn add_reason(ctx: Ctx, form: FormData) -> Result<Response, AppError> {
    ctx.require(Permission::ManageStaff)?;
    let tenant = ctx.tenant()?;
    let result = tenant
        .add_contact_reason(&form.get("reason"))
        .await
        .map(|_| ())
        .map_err(|e| match e {
            StoreError::Field(_, m) => StoreError::Field("reason".into(), m),
            other => other,
        });
    outcome(&ctx, result).await
}

async fn set_batch(ctx: Ctx, form: FormData) -> Result<Response, AppError> {
    ctx.require(Permission::ManageStaff)?;
    let tenant = ctx.tenant()?;
    let result = tenant.set_case_survey_batch(&form.get("batch")).await;
    outcome(&ctx, result).await
}
