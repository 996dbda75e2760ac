//! `shouting`: a sentence written mostly in capitals.
//!
//! ## What it checks
//!
//! Each sentence (as the document splits them: at `.`, `!`, `?`, `…` before
//! a space, and at line breaks) whose letters are mostly capitals: at least `ratio` of its cased
//! letters are upper case, it has at least `min_letters` cased letters, and at
//! least `min_words` words written entirely in capitals (acronyms included, as
//! long as at least one of them is not an acronym).
//!
//! Not counted as shouting:
//! - hashtags (`#KI`), handles (`@ACME`), URLs, domains, e-mail addresses,
//!   identifiers with underscores (`MAX_RETRY_COUNT`) and codes mixing
//!   letters and digits (`DE89…`, `COVID-19`, `A320`); they are skipped
//!   entirely;
//! - acronyms: the words listed in `acronyms` (EU, CEO, DSGVO, also mixed
//!   case such as BNetzA, which counts in capitals too: `BNETZA`), and an
//!   all-caps word of up to `acronym_max_letters` letters that stands alone,
//!   among lower-case words (`die EU und`) or in a list (`KI, ML, NLP`).
//!   Runs of capitalised words are shouting even when the words are short
//!   (`WIR SIND SO STOLZ`, `Big news: THIS IS THE BEST DAY`);
//! - a single emphasised word (`This is REALLY important`): it is one
//!   capitalised word in a lower-case sentence;
//! - technical markers framed by runs of three or more dashes or equals
//!   signs on one line, such as key armor (`-----BEGIN OPENSSH PRIVATE
//!   KEY-----`) or log separators (`===== STACK TRACE =====`): they are
//!   machine text, not prose.
//!
//! Letters are Unicode letters, so `ÄÖÜ` are capitals and `äöü` are not.
//! `ß` has no capital in common use and counts as neither.
//!
//! ## Why it matters
//!
//! Online, capitals read as raised voice. A shouted sentence in a post on
//! behalf of the company comes across as angry or pushy, even when it was
//! meant as enthusiasm.
//!
//! ## Example
//!
//! ```text
//! WIR SUCHEN AB SOFORT VERSTÄRKUNG FÜR UNSER TEAM!
//! THIS IS THE BEST LAUNCH WE HAVE EVER HAD.
//! ```
//!
//! ## Fix
//!
//! The sentence in sentence case: capitalised words in lower case, the first
//! letter capital, acronyms and hashtags kept as written (a listed
//! mixed-case acronym in its listed spelling: `BNETZA` becomes `BNetzA`).
//! German nouns need their capital back by hand: the fix cannot know which
//! words are nouns.
//!
//! ```text
//! This is the best launch we have ever had.
//! ```

use std::collections::HashMap;
use std::ops::Range;

use serde::Deserialize;

use super::CompileEnv;
use super::{CompileKind, Fix, Hit, RuleKind};
use crate::context::CheckContext;
use crate::document::Document;
use crate::problem::Problem;
use crate::text::scan::capital_runs_bound;
use crate::text::segment::char_after;
use crate::text::urls::has_domain_dot;

/// Parameters of a `shouting` rule.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Params {
    /// Share of a sentence's cased letters (acronyms left out) that must be
    /// capitals, between 0 (exclusive) and 1.
    #[serde(default = "Params::default_ratio")]
    pub ratio: f64,
    /// Fewest cased letters a sentence needs before it can count as shouting.
    #[serde(default = "Params::default_min_letters")]
    pub min_letters: usize,
    /// Fewest all-caps words (of two letters or more) a shouted sentence has.
    #[serde(default = "Params::default_min_words")]
    pub min_words: usize,
    /// An all-caps word of up to this many letters that stands alone (not in
    /// a run of all-caps words; list punctuation such as `,` or `/` breaks a
    /// run) is taken for an acronym.
    #[serde(default = "Params::default_acronym_max_letters")]
    pub acronym_max_letters: usize,
    /// Words that are always acronyms, whatever their length and wherever they
    /// stand, written as they appear (e.g. `DSGVO`, `NASA`); mixed case and
    /// digits are fine (`BNetzA`, `CO2`). A mixed-case one also counts when
    /// written in capitals, and the fix gives it back its spelling.
    #[serde(default)]
    pub acronyms: Vec<String>,
}

