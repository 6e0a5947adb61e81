//! Punktlistor: the points an office takes up after a visit campaign. A draft is suggested
//! from the visit template (the battery) and the campaign's findings — what companies rated
//! lowest, the support they asked for, where they were referred, the återkoppling owed —
//! and staff edit it as plain lines before it is published to units.

use std::collections::HashMap;

use lots_i18n::Message;

use crate::battery::{Answer, Battery, Kind};
use crate::nki::to_index;

/// Most points a checklist holds: a list an office can actually work through.
pub const MAX_ITEMS: usize = 40;
/// Longest point, in characters.
pub const MAX_LEN: usize = 300;

/// The points of a checklist, one per line. Leading bullets and numbers are dropped, empty
/// lines skipped; `Err` says which point is wrong.
pub fn parse_items(text: &str) -> Result<Vec<String>, Message> {
    let mut items: Vec<String> = Vec::new();
    for line in text.lines() {
        let item = strip_bullet(line.trim()).trim();
        if item.is_empty() {
            continue;
        }
        let n = items.len() + 1;
        if item.chars().count() > MAX_LEN {
            return Err(Message::new("point-is-longer-than")
                .with_number("point", n as i64)
                .with_number("max", MAX_LEN as i64));
        }
        if let Some(same) = items.iter().position(|i| i.eq_ignore_ascii_case(item)) {
            return Err(Message::new("point-repeats-point")
                .with_number("point", n as i64)
                .with_number("earlier", same as i64 + 1));
        }
        items.push(item.to_string());
    }
    if items.is_empty() {
        return Err(Message::new("write-at-least-one-point"));
    }
    if items.len() > MAX_ITEMS {
        return Err(Message::new("a-checklist-has-at-most-points")
            .with_number("max", MAX_ITEMS as i64)
            .with_number("count", items.len() as i64));
    }
    Ok(items)
}

/// `- point`, `* point`, `• point`, `3. point` and `3) point` are all `point`.
fn strip_bullet(line: &str) -> &str {
    for bullet in ["- ", "* ", "• ", "– "] {
        if let Some(rest) = line.strip_prefix(bullet) {
            return rest;
        }
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 {
        let rest = &line[digits..];
        if let Some(rest) = rest.strip_prefix(". ").or_else(|| rest.strip_prefix(") ")) {
            return rest;
        }
    }
    line
}

/// What a version changed against the one before it.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Changes {
    pub added: Vec<String>,
    pub removed: Vec<String>,
}

pub fn changes(before: &[String], after: &[String]) -> Changes {
    Changes {
        added: after
            .iter()
            .filter(|i| !before.contains(i))
            .cloned()
            .collect(),
        removed: before
            .iter()
            .filter(|i| !after.contains(i))
            .cloned()
            .collect(),
    }
}

/// What a campaign found, as the suggestion needs it.
pub struct Findings<'a> {
    /// The visit template the officers carried.
    pub battery: &'a Battery,
    /// The battery's answers of every visit made.
    pub answers: &'a [HashMap<String, Answer>],
    /// (target, referrals) per network, event or unit, most first.
    pub referrals: &'a [(String, i64)],
    pub feedback_total: i64,
    pub feedback_overdue: i64,
}

/// How many of the lowest-rated questions and most-asked-for kinds of support become points.
const TOP: usize = 3;

