//! `postlint eval` on the development corpus.

mod common;

use std::process::{Command, Output};

use common::repo_root;

fn eval(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_postlint"))
        .current_dir(repo_root())
        .arg("eval")
        .args(args)
        .env("LANG", "C")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .expect("postlint runs")
}

#[test]
fn the_company_policy_meets_its_targets_on_its_corpus() {
    let output = eval(&[
        "tests/corpus/posts.jsonl",
        "--policy",
        "tests/corpus/policy.json",
    ]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains("overall"), "{stdout}");
    assert!(stdout.contains("precision"), "{stdout}");
}

#[test]
fn a_policy_without_the_company_rules_misses_its_code_names_and_fails() {
    // The built-in default knows no code names, organization or crisis.
    let output = eval(&["tests/corpus/posts.jsonl"]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("below target: overall: recall"), "{stdout}");
    assert!(stdout.contains("Missed ("), "{stdout}");
}

#[test]
fn json_report_has_scores_and_lists() {
    let output = eval(&[
        "tests/corpus/posts.jsonl",
        "--policy",
        "tests/corpus/policy.json",
        "--format",
        "json",
    ]);
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let posts = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/corpus/posts.jsonl"
    ))
    .expect("corpus");
    let labeled = posts.lines().filter(|line| !line.trim().is_empty()).count();
    assert_eq!(report["entries"], labeled);
    assert!(report["overall"]["precision"].as_f64().is_some());
    assert!(report["categories"]
        .as_array()
        .is_some_and(|c| !c.is_empty()));
    assert!(report["missed"].as_array().is_some());
    assert!(report["false_findings"].as_array().is_some());
}

#[test]
fn an_unreadable_corpus_is_a_usage_error() {
    let output = eval(&["tests/corpus/no-such-file.jsonl"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("cannot read"));
}

#[test]
fn department_measures_with_that_departments_rules() {
    let corpus = std::env::temp_dir().join(format!(
        "postlint-eval-departments-{}.jsonl",
        std::process::id()
    ));
    std::fs::write(
        &corpus,
        r#"{"id": "s1", "lang": "de", "platform": "linkedin", "surface": "post", "attachments": [], "text": "Heute haben wir FleetCo die neue Flotte übergeben! #LumenTeam", "expected": [{"category": "confidential", "quote": "FleetCo"}]}
"#,
    )
    .expect("writable");
    let missed = |department: &[&str]| -> usize {
        let corpus = corpus.display().to_string();
        let args = [
            &[
                corpus.as_str(),
                "--policy",
                "examples/policy.json",
                "--format",
                "json",
            ][..],
            department,
        ]
        .concat();
        let output = eval(&args);
        let report: serde_json::Value = serde_json::from_slice(&output.stdout)
            .unwrap_or_else(|_| panic!("{}", String::from_utf8_lossy(&output.stderr)));
        report["missed"].as_array().expect("missed").len()
    };
    assert_eq!(missed(&["--department", "sales"]), 0);
    assert_eq!(missed(&[]), 1);
    std::fs::remove_file(&corpus).ok();
}
