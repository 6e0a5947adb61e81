//! Sign-in, server-side sessions, password changes and one-time invitation links.

use sqlx::Row;

use crate::platform::users::{USER_COLUMNS, user_from_row};
use crate::secret::{dummy_hash, hash_password, new_token, token_hash, verify_password};
use crate::{Db, Result, StaffMember, StoreError, UserStatus, now};

/// A session ends after this long without a request…
pub const IDLE_TIMEOUT_SECS: i64 = 8 * 3600;
/// …and in any case this long after sign-in.
pub const ABSOLUTE_TIMEOUT_SECS: i64 = 24 * 3600;
/// An invitation link is valid this long.
pub const INVITATION_VALID_SECS: i64 = 7 * 24 * 3600;
/// Sign-in attempts counted within this window (from the first attempt)…
pub const FAILURE_WINDOW_SECS: i64 = 15 * 60;
/// …lock an e-mail address after this many failed or in flight…
pub const MAX_FAILURES_PER_EMAIL: i64 = 5;
/// …and an address of origin after this many (one office behind one NAT tries many accounts).
pub const MAX_FAILURES_PER_IP: i64 = 30;
/// `last_seen_at` is written at most this often, so reads stay reads.
const TOUCH_INTERVAL_SECS: i64 = 60;

/// A signed-in user and the session they hold.
#[derive(Debug, Clone)]
pub struct SessionUser {
    pub user: StaffMember,
    pub session_hash: String,
}

#[derive(Debug)]
pub enum SignInOutcome {
    /// The new session's token, to be set as a cookie, and its user.
    Success {
        token: String,
        user: Box<StaffMember>,
    },
    /// Unknown e-mail, wrong password, disabled or invited account: one answer for all.
    Invalid,
    /// Too many failures recently; try again later.
    RateLimited,
}

