//! Compiling a policy and checking texts against it.
//!
//! Compiling resolves packs and overrides, compiles every rule kind, turns
//! messages into templates, and builds the one shared term automaton. A check
//! then only runs matchers: it never parses JSON, regexes or templates.

use std::cell::OnceCell;
use std::ops::Range;
use std::sync::Arc;

use serde::Serialize;

use crate::context::{CheckContext, Date, Lang, Platform, Surface};
use crate::document::Document;
use crate::finding::{Category, Finding, Level, Report, Span, Suggestion};
use crate::policy::model::{Active, Condition, Mentions, PolicyTest, Scope, Within};
use crate::policy::read::RuleSource;
use crate::policy::{Localized, Organization};
use crate::problem::{pointer, Problem};
use crate::rules::term_list::{self, OrganizationList, OrganizationRef, TermItem};
use crate::rules::{Hit, RuleKind};
use crate::text::lexicon::{Lexicon, LexiconBuilder, ListId, MatchMode, TermOptions};
use crate::text::prefilter::{Prefilter, PrefilterBuilder};
use crate::text::utf16::Utf16Offsets;

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
    /// The organization's mention list, registered on first use.
    organization_mentions: Option<ListId>,
    /// Terms registered so far, and their bytes (see [`crate::limits`]).
    pub terms: usize,
    pub term_bytes: usize,
    /// `pattern` rules compiled so far.
    pub patterns: usize,
}

impl<'p> CompileEnv<'p> {
    pub(crate) fn new(organization: &'p Organization, fallback_language: Lang) -> CompileEnv<'p> {
        CompileEnv {
            organization,
            fallback_language,
            lexicon: LexiconBuilder::default(),
            prefilter: PrefilterBuilder::default(),
            organization_mentions: None,
            terms: 0,
            term_bytes: 0,
            patterns: 0,
        }
    }

    /// The list of every name, alias, handle and product of the organization
    /// (for `when: {"mentions": "organization"}`), registered once.
    fn organization_mentions(&mut self, path: &str) -> Result<ListId, Vec<Problem>> {
        if let Some(list) = self.organization_mentions {
            return Ok(list);
        }
        let item = TermItem::Organization(OrganizationRef {
            organization: OrganizationList::Mentions,
        });
        let options = TermOptions {
            mode: MatchMode::Word,
            case_sensitive: false,
        };
        let list = term_list::register(&[item], options, self, path)?.id;
        self.organization_mentions = Some(list);
        Ok(list)
    }
}

/// A rule after packs and overrides, as [`Policy::rules`](crate::Policy::rules) lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
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
}

/// A compiled policy, ready to check texts. Cheap to clone and shareable
/// between threads.
#[derive(Clone, Debug)]
pub struct Checker {
    engine: Arc<Engine>,
}

#[derive(Debug)]
struct Engine {
    rules: Vec<CompiledRule>,
    lexicon: Lexicon,
    prefilter: Prefilter,
    tests: Vec<PolicyTest>,
}

#[derive(Debug)]
struct CompiledRule {
    id: String,
    category: Category,
    level: Level,
    /// An override set the level: per-hit levels no longer apply.
    level_fixed: bool,
    overridable: bool,
    enabled: bool,
    message: Messages,
    explanation: Messages,
    link: Option<String>,
    platforms: Option<Vec<Platform>>,
    surfaces: Option<Vec<Surface>>,
    active: Option<Active>,
    exceptions: Option<ListId>,
    when: Option<(ListId, Within)>,
    kind: Box<dyn RuleKind>,
}

/// A rule to compile, with where it came from.
pub(crate) struct PendingRule {
    pub source: RuleSource,
    /// Pack name, or `None` for the policy's own rules.
    pub pack: Option<&'static str>,
    /// Set by an override: per-hit levels no longer apply.
    pub level_fixed: bool,
}

