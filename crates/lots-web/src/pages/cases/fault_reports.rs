//! Fault reports for staff (the responsible unit's queue, one report with the possible
//! duplicates nearby, status changes that e-mail the reporter) and the public web form a
//! company or resident reports a fault with, without signing in and without JavaScript.

use std::collections::HashMap;

use axum::Router;
use axum::extract::{DefaultBodyLimit, Path, Query};
use axum::response::{Html, Response};
use axum::routing::{get, post};
use lots_domain::open311::FaultStatus;
use lots_domain::role::Permission;
use lots_i18n::Lang;
use lots_store::{FaultFilter, FaultReport, NewFaultReport, StoreError, Tenant};
use minijinja::{Value, context};

use crate::ctx::Ctx;
use crate::error::AppError;
use crate::pages::{FormData, FormErrors, answered, field_error, redirect, unprocessable};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/felanmalningar", get(queue))
        .route("/felanmalningar/{id}", get(show))
        .route("/felanmalningar/{id}/status", post(change_status))
        .route("/felanmalningar/{id}/sammanfoga", post(merge))
        .route(
            "/felanmalan/foljning/{token}",
            get(follow_page).post(follow_add),
        )
        .route(
            "/felanmalan/{municipality}",
            get(public_form)
                .post(public_submit)
                .layer(DefaultBodyLimit::max(
                    lots_store::MAX_FAULT_PHOTOS * lots_store::MAX_PHOTO_BYTES + 1024 * 1024,
                )),
        )
        .route("/felanmalan/bild/{token}", get(photo))
        .route("/felanmalan/{municipality}/tack/{id}", get(public_thanks))
}

/// A possible duplicate: the same service within this distance in these days.
const NEARBY_METRES: f64 = 150.0;
const NEARBY_DAYS: i64 = 14;

#[derive(serde::Deserialize, Default)]
struct QueueQuery {
    status: Option<String>,
    enhet: Option<String>,
}

fn report_value(ctx: &Ctx, r: &FaultReport) -> Value {
    context! {
        status_label => ctx.t(r.status.message()),
        channel_label => ctx.t(r.channel.message()),
        attributes => r.attributes.iter().map(|(k, v)| context! { code => k, value => v }).collect::<Vec<_>>(),
        ..Value::from_serialize(r)
    }
}

async fn queue(ctx: Ctx, Query(q): Query<QueueQuery>) -> Result<Html<String>, AppError> {
    let me = ctx.require(Permission::ViewCompanies)?;
    let tenant = ctx.tenant()?;
    let services = tenant.fault_services().await?;
    // A unit responsible for a service sees its own queue first.
    let own = me
        .user
        .unit_id
        .filter(|u| services.iter().any(|s| s.unit_id == Some(*u)));
    let unit_id = match q.enhet.as_deref() {
        Some("") | Some("alla") => None,
        Some(u) => u.parse().ok(),
        None => own,
    };
    let status = q.status.clone().unwrap_or_else(|| "open".into());
    let statuses: Vec<FaultStatus> = match status.as_str() {
        "open" | "closed" => FaultStatus::ALL
            .iter()
            .copied()
            .filter(|s| s.open311() == status)
            .collect(),
        _ => Vec::new(),
    };
    let reports = tenant
        .fault_reports(&FaultFilter {
            statuses,
            unit_id,
            limit: 200,
            ..Default::default()
        })
        .await?;
    let mut units: Vec<Value> = Vec::new();
    for s in &services {
        if let (Some(id), Some(name)) = (s.unit_id, &s.unit_name)
            && !units
                .iter()
                .any(|u| u.get_attr("id").ok() == Some(Value::from(id)))
        {
            units.push(context! { id, name => name.clone() });
        }
    }
    ctx.render(
        "cases/fault_reports.html",
        &ctx.t("fault-reports"),
        context! {
            reports => reports.iter().map(|r| report_value(&ctx, r)).collect::<Vec<_>>(),
            units,
            filter => context! { status, enhet => unit_id.map(|u| u.to_string()).unwrap_or_default() },
            public_form => format!("/felanmalan/{}", tenant.code()),
        },
    )
}

