//! X's weighted length, as twitter-text counts it with configuration v3.
//!
//! 1. The text is normalised to NFC first, so `A` + combining acute counts
//!    as one `Á`.
//! 2. Every link X shortens (see [`crate::text::urls`]) weighs 23, however
//!    long it is.
//! 3. A whole emoji sequence (ZWJ sequence, skin tone, flag, keycap, tag
//!    sequence, emoji with variation selector) weighs 2.
//! 4. Any other code point weighs 1 in the ranges U+0000–U+10FF,
//!    U+2000–U+200D, U+2010–U+201F and U+2032–U+2037 (Latin, Greek,
//!    Cyrillic, common punctuation …) and 2 elsewhere (CJK, emoji …).
//!
//! Weights are kept scaled by 100 as in the configuration file, so the
//! numbers match twitter-text's exactly.
//!
//! Emoji sequences are detected on extended grapheme clusters
//! (`unicode-segmentation`, UAX #29): its rules are the ones that keep ZWJ
//! sequences, modifiers, flags, keycaps and tag sequences together. Within a
//! cluster, the sequence is the emoji character (`unicode-properties`,
//! `Emoji=Yes`) followed by the structural parts UTS #51 defines (VS16,
//! skin-tone modifiers, tags, keycap, regional indicators, ZWJ + emoji).
//! Following the structure rather than a fixed list of known emoji means new
//! emoji count right without a data update. A single code point is weighed
//! by its range, which gives 2 for every emoji with emoji presentation.

use std::borrow::Cow;
use std::ops::{Range, RangeInclusive};

use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};
use unicode_properties::UnicodeEmoji;
use unicode_segmentation::UnicodeSegmentation;

use crate::text::urls::find_urls;

/// X's limit for a post, in weighted characters.
pub const X_POST_LIMIT: usize = 280;

/// Weights are in hundredths of a character, as in twitter-text's config.
const SCALE: usize = 100;
const DEFAULT_WEIGHT: usize = 200;
const LIGHT_WEIGHT: usize = 100;
const LIGHT_RANGES: [RangeInclusive<u32>; 4] = [0..=4351, 8192..=8205, 8208..=8223, 8242..=8247];
const URL_WEIGHT: usize = 23 * SCALE;
/// Characters X refuses in a post.
const INVALID_CHARACTERS: [char; 3] = ['\u{FFFE}', '\u{FEFF}', '\u{FFFF}'];

/// How X counts a text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct XCount {
    /// The count X shows, e.g. 281 (of 280).
    pub weighted_length: usize,
    /// The limit the count was made against.
    pub limit: usize,
    /// Byte offset in the original text where the part within the limit
    /// ends; the text's length when all of it fits.
    pub fits_until: usize,
    /// Byte offset of the first character X refuses (U+FFFE, U+FEFF,
    /// U+FFFF), if any.
    pub first_invalid: Option<usize>,
}

impl XCount {
    /// Whether X would accept the text: not empty, within the limit, no
    /// refused character.
    pub fn is_valid(&self) -> bool {
        self.weighted_length > 0
            && self.weighted_length <= self.limit
            && self.first_invalid.is_none()
    }

    /// Byte offset where the part X accepts ends: within the limit and
    /// before any refused character (twitter-text's "valid range").
    pub fn valid_until(&self) -> usize {
        self.first_invalid
            .map_or(self.fits_until, |invalid| invalid.min(self.fits_until))
    }
}

