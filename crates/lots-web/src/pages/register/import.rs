//! Importing a company file or a case file from the browser: upload, a preview that names
//! every rejected line, then the confirmed import.

use std::future::ready;

use axum::Router;
use axum::extract::{DefaultBodyLimit, Multipart, Path};
use axum::http::header;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use lots_domain::role::Permission;

use lots_store::{ImportOptions, ImportReport, OnDuplicate, StoreError, Tenant};
use minijinja::{Value, context};

use crate::ctx::Ctx;
use crate::error::AppError;
use crate::pages::{FormData, answered, field_error};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    let mut router = Router::new();
    for register in [Register::Companies, Register::Cases] {
        let base = register.base();
        router = router
            .route(
                base,
                get(move |ctx: Ctx| upload_page(ctx, register))
                    .post(move |ctx: Ctx, form: Multipart| upload(ctx, form, register))
                    .layer(DefaultBodyLimit::max(crate::MAX_UPLOAD_BYTES)),
            )
            .route(
                &format!("{base}/{{id}}"),
                post(move |ctx: Ctx, id: Path<i64>, form: FormData| {
                    confirm(ctx, id, form, register)
                }),
            )
            .route(
                &format!("{base}/{{id}}/avvisade.csv"),
                get(move |ctx: Ctx, id: Path<i64>| rejects_file(ctx, id, register)),
            );
    }
    router
}

/// What a file is imported into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Register {
    Companies,
    Cases,
}

impl Register {
    fn base(self) -> &'static str {
        match self {
            Register::Companies => "/foretag/import",
            Register::Cases => "/arenden/import",
        }
    }

    fn title(self) -> &'static str {
        match self {
            Register::Companies => "import-companies",
            Register::Cases => "import-cases",
        }
    }

    /// The list the import feeds: (path, label).
    fn list(self) -> (&'static str, &'static str) {
        match self {
            Register::Companies => ("/foretag", "companies"),
            Register::Cases => ("/arenden", "cases"),
        }
    }

    /// The page's wording and links for this register.
    fn value(self, ctx: &Ctx) -> Value {
        let (list, label) = self.list();
        context! {
            base => self.base(),
            list,
            list_label => ctx.t(label),
            cases => self == Register::Cases,
        }
    }
}

fn upload_form(
    ctx: &Ctx,
    register: Register,
    errors: Vec<Value>,
) -> Result<Html<String>, AppError> {
    let (list, label) = register.list();
    ctx.render(
        "register/import.html",
        &ctx.t(register.title()),
        context! { errors, register => register.value(ctx), breadcrumbs => vec![ctx.crumb(list, label)] },
    )
}

async fn upload_page(ctx: Ctx, register: Register) -> Result<Html<String>, AppError> {
    ctx.require(Permission::ManageRegister)?;
    upload_form(&ctx, register, Vec::new())
}

fn report_value(ctx: &Ctx, report: &ImportReport) -> Value {
    let rejects: Vec<Value> = report
        .rejects
        .iter()
        .map(|r| {
            let reason = ctx.message(&r.reason);
            context! { line => r.line, column => r.column.clone(), value => r.value.clone(), reason }
        })
        .collect();
    context! { rows => report.rows, valid => report.valid, encoding => report.encoding, rejects }
}

fn preview(
    ctx: &Ctx,
    register: Register,
    (filename, upload_id): (&str, i64),
    report: &ImportReport,
    confirmed: bool,
) -> Result<Html<String>, AppError> {
    let (list, label) = register.list();
    ctx.render(
        "register/import_preview.html",
        &ctx.t(register.title()),
        context! {
            filename,
            upload_id,
            confirmed,
            register => register.value(ctx),
            report => report_value(ctx, report),
            outcome => report.outcome.clone(),
            breadcrumbs => vec![ctx.crumb(list, label)],
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
    register: Register,
    (bytes, filename): (&[u8], &str),
    options: &ImportOptions,
    actor: &str,
) -> lots_store::Result<ImportReport> {
    // The reading runs on a thread of its own, which takes its own copy of the upload.
    let file = std::io::Cursor::new(bytes.to_vec());
    match register {
        Register::Companies => {
            tenant
                .import_companies_file(file, options, actor, &|_| ())
                .await
        }
        Register::Cases => {
            tenant
                .import_cases_file(file, options, filename, &|_| ())
                .await
        }
    }
}

/// Checks (or imports) a file saved at upload; it was readable then.
/// A saved upload checked again, as its reader asked for it.
async fn check_saved(
    ctx: &Ctx,
    register: Register,
    upload: &lots_store::Upload,
    options: &ImportOptions,
) -> Result<ImportReport, AppError> {
    let me = ctx.require(Permission::ManageRegister)?;
    let tenant = ctx.tenant()?;
    let file = (&upload.content[..], &upload.filename[..]);
    check(&tenant, register, file, options, &me.user.name)
        .await
        .map_err(|e| match e {
            StoreError::Refused(message) => AppError::BadRequest(ctx.message(&message)),
            e => e.into(),
        })
}

async fn upload(
    ctx: Ctx,
    mut multipart: Multipart,
    register: Register,
) -> Result<Response, AppError> {
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
            crate::input::refuse_in("file", &name, lots_domain::input::Breaks::Refused)?;
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
            register,
            vec![field_error("file", ctx.t("choose-a-file-to-import"))],
        )?;
        return Ok(crate::pages::unprocessable(html));
    };
    let options = preview_options();
    // A file that cannot be read is the file field's error.
    let outcome = check(
        &tenant,
        register,
        (&bytes, &filename),
        &options,
        &me.user.name,
    )
    .await
    .map_err(|e| match e {
        StoreError::Refused(message) => StoreError::Field("file".into(), message),
        e => e,
    });
    let (ctx, tenant, filename) = (&ctx, &tenant, &filename);
    let checked = |report: ImportReport| async move {
        let upload_id = tenant.save_upload(me.user.id, filename, &bytes).await?;
        Ok(preview(ctx, register, (filename, upload_id), &report, false)?.into_response())
    };
    answered(ctx, outcome, checked, |errors| {
        ready(upload_form(ctx, register, errors))
    })
    .await
}

async fn confirm(
    ctx: Ctx,
    Path(id): Path<i64>,
    form: FormData,
    register: Register,
) -> Result<Response, AppError> {
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
    let report = check_saved(&ctx, register, &upload, &options).await?;
    Ok(preview(&ctx, register, (&upload.filename, id), &report, true)?.into_response())
}

async fn rejects_file(
    ctx: Ctx,
    Path(id): Path<i64>,
    register: Register,
) -> Result<Response, AppError> {
    let me = ctx.require(Permission::ManageRegister)?;
    let tenant = ctx.tenant()?;
    let upload = tenant.upload(me.user.id, id).await?;
    let options = preview_options();
    let report = check_saved(&ctx, register, &upload, &options).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"avvisade.csv\"",
            ),
        ],
        report.rejects_file(ctx.lang),
    )
        .into_response())
}
