//! One Aho-Corasick automaton for every term list of a policy.
//!
//! Term rules, substitutions, required phrases, `when` mention lists and
//! exceptions all register their lists here while the policy compiles. The
//! automaton is built once over the folded form of every term (see
//! [`normalize`](super::normalize)), and a check runs it once over the folded
//! text, so check time does not grow with the number of terms. Each raw
//! match is then verified against the term it came from: word boundaries,
//! the real letters behind shared folds, case where asked for, and gaps.
//!
//! A term registered with `inflect` stands for its inflected forms too:
//! each word but the last may carry one of the endings of
//! `inflection.json` (`den Stadtwerken Kleinbach` for `Stadtwerke
//! Kleinbach`), each such form being a pattern of its own, and the last
//! word may carry one where the term must end a word.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::literal_automaton::LiteralAutomaton;
use super::normalize::{NormChar, Normalized};

/// Up to this many registered terms the automaton is a DFA.
const DFA_TERMS: usize = 2_000;

/// The most words a term with `inflect` may have: each word but the last
/// multiplies the term's forms by the number of endings plus one.
pub(crate) const MAX_INFLECTED_WORDS: usize = 3;

/// The endings a word of an inflected term may carry, German and English
/// together, from `inflection.json`.
fn endings() -> &'static [String] {
    static ENDINGS: OnceLock<Vec<String>> = OnceLock::new();
    ENDINGS.get_or_init(|| {
        #[derive(Deserialize, Default)]
        struct Inflection {
            endings: BTreeMap<String, Vec<String>>,
        }
        let data: Inflection =
            serde_json::from_str(include_str!("inflection.json")).unwrap_or_default();
        let mut all: Vec<String> = data.endings.into_values().flatten().collect();
        all.sort_unstable();
        all.dedup();
        all
    })
}

/// How many patterns `term` takes: its inflected forms with `inflect`
/// (every combination of endings on the words but the last), else one.
pub(crate) fn forms(term: &str, inflect: bool) -> usize {
    if !inflect {
        return 1;
    }
    let inflected_words = term.split_whitespace().count().saturating_sub(1);
    (endings().len() + 1).pow(inflected_words.min(MAX_INFLECTED_WORDS - 1) as u32)
}

/// Writes form `form` of `term` (see [`forms`]) into `out`: the digits of
/// `form` in base `endings + 1` choose each word's ending, 0 none.
fn write_form(term: &str, form: u32, out: &mut String) {
    out.clear();
    let base = endings().len() + 1;
    let mut rest = form as usize;
    let mut words = term.split_whitespace().peekable();
    while let Some(word) = words.next() {
        out.push_str(word);
        if words.peek().is_some() {
            if let Some(ending) = (rest % base).checked_sub(1).and_then(|i| endings().get(i)) {
                out.push_str(ending);
            }
            rest /= base;
            out.push(' ');
        }
    }
}

/// How a term must sit in the text.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum MatchMode {
    /// A whole word or phrase: `Orion` matches `Orion` and `Orion-Team`,
    /// not `Orionnebel`.
    #[default]
    Word,
    /// The start of a word: `Kranich` also matches `Kranichprojekt` and
    /// `Kranich-Team` (German compounds).
    Prefix,
    /// Anywhere in a word: at its start, its end or inside it. `Übernahme`
    /// matches `Konzernübernahme`, `Datenleck` matches `Kundendatenleck`.
    /// The finding marks the term, not the whole word. Except false friends
    /// with `exceptions` (`Kernfusion` for `Fusion`).
    Compound,
}

/// Identifies one registered list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct ListId(u32);

/// How to match one term.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct TermOptions {
    pub mode: MatchMode,
    pub case_sensitive: bool,
}

/// A verified occurrence of a term of some list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct TermMatch {
    pub list: ListId,
    /// Index of the term within its list, as registered.
    pub entry: u32,
    /// Byte range in the original text, evasion included.
    pub range: Range<usize>,
    /// The match begins or ends at a CamelCase word start inside a hashtag
    /// or handle (`Kranich` in `#KranichTeam`), not at a real boundary.
    pub camel_part: bool,
}

