//! Staff training: courses ("Service och bemötande"), their sessions, the staff invited by
//! unit, attendance, each person's record, and coverage — the share of a unit's staff who
//! attended a course within a period.

use std::collections::{HashMap, HashSet};

use sqlx::Row;

use crate::error::{Refusals, field};
use crate::{Result, StoreError, Tenant};

#[derive(Debug, Clone, serde::Serialize)]
pub struct Course {
    pub id: i64,
    pub name: String,
    pub description: String,
    pub given_by: String,
    pub sessions: i64,
    pub attended: i64,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct TrainingSession {
    pub id: i64,
    pub course_id: i64,
    pub course_name: String,
    pub starts_at: i64,
    pub place: String,
    pub trainers: String,
    pub invited: i64,
    pub attended: i64,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Trainee {
    pub user_id: i64,
    pub name: String,
    pub unit_name: Option<String>,
    pub attended: bool,
}

/// One line of a staff member's training record.
#[derive(Debug, Clone, serde::Serialize)]
pub struct TrainingRecord {
    pub course_name: String,
    pub session_id: i64,
    pub starts_at: i64,
    pub attended: bool,
}

/// A unit's coverage: its own staff and those of the units under it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Coverage {
    pub unit_id: i64,
    pub unit_name: String,
    pub depth: usize,
    pub staff: i64,
    pub trained: i64,
    /// Whole percent; `None` for a unit without staff.
    pub percent: Option<i64>,
}

impl Tenant<'_> {
    pub async fn create_course(
        &self,
        name: &str,
        description: &str,
        given_by: &str,
    ) -> Result<i64> {
        if name.trim().is_empty() {
            return Err(field("name", "enter-the-courses-name"));
        }
        let exists =
            sqlx::query("SELECT 1 AS x FROM courses WHERE municipality_code = $1 AND name = $2")
                .bind(&self.code)
                .bind(name.trim())
                .fetch_optional(&self.db.pool)
                .await?;
        if exists.is_some() {
            return Err(field("name", "there-is-already-a-course-with"));
        }
        Ok(sqlx::query(
            "INSERT INTO courses (municipality_code, name, description, given_by)
             VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(&self.code)
        .bind(name.trim())
        .bind(description.trim())
        .bind(given_by.trim())
        .fetch_one(&self.db.pool)
        .await?
        .try_get("id")?)
    }

    pub async fn courses(&self) -> Result<Vec<Course>> {
        let rows = sqlx::query(
            "SELECT c.id, c.name, c.description, c.given_by,
                 (SELECT COUNT(*) FROM training_sessions s WHERE s.course_id = c.id) AS sessions,
                 (SELECT COUNT(DISTINCT p.user_id) FROM training_participants p
                  JOIN training_sessions s ON s.id = p.session_id
                  WHERE s.course_id = c.id AND p.attended = 1) AS attended
             FROM courses c WHERE c.municipality_code = $1 ORDER BY c.name",
        )
        .bind(&self.code)
        .fetch_all(&self.db.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(Course {
                    id: r.try_get("id")?,
                    name: r.try_get("name")?,
                    description: r.try_get("description")?,
                    given_by: r.try_get("given_by")?,
                    sessions: r.try_get("sessions")?,
                    attended: r.try_get("attended")?,
                })
            })
            .collect()
    }

