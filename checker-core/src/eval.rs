//! Measuring a policy against hand-labeled sample posts.
//!
//! A guideline checker is only used while it is right: a false alarm under
//! the word "confidence" teaches employees to ignore it, a missed IBAN is a
//! data-protection incident. This module turns a labeled corpus into
//! precision, recall and F1 per category, and lists every missed and every
//! false finding with the text around it, so that an admin can see what a
//! policy change did.
//!
//! The module does no I/O and does not know the engine: the caller parses a
//! corpus from JSON Lines text and passes a closure that checks one entry.
//!
//! ```
//! use checker_core::eval::{evaluate, Corpus, Targets};
//! use checker_core::{Category, Finding, Level, Span};
//!
//! let corpus = Corpus::from_jsonl(concat!(
//!     r#"{"id": "p1", "lang": "en", "platform": "x", "surface": "post", "date": "2026-11-27", "#,
//!     r#""attachments": [], "text": "Call me: +49 171 2345678", "#,
//!     r#""expected": [{"category": "personal-data", "quote": "+49 171 2345678"}]}"#,
//! ))
//! .unwrap();
//! let evaluation = evaluate(&corpus, |entry| {
//!     // A real caller runs `checker.check(entry.text(), &entry.context())`.
//!     vec![Finding {
//!         rule: "base.phone".into(),
//!         category: Category::PersonalData,
//!         level: Level::Warn,
//!         overridable: true,
//!         span: Some(Span { start: 13, end: 16 }),
//!         quote: Some("171".into()),
//!         message: String::new(),
//!         explanation: String::new(),
//!         link: None,
//!         suggestions: vec![],
//!     }]
//! });
//! assert_eq!(evaluation.overall.true_positives, 1);
//! assert!(evaluation.meets_targets(&Targets::default()));
//! ```
//!
//! # Matching
//!
//! A finding matches an expected item when both have the same category and
//! - the expected item has a quote, the finding has a span, and the two spans
//!   overlap by at least one UTF-16 code unit; or
//! - the expected item is document-level (`quote: null`): then the category
//!   alone decides, wherever the finding points. `length` is labeled this
//!   way, because the overflow span depends on exact counting.
//!
//! `campaign` findings are suggestions, not problems: they are labeled and
//! scored in their own row, and the overall score leaves them out, so a
//! nudge neither raises nor lowers the precision for problems.
//!
//! Each expected item is matched at most once, and the pairing maximises the
//! number of matches. A finding left over that would have matched an
//! already-matched expected item is a *duplicate*: the same problem reported
//! twice, e.g. by two rules of one category or as two overlapping pieces.
//! Duplicates are counted and shown, but are neither true nor false
//! positives, because the employee sees one highlighted problem that really
//! is one. Every other left-over finding is a false positive, and every
//! unmatched expected item is missed.
//!
//! # Quotes that occur more than once
//!
//! The k-th expected item with a given category and quote refers to the k-th
//! non-overlapping occurrence of the quote in the text. Label a repeated
//! problem once per occurrence that should be highlighted.

use std::collections::{BTreeMap, HashSet};
use std::fmt::Write as _;
use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::context::{Attachment, CheckContext, Date, Field, Lang, Platform, Surface};
use crate::finding::{Category, Finding, Span};
use crate::locale;

/// How many characters of text to show on each side of a missed or false
/// finding.
const CONTEXT_CHARS: usize = 30;

/// One problem a labeler expects the checker to report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ExpectedFinding {
    pub category: Category,
    /// The exact text that should be highlighted; `None` for a
    /// document-level finding.
    pub quote: Option<String>,
    /// Where `quote` sits in the text, in UTF-16 code units like
    /// [`Finding::span`].
    pub span: Option<Span>,
}

/// One labeled sample post.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CorpusEntry {
    id: String,
    context: CheckContext,
    text: String,
    expected: Vec<ExpectedFinding>,
}

impl CorpusEntry {
    /// The entry's id, unique within its corpus.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The text to check.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The context to check it in: platform, surface, date, language and
    /// attachments as labeled.
    pub fn context(&self) -> CheckContext {
        self.context.clone()
    }

    /// What the checker should report, in label order.
    pub fn expected(&self) -> &[ExpectedFinding] {
        &self.expected
    }

    /// Whether the labeler expects no finding at all.
    pub fn is_clean(&self) -> bool {
        self.expected.is_empty()
    }
}

/// A set of labeled sample posts.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Corpus {
    entries: Vec<CorpusEntry>,
}

/// One line of the corpus file, as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    id: String,
    lang: Lang,
    platform: Platform,
    surface: Surface,
    /// The profile field, for surface `profile`.
    #[serde(default)]
    field: Option<Field>,
    /// Optional, so that admins can label posts without a date; rules with
    /// an `active` window then count as active.
    #[serde(default)]
    date: Option<Date>,
    #[serde(default)]
    attachments: Vec<Attachment>,
    text: String,
    expected: Vec<RawExpected>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawExpected {
    category: Category,
    quote: Option<String>,
}

