//! A plain e-mail, written in full by whoever queued it.

use lots_store::{Db, Tenant};
use serde::{Deserialize, Serialize};

use super::Described;
use super::{Job, JobError, enqueue};
use crate::{JobContext, OutgoingMail};

/// The mail as it rests in the queue; the key is the caller's and is not kept.
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct Mail {
    #[serde(flatten)]
    mail: OutgoingMail,
    #[serde(skip)]
    key: String,
}

impl Job for Mail {
    const KIND: &'static str = "mail";

    fn idempotency_key(&self, _: Option<&str>) -> String {
        format!("mail:{}", self.key)
    }

    async fn run(self, ctx: &JobContext, municipality: Option<&str>) -> Result<(), JobError> {
        Ok(ctx.mailer.send(municipality, &self.mail).await?)
    }

    async fn describe(&self, _: &Tenant<'_>) -> lots_store::Result<Described> {
        Ok(Described {
            what: "e-mail",
            to: self.mail.to.clone(),
            concerns: None,
        })
    }
}

/// Queues a plain e-mail. `key` identifies the message so queueing it twice sends it once.
pub async fn enqueue_mail(
    db: &Db,
    municipality: Option<&str>,
    key: &str,
    mail: &OutgoingMail,
) -> lots_store::Result<bool> {
    let job = Mail {
        mail: mail.clone(),
        key: key.to_string(),
    };
    enqueue(db, municipality, &job).await
}
