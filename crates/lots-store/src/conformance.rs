//! The conformance suite of the data layer: every test runs on SQLite and, when
//! `LOTS_TEST_DATABASE_URL` names a PostgreSQL server, on PostgreSQL too.

use lots_domain::Role;
use sqlx::Row;

use crate::migrate::Migration;
use crate::secret::hash_password;
use crate::{
    AuditEntry, AuditFilter, Db, NewJob, NewUnit, NewUser, Scope, SignInOutcome, StaffFilter,
    StoreError, UnitKind, UserStatus, now,
};

/// A fresh, migrated database per backend, and a SQLite database made by an earlier main
/// (`fixtures/main-6dc8bcb.sql`, its `sqlite3 .dump`) brought up to today's migrations: a
/// migration edited after that main applied it, or one that cannot run on top of it,
/// fails every test here.
async fn databases() -> Vec<(Db, Option<(String, String)>)> {
    let dir = std::env::temp_dir().join(format!("lots-store-{}", crate::secret::new_token()));
    std::fs::create_dir_all(&dir).unwrap();
    let sqlite = Db::connect(&format!("sqlite://{}/t.db", dir.display()))
        .await
        .unwrap();
    sqlite.migrate().await.unwrap();
    let earlier_url = format!("sqlite://{}/earlier.db", dir.display());
    let loading = Db::connect(&earlier_url).await.unwrap();
    sqlx::raw_sql(include_str!("../fixtures/main-6dc8bcb.sql"))
        .execute(&loading.pool)
        .await
        .unwrap();
    // The dump turns foreign keys off on the connection that loads it: start afresh.
    loading.close().await;
    let earlier = Db::connect(&earlier_url).await.unwrap();
    earlier.migrate().await.unwrap();
    let mut all = vec![(sqlite, None), (earlier, None)];
    if let Ok(admin) = std::env::var("LOTS_TEST_DATABASE_URL") {
        let url = crate::scratch::postgres_database(&admin).await.unwrap();
        let pg = Db::connect(&url).await.unwrap();
        pg.migrate().await.unwrap();
        all.push((pg, Some((admin, url))));
    }
    all
}

async fn cleanup(db: Db, scratch: Option<(String, String)>) {
    db.close().await;
    if let Some((admin, url)) = scratch {
        crate::scratch::drop_postgres_database(&admin, &url)
            .await
            .unwrap();
    }
}

/// The first ten rows of an audit log filter, and how many there are.
async fn first_page(
    t: &crate::Tenant<'_>,
    filter: AuditFilter,
) -> (usize, Vec<crate::AuditRecord>) {
    t.audit_log(&AuditFilter {
        page: 1,
        per_page: 10,
        ..filter
    })
    .await
    .unwrap()
}

fn user<'a>(email: &'a str, roles: &'a [Role], unit_id: Option<i64>) -> NewUser<'a> {
    NewUser {
        email,
        name: "Test Person",
        title: "",
        unit_id,
        roles,
        password_hash: None,
        language: lots_i18n::Lang::Sv,
    }
}

#[tokio::test]
async fn migrations_are_idempotent_and_load_reference_data() {
    for (db, scratch) in databases().await {
        assert_eq!(db.migrate().await.unwrap(), Vec::<i64>::new());
        let n: i64 = sqlx::query("SELECT COUNT(*) AS n FROM municipalities")
            .fetch_one(&db.pool)
            .await
            .unwrap()
            .get("n");
        assert_eq!(n, 290);
        let m = db.host_municipality("0139").await.unwrap();
        assert_eq!(
            (m.name.as_str(), m.county_name.as_str()),
            ("Upplands-Bro", "Stockholms län")
        );
        assert!(matches!(
            db.host_municipality("9999").await,
            Err(StoreError::Invalid(_))
        ));
        assert!(matches!(db.tenant("0180").await, Err(StoreError::NotFound)));
        cleanup(db, scratch).await;
    }
}

