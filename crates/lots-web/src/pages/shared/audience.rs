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
            status: Some("active".into()),
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
