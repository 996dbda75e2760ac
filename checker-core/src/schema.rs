//! The JSON Schema of the policy document, generated from the Rust types.

use serde_json::{json, Map, Value};

use crate::policy::model::{PolicyDocument, RuleCommon};
use crate::rules::KINDS;

/// The JSON Schema (draft 2020-12) of a policy document.
///
/// Generated with `schemars` from the same types the reader produces, with
/// one rule schema per kind: the common rule keys plus the kind's own keys,
/// `kind` fixed to the kind's name, and no other keys allowed. Editors use
/// it for completion; the reader still reports problems an admin can act on.
pub fn policy_schema() -> Value {
    let mut generator = schemars::SchemaGenerator::default();
    let common = <RuleCommon as schemars::JsonSchema>::json_schema(&mut generator).to_value();
    let mut variants = Vec::new();
    for kind in KINDS {
        let params = (kind.schema)(&mut generator).to_value();
        let mut properties = properties_of(&common);
        properties.extend(properties_of(&params));
        properties.insert("kind".into(), json!({"const": kind.name}));
        let mut required_keys = required(&common);
        required_keys.extend(required(&params));
        variants.push(json!({
            "title": kind.name,
            "type": "object",
            "properties": properties,
            "required": required_keys,
            "additionalProperties": false
        }));
    }
    let mut root = generator
        .into_root_schema_for::<PolicyDocument>()
        .to_value();
    if let Some(rules) = root.pointer_mut("/properties/rules") {
        *rules = json!({"type": "array", "description": "The policy's own rules, added after the packs' rules.", "items": {"oneOf": variants}});
    }
    if let Some(Value::Object(definitions)) = root.get_mut("$defs") {
        definitions.remove("RuleSchema");
    }
    root
}

fn properties_of(schema: &Value) -> Map<String, Value> {
    schema
        .get("properties")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default()
}

fn required(schema: &Value) -> Vec<Value> {
    schema
        .get("required")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default()
}
