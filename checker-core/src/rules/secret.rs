//! `secret`: credentials in a post (category `secret`).
//!
//! ## What it checks
//! Finds credentials by their unmistakable shapes:
//! - AWS access key ids: `AKIA…` / `ASIA…` and 16 more capitals or digits;
//! - GitHub tokens: `ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_` (36+ characters)
//!   and fine-grained `github_pat_…`;
//! - Slack tokens: `xoxb-`, `xoxp-`, `xoxa-`, `xoxe-`, `xoxr-`, `xoxs-`, `xoxo-`;
//! - Google API keys: `AIza` and 35 more characters;
//! - OpenAI API keys (`sk-…`, `sk-proj-…`) and Stripe secret and restricted
//!   keys (`sk_live_…`, `rk_live_…`);
//! - JSON Web Tokens: three base64url parts whose first decodes to a JSON
//!   header with an `alg`;
//! - private keys: a `-----BEGIN … PRIVATE KEY-----` block up to its `END`
//!   line, or to the end of the text when the block is cut off;
//! - password assignments in German and English: `password: …`,
//!   `Passwort = …`, `Kennwort:`, `pw:`, `pwd=`, `das Passwort ist …`
//!   (keywords and connecting words are parameters). Only values that look
//!   like a real secret count: at least `min_length` characters, of at least
//!   `min_character_classes` classes (lower case, upper case, digits,
//!   symbols), with at least `min_entropy_bits` of Shannon entropy. So
//!   "password: see the wiki" and "Passwort: steht im Wiki" are fine, while
//!   "Passwort: Sommer2026!xY" is reported. A value right after the
//!   keyword, with only a space between (`password Turbine42!`, `Kennwort
//!   Herbst#2026a`), needs `bare_min_character_classes` classes, since a
//!   plain word there ("the password policy is strict") is common;
//! - passwords in connection strings: `postgres://app:Str0ngPass@db.example.com`
//!   (the value must look like a secret as above; the part before the `@`
//!   is then no email address for the `email` kind);
//! - PINs after a keyword (`pin_keywords`): `PIN: 4711`, `the PIN is 4711`,
//!   `die PIN für die Tür ist 0815`: a run of `pin_min_digits` to 12 digits
//!   right after the keyword, or after a connecting word (`ist`, `is`) up to
//!   four words later. `PIN-Eingabe am Automaten` is a compound, not a PIN.
//!
//! The span covers the secret itself (for assignments, the value only).
//!
//! ## Why it matters
//! A credential in a public post is compromised the moment it is posted:
//! bots scrape social networks for keys within minutes, and deleting the
//! post does not un-leak it.
//!
//! ## Example
//! ```text
//! Endlich läuft das Deployment! Key: AKIAIOSFODNN7EXAMPLE
//! ```
//!
//! ## Fix
//! Remove the secret, and have it revoked or changed at once (tell IT
//! security): it must be treated as leaked. The offered fix replaces it with
//! `redaction` in the language of the check (`[entfernt]` / `[removed]`).

use regex::Regex;
use serde::{Deserialize, Serialize};

use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use base64::engine::DecodePaddingMode;
use base64::Engine as _;

use super::detector_support::{default_at, internal_regex, reject_empty};
use super::CompileEnv;
use super::{CompileKind, Fix, Hit, RuleKind};
use crate::context::Localized;
use crate::context::{CheckContext, Lang};
use crate::document::Document;
use crate::problem::Problem;
use crate::text::prefilter::{PrefilterBuilder, PrefilterSlot};
use crate::text::segment::{char_after, char_before, is_standalone, is_word_char};

/// A family of secrets the kind can look for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Family {
    AwsAccessKey,
    GithubToken,
    SlackToken,
    GoogleApiKey,
    OpenaiApiKey,
    StripeApiKey,
    Jwt,
    PrivateKey,
    Password,
    Pin,
}

impl Family {
    const ALL: [Family; 10] = [
        Family::AwsAccessKey,
        Family::GithubToken,
        Family::SlackToken,
        Family::GoogleApiKey,
        Family::OpenaiApiKey,
        Family::StripeApiKey,
        Family::Jwt,
        Family::PrivateKey,
        Family::Password,
        Family::Pin,
    ];
}