impl Db {
    pub async fn sign_in(&self, email: &str, password: &str, ip: &str) -> Result<SignInOutcome> {
        let email = email.trim().to_lowercase();
        if !self.reserve_attempt(&email, ip).await? {
            return Ok(SignInOutcome::RateLimited);
        }
        let row = sqlx::query("SELECT id, password_hash, status FROM users WHERE email = $1")
            .bind(&email)
            .fetch_optional(&self.pool)
            .await?;
        let (id, stored, status) = match &row {
            Some(r) => (
                r.try_get::<i64, _>("id")?,
                r.try_get::<Option<String>, _>("password_hash")?,
                r.try_get::<String, _>("status")?,
            ),
            None => (0, None, String::new()),
        };
        let hash = stored.clone().unwrap_or_else(|| dummy_hash().to_string());
        let password = password.to_string();
        // argon2 takes tens of milliseconds of CPU: keep it off the async workers.
        let verified = tokio::task::spawn_blocking(move || verify_password(&password, &hash))
            .await
            .unwrap_or(false);
        if !verified || stored.is_none() || status != UserStatus::Active.code() {
            // The reserved attempt stays counted: it was a failure.
            return Ok(SignInOutcome::Invalid);
        }
        let token = new_token();
        let t = now();
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at, ip)
             VALUES ($1, $2, $3, $3, $4, $5)",
        )
        .bind(token_hash(&token))
        .bind(id)
        .bind(t)
        .bind(t + IDLE_TIMEOUT_SECS)
        .bind(ip)
        .execute(&mut *tx)
        .await?;
        sqlx::query("UPDATE users SET last_sign_in_at = $1 WHERE id = $2")
            .bind(t)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        // A success is no failure: its reservation is given back. Earlier failures stay
        // counted, so a success in between never opens more guesses than the limit.
        sqlx::query(
            "UPDATE sign_in_attempts SET attempts = attempts - 1 WHERE counter IN ($1, $2)",
        )
        .bind(format!("email:{email}"))
        .bind(format!("ip:{ip}"))
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        let user = self
            .user_by_email(&email)
            .await?
            .ok_or(StoreError::NotFound)?;
        Ok(SignInOutcome::Success {
            token,
            user: Box::new(user),
        })
    }

    /// Counts an attempt for the e-mail address and the address of origin before the
    /// password is checked; false when either has used up its attempts in the window. One
    /// upsert per counter increments and reads it, so parallel attempts queue on the row
    /// and at most the limit of them are ever checked.
    async fn reserve_attempt(&self, email: &str, ip: &str) -> Result<bool> {
        let t = now();
        let mut tx = self.begin_write().await?;
        let mut allowed = true;
        for (counter, limit) in [
            (format!("email:{email}"), MAX_FAILURES_PER_EMAIL),
            (format!("ip:{ip}"), MAX_FAILURES_PER_IP),
        ] {
            let attempts: i64 = sqlx::query(
                "INSERT INTO sign_in_attempts (counter, window_start, attempts) VALUES ($1, $2, 1)
                 ON CONFLICT (counter) DO UPDATE SET
                   attempts = CASE WHEN sign_in_attempts.window_start <= $3 THEN 1
                                   ELSE sign_in_attempts.attempts + 1 END,
                   window_start = CASE WHEN sign_in_attempts.window_start <= $3 THEN $2
                                       ELSE sign_in_attempts.window_start END
                 RETURNING attempts",
            )
            .bind(&counter)
            .bind(t)
            .bind(t - FAILURE_WINDOW_SECS)
            .fetch_one(&mut *tx)
            .await?
            .try_get("attempts")?;
            allowed &= attempts <= limit;
        }
        tx.commit().await?;
        Ok(allowed)
    }

    /// The user of a live session, sliding its idle timeout forward.
    pub async fn session_user(&self, token: &str) -> Result<Option<SessionUser>> {
        let hash = token_hash(token);
        let t = now();
        let sql = format!(
            "SELECT {USER_COLUMNS}, s.last_seen_at AS s_last_seen, s.created_at AS s_created
             FROM sessions s JOIN users u ON u.id = s.user_id
             LEFT JOIN units un ON un.id = u.unit_id
             WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.status = 'active'"
        );
        let Some(row) = sqlx::query(&sql)
            .bind(&hash)
            .bind(t)
            .fetch_optional(&self.pool)
            .await?
        else {
            return Ok(None);
        };
        let created: i64 = row.try_get("s_created")?;
        if t - created > ABSOLUTE_TIMEOUT_SECS {
            self.end_session(token).await?;
            return Ok(None);
        }
        let last_seen: i64 = row.try_get("s_last_seen")?;
        if t - last_seen > TOUCH_INTERVAL_SECS {
            sqlx::query(
                "UPDATE sessions SET last_seen_at = $1, expires_at = $2 WHERE token_hash = $3",
            )
            .bind(t)
            .bind(t + IDLE_TIMEOUT_SECS)
            .bind(&hash)
            .execute(&self.pool)
            .await?;
        }
        let user = user_from_row(&row)?;
        Ok(Some(SessionUser {
            user,
            session_hash: hash,
        }))
    }

    pub async fn end_session(&self, token: &str) -> Result<()> {
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(token_hash(token))
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Removes expired sessions, invitations and old sign-in failures.
    pub async fn purge_expired(&self) -> Result<()> {
        let t = now();
        sqlx::query("DELETE FROM sessions WHERE expires_at <= $1 OR created_at <= $2")
            .bind(t)
            .bind(t - ABSOLUTE_TIMEOUT_SECS)
            .execute(&self.pool)
            .await?;
        sqlx::query("DELETE FROM sign_in_attempts WHERE window_start <= $1")
            .bind(t - FAILURE_WINDOW_SECS)
            .execute(&self.pool)
            .await?;
        sqlx::query("DELETE FROM invitations WHERE expires_at <= $1")
            .bind(t)
            .execute(&self.pool)
            .await?;
        sqlx::query("DELETE FROM uploads WHERE created_at <= $1")
            .bind(t - crate::register::import::UPLOAD_KEPT_SECS)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Changes a password after checking the current one; other sessions of the user end.
    /// Returns false when the current password is wrong.
    pub async fn change_password(
        &self,
        session: &SessionUser,
        current: &str,
        new_hash: String,
    ) -> Result<bool> {
        let stored: Option<String> = sqlx::query("SELECT password_hash FROM users WHERE id = $1")
            .bind(session.user.id)
            .fetch_one(&self.pool)
            .await?
            .try_get("password_hash")?;
        let Some(stored) = stored else {
            return Ok(false);
        };
        let current = current.to_string();
        let ok = tokio::task::spawn_blocking(move || verify_password(&current, &stored))
            .await
            .unwrap_or(false);
        if !ok {
            return Ok(false);
        }
        let mut tx = self.begin_write().await?;
        sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
            .bind(new_hash)
            .bind(session.user.id)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2")
            .bind(session.user.id)
            .bind(&session.session_hash)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Sets a password directly (command line, demo); the account becomes active.
    pub async fn set_password(&self, user_id: i64, password: &str) -> Result<()> {
        let hash = hash_password(password);
        sqlx::query("UPDATE users SET password_hash = $1, status = 'active' WHERE id = $2")
            .bind(hash)
            .bind(user_id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// A new one-time invitation link token for an invited user. Earlier unused links of
    /// the same user stop working, so only the newest e-mail's link is valid.
    pub async fn create_invitation(&self, user_id: i64) -> Result<String> {
        let token = new_token();
        let t = now();
        let mut tx = self.begin_write().await?;
        sqlx::query("DELETE FROM invitations WHERE user_id = $1 AND used_at IS NULL")
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO invitations (token_hash, user_id, created_at, expires_at)
             VALUES ($1, $2, $3, $4)",
        )
        .bind(token_hash(&token))
        .bind(user_id)
        .bind(t)
        .bind(t + INVITATION_VALID_SECS)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(token)
    }

    /// The invited user of a valid, unused invitation link.
    pub async fn invitation_user(&self, token: &str) -> Result<Option<StaffMember>> {
        let row = sqlx::query(
            "SELECT i.user_id FROM invitations i JOIN users u ON u.id = i.user_id
             WHERE i.token_hash = $1 AND i.used_at IS NULL AND i.expires_at > $2
               AND u.status = 'invited'",
        )
        .bind(token_hash(token))
        .bind(now())
        .fetch_optional(&self.pool)
        .await?;
        match row {
            Some(r) => {
                let id: i64 = r.try_get("user_id")?;
                let sql = format!(
                    "SELECT {USER_COLUMNS} FROM users u LEFT JOIN units un ON un.id = u.unit_id
                     WHERE u.id = $1"
                );
                let row = sqlx::query(&sql).bind(id).fetch_one(&self.pool).await?;
                Ok(Some(user_from_row(&row)?))
            }
            None => Ok(None),
        }
    }

    /// Uses an invitation link: sets the password and activates the account, once.
    pub async fn accept_invitation(
        &self,
        token: &str,
        password_hash: String,
    ) -> Result<StaffMember> {
        let user = self
            .invitation_user(token)
            .await?
            .ok_or(StoreError::NotFound)?;
        let mut tx = self.begin_write().await?;
        let used = sqlx::query(
            "UPDATE invitations SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL",
        )
        .bind(now())
        .bind(token_hash(token))
        .execute(&mut *tx)
        .await?;
        if used.rows_affected() != 1 {
            return Err(StoreError::NotFound);
        }
        sqlx::query("UPDATE users SET password_hash = $1, status = 'active' WHERE id = $2")
            .bind(password_hash)
            .bind(user.id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        self.user_by_email(&user.email)
            .await?
            .ok_or(StoreError::NotFound)
    }
}
