//! Open311 GeoReport v2 under `/open311/v2`: discovery, the service list and definitions,
//! posting a fault report with an `api_key`, reading reports back and exchanging a token for
//! a request id, in JSON or XML (by the path's extension) with the specification's error
//! format. The jurisdiction is the municipality's SCB code (`jurisdiction_id=0139`).
//! Reporters' names, e-mail addresses and phone numbers are never published here.

use std::collections::HashMap;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use lots_domain::open311::FaultStatus;
use lots_store::{FaultFilter, FaultReport, NewFaultReport, Scope, Tenant};
use serde_json::{Value, json};

use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/open311/v2/{file}", get(top).post(post_request))
        .route("/open311/v2/services/{file}", get(service_definition))
        .route("/open311/v2/requests/{file}", get(one_request))
        .route("/open311/v2/tokens/{file}", get(token))
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    Json,
    Xml,
}

/// An answer or an error in the format asked for.
struct Reply {
    format: Format,
    status: StatusCode,
    /// The XML root and the name of each item when the value is an array.
    root: &'static str,
    item: &'static str,
    value: Value,
}

impl IntoResponse for Reply {
    fn into_response(self) -> Response {
        match self.format {
            Format::Json => (
                self.status,
                [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
                self.value.to_string(),
            )
                .into_response(),
            Format::Xml => {
                let mut xml = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>");
                write_xml(&mut xml, self.root, self.item, &self.value);
                (
                    self.status,
                    [(header::CONTENT_TYPE, "text/xml; charset=utf-8")],
                    xml,
                )
                    .into_response()
            }
        }
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// An element for `value`: an array's members are `item` elements, an object's fields
/// elements of their names (a field holding an array names its members by its singular).
fn write_xml(out: &mut String, name: &str, item: &str, value: &Value) {
    out.push_str(&format!("<{name}>"));
    match value {
        Value::Array(items) => {
            let singular = name.strip_suffix('s').unwrap_or(item);
            let item = if item.is_empty() { singular } else { item };
            for v in items {
                write_xml(out, item, "", v);
            }
        }
        Value::Object(fields) => {
            for (k, v) in fields {
                write_xml(out, k, "", v);
            }
        }
        Value::Null => {}
        Value::String(s) => out.push_str(&escape(s)),
        other => out.push_str(&other.to_string()),
    }
    out.push_str(&format!("</{name}>"));
}

fn error(format: Format, status: StatusCode, description: &str) -> Reply {
    Reply {
        format,
        status,
        root: "errors",
        item: "error",
        value: json!([{ "code": status.as_u16(), "description": description }]),
    }
}

/// A request refused at the input boundary, as Open311's error list in the format its path
/// asks for.
pub fn refusal(path: &str, description: &str) -> Response {
    let format = if path.ends_with(".xml") {
        Format::Xml
    } else {
        Format::Json
    };
    error(format, StatusCode::BAD_REQUEST, description).into_response()
}

/// `name.json` or `name.xml`: the name and the format.
fn split(file: &str) -> Result<(&str, Format), Reply> {
    match file.rsplit_once('.') {
        Some((name, "json")) => Ok((name, Format::Json)),
        Some((name, "xml")) => Ok((name, Format::Xml)),
        _ => Err(error(
            Format::Json,
            StatusCode::NOT_FOUND,
            "unknown format: ask for .json or .xml",
        )),
    }
}

fn params(query: Option<&str>, body: &[u8]) -> HashMap<String, Vec<String>> {
    let mut out: HashMap<String, Vec<String>> = HashMap::new();
    for (k, v) in
        form_urlencoded::parse(query.unwrap_or("").as_bytes()).chain(form_urlencoded::parse(body))
    {
        out.entry(k.into_owned()).or_default().push(v.into_owned());
    }
    out
}

fn first<'a>(p: &'a HashMap<String, Vec<String>>, key: &str) -> &'a str {
    p.get(key).and_then(|v| v.first()).map_or("", |s| s.trim())
}

/// The municipality a request is about: `jurisdiction_id`, or the only one hosted here.
async fn jurisdiction<'a>(
    app: &'a AppState,
    p: &HashMap<String, Vec<String>>,
    format: Format,
) -> Result<Tenant<'a>, Reply> {
    let code = first(p, "jurisdiction_id");
    let internal = |_| error(format, StatusCode::INTERNAL_SERVER_ERROR, "internal error");
    if code.is_empty() {
        let hosted = app.db.hosted_municipalities().await.map_err(internal)?;
        return match hosted.as_slice() {
            [only] => Ok(app.db.tenant_unchecked(&only.code)),
            _ => Err(error(
                format,
                StatusCode::BAD_REQUEST,
                "jurisdiction_id is required: the municipality's four-digit code",
            )),
        };
    }
    match app.db.hosted_municipality(code).await.map_err(internal)? {
        Some(m) => Ok(app.db.tenant_unchecked(&m.code)),
        None => Err(error(
            format,
            StatusCode::NOT_FOUND,
            "jurisdiction_id is not a municipality served here",
        )),
    }
}

