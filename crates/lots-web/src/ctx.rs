//! What every page handler starts from: the language, the CSRF token, the signed-in user,
//! and the questions of access asked on the server.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use lots_domain::role::{Permission, allows};
use lots_store::{SessionUser, Tenant};
use minijinja::{Value, context};

use crate::cookies::Cookie;
use crate::csrf::CsrfToken;
use crate::error::AppError;
use crate::state::AppState;
use lots_i18n::Lang;

/// The client's address for the audit log and the sign-in rate limit.
pub fn client_ip(parts: &Parts) -> String {
    parts
        .extensions
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map(|c| c.0.ip().to_string())
        .unwrap_or_else(|| "unknown".into())
}

pub struct Ctx {
    pub lang: Lang,
    pub csrf: String,
    /// Path and query of this request, to come back to after signing in or switching language.
    pub here: String,
    pub ip: String,
    pub session: Option<SessionUser>,
    pub app: AppState,
}

impl FromRequestParts<AppState> for Ctx {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, app: &AppState) -> Result<Self, AppError> {
        let secure = app.config.secure_cookies();
        let session = match Cookie::Session.read(&parts.headers, secure) {
            Some(token) => app.db.session_user(token).await?,
            None => None,
        };
        let lang = Cookie::Lang
            .read(&parts.headers, secure)
            .and_then(Lang::parse)
            .or_else(|| session.as_ref().map(|s| s.user.language))
            .unwrap_or(Lang::Sv);
        let csrf = parts
            .extensions
            .get::<CsrfToken>()
            .map(|t| t.0.clone())
            .unwrap_or_default();
        let here = parts
            .uri
            .path_and_query()
            .map(|p| p.as_str().to_string())
            .unwrap_or_else(|| "/".into());
        Ok(Ctx {
            lang,
            csrf,
            here,
            ip: client_ip(parts),
            session,
            app: app.clone(),
        })
    }
}

impl Ctx {
    /// The message `id` in the visitor's language.
    pub fn t(&self, id: &str) -> String {
        lots_i18n::text(self.lang, id)
    }

    /// A message handed over with its values, in the reader's language.
    pub fn message(&self, message: &lots_i18n::Message) -> String {
        message.text(self.lang)
    }

    /// The message `id` with its placeholders filled.
    pub fn t_with(&self, id: &str, args: &[lots_i18n::Arg]) -> String {
        lots_i18n::text_with(self.lang, id, args)
    }

    /// The signed-in user, or a redirect to the sign-in page that comes back here.
    pub fn staff(&self) -> Result<&SessionUser, AppError> {
        self.session
            .as_ref()
            .ok_or_else(|| AppError::SignInRequired(self.here.clone()))
    }

    /// The signed-in user if their roles allow `permission`.
    pub fn require(&self, permission: Permission) -> Result<&SessionUser, AppError> {
        let s = self.staff()?;
        if allows(&s.user.roles, permission) {
            Ok(s)
        } else {
            Err(AppError::Forbidden)
        }
    }

    pub fn may(&self, permission: Permission) -> bool {
        self.session
            .as_ref()
            .is_some_and(|s| allows(&s.user.roles, permission))
    }

