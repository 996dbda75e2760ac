//! `when` conditions of policy language 1.1: `all`, `any`, `not`,
//! `disguised`, named mention lists (`employer`, the policy's own), and
//! exceptions that apply to mentions; plus the policy's `timezone`.

use checker_core::{CheckContext, Checker, Date, Lang};
use serde_json::{json, Value};

#[path = "support/policies.rs"]
mod policies;
use policies::{compiled, rejected, rule_ids};

fn organization() -> Value {
    json!({
        "name": "Acme", "aliases": ["ACME AG"], "handles": ["@acme"],
        "contacts": {"press": {"name": "Presse", "email": "presse@acme.example"}},
        "disclosures": ["#AcmeTeam"],
        "preferred_disclosure": {"de": "#AcmeTeam", "en": "#AcmeTeam"}
    })
}

fn rule(id: &str, extra: Value) -> Value {
    let mut rule = json!({
        "id": id, "kind": "terms", "category": "confidential",
        "message": {"de": "Fund: {quote}", "en": "Found: {quote}"},
        "explanation": {"de": "Weil.", "en": "Because."}
    });
    for (key, value) in extra.as_object().expect("an object") {
        rule[key] = value.clone();
    }
    rule
}

fn raised(checker: &Checker, text: &str) -> Vec<String> {
    raised_in(checker, text, &CheckContext::default())
}

fn raised_in(checker: &Checker, text: &str, context: &CheckContext) -> Vec<String> {
    let mut rules = rule_ids(checker, text, context);
    rules.dedup();
    rules
}

/// The `organization` pack alone, for Acme.
fn organization_pack() -> Checker {
    compiled(json!({"version": 1, "organization": organization(), "extends": ["organization"]}))
}

#[test]
fn critical_topics_count_references_to_ones_own_employer() {
    let checker = organization_pack();
    for text in [
        "Bei uns gibt es ab März Entlassungen.",
        "In unserem Unternehmen drohen Entlassungen.",
        "Mein Arbeitgeber plant Stellenabbau.",
        "Layoffs at our company? Not in my department",
        "My employer just announced layoffs.",
    ] {
        assert!(
            raised(&checker, text).contains(&"org.layoffs".to_owned()),
            "{text}"
        );
    }
    for text in [
        "Ein Artikel über Entlassungen in der Autoindustrie.",
        "Uns geht es gut. Die Entlassungen in der Autoindustrie sind schlimm.",
        "An article about layoffs in the car industry.",
        "I love our company. Layoffs elsewhere are sad news.",
    ] {
        assert!(
            !raised(&checker, text).contains(&"org.layoffs".to_owned()),
            "{text}"
        );
    }
}

#[test]
fn a_strike_of_the_coffee_machine_is_no_labour_dispute() {
    let checker = organization_pack();
    let strike = "org.strike".to_owned();
    for text in [
        "Bei uns streikt heute die Kaffeemaschine.",
        "Bei uns streikt mal wieder der Drucker.",
        "At work the printer is on strike again.",
    ] {
        assert!(!raised(&checker, text).contains(&strike), "{text}");
    }
    for text in [
        "Bei uns streikt heute die Belegschaft.",
        "Morgen ist Warnstreik bei Acme.",
        "At work we go on strike tomorrow.",
    ] {
        assert!(raised(&checker, text).contains(&strike), "{text}");
    }
}

/// A code name that is also an ordinary word: flagged near a project word,
/// with the company named, or when written in disguise.
fn code_name_policy() -> Checker {
    compiled(json!({
        "version": 1,
        "organization": organization(),
        "mentions": {"project": ["Kickoff", "Sprint", "Projekt", "project", "launch"]},
        "rules": [rule("acme.kranich", json!({
            "terms": ["Kranich"],
            "when": {"any": [
                {"mentions": "organization"},
                {"mentions": "project", "within": "sentence"},
                {"disguised": true}
            ]}
        }))]
    }))
}

