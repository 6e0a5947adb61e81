//! `lots`: the one binary of Lots.

use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, bail};
use clap::{Parser, Subcommand};
use lots::{Config, Server, demo, open_database, say};
use lots_domain::Role;
use lots_domain::platform::organiser::OrganiserKind;
use lots_jobs::Mailer;
use lots_store::{AuditEntry, Db, NewUser, Scope};

#[derive(Parser)]
#[command(
    name = "lots",
    version,
    about = "Lots: a municipality's systematic work with its service to companies"
)]
struct Cli {
    /// A TOML configuration file (see config/lots.example.toml). LOTS_* environment
    /// variables override it.
    #[arg(long, global = true, env = "LOTS_CONFIG")]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the web application (applies migrations first).
    Serve {
        /// Load the Upplands-Bro demo first and print how to sign in.
        #[arg(long)]
        demo: bool,
    },
    /// Apply database migrations and exit.
    Migrate,
    /// Load the Upplands-Bro demo data into the configured database.
    Demo,
    /// Manage staff accounts.
    #[command(subcommand)]
    User(UserCommand),
    /// Manage API tokens.
    #[command(subcommand)]
    Token(TokenCommand),
    /// Choose which municipalities this installation hosts.
    #[command(subcommand)]
    Municipality(MunicipalityCommand),
    /// Manage organisers: a region or a national body that compares member municipalities.
    #[command(subcommand)]
    Organiser(OrganiserCommand),
    /// Import a register file. Exit status 0: every line went in; 1: some line was
    /// rejected; 2: the file could not be read.
    #[command(subcommand)]
    Import(ImportCommand),
    /// Export the register.
    #[command(subcommand)]
    Export(ExportCommand),
    /// Generate synthetic data for benchmarks and scale tests.
    #[command(subcommand)]
    Generate(GenerateCommand),
    /// Survey results.
    #[command(subcommand)]
    Survey(SurveyCommand),
    /// Cases from the case systems.
    #[command(subcommand)]
    Cases(CasesCommand),
}

#[derive(Subcommand)]
enum CasesCommand {
    /// Print handling times (median and 90th percentile in days from received to decided,
    /// share decided within the statutory deadline) of the cases received in a period.
    Times {
        #[arg(long)]
        municipality: String,
        /// area, unit or month.
        #[arg(long, default_value = "area")]
        by: String,
        /// YYYY-MM-DD.
        #[arg(long, value_parser = day)]
        from: jiff::civil::Date,
        #[arg(long, value_parser = day)]
        to: jiff::civil::Date,
    },
}

