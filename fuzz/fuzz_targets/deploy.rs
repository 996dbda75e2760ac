//! `deploy`: the deploy generators with arbitrary options (extension id,
//! URLs, contact, extra sites, browser, OS) and an organization name and
//! revision of arbitrary text. No panic; every artifact is well-formed for
//! its format and carries the policy unchanged.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use postlint_deploy::{artifact, Browser, Options, Os};
use serde_json::{json, Value};

#[derive(Arbitrary, Debug)]
struct Input {
    browser: u8,
    os: u8,
    extension_id: String,
    policy_url: Option<String>,
    refresh_minutes: Option<u32>,
    allow_pause: bool,
    allow_department_choice: bool,
    support_contact: Option<String>,
    install_url: Option<String>,
    forcelist_index: u32,
    force_install: bool,
    organization: String,
    revision: String,
}

fuzz_target!(|input: Input| {
    let browser =
        [Browser::Chrome, Browser::Edge, Browser::Firefox][usize::from(input.browser % 3)];
    let os = [
        None,
        Some(Os::Windows),
        Some(Os::Macos),
        Some(Os::Linux),
        Some(Os::Any),
    ][usize::from(input.os % 5)];
    let source = json!({
        "version": 1, "revision": input.revision,
        "organization": {"name": input.organization},
        "rules": [{"id": "fuzz.codename", "kind": "terms", "category": "confidential",
                   "message": {"en": "m"}, "explanation": {"en": "e"}, "terms": ["Orion-7"]}]
    })
    .to_string();
    let Ok(policy) = checker_core::Policy::from_json(&source) else {
        return; // an empty organization name, say: the CLI stops before deploying
    };
    let options = Options {
        browser,
        os,
        extension_id: input.extension_id,
        policy_url: input.policy_url,
        refresh_minutes: input.refresh_minutes,
        allow_pause: input.allow_pause,
        support_contact: input.support_contact,
        // The fuzzed policy defines no departments, so only "none" is valid.
        department: None,
        allow_department_choice: input.allow_department_choice,
        nudges: None,
        install_url: input.install_url,
        forcelist_index: input.forcelist_index,
        force_install: input.force_install,
    };
    let Ok(made) = artifact(&policy, &source, false, &options) else {
        return;
    };
    let embedded = options.policy_url.is_none();
    let expected: Value = serde_json::from_str(&source).expect("the source is JSON");
    let carries_policy = |text: &str| !embedded || text.contains("Orion-7");
    match made.encoding {
        "utf-16le" => {
            let bytes = &made.bytes;
            assert!(
                bytes.len() % 2 == 0 && bytes.starts_with(&[0xff, 0xfe]),
                "no UTF-16LE BOM"
            );
            let units: Vec<u16> = bytes[2..]
                .chunks_exact(2)
                .map(|pair| u16::from_le_bytes([pair[0], pair[1]]))
                .collect();
            let text = String::from_utf16(&units).expect(".reg is valid UTF-16");
            assert!(text.starts_with("Windows Registry Editor Version 5.00"));
            // One value per line: nothing a user typed may start a new one.
            for line in text.lines().filter(|line| !line.is_empty()) {
                assert!(
                    line.starts_with(['[', '"', ';', 'W', '@']),
                    "a stray .reg line: {line:?}"
                );
            }
            assert!(carries_policy(&text));
        }
        _ if made.file_name.ends_with(".mobileconfig") => {
            let profile: plist::Value =
                plist::from_bytes(&made.bytes).expect("a .mobileconfig is a valid plist");
            assert!(profile.as_dictionary().is_some());
        }
        _ => {
            let text = std::str::from_utf8(&made.bytes).expect("UTF-8");
            let parsed: Value = serde_json::from_str(text).expect("the artifact is JSON");
            if embedded {
                assert!(
                    contains_policy(&parsed, &expected),
                    "the policy is not carried unchanged"
                );
            }
        }
    }
});

/// Whether some string in `value` is the policy's JSON, unchanged.
fn contains_policy(value: &Value, policy: &Value) -> bool {
    match value {
        Value::String(text) => serde_json::from_str::<Value>(text).is_ok_and(|v| &v == policy),
        Value::Array(items) => items.iter().any(|item| contains_policy(item, policy)),
        Value::Object(map) => map.values().any(|item| contains_policy(item, policy)),
        _ => false,
    }
}