#[test]
fn a_code_name_that_is_also_a_word_is_flagged_only_in_context_or_disguise() {
    let checker = code_name_policy();
    for text in [
        "K r a n i c h startet im März.",
        "Kickoff für Kranich war heute.",
        "Kr4nich startet im März.",
        "Kranich ist das neue Ding bei Acme.",
        "The Kranich project starts in March.",
        "K.r.a.n.i.c.h launches soon.",
    ] {
        assert_eq!(raised(&checker, text), ["acme.kranich"], "{text}");
    }
    for text in [
        "Der Kranich zieht über die Elbe.",
        "A Kranich flew over the river.",
        "KRANICH im Anflug. Das Projekt ruht.",
    ] {
        assert!(raised(&checker, text).is_empty(), "{text}");
    }
}

#[test]
fn not_and_all_combine_and_nest() {
    let checker = compiled(json!({
        "version": 1,
        "organization": organization(),
        "rules": [rule("acme.streik", json!({
            "terms": ["Streik", "strike"],
            "when": {"all": [
                {"mentions": "organization", "within": "sentence"},
                {"not": {"any": [
                    {"mentions": {"terms": ["Drucker", "printer"]}, "within": {"words": 3}},
                    {"mentions": {"terms": ["Bahn", "train"]}, "within": "sentence"}
                ]}}
            ]}
        }))]
    }));
    assert_eq!(raised(&checker, "Streik bei Acme."), ["acme.streik"]);
    assert_eq!(
        raised(&checker, "Acme staff are on strike."),
        ["acme.streik"]
    );
    assert!(raised(&checker, "Bei Acme ist der Drucker im Streik.").is_empty());
    assert!(raised(&checker, "Acme: the printer is on strike.").is_empty());
    assert!(raised(&checker, "Streik bei der Bahn, Acme-Leute kommen später.").is_empty());
    assert!(raised(&checker, "Streik! Acme ist toll.").is_empty());
}

#[test]
fn mentions_inside_an_exception_do_not_count() {
    let checker = compiled(json!({
        "version": 1,
        "organization": organization(),
        "rules": [rule("acme.streik", json!({
            "terms": ["Streik", "strike"],
            "exceptions": ["Acme Streikkasse", "Acme strike fund"],
            "when": {"mentions": {"terms": ["Acme"]}, "within": "sentence"}
        }))]
    }));
    assert!(raised(
        &checker,
        "Spende an die Acme Streikkasse, der Streik dauert."
    )
    .is_empty());
    assert!(raised(
        &checker,
        "Give to the Acme strike fund; the strike goes on."
    )
    .is_empty());
    assert_eq!(raised(&checker, "Bei Acme ist Streik."), ["acme.streik"]);
    assert_eq!(
        raised(&checker, "The strike at Acme goes on."),
        ["acme.streik"]
    );
}

#[test]
fn a_policy_extends_and_trims_the_employer_list() {
    let checker = compiled(json!({
        "version": 1,
        "organization": organization(),
        "extends": ["organization"],
        "mentions": {"employer": {"add": ["im Werk Nord", "at the plant"], "remove": ["bei uns"]}}
    }));
    let layoffs = "org.layoffs".to_owned();
    assert!(raised(&checker, "Im Werk Nord gibt es Entlassungen.").contains(&layoffs));
    assert!(raised(&checker, "Layoffs at the plant, they say.").contains(&layoffs));
    assert!(!raised(&checker, "Bei uns gibt es ab März Entlassungen.").contains(&layoffs));
    assert!(raised(&checker, "Unsere Firma plant Entlassungen.").contains(&layoffs));
}

