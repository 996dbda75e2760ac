//! `substitute`: wrong spellings and the right ones.
//!
//! ## What it checks
//!
//! Two kinds of lists:
//!
//! - `replacements`: `{"from": ["e-mail", "Email"], "to": "E-Mail"}`. Each
//!   occurrence of a `from` term is flagged with `to` as the fix. By default
//!   the fix keeps the case pattern of what was written (`MAIL` → `E-MAIL`,
//!   a capitalized sentence start stays capitalized); set `"keep_case":
//!   false` to insert `to` exactly.
//! - `spellings`: official spellings, e.g. `["Acme", "ACME GmbH"]` or
//!   `[{"organization": "mentions"}]`. Any occurrence that matches one of
//!   them loosely (other case, look-alike letters, spaced out) but is not
//!   exactly one of them is flagged, with the official spelling as the fix.
//!   An all-caps official alias (`ACME GmbH`) is therefore fine as written.
//!
//!   Two common slips are caught beyond that, for official spellings that
//!   are one word of letters (`Lotsenwerk`, `DockPilot`, not `@acme` or
//!   `Acme Corp`):
//!   - **split names:** the name written as two words joined by a single
//!     space or hyphen, at any inner position (`Dock-Pilot`, `Lotsen Werk`).
//!     To keep ordinary phrases out (`the dock pilot`), the written form must
//!     start with the name's own first-letter case, and both parts need at
//!     least two letters; names shorter than five letters are not split.
//!   - **one letter off:** names of eight letters or more also match a word
//!     within Damerau-Levenshtein distance 1 (`Lotzenwerk`, `Lostenwerk`)
//!     that starts with the name's first-letter case. Not when the word
//!     starts with the name (`Lotsenwerks`, an inflection), or is itself one
//!     of the official spellings. The case condition keeps ordinary words
//!     out when a product is named after one (`Explorer`, but `we explored
//!     it`). Names under eight letters are not matched this way: too many
//!     real words are one letter away from them.
//!
//!   Cost: one pass over the words of the post. A word pair is compared
//!   with a name only when their lengths add up to the name's, a word only
//!   when its length is within one of the name's and its first letter has
//!   the name's case; the comparison is a linear scan (is it exactly one
//!   edit away?), not a full distance matrix.
//!
//! Spelling conventions do not apply to addresses: a match inside a URL, an
//! e-mail address, a domain (`www.acme.example`, `wiki.acme.internal`) or an
//! @handle is not flagged, because those are written in lower case by
//! convention. A term that is itself a handle (`@acme`) is still checked.
//! Nor do they apply to a part of a CamelCase hashtag (`Kranich` in
//! `#KranichTeam`): a hashtag capitalizes its parts its own way.
//!
//! ## Why it matters
//!
//! A brand name spelled wrong by its own employees looks careless, and a
//! wrong handle sends readers to someone else's account.
//!
//! ## Example
//!
//! ```json
//! {"id": "acme.brand", "kind": "substitute", "category": "brand",
//!  "message": {"en": "We write “{replacement}”."},
//!  "explanation": {"en": "Consistent spelling is part of the brand."},
//!  "spellings": ["Acme", "Roadrunner"]}
//! ```
//!
//! triggers on `I love my AcMe roadrunner` (two findings).
//!
//! ## Fix
//!
//! Replace the flagged span with the suggestion; only that span changes.

use std::ops::Range;

use serde::Deserialize;

use super::term_list::{self, TermList};
use super::CompileEnv;
use super::{CompileKind, Fix, Hit, RuleKind};
use crate::context::CheckContext;
use crate::document::Document;
use crate::policy::model::TermItem;
use crate::problem::{pointer, Problem};
use crate::text::lexicon::{MatchMode, TermMatch, TermOptions};
use crate::text::urls::has_domain_dot;

/// Parameters of a `substitute` rule.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Params {
    /// Wrong terms and what to write instead.
    #[serde(default)]
    pub replacements: Vec<Replacement>,
    /// Official spellings; other spellings of the same words are flagged.
    #[serde(default)]
    pub spellings: Vec<TermItem>,
    /// How terms match.
    #[serde(default, rename = "match")]
    pub match_mode: MatchMode,
}

