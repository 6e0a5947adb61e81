//! The server-rendered pages. Each module holds one area of the interface.

mod activities;
mod campaigns;
pub(crate) mod cases;
mod platform;
mod register;
mod shared;
mod surveys;

use axum::Router;
use axum::response::{Html, Response};
use minijinja::{Value, context};

use crate::ctx::Ctx;
use crate::error::AppError;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .merge(platform::sign_in::routes())
        .merge(platform::overview::routes())
        .merge(platform::organisation::routes())
        .merge(platform::staff::routes())
        .merge(platform::account::routes())
        .merge(platform::admin::routes())
        .merge(platform::face_settings::routes())
        .merge(platform::assets::routes())
        .merge(register::companies::routes())
        .merge(cases::case::routes())
        .merge(cases::case_settings::routes())
        .merge(cases::contact_log::routes())
        .merge(cases::fault_reports::routes())
        .merge(register::contacts::routes())
        .merge(register::import::routes())
        .merge(register::merge::routes())
        .merge(surveys::rounds::routes())
        .merge(surveys::members::routes())
        .merge(surveys::respond::routes())
        .merge(activities::networks::routes())
        .merge(activities::events::routes())
        .merge(activities::event_link::routes())
        .merge(activities::training::routes())
        .merge(campaigns::campaign::routes())
        .merge(campaigns::checklists::routes())
        .merge(campaigns::visits::routes())
        .merge(campaigns::visit_booking::routes())
}

pub use shared::form::{FormData, FormErrors, Typed, answered, redirect, unprocessable};

/// After a change: audits it as `(action, kind, id)` and goes to `to`; a wrong field shows
/// the page `again` with the errors.
pub async fn saved<Page>(
    ctx: &crate::ctx::Ctx,
    outcome: lots_store::Result<()>,
    (action, kind, id): (&str, &str, i64),
    to: String,
    again: impl FnOnce(Vec<Value>) -> Page,
) -> Result<Response, AppError>
where
    Page: std::future::Future<Output = Result<Html<String>, AppError>>,
{
    let saved = |()| async move {
        ctx.app.db.audit(ctx.audit_entry(action, kind, id)).await?;
        redirect(to).await
    };
    answered(ctx, outcome, saved, again).await
}

/// After a row is made: audits it as `(action, kind)` with the new row's id and goes to
/// `to(id)`; a wrong field shows the page `again` with the errors.
pub async fn created<Page>(
    ctx: &crate::ctx::Ctx,
    outcome: lots_store::Result<i64>,
    (action, kind): (&str, &str),
    to: impl FnOnce(i64) -> String,
    again: impl FnOnce(Vec<Value>) -> Page,
) -> Result<Response, AppError>
where
    Page: std::future::Future<Output = Result<Html<String>, AppError>>,
{
    let created = |id: i64| async move {
        ctx.app.db.audit(ctx.audit_entry(action, kind, id)).await?;
        redirect(to(id)).await
    };
    answered(ctx, outcome, created, again).await
}

/// One field's error for the error summary and beside the field.
pub fn field_error(field: &str, message: String) -> Value {
    context! { field, message }
}

impl Ctx {
    /// Renders a page with the common context.
    pub fn render(
        &self,
        template: &str,
        title: &str,
        page: Value,
    ) -> Result<Html<String>, AppError> {
        let html = crate::templates::render(&self.app.templates, template, self.page(title, page))?;
        Ok(Html(html))
    }

    /// A field's error from the data layer as the form's error list; any other error
    /// passes on.
    pub fn field_errors(&self, e: lots_store::StoreError) -> Result<Vec<Value>, AppError> {
        match e {
            lots_store::StoreError::Field(field, message) => {
                Ok(vec![field_error(&field, self.message(&message))])
            }
            lots_store::StoreError::Fields(all) => Ok(all
                .iter()
                .map(|(field, message)| field_error(field, self.message(message)))
                .collect()),
            e => Err(e.into()),
        }
    }

    /// A breadcrumb trail entry.
    pub fn crumb(&self, href: &str, label: &str) -> Value {
        context! { href, label => self.t(label) }
    }
}

