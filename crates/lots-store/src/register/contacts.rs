//! Contact people at companies. They are personal data: every view and change writes its
//! audit row here, a change in its own transaction; here are the register extract, erasure
//! and the review list.

use lots_domain::collation::sort_key;
use lots_domain::contact_import::LegalBasis;
use lots_i18n::Lang;
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::error::Refusals;
use crate::register::companies::company_search_text;
use crate::{AuditFilter, AuditRecord, Result, StoreError, Tenant, now};

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Contact {
    pub id: i64,
    pub company_id: i64,
    pub name: String,
    pub role: String,
    pub email: String,
    pub phone: String,
    pub language: Lang,
    pub legal_basis: LegalBasis,
    pub last_activity_at: i64,
    pub created_at: i64,
    pub erased: bool,
}

#[derive(Debug, Clone, Default)]
pub struct ContactInput {
    pub name: String,
    pub role: String,
    pub email: String,
    pub phone: String,
    pub language: Lang,
    /// `None` when the form chose none; refused.
    pub legal_basis: Option<LegalBasis>,
}

const CONTACT_COLUMNS: &str = "id, company_id, name, role, email, phone, language, legal_basis, \
    last_activity_at, created_at, erased_at";

fn contact_from_row(r: &AnyRow) -> Result<Contact> {
    let erased: Option<i64> = r.try_get("erased_at")?;
    Ok(Contact {
        id: r.try_get("id")?,
        company_id: r.try_get("company_id")?,
        name: r.try_get("name")?,
        role: r.try_get("role")?,
        email: r.try_get("email")?,
        phone: r.try_get("phone")?,
        language: crate::db::language(r)?,
        legal_basis: crate::db::code(r, "legal_basis")?,
        last_activity_at: r.try_get("last_activity_at")?,
        created_at: r.try_get("created_at")?,
        erased: erased.is_some(),
    })
}

impl ContactInput {
    /// The normalised e-mail address and the legal basis; the error names every wrong
    /// field.
    fn validate(&self) -> Result<(String, LegalBasis)> {
        let mut refusals = Refusals::default();
        refusals.check(
            !self.name.trim().is_empty(),
            "name",
            "enter-the-contact-persons-name",
        );
        let email = if self.email.trim().is_empty() {
            Some(String::new())
        } else {
            let email = lots_domain::email::normalise(&self.email).ok();
            refusals.require(email, "email", "enter-an-e-mail-address-at-the-company")
        };
        let basis = refusals.require(self.legal_basis, "legal_basis", "choose-the-legal-basis");
        refusals.done_with(email.zip(basis))
    }
}