impl Corpus {
    /// Reads a corpus from JSON Lines: one entry per line,
    /// `{"id", "lang", "platform", "surface", "field", "date", "attachments",
    /// "text", "expected": [{"category", "quote"}]}`. `field` (for surface
    /// `profile`), `date` and `attachments` may be left out. Blank lines and a leading byte-order mark are skipped.
    ///
    /// Fails, naming the line, when a line is not such an entry, an id
    /// repeats, or a quote is empty or does not occur in the text as often as
    /// it is labeled.
    pub fn from_jsonl(source: &str) -> Result<Corpus, String> {
        let mut entries = Vec::new();
        let mut ids = HashSet::new();
        let source = source.strip_prefix('\u{feff}').unwrap_or(source);
        for (index, line) in source.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let line_number = index + 1;
            let raw: RawEntry = serde_json::from_str(line)
                .map_err(|error| format!("line {line_number}: {error}"))?;
            if !ids.insert(raw.id.clone()) {
                return Err(format!("line {line_number}: id `{}` repeats", raw.id));
            }
            let entry = CorpusEntry::from_raw(raw)
                .map_err(|error| format!("line {line_number}: {error}"))?;
            entries.push(entry);
        }
        Ok(Corpus { entries })
    }

    /// The entries in file order.
    pub fn entries(&self) -> &[CorpusEntry] {
        &self.entries
    }
}

impl CorpusEntry {
    fn from_raw(raw: RawEntry) -> Result<CorpusEntry, String> {
        // How many occurrences of each (category, quote) are already taken.
        let mut taken: BTreeMap<(Category, &str), usize> = BTreeMap::new();
        let mut expected = Vec::with_capacity(raw.expected.len());
        for (index, item) in raw.expected.iter().enumerate() {
            let span = match item.quote.as_deref() {
                None => None,
                Some("") => return Err(format!("expected/{index}: the quote is empty")),
                Some(quote) => {
                    let nth = taken.entry((item.category, quote)).or_insert(0);
                    let start = raw
                        .text
                        .match_indices(quote)
                        .nth(*nth)
                        .map(|(start, _)| start)
                        .ok_or_else(|| {
                            format!(
                                "expected/{index}: `{quote}` occurs fewer than {} time(s) in the text of `{}`",
                                *nth + 1,
                                raw.id
                            )
                        })?;
                    *nth += 1;
                    Some(Span::from_byte_range(&raw.text, start..start + quote.len()))
                }
            };
            expected.push(ExpectedFinding {
                category: item.category,
                quote: item.quote.clone(),
                span,
            });
        }
        Ok(CorpusEntry {
            context: CheckContext {
                platform: raw.platform,
                surface: raw.surface,
                date: raw.date,
                lang: raw.lang,
                attachments: raw.attachments,
                field: raw.field,
                department: None,
            },
            id: raw.id,
            text: raw.text,
            expected,
        })
    }
}

/// Counts and scores for one category, or for all together.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Score {
    /// Expected items, as labeled.
    pub expected: usize,
    /// Findings the checker reported, duplicates included.
    pub found: usize,
    pub true_positives: usize,
    pub false_positives: usize,
    /// Expected items no finding matched.
    pub missed: usize,
    /// Findings that repeat an already matched expected item.
    pub duplicates: usize,
    /// `true_positives / (true_positives + false_positives)`; `None` when the
    /// checker reported nothing that counts.
    pub precision: Option<f64>,
    /// `true_positives / expected`; `None` when nothing was expected.
    pub recall: Option<f64>,
    /// Harmonic mean of precision and recall; `None` unless both exist.
    pub f1: Option<f64>,
}

impl Score {
    fn add(&mut self, other: &Score) {
        self.expected += other.expected;
        self.found += other.found;
        self.true_positives += other.true_positives;
        self.false_positives += other.false_positives;
        self.missed += other.missed;
        self.duplicates += other.duplicates;
    }

    fn finish(&mut self) {
        let ratio = |part: usize, whole: usize| (whole > 0).then(|| part as f64 / whole as f64);
        self.precision = ratio(
            self.true_positives,
            self.true_positives + self.false_positives,
        );
        self.recall = ratio(self.true_positives, self.expected);
        self.f1 = match (self.precision, self.recall) {
            (Some(p), Some(r)) if p + r > 0.0 => Some(2.0 * p * r / (p + r)),
            (Some(_), Some(_)) => Some(0.0),
            _ => None,
        };
    }
}

/// The score of one category.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CategoryScore {
    pub category: Category,
    #[serde(flatten)]
    pub score: Score,
}

/// An expected item no finding matched.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MissedFinding {
    pub id: String,
    pub category: Category,
    pub quote: Option<String>,
    /// The text around the quote, the quote marked `⟦…⟧`; the start of the
    /// text for a document-level item.
    pub context: String,
}

