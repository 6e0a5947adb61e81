//! The user's own account: changing the password, and choosing one from an invitation link.

use axum::Router;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use lots_domain::password::check;
use lots_store::secret::hash_password;
use minijinja::{Value, context};

use crate::ctx::Ctx;
use crate::error::AppError;
use crate::pages::{FormData, field_error};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/konto/losenord", get(password_page).post(change_password))
        .route(
            "/inbjudan/{token}",
            get(invitation_page).post(accept_invitation),
        )
}

/// Checks a new password and its repetition; errors name the field.
fn new_password_errors(ctx: &Ctx, form: &FormData) -> Vec<Value> {
    let password = form.raw("password");
    let mut errors = Vec::new();
    if let Err(e) = check(&password) {
        errors.push(field_error("password", ctx.t(e.message())));
    }
    if errors.is_empty() && password != form.raw("confirm") {
        errors.push(field_error("confirm", ctx.t("the-passwords-do-not-match")));
    }
    errors
}

/// argon2 is deliberately slow: hash off the async workers.
async fn hash(password: String) -> Result<String, AppError> {
    tokio::task::spawn_blocking(move || hash_password(&password))
        .await
        .map_err(|e| AppError::Internal(e.to_string()))
}

#[derive(serde::Deserialize)]
struct PasswordQuery {
    klart: Option<String>,
}

async fn password_page(
    ctx: Ctx,
    axum::extract::Query(q): axum::extract::Query<PasswordQuery>,
) -> Result<Html<String>, AppError> {
    ctx.staff()?;
    let notice = q.klart.map(|_| ctx.t("the-password-is-changed-your-other"));
    ctx.render(
        "platform/password.html",
        &ctx.t("change-password"),
        context! { errors => Vec::<Value>::new(), notice },
    )
}

async fn change_password(ctx: Ctx, form: FormData) -> Result<Response, AppError> {
    let session = ctx.staff()?;
    let mut errors = Vec::new();
    let current = form.raw("current");
    if current.is_empty() {
        errors.push(field_error("current", ctx.t("enter-your-current-password")));
    }
    errors.extend(new_password_errors(&ctx, &form));
    if errors.is_empty() {
        let new_hash = hash(form.raw("password")).await?;
        if ctx
            .app
            .db
            .change_password(session, &current, new_hash)
            .await?
        {
            ctx.app
                .db
                .audit(ctx.audit_entry("user.password_change", "user", session.user.id))
                .await?;
            return Ok(Redirect::to("/konto/losenord?klart=1").into_response());
        }
        errors.push(field_error(
            "current",
            ctx.t("the-current-password-is-not-correct"),
        ));
    }
    let html = ctx.render(
        "platform/password.html",
        &ctx.t("change-password"),
        context! { errors, notice => () },
    )?;
    Ok(crate::pages::unprocessable(html))
}

async fn invitation_form(ctx: &Ctx, token: &str, errors: Vec<Value>) -> Result<Response, AppError> {
    let invited = ctx.app.db.invitation_user(token).await?;
    let (status, title) = if invited.is_some() {
        (StatusCode::OK, ctx.t("choose-your-password"))
    } else {
        (StatusCode::NOT_FOUND, ctx.t("the-link-does-not-work"))
    };
    let status = if errors.is_empty() {
        status
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let html = ctx.render(
        "platform/invitation.html",
        &title,
        context! { invited, errors, action => format!("/inbjudan/{token}") },
    )?;
    Ok((status, html).into_response())
}

async fn invitation_page(ctx: Ctx, Path(token): Path<String>) -> Result<Response, AppError> {
    invitation_form(&ctx, &token, Vec::new()).await
}

async fn accept_invitation(
    ctx: Ctx,
    Path(token): Path<String>,
    form: FormData,
) -> Result<Response, AppError> {
    let errors = new_password_errors(&ctx, &form);
    if !errors.is_empty() {
        return invitation_form(&ctx, &token, errors).await;
    }
    let new_hash = hash(form.raw("password")).await?;
    match ctx.app.db.accept_invitation(&token, new_hash).await {
        Ok(user) => {
            let mut entry = ctx.audit_entry("user.accept_invitation", "user", user.id);
            entry.municipality_code = user.municipality_code.clone();
            entry.organiser_id = user.organiser_id;
            entry.actor_user_id = Some(user.id);
            entry.actor = user.email.clone();
            ctx.app.db.audit(entry).await?;
            Ok(Redirect::to("/logga-in?klart=1").into_response())
        }
        Err(lots_store::StoreError::NotFound) => invitation_form(&ctx, &token, Vec::new()).await,
        Err(e) => Err(e.into()),
    }
}