/// Counts `text` as X does, against a limit of `limit` weighted characters.
pub fn count_weighted(text: &str, limit: usize) -> XCount {
    let normalized = Normalized::new(text);
    let nfc = normalized.text.as_ref();
    let urls: Vec<Range<usize>> = find_urls(nfc)
        .into_iter()
        .filter(|url| url.shortened_on_x)
        .map(|url| url.range)
        .collect();
    let emoji: Vec<Range<usize>> = nfc
        .grapheme_indices(true)
        .filter_map(|(at, cluster)| emoji_sequence_length(cluster).map(|length| at..at + length))
        .collect();
    let mut urls = urls.iter().peekable();
    let mut emoji = emoji.iter().peekable();
    let scaled_limit = limit.saturating_mul(SCALE);

    let mut weight = 0usize;
    let mut offset = 0;
    let mut fits_until = 0;
    let mut first_invalid = None;
    while let Some(c) = nfc[offset..].chars().next() {
        // A URL or emoji sequence that began inside an earlier unit is gone.
        while urls.next_if(|url| url.start < offset).is_some() {}
        while emoji.next_if(|sequence| sequence.start < offset).is_some() {}
        let (unit_end, unit_weight) = if let Some(url) = urls.next_if(|url| url.start == offset) {
            (url.end, URL_WEIGHT)
        } else if let Some(sequence) = emoji.next_if(|sequence| sequence.start == offset) {
            (sequence.end, DEFAULT_WEIGHT)
        } else {
            (offset + c.len_utf8(), code_point_weight(c))
        };
        if first_invalid.is_none() && nfc[offset..unit_end].contains(INVALID_CHARACTERS) {
            first_invalid = Some(offset);
        }
        weight += unit_weight;
        if weight <= scaled_limit {
            fits_until = unit_end;
        }
        offset = unit_end;
    }
    XCount {
        weighted_length: weight / SCALE,
        limit,
        fits_until: normalized.to_original(fits_until),
        first_invalid: first_invalid.map(|at| normalized.to_original(at)),
    }
}

fn code_point_weight(c: char) -> usize {
    if LIGHT_RANGES
        .iter()
        .any(|range| range.contains(&u32::from(c)))
    {
        LIGHT_WEIGHT
    } else {
        DEFAULT_WEIGHT
    }
}

/// The byte length of the emoji sequence a grapheme cluster starts with, if
/// it is one of two or more code points.
fn emoji_sequence_length(cluster: &str) -> Option<usize> {
    let first = cluster.chars().next()?;
    if !first.is_emoji_char() {
        return None;
    }
    let mut end = first.len_utf8();
    let mut code_points = 1;
    let mut keycap = false;
    loop {
        let mut rest = cluster[end..].chars();
        match rest.next() {
            Some(
                c @ ('\u{FE0F}'
                | '\u{1F3FB}'..='\u{1F3FF}'
                | '\u{E0020}'..='\u{E007F}'
                | '\u{1F1E6}'..='\u{1F1FF}'),
            ) => {
                end += c.len_utf8();
            }
            Some(c @ '\u{20E3}') => {
                keycap = true;
                end += c.len_utf8();
            }
            Some(joiner @ '\u{200D}') => match rest.next() {
                Some(next) if next.is_emoji_char() => end += joiner.len_utf8() + next.len_utf8(),
                _ => break,
            },
            _ => break,
        }
        code_points += 1;
    }
    // Digits, `#` and `*` have the Emoji property, but are emoji only as keycaps.
    let is_sequence = code_points >= 2 && (keycap || !first.is_ascii());
    is_sequence.then_some(end)
}

/// The NFC form of a text, with a way back to offsets in the original.
struct Normalized<'t> {
    text: Cow<'t, str>,
    /// Pairs (offset in NFC text, offset in original) where both texts are
    /// at the same point, ascending, ending with both lengths. Empty when
    /// the text was NFC already.
    anchors: Vec<(usize, usize)>,
}

