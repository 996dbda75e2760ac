//! The per-kind parameter tables in `docs/policy.md` are generated from the
//! JSON Schema, that is from the doc comments and defaults of each kind's
//! `Params`, so that a parameter is described once. Each table sits between
//! `<!-- params:KIND -->` and `<!-- /params:KIND -->`; this test fails when
//! one drifts. Rewrite them with
//! `UPDATE_DOCS=1 cargo test -p checker-core --test policy_doc_params`.

use std::collections::BTreeSet;
use std::path::PathBuf;

use serde_json::{Map, Value};

/// A list default longer than this shows its first entries and its size.
const LIST_SHOWN: usize = 6;

struct Kind {
    name: String,
    table: String,
}

fn kinds() -> Vec<Kind> {
    let schema = checker_core::policy_schema();
    let definitions = schema["$defs"].as_object().cloned().unwrap_or_default();
    let variants = schema
        .pointer("/properties/rules/items/oneOf")
        .and_then(Value::as_array)
        .cloned()
        .expect("rule variants in the schema");
    let keys = |variant: &Value| -> BTreeSet<String> {
        variant["properties"]
            .as_object()
            .map(|properties| properties.keys().cloned().collect())
            .unwrap_or_default()
    };
    // The common rule keys are those every kind has; the page's "Common rule
    // keys" table lists them once.
    let common = variants
        .iter()
        .map(keys)
        .reduce(|all, next| all.intersection(&next).cloned().collect())
        .unwrap_or_default();
    variants
        .iter()
        .map(|variant| {
            let required: Vec<&str> = variant["required"]
                .as_array()
                .map(|names| names.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            let mut table = String::from("| key | type | default | meaning |\n|---|---|---|---|\n");
            for (key, property) in variant["properties"].as_object().into_iter().flatten() {
                if common.contains(key) {
                    continue;
                }
                let default = if required.contains(&key.as_str()) {
                    "required".to_string()
                } else {
                    default_cell(property.get("default").unwrap_or(&Value::Null))
                };
                table.push_str(&format!(
                    "| `{key}` | {} | {default} | {} |\n",
                    type_cell(property, &definitions),
                    cell(
                        property
                            .get("description")
                            .and_then(Value::as_str)
                            .unwrap_or_default()
                    ),
                ));
            }
            Kind {
                name: variant["title"].as_str().unwrap_or_default().to_string(),
                table,
            }
        })
        .collect()
}

/// Text for a table cell: one line, `|` escaped.
fn cell(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace('|', "\\|")
}

fn type_cell(schema: &Value, definitions: &Map<String, Value>) -> String {
    if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
        let name = reference.trim_start_matches("#/$defs/");
        if name == "TermItem" {
            return "[term list](#term-lists)".into();
        }
        return type_cell(&definitions[name], definitions);
    }
    if let Some(constant) = schema.get("const") {
        return format!("`{}`", plain(constant));
    }
    if let Some(values) = schema.get("enum").and_then(Value::as_array) {
        let values: Vec<String> = values.iter().map(|v| format!("`{}`", plain(v))).collect();
        return values.join(" \\| ");
    }
    if let Some(variants) = schema
        .get("oneOf")
        .or_else(|| schema.get("anyOf"))
        .and_then(Value::as_array)
    {
        let not_null: Vec<&Value> = variants
            .iter()
            .filter(|variant| variant.get("type") != Some(&Value::from("null")))
            .collect();
        // An enum of documented constants reads as its values.
        let separator = if not_null.iter().all(|v| v.get("const").is_some()) {
            " \\| "
        } else {
            " or "
        };
        let parts: Vec<String> = not_null.iter().map(|v| type_cell(v, definitions)).collect();
        return parts.join(separator);
    }
    let types: Vec<&str> = match schema.get("type") {
        Some(Value::String(name)) => vec![name.as_str()],
        Some(Value::Array(names)) => names.iter().filter_map(Value::as_str).collect(),
        _ => panic!("no type in {schema}"),
    };
    match types.iter().find(|&&name| name != "null").copied() {
        Some("string") => "string".into(),
        Some("integer") => "whole number".into(),
        Some("number") => "number".into(),
        Some("boolean") => "boolean".into(),
        Some("array") => {
            let item = &schema["items"];
            if item.get("type") == Some(&Value::from("string")) {
                return "list of strings".into();
            }
            let inner = type_cell(item, definitions);
            if inner.starts_with('[') {
                inner
            } else {
                format!("list of {inner}")
            }
        }
        Some("object") => match schema.get("properties").and_then(Value::as_object) {
            Some(properties) => {
                let keys: Vec<String> = properties
                    .keys()
                    .map(|key| format!("\"{key}\": …"))
                    .collect();
                format!("`{{{}}}`", keys.join(", "))
            }
            None => "object".into(),
        },
        _ => panic!("unsupported schema {schema}"),
    }
}