/// A draft checklist: what every visit should cover, then what this campaign's companies
/// pointed at. Staff edit it before publishing.
pub fn suggest(f: &Findings) -> Vec<String> {
    let mut items = vec![format!(
        "Ta med frågebatteriet ”{}” till varje företagsbesök och skriv in svaren samma dag.",
        f.battery.name.sv
    )];
    let mut rated: Vec<(f64, &str)> = Vec::new();
    let mut asked: Vec<(usize, &str)> = Vec::new();
    for q in f.battery.questions() {
        match &q.kind {
            Kind::Rating { min, max, .. } => {
                let values: Vec<f64> = f
                    .answers
                    .iter()
                    .filter_map(|a| match a.get(&q.id) {
                        Some(Answer::Number(n)) => {
                            Some(to_index(*n as f64, *min as f64, *max as f64))
                        }
                        _ => None,
                    })
                    .collect();
                if !values.is_empty() {
                    rated.push((values.iter().sum::<f64>() / values.len() as f64, &q.text.sv));
                }
            }
            Kind::MultipleChoice { choices } | Kind::SingleChoice { choices } => {
                for c in choices {
                    let n = f
                        .answers
                        .iter()
                        .filter(|a| match a.get(&q.id) {
                            Some(Answer::Choices(cs)) => cs.contains(&c.value),
                            Some(Answer::Choice(v)) => *v == c.value,
                            _ => false,
                        })
                        .count();
                    if n > 0 && q.id == "support" {
                        asked.push((n, &c.text.sv));
                    }
                }
            }
            _ => {}
        }
    }
    rated.sort_by(|a, b| a.0.total_cmp(&b.0));
    for (index, text) in rated.iter().take(TOP).filter(|(i, _)| *i < 100.0) {
        items.push(format!(
            "Förbättra det företagen gav lägst betyg: ”{text}” (index {} av 100).",
            index.round()
        ));
    }
    asked.sort_by_key(|a| std::cmp::Reverse(a.0));
    for (n, label) in asked.iter().take(TOP) {
        items.push(format!(
            "Erbjud stödet som företagen efterfrågade: {label} ({n} företag)."
        ));
    }
    for (target, n) in f.referrals.iter().take(TOP) {
        items.push(format!(
            "Tipsa företag om {target} när det passar ({n} hänvisningar under kampanjen)."
        ));
    }
    if f.feedback_total > 0 {
        items.push(format!(
            "Ge företaget besked senast det datum som lovades vid besöket ({} frågor att återkoppla, {} försenade).",
            f.feedback_total, f.feedback_overdue
        ));
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_are_lines_without_their_bullets() {
        assert_eq!(
            parse_items(
                "- Ring tillbaka samma dag\n\n2. Boka uppföljning\n* Skicka .ics\n• Lyssna"
            )
            .unwrap(),
            [
                "Ring tillbaka samma dag",
                "Boka uppföljning",
                "Skicka .ics",
                "Lyssna"
            ]
        );
        assert_eq!(parse_items("2026 års mål").unwrap(), ["2026 års mål"]);
    }

    #[test]
    fn bad_items_are_named() {
        let sv = |text: &str| parse_items(text).unwrap_err().text(lots_i18n::Lang::Sv);
        assert_eq!(sv(" \n"), "Skriv minst en punkt, en per rad.");
        assert_eq!(sv("a\nb\n- A"), "Punkt 3 upprepar punkt 1.");
        let long = "x".repeat(MAX_LEN + 1);
        assert_eq!(
            sv(&format!("a\n{long}")),
            "Punkt 2 är längre än 300 tecken."
        );
        let many: String = (0..=MAX_ITEMS).map(|i| format!("punkt {i}\n")).collect();
        assert!(sv(&many).contains("högst 40"));
    }

    #[test]
    fn changes_name_added_and_removed_points() {
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(
            changes(&s(&["a", "b"]), &s(&["b", "c"])),
            Changes {
                added: s(&["c"]),
                removed: s(&["a"])
            }
        );
    }

    #[test]
    fn the_suggestion_names_the_lowest_ratings_support_and_referrals() {
        let battery = Battery::from_json(include_str!(
            "../../../../data/batteries/foretagsbesok.json"
        ))
        .unwrap();
        let answer = |bem: i64, info: i64, support: &[&str]| {
            HashMap::from([
                ("f_bemotande".to_string(), Answer::Number(bem)),
                ("f_information".to_string(), Answer::Number(info)),
                (
                    "support".to_string(),
                    Answer::Choices(support.iter().map(|s| s.to_string()).collect()),
                ),
            ])
        };
        let support = match &battery.question("support").unwrap().kind {
            Kind::MultipleChoice { choices } => choices.clone(),
            _ => unreachable!(),
        };
        let answers = [
            answer(6, 2, &[&support[0].value, &support[1].value]),
            answer(6, 4, &[&support[0].value]),
        ];
        let items = suggest(&Findings {
            battery: &battery,
            answers: &answers,
            referrals: &[("Trafiknätverket i Brunna".into(), 4)],
            feedback_total: 5,
            feedback_overdue: 1,
        });
        assert!(items[0].contains("Företagsbesök"), "{items:?}");
        // Information (index 40) is lowest; full marks for bemötande are no point to improve.
        assert!(
            items[1].contains("informationen") && items[1].contains("index 40"),
            "{items:?}"
        );
        assert!(!items.iter().any(|i| i.contains("bemötande")), "{items:?}");
        assert!(items[2].contains(&support[0].text.sv) && items[2].contains("(2 företag)"));
        assert!(
            items
                .iter()
                .any(|i| i.contains("Tipsa företag om Trafiknätverket i Brunna")
                    && i.contains("(4 hänvisningar"))
        );
        assert!(
            items
                .last()
                .unwrap()
                .contains("5 frågor att återkoppla, 1 försenade")
        );
        assert!(parse_items(&items.join("\n")).is_ok());
    }
}
