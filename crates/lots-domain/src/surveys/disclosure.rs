//! Disclosure control: which cells of a results table are withheld so that no group smaller
//! than the threshold can be seen or worked back.
//!
//! A table is cells with an answer count each, and sums: a total cell equal to the sum of
//! its parts (a municipality's total over its areas, a county's area over its
//! municipalities). Counts and answer sums both add up this way, so a withheld cell whose
//! count could be recovered by subtraction could have its index recovered too.
//!
//! 1. *Primary*: a cell with fewer answers than the threshold is withheld.
//! 2. *Complementary*: in every sum, the withheld cells (the total among them) are none or
//!    at least two, and withheld parts beside a shown total hold at least the threshold's
//!    number of answers together; else the shown part with the fewest answers is withheld
//!    too (the total when no part is left).
//! 3. *No cell is determined*: the sums, taken together as linear equations in the
//!    withheld cells, must leave every withheld cell free. A cell they fix (one that lies on
//!    no cycle of withheld cells, say) has the smallest shown cell of one of its sums
//!    withheld beside it, and the rules run again.
//!
//! The result is the same for the same table in any order. A withheld cell's count is not
//! published either.

use std::collections::{BTreeSet, HashSet};

/// A total and the cells that add up to it (indices into the table's cells).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sum {
    pub total: usize,
    pub parts: Vec<usize>,
}

/// The cells to withhold: `counts[i]` is cell i's number of answers; a cell with no answers
/// is published as empty and needs no protection.
pub fn withhold(counts: &[u64], sums: &[Sum], threshold: u64) -> Vec<bool> {
    let mut hidden: Vec<bool> = counts.iter().map(|&n| n > 0 && n < threshold).collect();
    let mut sums_of: std::collections::HashMap<usize, Vec<usize>> = Default::default();
    for (i, s) in sums.iter().enumerate() {
        for &c in s.parts.iter().chain(std::iter::once(&s.total)) {
            sums_of.entry(c).or_default().push(i);
        }
    }
    loop {
        let mut changed = complementary(counts, sums, threshold, &mut hidden);
        if !changed {
            let partners: Vec<usize> = determined(sums, &hidden)
                .into_iter()
                .filter_map(|cell| partner(counts, sums, &sums_of, &hidden, cell))
                .collect();
            for next in partners {
                changed |= !hidden[next];
                hidden[next] = true;
            }
        }
        if !changed {
            return hidden;
        }
    }
}

/// Rule 2 until it holds everywhere; whether anything was withheld.
fn complementary(counts: &[u64], sums: &[Sum], threshold: u64, hidden: &mut [bool]) -> bool {
    let mut any = false;
    loop {
        let mut changed = false;
        for s in sums {
            let hidden_parts: Vec<usize> = s.parts.iter().copied().filter(|&p| hidden[p]).collect();
            let withheld = hidden_parts.len() + usize::from(hidden[s.total]);
            let thin = !hidden[s.total]
                && !hidden_parts.is_empty()
                && hidden_parts.iter().map(|&p| counts[p]).sum::<u64>() < threshold;
            if withheld == 1 || thin {
                let next = smallest_shown(counts, hidden, &s.parts).unwrap_or(s.total);
                if !hidden[next] {
                    hidden[next] = true;
                    changed = true;
                }
            }
        }
        any |= changed;
        if !changed {
            return any;
        }
    }
}

/// The shown cell with the fewest answers (then the lowest index) among `cells`; cells with
/// no answers count as known zeros and are never chosen.
fn smallest_shown(counts: &[u64], hidden: &[bool], cells: &[usize]) -> Option<usize> {
    cells
        .iter()
        .copied()
        .filter(|&c| !hidden[c] && counts[c] > 0)
        .min_by_key(|&c| (counts[c], c))
}

/// A shown cell to withhold beside a determined one: the smallest shown cell of a sum the
/// determined cell is in, else of the sums one withheld cell further out, and so on.
/// `sums_of` lists the sums each cell is in.
fn partner(
    counts: &[u64],
    sums: &[Sum],
    sums_of: &std::collections::HashMap<usize, Vec<usize>>,
    hidden: &[bool],
    cell: usize,
) -> Option<usize> {
    let mut reached: HashSet<usize> = HashSet::from([cell]);
    let mut used: HashSet<usize> = HashSet::new();
    let mut frontier = vec![cell];
    while !frontier.is_empty() {
        let ring: BTreeSet<usize> = frontier
            .iter()
            .flat_map(|c| sums_of.get(c).into_iter().flatten().copied())
            .filter(|s| !used.contains(s))
            .collect();
        let found = ring
            .iter()
            .filter_map(|&s| {
                let mut all = sums[s].parts.clone();
                all.push(sums[s].total);
                smallest_shown(counts, hidden, &all)
            })
            .min_by_key(|&c| (counts[c], c));
        if found.is_some() {
            return found;
        }
        frontier.clear();
        for s in ring {
            used.insert(s);
            for &c in sums[s].parts.iter().chain(std::iter::once(&sums[s].total)) {
                if reached.insert(c) {
                    frontier.push(c);
                }
            }
        }
    }
    None
}

