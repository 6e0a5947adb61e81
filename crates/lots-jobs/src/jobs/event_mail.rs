//! The e-mails of an event: the invitation with a personal link to register or decline, the
//! confirmation with a calendar file, the place on the waiting list, the place that came
//! free, and the cancellation that takes the entry out of the calendar. Each carries a new
//! personal link, made when the job runs, so the secret never rests in the queue.

use lots_domain::calendar::{CalendarEntry, Method, calendar};
use lots_store::{Db, Event, Participant, Tenant, now};
use serde::{Deserialize, Serialize};

use super::{Concern, Described};
use super::{Job, JobError, enqueue, municipality_of, still_there};
use crate::{JobContext, MailAttachment, OutgoingMail};

/// Which message a participant gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
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
    let job = EventMail {
        participant_id,
        message,
        sequence: occasion,
    };
    enqueue(db, Some(municipality), &job).await
}

/// One message to one participant, as it rests in the queue.
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct EventMail {
    participant_id: i64,
    message: EventMessage,
    /// The occasion: repeated messages of the same kind told apart.
    #[serde(default)]
    sequence: i64,
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

/// The mail of one message, with its calendar file when it gives or takes a place.
fn event_mail(
    message: EventMessage,
    participant: &Participant,
    event: &Event,
    municipality: &str,
    link: &str,
    calendar_file: Option<(Method, String)>,
) -> OutgoingMail {
    let lang = participant.language;
    let (day, start) = lots_domain::events::local_parts(event.starts_at);
    let (_, end) = lots_domain::events::local_parts(event.ends_at);
    let weekday = lots_domain::events::local_day(event.starts_at)
        .weekday()
        .to_monday_one_offset();
    let day_with_weekday = lots_i18n::weekday_date(lang, weekday, &day);
    let args = [
        ("event", event.name.as_str().into()),
        ("day", day_with_weekday.as_str().into()),
        ("start", start.as_str().into()),
        ("end", end.as_str().into()),
        ("place", event.place.as_str().into()),
    ];
    let mut facts = lots_i18n::text_with(lang, "event-mail-facts", &args);
    if !event.place.is_empty() {
        facts = format!(
            "{facts}\n{}",
            lots_i18n::text_with(lang, "event-mail-place", &args)
        );
    }
    let lead = if message == EventMessage::Promoted {
        lots_i18n::text(lang, "event-mail-promoted-lead") + " "
    } else {
        String::new()
    };
    let args = [
        ("event", event.name.as_str().into()),
        ("facts", facts.as_str().into()),
        ("description", event.description.as_str().into()),
        ("municipality", municipality.into()),
        ("link", link.into()),
        ("lead", lead.as_str().into()),
    ];
    let (subject, body) = match message {
        EventMessage::Invitation => (
            "event-mail-invitation-subject",
            "event-mail-invitation-body",
        ),
        EventMessage::Confirmed | EventMessage::Promoted => {
            ("event-mail-place-subject", "event-mail-place-body")
        }
        EventMessage::Waiting => ("event-mail-waiting-subject", "event-mail-waiting-body"),
        EventMessage::Cancelled => ("event-mail-cancelled-subject", "event-mail-cancelled-body"),
    };
    OutgoingMail {
        to: participant.email.clone(),
        subject: lots_i18n::text_with(lang, subject, &args),
        body: format!(
            "{}\n\n{}\n",
            lots_i18n::text_with(lang, body, &args),
            lots_i18n::text(lang, "event-mail-opt-out")
        ),
        attachments: calendar_file
            .map(|(method, content)| MailAttachment::calendar("evenemang.ics", method, content))
            .into_iter()
            .collect(),
        ..Default::default()
    }
}

impl Job for EventMail {
    const KIND: &'static str = "event_mail";

    fn idempotency_key(&self, municipality: Option<&str>) -> String {
        format!(
            "event:{}:{}:{}:{}",
            municipality.unwrap_or_default(),
            self.participant_id,
            self.message.code(),
            self.sequence
        )
    }

    async fn run(self, ctx: &JobContext, municipality: Option<&str>) -> Result<(), JobError> {
        let tenant = ctx
            .db
            .tenant_unchecked(municipality_of(Self::KIND, municipality)?);
        let Some(participant) = still_there(tenant.participant(self.participant_id).await)? else {
            return Ok(());
        };
        let event = tenant.event(participant.event_id).await?;
        // Nothing to say once the event is over, to an address already forgotten, or an
        // invitation the person has meanwhile answered.
        let stale = self.message == EventMessage::Invitation
            && participant.status != lots_domain::events::ParticipantStatus::Invited;
        if participant.email.is_empty() || event.ends_at < now() || stale {
            return Ok(());
        }
        let face = ctx.db.face(tenant.code()).await?.face;
        let token = tenant.mint_event_link(self.participant_id).await?;
        let base = ctx.base_url.trim_end_matches('/');
        let link = format!("{base}/evenemang/svar/{token}");
        let method = match self.message {
            EventMessage::Confirmed | EventMessage::Promoted => Some(Method::Publish),
            EventMessage::Cancelled => Some(Method::Cancel),
            _ => None,
        };
        let calendar_file = method.map(|m| {
            (
                m,
                event_calendar(
                    &event,
                    self.participant_id,
                    m,
                    self.sequence,
                    &face.display_name,
                    base,
                ),
            )
        });
        let mail = event_mail(
            self.message,
            &participant,
            &event,
            &face.display_name,
            &link,
            calendar_file,
        )
        .in_face(&face, participant.language);
        Ok(ctx.mailer.send(municipality, &mail).await?)
    }

    async fn describe(&self, tenant: &Tenant<'_>) -> lots_store::Result<Described> {
        let participant = tenant.participant(self.participant_id).await?;
        Ok(Described {
            what: "event-message",
            to: participant.email,
            concerns: Some(Concern::Event(participant.event_id)),
        })
    }
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
    fn a_queued_message_reads_back_by_its_code() {
        for m in [
            EventMessage::Invitation,
            EventMessage::Confirmed,
            EventMessage::Waiting,
            EventMessage::Promoted,
            EventMessage::Cancelled,
        ] {
            let queued = serde_json::json!({ "participant_id": 3, "message": m.code() });
            let job: EventMail = serde_json::from_value(queued).unwrap();
            assert_eq!((job.message, job.sequence), (m, 0));
        }
    }
}
