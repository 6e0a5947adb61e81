//! The page that asks before an action removes, cancels or mails someone: what will happen,
//! one button that does it (a POST to the same address) and the way back. It works without
//! JavaScript, so a stray click or a prefetched link changes nothing.

use axum::response::Html;
use minijinja::{Value, context};

use crate::ctx::Ctx;
use crate::error::AppError;

pub(in crate::pages) struct Confirm {
    /// The question: "Har Bro Bygg lämnat nätverket?"
    pub title: String,
    /// What doing it will do, in the reader's words.
    pub consequence: String,
    /// Where the button posts.
    pub action: String,
    /// The button's words.
    pub confirm: String,
    /// Where "Avbryt" leads: the page the action was offered on.
    pub back: String,
    pub breadcrumbs: Vec<Value>,
}

pub(in crate::pages) fn confirm_page(ctx: &Ctx, c: Confirm) -> Result<Html<String>, AppError> {
    ctx.render(
        "shared/confirm.html",
        &c.title,
        context! {
            consequence => c.consequence,
            action => c.action,
            confirm => c.confirm,
            back => c.back,
            breadcrumbs => c.breadcrumbs,
        },
    )
}
