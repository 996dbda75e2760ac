//! One pass that tells where regular expressions can match.
//!
//! Most patterns in a policy start with a fixed piece of text (`LUM-`,
//! `intranet.`), and so do the `secret` kind's searches (`AKIA`,
//! `-----BEGIN `). Their prefix literals are extracted at compile time
//! (`regex-syntax`'s literal extractor) and put into one Aho-Corasick
//! automaton. A check runs that automaton once over the text; a pattern is
//! then tried only where one of its prefixes starts, and not at all when
//! none occurs. Patterns without a finite set of prefixes search the whole
//! text. The regex engines have their own prefilters, but only per pattern:
//! with hundreds of patterns, one shared pass is what keeps check time flat.

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
        })
    }
}

/// The compiled prefix automaton of all patterns of a policy.
#[derive(Debug, Default)]
pub(crate) struct Prefilter {
    automaton: Option<LiteralAutomaton>,
    owners: Vec<u32>,
}

impl Prefilter {
    /// Where the prefixes of each registered pattern start in `text`.
    pub fn prefix_starts(&self, text: &str) -> PrefixStarts {
        let mut found = Vec::new();
        if let Some(automaton) = &self.automaton {
            automaton.for_each_match(text.as_bytes(), |literal, occurrence| {
                if let Some(&owner) = self.owners.get(literal) {
                    found.push((owner, occurrence.start));
                }
            });
        }
        found.sort_unstable();
        found.dedup();
        let (slots, starts) = found.into_iter().unzip();
        PrefixStarts { slots, starts }
    }
}

/// Where the prefixes of each registered pattern start in one text: every
/// match of the pattern starts at one of them.
#[derive(Debug, Default)]
pub(crate) struct PrefixStarts {
    /// The slot of each entry of `starts`, ascending.
    slots: Vec<u32>,
    /// Byte offsets, ascending within a slot.
    starts: Vec<usize>,
}

impl PrefixStarts {
    /// The offsets where a prefix of `slot`'s pattern starts, ascending,
    /// each once.
    pub fn of(&self, slot: PrefilterSlot) -> &[usize] {
        let first = self.slots.partition_point(|&owner| owner < slot.0);
        let end = self.slots.partition_point(|&owner| owner <= slot.0);
        &self.starts[first..end]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(pattern: &str) -> Hir {
        regex_syntax::parse(pattern).unwrap_or_else(|error| panic!("{error}"))
    }

    #[test]
    fn tells_where_each_pattern_can_start() {
        let mut builder = PrefilterBuilder::default();
        let ticket = builder.register(&parse(r"\bLUM-\d+"));
        let phone = builder.register(&parse(r"(?:\+49|0)\d{3,}"));
        let anything = builder.register(&parse(r"\w+"));
        assert_eq!(anything, None);
        let (Some(ticket), Some(phone)) = (ticket, phone) else {
            panic!("both patterns have prefixes");
        };
        let prefilter = builder.build().unwrap_or_default();
        let starts = prefilter.prefix_starts("Ruf an: 040 1234, Ticket folgt");
        assert_eq!(starts.of(ticket), [] as [usize; 0]);
        assert_eq!(starts.of(phone), [8, 10]);
    }
}
