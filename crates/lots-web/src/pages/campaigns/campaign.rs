//! Visit campaigns: the list and a new campaign (its officers by unit, its companies by
//! filters over the register), and one campaign with its optimal plan — each pair explained
//! in a sentence — and the register of conflicts of interest that the plan respects.

use axum::Router;
use axum::extract::{Path, Query};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use lots_domain::campaigns::status::VisitStatus;
use lots_domain::role::Permission;
use lots_i18n::Message;
use lots_store::{CompanyFilter, NewCampaign, Selection, StoreError, Tenant};
use minijinja::{Value, context};

use crate::ctx::Ctx;
use crate::error::AppError;
use crate::pages::{
    FormData, FormErrors, Typed, answered, field_error, redirect, saved, unit_options,
    unprocessable,
};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/kampanjer", get(list).post(create))
        .route("/kampanjer/urval", post(preview))
        .route("/kampanjer/{id}", get(show))
        .route("/kampanjer/{id}/planera", post(plan))
        .route("/kampanjer/{id}/rapport", get(report))
        .route("/kampanjer/{id}/jav", post(register_conflict))
        .route("/kampanjer/{id}/besok/{visit}/status", post(visit_status))
        .route("/kampanjer/{id}/besok/{visit}/flytta", post(move_visit))
}

async fn list_page(
    ctx: &Ctx,
    tenant: &Tenant<'_>,
    form: Option<&FormData>,
    preview: Option<Value>,
    errors: Vec<Value>,
) -> Result<Html<String>, AppError> {
    let value = |name: &str, default: &str| form.map_or(default.to_string(), |f| f.get(name));
    let chosen: Vec<String> = form.map(|f| f.all("unit")).unwrap_or_default();
    let units: Vec<Value> = unit_options(&tenant.units().await?)
        .into_iter()
        .map(|u| {
            let id = u.get_attr("id").map(|v| v.to_string()).unwrap_or_default();
            context! { checked => chosen.contains(&id), ..u }
        })
        .collect();
    tenant.install_standard_batteries().await?;
    let batteries: Vec<Value> = tenant
        .batteries()
        .await?
        .into_iter()
        .filter_map(|b| {
            let (id, version) = b.published?;
            let chosen = form.map_or(b.code == "foretagsbesok", |f| f.get("battery") == id.to_string());
            Some(context! { id, name => ctx.t_with("battery-version", &[("name", b.name.as_str().into()), ("version", version.into())]), chosen })
        })
        .collect();
    ctx.render(
        "campaigns/campaigns.html",
        &ctx.t("visit-campaigns"),
        context! {
            batteries,
            campaigns => Value::from_serialize(tenant.campaigns().await?),
            units,
            areas => Value::from_serialize(tenant.areas().await?),
            sizes => lots_domain::company_import::SIZE_CLASSES,
            can_manage => ctx.may(Permission::ManageActivities),
            form => context! {
                name => value("name", ""), purpose => value("purpose", ""),
                starts_on => value("starts_on", &lots_store::today().to_string()), ends_on => value("ends_on", ""),
                visits_per_officer => value("visits_per_officer", "2"),
                visit_minutes => value("visit_minutes", "90"),
                area => value("area", ""), size => value("size", ""), sni => value("sni", ""),
                cases_months => value("cases_months", ""), visited_months => value("visited_months", ""),
                new_months => value("new_months", ""), hand_picked => value("hand_picked", ""),
                low_satisfaction => form.is_some_and(|f| f.get("low_satisfaction") == "1"),
                only_hand_picked => form.is_some_and(|f| f.get("only_hand_picked") == "1"),
            },
            preview,
            errors,
        },
    )
}

async fn list(ctx: Ctx) -> Result<Html<String>, AppError> {
    ctx.require(Permission::ViewCompanies)?;
    let tenant = ctx.tenant()?;
    list_page(&ctx, &tenant, None, None, Vec::new()).await
}

/// The candidates the form's filters and hand-picked lines choose.
fn selection(form: &FormData) -> Result<Selection, AppError> {
    let some = |name: &str| Some(form.get(name)).filter(|v| !v.is_empty());
    // A number of months that is not a number is 0, which the data layer names as wrong.
    let months = |name: &str| some(name).map(|v| v.trim().parse().unwrap_or(0));
    Ok(Selection {
        companies: CompanyFilter {
            area_id: form.choice("area")?,
            size_class: some("size"),
            sni: some("sni"),
            ..Default::default()
        },
        cases_within_months: months("cases_months"),
        not_visited_months: months("visited_months"),
        low_satisfaction: form.get("low_satisfaction") == "1",
        new_within_months: months("new_months"),
        hand_picked: form.get("hand_picked"),
        only_hand_picked: form.get("only_hand_picked") == "1",
    })
}

