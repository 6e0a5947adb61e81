//! Photos sent with a fault report: checked (how many, how large, a PNG or JPEG), kept
//! without the metadata a phone writes into them, shown to staff and published as Open311's
//! `media_url` by a token of their own.

use lots_domain::image::{self, ImageKind};
use lots_i18n::Message;
use sqlx::Row;

use super::fault_reports::FaultError;
use crate::secret::new_token;
use crate::{Result, Tenant};

/// How many photos one report may carry.
pub const MAX_FAULT_PHOTOS: usize = 3;

/// The largest photo taken, as sent: a phone's picture at full size.
pub const MAX_PHOTO_BYTES: usize = 8 * 1024 * 1024;

/// A photo as checked and cleaned, ready to be written with its report.
pub(super) type CleanPhoto = (ImageKind, Vec<u8>);

/// Every photo checked at once: too many, each one too large or not a picture, named by its
/// place in the order sent.
pub(super) fn check_photos(photos: &[Vec<u8>], wrong: &mut Vec<FaultError>) -> Vec<CleanPhoto> {
    let refusal = |id: &'static str, api: String, n: usize| FaultError {
        field: "photos".into(),
        message: Message::new(id)
            .with_number("n", n as i64)
            .with_number("max", MAX_FAULT_PHOTOS as i64)
            .with_number("mib", (MAX_PHOTO_BYTES / (1024 * 1024)) as i64),
        api,
    };
    if photos.len() > MAX_FAULT_PHOTOS {
        wrong.push(refusal(
            "fault-photos-at-most",
            format!("at most {MAX_FAULT_PHOTOS} photos"),
            photos.len(),
        ));
        return Vec::new();
    }
    let mut clean = Vec::new();
    for (i, photo) in photos.iter().enumerate() {
        if photo.len() > MAX_PHOTO_BYTES {
            wrong.push(refusal(
                "fault-photo-too-large",
                format!("photo {} is larger than {MAX_PHOTO_BYTES} bytes", i + 1),
                i + 1,
            ));
            continue;
        }
        match image::clean(photo) {
            Ok(c) => clean.push(c),
            Err(_) => wrong.push(refusal(
                "fault-photo-not-a-picture",
                format!("photo {} is not a PNG or JPEG picture", i + 1),
                i + 1,
            )),
        }
    }
    clean
}

/// Writes a report's photos in the transaction that writes the report.
pub(super) async fn write_photos(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    (municipality, report_id): (&str, i64),
    photos: &[CleanPhoto],
    at: i64,
) -> Result<()> {
    for (kind, content) in photos {
        sqlx::query(
            "INSERT INTO fault_photos (municipality_code, report_id, token, content_type,
                 content, created_at)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(municipality)
        .bind(report_id)
        .bind(new_token())
        .bind(kind.content_type())
        .bind(content.as_slice())
        .bind(at)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

impl crate::Db {
    /// A photo by its token, public as Open311's requests are: its kind and content.
    pub async fn fault_photo(&self, token: &str) -> Result<Option<(ImageKind, Vec<u8>)>> {
        let row = sqlx::query("SELECT content_type, content FROM fault_photos WHERE token = $1")
            .bind(token)
            .fetch_optional(&self.pool)
            .await?;
        crate::db::picture(row, ("content_type", "content"))
    }
}

impl Tenant<'_> {
    /// The tokens of a report's photos, in the order sent.
    pub async fn fault_photos(&self, report_id: i64) -> Result<Vec<String>> {
        sqlx::query(
            "SELECT token FROM fault_photos WHERE municipality_code = $1 AND report_id = $2
             ORDER BY id",
        )
        .bind(&self.code)
        .bind(report_id)
        .fetch_all(&self.db.pool)
        .await?
        .iter()
        .map(|r| Ok(r.try_get("token")?))
        .collect()
    }
}
