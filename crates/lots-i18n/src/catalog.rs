use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::memoizer::MemoizerKind;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

use crate::Lang;

/// A named placeholder's value: `("count", 3.into())`, `("name", name.into())`.
pub type Arg<'a> = (&'a str, FluentValue<'a>);

macro_rules! catalog {
    ($($capability:literal),* $(,)?) => {
        /// The catalog's files, one per capability in each language.
        const SOURCES: [&[(&str, &str)]; 2] = [
            &[$(($capability, include_str!(concat!("../locales/sv/", $capability, ".ftl")))),*],
            &[$(($capability, include_str!(concat!("../locales/en/", $capability, ".ftl")))),*],
        ];
    };
}

catalog!(
    "shared",
    "platform",
    "register",
    "cases",
    "surveys",
    "activities",
    "campaigns",
);

struct Catalog {
    bundles: [FluentBundle<FluentResource>; 2],
}

fn catalog() -> &'static Catalog {
    static CELL: OnceLock<Catalog> = OnceLock::new();
    CELL.get_or_init(|| Catalog {
        bundles: Lang::ALL.map(bundle),
    })
}

fn bundle(lang: Lang) -> FluentBundle<FluentResource> {
    let locale = lang.code().parse().expect("a valid language identifier");
    let mut bundle = FluentBundle::new_concurrent(vec![locale]);
    // The pages are left to right only; isolation marks would show up in text and CSV.
    bundle.set_use_isolating(false);
    if lang == Lang::Sv {
        bundle.set_formatter(Some(swedish_number));
    }
    bundle
        .add_function("EXAMPLE_DAY", |_, _| FluentValue::from(example_day()))
        .expect("one EXAMPLE_DAY function");
    for (capability, source) in SOURCES[lang as usize] {
        // The files are compiled in: a syntax error or a repeated id fails the tests at once.
        let resource = FluentResource::try_new(source.to_string())
            .unwrap_or_else(|(_, e)| panic!("locales/{}/{capability}.ftl: {e:?}", lang.code()));
        bundle
            .add_resource(resource)
            .unwrap_or_else(|e| panic!("locales/{}/{capability}.ftl: {e:?}", lang.code()));
    }
    bundle
}

/// A day a month from today, `2027-01-03`: the example of a message that asks for a date
/// (`{ EXAMPLE_DAY() }`), so that the example never lies in the past.
fn example_day() -> String {
    let today = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 86_400);
    let (y, m, d) = civil_from_days(today as i64 + 30);
    format!("{y:04}-{m:02}-{d:02}")
}

/// The calendar date of a count of days since 1970-01-01 (Howard Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// `1 234` and `76,7`: Swedish digit groups and the decimal comma.
fn swedish_number<M: MemoizerKind>(value: &FluentValue, _: &M) -> Option<String> {
    let FluentValue::Number(n) = value else {
        return None;
    };
    let decimals = n.options.minimum_fraction_digits.unwrap_or(0);
    if decimals == 0 && n.value.fract() == 0.0 {
        Some(crate::numbers::integer_sv(n.value as i64))
    } else {
        let decimals = decimals.max(n.options.maximum_fraction_digits.unwrap_or(1).min(3));
        Some(crate::numbers::decimal_sv(n.value, decimals))
    }
}

fn format(
    bundle: &FluentBundle<FluentResource>,
    id: &str,
    args: Option<&FluentArgs>,
) -> Option<String> {
    let pattern = bundle.get_message(id)?.value()?;
    let mut errors = Vec::new();
    Some(
        bundle
            .format_pattern(pattern, args, &mut errors)
            .into_owned(),
    )
}

/// The message `id` in `lang`. A text that is not an id (a name, a stored value) comes back
/// as it is.
pub fn text(lang: Lang, id: &str) -> String {
    text_with(lang, id, &[])
}

/// The message `id` in `lang` with its placeholders filled.
pub fn text_with(lang: Lang, id: &str, args: &[Arg]) -> String {
    let bundle = &catalog().bundles[lang as usize];
    format(bundle, id, fluent_args(args).as_ref()).unwrap_or_else(|| id.to_string())
}

