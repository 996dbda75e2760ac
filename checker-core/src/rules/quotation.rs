//! `quotation`: a long quotation with no source named near it.
//!
//! ## What it checks
//!
//! Text inside quotation marks, `„…“`, `"…"`, `«…»`, `»…«` or `“…”`, with more
//! than `max_words` words (default 25), when nothing within `window_chars`
//! characters before or after it names a source. A source is:
//! - one of the `source_markers` phrases (`Quelle:`, `laut`, `via`,
//!   `according to`, `said` …), matched case-insensitively as whole words,
//!   unless all it names is one of the `vague_sources` (`laut der Zeitung`,
//!   `laut einem Bericht`, `according to sources`): a vague phrase right at
//!   or after the marker, with no name (a capitalised word, a handle or a
//!   link) after it in the same clause. `laut einem Bericht der FAZ` names
//!   a source;
//! - a dash followed by a name or handle after the quotation (`— Max Mustermann`,
//!   `– @janedoe`), unless `dash_attribution` is off;
//! - a URL, unless `url_is_source` is off.
//!
//! A quotation ends at its closing mark and never runs over an empty line, so
//! a stray mark does not swallow the rest of the post.
//!
//! ## Why it matters
//!
//! Quoting is allowed, but a quotation needs its source. Without one, a
//! longer passage looks like one's own words or like copied content, and the
//! author may object.
//!
//! ## Example
//!
//! ```text
//! Ein Satz, der hängen bleibt: „Wir haben in den letzten Monaten gelernt,
//! dass gute Zusammenarbeit weniger mit Werkzeugen zu tun hat als mit
//! Vertrauen, Geduld und der Bereitschaft, einander wirklich zuzuhören, auch
//! wenn es schwerfällt.“
//! ```
//!
//! Thirty words in quotation marks, and no one named who said them.
//!
//! ## Fix
//!
//! Name the source next to the quotation, e.g. `— Name` after it, `Quelle:`
//! with a link, or `laut Name` before it; or shorten the quotation. There is
//! no one-click fix: only the author knows the source.

use std::collections::BTreeMap;
use std::ops::Range;

use serde::Deserialize;

use super::CompileEnv;
use super::{CompileKind, Hit, RuleKind};
use crate::context::{CheckContext, Lang};
use crate::document::Document;
use crate::problem::Problem;
use crate::text::segment::{char_after, char_before, is_word_char};

/// Parameters of a `quotation` rule.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Params {
    /// The most words a quotation may have without a source: one with
    /// more words than this (`max_words` + 1 or more) needs one. Words
    /// between the marks are counted as everywhere in Postlint (runs of
    /// letters and digits; `don't`, `E-Mail` and `3.5` are one word each).
    /// For a guideline's "25 words or more need a source", write `24`.
    #[serde(default = "Params::default_max_words")]
    pub max_words: usize,
    /// How many characters before and after a quotation are searched for a
    /// source.
    #[serde(default = "Params::default_window_chars")]
    pub window_chars: usize,
    /// Phrases that name a source, per language, e.g.
    /// `{"de": ["Quelle:", "laut"], "en": ["Source:", "according to"]}`.
    /// All languages apply to every text: people quote across languages.
    #[serde(default)]
    pub source_markers: BTreeMap<Lang, Vec<String>>,
    /// Phrases that name no source when they are all that follows a source
    /// marker, per language, e.g. `{"de": ["der Zeitung"], "en": ["sources"]}`:
    /// "laut der Zeitung" and "according to sources" do not count.
    #[serde(default)]
    pub vague_sources: BTreeMap<Lang, Vec<String>>,
    /// A dash and a name or handle after the quotation (`— Max Mustermann`)
    /// counts as a source.
    #[serde(default = "Params::yes")]
    pub dash_attribution: bool,
    /// A URL near the quotation counts as a source.
    #[serde(default = "Params::yes")]
    pub url_is_source: bool,
}

impl Params {
    fn default_max_words() -> usize {
        25
    }
    fn default_window_chars() -> usize {
        120
    }
    fn yes() -> bool {
        true
    }
}

impl CompileKind for Params {
    fn compile(self, _env: &mut CompileEnv<'_>) -> Result<Box<dyn RuleKind>, Vec<Problem>> {
        let mut problems = Vec::new();
        let markers = phrase_list(&self.source_markers, "source_markers", &mut problems);
        let vague = phrase_list(&self.vague_sources, "vague_sources", &mut problems);
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(Box::new(Quotation {
            max_words: self.max_words,
            window_chars: self.window_chars,
            markers,
            vague,
            dash_attribution: self.dash_attribution,
            url_is_source: self.url_is_source,
        }))
    }
}

