//! Visit campaigns: the plan, the officers, the selection, booking, the visit record, the report and its checklists.

pub(crate) mod campaign;
pub(crate) mod campaign_officers;
pub(crate) mod campaign_report;
pub(crate) mod campaign_selection;
pub(crate) mod checklists;
pub(crate) mod visit_booking;
pub(crate) mod visit_records;
