//! The company registry: the searchable list, the journey page of each company, the forms
//! that register and change a company, and the export.

use std::future::ready;

use axum::Router;
use axum::extract::{Path, Query};
use axum::http::header;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use lots_domain::company_import::SIZE_CLASSES;
use lots_domain::role::Permission;
use lots_domain::sni::{self, SniVersion};
use lots_store::{Company, CompanyFilter, CompanyInput, CompanyStatus, Tenant};
use minijinja::{Value, context};

use crate::ctx::Ctx;
use crate::error::AppError;
use crate::pages::{FormData, FormErrors, Typed, answered, page_number, pager, redirect};
use crate::state::AppState;
use crate::url::urlencode;

const PER_PAGE: usize = 25;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/foretag", get(list).post(create))
        .route("/foretag.csv", get(export_csv))
        .route("/foretag.xlsx", get(export_xlsx))
        .route("/foretag/nytt", get(new_form))
        .route("/foretag/{id}", get(journey))
        .route("/foretag/{id}/andra", get(edit_form).post(update))
        .route("/foretag/{id}/anteckningar", post(add_note))
}

#[derive(serde::Deserialize, Default)]
pub(in crate::pages) struct ListQuery {
    q: Option<String>,
    omrade: Option<String>,
    storlek: Option<String>,
    sni: Option<String>,
    tagg: Option<String>,
    status: Option<String>,
    sida: Option<String>,
    /// The page after or before this company, as the pager's links say.
    efter: Option<i64>,
    fore: Option<i64>,
}

impl ListQuery {
    fn filter(&self, page: usize, per_page: usize) -> CompanyFilter {
        CompanyFilter {
            query: self.q.clone(),
            sni: self.sni.clone(),
            area_id: self.omrade.as_deref().and_then(|a| a.parse().ok()),
            size_class: self.storlek.clone(),
            tag: self.tagg.clone(),
            status: self.status.as_deref().and_then(CompanyStatus::parse),
            page,
            per_page,
            after: self.efter,
            before: self.fore,
        }
    }

    fn params(&self) -> Vec<(&'static str, String)> {
        let v = |o: &Option<String>| o.clone().unwrap_or_default();
        vec![
            ("q", v(&self.q)),
            ("omrade", v(&self.omrade)),
            ("storlek", v(&self.storlek)),
            ("sni", v(&self.sni)),
            ("tagg", v(&self.tagg)),
            ("status", v(&self.status)),
        ]
    }
}

/// The identity as the user may see it: a sole trader's personnummer is masked for roles
/// without access to personal data.
fn shown_orgnr(ctx: &Ctx, c: &Company) -> String {
    shown_number(ctx, &c.orgnr, c.personal)
}

/// A company's number as this user may see it: a sole trader's personnummer is masked for
/// roles without access to personal data.
pub(in crate::pages) fn shown_number(ctx: &Ctx, orgnr: &str, personal: bool) -> String {
    if personal && !ctx.may(Permission::ViewPersonalData) {
        lots_domain::orgnr::CompanyId::parse(orgnr)
            .map(|id| id.masked())
            .unwrap_or_default()
    } else {
        orgnr.to_string()
    }
}

fn sni_name(version: SniVersion, code: &str) -> String {
    sni::lookup(version, code)
        .map(|c| c.name.clone())
        .unwrap_or_default()
}

