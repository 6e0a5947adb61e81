//! Events: kinds, statuses, local times and where a registration lands; networks' kinds.

pub mod events;
pub mod networks;
