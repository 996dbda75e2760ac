//! Reading a YAML policy into the JSON value the pipeline reads, for the CLI
//! and the Studio alike, so that both accept exactly the same files.
//!
//! The loading is saphyr's (YAML 1.2, core-schema scalars, duplicate keys
//! refused); this module only decides what a policy may contain: no aliases
//! (checked on the event stream before anything could expand one, since a
//! list anchored once and referenced a few thousand times expands to
//! gigabytes), no nesting deeper than 128 levels (checked there too), no
//! custom tags, text keys, one document, numbers JSON can
//! hold, and no more than [`MAX_POLICY_BYTES`].

use saphyr::{LoadableYamlNode, MarkedYaml, Scalar, YamlData};
use saphyr_parser::{Event, Marker, Parser};
use serde::Serialize;
use serde_json::{Map, Number, Value};

use crate::limits::MAX_POLICY_BYTES;
use crate::source_map::Position;

/// Why a YAML text is not a policy document, and where.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct YamlError {
    pub message: String,
    pub hint: Option<String>,
    pub position: Option<Position>,
}

impl YamlError {
    fn at(marker: Marker, message: impl Into<String>, hint: Option<&str>) -> YamlError {
        YamlError {
            message: message.into(),
            hint: hint.map(str::to_owned),
            position: Some(Position {
                line: marker.line(),
                column: marker.col() + 1,
            }),
        }
    }
}

/// The JSON value of a YAML policy document.
pub fn yaml_to_json(source: &str) -> Result<Value, YamlError> {
    json_of(&load(source)?)
}

/// The same document as one line of JSON text with the keys in the order of
/// the file (a [`Value`]'s object keys are sorted), so that an admin
/// recognises it where IT deploys it.
pub fn yaml_to_json_text(source: &str) -> Result<String, YamlError> {
    let document = load(source)?;
    json_of(&document)?;
    serde_json::to_string(&InFileOrder(&document)).map_err(|error| YamlError {
        message: error.to_string(),
        hint: None,
        position: None,
    })
}

/// A checked document, serialized as it is written.
struct InFileOrder<'a, 'input>(&'a MarkedYaml<'input>);

impl Serialize for InFileOrder<'_, '_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{SerializeMap, SerializeSeq};
        match &self.0.data {
            YamlData::Sequence(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(&InFileOrder(item))?;
                }
                seq.end()
            }
            YamlData::Mapping(entries) => {
                let mut map = serializer.serialize_map(Some(entries.len()))?;
                for (key, value) in entries {
                    let YamlData::Value(Scalar::String(name)) = &key.data else {
                        return Err(serde::ser::Error::custom("a key must be text"));
                    };
                    map.serialize_entry(name.as_ref(), &InFileOrder(value))?;
                }
                map.end()
            }
            _ => json_of(self.0)
                .map_err(|error| serde::ser::Error::custom(error.message))?
                .serialize(serializer),
        }
    }
}

/// The one document of `source`, loaded, once nothing forbids it.
fn load(source: &str) -> Result<MarkedYaml<'_>, YamlError> {
    if source.len() > MAX_POLICY_BYTES {
        return Err(YamlError {
            message: format!(
                "the policy is larger than {} MiB, the most the extension reads",
                MAX_POLICY_BYTES >> 20
            ),
            hint: Some(
                "long term lists belong in a few focused rules; see \"Limits\" in docs/policy.md"
                    .to_owned(),
            ),
            position: None,
        });
    }
    screen(source)?;
    let mut documents = MarkedYaml::load_from_str(source).map_err(|error| {
        YamlError::at(
            *error.marker(),
            format!("not valid YAML: {}", error.info()),
            None,
        )
    })?;
    if let Some(second) = documents.get(1) {
        return Err(YamlError::at(
            second.span.start,
            "a policy file holds one YAML document",
            Some("remove the `---` and what follows, or keep it in another file"),
        ));
    }
    documents.pop().ok_or_else(|| YamlError {
        message: "the file is empty".to_owned(),
        hint: Some("a policy starts with `version: 1`".to_owned()),
        position: None,
    })
}

