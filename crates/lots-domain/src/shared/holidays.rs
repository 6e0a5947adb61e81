//! Swedish public holidays (lagen om allmänna helgdagar) and the eves offices treat as
//! holidays (midsommarafton, julafton, nyårsafton): which days are working days for
//! booking visits.

use jiff::civil::{Date, Weekday, date};

/// Easter Sunday of a year (the anonymous Gregorian algorithm).
pub fn easter(year: i16) -> Date {
    let y = i32::from(year);
    let a = y % 19;
    let b = y / 100;
    let c = y % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    date(year, month as i8, day as i8)
}

/// The first `weekday` on or after `from`.
fn first_on_or_after(from: Date, weekday: Weekday) -> Date {
    let ahead = (weekday.to_monday_zero_offset() - from.weekday().to_monday_zero_offset() + 7) % 7;
    from.checked_add(jiff::Span::new().days(i64::from(ahead)))
        .unwrap_or(from)
}

fn plus_days(d: Date, n: i64) -> Date {
    d.checked_add(jiff::Span::new().days(n)).unwrap_or(d)
}

/// The public holidays of a year with the message ids of their names, in date order.
pub fn public_holidays(year: i16) -> Vec<(Date, &'static str)> {
    let easter = easter(year);
    let mut days = vec![
        (date(year, 1, 1), "holiday-new-years-day"),
        (date(year, 1, 6), "holiday-epiphany"),
        (plus_days(easter, -2), "holiday-good-friday"),
        (easter, "holiday-easter-sunday"),
        (plus_days(easter, 1), "holiday-easter-monday"),
        (date(year, 5, 1), "holiday-may-day"),
        (plus_days(easter, 39), "holiday-ascension-day"),
        (plus_days(easter, 49), "holiday-whit-sunday"),
        (date(year, 6, 6), "holiday-national-day"),
        (
            first_on_or_after(date(year, 6, 20), Weekday::Saturday),
            "holiday-midsummer-day",
        ),
        (
            first_on_or_after(date(year, 10, 31), Weekday::Saturday),
            "holiday-all-saints-day",
        ),
        (date(year, 12, 25), "holiday-christmas-day"),
        (date(year, 12, 26), "holiday-boxing-day"),
    ];
    days.sort();
    days
}

/// The eves that offices close: midsommarafton, julafton and nyårsafton.
pub fn closed_eves(year: i16) -> Vec<(Date, &'static str)> {
    vec![
        (
            first_on_or_after(date(year, 6, 19), Weekday::Friday),
            "holiday-midsummer-eve",
        ),
        (date(year, 12, 24), "holiday-christmas-eve"),
        (date(year, 12, 31), "holiday-new-years-eve"),
    ]
}

/// Why a day is not a working day (a message id), or `None` when it is one.
pub fn closed_because(day: Date) -> Option<&'static str> {
    if matches!(day.weekday(), Weekday::Saturday | Weekday::Sunday) {
        return Some("holiday-weekend");
    }
    public_holidays(day.year())
        .into_iter()
        .chain(closed_eves(day.year()))
        .find(|(d, _)| *d == day)
        .map(|(_, name)| name)
}

