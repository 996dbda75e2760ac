//! Rule kinds: one module per kind.
//!
//! A rule in a policy is common metadata (id, category, level, messages,
//! filters; handled once by the engine) plus kind-specific parameters. Each
//! kind module provides:
//!
//! - `Params`: the kind's parameters, `#[derive(Deserialize, JsonSchema)]`
//!   with `#[serde(deny_unknown_fields)]`. Its field docs and defaults are
//!   the one description of the parameters: they become the schema docs and
//!   the parameter tables in `docs/policy.md`
//!   (`checker-core/tests/policy_doc_params.rs`), so the module doc does not
//!   repeat them.
//! - `impl CompileKind for Params`: validates what serde cannot (a list that
//!   can never match, a regex that matches the empty string) and builds the
//!   matcher.
//! - a `RuleKind` implementation that reports [`Hit`]s for a [`Document`].
//!
//! and a module doc in the manner of ruff's rule docs: what it checks, why it
//! matters, an example that triggers it, and the fix.
//!
//! To make a kind usable in policies, declare its module below, add one
//! `"<name>" => <module>,` line to the `kinds!` list, and regenerate
//! `kinds.json` (its keys and defaults, for the reader); the reader, the
//! JSON Schema and the "did you mean" hints pick it up from there.
//!
//! What a kind can use:
//!
//! - [`CompileEnv`]: the policy's `organization`, its `fallback_language`,
//!   and the shared automata. A kind that matches words registers its
//!   lists with [`term_list::register`] (strings, `{"term": …}` objects and
//!   `{"organization": …}` references) and reads the occurrences at check
//!   time with [`Document::term_matches`]: evasion-resistant, on word
//!   boundaries, one pass for all lists of the policy.
//! - [`Document`]: the original `text` (hit ranges are byte ranges into it,
//!   on char boundaries), its folded form, and the one split of the text
//!   into sentences, words and digit runs ([`Document::sentences`],
//!   [`Document::words`], [`Document::digit_starts`]). A kind does not split
//!   text itself; what a word character is, and the characters beside an
//!   offset, come from [`crate::text::segment`].
//! - [`RuleKind::length`]: a kind that measures the post (the length rule)
//!   returns a [`LengthReport`]; the engine puts it into `Report::length`.
//!
//! Kinds report only where and how to fix. The engine adds id, category,
//! level, messages and link; applies platforms, surfaces, the `active`
//! window, exceptions and `when`; converts to UTF-16; and orders findings.

pub(crate) mod detector_support;
pub(crate) mod email;
pub(crate) mod iban;
pub(crate) mod internal_host;
pub(crate) mod length;
pub(crate) mod link;
pub(crate) mod pattern;
pub(crate) mod payment_card;
pub(crate) mod phone;
pub(crate) mod require;
pub(crate) mod secret;
pub(crate) mod substitute;
pub(crate) mod term_list;
pub(crate) mod terms;

use std::ops::Range;
use std::sync::OnceLock;

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::context::{CheckContext, Lang};
use crate::document::Document;
use crate::finding::{LengthReport, Level};
use crate::policy::model::RULE_KEYS;
use crate::policy::Organization;
use crate::problem::Problem;
use crate::text::lexicon::{LexiconBuilder, ListId};
use crate::text::prefilter::PrefilterBuilder;

/// What a rule kind may consult while it compiles.
#[derive(Debug)]
pub(crate) struct CompileEnv<'p> {
    pub organization: &'p Organization,
    /// The policy's fallback language, for texts a kind picks per language.
    pub fallback_language: Lang,
    /// The shared automaton all term lists register into.
    pub lexicon: LexiconBuilder,
    /// The shared prefix automaton of all patterns.
    pub prefilter: PrefilterBuilder,
    /// The organization's mention list, registered on first use
    /// ([`term_list::organization_mentions`]).
    organization_mentions: Option<ListId>,
    /// The exceptions of the rule being compiled, for kinds that apply them
    /// to more than their findings (`require` to its triggers).
    pub exceptions: Option<ListId>,
    /// Terms registered so far, and their bytes (see [`crate::limits`]).
    pub terms: usize,
    pub term_bytes: usize,
    /// `pattern` rules compiled so far, and the bytes their compiled forms
    /// may take (see [`crate::limits::PATTERNS_TOTAL_SIZE_LIMIT`]).
    pub patterns: usize,
    pub pattern_bytes: usize,
}

