//! The `base` pack's detectors end to end, on the cases guidelines ask
//! about: what they flag (rule and quote) and the near misses they leave
//! alone, in German and English.

use checker_core::{CheckContext, Checker, Lang, Platform, Policy};
use serde_json::json;

fn checker() -> Checker {
    let policy = json!({
        "version": 1,
        "extends": ["base"],
        "organization": {"name": "Acme", "internal_domains": ["acme.internal"]}
    });
    Policy::from_value(policy)
        .and_then(|policy| policy.compile())
        .unwrap_or_else(|error| panic!("{error}"))
}

/// `(rule, quote)` of every finding on `text`.
fn found(checker: &Checker, text: &str) -> Vec<(String, String)> {
    let context = CheckContext {
        lang: Lang::De,
        ..CheckContext::new(Platform::Linkedin)
    };
    checker
        .check(text, &context)
        .findings
        .into_iter()
        .map(|finding| (finding.rule, finding.quote.unwrap_or_default()))
        .collect()
}

fn assert_found(checker: &Checker, text: &str, expected: &[(&str, &str)]) {
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(rule, quote)| ((*rule).to_owned(), (*quote).to_owned()))
        .collect();
    assert_eq!(found(checker, text), expected, "on {text:?}");
}

fn assert_silent(checker: &Checker, text: &str) {
    assert_found(checker, text, &[]);
}

#[test]
fn secrets_without_a_colon_pins_and_connection_strings() {
    let checker = checker();
    assert_found(
        &checker,
        "password Turbine42!",
        &[("base.secret", "Turbine42!")],
    );
    assert_found(
        &checker,
        "Neues Kennwort Turbine42! – bitte nicht weitersagen",
        &[("base.secret", "Turbine42!")],
    );
    assert_found(
        &checker,
        "die PIN für die Tür ist 0815",
        &[("base.secret", "0815")],
    );
    assert_found(&checker, "the PIN is 4711", &[("base.secret", "4711")]);
    assert_found(
        &checker,
        "postgres://app:Str0ngPass@db.example.com",
        &[("base.secret", "Str0ngPass")],
    );
    assert_found(
        &checker,
        "Stripe: sk_live_51HxQ2aLkT9vR3mNpWzY8bC4d",
        &[("base.secret", "sk_live_51HxQ2aLkT9vR3mNpWzY8bC4d")],
    );
    assert_silent(&checker, "the password policy is strict");
    assert_silent(&checker, "Die Passwort-Richtlinie ist streng.");
    assert_silent(&checker, "PIN-Eingabe am Automaten");
}

#[test]
fn obfuscated_email_addresses() {
    let checker = checker();
    assert_found(
        &checker,
        "max [at] acme [dot] example",
        &[("base.email", "max [at] acme [dot] example")],
    );
    assert_found(
        &checker,
        "Write to max(at)acme.de",
        &[("base.email", "max(at)acme.de")],
    );
    assert_silent(&checker, "Bewerbungen an jobs [at] acme [dot] de");
    assert_silent(&checker, "We met at acme dot com");
}

#[test]
fn version_numbers_are_no_internal_addresses() {
    let checker = checker();
    assert_silent(&checker, "Firmware 10.4.2.1 ist ausgerollt.");
    assert_silent(&checker, "Release 10.0.0.1 is live.");
    assert_found(
        &checker,
        "Der Server hat jetzt 10.4.2.1.",
        &[("base.internal-host", "10.4.2.1")],
    );
}

#[test]
fn stock_photo_country_domains_and_bare_internal_hosts() {
    let checker = checker();
    assert_found(
        &checker,
        "https://www.gettyimages.co.uk/detail/123",
        &[(
            "base.stock-photo",
            "https://www.gettyimages.co.uk/detail/123",
        )],
    );
    assert_found(
        &checker,
        "Bild von gettyimages.de/detail/99",
        &[("base.stock-photo", "gettyimages.de/detail/99")],
    );
    assert_silent(&checker, "Fotos von Getty Images nutzen wir nicht.");
    assert_found(
        &checker,
        "Steht im Wiki: wiki.acme.internal/page",
        &[("base.internal-link", "wiki.acme.internal/page")],
    );
    assert_silent(&checker, "Wir sind acme.internalisiert.");
}
