//! The respondent's survey form: no sign-in, the personal link is the key. Works without
//! JavaScript, saves progress, submits once and may be changed until the round closes.
//! An unknown or tampered link is a plain 404.

use std::collections::HashMap;

use axum::Router;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use lots_domain::battery::{Battery, FieldError, Kind};
use lots_store::LinkTarget;
use minijinja::{Value, context};

use crate::ctx::Ctx;
use crate::error::AppError;
use crate::pages::{FormData, field_error};
use crate::state::AppState;
use lots_i18n::{Lang, Message};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/enkat/{token}", get(show).post(save))
        .route("/enkat/{token}/tack", get(thanks))
}

/// The submitted form grouped by field, as the battery checks it.
pub fn form_answers(form: &FormData) -> HashMap<String, Vec<String>> {
    let mut out: HashMap<String, Vec<String>> = HashMap::new();
    for (k, v) in form.pairs() {
        if let Some(id) = k.strip_prefix("q_") {
            out.entry(id.to_string()).or_default().push(v.clone());
        }
    }
    out
}

/// The battery as sections of questions ready for the form template, each with its
/// options marked as chosen from `values` and its error, if any.
pub fn form_sections(
    battery: &Battery,
    lang: Lang,
    values: &HashMap<String, Vec<String>>,
    errors: &[FieldError],
) -> Vec<Value> {
    let t = |id: &str| lots_i18n::text(lang, id);
    let mut number = 0;
    battery
        .sections
        .iter()
        .map(|section| {
            let questions: Vec<Value> = section
                .questions
                .iter()
                .map(|q| {
                    number += 1;
                    let chosen = values.get(&q.id).cloned().unwrap_or_default();
                    let option = |value: String, label: String| {
                        let checked = chosen.contains(&value);
                        context! { value, label, checked }
                    };
                    let (kind, options, low, high) = match &q.kind {
                        Kind::Rating {
                            min,
                            max,
                            low,
                            high,
                            dont_know,
                        } => {
                            let mut o: Vec<Value> = (*min..=*max)
                                .map(|v| option(v.to_string(), v.to_string()))
                                .collect();
                            if *dont_know {
                                o.push(option("vet_ej".into(), t("dont-know")));
                            }
                            (
                                "scale",
                                o,
                                low.get(lang).to_string(),
                                high.get(lang).to_string(),
                            )
                        }
                        Kind::Nps => (
                            "scale",
                            (0..=10)
                                .map(|v| option(v.to_string(), v.to_string()))
                                .collect(),
                            t("not-at-all-likely"),
                            t("extremely-likely"),
                        ),
                        Kind::SingleChoice { choices } => (
                            "single",
                            choices
                                .iter()
                                .map(|c| option(c.value.clone(), c.text.get(lang).into()))
                                .collect(),
                            String::new(),
                            String::new(),
                        ),
                        Kind::MultipleChoice { choices } => (
                            "multiple",
                            choices
                                .iter()
                                .map(|c| option(c.value.clone(), c.text.get(lang).into()))
                                .collect(),
                            String::new(),
                            String::new(),
                        ),
                        Kind::YesNo => (
                            "single",
                            vec![option("ja".into(), t("yes")), option("nej".into(), t("no"))],
                            String::new(),
                            String::new(),
                        ),
                        Kind::FreeText => ("text", Vec::new(), String::new(), String::new()),
                    };
                    let condition = q.show_if.as_ref().and_then(|c| {
                        let parent = battery.question(&c.question)?;
                        let answer = match &parent.kind {
                            Kind::YesNo => match c.equals.as_str() {
                                "ja" => t("yes"),
                                _ => t("no"),
                            },
                            Kind::SingleChoice { choices } | Kind::MultipleChoice { choices } => {
                                choices
                                    .iter()
                                    .find(|ch| ch.value == c.equals)
                                    .map_or(c.equals.clone(), |ch| ch.text.get(lang).to_string())
                            }
                            _ => c.equals.clone(),
                        };
                        Some(
                            Message::new("answer-only-if-you-answered")
                                .with("answer", answer)
                                .with("question", parent.text.get(lang))
                                .text(lang),
                        )
                    });
                    let error = errors
                        .iter()
                        .find(|e| e.question == q.id)
                        .map(|e| e.message.text(lang));
                    context! {
                        id => q.id.clone(),
                        number,
                        text => q.text.get(lang),
                        kind,
                        options,
                        low,
                        high,
                        required => q.required,
                        condition,
                        error,
                        text_value => chosen.first().cloned().unwrap_or_default(),
                    }
                })
                .collect();
            context! { title => section.title.get(lang), questions }
        })
        .collect()
}

/// The respondent's language: the one they switched to, else their invitation's.
fn respondent_ctx(mut ctx: Ctx, headers: &axum::http::HeaderMap, target: &LinkTarget) -> Ctx {
    let secure = ctx.app.config.secure_cookies();
    if crate::cookies::Cookie::Lang.read(headers, secure).is_none() {
        ctx.lang = target.language;
    }
    ctx
}

async fn find(ctx: &Ctx, token: &str) -> Result<LinkTarget, AppError> {
    ctx.app
        .db
        .survey_link(token)
        .await?
        .ok_or(AppError::NotFound)
}

