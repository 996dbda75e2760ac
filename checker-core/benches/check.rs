//! Check and compile time over the benchmark matrix: posts of 280, 3,000 and
//! 30,000 characters against policies of 100, 10,000 and 100,000 terms, each
//! with the base pack and 200 patterns.
//!
//! The inputs come from `bench/gen.mjs` (run it first; `./dev bench` does),
//! the same files the browser benchmark reads, so native and WebAssembly
//! figures are for identical work. `bench/report.mjs` reads criterion's
//! `estimates.json` and `sample.json` from `target/criterion/`.
//!
//! Run: `cargo bench -p checker-core --bench check -- --warm-up-time 1 --measurement-time 2`

use std::hint::black_box;
use std::path::PathBuf;

use checker_core::{CheckContext, Lang, Platform, Policy, Surface};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use serde_json::Value;

/// `bench/out/`, where `bench/gen.mjs` writes the inputs.
fn inputs_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../bench/out")
}

fn read_json(name: &str) -> Value {
    let path = inputs_dir().join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|error| {
        panic!(
            "{}: {error}; run `node bench/gen.mjs` first",
            path.display()
        )
    });
    serde_json::from_str(&text).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

/// The matrix: policy names with their JSON text, and the posts by length.
struct Matrix {
    policies: Vec<(String, String)>,
    texts: Vec<(String, String)>,
}

fn matrix() -> Matrix {
    let inputs = read_json("inputs.json");
    let entries = |key: &str| inputs[key].as_object().cloned().unwrap_or_default();
    let policies = entries("policies")
        .into_iter()
        .map(|(name, entry)| {
            let file = entry["file"].as_str().unwrap_or_default().to_owned();
            (name, read_json(&file).to_string())
        })
        .collect();
    let texts = entries("texts")
        .into_iter()
        .map(|(length, text)| (length, text.as_str().unwrap_or_default().to_owned()))
        .collect();
    Matrix { policies, texts }
}

/// The context `inputs.json` names for the browser too: a LinkedIn post, German messages.
fn context() -> CheckContext {
    CheckContext {
        lang: Lang::De,
        surface: Surface::Post,
        ..CheckContext::new(Platform::Linkedin)
    }
}

fn bench_check(c: &mut Criterion) {
    let Matrix { policies, texts } = matrix();
    for (name, source) in &policies {
        let checker = Policy::from_json(source)
            .and_then(|policy| policy.compile())
            .expect("bench policy compiles");
        let mut group = c.benchmark_group(format!("check/{name}"));
        for (length, text) in &texts {
            group.bench_with_input(BenchmarkId::from_parameter(length), text, |b, text| {
                b.iter(|| black_box(checker.check(black_box(text), &context())))
            });
        }
        group.finish();
        // The check plus the report as JSON text: what `Checker.checkJson`
        // does in the extension's worker, so the WASM/native ratio compares
        // the same work.
        let mut group = c.benchmark_group(format!("check-json/{name}"));
        for (length, text) in &texts {
            group.bench_with_input(BenchmarkId::from_parameter(length), text, |b, text| {
                b.iter(|| {
                    let report = checker.check(black_box(text), &context());
                    black_box(serde_json::to_string(&report).expect("a report serializes"))
                })
            });
        }
        group.finish();
    }
}

/// The engine doing the JS baseline's work (and issue 2's matrix cell: terms
/// plus 200 patterns): the base pack's detectors switched off by `overrides`,
/// as `bench/browser/page.mjs` does for the same comparison.
fn bench_terms_and_patterns(c: &mut Criterion) {
    let Matrix { policies, texts } = matrix();
    let mut group = c.benchmark_group("check-terms-and-patterns");
    for (name, source) in &policies {
        let mut policy: Value = serde_json::from_str(source).expect("bench policy is JSON");
        let detectors: Vec<Value> = Policy::from_value(policy.clone())
            .expect("bench policy reads")
            .rules()
            .iter()
            .filter(|rule| rule.source == "base" && rule.kind != "terms" && rule.kind != "pattern")
            .map(|rule| serde_json::json!({"id": rule.id, "enabled": false}))
            .collect();
        policy["overrides"] = Value::Array(detectors);
        let checker = Policy::from_value(policy)
            .and_then(|policy| policy.compile())
            .expect("restricted bench policy compiles");
        for (length, text) in texts.iter().filter(|(length, _)| length.as_str() == "3000") {
            group.bench_with_input(BenchmarkId::new(name, length), text, |b, text| {
                b.iter(|| black_box(checker.check(black_box(text), &context())))
            });
        }
    }
    group.finish();
}

/// Reading and compiling the policy JSON, as the extension does on start.
fn bench_compile(c: &mut Criterion) {
    let Matrix { policies, .. } = matrix();
    let mut group = c.benchmark_group("compile");
    group.sample_size(10);
    for (name, source) in &policies {
        group.bench_with_input(BenchmarkId::from_parameter(name), source, |b, source| {
            b.iter(|| {
                black_box(Policy::from_json(black_box(source)).and_then(|policy| policy.compile()))
            })
        });
    }
    group.finish();
}

criterion_group!(
    benches,
    bench_check,
    bench_terms_and_patterns,
    bench_compile
);
criterion_main!(benches);
