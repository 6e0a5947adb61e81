//! A message to be read later, in a language not yet known: an id and its arguments, as a
//! data layer or a rule hands it to whoever shows it.

use std::borrow::Cow;

use crate::{FluentValue, Lang};

/// A catalog message with its placeholders' values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub id: Cow<'static, str>,
    pub args: Vec<(&'static str, String)>,
}

impl Message {
    pub fn new(id: impl Into<Cow<'static, str>>) -> Message {
        Message {
            id: id.into(),
            args: Vec::new(),
        }
    }

    /// The message with one more placeholder filled.
    pub fn with(mut self, name: &'static str, value: impl ToString) -> Message {
        self.args.push((name, value.to_string()));
        self
    }

    /// The message in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        let args: Vec<(&str, FluentValue)> = self
            .args
            .iter()
            .map(|(name, value)| (*name, FluentValue::from(value.as_str())))
            .collect();
        crate::text_with(lang, &self.id, &args)
    }
}

impl From<&'static str> for Message {
    fn from(id: &'static str) -> Message {
        Message::new(id)
    }
}

impl From<String> for Message {
    fn from(id: String) -> Message {
        Message::new(id)
    }
}

/// In logs and error chains: the Swedish text.
impl std::fmt::Display for Message {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text(Lang::Sv))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_is_read_in_the_language_asked_with_its_values() {
        let m = Message::new("visit-to").with("company", "Brunna Verkstad AB");
        assert!(m.text(Lang::Sv).contains("Brunna Verkstad AB"));
        assert_ne!(m.text(Lang::Sv), m.text(Lang::En));
    }
}
