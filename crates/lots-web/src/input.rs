//! The boundary where requests enter: the path, every query parameter and every field of a
//! form or JSON body is checked with [`lots_domain::input::forbidden_character`] before any
//! handler runs. A refused request gets a 400 in the shape its caller reads — a page in the
//! user's language, the API's JSON error, Open311's error list — naming the field.
//! Multipart uploads are files: their cells are checked row by row by the importer, the
//! upload handler checks a file's name with [`refuse_in`], and a multipart form's text
//! fields are checked as it is read ([`refuse_in_form`]).

use axum::body::{Body, Bytes, to_bytes};
use axum::extract::Request;
use axum::http::header;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use lots_domain::input::{Breaks, forbidden_character};

use crate::error::{AppError, Refused};

/// The largest form or JSON body read here; uploads are multipart and not read here.
const MAX_BODY_BYTES: usize = 2 * 1024 * 1024;

pub async fn refuse_control_characters(req: Request, next: Next) -> Response {
    let (parts, body) = req.into_parts();
    let path = parts.uri.path();
    let open311 = path.starts_with("/open311/");
    let mut refused = check_path(path).or_else(|| parts.uri.query().and_then(check_query));
    let content_type = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    let body = if content_type.starts_with("multipart/form-data") {
        body
    } else {
        let Ok(bytes) = to_bytes(body, MAX_BODY_BYTES).await else {
            return AppError::TooLarge.into_response();
        };
        if refused.is_none() {
            refused = check_body(&content_type, &bytes);
        }
        Body::from(bytes)
    };
    match refused {
        None => next.run(Request::from_parts(parts, body)).await,
        Some(r) if open311 => crate::open311::refusal(parts.uri.path(), &r.message()),
        Some(r) => AppError::ControlCharacter(r).into_response(),
    }
}

/// The same check for a text read from a multipart upload (a file's name), which this
/// middleware does not read.
pub fn refuse_in(field: &str, text: &str, breaks: Breaks) -> Result<(), AppError> {
    match forbidden_character(text, breaks) {
        Some(character) => Err(AppError::ControlCharacter(Refused {
            field: field.into(),
            character,
        })),
        None => Ok(()),
    }
}

/// The same check for the text fields of a multipart form (as a form body), which this
/// middleware does not read.
pub fn refuse_in_form(body: &[u8]) -> Result<(), AppError> {
    check_pairs(body).map_or(Ok(()), |r| Err(AppError::ControlCharacter(r)))
}

fn check_path(path: &str) -> Option<Refused> {
    let decoded = percent_decode(path.as_bytes());
    forbidden_character(&decoded, Breaks::Refused).map(|character| Refused {
        field: "path".into(),
        character,
    })
}

/// Every name and value of a query string or form body. Values may hold tab and line
/// breaks (a note typed in a text area); names may not.
fn check_pairs(bytes: &[u8]) -> Option<Refused> {
    form_urlencoded::parse(bytes).find_map(|(name, value)| {
        let refuse = |character| Refused {
            field: printable_name(&name),
            character,
        };
        forbidden_character(&name, Breaks::Refused)
            .or_else(|| forbidden_character(&value, Breaks::Allowed))
            .map(refuse)
    })
}

fn check_query(query: &str) -> Option<Refused> {
    check_pairs(query.as_bytes())
}

fn check_body(content_type: &str, bytes: &Bytes) -> Option<Refused> {
    if bytes.is_empty() {
        return None;
    }
    if content_type.starts_with("application/json") || content_type.ends_with("+json") {
        return match serde_json::from_slice::<serde_json::Value>(bytes) {
            Ok(value) => check_json(&value, "body"),
            // Not JSON: the handler says so; raw control characters are refused here.
            Err(_) => forbidden_character(&String::from_utf8_lossy(bytes), Breaks::Allowed).map(
                |character| Refused {
                    field: "body".into(),
                    character,
                },
            ),
        };
    }
    // Anything else a handler reads as a form, whatever its declared type.
    check_pairs(bytes)
}

/// Every key and string of a JSON document, named by its path (`body.address.street`).
fn check_json(value: &serde_json::Value, at: &str) -> Option<Refused> {
    use serde_json::Value;
    match value {
        Value::String(s) => forbidden_character(s, Breaks::Allowed).map(|character| Refused {
            field: at.into(),
            character,
        }),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .find_map(|(i, v)| check_json(v, &format!("{at}[{i}]"))),
        Value::Object(fields) => fields.iter().find_map(|(k, v)| {
            forbidden_character(k, Breaks::Refused)
                .map(|character| Refused {
                    field: at.into(),
                    character,
                })
                .or_else(|| check_json(v, &format!("{at}.{}", printable_name(k))))
        }),
        _ => None,
    }
}

/// A field's name fit to be shown back: its forbidden characters as code points.
fn printable_name(name: &str) -> String {
    lots_domain::input::printable(name)
        .chars()
        .take(80)
        .collect()
}

/// `%XX` escapes of a path decoded to text (invalid UTF-8 as replacement characters).
fn percent_decode(bytes: &[u8]) -> String {
    let hex = |b: u8| (b as char).to_digit(16).map(|d| d as u8);
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match (
            bytes[i],
            bytes.get(i + 1).copied(),
            bytes.get(i + 2).copied(),
        ) {
            (b'%', Some(h), Some(l)) if hex(h).is_some() && hex(l).is_some() => {
                out.push(hex(h).unwrap_or(0) * 16 + hex(l).unwrap_or(0));
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_queries_forms_and_json_are_checked() {
        assert_eq!(check_path("/foretag/12%00").unwrap().character, '\0');
        assert_eq!(check_path("/sprak/%09x").unwrap().character, '\t');
        assert!(check_path("/f%C3%B6retag/%C3%85by").is_none());
        let r = check_query("q=a&till=%2F%00").unwrap();
        assert_eq!(r.field, "till");
        assert!(check_query("note=rad%0D%0Arad%09tv%C3%A5").is_none());
        let form = Bytes::from_static(b"name=Brunna%00AB&csrf_token=x");
        assert_eq!(
            check_body("application/x-www-form-urlencoded", &form)
                .unwrap()
                .field,
            "name"
        );
        assert_eq!(check_body("text/plain", &form).unwrap().field, "name");
        let json = Bytes::from_static(br#"{"address":{"street":"Gata \u0000 1"},"tags":["a"]}"#);
        assert_eq!(
            check_body("application/json", &json).unwrap().field,
            "body.address.street"
        );
        let fine = Bytes::from_static(br#"{"notes":"rad\nrad"}"#);
        assert!(check_body("application/json; charset=utf-8", &fine).is_none());
    }
}
