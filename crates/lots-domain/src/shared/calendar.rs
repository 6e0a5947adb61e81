//! iCalendar files (RFC 5545) for confirmations and bookings: one VEVENT with a stable UID,
//! so a later file with the same UID and a higher SEQUENCE replaces the entry in the
//! person's calendar, and a CANCEL removes it. Times are written in UTC, which every
//! calendar converts to the reader's zone.

/// What the file asks the calendar to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// Put the entry in the calendar (or replace the one with the same UID).
    Publish,
    /// Take the entry with this UID out.
    Cancel,
}

#[derive(Debug, Clone)]
pub struct CalendarEntry<'a> {
    /// Globally unique and stable for the thing the entry is about, e.g. `event-12-p-40@lots`.
    pub uid: &'a str,
    /// Raised with every change, so calendars take the newest.
    pub sequence: i64,
    /// Unix seconds.
    pub starts_at: i64,
    pub ends_at: i64,
    /// When the file was made, Unix seconds.
    pub stamp: i64,
    pub summary: &'a str,
    pub location: &'a str,
    pub description: &'a str,
    pub url: Option<&'a str>,
}

fn utc(ts: i64) -> String {
    jiff::Timestamp::from_second(ts)
        .map(|t| t.strftime("%Y%m%dT%H%M%SZ").to_string())
        .unwrap_or_default()
}

/// Escapes a TEXT value: backslash, semicolon, comma and line breaks.
fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line at 75 octets, never inside a UTF-8 character, and ends it with CRLF.
fn push_line(out: &mut String, line: &str) {
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            // The leading space of a continuation line counts towards its 75 octets.
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
}

/// A calendar with one entry.
pub fn calendar(method: Method, entry: &CalendarEntry) -> String {
    calendar_of(method, std::slice::from_ref(entry))
}

/// A calendar with many entries, such as an officer's feed of visits.
pub fn calendar_of(method: Method, entries: &[CalendarEntry]) -> String {
    let mut out = String::new();
    let mut line = |s: String| push_line(&mut out, &s);
    line("BEGIN:VCALENDAR".into());
    line("VERSION:2.0".into());
    line("PRODID:-//Lots//Lots//SV".into());
    line("CALSCALE:GREGORIAN".into());
    line(format!(
        "METHOD:{}",
        match method {
            Method::Publish => "PUBLISH",
            Method::Cancel => "CANCEL",
        }
    ));
    for entry in entries {
        line("BEGIN:VEVENT".into());
        line(format!("UID:{}", text(entry.uid)));
        line(format!("SEQUENCE:{}", entry.sequence));
        line(format!("DTSTAMP:{}", utc(entry.stamp)));
        line(format!("DTSTART:{}", utc(entry.starts_at)));
        line(format!("DTEND:{}", utc(entry.ends_at)));
        line(format!("SUMMARY:{}", text(entry.summary)));
        if !entry.location.is_empty() {
            line(format!("LOCATION:{}", text(entry.location)));
        }
        if !entry.description.is_empty() {
            line(format!("DESCRIPTION:{}", text(entry.description)));
        }
        if let Some(url) = entry.url {
            line(format!("URL:{url}"));
        }
        line(format!(
            "STATUS:{}",
            match method {
                Method::Publish => "CONFIRMED",
                Method::Cancel => "CANCELLED",
            }
        ));
        line("END:VEVENT".into());
    }
    line("END:VCALENDAR".into());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry<'a>(summary: &'a str) -> CalendarEntry<'a> {
        CalendarEntry {
            uid: "event-1-p-2@lots",
            sequence: 0,
            starts_at: 1_795_942_800, // 2026-11-29 09:00 UTC
            ends_at: 1_795_950_000,
            stamp: 1_795_000_000,
            summary,
            location: "Kungsängen, Furuhällsplan 1",
            description: "Rad ett\nRad två; med, tecken",
            url: Some("https://lots.example/evenemang/svar/abc"),
        }
    }

    #[test]
    fn a_calendar_has_one_event_with_crlf_lines_and_utc_times() {
        let ics = calendar(Method::Publish, &entry("Kompetensmässan"));
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assert!(ics.ends_with("END:VEVENT\r\nEND:VCALENDAR\r\n"));
        assert!(ics.contains("DTSTART:20261129T090000Z\r\n"));
        assert!(ics.contains("UID:event-1-p-2@lots\r\n"));
        assert!(ics.contains("LOCATION:Kungsängen\\, Furuhällsplan 1\r\n"));
        assert!(ics.contains("DESCRIPTION:Rad ett\\nRad två\\; med\\, tecken\r\n"));
        assert!(ics.contains("METHOD:PUBLISH") && ics.contains("STATUS:CONFIRMED"));
        assert!(!ics.replace("\r\n", "").contains('\n'), "bare line feeds");
    }

    #[test]
    fn a_cancellation_names_the_same_uid() {
        let ics = calendar(Method::Cancel, &entry("Frukostmöte"));
        assert!(ics.contains("METHOD:CANCEL") && ics.contains("STATUS:CANCELLED"));
        assert!(ics.contains("UID:event-1-p-2@lots"));
    }

    #[test]
    fn long_lines_fold_at_75_octets_without_splitting_characters() {
        let long = "Åäö ".repeat(40);
        let ics = calendar(Method::Publish, &entry(&long));
        for line in ics.split("\r\n") {
            assert!(line.len() <= 75, "{} octets: {line}", line.len());
        }
        let unfolded = ics.replace("\r\n ", "");
        assert!(unfolded.contains(&format!("SUMMARY:{long}")));
    }

    #[test]
    fn a_feed_holds_every_entry_once() {
        let (a, mut b) = (entry("Besök ett"), entry("Besök två"));
        b.uid = "visit-2@lots";
        let ics = calendar_of(Method::Publish, &[a, b]);
        assert_eq!(ics.matches("BEGIN:VEVENT").count(), 2);
        assert_eq!(ics.matches("BEGIN:VCALENDAR").count(), 1);
        assert!(ics.contains("UID:visit-2@lots\r\n"));
    }
}
