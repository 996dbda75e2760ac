//! Resolving a read policy (stage two of the pipeline): the built-in packs
//! of `extends` first, then the policy's own rules; rule ids unique across
//! all of them; `overrides` applied; the ids that `tests` name checked.
//!
//! What comes out is the effective rule list, each rule with its
//! [`RuleOrigin`], ready to compile.

use std::collections::HashMap;

use serde::Serialize;

use super::mentions::{self, MentionLists};
use super::model::PolicyTest;
use super::organization::Organization;
use super::packs;
use super::read::{ReadPolicy, RuleSource};
use crate::context::{Lang, Localized};
use crate::finding::{Category, Level};
use crate::problem::{did_you_mean, pointer, Problem, RuleOrigin};
use crate::template::{self, Template};

/// A rule after packs and overrides, as [`Policy::rules`](crate::Policy::rules) lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct RuleInfo {
    pub id: String,
    pub kind: String,
    pub category: Category,
    pub level: Level,
    pub overridable: bool,
    pub enabled: bool,
    /// Where the rule comes from: a pack name (`base`, `organization`) or
    /// `policy` for the policy's own rules.
    pub source: String,
    /// What the rule is for, in every language Postlint speaks (each picked
    /// like a finding's, so every language is present): the rule's
    /// explanation with `{organization}` and `{contact.<role>}` rendered as
    /// in findings and `{quote}`, `{replacement}` as "…".
    pub explanation: Localized,
    /// The contact role the rule's message or explanation names
    /// (`{contact.press}` → `press`), the first one found.
    pub contact: Option<String>,
}

/// A rule to compile, with where it came from.
#[derive(Clone, Debug)]
pub(crate) struct PendingRule {
    pub source: RuleSource,
    pub origin: RuleOrigin,
    /// Set by an override: per-hit levels no longer apply.
    pub level_fixed: bool,
}

/// A policy with its packs and overrides applied.
#[derive(Clone, Debug)]
pub(crate) struct ResolvedPolicy {
    pub rules: Vec<PendingRule>,
    pub infos: Vec<RuleInfo>,
    pub organization: Organization,
    pub fallback_language: Lang,
    pub tests: Vec<PolicyTest>,
    pub revision: Option<String>,
    /// The IANA time zone the hosts compute the check date in.
    pub timezone: String,
    /// The named mention lists `when` conditions can use.
    pub mentions: MentionLists,
}

