//! The `postlint` binary as a user runs it: output, JSON contract, exit codes.

mod common;

use std::io::Write;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

use common::fixture;

/// Runs postlint with `args`, `stdin` as input, and a neutral environment:
/// no colour forcing, English locale, unless `env` says otherwise.
fn postlint_with(args: &[&str], stdin: &str, env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_postlint"));
    command
        .args(args)
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("CLICOLOR")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (name, value) in env {
        command.env(name, value);
    }
    let mut child = command.spawn().expect("postlint runs");
    // A command that fails early (an invalid policy) exits without reading
    // stdin; the closed pipe is then not an error of the test.
    let written = child
        .stdin
        .take()
        .expect("stdin is piped")
        .write_all(stdin.as_bytes());
    if let Err(error) = written {
        assert_eq!(
            error.kind(),
            std::io::ErrorKind::BrokenPipe,
            "stdin is written"
        );
    }
    child.wait_with_output().expect("postlint finishes")
}

fn postlint(args: &[&str], stdin: &str) -> Output {
    postlint_with(args, stdin, &[])
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("stderr is UTF-8")
}

fn keys(value: &Value) -> Vec<&str> {
    let mut keys: Vec<&str> = value
        .as_object()
        .expect("an object")
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    keys
}

fn is_span(value: &Value) -> bool {
    value.is_null()
        || (keys(value) == ["end", "start"]
            && value["start"].as_u64() <= value["end"].as_u64()
            && value["end"].is_u64())
}

#[test]
fn json_output_is_exactly_the_contract() {
    let policy = fixture("acme.json");
    // The emoji makes UTF-16 and byte offsets differ: Orion-7 starts at
    // UTF-16 unit 15 but byte 17.
    let text = "Hallo 👋 bald: Orion-7 und synergy.";
    let output = postlint(
        &[
            "check",
            "--policy",
            &policy,
            "--platform",
            "x",
            "--format",
            "json",
        ],
        text,
    );
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let report: Value = serde_json::from_slice(&output.stdout).expect("stdout is JSON");
    assert_eq!(keys(&report), ["findings", "length"]);
    let findings = report["findings"].as_array().expect("findings is an array");
    assert!(!findings.is_empty());
    for finding in findings {
        assert_eq!(
            keys(finding),
            [
                "category",
                "explanation",
                "level",
                "link",
                "message",
                "overridable",
                "quote",
                "rule",
                "span",
                "suggestions"
            ]
        );
        assert!(["hint", "warn", "block"].contains(&finding["level"].as_str().unwrap()));
        assert!(finding["overridable"].is_boolean());
        assert!(is_span(&finding["span"]));
        assert!(finding["quote"].is_null() || finding["quote"].is_string());
        assert!(finding["link"].is_null() || finding["link"].is_string());
        for suggestion in finding["suggestions"].as_array().unwrap() {
            assert_eq!(keys(suggestion), ["label", "replacement", "span"]);
            assert!(is_span(&suggestion["span"]));
        }
    }
    let codename = findings
        .iter()
        .find(|finding| finding["rule"] == "acme.codenames")
        .expect("the code name is found");
    assert_eq!(codename["span"]["start"], 15);
    assert_eq!(codename["span"]["end"], 22);
    assert_eq!(codename["quote"], "Orion-7");
    assert_eq!(codename["category"], "confidential");
    assert_eq!(codename["level"], "block");
    assert_eq!(codename["overridable"], false);
    assert_eq!(codename["suggestions"][0]["replacement"], "our new product");
    let length = &report["length"];
    assert!(length.is_null() || keys(length) == ["count", "limit", "platform", "unit"]);
}