/// Paging links that keep every other query parameter.
pub fn pager(
    path: &str,
    params: &[(&str, String)],
    (page, per_page, total): (usize, usize, usize),
    ends: Option<(i64, i64)>,
) -> Value {
    let pages = total.div_ceil(per_page).max(1);
    // With the ids of the page's first and last rows the links are keyset cursors: the
    // next page is read from where this one ends, so a late page costs what the first does.
    let href = |p: usize, cursor: Option<(&str, i64)>| {
        let mut q: Vec<String> = params
            .iter()
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, v)| format!("{k}={}", crate::url::urlencode(v)))
            .collect();
        q.push(format!("sida={p}"));
        if let Some((name, id)) = cursor {
            q.push(format!("{name}={id}"));
        }
        format!("{path}?{}", q.join("&"))
    };
    context! {
        page,
        pages,
        total,
        prev_href => (page > 1).then(|| href(page - 1, ends.map(|(first, _)| ("fore", first)))),
        next_href => (page < pages).then(|| href(page + 1, ends.map(|(_, last)| ("efter", last)))),
    }
}

/// Column headings in the visitor's language, from their message ids.
pub fn headings(ctx: &Ctx, ids: &[&str]) -> Vec<String> {
    ids.iter().map(|id| ctx.t(id)).collect()
}

/// A stored picture (a logo, a fault report's photo) as served: its own type, never
/// sniffed as another, cached for good (a new picture gets a new address).
pub fn picture(kind: lots_domain::image::ImageKind, bytes: Vec<u8>) -> Response {
    use axum::http::header;
    use axum::response::IntoResponse;
    (
        [
            (header::CONTENT_TYPE, kind.content_type()),
            (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        ],
        bytes,
    )
        .into_response()
}

/// A table as a download: Swedish Excel CSV or XLSX, formulas neutralised either way.
/// `sheet` is the message id of the sheet's name, `files` the attachment headers for
/// (CSV, XLSX).
pub fn spreadsheet(
    ctx: &Ctx,
    xlsx: bool,
    sheet: &str,
    files: (&'static str, &'static str),
    header: &[impl AsRef<str>],
    rows: &[Vec<String>],
) -> Result<Response, AppError> {
    let sheet = ctx.t(sheet);
    let sheet = sheet.as_str();
    let header: Vec<&str> = header.iter().map(AsRef::as_ref).collect();
    let header = header.as_slice();
    Ok(if xlsx {
        let bytes = lots_domain::export::xlsx(sheet, header, rows).map_err(AppError::Internal)?;
        register::companies::download(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            files.1,
            bytes,
        )
    } else {
        let csv = lots_domain::export::csv_for_excel(header, rows);
        register::companies::download("text/csv; charset=utf-8", files.0, csv)
    })
}

/// Staff who are not disabled, as options for a select (id, name), in Swedish order.
pub async fn staff_options(tenant: &lots_store::Tenant<'_>) -> Result<Vec<Value>, AppError> {
    let all = lots_store::StaffFilter {
        page: 1,
        per_page: 5000,
        ..Default::default()
    };
    Ok(tenant
        .staff(&all)
        .await?
        .items
        .into_iter()
        .filter(|u| u.status != lots_store::UserStatus::Disabled)
        .map(|u| context! { id => u.id, name => u.name })
        .collect())
}

/// Units as options for a select: tree order, indented by depth.
pub fn unit_options(units: &[lots_store::Unit]) -> Vec<Value> {
    units
        .iter()
        .map(|u| {
            let depth = depth_of(units, u);
            context! {
                id => u.id,
                name => u.name.clone(),
                depth,
                indent => "\u{a0}\u{a0}".repeat(depth),
                staff_count => u.staff_count,
            }
        })
        .collect()
}

pub fn depth_of(units: &[lots_store::Unit], unit: &lots_store::Unit) -> usize {
    let mut depth = 0;
    let mut parent = unit.parent_id;
    while let Some(p) = parent {
        depth += 1;
        parent = units.iter().find(|u| u.id == p).and_then(|u| u.parent_id);
        if depth > 32 {
            break;
        }
    }
    depth
}

/// The page number from a query parameter, 1 when absent or wrong.
pub fn page_number(s: Option<&str>) -> usize {
    s.and_then(|s| s.parse().ok())
        .filter(|p| *p >= 1)
        .unwrap_or(1)
}
