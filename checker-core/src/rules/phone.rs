//! `phone`: telephone numbers in a post (category `personal-data`).
//!
//! ## What it checks
//! Finds numbers with the shape of a phone number:
//! - international: `+49 40 1234567`, `+44 20 7946 0958`, `+49 (0)40 1234567`,
//!   `0049 40 1234567`;
//! - German national: `040 1234567`, `0171-1234567`, `040/1234567`,
//!   `(040) 1234567`, `(0)40 1234567` — an area code of 3 to 6 digits
//!   starting with `0`, then the subscriber number.
//!
//! Any other run of digits of phone length (`min_digits` to `max_digits`,
//! e.g. `1234567`) is reported only when a context word (`context_words`:
//! Tel., Telefon, Handy, mobile, call me …) stands within `context_window`
//! characters; short numbers (below `min_digits_without_context`) need one
//! too. A nearer word from `exclude_words` (Bestellnummer, invoice, ISBN …)
//! says the number is something else and silences it.
//!
//! Dates (`27.11.2026`, `2026-11-27`, `05-11-2026`), times (`14:30`), amounts
//! (`1.234.567 €`, `$1,250,000`), years, version numbers (`v2.10.3`), and
//! numbers glued to letters or `#` (`order #1234567`) are never phone numbers.
//! Numbers in `allow` and the `phone` of every contact in the organization
//! section are official and not reported, nor are service numbers starting
//! with a prefix in `allow_prefixes` (toll-free hotlines such as `0800 …`).
//!
//! ## Why it matters
//! A private or colleague's phone number in a public post invites spam calls
//! and scams, and is personal data that its owner did not agree to publish.
//!
//! ## Example
//! ```text
//! Meldet euch gern direkt bei mir: 0171 1234567
//! ```
//!
//! ## Fix
//! Remove the number; offer a direct message or an official contact instead.

use serde::Deserialize;

use super::detector_support::{default_at, nearest_keyword, ContextWords, KeywordHit, Polarity};
use super::CompileEnv;
use super::{CompileKind, Hit, RuleKind};
use crate::context::CheckContext;
use crate::document::Document;
use crate::problem::Problem;
use crate::text::segment::{char_after, char_before, is_word_char};

/// Parameters of the `phone` kind.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Params {
    /// Words that announce a phone number (matched as whole words, ASCII
    /// letters case-insensitively), e.g. `Tel.`, `Handy`, `call me`.
    #[serde(default = "default_context_words")]
    pub context_words: Vec<String>,
    /// Words that say a number is something else, e.g. `Bestellnummer`,
    /// `invoice`, `ISBN`. The keyword nearest to a number wins.
    #[serde(default = "default_exclude_words")]
    pub exclude_words: Vec<String>,
    /// How many characters away from a number a keyword still counts.
    #[serde(default = "default_context_window")]
    pub context_window: usize,
    /// The fewest digits a phone number has.
    #[serde(default = "default_min_digits")]
    pub min_digits: usize,
    /// The most digits a phone number has (E.164 allows 15).
    #[serde(default = "default_max_digits")]
    pub max_digits: usize,
    /// Numbers with fewer digits than this are reported only with a context
    /// word, whatever their shape (`0815-4711`).
    #[serde(default = "default_min_digits_without_context")]
    pub min_digits_without_context: usize,
    /// Numbers that may be posted, e.g. the switchboard. Compared by their
    /// digits, so `+49 40 555 0100` also allows `040 5550100`. The phone of
    /// every organization contact is added automatically.
    #[serde(default)]
    pub allow: Vec<String>,
    /// Prefixes of business service numbers that name no person, compared
    /// on `+` and digits only: e.g. `0800` (toll-free), `+49180`, `+1800`.
    #[serde(default = "default_allow_prefixes")]
    pub allow_prefixes: Vec<String>,
}

fn default_context_words() -> Vec<String> {
    default_at("/phone/context_words")
}
fn default_exclude_words() -> Vec<String> {
    default_at("/phone/exclude_words")
}
fn default_allow_prefixes() -> Vec<String> {
    default_at("/phone/allow_prefixes")
}
fn default_context_window() -> usize {
    40
}
fn default_min_digits() -> usize {
    7
}
fn default_max_digits() -> usize {
    15
}
fn default_min_digits_without_context() -> usize {
    9
}

