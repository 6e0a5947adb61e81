//! Survey rounds for staff: the list, a new round from a battery and a company filter,
//! a round's invitations and results (with exports), answers taken by phone, and the
//! question batteries.

use std::collections::HashMap;

use std::future::ready;

use axum::Router;
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use lots_domain::nki::{Band, Quadrant, Thresholds};
use lots_domain::reach::Reach;
use lots_domain::role::Permission;
use lots_domain::survey_results::COLUMN_HEADINGS;
use lots_store::{NewRound, RoundResults, StoreError, Tenant};
use minijinja::{Value, context};

use crate::ctx::Ctx;
use crate::error::AppError;
use crate::pages::shared::audience::{
    AudienceQuery, Invitable, InviteTo, invite, invite_form, picker,
};
use crate::pages::shared::format::{DayList, decimal, index_label, percent};
use crate::pages::shared::results::{distribution_values, free_text_values};
use crate::pages::surveys::respond::{form_answers, form_sections};
use crate::pages::{
    FormData, FormErrors, Typed, answered, field_error, headings, redirect, spreadsheet,
};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/enkater", get(list))
        .route("/enkater/ny", get(new_form).post(create))
        .route("/enkater/resultat", get(period))
        .route("/enkater/resultat.csv", get(period_csv))
        .route("/enkater/resultat.xlsx", get(period_xlsx))
        .route("/enkater/{id}", get(round))
        .route("/enkater/urval", post(save_filter))
        .route(
            "/enkater/{id}/bjud-in",
            get(invite_form::<RoundInvitation>).post(invite::<RoundInvitation>),
        )
        .route("/enkater/{id}/resultat.csv", get(results_csv))
        .route("/enkater/{id}/resultat.xlsx", get(results_xlsx))
        .route("/enkater/{id}/svar.csv", get(answers_csv))
        .route("/enkater/{id}/svar.xlsx", get(answers_xlsx))
        .route(
            "/enkater/{id}/telefon/{invitation}",
            get(phone_form).post(phone_save),
        )
        .route("/fragebatterier", get(batteries))
        .route("/fragebatterier/{version}", get(battery))
        .route("/fragebatterier/{version}/publicera", post(publish))
        .route("/fragebatterier/{version}/ny-version", post(new_version))
        .route("/fragebatterier/{version}/andra", get(edit_form))
        .route("/fragebatterier/{version}/fragor", post(add_question))
        .route(
            "/fragebatterier/{version}/fragor/{question}/ta-bort",
            post(remove_question),
        )
}

fn thresholds(ctx: &Ctx) -> Thresholds {
    ctx.app.config.survey_thresholds
}

async fn list(ctx: Ctx) -> Result<Html<String>, AppError> {
    ctx.require(Permission::ViewSurveyResults)?;
    let rounds = ctx.tenant()?.rounds().await?;
    let today = lots_store::today();
    let rows: Vec<Value> = rounds
        .iter()
        .map(|r| {
            let status = if today < r.opens_on {
                "planned-singular"
            } else if r.is_open(today) {
                "running"
            } else {
                "round-closed"
            };
            context! {
                status => ctx.t(status),
                rate => percent(r.answered, r.invited),
                ..Value::from_serialize(r)
            }
        })
        .collect();
    ctx.render(
        "surveys/surveys.html",
        &ctx.t("surveys"),
        context! { rounds => rows, can_manage => ctx.may(Permission::ManageSurveys) },
    )
}

async fn new_page(
    ctx: &Ctx,
    tenant: &Tenant<'_>,
    q: &AudienceQuery,
    form: Option<&FormData>,
    errors: Vec<Value>,
) -> Result<Html<String>, AppError> {
    tenant.install_standard_batteries().await?;
    let versions: Vec<Value> = tenant
        .batteries()
        .await?
        .into_iter()
        .filter_map(|b| {
            let (id, version) = b.published?;
            Some(context! { id, label => ctx.t_with("battery-version", &[("name", b.name.as_str().into()), ("version", version.into())]) })
        })
        .collect();
    let today = lots_store::today();
    let value = |name: &str, default: &str| form.map_or(default.to_string(), |f| f.get(name));
    ctx.render(
        "surveys/survey_new.html",
        &ctx.t("new-survey-round"),
        context! {
            versions,
            picker => picker(tenant, q, form, &[]).await?,
            form => context! {
                name => value("name", ""),
                battery_version_id => value("battery_version_id", ""),
                opens_on => value("opens_on", &today.to_string()),
                closes_on => value("closes_on", ""),
                anonymous => form.is_some_and(|f| f.get("anonymous") == "1"),
                quarantine_months => value("quarantine_months", "12"),
                reminder_days => value("reminder_days", "7, 14"),
            },
            errors,
            breadcrumbs => vec![ctx.crumb("/enkater", "surveys")],
        },
    )
}

async fn new_form(ctx: Ctx, Query(q): Query<AudienceQuery>) -> Result<Html<String>, AppError> {
    ctx.require(Permission::ManageSurveys)?;
    let tenant = ctx.tenant()?;
    new_page(&ctx, &tenant, &q, None, Vec::new()).await
}

