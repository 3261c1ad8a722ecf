//! Recording measurements: the plan in force judges them and raises alerts for its unit;
//! alerts left unacknowledged escalate once, to the unit's alert address, through the
//! outbox, after the program's time; acknowledged ones never do.

use carepath_domain::measurement::MeasurementKind;
use carepath_test_support::each_backend;
use chrono::{Duration, TimeZone, Utc};

use carepath_test_support::fixtures as setup;

/// Records a value the patient took at `at`, as their page does.
async fn record_value(
    store: &carepath_store::Store,
    patient: carepath_domain::Id<carepath_domain::patient::Patient>,
    kind: MeasurementKind,
    value: f64,
    at: chrono::DateTime<Utc>,
) {
    carepath_app::measurement::record(
        store,
        carepath_app::measurement::Measured {
            patient,
            entry: carepath_domain::measurement::Entry::One(kind, value),
            effective: &at.to_rfc3339(),
            effective_at: at,
            by: None,
            within: None,
            acting_unit: None,
            audit: None,
        },
        at,
    )
    .await
    .unwrap();
}

const URL: &str = "https://pasient.example.no";

#[tokio::test]
async fn a_red_alert_escalates_once_after_an_hour_to_the_units_address_without_the_patient() {
    for db in each_backend().await {
        let store = &db.store;
        let start = Utc.with_ymd_and_hms(2027, 3, 1, 9, 0, 0).unwrap();
        let (unit, imported) =
            setup::unit_running(store, "Hjemmeoppfølging", "hjemmeoppfolging", start).await;
        store
            .set_unit_contacts(
                unit.id,
                &carepath_store::organization::UnitContacts {
                    alert_email: Some("vakt@sykehus.example".into()),
                    alert_mobile: Some("+4790000000".into()),
                    ..Default::default()
                },
            )
            .await
            .unwrap();
        let (p, _) = setup::active_patient(
            store,
            &unit,
            &imported,
            "010190000",
            "Eskil Eskalering",
            start,
        )
        .await;

        let measure = |value: f64, at: chrono::DateTime<Utc>| async move {
            record_value(store, p.id, MeasurementKind::OxygenSaturation, value, at).await;
        };
        let t0 = start + Duration::days(1);
        measure(88.0, t0).await; // red: escalates after 60 minutes
        let escalated = |at| async move { store.escalate_alerts(at, URL).await.unwrap() };
        assert_eq!(
            escalated(t0 + Duration::minutes(59)).await,
            0,
            "{:?}",
            store.backend()
        );
        assert_eq!(escalated(t0 + Duration::minutes(61)).await, 1);
        assert_eq!(escalated(t0 + Duration::minutes(120)).await, 0, "once");
        let sent = store
            .dump_for_tests("SELECT recipient || ' | ' || content FROM outbox ORDER BY recipient")
            .await
            .unwrap();
        assert_eq!(sent.lines().count(), 2, "{sent}");
        assert!(sent.contains("+4790000000") && sent.contains("vakt@sykehus.example"));
        assert!(
            sent.contains(
                r#""kind":"escalation","colour":"red","unit":"Hjemmeoppfølging","minutes":61"#
            ),
            "{sent}"
        );
        assert!(!sent.contains("Eskil"), "no patient in the message");

        // An alert acknowledged in time does not escalate.
        let t1 = t0 + Duration::hours(3);
        measure(87.0, t1).await;
        let id = store
            .dump_for_tests("SELECT id FROM alerts WHERE status = 'active' AND value = 87")
            .await
            .unwrap();
        let by = store.create_user("kliniker", "Kari", start).await.unwrap();
        assert!(
            store
                .acknowledge_alert(&id, by.id, "Ringt", t1 + Duration::minutes(10), &[], None)
                .await
                .unwrap()
        );
        assert_eq!(escalated(t1 + Duration::hours(5)).await, 0);
    }
}