/// Parameters of the `secret` kind.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Params {
    /// Which families to look for.
    #[serde(default = "default_families")]
    pub detect: Vec<Family>,
    /// Words that introduce a password or key value (whole words, any case),
    /// e.g. `password`, `Passwort`, `Kennwort`, `pw`, `pwd`.
    #[serde(default = "default_password_keywords")]
    pub password_keywords: Vec<String>,
    /// Words that may stand between keyword and value instead of `:` or `=`,
    /// e.g. `is`, `ist`, `lautet`.
    #[serde(default = "default_password_connectors")]
    pub password_connectors: Vec<String>,
    /// The shortest assigned value that counts as a secret.
    #[serde(default = "default_min_length")]
    pub min_length: usize,
    /// How many character classes (lower case, upper case, digits, other)
    /// an assigned value needs.
    #[serde(default = "default_min_character_classes")]
    pub min_character_classes: usize,
    /// How many character classes a value needs when only a space separates
    /// it from the keyword (`password Turbine42!`), where an ordinary word
    /// often follows ("the password policy").
    #[serde(default = "default_bare_min_character_classes")]
    pub bare_min_character_classes: usize,
    /// Words that introduce a PIN (whole words, any case), e.g. `PIN`,
    /// `Geheimzahl`. The PIN follows right after (`PIN: 4711`) or after one
    /// of the `password_connectors` (`die PIN für die Tür ist 0815`).
    #[serde(default = "default_pin_keywords")]
    pub pin_keywords: Vec<String>,
    /// The fewest digits a PIN after a PIN keyword has.
    #[serde(default = "default_pin_min_digits")]
    pub pin_min_digits: usize,
    /// The least Shannon entropy of an assigned value, in bits (entropy per
    /// character times length).
    #[serde(default = "default_min_entropy_bits")]
    pub min_entropy_bits: f64,
    /// What the fix puts in place of the secret, per language. `null` offers
    /// no fix.
    #[serde(default = "default_redaction")]
    pub redaction: Option<Localized>,
}

fn default_families() -> Vec<Family> {
    Family::ALL.to_vec()
}
fn default_password_keywords() -> Vec<String> {
    default_at("/secret/password_keywords")
}
fn default_password_connectors() -> Vec<String> {
    default_at("/secret/password_connectors")
}
fn default_min_length() -> usize {
    8
}
fn default_min_character_classes() -> usize {
    3
}
fn default_bare_min_character_classes() -> usize {
    4
}
fn default_pin_keywords() -> Vec<String> {
    default_at("/secret/pin_keywords")
}
fn default_pin_min_digits() -> usize {
    4
}
fn default_min_entropy_bits() -> f64 {
    20.0
}
fn default_redaction() -> Option<Localized> {
    Some(default_at("/secret/redaction"))
}

/// The longest assigned value looked at; longer runs are not passwords.
const MAX_VALUE_LEN: usize = 200;

impl CompileKind for Params {
    fn compile(self, env: &mut CompileEnv<'_>) -> Result<Box<dyn RuleKind>, Vec<Problem>> {
        let mut problems = Vec::new();
        if self.detect.is_empty() {
            problems.push(Problem {
                path: "/detect".into(),
                message: "no family of secrets is selected, so nothing can ever match".into(),
                hint: Some("remove `detect` to look for all of them".into()),
            });
        }
        let wants_passwords = self.detect.contains(&Family::Password);
        if wants_passwords && self.password_keywords.is_empty() {
            problems.push(Problem {
                path: "/password_keywords".into(),
                message: "`password` detection needs at least one keyword".into(),
                hint: Some("remove `password_keywords` to use the defaults".into()),
            });
        }
        reject_empty(&self.password_keywords, "password_keywords", &mut problems);
        reject_empty(
            &self.password_connectors,
            "password_connectors",
            &mut problems,
        );
        let wants_pins = self.detect.contains(&Family::Pin);
        if wants_pins && self.pin_keywords.is_empty() {
            problems.push(Problem {
                path: "/pin_keywords".into(),
                message: "`pin` detection needs at least one keyword".into(),
                hint: Some("remove `pin_keywords` to use the defaults".into()),
            });
        }
        reject_empty(&self.pin_keywords, "pin_keywords", &mut problems);
        if !(1..=MAX_PIN_DIGITS).contains(&self.pin_min_digits) {
            problems.push(Problem {
                path: "/pin_min_digits".into(),
                message: format!("must be a number from 1 to {MAX_PIN_DIGITS}"),
                hint: Some("4 is the usual length of a PIN".into()),
            });
        }
        for (field, classes) in [
            ("min_character_classes", self.min_character_classes),
            (
                "bare_min_character_classes",
                self.bare_min_character_classes,
            ),
        ] {
            if classes > 4 {
                problems.push(Problem {
                    path: format!("/{field}"),
                    message: "there are only 4 character classes, so nothing can ever match".into(),
                    hint: Some("use a number from 1 to 4".into()),
                });
            }
        }
        if !self.min_entropy_bits.is_finite() || self.min_entropy_bits < 0.0 {
            problems.push(Problem {
                path: "/min_entropy_bits".into(),
                message: "must be a number of bits, 0 or more".into(),
                hint: None,
            });
        }
        if !problems.is_empty() {
            return Err(problems);
        }

        let mut tokens = Vec::new();
        for family in &self.detect {
            let pattern = match family {
                Family::AwsAccessKey => r"(?:AKIA|ASIA)[A-Z0-9]{16}",
                Family::GithubToken => r"gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,}",
                Family::SlackToken => r"xox[abeoprs]-[A-Za-z0-9-]{10,}",
                Family::GoogleApiKey => r"AIza[A-Za-z0-9_\-]{35}",
                Family::OpenaiApiKey => r"sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_\-]{32,}",
                Family::StripeApiKey => r"[sr]k_live_[A-Za-z0-9]{20,}",
                Family::Jwt => r"ey[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{8,}",
                Family::PrivateKey | Family::Password | Family::Pin => continue,
            };
            tokens.push((*family, Search::new(pattern, &mut env.prefilter)?));
        }
        let private_key = if self.detect.contains(&Family::PrivateKey) {
            Some((
                Search::new(
                    r"-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----",
                    &mut env.prefilter,
                )?,
                internal_regex(r"-----END [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----")?,
            ))
        } else {
            None
        };
        let alternatives = |words: &[String]| {
            words
                .iter()
                .map(|word| regex::escape(word.trim()))
                .collect::<Vec<_>>()
                .join("|")
        };
        let password = if wants_passwords {
            let connectors = if self.password_connectors.is_empty() {
                String::new()
            } else {
                format!(
                    r"|[ \t]+(?:{})[ \t]*:?[ \t]+",
                    alternatives(&self.password_connectors)
                )
            };
            // Keyword, an optional closing quote of a JSON key, then `:`,
            // `=`, `:=`, a connecting word, or only a space (the `bare`
            // group). That the keyword starts a word is checked on each match.
            let pattern = format!(
                r#"(?i)(?:{})["']?(?:[ \t]*(?::=|[:=])[ \t]*{connectors}|(?P<bare>[ \t]+))"#,
                alternatives(&self.password_keywords)
            );
            Some(keyword_search(&pattern, "/password_keywords", env)?)
        } else {
            None
        };
        let connection_string = if wants_passwords {
            Some(Search::new(
                r"://[^\s:/@]+:([^\s/@]+)@",
                &mut env.prefilter,
            )?)
        } else {
            None
        };
        let pin = if wants_pins {
            // Longest first, so that `PIN-Code` wins over `PIN`.
            let mut keywords = self.pin_keywords.clone();
            keywords.sort_by_key(|keyword| std::cmp::Reverse(keyword.trim().len()));
            let pattern = format!("(?i)(?:{})", alternatives(&keywords));
            Some(keyword_search(&pattern, "/pin_keywords", env)?)
        } else {
            None
        };
        let connectors = self
            .password_connectors
            .iter()
            .map(|word| word.trim().to_lowercase())
            .collect();

        Ok(Box::new(Secret {
            tokens,
            private_key,
            password,
            connection_string,
            pin,
            connectors,
            pin_min_digits: self.pin_min_digits,
            bare_min_character_classes: self.bare_min_character_classes,
            min_length: self.min_length,
            min_character_classes: self.min_character_classes,
            min_entropy_bits: self.min_entropy_bits,
            redaction: self.redaction,
            fallback: env.fallback_language,
        }))
    }
}