#[test]
fn bad_conditions_and_lists_are_problems_with_paths() {
    let found = rejected(json!({
        "version": 1,
        "organization": organization(),
        "extends": ["organization"],
        "mentions": {
            "employer": {"remove": ["bei euch"]},
            "emplyer": {"add": ["x"]},
            "organization": ["Acme"],
            "project": []
        },
        "rules": [
            rule("a.one", json!({"terms": ["x"], "when": {"any": [
                {"mentions": "organization"},
                {"mentions": "organization", "within": "paragraph"}
            ]}})),
            rule("a.two", json!({"terms": ["x"], "when": {"mentions": "employr"}})),
            rule("a.three", json!({"terms": ["x"], "when": {"not": {"disguised": true, "mentions": "employer"}}})),
            rule("a.four", json!({"terms": ["x"], "when": {"all": []}})),
            rule("a.five", json!({"terms": ["x"], "when": {"within": "sentence"}})),
            rule("a.six", json!({"terms": ["x"], "when": {"any": [{"mentions": "employer", "whithin": "post"}]}}))
        ]
    }));
    let at = |path: &str| {
        found
            .iter()
            .find(|problem| problem.path == path)
            .unwrap_or_else(|| panic!("no problem at {path}: {found:#?}"))
    };
    at("/mentions/employer/remove/0");
    assert_eq!(
        at("/mentions/emplyer").hint.as_deref(),
        Some("did you mean `employer`?")
    );
    at("/mentions/organization");
    at("/mentions/project");
    at("/rules/0/when/any/1/within");
    assert_eq!(
        at("/rules/1/when/mentions").hint.as_deref(),
        Some("did you mean `employer`?")
    );
    assert!(at("/rules/2/when/not").message.contains("exactly one"));
    assert!(at("/rules/3/when").message.contains("empty `all`"));
    assert!(at("/rules/4/when")
        .message
        .contains("`within` needs `mentions`"));
    assert_eq!(
        at("/rules/5/when/any/0/whithin").hint.as_deref(),
        Some("did you mean `within`?")
    );
}

#[test]
fn employer_needs_the_organization_pack_and_nesting_is_bounded() {
    let found = rejected(json!({
        "version": 1,
        "organization": organization(),
        "rules": [rule("a.one", json!({"terms": ["x"], "when": {"mentions": "employer"}}))]
    }));
    assert_eq!(found[0].path, "/rules/0/when/mentions");
    assert!(found[0]
        .hint
        .as_deref()
        .unwrap_or_default()
        .contains("`organization` pack"));

    let mut condition = json!({"disguised": true});
    for _ in 0..10 {
        condition = json!({"not": condition});
    }
    let found = rejected(json!({
        "version": 1,
        "rules": [rule("a.deep", json!({"terms": ["x"], "when": condition}))]
    }));
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(found[0].path.starts_with("/rules/0/when/not/not/not"));
    assert!(found[0].message.contains("at most"));
}

fn date(text: &str) -> Date {
    Date::parse(text).expect("a date")
}

#[test]
fn the_timezone_is_checked_and_exposed() {
    let checker = compiled(json!({"version": 1, "timezone": "Europe/Berlin", "rules": []}));
    assert_eq!(checker.timezone(), "Europe/Berlin");
    assert_eq!(
        compiled(json!({"version": 1, "rules": []})).timezone(),
        "UTC"
    );
    let found = rejected(json!({"version": 1, "timezone": "Europe/Berln", "rules": []}));
    assert_eq!(found[0].path, "/timezone");
    assert_eq!(
        found[0].hint.as_deref(),
        Some("did you mean `Europe/Berlin`?")
    );
}

#[test]
fn active_windows_are_whole_days_of_the_check_date() {
    let checker = compiled(json!({
        "version": 1,
        "timezone": "Europe/Berlin",
        "rules": [rule("acme.quiet", json!({
            "terms": ["Quartalszahlen", "quarterly results"],
            "active": {"from": "2026-12-15", "until": "2026-12-31"}
        }))]
    }));
    let on = |day: &str| CheckContext {
        date: Some(date(day)),
        lang: Lang::De,
        ..CheckContext::default()
    };
    assert_eq!(
        raised_in(&checker, "Quartalszahlen kommen.", &on("2026-12-15")),
        ["acme.quiet"]
    );
    assert_eq!(
        raised_in(
            &checker,
            "Our quarterly results are near.",
            &on("2026-12-31")
        ),
        ["acme.quiet"]
    );
    assert!(raised_in(&checker, "Quartalszahlen kommen.", &on("2026-12-14")).is_empty());
    assert!(raised_in(&checker, "Quarterly results are near.", &on("2027-01-01")).is_empty());
}
