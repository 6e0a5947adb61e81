//! Events: kinds, statuses, local times and where a registration lands.

pub mod events;
