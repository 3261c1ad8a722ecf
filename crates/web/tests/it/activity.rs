//! The monthly activity report (decision 0035): a letter signed with a code counts for its
//! unit, month, code and clinician, the same on screen, in the CSV and in the XLSX (read
//! back with a spreadsheet library); another unit does not see it; a code not in the
//! year's list for letters is refused.

use std::io::Cursor;

use axum::http::{StatusCode, header};
use calamine::{Data, Reader, Xlsx};
use carepath_test_support::app::TestApp;

#[tokio::test]
async fn a_coded_letter_counts_the_same_on_screen_in_csv_and_in_xlsx() {
    for app in TestApp::each_backend().await {
        let label = app.backend();
        let one = |sql: String| {
            let store = app.db.store.clone();
            async move { store.dump_for_tests(&sql).await.unwrap() }
        };
        let letter = one(
            "SELECT l.id FROM letters l JOIN patients p ON p.id = l.patient_id
             JOIN users u ON u.id = p.user_id WHERE u.username = 'pasient3'"
                .into(),
        )
        .await;
        let version = one(format!(
            "SELECT CAST(version AS TEXT) FROM letters WHERE id = '{letter}'"
        ))
        .await;
        let kari = app.sign_in("kliniker1").await;
        let page = app
            .get(Some(&kari), &format!("/klinikk/brev/{letter}"))
            .await;
        page.assert_ok_containing("LOKAL-BREV – Brev til fastlege (plassholder");
        let form = |code: &'static str| {
            [
                ("versjon", version.clone()),
                ("vurdering", "Bedre.".to_owned()),
                ("handling", "send".to_owned()),
                ("kode", code.to_owned()),
            ]
        };
        let bad = form("A0099");
        let bad: Vec<(&str, &str)> = bad.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let refused = app
            .post(Some(&kari), &format!("/klinikk/brev/{letter}"), &bad)
            .await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{label}");
        assert!(refused.body.contains("Velg en av årets koder for brev"));
        let good = form("LOKAL-BREV");
        let good: Vec<(&str, &str)> = good.iter().map(|(k, v)| (*k, v.as_str())).collect();
        app.post(Some(&kari), &format!("/klinikk/brev/{letter}"), &good)
            .await
            .assert_redirect(&format!("/klinikk/brev/{letter}?sendt=1"));

        // November 2026: the demo's end-of-program letter to Jonas's GP and this one.
        let report = app
            .get(Some(&kari), "/klinikk/aktivitet?maaned=2026-11")
            .await;
        report.assert_ok_containing("november 2026");
        let row = "<td>LOKAL-BREV</td><td>2</td><td>Kari Klinisk (ernæringsfysiolog)</td><td>Brev til fastlege</td><td>Lokal plassholder</td>";
        assert!(report.body.contains(row), "{label}: {}", report.body);
        let august = app
            .get(Some(&kari), "/klinikk/aktivitet?maaned=2026-08")
            .await;
        assert!(
            august.body.contains("<td>1</td>"),
            "the 3-month letter in August"
        );

        let csv = app
            .get(Some(&kari), "/klinikk/aktivitet/csv?maaned=2026-11")
            .await;
        assert_eq!(csv.status, StatusCode::OK);
        assert!(
            csv.headers[header::CONTENT_TYPE]
                .to_str()
                .unwrap()
                .starts_with("text/csv")
        );
        assert!(
            csv.body.contains("2026-11,Mage-tarm-poliklinikken,LOKAL-BREV,Lokal plassholder,Brev til fastlege,Kari Klinisk (ernæringsfysiolog),2"),
            "{}",
            csv.body
        );

        let req = axum::http::Request::get("/klinikk/aktivitet/xlsx?maaned=2026-11")
            .header(header::COOKIE, &kari.cookie)
            .body(axum::body::Body::empty())
            .unwrap();
        let bytes = app.send_bytes(req).await;
        let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).expect("an XLSX workbook");
        let sheet = book
            .worksheet_range_at(0)
            .expect("a sheet")
            .expect("readable");
        let rows: Vec<Vec<Data>> = sheet.rows().map(<[Data]>::to_vec).collect();
        assert_eq!(rows[0][2], Data::String("Kode".into()));
        assert_eq!(rows.len(), 2, "the header and one row, as on the page");
        assert_eq!(rows[1][2], Data::String("LOKAL-BREV".into()));
        assert_eq!(
            rows[1][5],
            Data::String("Kari Klinisk (ernæringsfysiolog)".into())
        );
        assert_eq!(rows[1][6], Data::Float(2.0), "the same count as the page");

        // Another unit's clinician gets their own unit's (empty) report.
        let kim = app.sign_in("kliniker2").await;
        let theirs = app
            .get(Some(&kim), "/klinikk/aktivitet?maaned=2026-11")
            .await;
        assert_eq!(theirs.status, StatusCode::OK);
        assert!(!theirs.body.contains("LOKAL-BREV"), "{label}");
        let bad_month = app
            .get(Some(&kari), "/klinikk/aktivitet?maaned=november")
            .await;
        assert_eq!(bad_month.status, StatusCode::BAD_REQUEST);
        assert!(bad_month.body.contains("2026-12"));
    }
}