#[tokio::test]
async fn the_compact_sort_keys_migration_rewrites_every_stored_key() {
    for (db, scratch) in databases().await {
        db.host_municipality("0139").await.unwrap();
        let t = db.tenant("0139").await.unwrap();
        let unit = t
            .create_unit(NewUnit {
                name: "Näringslivsenheten",
                kind: UnitKind::Enhet,
                parent_id: None,
            })
            .await
            .unwrap();
        t.create_user(user("anna@example.org", &[Role::ReadOnly], Some(unit.id)))
            .await
            .unwrap();
        // Keys as an earlier version wrote them, and the migration not yet applied.
        sqlx::query("UPDATE users SET sort_key = '0200 0'")
            .execute(&db.pool)
            .await
            .unwrap();
        sqlx::query("DELETE FROM lots_migrations WHERE version = 20")
            .execute(&db.pool)
            .await
            .unwrap();
        assert_eq!(db.migrate().await.unwrap(), vec![20]);
        let key: String =
            sqlx::query("SELECT sort_key FROM users WHERE email = 'anna@example.org'")
                .fetch_one(&db.pool)
                .await
                .unwrap()
                .get("sort_key");
        assert_eq!(key, lots_domain::collation::sort_key("Test Person"));
        cleanup(db, scratch).await;
    }
}

#[tokio::test]
async fn the_response_values_migration_sums_every_earlier_answer() {
    use lots_domain::battery::Answer;
    for (db, scratch) in databases().await {
        db.set_anonymity_key([7; 32]);
        db.host_municipality("0139").await.unwrap();
        let t = db.tenant("0139").await.unwrap();
        t.install_standard_batteries().await.unwrap();
        let version = t
            .batteries()
            .await
            .unwrap()
            .into_iter()
            .find(|b| b.code == "insikt-nki")
            .and_then(|b| b.published)
            .unwrap()
            .0;
        let questions = ["nki_overall", "nki_expectations", "nki_ideal"];
        // More answers than the migration reads at a time.
        let responses: Vec<crate::ImportedResponse> = (0..1_201)
            .map(|i| crate::ImportedResponse {
                area: "Bygglov".into(),
                industry: String::new(),
                size_class: String::new(),
                unit: String::new(),
                submitted_at: 1_700_000_000,
                answers: lots_domain::battery::SERVICE_FACTORS
                    .iter()
                    .map(|f| format!("f_{f}"))
                    .chain(questions.map(String::from))
                    .map(|q| (q, Answer::Number(1 + i % 6)))
                    .collect(),
            })
            .collect();
        let period = (
            jiff::civil::date(2025, 1, 1),
            jiff::civil::date(2025, 12, 31),
        );
        t.import_round(version, "Insikt 2025", period, 1_300, &responses, "test")
            .await
            .unwrap();
        let thresholds = lots_domain::nki::Thresholds::default();
        let written = t.trend("insikt-nki", &thresholds).await.unwrap();
        assert_eq!(written[0].rows[0].n, Some(1_201));
        // As before the migration: the answers without their values.
        for undo in [
            "DROP TABLE survey_response_values",
            "DROP INDEX survey_invitations_round_area",
        ] {
            sqlx::query(undo).execute(&db.pool).await.unwrap();
        }
        sqlx::query("DELETE FROM lots_migrations WHERE version = 27")
            .execute(&db.pool)
            .await
            .unwrap();
        assert_eq!(db.migrate().await.unwrap(), vec![27]);
        let migrated = t.trend("insikt-nki", &thresholds).await.unwrap();
        assert_eq!(
            serde_json::to_value(&migrated).unwrap(),
            serde_json::to_value(&written).unwrap()
        );
        cleanup(db, scratch).await;
    }
}

