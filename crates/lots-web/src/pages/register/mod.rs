//! The company register: the list and the journey, contact persons, imports and duplicates.

pub(super) mod companies;
pub(super) mod contacts;
pub(super) mod import;
pub(super) mod merge;
