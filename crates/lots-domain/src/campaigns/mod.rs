//! Visit campaigns: who visits whom, the slots offered, and the checklist drawn from the findings.

pub mod assignment;
pub mod checklist;
pub mod scheduling;
pub mod status;
