//! Sort keys become compact (one byte a letter instead of four hex digits and a case digit;
//! `lots_domain::collation::sort_key`). The order they give is the same. Every stored key is
//! written anew from its name in the migration's transaction, since SQL cannot; an erased
//! contact's empty key stays empty.

use sqlx::Row;

use super::{StepFuture, Tx};

/// Every table whose rows carry a sort key of their name.
const SORTED_BY_NAME: [&str; 4] = ["users", "areas", "companies", "contacts"];

pub(super) fn run(tx: &mut Tx) -> StepFuture<'_> {
    Box::pin(async move {
        for table in SORTED_BY_NAME {
            let rows = sqlx::query(&format!(
                "SELECT id, name FROM {table} WHERE sort_key <> ''"
            ))
            .fetch_all(&mut **tx)
            .await?;
            let update = format!("UPDATE {table} SET sort_key = $1 WHERE id = $2");
            for r in &rows {
                let name: String = r.try_get("name")?;
                sqlx::query(&update)
                    .bind(lots_domain::collation::sort_key(&name))
                    .bind(r.try_get::<i64, _>("id")?)
                    .execute(&mut **tx)
                    .await?;
            }
        }
        Ok(())
    })
}