impl Checker {
    /// Compiles `rules` (already read, merged and overridden). Problems
    /// carry paths relative to each rule's own document; `locate` rewrites
    /// them for the caller.
    pub(crate) fn build(
        mut rules: Vec<PendingRule>,
        organization: &Organization,
        fallback: Lang,
        tests: Vec<PolicyTest>,
        locate: &dyn Fn(&PendingRule, Problem) -> Problem,
    ) -> Result<Checker, Vec<Problem>> {
        let mut env = CompileEnv::new(organization, fallback);
        let mut problems = Vec::new();
        let mut compiled = Vec::with_capacity(rules.len());
        for pending in &mut rules {
            // The parameters are compiled once; the rest stays for `locate`.
            let params = std::mem::take(&mut pending.source.params);
            let pending = &*pending;
            let rule = &pending.source;
            let mut rule_problems = Vec::new();
            let kind =
                (rule.kind.compile)(params, &mut env).map_err(|found| rule_problems.extend(found));
            let message = Messages::compile(&rule.message, organization, "/message")
                .map_err(|found| rule_problems.extend(found));
            let explanation = Messages::compile(&rule.explanation, organization, "/explanation")
                .map_err(|found| rule_problems.extend(found));
            let exceptions = if rule.exceptions.is_empty() {
                None
            } else {
                let items: Vec<TermItem> = rule
                    .exceptions
                    .iter()
                    .cloned()
                    .map(TermItem::Plain)
                    .collect();
                let options = TermOptions {
                    mode: MatchMode::Word,
                    case_sensitive: false,
                };
                term_list::register(&items, options, &mut env, "/exceptions")
                    .map_err(|found| rule_problems.extend(found))
                    .ok()
                    .map(|list| list.id)
            };
            let when = rule.when.as_ref().and_then(|condition| {
                compile_condition(condition, &mut env)
                    .map_err(|found| rule_problems.extend(found))
                    .ok()
            });
            if !rule_problems.is_empty() {
                problems.extend(
                    rule_problems
                        .into_iter()
                        .map(|problem| locate(pending, problem)),
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

    /// Checks `text` written in `context`.
    ///
    /// Findings are ordered by position (document-level findings last),
    /// then by level, most severe first. Never panics.
    pub fn check(&self, text: &str, context: &CheckContext) -> Report {
        let engine = &*self.engine;
        let doc = Document::with_matchers(text, &engine.lexicon, &engine.prefilter);
        let mut length = None;
        let mut hits = Vec::new();
        let mut accepted: Vec<(usize, Hit)> = Vec::new();
        for (index, rule) in engine.rules.iter().enumerate() {
            if !rule.applies(context) {
                continue;
            }
            if length.is_none() {
                length = rule.kind.length(&doc, context);
            }
            rule.kind.check(&doc, context, &mut hits);
            let exceptions = OnceCell::new();
            let mentions = OnceCell::new();
            for hit in hits.drain(..) {
                if is_valid(text, &hit)
                    && !rule.excepted(&doc, &hit, &exceptions)
                    && rule.condition_holds(&doc, &hit, &mentions)
                {
                    accepted.push((index, hit));
                }
            }
        }
        accepted.sort_by_key(|(index, hit)| {
            let rule = &engine.rules[*index];
            (
                hit.range.as_ref().map_or(usize::MAX, |range| range.start),
                std::cmp::Reverse(rule.level_of(hit)),
                *index,
            )
        });
        let offsets: Vec<usize> = accepted
            .iter()
            .flat_map(|(_, hit)| {
                let fix_ranges = hit.fixes.iter().filter_map(|fix| fix.range.clone());
                hit.range
                    .clone()
                    .into_iter()
                    .chain(fix_ranges)
                    .flat_map(|range| [range.start, range.end])
            })
            .collect();
        let utf16 = Utf16Offsets::new(text, offsets);
        let findings = accepted
            .into_iter()
            .map(|(index, hit)| engine.rules[index].finding(text, hit, context.lang, &utf16))
            .collect();
        Report { findings, length }
    }

    /// Runs the policy's own `tests` and reports each failure with the
    /// findings the text actually got.
    pub fn run_tests(&self) -> TestReport {
        let mut failures = Vec::new();
        for (index, test) in self.engine.tests.iter().enumerate() {
            let report = self.check(&test.text, &test.context);
            let raised = |id: &String| report.findings.iter().any(|finding| &finding.rule == id);
            let missing: Vec<String> = test
                .expect
                .iter()
                .filter(|id| !raised(id))
                .cloned()
                .collect();
            let unexpected: Vec<String> = test
                .forbid
                .iter()
                .filter(|id| raised(id))
                .cloned()
                .collect();
            if !missing.is_empty() || !unexpected.is_empty() {
                failures.push(TestFailure {
                    index,
                    name: test.name.clone(),
                    text: test.text.clone(),
                    missing,
                    unexpected,
                    findings: report.findings,
                });
            }
        }
        TestReport {
            total: self.engine.tests.len(),
            failures,
        }
    }
}

/// The outcome of [`Checker::run_tests`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TestReport {
    /// How many tests ran.
    pub total: usize,
    /// The tests that failed, in policy order.
    pub failures: Vec<TestFailure>,
}

impl TestReport {
    /// Whether every test passed.
    pub fn passed(&self) -> bool {
        self.failures.is_empty()
    }
}

/// One failed policy test.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TestFailure {
    /// Position in the policy's `tests` (path `/tests/<index>`).
    pub index: usize,
    pub name: String,
    pub text: String,
    /// Expected rule ids that were not raised.
    pub missing: Vec<String>,
    /// Forbidden rule ids that were raised.
    pub unexpected: Vec<String>,
    /// Everything the text raised.
    pub findings: Vec<Finding>,
}

fn compile_condition(
    condition: &Condition,
    env: &mut CompileEnv<'_>,
) -> Result<(ListId, Within), Vec<Problem>> {
    let list = match &condition.mentions {
        Mentions::Named(_) => env.organization_mentions("/when/mentions")?,
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

/// A hit range from a kind must lie within the text and on char boundaries;
/// anything else is dropped rather than risking a panic while slicing.
fn is_valid(text: &str, hit: &Hit) -> bool {
    let valid = |range: &Range<usize>| {
        range.start <= range.end
            && text.is_char_boundary(range.start)
            && text.is_char_boundary(range.end)
    };
    hit.range.as_ref().is_none_or(valid)
        && hit
            .fixes
            .iter()
            .all(|fix| fix.range.as_ref().is_none_or(valid))
}

impl CompiledRule {
    fn applies(&self, context: &CheckContext) -> bool {
        let in_window = |date: Date| {
            self.active.is_none_or(|active| {
                active.from.is_none_or(|from| from <= date)
                    && active.until.is_none_or(|until| date <= until)
            })
        };
        self.enabled
            && self
                .platforms
                .as_ref()
                .is_none_or(|platforms| platforms.contains(&context.platform))
            && self
                .surfaces
                .as_ref()
                .is_none_or(|surfaces| surfaces.contains(&context.surface))
            && context.date.is_none_or(in_window)
    }

    fn level_of(&self, hit: &Hit) -> Level {
        match hit.level {
            Some(level) if !self.level_fixed => level,
            _ => self.level,
        }
    }

    /// A hit inside an occurrence of an allow-listed phrase is dropped.
    ///
    /// `index` caches the occurrences for all hits of this rule in one check.
    fn excepted(&self, doc: &Document<'_>, hit: &Hit, index: &OnceCell<Reach>) -> bool {
        let (Some(list), Some(range)) = (self.exceptions, &hit.range) else {
            return false;
        };
        index
            .get_or_init(|| {
                Reach::new(
                    doc.term_matches(list)
                        .iter()
                        .map(|allowed| (allowed.range.start, allowed.range.end)),
                )
            })
            .any(range.start, range.end)
    }

    /// Whether the `when` condition holds for this hit. Document-level hits
    /// only need a mention anywhere in the post.
    ///
    /// `index` caches the mentions for all hits of this rule in one check.
    fn condition_holds(&self, doc: &Document<'_>, hit: &Hit, index: &OnceCell<Reach>) -> bool {
        let Some((list, within)) = self.when else {
            return true;
        };
        let mentions = doc.term_matches(list);
        let Some(range) = &hit.range else {
            return !mentions.is_empty();
        };
        match within {
            Within::Scope(Scope::Post) => !mentions.is_empty(),
            Within::Scope(Scope::Sentence) => {
                let first = doc.sentence_index(range.start);
                let last = doc.sentence_index(range.end.saturating_sub(1).max(range.start));
                // A mention's sentence is the one it starts in.
                let index = index.get_or_init(|| {
                    Reach::new(mentions.iter().map(|mention| {
                        let sentence = doc.sentence_index(mention.range.start);
                        (sentence, sentence)
                    }))
                });
                index.any(last, first)
            }
            Within::Words(words) => {
                let (first, last) = word_span(doc, range);
                let words = words.words as usize;
                // Within `words` of the hit: the mention starts at most
                // `words` after the hit's last word and ends at most `words`
                // before its first.
                let index = index.get_or_init(|| {
                    Reach::new(
                        mentions
                            .iter()
                            .map(|mention| word_span(doc, &mention.range)),
                    )
                });
                index.any(last.saturating_add(words), first.saturating_sub(words))
            }
        }
    }

    fn finding(&self, text: &str, hit: Hit, lang: Lang, utf16: &Utf16Offsets) -> Finding {
        let span = |range: &Range<usize>| Span {
            start: utf16.get(range.start),
            end: utf16.get(range.end),
        };
        let quote = hit.range.as_ref().map(|range| &text[range.clone()]);
        let replacement = hit.fixes.first().map(|fix| fix.replacement.trim());
        let suggestions = hit
            .fixes
            .iter()
            .map(|fix| Suggestion {
                label: label(
                    lang,
                    fix.range.as_ref().map(|range| &text[range.clone()]),
                    &fix.replacement,
                ),
                replacement: fix.replacement.clone(),
                span: fix.range.as_ref().map(span),
            })
            .collect();
        Finding {
            rule: self.id.clone(),
            category: self.category,
            level: self.level_of(&hit),
            overridable: self.overridable,
            span: hit.range.as_ref().map(span),
            quote: quote.map(str::to_owned),
            message: self.message.render(lang, quote, replacement),
            explanation: self.explanation.render(lang, quote, replacement),
            link: self.link.clone(),
            suggestions,
        }
    }
}

/// The problems of a rule's message or explanation templates.
pub(crate) fn template_problems(
    text: &Localized,
    organization: &Organization,
    path: &str,
) -> Vec<Problem> {
    Messages::compile(text, organization, path)
        .err()
        .unwrap_or_default()
}

/// Intervals `(start, end)` indexed so that "is there one starting at or
/// before `s` and ending at or after `e`?" takes logarithmic time. Testing
/// every hit against every mention or exception instead was quadratic: over
/// a second for a 1 MB paste with a few thousand of each.
#[derive(Debug)]
struct Reach {
    /// Interval starts, sorted.
    starts: Vec<usize>,
    /// `ends[i]`: the largest end among the intervals `..=i`.
    ends: Vec<usize>,
}

impl Reach {
    fn new(intervals: impl Iterator<Item = (usize, usize)>) -> Reach {
        let mut intervals: Vec<(usize, usize)> = intervals.collect();
        intervals.sort_unstable();
        let starts = intervals.iter().map(|&(start, _)| start).collect();
        let ends = intervals
            .iter()
            .scan(0, |reach, &(_, end)| {
                *reach = end.max(*reach);
                Some(*reach)
            })
            .collect();
        Reach { starts, ends }
    }

    /// Whether some interval starts at or before `start_at_most` and ends at
    /// or after `end_at_least`.
    fn any(&self, start_at_most: usize, end_at_least: usize) -> bool {
        let candidates = self.starts.partition_point(|&start| start <= start_at_most);
        candidates > 0 && self.ends[candidates - 1] >= end_at_least
    }
}

/// First and last word index covered by `range`.
fn word_span(doc: &Document<'_>, range: &Range<usize>) -> (usize, usize) {
    let first = doc.word_index(range.start);
    let last = doc.word_index(range.end.saturating_sub(1).max(range.start));
    (first, last.max(first))
}

/// The button text for a fix, in the check's language.
fn label(lang: Lang, replaced: Option<&str>, replacement: &str) -> String {
    let shown = replacement.trim();
    match (lang, replaced, shown.is_empty()) {
        (Lang::De, Some(old), true) => format!("„{old}“ entfernen"),
        (Lang::En, Some(old), true) => format!("Remove “{old}”"),
        (Lang::De, Some(_), false) => format!("Durch „{shown}“ ersetzen"),
        (Lang::En, Some(_), false) => format!("Replace with “{shown}”"),
        (Lang::De, None, _) => format!("„{shown}“ anhängen"),
        (Lang::En, None, _) => format!("Append “{shown}”"),
    }
}

/// A message with its placeholders parsed, per language.
#[derive(Debug, Default)]
struct Messages {
    /// Indexed by [`lang_index`].
    templates: [Option<Template>; 2],
    /// Used when a language is missing: the policy's fallback was checked
    /// to be present, so any present one is the fallback or better.
    first: Option<usize>,
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
        path: &str,
    ) -> Result<Messages, Vec<Problem>> {
        let mut messages = Messages::default();
        let mut problems = Vec::new();
        for (&lang, source) in &text.0 {
            let lang_path = pointer(path, crate::policy::read::lang_code(lang));
            match Template::parse(source, lang, organization) {
                Ok(template) => messages.templates[lang_index(lang)] = Some(template),
                Err(problem) => problems.push(problem.under(&lang_path)),
            }
        }
        messages.first = messages.templates.iter().position(Option::is_some);
        if problems.is_empty() {
            Ok(messages)
        } else {
            Err(problems)
        }
    }

    fn render(&self, lang: Lang, quote: Option<&str>, replacement: Option<&str>) -> String {
        let template = self.templates[lang_index(lang)]
            .as_ref()
            .or_else(|| self.first.and_then(|index| self.templates[index].as_ref()));
        template
            .map(|template| template.render(quote, replacement))
            .unwrap_or_default()
    }
}

/// A message split into literal text and the placeholders that depend on
/// the hit. `{organization}` and `{contact.<role>}` are resolved at compile
/// time.
#[derive(Debug)]
struct Template {
    parts: Vec<Part>,
}

#[derive(Debug)]
enum Part {
    Text(String),
    Quote,
    Replacement,
}

impl Template {
    fn parse(source: &str, lang: Lang, organization: &Organization) -> Result<Template, Problem> {
        let mut parts = Vec::new();
        let mut text = String::new();
        let mut rest = source;
        while let Some(open) = rest.find('{') {
            text.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            let Some(close) = after.find('}') else {
                return Err(Problem::new("", "a `{` without a closing `}`")
                    .hint("placeholders look like `{quote}`"));
            };
            let name = &after[..close];
            match name {
                "quote" | "replacement" => {
                    parts.push(Part::Text(std::mem::take(&mut text)));
                    parts.push(if name == "quote" {
                        Part::Quote
                    } else {
                        Part::Replacement
                    });
                }
                "organization" => {
                    if organization.name.is_empty() {
                        return Err(Problem::new("", "`{organization}` is used, but the policy has no `organization` section"));
                    }
                    text.push_str(&organization.name);
                }
                _ if name.starts_with("contact.") => {
                    text.push_str(&contact(organization, &name["contact.".len()..], lang)?)
                }
                _ => {
                    let known = ["quote", "replacement", "organization", "contact.press"];
                    let problem = Problem::new("", format!("unknown placeholder `{{{name}}}`"));
                    return Err(match crate::problem::did_you_mean(name, known) {
                        Some(close) => problem.hint(format!("did you mean `{{{close}}}`?")),
                        None => problem.hint("known placeholders: {quote}, {replacement}, {organization}, {contact.<role>}"),
                    });
                }
            }
            rest = &after[close + 1..];
        }
        text.push_str(rest);
        parts.push(Part::Text(text));
        parts.retain(|part| !matches!(part, Part::Text(text) if text.is_empty()));
        Ok(Template { parts })
    }

    fn render(&self, quote: Option<&str>, replacement: Option<&str>) -> String {
        let piece = |part: &'_ Part| -> usize {
            match part {
                Part::Text(text) => text.len(),
                Part::Quote => quote.map_or(0, str::len),
                Part::Replacement => replacement.map_or(0, str::len),
            }
        };
        let mut out = String::with_capacity(self.parts.iter().map(piece).sum());
        for part in &self.parts {
            out.push_str(match part {
                Part::Text(text) => text,
                Part::Quote => quote.unwrap_or(""),
                Part::Replacement => replacement.unwrap_or(""),
            });
        }
        out
    }
}

/// How a contact reads in a message: `Press office (press@acme.example,
/// +49 40 555 0100)`. A missing press contact reads as "the press office",
/// so the built-in pack works before IT has filled in the contacts.
fn contact(organization: &Organization, role: &str, lang: Lang) -> Result<String, Problem> {
    let Some(contact) = organization.contacts.get(role) else {
        return match (role, lang) {
            ("press", Lang::De) => Ok("die Pressestelle".to_owned()),
            ("press", Lang::En) => Ok("the press office".to_owned()),
            _ => Err(Problem::new(
                "",
                format!(
                    "`{{contact.{role}}}` is used, but `organization.contacts` has no `{role}`"
                ),
            )
            .hint(format!(
                "add `organization.contacts.{role}` with a name and an email"
            ))),
        };
    };
    let reach: Vec<&str> = [&contact.email, &contact.phone, &contact.url]
        .into_iter()
        .flatten()
        .map(String::as_str)
        .collect();
    let name = contact.name.as_deref().unwrap_or(role);
    Ok(if reach.is_empty() {
        name.to_owned()
    } else {
        format!("{name} ({})", reach.join(", "))
    })
}

#[cfg(test)]
mod tests {
    use super::Reach;

    #[test]
    fn reach_finds_an_interval_covering_a_range_like_a_linear_scan() {
        let intervals = [(0, 3), (2, 9), (4, 5), (10, 12), (10, 30), (31, 31)];
        let reach = Reach::new(intervals.into_iter());
        for start_at_most in 0..35 {
            for end_at_least in 0..35 {
                let linear = intervals
                    .iter()
                    .any(|&(start, end)| start <= start_at_most && end >= end_at_least);
                assert_eq!(
                    reach.any(start_at_most, end_at_least),
                    linear,
                    "{start_at_most} {end_at_least}"
                );
            }
        }
        assert!(!Reach::new(std::iter::empty()).any(10, 0));
    }
}