/// A regex the kind searches with, and its prefixes in the policy's
/// pattern prefilter ([`crate::text::prefilter`]).
///
/// Every search starts with a fixed piece (`AKIA`, `ghp_`, `-----BEGIN `, a
/// password keyword in any case), and most posts have none of them. Each
/// regex has a prefilter of its own, but each scans the whole post, and in
/// WebAssembly the prefilters for several literals (the keywords, the
/// GitHub prefixes) have no SIMD to lean on. The shared prefilter walks the
/// post once for all patterns of the policy anyway; the searches whose
/// prefixes it did not see are skipped.
#[derive(Debug)]
struct Search {
    regex: Regex,
    /// `None`: no finite set of prefixes, always run.
    prefilter: Option<PrefilterSlot>,
}

impl Search {
    fn new(pattern: &str, prefilter: &mut PrefilterBuilder) -> Result<Search, Vec<Problem>> {
        Ok(Search::with_regex(
            internal_regex(pattern)?,
            pattern,
            prefilter,
        ))
    }

    /// `regex` is `pattern` compiled.
    fn with_regex(regex: Regex, pattern: &str, prefilter: &mut PrefilterBuilder) -> Search {
        let slot = regex_syntax::parse(pattern)
            .ok()
            .and_then(|hir| prefilter.register(&hir));
        Search {
            regex,
            prefilter: slot,
        }
    }

    /// The regex, unless the prefilter saw none of its prefixes in `doc`.
    fn regex_for(&self, doc: &Document<'_>) -> Option<&Regex> {
        let may_match = |slot| {
            doc.prefix_starts(slot)
                .is_none_or(|starts| !starts.is_empty())
        };
        self.prefilter.is_none_or(may_match).then_some(&self.regex)
    }
}

#[derive(Debug)]
struct Secret {
    tokens: Vec<(Family, Search)>,
    private_key: Option<(Search, Regex)>,
    password: Option<Search>,
    /// `://user:password@`: the password group of a connection string.
    connection_string: Option<Search>,
    pin: Option<Search>,
    /// The connecting words in lower case, for PINs.
    connectors: Vec<String>,
    pin_min_digits: usize,
    bare_min_character_classes: usize,
    min_length: usize,
    min_character_classes: usize,
    min_entropy_bits: f64,
    redaction: Option<Localized>,
    /// The policy's fallback language, for picking the redaction.
    fallback: Lang,
}

