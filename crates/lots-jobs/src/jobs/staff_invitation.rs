//! The e-mail that invites a member of staff to Lots, with a one-time link to choose a
//! password. The link is made when the job runs, so the secret never rests in the queue; a
//! retry makes a new link and the older one stops working.

use lots_store::{Db, StaffMember, Tenant, now};
use serde::{Deserialize, Serialize};

use super::Described;
use super::{Job, JobError, enqueue, municipality_of, still_there};
use crate::{JobContext, OutgoingMail};

#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct StaffInvitation {
    user_id: i64,
    /// Who sent it, as the mail names them.
    #[serde(default)]
    sent_by: String,
}

/// Queues the invitation e-mail of an invited user.
pub async fn enqueue_invitation(
    db: &Db,
    user: &StaffMember,
    sent_by: &str,
) -> lots_store::Result<bool> {
    let job = StaffInvitation {
        user_id: user.id,
        sent_by: sent_by.to_string(),
    };
    enqueue(db, user.municipality_code.as_deref(), &job).await
}

impl Job for StaffInvitation {
    const KIND: &'static str = "invitation";

    /// Each invitation is its own: inviting again sends again.
    fn idempotency_key(&self, _: Option<&str>) -> String {
        format!("invitation:{}:{}", self.user_id, now())
    }

    async fn run(self, ctx: &JobContext, municipality: Option<&str>) -> Result<(), JobError> {
        let tenant = ctx
            .db
            .tenant_unchecked(municipality_of(Self::KIND, municipality)?);
        let Some(user) = still_there(tenant.user(self.user_id).await)? else {
            return Ok(());
        };
        if user.status != lots_store::UserStatus::Invited {
            return Ok(());
        }
        let hosted = tenant.municipality().await?;
        let token = ctx.db.create_invitation(user.id).await?;
        let link = format!("{}/inbjudan/{token}", ctx.base_url.trim_end_matches('/'));
        let sent_by = if self.sent_by.is_empty() {
            "Lots"
        } else {
            &self.sent_by
        };
        let mail = invitation_mail(&user, &hosted.name, &link, sent_by);
        Ok(ctx.mailer.send(municipality, &mail).await?)
    }

    async fn describe(&self, tenant: &Tenant<'_>) -> lots_store::Result<Described> {
        Ok(Described {
            what: "invitation-to-lots",
            to: tenant.user(self.user_id).await?.email,
            concerns: None,
        })
    }
}

fn invitation_mail(
    user: &StaffMember,
    municipality_name: &str,
    link: &str,
    sent_by: &str,
) -> OutgoingMail {
    let lang = user.language;
    let args = [
        ("name", user.name.as_str().into()),
        ("municipality", municipality_name.into()),
        ("sent-by", sent_by.into()),
        ("link", link.into()),
    ];
    OutgoingMail {
        to: user.email.clone(),
        subject: lots_i18n::text_with(lang, "staff-invitation-mail-subject", &args),
        body: lots_i18n::text_with(lang, "staff-invitation-mail-body", &args) + "\n",
        ..Default::default()
    }
}
