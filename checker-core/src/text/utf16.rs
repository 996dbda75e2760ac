//! The one converter between byte offsets (what Rust slices by) and UTF-16
//! offsets (what JavaScript slices by).
//!
//! **Rounding, once for both directions:** an offset that falls inside a
//! character (a byte inside a UTF-8 sequence, or the second unit of a
//! surrogate pair) stands for the character boundary *after* it, and an
//! offset past the end for the end. So a converted span never splits a
//! character, and converting never panics.
//!
//! A check converts a handful of offsets per finding. Instead of counting
//! from the start of the text for each one, [`Utf16Offsets`] collects them,
//! sorts them, and converts them in a single pass that counts the characters
//! between them. [`utf16_offset`] and [`byte_offset`] convert one offset,
//! for the evaluation and the CLI (through [`crate::Span`]).

/// Converts a set of byte offsets of one text to UTF-16 code-unit offsets.
#[derive(Debug, Default)]
pub(crate) struct Utf16Offsets {
    /// `(byte offset, utf-16 offset)`, sorted by byte offset.
    table: Vec<(usize, usize)>,
}

impl Utf16Offsets {
    /// Prepares conversion of `offsets` (any order, duplicates allowed).
    /// Offsets beyond the text or inside a character convert to the next
    /// character boundary.
    pub fn new(text: &str, mut offsets: Vec<usize>) -> Utf16Offsets {
        offsets.sort_unstable();
        offsets.dedup();
        let mut table = Vec::with_capacity(offsets.len());
        let (mut counted, mut units) = (0, 0);
        for offset in offsets {
            let boundary = next_boundary(text, offset);
            units += utf16_len(text.get(counted..boundary).unwrap_or_default());
            counted = boundary;
            table.push((offset, units));
        }
        Utf16Offsets { table }
    }

    /// The UTF-16 offset of a byte offset passed to [`Utf16Offsets::new`].
    pub fn get(&self, byte: usize) -> usize {
        match self.table.binary_search_by_key(&byte, |&(b, _)| b) {
            Ok(index) => self.table[index].1,
            // Not registered: fall back to the next registered offset so the
            // result stays monotonic (never happens for engine offsets).
            Err(index) => self.table.get(index).map_or_else(
                || self.table.last().map_or(0, |&(_, units)| units),
                |&(_, units)| units,
            ),
        }
    }
}

/// The UTF-16 offset of the byte offset `byte` of `text`.
pub(crate) fn utf16_offset(text: &str, byte: usize) -> usize {
    utf16_len(text.get(..next_boundary(text, byte)).unwrap_or(text))
}

/// The byte offset of the UTF-16 offset `utf16` of `text`: the first
/// character boundary at or after it, or the end of the text.
pub(crate) fn byte_offset(text: &str, utf16: usize) -> usize {
    let mut units = 0;
    for (byte, character) in text.char_indices() {
        if units >= utf16 {
            return byte;
        }
        units += character.len_utf16();
    }
    text.len()
}

/// The first character boundary at or after `byte`, clamped to the text.
fn next_boundary(text: &str, byte: usize) -> usize {
    let mut boundary = byte.min(text.len());
    while !text.is_char_boundary(boundary) {
        boundary += 1;
    }
    boundary
}

/// The UTF-16 length of `text`: a code unit per character, two for those
/// of four UTF-8 bytes. Counting characters (the standard library's count
/// reads a machine word at a time) is cheaper than decoding them.
fn utf16_len(text: &str) -> usize {
    let four_byte = text.bytes().filter(|&byte| byte >= 0xF0).count();
    text.chars().count() + four_byte
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        #[test]
        fn converts_any_offset_as_encode_utf16_counts_up_to_the_next_boundary(
            text in "\\PC{0,30}",
            offsets in proptest::collection::vec(0usize..130, 0..8),
        ) {
            let converted = Utf16Offsets::new(&text, offsets.clone());
            for offset in offsets {
                let mut boundary = offset.min(text.len());
                while !text.is_char_boundary(boundary) {
                    boundary += 1;
                }
                let expected = text[..boundary].encode_utf16().count();
                prop_assert_eq!(converted.get(offset), expected);
                prop_assert_eq!(utf16_offset(&text, offset), expected);
            }
        }

        /// `byte_offset` gives the first boundary whose UTF-16 offset is at
        /// least the one asked for, the same rounding as the other direction.
        #[test]
        fn byte_offset_is_the_first_boundary_at_or_after_any_utf16_offset(
            text in "\\PC{0,30}",
            utf16 in 0usize..70,
        ) {
            let expected = text
                .char_indices()
                .map(|(byte, _)| byte)
                .chain([text.len()])
                .find(|&byte| text[..byte].encode_utf16().count() >= utf16)
                .unwrap_or(text.len());
            let byte = byte_offset(&text, utf16);
            prop_assert_eq!(byte, expected);
            prop_assert!(text.is_char_boundary(byte));
        }

        /// Both directions are inverse on boundaries.
        #[test]
        fn round_trips_every_character_boundary(text in "\\PC{0,30}") {
            for byte in text.char_indices().map(|(byte, _)| byte).chain([text.len()]) {
                prop_assert_eq!(byte_offset(&text, utf16_offset(&text, byte)), byte);
            }
        }
    }

    #[test]
    fn counts_surrogate_pairs_as_two_units() {
        let text = "a😀b€c";
        let offsets = Utf16Offsets::new(text, vec![0, 1, 5, 6, 9, 10]);
        assert_eq!(offsets.get(0), 0);
        assert_eq!(offsets.get(1), 1);
        assert_eq!(offsets.get(5), 3);
        assert_eq!(offsets.get(6), 4);
        assert_eq!(offsets.get(9), 5);
        assert_eq!(offsets.get(10), 6);
    }

    #[test]
    fn an_offset_inside_a_character_stands_for_the_boundary_after_it() {
        let text = "a😀b";
        // UTF-16 unit 2 is the low surrogate of 😀; bytes 2..5 are inside it.
        assert_eq!(byte_offset(text, 2), 5);
        assert_eq!(byte_offset(text, 1), 1);
        assert_eq!(byte_offset(text, 99), text.len());
        for byte in 2..5 {
            assert_eq!(utf16_offset(text, byte), 3);
        }
        assert_eq!(utf16_offset(text, 99), 4);
    }

    #[test]
    fn agrees_with_encode_utf16_on_zwj_sequences_and_combining_marks() {
        let text = "👩‍👩‍👧 U\u{0308}ber\r\nx";
        let boundaries: Vec<usize> = text
            .char_indices()
            .map(|(i, _)| i)
            .chain([text.len()])
            .collect();
        let offsets = Utf16Offsets::new(text, boundaries.clone());
        for byte in boundaries {
            assert_eq!(offsets.get(byte), text[..byte].encode_utf16().count());
        }
    }
}
