//! The hostile-policy corpus: every file in `tests/hostile-policies/` is
//! either rejected with a problem at each expected JSON path, or accepted
//! and usable; big inputs (megabytes of terms, a million entries, deep
//! nesting) are generated here rather than committed. Nothing may panic,
//! and everything must finish within the stated bounds (see "Limits" in
//! `docs/policy.md`).

use std::path::Path;
use std::time::{Duration, Instant};

use checker_core::{CheckContext, Checker, Platform, Policy, PolicyError};
use serde_json::{json, Value};

enum Expect {
    /// Rejected, with (at least) a problem at each of these paths.
    Reject(&'static [&'static str]),
    /// Accepted, compiles, and checks a text.
    Accept,
}
use Expect::{Accept, Reject};

const CORPUS: &[(&str, Expect)] = &[
    ("01-not-an-object.json", Reject(&[""])),
    ("02-string-document.json", Reject(&[""])),
    ("03-empty-file.json", Reject(&[""])),
    ("04-truncated.json", Reject(&[""])),
    ("05-trailing-comma.json", Reject(&[""])),
    ("06-missing-version.json", Reject(&[""])),
    ("07-version-string.json", Reject(&["/version"])),
    ("08-version-2.json", Reject(&["/version"])),
    ("09-version-float.json", Reject(&["/version"])),
    ("10-unknown-top-level-key.json", Reject(&["/rulez"])),
    ("11-rules-is-object.json", Reject(&["/rules"])),
    ("12-rule-is-number.json", Reject(&["/rules/0"])),
    ("13-rule-missing-id.json", Reject(&["/rules/0"])),
    ("14-rule-missing-kind.json", Reject(&["/rules/0"])),
    ("15-rule-missing-category.json", Reject(&["/rules/0"])),
    ("16-rule-missing-message.json", Reject(&["/rules/0"])),
    ("17-id-with-space.json", Reject(&["/rules/0/id"])),
    ("18-id-is-number.json", Reject(&["/rules/0/id"])),
    ("19-unknown-kind.json", Reject(&["/rules/0/kind"])),
    ("20-unknown-category.json", Reject(&["/rules/0/category"])),
    ("21-level-typo.json", Reject(&["/rules/0/level"])),
    ("22-unknown-rule-key.json", Reject(&["/rules/0/levle"])),
    ("23-duplicate-ids.json", Reject(&["/rules/1/id"])),
    ("24-id-taken-from-pack.json", Reject(&["/rules/0/id"])),
    ("25-unknown-pack.json", Reject(&["/extends/0"])),
    ("26-pack-listed-twice.json", Reject(&["/extends/1"])),
    (
        "27-organization-pack-without-organization.json",
        Reject(&["/extends/0"]),
    ),
    ("28-unknown-override-id.json", Reject(&["/overrides/0/id"])),
    (
        "29-override-level-number.json",
        Reject(&["/overrides/0/level"]),
    ),
    (
        "30-test-expects-unknown-rule.json",
        Reject(&["/tests/0/expect/0"]),
    ),
    ("31-empty-term-list.json", Reject(&["/rules/0/terms"])),
    ("32-empty-term.json", Reject(&["/rules/0/terms/1"])),
    ("33-invisible-term.json", Reject(&["/rules/0/terms/0"])),
    ("34-term-is-number.json", Reject(&["/rules/0/terms/1"])),
    (
        "35-pattern-matches-empty.json",
        Reject(&["/rules/0/pattern"]),
    ),
    (
        "36-pattern-never-matches.json",
        Reject(&["/rules/0/pattern"]),
    ),
    (
        "37-pattern-huge-counted-repetition.json",
        Reject(&["/rules/0/pattern"]),
    ),
    (
        "38-pattern-nested-repetitions.json",
        Reject(&["/rules/0/pattern"]),
    ),
    (
        "39-pattern-deeply-nested-groups.json",
        Reject(&["/rules/0/pattern"]),
    ),
    (
        "40-pattern-giant-alternation.json",
        Reject(&["/rules/0/pattern"]),
    ),
    (
        "41-pattern-unicode-word-repetition.json",
        Reject(&["/rules/0/pattern"]),
    ),
    (
        "42-pattern-backreference.json",
        Reject(&["/rules/0/pattern"]),
    ),
    ("43-pattern-lookahead.json", Reject(&["/rules/0/pattern"])),
    ("44-pattern-is-array.json", Reject(&["/rules/0/pattern"])),
    (
        "45-date-month-13-day-40.json",
        Reject(&["/rules/0/active/from"]),
    ),
    ("46-date-year-0.json", Reject(&["/rules/0/active/from"])),
    (
        "47-date-year-99999.json",
        Reject(&["/rules/0/active/until"]),
    ),
    (
        "48-date-february-30.json",
        Reject(&["/rules/0/active/from"]),
    ),
    ("49-date-is-number.json", Reject(&["/rules/0/active/from"])),
    (
        "50-date-german-format.json",
        Reject(&["/rules/0/active/until"]),
    ),
    (
        "51-until-before-from.json",
        Reject(&["/rules/0/active/until"]),
    ),
    (
        "52-null-required-keys.json",
        Reject(&[
            "/rules/0/id",
            "/rules/0/kind",
            "/rules/0/category",
            "/rules/0/message",
            "/rules/0/explanation",
        ]),
    ),
    (
        "53-null-lists.json",
        Reject(&["/extends", "/rules", "/overrides", "/tests"]),
    ),
    ("54-null-version.json", Reject(&["/version"])),
    ("55-version-1e400.json", Reject(&[""])),
    ("56-level-huge-integer.json", Reject(&["/rules/0/level"])),
    (
        "57-within-words-overflow.json",
        Reject(&["/rules/0/when/within"]),
    ),
    (
        "58-within-words-negative.json",
        Reject(&["/rules/0/when/within"]),
    ),
    (
        "59-unknown-placeholder.json",
        Reject(&["/rules/0/message/en"]),
    ),
    (
        "60-unclosed-placeholder.json",
        Reject(&["/rules/0/message/de"]),
    ),
    (
        "61-message-without-fallback-language.json",
        Reject(&["/rules/0/message"]),
    ),
    (
        "62-message-unknown-language.json",
        Reject(&["/rules/0/message/fr"]),
    ),
    (
        "63-message-empty-text.json",
        Reject(&["/rules/0/explanation/de"]),
    ),
    (
        "64-unknown-contact-role.json",
        Reject(&["/rules/0/explanation/de", "/rules/0/explanation/en"]),
    ),
    (
        "65-organization-placeholder-without-organization.json",
        Reject(&["/rules/0/message/de", "/rules/0/message/en"]),
    ),
    ("66-platforms-empty.json", Reject(&["/rules/0/platforms"])),
    (
        "67-platform-unknown.json",
        Reject(&["/rules/0/platforms/1"]),
    ),
    (
        "68-exception-empty.json",
        Reject(&["/rules/0/exceptions/1"]),
    ),
    (
        "69-when-unknown-mention-list.json",
        Reject(&["/rules/0/when/mentions"]),
    ),
    (
        "70-organization-name-empty.json",
        Reject(&["/organization/name"]),
    ),
    (
        "71-organization-reference-without-organization.json",
        Reject(&["/rules/0/terms/0"]),
    ),
    (
        "72-organization-unknown-key.json",
        Reject(&["/organization/adresses"]),
    ),
    (
        "73-term-option-typo.json",
        Reject(&["/rules/0/terms/0/macth"]),
    ),
    (
        "74-substitute-wrong-shape.json",
        Reject(&["/rules/0/replacements/0/from"]),
    ),
    ("75-invalid-utf8-in-string.json", Reject(&[""])),
    ("76-invalid-utf8-in-key.json", Reject(&[""])),
    ("77-utf16-bom.json", Reject(&[""])),
    ("78-lone-surrogate-escape.json", Reject(&[""])),
    ("79-deeply-nested-in-message.json", Reject(&[""])),
    ("80-unicode-terms.json", Accept),
    ("81-one-letter-prefix-term.json", Accept),
    ("82-leap-day-window.json", Accept),
    ("83-disable-every-pack-rule.json", Accept),
    ("84-null-optional-keys.json", Accept),
    ("85-organization-only.json", Accept),
    (
        "86-pattern-too-large-for-the-check.json",
        Reject(&["/rules/0/pattern"]),
    ),
    ("87-link-javascript.json", Reject(&["/rules/0/link"])),
    ("88-link-plain-http.json", Reject(&["/rules/0/link"])),
    ("89-link-with-user-part.json", Reject(&["/rules/0/link"])),
    (
        "90-guideline-url-data.json",
        Reject(&["/organization/guideline_url"]),
    ),
    (
        "91-contact-url-javascript.json",
        Reject(&[
            "/organization/contacts/press office/url",
            "/organization/contacts/social/url",
        ]),
    ),
    ("92-https-links-and-contact-email.json", Accept),
];

