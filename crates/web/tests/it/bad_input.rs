//! Property tests over the whole route registry: any form body sent to any form route, and
//! any query string on any page or API route, is answered with a page or a 4xx, never a
//! 5xx, whoever sends it.

use carepath_test_support::app::{Session, TestApp};
use carepath_web::route_table;
use proptest::prelude::*;

/// Text a hostile or broken client might send: unicode, percent escapes, separators.
fn field() -> impl Strategy<Value = String> {
    prop_oneof![
        "\\PC{0,24}",
        "[0-9]{0,12}",
        Just("%".to_owned()),
        Just("%ZZ".to_owned()),
        Just("&&==".to_owned()),
        Just("-1".to_owned()),
        Just("99999999999999999999".to_owned()),
        Just("1e308".to_owned()),
        Just("NaN".to_owned()),
    ]
}

fn concrete(path: &str) -> String {
    // Parameters get syntactically odd but harmless values.
    let mut out = String::new();
    let mut rest = path;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let end = rest[start..].find('}').unwrap() + start;
        out.push_str("x%20y");
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    out
}

#[test]
fn no_form_body_or_query_string_gets_a_server_error() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let (app, sessions, tokens) = runtime.block_on(async {
        let app = TestApp::demo(carepath_test_support::sqlite().await).await;
        let mut sessions: Vec<Option<Session>> = vec![None];
        let mut tokens: Vec<Option<String>> = vec![None];
        for user in ["pasient2", "kliniker1", "admin"] {
            sessions.push(Some(app.sign_in(user).await));
            tokens.push(Some(app.api_token(user).await));
        }
        (app, sessions, tokens)
    });
    let routes: Vec<_> = route_table()
        .into_iter()
        .filter(|r| !r.path.starts_with("/logg-ut"))
        .collect();
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(300));
    let strategy = (
        0..routes.len(),
        0..sessions.len(),
        proptest::collection::vec((field(), field()), 0..6),
    );
    runner
        .run(&strategy, |(r, s, pairs)| {
            let route = &routes[r];
            let session = sessions[s].as_ref();
            let path = concrete(route.path);
            let res = runtime.block_on(async {
                if route.access == carepath_web::Access::Api {
                    let query = serde_urlencoded::to_string(&pairs).unwrap();
                    app.get_api(tokens[s].as_deref(), &format!("{path}?{query}"))
                        .await
                } else if route.method == "POST" {
                    let mut body: Vec<(&str, &str)> = pairs
                        .iter()
                        .map(|(k, v)| (k.as_str(), v.as_str()))
                        .collect();
                    let csrf;
                    if let Some(s) = session {
                        csrf = s.csrf.clone();
                        body.push(("_csrf", &csrf));
                    }
                    let body = serde_urlencoded::to_string(&body).unwrap();
                    app.post_raw(session, &path, "application/x-www-form-urlencoded", body)
                        .await
                } else {
                    let query = serde_urlencoded::to_string(&pairs).unwrap();
                    app.get(session, &format!("{path}?{query}")).await
                }
            });
            prop_assert!(
                !res.status.is_server_error(),
                "{} {path} answered {}",
                route.method,
                res.status
            );
            Ok(())
        })
        .unwrap();
}
