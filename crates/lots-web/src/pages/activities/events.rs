//! Events for staff: the list, a new event, one event with its participants and waiting
//! list, invitations to companies from the register, registration on a company's behalf,
//! cancellation, check-in on the day (a page made for a phone), participant lists as CSV or
//! XLSX, and the follow-up survey to those who came.

use std::future::ready;

use axum::Router;
use axum::extract::{Path, Query};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use lots_domain::events::{EventKind, ParticipantStatus, local_parts, local_time};
use lots_domain::reach::Reach;
use lots_domain::role::Permission;
use lots_jobs::EventMessage;
use lots_store::{Event, NewEvent, Participant, Registration, StoreError, Tenant, Walkin};
use minijinja::{Value, context};

use crate::ctx::Ctx;
use crate::error::AppError;
use crate::pages::shared::audience::{Invitable, InviteTo, invite, invite_form};
use crate::pages::shared::confirm::{Confirm, confirm_page};
use crate::pages::{
    FormData, FormErrors, Typed, answered, field_error, headings, redirect, spreadsheet,
    unprocessable,
};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/evenemang", get(list))
        .route("/evenemang/nytt", get(new_form).post(create))
        .route("/evenemang/{id}", get(show))
        .route("/evenemang/{id}/andra", get(edit_form).post(update))
        .route(
            "/evenemang/{id}/bjud-in",
            get(invite_form::<EventInvitation>).post(invite::<EventInvitation>),
        )
        .route("/evenemang/{id}/anmal", post(register_on_behalf))
        .route(
            "/evenemang/{id}/deltagare/{pid}/avboka",
            get(cancel_page).post(cancel),
        )
        .route("/evenemang/{id}/incheckning", get(check_in_page))
        .route("/evenemang/{id}/incheckning/{pid}", post(check_in))
        .route("/evenemang/{id}/deltagare.csv", get(export_csv))
        .route("/evenemang/{id}/deltagare.xlsx", get(export_xlsx))
        .route("/evenemang/{id}/uppfoljning", post(follow_up))
}

pub(in crate::pages) fn event_value(ctx: &Ctx, e: &Event) -> Value {
    let (day, start) = local_parts(e.starts_at);
    let (_, end) = local_parts(e.ends_at);
    context! {
        kind_label => ctx.t(e.kind.message()),
        day, start, end,
        free => (e.capacity - e.confirmed).max(0),
        past => e.ends_at < lots_store::now(),
        ..Value::from_serialize(e)
    }
}

fn participant_value(ctx: &Ctx, p: &Participant, position: Option<usize>) -> Value {
    context! {
        status_label => ctx.t(p.status.message()),
        position,
        ..Value::from_serialize(p)
    }
}

/// Queues a message to a participant and wakes the workers.
pub(in crate::pages) async fn notify(
    ctx: &Ctx,
    tenant: &Tenant<'_>,
    participant_id: i64,
    message: EventMessage,
) -> Result<(), AppError> {
    lots_jobs::enqueue_event_mail(
        &ctx.app.db,
        tenant.code(),
        participant_id,
        message,
        lots_store::now(),
    )
    .await?;
    ctx.app.workers.wake();
    Ok(())
}

/// The messages after a registration.
pub(in crate::pages) async fn notify_registration(
    ctx: &Ctx,
    tenant: &Tenant<'_>,
    participant_id: i64,
    outcome: Registration,
) -> Result<(), AppError> {
    match outcome {
        Registration::Confirmed => {
            notify(ctx, tenant, participant_id, EventMessage::Confirmed).await
        }
        Registration::Waiting => notify(ctx, tenant, participant_id, EventMessage::Waiting).await,
        Registration::Unchanged => Ok(()),
    }
}

