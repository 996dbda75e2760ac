//! The engine's own duties, through the public API: filters, exceptions,
//! conditions, messages, ordering, layering and policy tests.

use checker_core::{CheckContext, Checker, Date, Lang, Level, Platform, Policy, Surface};
use serde_json::{json, Value};

fn rule(id: &str, extra: Value) -> Value {
    let mut rule = json!({
        "id": id, "kind": "terms", "category": "confidential",
        "message": {"de": "„{quote}“ ist intern.", "en": "“{quote}” is internal."},
        "explanation": {"de": "Frag {contact.press}.", "en": "Ask {contact.press}."}
    });
    if let (Some(object), Value::Object(extra)) = (rule.as_object_mut(), extra) {
        object.extend(extra);
    }
    rule
}

fn checker(policy: Value) -> Checker {
    match Policy::from_value(policy).and_then(|policy| policy.compile()) {
        Ok(checker) => checker,
        Err(error) => panic!("{error}"),
    }
}

fn organization() -> Value {
    json!({"name": "Acme", "aliases": ["Acme Corp"], "handles": ["@acme"], "products": ["Roadrunner"],
           "contacts": {"press": {"name": "Pressestelle", "email": "press@acme.example"}},
           "disclosures": ["#employee"]})
}

fn rules_raised(checker: &Checker, text: &str, context: &CheckContext) -> Vec<String> {
    checker
        .check(text, context)
        .findings
        .into_iter()
        .map(|finding| finding.rule)
        .collect()
}

fn on(date: &str) -> CheckContext {
    CheckContext {
        date: Date::parse(date),
        ..CheckContext::new(Platform::Linkedin)
    }
}

#[test]
fn active_windows_include_both_ends_and_a_missing_date_means_active() {
    let checker = checker(json!({"version": 1, "rules": [
        rule("acme.quiet", json!({"terms": ["Quartalszahlen"], "active": {"from": "2026-11-01", "until": "2026-11-30"}}))
    ]}));
    let text = "Die Quartalszahlen sind super";
    assert!(rules_raised(&checker, text, &on("2026-10-31")).is_empty());
    assert_eq!(
        rules_raised(&checker, text, &on("2026-11-01")),
        ["acme.quiet"]
    );
    assert_eq!(
        rules_raised(&checker, text, &on("2026-11-30")),
        ["acme.quiet"]
    );
    assert!(rules_raised(&checker, text, &on("2026-12-01")).is_empty());
    assert_eq!(
        rules_raised(&checker, text, &CheckContext::default()),
        ["acme.quiet"]
    );
}

#[test]
fn platforms_and_surfaces_limit_where_a_rule_runs() {
    let checker = checker(json!({"version": 1, "rules": [
        rule("acme.x-only", json!({"terms": ["thread"], "platforms": ["x"], "surfaces": ["post", "reply"]}))
    ]}));
    let mut context = CheckContext::new(Platform::X);
    assert_eq!(
        rules_raised(&checker, "a thread", &context),
        ["acme.x-only"]
    );
    context.surface = Surface::Message;
    assert!(rules_raised(&checker, "a thread", &context).is_empty());
    assert!(rules_raised(&checker, "a thread", &CheckContext::new(Platform::Linkedin)).is_empty());
}

#[test]
fn hits_inside_exceptions_are_dropped() {
    let checker = checker(json!({"version": 1, "rules": [
        rule("acme.codenames", json!({"terms": ["Orion"], "exceptions": ["Orion nebula", "Orionnebel"]}))
    ]}));
    let context = CheckContext::default();
    assert!(rules_raised(&checker, "Photo of the Orion Nebula tonight", &context).is_empty());
    assert!(rules_raised(&checker, "Der Orionnebel leuchtet", &context).is_empty());
    assert_eq!(
        rules_raised(
            &checker,
            "Orion launches soon, unlike the Orion nebula",
            &context
        ),
        ["acme.codenames"]
    );
}

#[test]
fn conditions_need_a_mention_in_the_post_sentence_or_word_window() {
    let org = organization();
    let checker = checker(json!({"version": 1, "organization": org, "rules": [
        rule("t.post", json!({"terms": ["Streik"], "when": {"mentions": "organization"}})),
        rule("t.sentence", json!({"terms": ["Streik"], "when": {"mentions": "organization", "within": "sentence"}})),
        rule("t.words", json!({"terms": ["Streik"], "when": {"mentions": {"terms": ["Werk Nord"]}, "within": {"words": 3}}}))
    ]}));
    let context = CheckContext::default();
    assert!(rules_raised(&checker, "Der Streik bei der Bahn nervt.", &context).is_empty());
    assert_eq!(
        rules_raised(&checker, "Bei Acme ist Streik.", &context),
        ["t.post", "t.sentence"]
    );
    assert_eq!(
        rules_raised(&checker, "Ich mag @acme. Der Streik nervt.", &context),
        ["t.post"]
    );
    assert_eq!(
        rules_raised(&checker, "Im Werk Nord ist heute Streik", &context),
        ["t.words"]
    );
    assert!(rules_raised(
        &checker,
        "Im Werk Nord ist es heute sehr ruhig, kein Streik",
        &context
    )
    .is_empty());
}

