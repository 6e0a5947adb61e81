//! What a bulk action did: how many it reached, and each one it left out with the reason, so
//! that the page answering it can name them all (an invitation round, an event's invitations,
//! a campaign's booking offers).

use lots_i18n::Message;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reach {
    /// How many were reached: invited, offered times, sent.
    pub reached: usize,
    /// Each one left out, in the order the action met them.
    pub skipped: Vec<Skipped>,
}

/// One left out: the company's or person's name and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub name: String,
    pub why: Message,
}

impl Reach {
    pub fn skip(&mut self, name: impl Into<String>, why: Message) {
        self.skipped.push(Skipped {
            name: name.into(),
            why,
        });
    }

    /// The counts as an audit row says them: `4 reached; skipped: 2 skipped-without-email`.
    pub fn audit_detail(&self) -> String {
        let mut reasons: Vec<(&str, usize)> = Vec::new();
        for s in &self.skipped {
            match reasons.iter_mut().find(|(id, _)| *id == s.why.id) {
                Some((_, n)) => *n += 1,
                None => reasons.push((&s.why.id, 1)),
            }
        }
        let skipped: Vec<String> = reasons.iter().map(|(id, n)| format!("{n} {id}")).collect();
        if skipped.is_empty() {
            format!("{} reached", self.reached)
        } else {
            format!("{} reached; skipped: {}", self.reached, skipped.join(", "))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_audit_row_counts_each_reason_once() {
        let mut reach = Reach {
            reached: 4,
            ..Reach::default()
        };
        reach.skip("Bro Bygg AB", Message::new("skipped-without-email"));
        reach.skip("Kungsängens El", Message::new("skipped-already-invited"));
        reach.skip("Brunna Logistik", Message::new("skipped-without-email"));
        assert_eq!(
            reach.audit_detail(),
            "4 reached; skipped: 2 skipped-without-email, 1 skipped-already-invited"
        );
        assert_eq!(Reach::default().audit_detail(), "0 reached");
    }
}