async fn create(
    ctx: Ctx,
    Query(q): Query<AudienceQuery>,
    form: FormData,
) -> Result<Response, AppError> {
    let me = ctx.require(Permission::ManageSurveys)?;
    let tenant = ctx.tenant()?;
    let mut errors = FormErrors::default();
    let terms = form.decode::<RoundTermsForm>()?.read(&mut errors);
    let new = NewRound {
        battery_version_id: errors.field(&form, "battery_version_id", "choose-a-question-battery"),
        terms,
        company_ids: form.ids("company"),
    };
    let outcome = errors
        .then(
            || ready(new.check()),
            || tenant.create_round(&new, &me.user.name),
        )
        .await;
    let (ctx, tenant) = (&ctx, &tenant);
    let created = |(id, reach)| invitations_sent(ctx, tenant, id, reach);
    answered(ctx, outcome, created, |errors| {
        new_page(ctx, tenant, &q, Some(&form), errors)
    })
    .await
}

/// What the form of every round asks: a municipality's own and a joint measurement.
#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub(super) struct RoundTermsForm {
    name: String,
    opens_on: Typed<jiff::civil::Date>,
    closes_on: Typed<jiff::civil::Date>,
    anonymous: String,
    quarantine_months: Typed<i64>,
    reminder_days: Typed<DayList>,
}

impl RoundTermsForm {
    pub(super) fn read(self, errors: &mut FormErrors) -> lots_store::RoundTerms {
        let opens_on = "write-the-opening-day-as-yyyy";
        let closes_on = "write-the-closing-day-as-yyyy";
        let quarantine = "the-quarantine-must-be-a-number";
        lots_store::RoundTerms {
            opens_on: errors.read("opens_on", &self.opens_on, opens_on),
            closes_on: errors.read("closes_on", &self.closes_on, closes_on),
            anonymous: self.anonymous == "1",
            quarantine_months: errors
                .required("quarantine_months", &self.quarantine_months, quarantine)
                .unwrap_or(0),
            reminder_days: errors
                .read(
                    "reminder_days",
                    &self.reminder_days,
                    "write-the-days-as-numbers-for",
                )
                .map(|d| d.0)
                .unwrap_or_default(),
            name: self.name,
        }
    }
}

/// Saves the picker's current filter under a name and goes back to the page it was on.
async fn save_filter(ctx: Ctx, form: FormData) -> Result<Response, AppError> {
    let me = ctx.require(Permission::ManageSurveys)?;
    let tenant = ctx.tenant()?;
    // Only back to a survey page of this application, never elsewhere.
    let back = crate::ctx::local_path(&form.get("back"))
        .filter(|b| b.starts_with("/enkater/") && !b.contains('?'))
        .unwrap_or("/enkater/ny")
        .to_string();
    let query = form.get("query");
    if crate::ctx::local_path(&format!("/?{query}")).is_none() {
        return Err(AppError::BadRequest(
            "the saved filter is not a query".into(),
        ));
    }
    match tenant
        .save_filter(&form.get("filter_name"), &query, &me.user.name)
        .await
    {
        Ok(()) => Ok(Redirect::to(&format!("{back}?{query}")).into_response()),
        Err(StoreError::Field(_, message)) => Err(AppError::Unprocessable(ctx.message(&message))),
        Err(e) => Err(e.into()),
    }
}

/// Companies are added to a round from the picker; their invitations go to the job queue.
struct RoundInvitation;

impl Invitable for RoundInvitation {
    const PERMISSION: Permission = Permission::ManageSurveys;
    type Invited = Reach;

    async fn invite_to(_ctx: &Ctx, tenant: &Tenant<'_>, id: i64) -> Result<InviteTo, AppError> {
        let round = tenant.round(id).await?;
        let invited = tenant.invitations(id).await?;
        Ok(InviteTo {
            template: "surveys/survey_add.html",
            item: Value::from_serialize(&round),
            name: round.name,
            path: format!("/enkater/{id}"),
            list: ("/enkater", "surveys"),
            invited: invited.iter().filter_map(|i| i.company_id).collect(),
        })
    }

    async fn invite(
        tenant: &Tenant<'_>,
        id: i64,
        companies: &[i64],
        actor: &str,
    ) -> lots_store::Result<Reach> {
        tenant.add_to_round(id, companies, actor).await
    }

    async fn send(
        ctx: &Ctx,
        tenant: &Tenant<'_>,
        id: i64,
        reach: Reach,
    ) -> Result<Reach, AppError> {
        queue_invitations(ctx, tenant, id).await?;
        Ok(reach)
    }
}

/// Queues a new round's invitations and answers with the receipt.
pub(in crate::pages) async fn invitations_sent(
    ctx: &Ctx,
    tenant: &Tenant<'_>,
    round_id: i64,
    reach: Reach,
) -> Result<Response, AppError> {
    let reach = RoundInvitation::send(ctx, tenant, round_id, reach).await?;
    let to = RoundInvitation::invite_to(ctx, tenant, round_id).await?;
    Ok(to.receipt(ctx, &reach)?.into_response())
}

/// Puts a round's invitations on the job queue; the queue's idempotency keys make this safe
/// for invitations already queued.
async fn queue_invitations(ctx: &Ctx, tenant: &Tenant<'_>, round_id: i64) -> Result<(), AppError> {
    for invitation in tenant.invitations(round_id).await? {
        lots_jobs::enqueue_survey_mail(&ctx.app.db, tenant.code(), invitation.id, 0).await?;
    }
    ctx.app.workers.wake();
    Ok(())
}

#[derive(serde::Deserialize)]
struct ResultsQuery {
    per: Option<String>,
}

fn band_text(ctx: &Ctx, band: Option<Band>) -> String {
    band.map_or(String::new(), |b| ctx.t(b.message()))
}

