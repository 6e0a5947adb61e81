//! Punktlistor: the checklists offices take up after a visit campaign — a draft suggested
//! from the campaign's visit template and findings, edited as lines, published to units in
//! versions, printable, and acknowledged by each unit's manager.

use axum::Router;
use axum::extract::{Path, Query};
use axum::response::{Html, Response};
use axum::routing::{get, post};
use lots_domain::role::Permission;
use lots_store::Tenant;
use minijinja::{Value, context};

use crate::ctx::Ctx;
use crate::error::AppError;
use crate::pages::{FormData, unit_options};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/punktlistor", get(list).post(create))
        .route("/punktlistor/{id}", get(show).post(revise))
        .route("/punktlistor/{id}/publicera", post(publish))
        .route("/punktlistor/{id}/kvittera/{unit}", post(acknowledge))
}

#[derive(serde::Deserialize, Default)]
struct ListQuery {
    /// Start the new checklist from this campaign's findings.
    kampanj: Option<i64>,
}

async fn list_page(
    ctx: &Ctx,
    tenant: &Tenant<'_>,
    form: Option<&FormData>,
    from_campaign: Option<i64>,
    errors: Vec<Value>,
) -> Result<Html<String>, AppError> {
    let campaigns = tenant.campaigns().await?;
    let (title, items, campaign) = match (form, from_campaign) {
        (Some(f), _) => (f.get("title"), f.get("items"), f.get("campaign")),
        (None, Some(id)) => {
            let c = campaigns
                .iter()
                .find(|c| c.id == id)
                .ok_or(AppError::NotFound)?;
            (
                format!("{} {}", ctx.t("checklist-after"), c.name),
                tenant.suggest_checklist(id).await?.join("\n"),
                id.to_string(),
            )
        }
        (None, None) => Default::default(),
    };
    ctx.render(
        "campaigns/checklists.html",
        &ctx.t("checklists"),
        context! {
            checklists => Value::from_serialize(tenant.checklists().await?),
            campaigns => campaigns.iter().map(|c| context! {
                id => c.id, name => c.name, chosen => c.id.to_string() == campaign,
            }).collect::<Vec<_>>(),
            can_manage => ctx.may(Permission::ManageActivities),
            suggested => from_campaign.is_some() && form.is_none(),
            form => context! { title, items },
            errors,
            breadcrumbs => vec![ctx.crumb("/kampanjer", "visit-campaigns")],
        },
    )
}

async fn list(ctx: Ctx, Query(q): Query<ListQuery>) -> Result<Html<String>, AppError> {
    ctx.require(Permission::ViewCompanies)?;
    let tenant = ctx.tenant()?;
    list_page(&ctx, &tenant, None, q.kampanj, Vec::new()).await
}

async fn create(ctx: Ctx, form: FormData) -> Result<Response, AppError> {
    ctx.require(Permission::ManageActivities)?;
    let tenant = ctx.tenant()?;
    let campaign = form.choice("campaign")?;
    let outcome = tenant
        .create_checklist(&form.get("title"), campaign, &form.get("items"))
        .await;
    crate::pages::created(
        &ctx,
        outcome,
        ("checklist.create", "checklist"),
        |id| format!("/punktlistor/{id}"),
        |errors| list_page(&ctx, &tenant, Some(&form), None, errors),
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
    let list = tenant.checklist(id).await?;
    let latest = &list.versions[0];
    let me = ctx.require(Permission::ViewCompanies)?;
    let managed = tenant.managed_units(me.user.id).await?;
    let units = tenant.units().await?;
    let acknowledgeable: Vec<i64> = list
        .versions
        .iter()
        .find(|v| v.published_at.is_some())
        .map(|v| {
            v.units
                .iter()
                .filter(|u| u.acknowledged_at.is_none() && managed.contains(&u.unit_id))
                .map(|u| u.unit_id)
                .collect()
        })
        .unwrap_or_default();
    let chosen = form.map(|f| f.all("unit")).unwrap_or_default();
    ctx.render(
        "campaigns/checklist.html",
        &list.title,
        context! {
            items => form.map_or_else(|| latest.items.join("\n"), |f| f.get("items")),
            units => unit_options(&units).into_iter().map(|u| {
                let id = u.get_attr("id").map(|v| v.to_string()).unwrap_or_default();
                context! { checked => chosen.contains(&id), ..u }
            }).collect::<Vec<_>>(),
            acknowledgeable,
            checklist => Value::from_serialize(&list),
            latest => Value::from_serialize(latest),
            can_manage => ctx.may(Permission::ManageActivities),
            errors,
            breadcrumbs => vec![
                ctx.crumb("/kampanjer", "visit-campaigns"),
                ctx.crumb("/punktlistor", "checklists"),
            ],
        },
    )
}

async fn show(ctx: Ctx, Path(id): Path<i64>) -> Result<Html<String>, AppError> {
    ctx.require(Permission::ViewCompanies)?;
    let tenant = ctx.tenant()?;
    show_page(&ctx, &tenant, id, None, Vec::new()).await
}

/// Saves, audits and goes back to the checklist; a wrong field shows the page again.
async fn done(
    ctx: &Ctx,
    tenant: &Tenant<'_>,
    id: i64,
    form: &FormData,
    action: &str,
    outcome: lots_store::Result<()>,
) -> Result<Response, AppError> {
    crate::pages::saved(
        ctx,
        outcome,
        (action, "checklist", id),
        format!("/punktlistor/{id}"),
        |errors| show_page(ctx, tenant, id, Some(form), errors),
    )
    .await
}

async fn revise(ctx: Ctx, Path(id): Path<i64>, form: FormData) -> Result<Response, AppError> {
    ctx.require(Permission::ManageActivities)?;
    let tenant = ctx.tenant()?;
    let outcome = tenant.revise_checklist(id, &form.get("items")).await;
    done(&ctx, &tenant, id, &form, "checklist.revise", outcome).await
}

async fn publish(ctx: Ctx, Path(id): Path<i64>, form: FormData) -> Result<Response, AppError> {
    let me = ctx.require(Permission::ManageActivities)?;
    let tenant = ctx.tenant()?;
    let units: Vec<i64> = form
        .all("unit")
        .iter()
        .filter_map(|u| u.parse().ok())
        .collect();
    let outcome = tenant
        .publish_checklist(id, &units, &me.user.name)
        .await
        .map(drop);
    done(&ctx, &tenant, id, &form, "checklist.publish", outcome).await
}

async fn acknowledge(
    ctx: Ctx,
    Path((id, unit)): Path<(i64, i64)>,
    form: FormData,
) -> Result<Response, AppError> {
    let me = ctx.require(Permission::ViewCompanies)?;
    let tenant = ctx.tenant()?;
    let outcome = tenant.acknowledge_checklist(id, unit, me.user.id).await;
    done(&ctx, &tenant, id, &form, "checklist.acknowledge", outcome).await
}
