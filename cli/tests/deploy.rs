//! `postlint deploy` as an admin runs it: every artifact is read back the way
//! the browser or the OS reads it, and must carry the policy unchanged.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

use common::{fixture, repo_root};

const CHROME_ID: &str = "abcdefghijklmnopabcdefghijklmnop";
const GECKO_ID: &str = "postlint@acme.example";

/// The policy with backslashes, quotes and umlauts: the characters that each
/// format has to escape.
fn example_policy() -> String {
    repo_root()
        .join("docs/admin/example-policy.json")
        .display()
        .to_string()
}

/// Runs `postlint deploy` from the repository root, where the guide's
/// commands run.
fn deploy(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_postlint"))
        .current_dir(repo_root())
        .arg("deploy")
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("postlint runs")
}

/// Runs a deploy that must succeed and returns what it printed.
fn artifact(args: &[&str]) -> Vec<u8> {
    let output = deploy(args);
    assert!(
        output.status.success(),
        "postlint deploy {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output.stdout
}

fn json_artifact(args: &[&str]) -> Value {
    serde_json::from_slice(&artifact(args)).expect("the artifact is JSON")
}

fn read_json(path: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).expect("readable")).expect("JSON")
}

/// The embedded policy must be the file's JSON, unchanged, and its keys in
/// the file's order (what the admin wrote is what the employees' browsers get).
fn assert_carries_policy(embedded: &str, policy_file: &str) {
    let embedded_value: Value = serde_json::from_str(embedded).expect("the policy is JSON");
    assert_eq!(embedded_value, read_json(policy_file));
    assert!(
        embedded.starts_with(r#"{"version":1,"revision":"#),
        "{embedded}"
    );
}

// ---------------------------------------------------------------------------
// The managed storage schema and Chrome's dialect

fn managed_schema() -> Value {
    read_json(
        &repo_root()
            .join("extension/managed-schema.json")
            .display()
            .to_string(),
    )
}

const CHROME_TYPES: [&str; 6] = ["object", "array", "string", "integer", "number", "boolean"];
const CHROME_KEYWORDS: [&str; 12] = [
    "type",
    "properties",
    "patternProperties",
    "additionalProperties",
    "required",
    "items",
    "enum",
    "pattern",
    "minimum",
    "maximum",
    "id",
    "$ref",
];

/// Chrome ignores keywords it does not know and rejects a schema without
/// exactly one `type` or a `$ref`; a rejected schema means no policy at all.
fn assert_chrome_dialect(schema: &Value, path: &str) {
    let object = schema
        .as_object()
        .unwrap_or_else(|| panic!("{path}: not an object"));
    for key in object.keys() {
        assert!(
            CHROME_KEYWORDS.contains(&key.as_str()),
            "{path}: `{key}` is outside Chrome's schema dialect"
        );
    }
    let has_ref = object.contains_key("$ref");
    match object.get("type") {
        Some(Value::String(kind)) => {
            assert!(!has_ref, "{path}: both type and $ref");
            assert!(CHROME_TYPES.contains(&kind.as_str()), "{path}: type {kind}");
        }
        Some(other) => panic!("{path}: type must be one string, not {other}"),
        None => assert!(has_ref, "{path}: neither type nor $ref"),
    }
    if let Some(properties) = object.get("properties") {
        for (name, property) in properties.as_object().expect("properties is an object") {
            assert_chrome_dialect(property, &format!("{path}/properties/{name}"));
        }
    }
    if let Some(items) = object.get("items") {
        assert_chrome_dialect(items, &format!("{path}/items"));
    }
}

/// Whether `value` fits `schema` the way Chrome checks it; a value that does
/// not fit is silently dropped by Chrome.
fn fits(value: &Value, schema: &Value) -> bool {
    let type_fits = match schema["type"].as_str().expect("a type") {
        "object" => value.is_object(),
        "array" => value.is_array(),
        "string" => value.is_string(),
        "integer" => value.is_i64() || value.is_u64(),
        "number" => value.is_number(),
        "boolean" => value.is_boolean(),
        other => panic!("unknown type {other}"),
    };
    let properties_fit = match (value.as_object(), schema["properties"].as_object()) {
        (Some(entries), Some(properties)) => entries.iter().all(|(name, entry)| {
            properties
                .get(name)
                .is_some_and(|property| fits(entry, property))
        }),
        _ => true,
    };
    let items_fit = match value.as_array() {
        Some(items) => items.iter().all(|item| fits(item, &schema["items"])),
        None => true,
    };
    type_fits && properties_fit && items_fit
}

#[test]
fn managed_schema_stays_within_chromes_dialect() {
    let schema = managed_schema();
    assert_chrome_dialect(&schema, "");
    assert_eq!(schema["type"], "object");
    assert!(
        schema.get("additionalProperties").is_none(),
        "Chrome rejects additionalProperties at the top level"
    );
    let mut keys: Vec<&str> = schema["properties"]
        .as_object()
        .expect("properties")
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "allowDepartmentChoice",
            "allowPause",
            "department",
            "nudges",
            "policy",
            "policyRefreshMinutes",
            "policyUrl",
            "supportContact"
        ]
    );
}