/// The messages after a cancellation: to the one who cancelled and the one who moved up.
pub(in crate::pages) async fn notify_cancellation(
    ctx: &Ctx,
    tenant: &Tenant<'_>,
    participant_id: i64,
    outcome: lots_store::Cancellation,
    was_invited: bool,
) -> Result<(), AppError> {
    if outcome.changed && !was_invited {
        notify(ctx, tenant, participant_id, EventMessage::Cancelled).await?;
    }
    if let Some(promoted) = outcome.promoted {
        notify(ctx, tenant, promoted, EventMessage::Promoted).await?;
    }
    Ok(())
}

async fn list(ctx: Ctx) -> Result<Html<String>, AppError> {
    ctx.require(Permission::ViewCompanies)?;
    let tenant = ctx.tenant()?;
    let events: Vec<Value> = tenant
        .events()
        .await?
        .iter()
        .map(|e| event_value(&ctx, e))
        .collect();
    ctx.render(
        "activities/events.html",
        &ctx.t("events"),
        context! { events, can_manage => ctx.may(Permission::ManageActivities) },
    )
}

/// An event as its form sends it.
#[derive(serde::Deserialize, Default)]
#[serde(default)]
struct EventForm {
    name: String,
    kind: String,
    description: String,
    place: String,
    audience: String,
    date: String,
    start: String,
    end: String,
    capacity: Typed<i64>,
}

/// The event form as the store's command, with the form's own refusals.
fn event_input(form: &FormData) -> Result<(NewEvent, FormErrors), AppError> {
    let f: EventForm = form.decode()?;
    let mut errors = FormErrors::default();
    let new = NewEvent {
        capacity: errors.read("capacity", &f.capacity, "the-number-of-places-must-be"),
        kind: EventKind::parse(&f.kind),
        starts_at: local_time(&f.date, &f.start),
        ends_at: local_time(&f.date, &f.end),
        name: f.name,
        description: f.description,
        place: f.place,
        audience: f.audience,
    };
    Ok((new, errors))
}

async fn form_page(
    ctx: &Ctx,
    event: Option<&Event>,
    form: Option<&FormData>,
    errors: Vec<Value>,
) -> Result<Html<String>, AppError> {
    let parts = event.map(|e| (local_parts(e.starts_at), local_parts(e.ends_at)));
    let initial = |name: &str| -> String {
        let Some(e) = event else {
            return match name {
                "kind" => "fair".into(),
                "start" => "08:30".into(),
                "end" => "10:00".into(),
                "capacity" => "20".into(),
                _ => String::new(),
            };
        };
        let ((day, start), (_, end)) = parts.clone().unwrap_or_default();
        match name {
            "name" => e.name.clone(),
            "kind" => e.kind.code().to_string(),
            "description" => e.description.clone(),
            "place" => e.place.clone(),
            "audience" => e.audience.clone(),
            "date" => day,
            "start" => start,
            "end" => end,
            "capacity" => e.capacity.to_string(),
            _ => String::new(),
        }
    };
    let value = |name: &str| form.map_or_else(|| initial(name), |f| f.get(name));
    let (title, action) = match event {
        Some(e) => (
            format!("{}: {}", ctx.t("change-the-event"), e.name),
            format!("/evenemang/{}/andra", e.id),
        ),
        None => (ctx.t("new-event"), "/evenemang/nytt".to_string()),
    };
    ctx.render(
        "activities/event_form.html",
        &title,
        context! {
            action,
            kinds => EventKind::ALL.iter().map(|k| context! { code => k.code(), label => ctx.t(k.message()) }).collect::<Vec<_>>(),
            form => context! {
                name => value("name"), kind => value("kind"), description => value("description"),
                place => value("place"), audience => value("audience"), date => value("date"),
                start => value("start"), end => value("end"), capacity => value("capacity"),
            },
            errors,
            breadcrumbs => vec![ctx.crumb("/evenemang", "events")],
        },
    )
}

async fn new_form(ctx: Ctx) -> Result<Html<String>, AppError> {
    ctx.require(Permission::ManageActivities)?;
    form_page(&ctx, None, None, Vec::new()).await
}