impl Tenant<'_> {
    /// The company's contact people (erased ones excluded), in Swedish order.
    pub async fn contacts(&self, company_id: i64) -> Result<Vec<Contact>> {
        self.company(company_id).await?;
        let sql = format!(
            "SELECT {CONTACT_COLUMNS} FROM contacts
             WHERE municipality_code = $1 AND company_id = $2 AND erased_at IS NULL ORDER BY sort_key"
        );
        let rows = sqlx::query(&sql)
            .bind(&self.code)
            .bind(company_id)
            .fetch_all(&self.db.pool)
            .await?;
        rows.iter().map(contact_from_row).collect()
    }

    /// The contact mail to a company goes to: its first contact person with an e-mail address.
    pub async fn reachable_contact(&self, company_id: i64) -> Result<Option<Contact>> {
        Ok(self
            .contacts(company_id)
            .await?
            .into_iter()
            .find(|c| !c.erased && !c.email.is_empty()))
    }

    pub async fn contact(&self, id: i64) -> Result<Contact> {
        let sql = format!(
            "SELECT {CONTACT_COLUMNS} FROM contacts WHERE municipality_code = $1 AND id = $2"
        );
        let row = sqlx::query(&sql)
            .bind(&self.code)
            .bind(id)
            .fetch_optional(&self.db.pool)
            .await?
            .ok_or(StoreError::NotFound)?;
        contact_from_row(&row)
    }

    /// A contact person shown to staff: the read is audited.
    pub async fn view_contact(&self, id: i64) -> Result<Contact> {
        let contact = self.live_contact(id).await?;
        self.audit_read("contact.view", ("contact", id), "").await?;
        Ok(contact)
    }

    /// A contact who is not erased, or `NotFound`.
    pub async fn live_contact(&self, id: i64) -> Result<Contact> {
        let contact = self.contact(id).await?;
        if contact.erased {
            return Err(StoreError::NotFound);
        }
        Ok(contact)
    }

    /// Everything Lots holds on the person, for a register extract: the contact, and who
    /// has touched it (this extract included).
    pub async fn extract_contact(&self, id: i64) -> Result<(Contact, Vec<AuditRecord>)> {
        let contact = self.live_contact(id).await?;
        self.audit_read("contact.extract", ("contact", id), "")
            .await?;
        let (_, log) = self
            .audit_log(&AuditFilter {
                record_type: Some("contact".into()),
                record_id: Some(id.to_string()),
                page: 1,
                per_page: 10_000,
                ..AuditFilter::default()
            })
            .await?;
        Ok((contact, log))
    }

    /// Keeps the company's search text in step with its contact people's names.
    pub(crate) async fn refresh_search_text(&self, company_id: i64) -> Result<()> {
        let mut conn = self.db.pool.acquire().await?;
        self.refresh_search_text_in(&mut conn, company_id).await
    }

    async fn refresh_search_text_in(
        &self,
        conn: &mut sqlx::AnyConnection,
        company_id: i64,
    ) -> Result<()> {
        let company = self.company(company_id).await?;
        let rows =
            sqlx::query("SELECT name FROM contacts WHERE company_id = $1 AND erased_at IS NULL")
                .bind(company_id)
                .fetch_all(&mut *conn)
                .await?;
        let names = rows
            .iter()
            .map(|r| r.try_get("name"))
            .collect::<Result<Vec<String>, _>>()?;
        sqlx::query(
            "UPDATE companies SET search_text = $1 WHERE municipality_code = $2 AND id = $3",
        )
        .bind(company_search_text(
            &company.name,
            &company.other_names,
            &names,
        ))
        .bind(&self.code)
        .bind(company_id)
        .execute(&mut *conn)
        .await?;
        self.bump_search_version_in(conn).await
    }

    pub async fn create_contact(
        &self,
        company_id: i64,
        input: &ContactInput,
        actor: &str,
    ) -> Result<Contact> {
        self.company(company_id).await?;
        let (email, basis) = input.validate()?;
        let t = now();
        let mut tx = self.db.begin_write().await?;
        let id: i64 = sqlx::query(
            "INSERT INTO contacts (municipality_code, company_id, name, role, email, phone, language,
                 legal_basis, sort_key, last_activity_at, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id",
        )
        .bind(&self.code)
        .bind(company_id)
        .bind(input.name.trim())
        .bind(input.role.trim())
        .bind(email)
        .bind(input.phone.trim())
        .bind(input.language.code())
        .bind(basis.code())
        .bind(sort_key(input.name.trim()))
        .bind(t)
        .fetch_one(&mut *tx)
        .await?
        .try_get("id")?;
        self.refresh_search_text_in(&mut tx, company_id).await?;
        // The journey names no person, so erasing the person leaves nothing behind there.
        let added = (crate::JourneyKind::Contact, "journey-contact-added", "");
        self.journey_in(&mut tx, company_id, added, actor).await?;
        self.audit_in(&mut tx, "contact.create", ("contact", id), "")
            .await?;
        tx.commit().await?;
        self.contact(id).await
    }

    pub async fn update_contact(&self, id: i64, input: &ContactInput) -> Result<Contact> {
        let before = self.live_contact(id).await?;
        let (email, basis) = input.validate()?;
        let mut tx = self.db.begin_write().await?;
        sqlx::query(
            "UPDATE contacts SET name = $1, role = $2, email = $3, phone = $4, language = $5,
                 legal_basis = $6, sort_key = $7, last_activity_at = $8
             WHERE municipality_code = $9 AND id = $10",
        )
        .bind(input.name.trim())
        .bind(input.role.trim())
        .bind(email)
        .bind(input.phone.trim())
        .bind(input.language.code())
        .bind(basis.code())
        .bind(sort_key(input.name.trim()))
        .bind(now())
        .bind(&self.code)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        self.refresh_search_text_in(&mut tx, before.company_id)
            .await?;
        self.audit_in(&mut tx, "contact.update", ("contact", id), "")
            .await?;
        tx.commit().await?;
        self.contact(id).await
    }

    /// Erases a person: every personal field is blanked and the row kept as an anonymous
    /// placeholder, so counts and statistics stay right.
    pub async fn erase_contact(&self, id: i64, actor: &str) -> Result<()> {
        let c = self.live_contact(id).await?;
        let mut tx = self.db.begin_write().await?;
        sqlx::query(
            "UPDATE contacts SET name = '', role = '', email = '', phone = '', sort_key = '',
                 erased_at = $1 WHERE municipality_code = $2 AND id = $3",
        )
        .bind(now())
        .bind(&self.code)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        self.refresh_search_text_in(&mut tx, c.company_id).await?;
        let erased = (crate::JourneyKind::Contact, "journey-contact-erased", "");
        self.journey_in(&mut tx, c.company_id, erased, actor)
            .await?;
        self.audit_in(&mut tx, "contact.erase", ("contact", id), "")
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Contacts with no activity for `years` years, for a retention review.
    /// The list is a read of personal data: it is audited with how many it listed.
    pub async fn contacts_to_review(&self, years: i64) -> Result<Vec<(Contact, String)>> {
        let before = now() - years * 365 * 24 * 3600;
        let rows = sqlx::query(
            "SELECT k.id, k.company_id, k.name, k.role, k.email, k.phone, k.language, k.legal_basis,
                    k.last_activity_at, k.created_at, k.erased_at, c.name AS company_name
             FROM contacts k JOIN companies c ON c.id = k.company_id
             WHERE k.municipality_code = $1 AND k.erased_at IS NULL AND k.last_activity_at < $2
             ORDER BY k.last_activity_at",
        )
        .bind(&self.code)
        .bind(before)
        .fetch_all(&self.db.pool)
        .await?;
        let listed = rows
            .iter()
            .map(|r| Ok((contact_from_row(r)?, r.try_get("company_name")?)))
            .collect::<Result<Vec<_>>>()?;
        let detail = format!("{} listed, {years} years", listed.len());
        self.audit_read("contact.review", ("contact", "*"), detail)
            .await?;
        Ok(listed)
    }
}
