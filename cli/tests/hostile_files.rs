//! Policy files built to hurt the machine that reads them: YAML aliases that
//! expand to gigabytes, and policies larger than the extension accepts. Every
//! command that reads a policy file refuses them quickly, with a position.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use common::repo_root;

const CHROME_ID: &str = "abcdefghijklmnopabcdefghijklmnop";

fn postlint(args: &[&str]) -> (Output, Duration) {
    let start = Instant::now();
    let output = Command::new(env!("CARGO_BIN_EXE_postlint"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("postlint runs");
    (output, start.elapsed())
}

fn scratch(name: &str, contents: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("postlint-hostile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, contents).expect("written");
    path
}

/// Every command that reads a policy file, with `file` as the policy.
fn every_reader(file: &str, out: &Path) -> Vec<Vec<String>> {
    let corpus = repo_root().join("tests/corpus/posts.jsonl");
    let corpus = corpus.display().to_string();
    let out = out.display().to_string();
    [
        vec!["policy", "validate", file],
        vec!["policy", "test", file],
        vec!["check", "--policy", file, "-"],
        vec!["rules", "--policy", file],
        vec!["eval", "--policy", file, &corpus],
        vec![
            "deploy",
            file,
            "--browser",
            "chrome",
            "--os",
            "linux",
            "--extension-id",
            CHROME_ID,
            "--out",
            &out,
        ],
    ]
    .into_iter()
    .map(|args| args.into_iter().map(str::to_owned).collect())
    .collect()
}

fn assert_refused_everywhere(file: &Path, expected: &str) {
    let file = file.display().to_string();
    let out = scratch("artifact.json", b"");
    std::fs::remove_file(&out).expect("removed");
    for args in every_reader(&file, &out) {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let (output, took) = postlint(&args);
        let errors = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {errors}");
        assert!(errors.contains(expected), "{args:?}: {errors}");
        assert!(!errors.contains("panicked"), "{errors}");
        assert!(took < Duration::from_secs(5), "{args:?} took {took:?}");
        assert!(!out.exists(), "{args:?} wrote an artifact");
    }
}

#[test]
fn yaml_aliases_are_refused_before_they_expand_with_their_position() {
    // 40 anchored lines referenced 100,000 times: 4 million terms once
    // expanded, from a 700 KB file.
    let mut yaml = String::from("version: 1\nrules:\n  - id: t.codes\n    kind: terms\n    category: confidential\n    message: {en: m}\n    explanation: {en: e}\n    terms: &codes\n");
    for index in 0..40 {
        yaml.push_str(&format!("      - code{index}\n"));
    }
    yaml.push_str("    exceptions: [*codes");
    yaml.push_str(&", *codes".repeat(100_000));
    yaml.push_str("]\n");
    let file = scratch("aliases.yaml", yaml.as_bytes());
    // The first alias: line 49, column 18.
    let expected = format!(
        "{}:49:18: error: /: YAML aliases (`*name`) are not allowed in a policy",
        file.display()
    );
    assert_refused_everywhere(&file, &expected);
}

#[test]
fn policies_over_four_mebibytes_are_refused_as_the_extension_would() {
    // Valid but for its size: 5 MB of padding after a minimal policy.
    let mut json = br#"{"version": 1, "rules": []}"#.to_vec();
    json.extend(std::iter::repeat_n(b' ', 5 << 20));
    let json_file = scratch("big.json", &json);
    let mut yaml = b"version: 1\nrules: []\n".to_vec();
    yaml.extend(std::iter::repeat_n(b'#', 5 << 20));
    yaml.push(b'\n');
    let yaml_file = scratch("big.yaml", &yaml);
    for file in [json_file, yaml_file] {
        let expected = format!(
            "{}: error: /: the policy is larger than 4 MiB, the most the extension reads",
            file.display()
        );
        assert_refused_everywhere(&file, &expected);
    }
}

#[test]
fn a_policy_of_exactly_four_mebibytes_is_read() {
    let mut json = br#"{"version": 1, "rules": []}"#.to_vec();
    json.resize(checker_core::MAX_POLICY_BYTES, b' ');
    let file = scratch("limit.json", &json);
    let (output, _) = postlint(&["policy", "validate", &file.display().to_string()]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}
