//! Spreadsheet-like files as Swedish offices produce them: CSV with `;`, `,` or tab, in
//! UTF-8 (with or without a byte-order mark) or Windows-1252. Both are detected.

/// A file read into a header and rows of text cells, each row with its line number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub headers: Vec<String>,
    /// (line number in the file, counting the header as line 1; the cells)
    pub rows: Vec<(usize, Vec<String>)>,
    pub encoding: &'static str,
    pub delimiter: u8,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TableError {
    #[error("the file is empty")]
    Empty,
    #[error("line {line}: {reason}")]
    Malformed { line: usize, reason: String },
}

impl TableError {
    pub fn message_sv(&self) -> String {
        match self {
            TableError::Empty => "Filen är tom.".into(),
            TableError::Malformed { line, reason } => {
                format!("Rad {line} går inte att läsa: {reason}")
            }
        }
    }
}

/// Decodes bytes as UTF-8 (dropping a byte-order mark) or, when they are not valid
/// UTF-8, as Windows-1252, the encoding of Excel's "CSV (semikolonavgränsad)".
pub fn decode(bytes: &[u8]) -> (String, &'static str) {
    let without_bom = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(without_bom) {
        Ok(s) => (s.to_string(), "UTF-8"),
        Err(_) => {
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            (text.into_owned(), "Windows-1252")
        }
    }
}

/// The delimiter used in the header line: the most frequent of `;`, tab and `,` outside
/// quotes (semicolon wins a tie, as Swedish Excel writes it).
pub fn detect_delimiter(text: &str) -> u8 {
    let first = text.lines().next().unwrap_or("");
    let mut counts = [(b';', 0usize), (b'\t', 0), (b',', 0)];
    let mut quoted = false;
    for c in first.bytes() {
        if c == b'"' {
            quoted = !quoted;
        } else if !quoted {
            for (d, n) in counts.iter_mut() {
                if *d == c {
                    *n += 1;
                }
            }
        }
    }
    counts
        .iter()
        .max_by_key(|(d, n)| (*n, *d == b';'))
        .map(|(d, _)| *d)
        .unwrap_or(b';')
}

/// Reads a CSV file into a table. Blank lines are skipped; a row with a different number
/// of cells is kept (missing cells are empty), since offices' files are ragged.
pub fn read_csv(bytes: &[u8]) -> Result<Table, TableError> {
    let (text, encoding) = decode(bytes);
    if text.trim().is_empty() {
        return Err(TableError::Empty);
    }
    let delimiter = detect_delimiter(&text);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    // Line numbers as an editor shows them, counted from byte offsets: the csv crate's own
    // count skips blank lines.
    let newlines: Vec<usize> = text
        .bytes()
        .enumerate()
        .filter(|(_, b)| *b == b'\n')
        .map(|(i, _)| i)
        .collect();
    let bytes = text.as_bytes();
    let line_of = |byte: u64| {
        // A record's position is where the reader started, before any blank lines it skipped.
        let mut at = byte as usize;
        while at < bytes.len() && matches!(bytes[at], b'\n' | b'\r') {
            at += 1;
        }
        newlines.partition_point(|&n| n < at) + 1
    };
    let mut headers = None;
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| TableError::Malformed {
            line: e.position().map_or(0, |p| line_of(p.byte())),
            reason: e.to_string(),
        })?;
        let line = record.position().map_or(0, |p| line_of(p.byte()));
        let cells: Vec<String> = record.iter().map(|c| c.trim().to_string()).collect();
        if cells.iter().all(String::is_empty) {
            continue;
        }
        if headers.is_none() {
            headers = Some(cells);
        } else {
            rows.push((line, cells));
        }
    }
    Ok(Table {
        headers: headers.ok_or(TableError::Empty)?,
        rows,
        encoding,
        delimiter,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_1252_with_semicolons() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1252
            .encode("Orgnr;Företagsnamn;Postort\n556012-5790;Åkeri AB;Kungsängen\n");
        let t = read_csv(&bytes).unwrap();
        assert_eq!(t.encoding, "Windows-1252");
        assert_eq!(t.delimiter, b';');
        assert_eq!(t.headers, ["Orgnr", "Företagsnamn", "Postort"]);
        assert_eq!(
            t.rows,
            vec![(
                2,
                vec!["556012-5790".into(), "Åkeri AB".into(), "Kungsängen".into()]
            )]
        );
    }

    #[test]
    fn utf8_with_bom_tabs_commas_and_quotes() {
        let t = read_csv("\u{feff}Namn\tOrt\n\"Bro, Bil & Däck\"\tBro\n\n".as_bytes()).unwrap();
        assert_eq!((t.encoding, t.delimiter), ("UTF-8", b'\t'));
        assert_eq!(t.headers, ["Namn", "Ort"]);
        assert_eq!(t.rows[0].1[0], "Bro, Bil & Däck");
        let t = read_csv(b"name,town\n\"A; B\",Bro\n").unwrap();
        assert_eq!(t.delimiter, b',');
        assert_eq!(t.rows[0].1, ["A; B", "Bro"]);
    }

    #[test]
    fn line_numbers_count_the_header_and_skip_nothing_else() {
        let t = read_csv(b"a;b\n1;2\n\n3;4\n").unwrap();
        assert_eq!(t.rows.iter().map(|(l, _)| *l).collect::<Vec<_>>(), [2, 4]);
        assert_eq!(read_csv(b"  \n").unwrap_err(), TableError::Empty);
    }
}