/// The terms of one list as registered. They keep their text, not their
/// folded characters: those take 16 bytes per character, and a policy may
/// hold 100,000 terms, while only the few terms the automaton finds in a
/// text are ever verified, so folding them again then costs next to
/// nothing.
///
/// Each list has buffers of its own, sized for it when it registers: one
/// buffer for all lists would grow by doubling as lists follow each other,
/// copying megabytes and, in WebAssembly, leaving holes of that size.
#[derive(Debug, Default)]
struct ListTerms {
    /// By entry.
    entries: Vec<TermEntry>,
    /// The entries' texts, back to back.
    texts: String,
}

/// One registered term.
#[derive(Debug)]
struct TermEntry {
    options: TermOptions,
    /// Registered with its inflected forms (see [`forms`]).
    inflect: bool,
    /// Where the term's text ends in [`ListTerms::texts`]; it starts where
    /// the previous entry's ends.
    end: u32,
}

impl ListTerms {
    /// The text of `entry`.
    fn text(&self, entry: usize) -> Option<&str> {
        let start = match entry.checked_sub(1) {
            Some(previous) => self.entries.get(previous)?.end as usize,
            None => 0,
        };
        self.texts.get(start..self.entries.get(entry)?.end as usize)
    }
}

/// Collects term lists while a policy compiles.
///
/// Every term becomes its own pattern of the automaton, even when another
/// list has the same folded form: the automaton then reports both, which
/// costs a check as little as looking up the other registrations of a
/// shared key did, and compiling needs no map from keys to registrations
/// (with 100,000 terms, megabytes of small allocations next to the
/// automaton being built).
#[derive(Debug, Default)]
pub(crate) struct LexiconBuilder {
    /// By list id.
    lists: Vec<ListTerms>,
    /// Reused while folding terms, so compiling thousands of them does not
    /// allocate for each.
    scratch: Normalized,
}

/// A term that folds to nothing (only punctuation or invisible characters)
/// and so can never match.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct EmptyTerm;

impl LexiconBuilder {
    /// Starts a new, empty list with room for `terms` terms of about
    /// `bytes` bytes in all.
    pub fn new_list(&mut self, terms: usize, bytes: usize) -> ListId {
        // The policy's limits keep lists, terms and their bytes far below
        // 4 Gi.
        let id = ListId(u32::try_from(self.lists.len()).unwrap_or(u32::MAX));
        self.lists.push(ListTerms {
            entries: Vec::with_capacity(terms),
            texts: String::with_capacity(bytes),
        });
        id
    }

    /// Adds `term` to `list`, with its inflected forms when `inflect` (see
    /// [`forms`]); returns its entry index in the list.
    pub fn add(
        &mut self,
        list: ListId,
        term: &str,
        options: TermOptions,
        inflect: bool,
    ) -> Result<u32, EmptyTerm> {
        self.scratch.refold(term);
        // Ids only come from `new_list`, so the list is always there.
        let (false, Some(terms)) = (
            self.scratch.folded.is_empty(),
            self.lists.get_mut(list.0 as usize),
        ) else {
            return Err(EmptyTerm);
        };
        let entry = u32::try_from(terms.entries.len()).unwrap_or(u32::MAX);
        terms.texts.push_str(term);
        terms.entries.push(TermEntry {
            options,
            inflect,
            end: u32::try_from(terms.texts.len()).unwrap_or(u32::MAX),
        });
        Ok(entry)
    }

