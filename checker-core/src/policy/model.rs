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
use crate::context::{CheckContext, Field, Lang, Localized, Platform, Surface};
use crate::finding::{Category, Level};
use crate::text::lexicon::MatchMode;

/// Top-level keys of a policy document.
pub(crate) const POLICY_KEYS: [&str; 12] = [
    "$schema",
    "version",
    "revision",
    "fallback_language",
    "timezone",
    "organization",
    "extends",
    "mentions",
    "rules",
    "overrides",
    "departments",
    "tests",
];

/// Keys of a department in `departments`.
pub(crate) const DEPARTMENT_KEYS: [&str; 2] = ["rules", "overrides"];

/// The longest department id.
pub(crate) const MAX_DEPARTMENT_ID: usize = 64;

/// Whether `id` is a department id: 1 to 64 ASCII letters, digits, `-`
/// and `_`, so that it fits a managed-policy value and a command line.
pub(crate) fn is_department_id(id: &str) -> bool {
    (1..=MAX_DEPARTMENT_ID).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// Top-level keys of a built-in pack file.
pub(crate) const PACK_KEYS: [&str; 4] = ["description", "mentions", "rules", "switched_on_by"];

/// Keys every rule has, whatever its kind.
pub(crate) const RULE_KEYS: [&str; 15] = [
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
    "fields",
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
    /// The organization's IANA time zone, e.g. `Europe/Berlin` (default
    /// `UTC`). `active` windows are whole days in this zone, and the
    /// extension and the CLI check with today's date there.
    #[serde(default)]
    pub timezone: Option<String>,
    /// Who the organization is; needed by the `organization` pack.
    #[serde(default)]
    pub organization: Option<Organization>,
    /// Built-in packs to start from (`base`, `organization`), in order.
    #[serde(default)]
    pub extends: Vec<String>,
    /// Named mention lists for `when`: a new name defines a list of the
    /// policy's own (an array of terms, used as `{"mentions": "<name>"}`);
    /// a pack's list (`employer`) is changed with `{"add": [...],
    /// "remove": [...]}`.
    #[serde(default)]
    pub mentions: std::collections::BTreeMap<String, MentionListSource>,
    /// The policy's own rules, added after the packs' rules.
    #[serde(default)]
    pub rules: Vec<RuleSchema>,
    /// Changes to inherited rules, by id.
    #[serde(default)]
    pub overrides: Vec<Override>,
    /// Departments by id (letters, digits, `-`, `_`), e.g. `sales`: each
    /// adds rules and overrides on top of the policy's, in force only where
    /// the check's `department` is that id (the extension's managed key
    /// `department`, the CLI's `--department`, a test's `context`).
    #[serde(default)]
    #[schemars(extend("propertyNames" = {"pattern": "^[A-Za-z0-9_-]{1,64}$"}))]
    pub departments: std::collections::BTreeMap<String, Department>,
    /// Example texts and the rules they must and must not raise.
    #[serde(default)]
    pub tests: Vec<PolicyTest>,
}

/// A department's overlay on the policy.
#[derive(Clone, Debug, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // Describes the schema; the reader builds `ReadDepartment`.
pub(crate) struct Department {
    /// Rules only this department has, checked after the policy's. Their
    /// ids are unique across the whole policy.
    #[serde(default)]
    pub rules: Vec<RuleSchema>,
    /// Changes to the policy's rules (packs' and own) or to this
    /// department's rules, applied after the policy's `overrides`. A rule
    /// changed here is changed for this department only.
    #[serde(default)]
    pub overrides: Vec<Override>,
}

fn default_fallback() -> Lang {
    Lang::En
}

/// A policy's entry in its `mentions` object, as read.
#[derive(Clone, Debug, schemars::JsonSchema)]
#[serde(untagged)]
pub(crate) enum MentionListSource {
    /// A list of the policy's own.
    Own(Vec<TermItem>),
    /// Changes to a pack's list.
    Change(MentionListChange),
}

/// `{"add": [...], "remove": [...]}`: changes to a pack's mention list.
#[derive(Clone, Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct MentionListChange {
    /// Terms to add to the pack's list.
    #[serde(default)]
    pub add: Vec<TermItem>,
    /// Terms to take out of the pack's list, written as the pack writes them.
    #[serde(default)]
    pub remove: Vec<TermItem>,
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
    /// Only in these profile fields (`name`, `headline`, `about`, `bio`,
    /// `location`), so only on surface `profile` (default: every box).
    #[serde(default)]
    pub fields: Option<Vec<Field>>,
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

pub(crate) use crate::context::Active;

/// When a rule reports a hit: a mention nearby, an evasive spelling, or a
/// combination of conditions.
///
/// One of:
/// - `{"mentions": …, "within": …}`: something else is mentioned near the hit;
/// - `{"disguised": true}`: the hit was written in an evasive form (spaced
///   letters, leetspeak, look-alike letters, invisible characters);
/// - `{"all": [...]}`: every condition holds;
/// - `{"any": [...]}`: at least one condition holds;
/// - `{"not": {...}}`: the condition does not hold.
///
/// Conditions nest up to 8 levels deep (`MAX_CONDITION_DEPTH` in `limits.rs`).
#[derive(Clone, Debug, schemars::JsonSchema)]
#[serde(untagged)]
pub(crate) enum Condition {
    /// `{"mentions": …, "within": …}`.
    Mentions(MentionCondition),
    /// `{"disguised": true}`.
    Disguised(DisguisedCondition),
    /// `{"all": [...]}`.
    All(AllConditions),
    /// `{"any": [...]}`.
    Any(AnyConditions),
    /// `{"not": {...}}`.
    Not(NotCondition),
}

/// Something else is mentioned near the hit. A mention inside one of the
/// rule's `exceptions` does not count.
#[derive(Clone, Debug, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct MentionCondition {
    /// A named mention list (`"organization"`, `"employer"`, or a list of
    /// the policy's `mentions`) or `{"terms": [...]}`.
    pub mentions: Mentions,
    /// `"post"` (default), `"sentence"` or `{"words": N}`.
    #[serde(default)]
    pub within: Within,
}

