//! `overrides` with `set`, `add` and `remove`: pack rules become
//! configurable, and every mistake is reported inside the override entry.

use checker_core::{CheckContext, Checker, Lang, Level, Platform, Policy, Problem};
use serde_json::{json, Value};

#[path = "support/policies.rs"]
mod policies;
use policies::{compiled, problem_at, rejected};

fn organization() -> Value {
    json!({"name": "Acme", "disclosures": ["#employee", "#Mitarbeiter"]})
}

fn policy(overrides: Value) -> Value {
    json!({"version": 1, "extends": ["base", "organization"], "organization": organization(), "overrides": overrides})
}

fn checker(overrides: Value) -> Checker {
    compiled(policy(overrides))
}

fn problems(overrides: Value) -> Vec<Problem> {
    rejected(policy(overrides))
}

/// The quotes of `rule`'s findings for `text`, read in `lang`.
fn quotes(checker: &Checker, rule: &str, text: &str, lang: Lang) -> Vec<String> {
    let mut context = CheckContext::new(Platform::Linkedin);
    context.lang = lang;
    checker
        .check(text, &context)
        .findings
        .into_iter()
        .filter(|finding| finding.rule == rule)
        .map(|finding| finding.quote.unwrap_or_default())
        .collect()
}

#[test]
fn add_and_remove_change_the_email_allow_lists() {
    let email = json!([{"id": "base.email",
        "add": {"allow": ["presse@acme.example"]},
        "remove": {"allow_local_parts": ["presse", "press"]}}]);
    let changed = checker(email);
    // Added: this one address is allowed…
    assert!(quotes(
        &changed,
        "base.email",
        "Fragen an presse@acme.example",
        Lang::De
    )
    .is_empty());
    // …but the role name no longer allows any other address.
    assert_eq!(
        quotes(
            &changed,
            "base.email",
            "Fragen an presse@beispiel-firma.de",
            Lang::De
        ),
        ["presse@beispiel-firma.de"]
    );
    assert_eq!(
        quotes(
            &changed,
            "base.email",
            "write to press@acme.example",
            Lang::En
        ),
        ["press@acme.example"]
    );
    // Without the override, both role addresses pass.
    let unchanged = checker(json!([]));
    assert!(quotes(
        &unchanged,
        "base.email",
        "write to press@acme.example",
        Lang::En
    )
    .is_empty());
    assert!(quotes(
        &unchanged,
        "base.email",
        "Fragen an presse@beispiel-firma.de",
        Lang::De
    )
    .is_empty());
    // Removing alone flags the address that `add` allowed above.
    let removed_only =
        checker(json!([{"id": "base.email", "remove": {"allow_local_parts": ["presse"]}}]));
    assert_eq!(
        quotes(
            &removed_only,
            "base.email",
            "Fragen an presse@acme.example",
            Lang::De
        ),
        ["presse@acme.example"]
    );
}

#[test]
fn set_changes_the_phone_parameters() {
    let changed = checker(json!([{"id": "base.phone",
        "set": {"allow_prefixes": [], "min_digits_without_context": 7}}]));
    let unchanged = checker(json!([]));
    for (text, lang, quote) in [
        ("Kostenlos anrufen: 0800 1234567", Lang::De, "0800 1234567"),
        ("Call 0800 555 1234 for free", Lang::En, "0800 555 1234"),
        ("Raum 040 5551", Lang::De, "040 5551"),
        ("Room 040 5551", Lang::En, "040 5551"),
    ] {
        assert_eq!(
            quotes(&changed, "base.phone", text, lang),
            [quote],
            "{text}"
        );
        assert!(
            quotes(&unchanged, "base.phone", text, lang).is_empty(),
            "{text}"
        );
    }
    // What the rest of the rule excludes stays excluded.
    for (text, lang) in [
        ("Bestellnummer 040 555 1234", Lang::De),
        ("order number 040 555 1234", Lang::En),
    ] {
        assert!(
            quotes(&changed, "base.phone", text, lang).is_empty(),
            "{text}"
        );
    }
}