async fn list(ctx: Ctx, Query(q): Query<ListQuery>) -> Result<Html<String>, AppError> {
    ctx.require(Permission::ViewCompanies)?;
    let tenant = ctx.tenant()?;
    let page = page_number(q.sida.as_deref());
    let result = tenant.companies(&q.filter(page, PER_PAGE)).await?;
    let items: Vec<Value> = result
        .items
        .iter()
        .map(|c| {
            context! {
                shown_orgnr => shown_orgnr(&ctx, c),
                sni_name => c.sni2007.first().map(|s| sni_name(SniVersion::Sni2007, s)).unwrap_or_default(),
                ..Value::from_serialize(c)
            }
        })
        .collect();
    let params = q.params();
    let query: Vec<String> = params
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={}", urlencode(v)))
        .collect();
    let v = |o: &Option<String>| o.clone().unwrap_or_default();
    ctx.render(
        "register/companies.html",
        &ctx.t("companies"),
        context! {
            items,
            total => result.total,
            pager => pager(
                "/foretag",
                &params,
                (page, PER_PAGE, result.total),
                result.items.first().zip(result.items.last()).map(|(a, b)| (a.id, b.id)),
            ),
            areas => tenant.areas().await?,
            sizes => SIZE_CLASSES,
            filter => context! { q => v(&q.q), omrade => v(&q.omrade), storlek => v(&q.storlek), sni => v(&q.sni), tagg => v(&q.tagg), status => v(&q.status) },
            can_edit => ctx.may(Permission::EditCompanies),
            can_export => ctx.may(Permission::ManageRegister),
            export_href => format!("/foretag.csv?{}", query.join("&")),
            export_xlsx_href => format!("/foretag.xlsx?{}", query.join("&")),
        },
    )
}

/// The companies of a filter as export rows; the export is written to the audit log.
async fn export_rows(ctx: &Ctx, q: &ListQuery, format: &str) -> Result<Vec<Vec<String>>, AppError> {
    ctx.require(Permission::ManageRegister)?;
    let companies = ctx
        .tenant()?
        .export_companies(&q.filter(1, usize::MAX), format)
        .await?;
    let rows: Vec<Vec<String>> = companies
        .iter()
        .map(|c| c.export_row(shown_orgnr(ctx, c), ctx.lang))
        .collect();
    Ok(rows)
}

pub(in crate::pages) fn download(
    content_type: &'static str,
    filename: &'static str,
    bytes: Vec<u8>,
) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CONTENT_DISPOSITION, filename),
        ],
        bytes,
    )
        .into_response()
}

async fn export_csv(ctx: Ctx, Query(q): Query<ListQuery>) -> Result<Response, AppError> {
    let rows = export_rows(&ctx, &q, "csv").await?;
    Ok(download(
        "text/csv; charset=utf-8",
        "attachment; filename=\"foretag.csv\"",
        lots_domain::export::csv_for_excel(&lots_store::export_header(ctx.lang), &rows),
    ))
}

async fn export_xlsx(ctx: Ctx, Query(q): Query<ListQuery>) -> Result<Response, AppError> {
    let rows = export_rows(&ctx, &q, "xlsx").await?;
    let header = lots_store::export_header(ctx.lang);
    let bytes = lots_domain::export::xlsx(&ctx.t("companies"), &header, &rows)
        .map_err(AppError::Internal)?;
    Ok(download(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "attachment; filename=\"foretag.xlsx\"",
        bytes,
    ))
}

async fn journey_page(
    ctx: &Ctx,
    tenant: &Tenant<'_>,
    id: i64,
    errors: Vec<Value>,
    note: &str,
) -> Result<Html<String>, AppError> {
    let company = tenant.company(id).await?;
    let contacts = tenant.contacts(id).await?;
    let journey = tenant.journey(id).await?;
    let codes = |version, list: &[String]| -> Vec<Value> {
        list.iter()
            .map(|c| context! { code => c.clone(), name => sni_name(version, c) })
            .collect()
    };
    ctx.render(
        "register/company.html",
        &company.name,
        context! {
            sni => codes(SniVersion::Sni2007, &company.sni2007),
            sni2025 => codes(SniVersion::Sni2025, &company.sni2025),
            company => context! { shown_orgnr => shown_orgnr(ctx, &company), legal_form_message => company.legal_form.message(), ..Value::from_serialize(&company) },
            contacts,
            journey => journey.iter().map(|e| journey_entry(ctx, e)).collect::<Vec<_>>(),
            errors,
            note,
            can_edit => ctx.may(Permission::EditCompanies),
            show_personal => ctx.may(Permission::ViewPersonalData),
            breadcrumbs => vec![ctx.crumb("/foretag", "companies")],
        },
    )
}

