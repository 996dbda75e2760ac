//! Compiling a resolved policy (stage three of the pipeline): every rule
//! kind's matcher, messages turned into templates, the one shared term
//! automaton and the pattern prefilter. A check then only runs matchers: it
//! never parses JSON, regexes or templates.
//!
//! Problems found here carry paths relative to a rule; each rule's
//! [`RuleOrigin`](crate::problem::RuleOrigin), handed forward by reading
//! and resolving, puts them where the policy's author wrote the rule.

use std::sync::Arc;

use crate::context::{Lang, Localized, Platform, Surface};
use crate::finding::{Category, Level};
use crate::policy::model::{Active, Condition, Mentions, PolicyTest, Within};
use crate::policy::read::UncheckedRule;
use crate::policy::resolve::ResolvedPolicy;
use crate::policy::Organization;
use crate::problem::{pointer, Problem};
use crate::rules::term_list;
use crate::rules::{CompileEnv, RuleKind};
use crate::template::Template;
use crate::text::lexicon::{Lexicon, ListId, MatchMode, TermOptions};
use crate::text::prefilter::Prefilter;

/// A compiled policy, ready to check texts. Cheap to clone and shareable
/// between threads.
#[derive(Clone, Debug)]
pub struct Checker {
    pub(crate) engine: Arc<Engine>,
}

/// What compiling produced: the rules in evaluation order and the shared
/// automata.
#[derive(Debug)]
pub(crate) struct Engine {
    pub rules: Vec<CompiledRule>,
    pub lexicon: Lexicon,
    pub prefilter: Prefilter,
    pub tests: Vec<PolicyTest>,
}

#[derive(Debug)]
pub(crate) struct CompiledRule {
    pub id: String,
    pub category: Category,
    pub level: Level,
    /// An override set the level: per-hit levels no longer apply.
    pub level_fixed: bool,
    pub overridable: bool,
    pub enabled: bool,
    pub message: Messages,
    pub explanation: Messages,
    pub link: Option<String>,
    pub platforms: Option<Vec<Platform>>,
    pub surfaces: Option<Vec<Surface>>,
    pub active: Option<Active>,
    pub exceptions: Option<ListId>,
    pub when: Option<(ListId, Within)>,
    pub kind: Box<dyn RuleKind>,
}