impl RuleKind for Secret {
    fn check(&self, doc: &Document<'_>, context: &CheckContext, hits: &mut Vec<Hit>) {
        let text = doc.text;
        let first = hits.len();
        let redaction = self
            .redaction
            .as_ref()
            .and_then(|localized| localized.pick(context.lang, self.fallback));
        let report = |hits: &mut Vec<Hit>, range: std::ops::Range<usize>| {
            let overlaps = hits[first..]
                .iter()
                .filter_map(|hit| hit.range.as_ref())
                .any(|seen| seen.start < range.end && range.start < seen.end);
            if overlaps {
                return;
            }
            let fixes = redaction
                .map(|replacement| Fix {
                    replacement: replacement.to_owned(),
                    range: Some(range.clone()),
                })
                .into_iter()
                .collect();
            hits.push(Hit {
                range: Some(range),
                fixes,
                level: None,
            });
        };

        let private_key = self
            .private_key
            .as_ref()
            .and_then(|(begin, end)| Some((begin.regex_for(doc)?, end)));
        if let Some((begin, end)) = private_key {
            let mut from = 0;
            while let Some(block_start) = begin.find_at(text, from) {
                let block_end = end
                    .find_at(text, block_start.end())
                    .map_or(text.len(), |found| found.end());
                report(hits, block_start.start()..block_end);
                from = block_end;
                if from >= text.len() {
                    break;
                }
            }
        }
        for (family, search) in &self.tokens {
            let Some(pattern) = search.regex_for(doc) else {
                continue;
            };
            for found in pattern.find_iter(text) {
                let mut range = found.range();
                if *family == Family::OpenaiApiKey && !mixes_letters_and_digits(found.as_str()) {
                    // `sk-learn-…` and other hyphenated words.
                    continue;
                }
                if *family == Family::SlackToken {
                    // A sentence dash after the token is not part of it.
                    range.end = found.start() + found.as_str().trim_end_matches('-').len();
                    if !found.as_str().bytes().any(|b| b.is_ascii_digit()) {
                        continue;
                    }
                }
                if !token_standalone(text, &range) {
                    continue;
                }
                if *family == Family::Jwt && !has_jwt_header(&text[range.clone()]) {
                    continue;
                }
                report(hits, range);
            }
        }
        if let Some(password) = self
            .password
            .as_ref()
            .and_then(|search| search.regex_for(doc))
        {
            for found in password.captures_iter(text) {
                let (Some(whole), bare) = (found.get(0), found.name("bare").is_some()) else {
                    continue;
                };
                if char_before(text, whole.start()).is_some_and(is_word_char) {
                    continue;
                }
                let Some(value) = assigned_value(text, whole.end()) else {
                    continue;
                };
                let classes = if bare {
                    self.bare_min_character_classes
                } else {
                    self.min_character_classes
                };
                if self.looks_secret(&text[value.clone()], classes) {
                    report(hits, value);
                }
            }
        }
        if let Some(connection) = self
            .connection_string
            .as_ref()
            .and_then(|search| search.regex_for(doc))
        {
            for found in connection.captures_iter(text) {
                let (Some(whole), Some(value)) = (found.get(0), found.get(1)) else {
                    continue;
                };
                let has_scheme =
                    char_before(text, whole.start()).is_some_and(|c| c.is_ascii_alphabetic());
                if has_scheme && self.looks_secret(value.as_str(), self.min_character_classes) {
                    report(hits, value.range());
                }
            }
        }
        if let Some(pin) = self.pin.as_ref().and_then(|search| search.regex_for(doc)) {
            for found in pin.find_iter(text) {
                let after = &text[found.end()..];
                let compound = after.starts_with('-');
                if compound || !is_standalone(text, &found.range()) {
                    continue;
                }
                if let Some(digits) = self.pin_after(text, found.end()) {
                    report(hits, digits);
                }
            }
        }
    }
}

/// The longest PIN looked for; longer digit runs are other numbers.
const MAX_PIN_DIGITS: usize = 12;

/// Words a PIN keyword and its connecting word may have between them (`die
/// PIN für die Tür ist 0815`).
const MAX_WORDS_BEFORE_PIN_CONNECTOR: usize = 4;

impl Secret {
    /// The digits of a PIN after a keyword that ends at `from`: right after
    /// it (`PIN 4711`, `PIN: 4711`), or after a connecting word a few words
    /// on (`die PIN für die Tür ist 0815`). Other words end the search, so
    /// "die PIN wurde 2026 eingeführt" has no PIN.
    fn pin_after(&self, text: &str, from: usize) -> Option<std::ops::Range<usize>> {
        let line_end = text[from..].find('\n').map_or(text.len(), |end| from + end);
        let mut at = from;
        let mut words = 0;
        let mut digits_may_follow = true;
        loop {
            let rest = &text[at..line_end];
            let gap = rest.len() - rest.trim_start_matches([' ', '\t', ':', '=']).len();
            if gap == 0 {
                return None;
            }
            at += gap;
            let token_end = text[at..line_end]
                .find([' ', '\t'])
                .map_or(line_end, |end| at + end);
            let token = &text[at..token_end];
            if token.starts_with(|c: char| c.is_ascii_digit()) {
                return digits_may_follow.then(|| self.pin_digits(text, at))?;
            }
            let word = token.trim_end_matches(':');
            if word.is_empty() || !word.chars().all(char::is_alphabetic) {
                return None;
            }
            digits_may_follow = self.connectors.contains(&word.to_lowercase());
            if !digits_may_follow {
                words += 1;
                if words > MAX_WORDS_BEFORE_PIN_CONNECTOR {
                    return None;
                }
            }
            at += word.len();
        }
    }