/// The withheld cells that the sums determine: a withheld cell is fixed when the equations
/// (each sum with its shown cells moved to the other side) leave it no freedom, which is
/// when it is a pivot of their reduced row echelon form whose row holds no other unknown.
/// Each connected group of unknowns is solved on its own.
pub fn determined(sums: &[Sum], hidden: &[bool]) -> Vec<usize> {
    let equations = equations(sums, hidden);
    bridges(&equations).unwrap_or_else(|| by_elimination(&equations))
}

/// Each sum as an equation in its withheld cells (parts +1, the total −1); the shown cells
/// are known and move to the other side.
fn equations(sums: &[Sum], hidden: &[bool]) -> Vec<Vec<(usize, f64)>> {
    sums.iter()
        .map(|s| {
            let mut row: Vec<(usize, f64)> = s
                .parts
                .iter()
                .filter(|&&p| hidden[p])
                .map(|&p| (p, 1.0))
                .collect();
            if hidden[s.total] {
                row.push((s.total, -1.0));
            }
            row
        })
        .filter(|row| !row.is_empty())
        .collect()
}

/// The unknowns the equations fix, by elimination of each connected group on its own.
fn by_elimination(equations: &[Vec<(usize, f64)>]) -> Vec<usize> {
    let mut out = BTreeSet::new();
    for component in components(equations) {
        let rows: Vec<&Vec<(usize, f64)>> = component.iter().map(|&e| &equations[e]).collect();
        let unknowns: Vec<usize> = rows
            .iter()
            .flat_map(|r| r.iter().map(|(c, _)| *c))
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        out.extend(fixed_unknowns(&rows, &unknowns));
    }
    out.into_iter().collect()
}

/// The determined unknowns when every unknown is in at most two equations, as the tables
/// here are (a municipality's area is in its municipality's total and its county's area):
/// with each equation's sign chosen so that every unknown in two equations enters them with
/// opposite signs, the equations are the signed incidence matrix of a graph whose nodes are
/// the equations (and one "ground" node for the unknowns in one equation only) and whose
/// edges are the unknowns. Its solutions are then the graph's cycles: an unknown is fixed
/// exactly when its edge is a bridge. `None` when the table is not of that shape.
fn bridges(equations: &[Vec<(usize, f64)>]) -> Option<Vec<usize>> {
    use std::collections::HashMap;
    let mut seen: HashMap<usize, Vec<(usize, f64)>> = HashMap::new();
    for (e, row) in equations.iter().enumerate() {
        for &(cell, coefficient) in row {
            let at = seen.entry(cell).or_default();
            at.push((e, coefficient));
            if at.len() > 2 {
                return None;
            }
        }
    }
    // Signs per equation by a walk over the unknowns in two equations.
    let ground = equations.len();
    let mut adjacent: Vec<Vec<(usize, usize, bool)>> = vec![Vec::new(); equations.len()];
    let mut edges: Vec<(usize, usize, usize)> = Vec::new();
    let mut cells: Vec<&usize> = seen.keys().collect();
    cells.sort();
    for cell in cells {
        match seen[cell].as_slice() {
            [(e, _)] => edges.push((*cell, *e, ground)),
            [(a, ca), (b, cb)] => {
                // Same signs need the two equations signed apart.
                let differ = (ca > &0.0) == (cb > &0.0);
                adjacent[*a].push((*b, *cell, differ));
                adjacent[*b].push((*a, *cell, differ));
                edges.push((*cell, *a, *b));
            }
            _ => {}
        }
    }
    let mut sign: Vec<Option<bool>> = vec![None; equations.len()];
    for start in 0..equations.len() {
        if sign[start].is_some() {
            continue;
        }
        sign[start] = Some(true);
        let mut stack = vec![start];
        while let Some(e) = stack.pop() {
            let here = sign[e].unwrap_or(true);
            for &(other, _, differ) in &adjacent[e] {
                let want = here ^ differ;
                match sign[other] {
                    None => {
                        sign[other] = Some(want);
                        stack.push(other);
                    }
                    Some(s) if s != want => return None,
                    Some(_) => {}
                }
            }
        }
    }
    // Bridges of the multigraph (Tarjan, iteratively; an edge is never its own way back).
    let nodes = ground + 1;
    let mut incident: Vec<Vec<(usize, usize)>> = vec![Vec::new(); nodes];
    for (id, &(_, a, b)) in edges.iter().enumerate() {
        incident[a].push((b, id));
        incident[b].push((a, id));
    }
    let mut order = vec![usize::MAX; nodes];
    let mut low = vec![0; nodes];
    let mut counter = 0;
    let mut fixed = BTreeSet::new();
    for root in 0..nodes {
        if order[root] != usize::MAX {
            continue;
        }
        order[root] = counter;
        low[root] = counter;
        counter += 1;
        // (node, the edge it was reached by, next incident edge to look at)
        let mut stack: Vec<(usize, usize, usize)> = vec![(root, usize::MAX, 0)];
        while let Some(&mut (node, via, ref mut next)) = stack.last_mut() {
            if let Some(&(to, id)) = incident[node].get(*next) {
                *next += 1;
                if id == via {
                    continue;
                }
                if order[to] == usize::MAX {
                    order[to] = counter;
                    low[to] = counter;
                    counter += 1;
                    stack.push((to, id, 0));
                } else {
                    low[node] = low[node].min(order[to]);
                }
            } else {
                stack.pop();
                if let Some(&(parent, _, _)) = stack.last() {
                    low[parent] = low[parent].min(low[node]);
                    if low[node] > order[parent] {
                        fixed.insert(edges[via].0);
                    }
                }
            }
        }
    }
    Some(fixed.into_iter().collect())
}

