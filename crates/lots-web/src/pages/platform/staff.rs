//! The staff directory, a staff member's page, and an administrator's changes to staff:
//! invitations, roles, units, disabling.

use lots_i18n::Lang;
use std::str::FromStr;

use axum::Router;
use axum::extract::{Path, Query};
use axum::http::header;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use lots_domain::Role;
use lots_domain::role::Permission;
use lots_store::{NewUser, StaffFilter, StaffMember, StoreError, Tenant, UserStatus};
use minijinja::{Value, context};

use crate::ctx::Ctx;
use crate::error::AppError;
use crate::pages::{FormData, field_error, page_number, pager, unit_options};
use crate::state::AppState;
use crate::templates::role_label;

const PER_PAGE: usize = 25;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/personal", get(list))
        .route("/personal.csv", get(export))
        .route("/personal/bjud-in", get(invite_page).post(invite))
        .route("/personal/{id}", get(member).post(update))
        .route("/personal/{id}/inaktivera", post(disable))
        .route("/personal/{id}/aktivera", post(enable))
        .route("/personal/{id}/bjud-in-igen", post(reinvite))
}

#[derive(serde::Deserialize, Default)]
struct ListQuery {
    q: Option<String>,
    roll: Option<String>,
    enhet: Option<String>,
    status: Option<String>,
    sida: Option<String>,
}

impl ListQuery {
    fn filter(&self, page: usize, per_page: usize) -> StaffFilter {
        StaffFilter {
            query: self
                .q
                .clone()
                .filter(|q| !q.trim().is_empty())
                .map(|q| q.trim().to_string()),
            role: self.roll.as_deref().and_then(|r| Role::from_str(r).ok()),
            unit_ids: self
                .enhet
                .as_deref()
                .and_then(|u| u.parse().ok())
                .into_iter()
                .collect(),
            status: self.status.as_deref().and_then(UserStatus::parse),
            page,
            per_page,
        }
    }

    fn params(&self) -> Vec<(&'static str, String)> {
        vec![
            ("q", self.q.clone().unwrap_or_default()),
            ("roll", self.roll.clone().unwrap_or_default()),
            ("enhet", self.enhet.clone().unwrap_or_default()),
            ("status", self.status.clone().unwrap_or_default()),
        ]
    }
}

fn status_label(ctx: &Ctx, s: UserStatus) -> String {
    ctx.t(match s {
        UserStatus::Active => "active",
        UserStatus::Invited => "account-invited",
        UserStatus::Disabled => "account-disabled",
    })
}

fn municipality_roles(ctx: &Ctx, checked: &[Role]) -> Vec<Value> {
    Role::ALL
        .into_iter()
        .filter(|r| !r.is_organiser_role())
        .map(|r| context! { code => r.code(), label => role_label(ctx.lang, r.code()), checked => checked.contains(&r) })
        .collect()
}

async fn list(ctx: Ctx, Query(q): Query<ListQuery>) -> Result<Html<String>, AppError> {
    ctx.require(Permission::ViewOrganisation)?;
    let tenant = ctx.tenant()?;
    let page = page_number(q.sida.as_deref());
    let result = tenant.staff(&q.filter(page, PER_PAGE)).await?;
    let units = tenant.units().await?;
    let items: Vec<Value> = result
        .items
        .iter()
        .map(|m| context! { status_label => status_label(&ctx, m.status), ..Value::from_serialize(m) })
        .collect();
    let statuses: Vec<Value> = [
        UserStatus::Active,
        UserStatus::Invited,
        UserStatus::Disabled,
    ]
    .into_iter()
    .map(|s| context! { code => s.code(), label => status_label(&ctx, s) })
    .collect();
    let params = q.params();
    let export_query: Vec<String> = params
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={}", crate::url::urlencode(v)))
        .collect();
    ctx.render(
        "platform/staff.html",
        &ctx.t("staff-heading"),
        context! {
            items,
            total => result.total,
            pager => pager("/personal", &params, (page, PER_PAGE, result.total), None),
            filter => context! { q => q.q.clone().unwrap_or_default(), roll => q.roll.clone().unwrap_or_default(), enhet => q.enhet.clone().unwrap_or_default(), status => q.status.clone().unwrap_or_default() },
            roles => municipality_roles(&ctx, &[]),
            units => unit_options(&units),
            statuses,
            can_manage => ctx.may(Permission::ManageStaff),
            export_href => format!("/personal.csv?{}", export_query.join("&")),
        },
    )
}

