//! The `lots` command line: help on every subcommand, one clear line on bad input.

use std::process::Command;

use crate::companies::lots;

fn scratch_db() -> String {
    let dir = std::env::temp_dir().join(format!("lots-cli-{}", lots_store::secret::new_token()));
    std::fs::create_dir_all(&dir).unwrap();
    format!("sqlite://{}/cli.db", dir.display())
}

#[test]
fn every_subcommand_has_help() {
    let db = scratch_db();
    for args in [
        vec!["--help"],
        vec!["serve", "--help"],
        vec!["migrate", "--help"],
        vec!["demo", "--help"],
        vec!["user", "--help"],
        vec!["user", "add", "--help"],
        vec!["user", "list", "--help"],
        vec!["user", "disable", "--help"],
        vec!["token", "create", "--help"],
        vec!["token", "revoke", "--help"],
        vec!["municipality", "host", "--help"],
        vec!["organiser", "add", "--help"],
        vec!["token", "list", "--help"],
    ] {
        let out = lots(&args, &db);
        assert!(out.status.success(), "{args:?}");
        assert!(
            String::from_utf8_lossy(&out.stdout).contains("Usage:"),
            "{args:?}"
        );
    }
}

#[test]
fn bad_input_is_one_clear_line() {
    let out = lots(&["migrate"], "mysql://localhost/lots");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(err.contains("sqlite:// eller postgres://"), "{err}");

    let out = lots(&["migrate"], "sqlite:///no/such/dir/lots.db");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with("lots: fel: kan inte öppna databasen"),
        "{err}"
    );
    assert!(!err.contains("panicked"));

    let dir = std::env::temp_dir().join(format!("lots-cfg-{}", lots_store::secret::new_token()));
    std::fs::create_dir_all(&dir).unwrap();
    let cfg = dir.join("lots.toml");
    std::fs::write(&cfg, "[server]\nlisen = \"127.0.0.1:1\"\n").unwrap();
    let out = lots(
        &["--config", cfg.to_str().unwrap(), "migrate"],
        &scratch_db(),
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(err.contains("lots.toml") && err.contains("lisen"), "{err}");

    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = taken.local_addr().unwrap().to_string();
    let out = Command::new(env!("CARGO_BIN_EXE_lots"))
        .args(["serve"])
        .env("LOTS_LANG", "en")
        .env("LOTS_DATABASE_URL", scratch_db())
        .env("LOTS_LISTEN", &addr)
        .env("LOTS_LOG", "error")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(&format!("cannot listen on {addr}")), "{err}");
}

#[test]
fn users_tokens_and_municipalities_from_the_command_line() {
    let db = scratch_db();
    assert!(lots(&["demo"], &db).status.success());
    let out = lots(
        &[
            "token",
            "create",
            "--municipality",
            "0139",
            "--name",
            "ByggR",
            "--scope",
            "write",
        ],
        &db,
    );
    assert!(out.status.success());
    let token = String::from_utf8_lossy(&out.stdout).trim().to_string();
    assert!(token.starts_with("lots_") && token.len() == 69, "{token}");
    let out = lots(&["token", "list", "--municipality", "0139"], &db);
    let listed = String::from_utf8_lossy(&out.stdout);
    assert!(
        listed.contains("ByggR") && !listed.contains(&token),
        "the secret is never listed again"
    );
    let id = listed.split('\t').next().unwrap().to_string();
    assert!(lots(&["token", "revoke", &id], &db).status.success());
    assert_eq!(
        lots(&["token", "revoke", "999"], &db).status.code(),
        Some(1)
    );

    let out = lots(&["user", "list", "--municipality", "0139"], &db);
    // 37 named demo staff and 96 more of Samhällsbyggnadskontoret.
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 133);
    let out = lots(
        &[
            "user",
            "add",
            "--municipality",
            "0139",
            "--email",
            "ny@upplands-bro.example",
            "--name",
            "Ny Person",
            "--unit",
            "Bygglovsenheten",
            "--role",
            "case_officer",
        ],
        &db,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("är inbjuden"));
    let out = lots(
        &[
            "user",
            "add",
            "--municipality",
            "0139",
            "--email",
            "x@y.example",
            "--name",
            "X",
            "--role",
            "boss",
        ],
        &db,
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown role"));
    assert!(
        lots(&["user", "disable", "ny@upplands-bro.example"], &db)
            .status
            .success()
    );
    let out = lots(&["municipality", "host", "0180"], &db);
    assert!(String::from_utf8_lossy(&out.stdout).contains("Stockholm"));
    let out = lots(&["municipality", "host", "0000"], &db);
    assert_eq!(out.status.code(), Some(1));

    let out = lots(
        &[
            "organiser",
            "add",
            "--name",
            "Insikt",
            "--kind",
            "national",
            "--member",
            "0139",
            "--member",
            "0180",
        ],
        &db,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let listed = String::from_utf8_lossy(&lots(&["organiser", "list"], &db).stdout).to_string();
    assert!(listed.contains("Insikt\tnational\t0139,0180"), "{listed}");
    let out = lots(
        &["organiser", "add", "--name", "Fel", "--member", "12345"],
        &db,
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("12345"));

    let mut child = Command::new(env!("CARGO_BIN_EXE_lots"))
        .args([
            "user",
            "add",
            "--organiser",
            "Insikt",
            "--email",
            "analys@insikt.example",
            "--name",
            "Analytiker",
            "--password-stdin",
        ])
        .env("LOTS_LANG", "sv")
        .env("LOTS_DATABASE_URL", &db)
        .env("LOTS_LOG", "error")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"ett starkt losenord\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("kan logga in nu"));
    // The same command line speaks English to a terminal whose locale asks for it.
    let out = Command::new(env!("CARGO_BIN_EXE_lots"))
        .args(["migrate"])
        .env("LOTS_DATABASE_URL", &db)
        .env("LOTS_LOG", "error")
        .env_remove("LOTS_LANG")
        .env("LC_ALL", "en_GB.UTF-8")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("The database is up to date"));
    let users = String::from_utf8_lossy(&lots(&["user", "list"], &db).stdout).to_string();
    assert!(
        users.contains("analys@insikt.example") && users.contains("organiser"),
        "{users}"
    );
}

#[tokio::test]
async fn serve_stops_gracefully_on_sigterm() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = Command::new(env!("CARGO_BIN_EXE_lots"))
        .args(["serve", "--demo"])
        .env("LOTS_DATABASE_URL", scratch_db())
        .env("LOTS_LISTEN", format!("127.0.0.1:{port}"))
        .env("LOTS_MAIL_TRANSPORT", "memory")
        .env("LOTS_LOG", "error")
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let ready = format!("http://127.0.0.1:{port}/readyz");
    let mut up = false;
    for _ in 0..300 {
        if reqwest::get(&ready).await.is_ok_and(|r| r.status() == 200) {
            up = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(up, "lots serve --demo became ready");
    let kill = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(kill.success());
    let status = tokio::task::spawn_blocking(move || child.wait_with_output())
        .await
        .unwrap()
        .unwrap();
    assert!(status.status.success(), "exit status {:?}", status.status);
    let printed = String::from_utf8_lossy(&status.stdout);
    assert!(
        printed.contains("sara.holmberg@upplands-bro.example"),
        "{printed}"
    );
}
