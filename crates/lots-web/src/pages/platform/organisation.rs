//! The municipality's organisation: the unit tree and each unit's staff.

use axum::Router;
use axum::extract::Path;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use lots_domain::role::Permission;
use lots_store::{NewUnit, StaffFilter, StoreError, UnitKind};
use minijinja::{Value, context};

use crate::ctx::Ctx;
use crate::error::AppError;
use crate::pages::{FormData, field_error, unit_options};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/organisation", get(organisation))
        .route("/organisation/enheter", axum::routing::post(add_unit))
        .route("/organisation/enheter/{id}", get(unit))
}

fn kind_label(ctx: &Ctx, kind: UnitKind) -> String {
    ctx.t(match kind {
        UnitKind::Forvaltning => "administration",
        UnitKind::Kontor => "office",
        UnitKind::Enhet => "unit",
    })
}

async fn organisation_page(
    ctx: &Ctx,
    errors: Vec<Value>,
    form: Value,
    notice: Option<String>,
) -> Result<Html<String>, AppError> {
    ctx.require(Permission::ViewOrganisation)?;
    let tenant = ctx.tenant()?;
    let units = tenant.units().await?;
    let staff_total: i64 = units.iter().map(|u| u.staff_count).sum();
    let options: Vec<Value> = unit_options(&units)
        .into_iter()
        .zip(&units)
        .map(|(opt, u)| context! { kind_label => kind_label(ctx, u.kind), ..opt })
        .collect();
    let kinds: Vec<Value> = [UnitKind::Forvaltning, UnitKind::Kontor, UnitKind::Enhet]
        .into_iter()
        .map(|k| context! { code => k.code(), label => kind_label(ctx, k) })
        .collect();
    ctx.render(
        "platform/organisation.html",
        &ctx.t("organisation"),
        context! {
            units => options,
            staff_total,
            can_manage => ctx.may(Permission::ManageStaff),
            kinds,
            errors,
            form,
            notice,
        },
    )
}

#[derive(serde::Deserialize)]
struct OrganisationQuery {
    klart: Option<String>,
}

async fn organisation(
    ctx: Ctx,
    axum::extract::Query(q): axum::extract::Query<OrganisationQuery>,
) -> Result<Html<String>, AppError> {
    let notice = q.klart.map(|_| ctx.t("the-unit-was-added"));
    organisation_page(
        &ctx,
        Vec::new(),
        context! { name => "", kind => "enhet", parent => "" },
        notice,
    )
    .await
}

async fn add_unit(ctx: Ctx, form: FormData) -> Result<Response, AppError> {
    ctx.require(Permission::ManageStaff)?;
    let tenant = ctx.tenant()?;
    let name = form.get("name");
    let kind = UnitKind::parse(&form.get("kind")).unwrap_or(UnitKind::Enhet);
    let parent = form.get("parent");
    let parent_id = if parent.is_empty() {
        None
    } else {
        Some(
            parent
                .parse::<i64>()
                .map_err(|_| AppError::BadRequest("parent".into()))?,
        )
    };
    let mut errors = Vec::new();
    if name.is_empty() {
        errors.push(field_error("name", ctx.t("enter-the-units-name")));
    } else {
        match tenant
            .create_unit(NewUnit {
                name: &name,
                kind,
                parent_id,
            })
            .await
        {
            Ok(unit) => {
                let mut entry = ctx.audit_entry("unit.create", "unit", unit.id);
                entry.detail = unit.name.clone();
                ctx.app.db.audit(entry).await?;
                return Ok(Redirect::to("/organisation?klart=1").into_response());
            }
            Err(StoreError::Conflict(_)) => {
                errors.push(field_error("name", ctx.t("a-unit-with-that-name-already")))
            }
            Err(e) => return Err(e.into()),
        }
    }
    let html = organisation_page(
        &ctx,
        errors,
        context! { name, kind => kind.code(), parent },
        None,
    )
    .await?;
    Ok(crate::pages::unprocessable(html))
}

async fn unit(ctx: Ctx, Path(id): Path<i64>) -> Result<Html<String>, AppError> {
    ctx.require(Permission::ViewOrganisation)?;
    let tenant = ctx.tenant()?;
    let unit = tenant.unit(id).await?;
    let units = tenant.units().await?;
    let parent = unit
        .parent_id
        .and_then(|p| units.iter().find(|u| u.id == p).cloned());
    let children: Vec<_> = units
        .iter()
        .filter(|u| u.parent_id == Some(unit.id))
        .cloned()
        .collect();
    let staff = tenant
        .staff(&StaffFilter {
            unit_ids: vec![unit.id],
            page: 1,
            per_page: usize::MAX,
            ..StaffFilter::default()
        })
        .await?
        .items;
    let mut breadcrumbs = vec![ctx.crumb("/organisation", "organisation")];
    let mut chain = Vec::new();
    let mut up = unit.parent_id;
    while let Some(p) = up {
        match units.iter().find(|u| u.id == p) {
            Some(u) if chain.len() < 32 => {
                chain.push(context! { href => format!("/organisation/enheter/{}", u.id), label => u.name.clone() });
                up = u.parent_id;
            }
            _ => break,
        }
    }
    breadcrumbs.extend(chain.into_iter().rev());
    ctx.render(
        "platform/unit.html",
        &unit.name,
        context! {
            unit => context! { kind_label => kind_label(&ctx, unit.kind), ..Value::from_serialize(&unit) },
            parent,
            children,
            staff,
            breadcrumbs,
        },
    )
}
