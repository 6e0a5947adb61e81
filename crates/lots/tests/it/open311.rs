//! Fault reports over Open311 GeoReport v2 and the web form: the service list and
//! definitions in JSON and XML, a report posted with an api_key and read back, every kind
//! of bad request answered in the specification's error format, the unit's queue with the
//! duplicate hint, and the reporter e-mailed when the status changes.

use serde_json::Value;

use crate::BD;
use crate::support::{TestApp, location};

const POTHOLE_NEAR_BRUNNA: [(&str, &str); 4] = [
    ("service_code", "hal-i-gatan"),
    ("lat", "59.5181"),
    ("long", "17.8139"),
    ("attribute[storlek]", "stor"),
];

#[tokio::test]
async fn a_fault_report_goes_from_an_open311_client_to_the_units_queue_and_back() {
    for app in TestApp::each_with_demo().await {
        let tenant = app.db.tenant("0139").await.unwrap();
        let (_, key) = tenant
            .create_api_token("Felanmälningsappen", lots_store::Scope::Open311, "test")
            .await
            .unwrap();
        let (_, read_only) = tenant
            .create_api_token("Rapport", lots_store::Scope::Read, "test")
            .await
            .unwrap();
        let http = reqwest::Client::new();
        let url = |p: &str| format!("{}/open311/v2/{p}", app.base);
        let get = |p: String| {
            let http = http.clone();
            async move { http.get(p).send().await.unwrap() }
        };

        let services: Value = get(url("services.json?jurisdiction_id=0139"))
            .await
            .json()
            .await
            .unwrap();
        assert!(
            services
                .as_array()
                .unwrap()
                .iter()
                .any(|s| s["service_code"] == "hal-i-gatan" && s["metadata"] == true),
            "{}: {services}",
            app.backend
        );
        let xml = get(url("services.xml?jurisdiction_id=0139"))
            .await
            .text()
            .await
            .unwrap();
        assert!(xml.starts_with("<?xml") && xml.contains("<services><service><"));
        assert!(xml.contains("<service_code>hal-i-gatan</service_code>"));
        let definition: Value = get(url("services/hal-i-gatan.json"))
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(definition["attributes"][0]["code"], "storlek");
        assert_eq!(definition["attributes"][0]["values"][2]["key"], "stor");
        let unknown = get(url("services/skolmat.xml")).await;
        assert_eq!(unknown.status(), 404);
        assert!(
            unknown
                .text()
                .await
                .unwrap()
                .contains("<errors><error><code>404</code>")
        );
        assert_eq!(
            get(url("services.json?jurisdiction_id=9999"))
                .await
                .status(),
            404
        );

        // Bad requests: each the standard error body with its status.
        let brunna = crate::surveys::brunna_logistik(&tenant).await;
        let contact_email = tenant.contacts(brunna.id).await.unwrap()[0].email.clone();
        let post = |fields: Vec<(&'static str, String)>| {
            let http = http.clone();
            let url = url("requests.json");
            async move { http.post(url).form(&fields).send().await.unwrap() }
        };
        let with = |extra: &[(&'static str, &str)], api_key: &str| {
            let mut f: Vec<(&'static str, String)> = POTHOLE_NEAR_BRUNNA
                .iter()
                .map(|(k, v)| (*k, v.to_string()))
                .collect();
            f.push(("api_key", api_key.to_string()));
            for (k, v) in extra {
                f.retain(|(key, _)| key != k);
                if !v.is_empty() {
                    f.push((k, v.to_string()));
                }
            }
            f
        };
        for (fields, status, says) in [
            (with(&[], "fel-nyckel"), 403, "api_key"),
            (with(&[], &read_only), 403, "api_key"),
            (
                with(&[("service_code", "skolmat")], &key),
                400,
                "service_code",
            ),
            (with(&[("lat", ""), ("long", "")], &key), 400, "location"),
            (
                with(&[("description", &"x".repeat(4001))], &key),
                400,
                "description",
            ),
            (with(&[("attribute[storlek]", "")], &key), 400, "storlek"),
            (with(&[("lat", "95")], &key), 400, "lat"),
            (
                with(&[("media_url", "javascript:alert(1)")], &key),
                400,
                "media_url",
            ),
        ] {
            let r = post(fields).await;
            assert_eq!(r.status(), status, "{}", app.backend);
            let body: Value = r.json().await.unwrap();
            assert_eq!(body[0]["code"], status);
            assert!(
                body[0]["description"].as_str().unwrap().contains(says),
                "{body}"
            );
        }

        // A report from a company's contact person, and a second one nearby.
        let created = post(with(
            &[
                ("description", "Stort hål i körbanan vid infarten."),
                ("email", &contact_email),
                ("address_string", "Mätarvägen 6, Brunna"),
            ],
            &key,
        ))
        .await;
        assert_eq!(created.status(), 201);
        let created: Value = created.json().await.unwrap();
        let id = created[0]["service_request_id"]
            .as_str()
            .unwrap()
            .to_string();
        let token = created[0]["token"].as_str().unwrap().to_string();
        let second: Value = post(with(&[("lat", "59.5182")], &key))
            .await
            .json()
            .await
            .unwrap();
        let second_id = second[0]["service_request_id"].as_str().unwrap();

        let read: Value = get(url(&format!("requests/{id}.json")))
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(read[0]["status"], "open");
        assert_eq!(read[0]["service_code"], "hal-i-gatan");
        assert!(read[0].get("email").is_none(), "the reporter stays private");
        let by_token: Value = get(url(&format!("tokens/{token}.json")))
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(by_token[0]["service_request_id"], id.as_str());
        let open: Value = get(url("requests.json?status=open&service_code=hal-i-gatan"))
            .await
            .json()
            .await
            .unwrap();
        let listed: Vec<&str> = open
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|r| r["service_request_id"].as_str())
            .collect();
        assert!(listed.contains(&id.as_str()) && listed.contains(&second_id));
        assert_eq!(get(url("requests/999999.json")).await.status(), 404);
        assert_eq!(
            get(url("requests.json?start_date=gisten")).await.status(),
            400
        );

        // The queue, the duplicate hint, and the reporter told of the resolution.
        let staff = app.signed_in(BD).await;
        let (status, queue) = staff.text("/felanmalningar?enhet=alla").await;
        assert_eq!(status, 200);
        assert!(queue.contains("Hål eller skada i gata") && queue.contains(&brunna.name));
        let (_, page) = staff.text(&format!("/felanmalningar/{second_id}")).await;
        assert!(page.contains("Möjlig dubblett"), "{}", app.backend);
        let done = staff
            .post(
                &format!("/felanmalningar/{id}/status"),
                &[("status", "resolved"), ("note", "Hålet är lagat.")],
            )
            .await;
        assert_eq!(location(&done), format!("/felanmalningar/{id}"));
        // The reporter got a receipt at once, and now the news.
        let receipt = app
            .mail_where(&contact_email, "the receipt", |m| {
                m.body.contains("/felanmalan/foljning/")
            })
            .await;
        assert!(receipt.subject.contains(&id), "{}", receipt.subject);
        let mail = app
            .mail_where(&contact_email, "the status", |m| {
                m.body.contains("Hålet är lagat.")
            })
            .await;
        assert!(mail.subject.contains(&id));
        let closed = get(url(&format!("requests/{id}.xml")))
            .await
            .text()
            .await
            .unwrap();
        assert!(closed.contains("<status>closed</status>"));
        assert!(closed.contains("<status_notes>Hålet är lagat.</status_notes>"));
        let journey = tenant.journey(brunna.id).await.unwrap();
        assert!(
            journey
                .iter()
                .any(|e| e.kind == lots_store::JourneyKind::FaultReport)
        );
        app.stop().await;
    }
}

#[tokio::test]
async fn the_web_form_takes_a_report_without_signing_in() {
    for app in TestApp::each_with_demo().await {
        let visitor = app.client();
        let (status, list) = visitor.text("/felanmalan/0139").await;
        assert_eq!(status, 200, "{}", app.backend);
        assert!(list.contains("?tjanst=hal-i-gatan"));
        let (_, form) = visitor.text("/felanmalan/0139?tjanst=hal-i-gatan").await;
        assert!(form.contains("Hur stort är hålet?"));
        let refused = visitor
            .post(
                "/felanmalan/0139",
                &[
                    ("service_code", "hal-i-gatan"),
                    ("attribute[storlek]", "liten"),
                    ("description", "<script>alert(1)</script>"),
                ],
            )
            .await;
        assert_eq!(refused.status(), 422);
        let html = refused.text().await.unwrap();
        assert!(html.contains("href=\"#address_string\""));
        assert!(html.contains("&lt;script&gt;") && !html.contains("<script>alert"));
        // Every wrong field at once: an unreadable latitude, a malformed e-mail address and
        // an answer that is none of the question's choices.
        let all_wrong = visitor
            .post(
                "/felanmalan/0139",
                &[
                    ("service_code", "hal-i-gatan"),
                    ("attribute[storlek]", "jättestor"),
                    ("lat", "norr om bron"),
                    ("long", "17,6"),
                    ("email", "boende@"),
                ],
            )
            .await;
        assert_eq!(all_wrong.status(), 422);
        let html = all_wrong.text().await.unwrap();
        let wrong = ["lat", "email", "attribute[storlek]"];
        crate::support::names_every_field(&html, &wrong, app.backend);
        let sent = visitor
            .post(
                "/felanmalan/0139",
                &[
                    ("service_code", "hal-i-gatan"),
                    ("attribute[storlek]", "liten"),
                    ("address_string", "Enköpingsvägen vid Bro centrum"),
                    ("email", "boende@example.se"),
                ],
            )
            .await;
        let thanks = location(&sent);
        assert!(thanks.starts_with("/felanmalan/0139/tack/"), "{thanks}");
        let (_, page) = visitor.text(&thanks).await;
        assert!(page.contains("har tagit emot din felanmälan"));
        assert_eq!(visitor.get("/felanmalan/9999").await.status(), 404);
        assert_eq!(
            visitor.get("/felanmalningar").await.status(),
            303,
            "staff only"
        );
        app.stop().await;
    }
}

/// The loop of a fault report closes both ways: the reporter gets a receipt with the
/// number and a link of their own, adds to the report and reopens it by that link; staff
/// merge a duplicate into the report it repeats, and a status change then reaches both
/// reporters, in the municipality's name.
#[tokio::test]
async fn a_reporter_follows_the_report_and_staff_merge_its_duplicate() {
    for app in TestApp::each_with_demo().await {
        let visitor = app.client();
        let (_, form) = visitor.text("/felanmalan/0139?tjanst=hal-i-gatan").await;
        // "Använd min position" is there for a browser that can tell it, hidden without.
        assert!(
            form.contains("id=\"use-position\" hidden") && form.contains("/static/position.js")
        );
        assert_eq!(visitor.get("/static/position.js").await.status(), 200);
        let visitor_ref = &visitor;
        let report = |email: &'static str| async move {
            let fields = [
                ("service_code", "hal-i-gatan"),
                ("attribute[storlek]", "stor"),
                ("address_string", "Bro torg"),
                ("lat", "59.5115"),
                ("long", "17.6369"),
                ("email", email),
            ];
            visitor_ref.post("/felanmalan/0139", &fields).await
        };
        let first = location(&report("anna@example.se").await);
        let second = location(&report("bengt@example.se").await);
        let id = |thanks: &str| thanks.rsplit('/').next().unwrap().parse::<i64>().unwrap();
        let (first, second) = (id(&first), id(&second));

        let receipt = app.wait_for_mail("anna@example.se").await;
        assert!(
            receipt.subject.contains(&format!("Felanmälan {first}")),
            "{}",
            receipt.subject
        );
        assert_eq!(receipt.from_name, "Upplands-Bro kommun, näringsliv");
        let link = receipt
            .body
            .split_whitespace()
            .find(|w| w.contains("/felanmalan/foljning/"))
            .unwrap();
        let path = &link[link.find("/felanmalan/foljning/").unwrap()..];
        let (status, page) = visitor.text(path).await;
        assert_eq!(status, 200, "{}", app.backend);
        assert!(page.contains(&format!("Din felanmälan {first}")) && page.contains("Mottagen"));
        assert_eq!(
            visitor
                .get("/felanmalan/foljning/inte-en-lank")
                .await
                .status(),
            404
        );
        let empty = visitor.post(path, &[("text", "  ")]).await;
        assert_eq!(empty.status(), 422);
        assert!(empty.text().await.unwrap().contains("href=\"#text\""));
        let added = visitor
            .post(path, &[("text", "Hålet är nu en halv meter brett.")])
            .await;
        assert!(location(&added).ends_with("?klart=tillagt"));

        // Staff see the addition and merge the second report into the first.
        let officer = app.signed_in(crate::CONTACT_CENTRE).await;
        let (_, staff) = officer.text(&format!("/felanmalningar/{first}")).await;
        assert!(
            staff.contains("Hålet är nu en halv meter brett.") && staff.contains("Den som anmälde")
        );
        let (_, dup) = officer.text(&format!("/felanmalningar/{second}")).await;
        assert!(dup.contains("/sammanfoga"), "a nearby report may be merged");
        let merged = officer
            .post(
                &format!("/felanmalningar/{second}/sammanfoga"),
                &[("original", &first.to_string())],
            )
            .await;
        assert_eq!(location(&merged), format!("/felanmalningar/{first}"));
        let again = officer
            .post(
                &format!("/felanmalningar/{first}/sammanfoga"),
                &[("original", &first.to_string())],
            )
            .await;
        assert_eq!(again.status(), 422, "a report is not merged into itself");

        // Fixed: both reporters hear of it; the merged one follows the first.
        let fixed = officer
            .post(
                &format!("/felanmalningar/{first}/status"),
                &[("status", "resolved"), ("note", "Lagat med asfalt.")],
            )
            .await;
        assert_eq!(fixed.status(), 303);
        for to in ["anna@example.se", "bengt@example.se"] {
            let mail = app
                .mail_where(to, "the status", |m| m.body.contains("Lagat med asfalt."))
                .await;
            assert!(mail.body.contains("Personuppgiftspolicy"), "{to}");
        }
        let tenant = app.db.tenant("0139").await.unwrap();
        assert_eq!(
            tenant.fault_report(second).await.unwrap().status,
            lots_domain::open311::FaultStatus::Resolved
        );

        // Still there: the reporter opens it again from the same link. Staff act there in
        // the municipality's name.
        let (_, page) = visitor.text(path).await;
        assert!(page.contains("Öppna felanmälan igen") && page.contains("Lagat med asfalt."));
        assert!(!page.contains("Moa Jakobsson"), "{}", app.backend);
        let reopened = visitor
            .post(
                path,
                &[("text", "Det regnade bort lagningen."), ("reopen", "1")],
            )
            .await;
        assert!(location(&reopened).ends_with("?klart=oppnat"));
        assert_eq!(
            tenant.fault_report(first).await.unwrap().status,
            lots_domain::open311::FaultStatus::Received
        );
        app.stop().await;
    }
}

