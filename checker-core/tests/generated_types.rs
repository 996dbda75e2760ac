//! `extension/src/generated/engine-types.ts` is generated from the Rust
//! types of the JSON contract, and this test fails when it drifts.
//!
//! Regenerate with
//! `UPDATE_GENERATED=1 cargo test -p checker-core --test generated_types`.
//!
//! The TypeScript comes from the types' JSON Schema (schemars, as
//! `postlint policy schema` does for policies), through the small
//! translation below rather than a crate such as `ts-rs`: the contract uses
//! a handful of schema shapes, and this way the engine needs no second
//! derive on every public type and no dependency that reaches the wasm build.

use std::path::PathBuf;

use checker_core::{CheckContext, Lang, Report, RuleInfo};
use schemars::generate::SchemaSettings;
use serde_json::{Map, Value};

/// The generated file, relative to the workspace root.
const OUTPUT: &str = "extension/src/generated/engine-types.ts";

/// The types the file exports, in this order. Other types the schemas refer
/// to (`Date`, `Localized`) are written inline, so that no export shadows a
/// global such as JavaScript's `Date`.
const EXPORTS: &[&str] = &[
    "Lang",
    "Platform",
    "Surface",
    "Level",
    "Category",
    "AttachmentKind",
    "Attachment",
    "CheckContext",
    "Span",
    "Suggestion",
    "Finding",
    "LengthUnit",
    "LengthReport",
    "Report",
    "RuleInfo",
];

const HEADER: &str = "\
// Generated from checker-core's Rust types (their JSON Schema, as the engine
// serializes them) by checker-core/tests/generated_types.rs. Do not edit:
// change the Rust types, then regenerate with
//   UPDATE_GENERATED=1 cargo test -p checker-core --test generated_types
";

fn generate() -> String {
    // Serialize mode: these types are what the engine writes (a report, the
    // rule list) and the context the extension sends is its serialized form.
    let mut generator = SchemaSettings::draft2020_12()
        .for_serialize()
        .into_generator();
    generator.subschema_for::<Report>();
    generator.subschema_for::<CheckContext>();
    generator.subschema_for::<RuleInfo>();
    generator.subschema_for::<Lang>();
    let definitions: Map<String, Value> = generator.definitions().clone();
    let mut out = String::from(HEADER);
    for name in EXPORTS {
        let schema = definitions
            .get(*name)
            .unwrap_or_else(|| panic!("no schema for `{name}`"));
        out.push('\n');
        out.push_str(&doc_comment(schema, ""));
        if schema.get("properties").is_some() {
            out.push_str(&format!("export interface {name} "));
            out.push_str(&object(schema, &definitions, ""));
            out.push('\n');
        } else {
            out.push_str(&format!(
                "export type {name} = {};\n",
                ts_type(schema, &definitions, "")
            ));
        }
    }
    out
}

/// A `/** … */` comment from the schema's description, if any.
fn doc_comment(schema: &Value, indent: &str) -> String {
    let Some(description) = schema.get("description").and_then(Value::as_str) else {
        return String::new();
    };
    // Rustdoc links mean nothing in TypeScript: keep their text.
    let description = regex::Regex::new(r"\[([^\]]+)\]\([^)]*\)")
        .expect("valid regex")
        .replace_all(description, "$1");
    let lines: Vec<&str> = description.lines().collect();
    if let [line] = lines.as_slice() {
        return format!("{indent}/** {line} */\n");
    }
    let mut out = format!("{indent}/**\n");
    for line in lines {
        out.push_str(&format!(
            "{indent} *{}{line}\n",
            if line.is_empty() { "" } else { " " }
        ));
    }
    out.push_str(&format!("{indent} */\n"));
    out
}

/// The members of an object schema, one per line.
fn object(schema: &Value, definitions: &Map<String, Value>, indent: &str) -> String {
    let required: Vec<&str> = schema
        .get("required")
        .and_then(Value::as_array)
        .map(|names| names.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let inner = format!("{indent}  ");
    let mut out = String::from("{\n");
    for (name, property) in schema["properties"].as_object().into_iter().flatten() {
        out.push_str(&doc_comment(property, &inner));
        let mut ty = ts_type(property, definitions, &inner);
        let optional = !required.contains(&name.as_str());
        if optional {
            // Not required when serializing means skipped when `None`: the
            // key is absent, never `null`.
            ty = ty.strip_suffix(" | null").unwrap_or(&ty).to_string();
        }
        out.push_str(&format!(
            "{inner}{name}{}: {ty};\n",
            if optional { "?" } else { "" }
        ));
    }
    out.push_str(&format!("{indent}}}"));
    out
}

fn ts_type(schema: &Value, definitions: &Map<String, Value>, indent: &str) -> String {
    if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
        let name = reference.trim_start_matches("#/$defs/");
        if EXPORTS.contains(&name) {
            return name.to_string();
        }
        let target = definitions
            .get(name)
            .unwrap_or_else(|| panic!("unresolved {reference}"));
        return ts_type(target, definitions, indent);
    }
    if let Some(constant) = schema.get("const") {
        return literal(constant);
    }
    if let Some(values) = schema.get("enum").and_then(Value::as_array) {
        return values.iter().map(literal).collect::<Vec<_>>().join(" | ");
    }
    if let Some(variants) = schema
        .get("oneOf")
        .or_else(|| schema.get("anyOf"))
        .and_then(Value::as_array)
    {
        return union(variants.iter().map(|v| ts_type(v, definitions, indent)));
    }
    match schema.get("type") {
        Some(Value::Array(types)) => union(types.iter().map(|name| {
            let mut single = schema.clone();
            single["type"] = name.clone();
            ts_type(&single, definitions, indent)
        })),
        Some(Value::String(name)) => match name.as_str() {
            "string" => "string".into(),
            "integer" | "number" => "number".into(),
            "boolean" => "boolean".into(),
            "null" => "null".into(),
            "array" => {
                let item = ts_type(&schema["items"], definitions, indent);
                if item.contains(' ') {
                    format!("({item})[]")
                } else {
                    format!("{item}[]")
                }
            }
            "object" if schema.get("properties").is_some() => object(schema, definitions, indent),
            "object" => {
                let value = ts_type(&schema["additionalProperties"], definitions, indent);
                match schema.get("propertyNames") {
                    // Keys from an enum (e.g. `Lang`): not every key is present.
                    Some(keys) => format!(
                        "Partial<Record<{}, {value}>>",
                        ts_type(keys, definitions, indent)
                    ),
                    None => format!("Record<string, {value}>"),
                }
            }
            other => panic!("unsupported schema type `{other}`"),
        },
        _ => panic!("unsupported schema {schema}"),
    }
}

fn literal(value: &Value) -> String {
    match value {
        Value::String(text) => format!("'{text}'"),
        other => other.to_string(),
    }
}

/// A union without repeated members, `null` last.
fn union(members: impl Iterator<Item = String>) -> String {
    let mut seen: Vec<String> = Vec::new();
    for member in members {
        if !seen.contains(&member) {
            seen.push(member);
        }
    }
    seen.sort_by_key(|member| member == "null");
    seen.join(" | ")
}

#[test]
fn engine_types_ts_matches_the_rust_types() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(OUTPUT);
    let generated = generate();
    if std::env::var_os("UPDATE_GENERATED").is_some() {
        std::fs::write(&path, &generated).expect("write the generated types");
        return;
    }
    let current = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        current == generated,
        "{OUTPUT} is out of date with the Rust types; regenerate it with \
         UPDATE_GENERATED=1 cargo test -p checker-core --test generated_types"
    );
}
