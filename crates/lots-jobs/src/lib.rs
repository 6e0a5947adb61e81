//! Everything that leaves the process goes through here: jobs are queued in the database
//! by request handlers and run by workers inside `lots serve`, retried with backoff.

mod jobs;
mod mailer;
mod undelivered;
mod worker;

/// Attempts of a mail before it is given up and left for staff to send again: with backoff
/// capped at an hour, about three days of an SMTP server that does not answer.
pub const MAIL_ATTEMPTS: i64 = 80;

pub use jobs::Concern;
pub use jobs::JobError;
pub use jobs::event_mail::{EventMessage, enqueue_event_mail, event_calendar};
pub use jobs::mail::enqueue_mail;
pub use jobs::staff_invitation::enqueue_invitation;
pub use jobs::survey_mail::enqueue_survey_mail;
pub use jobs::visit_mail::{VisitMessage, enqueue_visit_mail, visit_calendar, visit_feed};
pub use mailer::{MailAttachment, MailConfig, Mailer, OutgoingMail, SmtpConfig, SmtpTls};
pub use undelivered::{Undelivered, undelivered};
pub use worker::{JobContext, Workers, queue_due_reminders, send_case_surveys};