/// How many and which companies the filters choose, against the visits the campaign needs.
async fn preview(ctx: Ctx, form: FormData) -> Result<Response, AppError> {
    ctx.require(Permission::ManageActivities)?;
    let tenant = ctx.tenant()?;
    let units = form.ids("unit");
    let outcome = tenant.select_companies(&selection(&form)?).await;
    let (ctx, tenant, form) = (&ctx, &tenant, &form);
    let shown = |candidates: Vec<lots_store::Candidate>| async move {
        let officers = tenant.case_officers_of(&units).await?.len();
        let per_officer: usize = form.get("visits_per_officer").parse().unwrap_or(0);
        let preview = context! {
            total => candidates.len(),
            needed => officers * per_officer,
            officers,
            companies => candidates.iter().take(PREVIEW_ROWS).map(|c| {
                let (id, nki) = c.why.message();
                let why = ctx.t_with(id, &[("nki", nki.unwrap_or_default().into())]);
                context! { why, ..Value::from_serialize(c) }
            }).collect::<Vec<_>>(),
            more => candidates.len().saturating_sub(PREVIEW_ROWS),
        };
        let page = list_page(ctx, tenant, Some(form), Some(preview), Vec::new()).await?;
        Ok(page.into_response())
    };
    answered(ctx, outcome, shown, |errors| {
        list_page(ctx, tenant, Some(form), None, errors)
    })
    .await
}

/// Companies listed by name in the preview; the rest are counted.
const PREVIEW_ROWS: usize = 100;

async fn create(ctx: Ctx, form: FormData) -> Result<Response, AppError> {
    let me = ctx.require(Permission::ManageActivities)?;
    let tenant = ctx.tenant()?;
    let typed: CampaignForm = form.decode()?;
    let mut errors = FormErrors::default();
    let new = NewCampaign {
        name: typed.name,
        purpose: typed.purpose,
        starts_on: errors.read("starts_on", &typed.starts_on, "enter-the-first-day-as-2026"),
        ends_on: errors.read("ends_on", &typed.ends_on, "enter-the-last-day-as-2026"),
        visits_per_officer: errors.read(
            "visits_per_officer",
            &typed.visits_per_officer,
            "visits-per-case-officer-must-be",
        ),
        visit_minutes: errors.read(
            "visit_minutes",
            &typed.visit_minutes,
            "a-visit-must-be-15-480",
        ),
        battery_version_id: errors.read("battery", &typed.battery, "choose-a-question-battery"),
        unit_ids: form.ids("unit"),
        selection: selection(&form)?,
    };
    let outcome = errors
        .then(
            || tenant.check_campaign(&new),
            || tenant.create_campaign(&new, &me.user.name),
        )
        .await;
    let (ctx, tenant) = (&ctx, &tenant);
    let created = |id: i64| async move {
        let entry = ctx.audit_entry("campaign.create", "campaign", id);
        ctx.app.db.audit(entry).await?;
        redirect(format!("/kampanjer/{id}")).await
    };
    answered(ctx, outcome, created, |errors| {
        list_page(ctx, tenant, Some(&form), None, errors)
    })
    .await
}

/// A new campaign as its form sends it; the companies it may visit are read by
/// [`selection`].
#[derive(serde::Deserialize, Default)]
#[serde(default)]
struct CampaignForm {
    name: String,
    purpose: String,
    starts_on: Typed<jiff::civil::Date>,
    ends_on: Typed<jiff::civil::Date>,
    visits_per_officer: Typed<i64>,
    visit_minutes: Typed<i64>,
    battery: Typed<i64>,
}

/// The parts of a campaign's page, each its own page so that none is long: what it is
/// and how far it has come, its plan, its visits, what the companies said, the referrals
/// and answers promised, and the follow-up survey.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(in crate::pages) enum Section {
    Overview,
    Plan,
    Visits,
    Said,
    Referrals,
    FollowUp,
}

impl Section {
    const ALL: [Section; 6] = [
        Section::Overview,
        Section::Plan,
        Section::Visits,
        Section::Said,
        Section::Referrals,
        Section::FollowUp,
    ];

