//! Contact people: personal data. Every view, change, extract and erasure is written to
//! the audit log, and only roles that need personal data reach these pages.

use std::future::ready;

use axum::extract::Path;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Json, Router};
use lots_domain::contact_import::LegalBasis;
use lots_domain::role::Permission;
use lots_store::{Contact, ContactInput};
use minijinja::{Value, context};

use crate::ctx::Ctx;
use crate::error::AppError;
use crate::pages::{FormData, answered, redirect};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/foretag/{id}/kontakter/ny", get(new_form).post(create))
        .route("/kontakter/{id}", get(show).post(update))
        .route("/kontakter/{id}/registerutdrag", get(extract))
        .route("/kontakter/{id}/registerutdrag.json", get(extract_json))
        .route("/kontakter/{id}/radera", get(erase_page).post(erase))
        .route("/kontakter/granska", get(review))
}

fn read(form: &FormData) -> ContactInput {
    ContactInput {
        name: form.get("name"),
        role: form.get("role"),
        email: form.get("email"),
        phone: form.get("phone"),
        language: lots_i18n::Lang::or_swedish(&form.get("language")),
        legal_basis: LegalBasis::parse(&form.get("legal_basis")),
    }
}

fn values(c: &ContactInput) -> Value {
    context! { name => c.name.clone(), role => c.role.clone(), email => c.email.clone(), phone => c.phone.clone(), language => c.language.clone(), legal_basis => c.legal_basis.map(LegalBasis::code) }
}

#[allow(clippy::too_many_arguments)]
fn render(
    ctx: &Ctx,
    title: &str,
    action: String,
    form: Value,
    errors: Vec<Value>,
    submit: &str,
    company: (i64, String),
    contact_id: Option<i64>,
) -> Result<Html<String>, AppError> {
    let bases: Vec<Value> = LegalBasis::ALL
        .iter()
        .map(|b| context! { code => b.code(), label => ctx.t(b.message()) })
        .collect();
    ctx.render(
        "register/contact.html",
        title,
        context! {
            action, form, errors, bases, contact_id,
            submit => ctx.t(submit),
            breadcrumbs => vec![ctx.crumb("/foretag", "companies"), context! { href => format!("/foretag/{}", company.0), label => company.1 }],
        },
    )
}

async fn new_form(ctx: Ctx, Path(company_id): Path<i64>) -> Result<Html<String>, AppError> {
    ctx.require(Permission::EditCompanies)?;
    ctx.require(Permission::ViewPersonalData)?;
    let company = ctx.tenant()?.company(company_id).await?;
    render(
        &ctx,
        &ctx.t("add-contact-person"),
        format!("/foretag/{company_id}/kontakter/ny"),
        context! { language => "sv", legal_basis => "public_task" },
        Vec::new(),
        "save-the-contact-person",
        (company.id, company.name),
        None,
    )
}

async fn create(
    ctx: Ctx,
    Path(company_id): Path<i64>,
    form: FormData,
) -> Result<Response, AppError> {
    let me = ctx.require(Permission::EditCompanies)?;
    ctx.require(Permission::ViewPersonalData)?;
    let tenant = ctx.tenant()?;
    let company = tenant.company(company_id).await?;
    let input = read(&form);
    let outcome = tenant
        .create_contact(company_id, &input, &me.user.name)
        .await;
    let again = |errors| {
        ready(render(
            &ctx,
            &ctx.t("add-contact-person"),
            format!("/foretag/{company_id}/kontakter/ny"),
            values(&input),
            errors,
            "save-the-contact-person",
            (company.id, company.name),
            None,
        ))
    };
    answered(
        &ctx,
        outcome,
        |_| redirect(format!("/foretag/{company_id}")),
        again,
    )
    .await
}

async fn show(ctx: Ctx, Path(id): Path<i64>) -> Result<Html<String>, AppError> {
    ctx.require(Permission::ViewPersonalData)?;
    let tenant = ctx.tenant()?;
    let contact = tenant.view_contact(id).await?;
    let company = tenant.company(contact.company_id).await?;
    let form = context! {
        name => contact.name.clone(), role => contact.role.clone(), email => contact.email.clone(),
        phone => contact.phone.clone(), language => contact.language.clone(), legal_basis => contact.legal_basis.code(),
    };
    render(
        &ctx,
        &contact.name,
        format!("/kontakter/{id}"),
        form,
        Vec::new(),
        "save-changes",
        (company.id, company.name),
        Some(id),
    )
}

