//! Appointments (decision 0036): booked from a patient's request (which it handles), the
//! patient told and reminded once a day before (again after a move), recorded as held
//! with a code that the month's activity report counts; a group session takes patients up
//! to its capacity; another unit never sees them.

use carepath_app::access::Actor;
use carepath_app::appointment::{self, Action, AppointmentError, Book, Setting};
use carepath_domain::Id;
use carepath_domain::appointment::{
    AppointmentKind, AppointmentStatus, Booking, BookingProblem, VideoService,
};
use carepath_domain::enrollment::Enrollment;
use carepath_domain::user::Role;
use carepath_fhir::{FormAnswers, QuestionnaireResponse};
use carepath_store::Store;
use carepath_test_support::each_backend;
use carepath_test_support::fixtures as setup;
use chrono::{DateTime, Duration, TimeZone, Utc};

const URL: &str = "https://pasient.example.no";

fn video() -> VideoService {
    VideoService::new("https://video.sykehus.example/rom/{room}").unwrap()
}

/// The wrist form answered "yes, I want an appointment" at `at`.
async fn ask(store: &Store, e: &Enrollment, at: DateTime<Utc>) {
    let q = store
        .questionnaire(e.program_version_id, "handleddsskjema")
        .await
        .unwrap();
    let answers: FormAnswers = [
        ("smerte-hvile", "2"),
        ("smerte-bruk", "4"),
        ("stivhet", "3"),
        ("hverdag", "2"),
        ("arbeid", "1"),
        ("onsker-time", "true"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), vec![v.to_owned()]))
    .collect();
    let mut response =
        QuestionnaireResponse::from_form(&q.questionnaire, &answers, &at.to_rfc3339()).unwrap();
    response.id = Some(Id::<QuestionnaireResponse>::new().to_string());
    carepath_app::response::submit(
        store,
        carepath_app::response::Submission {
            patient: e.patient_id,
            enrollment: Some(e),
            acting_unit: None,
            questionnaire: &q,
            response,
            by: None,
            audit: None,
            existed: false,
            public_url: Some(URL),
        },
        at,
    )
    .await
    .unwrap();
}

async fn clinician(
    store: &Store,
    name: &str,
    unit: Id<carepath_domain::organization::Unit>,
    at: DateTime<Utc>,
) -> Actor {
    let user = store.create_user(name, name, at).await.unwrap();
    store
        .grant_role(user.id, Role::Clinician, Some(unit))
        .await
        .unwrap();
    Actor {
        account: user.id,
        roles: store.roles(user.id).await.unwrap(),
        session: String::new(),
    }
}

async fn with_email(
    store: &Store,
    patient: Id<carepath_domain::patient::Patient>,
    at: DateTime<Utc>,
) {
    let mut p = store.patient(patient).await.unwrap();
    p.email = Some(format!("{patient}@example.no"));
    store.update_patient(&p, at, &[]).await.unwrap();
}

async fn pending(store: &Store) -> i64 {
    store.outbox_summary().await.unwrap().pending
}

