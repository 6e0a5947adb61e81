//! The demo in English, as every role sees it: no page shows a text the catalog has in
//! Swedish only. Every page a role reaches is crawled with the language set to English, and
//! each text on it (text between tags, and the labels of `aria-label`, `placeholder`, `title`
//! and `alt`) is compared with the catalog's Swedish messages: a text that is a Swedish
//! message, not its English, was never translated.

use std::collections::{BTreeMap, BTreeSet};

use lots_i18n::Lang;

use crate::forms::{crawl_pages, unescape};
use crate::support::TestApp;
use crate::{ADMIN, BD, CONTACT_CENTRE, OFFICER, ORGANISER};

/// Texts that are a municipality's own names, stored as it wrote them, and happen to be
/// Swedish messages too: its service areas and contact reasons (the defaults are Insikt's
/// Swedish names), the list of its question batteries, and the demo's unit named after the
/// role of those in it.
const DATA: &[&str] = &["Felanmälan", "Företagsbesök", "Kontaktcenter"];

/// The catalog's Swedish texts that read differently in English.
fn swedish_only() -> BTreeSet<String> {
    lots_i18n::ids(Lang::Sv)
        .iter()
        .map(|id| (lots_i18n::text(Lang::Sv, id), lots_i18n::text(Lang::En, id)))
        .filter(|(sv, en)| sv != en && !sv.contains('{') && sv.chars().any(char::is_alphabetic))
        .map(|(sv, _)| sv)
        .filter(|sv| !DATA.contains(&sv.as_str()))
        .collect()
}

/// The texts a reader sees on a page: between tags, and in the labelling attributes.
fn texts(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        let text = unescape(rest[..open].trim());
        if !text.is_empty() {
            out.push(text);
        }
        let tag_end = rest[open..].find('>').map_or(rest.len(), |e| open + e + 1);
        let tag = &rest[open..tag_end];
        for name in ["aria-label", "placeholder", "title", "alt"] {
            let needle = format!(" {name}=\"");
            if let Some(start) = tag.find(&needle) {
                let value = &tag[start + needle.len()..];
                out.push(unescape(&value[..value.find('"').unwrap_or(value.len())]));
            }
        }
        rest = &rest[tag_end..];
        // A script or style holds no reader's text.
        for element in ["script", "style"] {
            if tag.starts_with(&format!("<{element}")) {
                let close = format!("</{element}>");
                rest = rest.find(&close).map_or("", |e| &rest[e..]);
            }
        }
    }
    out
}

#[tokio::test]
async fn every_page_of_the_demo_reads_in_english_for_every_role() {
    let swedish = swedish_only();
    for app in TestApp::each_with_demo().await {
        let mut untranslated: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        let mut pages = 0;
        let visitor = app.client();
        let mut clients = vec![("visitor", visitor)];
        for who in [CONTACT_CENTRE, OFFICER, BD, ADMIN, ORGANISER] {
            clients.push((who, app.signed_in(who).await));
        }
        for (who, client) in &clients {
            let r = client.get("/sprak/en?till=/").await;
            assert_eq!(r.status(), 303, "{who} could not switch to English");
            let start: &[&str] = if *who == "visitor" {
                &["/", "/felanmalan/0139", "/logga-in"]
            } else {
                &["/oversikt"]
            };
            for (path, html) in crawl_pages(client, start, 160).await {
                pages += 1;
                assert!(
                    html.contains("<html lang=\"en\">"),
                    "{who} {path} is not in English"
                );
                for text in texts(&html) {
                    if swedish.contains(&text) {
                        untranslated
                            .entry(text)
                            .or_default()
                            .insert(format!("{who} {path}"));
                    }
                }
            }
        }
        assert!(
            pages > 150,
            "the crawl reached {pages} pages on {}",
            app.backend
        );
        assert!(
            untranslated.is_empty(),
            "Swedish on English pages on {}: {untranslated:#?}",
            app.backend
        );
        eprintln!(
            "{}: {pages} pages in English, no Swedish message on them",
            app.backend
        );
        app.stop().await;
    }
}