    /// Builds the automaton.
    pub fn build(self) -> Result<Lexicon, String> {
        let mut lists = self.lists;
        // Before the automaton's tables grow, not after.
        for terms in &mut lists {
            terms.entries.shrink_to_fit();
            terms.texts.shrink_to_fit();
        }
        // Pattern ids number the terms list by list, entry by entry, form
        // by form.
        let patterns = || {
            lists.iter().enumerate().flat_map(|(list, terms)| {
                terms
                    .entries
                    .iter()
                    .enumerate()
                    .flat_map(move |(entry, registered)| {
                        let forms = match (registered.inflect, terms.text(entry)) {
                            (true, Some(text)) => forms(text, true) as u32,
                            _ => 1,
                        };
                        (0..forms).map(move |form| Pattern {
                            list: list as u32,
                            entry: entry as u32,
                            form,
                        })
                    })
            })
        };
        let count = patterns().count();
        let automaton = if count == 0 {
            None
        } else {
            // A DFA is fastest but grows with every state; past a few
            // thousand terms the contiguous NFA keeps memory (and the
            // WebAssembly heap) small at a modest cost per byte.
            let keys = || Keys {
                lists: &lists,
                patterns: patterns(),
                scratch: Normalized::default(),
                form: String::new(),
            };
            Some(LiteralAutomaton::build(keys, count <= DFA_TERMS)?)
        };
        // Made after the automaton, so as not to add to the memory its
        // construction needs.
        let mut first_forms = Vec::new();
        let patterns = patterns()
            .enumerate()
            .map(|(index, pattern)| {
                let inflected = lists
                    .get(pattern.list as usize)
                    .and_then(|terms| terms.entries.get(pattern.entry as usize))
                    .is_some_and(|registered| registered.inflect);
                if inflected && pattern.form == 0 {
                    first_forms.push(index as u32);
                }
                (pattern.list, pattern.entry)
            })
            .collect();
        Ok(Lexicon {
            automaton,
            lists,
            patterns,
            first_forms,
        })
    }
}

/// The automaton's patterns: the folded form of every registered term, in
/// pattern order. Folded again here rather than kept from
/// [`LexiconBuilder::add`]: kept, they would take megabytes while the
/// automaton builder's own tables grow, which is when compiling a long list
/// needs the most memory.
struct Keys<'b, P> {
    lists: &'b [ListTerms],
    /// Each pattern's list, entry and form, in order.
    patterns: P,
    scratch: Normalized,
    /// Reused for inflected forms.
    form: String,
}

impl<P: Iterator<Item = Pattern>> Iterator for Keys<'_, P> {
    type Item = Vec<u8>;

    fn next(&mut self) -> Option<Vec<u8>> {
        let pattern = self.patterns.next()?;
        let term = self
            .lists
            .get(pattern.list as usize)
            .and_then(|terms| terms.text(pattern.entry as usize));
        self.scratch
            .refold(pattern.text(term.unwrap_or_default(), &mut self.form));
        Some(self.scratch.folded.clone())
    }
}

/// What a pattern of the automaton stands for.
#[derive(Clone, Copy, Debug)]
struct Pattern {
    list: u32,
    entry: u32,
    /// Which form of the term (see [`forms`]); 0 is the term as written.
    form: u32,
}

impl Pattern {
    /// The pattern's text: `term` itself, or its inflected form written
    /// into `buffer`.
    fn text<'a>(&self, term: &'a str, buffer: &'a mut String) -> &'a str {
        if self.form == 0 {
            return term;
        }
        write_form(term, self.form, buffer);
        buffer
    }
}

/// The compiled automaton over all term lists of a policy.
#[derive(Debug, Default)]
pub(crate) struct Lexicon {
    automaton: Option<LiteralAutomaton>,
    /// By list id.
    lists: Vec<ListTerms>,
    /// The list and entry of each pattern of the automaton.
    patterns: Vec<(u32, u32)>,
    /// The first pattern of each term with inflected forms, in order: a
    /// pattern's form is its distance from the last of these before it.
    /// Kept apart so that the patterns of plain terms stay 8 bytes each.
    first_forms: Vec<u32>,
}

impl Lexicon {
    /// Which form of its term pattern `pattern` is, for a term with
    /// inflected forms.
    fn form_of(&self, pattern: usize) -> u32 {
        let pattern = pattern as u32;
        let before = self.first_forms.partition_point(|&first| first <= pattern);
        before
            .checked_sub(1)
            .map_or(0, |last| pattern - self.first_forms[last])
    }