#[derive(Subcommand)]
enum SurveyCommand {
    /// Print a round's results table. Columns (stable): group ("" = total), index, n,
    /// invited, response_rate (%), value, ci_low, ci_high, band, suppressed, previous,
    /// significant_change. The web page and its export compute the same table.
    /// With --battery, --from and --to instead of a round: every round of that battery
    /// overlapping the period, compared with the period before.
    /// With --input, the national table of a measurement file instead (see
    /// `lots generate survey`): level, code, area, year, index, n, value, ci_low, ci_high,
    /// band, suppressed, rank; JSON adds the effect analysis per area.
    Results {
        /// The round's number, as in its address /enkater/N.
        #[arg(required_unless_present_any = ["input", "battery"])]
        round: Option<i64>,
        /// A battery's code (insikt-nki, foretagsbesok, uppfoljning …), with --from and --to.
        #[arg(long, conflicts_with = "round", requires_all = ["from", "to"])]
        battery: Option<String>,
        /// The period's first day, YYYY-MM-DD.
        #[arg(long, value_parser = day)]
        from: Option<jiff::civil::Date>,
        /// The period's last day, YYYY-MM-DD.
        #[arg(long, value_parser = day)]
        to: Option<jiff::civil::Date>,
        #[arg(long, required_unless_present = "input")]
        municipality: Option<String>,
        /// A national measurement file (municipality,county,area,year,q01…q20).
        #[arg(long, conflicts_with_all = ["round", "municipality", "battery"])]
        input: Option<PathBuf>,
        /// Split by area, unit, industry, size_class or quarter.
        #[arg(long, default_value = "area")]
        by: String,
        #[arg(long, value_enum, default_value_t = ResultsFormat::Csv)]
        format: ResultsFormat,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum ResultsFormat {
    Csv,
    Json,
}

#[derive(Subcommand)]
enum GenerateCommand {
    /// A synthetic national Insikt-style measurement: respondents over 290 municipalities,
    /// six areas and five years, twenty answers each, with planted effects on NKI.
    Survey {
        #[arg(long, default_value_t = 1_000_000)]
        respondents: u64,
        #[arg(long, default_value_t = 2026)]
        seed: u64,
        #[arg(long)]
        output: PathBuf,
    },
    /// Synthetic cases of one municipality as semicolon CSV in the Insikt template's
    /// columns, with received, complete, decided and closed dates.
    Cases {
        #[arg(long, default_value_t = 1_000_000)]
        count: u64,
        #[arg(long, default_value_t = 2026)]
        seed: u64,
        #[arg(long)]
        output: PathBuf,
    },
    /// A synthetic national company register as semicolon CSV, spread over the 290
    /// municipalities, with a share of invalid organisationsnummer.
    Companies {
        #[arg(long, default_value_t = 1_000_000)]
        count: u64,
        /// Every Nth line gets a wrong check digit (0: none).
        #[arg(long, default_value_t = 200)]
        invalid_every: u64,
        /// Write Windows-1252 instead of UTF-8.
        #[arg(long)]
        windows_1252: bool,
        #[arg(long, default_value_t = 2026)]
        seed: u64,
        #[arg(long)]
        output: PathBuf,
    },
}

#[derive(Subcommand)]
enum ImportCommand {
    /// Import companies from CSV (`;`, `,` or tab; UTF-8 or Windows-1252, detected) or XLSX.
    Companies {
        #[command(flatten)]
        args: ImportArgs,
        /// What to do with a company already in the register.
        #[arg(long, value_enum, default_value = "update")]
        on_duplicate: Duplicate,
    },
    /// Import contact people, linked to companies by organisationsnummer.
    Contacts {
        #[command(flatten)]
        args: ImportArgs,
        /// The legal basis for rows whose file gives none.
        #[arg(long, value_enum, default_value = "public-task")]
        legal_basis: LegalBasis,
    },
    /// Import cases (SKR's Insikt case template or a case system's export), by diarienummer:
    /// a case already in Lots is updated.
    Cases {
        #[command(flatten)]
        args: ImportArgs,
    },
}

#[derive(clap::Args)]
struct ImportArgs {
    file: PathBuf,
    #[arg(long)]
    municipality: String,
    /// The sheet of an XLSX workbook (default: the first).
    #[arg(long)]
    sheet: Option<String>,
    /// Check and report, write nothing.
    #[arg(long)]
    dry_run: bool,
    /// One rejected line imports nothing.
    #[arg(long)]
    all_or_nothing: bool,
    /// Map a column to a field: "COLUMN=orgnr". Company fields: orgnr, name, other_names,
    /// sni2007, sni2025, employees, visit_address, postcode, town, area, tags, notes.
    /// Contact fields: orgnr, name, role, email, phone, language, legal_basis.
    /// Case fields: reference, orgnr, company_name, contact_email, contact_phone, area, unit,
    /// officer, received_on, complete_on, decided_on, closed_on, extension_weeks,
    /// extension_decision, decision, fee_sek.
    #[arg(long = "map")]
    mapping: Vec<String>,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum LegalBasis {
    PublicTask,
    LegitimateInterest,
    Consent,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum ExportFormat {
    Csv,
    Xlsx,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Duplicate {
    Update,
    Skip,
}

#[derive(Subcommand)]
enum ExportCommand {
    /// Export a municipality's companies: CSV for Swedish Excel (`;`, UTF-8 with BOM) or
    /// XLSX.
    Companies {
        #[arg(long)]
        municipality: String,
        #[arg(long, value_enum, default_value = "csv")]
        format: ExportFormat,
        /// Write here instead of standard output.
        #[arg(long)]
        output: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
enum OrganiserCommand {
    /// Add an organiser with its member municipalities.
    Add {
        /// e.g. "Stockholm Business Alliance".
        #[arg(long)]
        name: String,
        /// regional or national.
        #[arg(long, default_value = "regional", value_parser = organiser_kind)]
        kind: OrganiserKind,
        /// A member's four-digit SCB code; repeat for each member.
        #[arg(long = "member")]
        members: Vec<String>,
    },
    /// List organisers and their members.
    List,
}

#[derive(Subcommand)]
enum UserCommand {
    /// Add a staff account. Without --password-stdin the person is invited by e-mail.
    Add {
        /// The municipality's four-digit SCB code, e.g. 0139.
        #[arg(
            long,
            required_unless_present = "organiser",
            conflicts_with = "organiser"
        )]
        municipality: Option<String>,
        /// The organiser's name, for an organiser's staff (who get the organiser role).
        #[arg(long)]
        organiser: Option<String>,
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        #[arg(long, default_value = "")]
        title: String,
        /// The unit's name, e.g. Bygglovsenheten.
        #[arg(long)]
        unit: Option<String>,
        /// A role; repeat for several: administrator, business_development, case_officer,
        /// contact_centre, manager, read_only. Organiser staff need none.
        #[arg(long = "role")]
        roles: Vec<Role>,
        /// sv or en: the language of e-mails to the person.
        #[arg(long, default_value = "sv")]
        language: lots_i18n::Lang,
        /// Read the password from the first line of standard input instead of inviting.
        #[arg(long)]
        password_stdin: bool,
    },
    /// List staff accounts.
    List {
        /// Only this municipality.
        #[arg(long)]
        municipality: Option<String>,
    },
    /// Disable an account: it is signed out and cannot sign in.
    Disable { email: String },
}

#[derive(Subcommand)]
enum TokenCommand {
    /// Create an API token and print it once.
    Create {
        #[arg(long)]
        municipality: String,
        /// What the token is for, e.g. "ByggR nightly export".
        #[arg(long)]
        name: String,
        /// read, write, or open311 (only submits fault reports: a GeoReport client's api_key).
        #[arg(long, default_value = "read")]
        scope: String,
    },
    /// List a municipality's tokens (never their secrets).
    List {
        #[arg(long)]
        municipality: String,
    },
    /// Revoke a token by its id.
    Revoke { id: i64 },
}

#[derive(Subcommand)]
enum MunicipalityCommand {
    /// Host a municipality in this installation.
    Host { code: String },
    /// List the hosted municipalities.
    List,
}

// glibc's allocator contends between the runtime's threads under load; mimalloc does not.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("LOTS_LOG")
                .unwrap_or_else(|_| "info,sqlx=warn".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            let reason = e.to_string();
            let message = say::text("cli-cannot-start", &[("reason", reason.as_str().into())]);
            say::err("cli-error", &[("message", message.as_str().into())]);
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(code) => code,
        Err(e) => {
            // One line naming the problem; the chain of causes joined, no backtrace. A cause
            // the data layer can word for the person says it in their language.
            let message: Vec<String> = e
                .chain()
                .map(|c| match c.downcast_ref::<lots_store::StoreError>() {
                    Some(store) => store
                        .message()
                        .map_or_else(|| c.to_string(), |m| m.text(say::lang())),
                    None => c.to_string(),
                })
                .collect();
            let message = message.join(": ");
            say::err("cli-error", &[("message", message.as_str().into())]);
            ExitCode::FAILURE
        }
    }
}

/// A municipality's handle for the command line: its touches are audited as `cli`.
async fn cli_tenant<'a>(db: &'a Db, code: &str) -> lots_store::Result<lots_store::Tenant<'a>> {
    Ok(db.tenant(code).await?.acting(lots_store::Actor::cli()))
}

fn cli_audit(
    municipality: Option<&str>,
    action: &str,
    record_type: &str,
    record_id: impl ToString,
) -> AuditEntry {
    AuditEntry {
        municipality_code: municipality.map(str::to_string),
        actor: "cli".into(),
        action: action.into(),
        record_type: record_type.into(),
        record_id: record_id.to_string(),
        ip: "cli".into(),
        ..AuditEntry::default()
    }
}

async fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let config = Config::load(cli.config.as_deref())?;
    // Files in, files out: no database.
    match &cli.command {
        Command::Survey(SurveyCommand::Results {
            input: Some(input),
            format,
            ..
        }) => {
            national_results(&config, input, *format)?;
            return Ok(ExitCode::SUCCESS);
        }
        Command::Generate(GenerateCommand::Companies {
            count,
            invalid_every,
            windows_1252,
            seed,
            output,
        }) => {
            let (count, invalid_every, windows_1252, seed) =
                (*count, *invalid_every, *windows_1252, *seed);
            let file = std::fs::File::create(output).with_context(|| cannot_write(output))?;
            let mut out = std::io::BufWriter::new(file);
            let invalid =
                lots::generate::companies(&mut out, count, invalid_every, windows_1252, seed)?;
            std::io::Write::flush(&mut out)?;
            let file = output.display().to_string();
            say::out(
                "cli-companies-generated",
                &[
                    ("count", count.into()),
                    ("file", file.as_str().into()),
                    ("invalid", invalid.into()),
                ],
            );
            return Ok(ExitCode::SUCCESS);
        }
        Command::Generate(GenerateCommand::Cases {
            count,
            seed,
            output,
        }) => {
            let (count, seed) = (*count, *seed);
            let file = std::fs::File::create(output).with_context(|| cannot_write(output))?;
            let mut out = std::io::BufWriter::new(file);
            lots::generate::cases(&mut out, count, seed)?;
            std::io::Write::flush(&mut out)?;
            let file = output.display().to_string();
            say::out(
                "cli-cases-generated",
                &[("count", count.into()), ("file", file.as_str().into())],
            );
            return Ok(ExitCode::SUCCESS);
        }
        Command::Generate(GenerateCommand::Survey {
            respondents,
            seed,
            output,
        }) => {
            let file = std::fs::File::create(output).with_context(|| cannot_write(output))?;
            let mut out = std::io::BufWriter::new(file);
            lots::generate::survey(&mut out, *respondents, *seed)?;
            out.flush()?;
            let file = output.display().to_string();
            say::out(
                "cli-respondents-generated",
                &[
                    ("count", (*respondents).into()),
                    ("file", file.as_str().into()),
                ],
            );
            return Ok(ExitCode::SUCCESS);
        }
        _ => {}
    }
    let db = open_database(&config.database_url).await?;
    if let Command::Import(cmd) = cli.command {
        return import(&db, cmd).await;
    }
    run_other(&config, db, cli.command)
        .await
        .map(|()| ExitCode::SUCCESS)
}

async fn run_other(config: &Config, db: Db, command: Command) -> anyhow::Result<()> {
    match command {
        Command::Serve { demo } => serve(config, db, demo).await,
        Command::Migrate => {
            say::out(
                "cli-database-up-to-date",
                &[("backend", redacted_kind(&db).into())],
            );
            Ok(())
        }
        Command::Demo => {
            let logins = demo::load(&db, &config.demo_password).await?;
            say::out("cli-demo-loaded", &[("count", logins.len().into())]);
            Ok(())
        }
        Command::User(cmd) => user(&db, cmd).await,
        Command::Token(cmd) => token(&db, cmd).await,
        Command::Municipality(MunicipalityCommand::Host { code }) => {
            let m = db.host_municipality(&code).await?;
            db.audit(cli_audit(
                Some(&m.code),
                "municipality.host",
                "municipality",
                &m.code,
            ))
            .await?;
            say::out(
                "cli-municipality-hosted",
                &[
                    ("code", m.code.as_str().into()),
                    ("name", m.name.as_str().into()),
                    ("county", m.county_name.as_str().into()),
                ],
            );
            Ok(())
        }
        Command::Organiser(cmd) => organiser(&db, cmd).await,
        Command::Import(_) => bail!("handled above"),
        Command::Cases(CasesCommand::Times {
            municipality,
            by,
            from,
            to,
        }) => {
            let tenant = cli_tenant(&db, &municipality)
                .await
                .with_context(|| not_hosted(&municipality))?;
            if !lots_store::HANDLING_GROUPS.contains(&by.as_str()) {
                bail!(say::text("cli-by-area-unit-or-month", &[]));
            }
            let started = std::time::Instant::now();
            let rows = tenant.handling_times(&by, (from, to)).await?;
            let elapsed = started.elapsed();
            println!("group;decided;median_days;p90_days;within_deadline;with_deadline");
            let num = |v: Option<f64>| v.map_or(String::new(), |v| format!("{v:.1}"));
            for r in rows {
                println!(
                    "{};{};{};{};{};{}",
                    r.group,
                    r.times.decided,
                    num(r.times.median_days),
                    num(r.times.p90_days),
                    num(r.times.within_deadline),
                    r.times.with_deadline
                );
            }
            let ms = elapsed.as_millis() as u64;
            say::err("cli-computed-in", &[("ms", ms.into())]);
            Ok(())
        }
        Command::Export(ExportCommand::Companies {
            municipality,
            format,
            output,
        }) => export_companies(&db, &municipality, format, output.as_deref()).await,
        Command::Survey(SurveyCommand::Results {
            round,
            municipality: Some(municipality),
            by,
            format,
            input: None,
            battery,
            from,
            to,
        }) => {
            let which = match (round, battery, from, to) {
                (Some(round), _, _, _) => Which::Round(round),
                (None, Some(battery), Some(from), Some(to)) => Which::Period(battery, from, to),
                _ => bail!(say::text("cli-give-a-round-or-a-period", &[])),
            };
            survey_results(&db, config, which, &municipality, &by, format).await
        }
        Command::Survey(SurveyCommand::Results { input: Some(_), .. }) | Command::Generate(_) => {
            bail!("handled above")
        }
        Command::Survey(SurveyCommand::Results { .. }) => {
            bail!(say::text("cli-give-a-round-or-an-input", &[]))
        }
        Command::Municipality(MunicipalityCommand::List) => {
            for m in db.hosted_municipalities().await? {
                println!("{}\t{}\t{}", m.code, m.name, m.county_name);
            }
            Ok(())
        }
    }
}

/// The refusal for a municipality this installation does not host.
fn not_hosted(code: &str) -> String {
    say::text("cli-not-hosted", &[("code", code.into())])
}

fn cannot_write(file: &std::path::Path) -> String {
    let file = file.display().to_string();
    say::text("cli-cannot-write", &[("file", file.as_str().into())])
}

fn redacted_kind(db: &Db) -> &'static str {
    match db.backend() {
        lots_store::Backend::Sqlite => "SQLite",
        lots_store::Backend::Postgres => "PostgreSQL",
    }
}

