//! Fault reports in the demo: street lights, potholes and litter in Brunna and Bro, the
//! services handled by Samhällsbyggnadskontoret, some already fixed, two potholes reported
//! at the same spot (the duplicate hint), one from a logistics company's contact person.

use lots_domain::open311::FaultStatus;
use std::collections::HashMap;

use lots_store::{NewFaultReport, Tenant};

/// One demo report: its service, an answer to the service's question, where, what, and the
/// note it was resolved with.
struct Demo {
    service: &'static str,
    answer: Option<(&'static str, &'static str)>,
    place: &'static str,
    point: (f64, f64),
    description: &'static str,
    resolved: Option<&'static str>,
}

const REPORTS: &[Demo] = &[
    Demo {
        service: "gatubelysning",
        answer: None,
        place: "Mätarvägen 6, Brunna",
        point: (59.5179, 17.8142),
        description: "Tre lyktor i rad är släckta.",
        resolved: Some("Ny armatur monterad."),
    },
    Demo {
        service: "hal-i-gatan",
        answer: Some(("storlek", "stor")),
        place: "Infarten till Brunna industriområde",
        point: (59.5181, 17.8139),
        description: "Djupt hål där lastbilarna svänger in.",
        resolved: None,
    },
    Demo {
        service: "hal-i-gatan",
        answer: Some(("storlek", "stor")),
        place: "Infarten till Brunna industriområde",
        point: (59.5182, 17.8140),
        description: "Hål i körbanan, farligt för cyklister.",
        resolved: None,
    },
    Demo {
        service: "nedskrapning",
        answer: None,
        place: "Busshållplatsen Brunna, Rösaringsvägen",
        point: (59.5204, 17.8098),
        description: "Överfull papperskorg och skräp runt hållplatsen.",
        resolved: Some("Tömd och städad."),
    },
    Demo {
        service: "trafikskylt",
        answer: None,
        place: "Effektvägen/Mätarvägen, Brunna",
        point: (59.5170, 17.8155),
        description: "Stoppskylten är vriden och syns inte.",
        resolved: None,
    },
    Demo {
        service: "klotter",
        answer: Some(("stotande", "nej")),
        place: "Gångtunneln vid Bro station",
        point: (59.5115, 17.6369),
        description: "Klotter på tunnelväggen.",
        resolved: Some("Sanerat."),
    },
    Demo {
        service: "snorojning",
        answer: None,
        place: "Gång- och cykelvägen Kungsängen–Brunna",
        point: (59.5050, 17.7850),
        description: "Inte plogat på två dagar.",
        resolved: None,
    },
];

pub async fn load(tenant: &Tenant<'_>) -> anyhow::Result<()> {
    let services = tenant.fault_services().await?;
    let unit = tenant
        .unit_by_name("Samhällsbyggnadskontoret")
        .await?
        .map(|u| u.id);
    for s in &services {
        if s.unit_id.is_none() {
            tenant.set_fault_service_unit(&s.code, unit).await?;
        }
    }
    let existing = tenant
        .fault_reports(&lots_store::FaultFilter {
            limit: 1,
            ..Default::default()
        })
        .await?;
    if !existing.is_empty() {
        return Ok(());
    }
    // The logistics cluster's first contact person reports the pothole at its gate.
    let reporter = super::companies::brunna_contact_email(tenant).await?;
    for (i, d) in REPORTS.iter().enumerate() {
        let attributes: HashMap<String, Vec<String>> = d
            .answer
            .map(|(k, v)| HashMap::from([(k.to_string(), vec![v.to_string()])]))
            .unwrap_or_default();
        let new = NewFaultReport {
            service_code: d.service.into(),
            description: d.description.into(),
            latitude: Some(d.point.0),
            longitude: Some(d.point.1),
            address: d.place.into(),
            email: if i == 1 {
                reporter.clone().unwrap_or_default()
            } else {
                String::new()
            },
            attributes,
            channel: if i % 2 == 0 {
                lots_store::FaultChannel::Web
            } else {
                lots_store::FaultChannel::Open311
            },
            ..Default::default()
        };
        let (id, _) = tenant
            .create_fault_report(&new)
            .await?
            .map_err(|wrong| anyhow::anyhow!("demo fault report {i}: {}", wrong[0].api))?;
        if let Some(note) = d.resolved {
            tenant
                .set_fault_status(id, FaultStatus::Resolved, note, "Lena Forsberg")
                .await?;
        } else if i == 4 {
            tenant
                .set_fault_status(
                    id,
                    FaultStatus::InProgress,
                    "Beställt hos entreprenören.",
                    "Lena Forsberg",
                )
                .await?;
        }
    }
    Ok(())
}
