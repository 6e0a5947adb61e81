//! The assignment benchmark: 200 officers × 2 visits over 2 000 candidate companies, costs
//! from pseudo-random pair facts with 2 % conflicts of interest. Writes the expanded cost
//! matrix (one row per visit, conflicts as a large cost) to FILE for the SciPy peer, then
//! prints the median time of `assignment::assign` and the plan's total cost.
//!
//! Usage: cargo run --release -p lots-domain --example assignment_bench -- FILE [runs]

use std::io::Write;
use std::time::Instant;

use lots_domain::assignment::{PairFacts, Problem, assign, pair_cost};

const OFFICERS: usize = 200;
const VISITS: usize = 2;
const COMPANIES: usize = 2_000;
/// What a conflict costs in the file SciPy reads: more than any plan of possible pairs.
const CONFLICT_COST: i64 = 1_000_000_000;

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let file = args.next().expect("usage: assignment_bench FILE [runs]");
    let runs: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(7);
    let mut state: u64 = 2026;
    let mut next = |m: u64| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((state >> 33) % m) as i64
    };
    let cost: Vec<Vec<Option<i64>>> = (0..OFFICERS)
        .map(|_| {
            (0..COMPANIES)
                .map(|_| {
                    pair_cost(&PairFacts {
                        relevance: next(101),
                        travel_minutes: next(45),
                        priority: next(101),
                        conflict: next(100) < 2,
                    })
                })
                .collect()
        })
        .collect();
    let problem = Problem {
        visits: vec![VISITS; OFFICERS],
        cost,
    };
    let mut out = std::io::BufWriter::new(std::fs::File::create(&file)?);
    for row in &problem.cost {
        let line: Vec<String> = row
            .iter()
            .map(|c| c.unwrap_or(CONFLICT_COST).to_string())
            .collect();
        for _ in 0..VISITS {
            writeln!(out, "{}", line.join(","))?;
        }
    }
    out.flush()?;
    let mut times = Vec::new();
    let mut total = 0;
    for _ in 0..runs {
        let start = Instant::now();
        let plan = assign(&problem).expect("a plan exists");
        times.push(start.elapsed().as_secs_f64());
        total = plan.total;
    }
    times.sort_by(f64::total_cmp);
    println!(
        "lots_assign_median_s={:.3} runs={runs} total_cost={total}",
        times[times.len() / 2]
    );
    Ok(())
}
