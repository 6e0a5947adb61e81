//! Rules for events, networks and training: the kinds of event, local times in
//! Europe/Stockholm, where a new registration lands (a place or the waiting list), and the
//! share of a unit's staff trained.

use jiff::tz::TimeZone;

crate::codes! {
    /// What kind of event it is.
    pub enum EventKind {
        Fair = "fair" => "fair",
        Breakfast = "breakfast" => "breakfast-meeting",
        Information = "information" => "information-evening",
        Other = "other" => "other",
    }
}

crate::codes! {
    /// Where a participant stands: invited, with a place or on the waiting list, or not
    /// coming (an invitation declined, a place given up).
    pub enum ParticipantStatus {
        Invited = "invited" => "participant-invited",
        Confirmed = "confirmed" => "participant-registered",
        Waiting = "waiting" => "participant-waiting",
        Declined = "declined" => "declined",
        Cancelled = "cancelled" => "participant-cancelled",
    }
}

impl ParticipantStatus {
    /// Registered: a place, or a place on the waiting list.
    pub fn is_registered(self) -> bool {
        matches!(
            self,
            ParticipantStatus::Confirmed | ParticipantStatus::Waiting
        )
    }

    /// Not coming.
    pub fn has_left(self) -> bool {
        matches!(
            self,
            ParticipantStatus::Declined | ParticipantStatus::Cancelled
        )
    }
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
/// The day a Unix second falls on in Europe/Stockholm.
pub fn local_day(ts: i64) -> jiff::civil::Date {
    jiff::Timestamp::from_second(ts)
        .map(|t| t.to_zoned(stockholm()).date())
        .unwrap_or_default()
}

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
}
