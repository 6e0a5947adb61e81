//! The e-mails of an event: the invitation with a personal link to register or decline, the
//! confirmation with a calendar file, the place on the waiting list, the place that came
//! free, and the cancellation that takes the entry out of the calendar. Each carries a new
//! personal link, made when the job runs, so the secret never rests in the queue.

use lots_domain::calendar::{CalendarEntry, Method, calendar};
use lots_store::{Db, Event, NewJob, Participant, now};

use crate::{MailAttachment, OutgoingMail};

pub(crate) const KIND_EVENT_MAIL: &str = "event_mail";

/// Which message a participant gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventMessage {
    Invitation,
    Confirmed,
    Waiting,
    /// Moved up from the waiting list.
    Promoted,
    Cancelled,
}

impl EventMessage {
    fn code(self) -> &'static str {
        match self {
            EventMessage::Invitation => "invitation",
            EventMessage::Confirmed => "confirmed",
            EventMessage::Waiting => "waiting",
            EventMessage::Promoted => "promoted",
            EventMessage::Cancelled => "cancelled",
        }
    }

    fn parse(s: &str) -> Option<EventMessage> {
        [
            EventMessage::Invitation,
            EventMessage::Confirmed,
            EventMessage::Waiting,
            EventMessage::Promoted,
            EventMessage::Cancelled,
        ]
        .into_iter()
        .find(|m| m.code() == s)
    }
}

/// Queues one message to a participant. `occasion` tells repeated messages of the same
/// kind apart (a second registration after a cancellation); queueing the same twice sends
/// it once.
pub async fn enqueue_event_mail(
    db: &Db,
    municipality: &str,
    participant_id: i64,
    message: EventMessage,
    occasion: i64,
) -> lots_store::Result<bool> {
    db.enqueue(NewJob {
        municipality_code: Some(municipality.to_string()),
        kind: KIND_EVENT_MAIL.into(),
        payload: serde_json::json!({
            "participant_id": participant_id,
            "message": message.code(),
            "sequence": occasion,
        }),
        idempotency_key: format!(
            "event:{municipality}:{participant_id}:{}:{occasion}",
            message.code()
        ),
        max_attempts: crate::MAIL_ATTEMPTS,
        run_at: now(),
    })
    .await
}

/// The calendar entry of a participant's place: one UID per participant and event, so a
/// cancellation takes out exactly the entry the confirmation put in.
pub fn event_calendar(
    event: &Event,
    participant_id: i64,
    method: Method,
    sequence: i64,
    municipality: &str,
    base_url: &str,
) -> String {
    let uid = format!(
        "event-{}-participant-{participant_id}@{}",
        event.id,
        host_of(base_url)
    );
    let description = format!("{}\n\n{municipality}", event.description);
    calendar(
        method,
        &CalendarEntry {
            uid: &uid,
            sequence,
            starts_at: event.starts_at,
            ends_at: event.ends_at,
            stamp: now(),
            summary: &event.name,
            location: &event.place,
            description: description.trim(),
            url: None,
        },
    )
}

pub(crate) fn host_of(base_url: &str) -> &str {
    base_url
        .split("://")
        .nth(1)
        .unwrap_or(base_url)
        .split(['/', ':'])
        .next()
        .unwrap_or("lots")
}

fn when_sv(event: &Event) -> String {
    let (day, start) = lots_domain::events::local_parts(event.starts_at);
    let (_, end) = lots_domain::events::local_parts(event.ends_at);
    format!("{day} kl. {start}–{end}")
}

