//! Cases and their settings, the contact log and fault reports.

pub(super) mod case;
pub(super) mod case_settings;
pub(super) mod contact_log;
pub(crate) mod fault_reports;
