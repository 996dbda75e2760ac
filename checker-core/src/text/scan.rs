//! Byte-level scanning, behind small APIs: the shortcuts that let rules
//! skip to where their subject can be without reading every character.
//! Each is property-tested against the plain loop it replaces. Rules ask
//! these (or [`Document`](crate::document::Document)) and never handle
//! bytes in machine words themselves.

/// The first ASCII digit in `bytes` at or after `from`.
///
/// Phone numbers, IBANs and card numbers all hold digits, which are rare in
/// prose, so those detectors skip from digit to digit. `memchr` finds given
/// bytes, not a range of them, and a byte loop takes about six
/// instructions a byte; this tests eight bytes at once with
/// [`ascii_range_mask`].
pub(crate) fn next_digit(bytes: &[u8], from: usize) -> Option<usize> {
    let rest = bytes.get(from..)?;
    let mut chunks = rest.chunks_exact(8);
    let mut offset = from;
    for chunk in &mut chunks {
        let mut word = [0; 8];
        word.copy_from_slice(chunk);
        let digits = ascii_range_mask(u64::from_le_bytes(word), b'0', b'9');
        if digits != 0 {
            return Some(offset + (digits.trailing_zeros() / 8) as usize);
        }
        offset += 8;
    }
    chunks
        .remainder()
        .iter()
        .position(u8::is_ascii_digit)
        .map(|index| offset + index)
}

/// The high bit of every byte of a `u64`.
const HIGH_BITS: u64 = u64::from_le_bytes([0x80; 8]);

/// The high bit of each byte of `word` (eight bytes of text, little-endian)
/// that lies in `first..=last`, two ASCII bytes. Integer arithmetic tests
/// the eight at once, which WebAssembly runs as fast as native code, where
/// SIMD would not be available.
pub(crate) fn ascii_range_mask(word: u64, first: u8, last: u8) -> u64 {
    const ONES: u64 = u64::from_le_bytes([1; 8]);
    // Per byte, without carries between bytes (each low seven bits plus at
    // most 0x80 stays below 0x100): the high bit of `low + 0x80 - first` is
    // set when the low seven bits are at least `first`, that of
    // `low + 0x80 - last - 1` when they are past `last`; bytes of 0x80 and
    // above are outside any ASCII range.
    let low = word & !HIGH_BITS;
    let at_least_first = low + ONES * u64::from(0x80 - first);
    let past_last = low + ONES * u64::from(0x80 - last - 1);
    at_least_first & !past_last & !word & HIGH_BITS
}

/// An upper bound on the runs of capitals in `text`, from its bytes: a run
/// of ASCII letters alone has two ASCII capitals in a row, and a run with
/// any other letter has a character outside ASCII for which `may_be_capital`
/// holds.
///
/// Eight bytes are read at once, as one `u64` of bit masks, because the
/// shouting rule runs this over every line of every post: a byte loop cost
/// more than all the other detectors' gates together.
pub(crate) fn capital_runs_bound(text: &str, may_be_capital: impl Fn(char) -> bool) -> usize {
    let bytes = text.as_bytes();
    let mut bound = 0;
    // The capitals of the previous and current eight bytes: the high bit of
    // each byte that is an ASCII capital.
    let (mut previous, mut current) = (0, 0);
    let mut read = |index: usize, word: u64| {
        let next = ascii_range_mask(word, b'A', b'Z');
        // Byte i is a capital, byte i + 1 is one and byte i - 1 is not.
        let after = current >> 8 | next << 56;
        let before = current << 8 | previous >> 56;
        let starts: u64 = current & after & !before;
        if starts != 0 {
            bound += starts.count_ones() as usize;
        }
        (previous, current) = (current, next);
        // Lead bytes (0b11xxxxxx) of characters outside ASCII: decode each.
        let mut leads = word & word << 1 & HIGH_BITS;
        while leads != 0 {
            let at = index * 8 + (leads.trailing_zeros() / 8) as usize;
            leads &= leads - 1;
            if text
                .get(at..)
                .and_then(|rest| rest.chars().next())
                .is_some_and(&may_be_capital)
            {
                bound += 1;
            }
        }
    };
    let chunks = bytes.chunks_exact(8);
    let rest = chunks.remainder();
    let full_chunks = chunks.len();
    for (index, chunk) in chunks.enumerate() {
        let mut word = [0; 8];
        word.copy_from_slice(chunk);
        read(index, u64::from_le_bytes(word));
    }
    let mut last = [0; 8];
    last[..rest.len()].copy_from_slice(rest);
    read(full_chunks, u64::from_le_bytes(last));
    // Zeros after the end let the last bytes see a next byte too.
    read(full_chunks + 1, 0);
    bound
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        #[test]
        fn the_range_mask_marks_exactly_the_bytes_in_the_range(
            bytes in prop::array::uniform8(any::<u8>()),
            (first, last) in (0u8..0x80).prop_flat_map(|first| (Just(first), first..0x80)),
        ) {
            let mask = ascii_range_mask(u64::from_le_bytes(bytes), first, last);
            for (index, byte) in bytes.iter().enumerate() {
                let marked = mask >> (index * 8 + 7) & 1 == 1;
                prop_assert_eq!(marked, (first..=last).contains(byte));
            }
        }

        #[test]
        fn next_digit_finds_the_first_digit(
            bytes in prop::collection::vec(prop::sample::select(
                vec![b'0', b'5', b'9', b'/', b':', b'a', b' ', 0xB0, 0xB9, 0xC3, 0x30 | 0x80]
            ), 0..40),
            from in 0usize..45,
        ) {
            let bytewise = bytes
                .get(from..)
                .and_then(|rest| rest.iter().position(u8::is_ascii_digit))
                .map(|index| from + index);
            prop_assert_eq!(next_digit(&bytes, from), bytewise);
        }

        #[test]
        fn the_capital_runs_bound_counts_ascii_capital_pairs_exactly(line in "[A-Za-z .]{0,40}") {
            let plain = line
                .as_bytes()
                .windows(2)
                .enumerate()
                .filter(|&(index, pair)| {
                    pair.iter().all(u8::is_ascii_uppercase)
                        && (index == 0 || !line.as_bytes()[index - 1].is_ascii_uppercase())
                })
                .count();
            prop_assert_eq!(capital_runs_bound(&line, |_| false), plain);
        }
    }
}
