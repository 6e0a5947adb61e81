//! Numbered parameters for queries whose conditions depend on a filter or that insert many
//! rows at once, so every value is bound (never spliced into SQL) and the placeholders stay
//! in order on both backends.
//!
//! SQLite is given anonymous `?` placeholders rather than `$N`: binding a named parameter
//! searches the statement's list of names, which makes a statement with thousands of
//! parameters quadratic to bind. Anonymous placeholders bind in order, so every placeholder
//! this returns must appear exactly once in the statement, in the order it was made.

use sqlx::Any;
use sqlx::any::AnyArguments;
use sqlx::query::Query;

/// A coordinate as text, for a placeholder written `CAST($n AS DOUBLE PRECISION)`. sqlx's
/// Any driver sends a missing `f64` to PostgreSQL as a NULL `real` (float4); a statement it
/// prepared so then refuses every later eight-byte value ("incorrect binary data format").
/// Text is typed the same whether present or not; Rust prints the shortest text that reads
/// back as the same `f64`, so nothing is rounded.
pub(crate) fn coordinate(value: Option<f64>) -> Option<String> {
    value.map(|v| v.to_string())
}

enum Param {
    Text(String),
    Int(Option<i64>),
}

pub(crate) struct Params {
    values: Vec<Param>,
    numbered: bool,
}

impl Params {
    pub(crate) fn new(db: &crate::Db) -> Params {
        Params::new_numbered(db.backend() == crate::Backend::Postgres)
    }

    /// `numbered` placeholders (`$n`) for PostgreSQL, anonymous ones for SQLite.
    pub(crate) fn new_numbered(numbered: bool) -> Params {
        Params {
            values: Vec::new(),
            numbered,
        }
    }

    fn placeholder(&self) -> String {
        if self.numbered {
            format!("${}", self.values.len())
        } else {
            "?".to_string()
        }
    }

    /// Adds a text value; returns its placeholder (`$n`).
    pub(crate) fn text(&mut self, v: impl Into<String>) -> String {
        self.values.push(Param::Text(v.into()));
        self.placeholder()
    }

    /// Adds an integer value; returns its placeholder.
    pub(crate) fn int(&mut self, v: i64) -> String {
        self.opt_int(Some(v))
    }

    /// Adds an integer or NULL. Bound rather than spliced as `NULL`, so a statement's text
    /// does not depend on its values and the prepared statement is reused.
    pub(crate) fn opt_int(&mut self, v: Option<i64>) -> String {
        self.values.push(Param::Int(v));
        self.placeholder()
    }

    /// A query on `sql` with every value bound in order.
    pub(crate) fn bind<'q>(&'q self, sql: &'q str) -> Query<'q, Any, AnyArguments<'q>> {
        self.values.iter().fold(sqlx::query(sql), |q, p| match p {
            Param::Text(t) => q.bind(t.as_str()),
            Param::Int(n) => q.bind(*n),
        })
    }
}

/// `LIMIT … OFFSET …` for a 1-based page; a huge `per_page` means everything.
pub(crate) fn limit_offset(page: usize, per_page: usize) -> String {
    let per_page = per_page.clamp(1, i64::MAX as usize) as i64;
    let offset = (page.max(1) as i64 - 1).saturating_mul(per_page);
    format!("LIMIT {per_page} OFFSET {offset}")
}
