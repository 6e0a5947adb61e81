//! The e-mails of a company visit: the offer of times with a personal booking link to the
//! company, and for every booking, change and cancellation a calendar file to the company,
//! the officer and any companion — one UID per visit, so a change replaces the entry and a
//! cancellation takes it out. A link is made when the job runs, so no secret rests in the
//! queue.

use lots_domain::calendar::{CalendarEntry, Method, calendar, calendar_of};
use lots_store::{Booking, Db, NewJob, Tenant, now};

use crate::event_mail::host_of;
use crate::{MailAttachment, OutgoingMail};

pub(crate) const KIND_VISIT_MAIL: &str = "visit_mail";

/// What a visit's e-mail says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VisitMessage {
    /// The times the company may choose from, with its booking link.
    Offer,
    /// The visit is booked or moved: a calendar file that puts it in (or replaces it).
    Booked,
    /// The visit is cancelled: a calendar file that takes it out.
    Cancelled,
}

impl VisitMessage {
    fn code(self) -> &'static str {
        match self {
            VisitMessage::Offer => "offer",
            VisitMessage::Booked => "booked",
            VisitMessage::Cancelled => "cancelled",
        }
    }

    fn parse(s: &str) -> Option<VisitMessage> {
        [
            VisitMessage::Offer,
            VisitMessage::Booked,
            VisitMessage::Cancelled,
        ]
        .into_iter()
        .find(|m| m.code() == s)
    }
}

/// Who gets a visit's e-mail.
const RECIPIENTS: [&str; 3] = ["company", "officer", "companion"];

/// Queues a visit's message to everyone it concerns: the offer to the company alone, a
/// booking or cancellation to the company, the officer and the companion. `sequence` is
/// the visit's sequence after the change, so queueing the same change twice sends it once.
pub async fn enqueue_visit_mail(
    db: &Db,
    municipality: &str,
    visit_id: i64,
    message: VisitMessage,
    sequence: i64,
) -> lots_store::Result<()> {
    let recipients: &[&str] = if message == VisitMessage::Offer {
        &RECIPIENTS[..1]
    } else {
        &RECIPIENTS
    };
    for to in recipients {
        db.enqueue(NewJob {
            municipality_code: Some(municipality.to_string()),
            kind: KIND_VISIT_MAIL.into(),
            payload: serde_json::json!({
                "visit_id": visit_id, "message": message.code(), "sequence": sequence, "to": to,
            }),
            // An offer can be made again with new times at the same sequence: each offer
            // is its own occasion. A booking or cancellation is one per sequence.
            idempotency_key: format!(
                "visit:{municipality}:{visit_id}:{}:{sequence}:{to}:{}",
                message.code(),
                if message == VisitMessage::Offer {
                    now()
                } else {
                    0
                }
            ),
            max_attempts: 8,
            run_at: now(),
        })
        .await?;
    }
    Ok(())
}

/// The texts of a visit's calendar entry.
struct VisitText {
    uid: String,
    summary: String,
    description: String,
}

fn visit_text(booking: &Booking, municipality: &str, base_url: &str) -> VisitText {
    let companion = booking
        .companion_name
        .as_deref()
        .map(|c| format!(" och {c}"))
        .unwrap_or_default();
    VisitText {
        uid: format!("visit-{}@{}", booking.visit_id, host_of(base_url)),
        summary: format!("Företagsbesök: {}", booking.company_name),
        description: format!(
            "{} från {municipality}{companion} besöker {}.\n{}",
            booking.officer_name, booking.company_name, booking.campaign_name
        ),
    }
}

fn entry<'a>(booking: &'a Booking, text: &'a VisitText) -> Option<CalendarEntry<'a>> {
    let time = booking.time.as_ref()?;
    Some(CalendarEntry {
        uid: &text.uid,
        sequence: booking.sequence,
        starts_at: time.starts_at,
        ends_at: time.ends_at,
        stamp: now(),
        summary: &text.summary,
        location: &booking.place,
        description: &text.description,
        url: None,
    })
}

/// One visit's calendar file.
pub fn visit_calendar(
    booking: &Booking,
    method: Method,
    municipality: &str,
    base_url: &str,
) -> Option<String> {
    let text = visit_text(booking, municipality, base_url);
    entry(booking, &text).map(|e| calendar(method, &e))
}

/// An officer's private feed: every visit they make or accompany.
pub fn visit_feed(bookings: &[Booking], municipality: &str, base_url: &str) -> String {
    let texts: Vec<VisitText> = bookings
        .iter()
        .map(|b| visit_text(b, municipality, base_url))
        .collect();
    let entries: Vec<CalendarEntry> = bookings
        .iter()
        .zip(&texts)
        .filter_map(|(b, t)| entry(b, t))
        .collect();
    calendar_of(Method::Publish, &entries)
}

fn when(booking: &Booking) -> String {
    booking
        .time
        .as_ref()
        .map(|t| format!("{} kl. {}–{}", t.day, t.starts, t.ends))
        .unwrap_or_default()
}

