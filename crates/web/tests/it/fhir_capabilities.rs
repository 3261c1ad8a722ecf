//! The CapabilityStatement declares exactly what the route registry serves: every
//! interaction it names has a route, and every API route is declared.

use std::collections::BTreeSet;

use carepath_test_support::app::TestApp;
use carepath_web::route_table;

/// What a route under `/fhir` offers, as the CapabilityStatement names it:
/// `Type interaction`, `Type $operation`, or a system-level `interaction`/`$operation`.
fn offered(method: &str, path: &str) -> Option<String> {
    let rest = path.strip_prefix("/fhir")?;
    let parts: Vec<&str> = rest.split('/').filter(|p| !p.is_empty()).collect();
    let op = |p: &str| {
        p.strip_prefix('$')
            .map(|o| o.split('-').next().unwrap().to_owned())
    };
    Some(match (method, parts.as_slice()) {
        ("POST", []) => "batch".to_owned(),
        (_, ["metadata"]) => "capabilities".to_owned(),
        (_, [first, ..]) if first.starts_with('$') => format!("${}", op(first)?),
        (_, ["Group", _, o]) => format!("${}", op(o)?),
        ("GET", [t]) => format!("{t} search-type"),
        ("POST", [t]) => format!("{t} create"),
        ("PUT", [t]) => format!("{t} conditional-update"),
        ("GET", [t, _]) => format!("{t} read"),
        ("PUT", [t, _]) => format!("{t} update"),
        ("PATCH", [t, _]) => format!("{t} patch"),
        ("GET", [t, _, "_history", _]) => format!("{t} vread"),
        ("GET", [t, _, "_history"]) => format!("{t} history-instance"),
        (_, [t, _, o]) if o.starts_with('$') => format!("{t} ${}", op(o)?),
        _ => return None,
    })
}

#[tokio::test]
async fn the_capability_statement_declares_exactly_the_api_routes() {
    let app = TestApp::demo(carepath_test_support::sqlite().await).await;
    let token = app.api_token("kliniker1").await;
    let statement = app.get_api(Some(&token), "/fhir/metadata").await.json();
    let rest = &statement["rest"][0];
    let mut declared = BTreeSet::from(["capabilities".to_owned()]);
    for i in rest["interaction"].as_array().into_iter().flatten() {
        declared.insert(i["code"].as_str().unwrap().to_owned());
    }
    for o in rest["operation"].as_array().into_iter().flatten() {
        declared.insert(format!("${}", o["name"].as_str().unwrap()));
    }
    for r in rest["resource"].as_array().unwrap() {
        let t = r["type"].as_str().unwrap();
        for i in r["interaction"].as_array().into_iter().flatten() {
            declared.insert(format!("{t} {}", i["code"].as_str().unwrap()));
        }
        if r["conditionalUpdate"] == true {
            declared.insert(format!("{t} conditional-update"));
        }
        for o in r["operation"].as_array().into_iter().flatten() {
            declared.insert(format!("{t} ${}", o["name"].as_str().unwrap()));
        }
    }
    let routed: BTreeSet<String> = route_table()
        .iter()
        .filter(|r| r.path.starts_with("/fhir"))
        .map(|r| {
            offered(r.method, r.path)
                .unwrap_or_else(|| panic!("a route the test cannot name: {} {}", r.method, r.path))
        })
        .collect();
    // The one route takes batch and transaction Bundles alike.
    let mut routed = routed;
    if routed.contains("batch") {
        routed.insert("transaction".to_owned());
    }
    let undeclared: Vec<_> = routed.difference(&declared).collect();
    let unrouted: Vec<_> = declared.difference(&routed).collect();
    assert!(
        undeclared.is_empty() && unrouted.is_empty(),
        "routed but not declared: {undeclared:?}; declared but not routed: {unrouted:?}"
    );
}