#[tokio::test]
async fn a_migration_changed_after_it_ran_stops_the_start() {
    for (db, scratch) in databases().await {
        // A database from before checksums were kept: they are filled in, nothing reruns.
        sqlx::query("UPDATE lots_migrations SET checksum = NULL")
            .execute(&db.pool)
            .await
            .unwrap();
        assert_eq!(db.migrate().await.unwrap(), Vec::<i64>::new());
        let unset: i64 =
            sqlx::query("SELECT COUNT(*) AS n FROM lots_migrations WHERE checksum IS NULL")
                .fetch_one(&db.pool)
                .await
                .unwrap()
                .get("n");
        assert_eq!(unset, 0);
        // Then one is edited: the next start refuses, naming it.
        sqlx::query("UPDATE lots_migrations SET checksum = 'edited' WHERE version = 6")
            .execute(&db.pool)
            .await
            .unwrap();
        let err = db.migrate().await.unwrap_err();
        assert!(
            matches!(&err, StoreError::MigrationChanged { version: 6, name, .. } if name == "surveys"),
            "{err}"
        );
        assert!(
            err.to_string().contains("migrations/0006_surveys.*"),
            "{err}"
        );
        cleanup(db, scratch).await;
    }
}

#[test]
fn each_backend_reads_its_own_lines_and_spelling() {
    let source = "CREATE TABLE t (\n    id {{identity}},\n    key TEXT{{byte_order}},\n\
                  -- if sqlite\n    b BLOB\n-- if postgres\n    b {{bytes}}\n-- end if\n);\n";
    assert_eq!(
        crate::migrate::expand(source, crate::Backend::Sqlite),
        "CREATE TABLE t (\n    id INTEGER PRIMARY KEY AUTOINCREMENT,\n    key TEXT,\n    b BLOB\n);\n"
    );
    assert_eq!(
        crate::migrate::expand(source, crate::Backend::Postgres),
        "CREATE TABLE t (\n    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n    key TEXT COLLATE \"C\",\n    b BYTEA\n);\n"
    );
}

#[tokio::test]
async fn a_failing_migration_leaves_the_database_as_it_was() {
    let broken = Migration {
        version: 999,
        name: "broken",
        sql: "CREATE TABLE half_done (id BIGINT); INSERT INTO no_such_table VALUES (1);",
        step: None,
        step_source: "",
    };
    for (db, scratch) in databases().await {
        let err = db.apply(std::slice::from_ref(&broken)).await.unwrap_err();
        assert!(
            matches!(err, StoreError::Migration { version: 999, .. }),
            "{err}"
        );
        let table = sqlx::query("SELECT * FROM half_done")
            .fetch_all(&db.pool)
            .await;
        assert!(
            table.is_err(),
            "the table of a failed migration must not exist"
        );
        let recorded: i64 =
            sqlx::query("SELECT COUNT(*) AS n FROM lots_migrations WHERE version = 999")
                .fetch_one(&db.pool)
                .await
                .unwrap()
                .get("n");
        assert_eq!(recorded, 0);
        cleanup(db, scratch).await;
    }
}

