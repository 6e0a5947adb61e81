//! The results table of a survey: each respondent's indices aggregated per group (the
//! total, an area, an industry, a quarter …), with n, response rate, the index and its
//! 95 % interval, the SKR band and Insikt's suppression; the effect analysis per group;
//! and the distribution of answers per question. The web page, the export and
//! `lots survey results` all print what this module computes.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::battery::{Answer, Battery, Kind};
use crate::nki::{Band, FactorEffect, IndexResult, Thresholds, priority_matrix, respondent_units};
use crate::stats::{Comparison, Moments, Ols, welch};
use lots_i18n::Lang;

/// The columns of the results table, in order; documented and stable for scripts.
pub const COLUMNS: [&str; 15] = [
    "group",
    "index",
    "n",
    "invited",
    "response_rate",
    "value",
    "whole",
    "ci_low",
    "ci_high",
    "band",
    "suppressed",
    "constant",
    "previous",
    "significant_change",
    "beside_total",
];

/// One line of the results table.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ResultRow {
    /// "" for the total, else the group's name (an area, an industry, a quarter …).
    pub group: String,
    pub index: String,
    /// `None` where disclosure control withholds the cell.
    pub n: Option<u64>,
    pub invited: Option<u64>,
    pub response_rate: Option<f64>,
    pub value: Option<f64>,
    /// The value rounded half up to a whole number: the band is set on it.
    pub whole: Option<i64>,
    /// The interval, clamped to 0–100.
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
    pub band: Option<Band>,
    pub suppressed: bool,
    /// Every answer gave the same index: an interval of zero width, not certainty.
    pub constant: bool,
    /// The same group's index in the previous period, when shown there too.
    pub previous: Option<f64>,
    pub change: Option<Comparison>,
    /// A group reported beside the total, not in it (an area Insikt's rules of the year keep
    /// out of the total).
    pub beside_total: bool,
}

/// The headings of [`COLUMNS`] as message ids, for the table a person downloads.
pub const COLUMN_HEADINGS: [&str; 15] = [
    "results-column-group",
    "results-column-index",
    "results-column-n",
    "results-column-invited",
    "results-column-response-rate",
    "results-column-value",
    "results-column-whole",
    "results-column-ci-low",
    "results-column-ci-high",
    "results-column-band",
    "results-column-suppressed",
    "results-column-constant",
    "results-column-previous",
    "results-column-significant-change",
    "results-column-beside-total",
];

impl ResultRow {
    /// The row as text cells in [`COLUMNS`] order (numbers with one decimal), as the command
    /// line prints it for programs: decimal points, `true`/`false`, band ids.
    pub fn cells(&self) -> Vec<String> {
        self.cells_with(
            |v| format!("{v:.1}"),
            |b| b.to_string(),
            |id| id.to_string(),
        )
    }

    /// The row for a person's spreadsheet in `lang`: Swedish decimal commas (no grouping,
    /// which Excel would read as text), yes/no and the band in words.
    pub fn cells_in(&self, lang: lots_i18n::Lang) -> Vec<String> {
        let number = |v: f64| match lang {
            lots_i18n::Lang::Sv => format!("{v:.1}").replace('.', ","),
            lots_i18n::Lang::En => format!("{v:.1}"),
        };
        let yes_no = |b: bool| lots_i18n::text(lang, if b { "yes" } else { "no" });
        let mut cells = self.cells_with(number, yes_no, |id| lots_i18n::text(lang, id));
        if self.group.is_empty() {
            cells[0] = lots_i18n::text(lang, "results-total-row");
        }
        cells
    }

    fn cells_with(
        &self,
        number: impl Fn(f64) -> String,
        flag: impl Fn(bool) -> String,
        band: impl Fn(&str) -> String,
    ) -> Vec<String> {
        let num = |v: Option<f64>| v.map_or(String::new(), &number);
        vec![
            self.group.clone(),
            self.index.clone(),
            self.n.map_or(String::new(), |n| n.to_string()),
            self.invited.map_or(String::new(), |n| n.to_string()),
            num(self.response_rate.map(|r| r * 100.0)),
            num(self.value),
            self.whole.map_or(String::new(), |w| w.to_string()),
            num(self.ci_low),
            num(self.ci_high),
            self.band.map_or(String::new(), |b| band(b.message())),
            flag(self.suppressed),
            flag(self.constant),
            num(self.previous),
            self.change.map_or(String::new(), |c| flag(c.significant)),
            flag(self.beside_total),
        ]
    }
}

#[cfg(test)]
mod export_tests {
    use super::*;