/// The mail of one message, with its calendar file when it gives or takes a place.
fn event_mail(
    message: EventMessage,
    participant: &Participant,
    event: &Event,
    municipality: &str,
    link: &str,
    calendar_file: Option<(Method, String)>,
) -> OutgoingMail {
    let en = participant.language == "en";
    let when = when_sv(event);
    let place = if event.place.is_empty() {
        String::new()
    } else {
        format!("\n{}: {}", if en { "Place" } else { "Plats" }, event.place)
    };
    let facts = format!("{}\n{when}{place}", event.name);
    let (subject, text) = match (message, en) {
        (EventMessage::Invitation, false) => (
            format!("Inbjudan: {}", event.name),
            format!(
                "Hej!\n\n{municipality} bjuder in dig till:\n\n{facts}\n\n{}\n\nAnmäl dig eller tacka nej här:\n{link}",
                event.description
            ),
        ),
        (EventMessage::Invitation, true) => (
            format!("Invitation: {}", event.name),
            format!(
                "Hello,\n\n{municipality} invites you to:\n\n{facts}\n\n{}\n\nRegister or decline here:\n{link}",
                event.description
            ),
        ),
        (EventMessage::Confirmed | EventMessage::Promoted, false) => (
            format!("Du har en plats: {}", event.name),
            format!(
                "Hej!\n\n{}Du är anmäld till:\n\n{facts}\n\nKalenderfilen i mejlet lägger in evenemanget i din kalender. \
                 Kan du inte komma? Avboka här, så går platsen till någon på väntelistan:\n{link}",
                if message == EventMessage::Promoted {
                    "En plats har blivit ledig och den är din. "
                } else {
                    ""
                }
            ),
        ),
        (EventMessage::Confirmed | EventMessage::Promoted, true) => (
            format!("You have a place: {}", event.name),
            format!(
                "Hello,\n\n{}You are registered for:\n\n{facts}\n\nThe calendar file in this e-mail puts the event in your calendar. \
                 Cannot come? Cancel here, and the place goes to someone on the waiting list:\n{link}",
                if message == EventMessage::Promoted {
                    "A place has come free and it is yours. "
                } else {
                    ""
                }
            ),
        ),
        (EventMessage::Waiting, false) => (
            format!("Väntelista: {}", event.name),
            format!(
                "Hej!\n\nAlla platser till {} är tagna. Du står på väntelistan och får ett mejl om en plats blir ledig.\n\n{facts}\n\n\
                 Vill du inte stå kvar? Avboka här:\n{link}",
                event.name
            ),
        ),
        (EventMessage::Waiting, true) => (
            format!("Waiting list: {}", event.name),
            format!(
                "Hello,\n\nAll places at {} are taken. You are on the waiting list and will get an e-mail if a place comes free.\n\n{facts}\n\n\
                 Do not want to wait? Cancel here:\n{link}",
                event.name
            ),
        ),
        (EventMessage::Cancelled, false) => (
            format!("Avbokad: {}", event.name),
            format!(
                "Hej!\n\nDin anmälan till {} är avbokad. Kalenderfilen i mejlet tar bort evenemanget ur din kalender.\n\n\
                 Ändrar du dig? Anmäl dig igen här medan det finns platser:\n{link}",
                event.name
            ),
        ),
        (EventMessage::Cancelled, true) => (
            format!("Cancelled: {}", event.name),
            format!(
                "Hello,\n\nYour registration for {} is cancelled. The calendar file in this e-mail removes the event from your calendar.\n\n\
                 Changed your mind? Register again here while there are places:\n{link}",
                event.name
            ),
        ),
    };
    let optout = if en {
        "Do not want invitations from us? Say so through the link above."
    } else {
        "Vill du inte få inbjudningar från oss? Säg det via länken ovan."
    };
    OutgoingMail {
        to: participant.email.clone(),
        subject,
        body: format!("{text}\n\n{optout}\n"),
        attachments: calendar_file
            .map(|(method, content)| MailAttachment::calendar("evenemang.ics", method, content))
            .into_iter()
            .collect(),
    }
}

/// Runs an `event_mail` job.
pub(crate) async fn send_event_mail(
    ctx: &crate::JobContext,
    job: &lots_store::Job,
) -> Result<(), String> {
    let participant_id = job.payload["participant_id"]
        .as_i64()
        .ok_or("payload lacks participant_id")?;
    let message = job.payload["message"]
        .as_str()
        .and_then(EventMessage::parse)
        .ok_or("payload lacks a known message")?;
    let sequence = job.payload["sequence"].as_i64().unwrap_or(0);
    let code = job
        .municipality_code
        .as_deref()
        .ok_or("event mail without municipality")?;
    let tenant = ctx.db.tenant_unchecked(code);
    let participant = match tenant.participant(participant_id).await {
        Ok(p) => p,
        Err(lots_store::StoreError::NotFound) => return Ok(()),
        Err(e) => return Err(e.to_string()),
    };
    let event = tenant
        .event(participant.event_id)
        .await
        .map_err(|e| e.to_string())?;
    // Nothing to say once the event is over, to an address already forgotten, or an
    // invitation the person has meanwhile answered.
    let stale = message == EventMessage::Invitation && participant.status != "invited";
    if participant.email.is_empty() || event.ends_at < now() || stale {
        return Ok(());
    }
    let municipality = tenant.municipality().await.map_err(|e| e.to_string())?;
    let token = tenant
        .mint_event_link(participant_id)
        .await
        .map_err(|e| e.to_string())?;
    let base = ctx.base_url.trim_end_matches('/');
    let link = format!("{base}/evenemang/svar/{token}");
    let method = match message {
        EventMessage::Confirmed | EventMessage::Promoted => Some(Method::Publish),
        EventMessage::Cancelled => Some(Method::Cancel),
        _ => None,
    };
    let calendar_file = method.map(|m| {
        (
            m,
            event_calendar(
                &event,
                participant_id,
                m,
                sequence,
                &municipality.name,
                base,
            ),
        )
    });
    let mail = event_mail(
        message,
        &participant,
        &event,
        &municipality.name,
        &link,
        calendar_file,
    );
    ctx.mailer.send(&mail).await.map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_host_comes_from_the_base_url() {
        assert_eq!(
            host_of("https://lots.upplands-bro.se/"),
            "lots.upplands-bro.se"
        );
        assert_eq!(host_of("http://127.0.0.1:8080"), "127.0.0.1");
    }

    #[test]
    fn message_codes_read_back() {
        for m in [
            EventMessage::Invitation,
            EventMessage::Confirmed,
            EventMessage::Waiting,
            EventMessage::Promoted,
            EventMessage::Cancelled,
        ] {
            assert_eq!(EventMessage::parse(m.code()), Some(m));
        }
    }
}
