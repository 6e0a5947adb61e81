//! Who visits whom: companies assigned to officers so that every officer gets exactly their
//! number of visits and the total cost is the least possible. Each officer's visits are
//! slots (rows), the candidate companies columns, and the Kuhn–Munkres algorithm of the
//! `pathfinding` crate finds a minimum-cost assignment — optimal, not greedy. A pair with a
//! conflict of interest (jäv) is impossible; when no plan exists, the reason is named.

use lots_i18n::Message;
use pathfinding::kuhn_munkres::kuhn_munkres_min;
use pathfinding::matrix::Matrix;

/// What the cost of one officer visiting one company weighs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PairFacts {
    /// The officer's unit handles the company's cases or its line of business: 0–100.
    pub relevance: i64,
    /// Travel from the officer's home area or office, in minutes.
    pub travel_minutes: i64,
    /// How much the municipality wants the company visited: 0–100.
    pub priority: i64,
    /// A conflict of interest (jäv): the pair is impossible.
    pub conflict: bool,
}

/// Minutes from where the officer sets out to the company, by area: short within the
/// officer's home area, long across areas; from the office, which is central, a known area
/// is near. A company without an area is a middling guess either way.
pub fn travel_minutes(home_area: Option<i64>, company_area: Option<i64>) -> i64 {
    match (home_area, company_area) {
        (Some(home), Some(company)) if home == company => 5,
        (Some(_), Some(_)) => 30,
        (None, Some(_)) => 10,
        (_, None) => 20,
    }
}

/// The cost of a pair, lower is better; `None` when the pair is impossible.
pub fn pair_cost(f: &PairFacts) -> Option<i64> {
    (!f.conflict).then(|| {
        3 * (100 - f.relevance.clamp(0, 100))
            + 2 * f.travel_minutes.max(0)
            + 2 * (100 - f.priority.clamp(0, 100))
    })
}

/// Why the pair was chosen, in one sentence.
pub fn explain(officer: &str, company: &str, f: &PairFacts) -> Message {
    let relevance = match f.relevance {
        70.. => "why-the-unit-knows-the-company",
        30..=69 => "why-the-unit-partly-knows-the-company",
        _ => "why-no-closer-unit-had-room",
    };
    let journey = if f.travel_minutes <= 10 {
        "short"
    } else {
        "long"
    };
    let priority = if f.priority >= 70 { "high" } else { "other" };
    Message::new("officer-visits-company-because")
        .with("officer", officer)
        .with("company", company)
        .with_message("relevance", relevance)
        .with("journey", journey)
        .with_number("minutes", f.travel_minutes.max(0))
        .with("priority", priority)
}

/// An assignment problem: each officer's number of visits and the cost of every pair,
/// `cost[officer][company]`, `None` for an impossible pair.
#[derive(Debug, Clone)]
pub struct Problem {
    pub visits: Vec<usize>,
    pub cost: Vec<Vec<Option<i64>>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// (officer, company), every officer as many times as their visits.
    pub pairs: Vec<(usize, usize)>,
    pub total: i64,
}

/// Why no plan exists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Infeasible {
    /// More visits than candidate companies.
    TooFewCompanies { visits: usize, companies: usize },
    /// An officer has fewer possible companies than visits (conflicts of interest).
    OfficerBlocked {
        officer: usize,
        possible: usize,
        visits: usize,
    },
    /// Each officer has enough companies alone, but together the conflicts leave too few:
    /// these officers could not all be given their visits.
    Conflicts { officers: Vec<usize> },
}

