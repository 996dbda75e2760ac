//! The policy document as Rust types.
//!
//! The JSON Schema ([`crate::policy_schema`]) is generated from these types.
//! The reader deserializes the small ones (`Active`, `Condition`,
//! `Override`, `PolicyTest`) directly and checks the two large ones
//! (`PolicyDocument`, `RuleCommon`) key by key, against key lists that a
//! test keeps equal to the schema's properties. Kind-specific rule keys
//! live in each kind's `Params`.

use serde::{Deserialize, Deserializer, Serialize};

use super::organization::Organization;
use crate::context::{CheckContext, Date, Lang, Localized, Platform, Surface};
use crate::finding::{Category, Level};
use crate::text::lexicon::MatchMode;

/// Top-level keys of a policy document.
pub(crate) const POLICY_KEYS: [&str; 9] = [
    "$schema",
    "version",
    "revision",
    "fallback_language",
    "organization",
    "extends",
    "rules",
    "overrides",
    "tests",
];

/// Top-level keys of a built-in pack file.
pub(crate) const PACK_KEYS: [&str; 2] = ["description", "rules"];

/// Keys every rule has, whatever its kind.
pub(crate) const RULE_KEYS: [&str; 14] = [
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

/// A Postlint policy: who the organization is, which rules apply, and tests
/// that show the rules do what they say.
#[derive(Clone, Debug, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // Describes the schema; the reader builds `ReadPolicy`.
pub(crate) struct PolicyDocument {
    /// The JSON Schema this file follows (`postlint policy schema`), for
    /// editors' autocompletion; the engine ignores it.
    #[serde(default, rename = "$schema")]
    pub schema: Option<String>,
    /// The format version; always `1`.
    pub version: u32,
    /// Free-form revision label, e.g. a date.
    #[serde(default)]
    pub revision: Option<String>,
    /// The language used when a message lacks the reader's language.
    #[serde(default = "default_fallback")]
    pub fallback_language: Lang,
    /// Who the organization is; needed by the `organization` pack.
    #[serde(default)]
    pub organization: Option<Organization>,
    /// Built-in packs to start from (`base`, `organization`), in order.
    #[serde(default)]
    pub extends: Vec<String>,
    /// The policy's own rules, added after the packs' rules.
    #[serde(default)]
    pub rules: Vec<RuleSchema>,
    /// Changes to inherited rules, by id.
    #[serde(default)]
    pub overrides: Vec<Override>,
    /// Example texts and the rules they must and must not raise.
    #[serde(default)]
    pub tests: Vec<PolicyTest>,
}

fn default_fallback() -> Lang {
    Lang::En
}

/// Stand-in for a rule in the schema: the real rule schema is assembled per
/// kind by [`crate::policy_schema`] from [`RuleCommon`] and the kind's params.
#[derive(Clone, Debug, schemars::JsonSchema)]
pub(crate) struct RuleSchema {}

/// The keys every rule has, whatever its kind. The reader fills
/// [`RuleSource`](super::read::RuleSource) from exactly these keys (a test
/// checks that `RULE_KEYS` equals this schema's properties).
#[derive(Clone, Debug, schemars::JsonSchema)]
#[allow(dead_code)] // Describes the schema; the reader builds `RuleSource`.
#[serde(deny_unknown_fields)]
pub(crate) struct RuleCommon {
    /// Unique id, e.g. `acme.codenames`. Packs use `base.*` and `org.*`.
    pub id: String,
    /// The rule kind, e.g. `terms`, `pattern`, `require`, `substitute`.
    pub kind: String,
    /// The guideline topic.
    pub category: Category,
    /// `hint`, `warn` (default) or `block`.
    #[serde(default = "default_level")]
    pub level: Level,
    /// Whether the employee may post anyway (default true).
    #[serde(default = "default_true")]
    pub overridable: bool,
    /// Whether the rule runs (default true).
    #[serde(default = "default_true")]
    pub enabled: bool,
    /// What the finding says, per language. Placeholders: `{quote}`,
    /// `{replacement}`, `{organization}`, `{contact.<role>}`.
    pub message: Localized,
    /// Why the guideline asks for this, per language. Same placeholders.
    pub explanation: Localized,
    /// The guideline section (an http(s) address). Defaults to
    /// `organization.guideline_url`.
    #[serde(default)]
    pub link: Option<String>,
    /// Only on these platforms (default: all).
    #[serde(default)]
    pub platforms: Option<Vec<Platform>>,
    /// Only in these compose boxes (default: all).
    #[serde(default)]
    pub surfaces: Option<Vec<Surface>>,
    /// Only between these dates, both inclusive.
    #[serde(default)]
    pub active: Option<Active>,
    /// Allow-listed phrases, a term list (strings, `{"term": …}` with
    /// options, `{"organization": …}`): a finding inside one of them is
    /// dropped, and so is a `require` trigger inside one.
    #[serde(default)]
    pub exceptions: Vec<TermItem>,
    /// Only report when a condition holds (e.g. the organization is
    /// mentioned in the same sentence).
    #[serde(default)]
    pub when: Option<Condition>,
}

fn default_level() -> Level {
    Level::Warn
}

fn default_true() -> bool {
    true
}

/// A date window; either end may be open.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Active {
    #[serde(default)]
    pub from: Option<Date>,
    #[serde(default)]
    pub until: Option<Date>,
}