fn internal(format: Format) -> impl Fn(lots_store::StoreError) -> Reply {
    move |e| {
        tracing::error!(error = %e, "open311");
        error(format, StatusCode::INTERNAL_SERVER_ERROR, "internal error")
    }
}

/// W3C date and time in Europe/Stockholm, as the specification writes them.
fn w3c(unix: i64) -> String {
    jiff::Timestamp::from_second(unix)
        .ok()
        .and_then(|t| t.in_tz("Europe/Stockholm").ok())
        .map(|z| z.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string())
        .unwrap_or_default()
}

/// A report as GeoReport v2 gives it. `media_url` is the picture the client sent the
/// address of, else the first photo sent with the report, as an address on this site.
fn request_value(app: &AppState, r: &FaultReport) -> Value {
    let media_url = match &r.photo {
        _ if !r.media_url.is_empty() => Some(r.media_url.clone()),
        Some(token) => Some(format!(
            "{}/felanmalan/bild/{token}",
            app.config.base_url.trim_end_matches('/')
        )),
        None => None,
    };
    json!({
        "service_request_id": r.id.to_string(),
        "status": r.status.open311(),
        "status_notes": if r.status_notes.is_empty() { lots_i18n::text(lots_i18n::Lang::Sv, r.status.message()) } else { r.status_notes.clone() },
        "service_name": r.service_name,
        "service_code": r.service_code,
        "description": r.description,
        "agency_responsible": r.unit_name,
        "service_notice": Value::Null,
        "requested_datetime": w3c(r.requested_at),
        "updated_datetime": w3c(r.updated_at),
        "expected_datetime": Value::Null,
        "address": r.address,
        "address_id": Value::Null,
        "zipcode": Value::Null,
        "lat": r.latitude,
        "long": r.longitude,
        "media_url": media_url,
    })
}

async fn top(
    State(app): State<AppState>,
    Path(file): Path<String>,
    RawQuery(query): RawQuery,
) -> Response {
    let (name, format) = match split(&file) {
        Ok(s) => s,
        Err(e) => return e.into_response(),
    };
    let p = params(query.as_deref(), b"");
    let result = match name {
        "discovery" => Ok(discovery(&app, format)),
        "services" => services(&app, &p, format).await,
        "requests" => requests(&app, &p, format).await,
        _ => Err(error(format, StatusCode::NOT_FOUND, "no such resource")),
    };
    result.unwrap_or_else(|e| e).into_response()
}

fn discovery(app: &AppState, format: Format) -> Reply {
    let base = app.config.base_url.trim_end_matches('/');
    Reply {
        format,
        status: StatusCode::OK,
        root: "discovery",
        item: "",
        value: json!({
            "changeset": "2026-11-26T00:00:00+01:00",
            "contact": "Kontakta kommunen som tar emot felanmälan.",
            "key_service": "API-nycklar skapas av kommunens administratör (behörighet Felanmälan, Open311).",
            "endpoints": [{
                "specification": "http://wiki.open311.org/GeoReport_v2",
                "url": format!("{base}/open311/v2"),
                "changeset": "2026-11-26T00:00:00+01:00",
                "type": "production",
                "formats": ["application/json", "text/xml"],
            }],
        }),
    }
}

async fn services(
    app: &AppState,
    p: &HashMap<String, Vec<String>>,
    format: Format,
) -> Result<Reply, Reply> {
    let tenant = jurisdiction(app, p, format).await?;
    let list: Vec<Value> = tenant
        .fault_services()
        .await
        .map_err(internal(format))?
        .iter()
        .map(|s| {
            json!({
                "service_code": s.code,
                "service_name": s.name,
                "description": s.description,
                "metadata": !s.attributes.is_empty(),
                "type": "realtime",
                "keywords": s.keywords,
                "group": s.group,
            })
        })
        .collect();
    Ok(Reply {
        format,
        status: StatusCode::OK,
        root: "services",
        item: "service",
        value: Value::Array(list),
    })
}

