//! Time slots for company visits: the free times of an officer on the working days of a
//! campaign (Swedish public holidays and the eves offices close are not working days), within
//! their working hours, with time to travel between visits, and the few slots each of the
//! officer's visits is offered — never the same slot to two companies, spread over days.

use jiff::civil::{Date, Time};

use crate::events::local_time;
use crate::holidays::working_days;

/// Minutes between two slots of a day, for travel.
pub const TRAVEL_MINUTES: i64 = 30;

/// How many slots a company is offered.
pub const OFFERED_PER_VISIT: usize = 3;

/// An officer's working day, e.g. 08:00–16:30, Europe/Stockholm.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hours {
    pub starts: Time,
    pub ends: Time,
}

impl Hours {
    /// `None` unless the day is long enough for a visit of `minutes`.
    pub fn new(starts: Time, ends: Time, minutes: i64) -> Option<Hours> {
        let of_day = |t: Time| i64::from(t.hour()) * 60 + i64::from(t.minute());
        (of_day(ends) - of_day(starts) >= minutes).then_some(Hours { starts, ends })
    }
}

/// The slots of `minutes` on the working days `from..=to` within `hours`, each starting
/// at or after `not_before` (Unix seconds) and overlapping no `busy` interval
/// (`[start, end)` in Unix seconds).
pub fn free_slots(
    from: Date,
    to: Date,
    hours: Hours,
    minutes: i64,
    busy: &[(i64, i64)],
    not_before: i64,
) -> Vec<(i64, i64)> {
    let length = minutes * 60;
    let step = (minutes + TRAVEL_MINUTES) * 60;
    let mut out = Vec::new();
    for day in working_days(from, to) {
        let date = day.to_string();
        let (Some(open), Some(close)) = (
            local_time(&date, &hours.starts.to_string()),
            local_time(&date, &hours.ends.to_string()),
        ) else {
            continue;
        };
        let mut start = open;
        while start + length <= close {
            let end = start + length;
            let free = busy.iter().all(|(b, e)| end <= *b || *e <= start);
            if start >= not_before && free {
                out.push((start, end));
            }
            start += step;
        }
    }
    out
}

/// Offers each of `visits` visits up to `per_visit` of `slots`, no slot to two visits. Each
/// day's slots are rotated by the day's number and the days taken in turn, so a company is
/// offered different days at different times of day.
pub fn offer(slots: &[(i64, i64)], visits: usize, per_visit: usize) -> Vec<Vec<(i64, i64)>> {
    let mut days: Vec<Vec<(i64, i64)>> = Vec::new();
    for slot in slots {
        let day = crate::events::local_parts(slot.0).0;
        match days.last_mut() {
            Some(last) if crate::events::local_parts(last[0].0).0 == day => last.push(*slot),
            _ => days.push(vec![*slot]),
        }
    }
    for (n, day) in days.iter_mut().enumerate() {
        let by = n % day.len();
        day.rotate_left(by);
    }
    let longest = days.iter().map(Vec::len).max().unwrap_or(0);
    let ordered: Vec<(i64, i64)> = (0..longest)
        .flat_map(|i| days.iter().filter_map(move |d| d.get(i).copied()))
        .collect();
    (0..visits)
        .map(|v| {
            (0..per_visit)
                .filter_map(|j| ordered.get(v + j * visits).copied())
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::events::local_parts;
    use jiff::civil::time;

    fn date(s: &str) -> Date {
        s.parse().unwrap()
    }

    fn hours() -> Hours {
        Hours::new(time(8, 0, 0, 0), time(16, 30, 0, 0), 90).unwrap()
    }

    #[test]
    fn hours_must_hold_a_visit() {
        assert!(Hours::new(time(8, 0, 0, 0), time(9, 0, 0, 0), 90).is_none());
        assert!(Hours::new(time(8, 0, 0, 0), time(9, 30, 0, 0), 90).is_some());
    }

    #[test]
    fn slots_fall_on_working_days_within_hours() {
        // Midsommarafton 2027 is Friday 25 June; the weekend follows.
        let slots = free_slots(date("2027-06-24"), date("2027-06-28"), hours(), 90, &[], 0);
        let days: Vec<String> = slots.iter().map(|s| local_parts(s.0).0).collect();
        assert!(days.iter().all(|d| d == "2027-06-24" || d == "2027-06-28"));
        let times: Vec<String> = slots
            .iter()
            .filter(|s| local_parts(s.0).0 == "2027-06-24")
            .map(|s| local_parts(s.0).1)
            .collect();
        assert_eq!(times, ["08:00", "10:00", "12:00", "14:00"]);
        assert!(slots.iter().all(|(s, e)| e - s == 90 * 60));
    }

    #[test]
    fn busy_time_and_the_past_are_not_offered() {
        let day = date("2026-12-01");
        let ten = local_time("2026-12-01", "10:30").unwrap();
        let busy = [(ten, ten + 3600)];
        let not_before = local_time("2026-12-01", "09:00").unwrap();
        let slots = free_slots(day, day, hours(), 90, &busy, not_before);
        let times: Vec<String> = slots.iter().map(|s| local_parts(s.0).1).collect();
        assert_eq!(times, ["12:00", "14:00"]);
    }

    #[test]
    fn offers_never_share_a_slot_and_spread_over_days() {
        let slots = free_slots(date("2026-12-01"), date("2026-12-11"), hours(), 90, &[], 0);
        let offers = offer(&slots, 3, OFFERED_PER_VISIT);
        assert_eq!(offers.len(), 3);
        let mut all: Vec<(i64, i64)> = offers.iter().flatten().copied().collect();
        assert_eq!(all.len(), 9);
        all.sort();
        all.dedup();
        assert_eq!(all.len(), 9, "no slot is offered twice");
        for o in &offers {
            let mut days: Vec<String> = o.iter().map(|s| local_parts(s.0).0).collect();
            days.dedup();
            assert_eq!(days.len(), 3, "three different days");
        }
    }

    #[test]
    fn too_few_slots_offer_what_there_is() {
        let day = date("2026-12-01");
        let slots = free_slots(day, day, hours(), 90, &[], 0);
        let offers = offer(&slots, 3, OFFERED_PER_VISIT);
        assert_eq!(offers.iter().map(Vec::len).sum::<usize>(), 4);
        assert!(offers.iter().all(|o| !o.is_empty()));
    }
}