/// Deeper than any policy needs (a rule's `when` nests at most a few
/// levels) and shallow enough for the loader and the conversion, which
/// recurse, on WebAssembly's small stack. serde_json stops JSON at the same
/// depth.
const MAX_NESTING: usize = 128;

/// Reads only the event stream, which never expands an alias nor recurses,
/// before the loader sees the document.
fn screen(source: &str) -> Result<(), YamlError> {
    let mut depth = 0usize;
    for event in Parser::new_from_str(source) {
        match event {
            Ok((Event::Alias(_), span)) => {
                return Err(YamlError::at(
                    span.start,
                    "YAML aliases (`*name`) are not allowed in a policy",
                    Some("write the value out where it is needed instead of `*name`"),
                ))
            }
            Ok((Event::SequenceStart(..) | Event::MappingStart(..), span)) => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Err(YamlError::at(
                        span.start,
                        format!("lists and keys are nested more than {MAX_NESTING} levels deep"),
                        None,
                    ));
                }
            }
            Ok((Event::SequenceEnd | Event::MappingEnd, _)) => depth = depth.saturating_sub(1),
            Ok(_) => {}
            Err(error) => {
                return Err(YamlError::at(
                    *error.marker(),
                    format!("not valid YAML: {}", error.info()),
                    None,
                ))
            }
        }
    }
    Ok(())
}

fn json_of(node: &MarkedYaml<'_>) -> Result<Value, YamlError> {
    let at = node.span.start;
    match &node.data {
        YamlData::Value(scalar) => scalar_json(scalar, at),
        YamlData::Representation(text, ..) => Ok(Value::String(text.to_string())),
        YamlData::Sequence(items) => items
            .iter()
            .map(json_of)
            .collect::<Result<_, _>>()
            .map(Value::Array),
        YamlData::Mapping(entries) => {
            let mut object = Map::new();
            for (key, value) in entries {
                let YamlData::Value(Scalar::String(name)) = &key.data else {
                    return Err(YamlError::at(
                        key.span.start,
                        "a key must be text",
                        Some("put the key in quotes"),
                    ));
                };
                object.insert(name.to_string(), json_of(value)?);
            }
            Ok(Value::Object(object))
        }
        YamlData::Tagged(tag, _) => Err(YamlError::at(
            at,
            format!("YAML tags (`{tag}`) are not allowed in a policy"),
            Some("remove the tag; a policy needs only text, numbers, true/false, lists and keys"),
        )),
        YamlData::Alias(_) => Err(YamlError::at(
            at,
            "YAML aliases (`*name`) are not allowed in a policy",
            None,
        )),
        YamlData::BadValue => Err(YamlError::at(
            at,
            "this value does not match its tag",
            Some("remove the `!!` tag or fix the value"),
        )),
    }
}

