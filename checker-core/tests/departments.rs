//! `departments`: each department's rules and overrides apply on top of the
//! policy's, only where the check's `department` names it.

use checker_core::{CheckContext, Checker, Level, Platform, Policy, Problem};
use serde_json::{json, Value};

#[path = "support/policies.rs"]
mod policies;
use policies::{compiled, problem_at, rejected, rule_ids};

fn policy(departments: Value) -> Value {
    json!({
        "version": 1,
        "extends": ["base", "organization"],
        "organization": {"name": "Acme", "disclosures": ["#employee"]},
        "rules": [{"id": "acme.codenames", "kind": "terms", "category": "confidential",
            "terms": ["Kranich"],
            "message": {"en": "Code name: {quote}"}, "explanation": {"en": "Internal."}}],
        "departments": departments
    })
}

fn sales_and_hr() -> Value {
    json!({
        "sales": {
            "rules": [{"id": "sales.customers", "kind": "terms", "category": "confidential",
                "level": "block", "overridable": false, "terms": ["Globex"],
                "message": {"en": "Customer: {quote}"}, "explanation": {"en": "Customers are named by them."}}],
            "overrides": [{"id": "acme.codenames", "add": {"terms": ["Reiher"]}}]
        },
        "hr": {"overrides": [{"id": "base.email", "enabled": false}]}
    })
}

fn checker(departments: Value) -> Checker {
    compiled(policy(departments))
}

fn problems(departments: Value) -> Vec<Problem> {
    rejected(policy(departments))
}

/// The rule ids of the findings for `text`, written in `department`.
fn rules(checker: &Checker, text: &str, department: Option<&str>) -> Vec<String> {
    let context = CheckContext {
        department: department.map(str::to_owned),
        ..CheckContext::new(Platform::Linkedin)
    };
    rule_ids(checker, text, &context)
}

#[test]
fn a_department_rule_applies_in_that_department_only() {
    let checker = checker(sales_and_hr());
    let text = "Our project with Globex went live.";
    assert_eq!(rules(&checker, text, Some("sales")), ["sales.customers"]);
    assert!(rules(&checker, text, None).is_empty());
    assert!(rules(&checker, text, Some("hr")).is_empty());
    let report = checker.check(
        text,
        &CheckContext {
            department: Some("sales".into()),
            ..CheckContext::default()
        },
    );
    assert_eq!(report.findings[0].level, Level::Block);
    assert!(!report.findings[0].overridable);
}

#[test]
fn a_department_override_changes_the_rule_for_that_department_only() {
    let checker = checker(sales_and_hr());
    // Sales adds a code name; the policy's own stays everywhere.
    assert_eq!(
        rules(&checker, "Reiher and Kranich ship soon.", Some("sales")),
        ["acme.codenames", "acme.codenames"]
    );
    assert_eq!(
        rules(&checker, "Reiher and Kranich ship soon.", None),
        ["acme.codenames"]
    );
    // HR switches the e-mail rule off; every other writer keeps it.
    let email = "Write to jane.doe@acme.example";
    assert!(rules(&checker, email, Some("hr")).is_empty());
    assert_eq!(rules(&checker, email, None), ["base.email"]);
    assert_eq!(rules(&checker, email, Some("sales")), ["base.email"]);
}

#[test]
fn an_unknown_department_gets_the_policys_own_rules() {
    let checker = checker(sales_and_hr());
    assert_eq!(
        rules(&checker, "Write to jane.doe@acme.example", Some("finance")),
        ["base.email"]
    );
    assert!(rules(&checker, "Globex", Some("finance")).is_empty());
}

