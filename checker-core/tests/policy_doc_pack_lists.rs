//! `docs/policy.md` lists every list of every built-in pack rule in full
//! (word lists and list parameters, defaults included), so that an admin
//! sees what `overrides` can `add` to and `remove` from. The section sits
//! between `<!-- pack-lists -->` and `<!-- /pack-lists -->` and is generated
//! from the rules in force (`Policy::effective_rule`); this test fails when
//! it drifts. Rewrite it with
//! `UPDATE_DOCS=1 cargo test -p checker-core --test policy_doc_pack_lists`.

use std::path::PathBuf;

use checker_core::Policy;
use serde_json::{json, Value};

const OPEN: &str = "<!-- pack-lists -->\n";
const CLOSE: &str = "<!-- /pack-lists -->";

/// Every pack rule, with each non-empty list it holds (messages aside).
fn section() -> String {
    let policy = Policy::from_value(json!({
        "version": 1,
        "extends": ["base", "organization"],
        "organization": {"name": "Acme", "disclosures": ["#employee"]}
    }))
    .unwrap_or_else(|error| panic!("{error}"));
    let mut out = String::new();
    for rule in policy.rules() {
        let effective = policy.effective_rule(&rule.id).expect("a listed rule");
        let mut lists = Vec::new();
        collect_lists(&effective, "", &mut lists);
        if lists.is_empty() {
            continue;
        }
        out.push_str(&format!("\n#### `{}`\n\n", rule.id));
        for (key, items) in lists {
            let shown: Vec<String> = items.iter().map(item).collect();
            out.push_str(&format!(
                "- `{key}` ({}): {}\n",
                items.len(),
                shown.join(", ")
            ));
        }
    }
    for (pack, source) in PACKS {
        let file: Value = serde_json::from_str(source).expect("a pack is JSON");
        for (name, items) in file["mentions"].as_object().into_iter().flatten() {
            let items = items.as_array().expect("a mention list is an array");
            let shown: Vec<String> = items.iter().map(item).collect();
            out.push_str(&format!(
                "\n#### `{name}` (mention list of the `{pack}` pack)\n\n- `terms` ({}): {}\n",
                items.len(),
                shown.join(", ")
            ));
        }
    }
    out.push('\n');
    out
}

/// The built-in packs' files, for their named mention lists.
const PACKS: [(&str, &str); 2] = [
    ("base", include_str!("../packs/base.json")),
    ("organization", include_str!("../packs/organization.json")),
];

/// The non-empty lists in `value`, by their dotted key.
fn collect_lists(value: &Value, key: &str, lists: &mut Vec<(String, Vec<Value>)>) {
    match value {
        Value::Array(items) if !items.is_empty() => lists.push((key.to_owned(), items.clone())),
        Value::Object(object) => {
            for (name, inner) in object {
                if key.is_empty() && ["message", "explanation"].contains(&name.as_str()) {
                    continue;
                }
                let inner_key = if key.is_empty() {
                    name.clone()
                } else {
                    format!("{key}.{name}")
                };
                collect_lists(inner, &inner_key, lists);
            }
        }
        _ => {}
    }
}

/// One item: a string as code, a term with options as the term and its
/// options, anything else as compact JSON.
fn item(value: &Value) -> String {
    match value {
        Value::String(text) => code(text),
        Value::Object(object) if object.get("term").is_some_and(Value::is_string) => {
            let options: Vec<String> = object
                .iter()
                .filter(|(name, _)| name.as_str() != "term")
                .map(|(name, option)| match option {
                    Value::String(text) => format!("{name} {}", code(text)),
                    other => format!("{name} {}", code(&other.to_string())),
                })
                .collect();
            let term = code(object["term"].as_str().unwrap_or_default());
            format!("{term} ({})", options.join(", "))
        }
        other => code(&other.to_string()),
    }
}

/// Inline code that survives backticks and pipes in the text.
fn code(text: &str) -> String {
    let text = text.replace('|', "\\|");
    if text.contains('`') {
        format!("`` {text} ``")
    } else {
        format!("`{text}`")
    }
}

#[test]
fn the_pack_lists_in_policy_md_are_the_packs_lists_in_full() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../docs/policy.md");
    let page = std::fs::read_to_string(&path).expect("docs/policy.md");
    let (Some(start), Some(end)) = (page.find(OPEN), page.find(CLOSE)) else {
        panic!("docs/policy.md lacks `{}` … `{CLOSE}`", OPEN.trim_end());
    };
    let start = start + OPEN.len();
    assert!(start <= end, "the markers are in the wrong order");
    let mut rendered = page.clone();
    rendered.replace_range(start..end, &section());
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(&path, rendered).expect("write docs/policy.md");
        return;
    }
    assert!(
        page == rendered,
        "the pack lists in docs/policy.md differ from the packs; regenerate with \
         UPDATE_DOCS=1 cargo test -p checker-core --test policy_doc_pack_lists"
    );
}

#[test]
fn the_section_lists_default_lists_and_pack_word_lists_in_full() {
    let section = section();
    // A detector default (not written in the pack) and a pack word list.
    assert!(section.contains("#### `base.email`"));
    assert!(
        section.contains("`allow_local_parts` (26): `info`"),
        "{section}"
    );
    assert!(section.contains("`no-reply`"));
    // The named mention lists, which `mentions` in a policy changes.
    assert!(section.contains("#### `employer` (mention list of the `organization` pack)"));
    assert!(section.contains("`bei uns`"));
    assert!(section.contains("#### `org.strike`"));
    assert!(section.contains("`Warnstreik`"));
    assert!(!section.contains('…'));
}
