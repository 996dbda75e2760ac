//! Folding text into the form that term lists are matched against, with a map
//! back to the original bytes.
//!
//! Employees rarely try to sneak a code name past the checker, but pasted
//! text often carries fullwidth letters, zero-width joiners or decomposed
//! umlauts, and a few people do write `0r1on` or `O r i o n`. Matching on the
//! raw text would miss all of that, so both the text and every term are
//! folded the same way:
//!
//! 1. The text is cut into segments: a character plus the combining marks
//!    that follow it. Each segment is NFKC-normalized, so fullwidth `Ｏ`
//!    becomes `O` and `U` + U+0308 becomes `Ü`. Marks left over after
//!    composition (stacked "Zalgo" decoration) are dropped.
//! 2. Format characters (zero-width space and joiners, soft hyphen, bidi
//!    controls, variation selectors, tags) are dropped without a trace.
//! 3. Letters are lower-cased. Umlauts and `ß` stay letters of their own.
//! 4. Look-alikes are mapped to what they imitate: Cyrillic and Greek
//!    letters by Unicode's confusables data (UTS #39, via `unicode-security`),
//!    and leetspeak `0→o 1→i 3→e 4→a 5→s 7→t @→a $→s`. `i`, `l` and `1` share
//!    one folded letter so that `1` can stand for either; [`NormChar::literal`]
//!    keeps the real letter so matchers can tell `fall` from `fail`.
//! 5. Separators (white space and punctuation such as `. - _ / ,`) are
//!    removed; the next character remembers that a gap preceded it. Matchers
//!    use the gaps as word boundaries, and accept a match with unexpected gaps
//!    only when every piece is a single character (`O r i o n - 7`).
//!
//! 6. In a hashtag or handle written in CamelCase, each capital that follows
//!    a small letter (or ends a run of capitals before a small letter)
//!    starts a new word: `#StreikBeiAcme` holds `Streik`, `Bei` and `Acme`.
//!    Ordinary words are not split: `McDonald` stays one word.
//!
//! Every folded character records the byte range of the original segment it
//! came from, so a match in folded text maps back to a range of the
//! original that covers the evasion too.

use std::ops::Range;

use unicode_normalization::{is_nfkc_quick, IsNormalized, UnicodeNormalization};

use super::segment::is_word_char;

/// One character of folded text and where it came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct NormChar {
    /// Start of the original segment (bytes).
    pub start: u32,
    /// End of the original segment (bytes).
    pub end: u32,
    /// The lower-cased character before look-alike folding.
    pub literal: char,
    flags: u8,
}

const GAP_BEFORE: u8 = 1;
const WORD: u8 = 2;
const LOOKALIKE: u8 = 4;
const UPPER: u8 = 8;
/// Only in the ASCII table: the character is a separator.
const SEPARATOR: u8 = 16;
/// A capital that starts a new word of a CamelCase hashtag or handle.
const CAMEL_START: u8 = 32;

impl NormChar {
    /// A separator was removed right before this character.
    pub fn gap_before(&self) -> bool {
        self.flags & GAP_BEFORE != 0
    }
    /// A word starts at this character: a separator was removed before it,
    /// or it starts a new part of a CamelCase hashtag or handle
    /// (`#StreikBeiAcme`).
    pub fn word_boundary_before(&self) -> bool {
        self.flags & (GAP_BEFORE | CAMEL_START) != 0
    }
    /// A capital that starts a new word of a CamelCase hashtag or handle.
    pub fn camel_start(&self) -> bool {
        self.flags & CAMEL_START != 0
    }
    /// A letter or digit (part of a word).
    pub fn is_word(&self) -> bool {
        self.flags & WORD != 0
    }
    /// The original was a look-alike (digit, symbol, foreign letter, capital
    /// `I`) standing in for the folded letter.
    pub fn is_lookalike(&self) -> bool {
        self.flags & LOOKALIKE != 0
    }
    /// The original was an upper-case letter.
    pub fn is_upper(&self) -> bool {
        self.flags & UPPER != 0
    }
}

/// Text folded for matching.
#[derive(Clone, Debug, Default)]
pub(crate) struct Normalized {
    /// The folded text the automaton runs over: UTF-8, kept as bytes since
    /// that is what the automaton reads and what the fold writes fastest.
    pub folded: Vec<u8>,
    /// One entry per `char` of `folded`.
    pub chars: Vec<NormChar>,
    /// The folded characters of more than one byte: their byte offset in
    /// `folded`, and how many bytes beyond one each they and all before them
    /// take. Maps byte offsets to `chars` indices; most folded text is ASCII,
    /// so this stays short where a table of every character would not.
    multibyte: Vec<(u32, u32)>,
}