/// A finding that matched no expected item.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FalseFinding {
    pub id: String,
    pub category: Category,
    /// The rule that raised it.
    pub rule: String,
    pub quote: Option<String>,
    /// The text around the span, the span marked `⟦…⟧`; the start of the
    /// text for a document-level finding.
    pub context: String,
}

/// The result of running a checker over a corpus.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Evaluation {
    /// How many entries were checked.
    pub entries: usize,
    /// How many of them are labeled clean.
    pub clean_entries: usize,
    /// Micro-averaged over the problem categories: `campaign` suggestions
    /// are scored in their own row only.
    pub overall: Score,
    /// Every category that was expected or found, in taxonomy order.
    pub categories: Vec<CategoryScore>,
    pub missed: Vec<MissedFinding>,
    pub false_findings: Vec<FalseFinding>,
}

/// Minimum scores a policy must reach on its corpus.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Targets {
    pub overall_precision: f64,
    pub overall_recall: f64,
    /// The floor for precision and recall of every category.
    pub category_minimum: f64,
}

impl Default for Targets {
    /// The project's accuracy goal: precision 0.97, recall 0.95, and no
    /// category below 0.90 in either.
    fn default() -> Targets {
        Targets {
            overall_precision: 0.97,
            overall_recall: 0.95,
            category_minimum: 0.90,
        }
    }
}

/// Checks every entry with `check` and compares the findings with the labels.
pub fn evaluate<F>(corpus: &Corpus, mut check: F) -> Evaluation
where
    F: FnMut(&CorpusEntry) -> Vec<Finding>,
{
    let mut per_category: BTreeMap<Category, Score> = BTreeMap::new();
    let mut missed = Vec::new();
    let mut false_findings = Vec::new();
    for entry in &corpus.entries {
        let findings = check(entry);
        let outcome = match_entry(&entry.expected, &findings);
        for item in &entry.expected {
            per_category.entry(item.category).or_default().expected += 1;
        }
        for finding in &findings {
            per_category.entry(finding.category).or_default().found += 1;
        }
        for (item, matched) in entry.expected.iter().zip(&outcome.expected_matched) {
            let score = per_category.entry(item.category).or_default();
            if *matched {
                score.true_positives += 1;
            } else {
                score.missed += 1;
                missed.push(MissedFinding {
                    id: entry.id.clone(),
                    category: item.category,
                    quote: item.quote.clone(),
                    context: excerpt(&entry.text, item.span),
                });
            }
        }
        for (finding, fate) in findings.iter().zip(&outcome.finding_fates) {
            let score = per_category.entry(finding.category).or_default();
            match fate {
                FindingFate::Matched => {}
                FindingFate::Duplicate => score.duplicates += 1,
                FindingFate::False => {
                    score.false_positives += 1;
                    false_findings.push(FalseFinding {
                        id: entry.id.clone(),
                        category: finding.category,
                        rule: finding.rule.clone(),
                        quote: finding.quote.clone(),
                        context: excerpt(&entry.text, finding.span),
                    });
                }
            }
        }
    }
    let mut overall = Score::default();
    let categories = per_category
        .into_iter()
        .map(|(category, mut score)| {
            // Suggestions are not problems: they have their own row and
            // leave the problems' overall score alone.
            if category.is_problem() {
                overall.add(&score);
            }
            score.finish();
            CategoryScore { category, score }
        })
        .collect();
    overall.finish();
    Evaluation {
        entries: corpus.entries.len(),
        clean_entries: corpus.entries.iter().filter(|e| e.is_clean()).count(),
        overall,
        categories,
        missed,
        false_findings,
    }
}

