//! The bodies of the fuzz targets.
//!
//! Kept apart from the libFuzzer entry points so that
//! `checker-core/tests/fuzz_replay.rs` can run every seed and every crash
//! reproducer through exactly the same code in an ordinary `cargo test`
//! (it includes this file with `#[path]`), and CI covers them without
//! nightly Rust or libFuzzer.
//!
//! Each function panics when the engine breaks one of its promises; a
//! panic is what libFuzzer reports as a crash.

use std::sync::OnceLock;

use arbitrary::{Arbitrary, Unstructured};
use checker_core::{
    Attachment, AttachmentKind, CheckContext, Checker, Date, Field, Lang, Platform, Policy, Report,
    Surface,
};

/// A policy using every rule kind, both built-in packs, `when`,
/// exceptions, `active` windows, platform filters and overrides.
pub const RICH_POLICY: &str = include_str!("../../checker-core/tests/data/rich-policy.json");

/// The compiled [`RICH_POLICY`], built once per process.
pub fn rich_checker() -> &'static Checker {
    static CHECKER: OnceLock<Checker> = OnceLock::new();
    CHECKER.get_or_init(|| {
        let policy = Policy::from_json(RICH_POLICY)
            .unwrap_or_else(|error| panic!("the rich fuzz policy is rejected: {error}"));
        policy
            .compile()
            .unwrap_or_else(|error| panic!("the rich fuzz policy does not compile: {error}"))
    })
}

/// `policy_compile`: arbitrary bytes read as a policy. Either every problem
/// names a JSON pointer, or the policy compiles and its own tests run.
pub fn policy_compile(data: &[u8]) {
    match Policy::from_json_bytes(data) {
        Ok(policy) => {
            let _ = policy.rules();
            let checker = match policy.compile() {
                Ok(checker) => checker,
                Err(error) => {
                    assert_problems_have_paths(&error.problems);
                    return;
                }
            };
            let _ = checker.run_tests();
            // The policy's own text as a post: it holds every term it lists.
            let text = String::from_utf8_lossy(data);
            let report = checker.check(&text, &CheckContext::new(Platform::X));
            assert_report_consistent(&text, &report);
        }
        Err(error) => {
            assert!(!error.problems.is_empty(), "rejected without a problem");
            assert_problems_have_paths(&error.problems);
        }
    }
}

fn assert_problems_have_paths(problems: &[checker_core::Problem]) {
    for problem in problems {
        assert!(
            problem.path.is_empty() || problem.path.starts_with('/'),
            "problem path is not a JSON pointer: {problem:?}"
        );
        assert!(!problem.message.is_empty(), "problem without a message");
    }
}

/// A check context as the fuzzer chooses it.
#[derive(Arbitrary, Debug)]
struct FuzzContext {
    platform: FuzzPlatform,
    surface: FuzzSurface,
    german: bool,
    date: Option<(u16, u8, u8)>,
    attachments: Vec<(FuzzAttachment, u32)>,
    field: Option<FuzzField>,
}

#[derive(Arbitrary, Debug)]
enum FuzzField {
    Name,
    Headline,
    About,
    Bio,
    Location,
}

#[derive(Arbitrary, Debug)]
enum FuzzPlatform {
    Linkedin,
    X,
    Generic,
}

#[derive(Arbitrary, Debug)]
enum FuzzSurface {
    Post,
    Comment,
    Reply,
    Message,
    Profile,
}

#[derive(Arbitrary, Debug)]
enum FuzzAttachment {
    Image,
    Video,
    Document,
}

impl FuzzContext {
    fn context(self) -> CheckContext {
        CheckContext {
            platform: match self.platform {
                FuzzPlatform::Linkedin => Platform::Linkedin,
                FuzzPlatform::X => Platform::X,
                FuzzPlatform::Generic => Platform::Generic,
            },
            surface: match self.surface {
                FuzzSurface::Post => Surface::Post,
                FuzzSurface::Comment => Surface::Comment,
                FuzzSurface::Reply => Surface::Reply,
                FuzzSurface::Message => Surface::Message,
                FuzzSurface::Profile => Surface::Profile,
            },
            field: self.field.map(|field| match field {
                FuzzField::Name => Field::Name,
                FuzzField::Headline => Field::Headline,
                FuzzField::About => Field::About,
                FuzzField::Bio => Field::Bio,
                FuzzField::Location => Field::Location,
            }),
            // Mostly dates near the codename rule's window, so both sides
            // of it are reached.
            date: self
                .date
                .and_then(|(year, month, day)| Date::new(2025 + year % 3, month % 13, day % 32)),
            lang: if self.german { Lang::De } else { Lang::En },
            attachments: self
                .attachments
                .into_iter()
                .take(4)
                .map(|(kind, count)| Attachment {
                    kind: match kind {
                        FuzzAttachment::Image => AttachmentKind::Image,
                        FuzzAttachment::Video => AttachmentKind::Video,
                        FuzzAttachment::Document => AttachmentKind::Document,
                    },
                    count,
                    undescribed: count / 2,
                })
                .collect(),
            department: None,
        }
    }
}

