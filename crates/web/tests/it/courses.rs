//! Courses for health professionals (issue 17): the catalogue and a course's page, open
//! to anyone, with every duration added up from the course's content.

use axum::http::StatusCode;
use carepath_test_support::app::TestApp;

#[tokio::test]
async fn a_course_page_shows_the_durations_it_added_up_not_a_typed_total() {
    for app in TestApp::each_backend().await {
        let list = app.get(None, "/kurs").await;
        assert_eq!(list.status, StatusCode::OK, "{}", app.backend());
        assert!(
            list.body
                .contains("href=\"/kurs/digital-hjemmeoppfolging\"")
        );
        assert!(list.body.contains("Digital hjemmeoppfølging i praksis"));
        // Part 1 (310 minutes) and part 2 (300) add up to 10 h 10 min.
        assert!(
            list.body.contains("2 deler, til sammen 10 t 10 min."),
            "{}",
            list.body
        );

        let page = app.get(None, "/kurs/digital-hjemmeoppfolging").await;
        assert_eq!(page.status, StatusCode::OK);
        for shown in [
            "Tid: 5 t 10 min.",
            "Av dette er 3 t 40 min video.",
            "Tid: 5 t.",
            "Må fullføres først: Del 1: Nettkurs.",
            "FKM LM 41",
            "Allmennmedisin (emnekurs)",
        ] {
            assert!(page.body.contains(shown), "{shown} in {}", page.body);
        }
        // The seed's stated "about 45 minutes of video" and "15 hours" are nowhere.
        assert!(!page.body.contains("45 min video"));
        assert!(!page.body.contains("15 t"));

        let english = app
            .get(None, "/kurs/digital-hjemmeoppfolging?lang=en")
            .await;
        assert!(
            english.body.contains("Time: 5 h 10 min."),
            "{}",
            english.body
        );

        let missing = app.get(None, "/kurs/ingen-slik").await;
        assert_eq!(missing.status, StatusCode::NOT_FOUND);
    }
}
