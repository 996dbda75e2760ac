//! Byte offsets (what Rust slices by) to UTF-16 offsets (what JavaScript
//! slices by).
//!
//! A check converts a handful of offsets per finding. Instead of counting
//! from the start of the text for each one, the offsets are collected,
//! sorted, and converted in a single walk over the text.

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
        if offsets.is_empty() {
            return Utf16Offsets::default();
        }
        offsets.sort_unstable();
        offsets.dedup();
        let mut table = Vec::with_capacity(offsets.len());
        let mut wanted = offsets.into_iter().peekable();
        let mut units = 0;
        for (byte, c) in text.char_indices() {
            while let Some(&offset) = wanted.peek() {
                if offset > byte {
                    break;
                }
                table.push((offset, units));
                wanted.next();
            }
            units += c.len_utf16();
        }
        table.extend(wanted.map(|offset| (offset, units)));
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

#[cfg(test)]
mod tests {
    use super::*;

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
