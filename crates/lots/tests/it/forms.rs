//! Hostile strings into every form a role can reach and every API body the OpenAPI document
//! declares, on every backend: the site is crawled as each role (and as a visitor), each
//! form is posted with every text field set to one hostile string, and each API operation
//! with a body gets every string property set to it. Nothing may answer 5xx, and both
//! backends must answer every request alike.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use serde_json::{Map, Value, json};

use crate::support::{self, Client, TestApp};
use crate::{ADMIN, BD, CONTACT_CENTRE, OFFICER};

/// A form as a browser would post it: where, and its fields with the values it carries.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Form {
    action: String,
    /// (name, value, whether a person types it).
    fields: Vec<(String, String, bool)>,
}

/// The text of an attribute in a tag, entities undone.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let needle = format!(" {name}=\"");
    let start = tag.find(&needle)? + needle.len();
    let end = start + tag[start..].find('"')?;
    Some(unescape(&tag[start..end]))
}

pub(crate) fn unescape(s: &str) -> String {
    s.replace("&#x2f;", "/")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// Every tag of `kind` (`<input`, `<a` …) in `html`, as its text up to `>`.
fn tags<'a>(html: &'a str, kind: &'a str) -> impl Iterator<Item = &'a str> + 'a {
    html.match_indices(kind).filter_map(move |(i, _)| {
        let rest = &html[i..];
        let next = rest.as_bytes().get(kind.len()).copied();
        matches!(next, Some(b' ' | b'>' | b'\n'))
            .then(|| &rest[..rest.find('>').unwrap_or(rest.len())])
    })
}

/// The POST forms of a page (not file uploads, not signing out).
fn forms(html: &str, page: &str) -> Vec<Form> {
    let mut out = Vec::new();
    for (i, _) in html.match_indices("<form") {
        let rest = &html[i..];
        let body = &rest[..rest.find("</form>").unwrap_or(rest.len())];
        let tag = &body[..body.find('>').unwrap_or(body.len())];
        let post = attribute(tag, "method").is_some_and(|m| m.eq_ignore_ascii_case("post"));
        let action = attribute(tag, "action").unwrap_or_else(|| page.to_string());
        if !post || tag.contains("multipart") || action.contains("logga-ut") {
            continue;
        }
        let mut fields = Vec::new();
        let mut seen = BTreeSet::new();
        for input in tags(body, "<input") {
            let Some(name) = attribute(input, "name") else {
                continue;
            };
            let kind = attribute(input, "type").unwrap_or_else(|| "text".into());
            let value = attribute(input, "value").unwrap_or_default();
            let typed = !matches!(kind.as_str(), "hidden" | "checkbox" | "radio" | "submit");
            if name == "csrf_token" || (!typed && kind != "hidden" && !seen.insert(name.clone())) {
                continue;
            }
            fields.push((name, value, typed));
        }
        for area in tags(body, "<textarea") {
            if let Some(name) = attribute(area, "name") {
                fields.push((name, String::new(), true));
            }
        }
        for select in tags(body, "<select") {
            if let Some(name) = attribute(select, "name") {
                let start = body.find(select).unwrap_or(0);
                let first = tags(&body[start..], "<option")
                    .find_map(|o| attribute(o, "value"))
                    .unwrap_or_default();
                fields.push((name, first, false));
            }
        }
        out.push(Form { action, fields });
    }
    out
}

/// A path with its numbers as `N` and without its query: /foretag/12 → /foretag/N.
fn shape_of(path: &str) -> String {
    path.split('?')
        .next()
        .unwrap_or("")
        .split('/')
        .map(|s| if s.parse::<i64>().is_ok() { "N" } else { s })
        .collect::<Vec<_>>()
        .join("/")
}

