//! The tenant handle: the only door to a municipality's operational rows, and its units.

use sqlx::Row;

use crate::error::{Conflict, conflict_on_unique};
use crate::{Actor, Db, HostedMunicipality, Result, StoreError, now};

/// A handle bound to one hosted municipality. Every query made through it binds the
/// municipality code, so a row of another municipality reads as not found.
#[derive(Clone)]
pub struct Tenant<'a> {
    pub(crate) db: &'a Db,
    pub(crate) code: String,
    /// Who acts through the handle, for the audit rows its writes make.
    pub(crate) actor: Actor,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    /// förvaltning: an administration, the top of the tree.
    Forvaltning,
    /// kontor: an office within an administration.
    Kontor,
    /// enhet: a unit within an office.
    Enhet,
}

impl UnitKind {
    pub fn code(self) -> &'static str {
        match self {
            UnitKind::Forvaltning => "forvaltning",
            UnitKind::Kontor => "kontor",
            UnitKind::Enhet => "enhet",
        }
    }

    pub fn parse(s: &str) -> Option<UnitKind> {
        match s {
            "forvaltning" => Some(UnitKind::Forvaltning),
            "kontor" => Some(UnitKind::Kontor),
            "enhet" => Some(UnitKind::Enhet),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Unit {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub name: String,
    pub kind: UnitKind,
    /// Staff whose unit is this one (not counting sub-units).
    pub staff_count: i64,
}

pub struct NewUnit<'a> {
    pub name: &'a str,
    pub kind: UnitKind,
    pub parent_id: Option<i64>,
}

impl Db {
    /// The handle of a hosted municipality; `NotFound` when this installation does not
    /// host it.
    pub async fn tenant(&self, code: &str) -> Result<Tenant<'_>> {
        self.hosted_municipality(code)
            .await?
            .ok_or(StoreError::NotFound)?;
        Ok(self.tenant_unchecked(code))
    }

    /// The handle of a municipality already known to be hosted, such as the municipality
    /// of a signed-in user, whose foreign key guarantees it exists.
    pub fn tenant_unchecked(&self, code: &str) -> Tenant<'_> {
        Tenant {
            db: self,
            code: code.to_string(),
            actor: Actor::system(),
        }
    }
}

impl Tenant<'_> {
    /// The same handle, acting for someone: the audit rows of its touches name them.
    pub fn acting(mut self, actor: Actor) -> Self {
        self.actor = actor;
        self
    }
}

impl Tenant<'_> {
    pub fn code(&self) -> &str {
        &self.code
    }

    /// The municipality's name and county, from the embedded reference data: a tenant
    /// handle exists only for a hosted municipality, so no query is needed.
    pub async fn municipality(&self) -> Result<HostedMunicipality> {
        let m = lots_domain::reference::municipality(&self.code).ok_or(StoreError::NotFound)?;
        let county = lots_domain::reference::county(&m.county_code).ok_or(StoreError::NotFound)?;
        Ok(HostedMunicipality {
            code: m.code.clone(),
            name: m.name.clone(),
            county_code: m.county_code.clone(),
            county_name: county.name.clone(),
        })
    }

    /// All units of the municipality, parents before children, siblings in Swedish order.
    pub async fn units(&self) -> Result<Vec<Unit>> {
        let rows = sqlx::query(
            "SELECT u.id, u.parent_id, u.name, u.kind,
                    (SELECT COUNT(*) FROM users s WHERE s.unit_id = u.id) AS staff_count
             FROM units u WHERE u.municipality_code = $1",
        )
        .bind(&self.code)
        .fetch_all(&self.db.pool)
        .await?;
        let units = rows.iter().map(unit_from_row).collect::<Result<Vec<_>>>()?;
        Ok(tree_order(units))
    }

    pub async fn unit(&self, id: i64) -> Result<Unit> {
        let row = sqlx::query(
            "SELECT u.id, u.parent_id, u.name, u.kind,
                    (SELECT COUNT(*) FROM users s WHERE s.unit_id = u.id) AS staff_count
             FROM units u WHERE u.municipality_code = $1 AND u.id = $2",
        )
        .bind(&self.code)
        .bind(id)
        .fetch_optional(&self.db.pool)
        .await?
        .ok_or(StoreError::NotFound)?;
        unit_from_row(&row)
    }

    pub async fn unit_by_name(&self, name: &str) -> Result<Option<Unit>> {
        let id: Option<i64> =
            sqlx::query("SELECT id FROM units WHERE municipality_code = $1 AND name = $2")
                .bind(&self.code)
                .bind(name)
                .fetch_optional(&self.db.pool)
                .await?
                .map(|r| r.try_get("id"))
                .transpose()?;
        match id {
            Some(id) => Ok(Some(self.unit(id).await?)),
            None => Ok(None),
        }
    }

    pub async fn create_unit(&self, new: NewUnit<'_>) -> Result<Unit> {
        let name = new.name.trim();
        if name.is_empty() {
            return Err(StoreError::Invalid("a unit needs a name".into()));
        }
        if let Some(parent) = new.parent_id {
            // Checked here for a clear error; the composite foreign key enforces it anyway.
            self.unit(parent).await?;
        }
        let siblings = self.units().await?;
        if siblings
            .iter()
            .any(|u| u.parent_id == new.parent_id && u.name.eq_ignore_ascii_case(name))
        {
            return Err(StoreError::Conflict(Conflict::UnitNameTaken));
        }
        let id: i64 = sqlx::query(
            "INSERT INTO units (municipality_code, parent_id, name, kind, created_at)
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(&self.code)
        .bind(new.parent_id)
        .bind(name)
        .bind(new.kind.code())
        .bind(now())
        .fetch_one(&self.db.pool)
        .await
        .map_err(|e| conflict_on_unique(e, Conflict::UnitNameTaken))?
        .try_get("id")?;
        self.unit(id).await
    }
}

fn unit_from_row(r: &sqlx::any::AnyRow) -> Result<Unit> {
    let kind: String = r.try_get("kind")?;
    Ok(Unit {
        id: r.try_get("id")?,
        parent_id: r.try_get("parent_id")?,
        name: r.try_get("name")?,
        kind: UnitKind::parse(&kind)
            .ok_or_else(|| StoreError::Invalid(format!("unknown unit kind {kind}")))?,
        staff_count: r.try_get("staff_count")?,
    })
}

/// Depth-first order: each unit followed by its children, siblings in Swedish order.
fn tree_order(mut units: Vec<Unit>) -> Vec<Unit> {
    lots_domain::collation::sort_by_key(&mut units, |u| &u.name);
    let mut out = Vec::with_capacity(units.len());
    fn visit(parent: Option<i64>, units: &[Unit], out: &mut Vec<Unit>) {
        for u in units.iter().filter(|u| u.parent_id == parent) {
            out.push(u.clone());
            visit(Some(u.id), units, out);
        }
    }
    visit(None, &units, &mut out);
    out
}