fn default_cell(value: &Value) -> String {
    match value {
        Value::Null => "none".into(),
        Value::String(text) => format!("`{}`", cell(text)),
        Value::Array(items) if items.is_empty() => "`[]`".into(),
        Value::Array(items) => {
            let shown: Vec<String> = items
                .iter()
                .take(LIST_SHOWN)
                .map(|item| match item.get("name") {
                    // Named entries (card networks) by name.
                    Some(name) => plain(name),
                    None => format!("`{}`", plain(item)),
                })
                .collect();
            if items.len() > LIST_SHOWN {
                format!("{} … ({} in all)", shown.join(", "), items.len())
            } else {
                shown.join(", ")
            }
        }
        Value::Object(_) if value.as_object().is_some_and(Map::is_empty) => "`{}`".into(),
        other => format!("`{}`", cell(&other.to_string())),
    }
}

/// A JSON value as written in a cell: strings without their quotes.
fn plain(value: &Value) -> String {
    match value {
        Value::String(text) => cell(text),
        other => cell(&other.to_string()),
    }
}

/// `page` with the table of every kind put between its markers, or the
/// kinds whose markers are missing.
fn render(page: &str, kinds: &[Kind]) -> Result<String, Vec<String>> {
    let mut page = page.to_string();
    let mut missing = Vec::new();
    for kind in kinds {
        let open = format!("<!-- params:{} -->\n", kind.name);
        let close = format!("<!-- /params:{} -->", kind.name);
        let (Some(start), Some(end)) = (page.find(&open), page.find(&close)) else {
            missing.push(kind.name.clone());
            continue;
        };
        let start = start + open.len();
        if end < start {
            missing.push(kind.name.clone());
            continue;
        }
        page.replace_range(start..end, &kind.table);
    }
    if missing.is_empty() {
        Ok(page)
    } else {
        Err(missing)
    }
}

#[test]
fn parameter_tables_in_policy_md_match_the_params_doc_comments() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../docs/policy.md");
    let page = std::fs::read_to_string(&path).expect("docs/policy.md");
    let rendered = render(&page, &kinds()).unwrap_or_else(|missing| {
        panic!(
            "docs/policy.md lacks `<!-- params:KIND -->` … `<!-- /params:KIND -->` for {missing:?}"
        )
    });
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(&path, rendered).expect("write docs/policy.md");
        return;
    }
    assert!(
        page == rendered,
        "a parameter table in docs/policy.md differs from the Params doc comments; \
         regenerate with UPDATE_DOCS=1 cargo test -p checker-core --test policy_doc_params"
    );
}

#[test]
fn every_kind_has_parameters_and_the_renderer_replaces_only_between_markers() {
    let kinds = kinds();
    assert_eq!(kinds.len(), 17, "one table per rule kind");
    for kind in &kinds {
        assert!(
            kind.table.lines().count() > 2,
            "`{}` has no parameter rows",
            kind.name
        );
    }
    let page = "before\n<!-- params:email -->\nstale\n<!-- /params:email -->\nafter\n";
    let email: Vec<Kind> = kinds
        .into_iter()
        .filter(|kind| kind.name == "email")
        .collect();
    let rendered = render(page, &email).expect("markers present");
    assert!(rendered.starts_with("before\n<!-- params:email -->\n| key |"));
    assert!(rendered.ends_with("|\n<!-- /params:email -->\nafter\n"));
    assert!(!rendered.contains("stale"));
    assert_eq!(
        render("no markers", &email).err(),
        Some(vec!["email".to_string()])
    );
}