/// A day with its weekday (1 for Monday … 7 for Sunday), `torsdag 2026-12-03`: how a date
/// is shown to a company.
pub fn weekday_date(lang: Lang, weekday: i8, day: &str) -> String {
    text_with(
        lang,
        "weekday-date",
        &[("weekday", weekday.into()), ("day", day.into())],
    )
}

/// The attribute `.name` of message `id` with its placeholders filled, if it has one.
pub fn attribute_with(lang: Lang, id: &str, name: &str, args: &[Arg]) -> Option<String> {
    let bundle = &catalog().bundles[lang as usize];
    let pattern = bundle.get_message(id)?.get_attribute(name)?.value();
    let args = fluent_args(args);
    let mut errors = Vec::new();
    Some(
        bundle
            .format_pattern(pattern, args.as_ref(), &mut errors)
            .into_owned(),
    )
}

fn fluent_args<'a>(args: &[Arg<'a>]) -> Option<FluentArgs<'a>> {
    (!args.is_empty()).then(|| {
        let mut all = FluentArgs::with_capacity(args.len());
        for (name, value) in args {
            all.set(*name, value.clone());
        }
        all
    })
}

/// Whether the catalog has a message `id` in every language.
pub fn exists(id: &str) -> bool {
    catalog().bundles.iter().all(|b| b.has_message(id))
}

