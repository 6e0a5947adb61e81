//! Staff accounts of a municipality: creation, the staff directory, status, roles and units.

use lots_i18n::Lang;
use std::str::FromStr;

use lots_domain::Role;
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::error::{Conflict, conflict_on_unique};
use crate::params::{Params, limit_offset};
use crate::{Db, Result, StoreError, Tenant, now};

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum UserStatus {
    /// Invited by e-mail; no password yet.
    Invited,
    Active,
    /// Cannot sign in; kept for the audit log and history.
    Disabled,
}

impl UserStatus {
    pub fn code(self) -> &'static str {
        match self {
            UserStatus::Invited => "invited",
            UserStatus::Active => "active",
            UserStatus::Disabled => "disabled",
        }
    }

    pub fn parse(s: &str) -> Option<UserStatus> {
        match s {
            "invited" => Some(UserStatus::Invited),
            "active" => Some(UserStatus::Active),
            "disabled" => Some(UserStatus::Disabled),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct StaffMember {
    pub id: i64,
    pub municipality_code: Option<String>,
    pub organiser_id: Option<i64>,
    pub unit_id: Option<i64>,
    pub unit_name: Option<String>,
    pub email: String,
    pub name: String,
    pub title: String,
    pub status: UserStatus,
    pub language: Lang,
    pub roles: Vec<Role>,
    pub created_at: i64,
    pub last_sign_in_at: Option<i64>,
}

/// A new staff account. Without a password hash the account is invited and gets its
/// password through the one-time link.
pub struct NewUser<'a> {
    pub email: &'a str,
    pub name: &'a str,
    pub title: &'a str,
    pub unit_id: Option<i64>,
    pub roles: &'a [Role],
    pub password_hash: Option<String>,
    pub language: Lang,
}

#[derive(Debug, Clone, Default)]
pub struct StaffFilter {
    /// A part of the name, e-mail or title, any case.
    pub query: Option<String>,
    pub role: Option<Role>,
    /// Staff of any of these units; empty means any unit or none.
    pub unit_ids: Vec<i64>,
    pub status: Option<UserStatus>,
    /// 1-based.
    pub page: usize,
    pub per_page: usize,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct StaffPage {
    /// How many match the filter in all pages.
    pub total: usize,
    pub items: Vec<StaffMember>,
}

pub(crate) const USER_COLUMNS: &str = "u.id, u.municipality_code, u.organiser_id, u.unit_id, \
    un.name AS unit_name, u.email, u.name, u.title, u.status, u.language, u.roles, \
    u.created_at, u.last_sign_in_at";

pub(crate) fn user_from_row(r: &AnyRow) -> Result<StaffMember> {
    let status: String = r.try_get("status")?;
    let roles: String = r.try_get("roles")?;
    Ok(StaffMember {
        id: r.try_get("id")?,
        municipality_code: r.try_get("municipality_code")?,
        organiser_id: r.try_get("organiser_id")?,
        unit_id: r.try_get("unit_id")?,
        unit_name: r.try_get("unit_name")?,
        email: r.try_get("email")?,
        name: r.try_get("name")?,
        title: r.try_get("title")?,
        status: UserStatus::parse(&status)
            .ok_or_else(|| StoreError::Invalid(format!("unknown status {status}")))?,
        language: crate::db::language(r)?,
        roles: parse_roles(&roles),
        created_at: r.try_get("created_at")?,
        last_sign_in_at: r.try_get("last_sign_in_at")?,
    })
}

/// Roles are stored as a comma-separated list of codes, `administrator,manager`, so one row
/// carries a user's access and no second query is needed per request.
fn parse_roles(stored: &str) -> Vec<Role> {
    // A role name this release does not know (from a newer one) grants nothing.
    let mut roles: Vec<Role> = stored
        .split(',')
        .filter_map(|r| Role::from_str(r).ok())
        .collect();
    roles.sort();
    roles.dedup();
    roles
}

fn store_roles(roles: &[Role]) -> String {
    let mut codes: Vec<&str> = roles.iter().map(|r| r.code()).collect();
    codes.sort();
    codes.dedup();
    codes.join(",")
}

/// A condition that a user (aliased `u`) holds `role`.
pub(crate) fn has_role(p: &mut Params, role: Role) -> String {
    format!(
        "(',' || u.roles || ',') LIKE {}",
        p.text(format!("%,{},%", role.code()))
    )
}

impl Db {
    /// Any account by e-mail, for the command line and sign-in.
    pub async fn user_by_email(&self, email: &str) -> Result<Option<StaffMember>> {
        let sql = format!(
            "SELECT {USER_COLUMNS} FROM users u LEFT JOIN units un ON un.id = u.unit_id
             WHERE u.email = $1"
        );
        let Some(row) = sqlx::query(&sql)
            .bind(email.trim().to_lowercase())
            .fetch_optional(&self.pool)
            .await?
        else {
            return Ok(None);
        };
        Ok(Some(user_from_row(&row)?))
    }

    /// Creates an organiser's staff account.
    pub async fn create_organiser_user(
        &self,
        organiser_id: i64,
        new: NewUser<'_>,
    ) -> Result<StaffMember> {
        let mut conn = self.pool.acquire().await?;
        let id = insert_user(&mut conn, None, Some(organiser_id), &new).await?;
        drop(conn);
        self.user_by_id_any(id).await
    }

    async fn user_by_id_any(&self, id: i64) -> Result<StaffMember> {
        let sql = format!(
            "SELECT {USER_COLUMNS} FROM users u LEFT JOIN units un ON un.id = u.unit_id
             WHERE u.id = $1"
        );
        let row = sqlx::query(&sql)
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .ok_or(StoreError::NotFound)?;
        user_from_row(&row)
    }

    /// Every account of the installation, for the command line.
    pub async fn all_users(&self) -> Result<Vec<StaffMember>> {
        let sql = format!(
            "SELECT {USER_COLUMNS} FROM users u LEFT JOIN units un ON un.id = u.unit_id
             ORDER BY u.municipality_code, u.email"
        );
        let rows = sqlx::query(&sql).fetch_all(&self.pool).await?;
        rows.iter().map(user_from_row).collect()
    }

    /// Disables any account by e-mail and ends its sessions (command line).
    pub async fn disable_user_by_email(&self, email: &str) -> Result<StaffMember> {
        let user = self
            .user_by_email(email)
            .await?
            .ok_or(StoreError::NotFound)?;
        let mut tx = self.begin_write().await?;
        set_status(&mut tx, user.id, UserStatus::Disabled).await?;
        tx.commit().await?;
        self.user_by_id_any(user.id).await
    }
}

async fn insert_user(
    conn: &mut sqlx::AnyConnection,
    municipality: Option<&str>,
    organiser: Option<i64>,
    new: &NewUser<'_>,
) -> Result<i64> {
    let email =
        lots_domain::email::normalise(new.email).map_err(|e| StoreError::Invalid(e.to_string()))?;
    if new.name.trim().is_empty() {
        return Err(StoreError::Invalid("a user needs a name".into()));
    }
    if new.roles.is_empty() {
        return Err(StoreError::Invalid("a user needs at least one role".into()));
    }
    let status = if new.password_hash.is_some() {
        UserStatus::Active
    } else {
        UserStatus::Invited
    };
    let id: i64 = sqlx::query(
        "INSERT INTO users (municipality_code, organiser_id, unit_id, email, name, title,
                            sort_key, search_text, roles, password_hash, status, language,
                            created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id",
    )
    .bind(municipality)
    .bind(organiser)
    .bind(new.unit_id)
    .bind(&email)
    .bind(new.name.trim())
    .bind(new.title.trim())
    .bind(lots_domain::collation::sort_key(new.name.trim()))
    .bind(search_text(new.name, &email, new.title))
    .bind(store_roles(new.roles))
    .bind(new.password_hash.as_deref())
    .bind(status.code())
    .bind(new.language.code())
    .bind(now())
    .fetch_one(conn)
    .await
    .map_err(|e| conflict_on_unique(e, Conflict::EmailTaken))?
    .try_get("id")?;
    Ok(id)
}

/// What a directory search matches: name, e-mail and title, lower-cased in Rust because
/// SQLite's LOWER() folds only ASCII and would miss Å, Ä and Ö.
fn search_text(name: &str, email: &str, title: &str) -> String {
    format!("{} {} {}", name.trim(), email, title.trim()).to_lowercase()
}

/// A new status, in the caller's transaction; a disabled account's sessions end with it.
async fn set_status(
    conn: &mut sqlx::AnyConnection,
    user_id: i64,
    status: UserStatus,
) -> Result<()> {
    sqlx::query("UPDATE users SET status = $1 WHERE id = $2")
        .bind(status.code())
        .bind(user_id)
        .execute(&mut *conn)
        .await?;
    if status == UserStatus::Disabled {
        sqlx::query("DELETE FROM sessions WHERE user_id = $1")
            .bind(user_id)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

impl Tenant<'_> {
    /// Creates a staff account in this municipality.
    pub async fn create_user(&self, new: NewUser<'_>) -> Result<StaffMember> {
        if new.roles.iter().any(|r| r.is_organiser_role()) {
            return Err(StoreError::Invalid(
                "the organiser role belongs to an organiser's staff, not a municipality's".into(),
            ));
        }
        if let Some(unit) = new.unit_id {
            self.unit(unit).await?;
        }
        let mut tx = self.db.begin_write().await?;
        let id = insert_user(&mut tx, Some(&self.code), None, &new).await?;
        self.audit_in(&mut tx, "user.invite", ("user", id), "")
            .await?;
        tx.commit().await?;
        self.user(id).await
    }

    /// A staff member of this municipality by id.
    pub async fn user(&self, id: i64) -> Result<StaffMember> {
        let sql = format!(
            "SELECT {USER_COLUMNS} FROM users u LEFT JOIN units un ON un.id = u.unit_id
             WHERE u.municipality_code = $1 AND u.id = $2"
        );
        let row = sqlx::query(&sql)
            .bind(&self.code)
            .bind(id)
            .fetch_optional(&self.db.pool)
            .await?
            .ok_or(StoreError::NotFound)?;
        user_from_row(&row)
    }

    /// The staff directory: filtered, in Swedish order by name, one page of it. Filtering,
    /// ordering and paging happen in the database; roles are read for the page only.
    /// The directory of a filter for a file staff download, an audited read.
    pub async fn export_staff(&self, filter: &StaffFilter) -> Result<StaffPage> {
        let page = self.staff(filter).await?;
        let detail = format!("{} rows", page.items.len());
        self.audit_read("staff.export", ("staff", "*"), detail)
            .await?;
        Ok(page)
    }

    pub async fn staff(&self, filter: &StaffFilter) -> Result<StaffPage> {
        let mut p = Params::new(self.db);
        let mut conditions = vec![format!("u.municipality_code = {}", p.text(&self.code))];
        if let Some(q) = filter
            .query
            .as_deref()
            .map(str::trim)
            .filter(|q| !q.is_empty())
        {
            let escaped = q
                .to_lowercase()
                .replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_");
            conditions.push(format!(
                "u.search_text LIKE {} ESCAPE '\\'",
                p.text(format!("%{escaped}%"))
            ));
        }
        if let Some(role) = filter.role {
            conditions.push(has_role(&mut p, role));
        }
        if !filter.unit_ids.is_empty() {
            let list: Vec<String> = filter.unit_ids.iter().map(|id| p.int(*id)).collect();
            conditions.push(format!("u.unit_id IN ({})", list.join(", ")));
        }
        if let Some(status) = filter.status {
            conditions.push(format!("u.status = {}", p.text(status.code())));
        }
        let where_clause = conditions.join(" AND ");
        let total: i64 = p
            .bind(&format!(
                "SELECT COUNT(*) AS n FROM users u WHERE {where_clause}"
            ))
            .fetch_one(&self.db.pool)
            .await?
            .try_get("n")?;
        let sql = format!(
            "SELECT {USER_COLUMNS} FROM users u LEFT JOIN units un ON un.id = u.unit_id
             WHERE {where_clause} ORDER BY u.sort_key {}",
            limit_offset(filter.page, filter.per_page)
        );
        let rows = p.bind(&sql).fetch_all(&self.db.pool).await?;
        let items = rows.iter().map(user_from_row).collect::<Result<Vec<_>>>()?;
        Ok(StaffPage {
            total: total as usize,
            items,
        })
    }

    /// How many staff who are not disabled hold each role, in one pass.
    pub async fn role_counts(&self) -> Result<Vec<(Role, i64)>> {
        let mut p = Params::new(self.db);
        // Placeholders are made in the order they appear in the statement.
        let sums: Vec<String> = Role::ALL
            .iter()
            .map(|r| {
                let holds = has_role(&mut p, *r);
                format!(
                    "COALESCE(SUM(CASE WHEN {holds} THEN 1 ELSE 0 END), 0) AS {}",
                    r.code()
                )
            })
            .collect();
        let code = p.text(&self.code);
        let sql = format!(
            "SELECT {} FROM users u WHERE u.municipality_code = {code} AND u.status <> 'disabled'",
            sums.join(", ")
        );
        let row = p.bind(&sql).fetch_one(&self.db.pool).await?;
        Role::ALL
            .iter()
            .map(|r| Ok((*r, row.try_get::<i64, _>(r.code())?)))
            .collect()
    }

    /// How many staff have each status.
    pub async fn status_counts(&self) -> Result<Vec<(UserStatus, i64)>> {
        let rows = sqlx::query(
            "SELECT status, COUNT(*) AS n FROM users WHERE municipality_code = $1 GROUP BY status",
        )
        .bind(&self.code)
        .fetch_all(&self.db.pool)
        .await?;
        let mut counts = Vec::new();
        for r in rows {
            if let Some(status) = UserStatus::parse(&r.try_get::<String, _>("status")?) {
                counts.push((status, r.try_get("n")?));
            }
        }
        Ok(counts)
    }

    /// Disables or re-enables a staff member of this municipality.
    pub async fn set_user_status(&self, id: i64, status: UserStatus) -> Result<StaffMember> {
        let user = self.user(id).await?;
        if status == UserStatus::Active && user.status == UserStatus::Invited {
            return Err(StoreError::Invalid(
                "an invited user becomes active by accepting the invitation".into(),
            ));
        }
        let action = match status {
            UserStatus::Disabled => "user.disable",
            _ => "user.enable",
        };
        let mut tx = self.db.begin_write().await?;
        set_status(&mut tx, user.id, status).await?;
        self.audit_in(&mut tx, action, ("user", id), "").await?;
        tx.commit().await?;
        self.user(id).await
    }

    /// Replaces a staff member's roles and unit.
    pub async fn update_user_roles_and_unit(
        &self,
        id: i64,
        roles: &[Role],
        unit_id: Option<i64>,
    ) -> Result<StaffMember> {
        self.user(id).await?;
        if roles.is_empty() {
            return Err(StoreError::Invalid("a user needs at least one role".into()));
        }
        if roles.iter().any(|r| r.is_organiser_role()) {
            return Err(StoreError::Invalid(
                "the organiser role belongs to an organiser's staff".into(),
            ));
        }
        if let Some(unit) = unit_id {
            self.unit(unit).await?;
        }
        let mut tx = self.db.begin_write().await?;
        sqlx::query(
            "UPDATE users SET unit_id = $1, roles = $2 WHERE id = $3 AND municipality_code = $4",
        )
        .bind(unit_id)
        .bind(store_roles(roles))
        .bind(id)
        .bind(&self.code)
        .execute(&mut *tx)
        .await?;
        let detail = format!(
            "roles={} unit={}",
            roles.iter().map(|r| r.code()).collect::<Vec<_>>().join(","),
            unit_id.map(|u| u.to_string()).unwrap_or_default()
        );
        self.audit_in(&mut tx, "user.update", ("user", id), detail)
            .await?;
        tx.commit().await?;
        self.user(id).await
    }
}