async fn form_page(
    ctx: &Ctx,
    token: &str,
    target: &LinkTarget,
    values: &HashMap<String, Vec<String>>,
    errors: &[FieldError],
    saved: bool,
) -> Result<Html<String>, AppError> {
    let summary: Vec<Value> = errors
        .iter()
        .map(|e| field_error(&format!("q-{}", e.question), ctx.message(&e.message)))
        .collect();
    let face = ctx.face(&target.municipality_code).await?;
    let municipality = face.get_attr("name")?.to_string();
    ctx.render(
        "surveys/survey_form.html",
        &ctx.t_with(
            "survey-how-was-your-contact",
            &[("municipality", municipality.as_str().into())],
        ),
        context! {
            action => format!("/enkat/{token}"),
            municipality,
            face,
            intro => survey_intro(ctx, target),
            closes_on => target.round.closes_on.clone(),
            anonymous => target.round.anonymous,
            submitted => target.submitted,
            sections => form_sections(&target.battery, ctx.lang, values, errors),
            errors => summary,
            saved,
            respondent => true,
        },
    )
}

/// What the survey asks about, in plain words: the case the person had, with its number
/// and the day it was decided, or the municipality's service to companies in general.
fn survey_intro(ctx: &Ctx, target: &LinkTarget) -> String {
    match &target.about {
        Some(case) => ctx.t_with(
            "survey-about-your-case",
            &[
                ("area", case.area.to_lowercase().into()),
                ("reference", case.reference.as_str().into()),
                (
                    "day",
                    case.decided_on
                        .map(|d| crate::templates::weekday_date(ctx.lang, &d.to_string()))
                        .unwrap_or_default()
                        .into(),
                ),
            ],
        ),
        None if target.battery.code == "uppfoljning" => ctx.t("survey-about-your-meeting"),
        None => ctx.t("survey-about-your-contacts"),
    }
}

async fn closed_page(
    ctx: &Ctx,
    target: &LinkTarget,
    today: jiff::civil::Date,
) -> Result<Response, AppError> {
    let not_yet = today < target.round.opens_on;
    let face = ctx.face(&target.municipality_code).await?;
    let html = ctx.render(
        "surveys/survey_closed.html",
        &ctx.t(if not_yet {
            "the-survey-has-not-opened-yet"
        } else {
            "the-survey-is-closed"
        }),
        context! {
            not_yet,
            opens_on => target.round.opens_on.clone(),
            closes_on => target.round.closes_on.clone(),
            municipality => face.get_attr("name")?.to_string(),
            intro => survey_intro(ctx, target),
            face,
        },
    )?;
    Ok((StatusCode::GONE, html).into_response())
}

#[derive(serde::Deserialize)]
struct Saved {
    sparat: Option<String>,
}

async fn show(
    ctx: Ctx,
    headers: axum::http::HeaderMap,
    Path(token): Path<String>,
    axum::extract::Query(q): axum::extract::Query<Saved>,
) -> Result<Response, AppError> {
    let target = find(&ctx, &token).await?;
    let ctx = respondent_ctx(ctx, &headers, &target);
    let today = lots_store::today();
    if !target.round.is_open(today) {
        return closed_page(&ctx, &target, today).await;
    }
    let values = lots_store::as_form(&target.answers);
    Ok(
        form_page(&ctx, &token, &target, &values, &[], q.sparat.is_some())
            .await?
            .into_response(),
    )
}

async fn save(
    ctx: Ctx,
    headers: axum::http::HeaderMap,
    Path(token): Path<String>,
    form: FormData,
) -> Result<Response, AppError> {
    let target = find(&ctx, &token).await?;
    let ctx = respondent_ctx(ctx, &headers, &target);
    let today = lots_store::today();
    if !target.round.is_open(today) {
        return closed_page(&ctx, &target, today).await;
    }
    let submit = form.get("action") != "spara";
    if target.submitted && !submit {
        // A submitted answer changes only by a complete form submitted again.
        return Ok(Redirect::to(&format!("/enkat/{token}")).into_response());
    }
    let values = form_answers(&form);
    match target.battery.check(&values, submit) {
        Ok(answers) => {
            ctx.app
                .db
                .save_link_response(&target, &answers, submit)
                .await?;
            let to = if submit {
                format!("/enkat/{token}/tack")
            } else {
                format!("/enkat/{token}?sparat=1")
            };
            Ok(Redirect::to(&to).into_response())
        }
        Err(errors) => {
            let html = form_page(&ctx, &token, &target, &values, &errors, false).await?;
            Ok(crate::pages::unprocessable(html))
        }
    }
}

async fn thanks(
    ctx: Ctx,
    headers: axum::http::HeaderMap,
    Path(token): Path<String>,
) -> Result<Html<String>, AppError> {
    let target = find(&ctx, &token).await?;
    let ctx = respondent_ctx(ctx, &headers, &target);
    ctx.render(
        "surveys/survey_thanks.html",
        &ctx.t("thank-you-for-your-answers"),
        context! {
            municipality => target.municipality_name.clone(),
            face => ctx.face(&target.municipality_code).await?,
            closes_on => target.round.closes_on.clone(),
            change_href => format!("/enkat/{token}"),
            submitted => target.submitted,
        },
    )
}