async fn export(ctx: Ctx, Query(q): Query<ListQuery>) -> Result<Response, AppError> {
    ctx.require(Permission::ViewOrganisation)?;
    let tenant = ctx.tenant()?;
    let result = tenant.export_staff(&q.filter(1, usize::MAX)).await?;
    let rows: Vec<Vec<String>> = result
        .items
        .iter()
        .map(|m| {
            vec![
                m.name.clone(),
                m.email.clone(),
                m.title.clone(),
                m.unit_name.clone().unwrap_or_default(),
                m.roles
                    .iter()
                    .map(|r| role_label(ctx.lang, r.code()))
                    .collect::<Vec<_>>()
                    .join(", "),
                status_label(&ctx, m.status),
            ]
        })
        .collect();
    let header = crate::pages::headings(
        &ctx,
        &["name", "e-mail-address", "title", "unit", "roles", "status"],
    );
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"personal.csv\"",
            ),
        ],
        lots_domain::export::csv_for_excel(&header, &rows),
    )
        .into_response())
}

#[derive(serde::Deserialize)]
struct MemberQuery {
    klart: Option<String>,
}

async fn member_page(
    ctx: &Ctx,
    tenant: &Tenant<'_>,
    member: StaffMember,
    errors: Vec<Value>,
    checked: &[Role],
    notice: Option<String>,
) -> Result<Html<String>, AppError> {
    let units = tenant.units().await?;
    let training = tenant.training_record(member.id).await?;
    ctx.render(
        "platform/staff_member.html",
        &member.name,
        context! {
            training => Value::from_serialize(&training),
            status_label => status_label(ctx, member.status),
            member,
            errors,
            roles => municipality_roles(ctx, checked),
            units => unit_options(&units),
            can_manage => ctx.may(Permission::ManageStaff),
            breadcrumbs => vec![ctx.crumb("/personal", "staff-heading")],
            notice,
        },
    )
}

fn notice_for(ctx: &Ctx, code: Option<&str>) -> Option<String> {
    code.map(|c| {
        ctx.t(match c {
            "inaktiverad" => "the-account-was-disabled",
            "aktiverad" => "the-account-was-enabled",
            "inbjuden" => "the-invitation-was-queued-it-is",
            _ => "the-changes-were-saved",
        })
    })
}

async fn member(
    ctx: Ctx,
    Path(id): Path<i64>,
    Query(q): Query<MemberQuery>,
) -> Result<Html<String>, AppError> {
    ctx.require(Permission::ViewOrganisation)?;
    let tenant = ctx.tenant()?;
    let member = tenant.user(id).await?;
    let checked = member.roles.clone();
    member_page(
        &ctx,
        &tenant,
        member,
        Vec::new(),
        &checked,
        notice_for(&ctx, q.klart.as_deref()),
    )
    .await
}

fn parse_roles(form: &FormData) -> Vec<Role> {
    form.all("role")
        .iter()
        .filter_map(|r| Role::from_str(r).ok())
        .filter(|r| !r.is_organiser_role())
        .collect()
}

fn parse_unit(form: &FormData) -> Result<Option<i64>, AppError> {
    let unit = form.get("unit");
    if unit.is_empty() {
        Ok(None)
    } else {
        unit.parse()
            .map(Some)
            .map_err(|_| AppError::BadRequest("unit".into()))
    }
}

async fn update(ctx: Ctx, Path(id): Path<i64>, form: FormData) -> Result<Response, AppError> {
    ctx.require(Permission::ManageStaff)?;
    let tenant = ctx.tenant()?;
    let roles = parse_roles(&form);
    let unit = parse_unit(&form)?;
    if roles.is_empty() {
        let member = tenant.user(id).await?;
        let errors = vec![field_error("roles", ctx.t("choose-at-least-one-role"))];
        let html = member_page(&ctx, &tenant, member, errors, &roles, None).await?;
        return Ok(crate::pages::unprocessable(html));
    }
    tenant.update_user_roles_and_unit(id, &roles, unit).await?;
    Ok(Redirect::to(&format!("/personal/{id}?klart=sparat")).into_response())
}

