//! Forms as handlers read them, and the one flow every form handler shares.
//!
//! A handler declares its form as a struct (`#[serde(rename = "…")]` keeps the field names
//! the pages use) and decodes it with [`FormData::decode`]. A field typed by a person that
//! must be a number, a date or a code is a [`Typed`]: empty, a value, or wrong — text that
//! is not such a value is kept as wrong rather than read as empty. The page shown again
//! takes what was typed from the [`FormData`].
//! [`FormErrors`] turns the typed fields into the values of a store command, refusing each
//! wrong one, and puts those refusals beside the store's own so that the form names every
//! wrong field at once. [`answered`] is what follows: the next page, or the form again with
//! its errors and status 422.

use std::future::Future;
use std::str::FromStr;

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::response::{Html, IntoResponse, Response};
use lots_i18n::Message;
use minijinja::Value;
use serde::de::DeserializeOwned;

use crate::ctx::Ctx;
use crate::error::AppError;

/// A submitted form: its name–value pairs (repeated fields, such as check boxes, keep every
/// value) and the body they came from, for [`FormData::decode`].
pub struct FormData {
    pairs: Vec<(String, String)>,
    body: Bytes,
    /// The files of a multipart form (`enctype="multipart/form-data"`): field name and
    /// content, in the order sent; a file input left empty sends none.
    files: Vec<(String, Bytes)>,
}

impl<S: Send + Sync> FromRequest<S> for FormData {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, AppError> {
        let multipart = req
            .headers()
            .get(axum::http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.to_ascii_lowercase().starts_with("multipart/form-data"));
        if multipart {
            return from_multipart(req, state).await;
        }
        let body = Bytes::from_request(req, state)
            .await
            .map_err(|_| AppError::BadRequest("unreadable form".into()))?;
        let pairs = form_urlencoded::parse(&body)
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        Ok(FormData {
            pairs,
            body,
            files: Vec::new(),
        })
    }
}

/// A multipart form read as any other: its text fields as name–value pairs (checked at the
/// boundary like an ordinary form's, which the input middleware leaves to this reader),
/// its files beside them.
async fn from_multipart<S: Send + Sync>(req: Request, state: &S) -> Result<FormData, AppError> {
    let unreadable = |e: axum::extract::multipart::MultipartError| {
        if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
            AppError::TooLarge
        } else {
            AppError::BadRequest(format!("unreadable form: {}", e.body_text()))
        }
    };
    let mut multipart = axum::extract::Multipart::from_request(req, state)
        .await
        .map_err(|_| AppError::BadRequest("unreadable form".into()))?;
    let mut pairs = Vec::new();
    let mut files = Vec::new();
    while let Some(field) = multipart.next_field().await.map_err(unreadable)? {
        let name = field.name().unwrap_or_default().to_string();
        if field.file_name().is_some() {
            let content = field.bytes().await.map_err(unreadable)?;
            if !content.is_empty() {
                files.push((name, content));
            }
        } else {
            pairs.push((name, field.text().await.map_err(unreadable)?));
        }
    }
    let body = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(&pairs)
        .finish();
    crate::input::refuse_in_form(body.as_bytes())?;
    Ok(FormData {
        pairs,
        body: Bytes::from(body),
        files,
    })
}

impl FormData {
    /// A form as if these fields had been sent: a new form's first values.
    pub fn from_pairs(pairs: &[(&str, &str)]) -> FormData {
        let body = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(pairs)
            .finish();
        FormData {
            pairs: pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            body: Bytes::from(body),
            files: Vec::new(),
        }
    }

    /// The files sent in a field, in the order sent.
    pub fn files(&self, name: &str) -> Vec<&[u8]> {
        self.files
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, content)| content.as_ref())
            .collect()
    }

    /// Every name–value pair as sent.
    pub fn pairs(&self) -> &[(String, String)] {
        &self.pairs
    }

    /// The form as the struct its handler declares. Every field a person types is text or a
    /// [`Typed`], so a refusal here means a request no page of ours sends.
    pub fn decode<T: DeserializeOwned>(&self) -> Result<T, AppError> {
        serde_html_form::from_bytes(&self.body)
            .map_err(|e| AppError::BadRequest(format!("unreadable form: {e}")))
    }

    /// The first value of a field, trimmed; empty when absent.
    pub fn get(&self, name: &str) -> String {
        self.pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim().to_string())
            .unwrap_or_default()
    }

    /// A field exactly as typed (passwords keep their spaces).
    pub fn raw(&self, name: &str) -> String {
        self.pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    }

    pub fn all(&self, name: &str) -> Vec<String> {
        self.pairs
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .collect()
    }

    /// A value the page offered as a choice (a select's option, a hidden field): none when
    /// empty; a value that does not read as a `T` is no choice a page of ours offered, so the
    /// request is refused as unreadable (400) rather than read as no choice.
    pub fn choice<T: FromStr>(&self, name: &str) -> Result<Option<T>, AppError> {
        let value = self.get(name);
        if value.is_empty() {
            return Ok(None);
        }
        value
            .parse()
            .map(Some)
            .map_err(|_| AppError::BadRequest(format!("{name} is not one of the choices offered")))
    }

    /// Every value of a repeated field that is an id; a value that is not one is no id a page
    /// of ours offered, so it is left out.
    pub fn ids(&self, name: &str) -> Vec<i64> {
        self.pairs
            .iter()
            .filter(|(k, _)| k == name)
            .filter_map(|(_, v)| v.trim().parse().ok())
            .collect()
    }
}

