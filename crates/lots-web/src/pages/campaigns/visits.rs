//! The visit page, made for a phone during or after the visit: when it is (booked by phone,
//! changed or cancelled), who comes along, the battery's answers, notes, needs, challenges
//! and development areas, a referral on the spot to a network, an event or a unit with an
//! owner and a date to follow it up by, and the issues the company raised, each with an
//! owner and a date by which the company hears back (återkoppling).

use std::collections::HashMap;

use std::future::ready;

use axum::Router;
use axum::extract::Path;
use axum::response::{Html, Response};
use axum::routing::get;
use lots_domain::role::Permission;
use lots_jobs::EventMessage;
use lots_store::{FeedbackScope, NewFeedback, NewReferral, PlannedVisit, Tenant, VisitRecord};
use minijinja::{Value, context};

use crate::ctx::Ctx;
use crate::error::AppError;
use crate::pages::surveys::respond::{form_answers, form_sections};
use crate::pages::{FormData, FormErrors, answered, redirect, staff_options, unit_options};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/kampanjer/{id}/besok/{visit}", get(show).post(record))
        .route("/aterkoppling", get(my_feedback))
        .route(
            "/aterkoppling/{item}",
            axum::routing::post(complete_feedback),
        )
}

/// How many issues a visit record takes at a time.
const FEEDBACK_ROWS: usize = 3;

/// The visit, when the signed-in user is its officer or runs campaigns.
pub(in crate::pages) async fn own_visit(
    ctx: &Ctx,
    tenant: &Tenant<'_>,
    id: i64,
    visit: i64,
) -> Result<PlannedVisit, AppError> {
    let me = ctx.require(Permission::ViewCompanies)?;
    let v = tenant.visit(visit).await?;
    if v.campaign_id != id {
        return Err(AppError::NotFound);
    }
    if v.officer_user_id != me.user.id && !ctx.may(Permission::ManageActivities) {
        return Err(AppError::Forbidden);
    }
    Ok(v)
}

pub(in crate::pages) async fn page(
    ctx: &Ctx,
    tenant: &Tenant<'_>,
    visit: &PlannedVisit,
    form: Option<&FormData>,
    errors: Vec<Value>,
) -> Result<Html<String>, AppError> {
    page_with(ctx, tenant, visit, form, errors, &[]).await
}

/// The notes a visit record takes besides the battery: (field, label, the battery question
/// that asks the same, if a battery has it). A field whose question the campaign's battery
/// asks is not asked again.
const NOTE_FIELDS: [(&str, &str, &str); 4] = [
    ("notes", "notes", ""),
    ("needs", "needs", "support"),
    ("challenges", "challenges", "challenges"),
    ("development", "development-areas", "development"),
];

/// The question of `battery` that asks what note field `name` asks, if it has one.
fn asked_by<'b>(battery: &'b lots_domain::battery::Battery, name: &str) -> Option<&'b str> {
    let (_, _, question) = NOTE_FIELDS.iter().find(|(n, _, _)| *n == name)?;
    battery.question(question).map(|q| q.id.as_str())
}

