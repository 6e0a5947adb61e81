//! The municipality's face towards companies: the name its pages and e-mails speak in, how
//! to reach it, its privacy notice (personuppgiftspolicy) and the sender its e-mails carry.
//! An administrator sets them; until then the pages use the municipality's name alone.

use lots_i18n::Message;

/// What an administrator sets; empty text means "not given".
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Face {
    /// How the municipality names itself ("Upplands-Bro kommun", "Göteborgs Stad").
    pub display_name: String,
    pub contact_email: String,
    pub contact_phone: String,
    pub web_address: String,
    /// Where its privacy notice is published.
    pub privacy_url: String,
    /// The name and address e-mail to companies is sent from.
    pub sender_name: String,
    pub sender_address: String,
}

/// The longest text of a face's field.
const MAX_TEXT: usize = 200;

impl Face {
    /// The face as given with its text trimmed and e-mail addresses normalised, or every
    /// wrong field with what to say.
    pub fn check(&self) -> Result<Face, Vec<(String, Message)>> {
        let mut errors = Vec::new();
        let mut wrong =
            |field: &str, id: &'static str| errors.push((field.to_string(), Message::new(id)));
        let plain = |text: &str| {
            text.chars().count() <= MAX_TEXT && !text.contains(['<', '>', '"', '\n', '\r'])
        };
        let email = |given: &str| match given.trim() {
            "" => Some(String::new()),
            address => crate::email::normalise(address).ok(),
        };
        let link = |address: &str| {
            address.is_empty() || (address.len() <= 2000 && crate::input::web_address(address))
        };
        let face = Face {
            display_name: self.display_name.trim().to_string(),
            contact_email: email(&self.contact_email).unwrap_or_default(),
            contact_phone: self.contact_phone.trim().to_string(),
            web_address: self.web_address.trim().to_string(),
            privacy_url: self.privacy_url.trim().to_string(),
            sender_name: self.sender_name.trim().to_string(),
            sender_address: email(&self.sender_address).unwrap_or_default(),
        };
        if face.display_name.is_empty() {
            wrong("display_name", "face-give-the-name");
        } else if !plain(&face.display_name) {
            wrong("display_name", "face-write-a-plain-name");
        }
        if email(&self.contact_email).is_none() {
            wrong("contact_email", "face-write-an-e-mail-address");
        }
        let phone = &face.contact_phone;
        if phone.chars().count() > 30
            || !phone
                .chars()
                .all(|c| c.is_ascii_digit() || " +-()".contains(c))
        {
            wrong("contact_phone", "face-write-a-phone-number");
        }
        if !link(&face.web_address) {
            wrong("web_address", "face-write-a-web-address");
        }
        if !link(&face.privacy_url) {
            wrong("privacy_url", "face-write-a-web-address");
        }
        if !plain(&face.sender_name) {
            wrong("sender_name", "face-write-a-plain-name");
        }
        if email(&self.sender_address).is_none() {
            wrong("sender_address", "face-write-an-e-mail-address");
        }
        if errors.is_empty() {
            Ok(face)
        } else {
            Err(errors)
        }
    }

    /// The face of a municipality no administrator has set: its name as a municipality.
    pub fn of(municipality_name: &str) -> Face {
        Face {
            display_name: format!("{municipality_name} kommun"),
            ..Face::default()
        }
    }

    /// The lines that close every e-mail to a company: who sent it and how to reach them.
    pub fn signature(&self, privacy_label: &str) -> String {
        let mut lines = vec![self.display_name.clone()];
        let reach: Vec<&str> = [&self.contact_email, &self.contact_phone]
            .into_iter()
            .map(String::as_str)
            .filter(|s| !s.is_empty())
            .collect();
        if !reach.is_empty() {
            lines.push(reach.join(" · "));
        }
        if !self.web_address.is_empty() {
            lines.push(self.web_address.clone());
        }
        if !self.privacy_url.is_empty() {
            lines.push(format!("{privacy_label}: {}", self.privacy_url));
        }
        format!("-- \n{}", lines.join("\n"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_wrong_field_is_named_at_once() {
        let face = Face {
            display_name: " ".into(),
            contact_email: "växel@".into(),
            contact_phone: "08-581 690 00; DROP".into(),
            web_address: "javascript:alert(1)".into(),
            privacy_url: "upplands-bro.se/policy".into(),
            sender_name: "<script>".into(),
            sender_address: "naringsliv@".into(),
        };
        let fields: Vec<String> = face.check().unwrap_err().into_iter().map(|e| e.0).collect();
        assert_eq!(
            fields,
            [
                "display_name",
                "contact_email",
                "contact_phone",
                "web_address",
                "privacy_url",
                "sender_name",
                "sender_address"
            ]
        );
    }

    #[test]
    fn a_right_face_is_trimmed_and_signs_its_mail() {
        let face = Face {
            display_name: " Upplands-Bro kommun ".into(),
            contact_email: "Kontakt@Upplands-Bro.se".into(),
            contact_phone: "08-581 690 00".into(),
            web_address: "https://www.upplands-bro.se".into(),
            privacy_url: "https://www.upplands-bro.se/personuppgifter".into(),
            ..Face::default()
        }
        .check()
        .unwrap();
        assert_eq!(face.display_name, "Upplands-Bro kommun");
        assert_eq!(face.contact_email, "kontakt@upplands-bro.se");
        assert_eq!(
            face.signature("Personuppgiftspolicy"),
            "-- \nUpplands-Bro kommun\nkontakt@upplands-bro.se · 08-581 690 00\n\
             https://www.upplands-bro.se\n\
             Personuppgiftspolicy: https://www.upplands-bro.se/personuppgifter"
        );
        assert_eq!(Face::of("Vaxholm").signature("x"), "-- \nVaxholm kommun");
    }
}