impl Params {
    fn default_ratio() -> f64 {
        0.7
    }
    fn default_min_letters() -> usize {
        12
    }
    fn default_min_words() -> usize {
        3
    }
    fn default_acronym_max_letters() -> usize {
        5
    }
}

impl CompileKind for Params {
    fn compile(self, _env: &mut CompileEnv<'_>) -> Result<Box<dyn RuleKind>, Vec<Problem>> {
        let mut problems = Vec::new();
        if !(self.ratio > 0.0 && self.ratio <= 1.0) {
            problems.push(Problem {
                path: "/ratio".into(),
                message: format!("`ratio` must be above 0 and at most 1, not {}", self.ratio),
                hint: Some("0.7 means 70 % of the letters are capitals".into()),
            });
        }
        if self.min_words == 0 {
            problems.push(Problem {
                path: "/min_words".into(),
                message: "`min_words` must be at least 1".into(),
                hint: Some("2 or 3 keeps a single emphasised word from counting".into()),
            });
        }
        for (index, acronym) in self.acronyms.iter().enumerate() {
            if !acronym.chars().any(char::is_alphabetic)
                || acronym.chars().any(|c| !c.is_alphanumeric())
            {
                problems.push(Problem {
                    path: format!("/acronyms/{index}"),
                    message: format!("`{acronym}` is not a single word of letters and digits"),
                    hint: None,
                });
            } else if !acronym.chars().any(char::is_uppercase) {
                problems.push(Problem {
                    path: format!("/acronyms/{index}"),
                    message: format!(
                        "`{acronym}` has no capital letter, so it never looks like shouting"
                    ),
                    hint: Some(
                        "list acronyms as they are written, e.g. `DSGVO` or `BNetzA`".into(),
                    ),
                });
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(Box::new(Shouting {
            ratio: self.ratio,
            min_letters: self.min_letters,
            min_words: self.min_words,
            acronym_max_letters: self.acronym_max_letters,
            listed_acronyms: self
                .acronyms
                .into_iter()
                .map(|acronym| (acronym.to_uppercase(), acronym))
                .collect(),
        }))
    }
}

/// A compiled `shouting` rule.
#[derive(Debug)]
struct Shouting {
    ratio: f64,
    min_letters: usize,
    min_words: usize,
    acronym_max_letters: usize,
    /// The listed acronyms as written, by their form in capitals.
    listed_acronyms: HashMap<String, String>,
}

/// A run of letters and how many of them are capitals and small letters.
#[derive(Debug)]
struct Word {
    range: Range<usize>,
    upper: usize,
    lower: usize,
}

impl Word {
    /// Two or more letters, all capitals.
    fn is_caps(&self) -> bool {
        self.upper >= 2 && self.lower == 0
    }
}

impl RuleKind for Shouting {
    fn check(&self, doc: &Document<'_>, _context: &CheckContext, hits: &mut Vec<Hit>) {
        let text = doc.text;
        // A sentence with fewer all-caps letter runs than `min_words` cannot
        // be shouting: every word `words_in` keeps is such a run. Counting
        // them first spares ordinary lines the splitting and tokenizing.
        for sentence in sentences_with_caps_runs(doc, self.min_words) {
            let words = words_in(text, sentence.clone());
            let acronyms = self.acronyms(text, &words);
            let mixed = words
                .iter()
                .zip(&acronyms)
                .any(|(word, acronym)| word.lower > 0 && !acronym);
            let caps_words = words.iter().filter(|word| word.is_caps()).count();
            let shouted_words = words
                .iter()
                .zip(&acronyms)
                .filter(|(word, acronym)| word.is_caps() && !**acronym)
                .count();
            let cased: usize = words.iter().map(|word| word.upper + word.lower).sum();
            if caps_words < self.min_words || shouted_words == 0 || cased < self.min_letters {
                continue;
            }
            let (upper, counted) = words
                .iter()
                .zip(&acronyms)
                .filter(|(_, acronym)| !**acronym)
                .fold((0, 0), |(upper, counted), (word, _)| {
                    (upper + word.upper, counted + word.upper + word.lower)
                });
            if (upper as f64) < self.ratio * counted as f64 {
                continue;
            }
            let mut hit = Hit::at(sentence.clone());
            let spellings: Vec<Option<&str>> = words
                .iter()
                .map(|word| self.listed_spelling(text, word))
                .collect();
            let replacement = sentence_case(text, &sentence, &words, &spellings, &acronyms, mixed);
            if replacement != text[sentence.clone()] {
                hit.fixes.push(Fix {
                    replacement,
                    range: Some(sentence),
                });
            }
            hits.push(hit);
        }
    }
}

impl Shouting {
    /// Which of `words` are acronyms. Listed words always are. So is a short
    /// all-caps word that stands alone: among lower-case words (`die EU und`)
    /// or in a list (`KI, ML, NLP`). Short words in a run of capitalised
    /// words are not (`the NEW YORK TIMES`, `WIR SIND SO STOLZ`): runs are
    /// how shouting looks.
    fn acronyms(&self, text: &str, words: &[Word]) -> Vec<bool> {
        let mut acronyms = vec![false; words.len()];
        let listed = |word: &Word| self.listed_spelling(text, word).is_some();
        for run in runs(text, words, listed) {
            let run_caps = words[run.clone()].iter().filter(|w| w.is_caps()).count();
            for (word, acronym) in words[run.clone()].iter().zip(&mut acronyms[run]) {
                let short_and_alone = run_caps == 1 && word.upper <= self.acronym_max_letters;
                *acronym = listed(word) || (word.is_caps() && short_and_alone);
            }
        }
        acronyms
    }

    /// How `word` is spelled in `acronyms`, if it is listed there: as
    /// written, or in capitals (`BNETZA` for `BNetzA`).
    fn listed_spelling(&self, text: &str, word: &Word) -> Option<&str> {
        let written = &text[word.range.clone()];
        self.listed_acronyms
            .get(&written.to_uppercase())
            .filter(|listed| word.is_caps() || listed.as_str() == written)
            .map(String::as_str)
    }
}

/// Runs of words without small letters, as ranges of indices into `words`.
/// A word with a small letter ends a run, unless it is a `listed` acronym
/// (`BNetzA`), and so does list punctuation between two words (`KI, ML`,
/// `NLP/RAG`). Single capitals such as `A` or `I` neither start nor break a
/// run.
fn runs(text: &str, words: &[Word], listed: impl Fn(&Word) -> bool) -> Vec<Range<usize>> {
    let mut runs = Vec::new();
    let mut start = 0;
    for (index, word) in words.iter().enumerate() {
        if word.lower > 0 && !listed(word) {
            runs.push(start..index);
            start = index + 1;
        } else if index > start {
            let gap = &text[words[index - 1].range.end..word.range.start];
            if gap.contains([',', ';', '/', '&', '+', '|', '·']) {
                runs.push(start..index);
                start = index;
            }
        }
    }
    runs.push(start..words.len());
    runs
}

/// Counts the all-caps letter runs of a text as it is read.
#[derive(Default)]
struct CapsRuns {
    upper: usize,
    lower: usize,
    count: usize,
}

impl CapsRuns {
    fn read(&mut self, c: char) {
        if c.is_alphabetic() {
            if c.is_uppercase() {
                self.upper += 1;
            } else if is_lower(c) {
                self.lower += 1;
            }
        } else {
            self.end_run();
        }
    }

    /// Reads `c`, the character at byte `at` of `text`, and returns how many
    /// bytes it read: after an ASCII letter, the whole run of ASCII letters
    /// that follows at once, since most characters of a post are those.
    fn read_at(&mut self, text: &str, at: usize, c: char) -> usize {
        if !c.is_ascii_alphabetic() {
            self.read(c);
            return c.len_utf8();
        }
        let (mut length, mut upper) = (0, 0);
        for byte in text.as_bytes()[at..]
            .iter()
            .take_while(|byte| byte.is_ascii_alphabetic())
        {
            length += 1;
            upper += usize::from(byte.is_ascii_uppercase());
        }
        self.upper += upper;
        self.lower += length - upper;
        length
    }

    fn end_run(&mut self) {
        if self.upper >= 2 && self.lower == 0 {
            self.count += 1;
        }
        (self.upper, self.lower) = (0, 0);
    }

    /// The count, once the whole text has been read.
    fn total(mut self) -> usize {
        self.end_run();
        self.count
    }
}

/// The sentences of `doc` with at least `wanted` all-caps letter runs.
///
/// Counting runs means reading every character, so lines, and then the
/// sentences of the lines that pass, are first measured by
/// [`caps_runs_bound`]; only the sentences it lets through are counted. A
/// line break always ends a sentence, so every sentence lies in one line,
/// and the document splits sentences only when some line passes.
fn sentences_with_caps_runs<'d>(
    doc: &'d Document<'_>,
    wanted: usize,
) -> impl Iterator<Item = Range<usize>> + 'd {
    let text = doc.text;
    let mut line_start = 0;
    text.split_inclusive('\n').flat_map(move |line| {
        let range = line_start..line_start + line.len();
        line_start = range.end;
        let worth_splitting = caps_runs_bound(line) >= wanted;
        worth_splitting
            .then(|| doc.sentences_in(range))
            .into_iter()
            .flatten()
            .filter(move |sentence| {
                let sentence = &text[(*sentence).clone()];
                caps_runs_bound(sentence) >= wanted && caps_runs(sentence) >= wanted
            })
            .cloned()
    })
}

