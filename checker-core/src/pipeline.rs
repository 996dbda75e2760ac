//! The pipeline a policy goes through, in order:
//!
//! 1. [`read`]: JSON → a typed policy, every problem
//!    with its JSON path;
//! 2. [`resolve`]: packs, ids, overrides;
//! 3. [`compile`]: automata, regexes, templates → a
//!    [`Checker`];
//! 4. [`check`](crate::check): a text → a [`Report`](crate::Report).
//!
//! Each stage imports only the stages before it. [`Policy`] runs the first
//! two on reading and the third on [`Policy::compile`].

use crate::compile::{self, Checker};
use crate::limits::{MAX_POLICY_BYTES, MAX_PROBLEMS};
use crate::policy::read::{self, UncheckedRule};
use crate::policy::resolve::{self, ResolvedPolicy, RuleInfo};
use crate::problem::{PolicyError, Problem};

/// A policy read and resolved: valid as far as reading can tell, ready to
/// [`compile`](Policy::compile).
#[derive(Clone, Debug)]
pub struct Policy {
    resolved: ResolvedPolicy,
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
    ///
    /// When reading or resolving finds problems, the policy is compiled
    /// anyway to collect the problems only compiling finds (a bad regex, an
    /// unknown placeholder), so that all of them come back at once. A policy
    /// without reading problems reports those from [`Policy::compile`].
    pub fn from_value(mut value: serde_json::Value) -> Result<Policy, PolicyError> {
        let mut read = read::read_policy(&mut value);
        // The reader took or copied what it needs; what is left would
        // otherwise stay alive through compiling.
        drop(value);
        let read_problems = std::mem::take(&mut read.problems);
        let unchecked = std::mem::take(&mut read.unchecked);
        let mut later = Vec::new();
        let resolved = resolve::resolve(read, &mut later);
        if read_problems.is_empty() && unchecked.is_empty() && later.is_empty() {
            return Ok(Policy { resolved });
        }
        let mut problems = with_unchecked(read_problems, unchecked, &resolved);
        problems.extend(later);
        if let Err(found) = compile::compile(resolved) {
            problems.extend(found);
        }
        Err(capped(problems))
    }

    /// Compiles the policy into a [`Checker`]: every rule's matcher, the
    /// shared term automaton and pattern prefilter. The problems only
    /// compiling can find (a regex that does not compile or matches the
    /// empty string, an unknown placeholder, term lists over the limits)
    /// come back here, each with its JSON path.
    pub fn compile(self) -> Result<Checker, PolicyError> {
        compile::compile(self.resolved).map_err(capped)
    }

    /// The effective rules after packs and overrides, in evaluation order:
    /// id, kind, category, level, whether enabled, and the source pack.
    /// Without a department; see [`Policy::department_rules`].
    pub fn rules(&self) -> &[RuleInfo] {
        &self.resolved.infos
    }

    /// The ids of the policy's `departments`, in order.
    pub fn departments(&self) -> impl Iterator<Item = &str> {
        self.resolved.department_infos.keys().map(String::as_str)
    }

    /// The effective rules for a writer of `department`: the policy's rules
    /// with the department's overlay. `None` for an id the policy does not
    /// define.
    pub fn department_rules(&self, department: &str) -> Option<&[RuleInfo]> {
        self.resolved
            .department_infos
            .get(department)
            .map(Vec::as_slice)
    }

    /// The department id closest to `id`, if `id` looks like a typo of one.
    pub fn similar_department(&self, id: &str) -> Option<&str> {
        crate::problem::did_you_mean(id, self.departments())
    }

    /// The rule with id `id` as it is in force, as JSON: every parameter
    /// with its default filled in (default lists in full), the common
    /// keys, the message and explanation in every language, and `source`
    /// (the pack, or `policy`). `None` for an unknown id.
    ///
    /// ```
    /// let policy = checker_core::Policy::from_json(
    ///     r#"{"version": 1, "extends": ["base"],
    ///         "overrides": [{"id": "base.email", "add": {"allow": ["presse@acme.example"]}}]}"#,
    /// ).unwrap();
    /// let rule = policy.effective_rule("base.email").unwrap();
    /// assert_eq!(rule["allow"], serde_json::json!(["presse@acme.example"]));
    /// assert_eq!(rule["source"], "base");
    /// ```
    pub fn effective_rule(&self, id: &str) -> Option<serde_json::Value> {
        self.department_effective_rule(id, None)
    }

    /// Like [`Policy::effective_rule`], for a writer of `department`: a
    /// department's own rule, or its variant of one of the policy's rules.
    pub fn department_effective_rule(
        &self,
        id: &str,
        department: Option<&str>,
    ) -> Option<serde_json::Value> {
        let rule = self
            .resolved
            .rules
            .iter()
            .find(|rule| rule.source.id == id && rule.departments.include(department))?;
        Some(rule.effective(self.resolved.fallback_language))
    }

    /// The rule id closest to `id`, if `id` looks like a typo of one (for a
    /// "did you mean" hint).
    pub fn similar_rule_id(&self, id: &str) -> Option<&str> {
        crate::problem::did_you_mean(id, self.resolved.infos.iter().map(|rule| rule.id.as_str()))
    }

    /// The policy's `revision`, if it has one.
    pub fn revision(&self) -> Option<&str> {
        self.resolved.revision.as_deref()
    }
}

/// The reading problems with those of the rules set aside for them, each
/// rule's right after its own.
fn with_unchecked(
    read_problems: Vec<Problem>,
    unchecked: Vec<UncheckedRule>,
    resolved: &ResolvedPolicy,
) -> Vec<Problem> {
    let mut problems = Vec::with_capacity(read_problems.len());
    let mut read_problems = read_problems.into_iter();
    let mut taken = 0;
    for rule in unchecked {
        problems.extend(read_problems.by_ref().take(rule.at - taken));
        taken = rule.at;
        problems.extend(compile::unchecked_problems(
            rule,
            &resolved.organization,
            resolved.fallback_language,
        ));
    }
    problems.extend(read_problems);
    problems
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