impl Normalized {
    /// Folds `text`. Texts longer than `u32::MAX` bytes are not expected (a
    /// post is a few thousand characters); offsets saturate rather than wrap.
    pub fn new(text: &str) -> Normalized {
        let mut normalized = Normalized {
            folded: Vec::with_capacity(text.len()),
            chars: Vec::with_capacity(text.len()),
            multibyte: Vec::new(),
        };
        normalized.fold(text);
        normalized
    }

    /// Folds `text` into this value, reusing its buffers (for compiling
    /// thousands of terms without allocating for each).
    pub fn refold(&mut self, text: &str) {
        self.folded.clear();
        self.chars.clear();
        self.multibyte.clear();
        self.fold(text);
    }

    /// The index in `chars` of the character starting at byte `offset` of
    /// `folded` (or `chars.len()` for the end).
    pub fn char_index(&self, offset: usize) -> usize {
        let before = self
            .multibyte
            .partition_point(|&(start, _)| (start as usize) < offset);
        let extra = before
            .checked_sub(1)
            .map_or(0, |last| self.multibyte[last].1 as usize);
        offset.saturating_sub(extra)
    }

    /// The original byte range covered by `chars[range]`.
    pub fn source_range(&self, range: Range<usize>) -> Option<Range<usize>> {
        let first = self.chars.get(range.start)?;
        let last = self.chars.get(range.end.checked_sub(1)?)?;
        Some(first.start as usize..last.end as usize)
    }

    fn fold(&mut self, text: &str) {
        let mut gap = false;
        let mut lookalikes = LookalikeCache::default();
        let bytes = text.as_bytes();
        let mut start = 0;
        while start < bytes.len() {
            let ascii_end = bytes[start..]
                .iter()
                .position(|byte| !byte.is_ascii())
                .map_or(bytes.len(), |length| start + length);
            // An ASCII character followed by a combining mark goes the way of
            // every other segment.
            let marked = ascii_end > start
                && text
                    .get(ascii_end..)
                    .and_then(|rest| rest.chars().next())
                    .is_some_and(is_combining_mark);
            let table_end = ascii_end - usize::from(marked);
            self.fold_ascii(&bytes[start..table_end], start, &mut gap);
            start = table_end;
            if let Some(end) = self.fold_latin1_letter(text, start, &mut gap) {
                start = end;
            } else if start < bytes.len() {
                start = self.fold_segment(text, start, &mut gap, &mut lookalikes);
            }
        }
        // Only a `#` or `@` starts a tag. The characters that fold to them
        // outside ASCII (﹟ ﹫ ＃ ＠) all begin with the byte 0xEF, and a
        // scan of bytes costs far less than a pass over folded characters.
        if bytes.iter().any(|&byte| matches!(byte, b'#' | b'@' | 0xEF)) {
            self.mark_camel_case_words();
        }
    }

    /// Marks where the words of CamelCase hashtags and handles start (see
    /// step 6 of the module docs). A tag runs from its `#` or `@` through
    /// the word characters that follow it without a gap.
    fn mark_camel_case_words(&mut self) {
        let is_small = |c: &NormChar| c.literal.is_alphabetic() && !c.is_upper();
        let mut in_tag = false;
        for index in 0..self.chars.len() {
            let c = self.chars[index];
            if c.literal == '#' || c.literal == '@' {
                in_tag = true;
                continue;
            }
            in_tag &= c.is_word() && !c.gap_before();
            if !in_tag || !c.is_upper() || !c.literal.is_alphabetic() {
                continue;
            }
            let (Some(previous), next) = (
                index.checked_sub(1).map(|i| self.chars[i]),
                self.chars.get(index + 1),
            ) else {
                continue;
            };
            let next_small = next.is_some_and(|next| !next.gap_before() && is_small(next));
            if is_small(&previous) || (previous.is_upper() && next_small) {
                self.chars[index].flags |= CAMEL_START;
            }
        }
    }

