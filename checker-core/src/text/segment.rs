//! Where text splits: the characters beside an offset, words, sentences and
//! runs of digits. The engine's one definition of each; a check asks
//! [`Document`](crate::document::Document), which computes each split once
//! and shares it between all rules and `when` conditions.
//!
//! - A **word character** is a letter or digit in any script, or `_`
//!   ([`is_word_char`]). Term matching folds the text first and treats `_`
//!   as a separator (`text/normalize.rs`), so that `project_orion` still
//!   contains the term `Orion`; its letters and digits are these.
//! - A **word** is a run of word characters; a `'`, `’` or `-` between two
//!   of them joins (`don't`, `E-Mail`: one word), and so does a `.` or `,`
//!   between two digits (`3.5`, `27.11.2026`). Other dots split: `acme.de`
//!   is two words.
//! - A **sentence** ends after a run of `.`, `!`, `?` or `…` followed by
//!   white space or the end, and at every line break. A dot followed by
//!   anything else (`3.5`, `acme.example/a.b`) ends nothing, and neither
//!   does the dot of a German ordinal date (`am 12. März`, `3. Oktober
//!   2026`): one or two digits, the dot, a space and a month name. In "Er
//!   kam am 12. Dann ging er." the dot does end the sentence.

use std::ops::Range;

use super::scan::next_digit;

/// Letters, digits and `_`, in any script: what a word is made of.
pub(crate) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The character just before byte `at` (a char boundary).
pub(crate) fn char_before(text: &str, at: usize) -> Option<char> {
    text.get(..at)?.chars().next_back()
}

/// The character starting at byte `at` (a char boundary); decodes only
/// non-ASCII, since scanners call this for most characters of a post.
pub(crate) fn char_after(text: &str, at: usize) -> Option<char> {
    match *text.as_bytes().get(at)? {
        byte if byte.is_ascii() => Some(char::from(byte)),
        _ => text.get(at..)?.chars().next(),
    }
}

/// Whether `range` stands alone: no word character right beside it.
pub(crate) fn is_standalone(text: &str, range: &Range<usize>) -> bool {
    !char_before(text, range.start).is_some_and(is_word_char)
        && !char_after(text, range.end).is_some_and(is_word_char)
}

/// The words of `text`, in order.
pub(crate) fn words(text: &str) -> Vec<Range<usize>> {
    let mut words = Vec::new();
    let mut current: Option<Range<usize>> = None;
    let mut chars = text.char_indices().peekable();
    let mut previous: Option<char> = None;
    while let Some((at, c)) = chars.next() {
        let end = at + c.len_utf8();
        if is_word_char(c) {
            match &mut current {
                Some(word) => word.end = end,
                None => current = Some(at..end),
            }
        } else {
            let next = chars.peek().map(|&(_, next)| next);
            let joins = current.is_some()
                && next.is_some_and(is_word_char)
                && match c {
                    '\'' | '’' | '-' => true,
                    '.' | ',' => {
                        previous.is_some_and(|p| p.is_ascii_digit())
                            && next.is_some_and(|n| n.is_ascii_digit())
                    }
                    _ => false,
                };
            if !joins {
                words.extend(current.take());
            }
        }
        previous = Some(c);
    }
    words.extend(current);
    words
}

/// The sentences of `text`, trimmed of white space, none empty.
///
/// Terminators and line breaks are rare, so the scan jumps from one byte
/// that may end a sentence to the next instead of decoding every character.
pub(crate) fn sentences(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut start = 0;
    let mut at = 0;
    // `…` is the only terminator outside ASCII, and starts with 0xE2.
    let may_end = |byte: &u8| matches!(byte, b'\n' | b'.' | b'!' | b'?' | 0xE2);
    while let Some(offset) = bytes
        .get(at..)
        .and_then(|rest| rest.iter().position(may_end))
    {
        at += offset;
        let Some(c) = char_after(text, at) else {
            break;
        };
        let next = at + c.len_utf8();
        if c == '\n' {
            push_trimmed(text, start..at, &mut found);
            start = next;
        } else if is_terminator(c) {
            let mut run_end = next;
            while let Some(more) = char_after(text, run_end).filter(|&more| is_terminator(more)) {
                run_end += more.len_utf8();
            }
            let ends_sentence = char_after(text, run_end).is_none_or(char::is_whitespace)
                && !(c == '.' && run_end == next && is_ordinal_date_dot(text, at));
            if ends_sentence {
                push_trimmed(text, start..run_end, &mut found);
                start = run_end;
            }
            at = run_end;
            continue;
        }
        at = next;
    }
    push_trimmed(text, start..text.len(), &mut found);
    found
}

