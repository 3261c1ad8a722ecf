//! Importing course packages, and the course roles' grants.

use carepath_domain::user::Role;
use carepath_test_support::{course_package, each_backend};
use chrono::Utc;

#[tokio::test]
async fn a_course_imports_once_per_content_and_its_roles_name_it() {
    for db in each_backend().await {
        let store = &db.store;
        let package = course_package();
        let first = store.import_course(&package, Utc::now()).await.unwrap();
        assert!(first.created, "{}", db.label);
        assert_eq!(first.number, 1);
        let again = store.import_course(&package, Utc::now()).await.unwrap();
        assert!(!again.created, "{}", db.label);
        assert_eq!(again.version_id, first.version_id);

        let mut changed = package.clone();
        changed.content_hash = "changed".into();
        changed.definition.version = "2026.2".into();
        let second = store.import_course(&changed, Utc::now()).await.unwrap();
        assert_eq!(second.number, 2, "{}", db.label);
        assert_eq!(second.course_id, first.course_id);

        let latest = store
            .latest_course("digital-hjemmeoppfolging")
            .await
            .unwrap()
            .unwrap();
        assert_eq!(latest.id, second.version_id);
        assert_eq!(latest.definition.version, "2026.2");
        // The stored definition adds up as the package did.
        assert_eq!(latest.definition.parts[0].minutes(), 310);
        let all = store.latest_courses().await.unwrap();
        assert_eq!(all.len(), 1, "one course, its newest version");
        assert_eq!(all[0].id, second.version_id);
        assert!(store.latest_course("no-such").await.unwrap().is_none());

        // A course owner's grant names the course, not a unit.
        let owner = store
            .create_user("kurseier", "Kari Kurseier", Utc::now())
            .await
            .unwrap();
        store
            .grant_course_role(owner.id, Role::CourseOwner, first.course_id, None)
            .await
            .unwrap();
        let roles = store.roles(owner.id).await.unwrap();
        assert_eq!(roles.len(), 1);
        assert_eq!(roles[0].role, Role::CourseOwner);
        assert_eq!(roles[0].course_id, Some(first.course_id));
        assert_eq!(roles[0].unit_id, None);
    }
}

#[tokio::test]
async fn an_offering_keeps_each_step_and_refuses_a_stale_one() {
    use carepath_domain::course::offering::{
        OfferingStatus, OfferingStep, Proposal, StepTaken, next,
    };
    use carepath_domain::organization::{OrganizationKind, UnitKind};
    for db in each_backend().await {
        let store = &db.store;
        let now = Utc::now();
        let course = store.import_course(&course_package(), now).await.unwrap();
        let org = store
            .create_organization("Sentralsjukehuset", OrganizationKind::Hospital, now)
            .await
            .unwrap();
        let unit = store
            .create_unit(org.id, "Kurs og opplæring", UnitKind::Department, now)
            .await
            .unwrap();
        let organiser = store
            .create_user("arrangor", "Arne Arrangør", now)
            .await
            .unwrap();
        let member = store
            .create_user("komite", "Kari Komité", now)
            .await
            .unwrap();
        let proposal = Proposal {
            date: chrono::NaiveDate::from_ymd_opt(2027, 3, 20).unwrap(),
            place: "Auditoriet".into(),
            capacity: 2,
            deadline: chrono::NaiveDate::from_ymd_opt(2027, 3, 13).unwrap(),
            speakers: vec![("samhandling".into(), "Anne Lokal".into())],
        };
        let id = store
            .propose_offering(
                course.course_id,
                "del-2",
                unit.id,
                &proposal,
                organiser.id,
                now,
            )
            .await
            .unwrap();
        let o = store.offering(id).await.unwrap().unwrap();
        assert_eq!(o.status, OfferingStatus::Proposed, "{}", db.label);
        assert_eq!(o.proposal, proposal);
        assert_eq!(o.history.len(), 1);
        assert_eq!(o.history[0].step, OfferingStep::Propose);

        let comment = "Legg inn en lokal foredragsholder for økten om samhandling.";
        let status = next(o.status, OfferingStep::AskForChanges, comment).unwrap();
        let step = StepTaken {
            step: OfferingStep::AskForChanges,
            by: member.id,
            comment: comment.into(),
            at: now,
        };
        store
            .step_offering(id, o.version, &step, status, None)
            .await
            .unwrap();
        // The same step on the version already changed is refused.
        assert!(matches!(
            store
                .step_offering(id, o.version, &step, status, None)
                .await,
            Err(carepath_store::StoreError::Conflict)
        ));
        let o = store.offering(id).await.unwrap().unwrap();
        assert_eq!(o.status, OfferingStatus::ChangesRequested);
        assert_eq!(o.history.len(), 2);
        assert_eq!(o.history[1].comment, comment);
        assert_eq!(o.history[1].by, member.id);
        let listed = store.course_offerings(course.course_id).await.unwrap();
        assert_eq!(listed.len(), 1);
        assert_eq!(listed[0].id, id);
        assert!(
            listed[0].history.is_empty(),
            "the list leaves histories out"
        );
    }
}