    /// Folds a run of ASCII characters, none followed by a combining mark,
    /// by table: most of a post is such runs. `offset` is where `run` starts
    /// in the text.
    fn fold_ascii(&mut self, run: &[u8], offset: usize, gap: &mut bool) {
        // Pushed to locals: a byte stored through `self.folded` might alias
        // `self`, which would make the compiler reload both vectors' lengths
        // and pointers for every character.
        let mut folded = std::mem::take(&mut self.folded);
        let mut chars = std::mem::take(&mut self.chars);
        folded.reserve(run.len());
        chars.reserve(run.len());
        let mut gap_before = *gap;
        for (at, &byte) in (offset..).zip(run) {
            let (folded_byte, mut flags) = ASCII[usize::from(byte & 0x7F)];
            if flags & SEPARATOR != 0 {
                gap_before = true;
                continue;
            }
            if std::mem::take(&mut gap_before) {
                flags |= GAP_BEFORE;
            }
            folded.push(folded_byte);
            let start = to_u32(at);
            chars.push(NormChar {
                start,
                end: start.saturating_add(1),
                literal: char::from(byte.to_ascii_lowercase()),
                flags,
            });
        }
        *gap = gap_before;
        self.folded = folded;
        self.chars = chars;
    }

    /// Folds the Latin-1 letter (ä, ß, é) at byte `start` of `text` if there
    /// is one there and no combining mark follows it, and returns where it
    /// ends. These letters are most of what is not ASCII in German and
    /// English posts, and need neither composing nor look-alike folding.
    fn fold_latin1_letter(&mut self, text: &str, start: usize, gap: &mut bool) -> Option<usize> {
        let mut chars = text.get(start..)?.chars();
        // Latin-1's letters are U+00C0 to U+00FF but for `×` and `÷`; its
        // capitals are those up to U+00DE, 0x20 below their small letters.
        let letter = chars
            .next()
            .filter(|c| matches!(c, 'À'..='Ö' | 'Ø'..='ö' | 'ø'..='ÿ'))?;
        if chars.next().is_some_and(is_combining_mark) {
            return None;
        }
        let (lower, upper) = match letter {
            'À'..='Þ' => (char::from_u32(u32::from(letter) + 0x20)?, UPPER),
            _ => (letter, 0),
        };
        let end = start + letter.len_utf8();
        self.push_char(
            lower,
            lower,
            WORD | upper,
            (to_u32(start), to_u32(end)),
            gap,
        );
        Some(end)
    }

    /// Folds the segment at byte `start` of `text`: a character and the
    /// combining marks after it. Returns where the segment ends.
    fn fold_segment(
        &mut self,
        text: &str,
        start: usize,
        gap: &mut bool,
        lookalikes: &mut LookalikeCache,
    ) -> usize {
        let mut chars = text[start..].chars();
        let Some(first) = chars.next() else {
            return text.len();
        };
        let mut end = start + first.len_utf8();
        for next in chars {
            if !is_combining_mark(next) {
                break;
            }
            end += next.len_utf8();
        }
        let source = (to_u32(start), to_u32(end));
        let segment = &text[start..end];
        if is_nfkc_quick(segment.chars()) == IsNormalized::Yes {
            for c in segment.chars() {
                self.push_composed(c, source, gap, lookalikes);
            }
        } else {
            for composed in segment.nfkc() {
                self.push_composed(composed, source, gap, lookalikes);
            }
        }
        end
    }

    fn push_composed(
        &mut self,
        c: char,
        source: (u32, u32),
        gap: &mut bool,
        lookalikes: &mut LookalikeCache,
    ) {
        if let Ok(byte) = u8::try_from(c) {
            if byte.is_ascii() {
                let (folded, flags) = ASCII[usize::from(byte)];
                if flags & SEPARATOR != 0 {
                    *gap = true;
                } else {
                    let literal = char::from(byte.to_ascii_lowercase());
                    self.push_char(char::from(folded), literal, flags, source, gap);
                }
                return;
            }
        }
        if is_format(c) || is_combining_mark(c) {
            return;
        }
        if is_separator(c) {
            *gap = true;
            return;
        }
        let upper = if c.is_uppercase() { UPPER } else { 0 };
        let imitated = |ascii: char| {
            let (folded, flags) = ASCII[usize::from(ascii.to_ascii_lowercase() as u8 & 0x7F)];
            (char::from(folded), flags & WORD | LOOKALIKE | upper)
        };
        if let Some(ascii) = lookalikes.get(c) {
            // Checked before lower-casing: confusables data maps capital
            // Greek Tau to `T`, but not small tau to `t`.
            let literal = c.to_lowercase().next().unwrap_or(c);
            let (folded, flags) = imitated(ascii);
            self.push_char(folded, literal, flags, source, gap);
        } else {
            for lower in c.to_lowercase() {
                match lookalikes.get(lower) {
                    Some(ascii) => {
                        let (folded, flags) = imitated(ascii);
                        self.push_char(folded, lower, flags, source, gap);
                    }
                    None => {
                        let word = if is_word_char(lower) { WORD } else { 0 };
                        self.push_char(lower, lower, word | upper, source, gap);
                    }
                }
            }
        }
    }