/// The results as the page shows them: the rows per group, and the priority matrix as SVG
/// coordinates beside the same numbers in a table.
fn results_value(ctx: &Ctx, r: &RoundResults) -> Value {
    let rows: Vec<Value> = r
        .rows
        .iter()
        .map(|row| {
            context! {
                group => if row.group.is_empty() { ctx.t("total") } else { row.group.clone() },
                total => row.group.is_empty(),
                index => index_label(ctx, &row.index),
                n => row.n.map_or_else(|| "–".to_string(), |n| n.to_string()),
                rate => row.response_rate.map(|x| format!("{} %", (x * 100.0).round())).unwrap_or_else(|| "–".into()),
                value => decimal(ctx.lang, row.value),
                whole => row.whole,
                ci => match (row.ci_low, row.ci_high) {
                    _ if row.constant => ctx.t("all-answers-equal"),
                    (Some(l), Some(h)) => format!("{}–{}", decimal(ctx.lang, Some(l)), decimal(ctx.lang, Some(h))),
                    _ => "–".into(),
                },
                band => band_text(ctx, row.band),
                suppressed => row.suppressed,
                beside_total => row.beside_total,
                previous => decimal(ctx.lang, row.previous),
                change => row.change.map(|c| context! {
                    difference => decimal(ctx.lang, Some(c.difference)),
                    significant => c.significant,
                }),
            }
        })
        .collect();
    let matrix = r.effects.as_ref().map(|e| {
        let max_effect = e
            .factors
            .iter()
            .map(|f| f.effect.abs())
            .fold(0.0f64, f64::max)
            .max(0.01);
        let (min_index, max_index) = e.factors.iter().fold((100.0f64, 0.0f64), |(lo, hi), f| {
            (lo.min(f.index), hi.max(f.index))
        });
        let (lo, hi) = ((min_index - 5.0).max(0.0), (max_index + 5.0).min(100.0));
        let place = |f: &lots_domain::nki::FactorEffect| {
            let x = 40.0 + (f.effect.max(0.0) / max_effect) * 320.0;
            let y = 260.0 - ((f.index - lo) / (hi - lo).max(1.0)) * 240.0;
            (x, y)
        };
        let labels = label_rows(&e.factors.iter().map(place).collect::<Vec<_>>());
        let points: Vec<Value> = e
            .factors
            .iter()
            .zip(labels)
            .map(|(f, label_y)| {
                let (x, y) = place(f);
                context! {
                    label => index_label(ctx, &f.factor),
                    x => format!("{x:.0}"),
                    y => format!("{y:.0}"),
                    label_y => format!("{label_y:.0}"),
                    index => decimal(ctx.lang, Some(f.index)),
                    effect => decimal2(ctx.lang, f.effect),
                    significant => f.significant,
                    quadrant => ctx.t(f.quadrant.message()),
                    prioritise => f.quadrant == Quadrant::Prioritise,
                }
            })
            .collect();
        context! { n => e.n, r2 => decimal2(ctx.lang, e.r2), points }
    });
    let distributions = distribution_values(&r.distributions);
    let county = r.county.as_ref().map(|c| {
        context! {
            county => c.county.clone(),
            joint => c.joint,
            average => decimal(ctx.lang, c.average),
            rank => c.rank,
            ranked => c.ranked,
            municipalities => c.municipalities.iter().enumerate().map(|(i, (name, n, v))| context! {
                name, n => *n, value => decimal(ctx.lang, *v), suppressed => v.is_none(),
                here => c.rank == Some(i + 1),
                width => v.map(|v| format!("{:.1}", v.clamp(0.0, 100.0) * 2.4)),
                label_x => v.map(|v| format!("{:.1}", 134.0 + v.clamp(0.0, 100.0) * 2.4)),
                y => i * 22,
            }).collect::<Vec<_>>(),
            height => c.municipalities.len() * 22 + 4,
        }
    });
    context! {
        beside_total => r.rows.iter().any(|row| row.beside_total),
        rows,
        responses => r.responses,
        by => r.by.clone(),
        matrix,
        distributions,
        free_text => free_text_values(&r.free_text),
        county,
    }
}

/// The height a label of the priority matrix needs, in its SVG's units.
const LABEL_HEIGHT: f64 = 14.0;

/// Where each point's label goes vertically so that no two labels overprint: a label keeps
/// its point's height unless a label already placed near it (the labels stand to the right
/// of their points, about 110 units wide) is closer than a line, then it moves down.
fn label_rows(points: &[(f64, f64)]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..points.len()).collect();
    order.sort_by(|a, b| points[*a].1.total_cmp(&points[*b].1).then(a.cmp(b)));
    let mut placed: Vec<(f64, f64)> = Vec::new();
    let mut rows = vec![0.0; points.len()];
    for i in order {
        let (x, mut y) = points[i];
        while placed
            .iter()
            .any(|(px, py)| (px - x).abs() < 110.0 && (py - y).abs() < LABEL_HEIGHT)
        {
            y += 2.0;
        }
        placed.push((x, y));
        rows[i] = y;
    }
    rows
}

/// A number with two decimals, as the reader writes it (`0,09` in Swedish).
fn decimal2(lang: lots_i18n::Lang, x: f64) -> String {
    match lang {
        lots_i18n::Lang::Sv => lots_i18n::numbers::decimal_sv(x, 2),
        lots_i18n::Lang::En => format!("{x:.2}"),
    }
}