/// Every message id of a language, in file order.
pub fn ids(lang: Lang) -> Vec<String> {
    SOURCES[lang as usize]
        .iter()
        .flat_map(|(_, source)| source.lines())
        .filter_map(|line| {
            let (id, _) = line.split_once(" =")?;
            let starts_well = id.starts_with(|c: char| c.is_ascii_alphabetic());
            (starts_well
                && id
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'))
            .then(|| id.to_string())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_have_the_same_messages() {
        let sv = ids(Lang::Sv);
        let en = ids(Lang::En);
        let only_sv: Vec<_> = sv.iter().filter(|id| !en.contains(id)).collect();
        let only_en: Vec<_> = en.iter().filter(|id| !sv.contains(id)).collect();
        assert!(only_sv.is_empty(), "no English: {only_sv:?}");
        assert!(only_en.is_empty(), "no Swedish: {only_en:?}");
        for id in &sv {
            assert!(exists(id), "{id} does not parse in both languages");
        }
    }

    #[test]
    fn messages_are_found_by_id_and_other_text_stays_as_it_is() {
        assert_eq!(text(Lang::En, "sign-in"), "Sign in");
        assert_eq!(text(Lang::Sv, "sign-in"), "Logga in");
        assert_eq!(text(Lang::En, "Logga in"), "Logga in");
        assert_eq!(text(Lang::En, "Upplands-Bro kommun"), "Upplands-Bro kommun");
    }
}

#[cfg(test)]
mod formatting {
    use super::*;

    #[test]
    fn plurals_choose_by_number_and_swedish_numbers_have_groups() {
        let places = |lang, n: i64| text_with(lang, "count-places-left", &[("count", n.into())]);
        assert_eq!(places(Lang::En, 1), "1 place left.");
        assert_eq!(places(Lang::En, 3), "3 places left.");
        assert_eq!(places(Lang::Sv, 1), "1 plats kvar.");
        assert_eq!(
            places(Lang::Sv, 1234),
            format!("{} platser kvar.", crate::numbers::integer_sv(1234))
        );
        assert_eq!(places(Lang::En, 1234), "1234 places left.");
    }

    #[test]
    fn a_mail_keeps_its_blank_lines_and_its_choices() {
        let args = [
            ("municipality", "Upplands-Bro kommun".into()),
            ("closes", "2026-12-20".into()),
            ("link", "https://lots.example/s/abc".into()),
            ("reminder", "yes".into()),
            ("anonymous", "no".into()),
        ];
        let body = text_with(Lang::Sv, "survey-mail-body", &args);
        assert!(
            body.starts_with("Hej!\n\nUpplands-Bro kommun vill veta"),
            "{body}"
        );
        assert!(
            body.contains("senast 2026-12-20:\nhttps://lots.example/s/abc\n\n"),
            "{body}"
        );
        assert!(body.ends_with("tills enkäten stänger."), "{body}");
        assert_eq!(
            text_with(Lang::En, "survey-mail-subject", &args),
            "Reminder: Upplands-Bro kommun wants to hear how you experience its service"
        );
        let anonymous = [("anonymous", "yes".into()), ("reminder", "no".into())];
        assert!(
            text_with(Lang::En, "survey-mail-body", &anonymous)
                .ends_with("closes. Your answers are anonymous: the municipality sees them only together with others'.")
        );
    }
}

#[cfg(test)]
mod example_day {
    #[test]
    fn days_since_1970_are_calendar_dates() {
        assert_eq!(super::civil_from_days(0), (1970, 1, 1));
        assert_eq!(super::civil_from_days(20_790), (2026, 12, 3));
        assert_eq!(super::civil_from_days(20_878), (2027, 3, 1));
        assert_eq!(super::civil_from_days(11_016), (2000, 2, 29));
    }

    #[test]
    fn a_message_asking_for_a_date_gives_a_day_to_come() {
        let text = super::text(crate::Lang::En, "write-the-date-as-2026-11");
        let day = text
            .trim_start_matches("Write the date as ")
            .trim_end_matches('.');
        assert_eq!(day.len(), 10, "{text}");
        assert!(day > "2026-12-03", "{text}");
    }
}

#[cfg(test)]
mod usage {
    //! The catalog against the code: every id the code asks for exists, every id is asked for.
    use super::*;
    use std::path::{Path, PathBuf};

    fn sources() -> Vec<(PathBuf, String)> {
        let crates = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let mut out = Vec::new();
        let mut stack = vec![crates];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                let name = path.file_name().unwrap().to_string_lossy().to_string();
                if path.is_dir() {
                    if name != "target" && name != "locales" {
                        stack.push(path);
                    }
                } else if name.ends_with(".rs")
                    || name.ends_with(".html")
                    || name.ends_with(".sql")
                    || name.ends_with(".txt")
                {
                    out.push((path.clone(), std::fs::read_to_string(&path).unwrap()));
                }
            }
        }
        out
    }

    /// The literal after each `call` in `source`: `t("id")` gives `id`.
    fn asked_for<'a>(source: &'a str, call: &str) -> Vec<&'a str> {
        let mut out = Vec::new();
        let mut rest = source;
        while let Some(at) = rest.find(call) {
            rest = &rest[at + call.len()..];
            let Some(end) = rest.find('"') else { break };
            out.push(&rest[..end]);
        }
        out
    }

    fn is_id(s: &str) -> bool {
        s.starts_with(|c: char| c.is_ascii_lowercase())
            && s.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    }

    #[test]
    fn every_id_the_code_asks_for_exists() {
        let mut missing = Vec::new();
        for (path, source) in sources() {
            if path.ends_with("lots-i18n/src/catalog.rs") {
                continue;
            }
            let calls: &[&str] = if path.extension().is_some_and(|e| e == "html") {
                &["t(\""]
            } else {
                &[
                    ".t(\"",
                    "ctx.t(\"",
                    "t_with(\"",
                    "text(Lang::Sv, \"",
                    "text(Lang::En, \"",
                    "text(lang, \"",
                    "text_with(lang, \"",
                    "say::text(\"",
                    "say::out(\"",
                    "say::err(\"",
                ]
            };
            for call in calls {
                for id in asked_for(&source, call) {
                    if !exists(id) {
                        missing.push(format!("{}: {id}", path.display()));
                    }
                }
            }
        }
        missing.sort();
        missing.dedup();
        assert!(missing.is_empty(), "ids not in the catalog: {missing:#?}");
    }

    #[test]
    fn every_id_in_the_catalog_is_used() {
        let all: String = sources().into_iter().map(|(_, s)| s).collect();
        let unused: Vec<String> = ids(Lang::Sv)
            .into_iter()
            .filter(|id| {
                assert!(
                    is_id(id),
                    "{id}: ids are lower case words joined by hyphens"
                );
                !all.contains(&format!("\"{id}\"")) && !all.contains(&format!("'{id}'"))
            })
            .collect();
        assert!(unused.is_empty(), "ids nothing asks for: {unused:#?}");
    }
}