    /// The municipality of the signed-in user. Staff of an organiser have none.
    pub fn tenant(&self) -> Result<Tenant<'_>, AppError> {
        let code = self
            .staff()?
            .user
            .municipality_code
            .as_deref()
            .ok_or(AppError::Forbidden)?;
        Ok(self.app.db.tenant_unchecked(code).acting(self.actor()))
    }

    /// Who acts: the signed-in user, or an anonymous visitor, from the client's address.
    pub fn actor(&self) -> lots_store::Actor {
        let user = self.session.as_ref().map(|s| &s.user);
        lots_store::Actor {
            user_id: user.map(|u| u.id),
            organiser_id: user.and_then(|u| u.organiser_id),
            name: user
                .map(|u| u.email.clone())
                .unwrap_or_else(|| "anonymous".into()),
            ip: self.ip.clone(),
        }
    }

    /// Who did it, for the audit log.
    pub fn audit_entry(
        &self,
        action: &str,
        record_type: &str,
        record_id: impl ToString,
    ) -> lots_store::AuditEntry {
        let user = self.session.as_ref().map(|s| &s.user);
        lots_store::AuditEntry {
            municipality_code: user.and_then(|u| u.municipality_code.clone()),
            organiser_id: user.and_then(|u| u.organiser_id),
            actor_user_id: user.map(|u| u.id),
            actor: user
                .map(|u| u.email.clone())
                .unwrap_or_else(|| "anonymous".into()),
            action: action.into(),
            record_type: record_type.into(),
            record_id: record_id.to_string(),
            ip: self.ip.clone(),
            detail: String::new(),
        }
    }

    /// The navigation: only what exists and what the roles may use.
    fn nav(&self) -> Vec<Value> {
        let mut items = vec![("/oversikt", "overview")];
        if self.may(Permission::ViewCompanies) {
            items.push(("/foretag", "companies"));
            items.push(("/arenden", "cases"));
            items.push(("/felanmalningar", "fault-reports"));
        }
        if self.may(Permission::EditCompanies) {
            items.push(("/kontaktlogg", "contact-log"));
        }
        if self.may(Permission::ViewCompanies) {
            items.push(("/kampanjer", "visit-campaigns"));
            items.push(("/natverk", "networks"));
            items.push(("/evenemang", "events"));
            items.push(("/utbildning", "training"));
        }
        if self.may(Permission::ViewSurveyResults) {
            items.push(("/enkater", "surveys"));
        }
        if self.may(Permission::ViewMembers) {
            items.push(("/medlemmar/nki", "nki-in-the-member-municipalities"));
            items.push(("/medlemmar/matningar", "joint-measurements"));
        }
        if self.may(Permission::ViewOrganisation) {
            items.push(("/organisation", "organisation"));
            items.push(("/personal", "staff-heading"));
        }
        if self.may(Permission::ManageStaff) {
            items.push(("/admin/kommunen", "face-heading"));
            items.push(("/admin/api-nycklar", "api-tokens"));
            items.push(("/admin/arendeinstallningar", "cases-and-contact-log"));
            items.push(("/admin/utskick", "undelivered-e-mail"));
        }
        if self.may(Permission::ViewAuditLog) {
            items.push(("/admin/granskningslogg", "audit-log"));
        }
        items.push(("/api/v1/docs", "api-documentation"));
        items
            .into_iter()
            .map(|(href, label)| {
                let current = self.here == href
                    || self.here.starts_with(&format!("{href}/"))
                    || self.here.starts_with(&format!("{href}?"));
                context! { href, label => self.t(label), current }
            })
            .collect()
    }

    /// The context every template gets, merged with the page's own.
    pub fn page(&self, title: &str, page: Value) -> Value {
        let user = self.session.as_ref().map(|s| {
            context! {
                id => s.user.id,
                name => s.user.name.clone(),
                email => s.user.email.clone(),
                roles => s.user.roles.iter().map(|r| r.code()).collect::<Vec<_>>(),
            }
        });
        let other_lang = match self.lang {
            Lang::Sv => "en",
            Lang::En => "sv",
        };
        let base = context! {
            lang => self.lang.code(),
            title => title,
            csrf => self.csrf.clone(),
            here => self.here.clone(),
            nav => if self.session.is_some() { self.nav() } else { Vec::new() },
            user,
            other_lang,
            lang_switch => format!("/sprak/{other_lang}?till={}", crate::url::urlencode(&self.here)),
        };
        context! { ..page, ..base }
    }
}

/// Where a `till` or `back` parameter may lead: a path of this site, parsed as one, with no
/// control character (browsers drop tab and line breaks, so `/\t/evil.example` would
/// become `//evil.example`), no `//` at its start and no backslash. Every redirect to a
/// place a request names goes through here.
pub fn local_path(p: &str) -> Option<&str> {
    let plain = p.starts_with('/')
        && !p.starts_with("//")
        && !p.contains('\\')
        && lots_domain::input::forbidden_character(p, lots_domain::input::Breaks::Refused)
            .is_none();
    (plain && p.parse::<axum::http::uri::PathAndQuery>().is_ok()).then_some(p)
}

/// A place to return to: `p` if it is a [`local_path`], else the overview.
pub fn safe_return_path(p: Option<&str>) -> String {
    p.and_then(local_path).unwrap_or("/oversikt").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn return_paths_stay_on_this_site() {
        assert_eq!(safe_return_path(Some("/personal?q=a")), "/personal?q=a");
        assert_eq!(safe_return_path(Some("//evil.example")), "/oversikt");
        assert_eq!(safe_return_path(Some("https://evil.example")), "/oversikt");
        assert_eq!(safe_return_path(Some("/\\evil.example")), "/oversikt");
        assert_eq!(safe_return_path(None), "/oversikt");
        for hostile in [
            "/\t/evil.example",
            "/%09/evil.example\n",
            "/\n",
            "/a\0",
            "/ space",
            "",
        ] {
            assert_eq!(safe_return_path(Some(hostile)), "/oversikt", "{hostile:?}");
        }
        assert_eq!(local_path("/enkater/2?sida=1"), Some("/enkater/2?sida=1"));
    }
}
