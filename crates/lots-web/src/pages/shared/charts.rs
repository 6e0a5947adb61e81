//! The geometry of the charts pages draw as SVG (the markup is in
//! `templates/shared/macros.html`): an index over the years with its interval as a band,
//! and answers to a rating question as one stacked bar. Each chart stands beside a table
//! of the same numbers.

use lots_store::TrendYear;
use minijinja::{Value, context};

use crate::ctx::Ctx;
use crate::pages::shared::format::{decimal, index_label};

/// The drawing area of a trend chart, in its SVG's units.
const WIDTH: f64 = 420.0;
const HEIGHT: f64 = 180.0;
const LEFT: f64 = 36.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 10.0;
const BOTTOM: f64 = 24.0;

/// One chart per index of the battery (NKI first, as the battery lists them), each with
/// its years as points, the interval as a band, the grid and the table rows.
pub(in crate::pages) fn trend_charts(ctx: &Ctx, years: &[TrendYear]) -> Vec<Value> {
    let Some(first) = years.first() else {
        return Vec::new();
    };
    first
        .rows
        .iter()
        .enumerate()
        .map(|(i, row)| index_trend(ctx, &row.index, years, i))
        .collect()
}

fn index_trend(ctx: &Ctx, index: &str, years: &[TrendYear], i: usize) -> Value {
    let shown: Vec<(u16, f64, f64, f64)> = years
        .iter()
        .filter_map(|y| {
            let r = y.rows.get(i)?;
            Some((y.year, r.value?, r.ci_low?, r.ci_high?))
        })
        .collect();
    let (lo, hi) = scale(&shown);
    let step = (WIDTH - LEFT - RIGHT) / (years.len().max(2) - 1) as f64;
    let x = |k: usize| {
        if years.len() == 1 {
            (LEFT + WIDTH - RIGHT) / 2.0
        } else {
            LEFT + step * k as f64
        }
    };
    let y = |v: f64| TOP + (hi - v) / (hi - lo) * (HEIGHT - TOP - BOTTOM);
    let at = |year: u16| years.iter().position(|y| y.year == year).unwrap_or(0);
    let upper: Vec<String> = shown
        .iter()
        .map(|(yr, _, _, h)| format!("{:.1},{:.1}", x(at(*yr)), y(*h)))
        .collect();
    let lower: Vec<String> = shown
        .iter()
        .rev()
        .map(|(yr, _, l, _)| format!("{:.1},{:.1}", x(at(*yr)), y(*l)))
        .collect();
    let line: Vec<String> = shown
        .iter()
        .map(|(yr, v, _, _)| format!("{:.1},{:.1}", x(at(*yr)), y(*v)))
        .collect();
    let ticks: Vec<Value> = (0..=4)
        .map(|k| {
            let v = lo + (hi - lo) * f64::from(k) / 4.0;
            context! { y => format!("{:.1}", y(v)), label => format!("{v:.0}") }
        })
        .collect();
    let axis: Vec<Value> = years
        .iter()
        .enumerate()
        .map(|(k, yr)| context! { x => format!("{:.1}", x(k)), label => yr.year })
        .collect();
    let points: Vec<Value> = shown
        .iter()
        .map(|(yr, v, _, _)| {
            context! { x => format!("{:.1}", x(at(*yr))), y => format!("{:.1}", y(*v)) }
        })
        .collect();
    // Insikt's definition of the total changed in a year: a dashed line before it.
    let series_break = years
        .iter()
        .enumerate()
        .skip(1)
        .find(|(_, yr)| lots_domain::insikt::breaks_series(yr.year))
        .map(|(k, _)| format!("{:.1}", x(k) - step / 2.0));
    let rows: Vec<Value> = years
        .iter()
        .filter_map(|yr| {
            let r = yr.rows.get(i)?;
            Some(context! {
                year => yr.year,
                value => decimal(ctx.lang, r.value),
                ci => match (r.ci_low, r.ci_high) {
                    (Some(l), Some(h)) => format!("{}–{}", decimal(ctx.lang, Some(l)), decimal(ctx.lang, Some(h))),
                    _ => "–".into(),
                },
                n => r.n.map_or_else(|| "–".to_string(), |n| n.to_string()),
                suppressed => r.suppressed,
                change => r.change.as_ref().map(|c| context! {
                    difference => decimal(ctx.lang, Some(c.difference)),
                    significant => c.significant,
                }),
            })
        })
        .collect();
    context! {
        id => format!("trend-{index}"),
        label => index_label(ctx, index),
        band => if shown.len() > 1 { format!("{} {}", upper.join(" "), lower.join(" ")) } else { String::new() },
        line => line.join(" "),
        points,
        ticks,
        axis,
        series_break,
        width => WIDTH,
        height => HEIGHT,
        left => LEFT,
        right => WIDTH - RIGHT,
        bottom => HEIGHT - BOTTOM,
        rows,
    }
}