#[tokio::test]
async fn one_municipality_never_reaches_another_s_rows() {
    for (db, scratch) in databases().await {
        db.host_municipality("0139").await.unwrap();
        db.host_municipality("0180").await.unwrap();
        let a = db.tenant("0139").await.unwrap();
        let b = db.tenant("0180").await.unwrap();
        let unit_b = b
            .create_unit(NewUnit {
                name: "Bygglov",
                kind: UnitKind::Enhet,
                parent_id: None,
            })
            .await
            .unwrap();
        let user_b = b
            .create_user(user(
                "b@stockholm.example",
                &[Role::CaseOfficer],
                Some(unit_b.id),
            ))
            .await
            .unwrap();
        let (token_b, _) = b.create_api_token("B", Scope::Read, "test").await.unwrap();
        db.audit(AuditEntry {
            municipality_code: Some("0180".into()),
            actor: "b".into(),
            action: "x".into(),
            ..AuditEntry::default()
        })
        .await
        .unwrap();

        assert!(matches!(a.unit(unit_b.id).await, Err(StoreError::NotFound)));
        assert!(matches!(a.user(user_b.id).await, Err(StoreError::NotFound)));
        assert!(matches!(
            a.api_token(token_b.id).await,
            Err(StoreError::NotFound)
        ));
        assert!(matches!(
            a.revoke_api_token(token_b.id).await,
            Err(StoreError::NotFound)
        ));
        assert!(matches!(
            a.set_user_status(user_b.id, UserStatus::Disabled).await,
            Err(StoreError::NotFound)
        ));
        assert!(matches!(
            a.update_user_roles_and_unit(user_b.id, &[Role::Administrator], None)
                .await,
            Err(StoreError::NotFound)
        ));
        // Pointing at another municipality's unit is refused too.
        assert!(matches!(
            a.create_unit(NewUnit {
                name: "X",
                kind: UnitKind::Enhet,
                parent_id: Some(unit_b.id)
            })
            .await,
            Err(StoreError::NotFound)
        ));
        assert!(matches!(
            a.create_user(user("a@bro.example", &[Role::CaseOfficer], Some(unit_b.id)))
                .await,
            Err(StoreError::NotFound)
        ));
        // The database refuses a cross-municipality unit even past the data layer.
        let a_user = a
            .create_user(user("a@bro.example", &[Role::CaseOfficer], None))
            .await
            .unwrap();
        let cross = sqlx::query("UPDATE users SET unit_id = $1 WHERE id = $2")
            .bind(unit_b.id)
            .bind(a_user.id)
            .execute(&db.pool)
            .await;
        assert!(
            cross.is_err(),
            "a composite foreign key keeps units within the municipality"
        );

        assert!(a.units().await.unwrap().is_empty());
        let staff = a
            .staff(&StaffFilter {
                page: 1,
                per_page: 100,
                ..Default::default()
            })
            .await
            .unwrap();
        assert_eq!(
            staff.items.iter().map(|u| u.id).collect::<Vec<_>>(),
            vec![a_user.id]
        );
        assert!(a.api_tokens().await.unwrap().is_empty());
        // Only its own: the invitation of its one user, none of the other's rows.
        let (_, log) = first_page(&a, AuditFilter::default()).await;
        let seen: Vec<_> = log
            .iter()
            .map(|r| (r.action.as_str(), r.record_id.clone()))
            .collect();
        assert_eq!(seen, [("user.invite", a_user.id.to_string())]);
        assert_eq!(b.user(user_b.id).await.unwrap().status, UserStatus::Invited);
        cleanup(db, scratch).await;
    }
}

#[tokio::test]
async fn the_audit_log_is_append_only() {
    for (db, scratch) in databases().await {
        db.host_municipality("0139").await.unwrap();
        db.audit(AuditEntry {
            municipality_code: Some("0139".into()),
            actor: "cli".into(),
            action: "user.create".into(),
            record_type: "user".into(),
            record_id: "1".into(),
            ..AuditEntry::default()
        })
        .await
        .unwrap();
        assert!(
            sqlx::query("UPDATE audit_log SET actor = 'someone else'")
                .execute(&db.pool)
                .await
                .is_err()
        );
        assert!(
            sqlx::query("DELETE FROM audit_log")
                .execute(&db.pool)
                .await
                .is_err()
        );
        let t = db.tenant("0139").await.unwrap();
        let (n, rows) = first_page(
            &t,
            AuditFilter {
                action: Some("USER.".into()),
                ..Default::default()
            },
        )
        .await;
        assert_eq!((n, rows[0].actor.as_str()), (1, "cli"));
        let (n, _) = first_page(
            &t,
            AuditFilter {
                from: Some(now() + 3600),
                ..Default::default()
            },
        )
        .await;
        assert_eq!(n, 0);
        cleanup(db, scratch).await;
    }
}