    #[test]
    fn a_swedish_spreadsheet_gets_decimal_commas_and_words() {
        let row = ResultRow {
            group: String::new(),
            index: "nki".into(),
            n: Some(180),
            invited: Some(400),
            response_rate: Some(0.45),
            value: Some(76.66),
            whole: Some(77),
            ci_low: Some(74.04),
            ci_high: Some(79.3),
            band: Some(Band::High),
            suppressed: false,
            constant: false,
            previous: None,
            change: None,
            beside_total: false,
        };
        let sv = row.cells_in(lots_i18n::Lang::Sv);
        assert_eq!(&sv[..6], ["Totalt", "nki", "180", "400", "45,0", "76,7"]);
        assert_eq!((sv[9].as_str(), sv[10].as_str()), ("Högt", "Nej"));
        let en = row.cells_in(lots_i18n::Lang::En);
        assert_eq!(
            (en[0].as_str(), en[5].as_str(), en[10].as_str()),
            ("Total", "76.7", "No")
        );
        assert_eq!(row.cells()[5], "76.7", "the command line keeps points");
        assert_eq!(COLUMN_HEADINGS.len(), COLUMNS.len());
    }
}

/// Sums per group and index, built one respondent at a time.
#[derive(Debug, Clone)]
pub struct Aggregator {
    indices: Vec<String>,
    groups: BTreeMap<String, Vec<Moments>>,
    /// The groups reported beside the total, not in it.
    beside: std::collections::BTreeSet<String>,
    /// NKI against the factors, per group: respondents with all of them answered.
    effects: BTreeMap<String, Ols>,
}

impl Aggregator {
    /// `indices` as [`Battery::indices`] lists them: NKI first when the battery has it.
    pub fn new(indices: &[String]) -> Aggregator {
        Aggregator {
            indices: indices.to_vec(),
            groups: BTreeMap::new(),
            beside: Default::default(),
            effects: BTreeMap::new(),
        }
    }

    pub fn indices(&self) -> &[String] {
        &self.indices
    }

    /// Adds one respondent's indices (in `indices` order, in units of `1 / stats::SCALE`,
    /// `None` when not answered) to the total and, unless `group` is empty, to a group.
    pub fn add(&mut self, group: &str, values: &[Option<i64>]) {
        self.add_to("", values);
        if !group.is_empty() {
            self.add_to(group, values);
        }
    }

    /// Adds a respondent to a group reported beside the total, not in it.
    pub fn add_beside(&mut self, group: &str, values: &[Option<i64>]) {
        self.beside.insert(group.to_string());
        self.add_to(group, values);
    }

    /// Adds the sums of a group's respondents for one index, counted elsewhere (one cell of
    /// a database's `GROUP BY`), to the total and, unless `group` is empty, to the group;
    /// `beside` puts them beside the total instead. Cells carry no effect analysis: that
    /// needs each respondent's indices together.
    pub fn add_sums(&mut self, group: &str, beside: bool, index: &str, sums: &Moments) {
        let Some(i) = self.indices.iter().position(|x| x == index) else {
            return;
        };
        let k = self.indices.len();
        let mut merge = |g: &str| {
            self.groups
                .entry(g.to_string())
                .or_insert_with(|| vec![Moments::default(); k])[i]
                .merge(sums);
        };
        if beside {
            merge(group);
            self.beside.insert(group.to_string());
            return;
        }
        merge("");
        if !group.is_empty() {
            merge(group);
        }
    }

    fn add_to(&mut self, group: &str, values: &[Option<i64>]) {
        let k = self.indices.len();
        let moments = self
            .groups
            .entry(group.to_string())
            .or_insert_with(|| vec![Moments::default(); k]);
        for (m, v) in moments.iter_mut().zip(values) {
            if let Some(v) = v {
                m.add_units(*v);
            }
        }
        if self.indices.first().is_some_and(|i| i == "nki")
            && k > 2
            && let Some(all) = values.iter().copied().collect::<Option<Vec<i64>>>()
        {
            self.effects
                .entry(group.to_string())
                .or_insert_with(|| Ols::new(k - 1))
                .add_units(&all[1..], all[0]);
        }
    }

    pub fn moments(&self, group: &str, index: &str) -> Option<&Moments> {
        let i = self.indices.iter().position(|x| x == index)?;
        self.groups.get(group).map(|m| &m[i])
    }

    pub fn groups(&self) -> impl Iterator<Item = &String> {
        self.groups.keys()
    }

