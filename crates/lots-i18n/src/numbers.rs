//! Numbers written the Swedish way: a space between thousands and a decimal comma.

/// Formats an integer with thin grouping: `1234567` → `1 234 567`. Uses a no-break space so
/// a number never wraps across lines.
pub fn integer_sv(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('−');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('\u{a0}');
        }
        out.push(c);
    }
    out
}

/// Formats a decimal with `decimals` places and a decimal comma: `1234.5` → `1 234,5`.
pub fn decimal_sv(x: f64, decimals: usize) -> String {
    let rounded = format!("{:.*}", decimals, x.abs());
    let (int_part, frac) = rounded.split_once('.').unwrap_or((&rounded, ""));
    let int: i64 = int_part.parse().unwrap_or(0);
    let sign = if x < 0.0 && rounded.chars().any(|c| c.is_ascii_digit() && c != '0') {
        "−"
    } else {
        ""
    };
    let mut out = format!("{sign}{}", integer_sv(int));
    if !frac.is_empty() {
        out.push(',');
        out.push_str(frac);
    }
    out
}

/// A p-value as a statistician writes it: three decimals, and `< 0,001` below that, never
/// a rounded 0.
pub fn p_value_sv(p: f64) -> String {
    if p < 0.001 {
        "< 0,001".into()
    } else {
        decimal_sv(p, 3)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_p_values_are_written_as_below_a_thousandth() {
        assert_eq!(p_value_sv(0.0), "< 0,001");
        assert_eq!(p_value_sv(0.000_4), "< 0,001");
        assert_eq!(p_value_sv(0.0211), "0,021");
        assert_eq!(p_value_sv(1.0), "1,000");
    }

    #[test]
    fn groups_thousands() {
        assert_eq!(integer_sv(0), "0");
        assert_eq!(integer_sv(999), "999");
        assert_eq!(integer_sv(1234), "1\u{a0}234");
        assert_eq!(integer_sv(-1234567), "−1\u{a0}234\u{a0}567");
    }

    #[test]
    fn decimal_comma() {
        assert_eq!(decimal_sv(1234.5, 1), "1\u{a0}234,5");
        assert_eq!(decimal_sv(75.0, 0), "75");
        assert_eq!(decimal_sv(-0.04, 1), "0,0");
    }
}
