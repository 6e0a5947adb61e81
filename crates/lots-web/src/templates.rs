//! The page templates, embedded in the binary, with autoescaping and the helpers every page
//! uses: `t()` for translation, Swedish dates in Europe/Stockholm and Swedish numbers.

use jiff::tz::TimeZone;
use lots_i18n::FluentValue;
use minijinja::value::Kwargs;
use minijinja::{AutoEscape, Environment, State, Value};

use lots_i18n::Lang;

macro_rules! sources {
    ($($name:literal),* $(,)?) => {
        pub const SOURCES: &[(&str, &str)] = &[
            $(($name, include_str!(concat!("../templates/", $name)))),*
        ];
    };
}

sources!(
    "shared/base.html",
    "shared/macros.html",
    "platform/sign_in.html",
    "platform/overview.html",
    "platform/organisation.html",
    "platform/unit.html",
    "platform/staff.html",
    "platform/staff_member.html",
    "platform/invite.html",
    "platform/invitation.html",
    "platform/password.html",
    "platform/tokens.html",
    "platform/undelivered.html",
    "platform/token_created.html",
    "platform/audit.html",
    "platform/face.html",
    "platform/api_docs.html",
    "shared/error.html",
    "shared/reach.html",
    "shared/confirm.html",
    "register/companies.html",
    "register/company.html",
    "register/company_form.html",
    "register/contact.html",
    "register/contact_extract.html",
    "register/contact_erase.html",
    "register/import.html",
    "register/import_preview.html",
    "register/duplicates.html",
    "register/merge.html",
    "register/contacts_review.html",
    "surveys/surveys.html",
    "surveys/survey_new.html",
    "surveys/survey_round.html",
    "surveys/survey_form.html",
    "surveys/survey_closed.html",
    "surveys/survey_thanks.html",
    "surveys/batteries.html",
    "surveys/battery.html",
    "surveys/members_nki.html",
    "surveys/battery_edit.html",
    "surveys/survey_results.html",
    "surveys/survey_period.html",
    "surveys/audience.html",
    "surveys/survey_add.html",
    "surveys/joint_rounds.html",
    "cases/cases.html",
    "cases/case.html",
    "cases/case_times.html",
    "cases/contact_form.html",
    "cases/contact_log.html",
    "cases/contact_stats.html",
    "cases/fault_form.html",
    "cases/fault_thanks.html",
    "cases/fault_follow.html",
    "cases/fault_reports.html",
    "cases/fault_report.html",
    "cases/case_settings.html",
    "activities/events.html",
    "activities/event_form.html",
    "activities/event.html",
    "activities/event_invite.html",
    "activities/event_checkin.html",
    "activities/event_link.html",
    "activities/networks.html",
    "activities/network.html",
    "activities/training.html",
    "activities/training_session.html",
    "activities/training_coverage.html",
    "campaigns/campaigns.html",
    "campaigns/campaign.html",
    "campaigns/checklist.html",
    "campaigns/checklists.html",
    "campaigns/visit.html",
    "campaigns/visit_booking.html",
    "campaigns/calendar_feed.html",
    "surveys/battery_fields.html",
    "campaigns/campaign_report.html",
    "campaigns/feedback.html",
    "surveys/answer_distributions.html",
    "campaigns/campaign_progress.html",
    "campaigns/campaign_said.html",
    "campaigns/campaign_referrals.html",
    "campaigns/campaign_follow_up.html",
);

pub fn environment() -> Environment<'static> {
    let mut env = Environment::new();
    env.set_auto_escape_callback(|_| AutoEscape::Html);
    env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
    for (name, source) in SOURCES {
        // Templates are compiled in; a syntax error is caught by the tests, not at runtime.
        env.add_template(name, source)
            .unwrap_or_else(|e| panic!("template {name}: {e}"));
    }
    env.add_function("t", |state: &State, id: &str, kwargs: Kwargs| {
        let args = message_args(&kwargs)?;
        let args: Vec<_> = args
            .iter()
            .map(|(name, value)| (name.as_str(), value.clone()))
            .collect();
        Ok::<_, minijinja::Error>(lots_i18n::text_with(lang_of(state), id, &args))
    });
    env.add_function("role_label", |state: &State, code: &str| {
        role_label(lang_of(state), code)
    });
    env.add_filter("datetime", |state: &State, ts: Option<i64>| {
        when(lang_of(state), ts, true)
    });
    env.add_filter("date", |state: &State, ts: Option<i64>| {
        when(lang_of(state), ts, false)
    });
    env.add_filter("time", |ts: Option<i64>| {
        ts.map(|t| lots_domain::events::local_parts(t).1)
            .unwrap_or_default()
    });
    env.add_filter("weekday", |state: &State, day: &str| {
        weekday_date(lang_of(state), day)
    });
    env.add_filter("number", |state: &State, n: i64| match lang_of(state) {
        Lang::Sv => lots_domain::numbers::integer_sv(n),
        Lang::En => n.to_string(),
    });
    env
}

