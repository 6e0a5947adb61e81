//! Any CSV as a case file: each row is checked field by field against the default service
//! areas, giving a case or a reason, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use lots_domain::case_import::{CaseField, check_case};

fuzz_target!(|data: &[u8]| {
    let Ok(table) = lots_domain::tabular::read_csv(data) else {
        return;
    };
    let Ok(fields) = lots_domain::columns::map_columns::<CaseField>(&table.headers, &[]) else {
        return;
    };
    let areas = lots_domain::cases::default_areas();
    for (_, cells) in &table.rows {
        let value = |f: CaseField| {
            lots_domain::columns::cell(&table.headers, &fields, cells, f).1
        };
        let _ = check_case(value, &areas);
    }
});