async fn page_with(
    ctx: &Ctx,
    tenant: &Tenant<'_>,
    visit: &PlannedVisit,
    form: Option<&FormData>,
    errors: Vec<Value>,
    battery_errors: &[lots_domain::battery::FieldError],
) -> Result<Html<String>, AppError> {
    let campaign = tenant.campaign(visit.campaign_id).await?;
    let mut note_fields: Vec<(&str, String)> = NOTE_FIELDS
        .iter()
        .map(|(name, label, _)| (*name, ctx.t(label)))
        .collect();
    let sections = match campaign.battery_version_id {
        Some(v) => {
            let battery = tenant.battery_version(v).await?.battery;
            let values: HashMap<String, Vec<String>> = match form {
                Some(f) => form_answers(f),
                None => lots_store::as_form(&tenant.visit_answers(visit.id).await?),
            };
            note_fields.retain(|(name, _)| asked_by(&battery, name).is_none());
            form_sections(&battery, ctx.lang, &values, battery_errors)
        }
        None => Vec::new(),
    };
    let feedback_rows: Vec<Value> = (1..=FEEDBACK_ROWS)
        .map(|n| {
            let get = |name: &str| form.map(|f| f.get(&format!("{name}_{n}"))).unwrap_or_default();
            context! { n, issue => get("issue"), owner => get("issue_owner"), due => get("issue_due") }
        })
        .collect();
    let (notes, needs, challenges, development) = tenant.visit_notes(visit.id).await?;
    let value = |name: &str, stored: &str| form.map_or(stored.to_string(), |f| f.get(name));
    let networks: Vec<Value> = tenant
        .networks()
        .await?
        .into_iter()
        .filter(|n| n.kind == lots_domain::networks::NetworkKind::External)
        .map(|n| context! { id => n.id, name => n.name })
        .collect();
    let events: Vec<Value> = tenant
        .events()
        .await?
        .into_iter()
        .filter(|e| e.ends_at >= lots_store::now())
        .map(|e| context! { id => e.id, name => e.name })
        .collect();
    let in_a_month = lots_store::today()
        .checked_add(jiff::Span::new().days(30))
        .map(|d| d.to_string())
        .unwrap_or_default();
    ctx.render(
        "campaigns/visit.html",
        &ctx.t_with("visit-to", &[("company", visit.company_name.as_str().into())]),
        context! {
            visit => Value::from_serialize(visit),
            booking => Value::from_serialize(tenant.booking(visit.id).await?),
            can_manage => ctx.may(Permission::ManageActivities),
            campaign => Value::from_serialize(&campaign),
            sections,
            feedback_rows,
            feedback => Value::from_serialize(tenant.feedback(FeedbackScope::Visit(visit.id)).await?),
            referrals => Value::from_serialize(tenant.referrals(visit.id, None).await?),
            networks,
            events,
            units => unit_options(&tenant.units().await?),
            staff => staff_options(tenant).await?,
            note_fields,
            companions => companion_options(tenant, visit.officer_user_id).await?,
            me => ctx.staff()?.user.id,
            form => context! {
                notes => value("notes", &notes), needs => value("needs", &needs),
                challenges => value("challenges", &challenges), development => value("development", &development),
                kind => value("kind", ""), due_on => value("due_on", &in_a_month),
            },
            errors,
            breadcrumbs => vec![
                ctx.crumb("/kampanjer", "visit-campaigns"),
                context! { href => format!("/kampanjer/{}", campaign.id), label => campaign.name.clone() },
            ],
        },
    )
}

/// Who may come along on a visit: staff with an active account other than its officer, each
/// with their unit so that two of the same name are told apart.
async fn companion_options(tenant: &Tenant<'_>, officer: i64) -> Result<Vec<Value>, AppError> {
    let active = lots_store::StaffFilter {
        status: Some(lots_store::UserStatus::Active),
        page: 1,
        per_page: 5000,
        ..Default::default()
    };
    Ok(tenant
        .staff(&active)
        .await?
        .items
        .into_iter()
        .filter(|u| u.id != officer)
        .map(|u| {
            let label = match &u.unit_name {
                Some(unit) => format!("{} ({unit})", u.name),
                None => u.name.clone(),
            };
            context! { id => u.id, name => u.name, label }
        })
        .collect())
}

async fn show(ctx: Ctx, Path((id, visit)): Path<(i64, i64)>) -> Result<Html<String>, AppError> {
    let tenant = ctx.tenant()?;
    let v = own_visit(&ctx, &tenant, id, visit).await?;
    page(&ctx, &tenant, &v, None, Vec::new()).await
}