/// A journey event in the visitor's language: what happened, and its detail as a sentence
/// where the message says one.
fn journey_entry(ctx: &Ctx, e: &lots_store::JourneyEvent) -> Value {
    let mut args: Vec<lots_i18n::Arg> = vec![("detail", e.detail.as_str().into())];
    args.extend(
        e.facts
            .iter()
            .map(|(name, value)| (*name, value.as_str().into())),
    );
    let detail =
        lots_i18n::attribute_with(ctx.lang, &e.summary, "detail", &args).unwrap_or_else(|| {
            if e.kind == lots_store::JourneyKind::Changed {
                e.detail
                    .split(", ")
                    .map(|field| ctx.t(field))
                    .collect::<Vec<_>>()
                    .join(", ")
            } else {
                e.detail.clone()
            }
        });
    let kind_label = ctx.t(e.kind.message());
    context! { summary => ctx.t(&e.summary), detail, kind_label, ..Value::from_serialize(e) }
}

async fn journey(ctx: Ctx, Path(id): Path<i64>) -> Result<Html<String>, AppError> {
    ctx.require(Permission::ViewCompanies)?;
    let tenant = ctx.tenant()?;
    journey_page(&ctx, &tenant, id, Vec::new(), "").await
}

async fn add_note(ctx: Ctx, Path(id): Path<i64>, form: FormData) -> Result<Response, AppError> {
    let me = ctx.require(Permission::EditCompanies)?;
    let tenant = ctx.tenant()?;
    let note = form.get("note");
    let outcome = tenant.add_note(id, &note, &me.user.name).await;
    answered(
        &ctx,
        outcome,
        |()| redirect(format!("/foretag/{id}")),
        |errors| journey_page(&ctx, &tenant, id, errors, &note),
    )
    .await
}

fn split(s: &str) -> Vec<String> {
    s.split(',')
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .map(str::to_string)
        .collect()
}

/// A company as its form sends it.
#[derive(serde::Deserialize, Default)]
#[serde(default)]
struct CompanyForm {
    orgnr: String,
    name: String,
    other_names: String,
    sni2007: String,
    sni2025: String,
    employees: Typed<i64>,
    visit_address: String,
    postcode: String,
    town: String,
    latitude: Typed<f64>,
    longitude: Typed<f64>,
    area: String,
    tags: String,
    status: Typed<CompanyStatus>,
    notes: String,
}

/// The company form as the register's input, with the form's own refusals: a count or a
/// coordinate that is no number, a status that is none of the register's.
fn read_form(form: &FormData) -> Result<(CompanyInput, FormErrors), AppError> {
    let f: CompanyForm = form.decode()?;
    let mut errors = FormErrors::default();
    let mut coordinate = |name: &str, field: &Typed<f64>, range: std::ops::RangeInclusive<f64>| {
        let message = "write-the-coordinate-in-decimal-degrees";
        let value = errors.read(name, field, message);
        if value.is_some_and(|v| !range.contains(&v)) {
            errors.refuse(name, message);
            return None;
        }
        value
    };
    let latitude = coordinate("latitude", &f.latitude, -90.0..=90.0);
    let longitude = coordinate("longitude", &f.longitude, -180.0..=180.0);
    let codes = |text: &str| -> Vec<String> {
        text.split([',', ' ', ';'])
            .filter(|c| !c.is_empty())
            .map(str::to_string)
            .collect()
    };
    let trimmed = |text: String| text.trim().to_string();
    let input = CompanyInput {
        employees: errors.read(
            "employees",
            &f.employees,
            "employees-must-be-a-whole-number",
        ),
        status: errors.read("status", &f.status, "status-is-active-or-deregistered"),
        orgnr: trimmed(f.orgnr),
        name: trimmed(f.name),
        other_names: split(&f.other_names),
        sni2007: codes(&f.sni2007),
        sni2025: codes(&f.sni2025),
        visit_address: trimmed(f.visit_address),
        postcode: trimmed(f.postcode),
        town: trimmed(f.town),
        latitude,
        longitude,
        area: Some(trimmed(f.area)).filter(|a| !a.is_empty()),
        tags: split(&f.tags),
        notes: trimmed(f.notes),
    };
    Ok((input, errors))
}

