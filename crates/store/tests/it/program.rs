//! Importing program packages: versions, idempotence, media and questionnaires.

use carepath_test_support::{each_backend, ibs_package};
use chrono::Utc;

#[tokio::test]
async fn reimporting_an_unchanged_package_adds_nothing_and_a_changed_one_adds_a_version() {
    for db in each_backend().await {
        let store = &db.store;
        let package = ibs_package();
        let first = store.import_package(&package, Utc::now()).await.unwrap();
        assert!(first.created, "{}", db.label);
        assert_eq!(first.number, 1);
        let again = store.import_package(&package, Utc::now()).await.unwrap();
        assert!(!again.created, "{}", db.label);
        assert_eq!(again.version_id, first.version_id);

        let mut changed = package.clone();
        changed.content_hash = "changed".into();
        changed.definition.version_label = "2026.2".into();
        let second = store.import_package(&changed, Utc::now()).await.unwrap();
        assert_eq!(second.number, 2, "{}", db.label);
        let latest = store
            .latest_program_version("ibs-school")
            .await
            .unwrap()
            .unwrap();
        assert_eq!(latest.id, second.version_id);
        let old = store.program_version(first.version_id).await.unwrap();
        assert_eq!(
            old.definition.version_label, "2026.1",
            "old versions never change"
        );
        assert_eq!(
            store
                .program_versions(first.program_id)
                .await
                .unwrap()
                .len(),
            2
        );
    }
}

#[tokio::test]
async fn media_and_questionnaires_are_served_per_version() {
    for db in each_backend().await {
        let store = &db.store;
        let out = store
            .import_package(&ibs_package(), Utc::now())
            .await
            .unwrap();
        let svg = store
            .media(out.version_id, "magepust.svg")
            .await
            .unwrap()
            .expect("media");
        assert_eq!(svg.content_type, "image/svg+xml");
        assert!(svg.bytes.starts_with(b"<svg"));
        assert!(
            store
                .media(out.version_id, "nope.svg")
                .await
                .unwrap()
                .is_none()
        );
        let q = store
            .questionnaire(out.version_id, "ibs-symptomskaar")
            .await
            .unwrap();
        assert_eq!(q.questionnaire.version.as_deref(), Some("1.0.0"));
        let shipped = ibs_package()
            .questionnaires
            .into_iter()
            .find(|p| p.key == "ibs-symptomskaar")
            .unwrap();
        assert_eq!(q.questionnaire, shipped.questionnaire, "{}", db.label);
        // The scoring shipped beside it is stored with it.
        let scoring = q.scoring.expect("the IBS-SSS scoring");
        assert_eq!(scoring.questionnaire, q.questionnaire.canonical());
        assert_eq!(scoring.scores[0].code, "ibs-sss-total");
    }
}
