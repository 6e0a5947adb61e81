//! The survey after a closed case, as SKR's Insikt sends it: every month (or quarter, as the
//! municipality chooses), the cases closed in measured areas before become one anonymous
//! round of the Insikt
//! battery, each invitation carrying the case's area and unit for the breakdowns. A
//! company asked within the quarantine, or a case without anyone to ask, is skipped and
//! the case says why.

use sqlx::Row;

use crate::secret::new_token;
use crate::{Result, Tenant, now};

/// Months within which a company is asked at most once.
pub const CASE_SURVEY_QUARANTINE_MONTHS: i64 = 6;
/// Days a batch's round stays open, and its reminders.
const OPEN_DAYS: i64 = 30;
const REMINDER_DAYS: &str = "7,14";

/// The first day of the batch period `today` falls in (a month or a quarter) and its label:
/// `2026-11` or `2026-K4`. Cases closed before that day are due.
fn batch_period(date: jiff::civil::Date, quarterly: bool) -> (String, String) {
    if quarterly {
        let first_month = (date.month() - 1) / 3 * 3 + 1;
        let quarter = (date.month() - 1) / 3 + 1;
        (
            format!("{:04}-{first_month:02}-01", date.year()),
            format!("{:04}-K{quarter}", date.year()),
        )
    } else {
        (
            format!("{:04}-{:02}-01", date.year(), date.month()),
            format!("{:04}-{:02}", date.year(), date.month()),
        )
    }
}

/// What a batch did.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct CaseBatch {
    pub round_id: Option<i64>,
    pub invited: usize,
    pub no_contact: usize,
    pub quarantine: usize,
}

