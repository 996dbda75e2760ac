//! One Aho-Corasick automaton for every term list of a policy.
//!
//! Term rules, substitutions, required phrases, `when` mention lists and
//! exceptions all register their lists here while the policy compiles. The
//! automaton is built once over the folded form of every term (see
//! [`normalize`](super::normalize)), and a check runs it once over the folded
//! text, so check time does not grow with the number of terms. Each raw
//! match is then verified against the term it came from: word boundaries,
//! the real letters behind shared folds, case where asked for, and gaps.

use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use serde::{Deserialize, Serialize};

use super::normalize::{NormChar, Normalized};

/// Up to this many registered terms the automaton is a DFA.
const DFA_TERMS: usize = 2_000;

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
}

/// A term as registered: one pattern of the automaton. It keeps where the
/// term's text lies in [`Lexicon::terms`], not its folded characters: those
/// take 16 bytes per character, and a policy may hold 100,000 terms, while
/// only the few terms the automaton finds in a text are ever verified, so
/// folding them again then costs next to nothing.
#[derive(Debug)]
struct Registration {
    list: ListId,
    entry: u32,
    options: TermOptions,
    /// Byte range of the term's text in [`Lexicon::terms`].
    term: Range<u32>,
}

/// Collects term lists while a policy compiles.
///
/// Every term becomes its own pattern, even when another list has the same
/// folded form: the automaton then reports both, which costs a check as
/// little as looking up the other registrations of a shared key did, and
/// compiling needs no map from keys to registrations (with 100,000 terms,
/// megabytes of small allocations next to the automaton being built).
#[derive(Debug, Default)]
pub(crate) struct LexiconBuilder {
    registrations: Vec<Registration>,
    /// The text of every term, back to back.
    terms: String,
    lists: u32,
    /// Reused while folding terms, so compiling thousands of them does not
    /// allocate for each.
    scratch: Normalized,
}

/// A term that folds to nothing (only punctuation or invisible characters)
/// and so can never match.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct EmptyTerm;

impl LexiconBuilder {
    /// Starts a new, empty list.
    pub fn new_list(&mut self) -> ListId {
        let id = ListId(self.lists);
        self.lists += 1;
        id
    }

    /// Makes room for `terms` more terms of about `bytes` bytes in all, so
    /// that a long list is stored without growing (and copying) its buffers
    /// step by step, which in WebAssembly leaves holes the size of every
    /// step in linear memory.
    pub fn reserve(&mut self, terms: usize, bytes: usize) {
        self.registrations.reserve(terms);
        self.terms.reserve(bytes);
    }

    /// Adds `term` as entry `entry` of `list`.
    pub fn add(
        &mut self,
        list: ListId,
        entry: u32,
        term: &str,
        options: TermOptions,
    ) -> Result<(), EmptyTerm> {
        self.scratch.refold(term);
        if self.scratch.folded.is_empty() {
            return Err(EmptyTerm);
        }
        // The policy's limits keep all terms far below 4 GiB.
        let offset = |text: &String| u32::try_from(text.len()).unwrap_or(u32::MAX);
        let start = offset(&self.terms);
        self.terms.push_str(term);
        self.registrations.push(Registration {
            list,
            entry,
            options,
            term: start..offset(&self.terms),
        });
        Ok(())
    }

    /// Builds the automaton.
    pub fn build(self) -> Result<Lexicon, String> {
        let LexiconBuilder {
            mut registrations,
            mut terms,
            scratch,
            ..
        } = self;
        // Before the automaton's tables grow, not after.
        registrations.shrink_to_fit();
        terms.shrink_to_fit();
        let patterns = registrations.len();
        let automaton = if patterns == 0 {
            None
        } else {
            // A DFA is fastest but grows with every state; past a few
            // thousand terms the contiguous NFA keeps memory (and the
            // WebAssembly heap) small at a modest cost per byte.
            let kind = (patterns <= DFA_TERMS).then_some(AhoCorasickKind::DFA);
            let keys = Keys {
                registrations: registrations.iter(),
                terms: &terms,
                scratch,
            };
            Some(
                AhoCorasick::builder()
                    .match_kind(MatchKind::Standard)
                    .kind(kind)
                    .build(keys)
                    .map_err(|error| error.to_string())?,
            )
        };
        Ok(Lexicon {
            automaton,
            registrations,
            terms,
        })
    }
}