/// The site's own pages a client reaches by following links from `start`, at most `limit`
/// and one page per path shape (/foretag/12 stands for /foretag/13), as (path, HTML).
pub(crate) async fn crawl_pages(
    client: &Client,
    start: &[&str],
    limit: usize,
) -> Vec<(String, String)> {
    let mut queue: VecDeque<String> = start.iter().map(|s| s.to_string()).collect();
    let mut seen: BTreeSet<String> = queue.iter().cloned().collect();
    let mut shapes = BTreeSet::new();
    let mut pages = Vec::new();
    while let Some(path) = queue.pop_front() {
        if seen.len() > limit {
            break;
        }
        let r = client.get(&path).await;
        let html_page = r
            .headers()
            .get("content-type")
            .is_some_and(|c| c.to_str().unwrap_or("").starts_with("text/html"));
        assert!(r.status().as_u16() < 500, "GET {path}: {}", r.status());
        if !html_page {
            continue;
        }
        let html = r.text().await.unwrap();
        for a in tags(&html, "<a") {
            let Some(href) = attribute(a, "href") else {
                continue;
            };
            let href = href.split('#').next().unwrap_or("").to_string();
            // Signing out or switching the language would change what the rest of the crawl sees.
            let leaves = href.contains("logga-ut") || href.starts_with("/sprak/");
            if !href.starts_with('/') || href.starts_with("//") || leaves {
                continue;
            }
            if shapes.insert(shape_of(&href)) && seen.insert(href.clone()) {
                queue.push_back(href);
            }
        }
        pages.push((path, html));
    }
    pages
}

/// The forms on the pages a client reaches, one per action shape: a campaign's fifty
/// visit forms are one form.
async fn crawl(client: &Client, start: &[&str], limit: usize) -> BTreeSet<Form> {
    let mut found = BTreeSet::new();
    let mut form_shapes = BTreeSet::new();
    for (path, html) in crawl_pages(client, start, limit).await {
        for form in forms(&html, &path) {
            if form_shapes.insert(shape_of(&form.action)) {
                found.insert(form);
            }
        }
    }
    found
}

/// What the site answered each post, in order: (who, action, status).
type Answers = Vec<(String, String, u16)>;

/// Posts every form `who` can reach with each of `inputs` in its typed fields.
async fn post_forms(
    who: &str,
    client: &Client,
    forms: &BTreeSet<Form>,
    inputs: &[String],
) -> Answers {
    let mut out = Vec::new();
    for form in forms {
        for s in inputs {
            let fields: Vec<(&str, &str)> = form
                .fields
                .iter()
                .map(|(name, value, typed)| {
                    (
                        name.as_str(),
                        if *typed { s.as_str() } else { value.as_str() },
                    )
                })
                .collect();
            let r = client.post(&form.action, &fields).await;
            let status = r.status().as_u16();
            if status >= 500 {
                let body = r.text().await.unwrap_or_default();
                panic!(
                    "{who} POST {} {fields:?}: {status} {body:.400}",
                    form.action
                );
            }
            out.push((who.to_string(), form.action.clone(), status));
        }
    }
    out
}

/// A value for a schema with every string set to `s`, references resolved in `doc`.
fn example(doc: &Value, schema: &Value, s: &str) -> Value {
    if let Some(r) = schema["$ref"].as_str() {
        let name = r.rsplit('/').next().unwrap();
        return example(doc, &doc["components"]["schemas"][name], s);
    }
    for key in ["oneOf", "anyOf", "allOf"] {
        if let Some(first) = schema[key].as_array().and_then(|a| a.first()) {
            return example(doc, first, s);
        }
    }
    if let Some(first) = schema["enum"].as_array().and_then(|a| a.first()) {
        return first.clone();
    }
    let kind = match &schema["type"] {
        Value::Array(kinds) => kinds
            .iter()
            .find(|k| *k != "null")
            .cloned()
            .unwrap_or(Value::Null),
        other => other.clone(),
    };
    match kind.as_str() {
        Some("object") => {
            let mut out = Map::new();
            if let Some(props) = schema["properties"].as_object() {
                for (k, v) in props {
                    out.insert(k.clone(), example(doc, v, s));
                }
            }
            Value::Object(out)
        }
        Some("array") => json!([example(doc, &schema["items"], s)]),
        Some("integer") => json!(1),
        Some("number") => json!(1.5),
        Some("boolean") => json!(true),
        _ => json!(s),
    }
}

