//! The company register: companies and their journey, contact persons, imports, duplicates and the name search.

pub(crate) mod companies;
pub(crate) mod company_writer;
pub(crate) mod contacts;
pub(crate) mod import;
pub(crate) mod merge;
pub(crate) mod search;
pub(crate) mod upkeep;