/// A touch of personal data and its audit row commit together: when the audit row cannot be
/// written, the change is not made either.
#[tokio::test]
async fn a_change_to_personal_data_and_its_audit_row_commit_together() {
    for (db, scratch) in databases().await {
        db.host_municipality("0139").await.unwrap();
        let anna = crate::Actor {
            user_id: None,
            organiser_id: None,
            name: "anna@bro.example".into(),
            ip: "192.0.2.7".into(),
        };
        let t = db.tenant("0139").await.unwrap().acting(anna);
        let company = t
            .create_company(
                &crate::CompanyInput {
                    orgnr: "556036-0793".into(),
                    name: "Brunna Verkstad AB".into(),
                    ..Default::default()
                },
                "Anna",
            )
            .await
            .unwrap();
        let input = crate::ContactInput {
            name: "Vera Ek".into(),
            legal_basis: Some(lots_domain::contact_import::LegalBasis::PublicTask),
            ..Default::default()
        };
        let contact = t.create_contact(company.id, &input, "Anna").await.unwrap();
        let refuse = match db.backend() {
            crate::Backend::Sqlite => vec![
                "CREATE TRIGGER refuse_update_audit BEFORE INSERT ON audit_log
                 WHEN NEW.action = 'contact.update' BEGIN SELECT RAISE(ABORT, 'refused'); END",
            ],
            crate::Backend::Postgres => vec![
                "CREATE FUNCTION refuse_update_audit() RETURNS trigger AS $$
                 BEGIN IF NEW.action = 'contact.update' THEN RAISE EXCEPTION 'refused'; END IF;
                 RETURN NEW; END $$ LANGUAGE plpgsql",
                "CREATE TRIGGER refuse_update_audit BEFORE INSERT ON audit_log
                 FOR EACH ROW EXECUTE FUNCTION refuse_update_audit()",
            ],
        };
        for sql in refuse {
            sqlx::query(sql).execute(&db.pool).await.unwrap();
        }
        let renamed = crate::ContactInput {
            name: "Vera Lind".into(),
            ..input.clone()
        };
        assert!(t.update_contact(contact.id, &renamed).await.is_err());
        assert_eq!(t.contact(contact.id).await.unwrap().name, "Vera Ek");
        let (_, log) = first_page(
            &t,
            AuditFilter {
                record_type: Some("contact".into()),
                ..Default::default()
            },
        )
        .await;
        let seen: Vec<_> = log
            .iter()
            .map(|r| (r.action.as_str(), r.actor.as_str(), r.ip.as_str()))
            .collect();
        assert_eq!(seen, [("contact.create", "anna@bro.example", "192.0.2.7")]);
        cleanup(db, scratch).await;
    }
}

#[tokio::test]
async fn jobs_survive_a_crash_and_retry() {
    for (db, scratch) in databases().await {
        let job = |key: &str| NewJob {
            municipality_code: None,
            kind: "mail".into(),
            payload: serde_json::json!({"n": 1}),
            idempotency_key: key.into(),
            max_attempts: 3,
            run_at: now(),
        };
        assert!(db.enqueue(job("a")).await.unwrap());
        assert!(!db.enqueue(job("a")).await.unwrap(), "same key, same job");
        let claimed = db.claim_job().await.unwrap().unwrap();
        assert_eq!(
            (claimed.attempts, claimed.payload["n"].as_i64()),
            (1, Some(1))
        );
        assert!(
            db.claim_job().await.unwrap().is_none(),
            "a claimed job is leased"
        );
        // The worker dies: its lease runs out and another worker takes the job.
        sqlx::query("UPDATE jobs SET locked_until = $1")
            .bind(now() - 1)
            .execute(&db.pool)
            .await
            .unwrap();
        let again = db.claim_job().await.unwrap().unwrap();
        assert_eq!((again.id, again.attempts), (claimed.id, 2));
        db.fail_job(again.id, "smtp down", Some(now() - 1))
            .await
            .unwrap();
        let third = db.claim_job().await.unwrap().unwrap();
        assert_eq!(third.attempts, 3);
        db.fail_job(third.id, "smtp down", None).await.unwrap();
        assert!(db.claim_job().await.unwrap().is_none());
        assert!(db.enqueue(job("b")).await.unwrap());
        let b = db.claim_job().await.unwrap().unwrap();
        db.complete_job(b.id).await.unwrap();
        let counts = db.job_counts(None).await.unwrap();
        assert_eq!((counts.done, counts.failed, counts.queued), (1, 1, 0));
        cleanup(db, scratch).await;
    }
}