/// One wrong → right pair.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Replacement {
    /// The wrong terms.
    pub from: Vec<String>,
    /// The right spelling.
    pub to: String,
    /// Adapt `to` to the case pattern of what was written.
    #[serde(default = "keep_case_default")]
    pub keep_case: bool,
}

fn keep_case_default() -> bool {
    true
}

impl CompileKind for Params {
    fn compile(self, env: &mut CompileEnv<'_>) -> Result<Box<dyn RuleKind>, Vec<Problem>> {
        if self.replacements.is_empty() && self.spellings.is_empty() {
            return Err(vec![Problem::new(
                "",
                "a substitute rule needs `replacements` or `spellings`",
            )
            .hint("add e.g. \"spellings\": [\"Acme\"]")]);
        }
        let options = TermOptions {
            mode: self.match_mode,
            case_sensitive: false,
        };
        let mut problems = Vec::new();
        let mut targets = Vec::new();
        let mut items = Vec::new();
        for (index, replacement) in self.replacements.iter().enumerate() {
            let path = pointer("/replacements", &index.to_string());
            if replacement.from.is_empty() {
                problems.push(Problem::new(
                    pointer(&path, "from"),
                    "an empty `from` list can never match",
                ));
            }
            if replacement.to.trim().is_empty() {
                problems.push(
                    Problem::new(pointer(&path, "to"), "the replacement is empty")
                        .hint("use a `terms` rule to flag words without a replacement"),
                );
            }
            for from in &replacement.from {
                items.push(TermItem::Plain(from.clone()));
                targets.push(Target {
                    to: replacement.to.clone(),
                    keep_case: replacement.keep_case,
                });
            }
        }
        let replacements = if items.is_empty() {
            None
        } else {
            // Registered as one flat list; re-point problems from the flat
            // index to `/replacements/i/from/j`.
            match term_list::register(&items, options, env, "") {
                Ok(list) => Some(list),
                Err(found) => {
                    problems.extend(found.into_iter().map(|problem| {
                        let flat: usize = problem.path.trim_start_matches('/').parse().unwrap_or(0);
                        let (pair, from) = locate_flat(&self.replacements, flat);
                        Problem {
                            path: format!("/replacements/{pair}/from/{from}"),
                            ..problem
                        }
                    }));
                    None
                }
            }
        };
        let spellings = if self.spellings.is_empty() {
            None
        } else {
            match term_list::register_keeping_texts(&self.spellings, options, env, "/spellings") {
                Ok(list) => Some(list),
                Err(found) => {
                    problems.extend(found);
                    None
                }
            }
        };
        if !problems.is_empty() {
            return Err(problems);
        }
        let one_word_names = spellings
            .as_ref()
            .map(|list| {
                list.texts()
                    .iter()
                    .filter(|text| text.chars().all(char::is_alphabetic))
                    .map(|text| OneWordName::new(text))
                    .collect()
            })
            .unwrap_or_default();
        Ok(Box::new(Substitute {
            replacements,
            targets,
            spellings,
            one_word_names,
        }))
    }
}

/// The pair and position of the `flat`-th `from` term.
fn locate_flat(replacements: &[Replacement], mut flat: usize) -> (usize, usize) {
    for (pair, replacement) in replacements.iter().enumerate() {
        if flat < replacement.from.len() {
            return (pair, flat);
        }
        flat -= replacement.from.len();
    }
    (0, 0)
}

#[derive(Debug)]
struct Target {
    to: String,
    keep_case: bool,
}

/// A compiled `substitute` rule.
#[derive(Debug)]
struct Substitute {
    replacements: Option<TermList>,
    /// One per entry of `replacements`.
    targets: Vec<Target>,
    spellings: Option<TermList>,
    /// The official spellings that are one word of letters, for split and
    /// one-letter-off matching.
    one_word_names: Vec<OneWordName>,
}

