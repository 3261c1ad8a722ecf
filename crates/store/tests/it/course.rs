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
            .grant_course_role(owner.id, Role::CourseOwner, first.course_id)
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
            .step_offering(id, o.version, &step, status)
            .await
            .unwrap();
        // The same step on the version already changed is refused.
        assert!(matches!(
            store.step_offering(id, o.version, &step, status).await,
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