    /// The run of digits at `at`, if it is as long as a PIN and not part of
    /// a longer number (`0815-123`, `3.5`).
    fn pin_digits(&self, text: &str, at: usize) -> Option<std::ops::Range<usize>> {
        let length = text[at..].bytes().take_while(u8::is_ascii_digit).count();
        let end = at + length;
        let mut after = text[end..].chars();
        let continues = match after.next() {
            Some('.' | ',' | '-' | '/') => after.next().is_some_and(|c| c.is_ascii_digit()),
            Some(c) => is_word_char(c),
            None => false,
        };
        ((self.pin_min_digits..=MAX_PIN_DIGITS).contains(&length) && !continues).then_some(at..end)
    }

    fn looks_secret(&self, value: &str, min_character_classes: usize) -> bool {
        let length = value.chars().count();
        // Hyphenated words ("Ethereum-basiert") mix classes but are words.
        let word_like = value
            .chars()
            .all(|c| c.is_alphabetic() || c == '-' || c == '\'');
        // A link to where the password is kept is not the password.
        let link = value.contains("://") || value.to_ascii_lowercase().starts_with("www.");
        !word_like
            && !link
            && !is_placeholder(value)
            && length >= self.min_length
            && character_classes(value) >= min_character_classes
            && shannon_entropy_bits(value) >= self.min_entropy_bits
    }
}

/// Whether a token has letters of both cases and digits, as random keys
/// do and hyphenated words do not.
/// The search for a keyword list's alternation; a list too large to compile
/// is a problem at `path`.
fn keyword_search(
    pattern: &str,
    path: &str,
    env: &mut CompileEnv<'_>,
) -> Result<Search, Vec<Problem>> {
    let regex = Regex::new(pattern).map_err(|error| {
        vec![Problem {
            path: path.into(),
            message: format!("the keywords cannot be compiled: {error}"),
            hint: Some("use fewer or shorter keywords".into()),
        }]
    })?;
    Ok(Search::with_regex(regex, pattern, &mut env.prefilter))
}

fn mixes_letters_and_digits(token: &str) -> bool {
    token.bytes().any(|b| b.is_ascii_digit())
        && token.bytes().any(|b| b.is_ascii_uppercase())
        && token.bytes().any(|b| b.is_ascii_lowercase())
}

/// Template and environment references stand for a secret without being
/// one: `<dein-Passwort>`, `${DB_PASS}`, `{{ vault.pw }}`, `$DB_PASS`,
/// `%DB_PASS%`.
fn is_placeholder(value: &str) -> bool {
    let environment_name = |name: &str| {
        !name.is_empty()
            && name
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
    };
    value.starts_with(['<', '{'])
        || value.starts_with("${")
        || value.strip_prefix('$').is_some_and(environment_name)
        || value
            .strip_prefix('%')
            .and_then(|rest| rest.strip_suffix('%'))
            .is_some_and(environment_name)
}

/// Tokens are whole: no token character glued on either side.
fn token_standalone(text: &str, range: &std::ops::Range<usize>) -> bool {
    let token_char = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '-';
    !char_before(text, range.start).is_some_and(token_char)
        && !char_after(text, range.end).is_some_and(token_char)
}

/// Whether the first part of a JWT decodes to a JSON object with an `alg`.
fn has_jwt_header(token: &str) -> bool {
    const BASE64URL: GeneralPurpose = GeneralPurpose::new(
        &base64::alphabet::URL_SAFE,
        GeneralPurposeConfig::new()
            .with_decode_padding_mode(DecodePaddingMode::Indifferent)
            .with_decode_allow_trailing_bits(true),
    );
    let header = token.split('.').next().unwrap_or_default();
    BASE64URL
        .decode(header)
        .ok()
        .and_then(|json| {
            serde_json::from_slice::<serde_json::Map<String, serde_json::Value>>(&json).ok()
        })
        .is_some_and(|header| header.get("alg").is_some_and(serde_json::Value::is_string))
}

/// The value after an assignment that ends at `from`: up to the next
/// whitespace, without surrounding quotes and closing punctuation.
fn assigned_value(text: &str, from: usize) -> Option<std::ops::Range<usize>> {
    let rest = &text[from..];
    let opening = rest.chars().next().filter(|c| "\"'`„“‚‘«»".contains(*c));
    let start = from + opening.map_or(0, char::len_utf8);
    let mut end = start;
    for (offset, c) in text[start..].char_indices() {
        if c.is_whitespace() || offset > MAX_VALUE_LEN {
            break;
        }
        end = start + offset + c.len_utf8();
    }
    let value = text[start..end].trim_end_matches([
        '.', ',', ';', ':', ')', ']', '}', '>', '"', '\'', '`', '“', '”', '‘', '’', '«', '»',
    ]);
    (!value.is_empty()).then(|| start..start + value.len())
}

/// How many of lower case, upper case, digits and other characters occur.
fn character_classes(value: &str) -> usize {
    let (mut lower, mut upper, mut digit, mut other) = (false, false, false, false);
    for c in value.chars() {
        if c.is_lowercase() {
            lower = true;
        } else if c.is_uppercase() {
            upper = true;
        } else if c.is_numeric() {
            digit = true;
        } else {
            other = true;
        }
    }
    [lower, upper, digit, other]
        .into_iter()
        .filter(|present| *present)
        .count()
}

