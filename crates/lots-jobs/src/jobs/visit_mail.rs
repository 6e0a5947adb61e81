//! The e-mails of a company visit: the offer of times with a personal booking link to the
//! company, and for every booking, change and cancellation a calendar file to the company,
//! the officer and any companion — one UID per visit, so a change replaces the entry and a
//! cancellation takes it out. A link is made when the job runs, so no secret rests in the
//! queue.

use lots_domain::calendar::{CalendarEntry, Method, calendar, calendar_of};
use lots_domain::campaigns::status::{CampaignStatus, VisitStatus};
use lots_i18n::Lang;
use lots_store::{Booking, Db, StoreError, Tenant, now};
use serde::{Deserialize, Serialize};

use super::Described;
use super::event_mail::host_of;
use super::{Job, JobError, enqueue, municipality_of, still_there};
use crate::{JobContext, MailAttachment, OutgoingMail};

/// What a visit's e-mail says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
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
}

/// Who gets a visit's e-mail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
enum Recipient {
    #[default]
    Company,
    Officer,
    Companion,
}

impl Recipient {
    fn code(self) -> &'static str {
        match self {
            Recipient::Company => "company",
            Recipient::Officer => "officer",
            Recipient::Companion => "companion",
        }
    }
}

/// One message about one visit to one recipient, as it rests in the queue.
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct VisitMail {
    visit_id: i64,
    message: VisitMessage,
    /// The visit's sequence after the change.
    #[serde(default)]
    sequence: i64,
    #[serde(default)]
    to: Recipient,
    /// When an offer was made: each offer is its own occasion.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    offered_at: Option<i64>,
}

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
    let recipients: &[Recipient] = if message == VisitMessage::Offer {
        &[Recipient::Company]
    } else {
        &[Recipient::Company, Recipient::Officer, Recipient::Companion]
    };
    // An offer can be made again with new times at the same sequence: each offer is its
    // own occasion. A booking or cancellation is one per sequence.
    let offered_at = (message == VisitMessage::Offer).then(now);
    for &to in recipients {
        let job = VisitMail {
            visit_id,
            message,
            sequence,
            to,
            offered_at,
        };
        enqueue(db, Some(municipality), &job).await?;
    }
    Ok(())
}

/// The texts of a visit's calendar entry.
struct VisitText {
    uid: String,
    summary: String,
    description: String,
}

