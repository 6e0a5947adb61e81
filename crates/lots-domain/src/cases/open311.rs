//! Fault reports (felanmälan) as Open311 GeoReport v2 describes them: the services a
//! municipality takes reports for, their attributes (extra questions) and how a report's
//! answers to them are checked, the statuses, and the nearness that hints at a duplicate.

use std::collections::{BTreeMap, HashMap};

/// One attribute of a service definition (GeoReport v2 "Service Definition").
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Attribute {
    pub code: String,
    /// `string`, `number`, `datetime`, `text`, `singlevaluelist` or `multivaluelist`.
    pub datatype: String,
    pub required: bool,
    pub description: String,
    #[serde(default)]
    pub datatype_description: String,
    pub order: u32,
    #[serde(default)]
    pub values: Vec<AttributeValue>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct AttributeValue {
    pub key: String,
    pub name: String,
}

/// A service as a municipality starts with it.
#[derive(Debug, Clone, PartialEq)]
pub struct ServiceTemplate {
    pub code: &'static str,
    pub name: &'static str,
    pub description: &'static str,
    pub group: &'static str,
    pub keywords: &'static str,
    pub attributes: Vec<Attribute>,
}

fn choice(code: &str, description: &str, required: bool, values: &[(&str, &str)]) -> Attribute {
    Attribute {
        code: code.into(),
        datatype: "singlevaluelist".into(),
        required,
        description: description.into(),
        datatype_description: String::new(),
        order: 1,
        values: values
            .iter()
            .map(|(k, n)| AttributeValue {
                key: (*k).into(),
                name: (*n).into(),
            })
            .collect(),
    }
}

/// The fault-report services a municipality starts with.
pub fn default_services() -> Vec<ServiceTemplate> {
    vec![
        ServiceTemplate {
            code: "gatubelysning",
            name: "Gatubelysning ur funktion",
            description: "En gatlykta som är släckt, blinkar eller lyser dagtid.",
            group: "Gata och trafik",
            keywords: "belysning, lykta, ljus",
            attributes: vec![Attribute {
                code: "stolpnummer".into(),
                datatype: "string".into(),
                required: false,
                description: "Stolpens nummer, om det syns".into(),
                datatype_description: "Siffrorna på skylten på stolpen".into(),
                order: 1,
                values: Vec::new(),
            }],
        },
        ServiceTemplate {
            code: "hal-i-gatan",
            name: "Hål eller skada i gata",
            description: "Potthål, sättningar och trasig beläggning på gata, gång- och cykelväg.",
            group: "Gata och trafik",
            keywords: "potthål, väg, asfalt",
            attributes: vec![choice(
                "storlek",
                "Hur stort är hålet?",
                true,
                &[
                    ("liten", "Mindre än en handflata"),
                    ("mellan", "Som en cykelhjulsbredd"),
                    ("stor", "Större än ett bildäck"),
                ],
            )],
        },
        ServiceTemplate {
            code: "trafikskylt",
            name: "Trasig eller saknad trafikskylt",
            description: "En vägskylt som är skadad, vriden, övertäckt eller borta.",
            group: "Gata och trafik",
            keywords: "skylt, vägmärke",
            attributes: Vec::new(),
        },
        ServiceTemplate {
            code: "snorojning",
            name: "Snöröjning och halka",
            description: "Gata eller gångväg som inte är plogad eller sandad.",
            group: "Gata och trafik",
            keywords: "snö, is, halka, plogning",
            attributes: Vec::new(),
        },
        ServiceTemplate {
            code: "klotter",
            name: "Klotter",
            description: "Klotter på kommunens byggnader, skyltar och anläggningar.",
            group: "Park och miljö",
            keywords: "klotter, tagg",
            attributes: vec![choice(
                "stotande",
                "Är klottret stötande?",
                false,
                &[("ja", "Ja"), ("nej", "Nej")],
            )],
        },
        ServiceTemplate {
            code: "nedskrapning",
            name: "Nedskräpning",
            description: "Skräp, dumpat avfall eller överfulla papperskorgar.",
            group: "Park och miljö",
            keywords: "skräp, avfall, papperskorg",
            attributes: Vec::new(),
        },
    ]
}

crate::codes! {
    /// Where a fault report is, in Lots's words; Open311 knows two of them ([`Self::open311`]).
    pub enum FaultStatus {
        Received = "received" => "received",
        InProgress = "in_progress" => "being-fixed",
        Resolved = "resolved" => "fixed",
        Rejected = "rejected" => "closed-without-action",
    }
}

impl FaultStatus {
    /// Open311's `open` or `closed`.
    pub fn open311(self) -> &'static str {
        match self {
            FaultStatus::Resolved | FaultStatus::Rejected => "closed",
            FaultStatus::Received | FaultStatus::InProgress => "open",
        }
    }

    /// Whether the report is done with, fixed or not.
    pub fn is_closed(self) -> bool {
        self.open311() == "closed"
    }
}

/// Why an attribute's answer was refused: its code and the message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttributeError {
    pub code: String,
    pub message: String,
}

