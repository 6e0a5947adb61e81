//! Figures as the pages show them: percentages, one-decimal values in the visitor's
//! language, an index's name, and a list of days typed as numbers.

use lots_i18n::Lang;

use crate::ctx::Ctx;

pub(crate) fn percent(part: i64, whole: i64) -> String {
    if whole == 0 {
        return "–".into();
    }
    format!("{} %", (part * 100 + whole / 2) / whole)
}

/// Reminder days as typed: numbers separated by commas or spaces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DayList(pub Vec<i64>);

impl std::str::FromStr for DayList {
    type Err = std::num::ParseIntError;

    fn from_str(text: &str) -> Result<DayList, Self::Err> {
        text.split([',', ' '])
            .filter(|s| !s.is_empty())
            .map(str::parse)
            .collect::<Result<_, _>>()
            .map(DayList)
    }
}

pub(in crate::pages) fn decimal(lang: Lang, v: Option<f64>) -> String {
    match (lang, v) {
        (_, None) => "–".into(),
        (Lang::Sv, Some(v)) => lots_domain::numbers::decimal_sv(v, 1),
        (Lang::En, Some(v)) => format!("{v:.1}"),
    }
}

pub(in crate::pages) fn index_label(ctx: &Ctx, index: &str) -> String {
    ctx.t(match index {
        "nki" => "nki",
        "information" => "information",
        "tillganglighet" => "accessibility",
        "bemotande" => "treatment",
        "kompetens" => "competence",
        "rattssakerhet" => "legal-certainty",
        "effektivitet" => "efficiency",
        "helhet" => "overall-rating",
        other => other,
    })
}