    fn code(self) -> &'static str {
        match self {
            Section::Overview => "oversikt",
            Section::Plan => "plan",
            Section::Visits => "besok",
            Section::Said => "sa",
            Section::Referrals => "aterkoppling",
            Section::FollowUp => "uppfoljning",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Section::Overview => "campaign-section-overview",
            Section::Plan => "campaign-section-plan",
            Section::Visits => "campaign-section-visits",
            Section::Said => "campaign-section-said",
            Section::Referrals => "campaign-section-referrals",
            Section::FollowUp => "campaign-section-follow-up",
        }
    }

    /// Where the section is: the campaign's page, or one of its parts.
    pub(in crate::pages) fn href(self, campaign: i64) -> String {
        match self {
            Section::Overview => format!("/kampanjer/{campaign}"),
            s => format!("/kampanjer/{campaign}?del={}", s.code()),
        }
    }
}

#[derive(serde::Deserialize, Default)]
struct SectionQuery {
    del: Option<String>,
}

pub(in crate::pages) async fn show_page(
    ctx: &Ctx,
    tenant: &Tenant<'_>,
    (id, section): (i64, Section),
    problem: Option<Message>,
    errors: Vec<Value>,
) -> Result<Html<String>, AppError> {
    let campaign = tenant.campaign(id).await?;
    // The period's working days: weekends, public holidays and the eves offices close
    // are not days to visit.
    let (from, to) = (campaign.starts_on, campaign.ends_on);
    let working_days = lots_domain::holidays::working_days(from, to).len();
    let closed: Vec<String> = lots_domain::holidays::holidays_between(from, to)
        .iter()
        .map(|(d, name)| format!("{d} {}", ctx.t(name)))
        .collect();
    let sections: Vec<Value> = Section::ALL
        .iter()
        .map(|s| context! { code => s.code(), label => ctx.t(s.label()), current => *s == section })
        .collect();
    let mut page = context! {
        section => section.code(),
        sections,
        working_days,
        closed,
        problem => problem.map(|m| ctx.message(&m)),
        // A closed campaign is a record: read-only for everyone, though what it taught
        // can still become a checklist.
        may_make_checklist => ctx.may(Permission::ManageActivities),
        can_manage => ctx.may(Permission::ManageActivities)
            && campaign.status != lots_domain::campaigns::status::CampaignStatus::Closed,
        errors,
        breadcrumbs => vec![ctx.crumb("/kampanjer", "visit-campaigns")],
    };
    let officers = || async {
        Ok::<_, AppError>(
            tenant
                .campaign_officers(id)
                .await?
                .into_iter()
                .map(|(id, name)| context! { id, name })
                .collect::<Vec<Value>>(),
        )
    };
    let visits = || async {
        Ok::<_, AppError>(
            tenant
                .campaign_visits(id)
                .await?
                .iter()
                .map(|v| context! { explanation => ctx.message(&v.explanation), ..Value::from_serialize(v) })
                .collect::<Vec<Value>>(),
        )
    };
    page = match section {
        Section::Overview => {
            let report = tenant.campaign_report(id, ctx.lang).await?;
            context! {
                progress => progress(ctx, &report.total),
                report => Value::from_serialize(&report),
                checklists => Value::from_serialize(
                    tenant.checklists().await?.into_iter().filter(|c| c.campaign_id == Some(id)).collect::<Vec<_>>(),
                ),
                ..page
            }
        }
        Section::Plan => context! {
            visits => visits().await?,
            absences => Value::from_serialize(tenant.campaign_absences(id).await?),
            terms => Value::from_serialize(tenant.officer_terms(id).await?),
            areas => Value::from_serialize(tenant.areas().await?),
            officers => officers().await?,
            conflicts => Value::from_serialize(tenant.conflicts_of_interest().await?),
            ..page
        },
        Section::Visits => context! {
            visits => visits().await?,
            officers => officers().await?,
            statuses => VisitStatus::ALL.iter().map(|s| (s.code(), ctx.t(s.message()))).collect::<Vec<_>>(),
            ..page
        },
        Section::Said => {
            let report = tenant.campaign_report(id, ctx.lang).await?;
            let (distributions, free_text) = said(ctx, tenant, &campaign, &report).await?;
            context! { report => Value::from_serialize(&report), distributions, free_text, ..page }
        }
        Section::Referrals => {
            let feedback = tenant
                .feedback(lots_store::FeedbackScope::Campaign(id))
                .await?;
            let overdue: Vec<_> = feedback.iter().filter(|f| f.overdue).collect();
            context! {
                report => Value::from_serialize(tenant.campaign_report(id, ctx.lang).await?),
                overdue => Value::from_serialize(&overdue),
                ..page
            }
        }
        Section::FollowUp => {
            context! { follow_up => follow_up(ctx, tenant, &campaign).await?, ..page }
        }
    };
    let title = match section {
        Section::Overview => campaign.name.clone(),
        s => format!("{}: {}", campaign.name, ctx.t(s.label())),
    };
    ctx.render(
        "campaigns/campaign.html",
        &title,
        context! { campaign => Value::from_serialize(&campaign), ..page },
    )
}

