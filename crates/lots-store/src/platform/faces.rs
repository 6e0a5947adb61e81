//! The municipality's face towards companies (see `lots_domain::face`) and its logo.

use lots_domain::face::Face;
use lots_domain::image::{self, ImageKind};
use lots_i18n::Message;
use sqlx::Row;

use crate::{Db, Result, StoreError, Tenant};

/// The largest logo kept, in bytes: a crest or logo for a page header.
pub const MAX_LOGO_BYTES: usize = 512 * 1024;

/// The face as pages and e-mails use it: what the administrator set, or the municipality's
/// name, and whether a logo is uploaded (its `updated_at` names the version for caches).
#[derive(Debug, Clone, serde::Serialize)]
pub struct MunicipalityFace {
    pub code: String,
    #[serde(flatten)]
    pub face: Face,
    pub logo_version: Option<i64>,
}

impl Db {
    /// The face of a hosted municipality, for pages and e-mails that reach companies.
    pub async fn face(&self, code: &str) -> Result<MunicipalityFace> {
        let name = lots_domain::reference::municipality(code)
            .ok_or(StoreError::NotFound)?
            .name
            .clone();
        let row = sqlx::query(
            "SELECT display_name, contact_email, contact_phone, web_address, privacy_url,
                    sender_name, sender_address, logo_type, updated_at
             FROM municipality_faces WHERE municipality_code = $1",
        )
        .bind(code)
        .fetch_optional(&self.pool)
        .await?;
        let Some(r) = row else {
            return Ok(MunicipalityFace {
                code: code.to_string(),
                face: Face::of(&name),
                logo_version: None,
            });
        };
        let logo_type: String = r.try_get("logo_type")?;
        Ok(MunicipalityFace {
            code: code.to_string(),
            face: Face {
                display_name: r.try_get("display_name")?,
                contact_email: r.try_get("contact_email")?,
                contact_phone: r.try_get("contact_phone")?,
                web_address: r.try_get("web_address")?,
                privacy_url: r.try_get("privacy_url")?,
                sender_name: r.try_get("sender_name")?,
                sender_address: r.try_get("sender_address")?,
            },
            logo_version: (!logo_type.is_empty())
                .then(|| r.try_get("updated_at"))
                .transpose()?,
        })
    }

    /// The municipality's logo: its kind and bytes, `None` when none is uploaded.
    pub async fn logo(&self, code: &str) -> Result<Option<(ImageKind, Vec<u8>)>> {
        let row = sqlx::query(
            "SELECT logo, logo_type FROM municipality_faces
             WHERE municipality_code = $1 AND logo_type <> ''",
        )
        .bind(code)
        .fetch_optional(&self.pool)
        .await?;
        crate::db::picture(row, ("logo_type", "logo"))
    }
}

impl Tenant<'_> {
    /// Sets how the municipality shows itself, or names every wrong field.
    pub async fn set_face(&self, face: &Face) -> Result<()> {
        let face = face.check().map_err(StoreError::Fields)?;
        let mut tx = self.db.begin_write().await?;
        sqlx::query(
            "INSERT INTO municipality_faces (municipality_code, display_name, contact_email,
                 contact_phone, web_address, privacy_url, sender_name, sender_address, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
             ON CONFLICT (municipality_code) DO UPDATE SET display_name = excluded.display_name,
                 contact_email = excluded.contact_email, contact_phone = excluded.contact_phone,
                 web_address = excluded.web_address, privacy_url = excluded.privacy_url,
                 sender_name = excluded.sender_name, sender_address = excluded.sender_address,
                 updated_at = excluded.updated_at",
        )
        .bind(&self.code)
        .bind(&face.display_name)
        .bind(&face.contact_email)
        .bind(&face.contact_phone)
        .bind(&face.web_address)
        .bind(&face.privacy_url)
        .bind(&face.sender_name)
        .bind(&face.sender_address)
        .bind(crate::now())
        .execute(&mut *tx)
        .await?;
        self.audit_in(&mut tx, "face.update", ("municipality", &self.code), "")
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Keeps an uploaded logo without the metadata it carried; `None` removes it.
    pub async fn set_logo(&self, bytes: Option<&[u8]>) -> Result<()> {
        let logo = match bytes {
            Some(b) if b.len() > MAX_LOGO_BYTES => {
                return Err(StoreError::Field(
                    "logo".into(),
                    Message::new("face-logo-too-large")
                        .with_number("kib", (MAX_LOGO_BYTES / 1024) as i64),
                ));
            }
            Some(b) => Some(image::clean(b).map_err(|_| {
                StoreError::Field("logo".into(), Message::new("face-logo-png-or-jpeg"))
            })?),
            None => None,
        };
        let (kind, content) = match &logo {
            Some((k, c)) => (k.content_type(), Some(c.clone())),
            None => ("", None),
        };
        let mut tx = self.db.begin_write().await?;
        let name = self.municipality().await?.name;
        sqlx::query(
            "INSERT INTO municipality_faces (municipality_code, display_name, logo, logo_type, updated_at)
             VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (municipality_code) DO UPDATE SET logo = excluded.logo,
                 logo_type = excluded.logo_type, updated_at = excluded.updated_at",
        )
        .bind(&self.code)
        .bind(Face::of(&name).display_name)
        .bind(content)
        .bind(kind)
        .bind(crate::now())
        .execute(&mut *tx)
        .await?;
        let action = if logo.is_some() {
            "face.logo"
        } else {
            "face.logo_removed"
        };
        self.audit_in(&mut tx, action, ("municipality", &self.code), "")
            .await?;
        tx.commit().await?;
        Ok(())
    }
}
