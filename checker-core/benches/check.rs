//! How fast a check is, and how it scales with the size of the policy.
//!
//! Run: `cargo bench -p checker-core --bench check -- --warm-up-time 1 --measurement-time 3`
//!
//! Targets (issue 2): checking a 3,000-character post against 10,000 terms
//! plus 200 patterns ≤ 100 µs median; compiling that policy ≤ 50 ms; check
//! time growing less than 2× from 100 to 100,000 terms.

use std::hint::black_box;

use checker_core::{CheckContext, Lang, Platform, Policy};
use criterion::{criterion_group, criterion_main, BatchSize, BenchmarkId, Criterion};
use serde_json::{json, Value};

/// A small deterministic generator, so every run checks the same policy.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Pronounceable made-up words, some with umlauts, like code names.
fn words(count: usize, seed: u64) -> Vec<String> {
    const ONSETS: [&str; 16] = [
        "k", "r", "st", "b", "m", "tr", "g", "z", "pl", "h", "w", "sch", "d", "n", "v", "l",
    ];
    const VOWELS: [&str; 9] = ["a", "e", "i", "o", "u", "ä", "ö", "ü", "ei"];
    let mut random = Lcg(seed);
    (0..count)
        .map(|index| {
            let mut word = String::new();
            for _ in 0..2 + random.below(3) {
                word.push_str(ONSETS[random.below(ONSETS.len())]);
                word.push_str(VOWELS[random.below(VOWELS.len())]);
            }
            // Make every term unique.
            word.push_str(&format!("x{index}"));
            word
        })
        .collect()
}

fn rule(id: &str, kind: &str, extra: Value) -> Value {
    let mut rule = json!({
        "id": id, "kind": kind, "category": "confidential",
        "message": {"de": "„{quote}“ ist intern.", "en": "“{quote}” is internal."},
        "explanation": {"de": "Bitte nicht öffentlich nennen.", "en": "Please keep it internal."}
    });
    if let (Some(rule), Value::Object(extra)) = (rule.as_object_mut(), extra) {
        rule.extend(extra);
    }
    rule
}

fn policy(terms: usize, patterns: usize) -> Value {
    let mut rules = vec![rule(
        "bench.terms",
        "terms",
        json!({"terms": words(terms, 7)}),
    )];
    for index in 0..patterns {
        let prefix: String = words(1, 1000 + index as u64)[0]
            .chars()
            .filter(char::is_ascii_alphabetic)
            .take(4)
            .collect();
        let pattern = format!(r"\b{}{}-\d{{3,6}}\b", prefix.to_uppercase(), index);
        rules.push(rule(
            &format!("bench.pattern{index}"),
            "pattern",
            json!({"pattern": pattern}),
        ));
    }
    json!({
        "version": 1,
        "organization": {"name": "Acme", "handles": ["@acme"], "products": ["Roadrunner"],
                          "disclosures": ["#employee", "#Mitarbeiter"]},
        "extends": ["organization"],
        "rules": rules
    })
}

/// A 3,000-character post in German and English with emoji, a few umlauts,
/// the organization's name, and two listed terms.
fn post(terms: &[String]) -> String {
    const VOCABULARY: [&str; 24] = [
        "Heute",
        "haben",
        "wir",
        "gemeinsam",
        "ein",
        "großartiges",
        "Ergebnis",
        "erreicht",
        "für",
        "unsere",
        "Kundinnen",
        "und",
        "Kunden",
        "today",
        "we",
        "shipped",
        "something",
        "great",
        "with",
        "the",
        "whole",
        "team",
        "🎉",
        "Übernahme-Gerüchte",
    ];
    let mut random = Lcg(42);
    let mut text = String::from("Stolz auf Acme! ");
    while text.chars().count() < 2_950 {
        text.push_str(VOCABULARY[random.below(VOCABULARY.len())]);
        text.push(if random.below(12) == 0 { '.' } else { ' ' });
        if random.below(400) == 0 {
            text.push_str(&terms[random.below(terms.len())]);
            text.push(' ');
        }
    }
    text.push_str(&terms[0]);
    text.chars().take(3_000).collect()
}

fn context() -> CheckContext {
    CheckContext {
        lang: Lang::De,
        ..CheckContext::new(Platform::Linkedin)
    }
}

fn bench_check(c: &mut Criterion) {
    let source = policy(10_000, 200);
    let checker = Policy::from_value(source)
        .and_then(|policy| policy.compile())
        .expect("bench policy compiles");
    let text = post(&words(10_000, 7));
    c.bench_function("check 3000 chars, 10k terms + 200 patterns", |b| {
        b.iter(|| black_box(checker.check(black_box(&text), &context())))
    });
}

fn bench_compile(c: &mut Criterion) {
    let source = policy(10_000, 200);
    let mut group = c.benchmark_group("compile");
    group.sample_size(10);
    group.bench_function("10k terms + 200 patterns", |b| {
        // Cloning the JSON input is setup, not compiling.
        b.iter_batched(
            || source.clone(),
            |value| black_box(Policy::from_value(value).map(|policy| policy.rules().len())),
            BatchSize::LargeInput,
        )
    });
    group.finish();
}

fn bench_scaling(c: &mut Criterion) {
    let mut group = c.benchmark_group("check by term count");
    for terms in [100, 10_000, 100_000] {
        let checker = Policy::from_value(policy(terms, 0))
            .and_then(|policy| policy.compile())
            .expect("bench policy compiles");
        // The same post for every size: its listed terms come from the
        // first 100 generated words, which every size contains.
        let text = post(&words(100, 7));
        group.bench_with_input(BenchmarkId::from_parameter(terms), &text, |b, text| {
            b.iter(|| black_box(checker.check(black_box(text), &context())))
        });
    }
    group.finish();
}

criterion_group!(benches, bench_check, bench_compile, bench_scaling);
criterion_main!(benches);
