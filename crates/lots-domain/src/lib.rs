//! Pure rules of Lots. Nothing here performs I/O: every function takes values and returns
//! values, so the rules can be tested exhaustively and reused by the store, the web layer
//! and the command line alike. The folders group the rules by capability; each module is
//! also reachable from the crate root (`lots_domain::nki`), as the other crates name them.

pub mod activities;
pub mod campaigns;
pub mod cases;
pub mod platform;
pub mod register;
pub mod shared;
pub mod surveys;

pub use activities::events;
pub use activities::networks;
pub use campaigns::assignment;
pub use campaigns::checklist;
pub use campaigns::scheduling;
pub use cases::case_import;
pub use cases::open311;
pub use lots_i18n::numbers;
pub use platform::face;
pub use platform::password;
pub use platform::reference;
pub use platform::role;
pub use register::company_import;
pub use register::contact_import;
pub use register::orgnr;
pub use register::sni;
pub use shared::calendar;
pub use shared::codes;
pub use shared::collation;
pub use shared::columns;
pub use shared::email;
pub use shared::export;
pub use shared::holidays;
pub use shared::image;
pub use shared::input;
pub use shared::reach;
pub use shared::stats;
pub use shared::tabular;
pub use shared::text;
pub use surveys::battery;
pub use surveys::disclosure;
pub use surveys::insikt;
pub use surveys::national;
pub use surveys::nki;
pub use surveys::survey_results;

pub use platform::role::Role;