async fn create(ctx: Ctx, form: FormData) -> Result<Response, AppError> {
    let me = ctx.require(Permission::ManageActivities)?;
    let tenant = ctx.tenant()?;
    let (new, errors) = event_input(&form)?;
    let outcome = errors
        .then(
            || ready(new.check()),
            || tenant.create_event(&new, &me.user.name),
        )
        .await;
    let (ctx, form) = (&ctx, &form);
    let created = |id: i64| async move {
        let mut entry = ctx.audit_entry("event.create", "event", id);
        entry.detail = form.get("name");
        ctx.app.db.audit(entry).await?;
        redirect(format!("/evenemang/{id}")).await
    };
    answered(ctx, outcome, created, |errors| {
        form_page(ctx, None, Some(form), errors)
    })
    .await
}

async fn edit_form(ctx: Ctx, Path(id): Path<i64>) -> Result<Html<String>, AppError> {
    ctx.require(Permission::ManageActivities)?;
    let tenant = ctx.tenant()?;
    let event = tenant.event(id).await?;
    form_page(&ctx, Some(&event), None, Vec::new()).await
}

async fn update(ctx: Ctx, Path(id): Path<i64>, form: FormData) -> Result<Response, AppError> {
    ctx.require(Permission::ManageActivities)?;
    let tenant = ctx.tenant()?;
    let event = tenant.event(id).await?;
    let (new, errors) = event_input(&form)?;
    let outcome = errors
        .then(|| ready(new.check()), || tenant.update_event(id, &new))
        .await;
    let (ctx, tenant) = (&ctx, &tenant);
    let updated = |promoted: Vec<i64>| async move {
        for p in promoted {
            notify(ctx, tenant, p, EventMessage::Promoted).await?;
        }
        let entry = ctx.audit_entry("event.update", "event", id);
        ctx.app.db.audit(entry).await?;
        redirect(format!("/evenemang/{id}")).await
    };
    answered(ctx, outcome, updated, |errors| {
        form_page(ctx, Some(&event), Some(&form), errors)
    })
    .await
}

async fn show_page(
    ctx: &Ctx,
    tenant: &Tenant<'_>,
    id: i64,
    form: Option<&FormData>,
    errors: Vec<Value>,
) -> Result<Html<String>, AppError> {
    let event = tenant.event(id).await?;
    let personal = ctx.may(Permission::ViewPersonalData);
    let participants = tenant.participants_seen(id, personal).await?;
    let mut waiting = 0;
    let rows: Vec<Value> = participants
        .iter()
        .map(|p| {
            let position = (p.status == ParticipantStatus::Waiting).then(|| {
                waiting += 1;
                waiting
            });
            participant_value(ctx, p, position)
        })
        .collect();
    let batteries: Vec<Value> = if ctx.may(Permission::ManageSurveys)
        && event.follow_up_round_id.is_none()
    {
        tenant.install_standard_batteries().await?;
        tenant
            .batteries()
            .await?
            .into_iter()
            .filter_map(|b| {
                let (id, version) = b.published?;
                Some(context! { id, label => ctx.t_with("battery-version", &[("name", b.name.as_str().into()), ("version", version.into())]) })
            })
            .collect()
    } else {
        Vec::new()
    };
    let value = |name: &str| form.map_or(String::new(), |f| f.get(name));
    ctx.render(
        "activities/event.html",
        &event.name,
        context! {
            event => event_value(ctx, &event),
            participants => rows,
            personal,
            can_manage => ctx.may(Permission::ManageActivities),
            can_check_in => ctx.may(Permission::EditCompanies),
            undelivered => crate::pages::platform::admin::undelivered_notice(ctx, lots_jobs::Concern::Event(id)).await?,
            batteries,
            statuses => ParticipantStatus::ALL.iter().map(|s| context! { code => s.code(), label => ctx.t(s.message()) }).collect::<Vec<_>>(),
            form => context! {
                organisation => value("organisation"), name => value("name"), email => value("email"),
                battery_version_id => value("battery_version_id"), closes_on => value("closes_on"),
            },
            errors,
            breadcrumbs => vec![ctx.crumb("/evenemang", "events")],
        },
    )
}

