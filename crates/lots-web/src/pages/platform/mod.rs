//! Signing in, the start page, the organisation and its staff, the account, administration and the static assets.

pub(super) mod account;
pub(super) mod admin;
pub(super) mod assets;
pub(super) mod face_settings;
pub(super) mod organisation;
pub(super) mod overview;
pub(super) mod sign_in;
pub(super) mod staff;
