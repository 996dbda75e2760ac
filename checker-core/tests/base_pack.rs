//! The built-in `base` pack as data: every rule is complete and bilingual,
//! and the insult list is precise. (Running the pack through the engine is
//! the integration test's job.)

use std::collections::BTreeSet;

use checker_core::{Category, Level};
use serde_json::Value;

fn pack() -> Value {
    serde_json::from_str(include_str!("../packs/base.json")).expect("base.json is valid JSON")
}

fn rules() -> Vec<Value> {
    pack()["rules"]
        .as_array()
        .expect("`rules` is an array")
        .clone()
}

fn rule(id: &str) -> Value {
    rules()
        .into_iter()
        .find(|rule| rule["id"] == id)
        .unwrap_or_else(|| panic!("no rule {id}"))
}

/// The pack envelope the core's pack reader takes: a policy document reduced
/// to `description` and `rules`.
#[test]
fn is_a_pack_document() {
    let pack = pack();
    let keys: BTreeSet<&str> = pack
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(keys, BTreeSet::from(["description", "rules"]));
    assert!(pack["description"].as_str().is_some_and(|d| !d.is_empty()));
    assert!(!rules().is_empty());
}

#[test]
fn every_rule_has_a_base_id_a_category_a_gentle_level_and_both_languages() {
    let mut ids = BTreeSet::new();
    for rule in rules() {
        let id = rule["id"].as_str().expect("id is a string");
        assert!(
            id.starts_with("base.") && id.len() > 5,
            "{id}: id must be base.<name>"
        );
        assert!(ids.insert(id.to_owned()), "{id}: id used twice");
        assert!(
            rule["kind"].as_str().is_some_and(|kind| !kind.is_empty()),
            "{id}: kind"
        );
        let category: Category = serde_json::from_value(rule["category"].clone())
            .unwrap_or_else(|e| panic!("{id}: category: {e}"));
        assert!(Category::ALL.contains(&category));
        let level: Level = serde_json::from_value(rule["level"].clone())
            .unwrap_or_else(|e| panic!("{id}: level: {e}"));
        assert_ne!(
            level,
            Level::Block,
            "{id}: the base pack advises, it never blocks"
        );
        for key in ["message", "explanation"] {
            for lang in ["de", "en"] {
                let text = rule[key][lang].as_str().unwrap_or_default();
                assert!(!text.trim().is_empty(), "{id}: {key}.{lang} is missing");
            }
        }
    }
}

#[test]
fn covers_the_topics_of_the_base_guideline() {
    let expected = [
        ("base.email", "email", "personal-data"),
        ("base.phone", "phone", "personal-data"),
        ("base.iban", "iban", "personal-data"),
        ("base.payment-card", "payment-card", "personal-data"),
        ("base.secret", "secret", "secret"),
        ("base.internal-link", "link", "internal-link"),
        ("base.internal-host", "internal-host", "internal-link"),
        ("base.shouting", "shouting", "netiquette"),
        ("base.punctuation", "punctuation", "netiquette"),
        ("base.insult", "terms", "netiquette"),
        ("base.length", "length", "length"),
        ("base.attachment", "attachment", "copyright"),
        ("base.alt-text", "attachment", "other"),
        ("base.stock-photo", "link", "copyright"),
        ("base.quotation", "quotation", "copyright"),
    ];
    for (id, kind, category) in expected {
        let rule = rule(id);
        assert_eq!(rule["kind"], kind, "{id}");
        assert_eq!(rule["category"], category, "{id}");
    }
    assert_eq!(rules().len(), expected.len());
}

#[test]
fn the_alt_text_hint_is_off_until_it_is_switched_on() {
    assert_eq!(rule("base.alt-text")["enabled"], false);
}

#[test]
fn secrets_and_bank_details_warn() {
    for id in ["base.secret", "base.iban", "base.payment-card"] {
        assert_eq!(rule(id)["level"], "warn", "{id}");
    }
}

#[test]
fn link_rules_say_what_they_look_for() {
    assert_eq!(rule("base.internal-link")["internal"], true);
    let domains = rule("base.stock-photo")["domains"].clone();
    for domain in [
        "gettyimages.*",
        "shutterstock.com",
        "stock.adobe.com",
        "istockphoto.com",
    ] {
        assert!(
            domains.as_array().unwrap().iter().any(|d| d == domain),
            "{domain}"
        );
    }
}

/// An insult entry, in either of its two shapes.
struct Term {
    term: String,
    prefix: bool,
    level: Option<Level>,
    suggest: Option<Value>,
}