    fn push_char(
        &mut self,
        folded: char,
        literal: char,
        mut flags: u8,
        source: (u32, u32),
        gap: &mut bool,
    ) {
        if std::mem::take(gap) {
            flags |= GAP_BEFORE;
        }
        let width = folded.len_utf8();
        if width > 1 {
            let extra = self.multibyte.last().map_or(0, |&(_, extra)| extra);
            let width = to_u32(width - 1);
            self.multibyte
                .push((to_u32(self.folded.len()), extra.saturating_add(width)));
        }
        self.folded
            .extend_from_slice(folded.encode_utf8(&mut [0; 4]).as_bytes());
        self.chars.push(NormChar {
            start: source.0,
            end: source.1,
            literal,
            flags,
        });
    }
}

fn to_u32(offset: usize) -> u32 {
    u32::try_from(offset).unwrap_or(u32::MAX)
}

/// How each ASCII character folds: the folded byte and its flags. Built at
/// compile time so the common case costs one table lookup per byte.
///
/// Leetspeak: `0→o 1→i 3→e 4→a 5→s 7→t @→a $→s`. `i` and `l` fold together
/// so that `1` can stand for either; capital `I` counts as a look-alike
/// (of `l`). The separators are the ASCII part of [`is_separator`].
const ASCII: [(u8, u8); 128] = ascii_table();

const fn ascii_table() -> [(u8, u8); 128] {
    let mut table = [(0, 0); 128];
    let mut index = 0;
    while index < 128 {
        let byte = index as u8;
        let lower = byte.to_ascii_lowercase();
        let (folded, leet) = match lower {
            b'l' => (b'i', false),
            b'0' => (b'o', true),
            b'1' => (b'i', true),
            b'3' => (b'e', true),
            b'4' | b'@' => (b'a', true),
            b'5' | b'$' => (b's', true),
            b'7' => (b't', true),
            other => (other, false),
        };
        let mut flags = 0;
        if matches!(
            byte,
            b' ' | b'\t'
                | b'\n'
                | 0x0B
                | 0x0C
                | b'\r'
                | b'.'
                | b','
                | b';'
                | b':'
                | b'!'
                | b'?'
                | b'-'
                | b'_'
                | b'/'
                | b'\\'
                | b'|'
                | b'*'
                | b'~'
                | b'`'
                | b'^'
                | b'='
                | b'<'
                | b'>'
                | b'('
                | b')'
                | b'['
                | b']'
                | b'{'
                | b'}'
                | b'\''
                | b'"'
        ) {
            flags |= SEPARATOR;
        }
        if folded.is_ascii_alphanumeric() {
            flags |= WORD;
        }
        if leet || byte == b'I' {
            flags |= LOOKALIKE;
        }
        if byte.is_ascii_uppercase() {
            flags |= UPPER;
        }
        table[index] = (folded, flags);
        index += 1;
    }
    table
}

/// Remembers [`confusable_ascii`] answers during one fold: a confusables
/// lookup costs far more than a character, and a text uses few distinct
/// letters.
#[derive(Default)]
struct LookalikeCache {
    known: Vec<(char, Option<char>)>,
}

impl LookalikeCache {
    fn get(&mut self, c: char) -> Option<char> {
        if !may_imitate_ascii(c) {
            return None;
        }
        if let Some(&(_, answer)) = self.known.iter().find(|(known, _)| *known == c) {
            return answer;
        }
        let answer = confusable_ascii(c);
        self.known.push((c, answer));
        answer
    }
}

