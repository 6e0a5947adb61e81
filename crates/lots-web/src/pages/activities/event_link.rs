//! The participant's page behind a personal link: no sign-in, works without JavaScript.
//! Register or decline, give up a place (it goes to the waiting list), fetch the calendar
//! file, or ask not to be invited again. An unknown, tampered or expired link is a plain 404.

use axum::Router;
use axum::extract::{Path, Query};
use axum::http::header;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use lots_domain::calendar::Method;
use lots_domain::events::ParticipantStatus;
use minijinja::context;

use crate::ctx::Ctx;
use crate::error::AppError;
use crate::pages::FormData;
use crate::pages::activities::events::{event_value, notify_cancellation, notify_registration};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/evenemang/svar/{token}", get(show).post(answer))
        .route("/evenemang/svar/{token}/kalender.ics", get(calendar_file))
}

/// The municipality and participant behind a link, or 404.
async fn resolve(ctx: &Ctx, token: &str) -> Result<(String, i64), AppError> {
    ctx.app
        .db
        .event_link(token)
        .await?
        .ok_or(AppError::NotFound)
}

#[derive(serde::Deserialize, Default)]
struct LinkQuery {
    avregistrerad: Option<String>,
}

async fn show(
    ctx: Ctx,
    Path(token): Path<String>,
    Query(q): Query<LinkQuery>,
) -> Result<Html<String>, AppError> {
    let (code, pid) = resolve(&ctx, &token).await?;
    let tenant = ctx.app.db.tenant_unchecked(&code);
    let participant = tenant.participant(pid).await?;
    let event = tenant.event(participant.event_id).await?;
    let municipality = tenant.municipality().await?;
    let position = if participant.status == ParticipantStatus::Waiting {
        tenant
            .participants(event.id)
            .await?
            .iter()
            .filter(|p| p.status == ParticipantStatus::Waiting)
            .position(|p| p.id == pid)
            .map(|i| i + 1)
    } else {
        None
    };
    ctx.render(
        "activities/event_link.html",
        &event.name,
        context! {
            event => event_value(&ctx, &event),
            face => ctx.face(tenant.code()).await?,
            municipality => municipality.name,
            participant => context! {
                name => participant.name.clone(),
                company_name => participant.company_name.clone(),
                status => participant.status.code(),
                status_label => ctx.t(participant.status.message()),
                checked_in => participant.checked_in_at.is_some(),
                position,
            },
            action => format!("/evenemang/svar/{token}"),
            opted_out => q.avregistrerad.is_some(),
        },
    )
}

async fn answer(ctx: Ctx, Path(token): Path<String>, form: FormData) -> Result<Response, AppError> {
    let (code, pid) = resolve(&ctx, &token).await?;
    let tenant = ctx.app.db.tenant_unchecked(&code);
    let participant = tenant.participant(pid).await?;
    let event = tenant.event(participant.event_id).await?;
    if event.ends_at < lots_store::now() {
        return Err(AppError::NotFound);
    }
    match form.get("action").as_str() {
        "register" => {
            let outcome = tenant.register(pid, None).await?;
            notify_registration(&ctx, &tenant, pid, outcome).await?;
        }
        "cancel" => {
            let outcome = tenant.cancel_participation(pid).await?;
            notify_cancellation(
                &ctx,
                &tenant,
                pid,
                outcome,
                participant.status == ParticipantStatus::Invited,
            )
            .await?;
        }
        "optout" => {
            if participant.status == ParticipantStatus::Invited {
                tenant.cancel_participation(pid).await?;
            }
            if !participant.email.is_empty() {
                tenant.opt_out(&participant.email).await?;
            }
        }
        _ => return Err(AppError::BadRequest("unknown action".into())),
    }
    let done = if form.get("action") == "optout" {
        "?avregistrerad=1"
    } else {
        ""
    };
    Ok(Redirect::to(&format!("/evenemang/svar/{token}{done}")).into_response())
}

async fn calendar_file(ctx: Ctx, Path(token): Path<String>) -> Result<Response, AppError> {
    let (code, pid) = resolve(&ctx, &token).await?;
    let tenant = ctx.app.db.tenant_unchecked(&code);
    let participant = tenant.participant(pid).await?;
    if participant.status != ParticipantStatus::Confirmed {
        return Err(AppError::NotFound);
    }
    let event = tenant.event(participant.event_id).await?;
    let municipality = tenant.municipality().await?;
    let ics = lots_jobs::event_calendar(
        &event,
        pid,
        Method::Publish,
        participant.responded_at.unwrap_or(0),
        &municipality.name,
        &ctx.app.config.base_url,
    );
    Ok((
        [
            (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"evenemang.ics\"",
            ),
        ],
        ics,
    )
        .into_response())
}