async fn show_page(
    ctx: &Ctx,
    tenant: &Tenant<'_>,
    id: i64,
    errors: Vec<Value>,
) -> Result<Html<String>, AppError> {
    let personal = ctx.may(Permission::ViewPersonalData);
    let report = tenant.fault_report_seen(id, personal).await?;
    let nearby = tenant
        .nearby_fault_reports(&report, NEARBY_METRES, NEARBY_DAYS)
        .await?;
    let merged_into = tenant.merged_into(id).await?;
    ctx.render(
        "cases/fault_report.html",
        &format!("{} {}", ctx.t("fault-report"), report.id),
        context! {
            history => history_values(ctx, &tenant.fault_history(id).await?, None),
            photos => tenant.fault_photos(id).await?,
            merged_into,
            report => report_value(ctx, &report),
            nearby => nearby.iter().map(|r| report_value(ctx, r)).collect::<Vec<_>>(),
            statuses => FaultStatus::ALL.iter().map(|s| context! { code => s.code(), label => ctx.t(s.message()) }).collect::<Vec<_>>(),
            personal,
            can_edit => ctx.may(Permission::EditCompanies),
            errors,
            breadcrumbs => vec![ctx.crumb("/felanmalningar", "fault-reports")],
        },
    )
}

async fn show(ctx: Ctx, Path(id): Path<i64>) -> Result<Html<String>, AppError> {
    ctx.require(Permission::ViewCompanies)?;
    let tenant = ctx.tenant()?;
    show_page(&ctx, &tenant, id, Vec::new()).await
}

/// The e-mail that tells a reporter their report's new status, in Swedish and then English:
/// the report says nothing of its reporter's language.
fn status_mail(
    report: &FaultReport,
    (to, municipality): (String, &str),
    note: &str,
) -> lots_jobs::OutgoingMail {
    let body = |lang: Lang| {
        let status = lots_i18n::text(lang, report.status.message()).to_lowercase();
        let place = if report.address.is_empty() {
            lots_i18n::text(lang, "fault-status-mail-place-unknown")
        } else {
            report.address.clone()
        };
        let id = report.id.to_string();
        let args = [
            ("id", id.as_str().into()),
            ("municipality", municipality.into()),
            ("service", report.service_name.as_str().into()),
            ("place", place.as_str().into()),
            ("status", status.as_str().into()),
            ("note", note.into()),
        ];
        let subject = lots_i18n::text_with(lang, "fault-status-mail-subject", &args);
        (
            subject,
            lots_i18n::text_with(lang, "fault-status-mail-body", &args),
        )
    };
    let (subject, swedish) = body(Lang::Sv);
    let (_, english) = body(Lang::En);
    lots_jobs::OutgoingMail {
        to,
        subject,
        body: format!("{swedish}\n\n{english}\n"),
        ..Default::default()
    }
}

async fn change_status(
    ctx: Ctx,
    Path(id): Path<i64>,
    form: FormData,
) -> Result<Response, AppError> {
    let me = ctx.require(Permission::EditCompanies)?;
    let tenant = ctx.tenant()?;
    let note = form.get("note");
    let Some(status) = FaultStatus::parse(&form.get("status")) else {
        let errors = vec![field_error("status", ctx.t("choose-a-status"))];
        return Ok(unprocessable(show_page(&ctx, &tenant, id, errors).await?));
    };
    let outcome = tenant
        .set_fault_status(id, status, &note, &me.user.name)
        .await;
    let (ctx, tenant, note) = (&ctx, &tenant, &note);
    let changed = |event| async move {
        // Everyone who follows the report hears of it: its reporter and those of the
        // duplicates merged into it.
        let report = tenant.fault_report(id).await?;
        let face = ctx.app.db.face(tenant.code()).await?.face;
        for (follower, email) in tenant.fault_followers(id).await? {
            let mail = status_mail(&report, (email, &face.display_name), note.trim())
                .in_face(&face, Lang::Sv);
            lots_jobs::enqueue_mail(
                &ctx.app.db,
                Some(tenant.code()),
                &format!("fault:{}:{id}:{event}:{follower}", tenant.code()),
                &mail,
            )
            .await?;
        }
        ctx.app.workers.wake();
        redirect(format!("/felanmalningar/{id}")).await
    };
    answered(ctx, outcome, changed, |errors| {
        show_page(ctx, tenant, id, errors)
    })
    .await
}

