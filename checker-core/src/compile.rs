//! Compiling a resolved policy (stage three of the pipeline): every rule
//! kind's matcher, messages turned into templates, the one shared term
//! automaton and the pattern prefilter. A check then only runs matchers: it
//! never parses JSON, regexes or templates.
//!
//! Problems found here carry paths relative to a rule; each rule's
//! [`RuleOrigin`](crate::problem::RuleOrigin), handed forward by reading
//! and resolving, puts them where the policy's author wrote the rule.

use std::collections::HashMap;
use std::sync::Arc;

use crate::context::{Field, Lang, Localized, Platform, Surface};
use crate::finding::{Category, Level};
use crate::limits::MAX_CONDITION_DEPTH;
use crate::policy::mentions::{MentionLists, ORGANIZATION};
use crate::policy::model::{Active, Condition, Mentions, PolicyTest, Within};
use crate::policy::read::UncheckedRule;
use crate::policy::resolve::{InDepartments, ResolvedPolicy};
use crate::policy::Organization;
use crate::problem::{did_you_mean, pointer, Problem};
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
    /// The policy's IANA time zone.
    pub timezone: String,
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
    pub fields: Option<Vec<Field>>,
    pub active: Option<Active>,
    pub exceptions: Option<ListId>,
    pub when: Option<When>,
    pub departments: InDepartments,
    pub kind: Box<dyn RuleKind>,
}

/// A rule's `when` condition, compiled: its mention lists registered with
/// the lexicon.
#[derive(Debug)]
pub(crate) struct When {
    pub condition: CompiledCondition,
    /// How many `Mentions` nodes the condition has: each gets a slot for
    /// the index of its mentions, built once per check.
    pub mention_slots: usize,
}

/// A node of a compiled condition.
#[derive(Debug)]
pub(crate) enum CompiledCondition {
    Mentions {
        list: ListId,
        within: Within,
        /// This node's slot (see [`When::mention_slots`]).
        slot: usize,
    },
    Disguised(bool),
    All(Vec<CompiledCondition>),
    Any(Vec<CompiledCondition>),
    Not(Box<CompiledCondition>),
}