    pub async fn create_training_session(
        &self,
        course_id: i64,
        starts_at: Option<i64>,
        place: &str,
        trainers: &str,
    ) -> Result<i64> {
        let mut refusals = Refusals::default();
        let courses = self.courses().await?;
        refusals.check(
            courses.iter().any(|c| c.id == course_id),
            "course_id",
            "choose-a-course",
        );
        let starts_at = refusals.require(starts_at, "date", "enter-the-day-and-time-as");
        let starts_at = refusals.done_with(starts_at)?;
        Ok(sqlx::query(
            "INSERT INTO training_sessions (municipality_code, course_id, starts_at, place, trainers)
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(&self.code)
        .bind(course_id)
        .bind(starts_at)
        .bind(place.trim())
        .bind(trainers.trim())
        .fetch_one(&self.db.pool)
        .await?
        .try_get("id")?)
    }

    /// Sessions, newest first; of one course when `course_id` is given.
    pub async fn training_sessions(&self, course_id: Option<i64>) -> Result<Vec<TrainingSession>> {
        let rows = sqlx::query(
            "SELECT s.id, s.course_id, c.name AS course_name, s.starts_at, s.place, s.trainers,
                 (SELECT COUNT(*) FROM training_participants p WHERE p.session_id = s.id) AS invited,
                 (SELECT COUNT(*) FROM training_participants p WHERE p.session_id = s.id AND p.attended = 1) AS attended
             FROM training_sessions s JOIN courses c ON c.id = s.course_id
             WHERE s.municipality_code = $1 AND ($2 = 0 OR s.course_id = $2)
             ORDER BY s.starts_at DESC, s.id DESC",
        )
        .bind(&self.code)
        .bind(course_id.unwrap_or(0))
        .fetch_all(&self.db.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(TrainingSession {
                    id: r.try_get("id")?,
                    course_id: r.try_get("course_id")?,
                    course_name: r.try_get("course_name")?,
                    starts_at: r.try_get("starts_at")?,
                    place: r.try_get("place")?,
                    trainers: r.try_get("trainers")?,
                    invited: r.try_get("invited")?,
                    attended: r.try_get("attended")?,
                })
            })
            .collect()
    }

    pub async fn training_session(&self, id: i64) -> Result<TrainingSession> {
        self.training_sessions(None)
            .await?
            .into_iter()
            .find(|s| s.id == id)
            .ok_or(StoreError::NotFound)
    }

    /// Invites the staff (not disabled) of the chosen units and every unit under them;
    /// returns how many were new to the session.
    pub async fn invite_units_to_training(&self, session_id: i64, unit_ids: &[i64]) -> Result<u64> {
        self.training_session(session_id).await?;
        if unit_ids.is_empty() {
            return Err(field("units", "choose-at-least-one-unit"));
        }
        let units = self.units().await?;
        let chosen: HashSet<i64> = units
            .iter()
            .filter(|u| unit_ids.iter().any(|c| is_within(&units, u.id, *c)))
            .map(|u| u.id)
            .collect();
        let mut invited = 0;
        let mut tx = self.db.begin_write().await?;
        for unit in chosen {
            invited += sqlx::query(
                "INSERT INTO training_participants (session_id, user_id)
                 SELECT $1, u.id FROM users u
                 WHERE u.municipality_code = $2 AND u.unit_id = $3 AND u.status <> 'disabled'
                 ON CONFLICT (session_id, user_id) DO NOTHING",
            )
            .bind(session_id)
            .bind(&self.code)
            .bind(unit)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        }
        tx.commit().await?;
        Ok(invited)
    }