impl CompileKind for Params {
    fn compile(self, env: &mut CompileEnv<'_>) -> Result<Box<dyn RuleKind>, Vec<Problem>> {
        let mut problems = Vec::new();
        let keywords = match ContextWords::new(
            &self.context_words,
            "context_words",
            &self.exclude_words,
            "exclude_words",
        ) {
            Ok(keywords) => Some(keywords),
            Err(found) => {
                problems.extend(found);
                None
            }
        };
        if self.min_digits == 0 || self.min_digits > self.max_digits {
            problems.push(Problem {
                path: "/min_digits".into(),
                message: format!(
                    "`min_digits` ({}) must be at least 1 and at most `max_digits` ({})",
                    self.min_digits, self.max_digits
                ),
                hint: Some("the defaults are 7 and 15".into()),
            });
        }
        let mut allowed = Vec::new();
        for (index, number) in self.allow.iter().enumerate() {
            match significant_digits(number) {
                Some(digits) => allowed.push(digits),
                None => problems.push(Problem {
                    path: format!("/allow/{index}"),
                    message: format!("`{number}` has too few digits to be a phone number"),
                    hint: None,
                }),
            }
        }
        let mut allowed_prefixes = Vec::new();
        for (index, prefix) in self.allow_prefixes.iter().enumerate() {
            let compact = compact_number(prefix);
            if compact.len() < 2 {
                problems.push(Problem {
                    path: format!("/allow_prefixes/{index}"),
                    message: format!(
                        "`{prefix}` is too short a prefix: it would allow almost every number"
                    ),
                    hint: Some("write at least the service code, e.g. `0800`".into()),
                });
            } else {
                allowed_prefixes.push(compact);
            }
        }
        allowed.extend(
            env.organization
                .contacts
                .values()
                .filter_map(|contact| contact.phone.as_deref())
                .filter_map(significant_digits),
        );
        match keywords {
            Some(keywords) if problems.is_empty() => Ok(Box::new(Phone {
                keywords,
                context_window: self.context_window,
                min_digits: self.min_digits,
                max_digits: self.max_digits,
                min_digits_without_context: self.min_digits_without_context,
                allowed,
                allowed_prefixes,
            })),
            _ => Err(problems),
        }
    }
}

#[derive(Debug)]
struct Phone {
    keywords: ContextWords,
    context_window: usize,
    min_digits: usize,
    max_digits: usize,
    min_digits_without_context: usize,
    /// Allowed numbers as digits without country code prefix or trunk zero.
    allowed: Vec<String>,
    /// Service number prefixes, as `+` and digits.
    allowed_prefixes: Vec<String>,
}

/// A run of digits, or digits in parentheses, inside a candidate.
#[derive(Clone, Copy, Debug)]
struct Group {
    start: usize,
    end: usize,
    in_parentheses: bool,
}

/// How sure the shape alone makes us.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shape {
    /// `+49 …`, `0049 40 …`, `040 1234567`: reported unless contradicted.
    Phone,
    /// Digits of phone length: reported only with a context word.
    Digits,
}

/// Longest candidate parsed at one place; keeps the scan linear.
const MAX_GROUPS: usize = 8;

/// Country code plus subscriber number: even small countries reach 8 digits.
const MIN_INTERNATIONAL_DIGITS: usize = 8;

/// German numbers with trunk zero have at most 12 digits (13 with an
/// extension digit); longer runs are account or order numbers.
const MAX_NATIONAL_DIGITS: usize = 13;

