//! Networks: the list, a new network, and one network with its members (joining and
//! leaving), its meetings with agenda, minutes and attendance, and the meetings' actions.

use std::future::ready;

use axum::Router;
use axum::extract::Path;
use axum::response::{Html, Response};
use axum::routing::{get, post};
use lots_domain::networks::NetworkKind;
use lots_domain::role::Permission;
use lots_store::{StoreError, Tenant};
use minijinja::{Value, context};

use crate::ctx::Ctx;
use crate::error::AppError;
use crate::pages::shared::confirm::{Confirm, confirm_page};
use crate::pages::{FormData, FormErrors, created, staff_options};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/natverk", get(list).post(create))
        .route("/natverk/{id}", get(show))
        .route("/natverk/{id}/medlemmar", post(add_member))
        .route(
            "/natverk/{id}/medlemmar/{mid}/lamna",
            get(leave_page).post(leave),
        )
        .route("/natverk/{id}/moten", post(add_meeting))
        .route("/natverk/{id}/moten/{meeting}/atgarder", post(add_action))
        .route("/natverk/{id}/atgarder/{action}", post(complete_action))
}

async fn list_page(
    ctx: &Ctx,
    tenant: &Tenant<'_>,
    form: Option<&FormData>,
    errors: Vec<Value>,
) -> Result<Html<String>, AppError> {
    let networks: Vec<Value> = tenant
        .networks()
        .await?
        .iter()
        .map(|n| context! { kind_label => ctx.t(n.kind.message()), ..Value::from_serialize(n) })
        .collect();
    let value = |name: &str| form.map_or(String::new(), |f| f.get(name));
    ctx.render(
        "activities/networks.html",
        &ctx.t("networks"),
        context! {
            networks,
            staff => staff_options(tenant).await?,
            can_manage => ctx.may(Permission::ManageActivities),
            form => context! { name => value("name"), kind => value("kind"), purpose => value("purpose"), owner => value("owner") },
            errors,
        },
    )
}

async fn list(ctx: Ctx) -> Result<Html<String>, AppError> {
    ctx.require(Permission::ViewCompanies)?;
    let tenant = ctx.tenant()?;
    list_page(&ctx, &tenant, None, Vec::new()).await
}

async fn create(ctx: Ctx, form: FormData) -> Result<Response, AppError> {
    ctx.require(Permission::ManageActivities)?;
    let tenant = ctx.tenant()?;
    let owner = form.choice("owner")?;
    let outcome = tenant
        .create_network(
            &form.get("name"),
            form.choice("kind")?,
            &form.get("purpose"),
            owner,
        )
        .await;
    created(
        &ctx,
        outcome,
        ("network.create", "network"),
        |id| format!("/natverk/{id}"),
        |errors| list_page(&ctx, &tenant, Some(&form), errors),
    )
    .await
}

async fn show_page(
    ctx: &Ctx,
    tenant: &Tenant<'_>,
    id: i64,
    form: Option<&FormData>,
    errors: Vec<Value>,
) -> Result<Html<String>, AppError> {
    let network = tenant.network(id).await?;
    let members = tenant.network_members(id).await?;
    let meetings: Vec<Value> = tenant
        .meetings(id)
        .await?
        .iter()
        .map(|m| {
            let present: Vec<String> = members
                .iter()
                .filter(|x| m.present.contains(&x.id))
                .map(|x| x.label())
                .collect();
            context! { present_names => present, ..Value::from_serialize(m) }
        })
        .collect();
    let today = lots_store::today().to_string();
    let value = |name: &str, default: &str| form.map_or(default.to_string(), |f| f.get(name));
    ctx.render(
        "activities/network.html",
        &network.name,
        context! {
            network => context! { kind_label => ctx.t(network.kind.message()), ..Value::from_serialize(&network) },
            members => members.iter().map(|m| context! { label => m.label(), ..Value::from_serialize(m) }).collect::<Vec<_>>(),
            meetings,
            staff => staff_options(tenant).await?,
            today => today.clone(),
            can_manage => ctx.may(Permission::ManageActivities),
            form => context! {
                organisation => value("organisation", ""), user_id => value("user_id", ""),
                joined_on => value("joined_on", &today), held_on => value("held_on", &today),
                place => value("place", ""), agenda => value("agenda", ""), minutes => value("minutes", ""),
            },
            errors,
            breadcrumbs => vec![ctx.crumb("/natverk", "networks")],
        },
    )
}

async fn show(ctx: Ctx, Path(id): Path<i64>) -> Result<Html<String>, AppError> {
    ctx.require(Permission::ViewCompanies)?;
    let tenant = ctx.tenant()?;
    show_page(&ctx, &tenant, id, None, Vec::new()).await
}

/// Runs a change to a network and goes back to its page, or shows the page with the error.
async fn change(
    ctx: &Ctx,
    tenant: &Tenant<'_>,
    id: i64,
    form: &FormData,
    result: lots_store::Result<()>,
    action: &str,
) -> Result<Response, AppError> {
    crate::pages::saved(
        ctx,
        result,
        (action, "network", id),
        format!("/natverk/{id}"),
        |errors| show_page(ctx, tenant, id, Some(form), errors),
    )
    .await
}