/// Blocks that hold letters imitating ASCII letters: Latin extensions and
/// IPA, Greek, Cyrillic, Armenian, Cherokee, letterlike symbols. Accented
/// Latin-1 letters (ä, ö, ü, ß, é) are left alone: they are letters of
/// their own, not disguises.
fn may_imitate_ascii(c: char) -> bool {
    matches!(c,
        '\u{0180}'..='\u{02AF}'
        | '\u{0370}'..='\u{058F}'
        | '\u{13A0}'..='\u{13FF}'
        | '\u{1D00}'..='\u{1DBF}'
        | '\u{1E00}'..='\u{1FFF}'
        | '\u{2100}'..='\u{214F}'
        | '\u{A640}'..='\u{A69F}'
        | '\u{AB70}'..='\u{ABBF}')
}

/// The ASCII letter or digit a non-ASCII letter is confusable with, if any
/// (Cyrillic `а`, Greek `ο`, …). Letters that are simply accented Latin
/// letters (ä, é) skeletonize to several characters and are kept.
fn confusable_ascii(c: char) -> Option<char> {
    if !c.is_alphabetic() {
        return None;
    }
    let mut buffer = [0; 4];
    let mut skeleton = unicode_security::skeleton(c.encode_utf8(&mut buffer));
    let single = skeleton.next()?;
    if skeleton.next().is_some() || !single.is_ascii_alphanumeric() {
        return None;
    }
    Some(single)
}

/// Whether `c` is a combining mark; none lies below U+0300, which spares
/// the table lookup for the characters most posts consist of.
fn is_combining_mark(c: char) -> bool {
    c >= '\u{0300}' && unicode_normalization::char::is_combining_mark(c)
}

/// Characters that are invisible and carry no meaning for matching.
///
/// Hand-listed because no small, maintained crate exposes the Unicode
/// `Default_Ignorable_Code_Point` property publicly; this is that set.
fn is_format(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
        | '\u{180B}'..='\u{180F}'
        | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}'
        | '\u{3164}'
        | '\u{FE00}'..='\u{FE0F}'
        | '\u{FEFF}' | '\u{FFA0}'
        | '\u{1BCA0}'..='\u{1BCA3}'
        | '\u{1D173}'..='\u{1D17A}'
        | '\u{E0000}'..='\u{E0FFF}')
}

/// White space and the punctuation people put between words or between the
/// letters of a spaced-out word. `#`, `&`, `+` and the like are kept: they
/// are part of terms such as `#employee`.
fn is_separator(c: char) -> bool {
    match u8::try_from(c) {
        Ok(byte) if byte.is_ascii() => ASCII[usize::from(byte)].1 & SEPARATOR != 0,
        _ => {
            c.is_whitespace()
                || matches!(
                    c,
                    '\u{00A1}' | '\u{00AB}' | '\u{00B7}' | '\u{00BB}' | '\u{00BF}' | '\u{2010}'
                        ..='\u{2027}'
                            | '\u{2039}'
                            | '\u{203A}'
                            | '\u{2043}'
                            | '\u{2212}'
                            | '\u{30FB}'
                            | '\u{FF0E}'
                            | '\u{FF61}'
                )
        }
    }
}