async fn record(
    ctx: Ctx,
    Path((id, visit)): Path<(i64, i64)>,
    form: FormData,
) -> Result<Response, AppError> {
    let tenant = ctx.tenant()?;
    let v = own_visit(&ctx, &tenant, id, visit).await?;
    let mut errors = FormErrors::default();
    let kind = form.get("kind");
    let referral = if kind.is_empty() {
        None
    } else {
        Some(NewReferral {
            target_id: form.choice(&format!("target_{kind}"))?,
            kind: form.choice("kind")?,
            owner_user_id: form.choice("owner_user_id")?,
            due_on: errors.field(&form, "due_on", "enter-the-last-day"),
        })
    };
    let campaign = tenant.campaign(id).await?;
    let mut battery_errors = Vec::new();
    let battery = match campaign.battery_version_id {
        Some(version) => Some(tenant.battery_version(version).await?.battery),
        None => None,
    };
    let answers = match &battery {
        Some(battery) => battery
            .check(&form_answers(&form), false)
            .unwrap_or_else(|wrong| {
                for e in &wrong {
                    errors.refuse(&format!("q-{}", e.question), e.message.clone());
                }
                battery_errors = wrong;
                HashMap::new()
            }),
        None => HashMap::new(),
    };
    let feedback = (1..=FEEDBACK_ROWS)
        .map(|n| {
            Ok(NewFeedback {
                issue: form.get(&format!("issue_{n}")),
                owner_user_id: form.choice(&format!("issue_owner_{n}"))?,
                due_on: errors.field(
                    &form,
                    &format!("issue_due_{n}"),
                    "write-the-date-by-which-the",
                ),
            })
        })
        .collect::<Result<_, AppError>>()?;
    // What the battery asks itself is kept from its answer, so the report still groups
    // what each company said under its heading.
    let note = |name: &str| match battery.as_ref().and_then(|b| asked_by(b, name)) {
        Some(question) => match answers.get(question) {
            Some(lots_domain::battery::Answer::Text(text)) => text.clone(),
            _ => String::new(),
        },
        None => form.get(name),
    };
    let record = VisitRecord {
        notes: form.get("notes"),
        needs: note("needs"),
        challenges: note("challenges"),
        development: note("development"),
        answers,
        feedback,
    };
    let me = ctx.staff()?.user.name.clone();
    let referral = referral.as_ref();
    let outcome = errors
        .then(
            || tenant.check_visit_record(visit, &record, referral),
            || tenant.record_visit(visit, &record, referral, &me),
        )
        .await;
    let (ctx, tenant) = (&ctx, &tenant);
    let recorded = |recorded: lots_store::Recorded| async move {
        for p in recorded.invited_participants {
            crate::pages::activities::events::notify(ctx, tenant, p, EventMessage::Invitation)
                .await?;
        }
        for invitation in recorded.survey_invitations {
            lots_jobs::enqueue_survey_mail(&ctx.app.db, tenant.code(), invitation, 0).await?;
            ctx.app.workers.wake();
        }
        redirect(format!("/kampanjer/{id}/besok/{visit}")).await
    };
    answered(ctx, outcome, recorded, |errors| {
        page_with(ctx, tenant, &v, Some(&form), errors, &battery_errors)
    })
    .await
}

/// What the signed-in member of staff has promised companies to come back on, overdue
/// first.
async fn my_feedback(ctx: Ctx) -> Result<Html<String>, AppError> {
    let me = ctx.require(Permission::ViewCompanies)?;
    let tenant = ctx.tenant()?;
    let items = tenant.feedback(FeedbackScope::OpenFor(me.user.id)).await?;
    ctx.render(
        "campaigns/feedback.html",
        &ctx.t("answers-to-companies"),
        context! { items => Value::from_serialize(items), errors => Vec::<Value>::new(), back => "/aterkoppling" },
    )
}

/// The owner (or whoever runs campaigns) records that the company has heard back.
async fn complete_feedback(
    ctx: Ctx,
    Path(item): Path<i64>,
    form: FormData,
) -> Result<Response, AppError> {
    let me = ctx.require(Permission::ViewCompanies)?;
    let tenant = ctx.tenant()?;
    let open = tenant.feedback(FeedbackScope::OpenFor(me.user.id)).await?;
    if !open.iter().any(|f| f.id == item) && !ctx.may(Permission::ManageActivities) {
        return Err(AppError::Forbidden);
    }
    let back = crate::ctx::local_path(&form.get("back"))
        .unwrap_or("/aterkoppling")
        .to_string();
    let outcome = tenant.complete_feedback(item, &form.get("answer")).await;
    let again = |errors| {
        ready(ctx.render(
            "campaigns/feedback.html",
            &ctx.t("answers-to-companies"),
            context! { items => Value::from_serialize(open), errors, back => back.clone() },
        ))
    };
    answered(&ctx, outcome, |_| redirect(back.clone()), again).await
}