#[test]
fn messages_are_localized_with_fallback_and_placeholders() {
    let checker = checker(
        json!({"version": 1, "fallback_language": "en", "organization": organization(), "rules": [
            rule("acme.only-en", json!({"terms": ["Orion"], "message": {"en": "“{quote}” stays inside {organization}."}})),
            rule("acme.both", json!({"terms": ["Kranich"], "link": "https://acme.example/guide#codes"}))
        ]}),
    );
    let de = CheckContext {
        lang: Lang::De,
        ..CheckContext::default()
    };
    let report = checker.check("Orion und Kranich", &de);
    assert_eq!(report.findings[0].message, "“Orion” stays inside Acme.");
    assert_eq!(report.findings[1].message, "„Kranich“ ist intern.");
    assert_eq!(
        report.findings[1].explanation,
        "Frag Pressestelle (press@acme.example)."
    );
    assert_eq!(
        report.findings[1].link.as_deref(),
        Some("https://acme.example/guide#codes")
    );
}

#[test]
fn findings_are_ordered_by_position_then_level_with_document_findings_last() {
    let checker = checker(
        json!({"version": 1, "organization": organization(), "rules": [
            {"id": "t.disclosure", "kind": "require", "category": "disclosure", "level": "block",
             "message": {"en": "Disclose."}, "explanation": {"en": "Because."},
             "trigger": [{"organization": "mentions"}], "phrases": [{"organization": "disclosures"}]},
            rule("t.hint", json!({"level": "hint", "terms": ["Orion"]})),
            rule("t.block", json!({"level": "block", "terms": ["Orion"]})),
            rule("t.early", json!({"level": "hint", "terms": ["Acme"]}))
        ]}),
    );
    let report = checker.check("Acme plant Orion", &CheckContext::default());
    let order: Vec<(&str, Level)> = report
        .findings
        .iter()
        .map(|f| (f.rule.as_str(), f.level))
        .collect();
    assert_eq!(
        order,
        [
            ("t.early", Level::Hint),
            ("t.block", Level::Block),
            ("t.hint", Level::Hint),
            ("t.disclosure", Level::Block)
        ]
    );
    assert_eq!(report.findings[3].span, None);
}

#[test]
fn overrides_switch_off_or_relevel_inherited_rules() {
    let policy = Policy::from_value(json!({
        "version": 1, "organization": organization(), "extends": ["organization"],
        "overrides": [{"id": "org.brand", "enabled": false}, {"id": "org.disclosure", "level": "block", "overridable": false}]
    }))
    .unwrap_or_else(|error| panic!("{error}"));
    let brand = policy
        .rules()
        .iter()
        .find(|rule| rule.id == "org.brand")
        .map(|rule| (rule.enabled, rule.source.as_str()));
    assert_eq!(brand, Some((false, "organization")));
    let checker = policy.compile().unwrap_or_else(|error| panic!("{error}"));
    let report = checker.check("Ich liebe ACME", &CheckContext::default());
    let found: Vec<(&str, Level, bool)> = report
        .findings
        .iter()
        .map(|f| (f.rule.as_str(), f.level, f.overridable))
        .collect();
    assert_eq!(found, [("org.disclosure", Level::Block, false)]);
}

#[test]
fn the_rule_list_says_what_each_rule_is_for_in_every_language() {
    let mut organization = organization();
    organization["contacts"]["legal"] = json!({"name": "Rechtsabteilung"});
    let policy = Policy::from_value(json!({
        "version": 1, "fallback_language": "de", "organization": organization,
        "rules": [
            rule("acme.press", json!({"terms": ["Orion"]})),
            rule("acme.legal", json!({
                "terms": ["Klage"],
                "message": {"de": "Frag {contact.legal} zu „{quote}“.", "en": "Ask {contact.legal} about “{quote}”."},
                "explanation": {"de": "{organization} äußert sich zu „{quote}“ nur über {contact.press}."}
            })),
            rule("acme.plain", json!({
                "terms": ["Kranich"],
                "message": {"de": "Intern.", "en": "Internal."},
                "explanation": {"de": "Nur intern.", "en": "Internal only."}
            }))
        ]
    }))
    .unwrap_or_else(|error| panic!("{error}"));
    let info = |id: &str| {
        let rule = policy.rules().iter().find(|rule| rule.id == id).cloned();
        rule.unwrap_or_else(|| panic!("no rule {id}"))
    };

    // Contacts render as in findings, in each language.
    let press = info("acme.press");
    assert_eq!(
        press.explanation.0.get(&Lang::De).map(String::as_str),
        Some("Frag Pressestelle (press@acme.example).")
    );
    assert_eq!(
        press.explanation.0.get(&Lang::En).map(String::as_str),
        Some("Ask Pressestelle (press@acme.example).")
    );
    assert_eq!(press.contact.as_deref(), Some("press"));

    // A missing language falls back to `fallback_language`; `{quote}` reads
    // "…"; the message's contact comes before the explanation's.
    let legal = info("acme.legal");
    let german = "Acme äußert sich zu „…“ nur über Pressestelle (press@acme.example).";
    assert_eq!(
        legal.explanation.0.get(&Lang::De).map(String::as_str),
        Some(german)
    );
    assert_eq!(
        legal.explanation.0.get(&Lang::En).map(String::as_str),
        Some(german)
    );
    assert_eq!(legal.contact.as_deref(), Some("legal"));

    let plain = info("acme.plain");
    assert_eq!(plain.contact, None);
    assert_eq!(
        serde_json::to_value(&plain)
            .ok()
            .map(|json| json["explanation"].clone()),
        Some(json!({"de": "Nur intern.", "en": "Internal only."}))
    );
    assert_eq!(
        serde_json::to_value(&plain)
            .ok()
            .map(|json| json["contact"].clone()),
        Some(Value::Null)
    );
}