/// Photos go with a web report: every wrong one named at once, kept without what the
/// camera wrote into them, shown to staff and published as Open311's `media_url`.
#[tokio::test]
async fn photos_go_with_a_web_report_without_their_metadata() {
    for app in TestApp::each_with_demo().await {
        let visitor = app.client();
        let csrf = visitor.csrf().await;
        let send = |fields: &[(&str, &str)], photos: Vec<Vec<u8>>| {
            let mut form = reqwest::multipart::Form::new().text("csrf_token", csrf.clone());
            for (k, v) in fields {
                form = form.text(k.to_string(), v.to_string());
            }
            for (i, p) in photos.into_iter().enumerate() {
                let part = reqwest::multipart::Part::bytes(p).file_name(format!("bild{i}.jpg"));
                form = form.part("photos", part);
            }
            visitor
                .http
                .post(visitor.url(&format!("/felanmalan/0139?csrf_token={csrf}")))
                .multipart(form)
                .send()
        };
        let pothole = [
            ("service_code", "hal-i-gatan"),
            ("attribute[storlek]", "liten"),
            ("address_string", "Enköpingsvägen vid Bro centrum"),
        ];
        let jpeg = crate::support::jpeg_with_exif();
        // The second is no picture, the third too large: both named, with the address
        // missing beside them, and the form asks for the photos again.
        let too_large = vec![0xFF; lots_store::MAX_PHOTO_BYTES + 1];
        let refused = send(
            &pothole[..2],
            vec![jpeg.clone(), b"<svg onload=alert(1)>".to_vec(), too_large],
        )
        .await
        .unwrap();
        assert_eq!(refused.status(), 422, "{}", app.backend);
        let page = crate::forms::unescape(&refused.text().await.unwrap());
        assert!(
            page.contains("Bild 2 är inte en JPEG- eller PNG-bild"),
            "{page}"
        );
        assert!(page.contains("Bild 3 är större än 8 MB"));
        assert!(page.contains("href=\"#address_string\""));
        assert!(page.contains("Välj bilderna igen"));
        let four = send(&pothole, vec![jpeg.clone(); 4]).await.unwrap();
        assert!(
            crate::forms::unescape(&four.text().await.unwrap())
                .contains("Du kan skicka högst 3 bilder")
        );
        // A text field of a multipart form is checked at the boundary like any other.
        let control = send(&[("description", "hål\u{7}")], Vec::new())
            .await
            .unwrap();
        assert_eq!(control.status(), 400);

        let sent = send(&pothole, vec![jpeg.clone(), jpeg.clone()])
            .await
            .unwrap();
        let thanks = location(&sent);
        let id: i64 = thanks.rsplit('/').next().unwrap().parse().unwrap();
        let tenant = app.db.tenant("0139").await.unwrap();
        let photos = tenant.fault_photos(id).await.unwrap();
        assert_eq!(photos.len(), 2);
        let photo = visitor
            .get(&format!("/felanmalan/bild/{}", photos[0]))
            .await;
        assert_eq!(photo.headers()["content-type"], "image/jpeg");
        assert_eq!(photo.headers()["x-content-type-options"], "nosniff");
        let bytes = photo.bytes().await.unwrap();
        assert!(bytes.starts_with(&[0xFF, 0xD8]) && bytes.ends_with(&[0xFF, 0xD9]));
        assert!(!bytes.windows(11).any(|w| w == b"GPSLatitude"));
        assert_eq!(visitor.get("/felanmalan/bild/gissat").await.status(), 404);

        let (_, request) = visitor
            .text(&format!(
                "/open311/v2/requests/{id}.json?jurisdiction_id=0139"
            ))
            .await;
        let request: Value = serde_json::from_str(&request).unwrap();
        let media = request[0]["media_url"].as_str().unwrap();
        assert!(
            media.ends_with(&format!("/felanmalan/bild/{}", photos[0])),
            "{media}"
        );
        let bd = app.signed_in(BD).await;
        let (_, staff) = bd.text(&format!("/felanmalningar/{id}")).await;
        assert!(staff.contains(&format!("src=\"/felanmalan/bild/{}\"", photos[1])));
        assert!(staff.contains(&format!("Bild 2 till felanmälan {id}")));
        app.stop().await;
    }
}

