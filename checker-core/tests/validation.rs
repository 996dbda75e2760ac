//! Policy validation: every problem at once, each with a JSON path, a
//! one-line reason and a hint where one is obvious.

use checker_core::{Policy, Problem};
use serde_json::json;

#[path = "support/policies.rs"]
mod policies;
use policies::problem_at;

fn problems(policy: serde_json::Value) -> Vec<Problem> {
    match Policy::from_value(policy) {
        Ok(_) => panic!("policy accepted"),
        Err(error) => error.problems,
    }
}

#[test]
fn reports_every_problem_of_a_broken_policy_at_once() {
    let found = problems(json!({
        "version": 2,
        "fallback_language": "fr",
        "extends": ["bsae"],
        "rules": [
            {"id": "a.one", "kind": "terms", "category": "secrets", "levle": "warn",
             "message": {"en": "m"}, "explanation": {"en": "e"}, "terms": []},
            {"id": "a.two", "kind": "pattern", "category": "other", "level": "loud",
             "message": {"en": "m", "fr": "m"}, "explanation": {"en": "e"}, "pattern": "(oops", "link": "intranet/guide"},
            {"id": "a.two", "kind": "pattern", "category": "other",
             "message": {"en": "m"}, "explanation": {"en": "e"}, "pattern": "a*"},
            {"id": "a.four", "kind": "terms", "category": "other",
             "message": {"en": "m"}, "explanation": {"en": "e"}, "terms": "Orion",
             "active": {"from": "2026-12-01", "until": "2026-11-01"}},
            {"id": "a.five", "kind": "term", "category": "other", "message": {"en": "m"}, "explanation": {"en": "e"}}
        ],
        "overrides": [{"id": "base.nope", "level": "hint"}],
        "tests": [{"name": "t", "text": "x", "expect": ["a.on"]}]
    }));
    assert_eq!(
        problem_at(&found, "/version").message,
        "unsupported version; this Postlint reads version 1"
    );
    assert_eq!(
        problem_at(&found, "/fallback_language").hint.as_deref(),
        Some("expected one of: de, en")
    );
    assert_eq!(
        problem_at(&found, "/extends/0").hint.as_deref(),
        Some("did you mean `base`?")
    );
    assert_eq!(
        problem_at(&found, "/rules/0/category").hint.as_deref(),
        Some("did you mean `secret`?")
    );
    assert_eq!(
        problem_at(&found, "/rules/0/levle").hint.as_deref(),
        Some("did you mean `level`?")
    );
    assert!(problem_at(&found, "/rules/0/terms")
        .message
        .contains("empty term list"));
    assert!(problem_at(&found, "/rules/1/level")
        .message
        .contains("unknown value `loud`"));
    assert_eq!(
        problem_at(&found, "/rules/1/message/fr").message,
        "unknown value `fr`"
    );
    assert!(problem_at(&found, "/rules/1/pattern")
        .message
        .starts_with("invalid regular expression"));
    assert!(problem_at(&found, "/rules/1/link")
        .hint
        .as_deref()
        .is_some_and(|hint| hint.starts_with("start it with https://")));
    assert!(problem_at(&found, "/rules/2/id")
        .message
        .contains("duplicate rule id `a.two`"));
    assert!(problem_at(&found, "/rules/2/pattern")
        .message
        .contains("empty string"));
    assert!(problem_at(&found, "/rules/3/terms")
        .message
        .contains("expected a sequence"));
    assert!(problem_at(&found, "/rules/3/active/until")
        .message
        .contains("before `from`"));
    assert_eq!(
        problem_at(&found, "/rules/4/kind").hint.as_deref(),
        Some("did you mean `terms`?")
    );
    assert_eq!(
        problem_at(&found, "/overrides/0/id").message,
        "no rule has the id `base.nope`"
    );
    assert_eq!(
        problem_at(&found, "/tests/0/expect/0").hint.as_deref(),
        Some("did you mean `a.one`?")
    );
    for problem in &found {
        assert!(!problem.message.contains('\n'), "one line: {problem}");
    }
}