#[tokio::test]
async fn no_oxygen_measurement_for_two_days_raises_one_alert_per_two_days() {
    for db in each_backend().await {
        let store = &db.store;
        let start = Utc.with_ymd_and_hms(2027, 3, 1, 9, 0, 0).unwrap();
        let (unit, imported) =
            setup::unit_running(store, "Hjemmeoppfølging", "hjemmeoppfolging", start).await;
        let mut enrolled = Vec::new();
        for (nine, name) in [
            ("010190000", "Glemsk Pasient"),
            ("020190000", "Flittig Pasient"),
        ] {
            let (p, _) = setup::active_patient(store, &unit, &imported, nine, name, start).await;
            enrolled.push(p);
        }
        let missing = |at| async move { store.raise_missing_data_alerts(at).await.unwrap() };
        // Not before two days have passed since the start.
        assert_eq!(
            missing(start + Duration::days(1)).await,
            0,
            "{:?}",
            store.backend()
        );
        // The diligent one measures every day.
        for d in 1..=6 {
            let at = start + Duration::days(d);
            record_value(
                store,
                enrolled[1].id,
                MeasurementKind::OxygenSaturation,
                96.0,
                at,
            )
            .await;
        }
        let t = start + Duration::days(2) + Duration::hours(1);
        assert_eq!(missing(t).await, 1, "only the one who did not measure");
        assert_eq!(
            missing(t + Duration::hours(3)).await,
            0,
            "once while active"
        );
        let id = store
            .dump_for_tests("SELECT id FROM alerts WHERE reason = 'missing'")
            .await
            .unwrap();
        let by = store.create_user("kliniker", "Kari", start).await.unwrap();
        store
            .acknowledge_alert(
                &id,
                by.id,
                "Ringt, måleren var tom for batteri",
                t + Duration::hours(4),
                &[],
                None,
            )
            .await
            .unwrap();
        assert_eq!(
            missing(t + Duration::days(1)).await,
            0,
            "not again within two days"
        );
        assert_eq!(
            missing(t + Duration::days(2) + Duration::hours(1)).await,
            1,
            "again after two more days"
        );
        let raised = store
            .dump_for_tests(
                "SELECT DISTINCT colour || ' ' || measurement || ' ' || CAST(CAST(value AS INTEGER) AS TEXT) FROM alerts",
            )
            .await
            .unwrap();
        assert_eq!(raised, "yellow spo2 2");
    }
}

#[tokio::test]
async fn weight_up_more_than_two_kilos_in_three_days_raises_a_yellow_trend_alert() {
    for db in each_backend().await {
        let store = &db.store;
        let start = Utc.with_ymd_and_hms(2027, 3, 1, 9, 0, 0).unwrap();
        let (unit, imported) =
            setup::unit_running(store, "Hjemmeoppfølging", "hjemmeoppfolging", start).await;
        let (p, _) =
            setup::active_patient(store, &unit, &imported, "010190000", "Vekt Pasient", start)
                .await;
        let weigh = |kg: f64, day: i64| async move {
            let at = start + Duration::days(day);
            record_value(store, p.id, MeasurementKind::Weight, kg, at).await;
        };
        let alerts = || async {
            store
                .dump_for_tests("SELECT colour || ' ' || reason || ' ' || measurement FROM alerts")
                .await
                .unwrap()
        };
        weigh(75.0, 1).await;
        weigh(76.0, 2).await;
        weigh(77.0, 3).await; // +2.0 in two days: not above 2
        assert_eq!(alerts().await, "", "{:?}", store.backend());
        weigh(77.5, 4).await; // +2.5 against 75.0 three days ago
        assert_eq!(alerts().await, "yellow trend vekt");
        weigh(78.5, 9).await; // the days before are more than 3 days old
        assert_eq!(alerts().await.lines().count(), 1);
    }
}