/// Evasive spellings, for `when: {"disguised": true}`.
impl Normalized {
    /// Whether the original text of `range` (bytes of `text`, the text this
    /// was folded from) is written in an evasive form rather than plainly,
    /// case aside: letters spaced out one by one (`K r a n i c h`), leetspeak
    /// inside a word (`Kr4nich`, `0rion`), look-alike letters from other
    /// scripts, fullwidth or other compatibility forms, stacked marks, or
    /// invisible characters inside the word.
    ///
    /// A digit standing alone or after letters (`Orion-7`, `Win10`) is how
    /// such names are written, so only a digit or symbol followed by a letter
    /// counts as leetspeak.
    pub fn is_disguised(&self, text: &str, range: Range<usize>) -> bool {
        let first = self
            .chars
            .partition_point(|c| (c.start as usize) < range.start);
        let end = self
            .chars
            .partition_point(|c| (c.end as usize) <= range.end);
        let Some(chars) = self.chars.get(first..end) else {
            return false;
        };
        let spaced_out = chars.len() >= 3 && chars[1..].iter().all(NormChar::gap_before);
        if spaced_out {
            return true;
        }
        chars.iter().enumerate().any(|(index, c)| {
            let previous = index.checked_sub(1).map(|before| chars[before]);
            if previous.is_some_and(|previous| previous.start == c.start) {
                // Another character folded from the same segment.
                return false;
            }
            let hidden_between =
                previous.is_some_and(|previous| previous.end < c.start && !c.gap_before());
            let Some(segment) = text.get(c.start as usize..c.end as usize) else {
                return false;
            };
            let letter_follows = chars
                .get(index + 1)
                .is_some_and(|next| !next.gap_before() && next.literal.is_alphabetic());
            hidden_between
                || if segment.is_ascii() {
                    c.is_lookalike() && !c.literal.is_ascii_alphabetic() && letter_follows
                } else {
                    // What the segment folded to must be the segment itself,
                    // composed and lower-cased (`Ü` as `U` + U+0308 is plain).
                    let written = segment.nfc().flat_map(char::to_lowercase);
                    let folded = chars[index..]
                        .iter()
                        .take_while(|next| next.start == c.start)
                        .map(|next| next.literal);
                    c.is_lookalike() || !written.eq(folded)
                }
        })
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn folded(text: &str) -> String {
        String::from_utf8(Normalized::new(text).folded).unwrap_or_default()
    }

    #[test]
    fn folds_case_width_and_lookalikes() {
        assert_eq!(folded("Ｏｒｉｏｎ"), "orion");
        assert_eq!(folded("0r1on"), "orion");
        assert_eq!(folded("Оrіоn"), "orion"); // Cyrillic О, і, о
        assert_eq!(folded("Ρ3Τ3R"), "peter"); // Greek Rho and Tau
        assert_eq!(folded("@cme $4le"), "acmesaie");
        assert_eq!(folded("Übernahme"), "übernahme");
        assert_eq!(folded("STRAẞE"), "straße");
    }

    #[test]
    fn drops_format_characters_and_separators() {
        assert_eq!(folded("Or\u{200B}i\u{00AD}on"), "orion");
        let normalized = Normalized::new("O r.i-o n");
        assert_eq!(normalized.folded, b"orion");
        let gaps: Vec<bool> = normalized.chars.iter().map(NormChar::gap_before).collect();
        assert_eq!(gaps, [false, true, true, true, true]);
    }

    #[test]
    fn composes_decomposed_umlauts_and_drops_stacked_marks() {
        let normalized = Normalized::new("U\u{0308}bernahme O\u{0334}rion");
        assert_eq!(normalized.folded, "übernahmeorion".as_bytes());
        assert_eq!(normalized.source_range(0..1), Some(0..3));
    }

    #[test]
    fn maps_back_to_original_bytes_across_emoji_and_crlf() {
        let text = "👩‍💻 Hi\r\nＯrion";
        let normalized = Normalized::new(text);
        let folded = std::str::from_utf8(&normalized.folded).unwrap_or_default();
        let start = normalized.char_index(folded.find("orion").unwrap_or(0));
        let range = normalized.source_range(start..start + 5).unwrap_or(0..0);
        assert_eq!(&text[range], "Ｏrion");
    }

    /// `text` folded with every character taking the general path, as
    /// if the ASCII table did not exist.
    fn fold_by_segments(text: &str) -> Normalized {
        let mut normalized = Normalized::default();
        let (mut gap, mut lookalikes) = (false, LookalikeCache::default());
        let mut start = 0;
        while start < text.len() {
            start = normalized.fold_segment(text, start, &mut gap, &mut lookalikes);
        }
        normalized.mark_camel_case_words();
        normalized
    }

    proptest! {
        #[test]
        fn the_ascii_table_folds_as_the_general_path(
            text in "[ -~\u{00A0}-\u{00FF}\u{0308}\u{0301}\u{200B}ﬁＯо–…\n＃﹫]{0,40}"
        ) {
            let fast = Normalized::new(&text);
            let general = fold_by_segments(&text);
            prop_assert_eq!(&fast.folded, &general.folded);
            prop_assert_eq!(&fast.chars, &general.chars);
        }

        #[test]
        fn char_index_finds_every_folded_character(text in "\\PC{0,40}") {
            let normalized = Normalized::new(&text);
            let folded = std::str::from_utf8(&normalized.folded).unwrap_or_default();
            prop_assert_eq!(folded.len(), normalized.folded.len());
            for (index, (offset, _)) in folded.char_indices().enumerate() {
                prop_assert_eq!(normalized.char_index(offset), index);
            }
            prop_assert_eq!(
                normalized.char_index(normalized.folded.len()),
                normalized.chars.len()
            );
        }
    }

    /// The original byte offsets where CamelCase words start, found on
    /// the raw text: in each `#` or `@` tag, a capital after a small
    /// letter, or a capital after a capital and before a small letter.
    fn camel_starts_by_regex(text: &str) -> Vec<u32> {
        let tags = regex::Regex::new("[#@][A-Za-z0-9]+").unwrap_or_else(|_| unreachable!());
        let mut starts = Vec::new();
        for tag in tags.find_iter(text) {
            let bytes = tag.as_str().as_bytes();
            for at in 2..bytes.len() {
                let (before, here) = (bytes[at - 1], bytes[at]);
                let small_next = bytes.get(at + 1).is_some_and(u8::is_ascii_lowercase);
                if here.is_ascii_uppercase()
                    && (before.is_ascii_lowercase() || (before.is_ascii_uppercase() && small_next))
                {
                    starts.push(to_u32(tag.start() + at));
                }
            }
        }
        starts
    }

    proptest! {
        #[test]
        fn camel_case_words_start_where_the_plain_definition_says(
            text in "[abAB1#@ .]{0,30}"
        ) {
            let normalized = Normalized::new(&text);
            let marked: Vec<u32> = normalized
                .chars
                .iter()
                .filter(|c| c.camel_start())
                .map(|c| c.start)
                .collect();
            prop_assert_eq!(marked, camel_starts_by_regex(&text));
        }
    }

    #[test]
    fn splits_camel_case_tags_only() {
        let starts = |text: &str| {
            let normalized = Normalized::new(text);
            normalized
                .chars
                .iter()
                .filter(|c| c.camel_start())
                .map(|c| &text[c.start as usize..c.end as usize])
                .collect::<String>()
        };
        assert_eq!(starts("#StreikBeiAcme @TeamKranich"), "BAK");
        assert_eq!(starts("#ACMEStreik #iPhone"), "SP");
        assert_eq!(starts("McDonald StreikBeiAcme #streikbeiacme"), "");
        assert_eq!(starts("＃StreikBeiAcme ﹫TeamKranich"), "BAK");
    }

    #[test]
    fn no_combining_mark_lies_below_u0300() {
        let below =
            ('\0'..'\u{0300}').filter(|&c| unicode_normalization::char::is_combining_mark(c));
        assert_eq!(below.count(), 0);
    }

    #[test]
    fn keeps_the_literal_letter_behind_shared_folds() {
        let normalized = Normalized::new("fall f1l");
        let literals: String = normalized.chars.iter().map(|c| c.literal).collect();
        assert_eq!(normalized.folded, b"faiifii");
        assert_eq!(literals, "fallf1l");
        assert!(normalized.chars[5].is_lookalike());
        assert!(!normalized.chars[2].is_lookalike());
    }
}

#[cfg(test)]
mod disguise_tests {
    use super::Normalized;

