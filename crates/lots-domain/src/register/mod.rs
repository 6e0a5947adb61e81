//! The company register: organisationsnummer, SNI codes, and the rows of company and contact files.

pub mod company_import;
pub mod contact_import;
pub mod orgnr;
pub mod sni;