#[tokio::test]
async fn a_weekly_form_that_closes_unanswered_raises_one_yellow_alert() {
    for db in each_backend().await {
        let store = &db.store;
        // Monday 1 March 2027, 09:00 UTC (10:00 in Oslo): the first form opens at once.
        let start = Utc.with_ymd_and_hms(2027, 3, 1, 9, 0, 0).unwrap();
        let (unit, imported) =
            setup::unit_running(store, "Hjemmeoppfølging", "hjemmeoppfolging", start).await;
        let (_, _) =
            setup::active_patient(store, &unit, &imported, "010190000", "Taus Pasient", start)
                .await;
        let expired_alerts = || async {
            store
                .dump_for_tests(
                    "SELECT colour || ' ' || measurement FROM alerts WHERE reason = 'expired'",
                )
                .await
                .unwrap()
        };
        for d in 0..=8 {
            store
                .run_scheduler(start + Duration::days(d) + Duration::hours(1), URL)
                .await
                .unwrap();
        }
        assert_eq!(
            expired_alerts().await,
            "yellow ukeskjema",
            "{:?}",
            store.backend()
        );
    }
}

#[tokio::test]
async fn a_measurement_two_units_ask_for_is_read_by_both_and_one_only_one_asks_for_is_not() {
    use carepath_app::enrollment::{self, Change, Enroll};
    use carepath_domain::eligibility::ScreeningOutcome;
    use carepath_store::response::{ObservationFilter, Scope};
    for db in each_backend().await {
        let store = &db.store;
        let start = Utc.with_ymd_and_hms(2027, 3, 1, 9, 0, 0).unwrap();
        // Home follow-up (unit A) judges weight and oxygen; the IBS school (unit B) asks
        // for weight only; unit C cares for no one here.
        let (a, home) =
            setup::unit_running(store, "Hjemmeoppfølging", "hjemmeoppfolging", start).await;
        let (b, ibs) = setup::unit_running(store, "Mage-tarm", "ibs-school", start).await;
        let (c, _) = setup::unit_running(store, "Lunge", "hjemmeoppfolging", start).await;
        let (p, _) = setup::active_patient(store, &a, &home, "010190000", "Delt Vekt", start).await;
        store.offer_program(b.id, ibs.program_id).await.unwrap();
        let version = store.program_version(ibs.version_id).await.unwrap();
        let request = Enroll {
            patient: p.id,
            unit: b.id,
            version: &version,
            by: None,
            audit: None,
            public_url: None,
        };
        let e = enrollment::enroll(store, request, start).await.unwrap();
        let e = enrollment::change(store, &e, Change::AcceptTerms, None, None, start)
            .await
            .unwrap();
        let eligible = ScreeningOutcome::Eligible;
        enrollment::change(store, &e, Change::Screening(&eligible), None, None, start)
            .await
            .unwrap();

        let at = start + Duration::days(1);
        record_value(store, p.id, MeasurementKind::Weight, 80.0, at).await;
        record_value(store, p.id, MeasurementKind::OxygenSaturation, 97.0, at).await;

        let codes = |units: Vec<_>| async move {
            let page = store
                .search_observations(
                    &Scope::Units(units),
                    &ObservationFilter::default(),
                    0,
                    50,
                    true,
                )
                .await
                .unwrap();
            assert_eq!(page.total, Some(page.items.len() as i64));
            assert!(!page.more);
            let found = page.items;
            let mut codes: Vec<String> = found
                .iter()
                .map(|o| {
                    o.body["code"]["coding"][0]["code"]
                        .as_str()
                        .unwrap_or("?")
                        .to_owned()
                })
                .collect();
            codes.sort();
            codes
        };
        let by_a = codes(vec![a.id]).await;
        let by_b = codes(vec![b.id]).await;
        assert_eq!(
            by_a.len(),
            2,
            "{}: the judging unit owns both: {by_a:?}",
            db.label
        );
        assert_eq!(
            by_b.len(),
            1,
            "{}: unit B reads the weight only: {by_b:?}",
            db.label
        );
        assert!(codes(vec![c.id]).await.is_empty(), "{}", db.label);

        let weight = store
            .search_observations(
                &Scope::Units(vec![b.id]),
                &ObservationFilter::default(),
                0,
                1,
                false,
            )
            .await
            .unwrap()
            .items;
        let id = weight[0].body["id"].as_str().unwrap();
        let stored = store.observation_by_id(id).await.unwrap().unwrap();
        assert_eq!(
            stored.unit_id,
            Some(a.id),
            "owned by the plan that judged it"
        );
        assert_eq!(stored.readers, vec![b.id]);
    }
}
