//! Text processing shared by all rules: folding for term matching, the
//! shared term automaton, and UTF-16 offsets.

pub(crate) mod lexicon;
pub(crate) mod normalize;
pub(crate) mod prefilter;
pub(crate) mod utf16;
