//! Spreadsheet-like files as Swedish offices produce them: CSV with `;`, `,` or tab, in
//! UTF-8 (with or without a byte-order mark) or Windows-1252, both detected; and XLSX
//! workbooks, the first sheet or a named one.

use std::collections::VecDeque;
use std::io::{Cursor, Read, Seek, SeekFrom};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

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
    pub fn message(&self) -> lots_i18n::Message {
        use lots_i18n::Message;
        match self {
            TableError::Empty => Message::new("the-file-is-empty"),
            TableError::Malformed { line, reason } => Message::new("line-cannot-be-read")
                .with("line", line)
                .with("reason", reason),
            TableError::Workbook(reason) => {
                Message::new("the-workbook-cannot-be-read").with("reason", reason)
            }
            TableError::NoSheet(name) => {
                Message::new("the-workbook-has-no-sheet").with("name", name)
            }
        }
    }
}

/// Decodes bytes as UTF-8 (dropping a byte-order mark) or, when they are not valid
/// UTF-8, as Windows-1252, the encoding of Excel's "CSV (semikolonavgränsad)".
pub fn decode(bytes: &[u8]) -> (String, &'static str) {
    let without_bom = bytes.strip_prefix(BOM).unwrap_or(bytes);
    match std::str::from_utf8(without_bom) {
        Ok(s) => (s.to_string(), "UTF-8"),
        Err(_) => {
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            (text.into_owned(), "Windows-1252")
        }
    }
}

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The delimiter used in the header line: the most frequent of `;`, tab and `,` outside
/// quotes (semicolon wins a tie, as Swedish Excel writes it).
pub fn detect_delimiter(text: &str) -> u8 {
    detect_delimiter_bytes(text.as_bytes())
}

fn detect_delimiter_bytes(text: &[u8]) -> u8 {
    let first = text.split(|b| *b == b'\n').next().unwrap_or(b"");
    let mut counts = [(b';', 0usize), (b'\t', 0), (b',', 0)];
    let mut quoted = false;
    for &c in first {
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
    open_csv(Cursor::new(bytes))?.collect_table()
}

/// Reads a CSV file, or an XLSX workbook (recognised by its zip signature): the named
/// sheet, or the first.
pub fn read_table(bytes: &[u8], sheet: Option<&str>) -> Result<Table, TableError> {
    open_table(Cursor::new(bytes), sheet)?.collect_table()
}

type NumberedRow = (usize, Vec<String>);

/// A file's header and an iterator over its numbered, non-blank rows. A CSV file is read
/// as it is consumed, so a register of a million lines never sits in memory.
pub struct RowStream<'a> {
    pub headers: Vec<String>,
    pub encoding: &'static str,
    pub delimiter: u8,
    rows: Box<dyn Iterator<Item = Result<NumberedRow, TableError>> + Send + 'a>,
    bytes_read: Arc<AtomicU64>,
}

impl RowStream<'_> {
    /// How far into the file the reader has come, in bytes (for a progress bar).
    pub fn bytes_read(&self) -> u64 {
        self.bytes_read.load(Ordering::Relaxed)
    }

    fn collect_table(self) -> Result<Table, TableError> {
        let (headers, encoding, delimiter) = (self.headers.clone(), self.encoding, self.delimiter);
        Ok(Table {
            headers,
            rows: self.collect::<Result<_, _>>()?,
            encoding,
            delimiter,
        })
    }
}

impl Iterator for RowStream<'_> {
    type Item = Result<NumberedRow, TableError>;

    fn next(&mut self) -> Option<Self::Item> {
        self.rows
            .find(|r| !matches!(r, Ok((_, cells)) if cells.iter().all(String::is_empty)))
    }
}

/// Opens a CSV file or an XLSX workbook (recognised by its zip signature) for reading row
/// by row: the header is read now, the rows as the stream is consumed.
pub fn open_table<'a, R: Read + Seek + Send + 'a>(
    mut source: R,
    sheet: Option<&str>,
) -> Result<RowStream<'a>, TableError> {
    let mut magic = [0u8; 4];
    let n = read_up_to(&mut source, &mut magic)?;
    source.seek(SeekFrom::Start(0)).map_err(io_error)?;
    if magic[..n] == *b"PK\x03\x04" {
        let mut bytes = Vec::new();
        source.read_to_end(&mut bytes).map_err(io_error)?;
        read_xlsx(&bytes, sheet)
    } else {
        open_csv(source)
    }
}

