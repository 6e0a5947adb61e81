//! Spreadsheet-like files as Swedish offices produce them: CSV with `;`, `,` or tab, in
//! UTF-8 (with or without a byte-order mark) or Windows-1252, both detected; and XLSX
//! workbooks, the first sheet or a named one.

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
    #[error("the workbook cannot be read: {0}")]
    Workbook(String),
    #[error("the workbook has no sheet named {0:?}")]
    NoSheet(String),
}

impl TableError {
    pub fn message_sv(&self) -> String {
        match self {
            TableError::Empty => "Filen är tom.".into(),
            TableError::Malformed { line, reason } => {
                format!("Rad {line} går inte att läsa: {reason}")
            }
            TableError::Workbook(reason) => format!("Arbetsboken går inte att läsa: {reason}"),
            TableError::NoSheet(name) => {
                format!("Arbetsboken har inget blad som heter \"{name}\".")
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
    let records = reader.records().map(|record| {
        let record = record.map_err(|e| TableError::Malformed {
            line: e.position().map_or(0, |p| line_of(p.byte())),
            reason: e.to_string(),
        })?;
        let line = record.position().map_or(0, |p| line_of(p.byte()));
        Ok((line, record.iter().map(|c| c.trim().to_string()).collect()))
    });
    collect(records, encoding, delimiter)
}

/// A table from numbered rows: the first non-blank row is the header, blank rows are skipped.
fn collect(
    records: impl Iterator<Item = Result<(usize, Vec<String>), TableError>>,
    encoding: &'static str,
    delimiter: u8,
) -> Result<Table, TableError> {
    let mut headers = None;
    let mut rows = Vec::new();
    for record in records {
        let (line, cells) = record?;
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

/// Reads a CSV file, or an XLSX workbook (recognised by its zip signature): the named
/// sheet, or the first.
pub fn read_table(bytes: &[u8], sheet: Option<&str>) -> Result<Table, TableError> {
    if bytes.starts_with(b"PK\x03\x04") {
        read_xlsx(bytes, sheet)
    } else {
        read_csv(bytes)
    }
}

/// Reads one sheet of an XLSX workbook; row numbers are the sheet's own (1 = the header).
pub fn read_xlsx(bytes: &[u8], sheet: Option<&str>) -> Result<Table, TableError> {
    use calamine::{Data, Reader, Xlsx};
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes.to_vec()))
        .map_err(|e| TableError::Workbook(e.to_string()))?;
    let name = match sheet {
        Some(s) => {
            if !book.sheet_names().iter().any(|n| n == s) {
                return Err(TableError::NoSheet(s.to_string()));
            }
            s.to_string()
        }
        None => book
            .sheet_names()
            .first()
            .cloned()
            .ok_or(TableError::Empty)?,
    };
    let range = book
        .worksheet_range(&name)
        .map_err(|e| TableError::Workbook(e.to_string()))?;
    let first_row = range.start().map_or(0, |(r, _)| r as usize);
    let text = |c: &Data| match c {
        Data::Empty => String::new(),
        // Whole numbers without a trailing ".0": an employee count or a number typed as one.
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        other => other.to_string().trim().to_string(),
    };
    let records = range
        .rows()
        .enumerate()
        .map(|(i, row)| Ok((first_row + i + 1, row.iter().map(text).collect())));
    collect(records, "XLSX", 0)
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
    fn xlsx_round_trips_through_our_own_export() {
        let bytes = crate::export::xlsx(
            "Register",
            &["Orgnr", "Företagsnamn", "Antal anställda"],
            &[vec!["556012-5790".into(), "Åkeri AB".into(), "12".into()]],
        )
        .unwrap();
        let t = read_table(&bytes, None).unwrap();
        assert_eq!(t.encoding, "XLSX");
        assert_eq!(t.headers, ["Orgnr", "Företagsnamn", "Antal anställda"]);
        assert_eq!(
            t.rows,
            vec![(
                2,
                vec!["556012-5790".into(), "Åkeri AB".into(), "12".into()]
            )]
        );
        assert_eq!(read_table(&bytes, Some("Register")).unwrap().rows.len(), 1);
        assert_eq!(
            read_table(&bytes, Some("Blad2")).unwrap_err(),
            TableError::NoSheet("Blad2".into())
        );
        assert!(matches!(
            read_table(b"PK\x03\x04broken", None),
            Err(TableError::Workbook(_))
        ));
    }

    #[test]
    fn line_numbers_count_the_header_and_skip_nothing_else() {
        let t = read_csv(b"a;b\n1;2\n\n3;4\n").unwrap();
        assert_eq!(t.rows.iter().map(|(l, _)| *l).collect::<Vec<_>>(), [2, 4]);
        assert_eq!(read_csv(b"  \n").unwrap_err(), TableError::Empty);
    }
}
