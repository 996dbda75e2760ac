//! Every occurrence of a set of literals, overlapping ones included, in one
//! pass: the term lexicon and the pattern prefilter both need that.
//!
//! `aho-corasick`'s own overlapping iterator keeps its position and state in
//! the iterator and returns after every match, so each byte costs loads and
//! stores of that state (about 14 instructions a byte with a DFA). The crate
//! documents walking its automata directly for custom searches; this loop
//! does so with the state in registers and reports the matches of a state
//! as it reaches it, in the same order as the iterator.

use std::ops::Range;

use aho_corasick::automaton::Automaton;
use aho_corasick::{dfa, nfa, Anchored, MatchKind};

/// An automaton over a set of literals, searched for all occurrences.
#[derive(Debug)]
pub(crate) enum LiteralAutomaton {
    /// Fastest per byte; its memory grows with every state.
    Dfa(dfa::DFA),
    /// Small and still fast: what long lists use.
    Contiguous(nfa::contiguous::NFA),
    /// Only when a list has too many states for the contiguous layout.
    Noncontiguous(nfa::noncontiguous::NFA),
}

impl LiteralAutomaton {
    /// Builds the automaton over the literals `patterns()` yields (called a
    /// second time only if the contiguous layout cannot hold them): a DFA
    /// when `dfa` is set, else the contiguous NFA, else the non-contiguous
    /// one, as `AhoCorasick`'s builder chooses for long lists.
    pub fn build<I, P>(patterns: impl Fn() -> I, dfa: bool) -> Result<LiteralAutomaton, String>
    where
        I: IntoIterator<Item = P>,
        P: AsRef<[u8]>,
    {
        // No prefilter: the walk below would not use it.
        if dfa {
            return dfa::Builder::new()
                .match_kind(MatchKind::Standard)
                .prefilter(false)
                .build(patterns())
                .map(LiteralAutomaton::Dfa)
                .map_err(|error| error.to_string());
        }
        let contiguous = nfa::contiguous::Builder::new()
            .match_kind(MatchKind::Standard)
            .prefilter(false)
            .build(patterns());
        match contiguous {
            Ok(automaton) => Ok(LiteralAutomaton::Contiguous(automaton)),
            Err(_) => nfa::noncontiguous::Builder::new()
                .match_kind(MatchKind::Standard)
                .prefilter(false)
                .build(patterns())
                .map(LiteralAutomaton::Noncontiguous)
                .map_err(|error| error.to_string()),
        }
    }

    /// Calls `found` with the index of the literal and its byte range for
    /// every occurrence in `haystack`, by end, then in the automaton's order
    /// of the literals ending there.
    pub fn for_each_match(&self, haystack: &[u8], found: impl FnMut(usize, Range<usize>)) {
        match self {
            LiteralAutomaton::Dfa(automaton) => walk::<_, true>(automaton, haystack, found),
            LiteralAutomaton::Contiguous(automaton) => walk::<_, false>(automaton, haystack, found),
            LiteralAutomaton::Noncontiguous(automaton) => {
                walk::<_, false>(automaton, haystack, found)
            }
        }
    }
}

/// With `UNROLLED`, four bytes per turn of the hot loop: a DFA step is a
/// handful of instructions, so the loop's own bookkeeping counts (about 3 %
/// of a check with the base pack alone); an NFA step is long, and unrolled
/// it only grew the code and cost more.
fn walk<A: Automaton, const UNROLLED: bool>(
    automaton: &A,
    haystack: &[u8],
    mut found: impl FnMut(usize, Range<usize>),
) {
    let Ok(mut state) = automaton.start_state(Anchored::No) else {
        return;
    };
    // The start state matches nothing: every literal has a byte (callers
    // never register empty ones), so the first match ends after a byte.
    let mut at = 0;
    while at < haystack.len() {
        // The hot loop only moves from state to state; it leaves at the
        // first special (match or dead) state.
        let step = |state, byte| automaton.next_state(Anchored::No, state, byte);
        'hot: while at < haystack.len() {
            if let Some(&[first, second, third, fourth]) =
                haystack.get(at..at + 4).filter(|_| UNROLLED)
            {
                for byte in [first, second, third, fourth] {
                    state = step(state, byte);
                    at += 1;
                    if automaton.is_special(state) {
                        break 'hot;
                    }
                }
            } else {
                state = step(state, haystack[at]);
                at += 1;
                if automaton.is_special(state) {
                    break;
                }
            }
        }
        if !automaton.is_special(state) {
            return;
        }
        if automaton.is_dead(state) {
            return;
        }
        for index in 0..automaton.match_len(state) {
            let pattern = automaton.match_pattern(state, index);
            found(
                pattern.as_usize(),
                at.saturating_sub(automaton.pattern_len(pattern))..at,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use aho_corasick::{AhoCorasick, AhoCorasickKind};
    use proptest::prelude::*;

    use super::*;

    fn walked(automaton: &LiteralAutomaton, text: &str) -> Vec<(usize, Range<usize>)> {
        let mut all = Vec::new();
        automaton.for_each_match(text.as_bytes(), |pattern, range| all.push((pattern, range)));
        all
    }

    fn iterated(
        literals: &[String],
        kind: AhoCorasickKind,
        text: &str,
    ) -> Vec<(usize, Range<usize>)> {
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .kind(Some(kind))
            .build(literals)
            .expect("literals build");
        automaton
            .find_overlapping_iter(text)
            .map(|found| (found.pattern().as_usize(), found.range()))
            .collect()
    }

    #[test]
    fn finds_overlapping_and_nested_literals() {
        let literals = ["ab", "b", "abc", "bc"].map(String::from);
        let automaton = LiteralAutomaton::build(|| &literals, true).expect("literals build");
        assert_eq!(
            walked(&automaton, "xabcab"),
            [
                (0, 1..3),
                (1, 2..3),
                (2, 1..4),
                (3, 2..4),
                (0, 4..6),
                (1, 5..6)
            ]
        );
    }

    proptest! {
        #[test]
        fn walking_finds_what_the_overlapping_iterator_finds(
            literals in proptest::collection::vec("[ab]{1,4}|ä|x[ab]", 1..12),
            text in "[abxä ]{0,40}",
        ) {
            for (dfa, kind) in [(true, AhoCorasickKind::DFA), (false, AhoCorasickKind::ContiguousNFA)] {
                let automaton = LiteralAutomaton::build(|| &literals, dfa).expect("literals build");
                prop_assert_eq!(walked(&automaton, &text), iterated(&literals, kind, &text));
            }
            let noncontiguous = LiteralAutomaton::Noncontiguous(
                nfa::noncontiguous::Builder::new().build(&literals).expect("literals build"),
            );
            prop_assert_eq!(
                walked(&noncontiguous, &text),
                iterated(&literals, AhoCorasickKind::NoncontiguousNFA, &text)
            );
        }
    }
}