/// Groups of equations that share unknowns, each as equation indices.
fn components(equations: &[Vec<(usize, f64)>]) -> Vec<Vec<usize>> {
    let mut parent: Vec<usize> = (0..equations.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    let mut owner: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
    for (e, row) in equations.iter().enumerate() {
        for (cell, _) in row {
            if let Some(&other) = owner.get(cell) {
                let (a, b) = (root(&mut parent, e), root(&mut parent, other));
                parent[a] = b;
            } else {
                owner.insert(*cell, e);
            }
        }
    }
    let mut groups: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
    for e in 0..equations.len() {
        let r = root(&mut parent, e);
        groups.entry(r).or_default().push(e);
    }
    groups.into_values().collect()
}

/// Gauss–Jordan elimination of one component; the unknowns whose reduced row is their own.
fn fixed_unknowns(rows: &[&Vec<(usize, f64)>], unknowns: &[usize]) -> Vec<usize> {
    let col: std::collections::HashMap<usize, usize> =
        unknowns.iter().enumerate().map(|(i, c)| (*c, i)).collect();
    let width = unknowns.len();
    let mut m: Vec<Vec<f64>> = rows
        .iter()
        .map(|r| {
            let mut dense = vec![0.0; width];
            for (c, v) in r.iter() {
                dense[col[c]] += v;
            }
            dense
        })
        .collect();
    let mut pivots = Vec::new();
    let mut next_row = 0;
    for c in 0..width {
        let Some(p) = (next_row..m.len())
            .filter(|&r| m[r][c].abs() > 1e-9)
            .max_by(|&a, &b| m[a][c].abs().total_cmp(&m[b][c].abs()))
        else {
            continue;
        };
        m.swap(next_row, p);
        let lead = m[next_row][c];
        m[next_row].iter_mut().for_each(|v| *v /= lead);
        let pivot_row = m[next_row].clone();
        for (r, row) in m.iter_mut().enumerate() {
            if r != next_row && row[c].abs() > 1e-12 {
                let f = row[c];
                row.iter_mut()
                    .zip(&pivot_row)
                    .for_each(|(v, p)| *v -= f * p);
            }
        }
        pivots.push((next_row, c));
        next_row += 1;
        if next_row == m.len() {
            break;
        }
    }
    pivots
        .into_iter()
        .filter(|&(r, c)| (0..width).all(|j| j == c || m[r][j].abs() < 1e-9))
        .map(|(_, c)| unknowns[c])
        .collect()
}

/// One total beside its parts (a round's total beside its areas; a municipality's NKI beside
/// its areas): which to withhold, the total first. Answers in the total but in no part (no
/// area given) are a part of their own that is never shown, protected like any other.
pub fn beside_total(total: u64, parts: &[u64], threshold: u64) -> (bool, Vec<bool>) {
    let (total_hidden, hidden, _) = around_total(total, parts, &[], threshold);
    (total_hidden, hidden)
}

/// [`beside_total`] with cells reported beside the total but not in it (the areas Insikt's
/// rules of a year keep out of the total): the total and those cells make the whole, whose
/// count is published (the number of answers), so they form a second sum. Returns the
/// total's, the parts' and the outside cells' verdicts.
pub fn around_total(
    total: u64,
    parts: &[u64],
    outside: &[u64],
    threshold: u64,
) -> (bool, Vec<bool>, Vec<bool>) {
    let rest = total.saturating_sub(parts.iter().sum());
    let mut counts = vec![total];
    counts.extend_from_slice(parts);
    counts.push(rest);
    let mut sums = vec![Sum {
        total: 0,
        parts: (1..counts.len()).collect(),
    }];
    let first_outside = counts.len();
    counts.extend_from_slice(outside);
    if !outside.is_empty() {
        counts.push(total + outside.iter().sum::<u64>());
        sums.push(Sum {
            total: counts.len() - 1,
            parts: std::iter::once(0)
                .chain(first_outside..counts.len() - 1)
                .collect(),
        });
    }
    let hidden = withhold(&counts, &sums, threshold);
    (
        hidden[0],
        hidden[1..=parts.len()].to_vec(),
        hidden[first_outside..first_outside + outside.len()].to_vec(),
    )
}

/// [`withhold`] over the cells `inside` picks; the cells withheld.
pub fn withhold_within(
    counts: &[u64],
    sums: &[Sum],
    threshold: u64,
    inside: impl Fn(usize) -> bool,
) -> Vec<usize> {
    let masked: Vec<u64> = counts
        .iter()
        .enumerate()
        .map(|(i, &n)| if inside(i) { n } else { 0 })
        .collect();
    withhold(&masked, sums, threshold)
        .into_iter()
        .enumerate()
        .filter_map(|(i, h)| h.then_some(i))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Cells 0–2 are a municipality's areas, 3 its total.
    fn one_total() -> Vec<Sum> {
        vec![Sum {
            total: 3,
            parts: vec![0, 1, 2],
        }]
    }

    #[test]
    fn one_small_area_beside_a_total_takes_another_with_it() {
        let hidden = withhold(&[3, 40, 25, 68], &one_total(), 7);
        assert_eq!(hidden, [true, false, true, false]);
        assert!(determined(&one_total(), &hidden).is_empty());
    }

    #[test]
    fn two_small_areas_that_are_still_too_few_together_take_a_third() {
        let hidden = withhold(&[2, 3, 30, 35], &one_total(), 7);
        assert_eq!(hidden, [true, true, true, false]);
    }

    #[test]
    fn answers_in_no_part_count_as_a_part_never_shown() {
        // 30 answers: 20 in Brunna, 5 in Bro, 5 with no area. Bro's 5 with the 5 unplaced
        // are 10 together, enough: only Bro is withheld.
        assert_eq!(beside_total(30, &[20, 5], 7), (false, vec![false, true]));
        // With 1 unplaced, Bro's 5 and that 1 are still too few: Brunna goes too.
        assert_eq!(beside_total(26, &[20, 5], 7), (false, vec![true, true]));
        // Nothing small: nothing withheld.
        assert_eq!(beside_total(40, &[20, 20], 7), (false, vec![false, false]));
        // Five unplaced beside two areas would be a difference: the smaller area goes.
        assert_eq!(beside_total(40, &[20, 15], 7), (false, vec![false, true]));
        // One area alone beside its total would be the total itself: both stay shown.
        assert_eq!(beside_total(20, &[20], 7), (false, vec![false]));
    }

    #[test]
    fn an_area_outside_the_total_is_protected_against_the_whole() {
        // 30 in the total (20 + 10), 5 in brandskydd beside it: the 35 answers are
        // published, so 35 − 30 would give brandskydd's 5 away unless a second cell goes.
        let (total, parts, outside) = around_total(30, &[20, 10], &[5], 7);
        assert!(outside[0], "the small outside area is withheld");
        assert!(
            total || parts.iter().any(|h| *h),
            "and one more cell of its sum"
        );
        // Two outside areas large enough stand on their own.
        assert_eq!(
            around_total(30, &[20, 10], &[8, 9], 7),
            (false, vec![false, false], vec![false, false])
        );
    }

    #[test]
    fn with_no_area_left_to_withhold_the_total_goes() {
        let sums = vec![Sum {
            total: 2,
            parts: vec![0, 1],
        }];
        assert_eq!(withhold(&[2, 30, 32], &sums, 7), [true, true, false]);
        let sums = vec![Sum {
            total: 1,
            parts: vec![0],
        }];
        assert_eq!(withhold(&[3, 3], &sums, 7), [true, true]);
    }

    #[test]
    fn a_withheld_pair_bridging_two_tables_is_found_and_widened() {
        // A 2 × 2 table (cells a b / c d) with its row sums r0 r1 and column sums k0 k1:
        // one small cell takes its row, its column and the cell across with it, since two
        // withheld cells on a line alone could still be a bridge that fixes them.
        let sum = |total: usize, parts: [usize; 2]| Sum {
            total,
            parts: parts.to_vec(),
        };
        let sums = vec![
            sum(4, [0, 1]),
            sum(5, [2, 3]),
            sum(6, [0, 2]),
            sum(7, [1, 3]),
        ];
        let hidden = withhold(&[3, 20, 20, 20, 23, 40, 23, 40], &sums, 7);
        assert!(
            hidden[0] && hidden[1] && hidden[2] && hidden[3],
            "{hidden:?}"
        );
        assert!(determined(&sums, &hidden).is_empty());
    }

    /// Random tables: municipalities × areas with row totals, grouped into counties with
    /// column totals, and a nation over the counties.
    fn table() -> impl Strategy<Value = (Vec<u64>, Vec<Sum>)> {
        (1usize..5, 1usize..4, 1usize..3).prop_flat_map(|(areas, per_county, counties)| {
            let municipalities = per_county * counties;
            proptest::collection::vec(0u64..15, municipalities * areas).prop_map(move |cells| {
                let mut counts = cells.clone();
                let mut sums = Vec::new();
                let cell = |m: usize, a: usize| m * areas + a;
                for m in 0..municipalities {
                    let total = counts.len();
                    counts.push((0..areas).map(|a| cells[cell(m, a)]).sum());
                    sums.push(Sum {
                        total,
                        parts: (0..areas).map(|a| cell(m, a)).collect(),
                    });
                }
                let mut county_cells = Vec::new();
                for c in 0..counties {
                    for a in 0..areas {
                        let total = counts.len();
                        let members: Vec<usize> = (c * per_county..(c + 1) * per_county)
                            .map(|m| cell(m, a))
                            .collect();
                        counts.push(members.iter().map(|&i| cells[i]).sum());
                        sums.push(Sum {
                            total,
                            parts: members,
                        });
                        county_cells.push((a, total));
                    }
                }
                for a in 0..areas {
                    let total = counts.len();
                    let parts: Vec<usize> = county_cells
                        .iter()
                        .filter(|(x, _)| *x == a)
                        .map(|(_, i)| *i)
                        .collect();
                    counts.push(parts.iter().map(|&i| counts[i]).sum());
                    sums.push(Sum { total, parts });
                }
                (counts, sums)
            })
        })
    }

    /// The cells fixed by the graph method and by elimination.
    fn both_ways(sums: &[Sum], hidden: &[bool]) -> (Vec<usize>, Vec<usize>) {
        (
            determined(sums, hidden),
            by_elimination(&equations(sums, hidden)),
        )
    }

    proptest! {
        #[test]
        fn the_graph_method_finds_what_elimination_finds(
            (counts, sums) in table(),
            mask in proptest::collection::vec(any::<bool>(), 64),
        ) {
            let hidden: Vec<bool> = counts.iter().enumerate().map(|(i, _)| mask[i % 64]).collect();
            let (graph, elimination) = both_ways(&sums, &hidden);
            prop_assert_eq!(graph, elimination);
        }

        #[test]
        fn no_withheld_cell_can_be_worked_back((counts, sums) in table()) {
            let hidden = withhold(&counts, &sums, 7);
            for (i, &n) in counts.iter().enumerate() {
                prop_assert!(n == 0 || n >= 7 || hidden[i], "cell {i} of {n} shown");
            }
            let (graph, elimination) = both_ways(&sums, &hidden);
            prop_assert!(graph.is_empty() && elimination.is_empty(), "{counts:?} {hidden:?}");
            for s in &sums {
                let parts: Vec<usize> = s.parts.iter().copied().filter(|&p| hidden[p]).collect();
                if !hidden[s.total] && !parts.is_empty() {
                    prop_assert!(parts.len() >= 2 || counts[parts[0]] == 0);
                    prop_assert!(parts.iter().map(|&p| counts[p]).sum::<u64>() >= 7);
                }
            }
        }
    }
}
