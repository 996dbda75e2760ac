//! `payment-card`: credit and debit card numbers in a post (category
//! `personal-data`).
//!
//! ## What it checks
//! Finds card numbers written compact (`4111111111111111`) or in groups
//! separated by spaces or dashes (`4111 1111 1111 1111`,
//! `3782-822463-10005`). A match must start with a known issuer prefix, have
//! a length that issuer uses (`networks`: Visa, Mastercard including the
//! 2-series, American Express, Discover, Diners Club, JCB, Maestro, UnionPay),
//! and pass the Luhn check. Order or tracking numbers of the same length fail
//! the prefix or the Luhn check and are not reported.
//!
//! The issuer table is a parameter (data), so a policy can add a network.
//! No well-kept pure-Rust crate keeps such a table current (the existing ones
//! use coarse prefixes, e.g. every `2…` as Mastercard), hence our own.
//!
//! ## Why it matters
//! A card number in a public post can be used for fraud at once; people post
//! photos and screenshots of cards more often than one would think.
//!
//! ## Example
//! ```text
//! Meine neue Firmenkarte ist da: 4111 1111 1111 1111
//! ```
//!
//! ## Fix
//! Remove the number. If the card was exposed, have it blocked.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;
use serde::{Deserialize, Serialize};

use super::detector_support::default_at;
use super::CompileEnv;
use super::{CompileKind, Hit, RuleKind};
use crate::context::CheckContext;
use crate::document::Document;
use crate::problem::Problem;
use crate::text::segment::{char_after, char_before, is_word_char};

/// Parameters of the `payment-card` kind.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Params {
    /// The card networks to recognise, with their number prefixes and
    /// lengths. A prefix is digits (`"4"`) or a range of equally long
    /// prefixes (`"2221-2720"`).
    #[serde(default = "default_networks")]
    pub networks: Vec<Network>,
}

/// One card network (issuer identification numbers).
#[derive(Clone, Debug, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Network {
    /// The network's name, e.g. `Visa`.
    pub name: String,
    /// Leading digits: a prefix such as `4`, or an inclusive range of
    /// prefixes of equal length such as `2221-2720`.
    pub prefixes: Vec<String>,
    /// The numbers of digits its cards have (12 to 19).
    pub lengths: Vec<usize>,
}

fn default_networks() -> Vec<Network> {
    default_at("/payment_card/networks")
}

/// Shortest and longest card numbers (ISO/IEC 7812).
const CARD_LENGTHS: std::ops::RangeInclusive<usize> = 12..=19;

impl CompileKind for Params {
    fn compile(self, _env: &mut CompileEnv<'_>) -> Result<Box<dyn RuleKind>, Vec<Problem>> {
        let mut problems = Vec::new();
        if self.networks.is_empty() {
            problems.push(Problem {
                path: "/networks".into(),
                message: "no card network is listed, so nothing can ever match".into(),
                hint: Some("remove `networks` to use the default table".into()),
            });
        }
        let mut networks = Vec::new();
        for (index, network) in self.networks.iter().enumerate() {
            let mut prefixes = Vec::new();
            for (prefix_index, prefix) in network.prefixes.iter().enumerate() {
                match PrefixRange::parse(prefix) {
                    Some(range) => prefixes.push(range),
                    None => problems.push(Problem {
                        path: format!("/networks/{index}/prefixes/{prefix_index}"),
                        message: format!(
                            "`{prefix}` is neither a digit prefix nor a range of them"
                        ),
                        hint: Some(
                            "write e.g. `4` or `2221-2720` (both ends of equal length)".into(),
                        ),
                    }),
                }
            }
            if network.prefixes.is_empty() {
                problems.push(Problem {
                    path: format!("/networks/{index}/prefixes"),
                    message: format!(
                        "network `{}` has no prefixes and can never match",
                        network.name
                    ),
                    hint: None,
                });
            }
            if network.lengths.is_empty() {
                problems.push(Problem {
                    path: format!("/networks/{index}/lengths"),
                    message: format!(
                        "network `{}` has no lengths and can never match",
                        network.name
                    ),
                    hint: None,
                });
            }
            for (length_index, length) in network.lengths.iter().enumerate() {
                if !CARD_LENGTHS.contains(length) {
                    problems.push(Problem {
                        path: format!("/networks/{index}/lengths/{length_index}"),
                        message: format!("card numbers have 12 to 19 digits, not {length}"),
                        hint: None,
                    });
                }
            }
            networks.push(CompiledNetwork {
                prefixes,
                lengths: network.lengths.clone(),
            });
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(Box::new(PaymentCard { networks }))
    }
}

/// Groups of four (`4111 1111 1111 1111`, 19-digit cards with a short
/// tail), the 4-6-5 and 4-6-4 layouts of Amex and Diners, or compact.
const CARD_PATTERN: &str = r"[0-9]{4}(?:[ \-][0-9]{4}){2,3}(?:[ \-][0-9]{1,4})?|[0-9]{4}[ \-][0-9]{6}[ \-][0-9]{4,5}|[0-9]{12,19}";

/// Built on first use: most posts have no run of four digits.
static CARD: LazyLock<Regex> = LazyLock::new(|| Regex::new(CARD_PATTERN).expect("valid regex"));

/// Runs of digits, spaces and dashes with at least four digits in a row.
fn number_runs<'d>(doc: &'d Document<'_>) -> impl Iterator<Item = Range<usize>> + 'd {
    let bytes = doc.text.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        while at < bytes.len() {
            let start = doc.next_digit_run(at)?;
            let mut end = start;
            let (mut digits_in_row, mut longest_row) = (0, 0);
            while let Some(&byte) = bytes.get(end) {
                match byte {
                    b'0'..=b'9' => digits_in_row += 1,
                    b' ' | b'-' => digits_in_row = 0,
                    _ => break,
                }
                longest_row = longest_row.max(digits_in_row);
                end += 1;
            }
            at = end;
            if longest_row >= 4 {
                return Some(start..end);
            }
        }
        None
    })
}