async fn serve(config: &Config, db: Db, demo: bool) -> anyhow::Result<()> {
    let logins = if demo {
        Some(demo::load(&db, &config.demo_password).await?)
    } else {
        None
    };
    let mailer = Mailer::from_config(&config.mail, &config.mail_from)
        .and_then(|m| m.with_own(&config.own_mail, &config.mail_from))
        .context("mail configuration")?;
    let server = Server::start(config, db, mailer).await?;
    let url = format!("http://{}/", server.addr);
    say::out("cli-running-at", &[("url", url.as_str().into())]);
    if let Some(logins) = logins {
        say::out("cli-demo-passwords", &[]);
        for l in &logins {
            println!("  {:<42} {} ({})", l.email, l.name, l.role);
        }
    }
    shutdown_signal().await;
    tracing::info!("shutting down");
    server.stop().await
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {}
        _ = terminate => {}
    }
}

async fn user(db: &Db, cmd: UserCommand) -> anyhow::Result<()> {
    match cmd {
        UserCommand::Add {
            municipality,
            organiser,
            email,
            name,
            title,
            unit,
            roles,
            language,
            password_stdin,
        } => {
            let password_hash = if password_stdin {
                let mut line = String::new();
                std::io::stdin().lock().read_line(&mut line)?;
                let password = line.trim_end_matches(['\r', '\n']);
                if let Err(e) = lots_domain::password::check(password) {
                    bail!(say::text(e.message(), &[]));
                }
                Some(lots_store::secret::hash_password(password))
            } else {
                None
            };
            let invited = password_hash.is_none();
            let user = match (municipality, organiser) {
                (Some(municipality), _) => {
                    let tenant = cli_tenant(db, &municipality)
                        .await
                        .with_context(|| not_hosted(&municipality))?;
                    let unit_id = match unit {
                        Some(u) => Some(
                            tenant
                                .unit_by_name(&u)
                                .await?
                                .with_context(|| {
                                    let args = [
                                        ("unit", u.as_str().into()),
                                        ("code", municipality.as_str().into()),
                                    ];
                                    say::text("cli-no-unit", &args)
                                })?
                                .id,
                        ),
                        None => None,
                    };
                    if roles.is_empty() {
                        bail!(say::text("cli-give-a-role", &[]));
                    }
                    tenant
                        .create_user(NewUser {
                            email: &email,
                            name: &name,
                            title: &title,
                            unit_id,
                            roles: &roles,
                            password_hash,
                            language,
                        })
                        .await?
                }
                (None, Some(organiser)) => {
                    let o = db.organiser_by_name(&organiser).await?.with_context(|| {
                        say::text("cli-no-organiser", &[("name", organiser.as_str().into())])
                    })?;
                    if invited {
                        bail!(say::text("cli-organiser-staff-need-a-password", &[]));
                    }
                    let user = db
                        .create_organiser_user(
                            o.id,
                            NewUser {
                                email: &email,
                                name: &name,
                                title: &title,
                                unit_id: None,
                                roles: &[Role::Organiser],
                                password_hash,
                                language,
                            },
                        )
                        .await?;
                    db.audit(cli_audit(None, "user.create", "user", user.id))
                        .await?;
                    user
                }
                (None, None) => bail!(say::text("cli-give-municipality-or-organiser", &[])),
            };
            if invited {
                lots_jobs::enqueue_invitation(db, &user, "Lots").await?;
                say::out("cli-user-invited", &[("email", user.email.as_str().into())]);
            } else {
                say::out(
                    "cli-user-can-sign-in",
                    &[("email", user.email.as_str().into())],
                );
            }
            Ok(())
        }
        UserCommand::List { municipality } => {
            for u in db.all_users().await? {
                if municipality
                    .as_deref()
                    .is_some_and(|m| u.municipality_code.as_deref() != Some(m))
                {
                    continue;
                }
                let roles: Vec<&str> = u.roles.iter().map(|r| r.code()).collect();
                println!(
                    "{}\t{}\t{}\t{}\t{}\t{}",
                    u.municipality_code.as_deref().unwrap_or("-"),
                    u.email,
                    u.name,
                    u.status.code(),
                    roles.join(","),
                    u.unit_name.as_deref().unwrap_or("-"),
                );
            }
            Ok(())
        }
        UserCommand::Disable { email } => {
            let user = db.disable_user_by_email(&email).await.with_context(|| {
                say::text("cli-no-account", &[("email", email.as_str().into())])
            })?;
            db.audit(cli_audit(
                user.municipality_code.as_deref(),
                "user.disable",
                "user",
                user.id,
            ))
            .await?;
            say::out(
                "cli-user-disabled",
                &[("email", user.email.as_str().into())],
            );
            Ok(())
        }
    }
}