async fn set_status(ctx: Ctx, id: i64, status: UserStatus) -> Result<Response, AppError> {
    let me = ctx.require(Permission::ManageStaff)?;
    if me.user.id == id && status == UserStatus::Disabled {
        // An administrator who locks themselves out may leave nobody to undo it.
        return Err(AppError::BadRequest(
            "you cannot disable your own account".into(),
        ));
    }
    let tenant = ctx.tenant()?;
    tenant.set_user_status(id, status).await?;
    let code = match status {
        UserStatus::Disabled => "inaktiverad",
        _ => "aktiverad",
    };
    Ok(Redirect::to(&format!("/personal/{id}?klart={code}")).into_response())
}

async fn disable(ctx: Ctx, Path(id): Path<i64>) -> Result<Response, AppError> {
    set_status(ctx, id, UserStatus::Disabled).await
}

async fn enable(ctx: Ctx, Path(id): Path<i64>) -> Result<Response, AppError> {
    set_status(ctx, id, UserStatus::Active).await
}

async fn reinvite(ctx: Ctx, Path(id): Path<i64>) -> Result<Response, AppError> {
    let me = ctx.require(Permission::ManageStaff)?;
    let tenant = ctx.tenant()?;
    let user = tenant.user(id).await?;
    if user.status != UserStatus::Invited {
        return Err(AppError::BadRequest(
            "the account is not waiting for an invitation".into(),
        ));
    }
    lots_jobs::enqueue_invitation(&ctx.app.db, &user, &me.user.name).await?;
    ctx.app.workers.wake();
    ctx.app
        .db
        .audit(ctx.audit_entry("user.reinvite", "user", user.id))
        .await?;
    Ok(Redirect::to(&format!("/personal/{id}?klart=inbjuden")).into_response())
}

async fn invite_form(
    ctx: &Ctx,
    errors: Vec<Value>,
    form: Value,
    checked: &[Role],
) -> Result<Html<String>, AppError> {
    let tenant = ctx.tenant()?;
    let units = tenant.units().await?;
    ctx.render(
        "platform/invite.html",
        &ctx.t("invite-staff"),
        context! {
            errors,
            form,
            roles => municipality_roles(ctx, checked),
            units => unit_options(&units),
            breadcrumbs => vec![ctx.crumb("/personal", "staff-heading")],
        },
    )
}

async fn invite_page(ctx: Ctx) -> Result<Html<String>, AppError> {
    ctx.require(Permission::ManageStaff)?;
    invite_form(
        &ctx,
        Vec::new(),
        context! { name => "", email => "", title => "", unit => "", language => "sv" },
        &[Role::CaseOfficer],
    )
    .await
}

async fn invite(ctx: Ctx, form: FormData) -> Result<Response, AppError> {
    let me = ctx.require(Permission::ManageStaff)?;
    let tenant = ctx.tenant()?;
    let name = form.get("name");
    let email = form.get("email");
    let title = form.get("title");
    let language = Lang::or_swedish(&form.get("language"));
    let roles = parse_roles(&form);
    let unit = parse_unit(&form)?;
    let mut errors = Vec::new();
    if name.is_empty() {
        errors.push(field_error("name", ctx.t("enter-the-persons-name")));
    }
    if lots_domain::email::normalise(&email).is_err() {
        errors.push(field_error("email", ctx.t("enter-an-e-mail-address-like")));
    }
    if roles.is_empty() {
        errors.push(field_error("roles", ctx.t("choose-at-least-one-role")));
    }
    if errors.is_empty() {
        match tenant
            .create_user(NewUser {
                email: &email,
                name: &name,
                title: &title,
                unit_id: unit,
                roles: &roles,
                password_hash: None,
                language,
            })
            .await
        {
            Ok(user) => {
                lots_jobs::enqueue_invitation(&ctx.app.db, &user, &me.user.name).await?;
                ctx.app.workers.wake();
                return Ok(
                    Redirect::to(&format!("/personal/{}?klart=inbjuden", user.id)).into_response(),
                );
            }
            Err(StoreError::Conflict(_)) => {
                errors.push(field_error("email", ctx.t("the-e-mail-address-is-already")))
            }
            Err(e) => return Err(e.into()),
        }
    }
    let unit_value = unit.map(|u| u.to_string()).unwrap_or_default();
    let html = invite_form(
        &ctx,
        errors,
        context! { name, email, title, unit => unit_value, language },
        &roles,
    )
    .await?;
    Ok(crate::pages::unprocessable(html))
}