#[derive(serde::Deserialize, Default)]
struct PublicQuery {
    tjanst: Option<String>,
}

async fn public_page(
    ctx: &Ctx,
    tenant: &Tenant<'_>,
    service_code: Option<&str>,
    form: Option<&FormData>,
    errors: Vec<Value>,
) -> Result<Html<String>, AppError> {
    let municipality = tenant.municipality().await?;
    let services = tenant.fault_services().await?;
    let chosen = service_code.and_then(|c| services.iter().find(|s| s.code == c));
    let value = |name: &str| form.map_or(String::new(), |f| f.get(name));
    let map = match &ctx.app.config.map {
        Some(tiles) if chosen.is_some() => Some(map_value(tenant, tiles, form).await?),
        _ => None,
    };
    ctx.render(
        "cases/fault_form.html",
        &ctx.t_with(
            "report-a-fault-to",
            &[("municipality", municipality.name.as_str().into())],
        ),
        context! {
            face => ctx.face(tenant.code()).await?,
            map,
            action => format!("/felanmalan/{}", tenant.code()),
            services => Value::from_serialize(&services),
            chosen => chosen.map(Value::from_serialize),
            answers => chosen.map(|s| {
                s.attributes
                    .iter()
                    .map(|a| (a.code.clone(), value(&format!("attribute[{}]", a.code))))
                    .collect::<HashMap<_, _>>()
            }),
            max_photos => lots_store::MAX_FAULT_PHOTOS,
            max_photo_mib => lots_store::MAX_PHOTO_BYTES / (1024 * 1024),
            // A browser cannot be given files back: the form shown again says so.
            photos_again => form.is_some_and(|f| !f.files("photos").is_empty()),
            form => context! {
                description => value("description"),
                address_string => value("address_string"),
                lat => value("lat"),
                long => value("long"),
                email => value("email"),
                first_name => value("first_name"),
                phone => value("phone"),
            },
            errors,
        },
    )
}

/// The fault form's map, for `static/map.js`: the tile server and where to open — the
/// place the form already has, else the middle of the places the municipality knows
/// (`Tenant::map_centre`), else the whole of Sweden.
async fn map_value(
    tenant: &Tenant<'_>,
    tiles: &crate::MapTiles,
    form: Option<&FormData>,
) -> Result<Value, AppError> {
    let typed = |name: &str| form.and_then(|f| f.get(name).replace(',', ".").parse::<f64>().ok());
    let (centre, zoom) = match (typed("lat"), typed("long")) {
        (Some(lat), Some(lon)) => (Some((lat, lon)), 17),
        _ => (tenant.map_centre().await?, 13),
    };
    let ((lat, lon), zoom) = centre.map_or(((62.0, 16.0), 5), |c| (c, zoom));
    Ok(context! {
        tiles => tiles.url,
        attribution => tiles.attribution,
        lat => format!("{lat:.6}"),
        lon => format!("{lon:.6}"),
        zoom,
    })
}

async fn public_form(
    ctx: Ctx,
    Path(municipality): Path<String>,
    Query(q): Query<PublicQuery>,
) -> Result<Html<String>, AppError> {
    let tenant = ctx.app.db.tenant(&municipality).await?;
    public_page(&ctx, &tenant, q.tjanst.as_deref(), None, Vec::new()).await
}

/// A report's wrong fields as the form names them.
fn fields(wrong: Vec<lots_store::FaultError>) -> StoreError {
    StoreError::Fields(wrong.into_iter().map(|w| (w.field, w.message)).collect())
}