/// A day with its weekday, `torsdag 2026-12-03`, as pages a company reads show dates; a text
/// that is no date comes back as it is.
pub fn weekday_date(lang: Lang, day: &str) -> String {
    match day.parse::<jiff::civil::Date>() {
        Ok(date) => lots_i18n::weekday_date(lang, date.weekday().to_monday_one_offset(), day),
        Err(_) => day.to_string(),
    }
}

/// A template's `t("id", count=n, name=x)`: numbers stay numbers, for Fluent's plurals.
fn message_args(kwargs: &Kwargs) -> Result<Vec<(String, FluentValue<'static>)>, minijinja::Error> {
    kwargs
        .args()
        .map(|name| {
            let value: Value = kwargs.get(name)?;
            let fluent = match value.as_i64() {
                Some(n) if value.kind() == minijinja::value::ValueKind::Number => {
                    FluentValue::from(n)
                }
                _ => match f64::try_from(value.clone()) {
                    Ok(x) if value.kind() == minijinja::value::ValueKind::Number => {
                        FluentValue::from(x)
                    }
                    _ => FluentValue::from(value.to_string()),
                },
            };
            Ok((name.to_string(), fluent))
        })
        .collect()
}

fn lang_of(state: &State) -> Lang {
    state
        .lookup("lang")
        .and_then(|v| v.as_str().and_then(Lang::parse))
        .unwrap_or(Lang::Sv)
}

pub fn role_label(lang: Lang, code: &str) -> String {
    match code.parse::<lots_domain::Role>() {
        Ok(role) => lots_i18n::text(lang, role.message()),
        Err(_) => code.to_string(),
    }
}

fn stockholm() -> TimeZone {
    TimeZone::get("Europe/Stockholm").unwrap_or(TimeZone::UTC)
}

/// `2026-11-26 14:30`, with "i dag"/"i går" beside the full date when it applies.
pub fn when(lang: Lang, ts: Option<i64>, with_time: bool) -> String {
    let Some(ts) = ts else {
        return lots_i18n::text(lang, "never");
    };
    let Ok(t) = jiff::Timestamp::from_second(ts) else {
        return String::new();
    };
    let zoned = t.to_zoned(stockholm());
    let today = jiff::Timestamp::now().to_zoned(stockholm()).date();
    let mut out = if with_time {
        zoned.strftime("%Y-%m-%d %H:%M").to_string()
    } else {
        zoned.strftime("%Y-%m-%d").to_string()
    };
    let day = zoned.date();
    if day == today {
        out.push_str(&format!(" ({})", lots_i18n::text(lang, "today")));
    } else if today.yesterday().ok() == Some(day) {
        out.push_str(&format!(" ({})", lots_i18n::text(lang, "yesterday")));
    }
    out
}

/// Parses a date typed as `2026-11-26` into the Unix second its day starts in Stockholm.
pub fn parse_day_start(s: &str) -> Option<i64> {
    let date: jiff::civil::Date = s.trim().parse().ok()?;
    date.to_zoned(stockholm())
        .ok()
        .map(|z| z.timestamp().as_second())
}

pub fn render(
    env: &Environment<'static>,
    name: &str,
    ctx: Value,
) -> Result<String, minijinja::Error> {
    env.get_template(name)?.render(ctx)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_day_a_company_reads_carries_its_weekday() {
        assert_eq!(weekday_date(Lang::Sv, "2026-12-03"), "torsdag 2026-12-03");
        assert_eq!(weekday_date(Lang::En, "2027-03-01"), "Monday 2027-03-01");
        assert_eq!(weekday_date(Lang::Sv, "snart"), "snart");
    }

    #[test]
    fn every_template_compiles() {
        let env = environment();
        for (name, _) in SOURCES {
            env.get_template(name).unwrap();
        }
    }

    #[test]
    fn dates_are_iso_in_stockholm_time() {
        // 2026-06-01 10:30 UTC is 12:30 in Swedish summer time.
        assert_eq!(
            when(Lang::Sv, Some(1_780_309_800), true),
            "2026-06-01 12:30"
        );
        assert_eq!(when(Lang::Sv, None, true), "Aldrig");
        let start = parse_day_start("2026-11-26").unwrap();
        assert_eq!(
            when(Lang::Sv, Some(start), true).get(..16),
            Some("2026-11-26 00:00")
        );
        assert_eq!(parse_day_start("26/11/2026"), None);
    }
}