/// Shortest name that is matched when split in two.
const MIN_SPLIT_NAME_LETTERS: usize = 5;
/// Shortest part of a split name.
const MIN_SPLIT_PART_LETTERS: usize = 2;
/// Shortest name that is matched one letter off.
const MIN_FUZZY_NAME_LETTERS: usize = 8;

/// An official one-word spelling, prepared for loose matching.
#[derive(Debug)]
struct OneWordName {
    official: String,
    lowercase: Vec<char>,
    letters: usize,
    starts_upper: bool,
}

impl OneWordName {
    fn new(official: &str) -> OneWordName {
        let lowercase: Vec<char> = official.chars().flat_map(char::to_lowercase).collect();
        OneWordName {
            official: official.to_owned(),
            letters: lowercase.len(),
            lowercase,
            starts_upper: official.chars().next().is_some_and(char::is_uppercase),
        }
    }
}

/// A candidate finding before overlaps are resolved.
struct Candidate {
    range: Range<usize>,
    replacement: String,
    /// The term is itself an address (a handle), so it is checked inside
    /// addresses too.
    is_address_term: bool,
}

impl RuleKind for Substitute {
    fn check(&self, doc: &Document<'_>, _context: &CheckContext, hits: &mut Vec<Hit>) {
        let mut candidates = Vec::new();
        if let Some(list) = &self.replacements {
            for found in doc.term_matches(list.id).iter().filter(|m| !m.camel_part) {
                let Some(target) = self.targets.get(found.entry as usize) else {
                    continue;
                };
                let Some(written) = doc.text.get(found.range.clone()) else {
                    continue;
                };
                let replacement = if target.keep_case {
                    with_case_of(written, &target.to)
                } else {
                    target.to.clone()
                };
                candidates.push(Candidate {
                    range: found.range.clone(),
                    is_address_term: is_address_term(written),
                    replacement,
                });
            }
        }
        if let Some(list) = &self.spellings {
            let matches: Vec<&TermMatch> = doc
                .term_matches(list.id)
                .iter()
                .filter(|m| !m.camel_part)
                .collect();
            let mut index = 0;
            while index < matches.len() {
                // All official spellings that matched this same span.
                let range = matches[index].range.clone();
                let same: Vec<_> = matches[index..]
                    .iter()
                    .take_while(|m| m.range == range)
                    .collect();
                index += same.len();
                // The first listed spelling wins (the name before aliases).
                let first = same
                    .iter()
                    .min_by_key(|m| m.entry)
                    .and_then(|m| list.text(m.entry));
                if let Some(first) = first {
                    let Some(written) = doc.text.get(range.clone()) else {
                        continue;
                    };
                    let exact = same
                        .iter()
                        .filter_map(|m| list.text(m.entry))
                        .any(|text| text == written);
                    candidates.push(Candidate {
                        range,
                        // An exact spelling stays a candidate so that it
                        // covers the loose matches inside it.
                        replacement: if exact {
                            written.to_owned()
                        } else {
                            first.to_owned()
                        },
                        is_address_term: is_address_term(first),
                    });
                }
            }
            self.loose_name_candidates(doc.text, &mut candidates);
        }
        // Earlier first, longer first; a candidate inside an earlier one is
        // the same word found twice.
        candidates.sort_by_key(|c| (c.range.start, std::cmp::Reverse(c.range.end)));
        let mut covered_until = 0;
        for candidate in candidates {
            if candidate.range.start < covered_until {
                continue;
            }
            covered_until = candidate.range.end;
            let written = doc.text.get(candidate.range.clone());
            if written.is_none_or(|written| candidate.replacement == written) {
                continue;
            }
            if !candidate.is_address_term && in_address(doc, &candidate.range) {
                continue;
            }
            hits.push(fix_hit(candidate.range, candidate.replacement));
        }
    }
}

