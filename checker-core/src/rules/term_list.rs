//! Term lists as policies write them, shared by the kinds that match terms.
//!
//! An item of a term list is one of:
//!
//! - a string: `"Orion-7"`;
//! - a term with options: `{"term": "Kranich", "match": "prefix", "level":
//!   "block", "suggest": {"de": "…", "en": "…"}}`;
//! - a reference to the policy's `organization` section:
//!   `{"organization": "names"}` (name and aliases), `"handles"`,
//!   `"products"`, `"mentions"` (all of those) or `"disclosures"`. This is
//!   how the built-in `organization` pack works for every company without
//!   naming any.
//!
//! Every list registers into the policy's one shared automaton
//! ([`crate::text::lexicon::LexiconBuilder`]), so adding lists does not slow a check down.

use serde::{Deserialize, Deserializer};

use crate::context::Lang;
use crate::engine::CompileEnv;
use crate::finding::Level;
use crate::limits::{MAX_TERMS, MAX_TERMS_TOTAL_BYTES, MAX_TERM_BYTES};
use crate::policy::{Localized, Organization};
use crate::problem::{pointer, Problem};
use crate::text::lexicon::{ListId, MatchMode, TermOptions};

/// One item of a term list (see the module docs).
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum TermItem {
    Plain(String),
    Term(TermSpec),
    Organization(OrganizationRef),
}

/// A term with its own options.
#[derive(Clone, Debug, PartialEq, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct TermSpec {
    /// The word or phrase.
    pub term: String,
    /// `word` or `prefix`; defaults to the rule's `match`.
    #[serde(default, rename = "match")]
    pub match_mode: Option<MatchMode>,
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

    fn key(self) -> &'static str {
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
                .map(TermItem::Term)
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

/// One registered term, with what the kind needs to report it.
#[derive(Clone, Debug)]
pub(crate) struct Entry {
    /// The term as written in the policy or the organization section.
    pub text: String,
    pub level: Option<Level>,
    pub suggest: Option<Localized>,
}

/// A compiled term list: its id in the shared automaton and its entries, in
/// the order [`crate::text::lexicon::TermMatch::entry`] indexes them.
#[derive(Clone, Debug)]
pub(crate) struct TermList {
    pub id: ListId,
    pub entries: Vec<Entry>,
}

impl TermList {
    /// The entry a match refers to.
    pub fn entry(&self, index: u32) -> Option<&Entry> {
        self.entries.get(index as usize)
    }
}

/// Registers `items` as one list. `path` points at the list within the rule
/// (e.g. `/terms`); problems carry paths below it.
pub(crate) fn register(
    items: &[TermItem],
    defaults: TermOptions,
    env: &mut CompileEnv<'_>,
    path: &str,
) -> Result<TermList, Vec<Problem>> {
    let mut problems = Vec::new();
    if items.is_empty() {
        problems.push(
            Problem::new(path, "an empty term list can never match").hint("add at least one term"),
        );
    }
    let id = env.lexicon.new_list();
    let mut entries = Vec::new();
    for (index, item) in items.iter().enumerate() {
        let item_path = pointer(path, &index.to_string());
        let (terms, mode, level, suggest): (Vec<String>, _, _, _) = match item {
            TermItem::Plain(term) => (vec![term.clone()], defaults.mode, None, None),
            TermItem::Term(spec) => (
                vec![spec.term.clone()],
                spec.match_mode.unwrap_or(defaults.mode),
                spec.level,
                spec.suggest.clone(),
            ),
            TermItem::Organization(reference) => {
                if env.organization.name.trim().is_empty() {
                    problems.push(
                        Problem::new(item_path, "this list refers to the organization, but the policy has no `organization` section")
                            .hint("add an `organization` section with at least a `name`"),
                    );
                    continue;
                }
                let terms: Vec<String> = reference
                    .organization
                    .terms(env.organization)
                    .into_iter()
                    .map(str::to_owned)
                    .collect();
                if terms.is_empty() {
                    problems.push(
                        Problem::new(
                            item_path,
                            format!(
                                "`organization.{}` is empty, so this list has nothing to match",
                                reference.organization.key()
                            ),
                        )
                        .hint(format!(
                            "fill in `organization.{}`",
                            reference.organization.key()
                        )),
                    );
                    continue;
                }
                (terms, defaults.mode, None, None)
            }
        };
        for term in terms {
            if term.len() > MAX_TERM_BYTES {
                problems.push(
                    Problem::new(
                        item_path.clone(),
                        format!(
                            "the term is {} bytes long; at most {MAX_TERM_BYTES} are allowed",
                            term.len()
                        ),
                    )
                    .hint("a term is a word or a short phrase"),
                );
                continue;
            }
            env.terms += 1;
            env.term_bytes += term.len();
            if env.terms > MAX_TERMS || env.term_bytes > MAX_TERMS_TOTAL_BYTES {
                problems.push(
                    Problem::new(
                        item_path,
                        format!("the policy's term lists exceed the limit of {MAX_TERMS} terms or {} MiB in total", MAX_TERMS_TOTAL_BYTES >> 20),
                    )
                    .hint("split the policy, or keep only the terms that matter"),
                );
                return Err(problems);
            }
            let options = TermOptions {
                mode,
                case_sensitive: defaults.case_sensitive,
            };
            let entry = u32::try_from(entries.len()).unwrap_or(u32::MAX);
            if env.lexicon.add(id, entry, &term, options).is_err() {
                problems.push(
                    Problem::new(
                        item_path.clone(),
                        format!("the term `{term}` has no letters, digits or symbols to match"),
                    )
                    .hint("remove it or write the word itself"),
                );
                continue;
            }
            entries.push(Entry {
                text: term,
                level,
                suggest: suggest.clone(),
            });
        }
    }
    if problems.is_empty() {
        Ok(TermList { id, entries })
    } else {
        Err(problems)
    }
}

/// Picks the text for `lang`, else for `fallback`, else any.
pub(crate) fn localized(text: &Localized, lang: Lang, fallback: Lang) -> Option<&str> {
    text.0
        .get(&lang)
        .or_else(|| text.0.get(&fallback))
        .or_else(|| text.0.values().next())
        .map(String::as_str)
}