#[test]
fn every_artifact_fits_the_managed_schema() {
    let schema = managed_schema();
    let options = [
        "--allow-pause",
        "--support-contact",
        "Social media team <social@acme.example>",
        "--nudges",
        "off",
    ];
    let inline = json_artifact(
        &[
            &[
                example_policy().as_str(),
                "--browser",
                "chrome",
                "--os",
                "linux",
            ],
            &["--extension-id", CHROME_ID][..],
            &options[..],
        ]
        .concat(),
    );
    let hosted = json_artifact(
        &[
            &[example_policy().as_str(), "--browser", "firefox"],
            &["--extension-id", GECKO_ID][..],
            &["--policy-url", "https://policy.acme.example/postlint.json"][..],
            &["--refresh-minutes", "30"][..],
            &options[..],
        ]
        .concat(),
    );
    let inline_values = &inline["3rdparty"]["extensions"][CHROME_ID];
    let hosted_values = &hosted["policies"]["3rdparty"]["Extensions"][GECKO_ID];
    for values in [inline_values, hosted_values] {
        assert!(fits(values, &schema), "{values} does not fit the schema");
        assert_eq!(values["allowPause"], true);
        assert_eq!(
            values["supportContact"],
            "Social media team <social@acme.example>"
        );
    }
    assert_eq!(hosted_values["policyRefreshMinutes"], 30);
    // The check itself notices a misfit.
    assert!(!fits(&serde_json::json!({"allowPause": "yes"}), &schema));
    assert!(!fits(
        &serde_json::json!({"policyRefreshMinutes": "often"}),
        &schema
    ));
}

// ---------------------------------------------------------------------------
// Linux, Google Admin console, Firefox

#[test]
fn linux_json_carries_the_policy_and_force_installs() {
    let policy = example_policy();
    let managed = json_artifact(&[
        &policy,
        "--browser",
        "chrome",
        "--os",
        "linux",
        "--extension-id",
        CHROME_ID,
    ]);
    let values = &managed["3rdparty"]["extensions"][CHROME_ID];
    assert_carries_policy(values["policy"].as_str().expect("a string"), &policy);
    assert_eq!(values["allowPause"], false);
    assert!(values.get("policyUrl").is_none());
    assert_eq!(
        managed["ExtensionInstallForcelist"],
        serde_json::json!([format!(
            "{CHROME_ID};https://clients2.google.com/service/update2/crx"
        )])
    );

    let edge_self_hosted = json_artifact(&[
        &policy,
        "--browser",
        "edge",
        "--os",
        "linux",
        "--extension-id",
        CHROME_ID,
        "--install-url",
        "https://intranet.acme.example/postlint/update.xml",
    ]);
    assert_eq!(
        edge_self_hosted["ExtensionInstallForcelist"][0],
        format!("{CHROME_ID};https://intranet.acme.example/postlint/update.xml")
    );

    let configure_only = json_artifact(&[
        &policy,
        "--browser",
        "chrome",
        "--os",
        "linux",
        "--extension-id",
        CHROME_ID,
        "--no-force-install",
    ]);
    assert!(configure_only.get("ExtensionInstallForcelist").is_none());
}

