//! Swedish alphabetical order: a–z, then å, ä, ö. Accented Latin letters sort with their
//! base letter (é with e, ü with y as Swedish dictionaries do), and case only breaks ties.
//!
//! A full ICU collator would be more general, but Lots only needs Swedish order and the
//! ICU data tables would cost minutes of build time on every clean checkout.

use std::cmp::Ordering;

/// The primary weight of one character; letters outside the Swedish alphabet keep their
/// code point order after the alphabet.
fn primary(c: char) -> u32 {
    let lower = c.to_lowercase().next().unwrap_or(c);
    let base = match lower {
        'à' | 'á' | 'â' | 'ã' => 'a',
        'ç' => 'c',
        'è' | 'é' | 'ê' | 'ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'ñ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' => 'o',
        'ù' | 'ú' | 'û' => 'u',
        'ü' | 'ý' | 'ÿ' => 'y',
        'æ' => 'ä',
        'ø' => 'ö',
        other => other,
    };
    match base {
        '0'..='9' => 100 + (base as u32 - '0' as u32),
        'a'..='z' => 200 + (base as u32 - 'a' as u32),
        'å' => 226,
        'ä' => 227,
        'ö' => 228,
        ' ' | '-' | '_' | '.' | ',' => 10,
        other => 1_000 + other as u32,
    }
}

/// A key whose byte order is Swedish order, for a database column that a plain `ORDER BY`
/// sorts (SQLite's default and PostgreSQL's `COLLATE "C"` compare bytes). Each character
/// becomes one printable byte for its primary weight (`~` and four hex digits for a letter
/// outside the alphabet); a space ends the letters, below every weight, so a prefix sorts
/// first; then one bit per character, four to a hex digit, puts lower case before upper case
/// on a tie. The key is about a fifth of a hex key's length, which is what an import of a
/// million names and their sort index pay for.
pub fn sort_key(s: &str) -> String {
    use std::fmt::Write;
    let mut key = String::with_capacity(s.len() + s.len() / 4 + 2);
    for c in s.chars() {
        match primary(c) {
            10 => key.push('!'),
            w @ 100..=109 => key.push(char::from(b'0' + (w - 100) as u8)),
            w @ 200..=228 => key.push(char::from(b'A' + (w - 200) as u8)),
            w => {
                let _ = write!(key, "~{:04x}", w.min(0xffff));
            }
        }
    }
    key.push(' ');
    let upper: Vec<bool> = s.chars().map(char::is_uppercase).collect();
    for nibble in upper.chunks(4) {
        let bits = nibble
            .iter()
            .enumerate()
            .fold(0u32, |acc, (i, up)| acc | (u32::from(*up) << (3 - i)));
        key.push(char::from_digit(bits, 16).unwrap_or('0'));
    }
    key
}

/// Compares two strings in Swedish order.
pub fn compare(a: &str, b: &str) -> Ordering {
    sort_key(a).cmp(&sort_key(b))
}

/// Sorts a slice in Swedish order by a key.
pub fn sort_by_key<T>(items: &mut [T], key: impl Fn(&T) -> &str) {
    items.sort_by_cached_key(|item| sort_key(key(item)));
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The key as it was first written: four hex digits a character, a digit a character
    /// for case. Plain to read, five times the size; the compact key must order alike.
    fn hex_key(s: &str) -> String {
        use std::fmt::Write;
        let mut key = String::new();
        for c in s.chars() {
            let _ = write!(key, "{:04x}", primary(c).min(0xffff));
        }
        key.push(' ');
        key.extend(s.chars().map(|c| if c.is_uppercase() { '1' } else { '0' }));
        key
    }

    proptest! {
        #[test]
        fn the_compact_key_orders_as_the_hex_key(
            a in "[a-zA-ZåäöÅÄÖéüÉ0-9 .,_-]{0,12}|\\PC{0,8}",
            b in "[a-zA-ZåäöÅÄÖéüÉ0-9 .,_-]{0,12}|\\PC{0,8}",
        ) {
            prop_assert_eq!(sort_key(&a).cmp(&sort_key(&b)), hex_key(&a).cmp(&hex_key(&b)));
        }
    }

    #[test]
    fn the_key_is_short_and_printable() {
        let key = sort_key("Brunna Logistik AB");
        assert_eq!(key, "BRUNNA!LOGISTIK!AB 8100c");
        assert!(key.bytes().all(|b| (0x20..0x7f).contains(&b)));
    }

    #[test]
    fn swedish_letters_sort_after_z() {
        let mut words = vec![
            "Örebro",
            "Älmhult",
            "Åre",
            "Zinkgruvan",
            "Arboga",
            "Östhammar",
        ];
        sort_by_key(&mut words, |w| w);
        assert_eq!(
            words,
            [
                "Arboga",
                "Zinkgruvan",
                "Åre",
                "Älmhult",
                "Örebro",
                "Östhammar"
            ]
        );
    }

    #[test]
    fn accents_follow_their_base_letter_and_case_breaks_ties() {
        assert_eq!(compare("Émile", "Erik"), Ordering::Less);
        assert_eq!(compare("Müller", "Myrdal"), Ordering::Less);
        assert_eq!(compare("bro", "Bro"), Ordering::Less);
        assert_eq!(compare("Bro", "Bro"), Ordering::Equal);
        assert_eq!(
            compare("Bro", "Brommaplan"),
            Ordering::Less,
            "a prefix sorts first"
        );
        assert_eq!(compare("Zeta", "Ängsö"), Ordering::Less);
    }

    #[test]
    fn real_municipality_names_sort_like_scb_lists() {
        let mut names: Vec<&str> = crate::reference::municipalities()
            .iter()
            .map(|m| m.name.as_str())
            .collect();
        sort_by_key(&mut names, |n| n);
        assert_eq!(names.first(), Some(&"Ale"));
        assert_eq!(names.last(), Some(&"Övertorneå"));
        let upplands_bro = names.iter().position(|n| *n == "Upplands-Bro").unwrap();
        let upplands_vasby = names.iter().position(|n| *n == "Upplands Väsby").unwrap();
        assert!(
            upplands_bro < upplands_vasby,
            "spaces and hyphens separate words; the letters decide"
        );
    }
}
