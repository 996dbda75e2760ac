//! Checks the labeled development corpus in `tests/corpus/` itself: that it
//! reads, has the promised mix, and that its IBAN and card labels agree with
//! the checksums. A wrong label would make every evaluation on it wrong.

use checker_core::eval::{evaluate, Corpus, CorpusEntry, Targets};
use checker_core::{Category, Date, Lang, Platform, Surface};
use regex::Regex;

fn corpus() -> Corpus {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/corpus/posts.jsonl");
    let source = std::fs::read_to_string(path).expect("tests/corpus/posts.jsonl is readable");
    Corpus::from_jsonl(&source).unwrap_or_else(|error| panic!("corpus: {error}"))
}

fn policy() -> serde_json::Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/corpus/policy.json");
    let source = std::fs::read_to_string(path).expect("tests/corpus/policy.json is readable");
    serde_json::from_str(&source).expect("the corpus policy is JSON")
}

fn count(corpus: &Corpus, keep: impl Fn(&CorpusEntry) -> bool) -> usize {
    corpus.entries().iter().filter(|entry| keep(entry)).count()
}

fn labeled(entry: &CorpusEntry, category: Category, quote: &str) -> bool {
    entry
        .expected()
        .iter()
        .any(|item| item.category == category && item.quote.as_deref() == Some(quote))
}

#[test]
fn the_corpus_has_the_promised_size_and_mix() {
    let corpus = corpus();
    let total = corpus.entries().len();
    assert!(total >= 250, "only {total} posts");
    let clean = count(&corpus, CorpusEntry::is_clean);
    assert!(clean * 100 >= total * 40, "only {clean} of {total} clean");
    let german = count(&corpus, |e| e.context().lang == Lang::De);
    let english = count(&corpus, |e| e.context().lang == Lang::En);
    assert!(
        german.abs_diff(english) * 20 <= total,
        "{german} de / {english} en"
    );
    for (platform, surface) in [
        (Platform::Linkedin, Surface::Post),
        (Platform::Linkedin, Surface::Comment),
        (Platform::X, Surface::Post),
        (Platform::X, Surface::Reply),
    ] {
        let n = count(&corpus, |e| {
            let context = e.context();
            context.platform == platform && context.surface == surface
        });
        assert!(n >= 20, "only {n} posts on {platform:?}/{surface:?}");
    }
    for category in Category::ALL {
        if category == Category::Other {
            continue;
        }
        let n = corpus
            .entries()
            .iter()
            .flat_map(CorpusEntry::expected)
            .filter(|item| item.category == category)
            .count();
        assert!(n >= 5, "only {n} labels for {}", category.name());
    }
}

#[test]
fn every_active_window_has_posts_inside_and_outside() {
    let corpus = corpus();
    let policy = policy();
    let rules = policy["rules"].as_array().expect("rules");
    let windows: Vec<(Date, Date)> = rules
        .iter()
        .filter_map(|rule| {
            let active = rule.get("active")?;
            let date = |key: &str| Date::parse(active[key].as_str().expect("date string"));
            Some((date("from")?, date("until")?))
        })
        .collect();
    assert!(
        windows.len() >= 2,
        "the policy has a quiet period and a crisis"
    );
    for (from, until) in windows {
        let inside = count(&corpus, |e| {
            let date = e.context().date.expect("labeled date");
            from <= date && date <= until
        });
        assert!(inside >= 20, "only {inside} posts in {from}..{until}");
        assert!(corpus.entries().len() - inside >= 20);
    }
}

#[test]
fn attachments_and_copyright_reminders_go_together() {
    for entry in corpus().entries() {
        let reminder = entry
            .expected()
            .iter()
            .any(|item| item.category == Category::Copyright && item.quote.is_none());
        assert_eq!(
            !entry.context().attachments.is_empty(),
            reminder,
            "{}: an attachment needs exactly the document-level copyright label",
            entry.id()
        );
    }
}

/// ISO 13616 check: move the first four characters to the end, turn letters
/// into numbers (A = 10), and the remainder modulo 97 must be 1.
fn iban_checksum_ok(iban: &str) -> bool {
    let compact: String = iban.chars().filter(|c| !c.is_whitespace()).collect();
    let rotated = compact[4..].chars().chain(compact[..4].chars());
    let mut remainder = 0u32;
    for c in rotated {
        let Some(value) = c.to_digit(36) else {
            return false;
        };
        let digits = if value >= 10 { 100 } else { 10 };
        remainder = (remainder * digits + value) % 97;
    }
    remainder == 1
}

