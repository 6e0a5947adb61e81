//! The demo's organisation: the units of Upplands-Bro's administration and its fictional
//! staff, with the addresses they sign in with.

use lots_domain::Role;
use lots_store::UnitKind;

pub const DOMAIN: &str = "upplands-bro.example";

pub(super) struct Person {
    pub(super) first: &'static str,
    pub(super) last: &'static str,
    pub(super) title: &'static str,
    pub(super) unit: &'static str,
    pub(super) roles: &'static [Role],
}

const fn p(
    first: &'static str,
    last: &'static str,
    title: &'static str,
    unit: &'static str,
    roles: &'static [Role],
) -> Person {
    Person {
        first,
        last,
        title,
        unit,
        roles,
    }
}

use Role::*;

pub(super) const CKO: &str = "Kommunledningskontoret";
pub(super) const NL: &str = "Näringslivsenheten";
pub(super) const KC: &str = "Kontaktcenter";
pub(super) const KOM: &str = "Kommunikationsenheten";
pub(super) const IT: &str = "IT-enheten";
pub(super) const SBK: &str = "Samhällsbyggnadskontoret";
pub(super) const BYGG: &str = "Bygglovsenheten";
pub(super) const MILJO: &str = "Miljö- och hälsoskyddsenheten";
pub(super) const LIVS: &str = "Livsmedelsenheten";

/// Units: (name, kind, parent).
pub(super) const UNITS: &[(&str, UnitKind, Option<&str>)] = &[
    (CKO, UnitKind::Kontor, None),
    (NL, UnitKind::Enhet, Some(CKO)),
    (KC, UnitKind::Enhet, Some(CKO)),
    (KOM, UnitKind::Enhet, Some(CKO)),
    (IT, UnitKind::Enhet, Some(CKO)),
    (SBK, UnitKind::Kontor, None),
    (BYGG, UnitKind::Enhet, Some(SBK)),
    (MILJO, UnitKind::Enhet, Some(SBK)),
    (LIVS, UnitKind::Enhet, Some(SBK)),
];

/// Fictional staff. The business developer comes first: the README names that account.
pub(super) const PEOPLE: &[Person] = &[
    p(
        "Sara",
        "Holmberg",
        "Näringslivsutvecklare",
        NL,
        &[BusinessDevelopment],
    ),
    p(
        "Johan",
        "Ekström",
        "Näringslivschef",
        NL,
        &[BusinessDevelopment, Manager],
    ),
    p(
        "Maja",
        "Lindqvist",
        "Systemförvaltare",
        IT,
        &[Administrator],
    ),
    p("Lena", "Forsberg", "Samhällsbyggnadschef", SBK, &[Manager]),
    p("Per", "Sandberg", "Bygglovschef", BYGG, &[Manager]),
    p("Helena", "Nyström", "Miljöchef", MILJO, &[Manager]),
    p("Oskar", "Wikström", "Livsmedelschef", LIVS, &[Manager]),
    p(
        "Ahmed",
        "Hassan",
        "Bygglovshandläggare",
        BYGG,
        &[CaseOfficer],
    ),
    p(
        "Elin",
        "Bergqvist",
        "Bygglovshandläggare",
        BYGG,
        &[CaseOfficer],
    ),
    p(
        "Mikael",
        "Sundin",
        "Bygglovshandläggare",
        BYGG,
        &[CaseOfficer],
    ),
    p(
        "Sofia",
        "Lundgren",
        "Bygglovshandläggare",
        BYGG,
        &[CaseOfficer],
    ),
    p("David", "Åberg", "Bygglovsarkitekt", BYGG, &[CaseOfficer]),
    p("Emma", "Öberg", "Bygglovshandläggare", BYGG, &[CaseOfficer]),
    p(
        "Viktor",
        "Hedlund",
        "Byggnadsinspektör",
        BYGG,
        &[CaseOfficer],
    ),
    p(
        "Amanda",
        "Björklund",
        "Byggnadsinspektör",
        BYGG,
        &[CaseOfficer],
    ),
    p(
        "Jonas",
        "Engström",
        "Bygglovshandläggare",
        BYGG,
        &[CaseOfficer],
    ),
    p("Fatima", "Ali", "Bygglovshandläggare", BYGG, &[CaseOfficer]),
    p("Karin", "Sjögren", "Miljöinspektör", MILJO, &[CaseOfficer]),
    p("Erik", "Norberg", "Miljöinspektör", MILJO, &[CaseOfficer]),
    p("Linnea", "Strand", "Miljöinspektör", MILJO, &[CaseOfficer]),
    p(
        "Marcus",
        "Blom",
        "Miljö- och hälsoskyddsinspektör",
        MILJO,
        &[CaseOfficer],
    ),
    p(
        "Ida",
        "Håkansson",
        "Miljö- och hälsoskyddsinspektör",
        MILJO,
        &[CaseOfficer],
    ),
    p(
        "Niklas",
        "Vikström",
        "Miljöinspektör",
        MILJO,
        &[CaseOfficer],
    ),
    p("Hanna", "Ek", "Miljöinspektör", MILJO, &[CaseOfficer]),
    p("Samir", "Yilmaz", "Miljöinspektör", MILJO, &[CaseOfficer]),
    p("Therese", "Dahl", "Miljöinspektör", MILJO, &[CaseOfficer]),
    p(
        "Gustav",
        "Falk",
        "Livsmedelsinspektör",
        LIVS,
        &[CaseOfficer],
    ),
    p(
        "Nora",
        "Lindberg",
        "Livsmedelsinspektör",
        LIVS,
        &[CaseOfficer],
    ),
    p(
        "Leo",
        "Strömberg",
        "Livsmedelsinspektör",
        LIVS,
        &[CaseOfficer],
    ),
    p(
        "Alva",
        "Mattsson",
        "Livsmedelsinspektör",
        LIVS,
        &[CaseOfficer],
    ),
    p(
        "Isak",
        "Berglund",
        "Livsmedelsinspektör",
        LIVS,
        &[CaseOfficer],
    ),
    p(
        "Wilma",
        "Persson",
        "Handläggare serveringstillstånd",
        LIVS,
        &[CaseOfficer],
    ),
    p(
        "Moa",
        "Jakobsson",
        "Kundtjänsthandläggare",
        KC,
        &[ContactCentre],
    ),
    p(
        "Ali",
        "Rahimi",
        "Kundtjänsthandläggare",
        KC,
        &[ContactCentre],
    ),
    p(
        "Tove",
        "Lind",
        "Kontaktcenterchef",
        KC,
        &[ContactCentre, Manager],
    ),
    p("Felix", "Holm", "Kommunikatör", KOM, &[ReadOnly]),
    p(
        "Ebba",
        "Nordin",
        "Kommunikationschef",
        KOM,
        &[ReadOnly, Manager],
    ),
];

pub(super) fn email(first: &str, last: &str, domain: &str) -> String {
    let ascii = |s: &str| {
        s.to_lowercase()
            .replace(['å', 'ä'], "a")
            .replace('ö', "o")
            .replace('é', "e")
    };
    format!("{}.{}@{domain}", ascii(first), ascii(last))
}

pub(super) fn label(role: Role) -> String {
    lots_i18n::text(lots_i18n::Lang::Sv, role.message())
}