async fn token(db: &Db, cmd: TokenCommand) -> anyhow::Result<()> {
    match cmd {
        TokenCommand::Create {
            municipality,
            name,
            scope,
        } => {
            let scope: Scope = scope.parse()?;
            let tenant = cli_tenant(db, &municipality)
                .await
                .with_context(|| not_hosted(&municipality))?;
            let (token, secret) = tenant.create_api_token(&name, scope, "cli").await?;
            db.audit(cli_audit(
                Some(&municipality),
                "api_token.create",
                "api_token",
                token.id,
            ))
            .await?;
            let scope = token.scope.to_string();
            say::err(
                "cli-token-created",
                &[("id", token.id.into()), ("scope", scope.as_str().into())],
            );
            println!("{secret}");
            Ok(())
        }
        TokenCommand::List { municipality } => {
            let tenant = cli_tenant(db, &municipality)
                .await
                .with_context(|| not_hosted(&municipality))?;
            for t in tenant.api_tokens().await? {
                println!(
                    "{}\t{}\t{}…\t{}\t{}",
                    t.id,
                    t.name,
                    t.prefix,
                    t.scope,
                    if t.revoked_at.is_some() {
                        "revoked"
                    } else {
                        "active"
                    }
                );
            }
            Ok(())
        }
        TokenCommand::Revoke { id } => {
            db.revoke_api_token_any(id)
                .await
                .with_context(|| say::text("cli-no-token", &[("id", id.into())]))?;
            db.audit(cli_audit(None, "api_token.revoke", "api_token", id))
                .await?;
            say::out("cli-token-revoked", &[("id", id.into())]);
            Ok(())
        }
    }
}

