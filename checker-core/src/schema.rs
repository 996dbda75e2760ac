//! The JSON Schema of the policy document, generated from the Rust types.

use serde_json::{json, Map, Value};

use crate::policy::model::{PolicyDocument, RuleCommon};
use crate::rules::{KINDS, KIND_SCHEMAS};

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
    for (kind, schema) in KINDS.iter().zip(KIND_SCHEMAS) {
        let params = schema(&mut generator).to_value();
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
    if let Some(rules) = root.pointer_mut("/$defs/Department/properties/rules") {
        *rules = json!({"type": "array", "description": "Rules only this department has, checked after the policy's.", "items": {"$ref": "#/properties/rules/items"}});
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::model::{POLICY_KEYS, RULE_KEYS};

    /// A small structural JSON Schema validator for the keywords schemars
    /// emits, so the test does not need a full validator crate.
    fn errors(schema: &Value, root: &Value, value: &Value, path: &str, out: &mut Vec<String>) {
        if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
            let target = reference.trim_start_matches('#');
            match root.pointer(target) {
                Some(resolved) => errors(resolved, root, value, path, out),
                None => out.push(format!("{path}: unresolved {reference}")),
            }
            return;
        }
        if let Some(types) = schema.get("type") {
            let names: Vec<&str> = match types {
                Value::String(name) => vec![name.as_str()],
                Value::Array(names) => names.iter().filter_map(Value::as_str).collect(),
                _ => Vec::new(),
            };
            let actual = match value {
                Value::Null => "null",
                Value::Bool(_) => "boolean",
                Value::Number(number) if number.is_u64() || number.is_i64() => "integer",
                Value::Number(_) => "number",
                Value::String(_) => "string",
                Value::Array(_) => "array",
                Value::Object(_) => "object",
            };
            let fits = names
                .iter()
                .any(|name| *name == actual || (*name == "number" && actual == "integer"));
            if !fits {
                out.push(format!("{path}: {actual} is not {names:?}"));
                return;
            }
        }
        if let Some(allowed) = schema.get("enum").and_then(Value::as_array) {
            if !allowed.contains(value) {
                out.push(format!("{path}: {value} not in enum"));
            }
        }
        if let Some(constant) = schema.get("const") {
            if constant != value {
                out.push(format!("{path}: {value} is not {constant}"));
            }
        }
        for (keyword, exactly_one) in [("anyOf", false), ("oneOf", true)] {
            if let Some(options) = schema.get(keyword).and_then(Value::as_array) {
                let fitting = options
                    .iter()
                    .filter(|option| {
                        let mut inner = Vec::new();
                        errors(option, root, value, path, &mut inner);
                        inner.is_empty()
                    })
                    .count();
                if fitting == 0 || (exactly_one && fitting > 1) {
                    out.push(format!("{path}: {fitting} of the {keyword} options fit"));
                }
            }
        }
        if let (Some(items), Value::Array(values)) = (schema.get("items"), value) {
            for (index, item) in values.iter().enumerate() {
                errors(items, root, item, &format!("{path}/{index}"), out);
            }
        }
        if let Value::Object(object) = value {
            let properties = schema.get("properties").and_then(Value::as_object);
            for required in schema
                .get("required")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                if let Some(key) = required.as_str() {
                    if !object.contains_key(key) {
                        out.push(format!("{path}: missing {key}"));
                    }
                }
            }
            for (key, item) in object {
                match properties.and_then(|properties| properties.get(key)) {
                    Some(property) => errors(property, root, item, &format!("{path}/{key}"), out),
                    None => match schema.get("additionalProperties") {
                        Some(Value::Bool(false)) => {
                            out.push(format!("{path}: unexpected key {key}"))
                        }
                        Some(additional @ Value::Object(_)) => {
                            errors(additional, root, item, &format!("{path}/{key}"), out)
                        }
                        _ => {}
                    },
                }
            }
        }
    }

    fn validate(value: &Value) -> Vec<String> {
        let schema = policy_schema();
        let mut out = Vec::new();
        errors(&schema, &schema, value, "", &mut out);
        out
    }

    fn keys(schema: &Value) -> Vec<String> {
        let mut keys: Vec<String> = properties_of(schema).keys().cloned().collect();
        keys.sort();
        keys
    }

    fn sorted(keys: &[&str]) -> Vec<String> {
        let mut keys: Vec<String> = keys.iter().map(|key| (*key).to_owned()).collect();
        keys.sort();
        keys
    }

    #[test]
    fn the_reader_knows_exactly_the_keys_the_schema_describes() {
        let schema = policy_schema();
        assert_eq!(keys(&schema), sorted(&POLICY_KEYS));
        let variants = schema
            .pointer("/properties/rules/items/oneOf")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        assert_eq!(variants.len(), KINDS.len());
        for (variant, kind) in variants.iter().zip(KINDS) {
            let mut expected = sorted(&RULE_KEYS);
            expected.extend(kind.keys().iter().cloned());
            expected.sort();
            expected.dedup();
            assert_eq!(keys(variant), expected, "kind {}", kind.name);
        }
    }

    #[test]
    fn every_pack_and_the_example_policy_validate_against_the_schema() {
        for pack in crate::policy::packs::PACKS {
            let value: Value = serde_json::from_str(pack.source).unwrap_or_default();
            let as_policy =
                json!({"version": 1, "rules": value.get("rules").cloned().unwrap_or_default()});
            assert_eq!(
                validate(&as_policy),
                Vec::<String>::new(),
                "pack {}",
                pack.name
            );
        }
        let example: Value =
            serde_json::from_str(include_str!("../../examples/policy.json")).unwrap_or_default();
        assert_eq!(validate(&example), Vec::<String>::new());
        assert!(!validate(&json!({"version": 1, "rules": [{"id": "x"}]})).is_empty());
        assert!(!validate(&json!({"version": 1, "levle": 1})).is_empty());
    }
}
