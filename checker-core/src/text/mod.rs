//! Text processing shared by all rules: where text splits (words,
//! sentences, digit runs), folding for term matching, the shared term
//! automaton, UTF-16 offsets, finding URLs, and counting length as X does.

pub(crate) mod lexicon;
pub(crate) mod literal_automaton;
pub(crate) mod normalize;
pub(crate) mod prefilter;
pub(crate) mod scan;
pub(crate) mod segment;
pub(crate) mod urls;
pub(crate) mod utf16;
pub(crate) mod x_count;