impl<'p> CompileEnv<'p> {
    pub(crate) fn new(organization: &'p Organization, fallback_language: Lang) -> CompileEnv<'p> {
        CompileEnv {
            organization,
            fallback_language,
            lexicon: LexiconBuilder::default(),
            prefilter: PrefilterBuilder::default(),
            organization_mentions: None,
            exceptions: None,
            terms: 0,
            term_bytes: 0,
            patterns: 0,
            pattern_bytes: 0,
        }
    }
}

/// Declares every rule kind, by the name policies use in `kind`: the
/// [`KINDS`] the reader uses and, in the same order, their JSON Schemas
/// ([`KIND_SCHEMAS`]). The schemas are a table of their own so that only
/// code that prints a schema reaches them: the reader takes each kind's keys
/// and defaults from `kinds.json` ([`KindEntry::keys`]), and so a build that
/// never prints a schema (the extension's worker) links no schema generator.
macro_rules! kinds {
    ($($name:literal => $module:ident,)*) => {
        /// Every rule kind, by the name policies use in `kind`.
        pub(crate) const KINDS: &[KindEntry] = &[$(
            KindEntry {
                name: $name,
                compile: |params, env| compile_params::<$module::Params>(params, env, $name),
            },
        )*];

        /// The JSON Schema of each kind's `Params`, in the order of [`KINDS`].
        pub(crate) const KIND_SCHEMAS: &[fn(&mut schemars::SchemaGenerator) -> schemars::Schema] =
            &[$(<$module::Params as schemars::JsonSchema>::json_schema,)*];
    };
}

// To add a kind: write `rules/<kind>.rs` following the contract above,
// declare the module, add one line here, and regenerate `kinds.json`
// (`UPDATE_GENERATED=1 cargo test -p checker-core --lib kinds_json`).
kinds! {
    "terms" => terms,
    "pattern" => pattern,
    "require" => require,
    "substitute" => substitute,
    "email" => email,
    "phone" => phone,
    "iban" => iban,
    "payment-card" => payment_card,
    "secret" => secret,
    "length" => length,
    "link" => link,
    "internal-host" => internal_host,
    "shouting" => shouting,
    "punctuation" => punctuation,
    "quotation" => quotation,
    "attachment" => attachment,
    "campaign" => campaign,
}

/// Looks a kind up by name.
pub(crate) fn kind(name: &str) -> Option<&'static KindEntry> {
    KINDS.iter().find(|kind| kind.name == name)
}

/// Deserializes a rule's kind keys and compiles them.
pub(crate) type CompileFn =
    fn(Map<String, Value>, &mut CompileEnv<'_>) -> Result<Box<dyn RuleKind>, Vec<Problem>>;

/// A rule kind as the policy reader sees it.
#[derive(Debug)]
pub(crate) struct KindEntry {
    pub name: &'static str,
    /// Deserializes the kind's keys and compiles them.
    pub compile: CompileFn,
}

/// A kind's own keys and the defaults of those that have one, as its JSON
/// Schema gives them. One entry of `kinds.json`.
#[derive(Debug, serde::Deserialize)]
struct KindFacts {
    keys: Vec<String>,
    defaults: Map<String, Value>,
}

/// `kinds.json`: every kind's [`KindFacts`], by kind name. Generated from
/// the schemas (`KIND_SCHEMAS`) by the test `kinds_json_matches_the_schemas`,
/// which fails when a kind's `Params` change without it.
const KINDS_JSON: &str = include_str!("kinds.json");

impl KindEntry {
    fn facts(&self) -> Option<&'static KindFacts> {
        static FACTS: OnceLock<std::collections::BTreeMap<String, KindFacts>> = OnceLock::new();
        FACTS
            .get_or_init(|| serde_json::from_str(KINDS_JSON).unwrap_or_default())
            .get(self.name)
    }

    /// The kind's own keys, in the order of its schema's properties.
    pub fn keys(&self) -> &'static [String] {
        self.facts().map_or(&[], |facts| &facts.keys)
    }

    /// The schema's `default` of each of the kind's keys that has one.
    pub fn defaults(&self) -> Map<String, Value> {
        self.facts()
            .map(|facts| facts.defaults.clone())
            .unwrap_or_default()
    }
}