/// The mail of one message to one recipient.
fn visit_mail(
    message: VisitMessage,
    booking: &Booking,
    to: &str,
    municipality: &str,
    link: Option<&str>,
    calendar_file: Option<(Method, String)>,
) -> OutgoingMail {
    let company = &booking.company_name;
    let officer = &booking.officer_name;
    let link_text = link
        .map(|l| format!("\n\nVill ni byta tid eller avboka? Gör det här:\n{l}"))
        .unwrap_or_default();
    let (subject, text) = match message {
        VisitMessage::Offer => {
            let times: Vec<String> = booking
                .offered
                .iter()
                .map(|s| format!("– {} kl. {}–{}", s.day, s.starts, s.ends))
                .collect();
            (
                format!("{municipality} vill besöka {company}"),
                format!(
                    "Hej!\n\n{municipality} vill gärna komma på besök och höra hur det går för {company} \
                     och vad kommunen kan göra bättre. {officer} kommer. Besöket tar ungefär en och en halv timme.\n\n\
                     Välj den tid som passar er bäst:\n{}\n\nBoka här, utan inloggning:\n{}\n\n\
                     Passar ingen av tiderna? Svara på det här mejlet så hittar vi en annan.",
                    times.join("\n"),
                    link.unwrap_or_default()
                ),
            )
        }
        VisitMessage::Booked => (
            format!("Bokat: företagsbesök hos {company}"),
            format!(
                "Hej!\n\nBesöket hos {company} är bokat {}.\n{officer} från {municipality} kommer{}.\n\n\
                 Kalenderfilen i mejlet lägger in besöket i kalendern, eller ersätter en tidigare tid.{link_text}",
                when(booking),
                booking
                    .companion_name
                    .as_deref()
                    .map(|c| format!(" tillsammans med {c}"))
                    .unwrap_or_default()
            ),
        ),
        VisitMessage::Cancelled => (
            format!("Avbokat: företagsbesök hos {company}"),
            format!(
                "Hej!\n\nBesöket hos {company} är avbokat. Kalenderfilen i mejlet tar bort det ur kalendern.\n\n\
                 Vill ni ändå träffa {municipality}? Svara på det här mejlet."
            ),
        ),
    };
    OutgoingMail {
        to: to.to_string(),
        subject,
        body: format!("{text}\n"),
        attachments: calendar_file
            .map(|(method, content)| MailAttachment::calendar("besok.ics", method, content))
            .into_iter()
            .collect(),
    }
}

/// The e-mail address of the company's first contact that has one.
async fn company_address(tenant: &Tenant<'_>, company_id: i64) -> Result<Option<String>, String> {
    Ok(tenant
        .contacts(company_id)
        .await
        .map_err(|e| e.to_string())?
        .into_iter()
        .find(|c| !c.erased && !c.email.is_empty())
        .map(|c| c.email))
}

/// Runs a `visit_mail` job.
pub(crate) async fn send_visit_mail(
    ctx: &crate::JobContext,
    job: &lots_store::Job,
) -> Result<(), String> {
    let visit_id = job.payload["visit_id"]
        .as_i64()
        .ok_or("payload lacks visit_id")?;
    let message = job.payload["message"]
        .as_str()
        .and_then(VisitMessage::parse)
        .ok_or("payload lacks a known message")?;
    let sequence = job.payload["sequence"].as_i64().unwrap_or(0);
    let to = job.payload["to"].as_str().unwrap_or("company");
    let code = job
        .municipality_code
        .as_deref()
        .ok_or("visit mail without municipality")?;
    let tenant = ctx.db.tenant_unchecked(code);
    let booking = match tenant.booking(visit_id).await {
        Ok(b) => b,
        Err(lots_store::StoreError::NotFound) => return Ok(()),
        Err(e) => return Err(e.to_string()),
    };
    // A newer change has its own message; an offer is stale once the visit is booked.
    let stale = booking.sequence != sequence
        || (message == VisitMessage::Offer && booking.status != "planned");
    if stale || booking.campaign_status == "closed" {
        return Ok(());
    }
    let address = match to {
        "officer" => Some(booking.officer_email.clone()),
        "companion" => booking.companion_email.clone(),
        _ => company_address(&tenant, booking.company_id).await?,
    };
    let Some(address) = address.filter(|a| !a.is_empty()) else {
        return Ok(());
    };
    let municipality = tenant.municipality().await.map_err(|e| e.to_string())?;
    let base = ctx.base_url.trim_end_matches('/');
    let link = if to == "company" && message != VisitMessage::Cancelled {
        let token = tenant
            .mint_booking_link(visit_id)
            .await
            .map_err(|e| e.to_string())?;
        Some(format!("{base}/besok/boka/{token}"))
    } else {
        None
    };
    let method = match message {
        VisitMessage::Offer => None,
        VisitMessage::Booked => Some(Method::Publish),
        VisitMessage::Cancelled => Some(Method::Cancel),
    };
    let calendar_file = method.and_then(|m| {
        visit_calendar(&booking, m, &municipality.name, base).map(|content| (m, content))
    });
    let mail = visit_mail(
        message,
        &booking,
        &address,
        &municipality.name,
        link.as_deref(),
        calendar_file,
    );
    ctx.mailer.send(&mail).await.map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_codes_read_back() {
        for m in [
            VisitMessage::Offer,
            VisitMessage::Booked,
            VisitMessage::Cancelled,
        ] {
            assert_eq!(VisitMessage::parse(m.code()), Some(m));
        }
    }
}
