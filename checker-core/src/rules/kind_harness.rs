//! Test helpers for rule kinds: compile parameters given as JSON and run the
//! kind on a text, the way the engine will, minus the rule metadata.

use serde::de::DeserializeOwned;

use super::{CompileKind, Hit};
use crate::context::CheckContext;
use crate::document::Document;
use crate::engine::CompileEnv;
use crate::policy::Organization;
use crate::problem::Problem;

/// Keys every rule carries that the engine, not the kind, interprets.
const COMMON_KEYS: [&str; 14] = [
    "id",
    "kind",
    "category",
    "level",
    "overridable",
    "enabled",
    "message",
    "explanation",
    "link",
    "platforms",
    "surfaces",
    "active",
    "exceptions",
    "when",
];

/// Compiles `params` (a JSON object of the kind's own keys).
pub(crate) fn compile<P>(
    params: serde_json::Value,
) -> Result<Box<dyn super::RuleKind>, Vec<Problem>>
where
    P: DeserializeOwned + CompileKind,
{
    let params: P = serde_json::from_value(params).expect("parameters deserialize");
    let organization = Organization::default();
    let mut env = CompileEnv {
        organization: &organization,
    };
    params.compile(&mut env)
}

/// Compiles `params` and checks `text` in `context`.
pub(crate) fn hits_in<P>(params: serde_json::Value, text: &str, context: &CheckContext) -> Vec<Hit>
where
    P: DeserializeOwned + CompileKind,
{
    let kind = compile::<P>(params).expect("parameters compile");
    let mut hits = Vec::new();
    kind.check(&Document::new(text), context, &mut hits);
    hits
}

/// Compiles `params` and checks `text` in the default context.
pub(crate) fn hits<P>(params: serde_json::Value, text: &str) -> Vec<Hit>
where
    P: DeserializeOwned + CompileKind,
{
    hits_in::<P>(params, text, &CheckContext::default())
}

/// The texts `hits` point at, in order.
pub(crate) fn quotes<'t>(text: &'t str, hits: &[Hit]) -> Vec<&'t str> {
    hits.iter()
        .filter_map(|hit| hit.range.clone())
        .map(|range| &text[range])
        .collect()
}

/// The kind-specific keys of the built-in `base` pack rule `id`, so tests can
/// run the shipped parameters.
pub(crate) fn base_pack_params(id: &str) -> serde_json::Value {
    let pack: serde_json::Value =
        serde_json::from_str(include_str!("../../packs/base.json")).expect("base.json is JSON");
    let rule = pack["rules"]
        .as_array()
        .expect("base.json has rules")
        .iter()
        .find(|rule| rule["id"] == id)
        .unwrap_or_else(|| panic!("base.json has no rule {id}"));
    let mut params = rule.as_object().expect("a rule is an object").clone();
    params.retain(|key, _| !COMMON_KEYS.contains(&key.as_str()));
    serde_json::Value::Object(params)
}

/// Asserts what every kind promises the engine: ranges lie inside the text,
/// on char boundaries, and are not reversed.
pub(crate) fn assert_ranges_sound(text: &str, hits: &[Hit]) {
    let ranges = hits.iter().flat_map(|hit| {
        hit.range
            .iter()
            .chain(hit.fixes.iter().filter_map(|fix| fix.range.as_ref()))
    });
    for range in ranges {
        assert!(range.start <= range.end, "reversed range {range:?}");
        assert!(range.end <= text.len(), "range {range:?} beyond the text");
        assert!(
            text.is_char_boundary(range.start),
            "start of {range:?} inside a char"
        );
        assert!(
            text.is_char_boundary(range.end),
            "end of {range:?} inside a char"
        );
    }
}
