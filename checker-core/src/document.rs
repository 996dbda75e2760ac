//! The text under check, with views computed once and shared by all rules.
//!
//! The engine builds one `Document` per check. Rule kinds read the original
//! text and the views they need; views are computed lazily, at most once.

use std::cell::OnceCell;

use crate::text::lexicon::{matches_of, Lexicon, ListId, TermMatch};
use crate::text::normalize::Normalized;
use crate::text::prefilter::{Prefilter, PrefilterSlot, PrefixStarts};
use crate::text::urls::{find_urls, Url};

/// A text being checked.
#[derive(Debug)]
pub(crate) struct Document<'t> {
    /// The text exactly as the employee wrote it. Hit ranges are byte ranges
    /// into this string and must lie on char boundaries.
    pub text: &'t str,
    lexicon: Option<&'t Lexicon>,
    prefilter: Option<&'t Prefilter>,
    prefix_starts: OnceCell<PrefixStarts>,
    normalized: OnceCell<Normalized>,
    term_matches: OnceCell<Vec<TermMatch>>,
    sentence_starts: OnceCell<Vec<usize>>,
    word_starts: OnceCell<Vec<usize>>,
    urls: OnceCell<Vec<Url>>,
}

impl<'t> Document<'t> {
    /// A document without term lists (for kinds that only read the text).
    pub fn new(text: &'t str) -> Document<'t> {
        Document {
            text,
            lexicon: None,
            prefilter: None,
            prefix_starts: OnceCell::new(),
            normalized: OnceCell::new(),
            term_matches: OnceCell::new(),
            sentence_starts: OnceCell::new(),
            word_starts: OnceCell::new(),
            urls: OnceCell::new(),
        }
    }

    /// A document whose term lists are matched by `lexicon` and whose
    /// patterns are prefiltered by `prefilter`.
    pub fn with_matchers(
        text: &'t str,
        lexicon: &'t Lexicon,
        prefilter: &'t Prefilter,
    ) -> Document<'t> {
        Document {
            lexicon: Some(lexicon),
            prefilter: Some(prefilter),
            ..Document::new(text)
        }
    }

    /// Where a match of the pattern registered as `slot` can start: where
    /// one of its prefixes does. `None` for a document without a prefilter.
    pub fn prefix_starts(&self, slot: PrefilterSlot) -> Option<&[usize]> {
        let prefilter = self.prefilter?;
        let starts = self
            .prefix_starts
            .get_or_init(|| prefilter.prefix_starts(self.text));
        Some(starts.of(slot))
    }

    /// The text folded for term matching (see [`Normalized`]).
    pub fn normalized(&self) -> &Normalized {
        self.normalized.get_or_init(|| Normalized::new(self.text))
    }

    /// The URLs in the text (see [`find_urls`]), found once for all rules
    /// that skip, count or check links.
    pub fn urls(&self) -> &[Url] {
        self.urls.get_or_init(|| find_urls(self.text))
    }

    /// The occurrences of the terms of `list`, sorted by start, longest
    /// first. Overlapping occurrences are all reported.
    pub fn term_matches(&self, list: ListId) -> &[TermMatch] {
        let all = self.term_matches.get_or_init(|| {
            let mut found = Vec::new();
            if let Some(lexicon) = self.lexicon {
                lexicon.find(self.normalized(), &mut found);
            }
            found
        });
        matches_of(all, list)
    }

    /// Index of the sentence containing byte `offset`. A sentence ends after
    /// `.`, `!`, `?` or `…` followed by white space, and at line breaks.
    pub fn sentence_index(&self, offset: usize) -> usize {
        let starts = self.sentence_starts.get_or_init(|| {
            let mut starts = vec![0];
            let mut previous_ends_sentence = false;
            for (index, c) in self.text.char_indices() {
                let breaks = c == '\n' || (previous_ends_sentence && c.is_whitespace());
                if breaks {
                    starts.push(index + c.len_utf8());
                }
                previous_ends_sentence = matches!(c, '.' | '!' | '?' | '…');
            }
            starts
        });
        starts
            .partition_point(|&start| start <= offset)
            .saturating_sub(1)
    }

    /// Index of the word containing (or preceding) byte `offset`; words are
    /// runs of letters and digits.
    pub fn word_index(&self, offset: usize) -> usize {
        let starts = self.word_starts.get_or_init(|| {
            let mut starts = Vec::new();
            let mut in_word = false;
            for (index, c) in self.text.char_indices() {
                let word = c.is_alphanumeric();
                if word && !in_word {
                    starts.push(index);
                }
                in_word = word;
            }
            starts
        });
        starts.partition_point(|&start| start <= offset)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_end_at_punctuation_with_space_and_at_line_breaks() {
        let doc = Document::new("Hallo Welt. Zweiter Satz\nDritter 3.5 Satz");
        assert_eq!(doc.sentence_index(0), 0);
        assert_eq!(doc.sentence_index(12), 1);
        assert_eq!(doc.sentence_index(26), 2);
        assert_eq!(doc.sentence_index(36), 2);
    }

    #[test]
    fn words_are_counted_across_umlauts() {
        let doc = Document::new("Über die Übernahme");
        assert_eq!(doc.word_index(0), 1);
        assert_eq!(doc.word_index(doc.text.len() - 1), 3);
    }
}