fn insult_terms() -> Vec<Term> {
    let insult = rule("base.insult");
    assert_eq!(insult["match"], "word", "insults match whole words");
    assert_eq!(insult["case_sensitive"], false);
    insult["terms"]
        .as_array()
        .expect("terms is an array")
        .iter()
        .map(|entry| match entry {
            Value::String(term) => Term {
                term: term.clone(),
                prefix: false,
                level: None,
                suggest: None,
            },
            Value::Object(fields) => {
                for key in fields.keys() {
                    assert!(
                        ["term", "match", "level", "suggest"].contains(&key.as_str()),
                        "unknown key {key} in {entry}"
                    );
                }
                Term {
                    term: fields["term"]
                        .as_str()
                        .expect("term is a string")
                        .to_owned(),
                    prefix: fields.get("match").is_some_and(|m| m == "prefix"),
                    level: fields
                        .get("level")
                        .map(|l| serde_json::from_value(l.clone()).expect("a level")),
                    suggest: fields.get("suggest").cloned(),
                }
            }
            other => panic!("a term is a string or an object, not {other}"),
        })
        .collect()
}

#[test]
fn insults_have_severities_and_civil_suggestions() {
    let terms = insult_terms();
    let mut seen = BTreeSet::new();
    for term in &terms {
        assert!(!term.term.trim().is_empty());
        assert!(
            seen.insert(term.term.to_lowercase()),
            "{} listed twice",
            term.term
        );
        assert_ne!(term.level, Some(Level::Block), "{}", term.term);
        if let Some(suggest) = &term.suggest {
            for lang in ["de", "en"] {
                let text = suggest[lang].as_str().unwrap_or_default();
                assert!(!text.is_empty(), "{}: suggest.{lang}", term.term);
            }
        }
    }
    let bullshit = terms
        .iter()
        .find(|t| t.term == "bullshit")
        .expect("bullshit");
    assert_eq!(bullshit.level, Some(Level::Warn));
    assert_eq!(bullshit.suggest.as_ref().unwrap()["de"], "Unsinn");
    assert_eq!(bullshit.suggest.as_ref().unwrap()["en"], "nonsense");
    assert!(terms.iter().any(|t| t.level == Some(Level::Hint)));
    assert!(terms.iter().any(|t| t.level == Some(Level::Warn)));
}

#[test]
fn insults_come_with_their_inflected_forms() {
    let listed: BTreeSet<String> = insult_terms()
        .iter()
        .map(|t| t.term.to_lowercase())
        .collect();
    for form in [
        "idiot",
        "idioten",
        "idiotin",
        "vollpfosten",
        "depp",
        "deppen",
        "arschloch",
        "arschlöcher",
        "trottel",
        "spast",
        "spasten",
        "idiots",
        "moron",
        "morons",
        "bullshit",
        "asshole",
        "assholes",
    ] {
        assert!(listed.contains(form), "{form} is missing");
    }
}

/// Exceptions are names that contain a listed word (`Johnny Depp`); one
/// that contains none would be dead data.
#[test]
fn every_insult_exception_contains_a_listed_word() {
    let listed: BTreeSet<String> = insult_terms()
        .iter()
        .map(|t| t.term.to_lowercase())
        .collect();
    let exceptions = rule("base.insult")["exceptions"].clone();
    let exceptions = exceptions.as_array().expect("exceptions is an array");
    assert!(!exceptions.is_empty());
    for exception in exceptions {
        let exception = exception.as_str().expect("a string").to_lowercase();
        assert!(
            exception
                .split(|c: char| !c.is_alphanumeric())
                .any(|word| listed.contains(word)),
            "{exception} contains no listed word"
        );
    }
}

/// Words that contain a listed word but are harmless. With whole-word
/// matching and no prefix entry that starts them, none can be flagged.
#[test]
fn no_entry_can_match_a_harmless_word_that_contains_it() {
    let near_misses = [
        "Schwanzflosse",
        "class",
        "classic",
        "Scunthorpe",
        "assess",
        "assessment",
        "passion",
        "Dieppe",
        "Spastik",
        "Trottellumme",
        "Fressen",
        "Wichse",
        "Arschbombe",
        "Idiotie",
        "Essex",
        "Cockpit",
        "Dickens",
        "Shitake",
        "Bitcoin",
        "Penne",
        "therapist",
        "Assistent",
        "Mississippi",
        "Shitstorm",
        "Scheißwetter",
        "Crappie",
        "Twatt",
        "Penistone",
        "Arschgeweih",
        "Pfosten",
        "Depot",
    ];
    for term in insult_terms() {
        let entry = term.term.to_lowercase();
        for word in near_misses {
            let word = word.to_lowercase();
            assert_ne!(entry, word, "{word} is listed");
            assert!(
                !(term.prefix && word.starts_with(&entry)),
                "prefix entry {} would flag {word}",
                term.term
            );
        }
    }
}
