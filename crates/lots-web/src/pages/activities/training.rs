//! Staff training: courses and sessions, inviting the staff of units to a session,
//! recording attendance, and the coverage page — the share of each unit's staff trained in
//! a course within a period — that a manager can show.

use axum::Router;
use axum::extract::{Path, Query};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use lots_domain::events::local_time;
use lots_domain::role::Permission;
use lots_store::Tenant;
use minijinja::{Value, context};

use crate::ctx::Ctx;
use crate::error::AppError;
use crate::pages::{FormData, created, headings, saved, spreadsheet, unit_options};
use crate::state::AppState;
use crate::templates::parse_day_start;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/utbildning", get(list))
        .route("/utbildning/kurser", post(create_course))
        .route("/utbildning/tillfallen", post(create_session))
        .route("/utbildning/tillfallen/{id}", get(session))
        .route("/utbildning/tillfallen/{id}/bjud-in", post(invite_units))
        .route("/utbildning/tillfallen/{id}/narvaro", post(attendance))
        .route(
            "/utbildning/tillfallen/{id}/narvaro.csv",
            get(attendance_csv),
        )
        .route(
            "/utbildning/tillfallen/{id}/narvaro.xlsx",
            get(attendance_xlsx),
        )
        .route("/utbildning/tackning", get(coverage))
}

async fn list_page(
    ctx: &Ctx,
    tenant: &Tenant<'_>,
    form: Option<&FormData>,
    errors: Vec<Value>,
) -> Result<Html<String>, AppError> {
    let value = |name: &str, default: &str| form.map_or(default.to_string(), |f| f.get(name));
    ctx.render(
        "activities/training.html",
        &ctx.t("training"),
        context! {
            courses => Value::from_serialize(tenant.courses().await?),
            sessions => Value::from_serialize(tenant.training_sessions(None).await?),
            can_manage => ctx.may(Permission::ManageActivities),
            form => context! {
                name => value("name", ""), description => value("description", ""),
                given_by => value("given_by", ""), course_id => value("course_id", ""),
                date => value("date", &lots_store::today().to_string()), time => value("time", "13:00"),
                place => value("place", ""), trainers => value("trainers", ""),
            },
            errors,
        },
    )
}

async fn list(ctx: Ctx) -> Result<Html<String>, AppError> {
    ctx.require(Permission::ViewCompanies)?;
    let tenant = ctx.tenant()?;
    list_page(&ctx, &tenant, None, Vec::new()).await
}

async fn create_course(ctx: Ctx, form: FormData) -> Result<Response, AppError> {
    ctx.require(Permission::ManageActivities)?;
    let tenant = ctx.tenant()?;
    let outcome = tenant
        .create_course(
            &form.get("name"),
            &form.get("description"),
            &form.get("given_by"),
        )
        .await;
    created(
        &ctx,
        outcome,
        ("training.course", "course"),
        |_| "/utbildning".into(),
        |errors| list_page(&ctx, &tenant, Some(&form), errors),
    )
    .await
}

async fn create_session(ctx: Ctx, form: FormData) -> Result<Response, AppError> {
    ctx.require(Permission::ManageActivities)?;
    let tenant = ctx.tenant()?;
    let outcome = tenant
        .create_training_session(
            form.choice("course_id")?.unwrap_or(0),
            local_time(&form.get("date"), &form.get("time")),
            &form.get("place"),
            &form.get("trainers"),
        )
        .await;
    created(
        &ctx,
        outcome,
        ("training.session", "training_session"),
        |id| format!("/utbildning/tillfallen/{id}"),
        |errors| list_page(&ctx, &tenant, Some(&form), errors),
    )
    .await
}

async fn session_page(
    ctx: &Ctx,
    tenant: &Tenant<'_>,
    id: i64,
    errors: Vec<Value>,
) -> Result<Html<String>, AppError> {
    let session = tenant.training_session(id).await?;
    ctx.render(
        "activities/training_session.html",
        &format!(
            "{} {}",
            session.course_name,
            crate::templates::when(ctx.lang, Some(session.starts_at), false)
        ),
        context! {
            session => Value::from_serialize(&session),
            trainees => Value::from_serialize(tenant.trainees(id).await?),
            units => unit_options(&tenant.units().await?),
            can_manage => ctx.may(Permission::ManageActivities),
            errors,
            breadcrumbs => vec![ctx.crumb("/utbildning", "training")],
        },
    )
}

async fn session(ctx: Ctx, Path(id): Path<i64>) -> Result<Html<String>, AppError> {
    ctx.require(Permission::ViewCompanies)?;
    let tenant = ctx.tenant()?;
    session_page(&ctx, &tenant, id, Vec::new()).await
}

async fn invite_units(ctx: Ctx, Path(id): Path<i64>, form: FormData) -> Result<Response, AppError> {
    ctx.require(Permission::ManageActivities)?;
    let tenant = ctx.tenant()?;
    let outcome = tenant
        .invite_units_to_training(id, &form.ids("unit"))
        .await
        .map(|_| ());
    saved(
        &ctx,
        outcome,
        ("training.invite", "training_session", id),
        format!("/utbildning/tillfallen/{id}"),
        |errors| session_page(&ctx, &tenant, id, errors),
    )
    .await
}