/// The ways a results table can be split, the current one marked.
fn breakdowns(ctx: &Ctx, current: &str) -> Vec<Value> {
    [
        ("area", "area"),
        ("unit", "unit"),
        ("industry", "industry"),
        ("size_class", "size"),
        ("quarter", "quarter"),
    ]
    .into_iter()
    .map(|(code, label)| context! { code, label => ctx.t(label), current => current == code })
    .collect()
}

async fn round(
    ctx: Ctx,
    Path(id): Path<i64>,
    Query(q): Query<ResultsQuery>,
) -> Result<Html<String>, AppError> {
    ctx.require(Permission::ViewSurveyResults)?;
    let tenant = ctx.tenant()?;
    let round = tenant.round(id).await?;
    let results = tenant
        .round_results(
            id,
            q.per.as_deref().unwrap_or("area"),
            ctx.lang,
            &thresholds(&ctx),
        )
        .await?;
    let can_manage = ctx.may(Permission::ManageSurveys);
    let invitations: Vec<Value> = if can_manage {
        tenant
            .staff_invitations(id)
            .await?
            .iter()
            .map(Value::from_serialize)
            .collect()
    } else {
        Vec::new()
    };
    let splits = breakdowns(&ctx, &results.by);
    ctx.render(
        "surveys/survey_round.html",
        &round.name,
        context! {
            round => Value::from_serialize(&round),
            rate => percent(round.answered, round.invited),
            results => results_value(&ctx, &results),
            links => context! {
                page => format!("/enkater/{id}?"),
                csv => format!("/enkater/{id}/resultat.csv?"),
                xlsx => format!("/enkater/{id}/resultat.xlsx?"),
            },
            invitations,
            can_manage,
            can_add => can_manage && round.closes_on >= lots_store::today(),
            undelivered => crate::pages::platform::admin::undelivered_notice(&ctx, lots_jobs::Concern::Round(id)).await?,
            breakdowns => splits,
            threshold => thresholds(&ctx).min_shown,
            breadcrumbs => vec![ctx.crumb("/enkater", "surveys")],
        },
    )
}

#[derive(serde::Deserialize)]
struct PeriodQuery {
    batteri: Option<String>,
    fran: Option<String>,
    till: Option<String>,
    per: Option<String>,
}

impl PeriodQuery {
    /// The battery code and period asked for; by default Insikt's NKI survey last year.
    fn resolved(&self) -> (String, String, String) {
        let last_year = i32::from(lots_store::today().year()) - 1;
        let or =
            |v: &Option<String>, d: String| v.clone().filter(|s| !s.trim().is_empty()).unwrap_or(d);
        (
            or(&self.batteri, "insikt-nki".into()),
            or(&self.fran, format!("{last_year}-01-01")),
            or(&self.till, format!("{last_year}-12-31")),
        )
    }

    fn query(&self) -> String {
        let (b, f, t) = self.resolved();
        let e = crate::url::urlencode;
        format!("batteri={}&fran={}&till={}&", e(&b), e(&f), e(&t))
    }
}

/// The results of a period, or the field that is wrong; `None` when no round matches.
async fn period_results(
    ctx: &Ctx,
    q: &PeriodQuery,
) -> Result<Result<Option<RoundResults>, Value>, AppError> {
    let (battery, from, to) = q.resolved();
    let date = |s: &str| {
        s.parse::<jiff::civil::Date>()
            .ok()
            .filter(|_| s.len() == 10)
    };
    let Some(from) = date(&from) else {
        return Ok(Err(field_error("fran", ctx.t("write-the-date-as-2026-11"))));
    };
    let Some(to) = date(&to).filter(|to| *to >= from) else {
        return Ok(Err(field_error(
            "till",
            ctx.t("write-an-end-date-like-2026"),
        )));
    };
    let tenant = ctx.tenant()?;
    match tenant
        .period_results(
            &battery,
            (from, to),
            q.per.as_deref().unwrap_or("area"),
            ctx.lang,
            &thresholds(ctx),
        )
        .await
    {
        Ok(r) => Ok(Ok(Some(r))),
        Err(StoreError::NotFound) => Ok(Ok(None)),
        Err(e) => Err(e.into()),
    }
}

async fn period(ctx: Ctx, Query(q): Query<PeriodQuery>) -> Result<Response, AppError> {
    ctx.require(Permission::ViewSurveyResults)?;
    let tenant = ctx.tenant()?;
    let batteries: Vec<Value> = batteries_of(&tenant)
        .await?
        .into_iter()
        .map(|b| context! { code => b.code, name => b.name })
        .collect();
    let (battery, from, to) = q.resolved();
    let outcome = period_results(&ctx, &q).await?;
    let (results, errors) = match &outcome {
        Ok(r) => (r.as_ref().map(|r| results_value(&ctx, r)), Vec::new()),
        Err(e) => (None, vec![e.clone()]),
    };
    let by = q.per.clone().unwrap_or_else(|| "area".into());
    let query = q.query();
    let trend = crate::pages::shared::charts::trend_charts(
        &ctx,
        &tenant.trend(&battery, &thresholds(&ctx)).await?,
    );
    let html = ctx.render(
        "surveys/survey_period.html",
        &ctx.t("results-for-a-period"),
        context! {
            batteries,
            filter => context! { batteri => battery, fran => from, till => to },
            results,
            trend,
            links => context! {
                page => format!("/enkater/resultat?{query}"),
                csv => format!("/enkater/resultat.csv?{query}"),
                xlsx => format!("/enkater/resultat.xlsx?{query}"),
            },
            threshold => thresholds(&ctx).min_shown,
            breakdowns => breakdowns(&ctx, &by),
            errors,
            breadcrumbs => vec![ctx.crumb("/enkater", "surveys")],
        },
    )?;
    let status = if outcome.is_err() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    Ok((status, html).into_response())
}