impl Substitute {
    /// Split names (`Dock-Pilot`) and names one letter off (`Lotzenwerk`),
    /// in one pass over the words of `text`.
    fn loose_name_candidates(&self, text: &str, candidates: &mut Vec<Candidate>) {
        if self.one_word_names.is_empty() {
            return;
        }
        let mut previous: Option<LetterWord> = None;
        for word in letter_words(text) {
            if let Some(before) = &previous {
                let separator = &text[before.range.end..word.range.start];
                if separator == " " || separator == "-" {
                    if let Some(name) = self.split_name(text, before, &word) {
                        candidates.push(Candidate {
                            range: before.range.start..word.range.end,
                            replacement: name.official.clone(),
                            is_address_term: false,
                        });
                    }
                }
            }
            if let Some(name) = self.name_one_letter_off(text, &word) {
                candidates.push(Candidate {
                    range: word.range.clone(),
                    replacement: name.official.clone(),
                    is_address_term: false,
                });
            }
            previous = Some(word);
        }
    }

    /// The official name that `first` and `second` spell together, compared
    /// letter by letter without allocating; most pairs already fail on their
    /// length.
    fn split_name(
        &self,
        text: &str,
        first: &LetterWord,
        second: &LetterWord,
    ) -> Option<&OneWordName> {
        if first.letters < MIN_SPLIT_PART_LETTERS || second.letters < MIN_SPLIT_PART_LETTERS {
            return None;
        }
        let joined = || {
            text[first.range.clone()]
                .chars()
                .chain(text[second.range.clone()].chars())
                .flat_map(char::to_lowercase)
        };
        self.one_word_names.iter().find(|name| {
            name.letters >= MIN_SPLIT_NAME_LETTERS
                && name.letters == first.letters + second.letters
                && name.starts_upper == first.starts_upper
                && joined().eq(name.lowercase.iter().copied())
        })
    }

    /// The official name `word` misses by one letter.
    fn name_one_letter_off(&self, text: &str, word: &LetterWord) -> Option<&OneWordName> {
        let near = || {
            self.one_word_names.iter().filter(|name| {
                name.letters >= MIN_FUZZY_NAME_LETTERS
                    && name.letters.abs_diff(word.letters) <= 1
                    && name.starts_upper == word.starts_upper
            })
        };
        // Length and case filter first: almost every word ends here, before
        // anything is lower-cased or compared.
        near().next()?;
        let lowercase: Vec<char> = text[word.range.clone()]
            .chars()
            .flat_map(char::to_lowercase)
            .collect();
        if self
            .one_word_names
            .iter()
            .any(|name| name.lowercase == lowercase)
        {
            return None;
        }
        near().find(|name| {
            !lowercase.starts_with(&name.lowercase) && one_edit_apart(&lowercase, &name.lowercase)
        })
    }
}

/// Whether `a` and `b` differ by exactly one edit: a letter changed,
/// inserted or removed, or two neighbours swapped (Damerau-Levenshtein
/// distance 1). Written out because only "exactly one" is needed, which
/// takes one linear scan, while `strsim` computes the whole distance matrix
/// (and its Damerau variant allocates a map) for every word compared.
fn one_edit_apart(a: &[char], b: &[char]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let first_difference = short
        .iter()
        .zip(long)
        .position(|(x, y)| x != y)
        .unwrap_or(short.len());
    match long.len() - short.len() {
        0 if first_difference == short.len() => false,
        0 => {
            let at = first_difference;
            let changed = short[at + 1..] == long[at + 1..];
            let swapped = at + 1 < short.len()
                && short[at] == long[at + 1]
                && short[at + 1] == long[at]
                && short[at + 2..] == long[at + 2..];
            changed || swapped
        }
        1 => short[first_difference..] == long[first_difference + 1..],
        _ => false,
    }
}

/// A run of letters.
struct LetterWord {
    range: Range<usize>,
    letters: usize,
    starts_upper: bool,
}

/// The runs of letters of `text`, in order.
fn letter_words(text: &str) -> impl Iterator<Item = LetterWord> + '_ {
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        let (start, first) = chars.find(|(_, c)| c.is_alphabetic())?;
        let mut word = LetterWord {
            range: start..start + first.len_utf8(),
            letters: 1,
            starts_upper: first.is_uppercase(),
        };
        while let Some((at, c)) = chars.next_if(|(_, c)| c.is_alphabetic()) {
            word.range.end = at + c.len_utf8();
            word.letters += 1;
        }
        Some(word)
    })
}

