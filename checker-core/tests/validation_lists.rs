//! Every bad item of a list is its own problem, with its own path (serde
//! alone stops at the first).

use checker_core::{CheckContext, Lang, Platform, Policy, Problem};
use serde_json::json;

fn paths(policy: serde_json::Value) -> Vec<String> {
    match Policy::from_value(policy) {
        Ok(_) => panic!("policy accepted"),
        Err(error) => error
            .problems
            .into_iter()
            .map(|problem: Problem| problem.path)
            .collect(),
    }
}

fn rule(extra: serde_json::Value) -> serde_json::Value {
    let mut rule = json!({"id": "acme.x", "kind": "terms", "category": "other",
        "message": {"en": "m"}, "explanation": {"en": "e"}, "terms": ["x"]});
    if let (Some(rule), Some(extra)) = (rule.as_object_mut(), extra.as_object()) {
        rule.extend(extra.clone());
    }
    rule
}

#[test]
fn platforms_and_surfaces_report_each_bad_item() {
    let found = paths(json!({"version": 1, "rules": [rule(json!({
        "platforms": ["x", "twitter", "linkedin", 3],
        "surfaces": ["post", "story", "dm"]
    }))]}));
    assert_eq!(
        found,
        [
            "/rules/0/platforms/1",
            "/rules/0/platforms/3",
            "/rules/0/surfaces/1",
            "/rules/0/surfaces/2"
        ]
    );
}

#[test]
fn extends_reports_each_bad_entry() {
    let found = paths(json!({"version": 1, "extends": ["base", 1, "bsae", null]}));
    assert_eq!(found, ["/extends/1", "/extends/3", "/extends/2"]);
}

#[test]
fn organization_lists_and_contacts_report_each_bad_item() {
    let found = paths(json!({"version": 1, "organization": {
        "name": "Acme",
        "aliases": ["Acme Corp", 7],
        "disclosures": ["#employee", false, ["x"]],
        "contacts": {"press": {"name": 5}, "hr": {"mail": "hr@acme.example"}, "it": {"email": "it@acme.example"}}
    }}));
    assert_eq!(
        found,
        [
            "/organization/aliases/1",
            "/organization/disclosures/1",
            "/organization/disclosures/2",
            "/organization/contacts/hr/mail",
            "/organization/contacts/press/name",
        ]
    );
}

#[test]
fn a_contact_name_may_be_given_per_language() {
    let policy = json!({"version": 1, "extends": ["organization"],
        "organization": {"name": "Acme", "disclosures": ["#employee"],
            "contacts": {"press": {"name": {"de": "Pressestelle", "en": "Press office"}, "email": "presse@acme.example"}}}});
    let checker = Policy::from_value(policy)
        .and_then(Policy::compile)
        .unwrap_or_else(|error| panic!("{error}"));
    let message = |text: &str, lang: Lang| {
        let mut context = CheckContext::new(Platform::Linkedin);
        context.lang = lang;
        checker
            .check(text, &context)
            .findings
            .into_iter()
            .find(|finding| finding.rule == "org.strike")
            .map(|finding| finding.message)
            .unwrap_or_default()
    };
    let german = message("Streik bei Acme morgen. #employee", Lang::De);
    assert!(
        german.contains("Pressestelle (presse@acme.example)"),
        "{german}"
    );
    assert!(!german.contains("Press office"), "{german}");
    let english = message("Strike at Acme tomorrow. #employee", Lang::En);
    assert!(
        english.contains("Press office (presse@acme.example)"),
        "{english}"
    );
    assert!(!english.contains("Pressestelle"), "{english}");
}