#[tokio::test]
async fn sign_in_sessions_and_rate_limit() {
    for (db, scratch) in databases().await {
        db.host_municipality("0139").await.unwrap();
        let t = db.tenant("0139").await.unwrap();
        let mut new = user("Anna.Test@Bro.example", &[Role::CaseOfficer], None);
        new.password_hash = Some(hash_password("ett långt lösenord"));
        let u = t.create_user(new).await.unwrap();
        assert_eq!(u.email, "anna.test@bro.example");
        assert!(matches!(
            t.create_user(user("anna.test@bro.example", &[Role::CaseOfficer], None))
                .await,
            Err(StoreError::Conflict(crate::Conflict::EmailTaken))
        ));
        assert!(matches!(
            db.sign_in("nobody@bro.example", "x", "1.2.3.4")
                .await
                .unwrap(),
            SignInOutcome::Invalid
        ));
        let SignInOutcome::Success { token, user } = db
            .sign_in(" ANNA.test@bro.example", "ett långt lösenord", "1.2.3.4")
            .await
            .unwrap()
        else {
            panic!("right password must sign in");
        };
        assert_eq!(user.roles, vec![Role::CaseOfficer]);
        let s = db.session_user(&token).await.unwrap().unwrap();
        assert_eq!(s.user.id, u.id);
        assert!(db.session_user("not-a-token").await.unwrap().is_none());
        db.end_session(&token).await.unwrap();
        assert!(db.session_user(&token).await.unwrap().is_none());

        for _ in 0..5 {
            assert!(matches!(
                db.sign_in("anna.test@bro.example", "fel", "5.6.7.8")
                    .await
                    .unwrap(),
                SignInOutcome::Invalid
            ));
        }
        assert!(matches!(
            db.sign_in("anna.test@bro.example", "ett långt lösenord", "5.6.7.8")
                .await
                .unwrap(),
            SignInOutcome::RateLimited
        ));

        // Disabling ends sessions at once.
        sqlx::query("DELETE FROM sign_in_attempts")
            .execute(&db.pool)
            .await
            .unwrap();
        let SignInOutcome::Success { token, .. } = db
            .sign_in("anna.test@bro.example", "ett långt lösenord", "1.2.3.4")
            .await
            .unwrap()
        else {
            panic!()
        };
        t.set_user_status(u.id, UserStatus::Disabled).await.unwrap();
        assert!(db.session_user(&token).await.unwrap().is_none());
        assert!(matches!(
            db.sign_in("anna.test@bro.example", "ett långt lösenord", "1.2.3.4")
                .await
                .unwrap(),
            SignInOutcome::Invalid
        ));
        cleanup(db, scratch).await;
    }
}

