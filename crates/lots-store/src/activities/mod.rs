//! Events, networks and training.

pub(crate) mod events;
pub(crate) mod networks;
pub(crate) mod training;
