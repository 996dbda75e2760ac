//! The text under check, with views computed once and shared by all rules.
//!
//! The engine builds one `Document` per check. Rule kinds read the original
//! text and the views they need; views are computed lazily, at most once.
//! It is the only place where a check splits text: rules and `when`
//! conditions ask it for sentences, words and digit runs, whose one
//! definition is in [`crate::text::segment`].

use std::cell::OnceCell;
use std::ops::Range;

use crate::text::lexicon::{matches_of, Lexicon, ListId, TermMatch};
use crate::text::normalize::Normalized;
use crate::text::prefilter::{Prefilter, PrefilterSlot, PrefixStarts};
use crate::text::segment;
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
    sentences: OnceCell<Vec<Range<usize>>>,
    words: OnceCell<Vec<Range<usize>>>,
    digit_starts: OnceCell<Vec<usize>>,
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
            sentences: OnceCell::new(),
            words: OnceCell::new(),
            digit_starts: OnceCell::new(),
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

    /// The occurrences of the terms of `list` that do not lie inside an
    /// occurrence of a term of `exceptions`, in the order of
    /// [`Document::term_matches`]. One pass over both sorted lists.
    pub fn term_matches_outside(
        &self,
        list: ListId,
        exceptions: Option<ListId>,
    ) -> impl Iterator<Item = &TermMatch> {
        let excepted = exceptions.map_or(&[][..], |exceptions| self.term_matches(exceptions));
        let mut next_exception = 0;
        // The furthest end among the exceptions starting at or before the
        // current match's start.
        let mut reach = 0;
        self.term_matches(list).iter().filter(move |found| {
            while let Some(exception) = excepted
                .get(next_exception)
                .filter(|exception| exception.range.start <= found.range.start)
            {
                reach = reach.max(exception.range.end);
                next_exception += 1;
            }
            !(next_exception > 0 && reach >= found.range.end)
        })
    }

    /// The sentences, trimmed, in order (see [`segment::sentences`]).
    pub fn sentences(&self) -> &[Range<usize>] {
        self.sentences.get_or_init(|| segment::sentences(self.text))
    }

    /// The sentences that start in `range`; every sentence lies within one
    /// line, so for a line these are its sentences.
    pub fn sentences_in(&self, range: Range<usize>) -> &[Range<usize>] {
        let sentences = self.sentences();
        let first = sentences.partition_point(|sentence| sentence.start < range.start);
        let end = sentences.partition_point(|sentence| sentence.start < range.end);
        &sentences[first..end.max(first)]
    }

    /// Index of the sentence containing byte `offset` (or, between
    /// sentences, of the one before it).
    pub fn sentence_index(&self, offset: usize) -> usize {
        self.sentences()
            .partition_point(|sentence| sentence.start <= offset)
            .saturating_sub(1)
    }

    /// The words, in order (see [`segment::words`]).
    pub fn words(&self) -> &[Range<usize>] {
        self.words.get_or_init(|| segment::words(self.text))
    }

    /// The words lying within `range`.
    pub fn words_in(&self, range: Range<usize>) -> &[Range<usize>] {
        let words = self.words();
        let first = words.partition_point(|word| word.start < range.start);
        let end = words.partition_point(|word| word.end <= range.end);
        &words[first..end.max(first)]
    }

    /// How many words start at or before byte `offset`: the index (from 1)
    /// of the word containing or preceding it.
    pub fn word_index(&self, offset: usize) -> usize {
        self.words().partition_point(|word| word.start <= offset)
    }

    /// Where the runs of ASCII digits start, in order: the phone, IBAN and
    /// card detectors share one scan for them.
    pub fn digit_starts(&self) -> &[usize] {
        self.digit_starts
            .get_or_init(|| segment::digit_run_starts(self.text))
    }

    /// The first start of a run of digits at or after `from`.
    pub fn next_digit_run(&self, from: usize) -> Option<usize> {
        let starts = self.digit_starts();
        starts
            .get(starts.partition_point(|&start| start < from))
            .copied()
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::text::lexicon::{LexiconBuilder, MatchMode, TermOptions};

    #[test]
    fn sentences_end_at_punctuation_with_space_and_at_line_breaks() {
        let doc = Document::new("Hallo Welt. Zweiter Satz\nDritter 3.5 Satz");
        assert_eq!(doc.sentence_index(0), 0);
        assert_eq!(doc.sentence_index(12), 1);
        assert_eq!(doc.sentence_index(26), 2);
        assert_eq!(doc.sentence_index(36), 2);
    }

    #[test]
    fn sentences_in_a_line_and_digit_runs() {
        let doc = Document::new("Eins. Zwei!\nDrei 040 1234567");
        assert_eq!(doc.sentences_in(0..12).len(), 2);
        assert_eq!(
            &doc.text[doc.sentences_in(12..doc.text.len())[0].clone()],
            "Drei 040 1234567"
        );
        assert_eq!(doc.sentences_in(12..doc.text.len()).len(), 1);
        assert_eq!(doc.digit_starts(), [17, 21]);
        assert_eq!(doc.next_digit_run(18), Some(21));
        assert_eq!(doc.next_digit_run(22), None);
        let words: Vec<&str> = doc
            .words_in(5..12)
            .iter()
            .map(|word| &doc.text[word.clone()])
            .collect();
        assert_eq!(words, ["Zwei"]);
    }

    fn lexicon_of(lists: &[&[&str]]) -> (Lexicon, Vec<ListId>) {
        let mut builder = LexiconBuilder::default();
        let options = TermOptions {
            mode: MatchMode::Compound,
            case_sensitive: false,
        };
        let ids = lists
            .iter()
            .map(|terms| {
                let id = builder.new_list(terms.len(), 0);
                for term in *terms {
                    let _ = builder.add(id, term, options, false);
                }
                id
            })
            .collect();
        (builder.build().unwrap_or_default(), ids)
    }

    proptest! {
        #[test]
        fn matches_outside_exceptions_are_those_no_exception_covers(text in "[ab ]{0,40}") {
            let (lexicon, ids) = lexicon_of(&[&["a", "ab", "b a", "bb"], &["a b", "ba", "bab", "aa"]]);
            let prefilter = Prefilter::default();
            let doc = Document::with_matchers(&text, &lexicon, &prefilter);
            let outside: Vec<&TermMatch> = doc.term_matches_outside(ids[0], Some(ids[1])).collect();
            let plain: Vec<&TermMatch> = doc
                .term_matches(ids[0])
                .iter()
                .filter(|found| {
                    !doc.term_matches(ids[1]).iter().any(|exception| {
                        exception.range.start <= found.range.start
                            && found.range.end <= exception.range.end
                    })
                })
                .collect();
            prop_assert_eq!(outside, plain);
            let all: Vec<&TermMatch> = doc.term_matches_outside(ids[0], None).collect();
            prop_assert_eq!(all.len(), doc.term_matches(ids[0]).len());
        }
    }

    #[test]
    fn words_are_counted_across_umlauts() {
        let doc = Document::new("Über die Übernahme");
        assert_eq!(doc.word_index(0), 1);
        assert_eq!(doc.word_index(doc.text.len() - 1), 3);
    }
}
