//! Any Open311 request body: its parameters parsed as the server parses them, the
//! attributes checked against every default service's definition, the media address
//! judged. Each gives a result or a reason, never a panic; an accepted media address is
//! http(s).
#![no_main]
use std::collections::HashMap;

use libfuzzer_sys::fuzz_target;
use lots_domain::open311::{acceptable_media_url, check_attributes, default_services};

fuzz_target!(|data: &[u8]| {
    let mut params: HashMap<String, Vec<String>> = HashMap::new();
    for (k, v) in form_urlencoded::parse(data) {
        params.entry(k.into_owned()).or_default().push(v.into_owned());
    }
    let attributes: HashMap<String, Vec<String>> = params
        .iter()
        .filter_map(|(k, v)| {
            let code = k.strip_prefix("attribute[")?.strip_suffix(']')?;
            Some((code.to_string(), v.clone()))
        })
        .collect();
    for service in default_services() {
        let _ = check_attributes(&service.attributes, &attributes);
    }
    for url in params.get("media_url").into_iter().flatten() {
        if acceptable_media_url(url) {
            assert!(url.starts_with("http://") || url.starts_with("https://"));
        }
    }
});
