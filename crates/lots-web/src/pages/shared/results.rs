//! Answers as the result pages show them: each question's distribution and the free text.

use minijinja::{Value, context};

/// Each closed question's answers as counts and shares, for the bars of a results page.
pub(in crate::pages) fn distribution_values(
    distributions: &[lots_domain::survey_results::Distribution],
) -> Vec<Value> {
    distributions
        .iter()
        .map(|d| {
            let counts: Vec<Value> = d
                .counts
                .iter()
                .map(|(label, n)| {
                    let share = if d.n > 0 { *n as f64 / d.n as f64 } else { 0.0 };
                    context! { label, n => *n, width => format!("{:.0}", share * 100.0), share => format!("{:.0} %", share * 100.0) }
                })
                .collect();
            let segments = if d.suppressed {
                Vec::new()
            } else {
                crate::pages::shared::charts::stacked(&d.counts, d.n)
            };
            context! {
                id => format!("answers-{}", d.question),
                text => d.text.clone(),
                n => d.n,
                suppressed => d.suppressed,
                counts,
                segments,
            }
        })
        .collect()
}

/// Free-text answers grouped by question.
pub(in crate::pages) fn free_text_values(free_text: &[(String, Vec<String>)]) -> Vec<Value> {
    free_text
        .iter()
        .map(|(q, answers)| context! { question => q.clone(), answers => answers.clone() })
        .collect()
}