    /// Appends every verified match in `text` to `out`, sorted by list, then
    /// start, longest first.
    pub fn find(&self, text: &Normalized, out: &mut Vec<TermMatch>) {
        let Some(automaton) = &self.automaton else {
            return;
        };
        // Each found term is folded again to be verified, into one buffer.
        let mut term = Normalized::default();
        let mut form = String::new();
        automaton.for_each_match(&text.folded, |pattern, found| {
            let Some(&(list, entry)) = self.patterns.get(pattern) else {
                return;
            };
            let Some(terms) = self.lists.get(list as usize) else {
                return;
            };
            let (Some(written), Some(registered)) = (
                terms.text(entry as usize),
                terms.entries.get(entry as usize),
            ) else {
                return;
            };
            let pattern = Pattern {
                list,
                entry,
                form: if registered.inflect {
                    self.form_of(pattern)
                } else {
                    0
                },
            };
            term.refold(pattern.text(written, &mut form));
            let chars = text.char_index(found.start)..text.char_index(found.end);
            let verified = verify(
                text,
                chars.clone(),
                &term.chars,
                registered.options,
                registered.inflect,
            );
            if let Some(range) = verified {
                let camel_start = |at: usize| text.chars.get(at).is_some_and(NormChar::camel_start);
                out.push(TermMatch {
                    list: ListId(list),
                    entry,
                    range,
                    camel_part: camel_start(chars.start) || camel_start(chars.end),
                });
            }
        });
        out.sort_unstable_by_key(|m| (m.list, m.range.start, std::cmp::Reverse(m.range.end)));
    }
}

/// The matches of one list in a sorted match vector.
pub(crate) fn matches_of(all: &[TermMatch], list: ListId) -> &[TermMatch] {
    let start = all.partition_point(|m| m.list < list);
    let end = all.partition_point(|m| m.list <= list);
    &all[start..end]
}

/// Checks a raw automaton match against its term; returns the original byte
/// range when it holds.
fn verify(
    text: &Normalized,
    chars: Range<usize>,
    term: &[NormChar],
    options: TermOptions,
    inflect: bool,
) -> Option<Range<usize>> {
    let found = text.chars.get(chars.clone())?;
    if found.len() != term.len() {
        return None;
    }
    let (Some(term_first), Some(term_last)) = (term.first(), term.last()) else {
        return None;
    };
    let starts_word = chars.start == 0
        || found[0].word_boundary_before()
        || !text.chars[chars.start - 1].is_word();
    if options.mode != MatchMode::Compound && term_first.is_word() && !starts_word {
        return None;
    }
    if options.mode == MatchMode::Word
        && term_last.is_word()
        && !ends_word(text, chars.end)
        && !(inflect && ends_word_after_ending(text, chars.end))
    {
        return None;
    }
    for (seen, wanted) in found.iter().zip(term.iter()) {
        if !seen.is_lookalike() {
            if seen.literal != wanted.literal {
                return None;
            }
            if options.case_sensitive && seen.is_upper() != wanted.is_upper() {
                return None;
            }
        }
    }
    // Gaps the term does not have are accepted only within a word of the
    // term spaced out letter by letter (`Helios L o g i s t i c s`), not for
    // two real words that happen to spell a term together (`the rapist`).
    let mut word_start = 0;
    for index in 1..=found.len() {
        let word_ends = term.get(index).is_none_or(NormChar::gap_before);
        if word_ends {
            let word = &found[word_start..index];
            let gaps = word.iter().skip(1).filter(|c| c.gap_before()).count();
            if gaps != 0 && gaps != word.len() - 1 {
                return None;
            }
            word_start = index;
        }
    }
    text.source_range(chars)
}

/// Whether a word ends before the character at `at` of `text`.
fn ends_word(text: &Normalized, at: usize) -> bool {
    text.chars
        .get(at)
        .is_none_or(|next| next.word_boundary_before() || !next.is_word())
}