fn io_error(e: std::io::Error) -> TableError {
    TableError::Malformed {
        line: 0,
        reason: e.to_string(),
    }
}

fn read_up_to(source: &mut impl Read, buf: &mut [u8]) -> Result<usize, TableError> {
    let mut n = 0;
    while n < buf.len() {
        match source.read(&mut buf[n..]).map_err(io_error)? {
            0 => break,
            k => n += k,
        }
    }
    Ok(n)
}

/// Whether the whole source is UTF-8, read in chunks (a Windows-1252 letter may first turn
/// up on the last line).
fn is_utf8(source: &mut impl Read) -> Result<bool, TableError> {
    let mut buf = vec![0u8; 1 << 20];
    let mut carried = 0;
    loop {
        let n = read_up_to(source, &mut buf[carried..])?;
        let end = carried + n;
        match std::str::from_utf8(&buf[..end]) {
            Ok(_) => carried = 0,
            // A character cut at the chunk's end: keep its first bytes for the next round.
            Err(e) if e.error_len().is_none() && n > 0 => {
                let valid = e.valid_up_to();
                buf.copy_within(valid..end, 0);
                carried = end - valid;
            }
            Err(_) => return Ok(false),
        }
        if n == 0 {
            return Ok(carried == 0);
        }
    }
}

fn open_csv<'a, R: Read + Seek + Send + 'a>(mut source: R) -> Result<RowStream<'a>, TableError> {
    let utf8 = is_utf8(&mut source)?;
    source.seek(SeekFrom::Start(0)).map_err(io_error)?;
    let mut head = vec![0u8; 1 << 16];
    let n = read_up_to(&mut source, &mut head)?;
    head.truncate(n);
    let bom = if head.starts_with(BOM) { BOM.len() } else { 0 };
    if head[bom..].iter().all(u8::is_ascii_whitespace) {
        return Err(TableError::Empty);
    }
    let delimiter = detect_delimiter_bytes(&head[bom..]);
    source.seek(SeekFrom::Start(bom as u64)).map_err(io_error)?;
    let bytes_read = Arc::new(AtomicU64::new(bom as u64));
    let tracked = LineTracker {
        inner: source,
        offset: 0,
        newlines_before: 0,
        breaks: VecDeque::new(),
        last_cr: None,
        bytes_read: Arc::clone(&bytes_read),
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(tracked);
    let decode_cell = move |cell: &[u8]| -> String {
        let text = if utf8 {
            String::from_utf8_lossy(cell)
        } else {
            encoding_rs::WINDOWS_1252
                .decode_without_bom_handling(cell)
                .0
        };
        text.trim().to_string()
    };
    let mut record = csv::ByteRecord::new();
    let mut rows = std::iter::from_fn(move || {
        let read = reader.read_byte_record(&mut record);
        let line = reader
            .get_mut()
            .line_of(record.position().map_or(0, |p| p.byte()));
        match read {
            Ok(false) => None,
            Ok(true) => Some(Ok((
                line,
                record.iter().map(decode_cell).collect::<Vec<_>>(),
            ))),
            Err(e) => {
                let line = e
                    .position()
                    .map_or(line, |p| reader.get_mut().line_of(p.byte()));
                Some(Err(TableError::Malformed {
                    line,
                    reason: e.to_string(),
                }))
            }
        }
    })
    .filter(|r| !matches!(r, Ok((_, cells)) if cells.iter().all(String::is_empty)));
    let headers = match rows.next() {
        None => return Err(TableError::Empty),
        Some(header) => header?.1,
    };
    Ok(RowStream {
        headers,
        encoding: if utf8 { "UTF-8" } else { "Windows-1252" },
        delimiter,
        rows: Box::new(rows),
        bytes_read,
    })
}

/// Counts line breaks as the CSV reader pulls bytes through, so a record's byte offset
/// becomes the line number an editor shows. The csv crate's own count skips blank lines;
/// only the breaks after the oldest record still being read are kept.
struct LineTracker<R> {
    inner: R,
    offset: u64,
    newlines_before: usize,
    /// (offset of a `\n` or `\r`, whether it ends a line: a lone CR does, the CR of CR LF
    /// does not)
    breaks: VecDeque<(u64, bool)>,
    last_cr: Option<u64>,
    bytes_read: Arc<AtomicU64>,
}

