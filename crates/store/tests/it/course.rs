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