/// Resolves `policy`, adding what is wrong to `problems`.
pub(crate) fn resolve(policy: ReadPolicy, problems: &mut Vec<Problem>) -> ResolvedPolicy {
    let fallback = policy.fallback_language;

    // Packs first, in `extends` order, then the policy's own rules.
    let mut rules: Vec<PendingRule> = Vec::new();
    let mut seen_packs = Vec::new();
    let mut extended = Vec::new();
    for (name, path) in &policy.extends {
        let Some(pack) = packs::find(name) else {
            let names = packs::PACKS.iter().map(|pack| pack.name);
            let problem = Problem::new(path.clone(), format!("unknown pack `{name}`"));
            problems.push(match did_you_mean(name, names.clone()) {
                Some(close) => problem.hint(format!("did you mean `{close}`?")),
                None => problem.hint(format!(
                    "built-in packs: {}",
                    names.collect::<Vec<_>>().join(", ")
                )),
            });
            continue;
        };
        if seen_packs.contains(&pack.name) {
            problems.push(Problem::new(
                path.clone(),
                format!("pack `{name}` is listed twice"),
            ));
            continue;
        }
        seen_packs.push(pack.name);
        if pack.needs_organization && policy.organization.is_none() {
            problems.push(
                Problem::new(
                    path.clone(),
                    format!("the `{name}` pack needs an `organization` section"),
                )
                .hint("add \"organization\": {\"name\": \"…\", …}"),
            );
            continue;
        }
        extended.push((pack, path.clone()));
        match packs::read(pack, fallback) {
            Ok(pack_rules) => rules.extend(pack_rules.into_iter().map(|source| PendingRule {
                origin: RuleOrigin {
                    path: source.path.clone(),
                    pack: Some((pack.name, path.clone())),
                },
                source,
                level_fixed: false,
            })),
            Err(found) => problems.extend(
                found
                    .into_iter()
                    .map(|problem| problem.in_pack(pack.name, path)),
            ),
        }
    }
    rules.extend(policy.rules.into_iter().map(|source| PendingRule {
        origin: RuleOrigin {
            path: source.path.clone(),
            pack: None,
        },
        source,
        level_fixed: false,
    }));

    // Ids must be unique across packs and the policy, counting rules
    // that have other problems too.
    let mut first_use: HashMap<&str, String> = HashMap::new();
    let pack_ids = rules.iter().filter_map(|rule| {
        let (pack, _) = rule.origin.pack.as_ref()?;
        Some((
            rule.source.id.as_str(),
            rule.source.path.as_str(),
            Some(*pack),
        ))
    });
    let own_ids = policy
        .rule_ids
        .iter()
        .map(|(id, path)| (id.as_str(), path.as_str(), None));
    for (id, path, pack) in pack_ids.chain(own_ids) {
        match first_use.get(id) {
            Some(origin) => problems.push(
                Problem::new(pointer(path, "id"), format!("duplicate rule id `{id}`")).hint(
                    format!(
                    "it is already used by {origin}; use `overrides` to change an inherited rule"
                ),
                ),
            ),
            None => {
                let origin = match pack {
                    Some(pack) => format!("the `{pack}` pack"),
                    None => format!("the rule at {path}"),
                };
                first_use.insert(id, origin);
            }
        }
    }
    let known_ids: Vec<String> = first_use.keys().map(|id| (*id).to_owned()).collect();
    let mut by_id: HashMap<String, usize> = HashMap::new();
    for (index, rule) in rules.iter().enumerate() {
        by_id.entry(rule.source.id.clone()).or_insert(index);
    }

    for (change, path) in &policy.overrides {
        let Some(&index) = by_id.get(&change.id) else {
            if !known_ids.contains(&change.id) {
                problems.push(unknown_rule(
                    &pointer(path, "id"),
                    &change.id,
                    known_ids.iter(),
                ));
            }
            continue;
        };
        let rule = &mut rules[index];
        if let Some(enabled) = change.enabled {
            rule.source.enabled = enabled;
        }
        if let Some(level) = change.level {
            rule.source.level = level;
            rule.level_fixed = true;
        }
        if let Some(overridable) = change.overridable {
            rule.source.overridable = overridable;
        }
    }

    let mut tests = Vec::with_capacity(policy.tests.len());
    for (test, path) in policy.tests {
        for (key, ids) in [("expect", &test.expect), ("forbid", &test.forbid)] {
            for (index, id) in ids.iter().enumerate() {
                if !known_ids.contains(id) {
                    let id_path = pointer(&pointer(&path, key), &index.to_string());
                    problems.push(unknown_rule(&id_path, id, known_ids.iter()));
                }
            }
        }
        tests.push(test);
    }

    let mentions = mentions::resolve(&extended, policy.mentions, problems);
    let organization = policy.organization.unwrap_or_default();
    let infos = rules
        .iter()
        .map(|rule| RuleInfo {
            id: rule.source.id.clone(),
            kind: rule.source.kind.name.to_owned(),
            category: rule.source.category,
            level: rule.source.level,
            overridable: rule.source.overridable,
            enabled: rule.source.enabled,
            source: rule
                .origin
                .pack
                .as_ref()
                .map_or("policy", |(pack, _)| pack)
                .to_owned(),
            explanation: explain(&rule.source.explanation, &organization, fallback),
            contact: [&rule.source.message, &rule.source.explanation]
                .into_iter()
                .flat_map(|text| text.0.values())
                .find_map(|source| template::contact_role(source))
                .map(str::to_owned),
        })
        .collect();

    ResolvedPolicy {
        rules,
        infos,
        organization,
        fallback_language: fallback,
        tests,
        revision: policy.revision,
        timezone: policy
            .timezone
            .unwrap_or_else(|| super::timezone::DEFAULT.to_owned()),
        mentions,
    }
}

/// `explanation` for the rule list: each language's text picked as for a
/// finding and rendered without a hit. A text that does not parse stays as
/// written; compiling reports it.
fn explain(explanation: &Localized, organization: &Organization, fallback: Lang) -> Localized {
    Localized(
        Lang::ALL
            .into_iter()
            .filter_map(|lang| {
                let source = explanation.pick(lang, fallback)?;
                let text = Template::parse(source, lang, organization).map_or_else(
                    |_| source.to_owned(),
                    |template| template.render(Some(ELLIPSIS), Some(ELLIPSIS)),
                );
                Some((lang, text))
            })
            .collect(),
    )
}

/// What `{quote}` and `{replacement}` read as where there is no hit.
const ELLIPSIS: &str = "…";

fn unknown_rule<'k>(
    path: &str,
    id: &str,
    known: impl Iterator<Item = &'k String> + Clone,
) -> Problem {
    let problem = Problem::new(path, format!("no rule has the id `{id}`"));
    match did_you_mean(id, known.map(String::as_str)) {
        Some(close) => problem.hint(format!("did you mean `{close}`?")),
        None => problem.hint("see `postlint rules` for the effective rule ids"),
    }
}
