//! Everything that leaves the process goes through here: jobs are queued in the database
//! by request handlers and run by workers inside `lots serve`, retried with backoff.

mod event_mail;
mod mailer;
mod messages;
mod undelivered;
mod visit_mail;
mod worker;

/// Attempts of a mail before it is given up and left for staff to send again: with backoff
/// capped at an hour, about three days of an SMTP server that does not answer.
pub const MAIL_ATTEMPTS: i64 = 80;

pub use event_mail::{EventMessage, enqueue_event_mail, event_calendar};
pub use mailer::{MailAttachment, MailConfig, Mailer, OutgoingMail, SmtpConfig, SmtpTls};
pub use messages::{enqueue_invitation, enqueue_mail, enqueue_survey_mail};
pub use undelivered::{Concern, Undelivered, undelivered};
pub use visit_mail::{VisitMessage, enqueue_visit_mail, visit_calendar, visit_feed};
pub use worker::{JobContext, Workers, queue_due_reminders, send_case_surveys};
