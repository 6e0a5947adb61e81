//! The e-mails Lots sends and how they are queued. Texts follow Språklagen: short
//! sentences, "du" to the reader, what to do and by when.

use lots_store::{Db, NewJob, StaffMember, now};

use crate::OutgoingMail;

pub(crate) const KIND_MAIL: &str = "mail";
pub(crate) const KIND_INVITATION: &str = "invitation";
pub(crate) const KIND_SURVEY: &str = "survey_invitation";

/// Queues the invitation e-mail of every invited company of a round (`reminder` 0) or
/// reminder number `reminder` of one invitation. The personal link is made when the job
/// runs; queueing the same one twice sends it once.
pub async fn enqueue_survey_mail(
    db: &Db,
    municipality: &str,
    invitation_id: i64,
    reminder: i64,
) -> lots_store::Result<bool> {
    db.enqueue(NewJob {
        municipality_code: Some(municipality.to_string()),
        kind: KIND_SURVEY.into(),
        payload: serde_json::json!({ "invitation_id": invitation_id, "reminder": reminder }),
        idempotency_key: format!("survey:{municipality}:{invitation_id}:{reminder}"),
        max_attempts: crate::MAIL_ATTEMPTS,
        run_at: now(),
    })
    .await
}

/// The invitation or reminder to answer a survey, in the contact's language.
pub(crate) fn survey_mail(
    to: &str,
    language: &str,
    municipality_name: &str,
    round: &lots_store::Round,
    link: &str,
    reminder: bool,
) -> OutgoingMail {
    if language == "en" {
        OutgoingMail {
            to: to.into(),
            subject: format!(
                "{}{municipality_name} wants to hear how you experience its service",
                if reminder { "Reminder: " } else { "" }
            ),
            body: format!(
                "Hello,\n\n{municipality_name} wants to know how your company experiences the \
                 municipality's service. The questions take about five minutes.\n\n\
                 Answer here by {closes}:\n{link}\n\n\
                 The link is yours: you can stop and go on later, and change your answers until \
                 the survey closes.{anonymous}\n",
                closes = round.closes_on,
                anonymous = if round.anonymous {
                    " Your answers are anonymous: the municipality sees them only together with others'."
                } else {
                    ""
                }
            ),
            ..Default::default()
        }
    } else {
        OutgoingMail {
            to: to.into(),
            subject: format!(
                "{}{municipality_name} vill veta vad du tycker om kommunens service",
                if reminder { "Påminnelse: " } else { "" }
            ),
            body: format!(
                "Hej!\n\n{municipality_name} vill veta hur ditt företag upplever kommunens \
                 service. Frågorna tar ungefär fem minuter.\n\n\
                 Svara här senast {closes}:\n{link}\n\n\
                 Länken är din: du kan göra en paus och fortsätta senare, och ändra dina svar tills \
                 enkäten stänger.{anonymous}\n",
                closes = round.closes_on,
                anonymous = if round.anonymous {
                    " Dina svar är anonyma: kommunen ser dem bara tillsammans med andras."
                } else {
                    ""
                }
            ),
            ..Default::default()
        }
    }
}

/// Queues a plain e-mail. `key` identifies the message so queueing it twice sends it once.
pub async fn enqueue_mail(
    db: &Db,
    municipality: Option<&str>,
    key: &str,
    mail: &OutgoingMail,
) -> lots_store::Result<bool> {
    db.enqueue(NewJob {
        municipality_code: municipality.map(str::to_string),
        kind: KIND_MAIL.into(),
        payload: serde_json::to_value(mail).unwrap_or_default(),
        idempotency_key: format!("mail:{key}"),
        max_attempts: crate::MAIL_ATTEMPTS,
        run_at: now(),
    })
    .await
}

/// Queues the invitation e-mail of an invited user. The one-time link is made when the job
/// runs, so the secret never rests in the queue; a retry makes a new link and the older
/// one stops working.
pub async fn enqueue_invitation(
    db: &Db,
    user: &StaffMember,
    sent_by: &str,
) -> lots_store::Result<bool> {
    db.enqueue(NewJob {
        municipality_code: user.municipality_code.clone(),
        kind: KIND_INVITATION.into(),
        payload: serde_json::json!({ "user_id": user.id, "sent_by": sent_by }),
        idempotency_key: format!("invitation:{}:{}", user.id, now()),
        max_attempts: crate::MAIL_ATTEMPTS,
        run_at: now(),
    })
    .await
}

pub(crate) fn invitation_mail(
    user: &StaffMember,
    municipality_name: &str,
    link: &str,
    sent_by: &str,
) -> OutgoingMail {
    if user.language == "en" {
        OutgoingMail {
            to: user.email.clone(),
            subject: format!("You are invited to Lots – {municipality_name}"),
            body: format!(
                "Hello {name},\n\n{sent_by} has invited you to Lots, where {municipality_name} \
                 works with its service to companies.\n\nChoose your password here within 7 days:\n{link}\n\n\
                 The link works once. If you did not expect this e-mail, you can ignore it.\n",
                name = user.name
            ),
            ..Default::default()
        }
    } else {
        OutgoingMail {
            to: user.email.clone(),
            subject: format!("Du är inbjuden till Lots – {municipality_name}"),
            body: format!(
                "Hej {name}!\n\n{sent_by} har bjudit in dig till Lots, där {municipality_name} \
                 arbetar med servicen till företagen.\n\nVälj ditt lösenord här inom 7 dagar:\n{link}\n\n\
                 Länken fungerar en gång. Om du inte väntade dig det här mejlet kan du bortse från det.\n",
                name = user.name
            ),
            ..Default::default()
        }
    }
}
