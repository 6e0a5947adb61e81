//! A message to be read later, in a language not yet known: an id and its arguments, as a
//! data layer or a rule hands it to whoever shows it.

use std::borrow::Cow;

use crate::{FluentValue, Lang};

/// A catalog message with its placeholders' values.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Message {
    pub id: Cow<'static, str>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub args: Vec<(Cow<'static, str>, ArgValue)>,
}

/// A placeholder's value: text as it is (a name, a number), or another message read in the
/// same language (a column's name inside "no column holds …").
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ArgValue {
    Text(String),
    /// A number: grouped the Swedish way, and chosen on by plural selectors.
    Number(i64),
    Message(Cow<'static, str>),
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
        self.args
            .push((name.into(), ArgValue::Text(value.to_string())));
        self
    }

    /// The message with a number placeholder filled.
    pub fn with_number(mut self, name: &'static str, value: impl Into<i64>) -> Message {
        self.args
            .push((name.into(), ArgValue::Number(value.into())));
        self
    }

    /// The message with a placeholder filled by message `id`, in the language it is read in.
    pub fn with_message(mut self, name: &'static str, id: &'static str) -> Message {
        self.args.push((name.into(), ArgValue::Message(id.into())));
        self
    }

    /// The message in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        let args: Vec<(&str, FluentValue)> = self
            .args
            .iter()
            .map(|(name, value)| {
                let value = match value {
                    ArgValue::Text(text) => FluentValue::from(text.as_str()),
                    ArgValue::Number(n) => FluentValue::from(*n),
                    ArgValue::Message(id) => FluentValue::from(crate::text(lang, id)),
                };
                (name.as_ref(), value)
            })
            .collect();
        crate::text_with(lang, &self.id, &args)
    }
}

impl Message {
    /// The message as a database column keeps it, to be read in the reader's language.
    pub fn to_stored(&self) -> String {
        serde_json::to_string(self).expect("a message is plain data")
    }

    /// A stored message; a column written before it held messages holds its text, which is
    /// shown as it is.
    pub fn from_stored(stored: &str) -> Message {
        serde_json::from_str(stored).unwrap_or_else(|_| Message::new(stored.to_string()))
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
    fn a_stored_message_reads_back_and_old_text_stays_as_it_was() {
        let m = Message::new("visit-to").with("company", "Brunna Verkstad AB");
        assert_eq!(Message::from_stored(&m.to_stored()), m);
        let old = Message::from_stored("Anna besöker Brunna Verkstad AB.");
        assert_eq!(old.text(Lang::En), "Anna besöker Brunna Verkstad AB.");
    }

    #[test]
    fn a_message_is_read_in_the_language_asked_with_its_values() {
        let m = Message::new("visit-to").with("company", "Brunna Verkstad AB");
        assert!(m.text(Lang::Sv).contains("Brunna Verkstad AB"));
        assert_ne!(m.text(Lang::Sv), m.text(Lang::En));
    }
}