/// An upper bound on the all-caps letter runs of `text` (see
/// [`capital_runs_bound`]): most sentences have few capitals, and the bound
/// costs a few instructions per byte where reading characters costs dozens.
fn caps_runs_bound(text: &str) -> usize {
    capital_runs_bound(text, may_be_capital)
}

/// Whether `c`, outside ASCII, can count towards a run of capitals: a
/// letter that is not lower case. Latin-1 (German umlauts, `ß`) is answered
/// without the Unicode tables, whose lookup cost more than the rest of the
/// bound.
fn may_be_capital(c: char) -> bool {
    if c <= 'ÿ' {
        matches!(c, 'À'..='Ö' | 'Ø'..='ß')
    } else {
        c.is_alphabetic() && !is_lower(c)
    }
}

/// The runs of two or more letters, all capitals, in `text`.
fn caps_runs(text: &str) -> usize {
    let mut runs = CapsRuns::default();
    let mut at = 0;
    while let Some(c) = char_after(text, at) {
        at += runs.read_at(text, at, c);
    }
    runs.total()
}

/// `ß` has a capital (`ẞ`) that almost nobody types, so it is left out of the
/// count instead of making `STRAßE` look lower case.
fn is_lower(c: char) -> bool {
    c.is_lowercase() && c != 'ß'
}