impl RuleKind for Phone {
    fn check(&self, doc: &Document<'_>, _context: &CheckContext, hits: &mut Vec<Hit>) {
        let text = doc.text;
        let bytes = text.as_bytes();
        // Keywords are looked up only once a candidate turns up.
        let mut keywords: Option<Vec<KeywordHit>> = None;
        let mut groups = Vec::with_capacity(MAX_GROUPS);
        let mut position = 0;
        while let Some(start) = next_candidate(doc, position) {
            position = start;
            if !left_boundary_ok(text, position) {
                position = skip_number(bytes, position);
                continue;
            }
            let plus = parse_groups(bytes, position, &mut groups);
            let Some(first_end) = groups.first().map(|group| group.end) else {
                position += 1;
                continue;
            };
            let glued = continues_number(text, position);
            // The longest prefix of the groups with a phone shape, else the
            // longest with phone length: "040 1234567 / 0171 1234567" is two
            // numbers, not one of 22 digits.
            let mut best: Option<(Shape, usize)> = None;
            for count in (1..=groups.len()).rev() {
                if !right_boundary_ok(text, groups[count - 1].end) {
                    continue;
                }
                let Some(shape) = self.shape(text, plus, &groups[..count], glued) else {
                    continue;
                };
                if best.is_none()
                    || (shape == Shape::Phone && best.is_some_and(|(s, _)| s != Shape::Phone))
                {
                    best = Some((shape, count));
                }
                if shape == Shape::Phone {
                    break;
                }
            }
            let Some((shape, count)) = best else {
                // No prefix can be a phone number: try again after the
                // first group, where one may start ("2026 +49 40 1234567").
                position = first_end;
                continue;
            };
            let range = position..groups[count - 1].end;
            let keywords = keywords.get_or_insert_with(|| self.keywords.find_all(text));
            let confident = shape == Shape::Phone
                && count_digits(&text[range.clone()]) >= self.min_digits_without_context;
            let reported = match nearest_keyword(text, keywords, &range, self.context_window) {
                Some(Polarity::Contradicts) => false,
                Some(Polarity::Supports) => true,
                None => confident,
            };
            if reported && !self.is_allowed(&text[range.clone()]) {
                hits.push(Hit::at(range.clone()));
            }
            position = range.end;
        }
    }
}

impl Phone {
    /// The shape of `groups` (the first starting right after `+` when `plus`),
    /// or `None` when they cannot be a phone number at all.
    fn shape(&self, text: &str, plus: bool, groups: &[Group], glued: bool) -> Option<Shape> {
        let group_digits = |group: &Group| {
            let inner = &text[group.start..group.end];
            inner.trim_start_matches('(').trim_end_matches(')')
        };
        let is_trunk = |group: &Group| group.in_parentheses && group_digits(group) == "0";
        let digits: usize = groups
            .iter()
            .filter(|group| !(plus && is_trunk(group)))
            .map(|group| group_digits(group).len())
            .sum();
        let first = group_digits(&groups[0]);

        if plus {
            return (digits >= self.min_digits.max(MIN_INTERNATIONAL_DIGITS)
                && digits <= self.max_digits)
                .then_some(Shape::Phone);
        }
        if looks_like_date(text, groups) || looks_like_years(text, groups) {
            return None;
        }
        let international =
            first.len() > 2 && first.starts_with("00") && first.as_bytes()[2] != b'0';
        if international {
            let without_prefix = digits - 2;
            if without_prefix < self.min_digits.max(MIN_INTERNATIONAL_DIGITS)
                || without_prefix > self.max_digits
            {
                return None;
            }
            return Some(if groups.len() >= 2 && !glued {
                Shape::Phone
            } else {
                Shape::Digits
            });
        }
        if digits < self.min_digits || digits > self.max_digits {
            return None;
        }
        let area_code_len = if is_trunk(&groups[0]) {
            groups.get(1).map(|group| 1 + group_digits(group).len())
        } else if first.len() >= 2 && first.starts_with('0') && first.as_bytes()[1] != b'0' {
            Some(first.len())
        } else {
            None
        };
        let national = groups.len() >= 2
            && !glued
            && digits <= MAX_NATIONAL_DIGITS
            && area_code_len.is_some_and(|len| (3..=6).contains(&len));
        Some(if national {
            Shape::Phone
        } else {
            Shape::Digits
        })
    }

    fn is_allowed(&self, number: &str) -> bool {
        let compact = compact_number(number);
        if self
            .allowed_prefixes
            .iter()
            .any(|prefix| compact.starts_with(prefix.as_str()))
        {
            return true;
        }
        let Some(digits) = significant_digits(number) else {
            return false;
        };
        self.allowed
            .iter()
            .any(|allowed| same_number(allowed, &digits))
    }
}

