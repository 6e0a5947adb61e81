//! Scratch databases for tests and benchmarks: a fresh, empty database per run, on either
//! backend, so runs never see each other's rows.

use sqlx::any::AnyPoolOptions;

use crate::{Result, StoreError};

/// A new empty database on the PostgreSQL server of `admin_url`; returns its URL.
pub async fn postgres_database(admin_url: &str) -> Result<String> {
    sqlx::any::install_default_drivers();
    let name = format!("lots_test_{}", &crate::secret::new_token()[..16]);
    let pool = AnyPoolOptions::new()
        .max_connections(1)
        .connect(admin_url)
        .await
        .map_err(|e| StoreError::Connect {
            url: admin_url.into(),
            reason: e.to_string(),
        })?;
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&pool)
        .await?;
    pool.close().await;
    let (base, query) = match admin_url.split_once('?') {
        Some((b, q)) => (b, format!("?{q}")),
        None => (admin_url, String::new()),
    };
    let server = base.rsplit_once('/').map(|(s, _)| s).unwrap_or(base);
    Ok(format!("{server}/{name}{query}"))
}

/// Drops a database made by [`postgres_database`].
pub async fn drop_postgres_database(admin_url: &str, url: &str) -> Result<()> {
    let name = url
        .split('?')
        .next()
        .and_then(|u| u.rsplit('/').next())
        .filter(|n| n.starts_with("lots_test_"))
        .ok_or_else(|| StoreError::Invalid("not a scratch database".into()))?;
    let pool = AnyPoolOptions::new()
        .max_connections(1)
        .connect(admin_url)
        .await?;
    sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        .execute(&pool)
        .await?;
    pool.close().await;
    Ok(())
}
