//! Any CSV as a company register: every row is either a record or a reject naming its line,
//! and no record carries a control character.
#![no_main]
use libfuzzer_sys::fuzz_target;
use lots_domain::company_import::{Field, check_rows};

fuzz_target!(|data: &[u8]| {
    let Ok(table) = lots_domain::tabular::read_csv(data) else {
        return;
    };
    let Ok(fields) = lots_domain::columns::map_columns::<Field>(&table.headers, &[]) else {
        return;
    };
    let (records, rejects) = check_rows(&table, &fields);
    assert_eq!(records.len() + rejects.len(), table.rows.len());
    for r in &records {
        for text in [&r.name, &r.visit_address, &r.town, &r.notes] {
            let refused = lots_domain::input::forbidden_character(text, lots_domain::input::Breaks::Allowed);
            assert!(refused.is_none(), "{text:?}");
        }
    }
});
