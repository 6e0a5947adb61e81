//! What the command line says to the person at the terminal: catalog messages in their
//! language. `LOTS_LANG`, else the locale (`LC_ALL`, `LC_MESSAGES`, `LANG`), chooses it;
//! Swedish unless one of them asks for English. Lists meant for other programs (the tab-
//! and semicolon-separated tables) are data, not messages, and are printed as they are.

use std::sync::OnceLock;

use lots_i18n::{Arg, Lang};

/// The terminal's language, read once.
pub fn lang() -> Lang {
    static LANG: OnceLock<Lang> = OnceLock::new();
    *LANG.get_or_init(|| {
        let asked = ["LOTS_LANG", "LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|name| std::env::var(name).ok())
            .find(|v| !v.is_empty() && v != "C" && v != "POSIX" && !v.starts_with("C."));
        match asked {
            Some(v) if v.starts_with("en") => Lang::En,
            _ => Lang::Sv,
        }
    })
}

/// The message `id` with its placeholders filled, in the terminal's language.
pub fn text(id: &str, args: &[Arg]) -> String {
    lots_i18n::text_with(lang(), id, args)
}

/// Prints the message `id` as a line on standard output.
pub fn out(id: &str, args: &[Arg]) {
    println!("{}", text(id, args));
}

/// Prints the message `id` as a line on standard error: what the person should know while
/// standard output carries data (a token, a table).
pub fn err(id: &str, args: &[Arg]) {
    eprintln!("{}", text(id, args));
}