/// The hit was (`true`) or was not (`false`) written in an evasive form:
/// spaced-out letters (`K r a n i c h`), leetspeak (`Kr4nich`), look-alike
/// letters from other scripts or fullwidth forms, or invisible characters
/// inside the word. Case alone is no disguise.
#[derive(Clone, Copy, Debug, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct DisguisedCondition {
    pub disguised: bool,
}

/// Every condition holds.
#[derive(Clone, Debug, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct AllConditions {
    #[schemars(length(min = 1))]
    pub all: Vec<Condition>,
}

/// At least one condition holds.
#[derive(Clone, Debug, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct AnyConditions {
    #[schemars(length(min = 1))]
    pub any: Vec<Condition>,
}

/// The condition does not hold.
#[derive(Clone, Debug, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct NotCondition {
    pub not: Box<Condition>,
}

/// The keys a condition object may have.
const CONDITION_KEYS: &[&str] = &["mentions", "within", "disguised", "all", "any", "not"];

/// By hand rather than `untagged`: serde's untagged enums report only "did
/// not match any variant", and the reader wants the path of the value that
/// is wrong (`/rules/3/when/any/1/within`). Every value is deserialized
/// through the map, so its key becomes part of the error's path.
impl<'de> Deserialize<'de> for Condition {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Condition, D::Error> {
        deserializer.deserialize_map(ConditionVisitor)
    }
}

struct ConditionVisitor;

impl<'de> serde::de::Visitor<'de> for ConditionVisitor {
    type Value = Condition;