/// A compiled `quotation` rule.
#[derive(Debug)]
struct Quotation {
    max_words: usize,
    window_chars: usize,
    /// Source markers in lower case.
    markers: Vec<String>,
    /// Vague sources in lower case.
    vague: Vec<String>,
    dash_attribution: bool,
    url_is_source: bool,
}

impl RuleKind for Quotation {
    fn check(&self, doc: &Document<'_>, _context: &CheckContext, hits: &mut Vec<Hit>) {
        let text = doc.text;
        for quote in quotations(text) {
            let words = doc.words_in(quote.inner.clone()).len();
            if words > self.max_words && !self.has_source(text, &quote.outer) {
                hits.push(Hit::at(quote.outer));
            }
        }
    }
}

impl Quotation {
    fn has_source(&self, text: &str, quote: &Range<usize>) -> bool {
        let before_start = text[..quote.start]
            .char_indices()
            .rev()
            .take(self.window_chars)
            .last()
            .map_or(quote.start, |(index, _)| index);
        let after_end = text[quote.end..]
            .char_indices()
            .nth(self.window_chars)
            .map_or(text.len(), |(offset, _)| quote.end + offset);
        let before = &text[before_start..quote.start];
        let after = &text[quote.end..after_end];
        let after_lower = after.to_lowercase();
        [
            (before, before.to_lowercase()),
            (after, after_lower.clone()),
        ]
        .iter()
        .any(|(original, window)| {
            self.markers.iter().any(|marker| {
                phrase_occurrences(window, marker)
                    .any(|found| !self.names_only_vague_source(window, original, found))
            }) || (self.url_is_source
                && ["http://", "https://", "www."]
                    .iter()
                    .any(|url| window.contains(url)))
        }) || (self.dash_attribution && has_dash_attribution(&after_lower))
    }

    /// Whether the source marker at `marker` in `window` (lower case;
    /// `original` is the same text as written) names only a vague source:
    /// the marker is, or is followed by, a vague phrase after which no name
    /// follows in the clause.
    fn names_only_vague_source(&self, window: &str, original: &str, marker: Range<usize>) -> bool {
        let after_marker = marker.end
            + (window[marker.end..].len()
                - window[marker.end..]
                    .trim_start_matches(|c: char| c.is_whitespace() || c == ':')
                    .len());
        [marker.start, after_marker].into_iter().any(|from| {
            self.vague.iter().any(|phrase| {
                let end = from + phrase.len();
                window[from..].starts_with(phrase.as_str())
                    && !char_after(window, end).is_some_and(is_word_char)
                    && !names_someone(original, end)
            })
        })
    }
}

/// The phrases of a per-language list in lower case; a phrase without a
/// letter or digit is a problem at `/{field}/{lang}/{index}`.
fn phrase_list(
    lists: &BTreeMap<Lang, Vec<String>>,
    field: &str,
    problems: &mut Vec<Problem>,
) -> Vec<String> {
    let mut phrases = Vec::new();
    for (lang, list) in lists {
        let lang = serde_json::to_value(lang)
            .ok()
            .and_then(|code| code.as_str().map(str::to_owned))
            .unwrap_or_default();
        for (index, phrase) in list.iter().enumerate() {
            let trimmed = phrase.trim();
            if trimmed.chars().any(char::is_alphanumeric) {
                phrases.push(trimmed.to_lowercase());
            } else {
                problems.push(Problem {
                    path: format!("/{field}/{lang}/{index}"),
                    message: format!("`{phrase}` has no letters, so it cannot name a source"),
                    hint: None,
                });
            }
        }
    }
    phrases
}

/// Whether a name follows byte `from` of `original` in the same clause: a
/// capitalised word, a handle or a link (`der FAZ`, `by @hbr`). Where the
/// lower-case window and the original differ in length, the offset may not
/// fit the original, and the marker is taken to name someone.
fn names_someone(original: &str, from: usize) -> bool {
    let Some(rest) = original.get(from..) else {
        return true;
    };
    let rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == ':');
    let clause_end = rest
        .find(|c: char| ",.;:!?()\n„“”\"«»".contains(c))
        .unwrap_or(rest.len());
    rest[..clause_end].split_whitespace().any(|word| {
        word.starts_with(|c: char| c.is_uppercase() || c == '@') || word.contains("://")
    })
}