/// Report a hit only if something else is mentioned nearby.
#[derive(Clone, Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Condition {
    /// `"organization"` (any name, alias, handle or product) or
    /// `{"terms": [...]}`.
    pub mentions: Mentions,
    /// `"post"` (default), `"sentence"` or `{"words": N}`.
    #[serde(default)]
    pub within: Within,
}

/// What a condition looks for.
#[derive(Clone, Debug, Deserialize, schemars::JsonSchema)]
#[serde(untagged)]
pub(crate) enum Mentions {
    /// `"organization"`.
    Named(MentionsName),
    /// A list of terms, e.g. `{"terms": ["Acme", "@acme"]}`.
    Terms(MentionsTerms),
}

/// The named mention lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub(crate) enum MentionsName {
    /// Any name, alias, handle or product of the organization.
    Organization,
}

/// A term list to look for.
#[derive(Clone, Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct MentionsTerms {
    pub terms: Vec<TermItem>,
}

/// How near the mention must be.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(untagged)]
pub(crate) enum Within {
    /// `"post"` or `"sentence"`.
    Scope(Scope),
    /// `{"words": N}`: at most N words apart.
    Words(WithinWords),
}

impl Default for Within {
    fn default() -> Within {
        Within::Scope(Scope::Post)
    }
}

/// A text unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Scope {
    Post,
    Sentence,
}

/// A distance in words.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct WithinWords {
    pub words: u32,
}

/// Switches off or re-levels a rule by id.
#[derive(Clone, Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Override {
    /// The id of an inherited (or own) rule.
    pub id: String,
    #[serde(default)]
    pub enabled: Option<bool>,
    #[serde(default)]
    pub level: Option<Level>,
    #[serde(default)]
    pub overridable: Option<bool>,
}

/// An example text, the rules it must raise and those it must not.
#[derive(Clone, Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct PolicyTest {
    /// Shown when the test fails.
    pub name: String,
    pub text: String,
    /// Where the text is written (defaults: generic post, English, no date).
    #[serde(default)]
    pub context: CheckContext,
    /// Rule ids that must be raised.
    #[serde(default)]
    pub expect: Vec<String>,
    /// Rule ids that must not be raised.
    #[serde(default)]
    pub forbid: Vec<String>,
}

/// One item of a term list (see the module docs).
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum TermItem {
    Plain(String),
    /// Boxed: a long list is mostly plain strings, and every item takes
    /// the size of the largest variant.
    Term(Box<TermSpec>),
    Organization(OrganizationRef),
}