/// A day as the command line takes it, `2026-12-03`.
fn day(text: &str) -> Result<jiff::civil::Date, String> {
    text.parse()
        .map_err(|_| say::text("cli-not-a-day", &[("text", text.into())]))
}

fn organiser_kind(code: &str) -> Result<OrganiserKind, String> {
    OrganiserKind::parse(code)
        .ok_or_else(|| say::text("cli-unknown-organiser-kind", &[("code", code.into())]))
}

async fn organiser(db: &Db, cmd: OrganiserCommand) -> anyhow::Result<()> {
    match cmd {
        OrganiserCommand::Add {
            name,
            kind,
            members,
        } => {
            let o = db.create_organiser(&name, kind, &members).await?;
            db.audit(AuditEntry {
                organiser_id: Some(o.id),
                ..cli_audit(None, "organiser.create", "organiser", o.id)
            })
            .await?;
            let kind = say::text(o.kind.message(), &[]);
            say::out(
                "cli-organiser-created",
                &[
                    ("name", o.name.as_str().into()),
                    ("kind", kind.as_str().into()),
                    ("count", members.len().into()),
                ],
            );
            Ok(())
        }
        OrganiserCommand::List => {
            for o in db.organisers().await? {
                let members = db.organiser_scope(o.id).members().await?;
                let codes: Vec<&str> = members.iter().map(|m| m.code.as_str()).collect();
                println!("{}\t{}\t{}\t{}", o.id, o.name, o.kind, codes.join(","));
            }
            Ok(())
        }
    }
}

