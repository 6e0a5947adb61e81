//! Each officer's terms in a campaign: the working day times are offered within, and the
//! home area the plan weighs travel from (the office when none).

use jiff::civil::Time;
use lots_domain::scheduling::Hours;
use sqlx::Row;

use crate::error::field;
use crate::{Result, StoreError, Tenant};

#[derive(Debug, Clone, serde::Serialize)]
pub struct OfficerTerms {
    pub user_id: i64,
    pub name: String,
    #[serde(serialize_with = "as_hh_mm")]
    pub day_starts: Time,
    #[serde(serialize_with = "as_hh_mm")]
    pub day_ends: Time,
    pub home_area_id: Option<i64>,
    pub home_area: Option<String>,
}

impl Tenant<'_> {
    pub async fn officer_terms(&self, campaign_id: i64) -> Result<Vec<OfficerTerms>> {
        self.campaign(campaign_id).await?;
        let rows = sqlx::query(
            "SELECT o.user_id, u.name, o.day_starts, o.day_ends, o.home_area_id, a.name AS area
             FROM campaign_officers o JOIN users u ON u.id = o.user_id
             LEFT JOIN areas a ON a.id = o.home_area_id
             WHERE o.campaign_id = $1 ORDER BY u.sort_key",
        )
        .bind(campaign_id)
        .fetch_all(&self.db.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(OfficerTerms {
                    user_id: r.try_get("user_id")?,
                    name: r.try_get("name")?,
                    day_starts: crate::db::time(r, "day_starts")?,
                    day_ends: crate::db::time(r, "day_ends")?,
                    home_area_id: r.try_get("home_area_id")?,
                    home_area: r.try_get("area")?,
                })
            })
            .collect()
    }

    /// Sets an officer's working day and home area; times already offered or booked stay,
    /// the next offer and plan use the new terms.
    pub async fn set_officer_terms(
        &self,
        campaign_id: i64,
        user_id: i64,
        (day_starts, day_ends): (Option<Time>, Option<Time>),
        home_area_id: Option<i64>,
    ) -> Result<()> {
        let campaign = self.campaign(campaign_id).await?;
        if !self
            .officer_terms(campaign_id)
            .await?
            .iter()
            .any(|o| o.user_id == user_id)
        {
            return Err(StoreError::NotFound);
        }
        let hours = day_starts
            .zip(day_ends)
            .and_then(|(s, e)| Hours::new(s, e, campaign.visit_minutes));
        let Some(hours) = hours else {
            return Err(StoreError::Field(
                "day_starts".into(),
                lots_i18n::Message::new("write-the-working-day-as")
                    .with("minutes", campaign.visit_minutes),
            ));
        };
        if let Some(area) = home_area_id
            && !self.areas().await?.iter().any(|a| a.id == area)
        {
            return Err(field("home_area", "choose-an-area-of-the-municipality"));
        }
        sqlx::query(
            "UPDATE campaign_officers SET day_starts = $1, day_ends = $2, home_area_id = $3
             WHERE campaign_id = $4 AND user_id = $5",
        )
        .bind(crate::db::hh_mm(hours.starts))
        .bind(crate::db::hh_mm(hours.ends))
        .bind(home_area_id)
        .bind(campaign_id)
        .bind(user_id)
        .execute(&self.db.pool)
        .await?;
        Ok(())
    }
}

fn as_hh_mm<S: serde::Serializer>(t: &Time, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(&crate::db::hh_mm(*t))
}
