//! Numbered parameters for queries whose conditions depend on a filter, so every value is
//! bound (never spliced into SQL) and the placeholders stay in order on both backends.

use sqlx::Any;
use sqlx::any::AnyArguments;
use sqlx::query::Query;

enum Param {
    Text(String),
    Int(i64),
}

#[derive(Default)]
pub(crate) struct Params(Vec<Param>);

impl Params {
    /// Adds a text value; returns its placeholder (`$n`).
    pub(crate) fn text(&mut self, v: impl Into<String>) -> String {
        self.0.push(Param::Text(v.into()));
        format!("${}", self.0.len())
    }

    /// Adds an integer value; returns its placeholder.
    pub(crate) fn int(&mut self, v: i64) -> String {
        self.0.push(Param::Int(v));
        format!("${}", self.0.len())
    }

    /// A query on `sql` with every value bound in order.
    pub(crate) fn bind<'q>(&'q self, sql: &'q str) -> Query<'q, Any, AnyArguments<'q>> {
        self.0.iter().fold(sqlx::query(sql), |q, p| match p {
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