async fn service_definition(
    State(app): State<AppState>,
    Path(file): Path<String>,
    RawQuery(query): RawQuery,
) -> Response {
    let run = async {
        let (code, format) = split(&file)?;
        let p = params(query.as_deref(), b"");
        let tenant = jurisdiction(&app, &p, format).await?;
        let service = tenant
            .fault_service(code)
            .await
            .map_err(internal(format))?
            .ok_or_else(|| error(format, StatusCode::NOT_FOUND, "service_code not found"))?;
        let attributes: Vec<Value> = service
            .attributes
            .iter()
            .map(|a| {
                json!({
                    "variable": true,
                    "code": a.code,
                    "datatype": a.datatype,
                    "required": a.required,
                    "datatype_description": a.datatype_description,
                    "order": a.order,
                    "description": a.description,
                    "values": a.values.iter().map(|v| json!({ "key": v.key, "name": v.name })).collect::<Vec<_>>(),
                })
            })
            .collect();
        Ok::<_, Reply>(Reply {
            format,
            status: StatusCode::OK,
            root: "service_definition",
            item: "",
            value: json!({ "service_code": service.code, "attributes": attributes }),
        })
    };
    run.await.unwrap_or_else(|e| e).into_response()
}

/// A W3C date and time (`2026-11-01T00:00:00Z` or with an offset) as Unix seconds.
fn parse_w3c(s: &str) -> Option<i64> {
    s.parse::<jiff::Timestamp>().ok().map(|t| t.as_second())
}

async fn requests(
    app: &AppState,
    p: &HashMap<String, Vec<String>>,
    format: Format,
) -> Result<Reply, Reply> {
    let tenant = jurisdiction(app, p, format).await?;
    let bad = |m: &str| error(format, StatusCode::BAD_REQUEST, m);
    let list = |key: &str| -> Vec<String> {
        first(p, key)
            .split(',')
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect()
    };
    let ids = list("service_request_id")
        .iter()
        .map(|i| i.parse::<i64>())
        .collect::<Result<Vec<_>, _>>()
        .map_err(|_| bad("service_request_id must be numbers, comma-separated"))?;
    let date = |key: &str| -> Result<Option<i64>, Reply> {
        match first(p, key) {
            "" => Ok(None),
            s => parse_w3c(s)
                .map(Some)
                .ok_or_else(|| bad(&format!("{key} must be a W3C date and time"))),
        }
    };
    let (start, end) = (date("start_date")?, date("end_date")?);
    let now = lots_store::now();
    const NINETY_DAYS: i64 = 90 * 86_400;
    let (from, to) = match (start, end) {
        (Some(s), Some(e)) if e - s > NINETY_DAYS => {
            return Err(bad(
                "start_date and end_date may not span more than 90 days",
            ));
        }
        (Some(s), Some(e)) => (s, e),
        (Some(s), None) => (s, s + NINETY_DAYS),
        (None, Some(e)) => (e - NINETY_DAYS, e),
        (None, None) => (now - NINETY_DAYS, now),
    };
    let mut statuses = Vec::new();
    for s in list("status") {
        if !matches!(s.as_str(), "open" | "closed") {
            return Err(bad("status must be open or closed"));
        }
        statuses.extend(FaultStatus::ALL.iter().filter(|f| f.open311() == s));
    }
    // Asking by id overrides every other filter, as the specification says.
    let filter = if ids.is_empty() {
        FaultFilter {
            service_codes: list("service_code"),
            statuses,
            from: Some(from),
            to: Some(to),
            limit: 1000,
            ..Default::default()
        }
    } else {
        FaultFilter {
            ids,
            limit: 1000,
            ..Default::default()
        }
    };
    let found = tenant
        .fault_reports(&filter)
        .await
        .map_err(internal(format))?;
    Ok(Reply {
        format,
        status: StatusCode::OK,
        root: "service_requests",
        item: "request",
        value: Value::Array(found.iter().map(|r| request_value(app, r)).collect()),
    })
}

async fn one_request(
    State(app): State<AppState>,
    Path(file): Path<String>,
    RawQuery(query): RawQuery,
) -> Response {
    let run = async {
        let (id, format) = split(&file)?;
        let p = params(query.as_deref(), b"");
        let tenant = jurisdiction(&app, &p, format).await?;
        let not_found = || {
            error(
                format,
                StatusCode::NOT_FOUND,
                "service_request_id not found",
            )
        };
        let id: i64 = id.parse().map_err(|_| not_found())?;
        let report = match tenant.fault_report(id).await {
            Ok(r) => r,
            Err(lots_store::StoreError::NotFound) => return Err(not_found()),
            Err(e) => return Err(internal(format)(e)),
        };
        Ok::<_, Reply>(Reply {
            format,
            status: StatusCode::OK,
            root: "service_requests",
            item: "request",
            value: json!([request_value(&app, &report)]),
        })
    };
    run.await.unwrap_or_else(|e| e).into_response()
}

