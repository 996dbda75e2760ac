//! Term lists as policies write them, shared by the kinds that match terms.
//!
//! An item of a term list is one of:
//!
//! - a string: `"Orion-7"`;
//! - a term with options: `{"term": "Kranich", "match": "prefix", "level":
//!   "block", "suggest": {"de": "…", "en": "…"}}`, or `"case_sensitive":
//!   true` for this term alone, or `"inflect": true` for its inflected
//!   forms;
//! - a reference to the policy's `organization` section:
//!   `{"organization": "names"}` (name and aliases), `"handles"`,
//!   `"products"`, `"mentions"` (all of those) or `"disclosures"`. This is
//!   how the built-in `organization` pack works for every company without
//!   naming any.
//!
//! Every list registers into the policy's one shared automaton
//! ([`crate::text::lexicon::LexiconBuilder`]), so adding lists does not slow a check down.

use super::CompileEnv;
use crate::context::Localized;
use crate::finding::Level;
use crate::limits::{MAX_TERMS, MAX_TERMS_TOTAL_BYTES, MAX_TERM_BYTES};
use crate::policy::model::{OrganizationList, OrganizationRef, TermItem};
use crate::problem::{pointer, Problem};
use crate::text::lexicon::{self, ListId, MatchMode, TermOptions, MAX_INFLECTED_WORDS};

/// A term's own level and suggestion (`{"term": …, "level": …, "suggest":
/// …}`).
#[derive(Clone, Debug)]
struct TermDetails {
    level: Option<Level>,
    suggest: Option<Localized>,
}

/// A compiled term list: its id in the shared automaton and what its
/// entries need beyond matching, by the entry index
/// [`crate::text::lexicon::TermMatch::entry`] gives.
#[derive(Clone, Debug)]
pub(crate) struct TermList {
    pub id: ListId,
    /// The entries that have a level or a suggestion of their own, sorted
    /// by entry. A long list is mostly plain strings, which need nothing
    /// here.
    details: Vec<(u32, TermDetails)>,
    /// Each entry's text as written, only when registered with
    /// [`register_keeping_texts`]: the automaton keeps the terms anyway,
    /// and most kinds never show the listed spelling itself.
    texts: Vec<String>,
}

impl TermList {
    fn details(&self, entry: u32) -> Option<&TermDetails> {
        let index = self
            .details
            .binary_search_by_key(&entry, |(index, _)| *index)
            .ok()?;
        Some(&self.details[index].1)
    }

    /// The entry's own level, if it has one.
    pub fn level(&self, entry: u32) -> Option<Level> {
        self.details(entry).and_then(|details| details.level)
    }

    /// The entry's own suggestion, if it has one.
    pub fn suggest(&self, entry: u32) -> Option<&Localized> {
        self.details(entry)
            .and_then(|details| details.suggest.as_ref())
    }

    /// The entry's text as written in the policy or the organization
    /// section (lists registered with [`register_keeping_texts`]).
    pub fn text(&self, entry: u32) -> Option<&str> {
        self.texts.get(entry as usize).map(String::as_str)
    }