/// The policy reduced to what Postlint ships: its `extends` packs and its
/// `organization` section, without the company's own `rules`, its
/// `overrides` of built-in rules, and its `tests` (which name its own rules).
///
/// Evaluating a corpus with this policy shows what the built-in packs achieve
/// for the company before it writes a single rule.
///
/// ```
/// let full = serde_json::json!({
///     "version": 1, "extends": ["base", "organization"],
///     "organization": {"name": "Acme"},
///     "rules": [{"id": "acme.codenames", "kind": "terms", "category": "confidential", "terms": ["Roadrunner"]}],
///     "overrides": [{"id": "base.shouting", "level": "hint"}],
///     "tests": []
/// });
/// let packs = checker_core::eval::packs_only(&full);
/// assert_eq!(packs, serde_json::json!({
///     "version": 1, "extends": ["base", "organization"], "organization": {"name": "Acme"}
/// }));
/// ```
pub fn packs_only(policy: &serde_json::Value) -> serde_json::Value {
    let mut reduced = policy.clone();
    if let Some(document) = reduced.as_object_mut() {
        for own in ["rules", "overrides", "tests"] {
            document.remove(own);
        }
    }
    reduced
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum FindingFate {
    Matched,
    Duplicate,
    False,
}

struct EntryOutcome {
    expected_matched: Vec<bool>,
    finding_fates: Vec<FindingFate>,
}

fn compatible(expected: &ExpectedFinding, finding: &Finding) -> bool {
    if expected.category != finding.category {
        return false;
    }
    match (expected.span, finding.span) {
        (None, _) => true,
        (Some(want), Some(got)) => overlaps(want, got),
        (Some(_), None) => false,
    }
}

/// Whether two spans share at least one code unit. An empty span (a caret
/// position) overlaps a span that contains or touches it.
fn overlaps(a: Span, b: Span) -> bool {
    if a.start == a.end || b.start == b.end {
        a.start <= b.end && b.start <= a.end
    } else {
        a.start < b.end && b.start < a.end
    }
}

/// Pairs findings with expected items so that as many expected items as
/// possible are matched (maximum bipartite matching by augmenting paths; the
/// graphs are a handful of nodes per post, so the simple algorithm is enough).
fn match_entry(expected: &[ExpectedFinding], findings: &[Finding]) -> EntryOutcome {
    let edges: Vec<Vec<usize>> = expected
        .iter()
        .map(|item| {
            (0..findings.len())
                .filter(|&f| compatible(item, &findings[f]))
                .collect()
        })
        .collect();
    let mut finding_owner: Vec<Option<usize>> = vec![None; findings.len()];
    for item in 0..expected.len() {
        let mut visited = vec![false; findings.len()];
        augment(item, &edges, &mut finding_owner, &mut visited);
    }
    let mut expected_matched = vec![false; expected.len()];
    for owner in finding_owner.iter().flatten() {
        expected_matched[*owner] = true;
    }
    let finding_fates = (0..findings.len())
        .map(|f| {
            if finding_owner[f].is_some() {
                FindingFate::Matched
            } else if expected
                .iter()
                .zip(&expected_matched)
                .any(|(item, matched)| *matched && compatible(item, &findings[f]))
            {
                FindingFate::Duplicate
            } else {
                FindingFate::False
            }
        })
        .collect();
    EntryOutcome {
        expected_matched,
        finding_fates,
    }
}

fn augment(
    item: usize,
    edges: &[Vec<usize>],
    finding_owner: &mut [Option<usize>],
    visited: &mut [bool],
) -> bool {
    for &finding in &edges[item] {
        if visited[finding] {
            continue;
        }
        visited[finding] = true;
        let free = match finding_owner[finding] {
            None => true,
            Some(other) => augment(other, edges, finding_owner, visited),
        };
        if free {
            finding_owner[finding] = Some(item);
            return true;
        }
    }
    false
}

/// The text around `span` on one line, the span marked `⟦…⟧`; for a
/// document-level item, the start of the text.
fn excerpt(text: &str, span: Option<Span>) -> String {
    let one_line = |part: &str| part.replace(['\n', '\r'], " ");
    let Some(span) = span else {
        let head: String = text.chars().take(2 * CONTEXT_CHARS).collect();
        let ellipsis = if head.len() < text.len() { "…" } else { "" };
        return format!("{}{ellipsis}", one_line(&head));
    };
    let Range { start, end } = span.byte_range(text);
    let before_chars: Vec<char> = text[..start].chars().collect();
    let before: String = before_chars[before_chars.len().saturating_sub(CONTEXT_CHARS)..]
        .iter()
        .collect();
    let after: String = text[end..].chars().take(CONTEXT_CHARS).collect();
    let lead = if before.len() < start { "…" } else { "" };
    let trail = if after.len() < text.len() - end {
        "…"
    } else {
        ""
    };
    format!(
        "{lead}{}⟦{}⟧{}{trail}",
        one_line(&before),
        one_line(&shorten(&text[start..end])),
        one_line(&after)
    )
}

/// A long span (a quotation, an over-long post) shortened to its ends, so that
/// one report line stays readable.
fn shorten(span: &str) -> String {
    let chars: Vec<char> = span.chars().collect();
    if chars.len() <= 2 * CONTEXT_CHARS {
        return span.to_string();
    }
    let head: String = chars[..CONTEXT_CHARS].iter().collect();
    let tail: String = chars[chars.len() - CONTEXT_CHARS..].iter().collect();
    format!("{head}…{tail}")
}

impl Evaluation {
    /// Whether the scores reach `targets`.
    pub fn meets_targets(&self, targets: &Targets) -> bool {
        self.target_failures(targets, Lang::En).is_empty()
    }

    /// One line per target not reached, in `lang`.
    ///
    /// A precision is missing when the checker reported nothing in a
    /// category; that is no false alarm, so only recall can fail there.
    pub fn target_failures(&self, targets: &Targets, lang: Lang) -> Vec<String> {
        let words = Words::for_lang(lang);
        let mut failures = Vec::new();
        let mut check = |scope: &str, measure: &str, value: Option<f64>, floor: f64| {
            if let Some(value) = value.filter(|value| *value < floor) {
                failures.push(format!("{scope}: {measure} {value:.3} < {floor:.2}"));
            }
        };
        check(
            words.overall,
            words.precision,
            self.overall.precision,
            targets.overall_precision,
        );
        check(
            words.overall,
            "recall",
            self.overall.recall,
            targets.overall_recall,
        );
        for row in &self.categories {
            let name = row.category.name();
            check(
                name,
                words.precision,
                row.score.precision,
                targets.category_minimum,
            );
            check(name, "recall", row.score.recall, targets.category_minimum);
        }
        failures
    }

    /// A plain-text report: the table per category and overall, then every
    /// missed and every false finding. Headings are in `lang`.
    pub fn to_text_table(&self, lang: Lang) -> String {
        let words = Words::for_lang(lang);
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{}: {} ({} {})",
            words.posts, self.entries, self.clean_entries, words.clean
        );
        let _ = writeln!(
            out,
            "{:<15} {:>8} {:>6} {:>5} {:>5} {:>5} {:>5} {:>9} {:>7} {:>6}",
            words.category,
            words.expected,
            words.found,
            "TP",
            "FP",
            "FN",
            "dup",
            words.precision,
            "recall",
            "F1"
        );
        let mut row = |name: &str, score: &Score| {
            let _ = writeln!(
                out,
                "{:<15} {:>8} {:>6} {:>5} {:>5} {:>5} {:>5} {:>9} {:>7} {:>6}",
                name,
                score.expected,
                score.found,
                score.true_positives,
                score.false_positives,
                score.missed,
                score.duplicates,
                ratio_text(score.precision),
                ratio_text(score.recall),
                ratio_text(score.f1)
            );
        };
        for category in &self.categories {
            row(category.category.name(), &category.score);
        }
        row(words.overall, &self.overall);
        let _ = writeln!(out, "\n{} ({}):", words.missed, self.missed.len());
        for item in &self.missed {
            let _ = writeln!(
                out,
                "  {:<10} {:<15} {}",
                item.id,
                item.category.name(),
                item.context
            );
        }
        let _ = writeln!(
            out,
            "\n{} ({}):",
            words.false_findings,
            self.false_findings.len()
        );
        for item in &self.false_findings {
            let _ = writeln!(
                out,
                "  {:<10} {:<15} {:<24} {}",
                item.id,
                item.category.name(),
                item.rule,
                item.context
            );
        }
        out
    }
}