async fn period_rows(
    ctx: &Ctx,
    q: &PeriodQuery,
    format: &str,
) -> Result<Vec<Vec<String>>, AppError> {
    ctx.require(Permission::ViewSurveyResults)?;
    let results = match period_results(ctx, q).await? {
        Ok(Some(r)) => r,
        Ok(None) => return Err(AppError::NotFound),
        Err(_) => return Err(AppError::BadRequest("wrong period".into())),
    };
    let mut entry = ctx.audit_entry("survey.export", "survey_period", q.query());
    entry.detail = format!("results table, {format}");
    ctx.app.db.audit(entry).await?;
    Ok(results.rows.iter().map(|r| r.cells_in(ctx.lang)).collect())
}

const RESULT_FILES: (&str, &str) = (
    "attachment; filename=\"resultat.csv\"",
    "attachment; filename=\"resultat.xlsx\"",
);
const ANSWER_FILES: (&str, &str) = (
    "attachment; filename=\"svar.csv\"",
    "attachment; filename=\"svar.xlsx\"",
);

async fn period_csv(ctx: Ctx, Query(q): Query<PeriodQuery>) -> Result<Response, AppError> {
    spreadsheet(
        &ctx,
        false,
        "results",
        RESULT_FILES,
        &headings(&ctx, &COLUMN_HEADINGS),
        &period_rows(&ctx, &q, "csv").await?,
    )
}

async fn period_xlsx(ctx: Ctx, Query(q): Query<PeriodQuery>) -> Result<Response, AppError> {
    spreadsheet(
        &ctx,
        true,
        "results",
        RESULT_FILES,
        &headings(&ctx, &COLUMN_HEADINGS),
        &period_rows(&ctx, &q, "xlsx").await?,
    )
}

async fn results_rows(
    ctx: &Ctx,
    id: i64,
    q: &ResultsQuery,
    format: &str,
) -> Result<Vec<Vec<String>>, AppError> {
    ctx.require(Permission::ViewSurveyResults)?;
    let tenant = ctx.tenant()?;
    let results = tenant
        .round_results(
            id,
            q.per.as_deref().unwrap_or("area"),
            ctx.lang,
            &thresholds(ctx),
        )
        .await?;
    let mut entry = ctx.audit_entry("survey.export", "survey_round", id.to_string());
    entry.detail = format!("results table, {format}");
    ctx.app.db.audit(entry).await?;
    Ok(results.rows.iter().map(|r| r.cells_in(ctx.lang)).collect())
}

async fn results_csv(
    ctx: Ctx,
    Path(id): Path<i64>,
    Query(q): Query<ResultsQuery>,
) -> Result<Response, AppError> {
    spreadsheet(
        &ctx,
        false,
        "results",
        RESULT_FILES,
        &headings(&ctx, &COLUMN_HEADINGS),
        &results_rows(&ctx, id, &q, "csv").await?,
    )
}

async fn results_xlsx(
    ctx: Ctx,
    Path(id): Path<i64>,
    Query(q): Query<ResultsQuery>,
) -> Result<Response, AppError> {
    spreadsheet(
        &ctx,
        true,
        "results",
        RESULT_FILES,
        &headings(&ctx, &COLUMN_HEADINGS),
        &results_rows(&ctx, id, &q, "xlsx").await?,
    )
}

/// Every submitted answer of a round, one row per respondent, as the round allows: the
/// company only when the round is not anonymous, and an anonymous round only once it has
/// enough answers that no one stands out.
async fn answer_rows(
    ctx: &Ctx,
    id: i64,
    format: &str,
) -> Result<(Vec<String>, Vec<Vec<String>>), AppError> {
    ctx.require(Permission::ManageSurveys)?;
    let tenant = ctx.tenant()?;
    let round = tenant.round(id).await?;
    let battery = tenant
        .battery_version(round.battery_version_id)
        .await?
        .battery;
    let allowed = |n: usize| !round.anonymous || thresholds(ctx).shown(n as u64);
    let Some(responses) = tenant.export_round_responses(id, format, allowed).await? else {
        return Err(AppError::Unprocessable(
            ctx.t("the-round-is-anonymous-and-has"),
        ));
    };
    let lang = ctx.lang;
    let mut header: Vec<String> = Vec::new();
    if !round.anonymous {
        header.extend([ctx.t("companies"), ctx.t("organisation-number")]);
    }
    header.extend([
        ctx.t("area"),
        ctx.t("industry"),
        ctx.t("size"),
        ctx.t("quarter"),
    ]);
    header.extend(battery.questions().map(|q| q.text.get(lang).to_string()));
    // In an anonymous round a background value that fewer than the threshold share (the one
    // large haulier of Brunna) would point at its company: it is left blank.
    let min = thresholds(ctx).min_shown;
    let rare: Vec<std::collections::HashSet<&str>> = (0..4)
        .map(|i| {
            let mut seen: HashMap<&str, u64> = HashMap::new();
            for r in &responses {
                let v = [&r.area, &r.industry, &r.size_class, &r.quarter][i];
                *seen.entry(v.as_str()).or_default() += 1;
            }
            seen.into_iter()
                .filter(|(_, n)| round.anonymous && *n < min)
                .map(|(v, _)| v)
                .collect()
        })
        .collect();
    let rows = responses
        .iter()
        .map(|r| {
            let mut row = Vec::new();
            if !round.anonymous {
                match &r.company {
                    Some(c) => row.extend([
                        c.name.clone(),
                        crate::pages::register::companies::shown_number(ctx, &c.orgnr, c.personal),
                    ]),
                    None => row.extend([String::new(), String::new()]),
                }
            }
            let background = [&r.area, &r.industry, &r.size_class, &r.quarter];
            row.extend(background.iter().enumerate().map(|(i, v)| {
                if rare[i].contains(v.as_str()) {
                    String::new()
                } else {
                    v.to_string()
                }
            }));
            let values = lots_store::as_form(&r.answers);
            row.extend(
                battery
                    .questions()
                    .map(|q| values.get(&q.id).map(|v| v.join(", ")).unwrap_or_default()),
            );
            row
        })
        .collect();
    Ok((header, rows))
}

