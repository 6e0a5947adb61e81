//! Cases and what companies bring: case files, the contact log and fault reports with their photos and those who follow them.

pub(crate) mod case;
pub(crate) mod case_file;
pub(crate) mod contact_log;
pub(crate) mod fault_follow;
pub(crate) mod fault_photos;
pub(crate) mod fault_reports;