/// Whether a term is itself written as an address (`@acme`, `acme.com`).
fn is_address_term(term: &str) -> bool {
    term.starts_with('@') || looks_like_address(term)
}

/// Whether `range` lies inside a URL, e-mail address, domain or @handle.
fn in_address(doc: &Document<'_>, range: &Range<usize>) -> bool {
    if doc
        .urls()
        .iter()
        .any(|url| url.range.start <= range.start && range.end <= url.range.end)
    {
        return true;
    }
    // The white-space separated token around the range, without the
    // punctuation prose puts around it.
    let text = doc.text;
    let (Some(before), Some(after)) = (text.get(..range.start), text.get(range.end..)) else {
        return false;
    };
    let token_start = before
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(at, c)| at + c.len_utf8());
    let token_end = after
        .find(char::is_whitespace)
        .map_or(text.len(), |at| range.end + at);
    let token = text
        .get(token_start..token_end)
        .unwrap_or_default()
        .trim_matches(|c: char| !(c.is_alphanumeric() || c == '@' || c == '/'));
    token.starts_with('@') || looks_like_address(token)
}

/// An e-mail address, a URL or a domain: `@` inside, `://`, or a dot
/// between a letter or digit and a letter (`acme.example/jobs`).
fn looks_like_address(token: &str) -> bool {
    if token.contains('@') || token.contains("://") {
        return true;
    }
    has_domain_dot(token)
}

fn fix_hit(range: Range<usize>, replacement: String) -> Hit {
    Hit {
        range: Some(range.clone()),
        fixes: vec![Fix {
            replacement,
            range: Some(range),
        }],
        level: None,
    }
}

/// `replacement` in the case pattern of `written`: all caps stays all caps,
/// a capital first letter stays capital; otherwise `replacement` as given
/// (so `email` → `E-Mail` keeps the noun's capital).
fn with_case_of(written: &str, replacement: &str) -> String {
    let letters: Vec<char> = written.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() > 1 && letters.iter().all(|c| c.is_uppercase()) {
        return replacement.to_uppercase();
    }
    if letters.first().is_some_and(|c| c.is_uppercase()) {
        let mut chars = replacement.chars();
        if let Some(first) = chars.next() {
            return first.to_uppercase().chain(chars).collect();
        }
    }
    replacement.to_owned()
}

#[cfg(test)]
mod tests {
    use super::{one_edit_apart, with_case_of};
    use crate::testing::{organization_policy, quotes, rule_error, rule_policy};
    use crate::{CheckContext, Platform};

    fn replacements(checker: &crate::Checker, text: &str) -> Vec<(String, String)> {
        checker
            .check(text, &CheckContext::new(Platform::X))
            .findings
            .into_iter()
            .map(|f| {
                (
                    f.quote.unwrap_or_default(),
                    f.suggestions[0].replacement.clone(),
                )
            })
            .collect()
    }

    #[test]
    fn replaces_wrong_terms_keeping_the_case_pattern() {
        let checker = rule_policy(serde_json::json!({
            "kind": "substitute",
            "replacements": [{"from": ["Mitarbeiterinnen und Mitarbeiter"], "to": "Mitarbeitende"},
                             {"from": ["e-mail", "email"], "to": "E-Mail"}]
        }));
        assert_eq!(
            replacements(
                &checker,
                "Liebe MITARBEITERINNEN UND MITARBEITER, schreibt eine email"
            ),
            [
                (
                    "MITARBEITERINNEN UND MITARBEITER".into(),
                    "MITARBEITENDE".into()
                ),
                ("email".into(), "E-Mail".into())
            ]
        );
        assert_eq!(
            replacements(&checker, "Send an Email"),
            [("Email".into(), "E-Mail".into())]
        );
        assert!(replacements(&checker, "Schreibt eine E-Mail an die Mitarbeitenden").is_empty());
    }