impl Tenant<'_> {
    /// Makes the batch due on `today`: the queued cases closed before this
    /// month become invitations in this month's round (made on first need). Cases leave
    /// the queue as they are handled, so a second run finds nothing new to do. The caller
    /// queues the round's e-mails.
    pub async fn send_case_survey_batch(&self, today: jiff::civil::Date) -> Result<CaseBatch> {
        let quarterly = self.case_survey_batch().await? == "quarter";
        let (period_start, label) = batch_period(today, quarterly);
        let due = sqlx::query(
            "SELECT k.id, k.company_id, k.contact_email, s.name AS area, COALESCE(u.name, '') AS unit
             FROM cases k JOIN service_areas s ON s.id = k.area_id
             LEFT JOIN units u ON u.id = k.unit_id
             WHERE k.municipality_code = $1 AND k.survey_state = 'queued' AND k.closed_on < $2
             ORDER BY k.closed_on, k.id",
        )
        .bind(&self.code)
        .bind(&period_start)
        .fetch_all(&self.db.pool)
        .await?;
        let mut batch = CaseBatch::default();
        if due.is_empty() {
            return Ok(batch);
        }
        self.install_standard_batteries().await?;
        let Some((version_id, _)) = self
            .batteries()
            .await?
            .into_iter()
            .find(|b| b.code == "insikt-nki")
            .and_then(|b| b.published)
        else {
            return Ok(batch);
        };
        let t = now();
        let closes = today
            .checked_add(jiff::Span::new().days(OPEN_DAYS))
            .unwrap_or(today);
        let quarantine_from = t - CASE_SURVEY_QUARANTINE_MONTHS * 30 * 86_400;
        let name = format!("Insikt efter avslutade ärenden {label}");
        let mut tx = self.db.begin_write().await?;
        let existing =
            sqlx::query("SELECT id FROM survey_rounds WHERE municipality_code = $1 AND name = $2")
                .bind(&self.code)
                .bind(&name)
                .fetch_optional(&mut *tx)
                .await?;
        let round_id: i64 = match existing {
            Some(r) => r.try_get("id")?,
            None => sqlx::query(
            "INSERT INTO survey_rounds (municipality_code, battery_version_id, name, opens_on,
                 closes_on, anonymous, quarantine_months, reminder_days, salt, created_by, created_at)
             VALUES ($1, $2, $3, $4, $5, 1, $6, $7, $8, 'Lots', $9) RETURNING id",
        )
        .bind(&self.code)
        .bind(version_id)
        .bind(&name)
        .bind(today.to_string())
        .bind(closes.to_string())
        .bind(CASE_SURVEY_QUARANTINE_MONTHS)
        .bind(REMINDER_DAYS)
        .bind(new_token())
        .bind(t)
        .fetch_one(&mut *tx)
        .await?
        .try_get("id")?,
        };
        batch.round_id = Some(round_id);
        for case in &due {
            let case_id: i64 = case.try_get("id")?;
            let company_id: Option<i64> = case.try_get("company_id")?;
            let mut email: String = case.try_get("contact_email")?;
            let mut language = lots_i18n::Lang::Sv;
            if let Some(company) = company_id {
                // The case's contact, else the company's first contact person with e-mail.
                let contacts = self.contacts(company).await?;
                let known = contacts
                    .iter()
                    .filter(|c| !c.erased && !c.email.is_empty())
                    .find(|c| email.is_empty() || c.email == email);
                if let Some(c) = known {
                    email = c.email.clone();
                    language = c.language;
                }
            }
            let state = if email.is_empty() {
                batch.no_contact += 1;
                "no_contact"
            } else if self
                .asked_since(&mut tx, company_id, &email, quarantine_from)
                .await?
            {
                batch.quarantine += 1;
                "quarantine"
            } else {
                sqlx::query(
                    "INSERT INTO survey_invitations (municipality_code, round_id, company_id, email,
                         language, area, unit, case_id, created_at)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                )
                .bind(&self.code)
                .bind(round_id)
                .bind(company_id)
                .bind(&email)
                .bind(language.code())
                .bind(case.try_get::<String, _>("area")?)
                .bind(case.try_get::<String, _>("unit")?)
                .bind(case_id)
                .bind(t)
                .execute(&mut *tx)
                .await?;
                batch.invited += 1;
                "invited"
            };
            sqlx::query(
                "UPDATE cases SET survey_state = $1 WHERE municipality_code = $2 AND id = $3",
            )
            .bind(state)
            .bind(&self.code)
            .bind(case_id)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(batch)
    }

    /// `month` or `quarter`: how often the municipality sends the batch.
    pub async fn case_survey_batch(&self) -> Result<String> {
        Ok(
            sqlx::query("SELECT case_survey_batch FROM municipalities WHERE code = $1")
                .bind(&self.code)
                .fetch_one(&self.db.pool)
                .await?
                .try_get("case_survey_batch")?,
        )
    }

    pub async fn set_case_survey_batch(&self, every: &str) -> Result<()> {
        if !matches!(every, "month" | "quarter") {
            return Err(crate::StoreError::Field(
                "batch".into(),
                "choose-month-or-quarter".into(),
            ));
        }
        sqlx::query("UPDATE municipalities SET case_survey_batch = $1 WHERE code = $2")
            .bind(every)
            .bind(&self.code)
            .execute(&self.db.pool)
            .await?;
        Ok(())
    }

    /// Whether the company (or, without one, the address) was invited since `since`.
    async fn asked_since(
        &self,
        tx: &mut sqlx::Transaction<'static, sqlx::Any>,
        company_id: Option<i64>,
        email: &str,
        since: i64,
    ) -> Result<bool> {
        let found = match company_id {
            Some(c) => sqlx::query(
                "SELECT 1 AS x FROM survey_invitations
                 WHERE municipality_code = $1 AND company_id = $2 AND created_at >= $3 LIMIT 1",
            )
            .bind(&self.code)
            .bind(c)
            .bind(since),
            None => sqlx::query(
                "SELECT 1 AS x FROM survey_invitations
                 WHERE municipality_code = $1 AND email = $2 AND created_at >= $3 LIMIT 1",
            )
            .bind(&self.code)
            .bind(email)
            .bind(since),
        }
        .fetch_optional(&mut **tx)
        .await?;
        Ok(found.is_some())
    }
}

#[cfg(test)]
mod tests {
    use super::batch_period;

    #[test]
    fn a_batch_covers_what_closed_before_its_month_or_quarter() {
        assert_eq!(
            batch_period(jiff::civil::date(2026, 11, 26), false),
            ("2026-11-01".into(), "2026-11".into())
        );
        assert_eq!(
            batch_period(jiff::civil::date(2026, 11, 26), true),
            ("2026-10-01".into(), "2026-K4".into())
        );
        assert_eq!(
            batch_period(jiff::civil::date(2026, 3, 31), true),
            ("2026-01-01".into(), "2026-K1".into())
        );
    }
}