#[tokio::test]
async fn a_request_becomes_a_video_appointment_reminded_once_and_coded_when_held() {
    for db in each_backend().await {
        let store = &db.store;
        let start = Utc.with_ymd_and_hms(2027, 3, 1, 9, 0, 0).unwrap();
        let (unit, program) = setup::unit_running(store, "Ortopedi", "handleddsbrudd", start).await;
        let (p, e) =
            setup::active_patient(store, &unit, &program, "010190000", "Tor Time", start).await;
        with_email(store, p.id, start).await;
        let kari = clinician(store, "kari", unit.id, start).await;
        let service = video();
        let setting = Setting {
            public_url: URL,
            video: Some(&service),
        };
        let codes =
            carepath_package::activity_codes(carepath_package::SHIPPED_ACTIVITY_CODES).unwrap();

        let asked = start + Duration::days(1);
        ask(store, &e, asked).await;
        let requests = store
            .open_consultation_requests(unit.id, None, 10)
            .await
            .unwrap();
        assert_eq!(requests.len(), 1, "{}", db.label);
        assert_eq!(pending(store).await, 1, "the receipt");

        let at = Utc.with_ymd_and_hms(2027, 3, 5, 9, 0, 0).unwrap();
        let book = |start, kind, request| Book {
            enrollment: e.id,
            request,
            booking: Booking {
                kind,
                start,
                minutes: 30,
                capacity: 1,
                place: None,
            },
            history: false,
        };
        // Refused: a time gone by, video without the service.
        let past = appointment::book(
            store,
            &kari,
            book(asked, AppointmentKind::Video, None),
            setting,
            asked + Duration::days(2),
        )
        .await;
        assert!(matches!(
            past,
            Err(AppointmentError::Problem(BookingProblem::NotInFuture))
        ));
        let no_video = Setting {
            public_url: URL,
            video: None,
        };
        let refused = appointment::book(
            store,
            &kari,
            book(at, AppointmentKind::Video, None),
            no_video,
            asked,
        )
        .await;
        assert!(matches!(
            refused,
            Err(AppointmentError::Problem(BookingProblem::NoVideoService))
        ));

        let id = appointment::book(
            store,
            &kari,
            book(at, AppointmentKind::Video, Some(&requests[0].id)),
            setting,
            asked + Duration::hours(1),
        )
        .await
        .unwrap();
        assert!(
            store
                .open_consultation_requests(unit.id, None, 10)
                .await
                .unwrap()
                .is_empty(),
            "the request is handled by the booking ({})",
            db.label
        );
        assert_eq!(pending(store).await, 2, "the patient is told");
        let a = store.appointment(id).await.unwrap().unwrap();
        assert_eq!(
            (a.kind, a.status, a.unit_id),
            (AppointmentKind::Video, AppointmentStatus::Booked, unit.id)
        );
        assert!(
            a.join_url
                .as_deref()
                .unwrap()
                .starts_with("https://video.sykehus.example/rom/")
        );
        assert_eq!(store.patient_appointments(p.id).await.unwrap().len(), 1);

        // Reminded once, within a day of the start.
        assert_eq!(
            appointment::remind(store, at - Duration::hours(25), URL)
                .await
                .unwrap(),
            0
        );
        assert_eq!(
            appointment::remind(store, at - Duration::hours(23), URL)
                .await
                .unwrap(),
            1
        );
        assert_eq!(
            appointment::remind(store, at - Duration::hours(22), URL)
                .await
                .unwrap(),
            0
        );
        assert_eq!(pending(store).await, 3, "one reminder ({})", db.label);

        // Moved an hour later: told, and reminded again for the new time.
        let moved = at + Duration::hours(1);
        appointment::change(
            store,
            &kari,
            (id, a.version),
            Action::Move(moved),
            (&codes, setting),
            at - Duration::hours(20),
        )
        .await
        .unwrap();
        assert_eq!(pending(store).await, 4, "told of the move");
        assert_eq!(
            appointment::remind(store, at - Duration::hours(19), URL)
                .await
                .unwrap(),
            1
        );
        assert_eq!(
            appointment::remind(store, at - Duration::hours(18), URL)
                .await
                .unwrap(),
            0
        );

        // Another unit's clinician does not find it.
        let (other, _) = setup::unit_running(store, "Annen", "ibs-school", start).await;
        let stranger = clinician(store, "ola", other.id, start).await;
        assert!(matches!(
            appointment::open(store, &stranger, id).await,
            Err(AppointmentError::NotFound)
        ));

        // A consultation with one patient is cancelled, never emptied.
        let a = store.appointment(id).await.unwrap().unwrap();
        let emptied = appointment::change(
            store,
            &kari,
            (id, a.version),
            Action::Remove(p.id),
            (&codes, setting),
            at - Duration::hours(20),
        )
        .await;
        assert!(matches!(
            emptied,
            Err(AppointmentError::Problem(BookingProblem::Closed))
        ));

        // Held: recorded with the year's video code, counted in the month's report.
        let early = appointment::change(
            store,
            &kari,
            (id, a.version),
            Action::Record {
                attended: vec![p.id],
                code: Some("LOKAL-VIDEO"),
            },
            (&codes, setting),
            moved - Duration::minutes(5),
        )
        .await;
        assert!(
            matches!(early, Err(AppointmentError::Problem(_))),
            "not before it begins"
        );
        let wrong = appointment::change(
            store,
            &kari,
            (id, a.version),
            Action::Record {
                attended: vec![p.id],
                code: Some("A0099"),
            },
            (&codes, setting),
            moved + Duration::minutes(30),
        )
        .await;
        assert!(
            matches!(wrong, Err(AppointmentError::UnknownCode)),
            "a group code on a video consultation"
        );
        appointment::change(
            store,
            &kari,
            (id, a.version),
            Action::Record {
                attended: vec![p.id],
                code: Some("LOKAL-VIDEO"),
            },
            (&codes, setting),
            moved + Duration::minutes(30),
        )
        .await
        .unwrap();
        let a = store.appointment(id).await.unwrap().unwrap();
        assert_eq!(a.status, AppointmentStatus::Fulfilled);
        assert_eq!(a.participants[0].attended, Some(true));
        let report = carepath_app::activity::monthly(store, &kari, unit.id, moved.date_naive())
            .await
            .unwrap();
        let counted: Vec<(&str, i64)> = report
            .rows
            .iter()
            .map(|r| (r.code.as_str(), r.count))
            .collect();
        assert_eq!(counted, [("LOKAL-VIDEO", 1)], "{}", db.label);
        // Held is held: it cannot be cancelled.
        let late = appointment::change(
            store,
            &kari,
            (id, a.version),
            Action::Cancel,
            (&codes, setting),
            moved + Duration::hours(1),
        )
        .await;
        assert!(matches!(
            late,
            Err(AppointmentError::Conflict | AppointmentError::Problem(_))
        ));
    }
}

