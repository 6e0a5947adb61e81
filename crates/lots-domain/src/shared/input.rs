//! The one check of text as it enters Lots — a form field, a query string, a path, a JSON
//! body, a cell of an imported file. NUL and the other control characters have no place in
//! a name, an address or a note, and the two databases disagree about them (PostgreSQL
//! refuses NUL in text, SQLite stores it), so they are refused before anything is stored:
//! the same answer on both backends, never a server error.

/// Where the text goes: free text may hold tab and line breaks; a path, a name of a field
/// or a place to return to may not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Breaks {
    Allowed,
    Refused,
}

/// The first character of `text` that may not be stored: a C0 or C1 control character or
/// DEL, except tab, line feed and carriage return where `breaks` allows them.
pub fn forbidden_character(text: &str, breaks: Breaks) -> Option<char> {
    text.chars().find(|&c| {
        c.is_control() && !(breaks == Breaks::Allowed && matches!(c, '\t' | '\n' | '\r'))
    })
}

/// How a refused character is named to a person: `U+0000`.
pub fn code_point(c: char) -> String {
    format!("U+{:04X}", c as u32)
}

/// The first cell of a file's row that holds a forbidden character: its column index and
/// the character. A cell may hold line breaks (a quoted multi-line note).
pub fn refused_cell(cells: &[String]) -> Option<(usize, char)> {
    cells
        .iter()
        .enumerate()
        .find_map(|(i, cell)| forbidden_character(cell, Breaks::Allowed).map(|c| (i, c)))
}

/// A cell's value as a report can show it: each forbidden character as its code point.
pub fn printable(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if forbidden_character(c.encode_utf8(&mut [0; 4]), Breaks::Allowed).is_some() {
            out.push_str(&format!("<{}>", code_point(c)));
        } else {
            out.push(c);
        }
    }
    out
}

/// Whether a web address may be stored and shown as a link: an absolute `http` or `https`
/// address with a host and no spaces, quotes or angle brackets. Anything else
/// (`javascript:`, `data:`, a relative path) would be a link into someone's browser.
pub fn web_address(url: &str) -> bool {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    rest.is_some_and(|r| {
        let host = r.split(['/', '?', '#']).next().unwrap_or("");
        !host.is_empty()
            && !host.starts_with(['.', '@'])
            && !url
                .chars()
                .any(|c| c.is_whitespace() || c.is_control() || "\"'<>`\\".contains(c))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_refused_and_breaks_only_in_free_text() {
        assert_eq!(forbidden_character("Brunna\0", Breaks::Allowed), Some('\0'));
        assert_eq!(
            forbidden_character("a\u{7f}", Breaks::Allowed),
            Some('\u{7f}')
        );
        assert_eq!(
            forbidden_character("a\u{85}", Breaks::Allowed),
            Some('\u{85}')
        );
        assert_eq!(
            forbidden_character("a\u{1b}[31m", Breaks::Allowed),
            Some('\u{1b}')
        );
        assert_eq!(
            forbidden_character("rad 1\r\nrad\t2", Breaks::Allowed),
            None
        );
        assert_eq!(forbidden_character("/a\tb", Breaks::Refused), Some('\t'));
        assert_eq!(forbidden_character("Åby ÖÄ €", Breaks::Refused), None);
    }

    #[test]
    fn a_refused_cell_is_named_by_column_and_shown_with_its_code_point() {
        let cells = vec!["5560000001".to_string(), "Brunna\u{0}AB".to_string()];
        assert_eq!(refused_cell(&cells), Some((1, '\0')));
        assert_eq!(printable(&cells[1]), "Brunna<U+0000>AB");
        assert_eq!(refused_cell(&["a\nb".to_string()]), None);
    }
}
