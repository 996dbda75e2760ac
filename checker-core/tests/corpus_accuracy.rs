//! The development corpus (`tests/corpus/`) must stay accurate: precision
//! ≥ 0.97 and recall ≥ 0.95 overall, and no category below 0.90 in either.
//! CI fails below these targets.

use checker_core::eval::{evaluate, Corpus, Targets};
use checker_core::{Lang, Policy};

fn corpus_file(name: &str) -> String {
    let path = format!("{}/../tests/corpus/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{path}: {error}"))
}

#[test]
fn company_policy_meets_the_accuracy_targets() {
    let policy = Policy::from_json(&corpus_file("policy.json")).expect("corpus policy is valid");
    let checker = policy.compile().expect("corpus policy compiles");
    let corpus = Corpus::from_jsonl(&corpus_file("posts.jsonl")).expect("corpus parses");
    let evaluation = evaluate(&corpus, |entry| {
        checker.check(entry.text(), &entry.context()).findings
    });
    println!("{}", evaluation.to_text_table(Lang::En));
    let failures = evaluation.target_failures(&Targets::default(), Lang::En);
    assert!(
        failures.is_empty(),
        "accuracy below target:\n{}",
        failures.join("\n")
    );
}
