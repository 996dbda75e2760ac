//! One pass that tells which regular expressions can match at all.
//!
//! Most patterns in a policy start with a fixed piece of text (`LUM-`,
//! `intranet.`). Their prefix literals are extracted at compile time
//! (`regex-syntax`'s literal extractor) and put into one Aho-Corasick
//! automaton. A check runs that automaton once over the text, and a pattern
//! whose prefixes do not occur is not run at all. Patterns without a finite
//! set of prefixes are always run. The regex engines have their own
//! prefilters, but only per pattern: with hundreds of patterns, one shared
//! pass is what keeps check time flat.

use regex_syntax::hir::literal::{ExtractKind, Extractor};
use regex_syntax::hir::Hir;

use super::literal_automaton::LiteralAutomaton;

/// Up to this many literals the prefilter is a DFA.
const DFA_LITERALS: usize = 2_000;

/// Identifies a pattern registered with a prefilter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct PrefilterSlot(u32);

/// Collects prefix literals while a policy compiles.
#[derive(Debug, Default)]
pub(crate) struct PrefilterBuilder {
    literals: Vec<Vec<u8>>,
    owners: Vec<u32>,
    slots: u32,
}

impl PrefilterBuilder {
    /// Registers the prefixes of a pattern. Returns `None` when the pattern
    /// has no useful finite prefix set; such a pattern always runs.
    pub fn register(&mut self, hir: &Hir) -> Option<PrefilterSlot> {
        let mut extractor = Extractor::new();
        extractor.kind(ExtractKind::Prefix);
        let prefixes = extractor.extract(hir);
        let literals = prefixes.literals()?;
        if literals.is_empty() || literals.iter().any(|literal| literal.as_bytes().is_empty()) {
            return None;
        }
        let slot = self.slots;
        self.slots += 1;
        for literal in literals {
            self.literals.push(literal.as_bytes().to_vec());
            self.owners.push(slot);
        }
        Some(PrefilterSlot(slot))
    }

    pub fn build(self) -> Result<Prefilter, String> {
        let automaton = if self.literals.is_empty() {
            None
        } else {
            // A DFA walks a byte in a few instructions, where an NFA
            // follows failure links; it is worth its memory while the
            // literal set is small, as it is for typical policies.
            let dfa = self.literals.len() <= DFA_LITERALS;
            Some(LiteralAutomaton::build(|| &self.literals, dfa)?)
        };
        Ok(Prefilter {
            automaton,
            owners: self.owners,
            slots: self.slots as usize,
        })
    }
}

/// The compiled prefix automaton of all patterns of a policy.
#[derive(Debug, Default)]
pub(crate) struct Prefilter {
    automaton: Option<LiteralAutomaton>,
    owners: Vec<u32>,
    slots: usize,
}

impl Prefilter {
    /// For each slot, whether one of its prefixes occurs in `text`.
    pub fn candidates(&self, text: &str) -> Vec<bool> {
        let mut candidates = vec![false; self.slots];
        if let Some(automaton) = &self.automaton {
            automaton.for_each_match(text.as_bytes(), |literal, _| {
                if let Some(&owner) = self.owners.get(literal) {
                    candidates[owner as usize] = true;
                }
            });
        }
        candidates
    }
}

/// Whether `slot` is a candidate in a result of [`Prefilter::candidates`].
pub(crate) fn is_candidate(candidates: &[bool], slot: PrefilterSlot) -> bool {
    candidates.get(slot.0 as usize).copied().unwrap_or(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(pattern: &str) -> Hir {
        regex_syntax::parse(pattern).unwrap_or_else(|error| panic!("{error}"))
    }

    #[test]
    fn patterns_with_prefixes_are_skipped_when_no_prefix_occurs() {
        let mut builder = PrefilterBuilder::default();
        let ticket = builder.register(&parse(r"\bLUM-\d+"));
        let phone = builder.register(&parse(r"(?:\+49|0)\d{3,}"));
        let anything = builder.register(&parse(r"\w+"));
        assert!(ticket.is_some() && phone.is_some());
        assert_eq!(anything, None);
        let prefilter = builder.build().unwrap_or_default();
        let candidates = prefilter.candidates("Ruf an: 040 1234, Ticket folgt");
        assert_eq!(
            ticket.map(|slot| is_candidate(&candidates, slot)),
            Some(false)
        );
        assert_eq!(
            phone.map(|slot| is_candidate(&candidates, slot)),
            Some(true)
        );
    }
}