    /// Every entry's text, in entry order (lists registered with
    /// [`register_keeping_texts`]).
    pub fn texts(&self) -> &[String] {
        &self.texts
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
    register_list(items, defaults, env, path, false)
}

/// Like [`register`], for kinds that show a matched entry's text as it is
/// listed ([`TermList::text`]).
pub(crate) fn register_keeping_texts(
    items: &[TermItem],
    defaults: TermOptions,
    env: &mut CompileEnv<'_>,
    path: &str,
) -> Result<TermList, Vec<Problem>> {
    register_list(items, defaults, env, path, true)
}

fn register_list(
    items: &[TermItem],
    defaults: TermOptions,
    env: &mut CompileEnv<'_>,
    path: &str,
    keep_texts: bool,
) -> Result<TermList, Vec<Problem>> {
    let bytes = items
        .iter()
        .map(|item| match item {
            TermItem::Plain(term) => term.len(),
            TermItem::Term(spec) => spec.term.len(),
            TermItem::Organization(_) => 0,
        })
        .sum();
    let mut list = ListBuilder {
        list: TermList {
            id: env.lexicon.new_list(items.len(), bytes),
            details: Vec::new(),
            texts: Vec::new(),
        },
        keep_texts,
        problems: Vec::new(),
    };
    if items.is_empty() {
        list.problems.push(
            Problem::new(path, "an empty term list can never match").hint("add at least one term"),
        );
    }
    // Borrowed for the whole loop while `env.lexicon` changes.
    let organization = env.organization;
    for (index, item) in items.iter().enumerate() {
        let item_path = pointer(path, &index.to_string());
        let added = match item {
            TermItem::Plain(term) => list.add(env, &item_path, term, defaults, false, None),
            TermItem::Term(spec) => {
                let options = TermOptions {
                    mode: spec.match_mode.unwrap_or(defaults.mode),
                    case_sensitive: spec.case_sensitive.unwrap_or(defaults.case_sensitive),
                };
                let details =
                    (spec.level.is_some() || spec.suggest.is_some()).then(|| TermDetails {
                        level: spec.level,
                        suggest: spec.suggest.clone(),
                    });
                list.add(env, &item_path, &spec.term, options, spec.inflect, details)
            }
            TermItem::Organization(reference) => {
                if organization.name.trim().is_empty() {
                    list.problems.push(
                        Problem::new(item_path, "this list refers to the organization, but the policy has no `organization` section")
                            .hint("add an `organization` section with at least a `name`"),
                    );
                    continue;
                }
                let terms = reference.organization.terms(organization);
                if terms.is_empty() {
                    list.problems.push(
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
                terms
                    .into_iter()
                    .try_for_each(|term| list.add(env, &item_path, term, defaults, false, None))
            }
        };
        if added.is_err() {
            return Err(list.problems);
        }
    }
    if list.problems.is_empty() {
        list.list.details.shrink_to_fit();
        list.list.texts.shrink_to_fit();
        Ok(list.list)
    } else {
        Err(list.problems)
    }
}

/// A list being registered.
struct ListBuilder {
    list: TermList,
    keep_texts: bool,
    problems: Vec<Problem>,
}

/// The policy's term lists went over the limits; registering stops.
struct OverLimit;

impl ListBuilder {
    /// Registers one term as the list's next entry, or records why it
    /// cannot be.
    fn add(
        &mut self,
        env: &mut CompileEnv<'_>,
        item_path: &str,
        term: &str,
        options: TermOptions,
        inflect: bool,
        details: Option<TermDetails>,
    ) -> Result<(), OverLimit> {
        if term.len() > MAX_TERM_BYTES {
            self.problems.push(
                Problem::new(
                    item_path,
                    format!(
                        "the term is {} bytes long; at most {MAX_TERM_BYTES} are allowed",
                        term.len()
                    ),
                )
                .hint("a term is a word or a short phrase"),
            );
            return Ok(());
        }
        if inflect && term.split_whitespace().count() > MAX_INFLECTED_WORDS {
            self.problems.push(
                Problem::new(
                    pointer(item_path, "inflect"),
                    format!("`inflect` works on terms of at most {MAX_INFLECTED_WORDS} words"),
                )
                .hint("list the inflected forms of longer phrases as terms of their own"),
            );
            return Ok(());
        }
        // Each inflected form is a pattern of the automaton, so it counts
        // towards the limits like a term of its own.
        let forms = lexicon::forms(term, inflect);
        env.terms += forms;
        env.term_bytes += term.len() * forms;
        if env.terms > MAX_TERMS || env.term_bytes > MAX_TERMS_TOTAL_BYTES {
            self.problems.push(
                Problem::new(
                    item_path,
                    format!("the policy's term lists exceed the limit of {MAX_TERMS} terms or {} MiB in total", MAX_TERMS_TOTAL_BYTES >> 20),
                )
                .hint("split the policy, or keep only the terms that matter"),
            );
            return Err(OverLimit);
        }
        let Ok(entry) = env.lexicon.add(self.list.id, term, options, inflect) else {
            self.problems.push(
                Problem::new(
                    item_path,
                    format!("the term `{term}` has no letters, digits or symbols to match"),
                )
                .hint("remove it or write the word itself"),
            );
            return Ok(());
        };
        if let Some(details) = details {
            self.list.details.push((entry, details));
        }
        if self.keep_texts {
            self.list.texts.push(term.to_owned());
        }
        Ok(())
    }
}

/// The list of every name, alias, handle and product of the organization
/// (for `when: {"mentions": "organization"}`), registered once per policy.
pub(crate) fn organization_mentions(
    env: &mut CompileEnv<'_>,
    path: &str,
) -> Result<ListId, Vec<Problem>> {
    if let Some(list) = env.organization_mentions {
        return Ok(list);
    }
    let item = TermItem::Organization(OrganizationRef {
        organization: OrganizationList::Mentions,
    });
    let options = TermOptions {
        mode: MatchMode::Word,
        case_sensitive: false,
    };
    let list = register(&[item], options, env, path)?.id;
    env.organization_mentions = Some(list);
    Ok(list)
}