#[test]
fn the_rule_list_shows_each_departments_effective_rules() {
    let policy = Policy::from_value(policy(sales_and_hr())).unwrap();
    assert_eq!(policy.departments().collect::<Vec<_>>(), ["hr", "sales"]);
    let ids = |rules: &[checker_core::RuleInfo]| -> Vec<String> {
        rules.iter().map(|rule| rule.id.clone()).collect()
    };
    assert!(!ids(policy.rules()).contains(&"sales.customers".to_owned()));
    let sales = ids(policy.department_rules("sales").unwrap());
    assert!(sales.contains(&"sales.customers".to_owned()));
    // One entry per id: the variant replaces the original.
    assert_eq!(sales.iter().filter(|id| *id == "acme.codenames").count(), 1);
    let hr = policy.department_rules("hr").unwrap();
    let email = hr.iter().find(|rule| rule.id == "base.email").unwrap();
    assert!(!email.enabled);
    assert!(policy.department_rules("finance").is_none());
    assert_eq!(policy.similar_department("sale"), Some("sales"));
    let terms = |department| {
        policy
            .department_effective_rule("acme.codenames", department)
            .unwrap()["terms"]
            .clone()
    };
    assert_eq!(terms(Some("sales")), json!(["Kranich", "Reiher"]));
    assert_eq!(terms(None), json!(["Kranich"]));
}

#[test]
fn tests_can_name_a_department_in_their_context() {
    let mut document = policy(sales_and_hr());
    document["tests"] = json!([
        {"name": "sales names no customer", "text": "Globex", "context": {"department": "sales"},
            "expect": ["sales.customers"]},
        {"name": "others may", "text": "Globex", "forbid": ["sales.customers"]}
    ]);
    let checker = Policy::from_value(document)
        .and_then(Policy::compile)
        .unwrap();
    let report = checker.run_tests();
    assert_eq!(report.total, 2);
    assert!(report.passed(), "{:?}", report.failures);
}

#[test]
fn mistakes_are_reported_with_their_paths() {
    let found = problems(json!({
        "sales team": {},
        "sales": {
            "rules": [{"id": "acme.codenames", "kind": "terms", "category": "confidential",
                "terms": ["x"], "message": {"en": "m"}, "explanation": {"en": "e"}}],
            "overrides": [{"id": "base.emial", "enabled": false}],
            "rulez": []
        },
        "hr": {"overrides": [{"id": "sales.customers", "enabled": false}]},
        "rd": {"rules": [{"id": "sales.customers", "kind": "terms", "category": "confidential",
                "terms": ["y"], "message": {"en": "m"}, "explanation": {"en": "e"}}]},
        "it": []
    }));
    assert!(problem_at(&found, "/departments/sales team")
        .message
        .contains("not a department id"));
    let clash = problem_at(&found, "/departments/sales/rules/0/id");
    assert!(clash.message.contains("duplicate rule id `acme.codenames`"));
    assert_eq!(
        problem_at(&found, "/departments/sales/overrides/0/id")
            .hint
            .as_deref(),
        Some("did you mean `base.email`?")
    );
    assert_eq!(
        problem_at(&found, "/departments/sales/rulez")
            .hint
            .as_deref(),
        Some("did you mean `rules`?")
    );
    assert!(problem_at(&found, "/departments/hr/overrides/0/id")
        .message
        .contains("`sales.customers` is another department's rule"));
    assert!(problem_at(&found, "/departments/it")
        .message
        .contains("expected an object"));
}

#[test]
fn a_test_naming_an_unknown_department_is_reported() {
    let mut document = policy(sales_and_hr());
    document["tests"] = json!([{"name": "t", "text": "Globex", "context": {"department": "sale"}}]);
    let found = match Policy::from_value(document) {
        Ok(_) => panic!("policy accepted"),
        Err(error) => error.problems,
    };
    assert_eq!(
        problem_at(&found, "/tests/0/context/department")
            .hint
            .as_deref(),
        Some("did you mean `sales`?")
    );
}

#[test]
fn at_most_fifty_departments() {
    let departments: serde_json::Map<String, Value> = (0..51)
        .map(|index| (format!("d{index:02}"), json!({})))
        .collect();
    let found = problems(Value::Object(departments));
    assert!(problem_at(&found, "/departments/d50")
        .message
        .contains("at most 50 departments"));
}
