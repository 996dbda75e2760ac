//! Byte offsets (what Rust slices by) to UTF-16 offsets (what JavaScript
//! slices by).
//!
//! A check converts a handful of offsets per finding. Instead of counting
//! from the start of the text for each one, the offsets are collected,
//! sorted, and converted in a single pass that counts the characters
//! between them.

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
            let mut boundary = offset.min(text.len());
            while !text.is_char_boundary(boundary) {
                boundary += 1;
            }
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
                prop_assert_eq!(converted.get(offset), text[..boundary].encode_utf16().count());
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
