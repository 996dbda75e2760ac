//! The policy document: model, reading with validation, packs and layering.

pub(crate) mod model;
mod organization;
pub(crate) mod packs;
pub(crate) mod read;

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use crate::context::Lang;
use crate::engine::{Checker, PendingRule, RuleInfo};
use crate::limits::{MAX_POLICY_BYTES, MAX_PROBLEMS};
use crate::problem::{did_you_mean, pointer, PolicyError, Problem};

pub use organization::{Contact, Organization};

/// A text in several languages, e.g. `{"de": "…", "en": "…"}`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(transparent)]
pub struct Localized(pub BTreeMap<Lang, String>);

/// A validated policy.
///
/// Reading a policy already compiles it (that is the only way to know that
/// every regex compiles and every term can match), so all problems come
/// back from [`Policy::from_json`] at once, and [`Policy::compile`] is cheap.
#[derive(Clone, Debug)]
pub struct Policy {
    checker: Checker,
    rules: Vec<RuleInfo>,
    revision: Option<String>,
}

impl Policy {
    /// Reads and validates a policy from JSON text.
    ///
    /// ```
    /// let error = checker_core::Policy::from_json(r#"{"version": 1, "rules": [{"levle": 1}]}"#)
    ///     .unwrap_err();
    /// assert!(error.problems.iter().any(|p| p.path == "/rules/0/levle"
    ///     && p.hint.as_deref() == Some("did you mean `level`?")));
    /// ```
    pub fn from_json(source: &str) -> Result<Policy, PolicyError> {
        Policy::from_json_bytes(source.as_bytes())
    }

    /// Reads and validates a policy from the bytes of a JSON file, as read
    /// from disk or the network. Bytes that are not UTF-8 are a problem
    /// (with the line and column), not a panic.
    pub fn from_json_bytes(source: &[u8]) -> Result<Policy, PolicyError> {
        Policy::from_value(parse_json(source)?)
    }

    /// Like [`Policy::from_json`], for a caller that hands its text over:
    /// the text is freed as soon as it is parsed, so that a large policy's
    /// megabytes of JSON do not stay alive while it compiles (the
    /// WebAssembly binding uses this: its linear memory never shrinks, so
    /// the most a compile ever holds at once is what it keeps).
    pub fn from_json_string(source: String) -> Result<Policy, PolicyError> {
        let value = parse_json(source.as_bytes())?;
        drop(source);
        Policy::from_value(value)
    }

    /// Reads and validates a policy from a JSON value (the CLI converts YAML
    /// to one).
    pub fn from_value(mut value: serde_json::Value) -> Result<Policy, PolicyError> {
        let mut reader = read::Reader::default();
        let policy = reader.policy(&mut value);
        // The reader took or copied what it needs; what is left would
        // otherwise stay alive through compiling.
        drop(value);
        let mut problems = std::mem::take(&mut reader.problems);
        let fallback = policy.fallback_language;

        // Packs first, in `extends` order, then the policy's own rules.
        let mut rules: Vec<PendingRule> = Vec::new();
        let mut seen_packs = Vec::new();
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
            match packs::read(pack, fallback) {
                Ok(pack_rules) => rules.extend(pack_rules.into_iter().map(|source| PendingRule {
                    source,
                    pack: Some(pack.name),
                    level_fixed: false,
                })),
                Err(found) => problems.extend(
                    found
                        .into_iter()
                        .map(|problem| in_pack(pack.name, path, problem)),
                ),
            }
        }
        rules.extend(policy.rules.into_iter().map(|source| PendingRule {
            source,
            pack: None,
            level_fixed: false,
        }));