/// A field a person types that must read as a `T`: empty, a value, or wrong.
#[derive(Debug, Clone)]
pub struct Typed<T> {
    /// What was typed, trimmed.
    text: String,
    value: Result<Option<T>, ()>,
}

impl<T> Default for Typed<T> {
    fn default() -> Self {
        Typed {
            text: String::new(),
            value: Ok(None),
        }
    }
}

impl<T: FromStr> Typed<T> {
    /// Reads a value as people write it: spaces between digits (`1 000`) and a decimal
    /// comma (`59,6`) are allowed.
    pub fn read(text: &str) -> Typed<T> {
        let text = text.trim().to_string();
        let value = if text.is_empty() {
            Ok(None)
        } else {
            text.parse()
                .or_else(|_| {
                    let compact: String = text
                        .chars()
                        .filter(|c| !c.is_whitespace())
                        .map(|c| if c == ',' { '.' } else { c })
                        .collect();
                    compact.parse()
                })
                .map(Some)
                .map_err(|_| ())
        };
        Typed { text, value }
    }
}

impl<T: Clone> Typed<T> {
    /// The value when there is one; empty and wrong are both none, for a field whose rule
    /// the data layer words (a working day that must hold a visit).
    pub fn value(&self) -> Option<T> {
        self.value.clone().ok().flatten()
    }
}

impl<'de, T: FromStr> serde::Deserialize<'de> for Typed<T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Ok(Typed::read(&text))
    }
}

/// The wrong fields of one form: those the form itself finds (a number that is not one) and
/// those the store refuses, each field named once.
#[derive(Debug, Default)]
pub struct FormErrors(Vec<(String, Message)>);

impl FormErrors {
    /// The field's value, `None` when empty; text that is no value is refused with `message`.
    pub fn read<T: Clone>(
        &mut self,
        name: &str,
        field: &Typed<T>,
        message: impl Into<Message>,
    ) -> Option<T> {
        match &field.value {
            Ok(value) => value.clone(),
            Err(()) => {
                self.refuse(name, message);
                None
            }
        }
    }

    /// The form's field `name` read as a `T`, as [`FormErrors::read`] does; for forms whose
    /// field names are made (one row of several).
    pub fn field<T: FromStr + Clone>(
        &mut self,
        form: &FormData,
        name: &str,
        message: impl Into<Message>,
    ) -> Option<T> {
        self.read(name, &Typed::read(&form.get(name)), message)
    }

    /// The field's value; empty or text that is no value is refused with `message`.
    pub fn required<T: Clone>(
        &mut self,
        name: &str,
        field: &Typed<T>,
        message: impl Into<Message>,
    ) -> Option<T> {
        let message = message.into();
        let value = self.read(name, field, message.clone());
        if field.text.is_empty() {
            self.refuse(name, message);
        }
        value
    }

    pub fn refuse(&mut self, name: &str, message: impl Into<Message>) {
        self.0.push((name.into(), message.into()));
    }

    /// The fields a lookup of the form's own refused (a company named that no one has).
    pub fn refuse_all(&mut self, e: lots_store::StoreError) {
        self.0.extend(e.into_fields().unwrap_or_default());
    }

    /// Writes through the store when the form refused nothing (the store's write checks
    /// every field itself); otherwise runs the store's `check` of the command without
    /// writing, so the answer names the form's wrong fields and the store's together and a
    /// refused form never leaves a row behind.
    pub async fn then<T, Check, Write>(
        self,
        check: impl FnOnce() -> Check,
        write: impl FnOnce() -> Write,
    ) -> lots_store::Result<T>
    where
        Check: Future<Output = lots_store::Result<()>>,
        Write: Future<Output = lots_store::Result<T>>,
    {
        if self.0.is_empty() {
            write().await
        } else {
            Err(self.beside(check().await))
        }
    }