fn parse_mapping(mapping: &[String]) -> anyhow::Result<Vec<(String, String)>> {
    mapping
        .iter()
        .map(|m| {
            let (column, field) = m.rsplit_once('=').with_context(|| {
                say::text("cli-map-is-column-field", &[("map", m.as_str().into())])
            })?;
            Ok((column.to_string(), field.trim().to_string()))
        })
        .collect()
}

async fn import(db: &Db, cmd: ImportCommand) -> anyhow::Result<ExitCode> {
    let (args, what) = match &cmd {
        ImportCommand::Companies { args, .. } => (args, "cli-importing-companies"),
        ImportCommand::Contacts { args, .. } => (args, "cli-importing-contacts"),
        ImportCommand::Cases { args } => (args, "cli-importing-cases"),
    };
    let unreadable = |message: String| {
        say::err("cli-error", &[("message", message.as_str().into())]);
        Ok(ExitCode::from(2))
    };
    let cannot_read = |e: std::io::Error| {
        let file = args.file.display().to_string();
        let reason = e.to_string();
        let args = [
            ("file", file.as_str().into()),
            ("reason", reason.as_str().into()),
        ];
        unreadable(say::text("cli-cannot-read", &args))
    };
    let file = match std::fs::File::open(&args.file) {
        Ok(f) => f,
        Err(e) => return cannot_read(e),
    };
    let length = file.metadata().map_or(0, |m| m.len());
    let tenant = cli_tenant(db, &args.municipality)
        .await
        .with_context(|| not_hosted(&args.municipality))?;
    let options = lots_store::ImportOptions {
        on_duplicate: match cmd {
            ImportCommand::Companies {
                on_duplicate: Duplicate::Skip,
                ..
            } => lots_store::OnDuplicate::Skip,
            _ => lots_store::OnDuplicate::Update,
        },
        all_or_nothing: args.all_or_nothing,
        dry_run: args.dry_run,
        mapping: parse_mapping(&args.mapping)?,
        sheet: args.sheet.clone(),
    };
    let progress = indicatif::ProgressBar::new(length)
        .with_style(
            indicatif::ProgressStyle::with_template(
                "{msg} [{bar:40}] {bytes}/{total_bytes} ({eta} left)",
            )?
            .progress_chars("=> "),
        )
        .with_message(say::text(what, &[]));
    let result = match &cmd {
        ImportCommand::Companies { .. } => {
            let report = |bytes: u64| progress.set_position(bytes);
            tenant
                .import_companies_file(file, &options, "cli", &report)
                .await
        }
        ImportCommand::Contacts { legal_basis, .. } => {
            let bytes = match std::fs::read(&args.file) {
                Ok(b) => b,
                Err(e) => return cannot_read(e),
            };
            let basis = match legal_basis {
                LegalBasis::PublicTask => lots_domain::contact_import::LegalBasis::PublicTask,
                LegalBasis::LegitimateInterest => {
                    lots_domain::contact_import::LegalBasis::LegitimateInterest
                }
                LegalBasis::Consent => lots_domain::contact_import::LegalBasis::Consent,
            };
            tenant
                .import_contacts_file(&bytes, &options, basis, "cli")
                .await
        }
        ImportCommand::Cases { .. } => {
            let report = |bytes: u64| progress.set_position(bytes);
            let name = args.file.file_name().unwrap_or_default().to_string_lossy();
            tenant
                .import_cases_file(file, &options, &name, &report)
                .await
        }
    };
    progress.finish_and_clear();
    let report = match result {
        Ok(r) => r,
        Err(lots_store::StoreError::Refused(why)) => {
            let why = why.text(say::lang());
            return unreadable(format!("{}: {why}", args.file.display()));
        }
        Err(e) => return Err(e.into()),
    };
    for r in &report.rejects {
        let (column, reason) = (format!("{:?}", r.column), r.reason.text(say::lang()));
        // A line number as the file's editor shows it, not grouped like an amount.
        let (line, value) = (r.line.to_string(), format!("{:?}", r.value));
        say::err(
            "cli-import-reject",
            &[
                ("line", line.as_str().into()),
                ("column", column.as_str().into()),
                ("value", value.as_str().into()),
                ("reason", reason.as_str().into()),
            ],
        );
    }
    say::out(
        "cli-import-read",
        &[
            ("rows", report.rows.into()),
            ("encoding", report.encoding.into()),
            ("valid", report.valid.into()),
            ("rejected", report.rejects.len().into()),
        ],
    );
    match &report.outcome {
        Some(o) => say::out(
            "cli-import-written",
            &[
                ("created", o.created.into()),
                ("updated", o.updated.into()),
                ("unchanged", o.unchanged.into()),
                ("skipped", o.skipped.into()),
            ],
        ),
        None if args.dry_run => say::out("cli-import-dry-run", &[]),
        None => say::out("cli-import-nothing-written", &[]),
    }
    if !report.rejects.is_empty() && !args.dry_run {
        let mut path = args.file.as_os_str().to_owned();
        path.push(".avvisade.csv");
        std::fs::write(&path, report.rejects_file(say::lang()))?;
        let file = std::path::Path::new(&path).display().to_string();
        say::out("cli-import-rejects-file", &[("file", file.as_str().into())]);
    }
    Ok(if report.rejects.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// The national table of a measurement file; no database needed.
fn national_results(
    config: &Config,
    input: &std::path::Path,
    format: ResultsFormat,
) -> anyhow::Result<()> {
    let started = std::time::Instant::now();
    let agg = lots::generate::national_results(input)?;
    // Insikt's rules of each year (data/insikt_rules.csv); the configured minimum can only
    // raise the threshold for showing.
    let rows = agg.table(config.survey_min_answers);
    let effects = agg.effects();
    tracing::debug!(
        elapsed_ms = started.elapsed().as_millis() as u64,
        rows = rows.len(),
        "national results"
    );
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match format {
        ResultsFormat::Json => {
            serde_json::to_writer(
                &mut out,
                &serde_json::json!({ "rows": rows, "effects": effects }),
            )?;
            writeln!(out)?;
        }
        ResultsFormat::Csv => {
            let mut w = csv::Writer::from_writer(out);
            w.write_record(lots_domain::national::COLUMNS)?;
            for row in &rows {
                w.write_record(row.cells())?;
            }
            w.flush()?;
        }
    }
    Ok(())
}

/// A round, or a battery over a period.
enum Which {
    Round(i64),
    Period(String, jiff::civil::Date, jiff::civil::Date),
}

async fn survey_results(
    db: &Db,
    config: &Config,
    which: Which,
    municipality: &str,
    by: &str,
    format: ResultsFormat,
) -> anyhow::Result<()> {
    if !lots_store::BREAKDOWNS.contains(&by) {
        let all = lots_store::BREAKDOWNS.join(", ");
        bail!(say::text(
            "cli-by-is-one-of",
            &[("all", all.as_str().into())]
        ));
    }
    let tenant = cli_tenant(db, municipality)
        .await
        .with_context(|| not_hosted(municipality))?;
    let thresholds = lots_domain::nki::Thresholds {
        min_shown: config.survey_min_answers,
        ..Default::default()
    };
    let results = match &which {
        Which::Round(round) => {
            tenant
                .round_results(*round, by, say::lang(), &thresholds)
                .await
        }
        Which::Period(battery, from, to) => {
            tenant
                .period_results(battery, (*from, *to), by, say::lang(), &thresholds)
                .await
        }
    };
    let results = match results {
        Err(lots_store::StoreError::NotFound) => {
            bail!(say::text(
                "cli-no-such-round",
                &[("code", municipality.into())]
            ))
        }
        other => other?,
    };
    let mut out = std::io::stdout().lock();
    match format {
        ResultsFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &results.rows)?;
            writeln!(out)?;
        }
        ResultsFormat::Csv => {
            let mut w = csv::Writer::from_writer(out);
            w.write_record(lots_domain::survey_results::COLUMNS)?;
            for row in &results.rows {
                w.write_record(row.cells())?;
            }
            w.flush()?;
        }
    }
    Ok(())
}