#[tokio::test]
async fn invitations_work_once() {
    for (db, scratch) in databases().await {
        db.host_municipality("0139").await.unwrap();
        let t = db.tenant("0139").await.unwrap();
        let u = t
            .create_user(user("ny@bro.example", &[Role::Manager], None))
            .await
            .unwrap();
        assert_eq!(u.status, UserStatus::Invited);
        let old = db.create_invitation(u.id).await.unwrap();
        let link = db.create_invitation(u.id).await.unwrap();
        assert!(
            db.invitation_user(&old).await.unwrap().is_none(),
            "a newer link replaces the old"
        );
        assert_eq!(db.invitation_user(&link).await.unwrap().unwrap().id, u.id);
        let stored: String = sqlx::query("SELECT token_hash FROM invitations")
            .fetch_one(&db.pool)
            .await
            .unwrap()
            .get("token_hash");
        assert_ne!(stored, link, "links are stored hashed");
        let active = db
            .accept_invitation(&link, hash_password("mitt nya lösenord"))
            .await
            .unwrap();
        assert_eq!(active.status, UserStatus::Active);
        assert!(matches!(
            db.accept_invitation(&link, hash_password("ett annat lösenord"))
                .await,
            Err(StoreError::NotFound)
        ));
        assert!(matches!(
            db.sign_in("ny@bro.example", "mitt nya lösenord", "1.1.1.1")
                .await
                .unwrap(),
            SignInOutcome::Success { .. }
        ));
        cleanup(db, scratch).await;
    }
}

#[tokio::test]
async fn api_tokens_are_hashed_scoped_and_revocable() {
    for (db, scratch) in databases().await {
        db.host_municipality("0139").await.unwrap();
        let t = db.tenant("0139").await.unwrap();
        let (token, secret) = t
            .create_api_token("ByggR", Scope::Write, "admin")
            .await
            .unwrap();
        assert!(secret.starts_with(&token.prefix));
        let hashes: Vec<String> = sqlx::query("SELECT token_hash FROM api_tokens")
            .fetch_all(&db.pool)
            .await
            .unwrap()
            .iter()
            .map(|r| r.get("token_hash"))
            .collect();
        assert!(!hashes.contains(&secret));
        let who = db.verify_api_token(&secret).await.unwrap().unwrap();
        assert_eq!(
            (who.municipality_code.as_str(), who.scope),
            ("0139", Scope::Write)
        );
        assert!(who.scope.allows(Scope::Read));
        assert!(!Scope::Read.allows(Scope::Write));
        assert!(db.verify_api_token("lots_wrong").await.unwrap().is_none());
        t.revoke_api_token(token.id).await.unwrap();
        assert!(db.verify_api_token(&secret).await.unwrap().is_none());
        assert!(t.api_token(token.id).await.unwrap().revoked_at.is_some());
        cleanup(db, scratch).await;
    }
}

#[tokio::test]
async fn units_form_a_tree_in_swedish_order() {
    for (db, scratch) in databases().await {
        db.host_municipality("0139").await.unwrap();
        let t = db.tenant("0139").await.unwrap();
        let sbk = t
            .create_unit(NewUnit {
                name: "Samhällsbyggnadskontoret",
                kind: UnitKind::Kontor,
                parent_id: None,
            })
            .await
            .unwrap();
        for name in ["Översiktsplan", "Bygglovsenheten", "Ängsenheten"] {
            t.create_unit(NewUnit {
                name,
                kind: UnitKind::Enhet,
                parent_id: Some(sbk.id),
            })
            .await
            .unwrap();
        }
        t.create_unit(NewUnit {
            name: "Kommunledningskontoret",
            kind: UnitKind::Kontor,
            parent_id: None,
        })
        .await
        .unwrap();
        assert!(matches!(
            t.create_unit(NewUnit {
                name: "bygglovsenheten",
                kind: UnitKind::Enhet,
                parent_id: Some(sbk.id)
            })
            .await,
            Err(StoreError::Conflict(_))
        ));
        let names: Vec<String> = t
            .units()
            .await
            .unwrap()
            .into_iter()
            .map(|u| u.name)
            .collect();
        assert_eq!(
            names,
            [
                "Kommunledningskontoret",
                "Samhällsbyggnadskontoret",
                "Bygglovsenheten",
                "Ängsenheten",
                "Översiktsplan"
            ]
        );
        cleanup(db, scratch).await;
    }
}