async fn show(ctx: Ctx, Path(id): Path<i64>) -> Result<Html<String>, AppError> {
    ctx.require(Permission::ViewCompanies)?;
    let tenant = ctx.tenant()?;
    show_page(&ctx, &tenant, id, None, Vec::new()).await
}

/// Companies are invited to an event from the picker; each new participant gets an e-mail.
struct EventInvitation;

impl Invitable for EventInvitation {
    const PERMISSION: Permission = Permission::ManageActivities;
    type Invited = lots_store::EventInvitations;

    async fn invite_to(ctx: &Ctx, tenant: &Tenant<'_>, id: i64) -> Result<InviteTo, AppError> {
        let event = tenant.event(id).await?;
        let invited = tenant.participants(id).await?;
        Ok(InviteTo {
            template: "activities/event_invite.html",
            item: event_value(ctx, &event),
            name: event.name,
            path: format!("/evenemang/{id}"),
            list: ("/evenemang", "events"),
            invited: invited.iter().filter_map(|p| p.company_id).collect(),
        })
    }

    async fn invite(
        tenant: &Tenant<'_>,
        id: i64,
        companies: &[i64],
        actor: &str,
    ) -> lots_store::Result<Self::Invited> {
        tenant.invite_to_event(id, companies, actor).await
    }

    async fn send(
        ctx: &Ctx,
        tenant: &Tenant<'_>,
        _id: i64,
        invited: Self::Invited,
    ) -> Result<Reach, AppError> {
        for p in &invited.participant_ids {
            notify(ctx, tenant, *p, EventMessage::Invitation).await?;
        }
        Ok(invited.reach)
    }
}

/// Staff register a company's person (by phone, at the door): a company found by its
/// organisationsnummer or exact name, and the person's name and e-mail.
async fn register_on_behalf(
    ctx: Ctx,
    Path(id): Path<i64>,
    form: FormData,
) -> Result<Response, AppError> {
    let me = ctx.require(Permission::EditCompanies)?;
    let tenant = ctx.tenant()?;
    let organisation = form.get("organisation");
    let company_id = if organisation.is_empty() {
        None
    } else {
        match tenant.find_company(&organisation).await? {
            Some(c) => Some(c),
            None => {
                let errors = vec![field_error(
                    "organisation",
                    ctx.t("no-company-in-the-register-has"),
                )];
                return Ok(unprocessable(
                    show_page(&ctx, &tenant, id, Some(&form), errors).await?,
                ));
            }
        }
    };
    let walkin = Walkin {
        company_id,
        contact_id: None,
        name: form.get("name"),
        email: form.get("email"),
    };
    let outcome = tenant.register_walkin(id, &walkin, &me.user.name).await;
    let (ctx, tenant) = (&ctx, &tenant);
    let registered = |(participant, outcome)| async move {
        notify_registration(ctx, tenant, participant, outcome).await?;
        redirect(format!("/evenemang/{id}#deltagare")).await
    };
    answered(ctx, outcome, registered, |errors| {
        show_page(ctx, tenant, id, Some(&form), errors)
    })
    .await
}

/// Asks before a participant is cancelled (or recorded as declining): they get an e-mail.
async fn cancel_page(
    ctx: Ctx,
    Path((id, pid)): Path<(i64, i64)>,
) -> Result<Html<String>, AppError> {
    ctx.require(Permission::EditCompanies)?;
    let tenant = ctx.tenant()?;
    let event = tenant.event(id).await?;
    let participant = tenant.participant(pid).await?;
    if participant.event_id != id || participant.status.has_left() {
        return Err(StoreError::NotFound.into());
    }
    let who = match &participant.company_name {
        Some(company) if !participant.name.is_empty() => {
            format!("{} ({company})", participant.name)
        }
        Some(company) => company.clone(),
        None => participant.name.clone(),
    };
    let args = [
        ("participant", who.as_str().into()),
        ("event", event.name.as_str().into()),
    ];
    let (title, confirm) = if participant.status == ParticipantStatus::Invited {
        ("does-participant-decline", "yes-record-that-they-decline")
    } else {
        ("cancel-participant", "yes-cancel-the-place")
    };
    confirm_page(
        &ctx,
        Confirm {
            title: ctx.t_with(title, &args),
            consequence: ctx.t_with("they-are-told-by-e-mail", &args),
            action: format!("/evenemang/{id}/deltagare/{pid}/avboka"),
            confirm: ctx.t(confirm),
            back: format!("/evenemang/{id}#deltagare"),
            breadcrumbs: vec![
                ctx.crumb("/evenemang", "events"),
                context! { href => format!("/evenemang/{id}"), label => event.name },
            ],
        },
    )
}