fn scalar_json(scalar: &Scalar<'_>, at: Marker) -> Result<Value, YamlError> {
    Ok(match scalar {
        Scalar::Null => Value::Null,
        Scalar::Boolean(value) => Value::Bool(*value),
        Scalar::Integer(value) => Value::Number((*value).into()),
        Scalar::FloatingPoint(value) => match Number::from_f64(value.into_inner()) {
            Some(number) => Value::Number(number),
            None => {
                return Err(YamlError::at(
                    at,
                    "infinity and NaN are not numbers a policy can hold",
                    None,
                ))
            }
        },
        Scalar::String(text) => Value::String(text.to_string()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::json;

    fn error(source: &str) -> YamlError {
        yaml_to_json(source).expect_err(source)
    }

    #[test]
    fn a_policy_in_yaml_reads_as_its_json() {
        let source = "version: 1\nextends: [base]\nrules:\n  - id: acme.x\n    level: block\n    overridable: false\n    terms: [\"Orion-7\", 'Kranich', 1.5, ~]\n";
        assert_eq!(
            yaml_to_json(source).unwrap(),
            json!({"version": 1, "extends": ["base"], "rules": [{"id": "acme.x", "level": "block", "overridable": false, "terms": ["Orion-7", "Kranich", 1.5, null]}]})
        );
        // YAML 1.2: `yes`, `no` and `on` are text, not booleans.
        assert_eq!(
            yaml_to_json("a: yes\nb: no\nc: on").unwrap(),
            json!({"a": "yes", "b": "no", "c": "on"})
        );
    }

    #[test]
    fn the_json_text_keeps_the_order_of_the_file() {
        assert_eq!(
            yaml_to_json_text("version: 1\nrules:\n  - {kind: terms, id: a}\nextends: [base]\n")
                .unwrap(),
            r#"{"version":1,"rules":[{"kind":"terms","id":"a"}],"extends":["base"]}"#
        );
        assert!(yaml_to_json_text("a: *x").is_err());
    }

    #[test]
    fn what_a_policy_cannot_hold_is_refused_where_it_is() {
        let alias = error("a: &x [1, 2]\nb: *x\n");
        assert!(alias.message.contains("aliases"), "{alias:?}");
        assert_eq!(alias.position.map(|p| (p.line, p.column)), Some((2, 4)));
        let duplicate = error("version: 1\nversion: 2\n");
        assert!(
            duplicate.message.contains("not valid YAML"),
            "{duplicate:?}"
        );
        assert!(error("!custom {a: 1}").message.contains("tags"));
        assert!(error("? [a, b]\n: c\n")
            .message
            .contains("key must be text"));
        assert!(error("a: 1\n---\nb: 2\n")
            .message
            .contains("one YAML document"));
        assert!(error("a: .inf").message.contains("infinity"));
        assert!(error("").message.contains("empty"));
        assert!(error("a: [1, 2").message.contains("not valid YAML"));
        let deep = format!("{}x", "- ".repeat(200_000));
        assert!(error(&deep).message.contains("nested more than 128"));
        assert!(yaml_to_json(&format!("{}x", "- ".repeat(MAX_NESTING))).is_ok());
        let deep_flow = format!("a: {}{}", "[".repeat(100_000), "]".repeat(100_000));
        // The parser's own limit on flow nesting may come first.
        let flow = error(&deep_flow).message;
        assert!(
            flow.contains("nested more than 128") || flow.contains("recursion limit"),
            "{flow}"
        );
        let huge = format!("a: \"{}\"", "x".repeat(MAX_POLICY_BYTES));
        assert!(error(&huge).message.contains("MiB"));
    }

    fn json_values(
        text: impl Strategy<Value = String> + Clone + 'static,
    ) -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(|n| Value::Number(n.into())),
            (-1e12f64..1e12).prop_map(|f| json!(f)),
            text.clone().prop_map(Value::String),
        ];
        leaf.prop_recursive(4, 48, 6, move |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
                prop::collection::btree_map(text.clone(), inner, 0..6)
                    .prop_map(|map| Value::Object(map.into_iter().collect())),
            ]
        })
    }

    proptest! {
        /// JSON is YAML: every JSON policy reads the same through this module.
        #[test]
        fn json_text_reads_as_the_same_value(value in json_values(any::<String>())) {
            let text = serde_json::to_string_pretty(&value).unwrap();
            prop_assert_eq!(yaml_to_json(&text).unwrap(), value);
        }

        /// Block YAML as another writer (serde_yaml) prints it reads back the same.
        /// Without U+0085, U+2028 and U+2029, which YAML 1.1 writers leave
        /// unquoted and YAML 1.2 readers take as line breaks.
        #[test]
        fn block_yaml_reads_as_the_same_value(value in json_values(any::<String>().prop_map(|text| text.replace(['\u{85}', '\u{2028}', '\u{2029}'], "")))) {
            let text = serde_yaml::to_string(&value).unwrap();
            prop_assert_eq!(yaml_to_json(&text).unwrap(), value, "{}", text);
        }
    }
}