async fn answers_csv(ctx: Ctx, Path(id): Path<i64>) -> Result<Response, AppError> {
    let (header, rows) = answer_rows(&ctx, id, "csv").await?;
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    spreadsheet(&ctx, false, "responses", ANSWER_FILES, &header, &rows)
}

async fn answers_xlsx(ctx: Ctx, Path(id): Path<i64>) -> Result<Response, AppError> {
    let (header, rows) = answer_rows(&ctx, id, "xlsx").await?;
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    spreadsheet(&ctx, true, "responses", ANSWER_FILES, &header, &rows)
}

async fn phone_page(
    ctx: &Ctx,
    tenant: &Tenant<'_>,
    id: i64,
    invitation_id: i64,
    values: &HashMap<String, Vec<String>>,
    errors: &[lots_domain::battery::FieldError],
) -> Result<Html<String>, AppError> {
    let round = tenant.round(id).await?;
    let (invitation, round_id) = tenant.invitation(invitation_id).await?;
    if round_id != id {
        return Err(AppError::NotFound);
    }
    let battery = tenant
        .battery_version(round.battery_version_id)
        .await?
        .battery;
    let summary: Vec<Value> = errors
        .iter()
        .map(|e| field_error(&format!("q-{}", e.question), ctx.message(&e.message)))
        .collect();
    ctx.render(
        "surveys/survey_form.html",
        &format!("{} – {}", ctx.t("answer-by-phone"), invitation.company_name),
        context! {
            action => format!("/enkater/{id}/telefon/{invitation_id}"),
            sections => form_sections(&battery, ctx.lang, values, errors),
            errors => summary,
            respondent => false,
            breadcrumbs => vec![ctx.crumb("/enkater", "surveys"), ctx.crumb(&format!("/enkater/{id}"), &round.name)],
        },
    )
}

async fn phone_form(
    ctx: Ctx,
    Path((id, invitation)): Path<(i64, i64)>,
) -> Result<Html<String>, AppError> {
    ctx.require(Permission::ManageSurveys)?;
    let tenant = ctx.tenant()?;
    phone_page(&ctx, &tenant, id, invitation, &HashMap::new(), &[]).await
}

async fn phone_save(
    ctx: Ctx,
    Path((id, invitation)): Path<(i64, i64)>,
    form: FormData,
) -> Result<Response, AppError> {
    ctx.require(Permission::ManageSurveys)?;
    let tenant = ctx.tenant()?;
    let round = tenant.round(id).await?;
    let battery = tenant
        .battery_version(round.battery_version_id)
        .await?
        .battery;
    let values = form_answers(&form);
    match battery.check(&values, true) {
        Ok(answers) => {
            let (_, round_id) = tenant.invitation(invitation).await?;
            if round_id != id {
                return Err(AppError::NotFound);
            }
            tenant.enter_phone_answer(invitation, &answers).await?;
            Ok(Redirect::to(&format!("/enkater/{id}")).into_response())
        }
        Err(errors) => {
            let html = phone_page(&ctx, &tenant, id, invitation, &values, &errors).await?;
            Ok(crate::pages::unprocessable(html))
        }
    }
}

/// The municipality's batteries, the standard ones included from the first visit.
async fn batteries_of(tenant: &Tenant<'_>) -> Result<Vec<lots_store::BatterySummary>, AppError> {
    tenant.install_standard_batteries().await?;
    Ok(tenant.batteries().await?)
}

async fn batteries(ctx: Ctx) -> Result<Html<String>, AppError> {
    ctx.require(Permission::ViewSurveyResults)?;
    let tenant = ctx.tenant()?;
    let items: Vec<Value> = batteries_of(&tenant)
        .await?
        .into_iter()
        .map(|b| {
            context! {
                name => b.name.clone(),
                code => b.code.clone(),
                published => b.published.map(|(id, version)| context! { id, version }),
                draft => b.draft,
            }
        })
        .collect();
    ctx.render(
        "surveys/batteries.html",
        &ctx.t("question-batteries"),
        context! { items, breadcrumbs => vec![ctx.crumb("/enkater", "surveys")] },
    )
}