/// Compiles every rule of `policy` into a [`Checker`], or returns every
/// problem found, located in the policy.
pub(crate) fn compile(policy: ResolvedPolicy) -> Result<Checker, Vec<Problem>> {
    let ResolvedPolicy {
        mut rules,
        organization,
        fallback_language: fallback,
        tests,
        timezone,
        mentions,
        ..
    } = policy;
    let organization = &organization;
    let mut env = CompileEnv::new(organization, fallback);
    let mut problems = Vec::new();
    let named_lists = register_mention_lists(&mentions, &mut env, &mut problems);
    let mut compiled = Vec::with_capacity(rules.len());
    for pending in &mut rules {
        // A pack rule that is off can only have problems with parts of the
        // organization section the policy does not use (the packs are
        // tested to compile): it is left out rather than reported.
        if !pending.source.enabled && pending.origin.pack.is_some() {
            continue;
        }
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
        if rule.category == Category::Campaign && rule.level == Level::Block {
            // A suggestion never holds a post back.
            rule_problems.push(
                Problem::new("/level", "a `campaign` suggestion cannot block a post")
                    .hint("use `hint` or `warn`"),
            );
        }
        let kind =
            (rule.kind.compile)(params, &mut env).map_err(|found| rule_problems.extend(found));
        let message = Messages::compile(&rule.message, organization, fallback, "/message")
            .map_err(|found| rule_problems.extend(found));
        let explanation =
            Messages::compile(&rule.explanation, organization, fallback, "/explanation")
                .map_err(|found| rule_problems.extend(found));
        let when = rule.when.as_ref().and_then(|condition| {
            let mut compiler = ConditionCompiler {
                env: &mut env,
                named_lists: &named_lists,
                mention_slots: 0,
                problems: Vec::new(),
            };
            let compiled = compiler.compile(condition, "/when", 1);
            rule_problems.extend(std::mem::take(&mut compiler.problems));
            let mention_slots = compiler.mention_slots;
            compiled.map(|condition| When {
                condition,
                mention_slots,
            })
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
            fields: rule.fields.clone(),
            active: rule.active,
            exceptions,
            when,
            departments: pending.departments.clone(),
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
            timezone,
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

/// Registers every named mention list once, whether or not a rule uses it,
/// so that a problem in a list is found where the list is written.
fn register_mention_lists(
    lists: &MentionLists,
    env: &mut CompileEnv<'_>,
    problems: &mut Vec<Problem>,
) -> HashMap<String, ListId> {
    let options = TermOptions {
        mode: MatchMode::Word,
        case_sensitive: false,
    };
    let mut registered = HashMap::new();
    for (name, list) in lists {
        let base = pointer("/mentions", name);
        match term_list::register(&list.items, options, env, &base) {
            Ok(compiled) => {
                registered.insert(name.clone(), compiled.id);
            }
            // Paths below the list name an item by its index in the
            // effective list; put them where that item was written.
            Err(found) => problems.extend(found.into_iter().map(|mut problem| {
                let inner = problem.path.get(base.len()..).unwrap_or_default();
                let (index, rest) = inner
                    .strip_prefix('/')
                    .map(|inner| inner.split_once('/').unwrap_or((inner, "")))
                    .unwrap_or_default();
                if let Some(item_path) = index
                    .parse::<usize>()
                    .ok()
                    .and_then(|index| list.item_paths.get(index))
                {
                    problem.path = if rest.is_empty() {
                        item_path.clone()
                    } else {
                        format!("{item_path}/{rest}")
                    };
                }
                problem
            })),
        }
    }
    registered
}

/// Compiles one rule's `when`, collecting every problem with its path
/// relative to the rule.
struct ConditionCompiler<'c, 'p> {
    env: &'c mut CompileEnv<'p>,
    named_lists: &'c HashMap<String, ListId>,
    mention_slots: usize,
    problems: Vec<Problem>,
}

impl ConditionCompiler<'_, '_> {
    fn compile(
        &mut self,
        condition: &Condition,
        path: &str,
        depth: usize,
    ) -> Option<CompiledCondition> {
        if depth > MAX_CONDITION_DEPTH {
            self.problems.push(
                Problem::new(
                    path,
                    format!("conditions nest at most {MAX_CONDITION_DEPTH} levels deep"),
                )
                .hint("flatten nested `all`s and `any`s into one list"),
            );
            return None;
        }
        let children = |compiler: &mut Self, key: &str, conditions: &[Condition]| {
            let key_path = pointer(path, key);
            let compiled: Vec<Option<CompiledCondition>> = conditions
                .iter()
                .enumerate()
                .map(|(index, condition)| {
                    compiler.compile(
                        condition,
                        &pointer(&key_path, &index.to_string()),
                        depth + 1,
                    )
                })
                .collect();
            compiled.into_iter().collect::<Option<Vec<_>>>()
        };
        match condition {
            Condition::Mentions(mention) => {
                let list = self.mention_list(&mention.mentions, &pointer(path, "mentions"))?;
                let slot = self.mention_slots;
                self.mention_slots += 1;
                Some(CompiledCondition::Mentions {
                    list,
                    within: mention.within,
                    slot,
                })
            }
            Condition::Disguised(disguised) => {
                Some(CompiledCondition::Disguised(disguised.disguised))
            }
            Condition::All(all) => children(self, "all", &all.all).map(CompiledCondition::All),
            Condition::Any(any) => children(self, "any", &any.any).map(CompiledCondition::Any),
            Condition::Not(not) => self
                .compile(&not.not, &pointer(path, "not"), depth + 1)
                .map(|inner| CompiledCondition::Not(Box::new(inner))),
        }
    }

    fn mention_list(&mut self, mentions: &Mentions, path: &str) -> Option<ListId> {
        let registered = match mentions {
            Mentions::Named(name) if name == ORGANIZATION => {
                term_list::organization_mentions(self.env, path)
            }
            Mentions::Named(name) => {
                if let Some(&list) = self.named_lists.get(name) {
                    return Some(list);
                }
                let problem = Problem::new(path, format!("unknown mention list `{name}`"));
                let known = std::iter::once(ORGANIZATION)
                    .chain(self.named_lists.keys().map(String::as_str));
                let mut names: Vec<&str> = known.clone().collect();
                names.sort_unstable();
                self.problems.push(match did_you_mean(name, known) {
                    Some(close) => problem.hint(format!("did you mean `{close}`?")),
                    None if name == "employer" => problem
                        .hint("`employer` comes with the `organization` pack: add it to `extends`"),
                    None => problem.hint(format!(
                        "known lists: {}; define your own in the top-level `mentions`",
                        names.join(", ")
                    )),
                });
                return None;
            }
            Mentions::Terms(terms) => {
                let options = TermOptions {
                    mode: MatchMode::Word,
                    case_sensitive: false,
                };
                term_list::register(&terms.terms, options, self.env, &pointer(path, "terms"))
                    .map(|list| list.id)
            }
        };
        registered.map_err(|found| self.problems.extend(found)).ok()
    }
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