fn push_trimmed(text: &str, range: Range<usize>, found: &mut Vec<Range<usize>>) {
    let slice = &text[range.clone()];
    let leading = slice.len() - slice.trim_start().len();
    let trimmed = slice.trim();
    if !trimmed.is_empty() {
        let start = range.start + leading;
        found.push(start..start + trimmed.len());
    }
}

fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

/// German month names. A dot after a day number and before one of them is
/// an ordinal (`12. März`), not the end of a sentence. They belong to the
/// language rather than to a policy, like the terminators above, so they
/// live here and not in a pack.
const GERMAN_MONTHS: [&str; 13] = [
    "Januar",
    "Jänner",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
];

/// Whether the `.` at byte `dot` follows a day number of one or two digits
/// (standing alone) and precedes, after spaces, a German month name:
/// `am 12. März`.
fn is_ordinal_date_dot(text: &str, dot: usize) -> bool {
    let digits = text[..dot]
        .bytes()
        .rev()
        .take_while(u8::is_ascii_digit)
        .count();
    let day_number = (1..=2).contains(&digits)
        && !char_before(text, dot - digits).is_some_and(|c| is_word_char(c) || c == '.');
    let after = text[dot + 1..].trim_start_matches(|c: char| c.is_whitespace() && c != '\n');
    let month_end = after
        .find(|c: char| !c.is_alphabetic())
        .unwrap_or(after.len());
    day_number && GERMAN_MONTHS.contains(&&after[..month_end])
}