/// The words of `range` that count: letter runs outside hashtags, handles,
/// e-mail addresses, URLs and domains.
fn words_in(text: &str, range: Range<usize>) -> Vec<Word> {
    let mut words = Vec::new();
    let slice = &text[range.clone()];
    let markers = framed_markers(slice);
    let in_marker = |at: usize| {
        markers
            .iter()
            .any(|marker| marker.contains(&(at - range.start)))
    };
    for (token_start, token) in tokens(slice) {
        if is_skipped_token(token) {
            continue;
        }
        let mut current: Option<Word> = None;
        for (offset, c) in token.char_indices() {
            let at = range.start + token_start + offset;
            if c.is_alphabetic() {
                let word = current.get_or_insert(Word {
                    range: at..at,
                    upper: 0,
                    lower: 0,
                });
                word.range.end = at + c.len_utf8();
                if c.is_uppercase() {
                    word.upper += 1;
                } else if is_lower(c) {
                    word.lower += 1;
                }
            } else if let Some(word) = current.take() {
                words.push(word);
            }
        }
        words.extend(current);
    }
    words.retain(|word| !in_marker(word.range.start));
    words
}

/// Byte ranges of `text` framed on both sides by a run of three or more `-`
/// or `=` on the same line: `-----BEGIN PGP SIGNATURE-----`,
/// `=== LOG ===`. Such markers come from machines, not from a raised voice.
fn framed_markers(text: &str) -> Vec<Range<usize>> {
    let mut markers = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let mut opened: Option<usize> = None;
        let mut rest = line;
        let mut offset = line_start;
        while let Some(found) = rest.find(['-', '=']) {
            let fence = rest[found..].chars().next().unwrap_or('-');
            let run = rest[found..].len() - rest[found..].trim_start_matches(fence).len();
            let (run_start, run_end) = (offset + found, offset + found + run);
            if run >= 3 {
                match opened.take() {
                    Some(open_end) if run_start > open_end => markers.push(open_end..run_start),
                    _ => opened = Some(run_end),
                }
            }
            offset = run_end;
            rest = &line[run_end - line_start..];
        }
        line_start += line.len();
    }
    markers
}

