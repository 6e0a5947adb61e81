//! Load and durability of survey submissions (issue 4), used by `bench/submissions.sh`:
//!
//! - `survey_load setup DATABASE_URL N LINKS_FILE` opens an anonymous round of the follow-up
//!   battery in Upplands-Bro (run `lots demo` first) with N invitations and writes one
//!   personal link per line;
//! - `survey_load run BASE_URL LINKS_FILE CONCURRENCY SECONDS ACKED_FILE` has CONCURRENCY
//!   respondents submit answers through the links for SECONDS, writes each link whose
//!   submission was acknowledged (303) to ACKED_FILE at once, and prints throughput, p50, p99;
//! - `survey_load verify DATABASE_URL ACKED_FILE` checks that every acknowledged submission is
//!   in the database, submitted and whole.

use std::io::Write;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("setup") => setup(&args[1], args[2].parse()?, &args[3]).await,
        Some("run") => {
            run(
                &args[1],
                &args[2],
                args[3].parse()?,
                args[4].parse()?,
                &args[5],
            )
            .await
        }
        Some("verify") => verify(&args[1], &args[2]).await,
        _ => anyhow::bail!("usage: survey_load setup|run|verify …"),
    }
}

async fn setup(url: &str, n: usize, links: &str) -> anyhow::Result<()> {
    let db = lots::open_database(url).await?;
    let tenant = db.tenant("0139").await?;
    tenant.install_standard_batteries().await?;
    let version = tenant
        .batteries()
        .await?
        .into_iter()
        .find(|b| b.code == "uppfoljning")
        .and_then(|b| b.published)
        .ok_or_else(|| anyhow::anyhow!("no follow-up battery"))?
        .0;
    let round = tenant
        .import_round(
            version,
            &format!("Belastning {}", lots_store::secret::new_token()),
            (lots_store::today(), jiff::civil::date(2099, 12, 31)),
            n,
            &[],
            "bench",
        )
        .await?;
    let mut out = std::io::BufWriter::new(std::fs::File::create(links)?);
    for invitation in tenant.invitations(round).await? {
        writeln!(out, "{}", tenant.mint_survey_link(invitation.id).await?)?;
    }
    out.flush()?;
    Ok(())
}

async fn run(
    base: &str,
    links: &str,
    concurrency: usize,
    seconds: u64,
    acked: &str,
) -> anyhow::Result<()> {
    let tokens: Arc<Vec<String>> = Arc::new(
        std::fs::read_to_string(links)?
            .lines()
            .map(str::to_string)
            .collect(),
    );
    let next = Arc::new(AtomicUsize::new(0));
    let acked = Arc::new(std::sync::Mutex::new(std::fs::File::create(acked)?));
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let mut workers = Vec::new();
    for _ in 0..concurrency {
        let (tokens, next, acked, base) = (
            tokens.clone(),
            next.clone(),
            acked.clone(),
            base.to_string(),
        );
        workers.push(tokio::spawn(async move {
            let client = reqwest::Client::builder()
                .cookie_store(true)
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap();
            let mut latencies = Vec::new();
            let mut failures = 0usize;
            // The first page gives the CSRF cookie the form must echo.
            let csrf = match client.get(format!("{base}/logga-in")).send().await {
                Ok(r) => r
                    .cookies()
                    .find(|c| c.name() == "lots_csrf")
                    .map(|c| c.value().to_string())
                    .unwrap_or_default(),
                Err(_) => return (latencies, 1),
            };
            while Instant::now() < deadline {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(token) = tokens.get(i) else { break };
                let started = Instant::now();
                let sent = client
                    .post(format!("{base}/enkat/{token}"))
                    .form(&[
                        ("csrf_token", csrf.as_str()),
                        ("q_overall", "6"),
                        ("q_helped", "ja"),
                        ("q_nps", "9"),
                        ("q_comment", "Bra besök, tack!"),
                        ("action", "skicka"),
                    ])
                    .send()
                    .await;
                match sent {
                    Ok(r) if r.status() == 303 => {
                        latencies.push(started.elapsed());
                        let mut f = acked.lock().unwrap();
                        let _ = writeln!(f, "{token}");
                    }
                    _ => failures += 1,
                }
            }
            (latencies, failures)
        }));
    }
    let started = Instant::now();
    let mut all = Vec::new();
    let mut failures = 0;
    for w in workers {
        let (l, f) = w.await?;
        all.extend(l);
        failures += f;
    }
    let elapsed = started.elapsed().as_secs_f64();
    all.sort();
    let pct = |p: f64| {
        all.get(((all.len() as f64 * p) as usize).min(all.len().saturating_sub(1)))
            .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
    };
    println!(
        "submissions={} per_s={:.0} p50_ms={:.1} p99_ms={:.1} failed={failures} concurrency={concurrency}",
        all.len(),
        all.len() as f64 / elapsed,
        pct(0.50),
        pct(0.99)
    );
    Ok(())
}

async fn verify(url: &str, acked: &str) -> anyhow::Result<()> {
    let db = lots::open_database(url).await?;
    let mut checked = 0;
    let mut missing = 0;
    for token in std::fs::read_to_string(acked)?.lines() {
        checked += 1;
        match db.survey_link(token).await? {
            Some(t) if t.submitted && t.answers.len() >= 3 => {}
            _ => missing += 1,
        }
    }
    println!("acknowledged={checked} missing_after_restart={missing}");
    if missing > 0 {
        anyhow::bail!("{missing} acknowledged submissions were lost");
    }
    Ok(())
}
