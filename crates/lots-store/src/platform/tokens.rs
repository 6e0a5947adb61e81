//! API tokens: per municipality, with a scope, shown once, stored hashed, revocable.

use std::fmt;
use std::str::FromStr;

use sqlx::Row;

use crate::secret::{new_token, token_hash};
use crate::{Db, Result, StoreError, Tenant, now};

/// What a token may do. `Write` includes `Read` and `Open311`; `Open311` only submits
/// fault reports (the `api_key` of a GeoReport client, which may sit in an app).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    Read,
    Write,
    Open311,
}

impl Scope {
    pub fn code(self) -> &'static str {
        match self {
            Scope::Read => "read",
            Scope::Write => "write",
            Scope::Open311 => "open311",
        }
    }

    /// Whether a token of this scope may do what `needed` requires.
    pub fn allows(self, needed: Scope) -> bool {
        self == needed || self == Scope::Write
    }
}

impl fmt::Display for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Scope {
    type Err = StoreError;
    fn from_str(s: &str) -> Result<Self> {
        match s.trim() {
            "read" => Ok(Scope::Read),
            "write" => Ok(Scope::Write),
            "open311" => Ok(Scope::Open311),
            other => Err(StoreError::Invalid(format!(
                "unknown scope {other:?}; known scopes: read, write, open311"
            ))),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ApiToken {
    pub id: i64,
    pub name: String,
    pub scope: Scope,
    /// The first characters of the token, to recognise it without revealing it.
    pub prefix: String,
    pub created_at: i64,
    pub created_by: String,
    pub last_used_at: Option<i64>,
    pub revoked_at: Option<i64>,
}

/// Who is calling with a valid token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenIdentity {
    pub id: i64,
    pub municipality_code: String,
    pub name: String,
    pub scope: Scope,
}

const TOKEN_PREFIX: &str = "lots_";

fn token_from_row(r: &sqlx::any::AnyRow) -> Result<ApiToken> {
    let scope: String = r.try_get("scope")?;
    Ok(ApiToken {
        id: r.try_get("id")?,
        name: r.try_get("name")?,
        scope: scope.parse()?,
        prefix: r.try_get("prefix")?,
        created_at: r.try_get("created_at")?,
        created_by: r.try_get("created_by")?,
        last_used_at: r.try_get("last_used_at")?,
        revoked_at: r.try_get("revoked_at")?,
    })
}

impl Tenant<'_> {
    /// Creates a token and returns it with the secret, which is never available again.
    pub async fn create_api_token(
        &self,
        name: &str,
        scope: Scope,
        created_by: &str,
    ) -> Result<(ApiToken, String)> {
        let name = name.trim();
        if name.is_empty() {
            return Err(StoreError::Invalid("a token needs a name".into()));
        }
        let secret = format!("{TOKEN_PREFIX}{}", new_token());
        let prefix: String = secret.chars().take(TOKEN_PREFIX.len() + 8).collect();
        let id: i64 = sqlx::query(
            "INSERT INTO api_tokens (municipality_code, name, scope, token_hash, prefix,
                                     created_at, created_by)
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(&self.code)
        .bind(name)
        .bind(scope.code())
        .bind(token_hash(&secret))
        .bind(&prefix)
        .bind(now())
        .bind(created_by)
        .fetch_one(&self.db.pool)
        .await?
        .try_get("id")?;
        Ok((self.api_token(id).await?, secret))
    }

    pub async fn api_token(&self, id: i64) -> Result<ApiToken> {
        let row = sqlx::query(
            "SELECT id, name, scope, prefix, created_at, created_by, last_used_at, revoked_at
             FROM api_tokens WHERE municipality_code = $1 AND id = $2",
        )
        .bind(&self.code)
        .bind(id)
        .fetch_optional(&self.db.pool)
        .await?
        .ok_or(StoreError::NotFound)?;
        token_from_row(&row)
    }

    /// All tokens of the municipality, newest first, revoked ones included.
    pub async fn api_tokens(&self) -> Result<Vec<ApiToken>> {
        let rows = sqlx::query(
            "SELECT id, name, scope, prefix, created_at, created_by, last_used_at, revoked_at
             FROM api_tokens WHERE municipality_code = $1 ORDER BY id DESC",
        )
        .bind(&self.code)
        .fetch_all(&self.db.pool)
        .await?;
        rows.iter().map(token_from_row).collect()
    }

    /// Revokes a token; revoking a revoked token changes nothing.
    pub async fn revoke_api_token(&self, id: i64) -> Result<ApiToken> {
        self.api_token(id).await?;
        sqlx::query(
            "UPDATE api_tokens SET revoked_at = $1
             WHERE municipality_code = $2 AND id = $3 AND revoked_at IS NULL",
        )
        .bind(now())
        .bind(&self.code)
        .bind(id)
        .execute(&self.db.pool)
        .await?;
        self.api_token(id).await
    }
}

impl Db {
    /// The identity behind a bearer token, if it is valid and not revoked.
    pub async fn verify_api_token(&self, secret: &str) -> Result<Option<TokenIdentity>> {
        if !secret.starts_with(TOKEN_PREFIX) {
            return Ok(None);
        }
        let row = sqlx::query(
            "SELECT id, municipality_code, name, scope, last_used_at FROM api_tokens
             WHERE token_hash = $1 AND revoked_at IS NULL",
        )
        .bind(token_hash(secret))
        .fetch_optional(&self.pool)
        .await?;
        let Some(row) = row else {
            return Ok(None);
        };
        let id: i64 = row.try_get("id")?;
        let last_used: Option<i64> = row.try_get("last_used_at")?;
        let t = now();
        if last_used.is_none_or(|u| t - u > 60) {
            sqlx::query("UPDATE api_tokens SET last_used_at = $1 WHERE id = $2")
                .bind(t)
                .bind(id)
                .execute(&self.pool)
                .await?;
        }
        let scope: String = row.try_get("scope")?;
        Ok(Some(TokenIdentity {
            id,
            municipality_code: row.try_get("municipality_code")?,
            name: row.try_get("name")?,
            scope: scope.parse()?,
        }))
    }

    /// Revokes a token by id in any municipality (command line).
    pub async fn revoke_api_token_any(&self, id: i64) -> Result<()> {
        let done = sqlx::query(
            "UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL",
        )
        .bind(now())
        .bind(id)
        .execute(&self.pool)
        .await?;
        if done.rows_affected() == 0 {
            let exists = sqlx::query("SELECT id FROM api_tokens WHERE id = $1")
                .bind(id)
                .fetch_optional(&self.pool)
                .await?;
            if exists.is_none() {
                return Err(StoreError::NotFound);
            }
        }
        Ok(())
    }
}
