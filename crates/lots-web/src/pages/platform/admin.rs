//! Administration: API tokens, the audit log, and the mail that did not get through (also
//! per survey round or event, for those who run it).

use axum::Router;
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use lots_domain::role::Permission;
use lots_store::{AuditFilter, Scope};
use minijinja::{Value, context};

use crate::ctx::Ctx;
use crate::error::AppError;
use crate::pages::shared::confirm::{Confirm, confirm_page};
use crate::pages::{FormData, field_error, page_number, pager};
use crate::state::AppState;
use crate::templates::parse_day_start;

const PER_PAGE: usize = 50;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/api-nycklar", get(tokens).post(create_token))
        .route(
            "/admin/api-nycklar/{id}/aterkalla",
            get(revoke_page).post(revoke),
        )
        .route("/admin/granskningslogg", get(audit))
        .route("/admin/utskick", get(undelivered))
        .route(
            "/admin/utskick/{id}/skicka-igen",
            axum::routing::post(send_again),
        )
}

/// Which mail a list of undelivered mail shows: all of a municipality's (administrators),
/// or one survey round's or event's (those who run it).
#[derive(serde::Deserialize)]
struct Whose {
    enkat: Option<i64>,
    evenemang: Option<i64>,
    igen: Option<String>,
}

impl Whose {
    /// What the list is limited to, after checking the user may see it.
    fn concern(&self, ctx: &Ctx) -> Result<Option<lots_jobs::Concern>, AppError> {
        match (self.enkat, self.evenemang) {
            (Some(round), _) => {
                ctx.require(Permission::ManageSurveys)?;
                Ok(Some(lots_jobs::Concern::Round(round)))
            }
            (None, Some(event)) => {
                ctx.require(Permission::ManageActivities)?;
                Ok(Some(lots_jobs::Concern::Event(event)))
            }
            (None, None) => {
                ctx.require(Permission::ManageStaff)?;
                Ok(None)
            }
        }
    }

    fn query(&self) -> String {
        match (self.enkat, self.evenemang) {
            (Some(round), _) => format!("enkat={round}&"),
            (None, Some(event)) => format!("evenemang={event}&"),
            (None, None) => String::new(),
        }
    }
}

/// The municipality's undelivered mail, or only that of one round or event.
async fn undelivered_of(
    ctx: &Ctx,
    concern: Option<lots_jobs::Concern>,
) -> Result<Vec<lots_jobs::Undelivered>, AppError> {
    let tenant = ctx.tenant()?;
    let mut mails = lots_jobs::undelivered(&ctx.app.db, tenant.code()).await?;
    if concern.is_some() {
        mails.retain(|m| m.concerns == concern);
    }
    Ok(mails)
}

/// For a round's or an event's page: how many of its mails did not go out and where to see
/// them, when the user runs it and there are any.
pub(in crate::pages) async fn undelivered_notice(
    ctx: &Ctx,
    concern: lots_jobs::Concern,
) -> Result<Option<Value>, AppError> {
    let (permission, query) = match concern {
        lots_jobs::Concern::Round(id) => (Permission::ManageSurveys, format!("enkat={id}")),
        lots_jobs::Concern::Event(id) => (Permission::ManageActivities, format!("evenemang={id}")),
    };
    if !ctx.may(permission) {
        return Ok(None);
    }
    let count = undelivered_of(ctx, Some(concern)).await?.len();
    Ok((count > 0).then(|| context! { count, href => format!("/admin/utskick?{query}") }))
}

/// Mail that could not go out, with the reason, and a way to send it again.
async fn undelivered(ctx: Ctx, Query(q): Query<Whose>) -> Result<Html<String>, AppError> {
    let concern = q.concern(&ctx)?;
    let mails = undelivered_of(&ctx, concern).await?;
    let notice = q
        .igen
        .is_some()
        .then(|| ctx.t("the-message-was-queued-again-and"));
    let (back, title) = match concern {
        Some(lots_jobs::Concern::Round(id)) => {
            (Some(format!("/enkater/{id}")), "undelivered-survey-e-mail")
        }
        Some(lots_jobs::Concern::Event(id)) => {
            (Some(format!("/evenemang/{id}")), "undelivered-event-e-mail")
        }
        None => (None, "undelivered-e-mail"),
    };
    ctx.render(
        "platform/undelivered.html",
        &ctx.t(title),
        context! { mails => Value::from_serialize(&mails), notice, back, query => q.query() },
    )
}

async fn send_again(
    ctx: Ctx,
    Path(id): Path<i64>,
    Query(q): Query<Whose>,
) -> Result<Response, AppError> {
    let concern = q.concern(&ctx)?;
    // Someone who runs a round may send its mail again, not any other.
    if !undelivered_of(&ctx, concern)
        .await?
        .iter()
        .any(|m| m.id == id)
    {
        return Err(AppError::NotFound);
    }
    let tenant = ctx.tenant()?;
    if !ctx.app.db.retry_job(tenant.code(), id).await? {
        return Err(AppError::NotFound);
    }
    ctx.app
        .db
        .audit(ctx.audit_entry("mail.send_again", "job", id))
        .await?;
    ctx.app.workers.wake();
    Ok(Redirect::to(&format!("/admin/utskick?{}igen=1", q.query())).into_response())
}

fn scope_label(ctx: &Ctx, scope: Scope) -> String {
    ctx.t(match scope {
        Scope::Read => "read",
        Scope::Write => "read-and-write",
        Scope::Open311 => "fault-reports-open311",
    })
}

