//! The municipality's face on the pages a company sees: its name, logo, contact details
//! and privacy notice in the header and footer (see `templates/shared/base.html`).

use minijinja::{Value, context};

use crate::ctx::Ctx;
use crate::error::AppError;

/// Where a municipality's logo is served; the version makes a new upload a new address.
pub(crate) fn logo_href(code: &str, version: i64) -> String {
    format!("/kommun/{code}/logotyp?v={version}")
}

impl Ctx {
    /// The face of municipality `code` for a page a company sees.
    pub(crate) async fn face(&self, code: &str) -> Result<Value, AppError> {
        let f = self.app.db.face(code).await?;
        Ok(context! {
            name => f.face.display_name,
            logo => f.logo_version.map(|v| logo_href(code, v)),
            email => f.face.contact_email,
            phone => f.face.contact_phone,
            web => f.face.web_address,
            privacy => f.face.privacy_url,
        })
    }
}