async fn public_submit(
    ctx: Ctx,
    Path(municipality): Path<String>,
    form: FormData,
) -> Result<Response, AppError> {
    let tenant = ctx.app.db.tenant(&municipality).await?;
    let mut errors = FormErrors::default();
    let place = "the-place-has-wrong-coordinates";
    let (latitude, longitude) = (
        errors.field(&form, "lat", place),
        errors.field(&form, "long", place),
    );
    let mut attributes: HashMap<String, Vec<String>> = HashMap::new();
    if let Some(service) = tenant.fault_service(&form.get("service_code")).await? {
        for a in &service.attributes {
            let v = form.get(&format!("attribute[{}]", a.code));
            if !v.trim().is_empty() {
                attributes.insert(a.code.clone(), vec![v]);
            }
        }
    }
    let new = NewFaultReport {
        service_code: form.get("service_code"),
        description: form.get("description"),
        latitude,
        longitude,
        address: form.get("address_string"),
        email: form.get("email"),
        first_name: form.get("first_name"),
        last_name: String::new(),
        phone: form.get("phone"),
        attributes,
        media_url: String::new(),
        photos: form
            .files("photos")
            .into_iter()
            .map(<[u8]>::to_vec)
            .collect(),
        channel: lots_store::FaultChannel::Web,
    };
    let check = || async { tenant.check_fault_report(&new).await?.map_err(fields) };
    let report = || async { tenant.create_fault_report(&new).await?.map_err(fields) };
    let outcome = errors.then(check, report).await;
    let code = form.get("service_code");
    let (ctx, tenant) = (&ctx, &tenant);
    let received = |(id, _)| async move {
        send_receipt(&ctx.app, tenant, id).await?;
        redirect(format!("/felanmalan/{}/tack/{id}", tenant.code())).await
    };
    answered(ctx, outcome, received, |errors| {
        public_page(ctx, tenant, Some(&code), Some(&form), errors)
    })
    .await
}

/// A photo sent with a report, by its token: public, as Open311 publishes it.
async fn photo(ctx: Ctx, Path(token): Path<String>) -> Result<Response, AppError> {
    let (kind, bytes) = ctx
        .app
        .db
        .fault_photo(&token)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(crate::pages::picture(kind, bytes))
}

async fn public_thanks(
    ctx: Ctx,
    Path((municipality, id)): Path<(String, i64)>,
) -> Result<Html<String>, AppError> {
    let tenant = ctx.app.db.tenant(&municipality).await?;
    let name = tenant.municipality().await?.name;
    ctx.render(
        "cases/fault_thanks.html",
        &ctx.t("thank-you-for-your-report"),
        context! { id, face => ctx.face(tenant.code()).await?, municipality => name },
    )
}

/// The receipt a reporter with an e-mail address gets at once: the report's number, what
/// it is about, and their own link to follow it, add to it or reopen it.
pub(crate) async fn send_receipt(
    app: &crate::state::AppState,
    tenant: &Tenant<'_>,
    id: i64,
) -> Result<(), AppError> {
    let report = tenant.fault_report(id).await?;
    if report.email.is_empty() {
        return Ok(());
    }
    let face = app.db.face(tenant.code()).await?.face;
    let link = format!(
        "{}/felanmalan/foljning/{}",
        app.config.base_url.trim_end_matches('/'),
        tenant.mint_fault_link(id).await?
    );
    let text = |lang: Lang| {
        let args = [
            ("id", id.to_string().into()),
            ("municipality", face.display_name.as_str().into()),
            ("service", report.service_name.as_str().into()),
            ("link", link.as_str().into()),
        ];
        (
            lots_i18n::text_with(lang, "fault-receipt-subject", &args),
            lots_i18n::text_with(lang, "fault-receipt-body", &args),
        )
    };
    let (subject, swedish) = text(Lang::Sv);
    let (_, english) = text(Lang::En);
    let mail = lots_jobs::OutgoingMail {
        to: report.email.clone(),
        subject,
        body: format!("{swedish}\n\n{english}\n"),
        ..Default::default()
    }
    .in_face(&face, Lang::Sv);
    lots_jobs::enqueue_mail(
        &app.db,
        Some(tenant.code()),
        &format!("fault-receipt:{}:{id}", tenant.code()),
        &mail,
    )
    .await?;
    app.workers.wake();
    Ok(())
}

/// A report's history as its page lists it; a merge names the other report. On the
/// reporter's page (`public` gives the municipality's name) staff act in the
/// municipality's name, not their own.
fn history_values(
    ctx: &Ctx,
    history: &[lots_store::FaultEvent],
    public: Option<&str>,
) -> Vec<Value> {
    history
        .iter()
        .map(|e| {
            let note = match e.note.split_once(':') {
                Some(("merged-into", other)) => {
                    ctx.t_with("fault-merged-into", &[("id", other.into())])
                }
                Some(("merged-from", other)) => {
                    ctx.t_with("fault-merged-from", &[("id", other.into())])
                }
                _ => e.note.clone(),
            };
            let actor = match e.actor.as_str() {
                "reporter" => ctx.t("fault-the-reporter"),
                "web" | "open311" => ctx.t("fault-the-report-came-in"),
                other => public.unwrap_or(other).to_string(),
            };
            context! { at => e.at, status => ctx.t(e.status.message()), note, actor }
        })
        .collect()
}

