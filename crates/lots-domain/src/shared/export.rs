//! Spreadsheet exports that are safe to open: a cell that a spreadsheet would read as a
//! formula is neutralised, and CSV is written the way Swedish Excel reads it.

/// Prefixes a cell that starts like a formula (`=`, `+`, `-`, `@`, tab, carriage return)
/// with an apostrophe, so a spreadsheet shows it as text instead of running it.
pub fn neutralise_cell(cell: &str) -> std::borrow::Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}").into(),
        _ => cell.into(),
    }
}

/// CSV for Swedish Excel: UTF-8 with a byte-order mark, semicolons, every cell neutralised.
pub fn csv_for_excel(header: &[impl AsRef<str>], rows: &[Vec<String>]) -> Vec<u8> {
    let mut out = Vec::from("\u{feff}".as_bytes());
    {
        let mut w = csv::WriterBuilder::new()
            .delimiter(b';')
            .from_writer(&mut out);
        // Writing to a Vec cannot fail.
        let _ = w.write_record(header.iter().map(AsRef::as_ref));
        for row in rows {
            let _ = w.write_record(row.iter().map(|c| neutralise_cell(c).into_owned()));
        }
        let _ = w.flush();
    }
    out
}

/// An XLSX workbook with one sheet: a bold header row and every cell written as text, so a
/// value that starts like a formula is shown, never run.
pub fn xlsx(
    sheet_name: &str,
    header: &[impl AsRef<str>],
    rows: &[Vec<String>],
) -> Result<Vec<u8>, String> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name(sheet_name).map_err(|e| e.to_string())?;
    let bold = Format::new().set_bold();
    for (c, h) in header.iter().enumerate() {
        sheet
            .write_string_with_format(0, c as u16, h.as_ref(), &bold)
            .map_err(|e| e.to_string())?;
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            sheet
                .write_string(r as u32 + 1, c as u16, cell)
                .map_err(|e| e.to_string())?;
        }
    }
    sheet.set_freeze_panes(1, 0).map_err(|e| e.to_string())?;
    workbook.save_to_buffer().map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised() {
        assert_eq!(neutralise_cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(neutralise_cell("+46 8 123"), "'+46 8 123");
        assert_eq!(neutralise_cell("-1"), "'-1");
        assert_eq!(neutralise_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(neutralise_cell("Bro"), "Bro");
        assert_eq!(neutralise_cell(""), "");
    }

    #[test]
    fn xlsx_is_a_workbook_with_text_cells() {
        let bytes = xlsx("Företag", &["Namn"], &[vec!["=1+1".into()]]).unwrap();
        assert!(bytes.starts_with(b"PK"), "an XLSX file is a zip archive");
        assert!(bytes.len() > 1000);
    }

    #[test]
    fn csv_has_bom_and_semicolons() {
        let bytes = csv_for_excel(&["Namn", "Ort"], &[vec!["Åsa; AB".into(), "=1+1".into()]]);
        let text = String::from_utf8(bytes).unwrap();
        assert!(text.starts_with('\u{feff}'));
        assert_eq!(
            text.trim_start_matches('\u{feff}'),
            "Namn;Ort\n\"Åsa; AB\";'=1+1\n"
        );
    }
}