/// Sends every API operation with a body each of `inputs`; every error must be JSON.
async fn post_api(app: &TestApp, token: &str, inputs: &[String]) -> Answers {
    let http = reqwest::Client::new();
    let doc: Value = http
        .get(format!("{}/api/v1/openapi.json", app.base))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let paths: BTreeMap<String, Value> = serde_json::from_value(doc["paths"].clone()).unwrap();
    let mut out = Vec::new();
    for (path, item) in &paths {
        for method in ["post", "put", "patch"] {
            let Some(schema) =
                item[method]["requestBody"]["content"]["application/json"].get("schema")
            else {
                continue;
            };
            let url = path
                .split('/')
                .map(|seg| if seg.starts_with('{') { "1" } else { seg })
                .collect::<Vec<_>>()
                .join("/");
            for s in inputs {
                let body = example(&doc, schema, s);
                let request = match method {
                    "post" => http.post(format!("{}{url}", app.base)),
                    "put" => http.put(format!("{}{url}", app.base)),
                    _ => http.patch(format!("{}{url}", app.base)),
                };
                let r = request.bearer_auth(token).json(&body).send().await.unwrap();
                let status = r.status().as_u16();
                let answer: Value = r.json().await.unwrap_or(Value::Null);
                assert!(status < 500, "{method} {url} {body}: {status}");
                assert!(
                    status < 300 || answer["error"]["code"].is_string(),
                    "{method} {url}: an error is JSON in the documented shape: {answer}"
                );
                out.push(("api".into(), format!("{method} {path}"), status));
            }
        }
    }
    out
}

/// Everything one backend answered: every role's forms, the visitor's, the API.
async fn answers(app: &TestApp, inputs: &[String]) -> (Answers, usize) {
    let mut out = Answers::new();
    let mut forms_tried = 0;
    let visitor = app.client();
    let public = crawl(&visitor, &["/", "/felanmalan/0139", "/logga-in"], 40).await;
    forms_tried += public.len();
    out.extend(post_forms("visitor", &visitor, &public, inputs).await);
    // The administrator last: what the others post cannot sign the administrator out.
    for who in [CONTACT_CENTRE, OFFICER, BD, ADMIN] {
        let client = app.signed_in(who).await;
        let found = crawl(&client, &["/oversikt"], 160).await;
        forms_tried += found.len();
        out.extend(post_forms(who, &client, &found, inputs).await);
    }
    let tenant = app.db.tenant("0139").await.unwrap();
    let (write, _) = support::api_tokens(&tenant).await;
    out.extend(post_api(app, &write, inputs).await);
    (out, forms_tried)
}

#[tokio::test]
async fn hostile_strings_into_every_form_and_api_body_never_give_a_500() {
    // A 500's cause is in the server's log: show its errors beside the failure.
    let _ = tracing_subscriber::fmt()
        .with_env_filter("error")
        .with_test_writer()
        .try_init();
    let inputs = crate::trust::hostile_strings(6);
    let mut seen: Vec<(&str, Answers)> = Vec::new();
    for app in TestApp::each_with_demo().await {
        let (answers, forms) = answers(&app, &inputs).await;
        assert!(
            forms > 60,
            "the crawl reached {forms} forms on {}",
            app.backend
        );
        eprintln!(
            "{}: {forms} forms and {} API bodies × {} strings: {} requests, 0 × 5xx",
            app.backend,
            answers.iter().filter(|a| a.0 == "api").count() / inputs.len(),
            inputs.len(),
            answers.len()
        );
        seen.push((app.backend, answers));
        app.stop().await;
    }
    if let [(a, first), (b, second)] = &seen[..] {
        let differ: Vec<_> = first
            .iter()
            .zip(second)
            .filter(|(x, y)| x != y)
            .take(10)
            .collect();
        assert!(
            differ.is_empty() && first.len() == second.len(),
            "{a} and {b} answered otherwise: {differ:?}"
        );
    }
}