/// A map on the fault form only where the installation names a tile server, and then the
/// page's policy lets those tiles in and nothing else from another site.
#[tokio::test]
async fn the_fault_form_shows_a_map_only_from_the_configured_tile_server() {
    let tiles = "https://kartor.upplands-bro.example/tiles/{z}/{x}/{y}.png";
    let mut config = crate::support::test_config();
    config.map = Some(lots_web::MapTiles {
        url: tiles.into(),
        attribution: "© Upplands-Bro kommun, OpenStreetMap".into(),
    });
    for app in TestApp::each_configured(true, None, config).await {
        let visitor = app.client();
        let form = visitor.get("/felanmalan/0139?tjanst=hal-i-gatan").await;
        let csp = form.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .to_string();
        assert!(
            csp.contains("img-src 'self' data: https://kartor.upplands-bro.example;"),
            "{csp}"
        );
        assert!(
            csp.contains("script-src 'self';"),
            "scripts only from the site: {csp}"
        );
        let page = crate::forms::unescape(&form.text().await.unwrap());
        assert!(page.contains(&format!("data-tiles=\"{tiles}\"")), "{page}");
        assert!(page.contains("© Upplands-Bro kommun, OpenStreetMap"));
        assert!(page.contains("/static/map.js"));
        // It opens where the municipality knows places (Upplands-Bro, near 59.5° N).
        let lat: f64 = page
            .split("data-lat=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .and_then(|n| n.parse().ok())
            .unwrap();
        assert!((59.3..59.7).contains(&lat), "{lat}");
        let script = visitor.get("/static/map.js").await;
        assert_eq!(
            script.headers()["content-type"],
            "text/javascript; charset=utf-8"
        );
        app.stop().await;
    }
    // Without a tile server: no map, and nothing from another site.
    for app in TestApp::each(true, None).await {
        let form = app
            .client()
            .get("/felanmalan/0139?tjanst=hal-i-gatan")
            .await;
        let csp = form.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .to_string();
        assert!(csp.contains("img-src 'self' data:;"), "{csp}");
        assert!(!form.text().await.unwrap().contains("data-tiles"));
        app.stop().await;
    }
}