    #[test]
    fn flags_brand_misspellings_but_allows_official_all_caps_aliases() {
        let checker = organization_policy(serde_json::json!({
            "kind": "substitute", "spellings": [{"organization": "mentions"}]
        }));
        assert_eq!(
            replacements(&checker, "Ich liebe AcMe und den ROADRUNNER, folgt @ACME"),
            [
                ("AcMe".into(), "Acme".into()),
                ("ROADRUNNER".into(), "Roadrunner".into()),
                ("@ACME".into(), "@acme".into())
            ]
        );
        assert!(replacements(
            &checker,
            "Acme, ACME GmbH, Roadrunner and @acme are spelled right"
        )
        .is_empty());
        assert_eq!(
            replacements(&checker, "Аcme"),
            [("Аcme".into(), "Acme".into())]
        );
    }

    #[test]
    fn a_product_named_after_a_word_does_not_flag_the_word() {
        let checker = rule_policy(serde_json::json!({
            "kind": "substitute", "spellings": ["Explorer", "Wanderer"]
        }));
        assert!(replacements(
            &checker,
            "We explored the harbour and rejected three options."
        )
        .is_empty());
        assert!(replacements(&checker, "Am Wochenende wandere ich gern an der Elbe.").is_empty());
        assert_eq!(
            replacements(&checker, "Try Explroer today. Der Wandrer läuft."),
            [
                ("Explroer".into(), "Explorer".into()),
                ("Wandrer".into(), "Wanderer".into())
            ]
        );
    }

    fn spelling_policy() -> crate::Checker {
        rule_policy(serde_json::json!({
            "kind": "substitute", "spellings": ["Nordlicht", "DockPilot", "Acme", "@nordlicht"]
        }))
    }

    #[test]
    fn names_inside_urls_domains_addresses_and_handles_are_not_misspellings() {
        let checker = organization_policy(serde_json::json!({
            "kind": "substitute", "spellings": [{"organization": "mentions"}]
        }));
        for text in [
            "Bewirb dich direkt über https://www.acme.example/karriere – ich freue mich!",
            "Details stehen im Wiki: wiki.acme.internal/display/PEOPLE (intern).",
            "Apply at (https://acme.example/jobs/roadrunner-team).",
            "Questions? Write to jobs@roadrunner.example or follow @acme.",
            "Status page: status.acme.example, release notes on roadrunner.acme.example.",
        ] {
            assert!(replacements(&checker, text).is_empty(), "flagged: {text}");
        }
        // Next to an address, prose still counts; a handle is still checked.
        assert_eq!(
            replacements(
                &checker,
                "Bei acme (acme.example) bin ich gern. Folgt @ACME"
            ),
            [
                ("acme".into(), "Acme".into()),
                ("@ACME".into(), "@acme".into())
            ]
        );
    }

    #[test]
    fn replacements_do_not_apply_inside_urls() {
        let checker = rule_policy(serde_json::json!({
            "kind": "substitute", "replacements": [{"from": ["email"], "to": "E-Mail"}]
        }));
        assert!(replacements(&checker, "Sign up at https://acme.example/email-updates").is_empty());
        assert!(replacements(&checker, "Meldet euch an: news@email.acme.example").is_empty());
        assert_eq!(
            replacements(&checker, "Schreibt mir eine email"),
            [("email".into(), "E-Mail".into())]
        );
    }

    #[test]
    fn one_word_names_split_by_a_space_or_hyphen_are_misspellings() {
        let checker = spelling_policy();
        assert_eq!(
            replacements(
                &checker,
                "Bei Nord Licht zählt das Team. Wir haben Dock-Pilot gebaut."
            ),
            [
                ("Nord Licht".into(), "Nordlicht".into()),
                ("Dock-Pilot".into(), "DockPilot".into())
            ]
        );
        assert_eq!(
            replacements(&checker, "Two years at Nord-licht and the Dock Pilot-Team"),
            [
                ("Nord-licht".into(), "Nordlicht".into()),
                ("Dock Pilot".into(), "DockPilot".into())
            ]
        );
    }