#[test]
fn yaml_policies_are_embedded_as_json() {
    let yaml = fixture("acme.yaml");
    let managed = json_artifact(&[
        &yaml,
        "--browser",
        "chrome",
        "--os",
        "linux",
        "--extension-id",
        CHROME_ID,
    ]);
    let embedded: Value = serde_json::from_str(
        managed["3rdparty"]["extensions"][CHROME_ID]["policy"]
            .as_str()
            .expect("a string"),
    )
    .expect("JSON");
    let source: Value =
        checker_core::yaml::yaml_to_json(&std::fs::read_to_string(&yaml).expect("readable"))
            .expect("YAML");
    assert_eq!(embedded, source);
}

#[test]
fn google_admin_console_wraps_each_value() {
    let policy = example_policy();
    let console = json_artifact(&[
        &policy,
        "--browser",
        "chrome",
        "--os",
        "any",
        "--extension-id",
        CHROME_ID,
    ]);
    assert_carries_policy(
        console["policy"]["Value"].as_str().expect("a string"),
        &policy,
    );
    assert_eq!(console["allowPause"], serde_json::json!({"Value": false}));
}

#[test]
fn firefox_policies_json_carries_the_policy_and_force_installs() {
    let policy = example_policy();
    let from_amo = json_artifact(&[&policy, "--browser", "firefox", "--extension-id", GECKO_ID]);
    assert_carries_policy(
        from_amo["policies"]["3rdparty"]["Extensions"][GECKO_ID]["policy"]
            .as_str()
            .expect("a string"),
        &policy,
    );
    assert_eq!(
        from_amo["policies"]["ExtensionSettings"][GECKO_ID],
        serde_json::json!({"installation_mode": "force_installed"})
    );

    // The same file whatever the OS; a self-hosted .xpi gets its URL.
    let self_hosted = json_artifact(&[
        &policy,
        "--browser",
        "firefox",
        "--os",
        "windows",
        "--extension-id",
        "{6b0e4e8a-2c3f-4a8e-9d6b-0c1e2f3a4b5c}",
        "--install-url",
        "https://intranet.acme.example/postlint.xpi",
    ]);
    assert_eq!(
        self_hosted["policies"]["ExtensionSettings"]["{6b0e4e8a-2c3f-4a8e-9d6b-0c1e2f3a4b5c}"]
            ["install_url"],
        "https://intranet.acme.example/postlint.xpi"
    );
}

// ---------------------------------------------------------------------------
// Windows .reg

/// A `.reg` file as regedit reads it: keys (a leading `-` deletes) and their
/// values. Written here because no crate parses the format.
#[derive(Debug, Default)]
struct RegFile {
    deleted_keys: Vec<String>,
    keys: Vec<(String, Vec<(String, RegData)>)>,
}

#[derive(Debug, PartialEq)]
enum RegData {
    String(String),
    Dword(u32),
}

/// Reads a quoted .reg string starting at `text[0] == '"'`; returns the
/// unescaped content and the rest after the closing quote.
fn read_reg_string(text: &str) -> (String, &str) {
    let mut chars = text.char_indices();
    assert_eq!(chars.next().map(|(_, c)| c), Some('"'), "{text}");
    let mut content = String::new();
    while let Some((index, c)) = chars.next() {
        match c {
            '\\' => {
                let (_, escaped) = chars.next().expect("an escaped character");
                assert!(
                    matches!(escaped, '\\' | '"'),
                    "only \\\\ and \\\" are escapes in .reg strings"
                );
                content.push(escaped);
            }
            '"' => return (content, &text[index + 1..]),
            other => content.push(other),
        }
    }
    panic!("unterminated string: {text}");
}