/// The visits as one bar: made, booked, planned (not yet booked), cancelled.
fn progress(ctx: &Ctx, total: &lots_store::StatusCounts) -> Vec<Value> {
    let counts = [
        (ctx.t("made"), total.done),
        (ctx.t("visits-booked-lower"), total.booked),
        (ctx.t("visits-planned-lower"), total.planned),
        (ctx.t("visits-cancelled-lower"), total.cancelled),
    ];
    let counts: Vec<(String, u64)> = counts
        .into_iter()
        .map(|(l, n)| (format!("{n} {l}"), u64::try_from(n).unwrap_or(0)))
        .collect();
    let all = counts.iter().map(|(_, n)| n).sum();
    crate::pages::shared::charts::stacked(&counts, all)
}

/// The battery's answers from the campaign's visits, and its free text.
async fn said(
    ctx: &Ctx,
    tenant: &Tenant<'_>,
    campaign: &lots_store::Campaign,
    report: &lots_store::CampaignReport,
) -> Result<(Vec<Value>, Vec<Value>), AppError> {
    let Some(v) = campaign.battery_version_id else {
        return Ok((Vec::new(), Vec::new()));
    };
    let battery = tenant.battery_version(v).await?.battery;
    let (d, f) = lots_domain::survey_results::distributions(
        &battery,
        ctx.lang,
        report.answers.iter(),
        &ctx.app.config.survey_thresholds,
    );
    Ok((
        crate::pages::shared::results::distribution_values(&d),
        crate::pages::shared::results::free_text_values(&f),
    ))
}

/// The follow-up survey's response count and result, when the campaign has one.
async fn follow_up(
    ctx: &Ctx,
    tenant: &Tenant<'_>,
    campaign: &lots_store::Campaign,
) -> Result<Option<Value>, AppError> {
    let Some(round_id) = campaign.follow_up_round_id else {
        return Ok(None);
    };
    let round = tenant.round(round_id).await?;
    let results = tenant
        .round_results(
            round_id,
            "area",
            ctx.lang,
            &ctx.app.config.survey_thresholds,
        )
        .await?;
    let indices: Vec<Value> = results
        .rows
        .iter()
        .filter(|r| r.group.is_empty())
        .map(|r| {
            context! {
                label => crate::pages::shared::format::index_label(ctx, &r.index),
                value => crate::pages::shared::format::decimal(ctx.lang, r.value),
                suppressed => r.suppressed,
                n => r.n,
            }
        })
        .collect();
    Ok(Some(context! {
        id => round_id,
        name => round.name,
        invited => round.invited,
        answered => round.answered,
        indices,
        distributions => crate::pages::shared::results::distribution_values(&results.distributions),
    }))
}

/// The campaign as a report to the municipal board: printable, on one page per section.
async fn report(ctx: Ctx, Path(id): Path<i64>) -> Result<Html<String>, AppError> {
    ctx.require(Permission::ViewCompanies)?;
    let tenant = ctx.tenant()?;
    let campaign = tenant.campaign(id).await?;
    let report = tenant.campaign_report(id, ctx.lang).await?;
    let (distributions, free_text) = said(&ctx, &tenant, &campaign, &report).await?;
    ctx.render(
        "campaigns/campaign_report.html",
        &format!("{}: {}", ctx.t("report"), campaign.name),
        context! {
            campaign => Value::from_serialize(&campaign),
            report => Value::from_serialize(&report),
            distributions,
            free_text,
            follow_up => follow_up(&ctx, &tenant, &campaign).await?,
            municipality => tenant.municipality().await?.name,
            today => lots_store::today(),
            breadcrumbs => vec![
                ctx.crumb("/kampanjer", "visit-campaigns"),
                context! { href => format!("/kampanjer/{id}"), label => campaign.name.clone() },
            ],
        },
    )
}