/// `check`: arbitrary text in an arbitrary context against the rich
/// policy. Findings must be consistent (see [`assert_report_consistent`]).
pub fn check(data: &[u8]) {
    let mut input = Unstructured::new(data);
    let Ok(context) = FuzzContext::arbitrary(&mut input) else {
        return;
    };
    let text = String::from_utf8_lossy(input.take_rest());
    let report = rich_checker().check(&text, &context.context());
    assert_report_consistent(&text, &report);
    // Serializing is what the CLI and the bindings do next.
    let json = serde_json::to_string(&report).expect("a report serializes");
    assert!(json.starts_with("{\"findings\":"));
}

/// `utf16_spans`: the bytes as text (lossily repaired), checked in German
/// and in English on X; every span must slice exactly its quote in UTF-16.
pub fn utf16_spans(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    for lang in [Lang::De, Lang::En] {
        let context = CheckContext {
            lang,
            date: Date::new(2026, 11, 27),
            ..CheckContext::new(Platform::X)
        };
        let report = rich_checker().check(&text, &context);
        assert_report_consistent(&text, &report);
    }
}

/// `pattern_parity`: the first line is a `pattern` rule's regex, the rest a
/// post; a first line starting with a tab is case-insensitive (without the
/// tab). A pattern the policy accepts must flag exactly what `regex::Regex`
/// finds in the post; one it rejects must say where and why.
pub fn pattern_parity(data: &[u8]) {
    let input = String::from_utf8_lossy(data);
    let (first_line, text) = input.split_once('\n').unwrap_or((&input, ""));
    let (pattern, case_sensitive) = match first_line.strip_prefix('\t') {
        Some(pattern) => (pattern, false),
        None => (first_line, true),
    };
    assert_pattern_parity(pattern, case_sensitive, text);
}

/// See [`pattern_parity`].
pub fn assert_pattern_parity(pattern: &str, case_sensitive: bool, text: &str) {
    let policy = serde_json::json!({"version": 1, "rules": [{
        "id": "fuzz.pattern", "kind": "pattern", "category": "other",
        "message": {"en": "m"}, "explanation": {"en": "e"},
        "pattern": pattern, "case_sensitive": case_sensitive,
    }]});
    let checker = match Policy::from_value(policy).and_then(|policy| policy.compile()) {
        Ok(checker) => checker,
        Err(error) => {
            assert!(!error.problems.is_empty(), "rejected without a problem");
            assert_problems_have_paths(&error.problems);
            return;
        }
    };
    let regex = regex::RegexBuilder::new(pattern)
        .case_insensitive(!case_sensitive)
        .build()
        .unwrap_or_else(|error| {
            panic!("{pattern:?} validates, but regex::Regex rejects it: {error}")
        });
    let expected: Vec<&str> = regex.find_iter(text).map(|found| found.as_str()).collect();
    let report = checker.check(text, &CheckContext::new(Platform::X));
    assert_report_consistent(text, &report);
    let flagged: Vec<&str> = report
        .findings
        .iter()
        .filter(|finding| finding.rule == "fuzz.pattern")
        .filter_map(|finding| finding.quote.as_deref())
        .collect();
    assert_eq!(
        flagged, expected,
        "{pattern:?} (case-sensitive: {case_sensitive}) on {text:?}"
    );
}

/// What every report promises, whatever the text:
/// - spans are UTF-16 ranges within the text, start ≤ end;
/// - a finding's span slices exactly its quote (and has one iff it has a span);
/// - suggestion spans are within the text;
/// - findings are ordered by position, document-level ones last.
pub fn assert_report_consistent(text: &str, report: &Report) {
    let units: Vec<u16> = text.encode_utf16().collect();
    let slice = |start: usize, end: usize| {
        assert!(
            start <= end && end <= units.len(),
            "span {start}..{end} outside a text of {} UTF-16 units",
            units.len()
        );
        String::from_utf16(&units[start..end]).expect("a span splits a surrogate pair")
    };
    let mut previous_start = 0;
    let mut seen_document_level = false;
    for finding in &report.findings {
        match (&finding.span, &finding.quote) {
            (Some(span), Some(quote)) => {
                assert!(
                    !seen_document_level,
                    "a positioned finding after a document-level one"
                );
                assert_eq!(&slice(span.start, span.end), quote, "{finding:?}");
                assert!(span.start >= previous_start, "findings out of order");
                previous_start = span.start;
            }
            (None, None) => seen_document_level = true,
            _ => panic!("span and quote disagree: {finding:?}"),
        }
        for suggestion in &finding.suggestions {
            if let Some(span) = &suggestion.span {
                slice(span.start, span.end);
            }
        }
    }
}
