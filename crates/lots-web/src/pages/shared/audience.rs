//! The company picker of a survey round's or an event's invitation: a saved filter, area,
//! industry, size and hand-picked companies, with those already invited marked.

use lots_store::{CompanyFilter, Tenant};
use minijinja::{Value, context};

use crate::error::AppError;
use crate::pages::FormData;

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
pub(in crate::pages) struct InviteTo<'a> {
    pub template: &'a str,
    /// The event's or round's name, for the title and the breadcrumb.
    pub name: &'a str,
    /// The event or round as its template reads it (`item`).
    pub item: Value,
    /// Its page; the picker posts to `{path}/bjud-in`.
    pub path: String,
    /// The list it belongs to: its address and the message id of its name.
    pub list: (&'a str, &'a str),
    /// The companies already invited.
    pub invited: Vec<i64>,
}

/// The page that picks the companies to invite, with the form's errors.
pub(in crate::pages) async fn invite_page(
    ctx: &crate::ctx::Ctx,
    tenant: &Tenant<'_>,
    to: InviteTo<'_>,
    (q, form): (&AudienceQuery, Option<&FormData>),
    errors: Vec<Value>,
) -> Result<axum::response::Html<String>, AppError> {
    let title = format!("{}: {}", ctx.t("invite-companies"), to.name);
    ctx.render(
        to.template,
        &title,
        context! {
            item => to.item,
            action => format!("{}/bjud-in", to.path),
            picker => picker(tenant, q, form, &to.invited).await?,
            errors,
            breadcrumbs => vec![
                ctx.crumb(to.list.0, to.list.1),
                context! { href => to.path, label => to.name },
            ],
        },
    )
}