fn form_values(form: &FormData) -> Value {
    let fields = [
        "orgnr",
        "name",
        "other_names",
        "sni2007",
        "sni2025",
        "employees",
        "visit_address",
        "postcode",
        "town",
        "area",
        "tags",
        "status",
        "notes",
    ];
    Value::from_iter(fields.iter().map(|f| (*f, form.get(f))))
}

fn company_values(c: &Company) -> Value {
    context! {
        orgnr => c.orgnr.clone(),
        name => c.name.clone(),
        other_names => c.other_names.join(", "),
        sni2007 => c.sni2007.join(", "),
        sni2025 => c.sni2025.join(", "),
        employees => c.employees.map(|n| n.to_string()).unwrap_or_default(),
        visit_address => c.visit_address.clone(),
        postcode => c.postcode.clone(),
        town => c.town.clone(),
        latitude => c.latitude.map(|v| v.to_string()).unwrap_or_default(),
        longitude => c.longitude.map(|v| v.to_string()).unwrap_or_default(),
        area => c.area_name.clone().unwrap_or_default(),
        tags => c.tags.join(", "),
        status => c.status.clone(),
        notes => c.notes.clone(),
    }
}

fn render_form(
    ctx: &Ctx,
    title: &str,
    action: &str,
    form: Value,
    errors: Vec<Value>,
    submit: &str,
) -> Result<Html<String>, AppError> {
    ctx.render(
        "register/company_form.html",
        title,
        context! { action, form, errors, submit => ctx.t(submit), breadcrumbs => vec![ctx.crumb("/foretag", "companies")] },
    )
}

async fn new_form(ctx: Ctx) -> Result<Html<String>, AppError> {
    ctx.require(Permission::EditCompanies)?;
    render_form(
        &ctx,
        &ctx.t("register-a-company"),
        "/foretag",
        form_values(&FormData::from_pairs(&[("status", "active")])),
        Vec::new(),
        "register-the-company",
    )
}

async fn create(ctx: Ctx, form: FormData) -> Result<Response, AppError> {
    let me = ctx.require(Permission::EditCompanies)?;
    let tenant = ctx.tenant()?;
    let (input, errors) = read_form(&form)?;
    let outcome = errors
        .then(
            || ready(input.check().map(|_| ())),
            || tenant.create_company(&input, &me.user.name),
        )
        .await;
    let again = |errors| {
        let title = ctx.t("register-a-company");
        let values = form_values(&form);
        ready(render_form(
            &ctx,
            &title,
            "/foretag",
            values,
            errors,
            "register-the-company",
        ))
    };
    answered(
        &ctx,
        outcome,
        |company| redirect(format!("/foretag/{}", company.id)),
        again,
    )
    .await
}

async fn edit_form(ctx: Ctx, Path(id): Path<i64>) -> Result<Html<String>, AppError> {
    ctx.require(Permission::EditCompanies)?;
    let company = ctx.tenant()?.company(id).await?;
    render_form(
        &ctx,
        &company.name,
        &format!("/foretag/{id}/andra"),
        company_values(&company),
        Vec::new(),
        "save-changes",
    )
}

async fn update(ctx: Ctx, Path(id): Path<i64>, form: FormData) -> Result<Response, AppError> {
    let me = ctx.require(Permission::EditCompanies)?;
    let tenant = ctx.tenant()?;
    let company = tenant.company(id).await?;
    let (input, errors) = read_form(&form)?;
    let outcome = errors
        .then(
            || ready(input.check().map(|_| ())),
            || tenant.update_company(id, &input, &me.user.name),
        )
        .await;
    let again = |errors| {
        let action = format!("/foretag/{id}/andra");
        let values = form_values(&form);
        ready(render_form(
            &ctx,
            &company.name,
            &action,
            values,
            errors,
            "save-changes",
        ))
    };
    answered(&ctx, outcome, |_| redirect(format!("/foretag/{id}")), again).await
}
