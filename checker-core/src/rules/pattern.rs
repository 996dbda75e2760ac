//! `pattern`: text that matches a regular expression.
//!
//! ## What it checks
//!
//! Every match of `pattern`, a regular expression in the syntax of Rust's
//! `regex` crate (Unicode-aware: `\w`, `\b` and `\d` know umlauts; no
//! look-around, no back-references, so matching time stays linear). Use it
//! for things with a shape rather than a fixed spelling: ticket numbers,
//! internal project ids, customer numbers.
//!
//! ## Why it matters
//!
//! Internal identifiers in a public post tell outsiders what is being worked
//! on and for whom, and no term list can enumerate them.
//!
//! ## Example
//!
//! ```json
//! {"id": "acme.tickets", "kind": "pattern", "category": "confidential",
//!  "message": {"en": "“{quote}” looks like an internal ticket number."},
//!  "explanation": {"en": "Ticket numbers point to internal work."},
//!  "pattern": "\\bACME-\\d{3,6}\\b",
//!  "suggest": {"de": "ein internes Ticket", "en": "an internal ticket"}}
//! ```
//!
//! triggers on `Fixed ACME-4711 today`.
//!
//! ## Fix
//!
//! Remove the identifier or describe it in general terms; `suggest` offers a
//! replacement (which may use `$1`, `$name` for capture groups).
//!
//! Keys: `pattern`, `case_sensitive` (default true; `(?i)` works inline
//! too), `suggest`. A pattern that can match the empty string, or can never
//! match, is rejected. Compiled size is limited so no pattern can take
//! unbounded memory.

use std::sync::OnceLock;

use std::ops::Range;

use regex_automata::meta::{self, Regex};
use regex_automata::{Anchored, Input};
use regex_syntax::hir::{Class, Hir, HirKind};
use regex_syntax::utf8::Utf8Sequences;
use serde::Deserialize;

use super::CompileEnv;
use super::{CompileKind, Fix, Hit, RuleKind};
use crate::context::Localized;
use crate::context::{CheckContext, Lang};
use crate::document::Document;
use crate::limits::{
    MAX_PATTERNS, MAX_PATTERN_BYTES, PATTERNS_TOTAL_SIZE_LIMIT, PATTERN_CACHE_LIMIT,
    PATTERN_SIZE_LIMIT,
};
use crate::problem::Problem;
use crate::text::prefilter::PrefilterSlot;

/// Parameters of a `pattern` rule.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Params {
    /// The regular expression (Rust `regex` syntax). In JSON, `\` is
    /// written `\\`.
    pub pattern: String,
    /// Match letter case exactly; `false` ignores case (inline `(?i)` works
    /// too).
    #[serde(default = "case_sensitive_default")]
    pub case_sensitive: bool,
    /// A replacement to offer, per language; `$1` or `$name` insert groups.
    #[serde(default)]
    pub suggest: Option<Localized>,
}

fn case_sensitive_default() -> bool {
    true
}

impl CompileKind for Params {
    fn compile(self, env: &mut CompileEnv<'_>) -> Result<Box<dyn RuleKind>, Vec<Problem>> {
        env.patterns += 1;
        if env.patterns > MAX_PATTERNS {
            return Err(vec![Problem::new(
                "/pattern",
                format!("a policy may have at most {MAX_PATTERNS} `pattern` rules"),
            )
            .hint("combine similar patterns with `|`")]);
        }
        let hir =
            validate_regex(&self.pattern, self.case_sensitive).map_err(|problem| vec![problem])?;
        let prefilter = env.prefilter.register(&hir);
        let regex = OnceLock::new();
        let bound = nfa_size_bound(&hir);
        // Reported once, at the pattern that crossed it; the policy is
        // rejected, so later patterns are only validated, not built.
        let over_budget_already = env.pattern_bytes > PATTERNS_TOTAL_SIZE_LIMIT;
        let size = if over_budget_already || (prefilter.is_some() && bound <= PATTERN_SIZE_LIMIT) {
            // Small enough that building cannot fail (the bound holds for
            // every NFA the builder makes, see the tests): built on first use.
            bound
        } else {
            // Runs on every check, or possibly too large: building it now
            // settles it, with exactly what a check would build.
            let built = build_regex(&hir).ok_or_else(|| vec![too_large()])?;
            let size = built.memory_usage();
            regex.get_or_init(|| Some(built));
            size
        };
        env.pattern_bytes = env.pattern_bytes.saturating_add(size);
        if !over_budget_already && env.pattern_bytes > PATTERNS_TOTAL_SIZE_LIMIT {
            return Err(vec![over_budget()]);
        }
        Ok(Box::new(Pattern {
            hir,
            regex,
            prefilter,
            suggest: self.suggest,
            fallback: env.fallback_language,
        }))
    }
}