/// The value axis: from the lowest interval end to the highest, widened to tens, so the
/// band fills the chart but the grid stays at round numbers.
fn scale(shown: &[(u16, f64, f64, f64)]) -> (f64, f64) {
    let low = shown.iter().map(|s| s.2).fold(f64::INFINITY, f64::min);
    let high = shown.iter().map(|s| s.3).fold(f64::NEG_INFINITY, f64::max);
    if !low.is_finite() || !high.is_finite() {
        return (0.0, 100.0);
    }
    let lo = ((low / 10.0).floor() * 10.0).clamp(0.0, 90.0);
    let hi = ((high / 10.0).ceil() * 10.0).clamp(lo + 10.0, 100.0);
    (lo, hi)
}

/// The colours of a rating scale's answers, from the lowest to the highest, each with at
/// least 3:1 contrast on white.
const SCALE_COLOURS: [&str; 10] = [
    "#8c2d04", "#b54708", "#c2620c", "#8a6d00", "#5e6b00", "#3b7a2a", "#1f7a4d", "#0b6e6e",
    "#1d5c96", "#004b87",
];

/// A closed question's answers as one bar of segments, each a share of the answers.
pub(in crate::pages) fn stacked(counts: &[(String, u64)], n: u64) -> Vec<Value> {
    let mut at = 0.0;
    let colours = spread(counts.len());
    counts
        .iter()
        .zip(colours)
        .map(|((label, count), colour)| {
            let width = if n > 0 {
                *count as f64 / n as f64 * 100.0
            } else {
                0.0
            };
            let segment = context! {
                label,
                x => format!("{at:.2}"),
                width => format!("{width:.2}"),
                share => format!("{width:.0} %"),
                colour,
            };
            at += width;
            segment
        })
        .collect()
}

/// `k` colours taken evenly from the scale, lowest answer first.
fn spread(k: usize) -> Vec<&'static str> {
    (0..k)
        .map(|i| {
            let at = if k > 1 {
                i * (SCALE_COLOURS.len() - 1) / (k - 1)
            } else {
                SCALE_COLOURS.len() - 1
            };
            SCALE_COLOURS[at]
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_axis_is_widened_to_round_tens() {
        assert_eq!(
            scale(&[(2024, 70.0, 64.2, 75.8), (2025, 74.0, 69.1, 78.9)]),
            (60.0, 80.0)
        );
        assert_eq!(scale(&[]), (0.0, 100.0));
        assert_eq!(scale(&[(2025, 100.0, 100.0, 100.0)]), (90.0, 100.0));
    }

    #[test]
    fn the_segments_of_a_bar_add_up_to_the_whole() {
        let counts: Vec<(String, u64)> = (1..=5).map(|i| (i.to_string(), i)).collect();
        let bar = stacked(&counts, 15);
        let last = bar.last().unwrap();
        let end: f64 = last
            .get_attr("x")
            .unwrap()
            .to_string()
            .parse::<f64>()
            .unwrap()
            + last
                .get_attr("width")
                .unwrap()
                .to_string()
                .parse::<f64>()
                .unwrap();
        assert!((end - 100.0).abs() < 0.01, "{end}");
        assert_eq!(
            spread(5),
            ["#8c2d04", "#c2620c", "#5e6b00", "#1f7a4d", "#004b87"].to_vec()
        );
    }
}
