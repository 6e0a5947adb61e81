//! Importing a company file from the browser: upload, a preview that names every rejected
//! line, then the confirmed import.

use axum::Router;
use axum::extract::{DefaultBodyLimit, Multipart, Path};
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use lots_domain::role::Permission;
use lots_store::{ImportOptions, ImportReport, OnDuplicate, Tenant};
use minijinja::{Value, context};

use super::{FormData, field_error};
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/foretag/import",
            get(upload_page)
                .post(upload)
                .layer(DefaultBodyLimit::max(crate::MAX_UPLOAD_BYTES)),
        )
        .route("/foretag/import/{id}", post(confirm))
        .route("/foretag/import/{id}/avvisade.csv", get(rejects_file))
}

fn upload_form(ctx: &Ctx, errors: Vec<Value>) -> Result<Html<String>, AppError> {
    ctx.render(
        "import.html",
        &ctx.t("Importera företag"),
        context! { errors, breadcrumbs => vec![ctx.crumb("/foretag", "Företag")] },
    )
}

async fn upload_page(ctx: Ctx) -> Result<Html<String>, AppError> {
    ctx.require(Permission::ManageRegister)?;
    upload_form(&ctx, Vec::new())
}

fn report_value(ctx: &Ctx, report: &ImportReport) -> Value {
    let rejects: Vec<Value> = report
        .rejects
        .iter()
        .map(|r| {
            let reason = if ctx.lang == crate::i18n::Lang::En { &r.reason_en } else { &r.reason_sv };
            context! { line => r.line, column => r.column.clone(), value => r.value.clone(), reason => reason.clone() }
        })
        .collect();
    context! { rows => report.rows, valid => report.valid, encoding => report.encoding, rejects }
}

fn preview(
    ctx: &Ctx,
    filename: &str,
    upload_id: i64,
    report: &ImportReport,
    confirmed: bool,
) -> Result<Html<String>, AppError> {
    ctx.render(
        "import_preview.html",
        &ctx.t("Importera företag"),
        context! {
            filename,
            upload_id,
            confirmed,
            report => report_value(ctx, report),
            outcome => report.outcome.clone(),
            breadcrumbs => vec![ctx.crumb("/foretag", "Företag")],
        },
    )
}

/// Checking only: what an import would do, writing nothing.
fn preview_options() -> ImportOptions {
    ImportOptions {
        on_duplicate: OnDuplicate::Update,
        all_or_nothing: false,
        dry_run: true,
        mapping: Vec::new(),
        sheet: None,
    }
}

async fn check(
    tenant: &Tenant<'_>,
    bytes: &[u8],
    options: &ImportOptions,
    actor: &str,
) -> Result<Result<ImportReport, String>, AppError> {
    Ok(tenant
        .import_companies_file(std::io::Cursor::new(bytes), options, actor, &|_| ())
        .await?
        .map_err(|e| e.sv))
}

async fn upload(ctx: Ctx, mut multipart: Multipart) -> Result<Response, AppError> {
    let me = ctx.require(Permission::ManageRegister)?;
    let tenant = ctx.tenant()?;
    let mut file: Option<(String, Vec<u8>)> = None;
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|e| AppError::BadRequest(e.body_text()))?
    {
        if field.name() == Some("file") {
            let name = field.file_name().unwrap_or("fil.csv").to_string();
            let bytes = field
                .bytes()
                .await
                .map_err(|e| AppError::BadRequest(e.body_text()))?;
            file = Some((name, bytes.to_vec()));
        }
    }
    let Some((filename, bytes)) = file.filter(|(_, b)| !b.is_empty()) else {
        let html = upload_form(
            &ctx,
            vec![field_error("file", ctx.t("Välj en fil att importera."))],
        )?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response());
    };
    let options = preview_options();
    let report = match check(&tenant, &bytes, &options, &me.user.name).await? {
        Ok(r) => r,
        Err(message) => {
            let html = upload_form(&ctx, vec![field_error("file", message)])?;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response());
        }
    };
    let upload_id = tenant.save_upload(me.user.id, &filename, &bytes).await?;
    Ok(preview(&ctx, &filename, upload_id, &report, false)?.into_response())
}

async fn confirm(ctx: Ctx, Path(id): Path<i64>, form: FormData) -> Result<Response, AppError> {
    let me = ctx.require(Permission::ManageRegister)?;
    let tenant = ctx.tenant()?;
    let upload = tenant.upload(me.user.id, id).await?;
    let options = ImportOptions {
        on_duplicate: if form.get("on_duplicate") == "skip" {
            OnDuplicate::Skip
        } else {
            OnDuplicate::Update
        },
        all_or_nothing: form.get("all_or_nothing") == "1",
        dry_run: false,
        mapping: Vec::new(),
        sheet: None,
    };
    let report = check(&tenant, &upload.content, &options, &me.user.name)
        .await?
        .map_err(AppError::BadRequest)?;
    let mut entry = ctx.audit_entry("company.import", "upload", id);
    entry.detail = match &report.outcome {
        Some(o) => format!(
            "{}: {} created, {} updated, {} skipped, {} rejected",
            upload.filename,
            o.created,
            o.updated,
            o.skipped,
            report.rejects.len()
        ),
        None => format!(
            "{}: nothing written, {} rejected",
            upload.filename,
            report.rejects.len()
        ),
    };
    ctx.app.db.audit(entry).await?;
    Ok(preview(&ctx, &upload.filename, id, &report, true)?.into_response())
}

async fn rejects_file(ctx: Ctx, Path(id): Path<i64>) -> Result<Response, AppError> {
    let me = ctx.require(Permission::ManageRegister)?;
    let tenant = ctx.tenant()?;
    let upload = tenant.upload(me.user.id, id).await?;
    let options = preview_options();
    let report = check(&tenant, &upload.content, &options, &me.user.name)
        .await?
        .map_err(AppError::BadRequest)?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"avvisade.csv\"",
            ),
        ],
        report.rejects_file(),
    )
        .into_response())
}