/// Shannon entropy of the characters of `value`, times its length: the
/// information a guesser must recover when nothing else is known.
fn shannon_entropy_bits(value: &str) -> f64 {
    let chars: Vec<char> = value.chars().collect();
    let length = chars.len() as f64;
    let mut seen: Vec<(char, usize)> = Vec::new();
    for c in &chars {
        match seen.iter_mut().find(|(known, _)| known == c) {
            Some((_, count)) => *count += 1,
            None => seen.push((*c, 1)),
        }
    }
    let per_char: f64 = seen
        .iter()
        .map(|(_, count)| {
            let p = *count as f64 / length;
            -p * p.log2()
        })
        .sum();
    per_char * length
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::context::Lang;
    use crate::policy::Organization;
    use crate::rules::kind_harness::{check, compile, problem_paths, quotes_in};
    use crate::text::lexicon::Lexicon;
    use proptest::prelude::*;
    use serde_json::json;
    use std::ops::Range;

    fn defaults() -> Box<dyn RuleKind> {
        compile::<Params>(json!({})).expect("parameters compile")
    }

    fn assert_flags(text: &str, expected: &[&str]) {
        let kind = defaults();
        assert_eq!(quotes_in(kind.as_ref(), text), expected, "in {text:?}");
    }

    fn assert_silent(text: &str) {
        assert_flags(text, &[]);
    }

    #[test]
    fn aws_access_keys() {
        assert_flags(
            "Endlich läuft das Deployment! Key: AKIAIOSFODNN7EXAMPLE",
            &["AKIAIOSFODNN7EXAMPLE"],
        );
        assert_flags(
            "temp creds ASIAY34FZKBOKMUTVV7A ok",
            &["ASIAY34FZKBOKMUTVV7A"],
        );
        assert_silent("AKIAIOSFODNN7EXAMPL is one short");
        assert_silent("XAKIAIOSFODNN7EXAMPLE glued");
        assert_silent("Die AKIA-Gruppe trifft sich morgen");
    }

    #[test]
    fn github_tokens() {
        assert_flags(
            "token ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789 leaked",
            &["ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789"],
        );
        assert_flags(
            "Nimm github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUV0123456",
            &["github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUV0123456"],
        );
        assert_silent("We use ghp_ prefixes for personal tokens");
        assert_silent("gho_short123");
    }

    #[test]
    fn slack_and_google_keys() {
        assert_flags(
            "Bot: xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx – fertig",
            &["xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx"],
        );
        assert_silent("Slack tokens start with xoxb-something-like-this");
        assert_flags(
            "maps key AIzaSyA-1234567890abcdefghijklmnopqrstu in the app",
            &["AIzaSyA-1234567890abcdefghijklmnopqrstu"],
        );
        assert_silent("AIza is how Google keys begin");
    }

    #[test]
    fn json_web_tokens_need_a_header_with_alg() {
        let jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";
        assert_flags(&format!("Bearer {jwt}"), &[jwt]);
        assert_flags(&format!("Hier mein Token: {jwt}."), &[jwt]);
        // `{"typ":"JWT"}` has no alg; `{"foo":1` is not JSON.
        assert_silent("eyJ0eXAiOiJKV1QifQ.eyJzdWIiOiIxMjM0NTY3ODkwIn0.SflKxwRJSMeKKF2QT4fw");
        assert_silent("eyJmb28iOjE.eyJzdWIiOiIxMjM0NTY3ODkwIn0.SflKxwRJSMeKKF2QT4fw");
        assert_silent("Dateien: eyewear.example.com.backup-2026");
    }

    #[test]
    fn private_key_blocks_span_to_their_end_or_the_end_of_text() {
        let block =
            "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA7\n-----END RSA PRIVATE KEY-----";
        assert_flags(&format!("Schaut mal:\n{block}\nCool, oder?"), &[block]);
        let cut = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA";
        assert_flags(&format!("my key: {cut}"), &[cut]);
        let pgp =
            "-----BEGIN PGP PRIVATE KEY BLOCK-----\nlQOYBF\n-----END PGP PRIVATE KEY BLOCK-----";
        assert_flags(pgp, &[pgp]);
        assert_silent("-----BEGIN PUBLIC KEY-----\nMIIBIjAN\n-----END PUBLIC KEY-----");
        assert_silent("Never post anything that starts with BEGIN PRIVATE KEY.");
    }

    #[test]
    fn password_assignments_with_strong_values() {
        assert_flags("WLAN-Passwort: Sommer2026!xY", &["Sommer2026!xY"]);
        assert_flags("Passwort = Sommer2026!xY", &["Sommer2026!xY"]);
        assert_flags("Kennwort:Herbst#2026a", &["Herbst#2026a"]);
        assert_flags("pw: Tr0ub4dor&3x", &["Tr0ub4dor&3x"]);
        assert_flags("pwd=Xk9#mQ2$vL", &["Xk9#mQ2$vL"]);
        assert_flags("the password is \"C0rrect-Horse!\".", &["C0rrect-Horse!"]);
        assert_flags(
            "Das Passwort lautet Winter2026?Zz, bitte nicht weitergeben",
            &["Winter2026?Zz"],
        );
        assert_flags(r#"{"password": "hK8$wQ2!zP"}"#, &["hK8$wQ2!zP"]);
    }

    #[test]
    fn password_talk_without_a_secret_is_not_flagged() {
        for text in [
            "password: see the wiki",
            "Passwort: steht im Wiki",
            "Das Passwort ist sicher im Tresor.",
            "Password: ********",
            "pwd=$DB_PASSWORD",
            "password: changeme",
            "Passwort: Sommer",
            "Tipp: Ein gutes Passwort hat 12 Zeichen.",
            "Passwortänderung: morgen 10:00",
            "Einmalpasswort: siehe SMS",
            "The password was changed yesterday",
            "Secret: Ethereum-basiert",
            "Passwort: https://wiki.acme.example/Seite42",
            "Passwort: <dein-Passwort2>",
            "password: ${DB_PASS_2026}",
            "password: {{ vault.db_password_2 }}",
            "pwd=$DB_PASS_2026",
            "pwd=%DB_PASS_2026%",
            "Passwort: mind. 8 Zeichen, 1 Sonderzeichen",
            "Token: 0x71C7656EC7ab88b098defB751B7401B5f6d8976F",
        ] {
            assert_silent(text);
        }
    }

    #[test]
    fn strong_values_right_after_the_keyword() {
        assert_flags("password Turbine42!", &["Turbine42!"]);
        assert_flags("Das Passwort Turbine42! gilt ab heute", &["Turbine42!"]);
        assert_flags("Kennwort Herbst#2026a", &["Herbst#2026a"]);
        for text in [
            "the password policy is strict",
            "Die Passwort-Richtlinie ist streng, das Passwort Tool2026 auch",
            "Password Manager2026 is our pick",
            "Passwort vergessen? Turbine42! hilft nicht",
        ] {
            assert_silent(text);
        }
    }

    #[test]
    fn pins_after_a_keyword() {
        assert_flags("die PIN für die Tür ist 0815", &["0815"]);
        assert_flags("the PIN is 4711.", &["4711"]);
        assert_flags("PIN: 4711, Türcode 2580", &["4711", "2580"]);
        assert_flags("Der PIN-Code lautet 93715", &["93715"]);
        for text in [
            "PIN-Eingabe am Automaten",
            "Die PIN wurde 2026 eingeführt",
            "The PIN is 12 long? No, the PIN is 4 digits.",
            "PIN 12.5 %",
            "Unsere PINs sind 4711 Mal sicherer",
            "Pin the post 1234 times",
        ] {
            assert_silent(text);
        }
        let longer = compile::<Params>(json!({"pin_min_digits": 6})).expect("parameters compile");
        assert!(quotes_in(longer.as_ref(), "die PIN ist 0815").is_empty());
        assert_eq!(
            quotes_in(longer.as_ref(), "die PIN ist 081547"),
            vec!["081547"]
        );
    }

    #[test]
    fn passwords_in_connection_strings() {
        assert_flags("postgres://app:Str0ngPass@db.example.com", &["Str0ngPass"]);
        assert_flags(
            "Zugang: mongodb+srv://admin:K9#vQ2xL@cluster0.acme.example/prod",
            &["K9#vQ2xL"],
        );
        for text in [
            "postgres://app:password@db.example.com",
            "redis://user:${REDIS_PASS_1}@cache:6379",
            "https://wiki.acme.example/a:Str0ngPass@b",
        ] {
            assert_silent(text);
        }
    }

    #[test]
    fn openai_and_stripe_keys() {
        let openai = "sk-proj-4fJq9ZrT2xWbV7nK1mLp3QsD8hGc6YeA0uIo5";
        assert_flags(
            &format!("Mein Key: {openai} – bitte nicht teilen"),
            &[openai],
        );
        let stripe = "sk_live_51HxQ2aLkT9vR3mNpWzY8bC4d";
        assert_flags(&format!("stripe key {stripe}."), &[stripe]);
        let restricted = "rk_live_51HxQ2aLkT9vR3mNpWzY8bC4d";
        assert_flags(restricted, &[restricted]);
        for text in [
            "We use sk-learn-and-pandas-for-our-data-science-stack-today",
            "Stripe keys start with sk_live_ or rk_live_",
            "sk_test_51HxQ2aLkT9vR3mNpWzY8bC4d is a test key",
            "task-4fJq9ZrT2xWbV7nK1mLp3QsD8hGc6YeA0uIo5",
        ] {
            assert_silent(text);
        }
    }

    #[test]
    fn the_fix_replaces_the_value_in_the_language_of_the_check() {
        let kind = defaults();
        let text = "Passwort: Sommer2026!xY";
        let german = CheckContext {
            lang: Lang::De,
            ..CheckContext::default()
        };
        let hits = check(kind.as_ref(), text, &german);
        assert_eq!(hits[0].fixes[0].replacement, "[entfernt]");
        assert_eq!(hits[0].fixes[0].range, Some(10..23));
        let hits = check(kind.as_ref(), text, &CheckContext::default());
        assert_eq!(hits[0].fixes[0].replacement, "[removed]");

        let without_fix =
            compile::<Params>(json!({"redaction": null})).expect("parameters compile");
        let hits = check(without_fix.as_ref(), text, &german);
        assert!(hits[0].fixes.is_empty());
    }

    #[test]
    fn a_token_in_an_assignment_is_one_hit() {
        assert_flags(
            "api_key: ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789",
            &["ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789"],
        );
    }

    #[test]
    fn families_and_thresholds_are_parameters() {
        let only_aws =
            compile::<Params>(json!({"detect": ["aws-access-key"]})).expect("parameters compile");
        assert!(quotes_in(only_aws.as_ref(), "Passwort: Sommer2026!xY").is_empty());
        let lenient = compile::<Params>(
            json!({"min_length": 6, "min_character_classes": 2, "min_entropy_bits": 10.0}),
        )
        .expect("parameters compile");
        assert_eq!(
            quotes_in(lenient.as_ref(), "password: hunter2"),
            vec!["hunter2"]
        );

        let paths = problem_paths::<Params>(json!({
            "detect": ["password"], "password_keywords": [], "min_character_classes": 5
        }));
        assert_eq!(paths, vec!["/password_keywords", "/min_character_classes"]);
        let paths = problem_paths::<Params>(json!({
            "detect": ["pin"], "pin_keywords": [], "pin_min_digits": 0,
            "bare_min_character_classes": 5
        }));
        assert_eq!(
            paths,
            vec![
                "/pin_keywords",
                "/pin_min_digits",
                "/bare_min_character_classes"
            ]
        );
        assert!(serde_json::from_value::<Params>(json!({"detect": ["passwords"]})).is_err());
    }

    type Ranges = Vec<Option<Range<usize>>>;

    /// The hit ranges with the policy's prefilter, and without (every search
    /// runs over the whole text).
    fn prefiltered_and_full(parameters: serde_json::Value, text: &str) -> (Ranges, Ranges) {
        let organization = Organization::default();
        let mut env = CompileEnv::new(&organization, Lang::En);
        let kind = serde_json::from_value::<Params>(parameters)
            .expect("parameters read")
            .compile(&mut env)
            .expect("parameters compile");
        let prefilter = std::mem::take(&mut env.prefilter)
            .build()
            .expect("prefilter builds");
        let lexicon = Lexicon::default();
        let ranges = |doc: &Document<'_>| {
            let mut hits = Vec::new();
            kind.check(doc, &CheckContext::default(), &mut hits);
            hits.into_iter().map(|hit| hit.range).collect()
        };
        (
            ranges(&Document::with_matchers(text, &lexicon, &prefilter)),
            ranges(&Document::new(text)),
        )
    }

    /// Pieces of tokens, key blocks and prose around a password assignment.
    const FILLER: [&str; 22] = [
        " ",
        "\t",
        "\n",
        ".",
        "-",
        "_",
        "x",
        "ä",
        "=",
        ":",
        "AKIA",
        "ASIA",
        "IOSFODNN7EXAMPLE",
        "ghp_",
        "github_pat_",
        "xoxb-",
        "AIza",
        "ey",
        "eyJhbGciOiJIUzI1NiJ9",
        "aBcDeFgHiJ0123456789",
        "-----BEGIN RSA PRIVATE KEY-----",
        "-----END RSA PRIVATE KEY-----",
    ];

    proptest! {
        #[test]
        fn the_prefilter_skips_only_searches_that_find_nothing(
            before in proptest::collection::vec(proptest::sample::select(&FILLER[..]), 0..8),
            keyword in proptest::sample::select(vec![
                "Passwort", "PASSWORD", "pa\u{17F}\u{17F}word", "\u{212A}ennwort", "pw", "PwD",
                "api-key", "Kennwört", "KENNWÖRT", "geheim", "GEHEIM", "xpw", "",
            ]),
            assignment in proptest::sample::select(vec![":", " = ", "\": ", " ist ", " IST: ", " "]),
            value in proptest::sample::select(vec!["Sommer2026!xY", "wiki", "\"Zx9#kL2$mQ\""]),
            after in proptest::collection::vec(proptest::sample::select(&FILLER[..]), 0..8),
            keywords in proptest::sample::select(vec![
                None, Some(vec!["Kennwört", "pin"]), Some(vec!["geheim", "S"]),
            ]),
        ) {
            let text = [before.concat().as_str(), keyword, assignment, value, after.concat().as_str()]
                .concat();
            let parameters = match keywords {
                None => json!({}),
                Some(words) => json!({"password_keywords": words}),
            };
            let (prefiltered, full) = prefiltered_and_full(parameters, &text);
            prop_assert_eq!(prefiltered, full);
        }
    }

    #[test]
    fn entropy_and_classes() {
        assert_eq!(character_classes("Sommer2026!xY"), 4);
        assert_eq!(character_classes("wiki"), 1);
        assert!(shannon_entropy_bits("aaaaaaaa") < 0.001);
        assert!((shannon_entropy_bits("abcd") - 8.0).abs() < 1e-9);
    }
}