/// White-space separated tokens with their byte offsets.
fn tokens(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split(char::is_whitespace)
        .filter(|token| !token.is_empty())
        .map(move |token| (token.as_ptr() as usize - text.as_ptr() as usize, token))
}

/// Hashtags, handles, e-mail addresses, URLs, bare domains (`ACME.COM`),
/// identifiers from code (`AWS_SECRET_ACCESS_KEY`) and codes that mix
/// letters and digits (`DE89`, `AKIA…7EXAMPLE`, `COVID-19`, `A320`).
fn is_skipped_token(token: &str) -> bool {
    let core = token.trim_start_matches(['(', '[', '{', '"', '\'', '„', '“', '«', '»', '‚', '‘']);
    let is_code = core.chars().any(|c| c.is_ascii_digit()) && core.chars().any(char::is_alphabetic);
    let is_url = core.contains("://")
        || core
            .get(..4)
            .is_some_and(|start| start.eq_ignore_ascii_case("www."));
    core.starts_with(['#', '@'])
        || core.contains(['@', '_'])
        || is_code
        || is_url
        || has_domain_dot(core)
}

/// `range` in sentence case: shouted words in lower case (the first word of
/// the sentence capitalised), acronyms and skipped tokens unchanged, except
/// that listed acronyms take their listed `spellings`. In a sentence
/// entirely in capitals, single capital letters are lowered too, except the
/// English `I`.
fn sentence_case(
    text: &str,
    range: &Range<usize>,
    words: &[Word],
    spellings: &[Option<&str>],
    acronyms: &[bool],
    mixed: bool,
) -> String {
    let mut out = String::with_capacity(range.len());
    let mut cursor = range.start;
    for (index, (word, acronym)) in words.iter().zip(acronyms).enumerate() {
        let written = &text[word.range.clone()];
        if let Some(spelling) = spellings[index].filter(|spelling| *spelling != written) {
            out.push_str(&text[cursor..word.range.start]);
            out.push_str(spelling);
            cursor = word.range.end;
            continue;
        }
        let lower_it = if word.is_caps() {
            !acronym
        } else {
            !mixed && word.upper == 1 && written != "I"
        };
        if !lower_it {
            continue;
        }
        out.push_str(&text[cursor..word.range.start]);
        if index == 0 {
            let mut chars = written.chars();
            out.extend(chars.next().into_iter().flat_map(char::to_uppercase));
            out.push_str(&chars.as_str().to_lowercase());
        } else {
            out.push_str(&written.to_lowercase());
        }
        cursor = word.range.end;
    }
    out.push_str(&text[cursor..range.end]);
    out
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use serde_json::json;

    use super::*;
    use crate::rules::kind_harness::{
        assert_ranges_sound, base_pack_params, compile, hits, quotes, HARMLESS_POSTS,
    };

    fn shouted(text: &str) -> Vec<&str> {
        quotes(
            text,
            &hits::<Params>(base_pack_params("base.shouting"), text),
        )
    }

    fn shouted_with_defaults(text: &str) -> Vec<&str> {
        quotes(text, &hits::<Params>(json!({}), text))
    }

    #[test]
    fn flags_a_shouted_german_sentence_and_only_that_sentence() {
        let text = "Neuigkeiten aus Hamburg. WIR SUCHEN AB SOFORT VERSTÄRKUNG FÜR UNSER TEAM! Meldet euch gern.";
        assert_eq!(
            shouted(text),
            ["WIR SUCHEN AB SOFORT VERSTÄRKUNG FÜR UNSER TEAM!"]
        );
    }

    #[test]
    fn flags_a_shouted_english_sentence() {
        let text = "Big news: THIS IS THE BEST LAUNCH WE HAVE EVER HAD. Thanks, team.";
        assert_eq!(
            shouted(text),
            ["Big news: THIS IS THE BEST LAUNCH WE HAVE EVER HAD."]
        );
    }

    #[test]
    fn flags_a_fully_capitalised_sentence_of_short_words() {
        assert_eq!(
            shouted_with_defaults("WIR SIND SO STOLZ AUF UNSER TEAM"),
            ["WIR SIND SO STOLZ AUF UNSER TEAM"]
        );
    }

    #[test]
    fn umlauts_count_as_capitals() {
        // Without `Ä`, `Ö`, `Ü` counted as capitals this sentence would fall
        // below the ratio.
        let text = "ÜBERMÄßIG GRÖßENWAHNSINNIGE ÄNDERUNGEN überall";
        assert_eq!(shouted_with_defaults(text), [text]);
    }

    #[test]
    fn a_mixed_sentence_with_long_shouted_words_is_flagged() {
        let text = "DAS IST WIRKLICH UNGLAUBLICH, oder?";
        assert_eq!(shouted_with_defaults(text), [text]);
    }

    #[test]
    fn acronyms_in_ordinary_sentences_are_not_shouting() {
        for text in [
            "Die EU und die DSGVO regeln, wie die KI mit Daten umgeht.",
            "Our CEO met the NASA team and the EU commission in Brussels.",
            "KI, EU, DSGVO und CEO: vier Abkürzungen, die uns diese Woche beschäftigen.",
            "The CEO of NASA presented the NEW STRATEGY today.",
        ] {
            assert!(shouted(text).is_empty(), "flagged: {text}");
        }
    }

    #[test]
    fn lists_of_unknown_acronyms_are_not_shouting() {
        assert!(shouted_with_defaults("KI, ML, NLP, LLM, RAG, GPU, TPU, CPU.").is_empty());
        assert!(shouted_with_defaults("Stack: AWS/GCP/K8S/NLP/RAG/GPU").is_empty());
    }

    #[test]
    fn hyphenated_acronyms_are_not_shouting() {
        let text = "Was die EU-DSGVO und die KI-VO der EU für uns bedeuten, erkläre ich hier.";
        assert!(shouted(text).is_empty());
        assert!(shouted_with_defaults(text).is_empty());
    }

    #[test]
    fn identifiers_from_code_are_not_shouting() {
        let text = "Setzt MAX_RETRY_COUNT und AWS_DEFAULT_REGION_NAME vor dem Deploy.";
        assert!(shouted(text).is_empty());
        assert!(shouted("ERROR_CODE_INVALID_ACCESS_TOKEN").is_empty());
    }

    #[test]
    fn codes_of_letters_and_digits_are_not_shouting() {
        for text in [
            "IBAN DE89 3704 0044 0532 0130 00, Karte 4111 1111 1111 1111, Key AKIAIOSFODNN7EXAMPLE, Server 10.1.2.3",
            "Bestellnummer XJ9-ABCD-EFGH-1234 für die A320NEO und die B737MAX",
            "Update zu COVID-19, SARS-COV-2 und H1N1 im Q3",
        ] {
            assert!(shouted_with_defaults(text).is_empty(), "flagged: {text}");
        }
    }

    #[test]
    fn a_sentence_made_only_of_listed_acronyms_is_not_shouting() {
        assert!(shouted("EU, CEO, KI, DSGVO, NASA.").is_empty());
        assert!(shouted("KPI, ROI, B2B, SAAS, API, CTO.").is_empty());
    }

    #[test]
    fn hashtags_handles_urls_and_domains_are_skipped() {
        for text in [
            "Danke an alle! #TEAMWORK #DIGITALISIERUNG #ZUKUNFTGESTALTEN",
            "Great panel with @ACME_OFFICIAL and @SIEMENS_DEUTSCHLAND today",
            "Mehr dazu: HTTPS://ACME.EXAMPLE/KARRIERE/STELLENANGEBOTE",
            "Jobs unter WWW.ACME-KARRIERE.DE und ACME.EXAMPLE",
            "Schreibt an BEWERBUNG@ACME.EXAMPLE für Infos",
        ] {
            assert!(shouted(text).is_empty(), "flagged: {text}");
        }
    }

    #[test]
    fn a_single_emphasised_word_is_not_shouting() {
        for text in [
            "This is REALLY important for all of us.",
            "Das ist WIRKLICH wichtig für uns alle.",
            "Bitte NICHT vergessen: Anmeldung bis Freitag.",
        ] {
            assert!(shouted(text).is_empty(), "flagged: {text}");
        }
    }

    #[test]
    fn short_capitalised_headings_are_not_shouting() {
        assert!(shouted("NEUE STELLE").is_empty());
        assert!(shouted("SAVE THE DATE").is_empty());
    }

    #[test]
    fn framed_technical_markers_are_not_shouting() {
        for text in [
            "Hilft das? -----BEGIN OPENSSH PRIVATE KEY----- b3BlbnNzaC1rZXk -----END OPENSSH PRIVATE KEY-----",
            "-----BEGIN PGP SIGNATURE-----\niQEzBAEBCAAdFiEE\n-----END PGP SIGNATURE-----",
            "Im Log steht nur ===== STACK TRACE FOLLOWS ===== und dann nichts mehr.",
        ] {
            assert!(shouted(text).is_empty(), "flagged: {text}");
        }
    }

    #[test]
    fn shouting_next_to_dashes_is_still_shouting() {
        assert_eq!(
            shouted("--- WIR SUCHEN AB SOFORT VERSTÄRKUNG FÜR UNSER TEAM"),
            ["--- WIR SUCHEN AB SOFORT VERSTÄRKUNG FÜR UNSER TEAM"]
        );
        assert_eq!(
            shouted("THIS IS THE BEST LAUNCH WE HAVE EVER HAD -- really"),
            ["THIS IS THE BEST LAUNCH WE HAVE EVER HAD -- really"]
        );
        let text = "=== THIS IS THE BEST LAUNCH\nWE HAVE EVER HAD ===";
        assert_eq!(
            shouted(text),
            ["=== THIS IS THE BEST LAUNCH", "WE HAVE EVER HAD ==="]
        );
    }

    #[test]
    fn ordinary_sentences_are_not_shouting() {
        for text in [
            "Heute war ein großartiger Tag auf der Messe in Köln.",
            "We are hiring engineers in Berlin and Munich.",
            "",
            "!!! ??? ...",
        ] {
            assert!(shouted(text).is_empty(), "flagged: {text}");
        }
    }

    #[test]
    fn fix_is_sentence_case_keeping_acronyms_and_hashtags() {
        let text = "THIS IS THE BEST DAY FOR OUR EU TEAM EVER! #PROUD";
        let found = hits::<Params>(base_pack_params("base.shouting"), text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].range, Some(0..42));
        assert_eq!(
            found[0].fixes,
            [Fix {
                replacement: "This is the best day for our EU team ever!".into(),
                range: Some(0..42),
            }]
        );
    }

    #[test]
    fn fix_lowers_single_letters_but_keeps_i() {
        let text = "I THINK WE HAD A GREAT DAY";
        let found = hits::<Params>(json!({}), text);
        assert_eq!(found[0].fixes[0].replacement, "I think we had a great day");
    }

    #[test]
    fn parameters_tune_the_thresholds() {
        let text = "WIRKLICH UNGLAUBLICH, oder?";
        assert!(shouted_with_defaults(text).is_empty());
        assert_eq!(
            quotes(text, &hits::<Params>(json!({"min_words": 2}), text)),
            [text]
        );
        assert!(hits::<Params>(json!({"min_words": 2, "ratio": 0.95}), text).is_empty());
        assert!(hits::<Params>(json!({"min_words": 2, "min_letters": 30}), text).is_empty());
    }

    #[test]
    fn listed_acronyms_stay_acronyms_in_fully_capitalised_text() {
        let text = "DSGVO UND NASA UND BMW";
        assert_eq!(shouted_with_defaults(text), [text]);
        let listed = hits::<Params>(json!({"acronyms": ["DSGVO", "NASA", "BMW", "UND"]}), text);
        assert!(listed.is_empty());
    }

    #[test]
    fn mixed_case_acronyms_and_acronyms_with_digits() {
        let listed = json!({"acronyms": ["BNetzA", "CO2", "DSGVO"]});
        for text in [
            "Die BNetzA prüft, ob die DSGVO greift.",
            "Our CO2 target and the BNetzA report are out.",
        ] {
            assert!(
                hits::<Params>(listed.clone(), text).is_empty(),
                "flagged: {text}"
            );
        }
        // In a shouted sentence, the acronym keeps (or gets back) its spelling.
        let text = "DIE BNETZA HAT UNSEREN ANTRAG ENDLICH GENEHMIGT!";
        let found = hits::<Params>(listed.clone(), text);
        assert_eq!(
            found[0].fixes[0].replacement,
            "Die BNetzA hat unseren antrag endlich genehmigt!"
        );
        let text = "WE FINALLY GOT THE BNetzA APPROVAL TODAY";
        let found = hits::<Params>(listed, text);
        assert_eq!(
            found[0].fixes[0].replacement,
            "We finally got the BNetzA approval today"
        );
        let unlisted = hits::<Params>(
            json!({}),
            "DIE BNETZA HAT UNSEREN ANTRAG ENDLICH GENEHMIGT!",
        );
        assert_eq!(
            unlisted[0].fixes[0].replacement,
            "Die bnetza hat unseren antrag endlich genehmigt!"
        );
    }

    #[test]
    fn rejects_parameters_that_cannot_work() {
        assert!(compile::<Params>(json!({"acronyms": ["BNetzA", "CO2", "Eu"]})).is_ok());
        let problems = compile::<Params>(
            json!({"ratio": 0, "min_words": 0, "acronyms": ["eu", "", "CE O", "42"]}),
        )
        .unwrap_err();
        assert_eq!(
            problems[2].hint.as_deref(),
            Some("list acronyms as they are written, e.g. `DSGVO` or `BNetzA`")
        );
        let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "/ratio",
                "/min_words",
                "/acronyms/0",
                "/acronyms/1",
                "/acronyms/2",
                "/acronyms/3"
            ]
        );
    }

    #[test]
    fn a_date_inside_a_shouted_sentence_keeps_it_one_sentence() {
        let text = "AB DEM 12. März SIND WIR ENDLICH WIEDER FÜR EUCH DA!";
        assert_eq!(shouted_with_defaults(text), [text]);
        let text = "Wir sehen uns am 12. März in Köln, mit DJ, DSGVO-Workshop und KI.";
        assert!(shouted(text).is_empty(), "flagged: {text}");
    }

    #[test]
    fn sentences_count_their_all_caps_runs() {
        let text = "WIR SIND DA. Die EU-DSGVO gilt!\nÄRGER, MA-PLOR1167309 A I";
        let counts: Vec<usize> = Document::new(text)
            .sentences()
            .iter()
            .map(|sentence| caps_runs(&text[sentence.clone()]))
            .collect();
        assert_eq!(counts, [3, 2, 3]);
    }

    proptest! {
        #[test]
        fn the_bounds_keep_every_sentence_with_enough_runs(
            text in "([A-ZÄÖ]{1,4}|[a-zß]{1,4}|[ .!?…\\n#-]|\\PC){0,60}",
            wanted in 0usize..4,
        ) {
            let doc = Document::new(&text);
            let everywhere: Vec<_> = doc
                .sentences()
                .iter()
                .filter(|sentence| caps_runs(&text[(*sentence).clone()]) >= wanted)
                .cloned()
                .collect();
            let kept: Vec<_> = sentences_with_caps_runs(&doc, wanted).collect();
            prop_assert_eq!(kept, everywhere);
        }
    }

    proptest! {
        #[test]
        fn the_byte_bound_is_never_below_the_caps_runs(
            line in "([A-ZÄÖ]{1,4}|[a-zäß]{1,4}|[ .,1-]|\\PC){0,40}",
        ) {
            let mut runs = CapsRuns::default();
            line.chars().for_each(|c| runs.read(c));
            let counted = runs.total();
            prop_assert_eq!(caps_runs(&line), counted);
            prop_assert!(caps_runs_bound(&line) >= counted);
        }

        #[test]
        fn the_byte_bound_is_exact_for_capitals_and_spaces(line in "[A-Z .]{0,40}") {
            prop_assert_eq!(caps_runs_bound(&line), caps_runs(&line));
        }
    }

    #[test]
    fn latin1_capitals_are_the_letters_that_are_not_lower_case() {
        let differing: Vec<char> = ('\u{80}'..='ÿ')
            .filter(|&c| may_be_capital(c) != (c.is_alphabetic() && !is_lower(c)))
            .collect();
        assert_eq!(differing, Vec::<char>::new());
    }

    #[test]
    fn ordinary_posts_pass() {
        for post in HARMLESS_POSTS {
            assert!(shouted(post).is_empty(), "flagged: {post}");
        }
    }

    proptest! {
        #[test]
        fn never_panics_and_ranges_are_sound(text in "[A-ZÄÖÜa-zäöüßİ#@./: \n!?…]{0,120}|\\PC{0,80}") {
            let found = hits::<Params>(json!({"min_letters": 3, "min_words": 1}), &text);
            assert_ranges_sound(&text, &found);
        }
    }
}
