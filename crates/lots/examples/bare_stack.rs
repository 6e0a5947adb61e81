//! The peer of the page benchmark: the bare stack Lots is built on (axum, sqlx on SQLite in
//! WAL mode, minijinja) serving a page that reads 50 rows and renders them, with no session,
//! no role check and no middleware. BENCHMARKS.md compares a signed-in Lots page with it.
//!
//! Run: cargo run --release --example bare_stack -- 127.0.0.1:8199 /tmp/bare.db

use std::sync::Arc;

use axum::extract::State;
use axum::response::Html;
use axum::routing::get;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Row, SqlitePool};

const PAGE: &str = "<!DOCTYPE html><html lang=\"sv\"><head><title>Rader</title></head><body><main>\
<h1>Rader</h1><table>{% for r in rows %}<tr><td>{{ r.0 }}</td><td>{{ r.1 }}</td></tr>{% endfor %}</table>\
</main></body></html>";

struct App {
    pool: SqlitePool,
    env: minijinja::Environment<'static>,
}

async fn page(State(app): State<Arc<App>>) -> Html<String> {
    let rows: Vec<(i64, String)> = sqlx::query("SELECT id, name FROM items ORDER BY id LIMIT 50")
        .fetch_all(&app.pool)
        .await
        .map(|rows| rows.iter().map(|r| (r.get("id"), r.get("name"))).collect())
        .unwrap_or_default();
    let html = app
        .env
        .get_template("page")
        .and_then(|t| t.render(minijinja::context! { rows }))
        .unwrap_or_default();
    Html(html)
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let listen = args.next().unwrap_or_else(|| "127.0.0.1:8199".into());
    let file = args.next().unwrap_or_else(|| "bare.db".into());
    let options = SqliteConnectOptions::new()
        .filename(&file)
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal);
    let pool = SqlitePoolOptions::new()
        .max_connections(8)
        .connect_with(options)
        .await?;
    sqlx::query("CREATE TABLE IF NOT EXISTS items (id INTEGER PRIMARY KEY, name TEXT NOT NULL)")
        .execute(&pool)
        .await?;
    for i in 0..50 {
        sqlx::query("INSERT OR IGNORE INTO items (id, name) VALUES ($1, $2)")
            .bind(i)
            .bind(format!("Företag {i} AB"))
            .execute(&pool)
            .await?;
    }
    let mut env = minijinja::Environment::new();
    env.add_template("page", PAGE)?;
    let app = Arc::new(App { pool, env });
    let router = axum::Router::new().route("/", get(page)).with_state(app);
    let listener = tokio::net::TcpListener::bind(&listen).await?;
    println!("bare stack at http://{listen}/");
    axum::serve(listener, router).await?;
    Ok(())
}
