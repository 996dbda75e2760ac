//! `iban`: bank account numbers (IBAN) in a post (category `personal-data`).
//!
//! ## What it checks
//! Finds International Bank Account Numbers, compact (`DE89370400440532013000`)
//! or in groups of four (`DE89 3704 0044 0532 0130 00`). A match must have a
//! known country code, that country's length and account format, and a valid
//! ISO 7064 mod-97 check: strings that merely look like an IBAN are not
//! reported. IBANs in `allow` (e.g. the company's published donation
//! account) are not reported either.
//!
//! Country formats and the checksum come from the `iban_validate` crate
//! (SWIFT's IBAN registry).
//!
//! ## Why it matters
//! An account number in a public post is personal data and the raw material
//! of direct-debit fraud and phishing ("please confirm your account").
//!
//! ## Example
//! ```text
//! Überweist den Beitrag bitte an DE89 3704 0044 0532 0130 00.
//! ```
//!
//! ## Fix
//! Remove the number and share payment details privately, or link to the
//! official page that lists them.

use std::str::FromStr;
use std::sync::LazyLock;

use iban::{Iban, IbanLike};
use regex::Regex;
use serde::Deserialize;

use super::CompileEnv;
use super::{CompileKind, Hit, RuleKind};
use crate::context::CheckContext;
use crate::document::Document;
use crate::problem::Problem;
use crate::text::segment::is_standalone;

/// The longest IBAN (Saint Lucia, Russia: 32–33; the standard allows 34).
const MAX_IBAN_LEN: usize = 34;

/// Parameters of the `iban` kind.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Params {
    /// IBANs that may be posted, e.g. a published donation account. Spaces
    /// and case do not matter; each must be a valid IBAN.
    #[serde(default)]
    pub allow: Vec<String>,
}

impl CompileKind for Params {
    fn compile(self, _env: &mut CompileEnv<'_>) -> Result<Box<dyn RuleKind>, Vec<Problem>> {
        let mut problems = Vec::new();
        let mut allowed = Vec::new();
        for (index, entry) in self.allow.iter().enumerate() {
            let mut buffer = [0u8; MAX_IBAN_LEN];
            match electronic(entry, &mut buffer).and_then(|compact| Iban::from_str(compact).ok()) {
                Some(valid) => allowed.push(valid),
                None => problems.push(Problem {
                    path: format!("/allow/{index}"),
                    message: format!("`{entry}` is not a valid IBAN"),
                    hint: Some("check for typos: the check digits do not match".into()),
                }),
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(Box::new(IbanDetector { allowed }))
    }
}

/// Country code, check digits, then 2 to 7 groups of four and a short
/// tail; each group may be preceded by one space. Lengths and formats are
/// checked per country afterwards. ASCII only: other letters never make a
/// valid IBAN.
const IBAN_PATTERN: &str = r"(?i)(?-u:\b[a-z]{2}[0-9]{2})(?:[ \x{a0}]?(?-u:[a-z0-9]{4})){2,7}(?:[ \x{a0}]?(?-u:[a-z0-9]{1,3}))?(?-u:\b)";

/// Built on first use: most posts have no place where an IBAN can start.
static IBAN: LazyLock<Regex> = LazyLock::new(|| Regex::new(IBAN_PATTERN).expect("valid regex"));

/// More bytes than the longest text the pattern can match (34 characters
/// with eight separators, the no-break space taking two bytes).
const SEARCH_WINDOW: usize = 64;

/// Where an IBAN can start: two ASCII letters and two digits at the start
/// of a word. Found from the digits, which are rare in prose.
fn iban_starts<'d>(doc: &'d Document<'_>) -> impl Iterator<Item = usize> + 'd {
    let text = doc.text;
    let bytes = text.as_bytes();
    doc.digit_starts().iter().filter_map(move |&digit| {
        let start = digit.checked_sub(2)?;
        // The pattern's `\b` is ASCII's, so this is too; `is_standalone`
        // then holds a match to the engine's word definition.
        let starts_word =
            start == 0 || !(bytes[start - 1].is_ascii_alphanumeric() || bytes[start - 1] == b'_');
        (starts_word
            && bytes[start].is_ascii_alphabetic()
            && bytes[start + 1].is_ascii_alphabetic()
            && bytes.get(digit + 1).is_some_and(u8::is_ascii_digit))
        .then_some(start)
    })
}

/// The pattern's matches in `text`, as `find_iter` would report them.
/// Every match starts where [`iban_starts`] says and is shorter than the
/// window, so searching each window alone finds the same matches without
/// running the automaton over all the prose in between.
fn iban_matches<'t>(doc: &Document<'t>) -> Vec<regex::Match<'t>> {
    let text = doc.text;
    let mut found = Vec::new();
    let mut resume = 0;
    for start in iban_starts(doc) {
        if start < resume {
            continue;
        }
        let mut window_end = (start + SEARCH_WINDOW).min(text.len());
        while !text.is_char_boundary(window_end) {
            window_end -= 1;
        }
        if let Some(candidate) = IBAN.find_at(&text[..window_end], start) {
            if candidate.start() == start {
                resume = candidate.end();
                found.push(candidate);
            }
        }
    }
    found
}

#[derive(Debug)]
struct IbanDetector {
    allowed: Vec<Iban>,
}