/// Where the next candidate starts at or after `from`: where a run of
/// digits starts, or at `+` or `(` before one. Found from the document's
/// digit runs, which are rare in prose.
fn next_candidate(doc: &Document<'_>, from: usize) -> Option<usize> {
    let bytes = doc.text.as_bytes();
    let digit = doc.next_digit_run(from)?;
    Some(match digit.checked_sub(1) {
        Some(before) if before >= from && matches!(bytes[before], b'+' | b'(') => before,
        _ => digit,
    })
}

/// Parses digit groups from `start` (at `+`, `(` or a digit): groups of digits
/// or `(digits)`, joined by one space, `-`, `–` or `/` (optionally with single
/// spaces around the dash or slash). Dots, colons and commas end a candidate:
/// they belong to dates, times, amounts and versions.
/// Returns whether the candidate starts with `+`.
fn parse_groups(bytes: &[u8], start: usize, groups: &mut Vec<Group>) -> bool {
    groups.clear();
    let plus = bytes[start] == b'+';
    let mut position = if plus { start + 1 } else { start };
    while groups.len() < MAX_GROUPS {
        let Some(group) = parse_group(bytes, position) else {
            break;
        };
        groups.push(group);
        let Some(next) = parse_separator(bytes, group.end, group.in_parentheses) else {
            break;
        };
        position = next;
    }
    plus
}

fn parse_group(bytes: &[u8], position: usize) -> Option<Group> {
    let digits_end = |from: usize| {
        let mut end = from;
        while bytes.get(end).is_some_and(u8::is_ascii_digit) {
            end += 1;
        }
        end
    };
    match bytes.get(position)? {
        b'(' => {
            let end = digits_end(position + 1);
            let count = end - position - 1;
            ((1..=5).contains(&count) && bytes.get(end) == Some(&b')')).then_some(Group {
                start: position,
                end: end + 1,
                in_parentheses: true,
            })
        }
        byte if byte.is_ascii_digit() => Some(Group {
            start: position,
            end: digits_end(position),
            in_parentheses: false,
        }),
        _ => None,
    }
}

/// Where the next group starts if a separator follows `position`.
fn parse_separator(bytes: &[u8], position: usize, after_parentheses: bool) -> Option<usize> {
    let starts_group = |at: usize| {
        bytes
            .get(at)
            .is_some_and(|byte| byte.is_ascii_digit() || *byte == b'(')
    };
    let space_at = |at: usize| -> usize {
        match bytes.get(at..at + 2) {
            Some([0xC2, 0xA0]) => 2,
            _ if bytes.get(at) == Some(&b' ') => 1,
            _ => 0,
        }
    };
    let dash_at = |at: usize| -> usize {
        match bytes.get(at) {
            Some(b'-' | b'/') => 1,
            Some(0xE2) if bytes.get(at + 1..at + 3) == Some(&[0x80, 0x93]) => 3,
            _ => 0,
        }
    };
    // `(0)40` and `+49(0)40`: parentheses need no separator.
    if bytes.get(position) == Some(&b'(') || (after_parentheses && starts_group(position)) {
        return starts_group(position).then_some(position);
    }
    let mut at = position;
    let leading_space = space_at(at);
    at += leading_space;
    let dash = dash_at(at);
    if dash > 0 {
        at += dash;
        at += space_at(at);
    } else if leading_space == 0 {
        return None;
    }
    starts_group(at).then_some(at)
}

/// A number can start at `position` only if it is not the tail of a word,
/// a code (`#123`, `/123`, `=123`), an amount (`$1`, `€1`) or another number
/// (`12.345`, `2026-11`, `14:30`).
fn left_boundary_ok(text: &str, position: usize) -> bool {
    let Some(previous) = char_before(text, position) else {
        return true;
    };
    if is_word_char(previous)
        || matches!(
            previous,
            '#' | '/' | '@' | '$' | '€' | '£' | '¥' | '%' | '&' | '=' | '+' | '*'
        )
    {
        return false;
    }
    if matches!(previous, '.' | ',' | '-' | '–' | ':') {
        // `12.345`, `2026-11`, `14:30` continue a number; `ABC-1234567` is a code.
        let before = char_before(text, position - previous.len_utf8());
        let code = matches!(previous, '-' | '–') && before.is_some_and(is_word_char);
        return !code && !before.is_some_and(|c| c.is_ascii_digit());
    }
    true
}