fn too_large() -> Problem {
    Problem::new("/pattern", "the pattern is too large to compile")
        .hint("use smaller repetition counts or fewer alternatives")
}

fn over_budget() -> Problem {
    Problem::new(
        "/pattern",
        format!(
            "the policy's patterns together are too large: their compiled forms may take at most {} MiB",
            PATTERNS_TOTAL_SIZE_LIMIT >> 20
        ),
    )
    .hint("prefer `[A-Za-z0-9]` to `\\w` and small repetition counts; fixed words belong in a `terms` rule")
}

/// The last non-empty line of a regex error, trimmed: the reason, without
/// the copy of the pattern and the caret the error shows above it.
pub(crate) fn last_line(error: &str) -> &str {
    error
        .lines()
        .map(str::trim)
        .rfind(|line| !line.is_empty())
        .unwrap_or(error)
}

/// Checks that a pattern parses, is not too long and can match something
/// non-empty. Problems point at `/pattern`. Whether it fits the size limit
/// is settled by [`Params::compile`], with [`build_regex`].
pub(crate) fn validate_regex(pattern: &str, case_sensitive: bool) -> Result<Hir, Problem> {
    if pattern.len() > MAX_PATTERN_BYTES {
        return Err(Problem::new(
            "/pattern",
            format!(
                "the pattern is {} bytes long; at most {MAX_PATTERN_BYTES} are allowed",
                pattern.len()
            ),
        )
        .hint("long alternations of fixed words belong in a `terms` rule"));
    }
    let hir = regex_syntax::ParserBuilder::new()
        .case_insensitive(!case_sensitive)
        .build()
        .parse(pattern)
        .map_err(|error| {
            let detail = error.to_string();
            let reason = last_line(&detail).trim_start_matches("error: ").to_owned();
            Problem::new("/pattern", format!("invalid regular expression: {reason}"))
        })?;
    match hir.properties().minimum_len() {
        Some(0) => {
            return Err(Problem::new(
                "/pattern",
                "the pattern can match the empty string, so it would flag nothing visible",
            )
            .hint("require at least one character, e.g. `+` instead of `*`"))
        }
        None => {
            return Err(Problem::new(
                "/pattern",
                "the pattern can never match anything",
            ))
        }
        Some(_) => {}
    }
    Ok(hir)
}

/// Bytes an NFA state or transition takes at most while the Thompson
/// compiler builds it (a builder state with its bookkeeping).
const NFA_BYTES_PER_UNIT: usize = 64;

/// What every NFA takes besides its pattern: start states and the loop
/// for unanchored searches (176 bytes for the empty pattern).
const NFA_BASE_BYTES: usize = 1024;

/// An upper bound on the memory each NFA of `hir` (forward with capture
/// groups, and reverse, as [`build_regex`] makes them) takes while it is
/// built, without building it: policies have hundreds of patterns, and
/// building each one's regex only to learn that it is small would be most
/// of the time a policy takes to compile. Counts a state per literal byte, per byte
/// of each UTF-8 sequence of a class, per look-around and per group or
/// alternative, and one per copy a counted repetition makes.
fn nfa_size_bound(hir: &Hir) -> usize {
    nfa_units(hir)
        .saturating_mul(NFA_BYTES_PER_UNIT)
        .saturating_add(NFA_BASE_BYTES)
}