#[test]
fn wrong_types_name_what_was_expected() {
    let found = problems(
        json!({"version": 1, "rules": {"id": "x"}, "organization": {"name": "Acme", "handles": "@acme"}}),
    );
    assert_eq!(
        problem_at(&found, "/rules").message,
        "expected an array, found an object"
    );
    assert!(problem_at(&found, "/organization/handles")
        .message
        .contains("expected a sequence"));
}

#[test]
fn unknown_keys_everywhere_get_did_you_mean_hints() {
    let found = problems(json!({
        "version": 1, "rulez": [],
        "organization": {"name": "Acme", "aliasses": ["A"]},
        "rules": [{"id": "a", "kind": "terms", "category": "other", "message": {"en": "m"}, "explanation": {"en": "e"},
                   "terms": ["x"], "case_sensitiv": true, "when": {"mentions": "organization", "whithin": "post"}}],
        "tests": [{"name": "t", "text": "x", "contxt": {}}]
    }));
    assert_eq!(
        problem_at(&found, "/rulez").hint.as_deref(),
        Some("did you mean `rules`?")
    );
    assert_eq!(
        problem_at(&found, "/organization/aliasses").hint.as_deref(),
        Some("did you mean `aliases`?")
    );
    assert_eq!(
        problem_at(&found, "/rules/0/case_sensitiv").hint.as_deref(),
        Some("did you mean `case_sensitive`?")
    );
    assert_eq!(
        problem_at(&found, "/rules/0/when/whithin").hint.as_deref(),
        Some("did you mean `within`?")
    );
    assert_eq!(
        problem_at(&found, "/tests/0/contxt").hint.as_deref(),
        Some("did you mean `context`?")
    );
}

#[test]
fn messages_need_the_fallback_language_and_known_placeholders() {
    let found = problems(json!({
        "version": 1, "fallback_language": "de",
        "rules": [{"id": "a", "kind": "terms", "category": "other", "terms": ["x"],
                   "message": {"en": "Found {qoute}"}, "explanation": {"de": "Text", "en": "Frag {contact.legal}"}}]
    }));
    assert!(problem_at(&found, "/rules/0/message")
        .message
        .contains("`de` is the fallback language"));
    assert_eq!(
        problem_at(&found, "/rules/0/message/en").hint.as_deref(),
        Some("did you mean `{quote}`?")
    );
    assert!(problem_at(&found, "/rules/0/explanation/en")
        .message
        .contains("no `legal`"));
}

#[test]
fn the_organization_pack_needs_an_organization() {
    let found = problems(json!({"version": 1, "extends": ["base", "organization", "base"]}));
    assert!(problem_at(&found, "/extends/1")
        .message
        .contains("needs an `organization` section"));
    assert!(problem_at(&found, "/extends/2")
        .message
        .contains("listed twice"));
}

#[test]
fn invalid_json_and_non_objects_are_problems_not_panics() {
    for source in [
        "",
        "{",
        "[]",
        "null",
        "{\"version\": 1, \"rules\": [1, \"x\", null]}",
        "{\"version\": \"1\"}",
    ] {
        let result = Policy::from_json(source);
        assert!(result.is_err(), "{source:?} accepted");
    }
}

#[test]
fn a_profile_field_needs_the_profile_surface_and_fields_a_known_field() {
    let found = problems(json!({
        "version": 1,
        "rules": [{"id": "a.title", "kind": "terms", "category": "brand",
                   "message": {"en": "m"}, "explanation": {"en": "e"}, "terms": ["Acme"],
                   "fields": ["headline", "tagline"]}],
        "tests": [
            {"name": "a post has no field", "text": "x", "context": {"surface": "post", "field": "headline"}},
            {"name": "a profile field", "text": "x", "context": {"surface": "profile", "field": "bio"}}
        ]
    }));
    assert!(problem_at(&found, "/tests/0/context/field").hint.is_some());
    assert!(problem_at(&found, "/rules/0/fields/1")
        .message
        .contains("tagline"));
    assert!(!found
        .iter()
        .any(|problem| problem.path.starts_with("/tests/1")));
}