/// A quotation: `outer` includes the marks, `inner` is what they enclose.
#[derive(Debug, PartialEq, Eq)]
struct Quote {
    outer: Range<usize>,
    inner: Range<usize>,
}

/// The marks that can open a quotation: those [`closers`] knows.
const OPENING_MARKS: [char; 5] = ['„', '“', '«', '»', '"'];

/// Where the next opening mark at or after `from` is. The search runs over
/// bytes at memchr speed: `"` is one byte, and the others start with `0xC2`
/// (`«`, `»`) or `0xE2` (`„`, `“`).
fn next_opening_mark(text: &str, from: usize) -> Option<usize> {
    memchr::memchr3_iter(b'"', 0xC2, 0xE2, &text.as_bytes()[from..])
        .map(|offset| from + offset)
        .find(|&at| text[at..].starts_with(OPENING_MARKS))
}

/// The closing marks that end a quotation opened by `open`. `“` closes a
/// German `„` and opens an English quotation; people also type straight
/// quotes where typographic ones belong.
fn closers(open: char) -> &'static [char] {
    match open {
        '„' => &['“', '”', '"'],
        '“' => &['”', '“'],
        '«' => &['»'],
        '»' => &['«'],
        '"' => &['"'],
        _ => &[],
    }
}

/// Quotations in `text`, outermost first, not overlapping.
fn quotations(text: &str) -> Vec<Quote> {
    let mut found = Vec::new();
    // Per opening mark, how far a search already found no closer. A later
    // mark of the same kind before that point cannot close either, so many
    // unmatched marks cost one scan, not one each.
    let mut unclosed_until: Vec<(char, usize)> = Vec::new();
    let mut position = 0;
    while let Some(open_at) = next_opening_mark(text, position) {
        position = open_at;
        let Some(open) = text[position..].chars().next() else {
            break;
        };
        let inner_start = position + open.len_utf8();
        let known_unclosed = unclosed_until
            .iter()
            .any(|&(mark, until)| mark == open && inner_start < until);
        if !known_unclosed && opens_quotation(text, position, open) {
            match find_closer(text, inner_start, open) {
                Ok(close) => {
                    let end = close + text[close..].chars().next().map_or(0, char::len_utf8);
                    found.push(Quote {
                        outer: position..end,
                        inner: inner_start..close,
                    });
                    position = end;
                    continue;
                }
                Err(searched_until) => {
                    unclosed_until.retain(|&(mark, _)| mark != open);
                    unclosed_until.push((open, searched_until));
                }
            }
        }
        position = inner_start;
    }
    found
}

/// `„`, `«` and `»` open wherever they stand. A straight `"` and an English
/// `“` double as closing marks, so they open only where a word can start: at the start of the text or after white
/// space or an opening bracket, and before a non-space. That keeps a German
/// closing `“` after a typo'd opener from pairing with a later one.
fn opens_quotation(text: &str, at: usize, open: char) -> bool {
    if !matches!(open, '"' | '“') {
        return true;
    }
    let before_ok = text[..at]
        .chars()
        .next_back()
        .is_none_or(|c| c.is_whitespace() || matches!(c, '(' | '[' | '{'));
    let after_ok = text[at + open.len_utf8()..]
        .chars()
        .next()
        .is_some_and(|c| !c.is_whitespace());
    before_ok && after_ok
}

/// Where the quotation opened by `open` just before `from` closes, or, if it
/// does not close before an empty line or the end, where the search stopped.
fn find_closer(text: &str, from: usize, open: char) -> Result<usize, usize> {
    let mut previous_newline = false;
    for (offset, c) in text[from..].char_indices() {
        let at = from + offset;
        if c == '\n' {
            if previous_newline {
                return Err(at);
            }
            previous_newline = true;
            continue;
        }
        if c != '\r' {
            previous_newline = false;
        }
        if closers(open).contains(&c) {
            // A straight `"` directly followed by a letter or digit opens the
            // next quotation rather than closing this one.
            let closes = c != '"'
                || text[at + 1..]
                    .chars()
                    .next()
                    .is_none_or(|next| !next.is_alphanumeric());
            if closes {
                return Ok(at);
            }
        }
    }
    Err(text.len())
}