#[test]
fn added_terms_and_a_set_level_apply_to_the_layoffs_rule() {
    let changed = checker(json!([{"id": "org.layoffs",
        "add": {"terms": ["Massenentlassung", "hiring freeze"]}, "set": {"level": "block"}}]));
    let context = CheckContext::new(Platform::Linkedin);
    for text in [
        "Bei Acme droht eine Massenentlassung. #Mitarbeiter",
        "Acme announced a hiring freeze. #employee",
        "Stellenabbau bei Acme. #Mitarbeiter",
    ] {
        let levels: Vec<Level> = changed
            .check(text, &context)
            .findings
            .iter()
            .filter(|finding| finding.rule == "org.layoffs")
            .map(|finding| finding.level)
            .collect();
        assert_eq!(levels, [Level::Block], "{text}");
    }
    // The pack's condition still holds: no organization, no finding.
    assert!(quotes(
        &changed,
        "org.layoffs",
        "Eine Massenentlassung droht.",
        Lang::De
    )
    .is_empty());
    assert!(quotes(
        &changed,
        "org.layoffs",
        "A hiring freeze elsewhere.",
        Lang::En
    )
    .is_empty());
    let unchanged = checker(json!([]));
    assert!(quotes(
        &unchanged,
        "org.layoffs",
        "Bei Acme droht eine Massenentlassung.",
        Lang::De
    )
    .is_empty());
}

#[test]
fn an_override_level_wins_over_per_term_levels() {
    let own_rule = json!({"id": "acme.words", "kind": "terms", "category": "netiquette", "level": "hint",
        "message": {"de": "Lieber anders", "en": "Say it differently"},
        "explanation": {"de": "Ton", "en": "Tone"},
        "terms": [{"term": "Mist", "level": "block"}, "Quatsch", {"term": "rubbish", "level": "block"}, "nonsense"]});
    let levels = |overrides: Value, text: &str| -> Vec<Level> {
        let policy = json!({"version": 1, "rules": [own_rule.clone()], "overrides": overrides});
        let checker = Policy::from_value(policy)
            .and_then(Policy::compile)
            .unwrap_or_else(|error| panic!("{error}"));
        checker
            .check(text, &CheckContext::new(Platform::X))
            .findings
            .iter()
            .map(|finding| finding.level)
            .collect()
    };
    for text in ["So ein Mist und Quatsch", "Such rubbish and nonsense"] {
        assert_eq!(
            levels(json!([]), text),
            [Level::Block, Level::Hint],
            "{text}"
        );
        let set = json!([{"id": "acme.words", "set": {"level": "warn"}}]);
        assert_eq!(levels(set, text), [Level::Warn, Level::Warn], "{text}");
        let shorthand = json!([{"id": "acme.words", "level": "warn"}]);
        assert_eq!(
            levels(shorthand, text),
            [Level::Warn, Level::Warn],
            "{text}"
        );
        // Changing something else keeps the per-term levels.
        let other = json!([{"id": "acme.words", "set": {"enabled": true}}]);
        assert_eq!(levels(other, text), [Level::Block, Level::Hint], "{text}");
    }
}