fn parse_reg(bytes: &[u8]) -> RegFile {
    assert_eq!(&bytes[..2], &[0xFF, 0xFE], "UTF-16LE byte order mark");
    let units: Vec<u16> = bytes[2..]
        .chunks_exact(2)
        .map(|pair| u16::from_le_bytes([pair[0], pair[1]]))
        .collect();
    let text = String::from_utf16(&units).expect("valid UTF-16");
    assert!(
        !text.replace("\r\n", "").contains('\n'),
        "every line ends in CRLF"
    );
    let mut lines = text.split("\r\n");
    assert_eq!(lines.next(), Some("Windows Registry Editor Version 5.00"));
    let mut reg = RegFile::default();
    for line in lines {
        if line.is_empty() || line.starts_with(';') {
            continue;
        }
        if let Some(key) = line.strip_prefix("[-").and_then(|l| l.strip_suffix(']')) {
            reg.deleted_keys.push(key.to_owned());
        } else if let Some(key) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            reg.keys.push((key.to_owned(), Vec::new()));
        } else {
            let (name, rest) = read_reg_string(line);
            let data = rest.strip_prefix('=').expect("name=data");
            let data = if let Some(hex) = data.strip_prefix("dword:") {
                assert_eq!(hex.len(), 8, "dword data has 8 hex digits");
                RegData::Dword(u32::from_str_radix(hex, 16).expect("hex"))
            } else {
                let (content, after) = read_reg_string(data);
                assert!(after.is_empty(), "nothing after the string: {line}");
                RegData::String(content)
            };
            reg.keys
                .last_mut()
                .expect("a value belongs to a key")
                .1
                .push((name, data));
        }
    }
    reg
}

fn reg_value<'a>(reg: &'a RegFile, key: &str, name: &str) -> Option<&'a RegData> {
    reg.keys
        .iter()
        .find(|(candidate, _)| candidate == key)?
        .1
        .iter()
        .find(|(candidate, _)| candidate == name)
        .map(|(_, data)| data)
}

