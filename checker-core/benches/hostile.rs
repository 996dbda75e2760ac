//! Check time on hostile texts against a policy using every rule kind and
//! both built-in packs. The target: a 1 MB paste checks in under 50 ms
//! natively.
//!
//! `cargo bench -p checker-core --bench hostile -- --warm-up-time 1 --measurement-time 5`

use std::hint::black_box;

use checker_core::{CheckContext, Date, Lang, Platform, Policy};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

#[path = "../tests/support/hostile_text.rs"]
mod hostile_text;

const RICH_POLICY: &str = include_str!("../tests/data/rich-policy.json");

fn hostile(c: &mut Criterion) {
    let checker = Policy::from_json(RICH_POLICY)
        .and_then(|policy| policy.compile())
        .unwrap_or_else(|error| panic!("rich policy rejected: {error}"));
    let context = CheckContext {
        lang: Lang::De,
        date: Date::new(2026, 11, 27),
        ..CheckContext::new(Platform::Linkedin)
    };
    let texts = [
        ("paste_1mb", hostile_text::mixed_paste(1 << 20)),
        ("emoji_100k", hostile_text::emoji_flood(100_000)),
        ("invisible_1mb", hostile_text::invisible_flood(1 << 20)),
        (
            "zwsp_between_letters_1mb",
            hostile_text::interleaved(&hostile_text::mixed_paste(360_000), "\u{200B}"),
        ),
        ("word_50k", hostile_text::giant_word(50_000)),
        ("bidi_controls_4kb", hostile_text::bidi_controls()),
    ];
    let mut group = c.benchmark_group("check");
    group.sample_size(10);
    for (name, text) in &texts {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(*name, |b| {
            b.iter(|| checker.check(black_box(text), black_box(&context)))
        });
    }
    group.finish();
}

/// Compiling at the term limit (20,000 terms) and a realistic rich policy.
fn compile(c: &mut Criterion) {
    let terms: Vec<String> = (0..20_000).map(|index| format!("code{index}")).collect();
    let big = serde_json::json!({"version": 1, "rules": [{
        "id": "h.rule", "kind": "terms", "category": "other",
        "message": {"en": "Found: {quote}"}, "explanation": {"en": "Because."},
        "terms": terms
    }]})
    .to_string();
    let mut group = c.benchmark_group("compile");
    group.sample_size(10);
    group.bench_function("rich_policy", |b| {
        b.iter(|| Policy::from_json(black_box(RICH_POLICY)))
    });
    group.bench_function("terms_20k", |b| {
        b.iter(|| Policy::from_json(black_box(&big)))
    });
    group.finish();
}

criterion_group!(benches, hostile, compile);
criterion_main!(benches);