fn ratio_text(value: Option<f64>) -> String {
    value.map_or_else(|| "–".to_string(), |value| format!("{value:.3}"))
}

/// The headings of the text report in one language.
struct Words {
    posts: &'static str,
    clean: &'static str,
    category: &'static str,
    expected: &'static str,
    found: &'static str,
    precision: &'static str,
    overall: &'static str,
    missed: &'static str,
    false_findings: &'static str,
}

impl Words {
    /// The headings in `lang`, from `locale.json`.
    fn for_lang(lang: Lang) -> Words {
        let text = |key| locale::text(key, lang);
        Words {
            posts: text(locale::EVAL_POSTS),
            clean: text(locale::EVAL_CLEAN),
            category: text(locale::EVAL_CATEGORY),
            expected: text(locale::EVAL_EXPECTED),
            found: text(locale::EVAL_FOUND),
            precision: text(locale::EVAL_PRECISION),
            overall: text(locale::EVAL_OVERALL),
            missed: text(locale::EVAL_MISSED),
            false_findings: text(locale::EVAL_FALSE_FINDINGS),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Level;

    /// One corpus line; `expected` may span several source lines.
    fn line(id: &str, text: &str, expected: &str) -> String {
        let expected = expected.replace('\n', " ");
        format!(
            r#"{{"id": "{id}", "lang": "de", "platform": "linkedin", "surface": "post", "date": "2026-11-27", "attachments": [], "text": "{text}", "expected": {expected}}}"#
        )
    }

    fn corpus(lines: &[String]) -> Corpus {
        Corpus::from_jsonl(&lines.join("\n")).expect("test corpus parses")
    }

    /// A finding of `category` over the first occurrence of `quote` in
    /// `text`, or document-level when `quote` is `None`.
    fn finding(category: Category, text: &str, quote: Option<&str>) -> Finding {
        let span = quote.map(|quote| {
            let start = text.find(quote).expect("quote in text");
            Span::from_byte_range(text, start..start + quote.len())
        });
        Finding {
            rule: format!("test.{}", category.name()),
            category,
            level: Level::Warn,
            overridable: true,
            span,
            quote: quote.map(str::to_string),
            message: String::new(),
            explanation: String::new(),
            link: None,
            suggestions: vec![],
        }
    }

    fn row(evaluation: &Evaluation, category: Category) -> &Score {
        &evaluation
            .categories
            .iter()
            .find(|row| row.category == category)
            .expect("category present")
            .score
    }

    #[test]
    fn campaign_suggestions_are_scored_apart_from_problems() {
        let corpus = corpus(&[
            line(
                "n1",
                "Wir suchen Verstärkung!",
                r#"[{"category": "campaign", "quote": null}]"#,
            ),
            line("n2", "Schönes Wochenende!", "[]"),
        ]);
        let evaluation = evaluate(&corpus, |entry| {
            vec![finding(Category::Campaign, entry.text(), None)]
        });
        let nudges = row(&evaluation, Category::Campaign);
        assert_eq!((nudges.true_positives, nudges.false_positives), (1, 1));
        assert_eq!(evaluation.overall, {
            let mut nothing = Score::default();
            nothing.finish();
            nothing
        });
    }

    #[test]
    fn counts_true_false_and_missed_per_category() {
        let text = "Das Kranich-Team ruft an: 0171 2345678, Mail an max@example.org";
        let corpus = corpus(&[
            line(
                "a",
                text,
                r#"[{"category": "confidential", "quote": "Kranich-Team"},
                    {"category": "personal-data", "quote": "0171 2345678"},
                    {"category": "personal-data", "quote": "max@example.org"}]"#,
            ),
            line("b", "Schöne Grüße aus Hamburg", "[]"),
        ]);
        let evaluation = evaluate(&corpus, |entry| match entry.id() {
            "a" => vec![
                finding(Category::Confidential, text, Some("Kranich")),
                finding(Category::PersonalData, text, Some("0171 2345678")),
            ],
            _ => vec![finding(Category::Netiquette, entry.text(), Some("Hamburg"))],
        });
        assert_eq!(evaluation.entries, 2);
        assert_eq!(evaluation.clean_entries, 1);
        let personal = row(&evaluation, Category::PersonalData);
        assert_eq!(
            (
                personal.true_positives,
                personal.false_positives,
                personal.missed
            ),
            (1, 0, 1)
        );
        assert_eq!(personal.recall, Some(0.5));
        assert_eq!(personal.precision, Some(1.0));
        let netiquette = row(&evaluation, Category::Netiquette);
        assert_eq!(netiquette.false_positives, 1);
        assert_eq!(netiquette.precision, Some(0.0));
        assert_eq!(netiquette.recall, None);
        assert_eq!(evaluation.overall.true_positives, 2);
        assert_eq!(evaluation.overall.false_positives, 1);
        assert_eq!(evaluation.overall.missed, 1);
        let precision = evaluation.overall.precision.unwrap();
        let recall = evaluation.overall.recall.unwrap();
        assert!((precision - 2.0 / 3.0).abs() < 1e-9);
        assert!((recall - 2.0 / 3.0).abs() < 1e-9);
        assert!((evaluation.overall.f1.unwrap() - 2.0 / 3.0).abs() < 1e-9);
        assert_eq!(evaluation.missed.len(), 1);
        assert_eq!(evaluation.missed[0].id, "a");
        assert_eq!(
            evaluation.missed[0].quote.as_deref(),
            Some("max@example.org")
        );
        assert_eq!(evaluation.false_findings[0].id, "b");
        assert_eq!(evaluation.false_findings[0].rule, "test.netiquette");
    }

    #[test]
    fn a_span_must_overlap_and_the_category_must_agree() {
        let text = "Projekt Orion startet, Orion ist super";
        let corpus = corpus(&[line(
            "a",
            text,
            r#"[{"category": "confidential", "quote": "Orion"}]"#,
        )]);
        // Right category, but only the second occurrence: no overlap.
        let evaluation = evaluate(&corpus, |_| {
            let mut late = finding(Category::Confidential, text, Some("Orion ist"));
            late.span = Some(Span { start: 23, end: 28 });
            vec![late]
        });
        assert_eq!(evaluation.overall.true_positives, 0);
        assert_eq!(evaluation.overall.false_positives, 1);
        assert_eq!(evaluation.overall.missed, 1);
        // Overlapping span, wrong category.
        let evaluation = evaluate(&corpus, |_| {
            vec![finding(Category::Brand, text, Some("Orion"))]
        });
        assert_eq!(evaluation.overall.true_positives, 0);
        // A partial overlap is enough.
        let evaluation = evaluate(&corpus, |_| {
            vec![finding(Category::Confidential, text, Some("ekt Or"))]
        });
        assert_eq!(evaluation.overall.true_positives, 1);
        assert_eq!(evaluation.overall.false_positives, 0);
    }

    #[test]
    fn document_level_labels_match_by_category_wherever_the_finding_points() {
        let text = "Ich freue mich auf die Messe mit Lotsenwerk";
        let corpus = corpus(&[line(
            "a",
            text,
            r#"[{"category": "disclosure", "quote": null}, {"category": "length", "quote": null}]"#,
        )]);
        let evaluation = evaluate(&corpus, |_| {
            vec![
                finding(Category::Disclosure, text, None),
                finding(Category::Length, text, Some("Lotsenwerk")),
            ]
        });
        assert_eq!(evaluation.overall.true_positives, 2);
        assert_eq!(evaluation.overall.false_positives, 0);
        // A document-level finding does not satisfy a quoted label.
        let corpus = self::corpus(&[line(
            "b",
            text,
            r#"[{"category": "brand", "quote": "Lotsenwerk"}]"#,
        )]);
        let evaluation = evaluate(&corpus, |_| vec![finding(Category::Brand, text, None)]);
        assert_eq!(evaluation.overall.missed, 1);
        assert_eq!(evaluation.overall.false_positives, 1);
    }

    #[test]
    fn overlapping_findings_of_one_problem_count_once_and_are_not_false() {
        let text = "DAS IST UNGLAUBLICH!!!!";
        let corpus = corpus(&[line(
            "a",
            text,
            r#"[{"category": "netiquette", "quote": "DAS IST UNGLAUBLICH"}]"#,
        )]);
        let evaluation = evaluate(&corpus, |_| {
            vec![
                finding(Category::Netiquette, text, Some("DAS IST")),
                finding(Category::Netiquette, text, Some("UNGLAUBLICH")),
                finding(Category::Netiquette, text, Some("!!!!")),
            ]
        });
        let score = row(&evaluation, Category::Netiquette);
        assert_eq!(score.true_positives, 1);
        assert_eq!(score.duplicates, 1);
        // The exclamation marks were not labeled, so they are a false alarm.
        assert_eq!(score.false_positives, 1);
        assert_eq!(score.found, 3);
        assert_eq!(evaluation.false_findings[0].quote.as_deref(), Some("!!!!"));
    }

    #[test]
    fn each_expected_item_is_matched_once_and_the_pairing_is_maximal() {
        // The first finding overlaps both labels; a greedy pairing would give
        // it to the first label and leave the second finding unmatched.
        let text = "Kranich Seeadler";
        let corpus = corpus(&[line(
            "a",
            text,
            r#"[{"category": "confidential", "quote": "Kranich Seeadler"},
                {"category": "confidential", "quote": "Kranich"}]"#,
        )]);
        let evaluation = evaluate(&corpus, |_| {
            vec![
                finding(Category::Confidential, text, Some("Kranich")),
                finding(Category::Confidential, text, Some("Seeadler")),
            ]
        });
        assert_eq!(evaluation.overall.true_positives, 2);
        assert_eq!(evaluation.overall.missed, 0);
        // Two labels, one finding: one of them is missed.
        let evaluation = evaluate(&corpus, |_| {
            vec![finding(Category::Confidential, text, Some("Kranich"))]
        });
        assert_eq!(evaluation.overall.true_positives, 1);
        assert_eq!(evaluation.overall.missed, 1);
    }