        // Ids must be unique across packs and the policy, counting rules
        // that have other problems too.
        let mut first_use: HashMap<&str, String> = HashMap::new();
        let pack_ids = rules.iter().filter(|rule| rule.pack.is_some()).map(|rule| {
            (
                rule.source.id.as_str(),
                rule.source.path.as_str(),
                rule.pack,
            )
        });
        let own_ids = policy
            .rule_ids
            .iter()
            .map(|(id, path)| (id.as_str(), path.as_str(), None));
        for (id, path, pack) in pack_ids.chain(own_ids) {
            match first_use.get(id) {
                Some(origin) => problems.push(
                    Problem::new(pointer(path, "id"), format!("duplicate rule id `{id}`"))
                        .hint(format!("it is already used by {origin}; use `overrides` to change an inherited rule")),
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

        let infos: Vec<RuleInfo> = rules
            .iter()
            .map(|rule| RuleInfo {
                id: rule.source.id.clone(),
                kind: rule.source.kind.name.to_owned(),
                category: rule.source.category,
                level: rule.source.level,
                overridable: rule.source.overridable,
                enabled: rule.source.enabled,
                source: rule.pack.unwrap_or("policy").to_owned(),
            })
            .collect();

        let organization = policy.organization.unwrap_or_default();
        let locate = |rule: &PendingRule, problem: Problem| {
            let problem = problem.under(&rule.source.path);
            match rule.pack {
                Some(pack) => {
                    let path = policy
                        .extends
                        .iter()
                        .find(|(name, _)| name == pack)
                        .map_or("/extends", |(_, path)| path.as_str());
                    in_pack(pack, path, problem)
                }
                None => problem,
            }
        };
        // Compile even when reading found problems, so that kind-level
        // problems (a bad regex, an empty list) are reported in the same run.
        match Checker::build(rules, &organization, fallback, tests, &locate) {
            Ok(checker) if problems.is_empty() => Ok(Policy {
                checker,
                rules: infos,
                revision: policy.revision,
            }),
            Ok(_) => Err(capped(problems)),
            Err(found) => {
                problems.extend(found);
                Err(capped(problems))
            }
        }
    }

    /// A [`Checker`] for this policy. Everything was compiled while reading,
    /// so this only hands out a shared reference; it stays fallible so that
    /// later limits (e.g. on automaton size) can be enforced here.
    pub fn compile(&self) -> Result<Checker, PolicyError> {
        Ok(self.checker.clone())
    }

    /// The effective rules after packs and overrides, in evaluation order:
    /// id, kind, category, level, whether enabled, and the source pack.
    pub fn rules(&self) -> &[RuleInfo] {
        &self.rules
    }

    /// The policy's `revision`, if it has one.
    pub fn revision(&self) -> Option<&str> {
        self.revision.as_deref()
    }
}

/// Parses a policy's JSON text, within the size limit.
fn parse_json(source: &[u8]) -> Result<serde_json::Value, PolicyError> {
    if source.len() > MAX_POLICY_BYTES {
        return Err(PolicyError {
            problems: vec![Problem::new(
                "",
                format!(
                    "the policy is {} bytes long; at most {} MiB are read",
                    source.len(),
                    MAX_POLICY_BYTES >> 20
                ),
            )
            .hint(
                "long term lists belong in a few focused rules; see \"Limits\" in the policy docs",
            )],
        });
    }
    serde_json::from_slice(source).map_err(|error| PolicyError {
        problems: vec![Problem::new("", format!("not valid JSON: {error}"))],
    })
}

/// At most [`MAX_PROBLEMS`] problems, the rest counted in a last one.
fn capped(mut problems: Vec<Problem>) -> PolicyError {
    if problems.len() > MAX_PROBLEMS {
        let more = problems.len() - MAX_PROBLEMS;
        problems.truncate(MAX_PROBLEMS);
        problems.push(Problem::new(
            "",
            format!("… and {more} more problem(s) not listed"),
        ));
    }
    PolicyError { problems }
}

/// Reports a problem inside a built-in pack at the `extends` entry that
/// pulled the pack in, keeping the pack-internal path in the message.
fn in_pack(pack: &str, extends_path: &str, problem: Problem) -> Problem {
    Problem {
        path: extends_path.to_owned(),
        message: format!(
            "built-in pack `{pack}`, at {}: {}",
            display_path(&problem.path),
            problem.message
        ),
        hint: problem.hint,
    }
}

fn display_path(path: &str) -> &str {
    if path.is_empty() {
        "/"
    } else {
        path
    }
}

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