    /// The form's refusals with the store's beside them: a field the form refused is named
    /// once, with the form's message. An error that is not about fields wins.
    fn beside(self, checked: lots_store::Result<()>) -> lots_store::StoreError {
        use lots_store::StoreError;
        let store = match checked {
            Ok(()) => Vec::new(),
            Err(e @ (StoreError::Field(..) | StoreError::Fields(..))) => {
                e.into_fields().unwrap_or_default()
            }
            Err(e) => return e,
        };
        let mut all = self.0;
        for (name, message) in store {
            if !all.iter().any(|(n, _)| *n == name) {
                all.push((name, message));
            }
        }
        StoreError::Fields(all)
    }
}

/// A page shown again with its form's errors.
pub fn unprocessable(html: Html<String>) -> Response {
    (axum::http::StatusCode::UNPROCESSABLE_ENTITY, html).into_response()
}

/// The flow every form handler ends with: the store took the form, and `next` makes the
/// answer (a redirect, with an audit row where the handler owes one); or it refused fields,
/// and `again` shows the form with each of them named, status 422. Any other error is the
/// error page.
pub async fn answered<T, Next, Again>(
    ctx: &Ctx,
    outcome: lots_store::Result<T>,
    next: impl FnOnce(T) -> Next,
    again: impl FnOnce(Vec<Value>) -> Again,
) -> Result<Response, AppError>
where
    Next: Future<Output = Result<Response, AppError>>,
    Again: Future<Output = Result<Html<String>, AppError>>,
{
    match outcome {
        Ok(value) => next(value).await,
        Err(e) => Ok(unprocessable(again(ctx.field_errors(e)?).await?)),
    }
}

/// A redirect as the answer of [`answered`].
pub async fn redirect(to: String) -> Result<Response, AppError> {
    Ok(axum::response::Redirect::to(&to).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_fields_keep_wrong_text_apart_from_empty() {
        assert_eq!(Typed::<i64>::read(" 1 000 ").value, Ok(Some(1000)));
        assert_eq!(Typed::<f64>::read("59,6").value, Ok(Some(59.6)));
        assert_eq!(Typed::<i64>::read("").value, Ok(None));
        assert_eq!(Typed::<i64>::read("tio").value, Err(()));
        let day = Typed::<jiff::civil::Date>::read("2026-12-03");
        assert_eq!(day.value, Ok(Some(jiff::civil::date(2026, 12, 3))));
        let wrong = Typed::<jiff::civil::Date>::read("2026-13-03");
        assert_eq!(wrong.text, "2026-13-03");
        let mut errors = FormErrors::default();
        assert_eq!(errors.read("day", &wrong, "write-a-date"), None);
        assert!(matches!(
            errors.beside(Ok(())),
            lots_store::StoreError::Fields(f) if f.len() == 1
        ));
    }

    #[test]
    fn a_form_decodes_into_its_struct_whatever_else_it_holds() {
        #[derive(serde::Deserialize, Default)]
        #[serde(default)]
        struct Round {
            name: String,
            #[serde(rename = "fran")]
            opens_on: Typed<jiff::civil::Date>,
            days: Typed<i64>,
        }
        let form = FormData::from_pairs(&[
            ("csrf_token", "x"),
            ("company", "1"),
            ("company", "2"),
            ("name", " Uppföljning "),
            ("fran", "2026-12-03"),
            ("days", "sju"),
        ]);
        let round: Round = form.decode().unwrap();
        assert_eq!(round.name, " Uppföljning ");
        assert_eq!(
            round.opens_on.value,
            Ok(Some(jiff::civil::date(2026, 12, 3)))
        );
        assert_eq!(round.days.value, Err(()));
        assert_eq!(form.ids("company"), [1, 2]);
        let empty: Round = FormData::from_pairs(&[]).decode().unwrap();
        assert_eq!(empty.opens_on.value, Ok(None));
    }

    #[test]
    fn the_form_and_the_store_name_each_field_once() {
        let mut errors = FormErrors::default();
        errors.read("capacity", &Typed::<i64>::read("many"), "whole-number");
        let store = Err(lots_store::StoreError::Fields(vec![
            ("name".into(), "give-a-name".into()),
            ("capacity".into(), "at-least-one".into()),
        ]));
        let fields = errors.beside(store).into_fields().unwrap();
        let names: Vec<&str> = fields.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["capacity", "name"]);
        assert_eq!(fields[0].1.id, "whole-number");
    }
}