/// The pattern's matches in `text`, as `find_iter` would report them.
/// A match is made of digits, spaces and dashes and starts with four
/// digits, so only runs of those characters with four digits in a row
/// are searched, not all the prose around them.
fn card_matches<'d>(doc: &'d Document<'_>) -> impl Iterator<Item = Range<usize>> + 'd {
    let text = doc.text;
    number_runs(doc).flat_map(move |run| {
        CARD.find_iter(&text[run.clone()])
            .map(move |found| run.start + found.start()..run.start + found.end())
    })
}

/// Prefixes from `low` to `high`, all with the same number of digits.
#[derive(Debug)]
struct PrefixRange {
    low: u64,
    high: u64,
    digits: usize,
}

impl PrefixRange {
    fn parse(written: &str) -> Option<PrefixRange> {
        let (low, high) = written.split_once('-').unwrap_or((written, written));
        let (low, high) = (low.trim(), high.trim());
        let all_digits = |part: &str| {
            !part.is_empty() && part.len() <= 8 && part.bytes().all(|b| b.is_ascii_digit())
        };
        if !all_digits(low) || !all_digits(high) || low.len() != high.len() {
            return None;
        }
        let (low_value, high_value) = (low.parse().ok()?, high.parse().ok()?);
        (low_value <= high_value).then_some(PrefixRange {
            low: low_value,
            high: high_value,
            digits: low.len(),
        })
    }

    fn contains(&self, number: &[u8]) -> bool {
        number.len() >= self.digits
            && number[..self.digits]
                .iter()
                .try_fold(0u64, |value, digit| {
                    Some(value * 10 + u64::from(digit - b'0'))
                })
                .is_some_and(|leading| (self.low..=self.high).contains(&leading))
    }
}

#[derive(Debug)]
struct CompiledNetwork {
    prefixes: Vec<PrefixRange>,
    lengths: Vec<usize>,
}

#[derive(Debug)]
struct PaymentCard {
    networks: Vec<CompiledNetwork>,
}

impl RuleKind for PaymentCard {
    fn check(&self, doc: &Document<'_>, _context: &CheckContext, hits: &mut Vec<Hit>) {
        let text = doc.text;
        for found in card_matches(doc) {
            if !self.standalone(text, found.start, found.end) {
                continue;
            }
            // A trailing short group may be something else (`… 1111 123` with
            // the security code): try without it too.
            let written = &text[found.clone()];
            let mut ends = vec![found.end];
            if let Some(last_separator) = written.rfind([' ', '-']) {
                if written.len() - last_separator <= 4 {
                    ends.push(found.start + last_separator);
                }
            }
            if let Some(end) = ends
                .into_iter()
                .find(|&end| self.is_card(&text[found.start..end]))
            {
                hits.push(Hit::at(found.start..end));
            }
        }
    }
}

impl PaymentCard {
    /// Not part of a longer number or word: no letter, digit or digit group
    /// glued on either side (`DE89 3704 …`, `12.4111…`).
    fn standalone(&self, text: &str, start: usize, end: usize) -> bool {
        let glued_before = match char_before(text, start) {
            Some(c) if is_word_char(c) => true,
            Some(separator @ (' ' | '-' | '.' | ',' | '/')) => {
                char_before(text, start - separator.len_utf8()).is_some_and(|c| c.is_ascii_digit())
            }
            _ => false,
        };
        let glued_after = match char_after(text, end) {
            Some(c) if is_word_char(c) => true,
            Some(separator @ (' ' | '-' | '.' | ',' | '/')) => {
                char_after(text, end + separator.len_utf8()).is_some_and(|c| c.is_ascii_digit())
            }
            _ => false,
        };
        !glued_before && !glued_after
    }