#[test]
fn common_keys_can_be_set_and_extended() {
    let changed = checker(json!([
        {"id": "org.strike", "add": {"exceptions": ["Streikposten-Training"]}},
        {"id": "base.shouting", "set": {"platforms": ["x"], "enabled": true}},
        {"id": "base.punctuation", "set": {"message": {"de": "Zu viele Zeichen", "en": "Too many marks"}}}
    ]));
    assert!(quotes(
        &changed,
        "org.strike",
        "Acme lädt zum Streikposten-Training ein. #Mitarbeiter",
        Lang::De
    )
    .is_empty());
    assert_eq!(
        quotes(
            &changed,
            "org.strike",
            "Acme: Streik ab Montag. #Mitarbeiter",
            Lang::De
        ),
        ["Streik"]
    );
    assert!(quotes(
        &changed,
        "base.shouting",
        "DAS IST ALLES VÖLLIG FALSCH HIER",
        Lang::De
    )
    .is_empty());
    let on_x = changed.check(
        "THIS IS ALL COMPLETELY WRONG HERE",
        &CheckContext::new(Platform::X),
    );
    assert!(on_x
        .findings
        .iter()
        .any(|finding| finding.rule == "base.shouting"));
    let mut german = CheckContext::new(Platform::X);
    german.lang = Lang::De;
    let report = changed.check("Wirklich????", &german);
    assert_eq!(report.findings[0].message, "Zu viele Zeichen");
}

#[test]
fn mistakes_are_reported_inside_the_override_with_hints() {
    let found = problems(json!([
        {"id": "base.email", "add": {"alow": ["a@acme.example"]}, "remove": {"allow_local_parts": ["pres", "nobody"]}},
        {"id": "base.phone", "set": {"kind": "email", "min_digits_without_context": "seven"}},
        {"id": "base.secret", "add": {"platforms": ["x"], "enabled": [true]}},
        {"id": "base.insult", "add": {"terms": "Depp"}},
        {"id": "org.layoffs", "set": {"platforms": ["x", "tiktok"], "message": {"de": "Nur deutsch"}}},
        {"id": "base.stock-photo", "add": {"domains": ["gettyimages.com", "(unclosed"]}},
        {"id": "base.emial", "enabled": false},
        {"id": "base.iban", "set": {"level": "loud"}}
    ]));
    assert_eq!(
        problem_at(&found, "/overrides/0/add/alow").hint.as_deref(),
        Some("did you mean `allow`?")
    );
    assert_eq!(
        problem_at(&found, "/overrides/0/remove/allow_local_parts/0")
            .hint
            .as_deref(),
        Some("did you mean \"press\"?")
    );
    let missing = problem_at(&found, "/overrides/0/remove/allow_local_parts/1");
    assert!(
        missing.message.contains("has no item \"nobody\""),
        "{missing}"
    );
    assert!(
        missing
            .hint
            .as_deref()
            .is_some_and(|hint| hint.contains("\"presse\"")),
        "{missing}"
    );
    assert!(problem_at(&found, "/overrides/1/set/kind")
        .message
        .contains("cannot change `kind`"));
    assert!(problem_at(&found, "/overrides/2/add/platforms")
        .hint
        .as_deref()
        .is_some_and(|hint| hint.contains("set")));
    assert!(problem_at(&found, "/overrides/2/add/enabled")
        .message
        .contains("works on lists"));
    assert!(problem_at(&found, "/overrides/3/add/terms")
        .message
        .contains("expected a list"));
    assert!(problem_at(&found, "/overrides/7/set/level")
        .message
        .contains("loud"));
    assert!(problem_at(&found, "/overrides/4/set/platforms/1")
        .message
        .contains("tiktok"));
    // The policy's fallback is English, and the new message has none.
    assert!(problem_at(&found, "/overrides/4/set/message")
        .message
        .contains("`en`"));
    // Found only by compiling, and still reported where it was written.
    assert!(problem_at(&found, "/overrides/5/add/domains/1")
        .message
        .contains("(unclosed"));
    assert_eq!(
        problem_at(&found, "/overrides/6/id").hint.as_deref(),
        Some("did you mean `base.email`?")
    );
    assert!(
        found
            .iter()
            .all(|problem| problem.path.starts_with("/overrides/")),
        "{found:#?}"
    );
}

