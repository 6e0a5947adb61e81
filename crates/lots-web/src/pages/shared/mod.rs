//! What pages of several capabilities use.

pub(in crate::pages) mod audience;
pub(in crate::pages) mod charts;
pub(in crate::pages) mod confirm;
pub(in crate::pages) mod face;
pub(in crate::pages) mod form;
pub(in crate::pages) mod format;
pub(in crate::pages) mod reach;
pub(in crate::pages) mod results;
