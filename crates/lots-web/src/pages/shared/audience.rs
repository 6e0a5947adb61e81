//! Inviting companies to a survey round or an event: the company picker (a saved filter,
//! area, industry, size and hand-picked companies, with those already invited marked), the
//! invitation itself and its receipt.

use axum::extract::{Path, Query};
use axum::response::{Html, IntoResponse, Response};
use lots_domain::reach::Reach;
use lots_domain::role::Permission;
use lots_store::{CompanyFilter, Tenant};
use minijinja::{Value, context};

use super::reach::{Receipt, back_to};
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::pages::{FormData, answered};

#[derive(serde::Deserialize, Default)]
pub(in crate::pages) struct AudienceQuery {
    omrade: Option<String>,
    storlek: Option<String>,
    sni: Option<String>,
    tagg: Option<String>,
}

impl AudienceQuery {
    fn filter(&self) -> CompanyFilter {
        let some = |o: &Option<String>| o.clone().filter(|s| !s.trim().is_empty());
        CompanyFilter {
            area_id: self.omrade.as_deref().and_then(|a| a.parse().ok()),
            size_class: some(&self.storlek),
            sni: some(&self.sni),
            tag: some(&self.tagg),
            status: Some(lots_store::CompanyStatus::Active),
            page: 1,
            per_page: 500,
            ..Default::default()
        }
    }
}

/// The company picker (templates/audience.html): the filter as chosen, the matching active
/// companies, checked unless the form unchecked them; those in `invited` are shown as such.
pub(in crate::pages) async fn picker(
    tenant: &Tenant<'_>,
    q: &AudienceQuery,
    form: Option<&FormData>,
    invited: &[i64],
) -> Result<Value, AppError> {
    let page = tenant.companies(&q.filter()).await?;
    let picked: Vec<String> = form.map(|f| f.all("company")).unwrap_or_default();
    let companies: Vec<Value> = page
        .items
        .iter()
        .map(|c| {
            let already = invited.contains(&c.id);
            context! {
                id => c.id,
                name => c.name.clone(),
                area => c.area_name.clone().unwrap_or_default(),
                already,
                checked => !already && (form.is_none() || picked.contains(&c.id.to_string())),
            }
        })
        .collect();
    Ok(context! {
        companies,
        saved => tenant.saved_filters().await?,
        total => page.total,
        areas => tenant.areas().await?,
        sizes => lots_domain::company_import::SIZE_CLASSES,
        filter => context! {
            omrade => q.omrade.clone().unwrap_or_default(),
            storlek => q.storlek.clone().unwrap_or_default(),
            sni => q.sni.clone().unwrap_or_default(),
            tagg => q.tagg.clone().unwrap_or_default(),
        },
        query => format!(
            "omrade={}&storlek={}&sni={}&tagg={}",
            crate::url::urlencode(q.omrade.as_deref().unwrap_or("")),
            crate::url::urlencode(q.storlek.as_deref().unwrap_or("")),
            crate::url::urlencode(q.sni.as_deref().unwrap_or("")),
            crate::url::urlencode(q.tagg.as_deref().unwrap_or("")),
        ),
    })
}

/// What a picker page invites companies to: an event or a survey round.
pub(in crate::pages) struct InviteTo {
    pub template: &'static str,
    /// The event's or round's name, for the title and the breadcrumb.
    pub name: String,
    /// The event or round as its template reads it (`item`).
    pub item: Value,
    /// Its page; the picker posts to `{path}/bjud-in`.
    pub path: String,
    /// The list it belongs to: its address and the message id of its name.
    pub list: (&'static str, &'static str),
    /// The companies already invited.
    pub invited: Vec<i64>,
}

impl InviteTo {
    fn title(&self, ctx: &Ctx) -> String {
        format!("{}: {}", ctx.t("invite-companies"), self.name)
    }

    fn breadcrumbs(&self, ctx: &Ctx) -> Vec<Value> {
        vec![
            ctx.crumb(self.list.0, self.list.1),
            context! { href => self.path.clone(), label => self.name.clone() },
        ]
    }