/// Where the runs of ASCII digits of `text` start, in order: where phone
/// numbers, IBANs and card numbers can be, found with [`next_digit`].
pub(crate) fn digit_run_starts(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut starts = Vec::new();
    let mut at = 0;
    while let Some(start) = next_digit(bytes, at) {
        starts.push(start);
        at = start + 1;
        while bytes.get(at).is_some_and(u8::is_ascii_digit) {
            at += 1;
        }
    }
    starts
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// Sentences as the definition says, one character at a time.
    fn plain_sentences(text: &str) -> Vec<Range<usize>> {
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let mut found = Vec::new();
        let mut start = 0;
        let mut index = 0;
        while index < chars.len() {
            let (at, c) = chars[index];
            if c == '\n' {
                push_trimmed(text, start..at, &mut found);
                start = at + 1;
            } else if is_terminator(c) {
                let mut last = index;
                while chars.get(last + 1).is_some_and(|&(_, c)| is_terminator(c)) {
                    last += 1;
                }
                let end = chars.get(last + 1).map_or(text.len(), |&(at, _)| at);
                let ordinal_date = c == '.' && last == index && is_ordinal_date_dot(text, at);
                if chars.get(last + 1).is_none_or(|&(_, c)| c.is_whitespace()) && !ordinal_date {
                    push_trimmed(text, start..end, &mut found);
                    start = end;
                }
                index = last;
            }
            index += 1;
        }
        push_trimmed(text, start..text.len(), &mut found);
        found
    }

    proptest! {
        #[test]
        fn sentences_match_the_character_by_character_definition(
            text in "([a-zA-Z0-9 .!?…\n\r\t\u{a0}äÜ😀]|März|Mai|Dann|1[2.] ){0,60}",
        ) {
            prop_assert_eq!(sentences(&text), plain_sentences(&text));
        }

        #[test]
        fn digit_run_starts_match_a_plain_loop(text in "[a0-9 .\u{e4}\u{661}]{0,80}") {
            let plain: Vec<usize> = text
                .char_indices()
                .filter(|&(at, c)| {
                    c.is_ascii_digit() && !char_before(&text, at).is_some_and(|p| p.is_ascii_digit())
                })
                .map(|(at, _)| at)
                .collect();
            prop_assert_eq!(digit_run_starts(&text), plain);
        }

        #[test]
        fn words_are_runs_of_word_characters_on_char_boundaries(text in "\\PC{0,40}") {
            let found = words(&text);
            for pair in found.windows(2) {
                prop_assert!(pair[0].end < pair[1].start);
            }
            for word in &found {
                let slice = &text[word.clone()];
                prop_assert!(slice.starts_with(is_word_char) && slice.ends_with(is_word_char));
                prop_assert!(!char_before(&text, word.start).is_some_and(is_word_char));
                prop_assert!(!char_after(&text, word.end).is_some_and(is_word_char));
            }
            // Every word character lies in a word.
            for (at, c) in text.char_indices() {
                if is_word_char(c) {
                    prop_assert!(found.iter().any(|word| word.contains(&at)));
                }
            }
        }
    }

    fn texts<'t>(text: &'t str, ranges: &[Range<usize>]) -> Vec<&'t str> {
        ranges.iter().map(|range| &text[range.clone()]).collect()
    }

    #[test]
    fn sentences_end_at_terminators_before_space_and_at_line_breaks() {
        let text = "Hallo Welt. Zweiter Satz\nDritter 3.5 Satz auf acme.example/a.b!!! Ende…";
        assert_eq!(
            texts(text, &sentences(text)),
            [
                "Hallo Welt.",
                "Zweiter Satz",
                "Dritter 3.5 Satz auf acme.example/a.b!!!",
                "Ende…"
            ]
        );
        assert!(sentences(" \n\t ").is_empty());
        let text = "  Eins. Zwei!! acme.example/x?y=1 drei\nvier…fünf ";
        assert_eq!(
            texts(text, &sentences(text)),
            ["Eins.", "Zwei!!", "acme.example/x?y=1 drei", "vier…fünf"]
        );
    }

    #[test]
    fn german_ordinal_dates_do_not_end_a_sentence() {
        let text = "Wir starten am 12. März in Köln. Der 3. Oktober 2026 ist ein Samstag!";
        assert_eq!(
            texts(text, &sentences(text)),
            [
                "Wir starten am 12. März in Köln.",
                "Der 3. Oktober 2026 ist ein Samstag!"
            ]
        );
        let text = "Er kam am 12. Dann ging er. Am 12.. März? Version 1.12. Mai kommt.";
        assert_eq!(
            texts(text, &sentences(text)),
            [
                "Er kam am 12.",
                "Dann ging er.",
                "Am 12..",
                "März?",
                "Version 1.12.",
                "Mai kommt."
            ]
        );
        let text = "Platz 123. Mai ist vorbei\nam 12.\nMärz";
        assert_eq!(
            texts(text, &sentences(text)),
            ["Platz 123.", "Mai ist vorbei", "am 12.", "März"]
        );
    }

    #[test]
    fn words_join_across_apostrophes_hyphens_and_decimal_points() {
        let text = "Don't mail the E-Mail: 3.5 % am 27.11.2026, see acme.example/x_y — ok.";
        assert_eq!(
            texts(text, &words(text)),
            [
                "Don't",
                "mail",
                "the",
                "E-Mail",
                "3.5",
                "am",
                "27.11.2026",
                "see",
                "acme",
                "example",
                "x_y",
                "ok"
            ]
        );
        assert_eq!(
            texts("Über-Größe 1,000", &words("Über-Größe 1,000")),
            ["Über-Größe", "1,000"]
        );
        assert_eq!(texts("a - b", &words("a - b")), ["a", "b"]);
    }

    #[test]
    fn characters_beside_an_offset() {
        let text = "ä_1 x";
        assert_eq!(char_before(text, 2), Some('ä'));
        assert_eq!(char_after(text, 0), Some('ä'));
        assert_eq!(char_after(text, text.len()), None);
        assert!(!is_standalone(text, &(2..3)));
        assert!(is_standalone(text, &(5..6)));
    }
}