impl Infeasible {
    /// The reason, with officers' names.
    pub fn message(&self, officer_name: impl Fn(usize) -> String) -> Message {
        match self {
            Infeasible::TooFewCompanies { visits, companies } => {
                Message::new("too-few-companies-for-the-visits")
                    .with_number("companies", *companies as i64)
                    .with_number("visits", *visits as i64)
            }
            Infeasible::OfficerBlocked {
                officer,
                possible,
                visits,
            } => Message::new("officer-blocked-by-conflicts")
                .with("officer", officer_name(*officer))
                .with_number("visits", *visits as i64)
                .with_number("possible", *possible as i64),
            Infeasible::Conflicts { officers } => Message::new("conflicts-leave-too-few").with(
                "officers",
                officers
                    .iter()
                    .map(|o| officer_name(*o))
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
        }
    }
}

/// The least-cost plan, or why there is none.
pub fn assign(problem: &Problem) -> Result<Plan, Infeasible> {
    let companies = problem.cost.first().map_or(0, Vec::len);
    let visits: usize = problem.visits.iter().sum();
    if visits == 0 {
        return Ok(Plan {
            pairs: Vec::new(),
            total: 0,
        });
    }
    if visits > companies {
        return Err(Infeasible::TooFewCompanies { visits, companies });
    }
    for (officer, row) in problem.cost.iter().enumerate() {
        let possible = row.iter().filter(|c| c.is_some()).count();
        let wanted = problem.visits[officer];
        if possible < wanted {
            return Err(Infeasible::OfficerBlocked {
                officer,
                possible,
                visits: wanted,
            });
        }
    }
    // An impossible pair costs more than any plan of possible pairs, so the optimum uses
    // one only when no plan without it exists.
    let largest = problem
        .cost
        .iter()
        .flatten()
        .flatten()
        .copied()
        .max()
        .unwrap_or(0)
        .max(1);
    let forbidden = largest.saturating_mul(visits as i64 + 1);
    let mut slots = Vec::with_capacity(visits);
    let mut cells = Vec::with_capacity(visits * companies);
    for (officer, row) in problem.cost.iter().enumerate() {
        for _ in 0..problem.visits[officer] {
            slots.push(officer);
            cells.extend(row.iter().map(|c| c.unwrap_or(forbidden)));
        }
    }
    let matrix = Matrix::from_vec(visits, companies, cells)
        .map_err(|_| Infeasible::TooFewCompanies { visits, companies })?;
    let (total, columns) = kuhn_munkres_min(&matrix);
    let pairs: Vec<(usize, usize)> = slots.iter().copied().zip(columns).collect();
    let mut blocked: Vec<usize> = pairs
        .iter()
        .filter(|(o, c)| problem.cost[*o][*c].is_none())
        .map(|(o, _)| *o)
        .collect();
    if !blocked.is_empty() {
        blocked.sort_unstable();
        blocked.dedup();
        return Err(Infeasible::Conflicts { officers: blocked });
    }
    Ok(Plan { pairs, total })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The least total over every way to give each officer their visits, by brute force.
    fn brute_force(problem: &Problem) -> Option<i64> {
        let slots: Vec<usize> = problem
            .visits
            .iter()
            .enumerate()
            .flat_map(|(o, n)| std::iter::repeat_n(o, *n))
            .collect();
        let companies = problem.cost[0].len();
        fn go(
            i: usize,
            slots: &[usize],
            used: &mut Vec<bool>,
            p: &Problem,
            n: usize,
        ) -> Option<i64> {
            if i == slots.len() {
                return Some(0);
            }
            let mut best: Option<i64> = None;
            for c in 0..n {
                if used[c] {
                    continue;
                }
                let Some(cost) = p.cost[slots[i]][c] else {
                    continue;
                };
                used[c] = true;
                if let Some(rest) = go(i + 1, slots, used, p, n) {
                    best = Some(best.map_or(cost + rest, |b| b.min(cost + rest)));
                }
                used[c] = false;
            }
            best
        }
        go(0, &slots, &mut vec![false; companies], problem, companies)
    }

    /// A small deterministic pseudo-random problem.
    fn problem(seed: u64, officers: usize, companies: usize, conflicts: u64) -> Problem {
        let mut state = seed;
        let mut next = || {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            state >> 33
        };
        Problem {
            visits: (0..officers).map(|_| 1 + (next() % 2) as usize).collect(),
            cost: (0..officers)
                .map(|_| {
                    (0..companies)
                        .map(|_| (next() % 100 >= conflicts).then(|| (next() % 500) as i64))
                        .collect()
                })
                .collect(),
        }
    }

    #[test]
    fn the_plan_is_optimal_against_brute_force() {
        let mut checked = 0;
        for seed in 0..300 {
            let p = problem(seed, 3, 6, 15);
            let expected = brute_force(&p);
            match assign(&p) {
                Ok(plan) => {
                    assert_eq!(Some(plan.total), expected, "seed {seed}");
                    let total: i64 = plan
                        .pairs
                        .iter()
                        .map(|(o, c)| p.cost[*o][*c].unwrap())
                        .sum();
                    assert_eq!(total, plan.total);
                    for (o, n) in p.visits.iter().enumerate() {
                        assert_eq!(plan.pairs.iter().filter(|(x, _)| *x == o).count(), *n);
                    }
                    let mut companies: Vec<usize> = plan.pairs.iter().map(|(_, c)| *c).collect();
                    companies.sort_unstable();
                    companies.dedup();
                    assert_eq!(companies.len(), plan.pairs.len(), "a company visited twice");
                    checked += 1;
                }
                Err(_) => assert_eq!(expected, None, "seed {seed}: a plan existed"),
            }
        }
        assert!(checked > 200);
    }

    #[test]
    fn a_conflict_of_interest_is_never_planned() {
        let p = Problem {
            visits: vec![1, 1],
            cost: vec![vec![None, Some(50)], vec![Some(1), Some(1)]],
        };
        let plan = assign(&p).unwrap();
        assert!(plan.pairs.contains(&(0, 1)) && plan.pairs.contains(&(1, 0)));
    }

    #[test]
    fn infeasible_plans_say_why() {
        let too_few = Problem {
            visits: vec![2, 2],
            cost: vec![vec![Some(1); 3]; 2],
        };
        assert_eq!(
            assign(&too_few),
            Err(Infeasible::TooFewCompanies {
                visits: 4,
                companies: 3
            })
        );
        let blocked = Problem {
            visits: vec![2, 1],
            cost: vec![vec![Some(1), None, None, None], vec![Some(1); 4]],
        };
        let err = assign(&blocked).unwrap_err();
        assert_eq!(
            err,
            Infeasible::OfficerBlocked {
                officer: 0,
                possible: 1,
                visits: 2
            }
        );
        assert!(
            err.message(|_| "Ahmed Hassan".into())
                .text(lots_i18n::Lang::Sv)
                .starts_with("Ahmed Hassan ska göra 2 besök")
        );
        // Each alone has a company, but both only the same one.
        let together = Problem {
            visits: vec![1, 1],
            cost: vec![vec![Some(1), None, None], vec![Some(1), None, None]],
        };
        assert!(matches!(
            assign(&together),
            Err(Infeasible::Conflicts { .. })
        ));
    }

    #[test]
    fn travel_is_short_at_home_and_long_across_areas() {
        assert_eq!(travel_minutes(Some(1), Some(1)), 5);
        assert_eq!(travel_minutes(Some(1), Some(2)), 30);
        assert_eq!(travel_minutes(None, Some(2)), 10);
        assert_eq!(travel_minutes(Some(1), None), 20);
        assert_eq!(travel_minutes(None, None), 20);
    }

    #[test]
    fn costs_weigh_relevance_travel_and_priority() {
        let near = PairFacts {
            relevance: 90,
            travel_minutes: 5,
            priority: 80,
            conflict: false,
        };
        let far = PairFacts {
            travel_minutes: 40,
            ..near
        };
        assert!(pair_cost(&near) < pair_cost(&far));
        assert_eq!(
            pair_cost(&PairFacts {
                conflict: true,
                ..near
            }),
            None
        );
        let why = explain("Ahmed Hassan", "Brunna Logistik AB", &near);
        assert_eq!(
            why.text(lots_i18n::Lang::Sv),
            "Ahmed Hassan besöker Brunna Logistik AB: enheten känner företagets ärenden och bransch, kort resväg, och företaget har hög prioritet."
        );
        assert_eq!(
            why.text(lots_i18n::Lang::En),
            "Ahmed Hassan visits Brunna Logistik AB: the unit knows the company's cases and industry, a short journey, and the company has high priority."
        );
    }
}