async fn token(
    State(app): State<AppState>,
    Path(file): Path<String>,
    RawQuery(query): RawQuery,
) -> Response {
    let run = async {
        let (token, format) = split(&file)?;
        let p = params(query.as_deref(), b"");
        let tenant = jurisdiction(&app, &p, format).await?;
        let id = tenant
            .fault_report_by_token(token)
            .await
            .map_err(internal(format))?
            .ok_or_else(|| error(format, StatusCode::NOT_FOUND, "token not found"))?;
        Ok::<_, Reply>(Reply {
            format,
            status: StatusCode::OK,
            root: "service_requests",
            item: "request",
            value: json!([{ "service_request_id": id.to_string(), "token": token }]),
        })
    };
    run.await.unwrap_or_else(|e| e).into_response()
}

/// `POST requests.{format}`: a fault report from a GeoReport client, with its api_key.
async fn post_request(
    State(app): State<AppState>,
    Path(file): Path<String>,
    RawQuery(query): RawQuery,
    body: Bytes,
) -> Response {
    let run = async {
        let (name, format) = split(&file)?;
        if name != "requests" {
            return Err(error(format, StatusCode::NOT_FOUND, "no such resource"));
        }
        let p = params(query.as_deref(), &body);
        let forbidden = || {
            error(
                format,
                StatusCode::FORBIDDEN,
                "api_key is missing or not valid",
            )
        };
        let identity = app
            .db
            .verify_api_token(first(&p, "api_key"))
            .await
            .map_err(internal(format))?
            .filter(|t| t.scope.allows(Scope::Open311))
            .ok_or_else(forbidden)?;
        let jurisdiction_id = first(&p, "jurisdiction_id");
        if !jurisdiction_id.is_empty() && jurisdiction_id != identity.municipality_code {
            return Err(forbidden());
        }
        let tenant = app.db.tenant_unchecked(&identity.municipality_code);
        let coordinate = |key: &str| -> Result<Option<f64>, Reply> {
            match first(&p, key) {
                "" => Ok(None),
                s => s.parse().map(Some).map_err(|_| {
                    error(
                        format,
                        StatusCode::BAD_REQUEST,
                        &format!("{key} must be a number"),
                    )
                }),
            }
        };
        let mut attributes: HashMap<String, Vec<String>> = HashMap::new();
        for (k, values) in &p {
            if let Some(code) = k
                .strip_prefix("attribute[")
                .and_then(|k| k.strip_suffix(']'))
            {
                let code = code.strip_suffix("][").unwrap_or(code);
                attributes
                    .entry(code.to_string())
                    .or_default()
                    .extend(values.iter().cloned());
            }
        }
        let new = NewFaultReport {
            service_code: first(&p, "service_code").into(),
            description: p
                .get("description")
                .and_then(|v| v.first())
                .cloned()
                .unwrap_or_default(),
            latitude: coordinate("lat")?,
            longitude: coordinate("long")?,
            address: first(&p, "address_string").into(),
            email: first(&p, "email").into(),
            first_name: first(&p, "first_name").into(),
            last_name: first(&p, "last_name").into(),
            phone: first(&p, "phone").into(),
            attributes,
            media_url: first(&p, "media_url").into(),
            photos: Vec::new(),
            channel: lots_store::FaultChannel::Open311,
        };
        if new.service_code.is_empty() {
            return Err(error(
                format,
                StatusCode::BAD_REQUEST,
                "service_code is required",
            ));
        }
        let (id, token) = match tenant
            .create_fault_report(&new)
            .await
            .map_err(internal(format))?
        {
            Ok(created) => created,
            Err(wrong) => {
                let described: Vec<String> = wrong
                    .iter()
                    .map(|w| format!("{}: {}", w.field, w.api))
                    .collect();
                return Err(error(
                    format,
                    StatusCode::BAD_REQUEST,
                    &described.join("; "),
                ));
            }
        };
        if let Err(e) = crate::pages::cases::fault_reports::send_receipt(&app, &tenant, id).await {
            tracing::error!(error = ?e, "open311 receipt");
            return Err(error(
                format,
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal error",
            ));
        }
        Ok(Reply {
            format,
            status: StatusCode::CREATED,
            root: "service_requests",
            item: "request",
            value: json!([{
                "service_request_id": id.to_string(),
                "token": token,
                "service_notice": "Tack! Felanmälan är mottagen.",
            }]),
        })
    };
    run.await.unwrap_or_else(|e| e).into_response()
}
