//! The data layer of Lots: one implementation of every query over SQLite and PostgreSQL.
//!
//! Queries are written once in portable SQL with `$1`-style parameters and run through
//! sqlx's `Any` driver; SQLite and PostgreSQL both understand that form. Only the schema
//! (`migrations/sqlite`, `migrations/postgres`) differs per backend.
//!
//! Tenancy: every operational row belongs to one municipality. Operational data is reached
//! only through [`Tenant`], a handle bound to one municipality code, whose every query binds
//! that code; there is no way through this crate to read a unit, a user or a token of
//! another municipality by id.

mod audit;
mod campaign_officers;
mod campaign_report;
mod campaign_selection;
mod campaigns;
mod case_file;
mod case_surveys;
mod cases;
mod checklists;
mod companies;
mod company_writer;
mod contact_log;
mod contacts;
mod db;
mod error;
mod events;
mod fault_reports;
mod import;
mod jobs;
mod joint_rounds;
mod merge;
mod migrate;
mod networks;
mod organisers;
mod params;
mod reference;
pub mod scratch;
mod search;
pub mod secret;
mod sessions;
mod survey_results;
mod surveys;
mod tenant;
mod tokens;
mod training;
mod users;
mod visit_booking;
mod visit_records;

pub use audit::{AuditEntry, AuditFilter, AuditRecord};
pub use campaign_officers::OfficerTerms;
pub use campaign_report::{CampaignReport, ReferralCount, SaidUnder, StatusCounts};
pub use campaign_selection::{Candidate, Selection};
pub use campaigns::{Campaign, ConflictOfInterest, NewCampaign, PlannedVisit};
pub use case_surveys::{CASE_SURVEY_QUARANTINE_MONTHS, CaseBatch};
pub use cases::{
    AreaRow, CASE_STATUSES, Case, CaseFilter, CasePage, HANDLING_GROUPS, HandlingRow, Written,
};
pub use checklists::{
    Checklist, ChecklistSummary, ChecklistToAcknowledge, ChecklistUnit, ChecklistVersion,
};
pub use companies::{
    Area, COMPANY_STATUSES, Company, CompanyFilter, CompanyInput, CompanyPage, EXPORT_HEADER,
    ImportOutcome, JourneyEvent, OnDuplicate, SavedFilter,
};
pub use contact_log::{
    CHANNELS, ContactCount, ContactReason, ContactStats, DEFAULT_REASONS, LoggedContact, NewContact,
};
pub use contacts::{Contact, ContactInput, LEGAL_BASES};
pub use db::{Backend, Db, now};
pub use error::{Conflict, StoreError};
pub use events::{
    Cancellation, Event, EventInvitations, NewEvent, Participant, Registration, Walkin,
};
pub use fault_reports::{
    FaultError, FaultFilter, FaultReport, FaultService, MAX_DESCRIPTION, NewFaultReport,
};
pub use import::{ImportOptions, ImportReport, Unreadable, Upload};
pub use jobs::{Job, JobCounts, NewJob, TroubledJob};
pub use joint_rounds::{JointMember, JointRound, NewJointRound};
pub use lots_domain::battery::as_form;
pub use merge::DuplicatePair;
pub use networks::{Action, Meeting, Member, Network};
pub use organisers::{Organiser, OrganiserScope};
pub use reference::HostedMunicipality;
pub use sessions::{MAX_FAILURES_PER_EMAIL, SessionUser, SignInOutcome};
pub use survey_results::{BREAKDOWNS, CountyComparison, Measurement, MemberNki, RoundResults};
pub use surveys::{
    Audience, BatterySummary, BatteryVersion, ImportedResponse, Invitation, LinkTarget, NewRound,
    RespondingCompany, ResponseRecord, Round, SeenInvitation, today,
};
pub use tenant::{NewUnit, Tenant, Unit, UnitKind};
pub use tokens::{ApiToken, Scope, TokenIdentity};
pub use training::{Course, Coverage, Trainee, TrainingRecord, TrainingSession};
pub use users::{NewUser, StaffFilter, StaffMember, StaffPage, UserStatus};
pub use visit_booking::{Absence, Booking, Slot};
pub use visit_records::{
    Feedback, FeedbackScope, NewFeedback, NewReferral, Recorded, Referral, VisitRecord,
};

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

#[cfg(test)]
mod conformance;