async fn battery(ctx: Ctx, Path(version): Path<i64>) -> Result<Html<String>, AppError> {
    ctx.require(Permission::ViewSurveyResults)?;
    let tenant = ctx.tenant()?;
    let v = tenant.battery_version(version).await?;
    let lang = ctx.lang;
    let sections: Vec<Value> = v
        .battery
        .sections
        .iter()
        .map(|s| {
            context! {
                title => s.title.get(lang),
                questions => s.questions.iter().map(|q| context! {
                    text => q.text.get(lang),
                    kind => ctx.t(match &q.kind {
                        lots_domain::battery::Kind::Rating { .. } => "scale",
                        lots_domain::battery::Kind::Nps => "nps-0-10",
                        lots_domain::battery::Kind::SingleChoice { .. } => "one-choice",
                        lots_domain::battery::Kind::MultipleChoice { .. } => "several-choices",
                        lots_domain::battery::Kind::YesNo => "yes-no",
                        lots_domain::battery::Kind::FreeText => "free-text",
                    }),
                    index => q.index.as_deref().map(|i| index_label(&ctx, i)),
                    required => q.required,
                    conditional => q.show_if.is_some(),
                }).collect::<Vec<_>>(),
            }
        })
        .collect();
    ctx.render(
        "surveys/battery.html",
        v.battery.name.get(lang),
        context! {
            version => v.version,
            id => v.id,
            published => v.published,
            description => v.battery.description.get(lang),
            sections,
            can_publish => ctx.may(Permission::ManageSurveys) && !v.published,
            can_edit => ctx.may(Permission::ManageSurveys),
            breadcrumbs => vec![ctx.crumb("/enkater", "surveys"), ctx.crumb("/fragebatterier", "question-batteries")],
        },
    )
}

async fn publish(ctx: Ctx, Path(version): Path<i64>) -> Result<Response, AppError> {
    ctx.require(Permission::ManageSurveys)?;
    let tenant = ctx.tenant()?;
    tenant.publish_battery_version(version).await?;
    let entry = ctx.audit_entry("battery.publish", "battery_version", version.to_string());
    ctx.app.db.audit(entry).await?;
    Ok(Redirect::to(&format!("/fragebatterier/{version}")).into_response())
}

/// Starts a new draft from a published version (or goes to the open draft).
async fn new_version(ctx: Ctx, Path(version): Path<i64>) -> Result<Response, AppError> {
    ctx.require(Permission::ManageSurveys)?;
    let tenant = ctx.tenant()?;
    let v = tenant.battery_version(version).await?;
    let draft = tenant.save_battery_draft(v.battery_id, &v.battery).await?;
    Ok(Redirect::to(&format!("/fragebatterier/{draft}/andra")).into_response())
}

async fn draft(tenant: &Tenant<'_>, version: i64) -> Result<lots_store::BatteryVersion, AppError> {
    let v = tenant.battery_version(version).await?;
    if v.published {
        return Err(AppError::Unprocessable(
            "published versions do not change".into(),
        ));
    }
    Ok(v)
}

async fn editor_page(
    ctx: &Ctx,
    v: &lots_store::BatteryVersion,
    form: Option<&FormData>,
    errors: Vec<Value>,
) -> Result<Html<String>, AppError> {
    let lang = ctx.lang;
    let sections: Vec<Value> = v
        .battery
        .sections
        .iter()
        .enumerate()
        .map(|(i, s)| {
            context! {
                index => i,
                title => s.title.get(lang),
                questions => s.questions.iter().map(|q| context! {
                    id => q.id.clone(),
                    text => q.text.get(lang),
                    index => q.index.as_deref().map(|x| index_label(ctx, x)),
                }).collect::<Vec<_>>(),
            }
        })
        .collect();
    let indices: Vec<Value> = std::iter::once("nki")
        .chain(lots_domain::battery::SERVICE_FACTORS)
        .map(|code| context! { code, label => index_label(ctx, code) })
        .collect();
    let value = |name: &str| form.map(|f| f.get(name)).unwrap_or_default();
    ctx.render(
        "surveys/battery_edit.html",
        &format!("{} – {}", v.battery.name.get(lang), ctx.t("draft-lower")),
        context! {
            id => v.id,
            version => v.version,
            sections,
            indices,
            errors,
            form => context! {
                section => value("section"), kind => value("kind"), text_sv => value("text_sv"),
                text_en => value("text_en"), min => value("min"), max => value("max"),
                low => value("low"), high => value("high"), choices => value("choices"),
                index => value("index"), required => form.is_some_and(|f| f.get("required") == "1"),
                show_if => value("show_if"), show_if_equals => value("show_if_equals"),
            },
            breadcrumbs => vec![ctx.crumb("/enkater", "surveys"), ctx.crumb("/fragebatterier", "question-batteries")],
        },
    )
}

async fn edit_form(ctx: Ctx, Path(version): Path<i64>) -> Result<Html<String>, AppError> {
    ctx.require(Permission::ManageSurveys)?;
    let tenant = ctx.tenant()?;
    let v = draft(&tenant, version).await?;
    editor_page(&ctx, &v, None, Vec::new()).await
}

