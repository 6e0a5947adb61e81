//! Pure rules of Lots. Nothing here performs I/O: every function takes values and returns
//! values, so the rules can be tested exhaustively and reused by the store, the web layer
//! and the command line alike.

pub mod assignment;
pub mod battery;
pub mod calendar;
pub mod case_import;
pub mod cases;
pub mod checklist;
pub mod collation;
pub mod columns;
pub mod company_import;
pub mod contact_import;
pub mod disclosure;
pub mod email;
pub mod events;
pub mod export;
pub mod holidays;
pub mod input;
pub mod insikt;
pub mod national;
pub mod nki;
pub mod numbers;
pub mod open311;
pub mod orgnr;
pub mod password;
pub mod reference;
pub mod role;
pub mod scheduling;
pub mod sni;
pub mod stats;
pub mod survey_results;
pub mod tabular;
pub mod text;

pub use role::Role;
