//! Policy tests that pin down where: `expect` and `forbid` items with a
//! quote and a count, and what a failure reports.

use checker_core::{Policy, Problem, TestReport};
use serde_json::{json, Value};

fn codenames() -> Value {
    json!({"id": "acme.codenames", "kind": "terms", "category": "confidential",
        "message": {"de": "Interner Projektname", "en": "Internal project name"},
        "explanation": {"de": "Noch nicht öffentlich.", "en": "Not public yet."},
        "terms": ["Kranich", "Orion"]})
}

fn run(tests: Value) -> TestReport {
    Policy::from_value(json!({"version": 1, "rules": [codenames()], "tests": tests}))
        .and_then(Policy::compile)
        .unwrap_or_else(|error| panic!("{error}"))
        .run_tests()
}

fn problems(tests: Value) -> Vec<Problem> {
    match Policy::from_value(json!({"version": 1, "rules": [codenames()], "tests": tests})) {
        Ok(_) => panic!("policy accepted"),
        Err(error) => error.problems,
    }
}

#[test]
fn quote_and_count_pass_when_the_findings_match() {
    let report = run(json!([
        {"name": "de", "text": "Kranich startet, Orion folgt, dann wieder Kranich", "context": {"lang": "de"},
         "expect": [{"rule": "acme.codenames", "quote": "Kranich", "count": 2},
                    {"rule": "acme.codenames", "quote": "Orion"},
                    {"rule": "acme.codenames", "count": 3}],
         "forbid": [{"rule": "acme.codenames", "quote": "Adler"}]},
        {"name": "en", "text": "Orion ships soon",
         "expect": [{"rule": "acme.codenames", "quote": "Orion", "count": 1}, "acme.codenames"],
         "forbid": [{"rule": "acme.codenames", "quote": "Kranich"}]}
    ]));
    assert_eq!(report.total, 2);
    assert!(report.passed(), "{report:#?}");
}

#[test]
fn a_wrong_quote_or_count_fails_and_says_what_was_got() {
    let report = run(json!([
        {"name": "de: twice, not once", "text": "Kranich und Kranich", "context": {"lang": "de"},
         "expect": [{"rule": "acme.codenames", "quote": "Kranich", "count": 1}]},
        {"name": "en: other quote", "text": "Orion ships soon",
         "expect": [{"rule": "acme.codenames", "quote": "Kranich"}],
         "forbid": [{"rule": "acme.codenames", "quote": "Orion"}]},
        // Near miss: the finding quotes the text as written, not as folded.
        {"name": "case", "text": "KRANICH", "expect": [{"rule": "acme.codenames", "quote": "Kranich"}]}
    ]));
    assert_eq!(report.failures.len(), 3, "{report:#?}");
    let twice = &report.failures[0].missing[0];
    assert_eq!(
        (twice.path.as_str(), twice.count, twice.found),
        ("/tests/0/expect/0", Some(1), 2)
    );
    let other = &report.failures[1];
    assert_eq!(other.missing[0].quote.as_deref(), Some("Kranich"));
    assert_eq!(other.missing[0].found, 0);
    assert_eq!(other.unexpected[0].path, "/tests/1/forbid/0");
    assert_eq!(other.unexpected[0].found, 1);
    assert_eq!(report.failures[2].missing[0].found, 0);
    assert_eq!(
        report.failures[2].findings[0].quote.as_deref(),
        Some("KRANICH")
    );
    let json = serde_json::to_value(&report).unwrap_or_default();
    assert_eq!(
        json["failures"][0]["missing"][0],
        json!({"path": "/tests/0/expect/0", "rule": "acme.codenames", "quote": "Kranich", "count": 1, "found": 2})
    );
}

#[test]
fn bad_items_are_each_reported_with_their_path() {
    let found = problems(json!([
        {"name": "t", "text": "x",
         "expect": [5, {"rule": "acme.codenmes", "quote": "x"}, {"rule": "acme.codenames", "qoute": "x"}, "acme.codenames", true],
         "forbid": [{"rule": "acme.codenames", "count": "two"}]},
        {"name": "u", "text": "y", "expect": [{"rule": "acme.codenams"}], "forbid": ["acme.codenmes"]}
    ]));
    let paths: Vec<&str> = found.iter().map(|problem| problem.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "/tests/0/expect/0",
            "/tests/0/expect/2/qoute",
            "/tests/0/expect/4",
            "/tests/0/forbid/0/count",
            "/tests/1/expect/0/rule",
            "/tests/1/forbid/0",
        ],
        "{found:#?}"
    );
    assert_eq!(found[1].hint.as_deref(), Some("did you mean `quote`?"));
    assert_eq!(
        found[4].hint.as_deref(),
        Some("did you mean `acme.codenames`?")
    );
}