fn nfa_units(hir: &Hir) -> usize {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => 1,
        HirKind::Literal(literal) => literal.0.len() + 1,
        HirKind::Class(Class::Bytes(class)) => class.ranges().len() + 1,
        HirKind::Class(Class::Unicode(class)) => {
            let sequences: usize = class
                .ranges()
                .iter()
                .map(|range| Utf8Sequences::new(range.start(), range.end()).count())
                .sum();
            // Each sequence is at most four byte ranges, each a state with
            // a transition.
            sequences.saturating_mul(8).saturating_add(1)
        }
        HirKind::Repetition(repetition) => {
            let copies = match repetition.max {
                Some(max) => max.max(repetition.min),
                None => repetition.min.saturating_add(1),
            };
            let one = nfa_units(&repetition.sub).saturating_add(2);
            usize::try_from(copies)
                .unwrap_or(usize::MAX)
                .max(1)
                .saturating_mul(one)
        }
        HirKind::Capture(capture) => nfa_units(&capture.sub).saturating_add(2),
        HirKind::Concat(parts) | HirKind::Alternation(parts) => {
            parts.iter().map(nfa_units).fold(1usize, |total, units| {
                total.saturating_add(units).saturating_add(1)
            })
        }
    }
}

/// Builds the regex of a validated pattern: the one builder for validation
/// and check alike, so that a pattern that validates also fires.
///
/// A `regex_automata` regex, since only it can search anchored at a given
/// start; its defaults (leftmost-first, UTF-8) are those of `regex::Regex`.
/// Case-insensitivity is already part of `hir`, which parsed, so `None`
/// means an automaton over [`PATTERN_SIZE_LIMIT`].
fn build_regex(hir: &Hir) -> Option<Regex> {
    meta::Builder::new()
        .configure(
            meta::Config::new()
                .nfa_size_limit(Some(PATTERN_SIZE_LIMIT))
                .hybrid_cache_capacity(PATTERN_CACHE_LIMIT),
        )
        .build_from_hir(hir)
        .ok()
}

/// The matches of `regex` in `text`, as its `find_iter` gives them. With
/// `starts`, the offsets where any match must start (ascending), the regex
/// is tried anchored at each instead of searching the whole text: a
/// candidate's cost then follows its occurrences, not the text's length.
fn matches(regex: &Regex, text: &str, starts: Option<&[usize]>) -> Vec<Range<usize>> {
    let Some(starts) = starts else {
        return regex.find_iter(text).map(|found| found.range()).collect();
    };
    let mut found = Vec::new();
    let mut searched_to = 0;
    for &start in starts {
        if start < searched_to {
            continue;
        }
        if let Some(at) = regex.search(&anchored_at(text, start)) {
            searched_to = at.end();
            found.push(at.range());
        }
    }
    found
}

/// A search of `text` for a match starting exactly at `start` (what comes
/// before still counts for `\b`).
fn anchored_at(text: &str, start: usize) -> Input<'_> {
    Input::new(text).range(start..).anchored(Anchored::Yes)
}

/// A compiled `pattern` rule.
#[derive(Debug)]
struct Pattern {
    hir: Hir,
    /// Built at validation or on first use (see [`Params::compile`]); `None`
    /// only if building failed although the size bound promised otherwise,
    /// which the tests and the fuzz target `pattern_parity` rule out.
    regex: OnceLock<Option<Regex>>,
    /// `None`: no finite prefix set, always run.
    prefilter: Option<PrefilterSlot>,
    suggest: Option<Localized>,
    fallback: Lang,
}

