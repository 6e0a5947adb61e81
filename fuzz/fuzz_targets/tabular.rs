//! Any bytes as an uploaded register: CSV in either encoding or XLSX. The reader must answer
//! with rows or a reason, never panic, and give each row a line within the file.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(table) = lots_domain::tabular::read_table(data, None) {
        let lines = data.iter().filter(|b| **b == b'\n' || **b == b'\r').count() + 1;
        for (line, _) in &table.rows {
            assert!(*line >= 2 && *line <= lines.max(2), "line {line} of {lines}");
        }
    }
});