    /// The cells withheld by disclosure control, as (group, index): each index's total
    /// beside its groups, the groups outside the total beside it too
    /// ([`crate::disclosure::around_total`]).
    pub fn withheld(&self, thresholds: &Thresholds) -> HashSet<(String, usize)> {
        let mut out = HashSet::new();
        let empty = vec![Moments::default(); self.indices.len()];
        let total = self.groups.get("").unwrap_or(&empty);
        let (outside, parts): (Vec<_>, Vec<_>) = self
            .groups
            .iter()
            .filter(|(g, _)| !g.is_empty())
            .partition(|(g, _)| self.beside.contains(*g));
        for i in 0..self.indices.len() {
            let counts = |cells: &[(&String, &Vec<Moments>)]| -> Vec<u64> {
                cells.iter().map(|(_, m)| m[i].n).collect()
            };
            let (total_hidden, hidden, hidden_outside) = crate::disclosure::around_total(
                total[i].n,
                &counts(&parts),
                &counts(&outside),
                thresholds.min_shown,
            );
            if total_hidden {
                out.insert((String::new(), i));
            }
            let verdicts = parts
                .iter()
                .zip(hidden)
                .chain(outside.iter().zip(hidden_outside));
            for ((group, _), h) in verdicts {
                if h {
                    out.insert(((*group).clone(), i));
                }
            }
        }
        out
    }

    /// The results table: every group and index; `invited` per group gives the response
    /// rate (respondents with any answer over invited); `previous` the last period. A
    /// withheld cell shows neither its value, its count nor its response rate, and a
    /// previous value withheld then is not shown either.
    pub fn rows(
        &self,
        invited: &HashMap<String, u64>,
        previous: Option<&Aggregator>,
        thresholds: &Thresholds,
    ) -> Vec<ResultRow> {
        let withheld = self.withheld(thresholds);
        let withheld_before = previous.map(|p| p.withheld(thresholds)).unwrap_or_default();
        let mut rows = Vec::new();
        for (group, moments) in &self.groups {
            let respondents = moments.iter().map(|m| m.n).max().unwrap_or(0);
            for (i, (index, m)) in self.indices.iter().zip(moments).enumerate() {
                let hidden = withheld.contains(&(group.clone(), i));
                let r = if hidden {
                    IndexResult::from_moments(&Moments::default(), thresholds)
                } else {
                    IndexResult::from_moments(m, thresholds)
                };
                let before = previous.and_then(|p| p.moments(group, index));
                let shown_before = before.filter(|b| {
                    thresholds.shown(b.n) && !withheld_before.contains(&(group.clone(), i))
                });
                let invited_here = invited.get(group).copied();
                rows.push(ResultRow {
                    group: group.clone(),
                    index: index.clone(),
                    n: (!hidden).then_some(m.n),
                    invited: invited_here,
                    response_rate: invited_here
                        .filter(|i| *i > 0 && !hidden)
                        .map(|i| respondents as f64 / i as f64),
                    value: r.estimate.map(|e| e.mean),
                    whole: r.whole,
                    ci_low: r.estimate.map(|e| e.ci_low),
                    ci_high: r.estimate.map(|e| e.ci_high),
                    band: r.band,
                    suppressed: r.suppressed,
                    constant: r.constant,
                    previous: shown_before.map(Moments::mean),
                    change: if r.suppressed {
                        None
                    } else {
                        shown_before.and_then(|b| welch(m, b))
                    },
                    beside_total: self.beside.contains(group),
                });
            }
        }
        rows
    }

    /// The effect analysis of a group: each factor's effect on NKI and its quadrant, with
    /// R²; `None` below the threshold or when the factors cannot be told apart.
    pub fn effects(&self, group: &str, thresholds: &Thresholds) -> Option<Effects> {
        let ols = self.effects.get(group)?;
        let fit = ols.fit()?;
        if !thresholds.shown(fit.n) {
            return None;
        }
        let moments = self.groups.get(group)?;
        let factors = self.indices[1..].to_vec();
        let indices: Vec<f64> = moments[1..].iter().map(Moments::mean).collect();
        Some(Effects {
            n: fit.n,
            r2: fit.r2,
            factors: priority_matrix(&factors, &indices, &fit),
        })
    }
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Effects {
    pub n: u64,
    pub r2: f64,
    pub factors: Vec<FactorEffect>,
}

/// A respondent's value for each of the battery's indices, in exact units of
/// `1 / stats::SCALE` (`stats::value_of` gives the number).
pub fn respondent_values(
    battery: &Battery,
    indices: &[String],
    answers: &HashMap<String, Answer>,
) -> Vec<Option<i64>> {
    indices
        .iter()
        .map(|i| respondent_units(&battery.scaled(answers, i)))
        .collect()
}

/// How the answers to one closed question fell.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Distribution {
    pub question: String,
    pub text: String,
    /// (label, count) in the question's order.
    pub counts: Vec<(String, u64)>,
    pub n: u64,
    pub suppressed: bool,
}

