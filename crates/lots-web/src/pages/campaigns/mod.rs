//! Visit campaigns, their checklists, the visit record and the company's booking page.

pub(super) mod campaign;
pub(super) mod checklists;
pub(super) mod visit_booking;
pub(super) mod visits;