    fn expecting(&self, formatter: &mut std::fmt::Formatter) -> std::fmt::Result {
        formatter.write_str(
            "a condition: {\"mentions\": …}, {\"disguised\": true}, {\"all\": [...]}, {\"any\": [...]} or {\"not\": {...}}",
        )
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Condition, A::Error> {
        use serde::de::Error;
        let mut mentions = None;
        let mut within = None;
        let mut disguised = None;
        let mut all = None;
        let mut any = None;
        let mut not = None;
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "mentions" => mentions = Some(map.next_value::<Mentions>()?),
                "within" => within = Some(map.next_value::<Within>()?),
                "disguised" => disguised = Some(map.next_value::<bool>()?),
                "all" => all = Some(map.next_value::<Vec<Condition>>()?),
                "any" => any = Some(map.next_value::<Vec<Condition>>()?),
                "not" => not = Some(Box::new(map.next_value::<Condition>()?)),
                _ => return Err(A::Error::unknown_field(&key, CONDITION_KEYS)),
            }
        }
        let forms = [
            mentions.is_some(),
            disguised.is_some(),
            all.is_some(),
            any.is_some(),
            not.is_some(),
        ];
        if within.is_some() && mentions.is_none() {
            return Err(A::Error::custom("`within` needs `mentions`"));
        }
        match forms.iter().filter(|&&present| present).count() {
            0 => {
                return Err(A::Error::custom(
                    "an empty condition; write one of `mentions`, `disguised`, `all`, `any`, `not`",
                ))
            }
            1 => {}
            _ => {
                return Err(A::Error::custom(
                    "a condition has exactly one of `mentions`, `disguised`, `all`, `any`, `not`; combine several with `all` or `any`",
                ))
            }
        }
        let empty = |key: &str| {
            A::Error::custom(format!(
                "an empty `{key}` list; give at least one condition"
            ))
        };
        Ok(if let Some(mentions) = mentions {
            Condition::Mentions(MentionCondition {
                mentions,
                within: within.unwrap_or_default(),
            })
        } else if let Some(disguised) = disguised {
            Condition::Disguised(DisguisedCondition { disguised })
        } else if let Some(all) = all {
            if all.is_empty() {
                return Err(empty("all"));
            }
            Condition::All(AllConditions { all })
        } else if let Some(any) = any {
            if any.is_empty() {
                return Err(empty("any"));
            }
            Condition::Any(AnyConditions { any })
        } else {
            Condition::Not(NotCondition {
                not: not.ok_or_else(|| empty("not"))?,
            })
        })
    }
}

/// What a condition looks for.
#[derive(Clone, Debug, Deserialize, schemars::JsonSchema)]
#[serde(untagged)]
pub(crate) enum Mentions {
    /// A named list: `"organization"` (any name, alias, handle or product
    /// of the organization), `"employer"` (those and the ways people refer
    /// to their own employer: "bei uns", "our company", …; from the
    /// `organization` pack), or a list of the policy's `mentions`.
    Named(String),
    /// A list of terms, e.g. `{"terms": ["Acme", "@acme"]}`.
    Terms(MentionsTerms),
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

/// Changes an inherited (or own) rule by id: switches it off, re-levels it,
/// or changes its parameters and common keys with `set`, `add` and
/// `remove`. The rule is read again after the change, so every value is
/// checked as in a rule, and a problem in a changed value is reported here.
#[derive(Clone, Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Override {
    /// The id of an inherited (or own) rule.
    pub id: String,
    /// Whether the rule runs (same as `set: {"enabled": …}`).
    #[serde(default)]
    pub enabled: Option<bool>,
    /// The rule's level for every finding, including terms with their own
    /// level (same as `set: {"level": …}`).
    #[serde(default)]
    pub level: Option<Level>,
    /// Whether the employee may post anyway (same as `set: {"overridable": …}`).
    #[serde(default)]
    pub overridable: Option<bool>,
    /// Keys to replace: any parameter of the rule's kind, or a common key
    /// (`message`, `explanation`, `link`, `platforms`, `surfaces`, `fields`,
    /// `active`, `exceptions`, `when`, `level`, `enabled`, `overridable`,
    /// `category`), e.g. `{"min_digits_without_context": 7}`. `null`
    /// restores the default. `id` and `kind` cannot change.
    #[serde(default)]
    pub set: Option<serde_json::Map<String, serde_json::Value>>,
    /// Items to append to list keys, e.g. `{"allow": ["presse@acme.example"]}`
    /// or `{"terms": ["Kündigungswelle"]}`. A key the rule leaves out
    /// starts from its default list.
    #[serde(default)]
    pub add: Option<serde_json::Map<String, serde_json::Value>>,
    /// Items to take out of list keys, compared as JSON values (a string
    /// matches an equal string, an object an equal object), e.g.
    /// `{"allow_local_parts": ["press"]}`. An item the list does not hold is
    /// an error; `postlint rules --show ID` prints the lists.
    #[serde(default)]
    pub remove: Option<serde_json::Map<String, serde_json::Value>>,
}