/// The distribution of every closed question, and the free-text answers (only when the
/// round has enough answers to show anything).
pub fn distributions<'a>(
    battery: &Battery,
    lang: Lang,
    responses: impl Iterator<Item = &'a HashMap<String, Answer>> + Clone,
    thresholds: &Thresholds,
) -> (Vec<Distribution>, Vec<(String, Vec<String>)>) {
    let mut closed = Vec::new();
    let mut free = Vec::new();
    let total = responses.clone().count() as u64;
    for q in battery.questions() {
        let labels: Vec<(String, String)> = match &q.kind {
            Kind::Rating {
                min,
                max,
                dont_know,
                ..
            } => {
                let mut l: Vec<(String, String)> = (*min..=*max)
                    .map(|v| (v.to_string(), v.to_string()))
                    .collect();
                if *dont_know {
                    l.push(("vet_ej".into(), lots_i18n::text(lang, "dont-know")));
                }
                l
            }
            Kind::Nps => (0..=10).map(|v| (v.to_string(), v.to_string())).collect(),
            Kind::SingleChoice { choices } | Kind::MultipleChoice { choices } => choices
                .iter()
                .map(|c| (c.value.clone(), c.text.get(lang).to_string()))
                .collect(),
            Kind::YesNo => vec![
                ("ja".into(), lots_i18n::text(lang, "yes")),
                ("nej".into(), lots_i18n::text(lang, "no")),
            ],
            Kind::FreeText => {
                if thresholds.shown(total) {
                    let texts: Vec<String> = responses
                        .clone()
                        .filter_map(|a| match a.get(&q.id) {
                            Some(Answer::Text(t)) => Some(t.clone()),
                            _ => None,
                        })
                        .collect();
                    free.push((q.text.get(lang).to_string(), texts));
                }
                continue;
            }
        };
        let mut counts: Vec<u64> = vec![0; labels.len()];
        let mut n = 0;
        for answers in responses.clone() {
            let Some(a) = answers.get(&q.id) else {
                continue;
            };
            n += 1;
            let values: Vec<String> = match a {
                Answer::Number(v) => vec![v.to_string()],
                Answer::DontKnow => vec!["vet_ej".into()],
                Answer::Choice(c) => vec![c.clone()],
                Answer::Choices(cs) => cs.clone(),
                Answer::YesNo(b) => vec![if *b { "ja" } else { "nej" }.into()],
                Answer::Text(_) => vec![],
            };
            for v in values {
                if let Some(i) = labels.iter().position(|(value, _)| *value == v) {
                    counts[i] += 1;
                }
            }
        }
        let suppressed = !thresholds.shown(n);
        closed.push(Distribution {
            question: q.id.clone(),
            text: q.text.get(lang).to_string(),
            counts: labels
                .into_iter()
                .zip(counts)
                .map(|((_, label), c)| (label, if suppressed { 0 } else { c }))
                .collect(),
            n,
            suppressed,
        });
    }
    (closed, free)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::units;

    fn indices() -> Vec<String> {
        ["nki", "information", "bemotande"]
            .map(String::from)
            .to_vec()
    }

    #[test]
    fn groups_are_suppressed_below_seven_and_rates_use_the_invited() {
        let mut agg = Aggregator::new(&indices());
        for i in 0..10 {
            let v = 60.0 + i as f64 * 4.0;
            agg.add(
                if i < 6 { "Bro" } else { "Brunna" },
                &[Some(units(v)), Some(units(v)), None],
            );
        }
        let invited = HashMap::from([("".to_string(), 20)]);
        let rows = agg.rows(&invited, None, &Thresholds::default());
        let total = rows
            .iter()
            .find(|r| r.group.is_empty() && r.index == "nki")
            .unwrap();
        assert_eq!(total.n, Some(10));
        assert_eq!(total.response_rate, Some(0.5));
        assert_eq!(total.value, Some(78.0));
        assert_eq!(total.band, Some(Band::High));
        let bro = rows
            .iter()
            .find(|r| r.group == "Bro" && r.index == "nki")
            .unwrap();
        assert!(bro.suppressed && bro.value.is_none() && bro.n.is_none());
        // Beside the total of 10, Brunna's 4 and Bro's 6 are both withheld.
        let brunna = rows
            .iter()
            .find(|r| r.group == "Brunna" && r.index == "nki")
            .unwrap();
        assert!(brunna.suppressed && brunna.n.is_none() && brunna.response_rate.is_none());
        let nobody = rows
            .iter()
            .find(|r| r.group.is_empty() && r.index == "bemotande")
            .unwrap();
        assert_eq!(nobody.n, Some(0));
        assert!(nobody.suppressed);
        assert_eq!(total.cells().len(), COLUMNS.len());
    }

    #[test]
    fn sums_counted_elsewhere_give_the_rows_respondents_give() {
        let groups = ["Bro", "Brunna", "", "Brandskydd"];
        let mut one_by_one = Aggregator::new(&indices());
        let mut cells: BTreeMap<(usize, usize), Moments> = BTreeMap::new();
        for r in 0..200_u32 {
            let g = (r * 7 % 4) as usize;
            let values: Vec<Option<i64>> = (0..3)
                .map(|i| (r % (i + 2) != 0).then(|| units(f64::from((r * 37 + i * 11) % 101))))
                .collect();
            if groups[g] == "Brandskydd" {
                one_by_one.add_beside(groups[g], &values);
            } else {
                one_by_one.add(groups[g], &values);
            }
            for (i, v) in values.iter().enumerate() {
                if let Some(v) = v {
                    cells.entry((g, i)).or_default().add_units(*v);
                }
            }
        }
        let mut summed = Aggregator::new(&indices());
        for ((g, i), m) in &cells {
            summed.add_sums(groups[*g], groups[*g] == "Brandskydd", &indices()[*i], m);
        }
        let t = Thresholds::default();
        assert_eq!(
            summed.rows(&HashMap::new(), Some(&one_by_one), &t),
            one_by_one.rows(&HashMap::new(), Some(&summed), &t)
        );
    }

    #[test]
    fn a_group_beside_the_total_stays_out_of_it_and_is_protected() {
        let mut agg = Aggregator::new(&indices());
        let nki = |v: f64| [Some(units(v)), None, None];
        for i in 0..30 {
            agg.add(if i < 20 { "Bygglov" } else { "Livsmedel" }, &nki(80.0));
        }
        for _ in 0..5 {
            agg.add_beside("Brandskydd", &nki(40.0));
        }
        let rows = agg.rows(&HashMap::new(), None, &Thresholds::default());
        let row = |g: &str| {
            rows.iter()
                .find(|r| r.group == g && r.index == "nki")
                .unwrap()
        };
        assert!(row("Brandskydd").beside_total && !row("Bygglov").beside_total);
        assert!(row("Brandskydd").value.is_none());
        // The 35 answers are published; the total must not give Brandskydd's 5 away.
        let total = row("");
        assert!(total.value.is_none() || row("Livsmedel").value.is_none());
        if let Some(v) = total.value {
            assert_eq!(v, 80.0, "the total leaves the beside area out");
        }
    }

    #[test]
    fn a_change_from_the_previous_period_is_tested() {
        let mut before = Aggregator::new(&indices());
        let mut now = Aggregator::new(&indices());
        for i in 0..40 {
            let wiggle = (i % 5) as f64;
            before.add("", &[Some(units(60.0 + wiggle)), None, None]);
            now.add("", &[Some(units(70.0 + wiggle)), None, None]);
        }
        let rows = now.rows(&HashMap::new(), Some(&before), &Thresholds::default());
        let nki = &rows[0];
        assert_eq!(nki.previous, Some(62.0));
        let change = nki.change.unwrap();
        assert!(change.significant && (change.difference - 10.0).abs() < 1e-9);
    }

    #[test]
    fn planted_effects_are_recovered() {
        // NKI = 10 + 0.7·information + 0.1·bemötande + noise: information is the strong one.
        let mut agg = Aggregator::new(&indices());
        let mut seed = 7u64;
        let mut next = || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as f64 / (1u64 << 31) as f64
        };
        for _ in 0..2000 {
            let info = 40.0 + next() * 60.0;
            let treat = 50.0 + next() * 50.0;
            let nki = 10.0 + 0.7 * info + 0.1 * treat + (next() - 0.5) * 10.0;
            agg.add(
                "",
                &[Some(units(nki)), Some(units(info)), Some(units(treat))],
            );
        }
        let e = agg.effects("", &Thresholds::default()).unwrap();
        assert!((e.factors[0].effect - 0.7).abs() < 0.03, "{e:?}");
        assert!((e.factors[1].effect - 0.1).abs() < 0.03, "{e:?}");
        assert!(e.factors[0].significant && e.r2 > 0.8);
    }
}