/// The public holidays and closed eves from `from` through `to` that fall on weekdays.
pub fn holidays_between(from: Date, to: Date) -> Vec<(Date, &'static str)> {
    let mut out: Vec<(Date, &'static str)> = (from.year()..=to.year())
        .flat_map(|y| public_holidays(y).into_iter().chain(closed_eves(y)))
        .filter(|(d, _)| *d >= from && *d <= to)
        .filter(|(d, _)| !matches!(d.weekday(), Weekday::Saturday | Weekday::Sunday))
        .collect();
    out.sort();
    out
}

pub fn is_working_day(day: Date) -> bool {
    closed_because(day).is_none()
}

/// The working days from `from` through `to`.
pub fn working_days(from: Date, to: Date) -> Vec<Date> {
    let mut out = Vec::new();
    let mut day = from;
    while day <= to {
        if is_working_day(day) {
            out.push(day);
        }
        day = plus_days(day, 1);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sv(id: &str) -> String {
        lots_i18n::text(lots_i18n::Lang::Sv, id)
    }

    fn days(year: i16) -> Vec<String> {
        public_holidays(year)
            .iter()
            .map(|(d, n)| format!("{d} {}", sv(n)))
            .collect()
    }

    #[test]
    fn every_public_holiday_of_2024_to_2027() {
        assert_eq!(
            days(2024),
            [
                "2024-01-01 Nyårsdagen",
                "2024-01-06 Trettondedag jul",
                "2024-03-29 Långfredagen",
                "2024-03-31 Påskdagen",
                "2024-04-01 Annandag påsk",
                "2024-05-01 Första maj",
                "2024-05-09 Kristi himmelsfärdsdag",
                "2024-05-19 Pingstdagen",
                "2024-06-06 Sveriges nationaldag",
                "2024-06-22 Midsommardagen",
                "2024-11-02 Alla helgons dag",
                "2024-12-25 Juldagen",
                "2024-12-26 Annandag jul",
            ]
        );
        assert_eq!(
            days(2025),
            [
                "2025-01-01 Nyårsdagen",
                "2025-01-06 Trettondedag jul",
                "2025-04-18 Långfredagen",
                "2025-04-20 Påskdagen",
                "2025-04-21 Annandag påsk",
                "2025-05-01 Första maj",
                "2025-05-29 Kristi himmelsfärdsdag",
                "2025-06-06 Sveriges nationaldag",
                "2025-06-08 Pingstdagen",
                "2025-06-21 Midsommardagen",
                "2025-11-01 Alla helgons dag",
                "2025-12-25 Juldagen",
                "2025-12-26 Annandag jul",
            ]
        );
        assert_eq!(
            days(2026),
            [
                "2026-01-01 Nyårsdagen",
                "2026-01-06 Trettondedag jul",
                "2026-04-03 Långfredagen",
                "2026-04-05 Påskdagen",
                "2026-04-06 Annandag påsk",
                "2026-05-01 Första maj",
                "2026-05-14 Kristi himmelsfärdsdag",
                "2026-05-24 Pingstdagen",
                "2026-06-06 Sveriges nationaldag",
                "2026-06-20 Midsommardagen",
                "2026-10-31 Alla helgons dag",
                "2026-12-25 Juldagen",
                "2026-12-26 Annandag jul",
            ]
        );
        assert_eq!(
            days(2027),
            [
                "2027-01-01 Nyårsdagen",
                "2027-01-06 Trettondedag jul",
                "2027-03-26 Långfredagen",
                "2027-03-28 Påskdagen",
                "2027-03-29 Annandag påsk",
                "2027-05-01 Första maj",
                "2027-05-06 Kristi himmelsfärdsdag",
                "2027-05-16 Pingstdagen",
                "2027-06-06 Sveriges nationaldag",
                "2027-06-26 Midsommardagen",
                "2027-11-06 Alla helgons dag",
                "2027-12-25 Juldagen",
                "2027-12-26 Annandag jul",
            ]
        );
    }

    #[test]
    fn the_eves_offices_close() {
        assert_eq!(closed_eves(2024)[0].0, date(2024, 6, 21));
        assert_eq!(closed_eves(2025)[0].0, date(2025, 6, 20));
        assert_eq!(closed_eves(2026)[0].0, date(2026, 6, 19));
        assert_eq!(closed_eves(2027)[0].0, date(2027, 6, 25));
        assert_eq!(
            closed_because(date(2026, 12, 24)).map(sv),
            Some("Julafton".into())
        );
        assert_eq!(
            closed_because(date(2026, 12, 31)).map(sv),
            Some("Nyårsafton".into())
        );
        assert_eq!(
            closed_because(date(2026, 6, 19)).map(sv),
            Some("Midsommarafton".into())
        );
    }

    #[test]
    fn working_days_skip_weekends_holidays_and_eves() {
        // Easter week 2026: Thursday 2 April works, Good Friday and Easter Monday do not.
        let week = working_days(date(2026, 3, 30), date(2026, 4, 10));
        let shown: Vec<String> = week.iter().map(Date::to_string).collect();
        assert_eq!(
            shown,
            [
                "2026-03-30",
                "2026-03-31",
                "2026-04-01",
                "2026-04-02",
                "2026-04-07",
                "2026-04-08",
                "2026-04-09",
                "2026-04-10",
            ]
        );
        // Christmas 2026: the 24th to the 26th and New Year's Eve are closed.
        let christmas = working_days(date(2026, 12, 21), date(2027, 1, 8));
        assert!(!christmas.contains(&date(2026, 12, 24)));
        assert!(christmas.contains(&date(2026, 12, 23)) && christmas.contains(&date(2026, 12, 28)));
        assert!(!christmas.contains(&date(2026, 12, 31)) && !christmas.contains(&date(2027, 1, 1)));
        assert!(!christmas.contains(&date(2027, 1, 6)));
        assert_eq!(christmas.len(), 10);
        let closed: Vec<String> = holidays_between(date(2026, 12, 21), date(2027, 1, 8))
            .iter()
            .map(|(_, n)| sv(n))
            .collect();
        assert_eq!(
            closed,
            [
                "Julafton",
                "Juldagen",
                "Nyårsafton",
                "Nyårsdagen",
                "Trettondedag jul"
            ]
        );
    }
}
