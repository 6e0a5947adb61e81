//! The page templates, embedded in the binary, with autoescaping and the helpers every page
//! uses: `t()` for translation, Swedish dates in Europe/Stockholm and Swedish numbers.

use jiff::tz::TimeZone;
use minijinja::{AutoEscape, Environment, State, Value};

use crate::i18n::{Lang, translate};

macro_rules! sources {
    ($($name:literal),* $(,)?) => {
        pub const SOURCES: &[(&str, &str)] = &[
            $(($name, include_str!(concat!("../templates/", $name)))),*
        ];
    };
}

sources!(
    "base.html",
    "macros.html",
    "sign_in.html",
    "overview.html",
    "organisation.html",
    "unit.html",
    "staff.html",
    "staff_member.html",
    "invite.html",
    "invitation.html",
    "password.html",
    "tokens.html",
    "undelivered.html",
    "token_created.html",
    "token_revoke.html",
    "audit.html",
    "api_docs.html",
    "error.html",
    "companies.html",
    "company.html",
    "company_form.html",
    "contact.html",
    "contact_extract.html",
    "contact_erase.html",
    "import.html",
    "import_preview.html",
    "duplicates.html",
    "merge.html",
    "contacts_review.html",
    "surveys.html",
    "survey_new.html",
    "survey_round.html",
    "survey_form.html",
    "survey_closed.html",
    "survey_thanks.html",
    "batteries.html",
    "battery.html",
    "members_nki.html",
    "battery_edit.html",
    "survey_results.html",
    "survey_period.html",
    "audience.html",
    "survey_add.html",
    "joint_rounds.html",
    "cases.html",
    "case.html",
    "case_times.html",
    "contact_log.html",
    "contact_stats.html",
    "fault_form.html",
    "fault_thanks.html",
    "fault_reports.html",
    "fault_report.html",
    "case_settings.html",
    "events.html",
    "event_form.html",
    "event.html",
    "event_invite.html",
    "event_checkin.html",
    "event_link.html",
    "networks.html",
    "network.html",
    "training.html",
    "training_session.html",
    "training_coverage.html",
    "campaigns.html",
    "campaign.html",
    "checklist.html",
    "checklists.html",
    "visit.html",
    "visit_booking.html",
    "calendar_feed.html",
    "battery_fields.html",
    "campaign_report.html",
    "feedback.html",
    "answer_distributions.html",
    "campaign_figures.html",
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
    env.add_function("t", |state: &State, text: &str| {
        translate(lang_of(state), text)
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
    env.add_filter("number", |state: &State, n: i64| match lang_of(state) {
        Lang::Sv => lots_domain::numbers::integer_sv(n),
        Lang::En => n.to_string(),
    });
    env
}

fn lang_of(state: &State) -> Lang {
    state
        .lookup("lang")
        .and_then(|v| v.as_str().and_then(Lang::parse))
        .unwrap_or(Lang::Sv)
}

pub fn role_label(lang: Lang, code: &str) -> String {
    match code.parse::<lots_domain::Role>() {
        Ok(role) if lang == Lang::En => role.label_en().to_string(),
        Ok(role) => role.label_sv().to_string(),
        Err(_) => code.to_string(),
    }
}

fn stockholm() -> TimeZone {
    TimeZone::get("Europe/Stockholm").unwrap_or(TimeZone::UTC)
}

/// `2026-11-26 14:30`, with "i dag"/"i går" beside the full date when it applies.
pub fn when(lang: Lang, ts: Option<i64>, with_time: bool) -> String {
    let Some(ts) = ts else {
        return translate(lang, "Aldrig");
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
        out.push_str(&format!(" ({})", translate(lang, "i dag")));
    } else if today.yesterday().ok() == Some(day) {
        out.push_str(&format!(" ({})", translate(lang, "i går")));
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
