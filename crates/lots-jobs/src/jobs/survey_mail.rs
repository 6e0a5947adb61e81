//! A survey's invitation or reminder to one invited company, with a new personal link made
//! when the job runs, so no secret rests in the queue. Texts follow Språklagen: short
//! sentences, "du" to the reader, what to do and by when.

use lots_i18n::Lang;
use lots_store::{Db, Tenant};
use serde::{Deserialize, Serialize};

use super::{Concern, Described};
use super::{Job, JobError, enqueue, municipality_of, still_there};
use crate::{JobContext, OutgoingMail};

#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct SurveyMail {
    invitation_id: i64,
    /// 0 for the invitation, else the reminder's number.
    #[serde(default)]
    reminder: i64,
}

/// Queues the invitation e-mail of an invited company of a round (`reminder` 0) or
/// reminder number `reminder` of one invitation. The personal link is made when the job
/// runs; queueing the same one twice sends it once.
pub async fn enqueue_survey_mail(
    db: &Db,
    municipality: &str,
    invitation_id: i64,
    reminder: i64,
) -> lots_store::Result<bool> {
    let job = SurveyMail {
        invitation_id,
        reminder,
    };
    enqueue(db, Some(municipality), &job).await
}

impl Job for SurveyMail {
    const KIND: &'static str = "survey_invitation";

    fn idempotency_key(&self, municipality: Option<&str>) -> String {
        format!(
            "survey:{}:{}:{}",
            municipality.unwrap_or_default(),
            self.invitation_id,
            self.reminder
        )
    }

    /// Sends the mail and records on the invitation that it went out or why it did not.
    async fn run(self, ctx: &JobContext, municipality: Option<&str>) -> Result<(), JobError> {
        let tenant = ctx
            .db
            .tenant_unchecked(municipality_of(Self::KIND, municipality)?);
        let Some((invitation, round_id)) =
            still_there(tenant.invitation(self.invitation_id).await)?
        else {
            return Ok(());
        };
        let round = tenant.round_facts(round_id).await?;
        if invitation.answered || round.closes_on < lots_store::today() {
            return Ok(());
        }
        let face = ctx.db.face(tenant.code()).await?.face;
        let token = tenant.mint_survey_link(self.invitation_id).await?;
        let link = format!("{}/enkat/{token}", ctx.base_url.trim_end_matches('/'));
        let reminder = self.reminder > 0;
        let mail = survey_mail(
            &invitation.email,
            invitation.language,
            &face.display_name,
            &round,
            &link,
            reminder,
        )
        .in_face(&face, invitation.language);
        let sent = ctx.mailer.send(municipality, &mail).await;
        let error = sent.as_ref().err().map(ToString::to_string);
        tenant
            .record_delivery(self.invitation_id, reminder, error.as_deref())
            .await?;
        Ok(sent?)
    }

    /// A reminder of an anonymous round names no recipient: only those who have not
    /// answered get reminders.
    async fn describe(&self, tenant: &Tenant<'_>) -> lots_store::Result<Described> {
        let reminder = self.reminder > 0;
        let (invitation, round) = tenant.invitation(self.invitation_id).await?;
        let anonymous = tenant.round_facts(round).await?.anonymous;
        Ok(Described {
            what: if reminder {
                "survey-reminder"
            } else {
                "survey-invitation"
            },
            to: if anonymous && reminder {
                String::new()
            } else {
                invitation.email
            },
            concerns: Some(Concern::Round(round)),
        })
    }
}

/// The invitation or reminder to answer a survey, in the contact's language.
fn survey_mail(
    to: &str,
    lang: Lang,
    municipality_name: &str,
    round: &lots_store::Round,
    link: &str,
    reminder: bool,
) -> OutgoingMail {
    let yes_no = |b: bool| if b { "yes" } else { "no" };
    let args = [
        ("municipality", municipality_name.into()),
        ("closes", round.closes_on.to_string().into()),
        ("link", link.into()),
        ("reminder", yes_no(reminder).into()),
        ("anonymous", yes_no(round.anonymous).into()),
    ];
    OutgoingMail {
        to: to.into(),
        subject: lots_i18n::text_with(lang, "survey-mail-subject", &args),
        body: lots_i18n::text_with(lang, "survey-mail-body", &args) + "\n",
        ..Default::default()
    }
}