/// Compiles every rule of `policy` into a [`Checker`], or returns every
/// problem found, located in the policy.
pub(crate) fn compile(policy: ResolvedPolicy) -> Result<Checker, Vec<Problem>> {
    let ResolvedPolicy {
        mut rules,
        organization,
        fallback_language: fallback,
        tests,
        ..
    } = policy;
    let organization = &organization;
    let mut env = CompileEnv::new(organization, fallback);
    let mut problems = Vec::new();
    let mut compiled = Vec::with_capacity(rules.len());
    for pending in &mut rules {
        // The parameters are compiled once; the rest stays for locating.
        let params = std::mem::take(&mut pending.source.params);
        let pending = &*pending;
        let rule = &pending.source;
        let mut rule_problems = Vec::new();
        // Before the kind, which may apply them itself (`require`).
        let exceptions = if rule.exceptions.is_empty() {
            None
        } else {
            let options = TermOptions {
                mode: MatchMode::Word,
                case_sensitive: false,
            };
            term_list::register(&rule.exceptions, options, &mut env, "/exceptions")
                .map_err(|found| rule_problems.extend(found))
                .ok()
                .map(|list| list.id)
        };
        env.exceptions = exceptions;
        let kind =
            (rule.kind.compile)(params, &mut env).map_err(|found| rule_problems.extend(found));
        let message = Messages::compile(&rule.message, organization, fallback, "/message")
            .map_err(|found| rule_problems.extend(found));
        let explanation =
            Messages::compile(&rule.explanation, organization, fallback, "/explanation")
                .map_err(|found| rule_problems.extend(found));
        let when = rule.when.as_ref().and_then(|condition| {
            compile_condition(condition, &mut env)
                .map_err(|found| rule_problems.extend(found))
                .ok()
        });
        if !rule_problems.is_empty() {
            problems.extend(
                rule_problems
                    .into_iter()
                    .map(|problem| pending.origin.locate(problem)),
            );
            continue;
        }
        let (Ok(kind), Ok(message), Ok(explanation)) = (kind, message, explanation) else {
            continue;
        };
        compiled.push(CompiledRule {
            id: rule.id.clone(),
            category: rule.category,
            level: rule.level,
            level_fixed: pending.level_fixed,
            overridable: rule.overridable,
            enabled: rule.enabled,
            message,
            explanation,
            // Pack rules cannot know the company's guideline: they
            // (and any rule without a link) point to its start page.
            link: rule
                .link
                .clone()
                .or_else(|| organization.guideline_url.clone()),
            platforms: rule.platforms.clone(),
            surfaces: rule.surfaces.clone(),
            active: rule.active,
            exceptions,
            when,
            kind,
        });
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let too_large = |error: String| {
        vec![Problem::new(
            "",
            format!("the policy's term lists or patterns are too large to compile: {error}"),
        )]
    };
    let lexicon = env.lexicon.build().map_err(too_large)?;
    let prefilter = env.prefilter.build().map_err(too_large)?;
    Ok(Checker {
        engine: Arc::new(Engine {
            rules: compiled,
            lexicon,
            prefilter,
            tests,
        }),
    })
}

/// The problems of a rule the reader set aside (its common keys have
/// problems): its messages' and its kind's, located in the policy.
pub(crate) fn unchecked_problems(
    rule: UncheckedRule,
    organization: &Organization,
    fallback: Lang,
) -> Vec<Problem> {
    let mut found = Vec::new();
    for (key, text) in [
        ("message", &rule.message),
        ("explanation", &rule.explanation),
    ] {
        found.extend(
            Messages::compile(text, organization, fallback, &pointer("", key))
                .err()
                .unwrap_or_default(),
        );
    }
    match rule.kind {
        Some(kind) => {
            let mut env = CompileEnv::new(organization, fallback);
            if let Err(problems) = (kind.compile)(rule.params, &mut env) {
                found.extend(problems);
            }
        }
        None => found.extend(rule.unknown_keys),
    }
    found
        .into_iter()
        .map(|problem| problem.under(&rule.path))
        .collect()
}

fn compile_condition(
    condition: &Condition,
    env: &mut CompileEnv<'_>,
) -> Result<(ListId, Within), Vec<Problem>> {
    let list = match &condition.mentions {
        Mentions::Named(_) => term_list::organization_mentions(env, "/when/mentions")?,
        Mentions::Terms(terms) => {
            let options = TermOptions {
                mode: MatchMode::Word,
                case_sensitive: false,
            };
            term_list::register(&terms.terms, options, env, "/when/mentions/terms")?.id
        }
    };
    Ok((list, condition.within))
}

/// A message with its placeholders parsed, per language.
#[derive(Debug)]
pub(crate) struct Messages {
    /// Indexed by [`lang_index`].
    templates: [Option<Template>; 2],
    /// The policy's fallback language, for a reader whose language is missing.
    fallback: Lang,
}

fn lang_index(lang: Lang) -> usize {
    match lang {
        Lang::De => 0,
        Lang::En => 1,
    }
}

impl Messages {
    fn compile(
        text: &Localized,
        organization: &Organization,
        fallback: Lang,
        path: &str,
    ) -> Result<Messages, Vec<Problem>> {
        let mut messages = Messages {
            templates: [None, None],
            fallback,
        };
        let mut problems = Vec::new();
        for (&lang, source) in &text.0 {
            let lang_path = pointer(path, lang.code());
            match Template::parse(source, lang, organization) {
                Ok(template) => messages.templates[lang_index(lang)] = Some(template),
                Err(problem) => problems.push(problem.under(&lang_path)),
            }
        }
        if problems.is_empty() {
            Ok(messages)
        } else {
            Err(problems)
        }
    }

    pub(crate) fn render(
        &self,
        lang: Lang,
        quote: Option<&str>,
        replacement: Option<&str>,
    ) -> String {
        lang.preference(self.fallback)
            .find_map(|lang| self.templates[lang_index(lang)].as_ref())
            .map(|template| template.render(quote, replacement))
            .unwrap_or_default()
    }
}