/// The number may end at `end` only if no letter, digit, unit or further
/// number part follows (`1234567 €`, `12.5`, `40123456x`).
fn right_boundary_ok(text: &str, end: usize) -> bool {
    let Some(next) = char_after(text, end) else {
        return true;
    };
    if is_word_char(next) || matches!(next, '%' | '€' | '$' | '£' | '¥' | '@' | '°') {
        return false;
    }
    if matches!(next, '.' | ',' | ':' | '-' | '–' | '/') {
        let after = char_after(text, end + next.len_utf8());
        if after.is_some_and(|c| c.is_ascii_digit()) {
            return false;
        }
    }
    // An amount with its currency after a space: `1 234 567 €`.
    let rest = &text[end..];
    let rest = rest
        .strip_prefix(' ')
        .or_else(|| rest.strip_prefix('\u{a0}'))
        .unwrap_or(rest);
    !rest.starts_with(['€', '$', '£', '%'])
}

/// Whether `position` continues a number glued by a space or dash, as the
/// groups of an IBAN or card number do (`DE89 3704 0044 …`).
fn continues_number(text: &str, position: usize) -> bool {
    match char_before(text, position) {
        Some(separator @ (' ' | '\u{a0}' | '-' | '–')) => {
            char_before(text, position - separator.len_utf8()).is_some_and(|c| c.is_ascii_digit())
        }
        _ => false,
    }
}

/// Moves past the digits that start at `position`, so that the scan does
/// not restart inside a number it has rejected.
fn skip_number(bytes: &[u8], position: usize) -> usize {
    let mut end = position + 1;
    while bytes.get(end).is_some_and(u8::is_ascii_digit) {
        end += 1;
    }
    end
}

/// `27-11-2026`, `5/11/26`, `2026-11-27`, `27 11 2026`: day, month and year
/// in either order.
fn looks_like_date(text: &str, groups: &[Group]) -> bool {
    if groups.len() != 3 || groups.iter().any(|group| group.in_parentheses) {
        return false;
    }
    let parts: Vec<&str> = groups
        .iter()
        .map(|group| &text[group.start..group.end])
        .collect();
    let value = |part: &str| part.parse::<u32>().unwrap_or(u32::MAX);
    let day_month = |day: &str, month: &str| {
        day.len() <= 2
            && month.len() <= 2
            && (1..=31).contains(&value(day))
            && (1..=12).contains(&value(month))
    };
    let year = |part: &str| part.len() == 2 || part.len() == 4;
    (day_month(parts[0], parts[1]) && year(parts[2]))
        || (parts[0].len() == 4 && day_month(parts[2], parts[1]))
        || (parts[2].len() == 4 && day_month(parts[1], parts[0]))
}

/// `2024 2025 2026`: a list of years.
fn looks_like_years(text: &str, groups: &[Group]) -> bool {
    groups.iter().all(|group| {
        let part = &text[group.start..group.end];
        part.len() == 4 && (part.starts_with("19") || part.starts_with("20"))
    })
}

fn count_digits(text: &str) -> usize {
    text.bytes().filter(u8::is_ascii_digit).count()
}

/// The digits of a number without its international prefix (`+`, `00`), a
/// trunk `(0)` and leading zeros; `None` below 6 digits.
fn significant_digits(number: &str) -> Option<String> {
    let without_trunk = number.replace("(0)", "");
    let digits: String = without_trunk.chars().filter(char::is_ascii_digit).collect();
    let digits = digits.trim_start_matches('0').to_owned();
    (digits.len() >= 6).then_some(digits)
}

/// `+` and the digits of a number, without a trunk `(0)`: `+49 (0)800 123`
/// becomes `+49800123`.
fn compact_number(number: &str) -> String {
    number
        .replace("(0)", "")
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '+')
        .collect()
}