    fn disguised(text: &str) -> bool {
        Normalized::new(text).is_disguised(text, 0..text.len())
    }

    #[test]
    fn evasive_forms_are_disguised_and_plain_ones_are_not() {
        for plain in [
            "Kranich",
            "KRANICH",
            "kranich",
            "Übernahme",
            "U\u{308}bernahme",
            "Orion-7",
            "Win10",
            "merge with",
            "Straße",
        ] {
            assert!(!disguised(plain), "{plain}");
        }
        for evasive in [
            "K r a n i c h",
            "K.r.a.n.i.c.h",
            "Kr4nich",
            "0rion",
            "Kr\u{200b}anich",
            "Кranich",
            "Ｋｒａｎｉｃｈ",
            "Kr\u{301}\u{301}anich",
        ] {
            assert!(disguised(evasive), "{evasive}");
        }
    }

    proptest::proptest! {
        /// Any text, any range (even one outside the text or not on a char
        /// boundary): an answer, never a panic.
        #[test]
        fn never_panics(text in "\\PC{0,30}", start in 0usize..40, length in 0usize..40) {
            let folded = Normalized::new(&text);
            let _ = folded.is_disguised(&text, start..start + length);
        }
    }

    #[test]
    fn only_the_range_counts() {
        let text = "K r a n i c h und Kranich";
        let folded = Normalized::new(text);
        assert!(folded.is_disguised(text, 0..13));
        assert!(!folded.is_disguised(text, 18..text.len()));
        assert!(!folded.is_disguised(text, 40..50));
    }
}