/// Deserializes `params` (the rule's keys minus the common ones) into `P` and
/// compiles it. Every unknown key is reported (with hints from both the
/// kind's keys and the common rule keys), and the known keys are still
/// compiled so their problems show up in the same run.
///
/// `params` is deserialized by value, so its strings move into `P` instead
/// of being copied: a long term list is megabytes. `kind_name` names the
/// kind, for its keys.
fn compile_params<P: DeserializeOwned + CompileKind>(
    mut params: Map<String, Value>,
    env: &mut CompileEnv<'_>,
    kind_name: &str,
) -> Result<Box<dyn RuleKind>, Vec<Problem>> {
    let common = RULE_KEYS;
    let own = kind(kind_name).map(KindEntry::keys).unwrap_or_default();
    let mut problems = Vec::new();
    params.retain(|key, _| {
        let known = own.contains(key);
        if !known {
            let candidates = own.iter().map(String::as_str).chain(common.iter().copied());
            problems.push(Problem::unknown_key("", key, candidates));
        }
        known
    });
    match serde_path_to_error::deserialize::<_, P>(Value::Object(params)) {
        Ok(params) if problems.is_empty() => return params.compile(env),
        Ok(params) => problems.extend(params.compile(env).err().unwrap_or_default()),
        Err(error) => problems.push(Problem::from_serde("", error, &common)),
    }
    Err(problems)
}

/// What one rule kind reports, before the engine adds the rule's metadata,
/// applies exceptions and conditions, and converts to UTF-16.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Hit {
    /// Byte range in the original text; `None` for a document-level hit.
    pub range: Option<Range<usize>>,
    /// Fixes to offer, most likely first.
    pub fixes: Vec<Fix>,
    /// A level for this hit alone (e.g. a profanity's severity); `None`
    /// keeps the rule's level.
    pub level: Option<Level>,
}

impl Hit {
    /// A hit on `range` with no fix.
    pub fn at(range: Range<usize>) -> Hit {
        Hit {
            range: Some(range),
            fixes: Vec::new(),
            level: None,
        }
    }

    /// A document-level hit with no fix.
    pub fn document() -> Hit {
        Hit {
            range: None,
            fixes: Vec::new(),
            level: None,
        }
    }
}

/// A replacement for a byte range, or (with `range: None`) text to append at
/// the end of the post.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Fix {
    pub replacement: String,
    pub range: Option<Range<usize>>,
}

/// A compiled rule kind.
pub(crate) trait RuleKind: Send + Sync + std::fmt::Debug {
    /// Appends this rule's hits in `doc` to `hits`. Must not panic on any text.
    fn check(&self, doc: &Document<'_>, context: &CheckContext, hits: &mut Vec<Hit>);

    /// The text's length as the platform counts it, for kinds that measure
    /// length. The engine puts the first one it gets into
    /// [`Report::length`](crate::Report::length).
    fn length(&self, _doc: &Document<'_>, _context: &CheckContext) -> Option<LengthReport> {
        None
    }
}

/// Turns validated parameters into a [`RuleKind`].
pub(crate) trait CompileKind {
    /// Problems carry paths relative to the rule object (e.g. `/terms/0`);
    /// the engine prefixes the rule's own path.
    fn compile(self, env: &mut CompileEnv<'_>) -> Result<Box<dyn RuleKind>, Vec<Problem>>;
}

#[cfg(test)]
mod kind_harness;

pub(crate) mod attachment;
pub(crate) mod campaign;
pub(crate) mod punctuation;
pub(crate) mod quotation;
pub(crate) mod shouting;

#[cfg(test)]
mod kinds_json {
    use super::*;

    /// `kinds.json` as the kinds' schemas give it: each kind's properties
    /// (in the schema's order) and their `default`s.
    fn generate() -> String {
        let facts: Map<String, Value> = KINDS
            .iter()
            .zip(KIND_SCHEMAS)
            .map(|(kind, schema)| {
                let schema = schema(&mut schemars::SchemaGenerator::default()).to_value();
                let properties = schema
                    .get("properties")
                    .and_then(Value::as_object)
                    .cloned()
                    .unwrap_or_default();
                let defaults: Map<String, Value> = properties
                    .iter()
                    .filter_map(|(key, property)| {
                        Some((key.clone(), property.get("default")?.clone()))
                    })
                    .collect();
                let keys: Vec<&String> = properties.keys().collect();
                (
                    kind.name.to_owned(),
                    serde_json::json!({"keys": keys, "defaults": defaults}),
                )
            })
            .collect();
        serde_json::to_string_pretty(&facts).expect("JSON") + "\n"
    }

    #[test]
    fn kinds_json_matches_the_schemas() {
        let generated = generate();
        if std::env::var_os("UPDATE_GENERATED").is_some() {
            let path =
                std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/rules/kinds.json");
            std::fs::write(path, &generated).expect("write kinds.json");
            return;
        }
        assert!(
            KINDS_JSON == generated,
            "checker-core/src/rules/kinds.json is out of date with the kinds' Params; \
             regenerate it with UPDATE_GENERATED=1 cargo test -p checker-core --lib kinds_json"
        );
    }

    #[test]
    fn every_kind_has_its_keys() {
        for kind in KINDS {
            assert!(!kind.keys().is_empty(), "kind {}", kind.name);
        }
    }
}
