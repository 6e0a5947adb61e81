//! The administrator's page for how the municipality shows itself to companies (name,
//! logo, contact details, privacy notice, e-mail sender), and the logo as pages serve it.

use axum::Router;
use axum::extract::{DefaultBodyLimit, Multipart, Path, Query};
use axum::response::{Html, Response};
use axum::routing::{get, post};
use lots_domain::face::Face;
use lots_domain::role::Permission;
use minijinja::{Value, context};

use crate::ctx::Ctx;
use crate::error::AppError;
use crate::pages::{FormData, answered, redirect};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/kommunen", get(page).post(save))
        .route(
            "/admin/kommunen/logotyp",
            post(upload_logo).layer(DefaultBodyLimit::max(2 * lots_store::MAX_LOGO_BYTES)),
        )
        .route("/admin/kommunen/logotyp/ta-bort", post(remove_logo))
        .route("/kommun/{code}/logotyp", get(logo))
}

/// The fields of the form in the order the page shows them: name, label, hint, input type.
const FIELDS: [(&str, &str, &str, &str); 7] = [
    (
        "display_name",
        "face-display-name",
        "face-display-name-hint",
        "text",
    ),
    (
        "contact_email",
        "face-contact-email",
        "face-contact-email-hint",
        "email",
    ),
    (
        "contact_phone",
        "face-contact-phone",
        "face-contact-phone-hint",
        "tel",
    ),
    (
        "web_address",
        "face-web-address",
        "face-web-address-hint",
        "url",
    ),
    (
        "privacy_url",
        "face-privacy-url",
        "face-privacy-url-hint",
        "url",
    ),
    (
        "sender_name",
        "face-sender-name",
        "face-sender-name-hint",
        "text",
    ),
    (
        "sender_address",
        "face-sender-address",
        "face-sender-address-hint",
        "email",
    ),
];

#[derive(serde::Deserialize, Default)]
struct Saved {
    klart: Option<String>,
}

async fn render(
    ctx: &Ctx,
    given: Option<&Face>,
    errors: Vec<Value>,
    notice: Option<String>,
) -> Result<Html<String>, AppError> {
    ctx.require(Permission::ManageStaff)?;
    let tenant = ctx.tenant()?;
    let stored = ctx.app.db.face(tenant.code()).await?;
    let face = given.unwrap_or(&stored.face);
    let values = serde_json::to_value(face).map_err(|e| AppError::Internal(e.to_string()))?;
    let fields: Vec<Value> = FIELDS
        .iter()
        .map(|(name, label, hint, kind)| {
            context! {
                name,
                label => ctx.t(label),
                hint => ctx.t(hint),
                value => values.get(name).and_then(|v| v.as_str()).unwrap_or_default(),
                kind,
                required => *name == "display_name",
            }
        })
        .collect();
    ctx.render(
        "platform/face.html",
        &ctx.t("face-heading"),
        context! {
            fields,
            logo => stored.logo_version.map(|v| crate::pages::shared::face::logo_href(tenant.code(), v)),
            max_kib => lots_store::MAX_LOGO_BYTES / 1024,
            errors,
            notice,
        },
    )
}

async fn page(ctx: Ctx, Query(q): Query<Saved>) -> Result<Html<String>, AppError> {
    let notice = q.klart.map(|_| ctx.t("the-change-is-saved"));
    render(&ctx, None, Vec::new(), notice).await
}

fn back() -> impl std::future::Future<Output = Result<Response, AppError>> {
    redirect("/admin/kommunen?klart=1".into())
}

async fn save(ctx: Ctx, form: FormData) -> Result<Response, AppError> {
    ctx.require(Permission::ManageStaff)?;
    let tenant = ctx.tenant()?;
    let face = Face {
        display_name: form.get("display_name"),
        contact_email: form.get("contact_email"),
        contact_phone: form.get("contact_phone"),
        web_address: form.get("web_address"),
        privacy_url: form.get("privacy_url"),
        sender_name: form.get("sender_name"),
        sender_address: form.get("sender_address"),
    };
    let outcome = tenant.set_face(&face).await;
    let ctx = &ctx;
    answered(
        ctx,
        outcome,
        |()| back(),
        |errors| render(ctx, Some(&face), errors, None),
    )
    .await
}

async fn upload_logo(ctx: Ctx, mut multipart: Multipart) -> Result<Response, AppError> {
    ctx.require(Permission::ManageStaff)?;
    let tenant = ctx.tenant()?;
    let mut bytes = Vec::new();
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|e| AppError::BadRequest(e.body_text()))?
    {
        if field.name() == Some("logo") {
            bytes = field
                .bytes()
                .await
                .map_err(|e| AppError::BadRequest(e.body_text()))?
                .to_vec();
        }
    }
    let outcome = if bytes.is_empty() {
        Err(lots_store::StoreError::Field(
            "logo".into(),
            lots_i18n::Message::new("face-choose-a-logo"),
        ))
    } else {
        tenant.set_logo(Some(&bytes)).await
    };
    let ctx = &ctx;
    answered(
        ctx,
        outcome,
        |()| back(),
        |errors| render(ctx, None, errors, None),
    )
    .await
}

async fn remove_logo(ctx: Ctx, _form: FormData) -> Result<Response, AppError> {
    ctx.require(Permission::ManageStaff)?;
    ctx.tenant()?.set_logo(None).await?;
    back().await
}

/// A municipality's logo, for its pages and e-mails; public, as the pages it is on are.
async fn logo(ctx: Ctx, Path(code): Path<String>) -> Result<Response, AppError> {
    let (kind, bytes) = ctx.app.db.logo(&code).await?.ok_or(AppError::NotFound)?;
    Ok(crate::pages::picture(kind, bytes))
}