    fn is_card(&self, written: &str) -> bool {
        let mut digits = [0u8; 19];
        let mut count = 0;
        for byte in written.bytes().filter(u8::is_ascii_digit) {
            if count == digits.len() {
                return false;
            }
            digits[count] = byte;
            count += 1;
        }
        let number = &digits[..count];
        luhn_valid(number)
            && self.networks.iter().any(|network| {
                network.lengths.contains(&count)
                    && network
                        .prefixes
                        .iter()
                        .any(|prefix| prefix.contains(number))
            })
    }
}

/// The Luhn check (ISO/IEC 7812-1) over ASCII digits.
fn luhn_valid(number: &[u8]) -> bool {
    let sum: u32 = number
        .iter()
        .rev()
        .enumerate()
        .map(|(position, digit)| {
            let value = u32::from(digit - b'0');
            if position % 2 == 1 {
                let doubled = value * 2;
                if doubled > 9 {
                    doubled - 9
                } else {
                    doubled
                }
            } else {
                value
            }
        })
        .sum();
    !number.is_empty() && sum % 10 == 0
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
    fn finds_every_default_network() {
        let kind = defaults();
        for number in [
            "4111 1111 1111 1111", // Visa
            "4012888888881881",    // Visa, compact
            "5555-5555-5555-4444", // Mastercard
            "2223 0031 2200 3222", // Mastercard 2-series
            "3782 822463 10005",   // American Express
            "6011 1111 1111 1117", // Discover
            "3056 930902 5904",    // Diners Club
            "3530 1113 3330 0000", // JCB
            "6759 6498 2643 8453", // Maestro
            "6200 0000 0000 0005", // UnionPay
        ] {
            let german = format!("Meine neue Karte: {number}, bitte nicht weitersagen.");
            assert_eq!(
                quotes_in(kind.as_ref(), &german),
                vec![number],
                "in {german}"
            );
            let english = format!("Card {number} works again");
            assert_eq!(
                quotes_in(kind.as_ref(), &english),
                vec![number],
                "in {english}"
            );
        }
    }

    #[test]
    fn a_trailing_security_code_is_not_part_of_the_number() {
        let kind = defaults();
        assert_eq!(
            quotes_in(kind.as_ref(), "4111 1111 1111 1111 123"),
            vec!["4111 1111 1111 1111"]
        );
    }

    #[test]
    fn numbers_failing_luhn_or_prefixes_are_not_cards() {
        let kind = defaults();
        for text in [
            // Luhn fails (last digit changed).
            "Karte 4111 1111 1111 1112",
            "Bestellnummer 4023456789012345",
            // Luhn passes but no issuer starts with 1 or 9.
            "Sendungsnummer 1234 5678 9012 3452",
            "Order 9999 9999 9999 9995 shipped",
            // Mastercard 2-series ends at 2720.
            "2721 0000 0000 0008",
            // Right prefix, wrong length for Amex.
            "3782 8224 6310 0058",
            // Part of a longer number or an IBAN.
            "DE89 3704 0044 0532 0130 00",
            "Tracking 00340434161094042557",
            "Version 4111111111111111a",
        ] {
            assert!(quotes_in(kind.as_ref(), text).is_empty(), "flagged: {text}");
        }
    }

    #[test]
    fn the_issuer_table_is_data() {
        let only_visa = compile::<Params>(
            json!({"networks": [{"name": "Visa", "prefixes": ["4"], "lengths": [16]}]}),
        )
        .expect("parameters compile");
        assert_eq!(
            quotes_in(only_visa.as_ref(), "4111111111111111"),
            vec!["4111111111111111"]
        );
        assert!(quotes_in(only_visa.as_ref(), "5555555555554444").is_empty());

        let paths = problem_paths::<Params>(json!({"networks": [
            {"name": "Broken", "prefixes": ["4x", "22-2"], "lengths": [25]},
            {"name": "Empty", "prefixes": [], "lengths": []}
        ]}));
        assert_eq!(
            paths,
            vec![
                "/networks/0/prefixes/0",
                "/networks/0/prefixes/1",
                "/networks/0/lengths/0",
                "/networks/1/prefixes",
                "/networks/1/lengths"
            ]
        );
    }

    #[test]
    fn luhn_matches_known_values() {
        assert!(luhn_valid(b"79927398713"));
        assert!(!luhn_valid(b"79927398710"));
        assert!(!luhn_valid(b""));
    }

    proptest! {
        #[test]
        fn searching_number_runs_finds_what_the_whole_text_search_finds(
            text in "([0-9]{1,6}|[ -]|[a-zä.,/]{1,3})*"
        ) {
            let doc = Document::new(&text);
            let in_runs: Vec<_> = card_matches(&doc).collect();
            let whole: Vec<_> = CARD.find_iter(&text).map(|m| m.range()).collect();
            prop_assert_eq!(in_runs, whole);
        }
    }
}
