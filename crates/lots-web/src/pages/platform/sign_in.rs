//! Signing in and out, the start of the site, and the language switch.

use axum::Router;
use axum::extract::{Path, Query};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use lots_store::SignInOutcome;
use minijinja::context;

use crate::cookies::Cookie;
use crate::ctx::{Ctx, safe_return_path};
use crate::error::AppError;
use crate::pages::{FormData, field_error};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(root))
        .route("/logga-in", get(sign_in_page).post(sign_in))
        .route("/logga-ut", axum::routing::post(sign_out))
        .route("/sprak/{lang}", get(switch_language))
}

async fn root(ctx: Ctx) -> Redirect {
    if ctx.session.is_some() {
        Redirect::to("/oversikt")
    } else {
        Redirect::to("/logga-in")
    }
}

#[derive(serde::Deserialize)]
struct SignInQuery {
    till: Option<String>,
    utloggad: Option<String>,
    klart: Option<String>,
}

async fn sign_in_page(ctx: Ctx, Query(q): Query<SignInQuery>) -> Result<Response, AppError> {
    if ctx.session.is_some() {
        return Ok(Redirect::to("/oversikt").into_response());
    }
    let notice = if q.utloggad.is_some() {
        Some(ctx.t("you-are-signed-out"))
    } else if q.klart.is_some() {
        Some(ctx.t("your-password-is-saved-sign-in"))
    } else {
        None
    };
    let till = safe_return_path(q.till.as_deref());
    Ok(ctx
        .render(
            "platform/sign_in.html",
            &ctx.t("sign-in"),
            context! { errors => Vec::<()>::new(), email => "", till, notice },
        )?
        .into_response())
}

async fn sign_in(ctx: Ctx, form: FormData) -> Result<Response, AppError> {
    let email = form.get("email");
    let password = form.raw("password");
    let till = safe_return_path(Some(&form.get("till")));
    let mut errors = Vec::new();
    if email.is_empty() {
        errors.push(field_error("email", ctx.t("enter-your-e-mail-address")));
    }
    if password.is_empty() {
        errors.push(field_error("password", ctx.t("enter-your-password")));
    }
    if errors.is_empty() {
        match ctx.app.db.sign_in(&email, &password, &ctx.ip).await? {
            SignInOutcome::Success { token, user } => {
                let mut entry = ctx.audit_entry("session.sign_in", "user", user.id);
                entry.municipality_code = user.municipality_code.clone();
                entry.organiser_id = user.organiser_id;
                entry.actor_user_id = Some(user.id);
                entry.actor = user.email.clone();
                ctx.app.db.audit(entry).await?;
                let mut response = Redirect::to(&till).into_response();
                let secure = ctx.app.config.secure_cookies();
                Cookie::Session.set(&mut response, &token, None, secure);
                // The forms of the new session carry a token bound to it; the cookie holds
                // it too, for pages rendered before the next request reads the session.
                let bound = crate::csrf::session_token(&token);
                Cookie::Csrf.set(&mut response, &bound, None, secure);
                return Ok(response);
            }
            // One message for an unknown e-mail and a wrong password.
            SignInOutcome::Invalid => errors.push(field_error(
                "email",
                ctx.t("wrong-e-mail-address-or-password"),
            )),
            SignInOutcome::RateLimited => errors.push(field_error(
                "email",
                ctx.t("too-many-failed-attempts-wait-15"),
            )),
        }
    }
    let html = ctx.render(
        "platform/sign_in.html",
        &ctx.t("sign-in"),
        context! { errors, email, till, notice => () },
    )?;
    Ok(crate::pages::unprocessable(html))
}

async fn sign_out(ctx: Ctx, headers: axum::http::HeaderMap) -> Result<Response, AppError> {
    let secure = ctx.app.config.secure_cookies();
    if let Some(token) = Cookie::Session.read(&headers, secure) {
        if ctx.session.is_some() {
            ctx.app
                .db
                .audit(ctx.audit_entry("session.sign_out", "user", ctx.staff()?.user.id))
                .await?;
        }
        ctx.app.db.end_session(token).await?;
    }
    let mut response = Redirect::to("/logga-in?utloggad=1").into_response();
    Cookie::Session.set(&mut response, "", Some(0), secure);
    // The next visitor of this browser starts with a token of its own.
    Cookie::Csrf.set(
        &mut response,
        &lots_store::secret::new_token(),
        None,
        secure,
    );
    Ok(response)
}

#[derive(serde::Deserialize)]
struct SwitchQuery {
    till: Option<String>,
}

async fn switch_language(
    ctx: Ctx,
    Path(lang): Path<String>,
    Query(q): Query<SwitchQuery>,
) -> Result<Response, AppError> {
    let lang = lots_i18n::Lang::parse(&lang).ok_or(AppError::NotFound)?;
    let mut response = Redirect::to(&safe_return_path(q.till.as_deref())).into_response();
    Cookie::Lang.set(
        &mut response,
        lang.code(),
        Some(365 * 24 * 3600),
        ctx.app.config.secure_cookies(),
    );
    Ok(response)
}