async fn cancel(ctx: Ctx, Path((id, pid)): Path<(i64, i64)>) -> Result<Response, AppError> {
    ctx.require(Permission::EditCompanies)?;
    let tenant = ctx.tenant()?;
    let participant = tenant.participant(pid).await?;
    if participant.event_id != id {
        return Err(StoreError::NotFound.into());
    }
    let outcome = tenant.cancel_participation(pid).await?;
    notify_cancellation(
        &ctx,
        &tenant,
        pid,
        outcome,
        participant.status == ParticipantStatus::Invited,
    )
    .await?;
    Ok(Redirect::to(&format!("/evenemang/{id}#deltagare")).into_response())
}

#[derive(serde::Deserialize, Default)]
struct CheckInQuery {
    q: Option<String>,
}

async fn check_in_page(
    ctx: Ctx,
    Path(id): Path<i64>,
    Query(q): Query<CheckInQuery>,
) -> Result<Html<String>, AppError> {
    ctx.require(Permission::EditCompanies)?;
    let tenant = ctx.tenant()?;
    let event = tenant.event(id).await?;
    let query = q.q.clone().unwrap_or_default();
    let needle = lots_domain::text::fold(query.trim());
    let confirmed: Vec<Value> = tenant
        .participants(id)
        .await?
        .iter()
        .filter(|p| p.status == ParticipantStatus::Confirmed)
        .filter(|p| {
            needle.is_empty()
                || lots_domain::text::fold(&format!(
                    "{} {}",
                    p.name,
                    p.company_name.as_deref().unwrap_or("")
                ))
                .contains(&needle)
        })
        .map(|p| participant_value(&ctx, p, None))
        .collect();
    ctx.render(
        "activities/event_checkin.html",
        &format!("{}: {}", ctx.t("check-in-list"), event.name),
        context! {
            event => event_value(&ctx, &event),
            participants => confirmed,
            query,
            breadcrumbs => vec![
                ctx.crumb("/evenemang", "events"),
                context! { href => format!("/evenemang/{id}"), label => event.name.clone() },
            ],
        },
    )
}

async fn check_in(
    ctx: Ctx,
    Path((id, pid)): Path<(i64, i64)>,
    form: FormData,
) -> Result<Response, AppError> {
    ctx.require(Permission::EditCompanies)?;
    let tenant = ctx.tenant()?;
    tenant.check_in(id, pid, form.get("present") != "0").await?;
    let back = form.get("q");
    Ok(Redirect::to(&format!(
        "/evenemang/{id}/incheckning?q={}#p{pid}",
        crate::url::urlencode(&back)
    ))
    .into_response())
}

const PARTICIPANT_HEADER: [&str; 8] = [
    "name",
    "e-mail",
    "companies",
    "status",
    "place-on-the-waiting-list",
    "participant-registered",
    "checked-in",
    "registered-by",
];