impl<'t> Normalized<'t> {
    fn new(text: &'t str) -> Normalized<'t> {
        if is_nfc_quick(text.chars()) == IsNormalized::Yes {
            return Normalized {
                text: Cow::Borrowed(text),
                anchors: Vec::new(),
            };
        }
        // Normalise segment by segment; a segment starts at a character that
        // nothing before it can combine with, so each normalises on its own.
        let mut nfc = String::with_capacity(text.len());
        let mut anchors = Vec::new();
        let mut segment_start = 0;
        for (at, c) in text.char_indices() {
            if at > segment_start && starts_segment(c) {
                anchors.push((nfc.len(), segment_start));
                nfc.extend(text[segment_start..at].nfc());
                segment_start = at;
            }
        }
        anchors.push((nfc.len(), segment_start));
        nfc.extend(text[segment_start..].nfc());
        anchors.push((nfc.len(), text.len()));
        Normalized {
            text: Cow::Owned(nfc),
            anchors,
        }
    }

    /// The original offset for an offset in the NFC text; inside a segment
    /// that normalisation changed, the segment's start.
    fn to_original(&self, offset: usize) -> usize {
        let following = self.anchors.partition_point(|&(nfc, _)| nfc <= offset);
        match following.checked_sub(1) {
            Some(index) => self.anchors[index].1,
            None => offset,
        }
    }
}

fn starts_segment(c: char) -> bool {
    canonical_combining_class(c) == 0 && is_nfc_quick(std::iter::once(c)) == IsNormalized::Yes
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn weighted(text: &str) -> usize {
        count_weighted(text, X_POST_LIMIT).weighted_length
    }

    #[test]
    fn weighs_latin_one_and_cjk_two() {
        assert_eq!(weighted("Hallo Welt, schönes Wochenende!"), 31);
        assert_eq!(weighted("Great news: we're hiring"), 24);
        assert_eq!(weighted("日本語"), 6);
        // 22 characters; only the ellipsis (U+2026) lies outside the light ranges.
        assert_eq!(weighted("Ärger – “quoted” … ‘x’"), 23);
    }

    #[test]
    fn weighs_each_link_23() {
        assert_eq!(
            weighted("Jobs: https://acme.com/jobs/senior-rust-engineer-remote-germany"),
            6 + 23
        );
        assert_eq!(weighted("Infos auf acme.de/karriere"), 10 + 23);
        // Without path, X leaves a bare German domain as text.
        assert_eq!(weighted("acme.de"), 7);
    }

    #[test]
    fn weighs_a_whole_emoji_sequence_two() {
        for emoji in ["👍", "👍🏽", "👩‍💻", "👨‍👩‍👧‍👦", "🇩🇪", "1️⃣", "#⃣", "❤️", "🏴󠁧󠁢󠁳󠁣󠁴󠁿"]
        {
            assert_eq!(weighted(emoji), 2, "{emoji}");
        }
        assert_eq!(weighted("Glückwunsch 🎉🎉"), 16);
        assert_eq!(weighted("1 # *"), 5, "digits alone are not emoji");
    }

    #[test]
    fn normalises_to_nfc_first() {
        assert_eq!(weighted("Cafe\u{301}"), 4);
        assert_eq!(weighted("Café"), 4);
    }

    #[test]
    fn finds_where_the_text_stops_fitting() {
        let text = format!("{}Überlänge", "x".repeat(278));
        let count = count_weighted(&text, X_POST_LIMIT);
        assert_eq!(count.weighted_length, 287);
        assert!(!count.is_valid());
        assert_eq!(&text[count.fits_until..], "erlänge");

        // With a decomposed Ü, the overflow still starts after the whole letter.
        let decomposed = format!("{}U\u{308}berlänge", "x".repeat(278));
        let count = count_weighted(&decomposed, X_POST_LIMIT);
        assert_eq!(&decomposed[count.fits_until..], "erlänge");
    }

    #[test]
    fn the_limit_is_a_parameter() {
        let text = "x".repeat(300);
        assert!(count_weighted(&text, 25_000).is_valid());
        assert_eq!(count_weighted(&text, 100).fits_until, 100);
    }

    proptest! {
        #[test]
        fn never_panics_and_offsets_lie_on_char_boundaries(text in "\\PC{0,300}|([a-z ]{0,5}(https://)?[a-z]{1,5}\\.(com|de)|\u{1F468}\u{200D}\u{1F469}|e\u{301}|\u{FEFF}){0,60}", limit in 0usize..400) {
            let count = count_weighted(&text, limit);
            prop_assert!(count.fits_until <= text.len() && text.is_char_boundary(count.fits_until));
            if let Some(invalid) = count.first_invalid {
                prop_assert!(invalid < text.len() && text.is_char_boundary(invalid));
            }
            prop_assert_eq!(count.fits_until == text.len(), count.weighted_length <= limit);
        }
    }
}