/// The question the editor's form describes, each wrong field refused in `errors`; where a
/// field is wrong the question holds a stand-in that is never saved.
fn question_from(
    errors: &mut FormErrors,
    form: &FormData,
    id: String,
) -> lots_domain::battery::Question {
    use lots_domain::battery::{Choice, Kind, Question, Text};
    let text_sv = form.get("text_sv");
    if text_sv.is_empty() {
        errors.refuse("text_sv", "write-the-question-in-swedish");
    }
    let text = |sv: String, en: String| Text { sv, en };
    let mut choices = || -> Vec<Choice> {
        let list: Vec<Choice> = form
            .get("choices")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .enumerate()
            .map(|(i, l)| Choice {
                value: format!("v{}", i + 1),
                text: text(l.to_string(), String::new()),
            })
            .collect();
        if list.len() < 2 {
            errors.refuse("choices", "write-at-least-two-options-one");
        }
        list
    };
    let kind = match form.get("kind").as_str() {
        "rating" => {
            let min = errors.required(
                "min",
                &Typed::read(&form.get("min")),
                "the-scales-lowest-value-must-be",
            );
            let max = errors.required(
                "max",
                &Typed::read(&form.get("max")),
                "the-scales-highest-value-must-be",
            );
            let (min, max) = (min.unwrap_or(1), max.unwrap_or(5));
            if min >= max || max - min > 10 {
                errors.refuse("max", "the-scale-must-go-upwards-with");
            }
            Kind::Rating {
                min,
                max,
                low: text(form.get("low"), String::new()),
                high: text(form.get("high"), String::new()),
                dont_know: true,
            }
        }
        "nps" => Kind::Nps,
        "single_choice" => Kind::SingleChoice { choices: choices() },
        "multiple_choice" => Kind::MultipleChoice { choices: choices() },
        "yes_no" => Kind::YesNo,
        "free_text" => Kind::FreeText,
        _ => {
            errors.refuse("kind", "choose-a-question-type");
            Kind::FreeText
        }
    };
    let index = Some(form.get("index")).filter(|i| !i.is_empty());
    if index.is_some() && !matches!(kind, Kind::Rating { .. } | Kind::Nps) {
        errors.refuse("index", "only-scale-questions-can-feed-an");
    }
    let show_if = match (form.get("show_if"), form.get("show_if_equals")) {
        (q, _) if q.is_empty() => None,
        (_, equals) if equals.trim().is_empty() => {
            errors.refuse("show_if_equals", "write-which-answer-shows-the-question");
            None
        }
        (question, equals) => Some(lots_domain::battery::ShowIf {
            question,
            equals: equals.trim().to_string(),
        }),
    };
    Question {
        id,
        text: text(text_sv, form.get("text_en")),
        kind,
        required: form.get("required") == "1",
        index,
        show_if,
    }
}

async fn add_question(
    ctx: Ctx,
    Path(version): Path<i64>,
    form: FormData,
) -> Result<Response, AppError> {
    ctx.require(Permission::ManageSurveys)?;
    let tenant = ctx.tenant()?;
    let v = draft(&tenant, version).await?;
    let mut battery = v.battery.clone();
    let taken: Vec<String> = battery.questions().map(|q| q.id.clone()).collect();
    let id = (1..)
        .map(|n| format!("q{n}"))
        .find(|id| !taken.contains(id))
        .unwrap_or_default();
    let mut errors = FormErrors::default();
    let question = question_from(&mut errors, &form, id);
    let section = form
        .get("section")
        .parse::<usize>()
        .ok()
        .filter(|s| *s < battery.sections.len());
    if section.is_none() {
        errors.refuse("section", "choose-a-section");
    }
    let save = || async {
        let s = section.unwrap_or_default();
        battery.sections[s].questions.push(question);
        tenant
            .save_battery_draft(v.battery_id, &battery)
            .await
            .map_err(|e| match e {
                StoreError::Field(..) => {
                    StoreError::Field("show_if".into(), "the-question-can-only-depend-on".into())
                }
                other => other,
            })
    };
    let outcome = errors.then(|| ready(Ok(())), save).await;
    answered(
        &ctx,
        outcome,
        |_| redirect(format!("/fragebatterier/{version}/andra")),
        |errors| editor_page(&ctx, &v, Some(&form), errors),
    )
    .await
}

async fn remove_question(
    ctx: Ctx,
    Path((version, question)): Path<(i64, String)>,
) -> Result<Response, AppError> {
    ctx.require(Permission::ManageSurveys)?;
    let tenant = ctx.tenant()?;
    let v = draft(&tenant, version).await?;
    let mut battery = v.battery.clone();
    for s in &mut battery.sections {
        s.questions.retain(|q| q.id != question);
    }
    let outcome = tenant
        .save_battery_draft(v.battery_id, &battery)
        .await
        .map_err(|e| match e {
            StoreError::Field(..) => StoreError::Field(
                "questions".into(),
                "the-question-cannot-be-removed-another".into(),
            ),
            other => other,
        });
    answered(
        &ctx,
        outcome,
        |_| redirect(format!("/fragebatterier/{version}/andra")),
        |errors| editor_page(&ctx, &v, None, errors),
    )
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matrix_labels_never_overprint() {
        // "Bemötande" and "Effektivitet" at nearly the same place, a third far to the left.
        let points = [
            (300.0, 100.0),
            (305.0, 104.0),
            (60.0, 101.0),
            (302.0, 140.0),
        ];
        let rows = label_rows(&points);
        for (i, a) in points.iter().enumerate() {
            for (j, b) in points.iter().enumerate().skip(i + 1) {
                if (a.0 - b.0).abs() < 110.0 {
                    assert!(
                        (rows[i] - rows[j]).abs() >= LABEL_HEIGHT,
                        "{i} and {j}: {rows:?}"
                    );
                }
            }
        }
        assert_eq!(rows[2], 101.0, "a label with room keeps its point's height");
    }

    #[test]
    fn effects_are_written_as_the_reader_writes_numbers() {
        assert_eq!(decimal2(lots_i18n::Lang::Sv, 0.094), "0,09");
        assert_eq!(decimal2(lots_i18n::Lang::En, 0.094), "0.09");
    }
}