#[tokio::test]
async fn a_group_session_takes_patients_up_to_its_capacity_and_a_cancellation_tells_them_all() {
    for db in each_backend().await {
        let store = &db.store;
        let start = Utc.with_ymd_and_hms(2027, 3, 1, 9, 0, 0).unwrap();
        let (unit, program) = setup::unit_running(store, "Mage-tarm", "ibs-school", start).await;
        let kari = clinician(store, "kari", unit.id, start).await;
        let mut patients = Vec::new();
        for (nine, name) in [
            ("010190000", "Anne"),
            ("020290000", "Berit"),
            ("030390000", "Cecilie"),
        ] {
            let (p, e) = setup::active_patient(store, &unit, &program, nine, name, start).await;
            with_email(store, p.id, start).await;
            patients.push((p, e));
        }
        let service = video();
        let setting = Setting {
            public_url: URL,
            video: Some(&service),
        };
        let codes =
            carepath_package::activity_codes(carepath_package::SHIPPED_ACTIVITY_CODES).unwrap();
        let at = Utc.with_ymd_and_hms(2027, 3, 10, 13, 0, 0).unwrap();
        let group = |capacity| Book {
            enrollment: patients[0].1.id,
            request: None,
            booking: Booking {
                kind: AppointmentKind::Group,
                start: at,
                minutes: 90,
                capacity,
                place: None,
            },
            history: false,
        };
        let refused = appointment::book(store, &kari, group(1), setting, start).await;
        assert!(matches!(
            refused,
            Err(AppointmentError::Problem(BookingProblem::Capacity))
        ));
        let id = appointment::book(store, &kari, group(2), setting, start)
            .await
            .unwrap();
        let open = appointment::open_groups(store, &kari, &patients[1].1, start)
            .await
            .unwrap();
        assert_eq!(open.len(), 1, "a free place for Berit ({})", db.label);
        let version = open[0].version;
        appointment::change(
            store,
            &kari,
            (id, version),
            Action::Join {
                enrollment: patients[1].1.id,
                request: None,
            },
            (&codes, setting),
            start,
        )
        .await
        .unwrap();
        let a = store.appointment(id).await.unwrap().unwrap();
        assert_eq!(a.participants.len(), 2);
        // Someone who saw it before the last place went is told it changed.
        let stale = appointment::change(
            store,
            &kari,
            (id, version),
            Action::Join {
                enrollment: patients[2].1.id,
                request: None,
            },
            (&codes, setting),
            start,
        )
        .await;
        assert!(matches!(stale, Err(AppointmentError::Conflict)));
        let full = appointment::change(
            store,
            &kari,
            (id, a.version),
            Action::Join {
                enrollment: patients[2].1.id,
                request: None,
            },
            (&codes, setting),
            start,
        )
        .await;
        assert!(
            matches!(full, Err(AppointmentError::Problem(BookingProblem::Full))),
            "{}",
            db.label
        );
        assert!(
            appointment::open_groups(store, &kari, &patients[2].1, start)
                .await
                .unwrap()
                .is_empty()
        );

        // Berit is taken out (and told); Cecilie then gets the place.
        let before = pending(store).await;
        appointment::change(
            store,
            &kari,
            (id, a.version),
            Action::Remove(patients[1].0.id),
            (&codes, setting),
            start,
        )
        .await
        .unwrap();
        assert_eq!(
            pending(store).await,
            before + 1,
            "Berit told ({})",
            db.label
        );
        let a = store.appointment(id).await.unwrap().unwrap();
        appointment::change(
            store,
            &kari,
            (id, a.version),
            Action::Join {
                enrollment: patients[2].1.id,
                request: None,
            },
            (&codes, setting),
            start,
        )
        .await
        .unwrap();
        let a = store.appointment(id).await.unwrap().unwrap();
        let names: Vec<&str> = a.participants.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["Anne", "Cecilie"], "{}", db.label);

        let before = pending(store).await;
        appointment::change(
            store,
            &kari,
            (id, a.version),
            Action::Cancel,
            (&codes, setting),
            start + Duration::days(1),
        )
        .await
        .unwrap();
        assert_eq!(
            pending(store).await,
            before + 2,
            "both patients told ({})",
            db.label
        );
        let a = store.appointment(id).await.unwrap().unwrap();
        assert_eq!(a.status, AppointmentStatus::Cancelled);
        assert_eq!(
            appointment::remind(store, at - Duration::hours(2), URL)
                .await
                .unwrap(),
            0,
            "no reminder for a cancelled session"
        );
    }
}