/// The entry's texts in the reader's language.
fn visit_text(booking: &Booking, municipality: &str, base_url: &str, lang: Lang) -> VisitText {
    let companion = booking
        .companion_name
        .as_deref()
        .map(|c| lots_i18n::text_with(lang, "visit-calendar-companion", &[("name", c.into())]))
        .unwrap_or_default();
    let args = [
        ("officer", booking.officer_name.as_str().into()),
        ("municipality", municipality.into()),
        ("companion", companion.as_str().into()),
        (
            "together",
            if booking.companion_name.is_some() {
                "yes"
            } else {
                "no"
            }
            .into(),
        ),
        ("company", booking.company_name.as_str().into()),
        ("campaign", booking.campaign_name.as_str().into()),
    ];
    VisitText {
        uid: format!("visit-{}@{}", booking.visit_id, host_of(base_url)),
        summary: lots_i18n::text_with(lang, "visit-calendar-summary", &args),
        description: lots_i18n::text_with(lang, "visit-calendar-description", &args),
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

/// One visit's calendar file, in Swedish or English.
pub fn visit_calendar(
    booking: &Booking,
    method: Method,
    (municipality, base_url): (&str, &str),
    lang: Lang,
) -> Option<String> {
    let text = visit_text(booking, municipality, base_url, lang);
    entry(booking, &text).map(|e| calendar(method, &e))
}

/// An officer's private feed: every visit they make or accompany.
pub fn visit_feed(bookings: &[Booking], municipality: &str, base_url: &str) -> String {
    let texts: Vec<VisitText> = bookings
        .iter()
        .map(|b| visit_text(b, municipality, base_url, Lang::Sv))
        .collect();
    let entries: Vec<CalendarEntry> = bookings
        .iter()
        .zip(&texts)
        .filter_map(|(b, t)| entry(b, t))
        .collect();
    calendar_of(Method::Publish, &entries)
}

/// A day as a company reads it in a mail, with its weekday.
fn weekday_day(lang: Lang, day: jiff::civil::Date) -> String {
    lots_i18n::weekday_date(lang, day.weekday().to_monday_one_offset(), &day.to_string())
}

fn when(lang: Lang, slot: &lots_store::Slot) -> String {
    lots_i18n::text_with(
        lang,
        "visit-when",
        &[
            ("day", weekday_day(lang, slot.day).into()),
            ("starts", slot.starts.as_str().into()),
            ("ends", slot.ends.as_str().into()),
        ],
    )
}

/// The mail of one message to one recipient, in the recipient's language.
fn visit_mail(
    message: VisitMessage,
    booking: &Booking,
    (to, lang): (&str, Lang),
    municipality: &str,
    link: Option<&str>,
    calendar_file: Option<(Method, String)>,
) -> OutgoingMail {
    let change = link
        .map(|l| {
            format!(
                "\n\n{}",
                lots_i18n::text_with(lang, "visit-mail-change-link", &[("link", l.into())])
            )
        })
        .unwrap_or_default();
    let companion = booking
        .companion_name
        .as_deref()
        .map(|c| lots_i18n::text_with(lang, "visit-mail-companion", &[("name", c.into())]))
        .unwrap_or_default();
    let times: Vec<String> = booking
        .offered
        .iter()
        .map(|s| format!("– {}", when(lang, s)))
        .collect();
    let minutes = booking
        .offered
        .first()
        .map_or(0, |s| (s.ends_at - s.starts_at) / 60);
    let booked_for = booking
        .time
        .as_ref()
        .map(|t| when(lang, t))
        .unwrap_or_default();
    let times = times.join("\n");
    let args = [
        ("municipality", municipality.into()),
        ("company", booking.company_name.as_str().into()),
        ("officer", booking.officer_name.as_str().into()),
        ("companion", companion.as_str().into()),
        ("minutes", minutes.into()),
        ("times", times.as_str().into()),
        ("when", booked_for.as_str().into()),
        ("link", link.unwrap_or_default().into()),
    ];
    let (subject, body) = match message {
        VisitMessage::Offer => ("visit-mail-offer-subject", "visit-mail-offer-body"),
        VisitMessage::Booked => ("visit-mail-booked-subject", "visit-mail-booked-body"),
        VisitMessage::Cancelled => ("visit-mail-cancelled-subject", "visit-mail-cancelled-body"),
    };
    let subject = lots_i18n::text_with(lang, subject, &args);
    let text = lots_i18n::text_with(lang, body, &args);
    let change = if message == VisitMessage::Booked {
        change.as_str()
    } else {
        ""
    };
    OutgoingMail {
        to: to.to_string(),
        subject,
        body: format!("{text}{change}\n"),
        attachments: calendar_file
            .map(|(method, content)| MailAttachment::calendar("besok.ics", method, content))
            .into_iter()
            .collect(),
        ..Default::default()
    }
}

/// The e-mail address and language of the company's first contact that has an address.
async fn company_address(
    tenant: &Tenant<'_>,
    company_id: i64,
) -> lots_store::Result<Option<(String, Lang)>> {
    Ok(tenant
        .reachable_contact(company_id)
        .await?
        .map(|c| (c.email, c.language)))
}

impl Job for VisitMail {
    const KIND: &'static str = "visit_mail";

    fn idempotency_key(&self, municipality: Option<&str>) -> String {
        format!(
            "visit:{}:{}:{}:{}:{}:{}",
            municipality.unwrap_or_default(),
            self.visit_id,
            self.message.code(),
            self.sequence,
            self.to.code(),
            self.offered_at.unwrap_or(0)
        )
    }

    async fn run(self, ctx: &JobContext, municipality: Option<&str>) -> Result<(), JobError> {
        let tenant = ctx
            .db
            .tenant_unchecked(municipality_of(Self::KIND, municipality)?);
        let Some(booking) = still_there(tenant.booking(self.visit_id).await)? else {
            return Ok(());
        };
        // A newer change has its own message; an offer is stale once the visit is booked.
        let stale = booking.sequence != self.sequence
            || (self.message == VisitMessage::Offer && booking.status != VisitStatus::Planned);
        if stale || booking.campaign_status == CampaignStatus::Closed {
            return Ok(());
        }
        let staff = |email: String| async move {
            let language = ctx.db.user_by_email(&email).await?;
            Ok::<_, StoreError>(Some((email, language.map_or(Lang::Sv, |u| u.language))))
        };
        let address = match self.to {
            Recipient::Officer => staff(booking.officer_email.clone()).await?,
            Recipient::Companion => match booking.companion_email.clone() {
                Some(email) => staff(email).await?,
                None => None,
            },
            Recipient::Company => company_address(&tenant, booking.company_id).await?,
        };
        let Some((address, language)) = address.filter(|(a, _)| !a.is_empty()) else {
            return Ok(());
        };
        let face = ctx.db.face(tenant.code()).await?.face;
        let base = ctx.base_url.trim_end_matches('/');
        let link = if self.to == Recipient::Company && self.message != VisitMessage::Cancelled {
            let token = tenant.mint_booking_link(self.visit_id).await?;
            Some(format!("{base}/besok/boka/{token}"))
        } else {
            None
        };
        let method = match self.message {
            VisitMessage::Offer => None,
            VisitMessage::Booked => Some(Method::Publish),
            VisitMessage::Cancelled => Some(Method::Cancel),
        };
        let calendar_file = method.and_then(|m| {
            visit_calendar(&booking, m, (&face.display_name, base), language)
                .map(|content| (m, content))
        });
        let mail = visit_mail(
            self.message,
            &booking,
            (&address, language),
            &face.display_name,
            link.as_deref(),
            calendar_file,
        )
        .in_face(&face, language);
        Ok(ctx.mailer.send(municipality, &mail).await?)
    }

    async fn describe(&self, _: &Tenant<'_>) -> lots_store::Result<Described> {
        Ok(Described {
            what: "company-visit-message",
            to: String::new(),
            concerns: None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_queued_message_reads_back_by_its_code() {
        for m in [
            VisitMessage::Offer,
            VisitMessage::Booked,
            VisitMessage::Cancelled,
        ] {
            let queued = serde_json::json!({ "visit_id": 3, "message": m.code(), "to": "officer" });
            let job: VisitMail = serde_json::from_value(queued).unwrap();
            assert_eq!((job.message, job.to), (m, Recipient::Officer));
        }
    }

    fn booking() -> Booking {
        let slot = lots_store::Slot {
            starts_at: 1_800_000_000,
            ends_at: 1_800_000_000 + 90 * 60,
            day: jiff::civil::date(2027, 3, 2),
            starts: "09:00".into(),
            ends: "10:30".into(),
        };
        Booking {
            visit_id: 7,
            campaign_id: 1,
            campaign_name: "Vårens besök".into(),
            campaign_status: CampaignStatus::Running,
            company_id: 3,
            company_name: "Brunna Logistik AB".into(),
            place: "Brunnavägen 1, Kungsängen".into(),
            officer_user_id: 2,
            officer_name: "Ahmed Hassan".into(),
            officer_email: "ahmed@example.org".into(),
            companion_name: Some("Sara Holmberg".into()),
            companion_email: None,
            status: VisitStatus::Booked,
            sequence: 1,
            time: Some(slot.clone()),
            offered: vec![slot],
        }
    }

    #[test]
    fn mails_speak_the_recipients_language_and_the_visits_length() {
        let b = booking();
        let offer = |lang| {
            visit_mail(
                VisitMessage::Offer,
                &b,
                ("info@brunna.example", lang),
                "Upplands-Bro kommun",
                Some("https://lots.example/besok/boka/abc"),
                None,
            )
        };
        let sv = offer(Lang::Sv);
        assert_eq!(
            sv.subject,
            "Upplands-Bro kommun vill besöka Brunna Logistik AB"
        );
        assert!(
            sv.body.contains("Besöket tar ungefär 90 minuter"),
            "{}",
            sv.body
        );
        assert!(sv.body.contains("– tisdag 2027-03-02 kl. 09:00–10:30"));
        let en = offer(Lang::En);
        assert_eq!(
            en.subject,
            "Upplands-Bro kommun would like to visit Brunna Logistik AB"
        );
        assert!(en.body.contains("about 90 minutes"), "{}", en.body);
        assert!(en.body.contains("– Tuesday 2027-03-02 at 09:00–10:30"));
        assert!(en.body.contains("https://lots.example/besok/boka/abc"));
        let booked = visit_mail(
            VisitMessage::Booked,
            &b,
            ("info@brunna.example", Lang::En),
            "Upplands-Bro kommun",
            None,
            None,
        );
        assert_eq!(
            booked.subject,
            "Booked: company visit to Brunna Logistik AB"
        );
        assert!(
            booked
                .body
                .contains("will come together with Sara Holmberg")
        );
    }
}