impl<R: Read> Read for LineTracker<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        for i in memchr::memchr2_iter(b'\n', b'\r', &buf[..n]) {
            let at = self.offset + i as u64;
            if buf[i] == b'\n' && self.last_cr == Some(at.wrapping_sub(1)) {
                // CR LF is one line break: the CR stops counting, wherever it now is.
                match self.breaks.back_mut() {
                    Some(cr) if cr.0 + 1 == at => cr.1 = false,
                    _ => self.newlines_before -= 1,
                }
            }
            if buf[i] == b'\r' {
                self.last_cr = Some(at);
            }
            self.breaks.push_back((at, true));
        }
        self.offset += n as u64;
        self.bytes_read.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

impl<R> LineTracker<R> {
    /// The line of the record the reader reported at `byte`: its position is where the
    /// reader started, before any blank lines it skipped.
    fn line_of(&mut self, byte: u64) -> usize {
        while let Some(&(at, newline)) = self.breaks.front() {
            if at >= byte {
                break;
            }
            self.newlines_before += usize::from(newline);
            self.breaks.pop_front();
        }
        // The breaks right at `byte`, one after the other, are the blank lines skipped.
        let skipped = (byte..)
            .zip(&self.breaks)
            .take_while(|(at, (offset, _))| offset == at)
            .filter(|(_, (_, newline))| *newline)
            .count();
        self.newlines_before + skipped + 1
    }
}

/// Reads one sheet of an XLSX workbook; row numbers are the sheet's own (1 = the header).
fn read_xlsx<'a>(bytes: &[u8], sheet: Option<&str>) -> Result<RowStream<'a>, TableError> {
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
    let mut rows = range
        .rows()
        .enumerate()
        .map(|(i, row)| (first_row + i + 1, row.iter().map(text).collect::<Vec<_>>()))
        .filter(|(_, cells)| !cells.iter().all(String::is_empty))
        .collect::<Vec<_>>()
        .into_iter();
    let headers = rows.next().ok_or(TableError::Empty)?.1;
    Ok(RowStream {
        headers,
        encoding: "XLSX",
        delimiter: 0,
        rows: Box::new(rows.map(Ok)),
        bytes_read: Arc::new(AtomicU64::new(bytes.len() as u64)),
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
        let t = read_csv(b"\r\n\r\na;b\r\n\r\n1;\"two\r\nlines\"\r\n\r\n\r\n3;4").unwrap();
        assert_eq!(t.rows.iter().map(|(l, _)| *l).collect::<Vec<_>>(), [5, 9]);
        assert_eq!(t.rows[0].1[1], "two\r\nlines");
    }

    #[test]
    fn line_numbers_are_the_same_for_lf_crlf_and_lone_cr() {
        for eol in ["\n", "\r\n", "\r"] {
            let text = ["a;b", "1;2", "", "3;\"x", "y\"", "", "", "5;6"].join(eol);
            let t = read_csv(text.as_bytes()).unwrap();
            let lines: Vec<usize> = t.rows.iter().map(|(l, _)| *l).collect();
            assert_eq!(lines, [2, 4, 8], "{eol:?}");
        }
    }

    #[test]
    fn a_windows_1252_letter_on_the_last_line_of_a_long_file_decides_the_encoding() {
        let mut bytes = b"Namn;Ort\n".to_vec();
        for i in 0..100_000 {
            bytes.extend_from_slice(format!("Företag {i};Bro\n").as_bytes());
        }
        let utf8 = read_csv(&bytes).unwrap();
        assert_eq!(utf8.encoding, "UTF-8");
        assert_eq!(
            utf8.rows[99_999],
            (100_001, vec!["Företag 99999".into(), "Bro".into()])
        );
        bytes.extend_from_slice(b"\xc5keri;Bro\n");
        let latin = read_csv(&bytes).unwrap();
        assert_eq!(latin.encoding, "Windows-1252");
        assert_eq!(latin.rows[100_000].1[0], "Åkeri");
    }

    #[test]
    fn a_stream_reports_how_far_it_has_read() {
        let bytes = b"a;b\n1;2\n3;4\n".to_vec();
        let mut stream = open_table(Cursor::new(&bytes[..]), None).unwrap();
        assert_eq!(stream.headers, ["a", "b"]);
        assert_eq!(
            stream.next().unwrap().unwrap(),
            (2, vec!["1".into(), "2".into()])
        );
        assert!(stream.bytes_read() > 0 && stream.bytes_read() <= bytes.len() as u64);
        assert_eq!(stream.count(), 1);
    }
}