async fn tokens_page(
    ctx: &Ctx,
    errors: Vec<Value>,
    form: Value,
    notice: Option<String>,
) -> Result<Html<String>, AppError> {
    ctx.require(Permission::ManageStaff)?;
    let tokens: Vec<Value> = ctx
        .tenant()?
        .api_tokens()
        .await?
        .into_iter()
        .map(|t| context! { scope_label => scope_label(ctx, t.scope), ..Value::from_serialize(&t) })
        .collect();
    ctx.render(
        "platform/tokens.html",
        &ctx.t("api-tokens"),
        context! { tokens, errors, form, notice },
    )
}

#[derive(serde::Deserialize)]
struct NoticeQuery {
    klart: Option<String>,
}

async fn tokens(ctx: Ctx, Query(q): Query<NoticeQuery>) -> Result<Html<String>, AppError> {
    let notice = q.klart.map(|_| ctx.t("the-token-was-revoked"));
    tokens_page(
        &ctx,
        Vec::new(),
        context! { name => "", scope => "read" },
        notice,
    )
    .await
}

async fn create_token(ctx: Ctx, form: FormData) -> Result<Response, AppError> {
    let me = ctx.require(Permission::ManageStaff)?;
    let name = form.get("name");
    let scope = form.choice("scope")?.unwrap_or(Scope::Read);
    if name.is_empty() {
        let errors = vec![field_error("name", ctx.t("enter-a-name-that-says-what"))];
        let html =
            tokens_page(&ctx, errors, context! { name, scope => scope.code() }, None).await?;
        return Ok(crate::pages::unprocessable(html));
    }
    let (token, secret) = ctx
        .tenant()?
        .create_api_token(&name, scope, &me.user.email)
        .await?;
    let mut entry = ctx.audit_entry("api_token.create", "api_token", token.id);
    entry.detail = format!("{} ({})", token.name, token.scope);
    ctx.app.db.audit(entry).await?;
    // Shown in this response only: the secret is stored hashed and never available again.
    Ok(ctx
        .render(
            "platform/token_created.html",
            &ctx.t("new-api-token"),
            context! { secret, breadcrumbs => vec![ctx.crumb("/admin/api-nycklar", "api-tokens")] },
        )?
        .into_response())
}

async fn revoke_page(ctx: Ctx, Path(id): Path<i64>) -> Result<Html<String>, AppError> {
    ctx.require(Permission::ManageStaff)?;
    let token = ctx.tenant()?.api_token(id).await?;
    confirm_page(
        &ctx,
        Confirm {
            title: format!("{}: {}", ctx.t("revoke-the-token"), token.name),
            consequence: ctx.t("systems-using-the-token-stop-working"),
            action: format!("/admin/api-nycklar/{id}/aterkalla"),
            confirm: ctx.t("revoke-the-token"),
            back: "/admin/api-nycklar".into(),
            breadcrumbs: vec![ctx.crumb("/admin/api-nycklar", "api-tokens")],
        },
    )
}

async fn revoke(ctx: Ctx, Path(id): Path<i64>) -> Result<Response, AppError> {
    ctx.require(Permission::ManageStaff)?;
    let token = ctx.tenant()?.revoke_api_token(id).await?;
    ctx.app
        .db
        .audit(ctx.audit_entry("api_token.revoke", "api_token", token.id))
        .await?;
    Ok(Redirect::to("/admin/api-nycklar?klart=1").into_response())
}

#[derive(serde::Deserialize, Default)]
struct AuditQuery {
    vem: Option<String>,
    handelse: Option<String>,
    fran: Option<String>,
    till: Option<String>,
    sida: Option<String>,
}

async fn audit(ctx: Ctx, Query(q): Query<AuditQuery>) -> Result<Response, AppError> {
    ctx.require(Permission::ViewAuditLog)?;
    let tenant = ctx.tenant()?;
    let mut errors = Vec::new();
    let mut day = |field: &str, value: &Option<String>| -> Option<i64> {
        let v = value.as_deref().map(str::trim).filter(|v| !v.is_empty())?;
        let parsed = parse_day_start(v);
        if parsed.is_none() {
            errors.push(field_error(field, ctx.t("write-the-date-as-2026-11")));
        }
        parsed
    };
    let from = day("fran", &q.fran);
    // "Till och med" a day means before the start of the next.
    let until = day("till", &q.till).map(|t| t + 24 * 3600);
    let page = page_number(q.sida.as_deref());
    let (total, records) = if errors.is_empty() {
        tenant
            .audit_log(&AuditFilter {
                actor: q.vem.clone(),
                action: q.handelse.clone(),
                record_type: None,
                record_id: None,
                from,
                until,
                page,
                per_page: PER_PAGE,
            })
            .await?
    } else {
        (0, Vec::new())
    };
    let params = vec![
        ("vem", q.vem.clone().unwrap_or_default()),
        ("handelse", q.handelse.clone().unwrap_or_default()),
        ("fran", q.fran.clone().unwrap_or_default()),
        ("till", q.till.clone().unwrap_or_default()),
    ];
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let html = ctx.render(
        "platform/audit.html",
        &ctx.t("audit-log"),
        context! {
            records,
            total,
            errors,
            pager => pager("/admin/granskningslogg", &params, (page, PER_PAGE, total), None),
            filter => context! {
                vem => q.vem.unwrap_or_default(),
                handelse => q.handelse.unwrap_or_default(),
                fran => q.fran.unwrap_or_default(),
                till => q.till.unwrap_or_default(),
            },
        },
    )?;
    Ok((status, html).into_response())
}