/// The automaton's patterns: the folded form of every registered term, in
/// registration order. Folded again here rather than kept from
/// [`LexiconBuilder::add`]: kept, they would take megabytes while the
/// automaton builder's own tables grow, which is when compiling a long list
/// needs the most memory.
struct Keys<'b> {
    registrations: std::slice::Iter<'b, Registration>,
    terms: &'b str,
    scratch: Normalized,
}

impl Iterator for Keys<'_> {
    type Item = String;

    fn next(&mut self) -> Option<String> {
        let registration = self.registrations.next()?;
        let term = registration.term.start as usize..registration.term.end as usize;
        self.scratch
            .refold(self.terms.get(term).unwrap_or_default());
        Some(self.scratch.folded.clone())
    }
}

/// The compiled automaton over all term lists of a policy.
#[derive(Debug, Default)]
pub(crate) struct Lexicon {
    automaton: Option<AhoCorasick>,
    /// By pattern of the automaton.
    registrations: Vec<Registration>,
    /// The text of every term, back to back.
    terms: String,
}

impl Lexicon {
    /// Appends every verified match in `text` to `out`, sorted by list, then
    /// start, longest first.
    pub fn find(&self, text: &Normalized, out: &mut Vec<TermMatch>) {
        let Some(automaton) = &self.automaton else {
            return;
        };
        for found in automaton.find_overlapping_iter(text.folded.as_str()) {
            let first = text.char_index(found.start());
            let end = text.char_index(found.end());
            let Some(registration) = self.registrations.get(found.pattern().as_usize()) else {
                continue;
            };
            let written = registration.term.start as usize..registration.term.end as usize;
            let Some(written) = self.terms.get(written) else {
                continue;
            };
            let term = Normalized::new(written);
            if let Some(range) = verify(text, first..end, &term.chars, registration.options) {
                out.push(TermMatch {
                    list: registration.list,
                    entry: registration.entry,
                    range,
                });
            }
        }
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
) -> Option<Range<usize>> {
    let found = text.chars.get(chars.clone())?;
    if found.len() != term.len() {
        return None;
    }
    let (Some(term_first), Some(term_last)) = (term.first(), term.last()) else {
        return None;
    };
    let starts_word =
        chars.start == 0 || found[0].gap_before() || !text.chars[chars.start - 1].is_word();
    if term_first.is_word() && !starts_word {
        return None;
    }
    if options.mode == MatchMode::Word && term_last.is_word() {
        let ends_word = text
            .chars
            .get(chars.end)
            .is_none_or(|next| next.gap_before() || !next.is_word());
        if !ends_word {
            return None;
        }
    }
    let mut unexpected_gap = false;
    for (index, (seen, wanted)) in found.iter().zip(term.iter()).enumerate() {
        if !seen.is_lookalike() {
            if seen.literal != wanted.literal {
                return None;
            }
            if options.case_sensitive && seen.is_upper() != wanted.is_upper() {
                return None;
            }
        }
        if index > 0 && seen.gap_before() && !wanted.gap_before() {
            unexpected_gap = true;
        }
    }
    // Gaps the term does not have are accepted only when the word was spaced
    // out letter by letter (`O r i o n`), not for two real words that happen
    // to spell a term together (`the rapist`).
    if unexpected_gap {
        let spaced_out = found
            .iter()
            .enumerate()
            .skip(1)
            .all(|(_, c)| c.gap_before());
        if !spaced_out {
            return None;
        }
    }
    text.source_range(chars)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lexicon(terms: &[(&str, MatchMode)]) -> (Lexicon, ListId) {
        let mut builder = LexiconBuilder::default();
        let list = builder.new_list();
        for (index, (term, mode)) in terms.iter().enumerate() {
            let options = TermOptions {
                mode: *mode,
                case_sensitive: false,
            };
            assert_eq!(builder.add(list, index as u32, term, options), Ok(()));
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