#[test]
fn a_bad_parameter_value_in_set_is_reported_at_the_override() {
    let found = problems(json!([
        {"id": "base.phone", "set": {"min_digits_without_context": "seven"}},
        {"id": "base.punctuation", "add": {"exceptions": [""]}}
    ]));
    assert!(
        problem_at(&found, "/overrides/0/set/min_digits_without_context")
            .message
            .contains("seven")
    );
    assert!(problem_at(&found, "/overrides/1/add/exceptions/0")
        .message
        .contains("empty"));
    assert_eq!(found.len(), 2, "{found:#?}");
}

#[test]
fn removing_object_items_compares_json_values() {
    let strike = |remove: Value| {
        Policy::from_value(policy(
            json!([{"id": "base.insult", "remove": {"terms": [remove]}}]),
        ))
        .map(|policy| policy.effective_rule("base.insult").unwrap_or_default())
    };
    let rule = Policy::from_value(policy(json!([]))).unwrap_or_else(|error| panic!("{error}"));
    let terms = rule.effective_rule("base.insult").unwrap_or_default()["terms"].clone();
    let object = terms
        .as_array()
        .and_then(|terms| terms.iter().find(|term| term.is_object()))
        .cloned()
        .unwrap_or_else(|| panic!("base.insult has term objects: {terms}"));
    let without = strike(object.clone()).unwrap_or_else(|error| panic!("{error}"));
    let left = without["terms"].as_array().cloned().unwrap_or_default();
    assert_eq!(left.len() + 1, terms.as_array().map_or(0, Vec::len));
    assert!(!left.contains(&object));
    // The term's string alone is not the object item.
    let term = object["term"].clone();
    let error = strike(term).expect_err("a string does not match an object item");
    assert_eq!(error.problems[0].path, "/overrides/0/remove/terms/0");
}

#[test]
fn the_effective_rule_shows_defaults_overrides_and_every_language() {
    let policy = Policy::from_value(policy(json!([
        {"id": "base.email", "add": {"allow": ["presse@acme.example"]}, "remove": {"allow_local_parts": ["press"]}}
    ])))
    .unwrap_or_else(|error| panic!("{error}"));
    let email = policy.effective_rule("base.email").unwrap_or_default();
    assert_eq!(email["allow"], json!(["presse@acme.example"]));
    let local_parts = email["allow_local_parts"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert!(local_parts.contains(&json!("presse")) && !local_parts.contains(&json!("press")));
    assert_eq!(
        email["allow_domains"],
        json!(["example.com", "example.org", "example.net"])
    );
    assert_eq!(email["allow_organization_contacts"], json!(true));
    assert_eq!(email["source"], json!("base"));
    assert_eq!(email["level"], json!("hint"));
    assert!(email["message"]["de"].is_string() && email["message"]["en"].is_string());
    assert!(policy.effective_rule("base.emial").is_none());
    assert_eq!(policy.similar_rule_id("base.emial"), Some("base.email"));
}

#[test]
fn twenty_five_words_or_more_is_max_words_24() {
    let changed = checker(json!([{"id": "base.quotation", "set": {"max_words": 24}}]));
    let quotation = |words: usize, german: bool| {
        let word = if german { "Wort" } else { "word" };
        let inner = vec![word; words].join(" ");
        if german {
            format!("Sie meinte: „{inner}“")
        } else {
            format!("She put it like this: \u{201c}{inner}\u{201d}")
        }
    };
    for german in [true, false] {
        let lang = if german { Lang::De } else { Lang::En };
        assert_eq!(
            quotes(&changed, "base.quotation", &quotation(25, german), lang).len(),
            1
        );
        assert!(quotes(&changed, "base.quotation", &quotation(24, german), lang).is_empty());
    }
    // The pack's default needs 26.
    let unchanged = checker(json!([]));
    assert!(quotes(&unchanged, "base.quotation", &quotation(25, true), Lang::De).is_empty());
    assert_eq!(
        quotes(
            &unchanged,
            "base.quotation",
            &quotation(26, false),
            Lang::En
        )
        .len(),
        1
    );
}