#[test]
fn the_rule_list_of_the_organization_pack_names_the_press_office() {
    let policy = Policy::from_value(json!({
        "version": 1, "organization": {"name": "Acme"}, "extends": ["organization"]
    }))
    .unwrap_or_else(|error| panic!("{error}"));
    let merger = policy.rules().iter().find(|rule| rule.id == "org.merger");
    // No press contact yet: the placeholder reads as the locale's fallback.
    assert_eq!(
        merger.and_then(|rule| rule.contact.as_deref()),
        Some("press")
    );
    for rule in policy.rules() {
        for lang in [Lang::De, Lang::En] {
            let text = rule
                .explanation
                .0
                .get(&lang)
                .map(String::as_str)
                .unwrap_or_default();
            assert!(
                !text.is_empty() && !text.contains('{'),
                "{}: {text:?}",
                rule.id
            );
        }
    }
}

#[test]
fn own_rules_follow_pack_rules_and_ids_stay_unique() {
    let error = Policy::from_value(json!({
        "version": 1, "organization": organization(), "extends": ["organization"],
        "rules": [rule("org.brand", json!({"terms": ["x"]}))]
    }))
    .err()
    .map(|error| error.problems);
    let problems = error.unwrap_or_default();
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].path, "/rules/0/id");
    assert!(problems[0]
        .message
        .contains("duplicate rule id `org.brand`"));
}

#[test]
fn policy_tests_report_failures_with_the_findings_they_got() {
    let checker = checker(
        json!({"version": 1, "rules": [rule("acme.codenames", json!({"terms": ["Orion"]}))],
        "tests": [
            {"name": "passes", "text": "Orion", "expect": ["acme.codenames"]},
            {"name": "fails", "text": "Orion ist cool", "context": {"platform": "x", "lang": "de"}, "forbid": ["acme.codenames"]},
            {"name": "also fails", "text": "nichts", "expect": ["acme.codenames"]}
        ]}),
    );
    let report = checker.run_tests();
    assert_eq!(report.total, 3);
    assert!(!report.passed());
    let names: Vec<&str> = report
        .failures
        .iter()
        .map(|failure| failure.name.as_str())
        .collect();
    assert_eq!(names, ["fails", "also fails"]);
    let rules = |items: &[checker_core::TestMismatch]| -> Vec<String> {
        items.iter().map(|item| item.rule.clone()).collect()
    };
    assert_eq!(rules(&report.failures[0].unexpected), ["acme.codenames"]);
    assert_eq!(
        report.failures[0].findings[0].quote.as_deref(),
        Some("Orion")
    );
    assert_eq!(rules(&report.failures[1].missing), ["acme.codenames"]);
    assert!(report.failures[1].findings.is_empty());
}

#[test]
fn the_default_policy_compiles_and_stays_quiet_on_plain_text() {
    let policy = Policy::from_json(checker_core::default_policy_json())
        .unwrap_or_else(|error| panic!("{error}"));
    assert!(policy.rules().iter().all(|rule| rule.source == "base"));
    let checker = policy.compile().unwrap_or_else(|error| panic!("{error}"));
    assert!(checker
        .check(
            "Schöner Tag heute. Nice day today.",
            &CheckContext::default()
        )
        .findings
        .is_empty());
}

#[test]
fn reports_serialize_to_the_json_contract() {
    let checker = checker(
        json!({"version": 1, "rules": [rule("acme.codenames", json!({"terms": [{"term": "Orion", "suggest": {"en": "our new product"}}]}))]}),
    );
    let report = checker.check("😀 Orion", &CheckContext::new(Platform::X));
    let value = serde_json::to_value(&report).unwrap_or_default();
    assert_eq!(
        value,
        json!({
            "findings": [{
                "rule": "acme.codenames", "category": "confidential", "level": "warn", "overridable": true,
                "span": {"start": 3, "end": 8}, "quote": "Orion",
                "message": "“Orion” is internal.", "explanation": "Ask the press office.", "link": null,
                "suggestions": [{"label": "Replace with “our new product”", "replacement": "our new product", "span": {"start": 3, "end": 8}}]
            }],
            "length": null
        })
    );
}

#[test]
fn checkers_and_policies_can_be_shared_between_threads() {
    fn shareable<T: Send + Sync + Clone>() {}
    shareable::<Checker>();
    shareable::<Policy>();
}