/// Checks the answers (`attribute[code]` → value) against a service's attributes:
/// required ones given, list values among the keys, numbers numeric; unknown codes refused.
pub fn check_attributes(
    defs: &[Attribute],
    given: &HashMap<String, Vec<String>>,
) -> Result<BTreeMap<String, String>, AttributeError> {
    let refuse = |code: &str, message: String| AttributeError {
        code: code.into(),
        message,
    };
    if let Some(unknown) = given.keys().find(|k| !defs.iter().any(|d| &d.code == *k)) {
        return Err(refuse(unknown, format!("unknown attribute {unknown}")));
    }
    let mut out = BTreeMap::new();
    for def in defs {
        let values: Vec<&str> = given
            .get(&def.code)
            .map(|v| {
                v.iter()
                    .map(|s| s.trim())
                    .filter(|s| !s.is_empty())
                    .collect()
            })
            .unwrap_or_default();
        if values.is_empty() {
            if def.required {
                return Err(refuse(
                    &def.code,
                    format!("attribute {} is required", def.code),
                ));
            }
            continue;
        }
        let is_key = |v: &str| def.values.iter().any(|k| k.key == v);
        match def.datatype.as_str() {
            "singlevaluelist" if values.len() > 1 || !is_key(values[0]) => {
                return Err(refuse(
                    &def.code,
                    format!("attribute {} must be one of its keys", def.code),
                ));
            }
            "multivaluelist" if !values.iter().all(|v| is_key(v)) => {
                return Err(refuse(
                    &def.code,
                    format!("attribute {} must be among its keys", def.code),
                ));
            }
            "number" if values[0].replace(',', ".").parse::<f64>().is_err() => {
                return Err(refuse(
                    &def.code,
                    format!("attribute {} must be a number", def.code),
                ));
            }
            _ => {}
        }
        if values.iter().any(|v| v.chars().count() > 1000) {
            return Err(refuse(
                &def.code,
                format!("attribute {} is too long", def.code),
            ));
        }
        out.insert(def.code.clone(), values.join(","));
    }
    Ok(out)
}

/// Metres between two points on the Earth (haversine), for "reported nearby".
pub fn distance_m(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (lat1, lon1) = (a.0.to_radians(), a.1.to_radians());
    let (lat2, lon2) = (b.0.to_radians(), b.1.to_radians());
    let h = ((lat2 - lat1) / 2.0).sin().powi(2)
        + lat1.cos() * lat2.cos() * ((lon2 - lon1) / 2.0).sin().powi(2);
    2.0 * 6_371_000.0 * h.sqrt().asin()
}

/// Whether a `media_url` may be stored and published again: a web address that is no
/// link into someone's browser.
pub fn acceptable_media_url(url: &str) -> bool {
    crate::input::web_address(url)
}

/// Whether a latitude and longitude are a point on the Earth.
pub fn valid_point(lat: f64, lon: f64) -> bool {
    (-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_http_addresses_are_media() {
        assert!(acceptable_media_url("https://bilder.example/hal.jpg"));
        assert!(acceptable_media_url("http://bilder.example:8080/a?b=c"));
        for bad in [
            "javascript:alert(1)",
            "JAVASCRIPT:alert(1)",
            "data:text/html,<b>x</b>",
            "/relative/path.jpg",
            "https://",
            "https:///nohost",
            "https://a.example/\"onmouseover=alert(1)",
            "https://a.example/<script>",
            "ftp://a.example/x",
        ] {
            assert!(!acceptable_media_url(bad), "{bad}");
        }
    }

    fn given(pairs: &[(&str, &str)]) -> HashMap<String, Vec<String>> {
        let mut m: HashMap<String, Vec<String>> = HashMap::new();
        for (k, v) in pairs {
            m.entry((*k).into()).or_default().push((*v).into());
        }
        m
    }

    #[test]
    fn attributes_are_checked_against_the_definition() {
        let pothole = &default_services()[1].attributes;
        assert_eq!(
            check_attributes(pothole, &given(&[("storlek", "stor")])).unwrap()["storlek"],
            "stor"
        );
        assert_eq!(
            check_attributes(pothole, &given(&[])).unwrap_err().code,
            "storlek"
        );
        assert!(check_attributes(pothole, &given(&[("storlek", "enorm")])).is_err());
        assert!(
            check_attributes(pothole, &given(&[("storlek", "stor"), ("farg", "röd")])).is_err()
        );
        let lamp = &default_services()[0].attributes;
        assert!(check_attributes(lamp, &given(&[])).unwrap().is_empty());
    }

    #[test]
    fn distances_are_in_metres() {
        // Kungsängen station to Bro station is about 6.9 km.
        let d = distance_m((59.4778, 17.7506), (59.5115, 17.6369));
        assert!((6_500.0..7_500.0).contains(&d), "{d}");
        assert!(distance_m((59.0, 18.0), (59.0, 18.0)) < 1e-6);
        assert!(!valid_point(91.0, 0.0));
    }

    #[test]
    fn only_resolved_and_rejected_are_closed() {
        let closed: Vec<_> = FaultStatus::ALL
            .iter()
            .filter(|s| s.open311() == "closed")
            .collect();
        assert_eq!(closed, [&FaultStatus::Resolved, &FaultStatus::Rejected]);
    }
}