async fn show(
    ctx: Ctx,
    Path(id): Path<i64>,
    Query(q): Query<SectionQuery>,
) -> Result<Html<String>, AppError> {
    ctx.require(Permission::ViewCompanies)?;
    let tenant = ctx.tenant()?;
    let section = match q.del.as_deref() {
        None | Some("") => Section::Overview,
        Some(code) => *Section::ALL
            .iter()
            .find(|s| s.code() == code)
            .ok_or(AppError::NotFound)?,
    };
    show_page(&ctx, &tenant, (id, section), None, Vec::new()).await
}

async fn plan(ctx: Ctx, Path(id): Path<i64>) -> Result<Response, AppError> {
    ctx.require(Permission::ManageActivities)?;
    let tenant = ctx.tenant()?;
    match tenant.plan_campaign(id).await {
        Ok(n) => {
            let mut entry = ctx.audit_entry("campaign.plan", "campaign", id);
            entry.detail = format!("{n} visits planned");
            ctx.app.db.audit(entry).await?;
            Ok(Redirect::to(&Section::Visits.href(id)).into_response())
        }
        Err(StoreError::Refused(why)) => Ok(unprocessable(
            show_page(&ctx, &tenant, (id, Section::Plan), Some(why), Vec::new()).await?,
        )),
        Err(e) => Err(e.into()),
    }
}

async fn register_conflict(
    ctx: Ctx,
    Path(id): Path<i64>,
    form: FormData,
) -> Result<Response, AppError> {
    let me = ctx.require(Permission::ManageActivities)?;
    let tenant = ctx.tenant()?;
    tenant.campaign(id).await?;
    let company = tenant.find_company(&form.get("organisation")).await?;
    let outcome = tenant
        .register_conflict(
            form.choice("user_id")?,
            company,
            &form.get("reason"),
            &me.user.name,
        )
        .await;
    saved(
        &ctx,
        outcome,
        ("conflict.register", "campaign", id),
        format!("{}#jav", Section::Plan.href(id)),
        |errors| show_page(&ctx, &tenant, (id, Section::Plan), None, errors),
    )
    .await
}

/// The visit of this campaign, or 404.
async fn campaign_visit(
    tenant: &Tenant<'_>,
    id: i64,
    visit: i64,
) -> Result<lots_store::PlannedVisit, AppError> {
    let v = tenant.visit(visit).await?;
    if v.campaign_id != id {
        return Err(AppError::NotFound);
    }
    Ok(v)
}

/// The visit's officer or whoever runs campaigns books, makes or cancels it.
async fn visit_status(
    ctx: Ctx,
    Path((id, visit)): Path<(i64, i64)>,
    form: FormData,
) -> Result<Response, AppError> {
    let me = ctx.require(Permission::ViewCompanies)?;
    let tenant = ctx.tenant()?;
    let v = campaign_visit(&tenant, id, visit).await?;
    if v.officer_user_id != me.user.id && !ctx.may(Permission::ManageActivities) {
        return Err(AppError::Forbidden);
    }
    let Some(status) = VisitStatus::parse(&form.get("status")) else {
        let errors = vec![field_error("status", ctx.t("choose-a-status"))];
        return Ok(unprocessable(
            show_page(&ctx, &tenant, (id, Section::Visits), None, errors).await?,
        ));
    };
    let outcome = tenant.set_visit_status(visit, status).await;
    let ctx = &ctx;
    let changed = |()| async move {
        let mut entry = ctx.audit_entry("visit.status", "visit", visit);
        entry.detail = status.code().into();
        ctx.app.db.audit(entry).await?;
        redirect(Section::Visits.href(id)).await
    };
    answered(ctx, outcome, changed, |errors| {
        show_page(ctx, &tenant, (id, Section::Visits), None, errors)
    })
    .await
}

async fn move_visit(
    ctx: Ctx,
    Path((id, visit)): Path<(i64, i64)>,
    form: FormData,
) -> Result<Response, AppError> {
    let me = ctx.require(Permission::ManageActivities)?;
    let tenant = ctx.tenant()?;
    campaign_visit(&tenant, id, visit).await?;
    let outcome = tenant
        .move_visit(visit, form.choice("officer")?, &me.user.name)
        .await;
    saved(
        &ctx,
        outcome,
        ("visit.move", "visit", visit),
        Section::Visits.href(id),
        |errors| show_page(&ctx, &tenant, (id, Section::Visits), None, errors),
    )
    .await
}
