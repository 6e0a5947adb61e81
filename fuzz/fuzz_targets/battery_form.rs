//! Any form body as answers to each standard battery, as a draft and as a submission: the
//! check gives typed answers or errors naming questions, and the answers it accepts are
//! accepted again when sent back.
#![no_main]
use std::collections::HashMap;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut form: HashMap<String, Vec<String>> = HashMap::new();
    for (k, v) in form_urlencoded::parse(data) {
        form.entry(k.into_owned()).or_default().push(v.into_owned());
    }
    for battery in lots_domain::battery::standard() {
        for complete in [false, true] {
            if let Ok(answers) = battery.check(&form, complete) {
                let again = lots_domain::battery::as_form(&answers);
                assert!(battery.check(&again, complete).is_ok());
            }
        }
    }
});
