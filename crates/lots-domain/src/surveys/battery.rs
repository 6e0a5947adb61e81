//! Question batteries (frågebatterier): sections of questions in Swedish and English, each
//! question of one kind, optionally shown only when an earlier answer says so, and tagged
//! with the index it feeds (NKI or a service factor). A battery checks a respondent's
//! submitted form into typed answers, naming each wrong field and why.

use std::collections::HashMap;

use lots_i18n::{Lang, Message};

use crate::nki::ScaledAnswer;

/// A text in both languages; English falls back to Swedish.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Text {
    pub sv: String,
    #[serde(default)]
    pub en: String,
}

impl Text {
    pub fn get(&self, lang: Lang) -> &str {
        if lang == Lang::En && !self.en.is_empty() {
            &self.en
        } else {
            &self.sv
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Choice {
    pub value: String,
    pub text: Text,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Kind {
    /// A scale `min..=max` with labelled ends and, optionally, "vet ej".
    Rating {
        min: i64,
        max: i64,
        low: Text,
        high: Text,
        #[serde(default)]
        dont_know: bool,
    },
    /// Net Promoter Score, 0–10.
    Nps,
    SingleChoice {
        choices: Vec<Choice>,
    },
    MultipleChoice {
        choices: Vec<Choice>,
    },
    YesNo,
    FreeText,
}

/// Show a question only when an earlier one was answered with `equals` (a choice's value,
/// `ja`/`nej`, or a number).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ShowIf {
    pub question: String,
    pub equals: String,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Question {
    pub id: String,
    pub text: Text,
    #[serde(flatten)]
    pub kind: Kind,
    #[serde(default)]
    pub required: bool,
    /// The index the answer feeds: `nki`, a service factor, or one the municipality names.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub index: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub show_if: Option<ShowIf>,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Section {
    pub title: Text,
    pub questions: Vec<Question>,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Battery {
    pub code: String,
    pub name: Text,
    #[serde(default)]
    pub description: Text,
    pub sections: Vec<Section>,
}

/// Insikt's six service factors, in their report order.
pub const SERVICE_FACTORS: [&str; 6] = [
    "information",
    "tillganglighet",
    "bemotande",
    "kompetens",
    "rattssakerhet",
    "effektivitet",
];

/// Longest free-text answer kept.
pub const MAX_TEXT: usize = 4000;

/// One typed answer.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Answer {
    Number(i64),
    DontKnow,
    Choice(String),
    Choices(Vec<String>),
    YesNo(bool),
    Text(String),
}

/// Typed answers as the form fields that give them, to check them against a battery again.
pub fn as_form(answers: &HashMap<String, Answer>) -> HashMap<String, Vec<String>> {
    answers
        .iter()
        .map(|(id, a)| {
            let values = match a {
                Answer::Number(n) => vec![n.to_string()],
                Answer::DontKnow => vec!["vet_ej".into()],
                Answer::Choice(c) => vec![c.clone()],
                Answer::Choices(cs) => cs.clone(),
                Answer::YesNo(b) => vec![if *b { "ja" } else { "nej" }.into()],
                Answer::Text(t) => vec![t.clone()],
            };
            (id.clone(), values)
        })
        .collect()
}

impl Answer {
    /// The answer as a show-if condition compares it.
    fn matches(&self, expected: &str) -> bool {
        match self {
            Answer::Number(n) => n.to_string() == expected,
            Answer::Choice(c) => c == expected,
            Answer::Choices(cs) => cs.iter().any(|c| c == expected),
            Answer::YesNo(b) => expected == if *b { "ja" } else { "nej" },
            Answer::DontKnow | Answer::Text(_) => false,
        }
    }
}

/// A wrong field of a submitted form: the question and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub question: String,
    pub message: Message,
}

/// Why a battery definition cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BatteryError {
    #[error("the battery is not valid JSON: {0}")]
    Json(String),
    #[error("question {0:?} appears twice")]
    DuplicateId(String),
    #[error("question {question:?}: {reason}")]
    Question { question: String, reason: String },
    #[error("the battery has no questions")]
    Empty,
}

impl Battery {
    pub fn from_json(json: &str) -> Result<Battery, BatteryError> {
        let b: Battery =
            serde_json::from_str(json).map_err(|e| BatteryError::Json(e.to_string()))?;
        b.validate()?;
        Ok(b)
    }

    pub fn questions(&self) -> impl Iterator<Item = &Question> {
        self.sections.iter().flat_map(|s| &s.questions)
    }

    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions().find(|q| q.id == id)
    }

    /// Ids are unique, scales sensible, choices present, conditions point backwards.
    pub fn validate(&self) -> Result<(), BatteryError> {
        let mut seen: Vec<&str> = Vec::new();
        let bad = |q: &Question, reason: &str| BatteryError::Question {
            question: q.id.clone(),
            reason: reason.into(),
        };
        for q in self.questions() {
            if seen.contains(&q.id.as_str()) {
                return Err(BatteryError::DuplicateId(q.id.clone()));
            }
            match &q.kind {
                Kind::Rating { min, max, .. } if min >= max => {
                    return Err(bad(q, "the scale's minimum must be below its maximum"));
                }
                Kind::SingleChoice { choices } | Kind::MultipleChoice { choices }
                    if choices.is_empty() =>
                {
                    return Err(bad(q, "a choice question needs choices"));
                }
                _ => {}
            }
            if q.index.is_some() && !matches!(q.kind, Kind::Rating { .. } | Kind::Nps) {
                return Err(bad(q, "only scale questions can feed an index"));
            }
            if let Some(cond) = &q.show_if
                && !seen.contains(&cond.question.as_str())
            {
                return Err(bad(q, "show_if must name an earlier question"));
            }
            seen.push(&q.id);
        }
        if seen.is_empty() {
            return Err(BatteryError::Empty);
        }
        Ok(())
    }

    /// Whether a question is shown, given the answers so far.
    pub fn shown(&self, q: &Question, answers: &HashMap<String, Answer>) -> bool {
        q.show_if.as_ref().is_none_or(|c| {
            answers
                .get(&c.question)
                .is_some_and(|a| a.matches(&c.equals))
        })
    }

    /// Checks a submitted form (field name = question id; several values for a multiple
    /// choice). With `complete`, required questions must be answered; a saved draft only
    /// has to be well-formed. Answers to hidden questions are dropped.
    pub fn check(
        &self,
        form: &HashMap<String, Vec<String>>,
        complete: bool,
    ) -> Result<HashMap<String, Answer>, Vec<FieldError>> {
        let mut answers = HashMap::new();
        let mut errors = Vec::new();
        for q in self.questions() {
            if !self.shown(q, &answers) {
                continue;
            }
            let values: Vec<&str> = form
                .get(&q.id)
                .map(|v| {
                    v.iter()
                        .map(|s| s.trim())
                        .filter(|s| !s.is_empty())
                        .collect()
                })
                .unwrap_or_default();
            match parse_answer(q, &values) {
                Ok(Some(a)) => {
                    answers.insert(q.id.clone(), a);
                }
                Ok(None) if complete && q.required => errors.push(FieldError {
                    question: q.id.clone(),
                    message: Message::new("answer-the-question"),
                }),
                Ok(None) => {}
                Err(message) => errors.push(FieldError {
                    question: q.id.clone(),
                    message,
                }),
            }
        }
        if errors.is_empty() {
            Ok(answers)
        } else {
            Err(errors)
        }
    }

    /// The scale answers feeding `index`, ready for [`crate::nki::respondent_index`].
    pub fn scaled(&self, answers: &HashMap<String, Answer>, index: &str) -> Vec<ScaledAnswer> {
        self.questions()
            .filter(|q| q.index.as_deref() == Some(index))
            .filter_map(|q| {
                let Some(Answer::Number(n)) = answers.get(&q.id) else {
                    return None;
                };
                let (min, max) = match q.kind {
                    Kind::Rating { min, max, .. } => (min, max),
                    _ => (0, 10),
                };
                Some(ScaledAnswer {
                    value: *n as f64,
                    min: min as f64,
                    max: max as f64,
                    weight: 1.0,
                })
            })
            .collect()
    }

    /// The indices this battery feeds, NKI first, then the service factors in report
    /// order, then the municipality's own.
    pub fn indices(&self) -> Vec<String> {
        let mut all: Vec<String> = Vec::new();
        for q in self.questions() {
            if let Some(i) = &q.index
                && !all.contains(i)
            {
                all.push(i.clone());
            }
        }
        let rank = |i: &String| match i.as_str() {
            "nki" => 0,
            other => SERVICE_FACTORS
                .iter()
                .position(|f| *f == other)
                .map_or(SERVICE_FACTORS.len() + 1, |p| p + 1),
        };
        all.sort_by_key(rank);
        all
    }
}

fn parse_answer(q: &Question, values: &[&str]) -> Result<Option<Answer>, Message> {
    let Some(first) = values.first().copied() else {
        return Ok(None);
    };
    let one_of = |choices: &[Choice], v: &str| choices.iter().any(|c| c.value == v);
    let not_an_option = || Message::new("choose-one-of-the-options");
    let number_in = |min: i64, max: i64| -> Result<Option<Answer>, Message> {
        match first.parse::<i64>() {
            Ok(n) if (min..=max).contains(&n) => Ok(Some(Answer::Number(n))),
            _ => Err(Message::new("choose-a-value-from-to")
                .with_number("min", min)
                .with_number("max", max)),
        }
    };
    match &q.kind {
        Kind::Rating {
            dont_know: true, ..
        } if first == "vet_ej" => Ok(Some(Answer::DontKnow)),
        Kind::Rating { min, max, .. } => number_in(*min, *max),
        Kind::Nps => number_in(0, 10),
        Kind::SingleChoice { choices } if one_of(choices, first) => {
            Ok(Some(Answer::Choice(first.into())))
        }
        Kind::SingleChoice { .. } => Err(not_an_option()),
        Kind::MultipleChoice { choices } => {
            if values.iter().all(|v| one_of(choices, v)) {
                let mut picked: Vec<String> = values.iter().map(|v| v.to_string()).collect();
                picked.dedup();
                Ok(Some(Answer::Choices(picked)))
            } else {
                Err(not_an_option())
            }
        }
        Kind::YesNo => match first {
            "ja" => Ok(Some(Answer::YesNo(true))),
            "nej" => Ok(Some(Answer::YesNo(false))),
            _ => Err(not_an_option()),
        },
        Kind::FreeText if first.chars().count() > MAX_TEXT => {
            Err(Message::new("the-answer-may-be-at-most").with_number("max", MAX_TEXT as i64))
        }
        Kind::FreeText => Ok(Some(Answer::Text(first.into()))),
    }
}

/// The standard batteries shipped in data/batteries: Insikt-style NKI for permit and
/// inspection cases, the company-visit battery and the short follow-up.
pub fn standard() -> Vec<Battery> {
    [
        include_str!("../../../../data/batteries/insikt-nki.json"),
        include_str!("../../../../data/batteries/foretagsbesok.json"),
        include_str!("../../../../data/batteries/uppfoljning.json"),
    ]
    .iter()
    .map(|json| Battery::from_json(json).expect("the shipped batteries are valid"))
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nki::respondent_index;

    fn form(pairs: &[(&str, &str)]) -> HashMap<String, Vec<String>> {
        let mut f: HashMap<String, Vec<String>> = HashMap::new();
        for (k, v) in pairs {
            f.entry(k.to_string()).or_default().push(v.to_string());
        }
        f
    }

    #[test]
    fn the_standard_batteries_load_and_feed_nki_and_the_six_factors() {
        let all = standard();
        assert_eq!(
            all.iter().map(|b| b.code.as_str()).collect::<Vec<_>>(),
            ["insikt-nki", "foretagsbesok", "uppfoljning"]
        );
        let insikt = &all[0];
        let mut expected = vec!["nki".to_string()];
        expected.extend(SERVICE_FACTORS.map(String::from));
        assert_eq!(insikt.indices(), expected);
        assert_eq!(
            insikt
                .questions()
                .filter(|q| q.index.as_deref() == Some("nki"))
                .count(),
            3
        );
        for background in ["area", "industry", "size"] {
            assert!(insikt.question(background).is_some(), "{background}");
        }
    }

    #[test]
    fn a_complete_insikt_answer_gives_its_nki() {
        let insikt = &standard()[0];
        let mut pairs = vec![
            ("nki_overall", "6"),
            ("nki_expectations", "5"),
            ("nki_ideal", "4"),
        ];
        let factor_questions: Vec<String> = insikt
            .questions()
            .filter(|q| q.required && q.index.as_deref() != Some("nki"))
            .map(|q| q.id.clone())
            .collect();
        for id in &factor_questions {
            pairs.push((id.as_str(), "5"));
        }
        let answers = insikt.check(&form(&pairs), true).unwrap();
        assert_eq!(
            respondent_index(&insikt.scaled(&answers, "nki")),
            Some(80.0)
        );
    }

    #[test]
    fn wrong_and_missing_answers_are_named() {
        let insikt = &standard()[0];
        let errors = insikt
            .check(
                &form(&[("nki_overall", "7"), ("nki_expectations", "x")]),
                true,
            )
            .unwrap_err();
        let about = |id: &str| errors.iter().find(|e| e.question == id).unwrap();
        let sv = |q: &str| about(q).message.text(Lang::Sv);
        assert!(sv("nki_overall").contains("från 1 till 6"));
        assert!(sv("nki_expectations").contains("från 1 till 6"));
        assert_eq!(sv("nki_ideal"), "Svara på frågan.");
        assert_eq!(
            about("f_bemotande").message.text(Lang::En),
            "Answer the question."
        );
        // A draft only has to be well-formed.
        assert!(insikt.check(&form(&[("nki_overall", "3")]), false).is_ok());
    }

    #[test]
    fn show_if_hides_and_drops_answers() {
        let b = Battery::from_json(
            r#"{"code":"t","name":{"sv":"T"},"sections":[{"title":{"sv":"S"},"questions":[
                {"id":"help","text":{"sv":"Behöver ni hjälp?"},"type":"yes_no","required":true},
                {"id":"what","text":{"sv":"Med vad?"},"type":"free_text","required":true,
                 "show_if":{"question":"help","equals":"ja"}}]}]}"#,
        )
        .unwrap();
        let no = b
            .check(&form(&[("help", "nej"), ("what", "ignored")]), true)
            .unwrap();
        assert_eq!(no.len(), 1);
        let yes = b.check(&form(&[("help", "ja")]), true).unwrap_err();
        assert_eq!(yes[0].question, "what");
        let long = "å".repeat(MAX_TEXT + 1);
        assert!(
            b.check(&form(&[("help", "ja"), ("what", &long)]), true)
                .is_err()
        );
    }

    #[test]
    fn broken_definitions_are_refused() {
        let one = |q: &str| {
            Battery::from_json(&format!(
                r#"{{"code":"t","name":{{"sv":"T"}},"sections":[{{"title":{{"sv":"S"}},"questions":[{q}]}}]}}"#
            ))
        };
        assert!(matches!(
            one(
                r#"{"id":"a","text":{"sv":"A"},"type":"rating","min":5,"max":5,"low":{"sv":"l"},"high":{"sv":"h"}}"#
            ),
            Err(BatteryError::Question { .. })
        ));
        assert!(matches!(
            one(r#"{"id":"a","text":{"sv":"A"},"type":"free_text","index":"nki"}"#),
            Err(BatteryError::Question { .. })
        ));
        assert!(matches!(
            one(
                r#"{"id":"a","text":{"sv":"A"},"type":"yes_no"},{"id":"a","text":{"sv":"B"},"type":"yes_no"}"#
            ),
            Err(BatteryError::DuplicateId(_))
        ));
        assert!(matches!(
            one(
                r#"{"id":"a","text":{"sv":"A"},"type":"yes_no","show_if":{"question":"b","equals":"ja"}}"#
            ),
            Err(BatteryError::Question { .. })
        ));
        assert!(matches!(one("{"), Err(BatteryError::Json(_))));
        assert!(matches!(one(""), Err(BatteryError::Empty)));
    }
}