/// Keys of a policy test.
pub(crate) const TEST_KEYS: [&str; 5] = ["name", "text", "context", "expect", "forbid"];

/// An example text, the findings it must raise and those it must not.
#[derive(Clone, Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct PolicyTest {
    /// Shown when the test fails.
    pub name: String,
    pub text: String,
    /// Where the text is written (defaults: generic post, English, no date).
    #[serde(default)]
    pub context: CheckContext,
    /// Findings that must be raised: rule ids, or objects that also pin the
    /// quote and the number of findings.
    #[serde(default)]
    pub expect: Vec<Expectation>,
    /// Findings that must not be raised: rule ids, or objects that forbid
    /// only the findings they match.
    #[serde(default)]
    pub forbid: Vec<Expectation>,
}

/// An item of a test's `expect` or `forbid`: a rule id, or
/// `{"rule": …, "quote": …, "count": …}`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Expectation {
    /// Any finding of this rule.
    Rule(String),
    Finding(ExpectedFinding),
}

/// Findings of one rule, pinned down by quote and number.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ExpectedFinding {
    /// The rule id.
    pub rule: String,
    /// The text the finding marks, exactly (its `quote`).
    #[serde(default)]
    pub quote: Option<String>,
    /// How many findings of the rule (with that quote, if given) there
    /// must be; without it, at least one.
    #[serde(default)]
    pub count: Option<usize>,
}

impl Expectation {
    /// The rule the item names.
    pub fn rule(&self) -> &str {
        match self {
            Expectation::Rule(rule) => rule,
            Expectation::Finding(finding) => &finding.rule,
        }
    }

    /// The pinned-down form: a plain id is any number of findings above
    /// zero, with any quote.
    pub fn finding(&self) -> ExpectedFinding {
        match self {
            Expectation::Rule(rule) => ExpectedFinding {
                rule: rule.clone(),
                quote: None,
                count: None,
            },
            Expectation::Finding(finding) => finding.clone(),
        }
    }
}

impl<'de> Deserialize<'de> for Expectation {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Expectation, D::Error> {
        use serde::de::Error;
        match serde_json::Value::deserialize(deserializer)? {
            serde_json::Value::String(rule) => Ok(Expectation::Rule(rule)),
            value @ serde_json::Value::Object(_) => serde_json::from_value(value)
                .map(Expectation::Finding)
                .map_err(D::Error::custom),
            _ => Err(D::Error::custom(
                "expected a rule id or {\"rule\": …, \"quote\": …, \"count\": …}",
            )),
        }
    }
}

impl schemars::JsonSchema for Expectation {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Expectation".into()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let finding = generator.subschema_for::<ExpectedFinding>();
        schemars::json_schema!({
            "description": "A rule id, or an object that also pins the finding's quote and count.",
            "anyOf": [{"type": "string", "minLength": 1}, finding]
        })
    }
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
    /// `profile.bio_disclosures`.
    #[serde(rename = "bio_disclosures")]
    BioDisclosures,
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
            OrganizationList::BioDisclosures => organization
                .profile
                .iter()
                .flat_map(|profile| &profile.bio_disclosures)
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
            OrganizationList::BioDisclosures => "profile.bio_disclosures",
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
