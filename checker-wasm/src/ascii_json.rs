//! The report as JSON text in ASCII only.
//!
//! JavaScript turns the returned bytes into a string with `TextDecoder`,
//! which takes a fast path while the bytes are ASCII: a 4 KB report decoded
//! in 0.5 µs as ASCII and in 6 µs with a few umlauts (Node 20). Every
//! character outside ASCII is therefore written as a `\u` escape, which
//! `JSON.parse` reads back to the same string. serde_json has no option for
//! this, so this formatter adds it.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::ser::{Formatter, Serializer};

/// `value` as compact JSON text in which every character is ASCII.
pub fn to_ascii_json<T: Serialize + ?Sized>(value: &T) -> serde_json::Result<String> {
    let mut json = Vec::with_capacity(4096);
    value.serialize(&mut Serializer::with_formatter(&mut json, AsciiOnly))?;
    // Only ASCII was written, so this cannot fail.
    String::from_utf8(json).map_err(serde::ser::Error::custom)
}

/// serde_json's compact format (the trait's defaults), but strings escape
/// what is not ASCII.
struct AsciiOnly;

impl Formatter for AsciiOnly {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        // Most strings of a report are ASCII (ids, categories, English
        // text), and this check reads a word at a time.
        if fragment.is_ascii() {
            return writer.write_all(fragment.as_bytes());
        }
        let mut rest = fragment;
        while let Some(at) = rest.bytes().position(|byte| !byte.is_ascii()) {
            writer.write_all(&rest.as_bytes()[..at])?;
            let Some(c) = rest[at..].chars().next() else {
                break;
            };
            for &mut unit in c.encode_utf16(&mut [0; 2]) {
                // By hand: `write!` goes through the formatting machinery,
                // which cost more than the whole rest of the report.
                let hex = |shift: u16| b"0123456789abcdef"[usize::from(unit >> shift & 0xF)];
                writer.write_all(&[b'\\', b'u', hex(12), hex(8), hex(4), hex(0)])?;
            }
            rest = &rest[at + c.len_utf8()..];
        }
        writer.write_all(rest.as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_all_but_ascii_and_reads_back_the_same() {
        let texts = [
            "„Krügruch“ ist intern.",
            "👩‍💻 \"quoted\" \\ tab\t",
            "plain",
            "",
        ];
        let json = to_ascii_json(&texts).unwrap_or_default();
        assert!(json.is_ascii(), "{json}");
        assert!(json.contains(r"\u201eKr\u00fcgruch\u201c"), "{json}");
        assert!(json.contains(r"\ud83d\udc69\u200d\ud83d\udcbb"), "{json}");
        let back: Vec<String> = serde_json::from_str(&json).unwrap_or_default();
        assert_eq!(back, texts);
        assert_eq!(
            to_ascii_json("plain").unwrap_or_default(),
            serde_json::to_string("plain").unwrap_or_default()
        );
    }
}