#[test]
fn windows_reg_escapes_the_policy_json_exactly() {
    let policy = example_policy();
    let reg = parse_reg(&artifact(&[
        &policy,
        "--browser",
        "chrome",
        "--os",
        "windows",
        "--extension-id",
        CHROME_ID,
        "--support-contact",
        r#"IT "Social" \ Desk"#,
    ]));
    let key = format!(
        r"HKEY_LOCAL_MACHINE\SOFTWARE\Policies\Google\Chrome\3rdparty\extensions\{CHROME_ID}\policy"
    );
    // An earlier deployment's values go first, so a stale inline policy
    // cannot shadow a new one.
    assert_eq!(reg.deleted_keys, std::slice::from_ref(&key));
    let Some(RegData::String(embedded)) = reg_value(&reg, &key, "policy") else {
        panic!("no policy REG_SZ in {reg:?}");
    };
    // The example policy has backslashes (`\\b`), quotes and umlauts.
    assert!(embedded.contains(r#"\\bACME-\\d{3,6}\\b"#), "{embedded}");
    assert!(embedded.contains("persönliche"));
    assert_carries_policy(embedded, &policy);
    assert_eq!(
        reg_value(&reg, &key, "supportContact"),
        Some(&RegData::String(r#"IT "Social" \ Desk"#.into()))
    );
    assert_eq!(
        reg_value(&reg, &key, "allowPause"),
        Some(&RegData::Dword(0))
    );
    assert_eq!(
        reg_value(
            &reg,
            r"HKEY_LOCAL_MACHINE\SOFTWARE\Policies\Google\Chrome\ExtensionInstallForcelist",
            "1"
        ),
        Some(&RegData::String(format!(
            "{CHROME_ID};https://clients2.google.com/service/update2/crx"
        )))
    );
}

#[test]
fn windows_reg_for_edge_with_a_policy_url() {
    let reg = parse_reg(&artifact(&[
        &example_policy(),
        "--browser",
        "edge",
        "--os",
        "windows",
        "--extension-id",
        CHROME_ID,
        "--policy-url",
        "https://policy.acme.example/postlint.json",
        "--allow-pause",
        "--forcelist-index",
        "3",
    ]));
    let key = format!(
        r"HKEY_LOCAL_MACHINE\SOFTWARE\Policies\Microsoft\Edge\3rdparty\extensions\{CHROME_ID}\policy"
    );
    // With a URL the file is only validated: an inline copy would win over
    // the URL and freeze the policy.
    assert_eq!(reg_value(&reg, &key, "policy"), None);
    assert_eq!(
        reg_value(&reg, &key, "policyUrl"),
        Some(&RegData::String(
            "https://policy.acme.example/postlint.json".into()
        ))
    );
    assert_eq!(
        reg_value(&reg, &key, "policyRefreshMinutes"),
        Some(&RegData::Dword(60))
    );
    assert_eq!(
        reg_value(&reg, &key, "allowPause"),
        Some(&RegData::Dword(1))
    );
    assert_eq!(
        reg_value(
            &reg,
            r"HKEY_LOCAL_MACHINE\SOFTWARE\Policies\Microsoft\Edge\ExtensionInstallForcelist",
            "3"
        ),
        Some(&RegData::String(format!(
            "{CHROME_ID};https://edge.microsoft.com/extensionwebstorage/v1/crx"
        )))
    );
}

// ---------------------------------------------------------------------------
// macOS .mobileconfig

fn payloads(profile: &plist::Value) -> &Vec<plist::Value> {
    profile
        .as_dictionary()
        .and_then(|dict| dict.get("PayloadContent"))
        .and_then(plist::Value::as_array)
        .expect("PayloadContent is an array")
}

fn string_at<'a>(dict: &'a plist::Value, key: &str) -> &'a str {
    dict.as_dictionary()
        .and_then(|dict| dict.get(key))
        .and_then(plist::Value::as_string)
        .unwrap_or_else(|| panic!("no string {key}"))
}

#[test]
fn mobileconfig_parses_and_carries_the_policy() {
    let policy = example_policy();
    let args = [
        policy.as_str(),
        "--browser",
        "chrome",
        "--os",
        "macos",
        "--extension-id",
        CHROME_ID,
    ];
    let bytes = artifact(&args);
    let profile = plist::Value::from_reader_xml(bytes.as_slice()).expect("the profile parses");
    assert_eq!(string_at(&profile, "PayloadType"), "Configuration");
    assert_eq!(string_at(&profile, "PayloadOrganization"), "Acme");
    let [configuration, install] = payloads(&profile).as_slice() else {
        panic!("two payloads");
    };
    assert_eq!(
        string_at(configuration, "PayloadType"),
        format!("com.google.Chrome.extensions.{CHROME_ID}")
    );
    assert_carries_policy(string_at(configuration, "policy"), &policy);
    assert_eq!(
        configuration
            .as_dictionary()
            .and_then(|dict| dict.get("allowPause")),
        Some(&plist::Value::Boolean(false))
    );
    assert_eq!(string_at(install, "PayloadType"), "com.google.Chrome");

    // UUIDs: valid, distinct, and the same on every run, so that an MDM
    // replaces the profile instead of installing a second one.
    let uuids: Vec<&str> = [&profile, configuration, install]
        .into_iter()
        .map(|dict| string_at(dict, "PayloadUUID"))
        .collect();
    for uuid in &uuids {
        assert!(uuid::Uuid::try_parse(uuid).is_ok(), "{uuid}");
    }
    assert!(uuids[0] != uuids[1] && uuids[1] != uuids[2] && uuids[0] != uuids[2]);
    assert_eq!(artifact(&args), bytes);

    let edge = plist::Value::from_reader_xml(
        artifact(&[
            &policy,
            "--browser",
            "edge",
            "--os",
            "macos",
            "--extension-id",
            CHROME_ID,
        ])
        .as_slice(),
    )
    .expect("the profile parses");
    assert_eq!(
        string_at(&payloads(&edge)[0], "PayloadType"),
        format!("com.microsoft.Edge.extensions.{CHROME_ID}")
    );
    assert_ne!(string_at(&edge, "PayloadUUID"), uuids[0]);
}

// ---------------------------------------------------------------------------
// Refusals

#[test]
fn an_invalid_policy_is_refused_with_its_json_paths() {
    let out = std::env::temp_dir().join(format!("postlint-deploy-{}.json", std::process::id()));
    let output = deploy(&[
        &fixture("invalid.json"),
        "--browser",
        "chrome",
        "--os",
        "linux",
        "--extension-id",
        CHROME_ID,
        "--out",
        &out.display().to_string(),
    ]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    // As `postlint policy validate` reports them: path, line:column, hint.
    assert!(
        stderr.contains("invalid.json:12:7: error: /rules/0/levle"),
        "{stderr}"
    );
    assert!(stderr.contains("hint: did you mean `level`?"), "{stderr}");
    assert!(output.stdout.is_empty());
    assert!(!out.exists(), "nothing is written for an invalid policy");
}

#[test]
fn bad_options_are_refused() {
    let policy = example_policy();
    let refused = |args: &[&str], expected: &str| {
        let output = deploy(&[&[policy.as_str()][..], args].concat());
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(expected), "{args:?}: {stderr}");
    };
    let chrome = ["--browser", "chrome", "--os", "linux", "--extension-id"];
    refused(
        &[&chrome[..], &["postlint@acme.example"]].concat(),
        "32 letters a–p",
    );
    refused(
        &["--browser", "firefox", "--extension-id", CHROME_ID],
        "not a Firefox add-on id",
    );
    refused(
        &["--browser", "chrome", "--extension-id", CHROME_ID],
        "--os is required",
    );
    refused(
        &[
            "--browser",
            "edge",
            "--os",
            "any",
            "--extension-id",
            CHROME_ID,
        ],
        "no OS-independent format",
    );
    refused(
        &[
            &chrome[..],
            &[
                CHROME_ID,
                "--policy-url",
                "http://policy.acme.example/p.json",
            ],
        ]
        .concat(),
        "must be an https:// URL",
    );
    refused(
        &[&chrome[..], &[CHROME_ID, "--support-contact", "two\nlines"]].concat(),
        "one line",
    );
    refused(
        &[
            &chrome[..],
            &[
                CHROME_ID,
                "--policy-url",
                "https://p.acme.example/",
                "--refresh-minutes",
                "5",
            ],
        ]
        .concat(),
        "--refresh-minutes",
    );
    // Loopback over plain http is allowed, for testing.
    let output = deploy(
        &[
            &[policy.as_str()][..],
            &chrome[..],
            &[
                CHROME_ID,
                "--policy-url",
                "http://127.0.0.1:8080/policy.json",
            ],
        ]
        .concat(),
    );
    assert!(output.status.success());
}

// ---------------------------------------------------------------------------
// The admin guide: its snippets are this command's real output

/// Splits a shell command line with single and double quotes (no escapes),
/// the subset the guide uses.
fn shell_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word: Option<String> = None;
    let mut quote: Option<char> = None;
    for c in line.chars() {
        match (quote, c) {
            (Some(open), c) if c == open => quote = None,
            (Some(_), c) => word.get_or_insert_with(String::new).push(c),
            (None, '\'' | '"') => {
                quote = Some(c);
                word.get_or_insert_with(String::new);
            }
            (None, c) if c.is_whitespace() => words.extend(word.take()),
            (None, c) => word.get_or_insert_with(String::new).push(c),
        }
    }
    assert!(quote.is_none(), "unterminated quote in {line}");
    words.extend(word);
    words
}

/// The `postlint deploy …` commands in the guide's `sh` blocks, with line
/// continuations joined.
fn guide_commands(guide: &str) -> Vec<Vec<String>> {
    let mut commands = Vec::new();
    let mut in_shell_block = false;
    for line in guide.replace("\\\n", " ").lines() {
        if line.starts_with("```") {
            in_shell_block = line == "```sh";
        } else if let Some(args) = line.strip_prefix("postlint deploy ") {
            if in_shell_block {
                commands.push(shell_words(args));
            }
        }
    }
    commands
}

/// The text of a generated file as the guide shows it.
fn shown_text(path: &Path) -> String {
    let bytes = std::fs::read(path).expect("readable");
    if path.extension().is_some_and(|extension| extension == "reg") {
        let units: Vec<u16> = bytes[2..]
            .chunks_exact(2)
            .map(|pair| u16::from_le_bytes([pair[0], pair[1]]))
            .collect();
        String::from_utf16(&units)
            .expect("UTF-16")
            .replace("\r\n", "\n")
    } else {
        String::from_utf8(bytes).expect("UTF-8")
    }
}

/// Every `postlint deploy` command in docs/admin.md is run again; its output
/// must equal the committed file it names with `--out`, and every block
/// marked `<!-- docs/admin/FILE -->` must show that file. Set
/// `POSTLINT_BLESS=1` to rewrite the files after an intended change.
#[test]
fn the_admin_guide_shows_real_deploy_output() {
    let root = repo_root();
    let guide = std::fs::read_to_string(root.join("docs/admin.md")).expect("docs/admin.md");
    let bless = std::env::var_os("POSTLINT_BLESS").is_some();
    let commands = guide_commands(&guide);
    assert!(commands.len() >= 5, "the guide shows the deploy commands");
    let mut generated = Vec::new();
    for words in commands {
        let out_at = words
            .iter()
            .position(|word| word == "--out")
            .expect("every command in the guide writes a file with --out");
        let committed = root.join(&words[out_at + 1]);
        let mut args: Vec<String> = words.clone();
        args.drain(out_at..out_at + 2);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let produced = artifact(&args);
        if bless {
            std::fs::write(&committed, &produced).expect("writable");
        }
        let on_disk = std::fs::read(&committed)
            .unwrap_or_else(|_| panic!("{} is missing", committed.display()));
        assert!(
            on_disk == produced,
            "{} differs from `postlint deploy {}`; rerun with POSTLINT_BLESS=1 if intended",
            committed.display(),
            args.join(" ")
        );
        generated.push(committed);
    }

    // Nothing in docs/admin/ is left over from an old command.
    for entry in std::fs::read_dir(root.join("docs/admin")).expect("docs/admin") {
        let path = entry.expect("an entry").path();
        if path
            .file_name()
            .is_some_and(|name| name == "example-policy.json")
        {
            continue;
        }
        assert!(
            generated.contains(&path),
            "{} is not produced by a command in the guide",
            path.display()
        );
    }

    // The blocks the guide shows are the files.
    let (expected_guide, shown) = guide_with_files_shown(&guide, &root);
    assert!(shown.len() >= 4, "the guide shows the generated files");
    if bless {
        std::fs::write(root.join("docs/admin.md"), &expected_guide).expect("writable");
        return;
    }
    let stale: Vec<&String> = shown
        .iter()
        .filter(|(_, text)| !guide.contains(text.as_str()))
        .map(|(file, _)| file)
        .collect();
    assert!(stale.is_empty(), "docs/admin.md does not show the current {stale:?}; rerun with POSTLINT_BLESS=1 if intended");
    assert!(
        guide == expected_guide,
        "docs/admin.md differs from the files it shows"
    );
}

/// The guide with each block marked `<!-- docs/admin/FILE -->` replaced by
/// the file's text, and the files shown with their text.
fn guide_with_files_shown(guide: &str, root: &Path) -> (String, Vec<(String, String)>) {
    let mut out = String::new();
    let mut shown = Vec::new();
    let mut lines = guide.lines();
    while let Some(line) = lines.next() {
        out.push_str(line);
        out.push('\n');
        let Some(file) = line
            .strip_prefix("<!-- ")
            .and_then(|rest| rest.strip_suffix(" -->"))
            .filter(|file| file.starts_with("docs/admin/"))
        else {
            continue;
        };
        let fence = lines.next().expect("a fenced block follows the marker");
        assert!(fence.starts_with("```"), "a fenced block follows {line}");
        lines
            .by_ref()
            .find(|line| *line == "```")
            .expect("the block ends");
        let text = shown_text(&root.join(file));
        out.push_str(&format!("{fence}\n{text}```\n"));
        shown.push((file.to_owned(), text));
    }
    (out, shown)
}

#[test]
fn the_example_policy_passes_its_own_tests() {
    let output = Command::new(env!("CARGO_BIN_EXE_postlint"))
        .args(["policy", "test", &example_policy()])
        .output()
        .expect("postlint runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
}

// ---------------------------------------------------------------------------
// Departments: the per-unit key

fn departments_policy() -> String {
    repo_root()
        .join("examples/policy.json")
        .display()
        .to_string()
}

#[test]
fn a_department_is_written_for_its_unit_and_documented_in_the_artifact() {
    let policy = departments_policy();
    let linux = json_artifact(&[
        &policy,
        "--browser",
        "chrome",
        "--os",
        "linux",
        "--extension-id",
        CHROME_ID,
        "--department",
        "sales",
        "--allow-department-choice",
    ]);
    let values = &linux["3rdparty"]["extensions"][CHROME_ID];
    assert!(fits(values, &managed_schema()), "{values}");
    assert_eq!(values["department"], "sales");
    assert_eq!(values["allowDepartmentChoice"], true);

    // Without a department, the .reg file's comments say how to set one per unit.
    let output = deploy(&[
        &policy,
        "--browser",
        "chrome",
        "--os",
        "windows",
        "--extension-id",
        CHROME_ID,
    ]);
    assert!(output.status.success());
    let reg = parse_reg(&output.stdout);
    let key = format!(
        r"HKEY_LOCAL_MACHINE\SOFTWARE\Policies\Google\Chrome\3rdparty\extensions\{CHROME_ID}\policy"
    );
    assert!(reg_value(&reg, &key, "department").is_none());
    let text = shown_text_of_reg(&output.stdout);
    assert!(
        text.contains("; Departments of this policy: sales."),
        "{text}"
    );
    assert!(
        text.contains("`department` per organizational unit"),
        "{text}"
    );
    // And the command says so on standard error, for the JSON formats too.
    let note = String::from_utf8_lossy(&output.stderr);
    assert!(
        note.contains("note: Departments of this policy: sales."),
        "{note}"
    );
}

#[test]
fn an_unknown_department_is_refused_with_a_suggestion() {
    let output = deploy(&[
        &departments_policy(),
        "--browser",
        "chrome",
        "--os",
        "linux",
        "--extension-id",
        CHROME_ID,
        "--department",
        "sale",
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr)
        .contains("--department: no department has the id `sale` (did you mean `sales`?)"));
    // A policy without departments has no note.
    let plain = deploy(&[
        &example_policy(),
        "--browser",
        "chrome",
        "--os",
        "linux",
        "--extension-id",
        CHROME_ID,
    ]);
    assert!(!String::from_utf8_lossy(&plain.stderr).contains("Departments"));
}

fn shown_text_of_reg(bytes: &[u8]) -> String {
    let units: Vec<u16> = bytes[2..]
        .chunks_exact(2)
        .map(|pair| u16::from_le_bytes([pair[0], pair[1]]))
        .collect();
    String::from_utf16(&units)
        .expect("UTF-16")
        .replace("\r\n", "\n")
}