    #[test]
    fn ordinary_phrases_and_short_names_are_not_split_names() {
        let checker = spelling_policy();
        for text in [
            "The dock pilot brought the ship in safely.",
            "Das nord licht war gestern nicht zu sehen.",
            "Nord – Licht: zwei Wörter, ein Gedankenstrich.",
            "Nord  Licht mit zwei Leerzeichen, Nord/Licht mit Schrägstrich.",
            "Ac me, A-cme",
        ] {
            assert!(replacements(&checker, text).is_empty(), "flagged: {text}");
        }
    }

    #[test]
    fn long_names_one_letter_off_are_misspellings() {
        let checker = spelling_policy();
        assert_eq!(
            replacements(&checker, "Fünf Jahre bei Nordlich, davor bei Nrodlicht."),
            [
                ("Nordlich".into(), "Nordlicht".into()),
                ("Nrodlicht".into(), "Nordlicht".into())
            ]
        );
        assert_eq!(
            replacements(&checker, "Our Dockpiliot release and the DocPilot app"),
            [
                ("Dockpiliot".into(), "DockPilot".into()),
                ("DocPilot".into(), "DockPilot".into())
            ]
        );
    }

    #[test]
    fn inflections_short_names_and_distant_words_are_not_one_letter_off() {
        let checker = spelling_policy();
        for text in [
            "Nordlichts Kunden und die Nordlichter im Team lieben DockPilots Kalender.",
            "DockPilot's new release ships today.",
            "Acne, Acre and Ache are not Acme.",
            "Nordlandt und Northlight sind andere Firmen.",
            "nordlich der Elbe, and we tracked the dockpiliot typo in lower case",
        ] {
            assert!(replacements(&checker, text).is_empty(), "flagged: {text}");
        }
    }

    #[test]
    fn one_edit_apart_is_damerau_levenshtein_distance_one() {
        let chars = |word: &str| word.chars().collect::<Vec<_>>();
        for (a, b) in [
            ("lotsenwerk", "lotzenwerk"),
            ("lotsenwerk", "lostenwerk"),
            ("lotsenwerk", "lotsenwerkk"),
            ("lotsenwerk", "otsenwerk"),
            ("lotsenwerk", "lotsenwer"),
            ("lotsenwerk", "lötsenwerk"),
        ] {
            assert_eq!(
                one_edit_apart(&chars(a), &chars(b)),
                strsim::damerau_levenshtein(a, b) == 1,
                "{a} / {b}"
            );
            assert!(one_edit_apart(&chars(b), &chars(a)) == one_edit_apart(&chars(a), &chars(b)));
        }
        for (a, b) in [
            ("lotsenwerk", "lotsenwerk"),
            ("lotsenwerk", "lotzenwerc"),
            ("lotsenwerk", "lotsenwerkes"),
            ("lotsenwerk", "tolsenwerk"),
        ] {
            assert!(!one_edit_apart(&chars(a), &chars(b)), "{a} / {b}");
        }
    }

    proptest::proptest! {
        #[test]
        fn one_edit_apart_agrees_with_strsim(a in "[abcä]{0,7}", b in "[abcä]{0,7}") {
            let (left, right): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
            proptest::prop_assert_eq!(
                one_edit_apart(&left, &right),
                strsim::osa_distance(&a, &b) == 1
            );
        }
    }

    #[test]
    fn case_pattern_helper() {
        assert_eq!(with_case_of("ACME", "Acme"), "ACME");
        assert_eq!(with_case_of("Kunde", "kundin"), "Kundin");
        assert_eq!(with_case_of("email", "E-Mail"), "E-Mail");
    }

    #[test]
    fn rejects_rules_that_substitute_nothing() {
        let error = rule_error(serde_json::json!({"kind": "substitute"}));
        assert_eq!(error.problems[0].path, "/rules/0");
        let error = rule_error(
            serde_json::json!({"kind": "substitute", "replacements": [{"from": ["ok", "--"], "to": "x"}]}),
        );
        assert_eq!(error.problems[0].path, "/rules/0/replacements/0/from/1");
        assert!(
            quotes(
                &rule_policy(serde_json::json!({"kind": "substitute", "spellings": ["Acme"]})),
                "acme"
            )
            .len()
                == 1
        );
    }
}
