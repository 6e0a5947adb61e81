//! Events and their public links, networks and training.

pub(super) mod event_link;
pub(super) mod events;
pub(super) mod networks;
pub(super) mod training;
