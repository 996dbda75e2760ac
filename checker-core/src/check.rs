//! Checking a text against a compiled policy (stage four of the pipeline):
//! the rules that apply to the context run on one [`Document`], their hits
//! pass the rule's exceptions and `when` condition, and become findings
//! with UTF-16 spans, localized messages and fix labels, in order.

use std::cell::OnceCell;
use std::ops::Range;

use serde::Serialize;

use crate::compile::{Checker, CompiledCondition, CompiledRule};
use crate::context::{CheckContext, Lang, Surface};
use crate::document::Document;
use crate::finding::{Finding, Level, Report, Span, Suggestion};
use crate::locale;
use crate::policy::model::{Expectation, ExpectedFinding, Scope, Within};
use crate::rules::Hit;
use crate::text::lexicon::ListId;
use crate::text::utf16::Utf16Offsets;

impl Checker {
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
            let mentions: Vec<OnceCell<Reach>> = match (&rule.when, hits.is_empty()) {
                (Some(when), false) => (0..when.mention_slots).map(|_| OnceCell::new()).collect(),
                _ => Vec::new(),
            };
            for hit in hits.drain(..) {
                if is_valid(text, &hit)
                    && !rule.excepted(&doc, &hit, &exceptions)
                    && rule.condition_holds(&doc, &hit, &exceptions, &mentions)
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

    /// The policy's IANA time zone (`timezone`, default `UTC`). The engine
    /// compares [`CheckContext::date`] with `active` windows as calendar
    /// dates; hosts compute that date for the current instant in this zone.
    pub fn timezone(&self) -> &str {
        &self.engine.timezone
    }

    /// Runs the policy's own `tests` and reports each failure with the
    /// findings the text actually got.
    pub fn run_tests(&self) -> TestReport {
        let mut failures = Vec::new();
        for (index, test) in self.engine.tests.iter().enumerate() {
            let report = self.check(&test.text, &test.context);
            let test_path = format!("/tests/{index}");
            let mismatches = |key: &str, items: &[Expectation], fails_when_met: bool| {
                items
                    .iter()
                    .enumerate()
                    .map(|(item_index, item)| {
                        TestMismatch::of(
                            item,
                            &report.findings,
                            format!("{test_path}/{key}/{item_index}"),
                        )
                    })
                    .filter(|(_, met)| *met == fails_when_met)
                    .map(|(mismatch, _)| mismatch)
                    .collect::<Vec<_>>()
            };
            let missing = mismatches("expect", &test.expect, false);
            let unexpected = mismatches("forbid", &test.forbid, true);
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
    /// The `expect` items the findings did not meet.
    pub missing: Vec<TestMismatch>,
    /// The `forbid` items the findings met.
    pub unexpected: Vec<TestMismatch>,
    /// Everything the text raised.
    pub findings: Vec<Finding>,
}

/// An `expect` or `forbid` item of a failed test: what it asked for, and
/// how many findings it matched.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TestMismatch {
    /// JSON pointer of the item, e.g. `/tests/0/expect/1`.
    pub path: String,
    /// The rule id.
    pub rule: String,
    /// The quote the findings must have, if the item names one.
    pub quote: Option<String>,
    /// The number of findings the item asks for; without it, at least one.
    pub count: Option<usize>,
    /// How many findings of the rule (with the quote, if given) the text got.
    pub found: usize,
}

impl TestMismatch {
    /// The item measured against `findings`, and whether they meet it.
    fn of(item: &Expectation, findings: &[Finding], path: String) -> (TestMismatch, bool) {
        let ExpectedFinding { rule, quote, count } = item.finding();
        let found = findings
            .iter()
            .filter(|finding| finding.rule == rule)
            .filter(|finding| quote.is_none() || finding.quote == quote)
            .count();
        let met = count.map_or(found > 0, |count| found == count);
        let mismatch = TestMismatch {
            path,
            rule,
            quote,
            count,
            found,
        };
        (mismatch, met)
    }
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
        self.enabled
            && self
                .platforms
                .as_ref()
                .is_none_or(|platforms| platforms.contains(&context.platform))
            && self
                .surfaces
                .as_ref()
                .is_none_or(|surfaces| surfaces.contains(&context.surface))
            && self.fields.as_ref().is_none_or(|fields| {
                context.surface == Surface::Profile
                    && context.field.is_some_and(|field| fields.contains(&field))
            })
            && self
                .active
                .is_none_or(|active| active.contains(context.date))
            && self.departments.include(context.department.as_deref())
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
        let Some(range) = &hit.range else {
            return false;
        };
        self.exception_index(doc, index)
            .is_some_and(|exceptions| exceptions.any(range.start, range.end))
    }

    /// The occurrences of the rule's exceptions, if it has any.
    fn exception_index<'i>(
        &self,
        doc: &Document<'_>,
        index: &'i OnceCell<Reach>,
    ) -> Option<&'i Reach> {
        let list = self.exceptions?;
        Some(index.get_or_init(|| {
            Reach::new(
                doc.term_matches(list)
                    .iter()
                    .map(|allowed| (allowed.range.start, allowed.range.end)),
            )
        }))
    }

    /// Whether the `when` condition holds for this hit.
    ///
    /// `mentions` caches, per mention node of the condition, where its
    /// mentions are, for all hits of this rule in one check; `exceptions`
    /// the rule's exception occurrences, which mentions inside them do not
    /// count.
    fn condition_holds(
        &self,
        doc: &Document<'_>,
        hit: &Hit,
        exceptions: &OnceCell<Reach>,
        mentions: &[OnceCell<Reach>],
    ) -> bool {
        let Some(when) = &self.when else {
            return true;
        };
        let holds = ConditionCheck {
            rule: self,
            doc,
            hit,
            exceptions,
            mentions,
        };
        holds.evaluate(&when.condition)
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

/// One hit under a rule's `when`, with the rule's per-check caches.
struct ConditionCheck<'c, 'd> {
    rule: &'c CompiledRule,
    doc: &'c Document<'d>,
    hit: &'c Hit,
    exceptions: &'c OnceCell<Reach>,
    mentions: &'c [OnceCell<Reach>],
}

impl ConditionCheck<'_, '_> {
    fn evaluate(&self, condition: &CompiledCondition) -> bool {
        match condition {
            CompiledCondition::Mentions { list, within, slot } => {
                self.mentioned(*list, *within, *slot)
            }
            // A document-level hit has no text of its own to disguise.
            CompiledCondition::Disguised(wanted) => {
                let disguised = self.hit.range.as_ref().is_some_and(|range| {
                    self.doc
                        .normalized()
                        .is_disguised(self.doc.text, range.clone())
                });
                disguised == *wanted
            }
            CompiledCondition::All(all) => all.iter().all(|inner| self.evaluate(inner)),
            CompiledCondition::Any(any) => any.iter().any(|inner| self.evaluate(inner)),
            CompiledCondition::Not(inner) => !self.evaluate(inner),
        }
    }

    /// Whether a mention of `list` lies `within` reach of the hit.
    /// Document-level hits only need a mention anywhere in the post.
    fn mentioned(&self, list: ListId, within: Within, slot: usize) -> bool {
        let doc = self.doc;
        let Some(index) = self.mentions.get(slot) else {
            return false;
        };
        // Each mention as an interval in the unit `within` measures in:
        // whole-post conditions only ask whether there is any.
        let index = index.get_or_init(|| {
            let exceptions = self.rule.exception_index(doc, self.exceptions);
            let counted = doc.term_matches(list).iter().filter(|mention| {
                exceptions
                    .is_none_or(|excepted| !excepted.any(mention.range.start, mention.range.end))
            });
            Reach::new(counted.map(|mention| match within {
                Within::Scope(Scope::Post) => (0, 0),
                // A mention's sentence is the one it starts in.
                Within::Scope(Scope::Sentence) => {
                    let sentence = doc.sentence_index(mention.range.start);
                    (sentence, sentence)
                }
                Within::Words(_) => word_span(doc, &mention.range),
            }))
        });
        let Some(range) = &self.hit.range else {
            return index.any(usize::MAX, 0);
        };
        match within {
            Within::Scope(Scope::Post) => index.any(usize::MAX, 0),
            Within::Scope(Scope::Sentence) => {
                let first = doc.sentence_index(range.start);
                let last = doc.sentence_index(range.end.saturating_sub(1).max(range.start));
                index.any(last, first)
            }
            Within::Words(words) => {
                let (first, last) = word_span(doc, range);
                let words = words.words as usize;
                // Within `words` of the hit: the mention starts at most
                // `words` after the hit's last word and ends at most `words`
                // before its first.
                index.any(last.saturating_add(words), first.saturating_sub(words))
            }
        }
    }
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

/// The button text for a fix, in the check's language (from `locale.json`).
fn label(lang: Lang, replaced: Option<&str>, replacement: &str) -> String {
    let shown = replacement.trim();
    let (key, quoted) = match (replaced, shown.is_empty()) {
        (Some(old), true) => (locale::FIX_REMOVE, old),
        (Some(_), false) => (locale::FIX_REPLACE, shown),
        (None, _) => (locale::FIX_APPEND, shown),
    };
    locale::text(key, lang).replace("{quote}", quoted)
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
