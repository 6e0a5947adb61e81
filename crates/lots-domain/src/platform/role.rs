//! Staff roles and what each may do. The web layer asks these questions on the server for
//! every page and API call; templates only use them to hide links the user could not follow.

use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Administrator,
    BusinessDevelopment,
    CaseOfficer,
    ContactCentre,
    Manager,
    Organiser,
    ReadOnly,
}

impl Role {
    pub const ALL: [Role; 7] = [
        Role::Administrator,
        Role::BusinessDevelopment,
        Role::CaseOfficer,
        Role::ContactCentre,
        Role::Manager,
        Role::Organiser,
        Role::ReadOnly,
    ];

    /// The stable code stored in the database and used in the API and on the command line.
    pub fn code(self) -> &'static str {
        match self {
            Role::Administrator => "administrator",
            Role::BusinessDevelopment => "business_development",
            Role::CaseOfficer => "case_officer",
            Role::ContactCentre => "contact_centre",
            Role::Manager => "manager",
            Role::Organiser => "organiser",
            Role::ReadOnly => "read_only",
        }
    }

    /// The id of its catalog message.
    pub fn message(self) -> &'static str {
        match self {
            Role::Administrator => "role-administrator",
            Role::BusinessDevelopment => "role-business-development",
            Role::CaseOfficer => "role-case-officer",
            Role::ContactCentre => "role-contact-centre",
            Role::Manager => "role-manager",
            Role::Organiser => "role-organiser",
            Role::ReadOnly => "role-read-only",
        }
    }

    /// Whether the role belongs to staff of an organiser (a region or a national body)
    /// rather than to a municipality.
    pub fn is_organiser_role(self) -> bool {
        self == Role::Organiser
    }
}

/// What a set of roles allows. One place answers, so pages and API agree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Permission {
    /// See the municipality's units and staff directory.
    ViewOrganisation,
    /// Invite, disable and change staff; manage API tokens.
    ManageStaff,
    /// Read the audit log.
    ViewAuditLog,
    /// See member municipalities of an organiser.
    ViewMembers,
    /// Start a joint measurement across the member municipalities.
    RunJointMeasurements,
    /// See the company registry and the companies' journeys.
    ViewCompanies,
    /// Register and change companies and contact people, write notes.
    EditCompanies,
    /// Import and export the register, merge duplicates.
    ManageRegister,
    /// See personal data: contact details and sole traders' personnummer.
    ViewPersonalData,
    /// Build survey rounds, send invitations, enter answers taken by phone.
    ManageSurveys,
    /// See survey results (never below the anonymity threshold).
    ViewSurveyResults,
    /// Run networks, events and staff training.
    ManageActivities,
}

pub fn allows(roles: &[Role], permission: Permission) -> bool {
    roles.iter().any(|r| match permission {
        Permission::ViewOrganisation => *r != Role::Organiser,
        Permission::ManageStaff | Permission::ViewAuditLog => *r == Role::Administrator,
        Permission::ViewMembers | Permission::RunJointMeasurements => *r == Role::Organiser,
        Permission::ViewCompanies => *r != Role::Organiser,
        Permission::EditCompanies => matches!(
            r,
            Role::Administrator
                | Role::BusinessDevelopment
                | Role::CaseOfficer
                | Role::ContactCentre
        ),
        Permission::ManageRegister => matches!(r, Role::Administrator | Role::BusinessDevelopment),
        Permission::ViewPersonalData => !matches!(r, Role::Organiser | Role::ReadOnly),
        Permission::ManageSurveys => matches!(r, Role::Administrator | Role::BusinessDevelopment),
        Permission::ViewSurveyResults => *r != Role::Organiser,
        Permission::ManageActivities => matches!(
            r,
            Role::Administrator | Role::BusinessDevelopment | Role::ContactCentre
        ),
    })
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown role {0:?}; known roles: administrator, business_development, case_officer, contact_centre, manager, organiser, read_only"
)]
pub struct UnknownRole(pub String);

impl FromStr for Role {
    type Err = UnknownRole;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Role::ALL
            .into_iter()
            .find(|r| r.code() == s.trim())
            .ok_or_else(|| UnknownRole(s.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for r in Role::ALL {
            assert_eq!(r.code().parse::<Role>(), Ok(r));
        }
        assert!("boss".parse::<Role>().is_err());
    }

    #[test]
    fn only_administrators_manage_staff() {
        assert!(allows(&[Role::Administrator], Permission::ManageStaff));
        for r in Role::ALL.into_iter().filter(|r| *r != Role::Administrator) {
            assert!(!allows(&[r], Permission::ManageStaff), "{r}");
            assert!(!allows(&[r], Permission::ViewAuditLog), "{r}");
        }
        assert!(!allows(&[Role::Organiser], Permission::ViewOrganisation));
        assert!(allows(&[Role::CaseOfficer], Permission::ViewOrganisation));
        assert!(!allows(&[Role::ReadOnly], Permission::ViewPersonalData));
        assert!(allows(&[Role::ReadOnly], Permission::ViewCompanies));
        assert!(!allows(&[Role::CaseOfficer], Permission::ManageRegister));
        assert!(allows(
            &[Role::BusinessDevelopment],
            Permission::ManageSurveys
        ));
        assert!(!allows(&[Role::CaseOfficer], Permission::ManageSurveys));
        assert!(allows(&[Role::Manager], Permission::ViewSurveyResults));
    }
}
