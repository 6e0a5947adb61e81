//! The start page: one per role, showing what that role works with.

use axum::Router;
use axum::response::Html;
use axum::routing::get;
use lots_domain::Role;
use lots_domain::reference;
use lots_domain::role::Permission;
use lots_store::{AuditFilter, StaffFilter, UserStatus};
use minijinja::{Value, context};

use crate::ctx::Ctx;
use crate::error::AppError;
use crate::state::AppState;
use crate::templates::role_label;

pub fn routes() -> Router<AppState> {
    Router::new().route("/oversikt", get(overview))
}

async fn overview(ctx: Ctx) -> Result<Html<String>, AppError> {
    let staff = ctx.staff()?;
    let title = ctx.t("overview");
    let user = &staff.user;

    if let Some(organiser_id) = user.organiser_id {
        let scope = ctx.app.db.organiser_scope(organiser_id);
        let organiser = scope.organiser().await?;
        let members: Vec<Value> = scope
            .members()
            .await?
            .into_iter()
            .map(|m| {
                let county = reference::county(&m.county_code)
                    .map(|c| c.name.clone())
                    .unwrap_or_default();
                context! { code => m.code, name => m.name, county }
            })
            .collect();
        return ctx.render(
            "platform/overview.html",
            &title,
            context! { organiser, members, municipality => (), admin => (), search_staff => false, by_role => () },
        );
    }

    let tenant = ctx.tenant()?;
    let municipality = tenant.municipality().await?;
    let units = tenant.units().await?;

    let admin = if ctx.may(Permission::ManageStaff) {
        let statuses = tenant.status_counts().await?;
        let count = |s: UserStatus| {
            statuses
                .iter()
                .find(|(status, _)| *status == s)
                .map_or(0, |(_, n)| *n)
        };
        let (_, recent) = tenant
            .audit_log(&AuditFilter {
                page: 1,
                per_page: 5,
                ..AuditFilter::default()
            })
            .await?;
        Some(context! {
            active => count(UserStatus::Active),
            invited => count(UserStatus::Invited),
            disabled => count(UserStatus::Disabled),
            jobs => ctx.app.db.job_counts(Some(tenant.code())).await?,
            recent,
        })
    } else {
        None
    };

    let works_in_unit = user
        .roles
        .iter()
        .any(|r| matches!(r, Role::CaseOfficer | Role::ContactCentre | Role::Manager));
    let companies = if ctx.may(Permission::ViewCompanies) {
        Some(
            tenant
                .companies(&lots_store::CompanyFilter {
                    page: 1,
                    per_page: 1,
                    ..Default::default()
                })
                .await?
                .total,
        )
    } else {
        None
    };
    let mut page = context! {
        companies,
        municipality,
        organiser => (),
        admin,
        search_staff => user.roles.iter().any(|r| matches!(r, Role::ContactCentre | Role::BusinessDevelopment)),
        by_role => (),
        units_count => units.len(),
        feedback => feedback_due(&tenant, user.id).await?,
        checklists => Value::from_serialize(tenant.checklists_to_acknowledge(user.id).await?),
    };
    if works_in_unit {
        let own_unit = user
            .unit_id
            .and_then(|id| units.iter().find(|u| u.id == id));
        // A manager sees the people of their unit and every unit under it.
        let unit_ids: Vec<i64> = match own_unit {
            Some(u) if user.roles.contains(&Role::Manager) => units
                .iter()
                .filter(|x| x.id == u.id || is_under(&units, x.id, u.id))
                .map(|x| x.id)
                .collect(),
            Some(u) => vec![u.id],
            None => Vec::new(),
        };
        let colleagues: Vec<Value> = if unit_ids.is_empty() {
            Vec::new()
        } else {
            tenant
                .staff(&StaffFilter {
                    unit_ids,
                    status: Some(UserStatus::Active),
                    page: 1,
                    per_page: 200,
                    ..StaffFilter::default()
                })
                .await?
                .items
                .into_iter()
                .filter(|c| c.id != user.id)
                .map(|c| context! { id => c.id, name => c.name, title => c.title })
                .collect()
        };
        page = context! { own_unit, colleagues, ..page };
    }
    if user.roles.iter().any(|r| {
        matches!(
            r,
            Role::BusinessDevelopment | Role::ReadOnly | Role::Administrator
        )
    }) {
        let counts = tenant.role_counts().await?;
        let by_role: Vec<Value> = Role::ALL
            .into_iter()
            .filter(|r| !r.is_organiser_role())
            .map(|r| {
                let count = counts
                    .iter()
                    .find(|(role, _)| *role == r)
                    .map_or(0, |(_, n)| *n);
                context! { code => r.code(), label => role_label(ctx.lang, r.code()), count }
            })
            .collect();
        page = context! { by_role, ..page };
    }
    ctx.render("platform/overview.html", &title, page)
}

/// Whether unit `id` lies somewhere under unit `ancestor`.
fn is_under(units: &[lots_store::Unit], id: i64, ancestor: i64) -> bool {
    let mut current = units.iter().find(|u| u.id == id).and_then(|u| u.parent_id);
    let mut steps = 0;
    while let Some(p) = current {
        if p == ancestor {
            return true;
        }
        current = units.iter().find(|u| u.id == p).and_then(|u| u.parent_id);
        steps += 1;
        if steps > 32 {
            break;
        }
    }
    false
}

/// What the member of staff has promised companies to come back on: (open, overdue).
async fn feedback_due(tenant: &lots_store::Tenant<'_>, user: i64) -> Result<Value, AppError> {
    let open = tenant
        .feedback(lots_store::FeedbackScope::OpenFor(user))
        .await?;
    let overdue = open.iter().filter(|f| f.overdue).count();
    Ok(context! { open => open.len(), overdue })
}