/// Staff merge a duplicate into the report it repeats.
async fn merge(ctx: Ctx, Path(id): Path<i64>, form: FormData) -> Result<Response, AppError> {
    let me = ctx.require(Permission::EditCompanies)?;
    let tenant = ctx.tenant()?;
    let Some(original) = form.choice::<i64>("original")? else {
        let errors = vec![field_error(
            "original",
            ctx.t("fault-choose-another-report-to-merge-into"),
        )];
        return Ok(unprocessable(show_page(&ctx, &tenant, id, errors).await?));
    };
    let outcome = tenant.merge_fault_report(id, original, &me.user.name).await;
    let (ctx, tenant) = (&ctx, &tenant);
    answered(
        ctx,
        outcome,
        |()| redirect(format!("/felanmalningar/{original}")),
        |errors| show_page(ctx, tenant, id, errors),
    )
    .await
}

/// The report as its reporter follows it: where it is, what happened, and a form to add
/// to it (or reopen it once closed).
async fn follow_view(
    ctx: &Ctx,
    token: &str,
    errors: Vec<Value>,
    notice: Option<String>,
) -> Result<Html<String>, AppError> {
    let (code, id) = ctx
        .app
        .db
        .fault_link(token)
        .await?
        .ok_or(AppError::NotFound)?;
    let tenant = ctx.app.db.tenant_unchecked(&code);
    let report = tenant.fault_report(id).await?;
    // A merged duplicate is followed through the report it repeats.
    let followed = match tenant.merged_into(id).await? {
        Some(original) => tenant.fault_report(original).await?,
        None => report.clone(),
    };
    let face = ctx.face(&code).await?;
    let name = face.get_attr("name")?.to_string();
    ctx.render(
        "cases/fault_follow.html",
        &ctx.t_with("fault-your-report", &[("id", id.to_string().into())]),
        context! {
            face,
            report => context! {
                id,
                service => report.service_name.clone(),
                description => report.description.clone(),
                address => report.address.clone(),
                requested_at => report.requested_at,
            },
            merged => (followed.id != id).then_some(followed.id),
            status => ctx.t(followed.status.message()),
            closed => followed.status.is_closed(),
            history => history_values(ctx, &tenant.fault_history(followed.id).await?, Some(&name)),
            action => format!("/felanmalan/foljning/{token}"),
            max => lots_store::MAX_ADDITION,
            errors,
            notice,
        },
    )
}

#[derive(serde::Deserialize, Default)]
struct FollowQuery {
    klart: Option<String>,
}

async fn follow_page(
    ctx: Ctx,
    Path(token): Path<String>,
    Query(q): Query<FollowQuery>,
) -> Result<Html<String>, AppError> {
    let notice = q.klart.map(|k| {
        ctx.t(if k == "oppnat" {
            "fault-reopened-thank-you"
        } else {
            "fault-added-thank-you"
        })
    });
    follow_view(&ctx, &token, Vec::new(), notice).await
}

async fn follow_add(
    ctx: Ctx,
    Path(token): Path<String>,
    form: FormData,
) -> Result<Response, AppError> {
    let (code, id) = ctx
        .app
        .db
        .fault_link(&token)
        .await?
        .ok_or(AppError::NotFound)?;
    let tenant = ctx.app.db.tenant_unchecked(&code);
    let target = tenant.merged_into(id).await?.unwrap_or(id);
    let outcome = tenant
        .add_to_fault_report(target, &form.get("text"), form.get("reopen") == "1")
        .await;
    let ctx = &ctx;
    let token = &token;
    answered(
        ctx,
        outcome,
        |reopened| {
            let done = if reopened { "oppnat" } else { "tillagt" };
            redirect(format!("/felanmalan/foljning/{token}?klart={done}"))
        },
        |errors| follow_view(ctx, token, errors, None),
    )
    .await
}
