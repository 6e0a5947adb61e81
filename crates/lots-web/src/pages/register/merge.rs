//! Finding duplicates in the register and merging two records with a choice per field.

use axum::Router;
use axum::extract::Query;
use axum::response::{Html, Response};
use axum::routing::get;
use lots_domain::role::Permission;
use lots_store::{Company, CompanyInput};
use minijinja::{Value, context};

use crate::ctx::Ctx;
use crate::error::AppError;
use crate::pages::{FormData, answered, redirect};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/foretag/dubbletter", get(duplicates))
        .route("/foretag/sammanfoga", get(compare).post(merge))
}

async fn duplicates(ctx: Ctx) -> Result<Html<String>, AppError> {
    ctx.require(Permission::ManageRegister)?;
    let pairs: Vec<Value> = ctx
        .tenant()?
        .duplicate_candidates()
        .await?
        .into_iter()
        .map(|p| {
            let reason_label = ctx.t(match p.reason {
                "same_name" => "same-name",
                _ => "similar-name-at-the-same-address",
            });
            context! { reason_label, ..Value::from_serialize(&p) }
        })
        .collect();
    ctx.render(
        "register/duplicates.html",
        &ctx.t("possible-duplicates"),
        context! { pairs, breadcrumbs => vec![ctx.crumb("/foretag", "companies")] },
    )
}

/// The facts a merge chooses between: (form key, label, value in a record).
fn fields(c: &Company) -> Vec<(&'static str, &'static str, String)> {
    vec![
        ("orgnr", "organisation-number", c.orgnr.clone()),
        ("name", "company-name", c.name.clone()),
        ("other_names", "other-names", c.other_names.join(", ")),
        ("sni", "sni-2007", c.sni2007.join(", ")),
        (
            "employees",
            "number-of-employees",
            c.employees.map(|n| n.to_string()).unwrap_or_default(),
        ),
        (
            "address",
            "visiting-address",
            format!("{}, {} {}", c.visit_address, c.postcode, c.town)
                .trim_matches([',', ' '])
                .to_string(),
        ),
        ("area", "area", c.area_name.clone().unwrap_or_default()),
        ("tags", "tags", c.tags.join(", ")),
        ("status", "status", c.status.code().into()),
        ("notes", "notes", c.notes.clone()),
    ]
}

#[derive(serde::Deserialize)]
struct Pair {
    a: i64,
    b: i64,
}

async fn compare_page(
    ctx: &Ctx,
    a: &Company,
    b: &Company,
    errors: Vec<Value>,
) -> Result<Html<String>, AppError> {
    let rows: Vec<Value> = fields(a)
        .into_iter()
        .zip(fields(b))
        .map(|((key, label, va), (_, _, vb))| context! { key, label => ctx.t(label), a => va, b => vb })
        .collect();
    ctx.render(
        "register/merge.html",
        &ctx.t("merge-two-records"),
        context! {
            a => Value::from_serialize(a),
            b => Value::from_serialize(b),
            fields => rows,
            errors,
            breadcrumbs => vec![ctx.crumb("/foretag", "companies"), ctx.crumb("/foretag/dubbletter", "possible-duplicates")],
        },
    )
}

async fn compare(ctx: Ctx, Query(p): Query<Pair>) -> Result<Html<String>, AppError> {
    ctx.require(Permission::ManageRegister)?;
    let tenant = ctx.tenant()?;
    let (a, b) = (tenant.company(p.a).await?, tenant.company(p.b).await?);
    if a.id == b.id {
        return Err(AppError::BadRequest("the same company twice".into()));
    }
    compare_page(&ctx, &a, &b, Vec::new()).await
}

async fn merge(ctx: Ctx, form: FormData) -> Result<Response, AppError> {
    let me = ctx.require(Permission::ManageRegister)?;
    let tenant = ctx.tenant()?;
    let id = |k: &str| {
        form.get(k)
            .parse::<i64>()
            .map_err(|_| AppError::BadRequest(k.into()))
    };
    let (a, b) = (
        tenant.company(id("a")?).await?,
        tenant.company(id("b")?).await?,
    );
    let pick = |key: &str| if form.get(key) == "b" { &b } else { &a };
    let address = pick("address");
    let chosen = CompanyInput {
        orgnr: pick("orgnr").orgnr.clone(),
        name: pick("name").name.clone(),
        other_names: pick("other_names").other_names.clone(),
        sni2007: pick("sni").sni2007.clone(),
        sni2025: pick("sni").sni2025.clone(),
        employees: pick("employees").employees,
        visit_address: address.visit_address.clone(),
        postcode: address.postcode.clone(),
        town: address.town.clone(),
        latitude: address.latitude,
        longitude: address.longitude,
        area: pick("area").area_name.clone(),
        tags: pick("tags").tags.clone(),
        status: Some(pick("status").status),
        notes: pick("notes").notes.clone(),
    };
    let outcome = tenant
        .merge_companies(a.id, b.id, &chosen, &me.user.name)
        .await;
    answered(
        &ctx,
        outcome,
        |kept| redirect(format!("/foretag/{}", kept.id)),
        |errors| compare_page(&ctx, &a, &b, errors),
    )
    .await
}