    #[test]
    fn repeated_quotes_refer_to_successive_occurrences() {
        let text = "Orion hier, Orion da";
        let corpus = corpus(&[line(
            "a",
            text,
            r#"[{"category": "confidential", "quote": "Orion"}, {"category": "confidential", "quote": "Orion"}]"#,
        )]);
        let spans: Vec<Option<Span>> = corpus.entries()[0]
            .expected()
            .iter()
            .map(|item| item.span)
            .collect();
        assert_eq!(
            spans,
            vec![
                Some(Span { start: 0, end: 5 }),
                Some(Span { start: 12, end: 17 })
            ]
        );
        let three = line(
            "b",
            text,
            r#"[{"category": "confidential", "quote": "Orion"}, {"category": "confidential", "quote": "Orion"}, {"category": "confidential", "quote": "Orion"}]"#,
        );
        let error = Corpus::from_jsonl(&three).unwrap_err();
        assert!(error.starts_with("line 1: expected/2"), "{error}");
    }

    #[test]
    fn expected_spans_are_utf16_like_findings() {
        // "🚢" is two UTF-16 code units and four bytes.
        let text = "🚢 Ölhafen: Kranich";
        let corpus = corpus(&[line(
            "a",
            text,
            r#"[{"category": "confidential", "quote": "Kranich"}]"#,
        )]);
        assert_eq!(
            corpus.entries()[0].expected()[0].span,
            Some(Span { start: 12, end: 19 })
        );
    }

