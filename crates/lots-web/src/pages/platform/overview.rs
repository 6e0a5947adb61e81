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
use crate::pages::shared::format::decimal;
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
        let ranking = members_ranking(&ctx, &scope).await?;
        return ctx.render(
            "platform/overview.html",
            &title,
            context! { organiser, members, ranking, municipality => (), admin => (), search_staff => false, by_role => () },
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
        let (_, imports) = tenant
            .audit_log(&AuditFilter {
                action: Some("import".into()),
                page: 1,
                per_page: 3,
                ..AuditFilter::default()
            })
            .await?;
        Some(context! {
            undelivered => ctx.app.db.troubled_jobs(tenant.code()).await?.len(),
            imports,
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
    if user.roles.contains(&Role::CaseOfficer) {
        page = context! { my_work => officer_work(&ctx, &tenant, user).await?, ..page };
    }
    if user.roles.contains(&Role::Manager) {
        page = context! { managing => manager_work(&ctx, &tenant, user.id, &units).await?, ..page };
    } else if let Some(unit) = user.unit_id.filter(|_| works_in_unit) {
        let names: Vec<String> = units
            .iter()
            .filter(|u| u.id == unit)
            .map(|u| u.name.clone())
            .collect();
        page = context! { unit_results => unit_results(&ctx, &tenant, &names).await?, ..page };
    }
    if user.roles.contains(&Role::ContactCentre) {
        use crate::pages::cases::contact_log::{call_form, latest_contacts};
        let today = lots_store::today().to_string();
        let morning = lots_domain::events::local_time(&today, "00:00").unwrap_or(0);
        let calls = context! {
            form => call_form(&ctx, &tenant, None).await?,
            today => latest_contacts(&ctx, &tenant, 200, morning).await?,
        };
        page = context! { calls, ..page };
    }
    if user.roles.contains(&Role::BusinessDevelopment) {
        page = context! { development => development_work(&ctx, &tenant).await?, ..page };
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

/// The members ranked by last year's Insikt NKI, as the comparison page ranks and withholds
/// them (the start page shows nothing that page does not).
async fn members_ranking(
    ctx: &Ctx,
    scope: &lots_store::OrganiserScope<'_>,
) -> Result<Value, AppError> {
    let year = lots_store::today().year() - 1;
    let codes: Vec<String> = scope.members().await?.into_iter().map(|m| m.code).collect();
    let measurement = lots_store::Measurement::Battery {
        code: "insikt-nki",
        period: (
            jiff::civil::date(year, 1, 1),
            jiff::civil::date(year, 12, 31),
        ),
    };
    let results = ctx.app.db.members_nki(&codes, &measurement).await?;
    let (_, mut rows) = crate::pages::surveys::members::member_table(ctx, &results);
    let place = |row: &Value| {
        row.get_attr("rank")
            .and_then(|r| r.get_attr("place"))
            .ok()
            .and_then(|p| i64::try_from(p).ok())
            .unwrap_or(i64::MAX)
    };
    rows.sort_by_key(place);
    Ok(context! { year => year.to_string(), rows })
}

/// How many of a case officer's open cases and coming visits the start page lists.
const MY_ROWS: usize = 8;

/// A case officer's day: the visits still to make (booked ones by time, then those the
/// company has not booked) and the open cases of the case system that name them, the
/// nearest deadline first so those running late lead.
async fn officer_work(
    ctx: &Ctx,
    tenant: &lots_store::Tenant<'_>,
    user: &lots_store::StaffMember,
) -> Result<Value, AppError> {
    let (booked, unbooked): (Vec<_>, Vec<_>) = tenant
        .officer_visits(user.id)
        .await?
        .into_iter()
        .partition(|v| v.starts_at.is_some());
    let today = lots_store::today();
    let mut cases = tenant
        .cases(
            &lots_store::CaseFilter {
                officer: Some(user.name.clone()),
                status: Some(lots_store::CaseStatus::Open),
                page: 1,
                per_page: 500,
                ..Default::default()
            },
            today,
        )
        .await?
        .items;
    cases.sort_by_key(|c| (c.deadline().unwrap_or(jiff::civil::Date::MAX), c.id));
    let open = cases.len();
    let late = cases.iter().filter(|c| c.days_over(today) > 0).count();
    let cases = case_rows(&cases, today);
    let visit = |v: &lots_store::OfficerVisit| {
        context! {
            href => format!("/kampanjer/{}/besok/{}", v.campaign_id, v.visit_id),
            company => v.company_name.clone(),
            campaign => v.campaign_name.clone(),
            starts_at => v.starts_at,
        }
    };
    Ok(context! {
        booked => booked.iter().take(MY_ROWS).map(visit).collect::<Vec<_>>(),
        unbooked => unbooked.iter().take(MY_ROWS).map(visit).collect::<Vec<_>>(),
        unbooked_count => unbooked.len(),
        cases,
        open,
        late,
        label => ctx.t("my-cases"),
    })
}

/// The first cases of a start page's list, with their deadline as of `today`.
fn case_rows(cases: &[lots_store::Case], today: jiff::civil::Date) -> Vec<Value> {
    cases
        .iter()
        .take(MY_ROWS)
        .map(|c| {
            context! {
                id => c.id,
                reference => c.reference.clone(),
                company => c.company_name.clone(),
                officer => c.officer.clone(),
                deadline => c.deadline().map(|d| d.to_string()),
                days_over => c.days_over(today),
            }
        })
        .collect()
}

/// A manager's units: their latest NKI, their late cases (the latest first, with how many
/// there are in all) and how much of their staff each course has reached this past year.
async fn manager_work(
    ctx: &Ctx,
    tenant: &lots_store::Tenant<'_>,
    user: i64,
    units: &[lots_store::Unit],
) -> Result<Value, AppError> {
    let today = lots_store::today();
    let managed = tenant.managed_units(user).await?;
    let late = if managed.is_empty() {
        lots_store::CasePage {
            total: 0,
            items: Vec::new(),
        }
    } else {
        let filter = lots_store::CaseFilter {
            units: managed.clone(),
            late: true,
            page: 1,
            per_page: MY_ROWS,
            ..Default::default()
        };
        tenant.cases(&filter, today).await?
    };
    let names: Vec<String> = units
        .iter()
        .filter(|u| managed.contains(&u.id))
        .map(|u| u.name.clone())
        .collect();
    let now = lots_store::now();
    let mut training = Vec::new();
    for course in tenant.courses().await? {
        let coverage = tenant
            .training_coverage(course.id, now - 365 * 86_400, now + 1)
            .await?;
        let rows: Vec<Value> = coverage
            .iter()
            .filter(|c| managed.contains(&c.unit_id) && c.staff > 0)
            .map(|c| {
                context! {
                    unit => c.unit_name.clone(),
                    staff => c.staff,
                    trained => c.trained,
                    percent => c.percent,
                }
            })
            .collect();
        if !rows.is_empty() {
            training.push(context! { id => course.id, name => course.name, rows });
        }
    }
    Ok(context! {
        late => context! { count => late.total, cases => case_rows(&late.items, today) },
        results => unit_results(ctx, tenant, &names).await?,
        training,
    })
}

/// The latest year's NKI of the named units, beside the municipality's.
async fn unit_results(
    ctx: &Ctx,
    tenant: &lots_store::Tenant<'_>,
    names: &[String],
) -> Result<Value, AppError> {
    let thresholds = ctx.app.config.survey_thresholds;
    let Some(year) = tenant.units_nki(names, &thresholds).await? else {
        return Ok(Value::from(()));
    };
    let rows: Vec<Value> = year
        .rows
        .iter()
        .map(|r| {
            context! {
                unit => r.group.clone(),
                value => decimal(ctx.lang, r.value),
                n => r.n,
                suppressed => r.suppressed,
            }
        })
        .collect();
    Ok(context! { year => year.year.to_string(), rows })
}

/// A business developer's day: how far the campaigns under way have come, the coming
/// events and their places, and the återkoppling whose day has passed.
async fn development_work(ctx: &Ctx, tenant: &lots_store::Tenant<'_>) -> Result<Value, AppError> {
    let campaigns: Vec<Value> = tenant
        .campaigns()
        .await?
        .into_iter()
        .filter(|c| c.status != lots_domain::campaigns::status::CampaignStatus::Closed)
        .map(|c| {
            context! {
                id => c.id,
                name => c.name,
                status => ctx.t(c.status.message()),
                visits => c.visits,
                booked => c.booked,
                done => c.done,
                ends_on => c.ends_on.to_string(),
            }
        })
        .collect();
    let now = lots_store::now();
    let events: Vec<Value> = tenant
        .events()
        .await?
        .into_iter()
        .filter(|e| e.starts_at >= now)
        .take(3)
        .map(|e| {
            context! {
                id => e.id,
                name => e.name,
                starts_at => e.starts_at,
                confirmed => e.confirmed,
                capacity => e.capacity,
                waiting => e.waiting,
            }
        })
        .collect();
    let overdue = tenant.feedback(lots_store::FeedbackScope::Overdue).await?;
    let thresholds = ctx.app.config.survey_thresholds;
    let standing = tenant.nki_standing(&thresholds).await?.map(|s| {
        context! {
            year => s.year.to_string(),
            value => decimal(ctx.lang, s.nki.value),
            ci => match (s.nki.ci_low, s.nki.ci_high) {
                (Some(l), Some(h)) => format!("{}–{}", decimal(ctx.lang, Some(l)), decimal(ctx.lang, Some(h))),
                _ => String::new(),
            },
            suppressed => s.nki.suppressed,
            change => s.nki.change.map(|c| context! {
                difference => decimal(ctx.lang, Some(c.difference)),
                significant => c.significant,
            }),
            county => s.county.map(|c| context! {
                name => c.county,
                rank => c.rank,
                ranked => c.ranked,
                average => decimal(ctx.lang, c.average),
            }),
        }
    });
    Ok(context! {
        standing,
        campaigns,
        events,
        overdue => overdue.iter().take(MY_ROWS).map(|f| context! {
            href => format!("/kampanjer/{}/besok/{}", f.campaign_id, f.visit_id),
            company => f.company_name.clone(),
            issue => f.issue.clone(),
            owner => f.owner_name.clone(),
            due_on => f.due_on.to_string(),
        }).collect::<Vec<_>>(),
        overdue_count => overdue.len(),
    })
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
