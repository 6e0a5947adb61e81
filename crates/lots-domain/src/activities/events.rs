//! Rules for events, networks and training: the kinds of event, local times in
//! Europe/Stockholm, where a new registration lands (a place or the waiting list), and the
//! share of a unit's staff trained.

use jiff::tz::TimeZone;

/// Kinds of event: (code, message id of its name).
pub const EVENT_KINDS: [(&str, &str); 4] = [
    ("fair", "fair"),
    ("breakfast", "breakfast-meeting"),
    ("information", "information-evening"),
    ("other", "other"),
];

/// Participant statuses: (code, message id of its name).
pub const PARTICIPANT_STATUSES: [(&str, &str); 5] = [
    ("invited", "participant-invited"),
    ("confirmed", "participant-registered"),
    ("waiting", "participant-waiting"),
    ("declined", "declined"),
    ("cancelled", "participant-cancelled"),
];

pub fn kind_message(code: &str) -> &'static str {
    label(&EVENT_KINDS, code)
}

pub fn status_message(code: &str) -> &'static str {
    label(&PARTICIPANT_STATUSES, code)
}

fn label(table: &[(&str, &'static str)], code: &str) -> &'static str {
    table
        .iter()
        .find(|(c, _)| *c == code)
        .map_or("", |(_, l)| l)
}

/// Where a registration lands, given the places already taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Confirmed,
    Waiting,
}

pub fn place_for(confirmed: i64, capacity: i64) -> Place {
    if confirmed < capacity {
        Place::Confirmed
    } else {
        Place::Waiting
    }
}

fn stockholm() -> TimeZone {
    TimeZone::get("Europe/Stockholm").unwrap_or(TimeZone::UTC)
}

/// A wall-clock time in Stockholm (`2026-11-26`, `08:30`) as Unix seconds. In the hour the
/// clocks go back, the earlier of the two instants.
pub fn local_time(date: &str, time: &str) -> Option<i64> {
    let date: jiff::civil::Date = date.trim().parse().ok()?;
    let time: jiff::civil::Time = time.trim().parse().ok()?;
    date.to_datetime(time)
        .to_zoned(stockholm())
        .ok()
        .map(|z| z.timestamp().as_second())
}

/// Unix seconds as the date and time a Stockholm clock shows: (`2026-11-26`, `08:30`).
pub fn local_parts(ts: i64) -> (String, String) {
    jiff::Timestamp::from_second(ts)
        .map(|t| {
            let z = t.to_zoned(stockholm());
            (
                z.strftime("%Y-%m-%d").to_string(),
                z.strftime("%H:%M").to_string(),
            )
        })
        .unwrap_or_default()
}

/// Whole percent of `part` in `whole`, rounded half up; `None` for an empty whole.
pub fn percent(part: i64, whole: i64) -> Option<i64> {
    (whole > 0).then(|| (part * 200 + whole) / (whole * 2))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_fill_up_then_the_waiting_list() {
        assert_eq!(place_for(0, 20), Place::Confirmed);
        assert_eq!(place_for(19, 20), Place::Confirmed);
        assert_eq!(place_for(20, 20), Place::Waiting);
        assert_eq!(place_for(25, 20), Place::Waiting);
    }

    #[test]
    fn local_times_follow_summer_and_winter_time() {
        // 2026-11-26 08:30 CET is 07:30 UTC; 2026-06-15 08:30 CEST is 06:30 UTC.
        assert_eq!(local_time("2026-11-26", "08:30"), Some(1_795_678_200));
        assert_eq!(local_time("2026-06-15", "08:30"), Some(1_781_505_000));
        assert_eq!(
            local_parts(1_795_678_200),
            ("2026-11-26".into(), "08:30".into())
        );
        assert_eq!(local_time("2026-13-01", "08:30"), None);
        assert_eq!(local_time("2026-11-26", "25:00"), None);
    }

    #[test]
    fn percent_rounds_half_up() {
        assert_eq!(percent(104, 118), Some(88));
        assert_eq!(percent(1, 8), Some(13));
        assert_eq!(percent(0, 5), Some(0));
        assert_eq!(percent(3, 0), None);
    }

    #[test]
    fn every_code_has_a_label() {
        for (code, _) in EVENT_KINDS {
            assert!(!kind_message(code).is_empty());
        }
        assert_eq!(status_message("waiting"), "participant-waiting");
        assert_eq!(status_message("nonsense"), "");
    }
}
