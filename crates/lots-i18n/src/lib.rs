//! The message catalog. Every text a person reads is a message in `locales/<lang>/<capability>.ftl`,
//! looked up by its id; numbers, dates and names are Fluent placeholders, plurals Fluent
//! selectors. Swedish is the first language, English complete beside it.

mod catalog;
mod lang;
mod message;
pub mod numbers;

pub use catalog::{Arg, attribute_with, exists, ids, text, text_with, weekday_date};
pub use fluent_bundle::FluentValue;
pub use lang::Lang;
pub use message::{ArgValue, Message};
