//! Any text as an organisationsnummer: parsed or refused, and a parsed one reads back as
//! itself from its canonical form.
#![no_main]
use libfuzzer_sys::fuzz_target;
use lots_domain::orgnr::CompanyId;

fuzz_target!(|text: &str| {
    if let Ok(id) = CompanyId::parse(text) {
        let canonical = id.canonical();
        assert_eq!(CompanyId::parse(&canonical).map(|again| again.canonical()), Ok(canonical));
        let _ = id.masked();
    }
});