async fn add_member(ctx: Ctx, Path(id): Path<i64>, form: FormData) -> Result<Response, AppError> {
    ctx.require(Permission::ManageActivities)?;
    let tenant = ctx.tenant()?;
    let network = tenant.network(id).await?;
    let mut errors = FormErrors::default();
    let joined_on = errors.field(&form, "joined_on", "write-the-date-as-2026-11");
    let user = form.choice("user_id")?;
    let write = || async {
        if network.kind == NetworkKind::External {
            let named = form.get("organisation");
            let company = tenant.find_company(&named).await?.ok_or_else(|| {
                StoreError::Field(
                    "organisation".into(),
                    "no-company-in-the-register-has".into(),
                )
            })?;
            // The company's first contact person takes part for it.
            let contact = tenant
                .contacts(company)
                .await?
                .into_iter()
                .find(|c| !c.erased)
                .map(|c| c.id);
            tenant
                .add_network_member(id, Some(company), contact, None, joined_on)
                .await
        } else {
            tenant
                .add_network_member(id, None, None, user, joined_on)
                .await
        }
    };
    let result = errors
        .then(|| ready(Ok(())), || async { write().await.map(|_| ()) })
        .await;
    change(&ctx, &tenant, id, &form, result, "network.member").await
}

/// Asks before a member is recorded as having left today.
async fn leave_page(
    ctx: Ctx,
    Path((id, member)): Path<(i64, i64)>,
) -> Result<Html<String>, AppError> {
    ctx.require(Permission::ManageActivities)?;
    let tenant = ctx.tenant()?;
    let network = tenant.network(id).await?;
    let member = tenant
        .network_members(id)
        .await?
        .into_iter()
        .find(|m| m.id == member && m.left_on.is_none())
        .ok_or(AppError::NotFound)?;
    let name = member.label();
    let args = [
        ("member", name.as_str().into()),
        ("network", network.name.as_str().into()),
        ("day", lots_store::today().to_string().into()),
    ];
    confirm_page(
        &ctx,
        Confirm {
            title: ctx.t_with("has-member-left-the-network", &args),
            consequence: ctx.t_with("the-membership-ends-today", &args),
            action: format!("/natverk/{id}/medlemmar/{}/lamna", member.id),
            confirm: ctx.t("yes-has-left-today"),
            back: format!("/natverk/{id}"),
            breadcrumbs: vec![
                ctx.crumb("/natverk", "networks"),
                context! { href => format!("/natverk/{id}"), label => network.name },
            ],
        },
    )
}

async fn leave(
    ctx: Ctx,
    Path((id, member)): Path<(i64, i64)>,
    form: FormData,
) -> Result<Response, AppError> {
    ctx.require(Permission::ManageActivities)?;
    let tenant = ctx.tenant()?;
    let mut errors = FormErrors::default();
    let day = errors
        .field(&form, "left_on", "write-the-date-as-2026-11")
        .unwrap_or_else(lots_store::today);
    let result = errors
        .then(|| ready(Ok(())), || tenant.leave_network(member, day))
        .await;
    change(&ctx, &tenant, id, &form, result, "network.leave").await
}

async fn add_meeting(ctx: Ctx, Path(id): Path<i64>, form: FormData) -> Result<Response, AppError> {
    ctx.require(Permission::ManageActivities)?;
    let tenant = ctx.tenant()?;
    let present = form.ids("present");
    let mut errors = FormErrors::default();
    let held_on = errors.field(&form, "held_on", "enter-the-meeting-day-as-2026");
    let (place, agenda, minutes) = (form.get("place"), form.get("agenda"), form.get("minutes"));
    let result = errors
        .then(
            || ready(Ok(())),
            || async {
                tenant
                    .record_meeting(id, held_on, &place, &agenda, &minutes, &present)
                    .await
                    .map(|_| ())
            },
        )
        .await;
    change(&ctx, &tenant, id, &form, result, "network.meeting").await
}

async fn add_action(
    ctx: Ctx,
    Path((id, meeting)): Path<(i64, i64)>,
    form: FormData,
) -> Result<Response, AppError> {
    ctx.require(Permission::ManageActivities)?;
    let tenant = ctx.tenant()?;
    if !tenant.meetings(id).await?.iter().any(|m| m.id == meeting) {
        return Err(AppError::NotFound);
    }
    let mut errors = FormErrors::default();
    let due_on = errors.field(&form, "due_on", "enter-the-last-day");
    let (title, owner) = (form.get("title"), form.choice("owner_user_id")?);
    let result = errors
        .then(
            || ready(Ok(())),
            || async {
                tenant
                    .add_action(meeting, &title, owner, due_on)
                    .await
                    .map(|_| ())
            },
        )
        .await;
    change(&ctx, &tenant, id, &form, result, "network.action").await
}

async fn complete_action(
    ctx: Ctx,
    Path((id, action)): Path<(i64, i64)>,
    form: FormData,
) -> Result<Response, AppError> {
    ctx.require(Permission::ManageActivities)?;
    let tenant = ctx.tenant()?;
    if !tenant
        .network_actions(Some(id))
        .await?
        .iter()
        .any(|a| a.id == action)
    {
        return Err(AppError::NotFound);
    }
    let done = (form.get("done") != "0").then(lots_store::today);
    let result = tenant.complete_action(action, done).await;
    change(&ctx, &tenant, id, &form, result, "network.action_done").await
}
