//! Index upkeep of a bulk write: a large import drops the sort indexes and count triggers
//! it would otherwise update row by row and recreates them once before its commit.

use sqlx::Row;

use crate::Result;

/// From this size (about 100,000 rows) an import defers index upkeep to its end.
const LARGE_FILE: u64 = 8 << 20;

/// Whether a file is long enough that upkeep row by row (sort indexes, count triggers)
/// costs more than doing it once at the end of the import.
pub(crate) fn is_large(length: u64) -> bool {
    length > LARGE_FILE
}

/// On SQLite, drops the named indexes or triggers inside the import's transaction and
/// returns the SQL that recreates them, to run before the commit. Readers keep seeing the
/// committed schema meanwhile. On PostgreSQL dropping would lock readers out, so nothing
/// is dropped there.
pub(crate) async fn defer_upkeep(
    db: &crate::Db,
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    kind: &str,
    names: &[&str],
) -> Result<Vec<String>> {
    if db.backend() != crate::Backend::Sqlite {
        return Ok(Vec::new());
    }
    let mut recreate = Vec::new();
    for name in names {
        let sql: Option<String> =
            sqlx::query("SELECT sql FROM sqlite_master WHERE type = $1 AND name = $2")
                .bind(kind)
                .bind(*name)
                .fetch_optional(&mut **tx)
                .await?
                .map(|r| r.try_get("sql"))
                .transpose()?;
        if let Some(sql) = sql {
            sqlx::query(&format!("DROP {} {name}", kind.to_uppercase()))
                .execute(&mut **tx)
                .await?;
            recreate.push(sql);
        }
    }
    Ok(recreate)
}