impl RuleKind for Pattern {
    fn check(&self, doc: &Document<'_>, context: &CheckContext, hits: &mut Vec<Hit>) {
        let starts = self.prefilter.and_then(|slot| doc.prefix_starts(slot));
        if starts.is_some_and(<[usize]>::is_empty) {
            return;
        }
        let Some(regex) = self.regex.get_or_init(|| build_regex(&self.hir)) else {
            return;
        };
        let template = self
            .suggest
            .as_ref()
            .and_then(|suggest| suggest.pick(context.lang, self.fallback));
        let found = matches(regex, doc.text, starts);
        let Some(template) = template else {
            hits.extend(found.into_iter().map(Hit::at));
            return;
        };
        let mut groups = regex.create_captures();
        for range in found {
            // Anchored where the match starts, the search finds that match
            // again, now with its groups.
            regex.search_captures(&anchored_at(doc.text, range.start), &mut groups);
            let mut replacement = String::new();
            groups.interpolate_string_into(doc.text, template, &mut replacement);
            hits.push(Hit {
                range: Some(range.clone()),
                fixes: vec![Fix {
                    replacement,
                    range: Some(range),
                }],
                level: None,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::{build_regex, matches, validate_regex};
    use crate::testing::{quotes, rule_error, rule_policy};
    use crate::text::prefilter::PrefilterBuilder;
    use crate::{CheckContext, Lang, Platform};

    /// Patterns built from two literals the texts below are made of.
    fn pattern() -> impl Strategy<Value = (String, bool)> {
        let literal = "[ab1Ä-]{1,3}".prop_map(|literal| regex::escape(&literal));
        let shape = (literal.clone(), literal, 0..6usize).prop_map(|(a, b, shape)| match shape {
            0 => format!(r"\b{a}\d{{1,3}}\b"),
            1 => format!("(?:{a}|{b})a*"),
            2 => format!("{a}(?:{b})?"),
            3 => format!(r"{a}\w*{b}"),
            4 => format!("(?:{a}|{a}{b})"),
            _ => format!("{a}[a-z]?"),
        });
        (shape, any::<bool>())
    }

    proptest! {
        #[test]
        fn searching_only_where_prefixes_start_finds_what_a_full_search_finds(
            (source, case_sensitive) in pattern(),
            text in "[ab1AÄä2 -]{0,40}",
        ) {
            let Ok(hir) = validate_regex(&source, case_sensitive) else {
                return Ok(());
            };
            let mut builder = PrefilterBuilder::default();
            let Some(slot) = builder.register(&hir) else {
                return Ok(());
            };
            let prefilter = builder.build().unwrap_or_default();
            let starts = prefilter.prefix_starts(&text);
            let regex = build_regex(&hir);
            prop_assert!(regex.is_some());
            if let Some(regex) = regex {
                prop_assert_eq!(
                    matches(&regex, &text, Some(starts.of(slot))),
                    matches(&regex, &text, None)
                );
            }
        }
    }

    #[test]
    fn finds_matches_in_german_and_english() {
        let checker =
            rule_policy(serde_json::json!({"kind": "pattern", "pattern": r"\bACME-\d{3,6}\b"}));
        assert_eq!(
            quotes(&checker, "Ticket ACME-4711 ist erledigt"),
            ["ACME-4711"]
        );
        assert_eq!(
            quotes(&checker, "Fixed ACME-12 and acme-4711 today"),
            Vec::<String>::new()
        );
    }

    #[test]
    fn word_boundaries_know_umlauts() {
        let checker = rule_policy(
            serde_json::json!({"kind": "pattern", "pattern": r"\bÜber\w+", "case_sensitive": false}),
        );
        assert_eq!(
            quotes(&checker, "Die Übernahme, die überfällig war"),
            ["Übernahme", "überfällig"]
        );
        assert!(quotes(&checker, "Ein Tippfehler: xÜbernahme").is_empty());
    }

    #[test]
    fn suggestion_expands_capture_groups_per_language() {
        let checker = rule_policy(serde_json::json!({
            "kind": "pattern", "pattern": r"(?<n>\d+) ?Mio\.? Euro",
            "suggest": {"de": "$n Millionen Euro", "en": "EUR $n million"}
        }));
        let mut context = CheckContext::new(Platform::X);
        context.lang = Lang::De;
        let report = checker.check("Umsatz: 12 Mio. Euro", &context);
        assert_eq!(
            report.findings[0].suggestions[0].replacement,
            "12 Millionen Euro"
        );
    }

    #[test]
    fn rejects_invalid_empty_matching_and_huge_patterns() {
        let invalid = rule_error(serde_json::json!({"kind": "pattern", "pattern": "(unclosed"}));
        assert_eq!(invalid.problems[0].path, "/rules/0/pattern");
        assert!(invalid.problems[0]
            .message
            .starts_with("invalid regular expression"));
        let empty = rule_error(serde_json::json!({"kind": "pattern", "pattern": "x*"}));
        assert!(empty.problems[0].message.contains("empty string"));
        let huge =
            rule_error(serde_json::json!({"kind": "pattern", "pattern": r"\w{1000}\w{1000}"}));
        assert_eq!(huge.problems[0].path, "/rules/0/pattern");
    }

    #[test]
    fn a_pattern_that_validates_fires_and_one_too_large_for_the_check_is_rejected() {
        // Validation once compiled only the forward NFA; the check's
        // builder also needs the larger reverse one, failed on this
        // pattern, and the rule stayed silent.
        let error = rule_error(serde_json::json!({"kind": "pattern", "pattern": r"Q0Z\w{21}"}));
        assert_eq!(error.problems[0].path, "/rules/0/pattern");
        assert!(error.problems[0].message.contains("too large"), "{error}");
        let checker = rule_policy(serde_json::json!({"kind": "pattern", "pattern": r"Q0Z\w{20}"}));
        let post = format!("Siehe Q0Z{}.", "ä".repeat(20));
        assert_eq!(quotes(&checker, &post), [format!("Q0Z{}", "ä".repeat(20))]);
    }

    #[test]
    fn patterns_over_the_total_budget_are_rejected_where_it_runs_out() {
        let rules: Vec<_> = (0..500)
            .map(|index| {
                serde_json::json!({
                    "id": format!("t.p{index}"), "kind": "pattern", "category": "other",
                    "message": {"en": "m"}, "explanation": {"en": "e"},
                    "pattern": format!(r"Q{index}Z\w{{20}}"),
                })
            })
            .collect();
        let error = crate::Policy::from_value(serde_json::json!({"version": 1, "rules": rules}))
            .and_then(crate::Policy::compile)
            .expect_err("the budget is exceeded");
        assert_eq!(error.problems.len(), 1, "{error}");
        let problem = &error.problems[0];
        assert!(
            problem.message.contains("together are too large"),
            "{error}"
        );
        let index: usize = problem
            .path
            .strip_prefix("/rules/")
            .and_then(|rest| rest.strip_suffix("/pattern"))
            .and_then(|index| index.parse().ok())
            .unwrap_or_else(|| panic!("a pattern's path: {problem}"));
        // Each takes about 1.1 MB compiled: the budget admits dozens, not hundreds.
        assert!((20..100).contains(&index), "{problem}");
    }

    proptest::proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn the_size_bound_is_never_below_what_the_check_builds(
            pattern in r"(\\b|\\d|\\w|\\s|\.|[a-zäß]|[^x]|\p{L}|[0-9]{1,3}|ACME|-|é|\(|\)|\||\{[0-9],[0-9]{1,2}\}|\*|\+|\?)*",
            case_sensitive in proptest::bool::ANY,
        ) {
            let Ok(hir) = regex_syntax::ParserBuilder::new()
                .case_insensitive(!case_sensitive)
                .build()
                .parse(&pattern)
            else {
                return Ok(());
            };
            let bound = super::nfa_size_bound(&hir);
            // What `build_regex` builds, with the bound as the NFA limit:
            // the forward NFA with groups and the reverse one.
            let built = super::meta::Builder::new()
                .configure(super::meta::Config::new().nfa_size_limit(Some(bound)))
                .build_from_hir(&hir);
            proptest::prop_assert!(built.is_ok(), "{pattern}: bound {bound} too small: {built:?}");
        }
    }
}