fn luhn_ok(digits: &str) -> bool {
    let sum: u32 = digits
        .chars()
        .rev()
        .filter_map(|c| c.to_digit(10))
        .enumerate()
        .map(|(i, d)| match (i % 2, d * 2) {
            (0, _) => d,
            (_, doubled) if doubled > 9 => doubled - 9,
            (_, doubled) => doubled,
        })
        .sum();
    sum % 10 == 0
}

#[test]
fn the_checksum_helpers_know_the_reference_numbers() {
    assert!(iban_checksum_ok("DE89 3704 0044 0532 0130 00"));
    assert!(!iban_checksum_ok("DE89 3704 0044 0532 0130 01"));
    assert!(luhn_ok("4111111111111111"));
    assert!(!luhn_ok("4111111111111112"));
}

#[test]
fn ibans_are_labeled_exactly_when_their_checksum_holds() {
    let iban_like =
        Regex::new(r"\b[A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b").unwrap();
    let mut valid = 0;
    let mut near_misses = 0;
    for entry in corpus().entries() {
        for found in iban_like.find_iter(entry.text()) {
            let ok = iban_checksum_ok(found.as_str());
            assert_eq!(
                ok,
                labeled(entry, Category::PersonalData, found.as_str()),
                "{}: `{}` checksum ok = {ok}, but labeled the other way",
                entry.id(),
                found.as_str()
            );
            if ok {
                valid += 1;
            } else {
                near_misses += 1;
            }
        }
    }
    assert!(
        valid >= 3 && near_misses >= 3,
        "{valid} valid, {near_misses} near misses"
    );
}

#[test]
fn card_numbers_are_labeled_exactly_when_luhn_and_issuer_fit() {
    // 13 to 19 digits, optionally grouped by spaces or dashes.
    let card_like = Regex::new(r"\b[0-9](?:[ -]?[0-9]){12,18}\b").unwrap();
    let mut valid = 0;
    let mut near_misses = 0;
    for entry in corpus().entries() {
        for found in card_like.find_iter(entry.text()) {
            let digits: String = found
                .as_str()
                .chars()
                .filter(char::is_ascii_digit)
                .collect();
            let grouped = found.as_str().contains([' ', '-']);
            if !grouped && !matches!(digits.len(), 13..=16) {
                // Long ungrouped digit runs here are order and tracking ids.
                continue;
            }
            let issuer = matches!(digits.as_bytes()[0], b'3'..=b'6');
            let ok = issuer && matches!(digits.len(), 13 | 15 | 16 | 19) && luhn_ok(&digits);
            assert_eq!(
                ok,
                labeled(entry, Category::PersonalData, found.as_str()),
                "{}: `{}` card-valid = {ok}, but labeled the other way",
                entry.id(),
                found.as_str()
            );
            if ok {
                valid += 1;
            } else {
                near_misses += 1;
            }
        }
    }
    assert!(
        valid >= 3 && near_misses >= 2,
        "{valid} valid, {near_misses} near misses"
    );
}

/// A checker that reports exactly the labels, as findings.
fn oracle(entry: &CorpusEntry) -> Vec<checker_core::Finding> {
    entry
        .expected()
        .iter()
        .map(|item| checker_core::Finding {
            rule: format!("oracle.{}", item.category.name()),
            category: item.category,
            level: checker_core::Level::Warn,
            overridable: true,
            span: item.span,
            quote: item.quote.clone(),
            message: String::new(),
            explanation: String::new(),
            link: None,
            suggestions: vec![],
        })
        .collect()
}

#[test]
fn a_checker_that_reports_the_labels_scores_perfectly() {
    let corpus = corpus();
    let evaluation = evaluate(&corpus, oracle);
    assert_eq!(evaluation.overall.precision, Some(1.0));
    assert_eq!(evaluation.overall.recall, Some(1.0));
    assert!(evaluation.missed.is_empty() && evaluation.false_findings.is_empty());
    assert!(evaluation.meets_targets(&Targets::default()));
}

#[test]
fn a_silent_checker_misses_everything_and_fails_the_targets() {
    let corpus = corpus();
    let evaluation = evaluate(&corpus, |_| Vec::new());
    let labels: usize = corpus.entries().iter().map(|e| e.expected().len()).sum();
    let problems = corpus
        .entries()
        .iter()
        .flat_map(|e| e.expected())
        .filter(|item| item.category.is_problem())
        .count();
    assert_eq!(evaluation.overall.missed, problems);
    assert_eq!(evaluation.overall.recall, Some(0.0));
    assert!(!evaluation.meets_targets(&Targets::default()));
    let table = evaluation.to_text_table(Lang::En);
    assert!(table.contains(&format!("Missed ({labels}):")), "{table}");
}