/// Two numbers are the same when one ends with the other and the difference
/// is at most a country code (1 to 3 digits).
fn same_number(a: &str, b: &str) -> bool {
    let (longer, shorter) = if a.len() >= b.len() { (a, b) } else { (b, a) };
    longer.ends_with(shorter) && longer.len() - shorter.len() <= 3
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::{Contact, Organization};
    use crate::rules::kind_harness::{check, compile, compile_with, problem_paths, quotes_in};
    use proptest::prelude::*;
    use serde_json::json;
    use std::ops::Range;

    fn defaults() -> Box<dyn RuleKind> {
        compile::<Params>(json!({})).expect("parameters compile")
    }

    /// The ranges reported, for tests.
    fn found(kind: &dyn RuleKind, text: &str) -> Vec<Range<usize>> {
        check(kind, text, &CheckContext::default())
            .into_iter()
            .filter_map(|hit| hit.range)
            .collect()
    }

    fn assert_flags(text: &str, expected: &[&str]) {
        let kind = defaults();
        assert_eq!(quotes_in(kind.as_ref(), text), expected, "in {text:?}");
    }

    fn assert_silent(text: &str) {
        assert_flags(text, &[]);
    }

    #[test]
    fn international_numbers() {
        assert_flags("Erreichbar unter +49 40 1234567.", &["+49 40 1234567"]);
        assert_flags(
            "Call our London desk +44 20 7946 0958!",
            &["+44 20 7946 0958"],
        );
        assert_flags("Mein Büro: +49 (0)40 1234567", &["+49 (0)40 1234567"]);
        assert_flags("Oder 0049 40 1234567 aus dem Ausland", &["0049 40 1234567"]);
        assert_flags("+491711234567", &["+491711234567"]);
        assert_flags("+49-171-1234567 (privat)", &["+49-171-1234567"]);
        assert_flags("Call +1 (555) 123-4567", &["+1 (555) 123-4567"]);
        assert_flags("Seit 2026 +49 40 1234567", &["+49 40 1234567"]);
    }

    #[test]
    fn german_national_numbers() {
        assert_flags("Meldet euch: 040 1234567", &["040 1234567"]);
        assert_flags("Ich bin unter 0171-1234567 zu erreichen", &["0171-1234567"]);
        assert_flags("Büro 040/1234567, danke", &["040/1234567"]);
        assert_flags("(040) 1234567 ab 9 Uhr", &["(040) 1234567"]);
        assert_flags("Durchwahl (0)40 1234567", &["(0)40 1234567"]);
        assert_flags("030 123 456 78", &["030 123 456 78"]);
        assert_flags("Meeting? 0151 / 23456789", &["0151 / 23456789"]);
    }

    #[test]
    fn two_numbers_in_a_row_are_two_hits() {
        assert_flags(
            "Tel.: 040 1234567 / 0171 1234567",
            &["040 1234567", "0171 1234567"],
        );
    }

    #[test]
    fn bare_digits_need_a_context_word() {
        assert_flags("Ruf mich an: 1234567", &["1234567"]);
        assert_flags("Handy 01711234567", &["01711234567"]);
        assert_flags("WhatsApp me on 555 123 4567", &["555 123 4567"]);
        assert_flags("call me at (555) 123-4567", &["(555) 123-4567"]);
        assert_flags("12345678 (mobile)", &["12345678"]);
        assert_silent("Wir haben 1234567 Downloads erreicht");
        assert_silent("We reached 12345678 users this year");
        assert_silent("01711234567");
        // A short number of phone shape is too ambiguous without context.
        assert_silent("Siehe Vorgang 0815-4711");
        assert_flags("Tel. 0815-4711", &["0815-4711"]);
    }

    #[test]
    fn dates_and_times_are_not_phone_numbers() {
        for text in [
            "Am 27.11.2026 um 14:30 Uhr geht es los.",
            "Launch on 2026-11-27 at 09:00.",
            "Termin: 05-11-2026, 10:15–11:45",
            "Deadline 11/27/2026",
            "Telefonkonferenz am 27.11.2026 um 14:30",
            "Call me on 2026-11-27 at 14:30",
            "Tel. Sprechstunde 27 11 2026",
        ] {
            assert_silent(text);
        }
    }

    #[test]
    fn order_and_invoice_numbers_are_not_phone_numbers() {
        for text in [
            "Bestellnummer 40123456",
            "Bestellnummer 0401234567 ist unterwegs",
            "Your order #1234567 has shipped",
            "order number 0401234567",
            "invoice 2026-0042 is paid",
            "Rechnung 2026-0042 vom 27.11.2026",
            "Kundennummer: 0171 1234567",
            "Tel. Rückfragen zur Rechnungsnummer 12345678",
        ] {
            assert_silent(text);
        }
    }

    #[test]
    fn amounts_years_versions_and_codes_are_not_phone_numbers() {
        for text in [
            "Umsatz: 1.234.567 € im Quartal",
            "We raised $1,250,000 in seed funding",
            "Budget 1 234 567 € (Telefonie-Projekt)",
            "Handy-Verträge 2024 2025 2026 im Vergleich",
            "Von 1990 bis 2026",
            "Release v2.10.3 ist da, Build 20261127",
            "ISBN 978-3-16-148410-0",
            "Phone ISBN 978-3-16-148410-0",
            "Ticket ABC-1234567",
            "https://acme.example/orders/0401234567",
            "Postleitzahl 01067 Dresden",
            "Mobile: 12,5 % mehr Umsatz",
        ] {
            assert_silent(text);
        }
    }

    #[test]
    fn iban_and_card_groups_are_not_phone_numbers() {
        assert_silent("IBAN DE89 3704 0044 0532 0130 00");
        assert_silent("Spenden an DE89 3704 0044 0532 0130 00");
        assert_silent("Karte 4111 1111 1111 1111");
    }

    #[test]
    fn official_numbers_are_allowed() {
        let mut organization = Organization::default();
        organization.contacts.insert(
            "press".into(),
            Contact {
                phone: Some("+49 40 555 0100".into()),
                ..Contact::default()
            },
        );
        let kind = compile_with::<Params>(json!({"allow": ["040 5551234"]}), &organization)
            .expect("parameters compile");
        assert!(quotes_in(kind.as_ref(), "Presse: 040 5550100").is_empty());
        assert!(quotes_in(kind.as_ref(), "Presse: +49 40 5550100").is_empty());
        assert!(quotes_in(kind.as_ref(), "Zentrale 040 5551234").is_empty());
        // Toll-free and service numbers are no one's private number.
        assert!(quotes_in(kind.as_ref(), "Hotline 0800 1234567").is_empty());
        assert!(quotes_in(kind.as_ref(), "Service: +49 180 5123456").is_empty());
        assert!(quotes_in(kind.as_ref(), "Call +1 800 555 0199").is_empty());
        assert_eq!(
            quotes_in(kind.as_ref(), "Privat: 040 5550199"),
            vec!["040 5550199"]
        );
    }

    #[test]
    fn parameters_change_behaviour_and_are_validated() {
        let strict = compile::<Params>(json!({"context_words": ["Zentrale"], "exclude_words": []}))
            .expect("parameters compile");
        assert_eq!(
            quotes_in(strict.as_ref(), "Zentrale 1234567"),
            vec!["1234567"]
        );
        assert!(quotes_in(strict.as_ref(), "Handy 1234567").is_empty());

        let paths = problem_paths::<Params>(
            json!({"context_words": ["Tel", ""], "min_digits": 20, "allow": ["12"], "allow_prefixes": ["0"]}),
        );
        assert_eq!(
            paths,
            vec![
                "/context_words/1",
                "/min_digits",
                "/allow/0",
                "/allow_prefixes/0"
            ]
        );
    }

    proptest! {
        #[test]
        fn candidates_are_found_where_a_byte_by_byte_scan_finds_them(
            text in "[0-9+( a-zä:.)\u{a0}-]{0,40}",
            from in 0usize..45,
        ) {
            let bytes = text.as_bytes();
            let starts_candidate = |at: usize| {
                (bytes[at].is_ascii_digit() && (at == 0 || !bytes[at - 1].is_ascii_digit()))
                    || (matches!(bytes[at], b'+' | b'(')
                        && bytes.get(at + 1).is_some_and(u8::is_ascii_digit))
            };
            let bytewise = (from..bytes.len()).find(|&at| starts_candidate(at));
            prop_assert_eq!(next_candidate(&Document::new(&text), from), bytewise);
        }
    }

    #[test]
    fn ranges_are_byte_ranges_in_text_with_umlauts() {
        let kind = defaults();
        let text = "Grüße aus Köln – ruf mich an: 0221 9876543 😊";
        let ranges = found(kind.as_ref(), text);
        assert_eq!(ranges.len(), 1);
        assert_eq!(&text[ranges[0].clone()], "0221 9876543");
    }
}