/// Generous even for an unoptimized test build on a busy machine; the
/// optimized numbers are far lower (see the `hostile` bench).
const SMALL_POLICY_BUDGET: Duration = Duration::from_secs(5);
const BIG_POLICY_BUDGET: Duration = Duration::from_secs(60);

fn corpus_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile-policies")
}

fn assert_rejected_at(error: &PolicyError, expected: &[&str], name: &str) {
    for problem in &error.problems {
        assert!(
            problem.path.is_empty() || problem.path.starts_with('/'),
            "{name}: problem path is not a JSON pointer: {problem}"
        );
    }
    for path in expected {
        assert!(
            error.problems.iter().any(|problem| problem.path == *path),
            "{name}: expected a problem at `{path}`, got:\n{error}"
        );
    }
}

fn assert_usable(checker: &Checker, name: &str) {
    let report = checker.check(
        "Orion-7 and the Acme layoffs 👩‍👩‍👧",
        &CheckContext::new(Platform::X),
    );
    serde_json::to_string(&report).unwrap_or_else(|error| panic!("{name}: {error}"));
}

fn timed<T>(budget: Duration, name: &str, run: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let result = run();
    let took = start.elapsed();
    assert!(took <= budget, "{name}: took {took:?}, budget {budget:?}");
    result
}