async fn participant_rows(
    ctx: &Ctx,
    id: i64,
    format: &str,
) -> Result<(String, Vec<Vec<String>>), AppError> {
    ctx.require(Permission::ViewCompanies)?;
    let personal = ctx.may(Permission::ViewPersonalData);
    let tenant = ctx.tenant()?;
    let event = tenant.event(id).await?;
    let mut waiting = 0;
    let lang = ctx.lang;
    let rows = tenant
        .export_participants(id, personal, format)
        .await?
        .iter()
        .map(|p| {
            let position = if p.status == ParticipantStatus::Waiting {
                waiting += 1;
                waiting.to_string()
            } else {
                String::new()
            };
            vec![
                p.name.clone(),
                p.email.clone(),
                p.company_name.clone().unwrap_or_default(),
                ctx.t(p.status.message()),
                position,
                p.registered_at
                    .map(|t| crate::templates::when(lang, Some(t), true))
                    .unwrap_or_default(),
                p.checked_in_at
                    .map(|t| crate::templates::when(lang, Some(t), true))
                    .unwrap_or_default(),
                p.registered_by.clone(),
            ]
        })
        .collect();
    Ok((event.name, rows))
}

const PARTICIPANT_FILES: (&str, &str) = (
    "attachment; filename=\"deltagare.csv\"",
    "attachment; filename=\"deltagare.xlsx\"",
);

async fn export_csv(ctx: Ctx, Path(id): Path<i64>) -> Result<Response, AppError> {
    let (_, rows) = participant_rows(&ctx, id, "csv").await?;
    spreadsheet(
        &ctx,
        false,
        "participants",
        PARTICIPANT_FILES,
        &headings(&ctx, &PARTICIPANT_HEADER),
        &rows,
    )
}

async fn export_xlsx(ctx: Ctx, Path(id): Path<i64>) -> Result<Response, AppError> {
    let (_, rows) = participant_rows(&ctx, id, "xlsx").await?;
    spreadsheet(
        &ctx,
        true,
        "participants",
        PARTICIPANT_FILES,
        &headings(&ctx, &PARTICIPANT_HEADER),
        &rows,
    )
}

/// The follow-up survey: a round of the chosen battery to the companies that came.
async fn follow_up(ctx: Ctx, Path(id): Path<i64>, form: FormData) -> Result<Response, AppError> {
    let me = ctx.require(Permission::ManageSurveys)?;
    let tenant = ctx.tenant()?;
    let event = tenant.event(id).await?;
    let companies = tenant.attended_companies(id).await?;
    let fail = |field: &str, message: &str| vec![field_error(field, ctx.t(message))];
    if companies.is_empty() {
        let errors = fail("battery_version_id", "no-checked-in-participant-belongs-to");
        return Ok(unprocessable(
            show_page(&ctx, &tenant, id, Some(&form), errors).await?,
        ));
    }
    let typed: FollowUpForm = form.decode()?;
    let mut errors = FormErrors::default();
    let new = lots_store::NewRound {
        battery_version_id: errors.read(
            "battery_version_id",
            &typed.battery_version_id,
            "choose-a-question-battery",
        ),
        terms: lots_store::RoundTerms {
            name: format!("{} – {}", ctx.t("follow-up"), event.name),
            opens_on: Some(lots_store::today()),
            closes_on: errors.read(
                "closes_on",
                &typed.closes_on,
                "write-the-closing-day-as-yyyy",
            ),
            anonymous: false,
            quarantine_months: 0,
            reminder_days: vec![7],
        },
        company_ids: companies,
    };
    let outcome = errors
        .then(
            || ready(new.check()),
            || tenant.create_round(&new, &me.user.name),
        )
        .await;
    let (ctx, tenant) = (&ctx, &tenant);
    let created = |(round_id, reach)| async move {
        tenant.set_follow_up_round(id, round_id).await?;
        crate::pages::surveys::rounds::invitations_sent(ctx, tenant, round_id, reach).await
    };
    answered(ctx, outcome, created, |errors| {
        show_page(ctx, tenant, id, Some(&form), errors)
    })
    .await
}

/// The follow-up survey's form on the event's page.
#[derive(serde::Deserialize, Default)]
#[serde(default)]
struct FollowUpForm {
    battery_version_id: Typed<i64>,
    closes_on: Typed<jiff::civil::Date>,
}
