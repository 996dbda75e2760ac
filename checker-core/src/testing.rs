//! Helpers for unit tests: small policies around a single rule.

use serde_json::{json, Value};

use crate::{CheckContext, Checker, Platform, Policy, PolicyError};

fn with_common_keys(mut rule: Value) -> Value {
    if let Some(object) = rule.as_object_mut() {
        for (key, value) in [
            ("id", json!("test.rule")),
            ("category", json!("other")),
            (
                "message",
                json!({"de": "Fund: {quote}", "en": "Found: {quote}"}),
            ),
            ("explanation", json!({"de": "Weil.", "en": "Because."})),
        ] {
            object.entry(key).or_insert(value);
        }
    }
    rule
}

fn compile(policy: Value) -> Result<Checker, PolicyError> {
    Policy::from_value(policy)?.compile()
}

/// A checker for a policy holding only `rule` (common keys filled in).
pub(crate) fn rule_policy(rule: Value) -> Checker {
    match compile(json!({"version": 1, "rules": [with_common_keys(rule)]})) {
        Ok(checker) => checker,
        Err(error) => panic!("test policy rejected: {error}"),
    }
}

/// The problems of a policy holding only `rule`.
pub(crate) fn rule_error(rule: Value) -> PolicyError {
    match compile(json!({"version": 1, "rules": [with_common_keys(rule)]})) {
        Ok(_) => panic!("test policy accepted"),
        Err(error) => error,
    }
}

/// The organization section the tests use.
pub(crate) fn organization() -> Value {
    json!({
        "name": "Acme",
        "aliases": ["Acme Corp", "ACME GmbH"],
        "handles": ["@acme"],
        "products": ["Roadrunner"],
        "contacts": {"press": {"name": "Press office", "email": "press@acme.example"}},
        "disclosures": ["#employee", "#Mitarbeiter", "views are my own", "meine persönliche Meinung"],
        "preferred_disclosure": {"de": "#Mitarbeiter – meine persönliche Meinung", "en": "#employee – views are my own"}
    })
}

/// A checker for a policy with the test organization and `rule`.
pub(crate) fn organization_policy(rule: Value) -> Checker {
    let policy =
        json!({"version": 1, "organization": organization(), "rules": [with_common_keys(rule)]});
    match compile(policy) {
        Ok(checker) => checker,
        Err(error) => panic!("test policy rejected: {error}"),
    }
}

/// The quotes of all findings for `text` (as an X post, in English).
pub(crate) fn quotes(checker: &Checker, text: &str) -> Vec<String> {
    checker
        .check(text, &CheckContext::new(Platform::X))
        .findings
        .into_iter()
        .filter_map(|finding| finding.quote)
        .collect()
}