    #[test]
    fn reading_reports_the_line_of_a_bad_entry() {
        let good = line("a", "Hallo", "[]");
        let duplicate = Corpus::from_jsonl(&format!("{good}\n\n{good}")).unwrap_err();
        assert_eq!(duplicate, "line 3: id `a` repeats");
        let missing_quote = line(
            "b",
            "Hallo",
            r#"[{"category": "brand", "quote": "Tschüss"}]"#,
        );
        assert!(Corpus::from_jsonl(&missing_quote)
            .unwrap_err()
            .contains("`Tschüss` occurs fewer than 1"));
        let unknown_category = line("c", "Hallo", r#"[{"category": "gossip", "quote": null}]"#);
        assert!(Corpus::from_jsonl(&unknown_category)
            .unwrap_err()
            .starts_with("line 1:"));
        let typo = good.replace("\"expected\"", "\"expceted\"");
        assert!(Corpus::from_jsonl(&typo).is_err());
        // Written by an editor that adds a byte-order mark and CRLF, without
        // the optional date and attachments.
        let minimal = "\u{feff}{\"id\": \"m\", \"lang\": \"en\", \"platform\": \"x\", \"surface\": \"post\", \"text\": \"Hi\", \"expected\": []}\r\n";
        let corpus = Corpus::from_jsonl(minimal).unwrap();
        assert_eq!(corpus.entries()[0].context().date, None);
        assert!(corpus.entries()[0].context().attachments.is_empty());
    }

    #[test]
    fn the_entry_gives_the_labeled_context() {
        let source = r#"{"id": "x1", "lang": "en", "platform": "x", "surface": "reply", "date": "2027-01-05", "attachments": [{"kind": "image", "count": 2}], "text": "Nice", "expected": [{"category": "copyright", "quote": null}]}"#;
        let corpus = Corpus::from_jsonl(source).unwrap();
        let context = corpus.entries()[0].context();
        assert_eq!(context.platform, Platform::X);
        assert_eq!(context.surface, Surface::Reply);
        assert_eq!(context.lang, Lang::En);
        assert_eq!(context.date, Date::parse("2027-01-05"));
        assert_eq!(context.attachments.len(), 1);
        assert_eq!(context.attachments[0].count, 2);
        assert!(!corpus.entries()[0].is_clean());
    }

    #[test]
    fn excerpts_mark_the_span_and_survive_bad_spans() {
        let text = "Ein sehr langer Satz vor dem Treffer, dann Kranich-Team und danach noch ein langer Rest.";
        let start = text.find("Kranich-Team").unwrap();
        let span = Span::from_byte_range(text, start..start + "Kranich-Team".len());
        assert_eq!(
            excerpt(text, Some(span)),
            "…er Satz vor dem Treffer, dann ⟦Kranich-Team⟧ und danach noch ein langer Re…"
        );
        // A long span keeps its ends.
        let long = format!("{}{}", "a".repeat(40), "b".repeat(40));
        assert_eq!(
            excerpt(&long, Some(Span { start: 0, end: 80 })),
            format!("⟦{}…{}⟧", "a".repeat(30), "b".repeat(30))
        );
        // A span past the end, or inside a surrogate pair, does not panic;
        // an offset inside the pair stands for the boundary after it.
        assert_eq!(
            excerpt("🚢 ok", Some(Span { start: 1, end: 99 })),
            "🚢⟦ ok⟧"
        );
        assert_eq!(excerpt("kurz", None), "kurz");
    }

    #[test]
    fn targets_fail_per_category_and_overall() {
        let text = "Orion und Kranich";
        let corpus = corpus(&[line(
            "a",
            text,
            r#"[{"category": "confidential", "quote": "Orion"}, {"category": "confidential", "quote": "Kranich"}]"#,
        )]);
        let perfect = evaluate(&corpus, |_| {
            vec![
                finding(Category::Confidential, text, Some("Orion")),
                finding(Category::Confidential, text, Some("Kranich")),
            ]
        });
        assert!(perfect.meets_targets(&Targets::default()));
        let half = evaluate(&corpus, |_| {
            vec![finding(Category::Confidential, text, Some("Orion"))]
        });
        assert_eq!(
            half.target_failures(&Targets::default(), Lang::En),
            vec![
                "overall: recall 0.500 < 0.95".to_string(),
                "confidential: recall 0.500 < 0.90".to_string()
            ]
        );
        assert_eq!(
            half.target_failures(&Targets::default(), Lang::De)[0],
            "gesamt: recall 0.500 < 0.95"
        );
        assert!(!half.meets_targets(&Targets::default()));
    }

    #[test]
    fn the_text_table_lists_scores_misses_and_false_alarms() {
        let text = "Orion und Hamburg";
        let corpus = corpus(&[line(
            "p-1",
            text,
            r#"[{"category": "confidential", "quote": "Orion"}]"#,
        )]);
        let evaluation = evaluate(&corpus, |_| {
            vec![finding(Category::Brand, text, Some("Hamburg"))]
        });
        let table = evaluation.to_text_table(Lang::En);
        assert!(table.contains("confidential"), "{table}");
        assert!(
            table.contains("Missed (1):\n  p-1        confidential    ⟦Orion⟧ und Hamburg"),
            "{table}"
        );
        assert!(table.contains("test.brand"), "{table}");
        let german = evaluation.to_text_table(Lang::De);
        assert!(german.contains("Fehlalarme (1):"), "{german}");
        let json = serde_json::to_value(&evaluation).unwrap();
        assert_eq!(json["categories"][0]["category"], "confidential");
        assert_eq!(json["categories"][0]["recall"], 0.0);
        assert_eq!(json["categories"][0]["precision"], serde_json::Value::Null);
        assert_eq!(json["false_findings"][0]["rule"], "test.brand");
    }
}
