//! Who may do what, passwords, and the reference data of counties and municipalities.

pub mod organiser;
pub mod password;
pub mod reference;
pub mod role;