    /// Who was invited to a session and whether they came.
    pub async fn trainees(&self, session_id: i64) -> Result<Vec<Trainee>> {
        self.training_session(session_id).await?;
        let rows = sqlx::query(
            "SELECT p.user_id, u.name, un.name AS unit_name, p.attended, u.sort_key
             FROM training_participants p JOIN users u ON u.id = p.user_id
             LEFT JOIN units un ON un.id = u.unit_id
             WHERE p.session_id = $1 AND u.municipality_code = $2 ORDER BY u.sort_key",
        )
        .bind(session_id)
        .bind(&self.code)
        .fetch_all(&self.db.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(Trainee {
                    user_id: r.try_get("user_id")?,
                    name: r.try_get("name")?,
                    unit_name: r.try_get("unit_name")?,
                    attended: r.try_get::<i64, _>("attended")? == 1,
                })
            })
            .collect()
    }

    /// Records who came to a session: exactly the `present` among the invited.
    pub async fn record_training_attendance(&self, session_id: i64, present: &[i64]) -> Result<()> {
        self.training_session(session_id).await?;
        let present: HashSet<i64> = present.iter().copied().collect();
        let mut tx = self.db.begin_write().await?;
        for trainee in self.trainees(session_id).await? {
            sqlx::query(
                "UPDATE training_participants SET attended = $1 WHERE session_id = $2 AND user_id = $3",
            )
            .bind(i64::from(present.contains(&trainee.user_id)))
            .bind(session_id)
            .bind(trainee.user_id)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// A staff member's sessions, newest first.
    pub async fn training_record(&self, user_id: i64) -> Result<Vec<TrainingRecord>> {
        let rows = sqlx::query(
            "SELECT c.name AS course_name, s.id AS session_id, s.starts_at, p.attended
             FROM training_participants p
             JOIN training_sessions s ON s.id = p.session_id
             JOIN courses c ON c.id = s.course_id
             WHERE p.user_id = $1 AND s.municipality_code = $2 ORDER BY s.starts_at DESC",
        )
        .bind(user_id)
        .bind(&self.code)
        .fetch_all(&self.db.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(TrainingRecord {
                    course_name: r.try_get("course_name")?,
                    session_id: r.try_get("session_id")?,
                    starts_at: r.try_get("starts_at")?,
                    attended: r.try_get::<i64, _>("attended")? == 1,
                })
            })
            .collect()
    }

    /// For every unit, in tree order: its staff (not disabled, its sub-units included) and
    /// how many of them attended a session of the course between `from` and `to` (Unix
    /// seconds, `to` exclusive).
    pub async fn training_coverage(
        &self,
        course_id: i64,
        from: i64,
        to: i64,
    ) -> Result<Vec<Coverage>> {
        let staff_rows = sqlx::query(
            "SELECT u.id, u.unit_id FROM users u
             WHERE u.municipality_code = $1 AND u.status <> 'disabled' AND u.unit_id IS NOT NULL",
        )
        .bind(&self.code)
        .fetch_all(&self.db.pool)
        .await?;
        let trained: HashSet<i64> = sqlx::query(
            "SELECT DISTINCT p.user_id FROM training_participants p
             JOIN training_sessions s ON s.id = p.session_id
             WHERE s.municipality_code = $1 AND s.course_id = $2 AND p.attended = 1
               AND s.starts_at >= $3 AND s.starts_at < $4",
        )
        .bind(&self.code)
        .bind(course_id)
        .bind(from)
        .bind(to)
        .fetch_all(&self.db.pool)
        .await?
        .iter()
        .map(|r| r.try_get("user_id"))
        .collect::<Result<_, _>>()?;
        let mut own: HashMap<i64, (i64, i64)> = HashMap::new();
        for r in &staff_rows {
            let user: i64 = r.try_get("id")?;
            let unit: i64 = r.try_get("unit_id")?;
            let entry = own.entry(unit).or_default();
            entry.0 += 1;
            entry.1 += i64::from(trained.contains(&user));
        }
        let units = self.units().await?;
        Ok(units
            .iter()
            .map(|u| {
                let (staff, trained) = units
                    .iter()
                    .filter(|v| is_within(&units, v.id, u.id))
                    .filter_map(|v| own.get(&v.id))
                    .fold((0, 0), |acc, (s, t)| (acc.0 + s, acc.1 + t));
                Coverage {
                    unit_id: u.id,
                    unit_name: u.name.clone(),
                    depth: depth(&units, u.id),
                    staff,
                    trained,
                    percent: lots_domain::events::percent(trained, staff),
                }
            })
            .collect())
    }
}

/// Whether `unit` is `ancestor` or lies under it.
pub(crate) fn is_within(units: &[crate::Unit], unit: i64, ancestor: i64) -> bool {
    let mut current = Some(unit);
    for _ in 0..64 {
        match current {
            Some(id) if id == ancestor => return true,
            Some(id) => current = units.iter().find(|u| u.id == id).and_then(|u| u.parent_id),
            None => return false,
        }
    }
    false
}

fn depth(units: &[crate::Unit], unit: i64) -> usize {
    let mut depth = 0;
    let mut current = units
        .iter()
        .find(|u| u.id == unit)
        .and_then(|u| u.parent_id);
    while let Some(id) = current {
        depth += 1;
        if depth > 64 {
            break;
        }
        current = units.iter().find(|u| u.id == id).and_then(|u| u.parent_id);
    }
    depth
}