async fn export_companies(
    db: &Db,
    municipality: &str,
    format: ExportFormat,
    output: Option<&std::path::Path>,
) -> anyhow::Result<()> {
    let tenant = cli_tenant(db, municipality)
        .await
        .context("municipality not hosted here")?;
    let filter = lots_store::CompanyFilter {
        page: 1,
        per_page: usize::MAX,
        ..Default::default()
    };
    let format_name = match format {
        ExportFormat::Csv => "csv",
        ExportFormat::Xlsx => "xlsx",
    };
    let companies = tenant.export_companies(&filter, format_name).await?;
    let rows: Vec<Vec<String>> = companies
        .iter()
        .map(|c| c.export_row(c.orgnr.clone(), say::lang()))
        .collect();
    let header = lots_store::export_header(say::lang());
    let bytes = match format {
        ExportFormat::Csv => lots_domain::export::csv_for_excel(&header, &rows),
        ExportFormat::Xlsx => {
            lots_domain::export::xlsx(&lots_i18n::text(say::lang(), "companies"), &header, &rows)
                .map_err(|e| {
                    anyhow::anyhow!("{}: {e}", say::text("cli-cannot-write-the-workbook", &[]))
                })?
        }
    };
    match output {
        Some(path) => std::fs::write(path, bytes).with_context(|| cannot_write(path))?,
        None => std::io::Write::write_all(&mut std::io::stdout(), &bytes)?,
    }
    Ok(())
}