/// Where `phrase` occurs in `window` as whole words: where the phrase starts
/// or ends with a word character, the window has none right beside it.
fn phrase_occurrences<'w>(
    window: &'w str,
    phrase: &'w str,
) -> impl Iterator<Item = Range<usize>> + 'w {
    let starts_with_word = phrase.starts_with(is_word_char);
    let ends_with_word = phrase.ends_with(is_word_char);
    window
        .match_indices(phrase)
        .map(|(at, _)| at..at + phrase.len())
        .filter(move |range| {
            (!starts_with_word || !char_before(window, range.start).is_some_and(is_word_char))
                && (!ends_with_word || !char_after(window, range.end).is_some_and(is_word_char))
        })
}

/// A dash standing free (after white space or at the start) and then a name
/// or handle: `— Max Mustermann`, `– @janedoe`, `- Jane Doe`. `window` is lower
/// case, so a name is any letter; a dash before ordinary words also passes,
/// which errs on the quiet side.
fn has_dash_attribution(window: &str) -> bool {
    window.char_indices().any(|(at, c)| {
        if !matches!(c, '—' | '–' | '―' | '-') {
            return false;
        }
        let free = window[..at]
            .chars()
            .next_back()
            .is_none_or(char::is_whitespace);
        let next = window[at + c.len_utf8()..]
            .trim_start_matches([' ', '\u{a0}'])
            .chars()
            .next();
        free && next.is_some_and(|n| n.is_alphabetic() || n == '@')
    })
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use serde_json::json;

    use super::*;
    use crate::rules::kind_harness::{
        assert_ranges_sound, base_pack_params, compile, hits, quotes, HARMLESS_POSTS,
    };

    /// 30 words of German.
    const LONG_DE: &str = "Wir haben in den letzten Monaten gelernt, dass gute Zusammenarbeit weniger mit Werkzeugen zu tun hat als mit Vertrauen, Geduld und der Bereitschaft, einander wirklich zuzuhören, auch wenn es schwerfällt";
    /// 30 words of English.
    const LONG_EN: &str = "Over the past months we learned that good teamwork has less to do with tools than with trust, patience and the willingness to really listen to each other, every day";

    fn flagged(text: &str) -> Vec<&str> {
        quotes(
            text,
            &hits::<Params>(base_pack_params("base.quotation"), text),
        )
    }

    #[test]
    fn the_samples_are_long_enough() {
        assert_eq!(LONG_DE.split_whitespace().count(), 30);
        assert_eq!(LONG_EN.split_whitespace().count(), 30);
    }

    #[test]
    fn flags_long_unsourced_quotations_in_every_style() {
        for (open, close) in [
            ("„", "“"),
            ("\"", "\""),
            ("«", "»"),
            ("»", "«"),
            ("“", "”"),
            ("„", "”"),
        ] {
            let quotation = format!("{open}{LONG_DE}{close}");
            let text = format!("Das hat mich heute berührt: {quotation} Was meint ihr?");
            assert_eq!(flagged(&text), [quotation.as_str()], "{open}…{close}");
        }
        let quotation = format!("“{LONG_EN}.”");
        let text = format!("Something to think about: {quotation} What do you think?");
        assert_eq!(flagged(&text), [quotation.as_str()]);
    }

    #[test]
    fn a_named_source_after_the_quotation_silences_it() {
        for after in [
            " — Max Mustermann",
            "\n\n– Jane Doe, CTO",
            " - @janedoe",
            " (Quelle: Handelsblatt, 3. März)",
            " Source: Harvard Business Review",
            " via @hbr",
            " https://example.org/interview",
            " sagte Jane Doe auf der Konferenz.",
            " said Jane Doe at the conference.",
        ] {
            let text = format!("„{LONG_DE}“{after}");
            assert!(flagged(&text).is_empty(), "flagged despite {after:?}");
        }
    }

    #[test]
    fn a_named_source_before_the_quotation_silences_it() {
        for before in [
            "Laut unserer Vorständin gilt: ",
            "According to our CEO, ",
            "Jane Doe schreibt auf www.example.org: ",
        ] {
            let text = format!("{before}“{LONG_EN}”");
            assert!(flagged(&text).is_empty(), "flagged despite {before:?}");
        }
    }

    #[test]
    fn a_marker_naming_only_a_vague_source_is_no_source() {
        for text in [
            format!("Laut der Zeitung gilt: „{LONG_DE}“"),
            format!("„{LONG_DE}“, laut einem Bericht."),
            format!("“{LONG_EN}” according to sources."),
            format!("I read somewhere: “{LONG_EN}”"),
        ] {
            assert_eq!(flagged(&text).len(), 1, "not flagged: {text}");
        }
        for text in [
            format!("Laut einem Bericht der FAZ: „{LONG_DE}“"),
            format!("„{LONG_DE}“ (laut der Zeitung Die Zeit)"),
            format!("“{LONG_EN}” according to a report by Reuters."),
            format!("Sources: Reuters, AP. “{LONG_EN}”"),
        ] {
            assert!(flagged(&text).is_empty(), "flagged: {text}");
        }
        let without_list = hits::<Params>(
            json!({"source_markers": {"de": ["laut"]}}),
            &format!("Laut der Zeitung: „{LONG_DE}“"),
        );
        assert!(without_list.is_empty());
    }

    #[test]
    fn markers_match_whole_words_only() {
        // `vialen` and `laute` contain `via` and `laut` but name nothing.
        let text = format!("Die laute Runde mit Vialen-Tee: „{LONG_DE}“");
        assert_eq!(flagged(&text).len(), 1);
    }

    #[test]
    fn a_source_outside_the_window_does_not_count() {
        let filler = "und dann ging es weiter ".repeat(10);
        let text = format!("„{LONG_DE}“ {filler}— Max Mustermann");
        assert_eq!(flagged(&text).len(), 1);
    }

    #[test]
    fn short_quotations_pass() {
        for text in [
            "Unser Motto: „Gemeinsam besser“ – und das leben wir.",
            "She called it \"the best launch ever\" and I agree.",
            "Sein Lieblingswort ist »Synergie«.",
        ] {
            assert!(flagged(text).is_empty(), "flagged: {text}");
        }
    }

    #[test]
    fn stray_marks_do_not_make_a_quotation() {
        let text = format!("Ein 24\" Monitor und {LONG_DE}\n\nNoch ein \" hier und {LONG_DE}");
        assert!(flagged(&text).is_empty());
        let unclosed = format!("„{LONG_DE}\n\n{LONG_DE}“");
        assert!(flagged(&unclosed).is_empty());
    }

    #[test]
    fn a_closing_mark_after_a_typo_does_not_open_a_quotation() {
        // The first `“` closes a quotation opened with a straight quote; it
        // must not pair with the `“` that closes `„Tschüss“`.
        let text = format!("\"Hallo“ sagte sie, {LONG_DE}, und dann „Tschüss“.");
        assert!(flagged(&text).is_empty());
    }

    #[test]
    fn switches_for_dash_and_url() {
        let text = format!("„{LONG_DE}“ — Max Mustermann, https://example.org");
        assert!(hits::<Params>(json!({}), &text).is_empty());
        assert!(hits::<Params>(json!({"dash_attribution": false}), &text).is_empty());
        let strict = json!({"dash_attribution": false, "url_is_source": false});
        assert_eq!(hits::<Params>(strict, &text).len(), 1);
    }

    #[test]
    fn max_words_is_configurable() {
        let text = "„Gemeinsam besser, jeden Tag“";
        assert!(hits::<Params>(json!({}), text).is_empty());
        assert_eq!(hits::<Params>(json!({"max_words": 3}), text).len(), 1);
    }

    #[test]
    fn rejects_markers_without_letters() {
        let problems =
            compile::<Params>(json!({"source_markers": {"de": ["Quelle:", " — "], "en": [""]}}))
                .unwrap_err();
        let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(paths, ["/source_markers/de/1", "/source_markers/en/0"]);
    }

    #[test]
    fn finds_quotations_of_each_kind() {
        let text = "a „b“ c \"d\" e «f» g »h« i “j” k";
        let found: Vec<&str> = quotations(text)
            .into_iter()
            .map(|q| &text[q.inner])
            .collect();
        assert_eq!(found, ["b", "d", "f", "h", "j"]);
    }

    #[test]
    fn ordinary_posts_pass() {
        for post in HARMLESS_POSTS {
            assert!(flagged(post).is_empty(), "flagged: {post}");
        }
    }

    #[test]
    fn many_unclosed_marks_stay_fast() {
        let text = "„ein ".repeat(20_000);
        let started = std::time::Instant::now();
        assert!(hits::<Params>(json!({}), &text).is_empty());
        assert!(started.elapsed() < std::time::Duration::from_secs(2));
    }

    proptest! {
        #[test]
        fn never_panics_and_ranges_are_sound(text in "[a-zä „“”\"«»—\\-\n:/.]{0,200}|\\PC{0,80}") {
            let found = hits::<Params>(json!({"max_words": 1, "window_chars": 3, "source_markers": {"de": ["laut"]}}), &text);
            assert_ranges_sound(&text, &found);
        }
    }
}
