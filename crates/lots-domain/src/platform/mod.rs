//! Who may do what, the municipality's face towards companies, passwords, and the reference data of counties and municipalities.

pub mod face;
pub mod organiser;
pub mod password;
pub mod reference;
pub mod role;
