//! The page that answers a bulk action (invitations, booking offers): how many it reached,
//! and each company it left out with the reason, so that nothing is skipped in silence.

use axum::response::Html;
use lots_domain::reach::Reach;
use minijinja::{Value, context};

use crate::ctx::Ctx;
use crate::error::AppError;

/// What the receipt says and where it leads on.
pub(in crate::pages) struct Receipt<'a> {
    pub title: String,
    /// The message that counts those reached, with `$count`.
    pub reached: &'a str,
    /// The page the action was on, first, and any other way on: `(address, text)`.
    pub links: Vec<(String, String)>,
    pub breadcrumbs: Vec<Value>,
}

pub(in crate::pages) fn receipt(
    ctx: &Ctx,
    receipt: Receipt<'_>,
    reach: &Reach,
) -> Result<Html<String>, AppError> {
    let count = |n: usize| [("count", lots_i18n::FluentValue::from(n as i64))];
    let skipped: Vec<Value> = reach
        .skipped
        .iter()
        .map(|s| context! { name => s.name.clone(), why => ctx.message(&s.why) })
        .collect();
    ctx.render(
        "shared/reach.html",
        &receipt.title,
        context! {
            reach => context! {
                summary => ctx.t_with(receipt.reached, &count(reach.reached)),
                skipped_summary => ctx.t_with("reach-skipped", &count(skipped.len())),
                skipped,
            },
            links => receipt.links.iter().map(|(href, label)| context! {
                href, label,
            }).collect::<Vec<_>>(),
            breadcrumbs => receipt.breadcrumbs,
        },
    )
}

/// "Back to …", the first way on from a receipt.
pub(in crate::pages) fn back_to(ctx: &Ctx, name: &str) -> String {
    ctx.t_with("back-to-name", &[("name", name.into())])
}