#[test]
fn every_corpus_file_meets_its_expectation() {
    // Every file runs even when an earlier one fails, so one run shows all.
    let failures: Vec<&str> = CORPUS
        .iter()
        .filter(|(name, expect)| {
            std::panic::catch_unwind(|| check_corpus_file(name, expect)).is_err()
        })
        .map(|(name, _)| *name)
        .collect();
    assert!(failures.is_empty(), "failed: {failures:?}");
}

fn check_corpus_file(name: &str, expect: &Expect) {
    let bytes =
        std::fs::read(corpus_dir().join(name)).unwrap_or_else(|error| panic!("{name}: {error}"));
    let result = timed(SMALL_POLICY_BUDGET, name, || {
        Policy::from_json_bytes(&bytes).and_then(Policy::compile)
    });
    match (expect, result) {
        (Reject(paths), Err(error)) => assert_rejected_at(&error, paths, name),
        (Accept, Ok(checker)) => assert_usable(&checker, name),
        (Reject(_), Ok(_)) => panic!("{name}: accepted, expected a rejection"),
        (Accept, Err(error)) => panic!("{name}: rejected, expected acceptance:\n{error}"),
    }
}

#[test]
fn corpus_table_and_directory_agree() {
    let mut files: Vec<String> = std::fs::read_dir(corpus_dir())
        .expect("the corpus directory exists")
        .map(|entry| {
            entry
                .expect("readable entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    files.sort();
    let listed: Vec<&str> = CORPUS.iter().map(|(name, _)| *name).collect();
    assert_eq!(files, listed);
    assert!(listed.len() >= 50);
}

fn rule_with_terms(terms: Value) -> Value {
    json!({
        "id": "h.rule", "kind": "terms", "category": "other",
        "message": {"de": "Fund: {quote}", "en": "Found: {quote}"},
        "explanation": {"de": "Weil.", "en": "Because."},
        "terms": terms
    })
}

fn policy_with_terms(terms: Vec<String>) -> Value {
    json!({"version": 1, "rules": [rule_with_terms(Value::from(terms))]})
}

/// Reads and compiles `value` within the big policies' budget.
fn from_value(name: &str, value: Value) -> Result<Checker, PolicyError> {
    timed(BIG_POLICY_BUDGET, name, || {
        Policy::from_value(value).and_then(Policy::compile)
    })
}

fn rejected<T>(result: Result<T, PolicyError>, name: &str) -> PolicyError {
    match result {
        Ok(_) => panic!("{name}: accepted, expected a rejection"),
        Err(error) => error,
    }
}

#[test]
fn ten_megabytes_of_terms_are_rejected_by_size_before_parsing() {
    let terms: Vec<String> = (0..1_000_000).map(|index| format!("t{index:07}")).collect();
    let source = serde_json::to_string(&policy_with_terms(terms)).expect("serializes");
    assert!(source.len() >= 10_000_000);
    let error = rejected(
        timed(Duration::from_secs(1), "10 MB", || {
            Policy::from_json(&source)
        }),
        "10 MB",
    );
    assert_rejected_at(&error, &[""], "10 MB");
    assert!(error.problems[0].message.contains("at most 4 MiB"));
}

#[test]
fn a_million_term_entries_are_rejected_at_the_first_term_over_the_limit() {
    let terms: Vec<String> = (0..1_000_000).map(|index| format!("t{index:07}")).collect();
    let error = rejected(from_value("1M terms", policy_with_terms(terms)), "1M terms");
    assert_rejected_at(&error, &["/rules/0/terms/200000"], "1M terms");
    assert_eq!(error.problems.len(), 1, "{error}");
}

#[test]
fn ten_megabytes_in_one_term_are_rejected_at_that_term() {
    let term = "Orion ".repeat(10 << 20 >> 3);
    let error = rejected(
        from_value("huge term", policy_with_terms(vec!["ok".into(), term])),
        "huge term",
    );
    assert_rejected_at(&error, &["/rules/0/terms/1"], "huge term");
}

#[test]
fn terms_over_the_total_byte_budget_are_rejected_where_it_runs_out() {
    let terms: Vec<String> = (0..5_000).map(|index| format!("{index:0999}")).collect();
    let error = rejected(from_value("bytes", policy_with_terms(terms)), "bytes");
    // 4198 terms of 999 bytes fit in 4 MiB; the 4199th does not.
    assert_rejected_at(&error, &["/rules/0/terms/4198"], "bytes");
}

#[test]
fn twenty_thousand_terms_are_accepted_and_checked() {
    let terms: Vec<String> = (0..20_000).map(|index| format!("code{index}")).collect();
    let checker = from_value("20k terms", policy_with_terms(terms))
        .unwrap_or_else(|error| panic!("20k terms rejected: {error}"));
    let report = checker.check(
        "Ist code4711 schon live? code19999!",
        &CheckContext::new(Platform::X),
    );
    let quotes: Vec<_> = report
        .findings
        .iter()
        .filter_map(|f| f.quote.as_deref())
        .collect();
    assert_eq!(quotes, ["code4711", "code19999"]);
}

#[test]
fn deeply_nested_json_is_rejected_without_overflowing_the_stack() {
    for depth in [129, 10_000, 1_000_000] {
        let source = format!(
            r#"{{"version": 1, "revision": {}{}}}"#,
            "[".repeat(depth),
            "]".repeat(depth)
        );
        let error = rejected(Policy::from_json(&source), "nested");
        assert_rejected_at(&error, &[""], "nested");
        assert!(
            error.problems[0].message.contains("recursion limit"),
            "{error}"
        );
    }
}

#[test]
fn more_than_a_thousand_rules_are_rejected_at_the_first_extra_rule() {
    let rules: Vec<Value> = (0..1_500)
        .map(|index| {
            let mut rule = rule_with_terms(json!([format!("code{index}")]));
            rule["id"] = json!(format!("h.rule{index}"));
            rule
        })
        .collect();
    let error = rejected(
        from_value("rules", json!({"version": 1, "rules": rules})),
        "rules",
    );
    assert_rejected_at(&error, &["/rules/1000"], "rules");
}

#[test]
fn more_than_five_hundred_patterns_are_rejected() {
    let rules: Vec<Value> = (0..600)
        .map(|index| {
            json!({
                "id": format!("h.pattern{index}"), "kind": "pattern", "category": "other",
                "message": {"en": "Found: {quote}"}, "explanation": {"en": "Because."},
                "pattern": format!(r"\bT{index}-\d{{3,6}}\b")
            })
        })
        .collect();
    let error = rejected(
        from_value("patterns", json!({"version": 1, "rules": rules})),
        "patterns",
    );
    assert_rejected_at(&error, &["/rules/500/pattern"], "patterns");
    assert!(!error
        .problems
        .iter()
        .any(|problem| problem.path == "/rules/499/pattern"));
}

#[test]
fn a_long_unknown_id_gets_no_hint_and_costs_no_quadratic_time() {
    // Regression: the "did you mean" hint compared a 200,000-character
    // override id with a 200,000-character rule id (a 40-billion-cell
    // edit-distance table: out of memory).
    let id = "x".repeat(200_000);
    let mut rule = rule_with_terms(json!(["Orion"]));
    rule["id"] = json!(id);
    let mut other = id.clone();
    other.push('y');
    let value =
        json!({"version": 1, "rules": [rule], "overrides": [{"id": other, "enabled": false}]});
    let error = rejected(
        timed(Duration::from_secs(5), "long id", || {
            Policy::from_value(value)
        }),
        "long id",
    );
    assert_rejected_at(&error, &["/overrides/0/id"], "long id");
}

#[test]
fn a_flood_of_problems_is_capped() {
    let terms: Vec<String> = vec![String::new(); 5_000];
    let error = rejected(from_value("problems", policy_with_terms(terms)), "problems");
    assert_eq!(error.problems.len(), 1_001);
    assert!(
        error.problems[1_000].message.contains("4000 more"),
        "{}",
        error.problems[1_000]
    );
}

#[test]
fn a_null_rule_id_is_reported_not_silently_dropped() {
    // Regression: `"id": null` made the rule vanish and the policy pass.
    let mut rule = rule_with_terms(json!(["Orion"]));
    rule["id"] = Value::Null;
    let error = rejected(
        from_value("null id", json!({"version": 1, "rules": [rule]})),
        "null id",
    );
    assert_rejected_at(&error, &["/rules/0/id"], "null id");
}

fn pattern_rule(index: usize, pattern: String) -> Value {
    json!({
        "id": format!("h.pattern{index}"), "kind": "pattern", "category": "other",
        "message": {"de": "Fund: {quote}", "en": "Found: {quote}"},
        "explanation": {"de": "Weil.", "en": "Because."},
        "pattern": pattern
    })
}

#[test]
fn five_hundred_large_patterns_are_rejected_by_the_total_budget() {
    // Once accepted: one post holding every prefix then compiled all 500
    // regexes (4.7 s, 875 MB, never returned in WebAssembly).
    let rules: Vec<Value> = (0..500)
        .map(|index| pattern_rule(index, format!(r"Q{index}Z\w{{20}}")))
        .collect();
    let error = rejected(
        from_value("500 patterns", json!({"version": 1, "rules": rules})),
        "500 patterns",
    );
    assert_eq!(error.problems.len(), 1, "{error}");
    let problem = &error.problems[0];
    assert!(problem.path.starts_with("/rules/") && problem.path.ends_with("/pattern"));
    assert!(problem.message.contains("at most 64 MiB"), "{problem}");
    assert!(problem.hint.is_some(), "{problem}");
}

#[test]
fn ordinary_policies_stay_within_the_pattern_budget() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    for file in ["examples/policy.json", "tests/corpus/policy.json"] {
        let bytes =
            std::fs::read(root.join(file)).unwrap_or_else(|error| panic!("{file}: {error}"));
        if let Err(error) = Policy::from_json_bytes(&bytes).and_then(Policy::compile) {
            panic!("{file} rejected: {error}");
        }
    }
    // The benchmarks' 200 patterns (bench/gen.mjs), each at its widest.
    let rules: Vec<Value> = (0..200)
        .map(|index| {
            let pattern = match index % 3 {
                0 => format!(r"\bQWRT{index}-\d{{4,7}}\b"),
                1 => format!(r"\bqwrt{index}\.intern\.example\b"),
                _ => format!(r"\bMA-QWRT{index}\d{{4,7}}\b"),
            };
            pattern_rule(index, pattern)
        })
        .collect();
    let checker = from_value("200 patterns", json!({"version": 1, "rules": rules}))
        .unwrap_or_else(|error| panic!("200 ticket patterns rejected: {error}"));
    let report = checker.check(
        "Ticket QWRT3-12345 ist erledigt",
        &CheckContext::new(Platform::X),
    );
    assert_eq!(report.findings.len(), 1, "{report:?}");
}