async fn attendance(ctx: Ctx, Path(id): Path<i64>, form: FormData) -> Result<Response, AppError> {
    ctx.require(Permission::ManageActivities)?;
    let tenant = ctx.tenant()?;
    let present: Vec<i64> = form
        .all("present")
        .iter()
        .filter_map(|u| u.parse().ok())
        .collect();
    tenant.record_training_attendance(id, &present).await?;
    let mut entry = ctx.audit_entry("training.attendance", "training_session", id);
    entry.detail = format!("{} present", present.len());
    ctx.app.db.audit(entry).await?;
    Ok(Redirect::to(&format!("/utbildning/tillfallen/{id}")).into_response())
}

const ATTENDANCE_HEADER: [&str; 5] = [
    "name",
    "unit",
    "course",
    "training-session",
    "participants-attended",
];
const ATTENDANCE_FILES: (&str, &str) = (
    "attachment; filename=\"narvaro.csv\"",
    "attachment; filename=\"narvaro.xlsx\"",
);

/// A session's attendance list, one row per invited member of staff.
async fn attendance_rows(ctx: &Ctx, id: i64, format: &str) -> Result<Vec<Vec<String>>, AppError> {
    ctx.require(Permission::ViewCompanies)?;
    let tenant = ctx.tenant()?;
    let session = tenant.training_session(id).await?;
    let when = crate::templates::when(ctx.lang, Some(session.starts_at), true);
    let rows = tenant
        .trainees(id)
        .await?
        .into_iter()
        .map(|t| {
            vec![
                t.name,
                t.unit_name.unwrap_or_default(),
                session.course_name.clone(),
                when.clone(),
                ctx.t(if t.attended { "yes" } else { "no" }),
            ]
        })
        .collect();
    let mut entry = ctx.audit_entry("training.export", "training_session", id);
    entry.detail = format!("attendance, {format}");
    ctx.app.db.audit(entry).await?;
    Ok(rows)
}

async fn attendance_csv(ctx: Ctx, Path(id): Path<i64>) -> Result<Response, AppError> {
    let rows = attendance_rows(&ctx, id, "csv").await?;
    spreadsheet(
        &ctx,
        false,
        "attendance",
        ATTENDANCE_FILES,
        &headings(&ctx, &ATTENDANCE_HEADER),
        &rows,
    )
}

async fn attendance_xlsx(ctx: Ctx, Path(id): Path<i64>) -> Result<Response, AppError> {
    let rows = attendance_rows(&ctx, id, "xlsx").await?;
    spreadsheet(
        &ctx,
        true,
        "attendance",
        ATTENDANCE_FILES,
        &headings(&ctx, &ATTENDANCE_HEADER),
        &rows,
    )
}

#[derive(serde::Deserialize, Default)]
struct CoverageQuery {
    kurs: Option<String>,
    fran: Option<String>,
    till: Option<String>,
}

async fn coverage(ctx: Ctx, Query(q): Query<CoverageQuery>) -> Result<Html<String>, AppError> {
    ctx.require(Permission::ViewCompanies)?;
    let tenant = ctx.tenant()?;
    let courses = tenant.courses().await?;
    let course = q
        .kurs
        .as_deref()
        .and_then(|k| k.parse::<i64>().ok())
        .and_then(|k| courses.iter().find(|c| c.id == k))
        .or(courses.first());
    let today = lots_store::today();
    let year_ago = today
        .checked_sub(jiff::Span::new().years(1))
        .map(|d| d.to_string())
        .unwrap_or_default();
    let from = q
        .fran
        .clone()
        .filter(|f| parse_day_start(f).is_some())
        .unwrap_or(year_ago);
    let to = q
        .till
        .clone()
        .filter(|t| parse_day_start(t).is_some())
        .unwrap_or_else(|| today.to_string());
    let rows = match course {
        Some(c) => {
            let start = parse_day_start(&from).unwrap_or(0);
            // The last day counts whole.
            let end = parse_day_start(&to).map_or(i64::MAX, |t| t + 86_400);
            tenant.training_coverage(c.id, start, end).await?
        }
        None => Vec::new(),
    };
    let staff: i64 = rows.iter().filter(|r| r.depth == 0).map(|r| r.staff).sum();
    let trained: i64 = rows
        .iter()
        .filter(|r| r.depth == 0)
        .map(|r| r.trained)
        .sum();
    ctx.render(
        "activities/training_coverage.html",
        &ctx.t("staff-trained-per-unit"),
        context! {
            courses => Value::from_serialize(&courses),
            course => course.map(Value::from_serialize),
            rows => Value::from_serialize(&rows),
            total => context! { staff, trained, percent => lots_domain::events::percent(trained, staff) },
            filter => context! { kurs => course.map(|c| c.id.to_string()).unwrap_or_default(), fran => from, till => to },
            breadcrumbs => vec![ctx.crumb("/utbildning", "training")],
        },
    )
}