/// A term with its own options.
#[derive(Clone, Debug, PartialEq, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct TermSpec {
    /// The word or phrase.
    pub term: String,
    /// `word`, `prefix` or `compound`; defaults to the rule's `match`.
    #[serde(default, rename = "match")]
    pub match_mode: Option<MatchMode>,
    /// Match this term's letter case exactly (`{"term": "BASF",
    /// "case_sensitive": true}`); defaults to the rule's `case_sensitive`,
    /// else false.
    #[serde(default)]
    pub case_sensitive: Option<bool>,
    /// Also match the term's inflected forms: each word may carry a German
    /// or English ending (`e`, `n`, `en`, `s`, `es`, `er`, `ern`, `em`), so
    /// `Stadtwerke Kleinbach` matches `den Stadtwerken Kleinbach`. At most
    /// three words.
    #[serde(default)]
    pub inflect: bool,
    /// A level for this term alone, e.g. `block` for the worst words.
    #[serde(default)]
    pub level: Option<Level>,
    /// A replacement to offer, per language.
    #[serde(default)]
    pub suggest: Option<Localized>,
}

/// `{"organization": "<list>"}`: terms taken from the policy's
/// `organization` section.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct OrganizationRef {
    pub organization: OrganizationList,
}

/// Which part of the `organization` section a list takes its terms from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub(crate) enum OrganizationList {
    /// `name` and `aliases`.
    Names,
    /// `handles`.
    Handles,
    /// `products`.
    Products,
    /// Names, aliases, handles and products: everything that mentions the
    /// organization.
    Mentions,
    /// `disclosures`.
    Disclosures,
}

impl OrganizationList {
    /// The terms this list stands for, in the order the section gives them.
    pub fn terms(self, organization: &Organization) -> Vec<&str> {
        let names = std::iter::once(organization.name.as_str())
            .chain(organization.aliases.iter().map(String::as_str));
        let handles = organization.handles.iter().map(String::as_str);
        let products = organization.products.iter().map(String::as_str);
        let terms: Vec<&str> = match self {
            OrganizationList::Names => names.collect(),
            OrganizationList::Handles => handles.collect(),
            OrganizationList::Products => products.collect(),
            OrganizationList::Mentions => names.chain(handles).chain(products).collect(),
            OrganizationList::Disclosures => organization
                .disclosures
                .iter()
                .map(String::as_str)
                .collect(),
        };
        terms
            .into_iter()
            .filter(|term| !term.trim().is_empty())
            .collect()
    }

    pub fn key(self) -> &'static str {
        match self {
            OrganizationList::Names => "name`/`aliases",
            OrganizationList::Handles => "handles",
            OrganizationList::Products => "products",
            OrganizationList::Mentions => "name",
            OrganizationList::Disclosures => "disclosures",
        }
    }
}

impl<'de> Deserialize<'de> for TermItem {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<TermItem, D::Error> {
        use serde::de::Error;
        let value = serde_json::Value::deserialize(deserializer)?;
        match value {
            serde_json::Value::String(term) => Ok(TermItem::Plain(term)),
            serde_json::Value::Object(ref object) if object.contains_key("organization") => {
                serde_json::from_value(value)
                    .map(TermItem::Organization)
                    .map_err(D::Error::custom)
            }
            serde_json::Value::Object(_) => serde_json::from_value(value)
                .map(|spec| TermItem::Term(Box::new(spec)))
                .map_err(D::Error::custom),
            _ => Err(D::Error::custom(
                "expected a term: a string, {\"term\": …} or {\"organization\": …}",
            )),
        }
    }
}

impl schemars::JsonSchema for TermItem {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "TermItem".into()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let spec = generator.subschema_for::<TermSpec>();
        let reference = generator.subschema_for::<OrganizationRef>();
        schemars::json_schema!({
            "description": "A term: a string, a term with options, or a reference to the organization section.",
            "anyOf": [{"type": "string", "minLength": 1}, spec, reference]
        })
    }
}
