//! twitter-text's conformance cases, from `tests/data/twitter-text/validate.yml`
//! (copied from upstream with its licence; see the README beside it).
//!
//! Sections run:
//! - `WeightedTweetsWithDiscountedEmojiCounterTest` and
//!   `UnicodeDirectionalMarkerCounterTest`: X's weighted length (config v3),
//!   validity and valid range (UTF-16 indices) — all must pass;
//! - `urls` and `urls_without_protocol`: a case is valid exactly when the URL
//!   extractor finds one URL spanning the whole text (without a scheme it
//!   must also be one X shortens).
//!
//! Sections skipped, and why:
//! - `WeightedTweetsCounterTest`: configuration v2, where each code point of
//!   an emoji sequence is weighed; X counts with v3.
//! - `tweets`: validity under the former 140-character limit (a text of 141
//!   Latin characters is expected to be invalid); X's limit is 280 weighted.
//! - `usernames`, `lists`, `hashtags`: validators for @handles, lists and
//!   hashtags, which Postlint does not extract; they do not affect length.

use checker_core::{count_weighted, find_urls, X_POST_LIMIT};
use serde_yaml::Value;

fn sections() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/twitter-text/validate.yml"
    );
    let yaml =
        std::fs::read_to_string(path).unwrap_or_else(|error| panic!("cannot read {path}: {error}"));
    let document: Value = serde_yaml::from_str(&yaml).expect("validate.yml is YAML");
    document["tests"].clone()
}

struct Case {
    description: String,
    text: String,
    expected: Value,
}

fn cases(section: &str) -> Vec<Case> {
    let cases = sections()[section]
        .as_sequence()
        .unwrap_or_else(|| panic!("section {section} is missing"))
        .iter()
        .map(|case| Case {
            description: case["description"]
                .as_str()
                .expect("description")
                .to_owned(),
            text: case["text"].as_str().expect("text").to_owned(),
            expected: case["expected"].clone(),
        })
        .collect::<Vec<_>>();
    assert!(!cases.is_empty(), "section {section} has no cases");
    cases
}

fn utf16_length(text: &str) -> i64 {
    text.encode_utf16().count() as i64
}

/// Runs a counter section; returns the descriptions of failed cases.
fn run_counter_section(section: &str) {
    let cases = cases(section);
    let mut failures = Vec::new();
    for case in &cases {
        let count = count_weighted(&case.text, X_POST_LIMIT);
        let actual = (
            count.weighted_length as i64,
            count.is_valid(),
            0,
            utf16_length(&case.text[..count.valid_until()]) - 1,
        );
        let expected = (
            case.expected["weightedLength"]
                .as_i64()
                .expect("weightedLength"),
            case.expected["valid"].as_bool().expect("valid"),
            case.expected["validRangeStart"]
                .as_i64()
                .expect("validRangeStart"),
            case.expected["validRangeEnd"]
                .as_i64()
                .expect("validRangeEnd"),
        );
        if actual != expected {
            failures.push(format!(
                "{}: (weightedLength, valid, validRangeStart, validRangeEnd) = {actual:?}, expected {expected:?}",
                case.description
            ));
        }
    }
    println!(
        "{section}: {} passed, {} failed",
        cases.len() - failures.len(),
        failures.len()
    );
    assert!(failures.is_empty(), "{section}:\n{}", failures.join("\n"));
}

fn run_url_section(section: &str, needs_scheme: bool) {
    let cases = cases(section);
    let mut failures = Vec::new();
    for case in &cases {
        let urls = find_urls(&case.text);
        let whole = match urls.as_slice() {
            [url] => {
                url.range == (0..case.text.len())
                    && (if needs_scheme {
                        url.has_scheme
                    } else {
                        url.shortened_on_x
                    })
            }
            _ => false,
        };
        let expected = case.expected.as_bool().expect("expected is a boolean");
        if whole != expected {
            let found: Vec<_> = urls
                .iter()
                .map(|url| &case.text[url.range.clone()])
                .collect();
            failures.push(format!(
                "{} ({:?}): found {found:?}, expected valid = {expected}",
                case.description, case.text
            ));
        }
    }
    println!(
        "{section}: {} passed, {} failed",
        cases.len() - failures.len(),
        failures.len()
    );
    assert!(failures.is_empty(), "{section}:\n{}", failures.join("\n"));
}

#[test]
fn weighted_tweets_with_discounted_emoji_counter() {
    run_counter_section("WeightedTweetsWithDiscountedEmojiCounterTest");
}

#[test]
fn unicode_directional_marker_counter() {
    run_counter_section("UnicodeDirectionalMarkerCounterTest");
}

#[test]
fn urls() {
    run_url_section("urls", true);
}

#[test]
fn urls_without_protocol() {
    run_url_section("urls_without_protocol", false);
}