    /// The answer to an invitation: how many were reached, who was left out and why, and the
    /// way back to the event or round or on to invite more.
    pub fn receipt(&self, ctx: &Ctx, reach: &Reach) -> Result<Html<String>, AppError> {
        let links = vec![
            (self.path.clone(), back_to(ctx, &self.name)),
            (
                format!("{}/bjud-in", self.path),
                ctx.t("invite-more-companies"),
            ),
        ];
        let receipt = Receipt {
            title: ctx.t_with("invitations-to", &[("name", self.name.as_str().into())]),
            reached: "reach-invited",
            links,
            breadcrumbs: self.breadcrumbs(ctx),
        };
        super::reach::receipt(ctx, receipt, reach)
    }
}

/// An event or a survey round that companies are invited to from the picker.
pub(in crate::pages) trait Invitable: Send + Sync + 'static {
    /// Who may invite.
    const PERMISSION: Permission;

    /// The event or round `id`, with the companies already invited.
    fn invite_to(
        ctx: &Ctx,
        tenant: &Tenant<'_>,
        id: i64,
    ) -> impl Future<Output = Result<InviteTo, AppError>> + Send;

    /// What the data layer answers an invitation with.
    type Invited: Send;

    /// Invites the companies; a wrong choice is a field error.
    fn invite(
        tenant: &Tenant<'_>,
        id: i64,
        companies: &[i64],
        actor: &str,
    ) -> impl Future<Output = lots_store::Result<Self::Invited>> + Send;

    /// Queues the invitations' e-mails; says whom they reach.
    fn send(
        ctx: &Ctx,
        tenant: &Tenant<'_>,
        id: i64,
        invited: Self::Invited,
    ) -> impl Future<Output = Result<Reach, AppError>> + Send;
}

/// The page that picks the companies to invite, with the form's errors.
async fn invite_page<I: Invitable>(
    ctx: &Ctx,
    tenant: &Tenant<'_>,
    id: i64,
    (q, form): (&AudienceQuery, Option<&FormData>),
    errors: Vec<Value>,
) -> Result<Html<String>, AppError> {
    let to = I::invite_to(ctx, tenant, id).await?;
    ctx.render(
        to.template,
        &to.title(ctx),
        context! {
            item => to.item.clone(),
            action => format!("{}/bjud-in", to.path),
            picker => picker(tenant, q, form, &to.invited).await?,
            errors,
            breadcrumbs => to.breadcrumbs(ctx),
        },
    )
}

pub(in crate::pages) async fn invite_form<I: Invitable>(
    ctx: Ctx,
    Path(id): Path<i64>,
    Query(q): Query<AudienceQuery>,
) -> Result<Html<String>, AppError> {
    ctx.require(I::PERMISSION)?;
    let tenant = ctx.tenant()?;
    invite_page::<I>(&ctx, &tenant, id, (&q, None), Vec::new()).await
}

/// Invites the picked companies and answers with the receipt; a wrong choice (none picked,
/// the event past or the round closed) shows the picker again with the error.
pub(in crate::pages) async fn invite<I: Invitable>(
    ctx: Ctx,
    Path(id): Path<i64>,
    Query(q): Query<AudienceQuery>,
    form: FormData,
) -> Result<Response, AppError> {
    let me = ctx.require(I::PERMISSION)?;
    let tenant = ctx.tenant()?;
    let outcome = I::invite(&tenant, id, &form.ids("company"), &me.user.name).await;
    let (ctx, tenant) = (&ctx, &tenant);
    let invited = |invited| async move {
        let reach = I::send(ctx, tenant, id, invited).await?;
        let to = I::invite_to(ctx, tenant, id).await?;
        Ok(to.receipt(ctx, &reach)?.into_response())
    };
    answered(ctx, outcome, invited, |errors| {
        invite_page::<I>(ctx, tenant, id, (&q, Some(&form)), errors)
    })
    .await
}