/// An approved offering of the shipped course's day with `capacity` places (day 20
/// March 2027, deadline 13 March), and its organiser.
async fn approved_offering(
    store: &carepath_store::Store,
    capacity: u32,
) -> (
    carepath_domain::Id<carepath_domain::course::offering::Offering>,
    carepath_domain::Id<carepath_domain::user::UserAccount>,
) {
    use carepath_domain::course::offering::{OfferingStatus, OfferingStep, Proposal, StepTaken};
    use carepath_domain::organization::{OrganizationKind, UnitKind};
    let now = Utc::now();
    let course = store.import_course(&course_package(), now).await.unwrap();
    let org = store
        .create_organization("Sentralsjukehuset", OrganizationKind::Hospital, now)
        .await
        .unwrap();
    let unit = store
        .create_unit(org.id, "Kurs og opplæring", UnitKind::Department, now)
        .await
        .unwrap();
    let organiser = store.create_user("arrangor", "Arne", now).await.unwrap();
    let id = store
        .propose_offering(
            course.course_id,
            "del-2",
            unit.id,
            &Proposal {
                date: chrono::NaiveDate::from_ymd_opt(2027, 3, 20).unwrap(),
                place: "Auditoriet".into(),
                capacity,
                deadline: chrono::NaiveDate::from_ymd_opt(2027, 3, 13).unwrap(),
                speakers: vec![],
            },
            organiser.id,
            now,
        )
        .await
        .unwrap();
    let approve = StepTaken {
        step: OfferingStep::Approve,
        by: organiser.id,
        comment: "ok".into(),
        at: now,
    };
    store
        .step_offering(id, 1, &approve, OfferingStatus::Approved, None)
        .await
        .unwrap();
    (id, organiser.id)
}

#[tokio::test]
async fn a_full_offering_queues_and_a_cancelled_place_goes_to_the_first_waiting() {
    use carepath_domain::course::offering::RegistrationClosed;
    use carepath_domain::course::participation::SeatStatus;
    for db in each_backend().await {
        let store = &db.store;
        let now = Utc::now();
        let deadline = chrono::NaiveDate::from_ymd_opt(2027, 3, 13).unwrap();
        let today = chrono::NaiveDate::from_ymd_opt(2027, 3, 1).unwrap();
        let (id, organiser) = approved_offering(store, 2).await;
        let mut people = Vec::new();
        for i in 0..4 {
            people.push(
                store
                    .create_user(&format!("deltaker{i}"), &format!("Deltaker {i}"), now)
                    .await
                    .unwrap()
                    .id,
            );
        }
        // Two places, then the waiting list in the order booked; booking twice keeps
        // the seat held.
        let mut got = Vec::new();
        for p in &people {
            got.push(store.book_seat(id, *p, today, now).await.unwrap().unwrap());
        }
        assert_eq!(
            got,
            [
                SeatStatus::Place,
                SeatStatus::Place,
                SeatStatus::Waiting,
                SeatStatus::Waiting
            ],
            "{}",
            db.label
        );
        assert_eq!(
            store.book_seat(id, people[3], today, now).await.unwrap(),
            Ok(SeatStatus::Waiting)
        );
        assert_eq!(store.seat_counts(id).await.unwrap(), (2, 2));
        // Someone waiting cancels: nobody moves.
        assert_eq!(store.cancel_seat(id, people[3]).await.unwrap(), None);
        // A place is given up: the first waiting gets it, in the same transaction.
        assert_eq!(
            store.cancel_seat(id, people[0]).await.unwrap(),
            Some(people[2]),
            "{}",
            db.label
        );
        let seats = store.seats(id).await.unwrap();
        let status = |u| seats.iter().find(|s| s.user == u).unwrap().status;
        assert_eq!(status(people[0]), SeatStatus::Cancelled);
        assert_eq!(status(people[1]), SeatStatus::Place);
        assert_eq!(status(people[2]), SeatStatus::Place);
        assert_eq!(status(people[3]), SeatStatus::Cancelled);
        assert_eq!(store.seat_counts(id).await.unwrap(), (2, 0));
        // Booking again after cancelling joins the back of the queue.
        assert_eq!(
            store.book_seat(id, people[0], today, now).await.unwrap(),
            Ok(SeatStatus::Waiting)
        );
        // After the deadline, no seat.
        assert_eq!(
            store
                .book_seat(id, people[3], deadline.succ_opt().unwrap(), now)
                .await
                .unwrap(),
            Err(RegistrationClosed::DeadlinePassed)
        );
        // Attendance is for places only.
        assert!(
            store
                .mark_attendance(id, people[1], true, organiser, now)
                .await
                .unwrap()
        );
        assert!(
            !store
                .mark_attendance(id, people[0], true, organiser, now)
                .await
                .unwrap()
        );
        assert_eq!(
            store
                .seats(id)
                .await
                .unwrap()
                .iter()
                .find(|s| s.user == people[1])
                .unwrap()
                .present,
            Some(true),
            "{}",
            db.label
        );
    }
}

#[tokio::test]
async fn concurrent_bookings_never_take_more_places_than_there_are() {
    use carepath_domain::course::participation::SeatStatus;
    for db in each_backend().await {
        let store = &db.store;
        let now = Utc::now();
        let today = chrono::NaiveDate::from_ymd_opt(2027, 3, 1).unwrap();
        let (id, _) = approved_offering(store, 3).await;
        let mut tasks = Vec::new();
        for i in 0..12 {
            let user = store
                .create_user(&format!("d{i}"), "D", now)
                .await
                .unwrap()
                .id;
            let store = store.clone();
            tasks.push(tokio::spawn(async move {
                store.book_seat(id, user, today, now).await
            }));
        }
        let mut places = 0;
        for t in tasks {
            if t.await.unwrap().unwrap().unwrap() == SeatStatus::Place {
                places += 1;
            }
        }
        assert_eq!(places, 3, "{}", db.label);
        assert_eq!(store.seat_counts(id).await.unwrap(), (3, 9));
    }
}
