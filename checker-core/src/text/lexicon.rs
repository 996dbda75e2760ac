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

/// Up to this many distinct folded terms the automaton is a DFA.
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

/// A term as registered. It keeps the term's text, not its folded
/// characters: those take 16 bytes per character, and a policy may hold
/// 100,000 terms, while only the few terms the automaton finds in a text
/// are ever verified, so folding them again then costs next to nothing.
#[derive(Debug)]
struct Registration {
    list: ListId,
    entry: u32,
    options: TermOptions,
    term: Box<str>,
}

/// Collects term lists while a policy compiles.
#[derive(Debug, Default)]
pub(crate) struct LexiconBuilder {
    /// Each distinct folded term with its index in `registrations` (kept
    /// once: with 100,000 terms a second copy costs megabytes).
    key_index: std::collections::HashMap<String, usize>,
    registrations: Vec<Vec<Registration>>,
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
        let registration = Registration {
            list,
            entry,
            options,
            term: term.into(),
        };
        let key = match self.key_index.get(self.scratch.folded.as_str()) {
            Some(&key) => key,
            None => {
                let key = self.registrations.len();
                self.key_index.insert(self.scratch.folded.clone(), key);
                // Most keys have one registration; `push` would reserve four.
                self.registrations.push(Vec::with_capacity(1));
                key
            }
        };
        self.registrations[key].push(registration);
        Ok(())
    }

    /// Builds the automaton.
    pub fn build(self) -> Result<Lexicon, String> {
        let mut keys = vec![""; self.key_index.len()];
        for (key, &index) in &self.key_index {
            keys[index] = key;
        }
        let automaton = if keys.is_empty() {
            None
        } else {
            // A DFA is fastest but grows with every state; past a few
            // thousand terms the contiguous NFA keeps memory (and the
            // WebAssembly heap) small at a modest cost per byte.
            let kind = (keys.len() <= DFA_TERMS).then_some(AhoCorasickKind::DFA);
            Some(
                AhoCorasick::builder()
                    .match_kind(MatchKind::Standard)
                    .kind(kind)
                    .build(&keys)
                    .map_err(|error| error.to_string())?,
            )
        };
        Ok(Lexicon {
            automaton,
            registrations: self
                .registrations
                .into_iter()
                .map(Vec::into_boxed_slice)
                .collect(),
        })
    }
}

/// The compiled automaton over all term lists of a policy.
#[derive(Debug, Default)]
pub(crate) struct Lexicon {
    automaton: Option<AhoCorasick>,
    registrations: Vec<Box<[Registration]>>,
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
            let Some(registrations) = self.registrations.get(found.pattern().as_usize()) else {
                continue;
            };
            for registration in registrations.iter() {
                let term = Normalized::new(&registration.term);
                if let Some(range) = verify(text, first..end, &term.chars, registration.options) {
                    out.push(TermMatch {
                        list: registration.list,
                        entry: registration.entry,
                        range,
                    });
                }
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