/// Whether one of the inflection endings follows at `at` and ends the word.
fn ends_word_after_ending(text: &Normalized, at: usize) -> bool {
    endings().iter().any(|ending| {
        let Some(written) = text.chars.get(at..at + ending.chars().count()) else {
            return false;
        };
        written
            .iter()
            .zip(ending.chars())
            .all(|(seen, letter)| seen.literal == letter && !seen.word_boundary_before())
            && ends_word(text, at + written.len())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lexicon(terms: &[(&str, MatchMode)]) -> (Lexicon, ListId) {
        let mut builder = LexiconBuilder::default();
        let list = builder.new_list(terms.len(), 0);
        for (index, (term, mode)) in terms.iter().enumerate() {
            let options = TermOptions {
                mode: *mode,
                case_sensitive: false,
            };
            assert_eq!(builder.add(list, term, options, false), Ok(index as u32));
        }
        (builder.build().unwrap_or_default(), list)
    }

    fn quotes<'t>(lexicon: &Lexicon, text: &'t str) -> Vec<&'t str> {
        let mut out = Vec::new();
        lexicon.find(&Normalized::new(text), &mut out);
        out.iter().map(|m| &text[m.range.clone()]).collect()
    }

    #[test]
    fn spaced_out_letters_match_but_split_words_do_not() {
        let (lexicon, _) = lexicon(&[("Orion-7", MatchMode::Word), ("therapist", MatchMode::Word)]);
        assert_eq!(
            quotes(&lexicon, "Das ist O r i o n - 7!"),
            ["O r i o n - 7"]
        );
        assert_eq!(quotes(&lexicon, "ask the rapist"), Vec::<&str>::new());
        assert_eq!(
            quotes(&lexicon, "Orion 7 und Orion7"),
            ["Orion 7", "Orion7"]
        );
    }

    #[test]
    fn inflected_forms_map_back_to_their_terms_among_plain_ones() {
        let mut builder = LexiconBuilder::default();
        let options = TermOptions {
            mode: MatchMode::Word,
            case_sensitive: false,
        };
        let first = builder.new_list(3, 0);
        let second = builder.new_list(3, 0);
        for (list, term, inflect) in [
            (first, "Orion", false),
            (first, "Neue Heimat", true),
            (first, "Werk", true),
            (second, "Kranich", false),
            (second, "Grüne Stadt Werke", true),
            (second, "Alte Mühle", false),
        ] {
            assert!(builder.add(list, term, options, inflect).is_ok());
        }
        let lexicon = builder.build().unwrap_or_default();
        let text = "Orion, der Neuen Heimat, Werks, Kranich, den Grünen Städten Werken, \
                    der Grünen Stadt Werke, Alten Mühle";
        let mut found = Vec::new();
        lexicon.find(&Normalized::new(text), &mut found);
        let seen: Vec<(ListId, u32, &str)> = found
            .iter()
            .map(|m| (m.list, m.entry, &text[m.range.clone()]))
            .collect();
        assert_eq!(
            seen,
            [
                (first, 0, "Orion"),
                (first, 1, "Neuen Heimat"),
                // `Werks`, `Werken`, `Werke`.
                (first, 2, "Werk"),
                (first, 2, "Werk"),
                (first, 2, "Werk"),
                (second, 0, "Kranich"),
                (second, 1, "Grünen Stadt Werke"),
            ]
        );
    }

    #[test]
    fn shared_folds_do_not_confuse_real_letters() {
        let (lexicon, _) = lexicon(&[("fall", MatchMode::Word)]);
        assert_eq!(quotes(&lexicon, "fail fa1l FALL"), ["fa1l", "FALL"]);
    }

    #[test]
    fn prefix_mode_catches_compounds_word_mode_does_not() {
        let (lexicon, _) = lexicon(&[("Kranich", MatchMode::Prefix), ("Orion", MatchMode::Word)]);
        assert_eq!(
            quotes(
                &lexicon,
                "Kranichprojekt, Orionnebel, Kranich-Team, Orion-Team"
            ),
            ["Kranich", "Kranich", "Orion"]
        );
    }
}