async fn update(ctx: Ctx, Path(id): Path<i64>, form: FormData) -> Result<Response, AppError> {
    ctx.require(Permission::EditCompanies)?;
    ctx.require(Permission::ViewPersonalData)?;
    let tenant = ctx.tenant()?;
    let contact = tenant.live_contact(id).await?;
    let input = read(&form);
    let outcome = tenant.update_contact(id, &input).await;
    let again = |errors| async {
        let company = tenant.company(contact.company_id).await?;
        render(
            &ctx,
            &contact.name,
            format!("/kontakter/{id}"),
            values(&input),
            errors,
            "save-changes",
            (company.id, company.name),
            Some(id),
        )
    };
    answered(
        &ctx,
        outcome,
        |_| redirect(format!("/foretag/{}", contact.company_id)),
        again,
    )
    .await
}

/// Everything Lots holds on the person: the contact and who has touched it.
async fn gather(
    ctx: &Ctx,
    id: i64,
) -> Result<(Contact, String, Vec<lots_store::AuditRecord>), AppError> {
    ctx.require(Permission::ViewPersonalData)?;
    let tenant = ctx.tenant()?;
    let (contact, log) = tenant.extract_contact(id).await?;
    let company = tenant.company(contact.company_id).await?;
    Ok((contact, company.name, log))
}

async fn extract(ctx: Ctx, Path(id): Path<i64>) -> Result<Html<String>, AppError> {
    let (contact, company_name, log) = gather(&ctx, id).await?;
    ctx.render(
        "register/contact_extract.html",
        &format!("{} – {}", ctx.t("register-extract"), contact.name),
        context! { basis_label => ctx.t(contact.legal_basis.message()), contact, company_name, log, breadcrumbs => vec![ctx.crumb("/foretag", "companies")] },
    )
}

async fn extract_json(ctx: Ctx, Path(id): Path<i64>) -> Result<Json<serde_json::Value>, AppError> {
    let (contact, company_name, log) = gather(&ctx, id).await?;
    Ok(Json(serde_json::json!({
        "person": contact,
        "company": company_name,
        "legal_basis": contact.legal_basis,
        "processing_log": log,
    })))
}

async fn erase_page(ctx: Ctx, Path(id): Path<i64>) -> Result<Html<String>, AppError> {
    ctx.require(Permission::EditCompanies)?;
    ctx.require(Permission::ViewPersonalData)?;
    let contact = ctx.tenant()?.live_contact(id).await?;
    ctx.render(
        "register/contact_erase.html",
        &ctx.t("erase-the-person"),
        context! { contact },
    )
}

async fn erase(ctx: Ctx, Path(id): Path<i64>) -> Result<Response, AppError> {
    let me = ctx.require(Permission::EditCompanies)?;
    ctx.require(Permission::ViewPersonalData)?;
    let tenant = ctx.tenant()?;
    let contact = tenant.live_contact(id).await?;
    tenant.erase_contact(id, &me.user.name).await?;
    Ok(Redirect::to(&format!("/foretag/{}", contact.company_id)).into_response())
}

#[derive(serde::Deserialize)]
struct ReviewQuery {
    ar: Option<String>,
}

/// Contacts with no activity for a number of years, for a retention review.
async fn review(
    ctx: Ctx,
    axum::extract::Query(q): axum::extract::Query<ReviewQuery>,
) -> Result<Html<String>, AppError> {
    ctx.require(Permission::ManageRegister)?;
    ctx.require(Permission::ViewPersonalData)?;
    let years =
        q.ar.as_deref()
            .and_then(|y| y.trim().parse::<i64>().ok())
            .filter(|y| (0..=100).contains(y))
            .unwrap_or(ctx.app.config.contact_review_years);
    let items: Vec<Value> = ctx
        .tenant()?
        .contacts_to_review(years)
        .await?
        .into_iter()
        .map(|(k, company)| {
            context! { id => k.id, company_id => k.company_id, name => k.name, company, last_activity_at => k.last_activity_at, basis => ctx.t(k.legal_basis.message()) }
        })
        .collect();
    ctx.render(
        "register/contacts_review.html",
        &ctx.t("contact-persons-to-review"),
        context! { items, years, breadcrumbs => vec![ctx.crumb("/foretag", "companies")] },
    )
}
