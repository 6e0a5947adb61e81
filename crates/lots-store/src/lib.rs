//! The data layer of Lots: one implementation of every query over SQLite and PostgreSQL.
//!
//! Queries are written once in portable SQL with `$1`-style parameters and run through
//! sqlx's `Any` driver; SQLite and PostgreSQL both understand that form. Only the schema
//! (`migrations/NNNN_name.sql`, expanded per backend) differs.
//!
//! Tenancy: every operational row belongs to one municipality. Operational data is reached
//! only through [`Tenant`], a handle bound to one municipality code, whose every query binds
//! that code; there is no way through this crate to read a unit, a user or a token of
//! another municipality by id.

mod activities;
mod campaigns;
mod cases;
mod db;
mod error;
mod migrate;
mod params;
mod platform;
mod register;
pub mod scratch;
pub mod secret;
mod surveys;
mod tenant;

pub use activities::events::{
    Cancellation, Event, EventInvitations, NewEvent, Participant, Registration, Walkin,
};
pub use activities::networks::{Action, Meeting, Member, Network};
pub use activities::training::{Course, Coverage, Trainee, TrainingRecord, TrainingSession};
pub use campaigns::campaign::{Campaign, ConflictOfInterest, NewCampaign, PlannedVisit};
pub use campaigns::campaign_officers::OfficerTerms;
pub use campaigns::campaign_report::{CampaignReport, ReferralCount, SaidUnder, StatusCounts};
pub use campaigns::campaign_selection::{Candidate, Selection, Why};
pub use campaigns::checklists::{
    Checklist, ChecklistSummary, ChecklistToAcknowledge, ChecklistUnit, ChecklistVersion,
};
pub use campaigns::visit_booking::{Absence, Booking, OfficerVisit, Slot};
pub use campaigns::visit_records::{
    Feedback, FeedbackScope, NewFeedback, NewReferral, Recorded, Referral, VisitRecord,
};
pub use cases::case::{
    AreaRow, Case, CaseFilter, CasePage, CaseStatus, HANDLING_GROUPS, HandlingRow, SurveyState,
    Written,
};
pub use cases::contact_log::{
    ContactChannel, ContactCount, ContactReason, ContactStats, DEFAULT_REASONS, LoggedContact,
    NewContact,
};
pub use cases::fault_follow::{FaultEvent, MAX_ADDITION};
pub use cases::fault_photos::{MAX_FAULT_PHOTOS, MAX_PHOTO_BYTES};
pub use cases::fault_reports::{
    FaultChannel, FaultError, FaultFilter, FaultReport, FaultService, MAX_DESCRIPTION,
    NewFaultReport,
};
pub use db::{Backend, Db, now};
pub use error::{Conflict, StoreError};
pub use lots_domain::battery::as_form;
pub use platform::audit::{Actor, AuditEntry, AuditFilter, AuditRecord};
pub use platform::faces::{MAX_LOGO_BYTES, MunicipalityFace};
pub use platform::jobs::{Job, JobCounts, NewJob, TroubledJob};
pub use platform::organisers::{Organiser, OrganiserScope};
pub use platform::reference::HostedMunicipality;
pub use platform::sessions::{MAX_FAILURES_PER_EMAIL, SessionUser, SignInOutcome};
pub use platform::tokens::{ApiToken, Scope, TokenIdentity};
pub use platform::users::{NewUser, StaffFilter, StaffMember, StaffPage, UserStatus};
pub use register::companies::{
    Area, Company, CompanyFilter, CompanyInput, CompanyPage, CompanyStatus, EXPORT_COLUMNS,
    ImportOutcome, JourneyEvent, JourneyKind, OnDuplicate, SavedFilter, export_header,
};
pub use register::contacts::{Contact, ContactInput};
pub use register::import::{ImportOptions, ImportReport, Upload};
pub use register::merge::DuplicatePair;
pub use surveys::case_surveys::{CASE_SURVEY_QUARANTINE_MONTHS, CaseBatch};
pub use surveys::joint_rounds::{JointMember, JointRound, NewJointRound};
pub use surveys::rounds::{
    BatterySummary, BatteryVersion, CaseAbout, ImportedResponse, Invitation, LinkTarget, NewRound,
    RespondingCompany, ResponseRecord, Round, RoundTerms, SeenInvitation, today,
};
pub use surveys::survey_results::{
    BREAKDOWNS, CountyComparison, Measurement, MemberNki, RoundResults,
};
pub use surveys::trend::{NkiStanding, TrendYear};
pub use tenant::{NewUnit, Tenant, Unit, UnitKind};

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

#[cfg(test)]
mod conformance;