impl RuleKind for IbanDetector {
    fn check(&self, doc: &Document<'_>, _context: &CheckContext, hits: &mut Vec<Hit>) {
        let text = doc.text;
        for found in iban_matches(doc) {
            // The pattern may take a following word ("… 1332 bei"): drop
            // trailing groups until the rest is a valid IBAN.
            let mut end = found.end();
            loop {
                let range = found.start()..end;
                let mut buffer = [0u8; MAX_IBAN_LEN];
                let valid = electronic(&text[range.clone()], &mut buffer)
                    .and_then(|compact| Iban::from_str(compact).ok());
                if let Some(valid) = valid {
                    if is_standalone(text, &range) && !self.is_allowed(&valid) {
                        hits.push(Hit::at(range));
                    }
                    break;
                }
                match text[found.start()..end].rfind([' ', '\u{a0}']) {
                    Some(space) if space > 4 => {
                        end = found.start() + space;
                    }
                    _ => break,
                }
            }
        }
    }
}

impl IbanDetector {
    fn is_allowed(&self, iban: &Iban) -> bool {
        self.allowed
            .iter()
            .any(|allowed| allowed.electronic_str() == iban.electronic_str())
    }
}

/// The IBAN in `written` without spaces and in capitals, in `buffer`; `None`
/// when it holds other characters or is too long.
fn electronic<'b>(written: &str, buffer: &'b mut [u8; MAX_IBAN_LEN]) -> Option<&'b str> {
    let mut length = 0;
    for c in written.chars().filter(|c| !c.is_whitespace()) {
        if !c.is_ascii_alphanumeric() || length == MAX_IBAN_LEN {
            return None;
        }
        buffer[length] = c.to_ascii_uppercase() as u8;
        length += 1;
    }
    std::str::from_utf8(&buffer[..length]).ok()
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::rules::kind_harness::{compile, problem_paths, quotes_in};
    use serde_json::json;

    fn defaults() -> Box<dyn RuleKind> {
        compile::<Params>(json!({})).expect("parameters compile")
    }

    #[test]
    fn finds_valid_ibans_with_and_without_spaces() {
        let kind = defaults();
        assert_eq!(
            quotes_in(
                kind.as_ref(),
                "Überweist bitte an DE89 3704 0044 0532 0130 00. Danke!"
            ),
            vec!["DE89 3704 0044 0532 0130 00"]
        );
        assert_eq!(
            quotes_in(kind.as_ref(), "IBAN: DE89370400440532013000"),
            vec!["DE89370400440532013000"]
        );
        assert_eq!(
            quotes_in(
                kind.as_ref(),
                "Pay to GB29 NWBK 6016 1331 9268 19 by Friday"
            ),
            vec!["GB29 NWBK 6016 1331 9268 19"]
        );
        assert_eq!(
            quotes_in(
                kind.as_ref(),
                "Konto ES91 2100 0418 4502 0005 1332 bei der Bank"
            ),
            vec!["ES91 2100 0418 4502 0005 1332"]
        );
        assert_eq!(
            quotes_in(
                kind.as_ref(),
                "Norway: NO93 8601 1117 947, Belgium: BE71 0961 2345 6769"
            ),
            vec!["NO93 8601 1117 947", "BE71 0961 2345 6769"]
        );
        assert_eq!(
            quotes_in(kind.as_ref(), "lowercase de89 3704 0044 0532 0130 00 too"),
            vec!["de89 3704 0044 0532 0130 00"]
        );
    }

    #[test]
    fn look_alikes_failing_the_checksum_or_format_are_not_flagged() {
        let kind = defaults();
        for text in [
            // One digit changed: mod-97 fails.
            "Überweist bitte an DE89 3704 0044 0532 0130 01",
            "IBAN: DE88370400440532013000",
            // Wrong length for Germany.
            "DE89 3704 0044 0532 0130 0",
            // Unknown country code.
            "XX89 3704 0044 0532 0130 00",
            // Product codes and ticket ids.
            "Order AB12 CDEF GHIJ KLMN shipped",
            "Ticket PROJ-1234 und Build DE12ABCD",
            "Seriennummer AT12345678901234567890",
        ] {
            assert!(quotes_in(kind.as_ref(), text).is_empty(), "flagged: {text}");
        }
    }

    #[test]
    fn glued_to_a_word_is_not_an_iban() {
        let kind = defaults();
        assert!(quotes_in(kind.as_ref(), "xDE89370400440532013000").is_empty());
        assert!(quotes_in(kind.as_ref(), "DE89370400440532013000x").is_empty());
    }

    #[test]
    fn allowed_ibans_are_not_flagged_and_invalid_entries_are_problems() {
        let kind = compile::<Params>(json!({"allow": ["de89 3704 0044 0532 0130 00"]}))
            .expect("parameters compile");
        assert!(quotes_in(kind.as_ref(), "Spendenkonto DE89370400440532013000").is_empty());
        assert_eq!(
            quotes_in(kind.as_ref(), "GB29 NWBK 6016 1331 9268 19"),
            vec!["GB29 NWBK 6016 1331 9268 19"]
        );

        let paths =
            problem_paths::<Params>(json!({"allow": ["DE89 3704", "DE89 3704 0044 0532 0130 00"]}));
        assert_eq!(paths, vec!["/allow/0"]);
    }

    proptest! {
        #[test]
        fn searching_windows_finds_what_the_whole_text_search_finds(
            text in "([a-zA-Z]{1,3}[0-9]{1,5}|[0-9]{4}|[ \u{a0}_.-]|ä)*"
        ) {
            let doc = Document::new(&text);
            let windowed: Vec<_> = iban_matches(&doc).iter().map(|m| m.range()).collect();
            let whole: Vec<_> = IBAN.find_iter(&text).map(|m| m.range()).collect();
            prop_assert_eq!(windowed, whole);
        }
    }
}