#[test]
fn exit_code_is_0_without_findings_at_warn_or_block() {
    let policy = fixture("acme.json");
    let clean = postlint(&["check", "--policy", &policy], "A quiet day at work.");
    assert_eq!(clean.status.code(), Some(0), "{}", stderr(&clean));
    assert!(stdout(&clean).contains("no findings"));

    // A hint is shown but does not fail the check.
    let hint = postlint(
        &["check", "--policy", &policy, "--format", "json"],
        "Such synergy.",
    );
    assert_eq!(hint.status.code(), Some(0));
    let report: Value = serde_json::from_slice(&hint.stdout).unwrap();
    assert_eq!(report["findings"][0]["rule"], "acme.buzzwords");
    assert_eq!(report["findings"][0]["level"], "hint");
}

#[test]
fn suggestions_and_undescribed_images_from_the_command_line() {
    let example = format!("{}/../examples/policy.json", env!("CARGO_MANIFEST_DIR"));
    let job = "Wir suchen Verstärkung in Berlin! #LumenTeam";
    let output = postlint(
        &[
            "check",
            "--policy",
            &example,
            "--format",
            "json",
            "--date",
            "2026-11-27",
            "-",
        ],
        job,
    );
    assert_eq!(
        output.status.code(),
        Some(0),
        "a suggestion is no problem: {}",
        stderr(&output)
    );
    let report: Value = serde_json::from_str(&stdout(&output)).expect("JSON");
    let careers = &report["findings"][0];
    assert_eq!(
        (careers["rule"].as_str(), careers["category"].as_str()),
        (Some("org.careers"), Some("campaign"))
    );
    assert_eq!(
        careers["suggestions"][0]["replacement"],
        " https://lumen-mobility.example/jobs"
    );

    let alt_text = r#"{"version": 1, "extends": ["base"], "overrides": [{"id": "base.alt-text", "enabled": true}]}"#;
    let policy =
        std::env::temp_dir().join(format!("postlint-alt-text-{}.json", std::process::id()));
    std::fs::write(&policy, alt_text).unwrap();
    let policy = policy.to_str().unwrap();
    let rules = |args: &[&str]| -> Vec<String> {
        let output = postlint(
            &[
                &["check", "--policy", policy, "--format", "json", "-"],
                args,
            ]
            .concat(),
            "Our new office",
        );
        let report: Value = serde_json::from_str(&stdout(&output)).expect("JSON");
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["rule"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(rules(&["--attach", "image,image"]), ["base.attachment"]);
    assert_eq!(
        rules(&["--attach", "image,image", "--undescribed", "1"]),
        ["base.attachment", "base.alt-text"]
    );
    std::fs::remove_file(policy).unwrap();
}

#[test]
fn exit_code_is_1_with_a_finding_at_block() {
    let policy = fixture("acme.json");
    let output = postlint(&["check", "--policy", &policy, "-"], "Orion-7 ships soon.");
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn exit_code_is_2_for_usage_errors_and_unreadable_files() {
    let bad_platform = postlint(&["check", "--platform", "myspace"], "");
    assert_eq!(bad_platform.status.code(), Some(2));
    assert!(stderr(&bad_platform).contains("myspace"));

    let bad_date = postlint(&["check", "--date", "2026-02-30"], "");
    assert_eq!(bad_date.status.code(), Some(2));

    let missing = postlint(&["check", "/nonexistent/post.txt"], "");
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).contains("cannot read /nonexistent/post.txt"));

    let missing_policy = postlint(&["check", "--policy", "/nonexistent/policy.json"], "hi");
    assert_eq!(missing_policy.status.code(), Some(2));

    let bad_attachment = postlint(&["check", "--attach", "image,sticker"], "");
    assert_eq!(bad_attachment.status.code(), Some(2));
    assert!(stderr(&bad_attachment).contains("sticker"));
}

#[test]
fn binary_input_and_odd_yaml_are_errors_not_panics() {
    let dir = std::env::temp_dir().join(format!("postlint-odd-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let binary = dir.join("post.bin");
    std::fs::write(&binary, [0xff, 0xfe, 0x00, 0xc3]).unwrap();
    let yaml = dir.join("policy.yaml");
    std::fs::write(
        &yaml,
        "1: one\n? [complex, key]\n: value\nrules: *undefined\n",
    )
    .unwrap();
    for args in [
        vec!["check".to_owned(), binary.display().to_string()],
        vec![
            "policy".to_owned(),
            "validate".to_owned(),
            yaml.display().to_string(),
        ],
        vec![
            "policy".to_owned(),
            "test".to_owned(),
            binary.display().to_string(),
        ],
        vec![
            "rules".to_owned(),
            "--policy".to_owned(),
            dir.display().to_string(),
        ],
    ] {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let output = postlint(&args, "");
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let errors = stderr(&output);
        assert!(!errors.contains("panicked"), "{errors}");
        assert!(!errors.is_empty());
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn invalid_json_policy_exits_2_with_paths_and_positions() {
    let policy = fixture("invalid.json");
    for args in [
        vec!["check", "--policy", &policy],
        vec!["policy", "validate", &policy],
    ] {
        let output = postlint(&args, "Orion-7");
        assert_eq!(output.status.code(), Some(2));
        let errors = stderr(&output);
        assert!(!errors.contains("panicked"), "{errors}");
        // `"levle"` is on line 12, column 7; `"category": "gossip"` on line 20.
        assert!(
            errors.contains(&format!("{policy}:12:7: error: /rules/0/levle")),
            "{errors}"
        );
        assert!(errors.contains("level"), "{errors}");
        let category = format!("{policy}:20:7: error: /rules/1/category");
        assert!(errors.contains(&category), "{errors}");
        // In the order of the file.
        assert!(errors.find("/rules/0/levle") < errors.find(&category));
        assert!(errors.ends_with("invalid.json: 2 problems\n"), "{errors}");
    }
}

#[test]
fn invalid_yaml_policy_exits_2_with_paths_and_positions() {
    let policy = fixture("invalid.yaml");
    let output = postlint(&["policy", "validate", &policy], "");
    assert_eq!(output.status.code(), Some(2));
    let errors = stderr(&output);
    assert!(
        errors.contains(&format!("{policy}:11:5: error: /rules/0/levle")),
        "{errors}"
    );
}

#[test]
fn malformed_policy_files_are_reported_with_a_position() {
    let dir = std::env::temp_dir().join(format!("postlint-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let json = dir.join("broken.json");
    std::fs::write(&json, "{\n  \"version\": 1,\n  \"rules\": [\n}\n").unwrap();
    let yaml = dir.join("broken.yml");
    std::fs::write(&yaml, "version: 1\nrules: [a, b\n").unwrap();
    for file in [&json, &yaml] {
        let file = file.display().to_string();
        let output = postlint(&["policy", "validate", &file], "");
        assert_eq!(output.status.code(), Some(2));
        let errors = stderr(&output);
        assert!(errors.starts_with(&format!("{file}:")), "{errors}");
        assert!(errors.contains("not valid"), "{errors}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn valid_policies_validate_in_json_and_yaml() {
    let json = fixture("acme.json");
    let yaml = fixture("acme.yaml");
    let output = postlint(&["policy", "validate", &json, &yaml], "");
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stdout(&output), format!("{json}: ok\n{yaml}: ok\n"));

    // The YAML policy works for checking, too.
    let check = postlint(&["check", "--policy", &yaml], "Orion-7!");
    assert_eq!(check.status.code(), Some(1));
}

#[test]
fn text_output_points_carets_at_the_span() {
    let policy = fixture("acme.json");
    let text = "Erste Zeile.\nGrüße 👋 an Orion-7 und alle.\n";
    let output = postlint(&["check", "--policy", &policy, "--lang", "de", "-"], text);
    assert_eq!(output.status.code(), Some(1));
    let out = stdout(&output);
    assert!(!out.contains('\u{1b}'), "no colour into a pipe: {out}");
    let lines: Vec<&str> = out.lines().collect();
    let header = lines
        .iter()
        .position(|line| line.starts_with("block[acme.codenames] confidential:"))
        .unwrap_or_else(|| panic!("no header line in:\n{out}"));
    assert!(lines[header].contains("„Orion-7“ ist ein vertraulicher Codename."));
    // Line 2, column 12 counted in characters (the emoji is one).
    assert_eq!(lines[header + 1], " --> <stdin>:2:12");
    assert_eq!(lines[header + 3], "2 | Grüße 👋 an Orion-7 und alle.");
    // On screen the emoji takes two columns, so the carets are indented by 12.
    assert_eq!(lines[header + 4], format!("  | {}^^^^^^^", " ".repeat(12)));
    assert!(out.contains("help: "), "{out}");
    assert!(
        out.contains("help: Durch „unser neues Produkt“ ersetzen"),
        "{out}"
    );
    assert!(out.contains("https://acme.example/social-media#codenames"));
    assert!(out.contains("Codenamen bleiben bis zum Launch im Haus."));
}

#[test]
fn colour_is_forced_by_clicolor_force_but_never_with_no_color() {
    let policy = fixture("acme.json");
    let forced = postlint_with(
        &["check", "--policy", &policy],
        "Orion-7",
        &[("CLICOLOR_FORCE", "1")],
    );
    assert!(stdout(&forced).contains("\u{1b}["), "colour when forced");

    let no_color = postlint_with(
        &["check", "--policy", &policy],
        "Orion-7",
        &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")],
    );
    let out = stdout(&no_color);
    assert!(!out.contains('\u{1b}'), "NO_COLOR wins: {out}");
    assert!(out.contains("block[acme.codenames]"));
}

#[test]
fn language_comes_from_the_environment() {
    let policy = fixture("acme.json");
    let german = postlint_with(
        &["check", "--policy", &policy, "--format", "json"],
        "Orion-7",
        &[("LANG", "de_DE.UTF-8")],
    );
    let report: Value = serde_json::from_slice(&german.stdout).unwrap();
    assert_eq!(
        report["findings"][0]["message"],
        "„Orion-7“ ist ein vertraulicher Codename."
    );
    // LC_ALL outranks LANG.
    let english = postlint_with(
        &["check", "--policy", &policy, "--format", "json"],
        "Orion-7",
        &[("LANG", "de_DE.UTF-8"), ("LC_ALL", "en_US.UTF-8")],
    );
    let report: Value = serde_json::from_slice(&english.stdout).unwrap();
    assert_eq!(
        report["findings"][0]["message"],
        "\"Orion-7\" is a confidential code name."
    );
}

#[test]
fn policy_test_passes_and_fails_with_the_findings_got() {
    let passing = postlint(&["policy", "test", &fixture("acme.json")], "");
    assert_eq!(passing.status.code(), Some(0), "{}", stdout(&passing));
    assert!(stdout(&passing).contains("2 passed, 0 failed"));

    let failing = postlint(&["policy", "test", &fixture("failing-test.json")], "");
    assert_eq!(failing.status.code(), Some(1));
    let out = stdout(&failing);
    assert!(out.contains("expects a finding that never comes"), "{out}");
    assert!(out.contains("acme.codenames"), "{out}");
    assert!(out.contains("0 passed, 1 failed"), "{out}");
}

#[test]
fn policy_test_failures_show_the_quote_and_count_expected_and_got() {
    let output = postlint(&["policy", "test", &fixture("overrides.json")], "");
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let out = stdout(&output);
    assert!(
        out.contains("FAILED /tests/1 \"Kranich is named once\""),
        "{out}"
    );
    assert!(
        out.contains("expected but not raised: acme.codenames \"Kranich\" ×1 (got 2)"),
        "{out}"
    );
    assert!(!out.contains("FAILED /tests/0"), "{out}");
    assert!(out.contains("1 passed, 1 failed"), "{out}");
}

#[test]
fn rules_show_prints_the_effective_rule_as_json() {
    let output = postlint(
        &[
            "rules",
            "--policy",
            &fixture("overrides.json"),
            "--show",
            "base.email",
        ],
        "",
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let rule: Value = serde_json::from_slice(&output.stdout).expect("the rule is JSON");
    assert_eq!(rule["id"], "base.email");
    assert_eq!(rule["kind"], "email");
    assert_eq!(rule["source"], "base");
    assert_eq!(rule["allow"], serde_json::json!(["presse@acme.example"]));
    let local_parts = rule["allow_local_parts"]
        .as_array()
        .expect("a default list in full");
    assert!(local_parts.contains(&Value::from("presse")));
    assert!(!local_parts.contains(&Value::from("press")));
    assert!(rule["allow_domains"]
        .as_array()
        .is_some_and(|domains| !domains.is_empty()));
    for lang in ["de", "en"] {
        assert!(rule["message"][lang].is_string(), "{rule}");
        assert!(rule["explanation"][lang].is_string(), "{rule}");
    }

    // The policy's own rule, with messages in both languages.
    let own = postlint(
        &[
            "rules",
            "--policy",
            &fixture("overrides.json"),
            "--show",
            "acme.codenames",
        ],
        "",
    );
    let own: Value = serde_json::from_slice(&own.stdout).expect("the rule is JSON");
    assert_eq!(own["source"], "policy");
    assert_eq!(own["terms"], serde_json::json!(["Kranich"]));
    assert_eq!(own["match"], "word");

    let unknown = postlint(
        &[
            "rules",
            "--policy",
            &fixture("overrides.json"),
            "--show",
            "base.emial",
        ],
        "",
    );
    assert_eq!(unknown.status.code(), Some(2));
    assert!(
        stderr(&unknown).contains("no rule has the id `base.emial` (did you mean `base.email`?)"),
        "{}",
        stderr(&unknown)
    );
}

#[test]
fn schema_describes_the_policy_document() {
    let output = postlint(&["policy", "schema"], "");
    assert_eq!(output.status.code(), Some(0));
    let schema: Value = serde_json::from_slice(&output.stdout).expect("the schema is JSON");
    let properties = &schema["properties"];
    for key in ["version", "organization", "rules", "overrides", "tests"] {
        assert!(properties.get(key).is_some(), "schema lacks {key}");
    }
}

#[test]
fn rules_lists_the_effective_rules() {
    let output = postlint(&["rules", "--policy", &fixture("acme.json")], "");
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let out = stdout(&output);
    let header = out.lines().next().unwrap();
    for column in ["ID", "KIND", "CATEGORY", "LEVEL", "SOURCE"] {
        assert!(header.contains(column), "{header}");
    }
    let codenames = out
        .lines()
        .find(|line| line.starts_with("acme.codenames"))
        .expect("the policy's rule is listed");
    for cell in ["terms", "confidential", "block"] {
        assert!(codenames.contains(cell), "{codenames}");
    }

    // Pack rules are listed with their pack, and overrides are applied.
    let with_packs = postlint(&["rules", "--policy", &fixture("acme-org.json")], "");
    assert_eq!(with_packs.status.code(), Some(0));
    let out = stdout(&with_packs);
    let row = |id: &str| -> Vec<String> {
        out.lines()
            .find(|line| line.split_whitespace().next() == Some(id))
            .unwrap_or_else(|| panic!("{id} missing in:\n{out}"))
            .split_whitespace()
            .map(str::to_owned)
            .collect()
    };
    assert_eq!(
        row("org.disclosure"),
        [
            "org.disclosure",
            "require",
            "disclosure",
            "warn",
            "yes",
            "organization"
        ]
    );
    // The pack says hint; the policy's override says warn.
    assert_eq!(row("org.brand")[3], "warn");
}

#[test]
fn document_level_findings_have_no_source_line() {
    // Mentioning the company without saying one works there is a finding
    // about the whole text: no span, no source line, a fix that appends.
    let policy = fixture("acme-org.json");
    let text = "Roadrunner from Acme is the best product this year.";
    let json = postlint(
        &[
            "check",
            "--policy",
            &policy,
            "--platform",
            "linkedin",
            "--format",
            "json",
        ],
        text,
    );
    assert_eq!(json.status.code(), Some(1));
    let report: Value = serde_json::from_slice(&json.stdout).unwrap();
    let disclosure = &report["findings"][0];
    assert_eq!(disclosure["rule"], "org.disclosure");
    assert!(disclosure["span"].is_null());
    assert!(disclosure["quote"].is_null());
    assert!(disclosure["suggestions"][0]["span"].is_null());

    let text_output = postlint(
        &["check", "--policy", &policy, "--platform", "linkedin"],
        text,
    );
    let out = stdout(&text_output);
    assert!(
        out.starts_with("warn[org.disclosure] disclosure: "),
        "{out}"
    );
    assert_eq!(out.lines().nth(1), Some(" --> <stdin> (whole text)"));
    assert!(!out.contains(" | "), "no source line: {out}");
    assert!(out.contains("help: Append"), "{out}");
}

#[test]
fn the_check_date_is_the_day_in_the_policys_time_zone() {
    let policy = fixture("quiet-period-berlin.json");
    let check = |when: &[&str], text: &str| {
        let mut args = vec!["check", "--policy", &policy, "--format", "json"];
        args.extend_from_slice(when);
        postlint(&args, text)
    };
    let raised = |output: &Output| -> Vec<String> {
        let report: Value = serde_json::from_str(&stdout(output)).expect("a JSON report");
        report["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .map(|finding| finding["rule"].as_str().unwrap_or_default().to_owned())
            .collect()
    };
    // 23:30 UTC on the 14th is 00:30 on the 15th in Berlin: inside the window.
    for (when, text) in [
        (
            ["--at", "2026-12-14T23:30Z"],
            "Die Quartalszahlen sind gut.",
        ),
        (
            ["--at", "2026-12-15T00:30+01:00"],
            "Our quarterly results are good.",
        ),
        (["--date", "2026-12-15"], "Die Quartalszahlen sind gut."),
    ] {
        let output = check(&when, text);
        assert_eq!(
            output.status.code(),
            Some(1),
            "{when:?}: {}",
            stderr(&output)
        );
        assert_eq!(raised(&output), ["acme.quiet"], "{when:?}");
    }
    // 22:30 UTC on the 14th is still the 14th in Berlin.
    for (when, text) in [
        (
            ["--at", "2026-12-14T22:30Z"],
            "Die Quartalszahlen sind gut.",
        ),
        (["--date", "2026-12-14"], "Our quarterly results are good."),
    ] {
        let output = check(&when, text);
        assert_eq!(
            output.status.code(),
            Some(0),
            "{when:?}: {}",
            stderr(&output)
        );
        assert!(raised(&output).is_empty(), "{when:?}");
    }
    let bad = check(&["--at", "2026-12-14 late"], "x");
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        stderr(&bad).contains("is not an instant"),
        "{}",
        stderr(&bad)
    );
    let both = check(&["--at", "2026-12-14T23:30Z", "--date", "2026-12-15"], "x");
    assert_eq!(both.status.code(), Some(2));
}

#[test]
fn checks_a_profile_field_with_its_own_rules_and_limit() {
    let policy = format!("{}/../examples/policy.json", env!("CARGO_MANIFEST_DIR"));
    let headline = |text: &str| {
        let output = postlint(
            &[
                "check",
                "--policy",
                &policy,
                "--platform",
                "linkedin",
                "--surface",
                "profile",
                "--field",
                "headline",
                "--format",
                "json",
            ],
            text,
        );
        serde_json::from_slice::<Value>(&output.stdout).unwrap()
    };
    let misspelt = headline("Product Manager at LUMEN mobility");
    assert_eq!(misspelt["findings"][0]["rule"], "org.profile-name");
    assert_eq!(
        misspelt["findings"][0]["suggestions"][0]["replacement"],
        "Lumen Mobility"
    );
    assert_eq!(misspelt["length"]["limit"], 220);
    // The same text as a post is the brand hint, not the profile rule.
    let post = postlint(
        &[
            "check",
            "--policy",
            &policy,
            "--platform",
            "linkedin",
            "--format",
            "json",
        ],
        "Product Manager at LUMEN mobility",
    );
    let post: Value = serde_json::from_slice(&post.stdout).unwrap();
    let rules: Vec<&str> = post["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|finding| finding["rule"].as_str())
        .collect();
    assert!(
        rules.contains(&"org.brand") && !rules.contains(&"org.profile-name"),
        "{rules:?}"
    );

    let without_surface = postlint(&["check", "--field", "bio"], "Views are my own");
    assert_eq!(without_surface.status.code(), Some(2));
    assert!(stderr(&without_surface).contains("--surface profile"));
}

/// The example policy's `sales` department, from the command line.
fn example_policy() -> String {
    common::repo_root()
        .join("examples/policy.json")
        .display()
        .to_string()
}

#[test]
fn department_adds_its_rules_to_check_and_rules() {
    let policy = example_policy();
    let text = "Heute haben wir FleetCo die neue Flotte übergeben! #LumenTeam";
    let base = ["check", "--policy", &policy, "--platform", "linkedin"];
    let rules_of = |output: &Output| -> Vec<String> {
        let report: Value = serde_json::from_str(&stdout(output)).expect("JSON report");
        report["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .map(|finding| finding["rule"].as_str().unwrap_or_default().to_owned())
            .collect()
    };
    let sales = postlint(
        &[&base[..], &["--department", "sales", "--format", "json"]].concat(),
        text,
    );
    assert_eq!(sales.status.code(), Some(1), "{}", stderr(&sales));
    assert_eq!(rules_of(&sales), ["lumen.sales-customers"]);
    let everyone = postlint(&[&base[..], &["--format", "json"]].concat(), text);
    assert_eq!(everyone.status.code(), Some(0), "{}", stderr(&everyone));
    assert!(rules_of(&everyone).is_empty());

    let listed = |args: &[&str]| -> Vec<String> {
        let output = postlint(&[&["rules", "--policy", &policy][..], args].concat(), "");
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        stdout(&output)
            .lines()
            .skip(1)
            .filter_map(|line| line.split_whitespace().next().map(str::to_owned))
            .collect()
    };
    assert!(listed(&["--department", "sales"]).contains(&"lumen.sales-customers".to_owned()));
    assert!(!listed(&[]).contains(&"lumen.sales-customers".to_owned()));
    let shown = postlint(
        &[
            "rules",
            "--policy",
            &policy,
            "--department",
            "sales",
            "--show",
            "lumen.codenames",
        ],
        "",
    );
    let rule: Value = serde_json::from_str(&stdout(&shown)).expect("JSON rule");
    assert!(rule["terms"]
        .as_array()
        .expect("terms")
        .contains(&Value::from("Seestern")));
}

#[test]
fn an_unknown_department_is_an_error_with_a_suggestion() {
    let policy = example_policy();
    for args in [
        vec!["check", "--policy", &policy, "--department", "sale"],
        vec!["rules", "--policy", &policy, "--department", "sale"],
    ] {
        let output = postlint(&args, "FleetCo");
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&output).contains("no department has the id `sale` (did you mean `sales`?)"),
            "{}",
            stderr(&output)
        );
    }
    let none = postlint(&["check", "--department", "sales"], "hi");
    assert_eq!(none.status.code(), Some(2));
    assert!(stderr(&none).contains("the policy defines no `departments`"));
}
