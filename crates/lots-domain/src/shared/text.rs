//! Text as a search compares it: what a person types without å, ä, ö, in any case, and
//! without the legal-form words that every other company name carries.

/// Legal-form words that say nothing about which company is meant.
const NOISE: &[&str] = &[
    "ab",
    "aktiebolag",
    "aktiebolaget",
    "publ",
    "hb",
    "handelsbolag",
    "kb",
    "kommanditbolag",
    "ek",
    "ekonomisk",
    "förening",
    "forening",
    "ef",
    "inc",
    "ltd",
    "gmbh",
];

/// Lower case, å/ä → a, ö → o, other accents dropped, punctuation as space.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars().flat_map(char::to_lowercase) {
        let c = match c {
            'å' | 'ä' | 'à' | 'á' | 'â' | 'ã' | 'æ' => 'a',
            'ö' | 'ø' | 'ò' | 'ó' | 'ô' | 'õ' => 'o',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'ü' | 'ú' | 'ù' | 'û' => 'u',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ç' => 'c',
            'ñ' => 'n',
            c if c.is_alphanumeric() => c,
            _ => ' ',
        };
        out.push(c);
    }
    out
}

/// The words of a name as a search matches them: folded, legal-form words removed.
pub fn name_words(s: &str) -> Vec<String> {
    let folded = fold(s);
    let words: Vec<String> = folded
        .split_whitespace()
        .filter(|w| !NOISE.contains(w))
        .map(str::to_string)
        .collect();
    if words.is_empty() {
        // A name made only of noise words ("AB") is still searchable as itself.
        folded.split_whitespace().map(str::to_string).collect()
    } else {
        words
    }
}

/// The edit distance between two words (insert, delete, substitute, swap two neighbours),
/// stopping early once it exceeds `max`.
pub fn edit_distance(a: &str, b: &str, max: usize) -> Option<usize> {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let mut prev2: Vec<usize> = vec![0; b.len() + 1];
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        let mut row_min = cur[0];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(prev2[j - 2] + 1);
            }
            cur[j] = v;
            row_min = row_min.min(v);
        }
        if row_min > max {
            return None;
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    Some(prev[b.len()]).filter(|d| *d <= max)
}

/// How many typos a word of this length may carry and still match.
pub fn typo_budget(word: &str) -> usize {
    match word.chars().count() {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_and_noise_words() {
        assert_eq!(fold("Åkeri & Ängsö AB"), "akeri   angso ab");
        assert_eq!(
            name_words("Brunna Logistik AB (publ)"),
            ["brunna", "logistik"]
        );
        assert_eq!(name_words("AB"), ["ab"]);
    }

    #[test]
    fn edit_distance_counts_swaps_once() {
        assert_eq!(edit_distance("logistik", "logistik", 2), Some(0));
        assert_eq!(edit_distance("logsitik", "logistik", 2), Some(1));
        assert_eq!(edit_distance("lgistik", "logistik", 2), Some(1));
        assert_eq!(edit_distance("abc", "xyz", 1), None);
    }
}
