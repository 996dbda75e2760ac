//! Postlint's guideline engine: check a social-media post against a
//! company's guideline, written once by IT as a JSON policy.
//!
//! This crate is pure Rust with no I/O. The browser extension runs it as
//! WebAssembly while an employee types; the `postlint` CLI runs it on files.
//! Both use the same small API:
//!
//! 1. read a [`Policy`] from JSON ([`Policy::from_json`],
//!    [`Policy::from_value`]): the policy is read, and its packs and
//!    overrides resolved; every problem comes back at once, each with a
//!    JSON path;
//! 2. [`compile`](Policy::compile) it into a [`Checker`] once: automata,
//!    regexes and message templates are built here, and the problems only
//!    compiling finds (a bad regex, an unknown placeholder) come back here,
//!    with their paths too;
//! 3. [`check`](Checker::check) as many texts as you like, each with a
//!    [`CheckContext`] (platform, compose box, date, UI language,
//!    attachments), and get a [`Report`] of [`Finding`]s.
//!
//! # Example
//!
//! A policy with one rule, checked against a German post:
//!
//! ```
//! use checker_core::{CheckContext, Lang, Level, Platform, Policy};
//!
//! let policy = Policy::from_json(r#"{
//!   "version": 1,
//!   "rules": [{
//!     "id": "acme.codenames", "kind": "terms", "category": "confidential", "level": "block",
//!     "message": {"de": "„{quote}“ ist ein interner Projektname.",
//!                 "en": "“{quote}” is an internal project name."},
//!     "explanation": {"de": "Projektnamen bleiben bis zum Launch intern.",
//!                     "en": "Project names stay internal until the launch."},
//!     "terms": ["Orion-7", {"term": "Kranich", "match": "prefix"}]
//!   }]
//! }"#)?;
//! let checker = policy.compile()?;
//!
//! let context = CheckContext { lang: Lang::De, ..CheckContext::new(Platform::Linkedin) };
//! let report = checker.check("Bald startet 0r1on 7 – das Kranichprojekt läuft!", &context);
//!
//! let quotes: Vec<_> = report.findings.iter().map(|f| f.quote.as_deref()).collect();
//! assert_eq!(quotes, [Some("0r1on 7"), Some("Kranich")]);
//! assert_eq!(report.findings[0].level, Level::Block);
//! assert_eq!(report.findings[0].message, "„0r1on 7“ ist ein interner Projektname.");
//! # Ok::<(), checker_core::PolicyError>(())
//! ```
//!
//! # Findings and spans
//!
//! A [`Finding`] names its rule, [`Category`] and [`Level`], quotes the text
//! it is about, explains itself in the check's language, and may carry
//! [`Suggestion`]s that fix the text in one click. Its [`Span`] counts
//! **UTF-16 code units**, because that is how JavaScript indexes strings:
//! `text.slice(span.start, span.end)` in the extension returns the quote
//! exactly, whatever emoji or combining marks come before it. Findings about
//! the whole post (a missing disclosure) have no span; a suggestion without
//! a span appends its text at the end. Findings are ordered by position,
//! then by level (most severe first); document-level findings come last.
//! A [`Report`] serializes (serde) to the JSON contract the CLI prints and
//! the WebAssembly bindings return.
//!
//! # Rule kinds
//!
//! | kind | checks | fix |
//! |---|---|---|
//! | `terms` | listed words and phrases (thousands are fine) | per-term `suggest` |
//! | `pattern` | a regular expression (`regex` crate syntax, Unicode-aware) | `suggest` with `$1` groups |
//! | `require` | when a trigger is present, one of some phrases must be too | append a phrase |
//! | `substitute` | wrong spellings, and spellings that differ from the official one | replace the span |
//!
//! Every rule also has the common keys: `id`, `category`, `level`,
//! `overridable`, `enabled`, `message`/`explanation` in German and English
//! (placeholders `{quote}`, `{replacement}`, `{organization}`,
//! `{contact.press}`), `link`, `platforms`, `surfaces`, an `active` date
//! window, `exceptions` (allow-listed phrases) and `when` (only if the
//! organization or some terms are mentioned in the same post, sentence, or
//! within N words). The full format is in the JSON Schema from
//! [`policy_schema`]; a complete example lives in `examples/policy.json`.
//!
//! # How term lists match
//!
//! All term lists of a policy (`terms`, `require` triggers and phrases,
//! `substitute` spellings, `when` mentions, exceptions) go into one
//! Aho-Corasick automaton, and a check runs it once, so check time hardly
//! depends on how many terms there are. Text and terms are both folded
//! first: NFKC (fullwidth `ＯＲＩＯＮ`), zero-width and other invisible
//! characters dropped, lower case, Cyrillic and Greek look-alikes and
//! leetspeak (`0r1on`) mapped to Latin letters, separators between
//! spaced-out letters ignored (`O r i o n`). Matches then respect Unicode
//! word boundaries (umlauts and `ß` are letters), optionally as word
//! prefixes for German compounds (`Kranich` → `Kranichprojekt`). The span
//! of a finding covers what was written, disguise included.
//!
//! ```
//! # use checker_core::{CheckContext, Policy};
//! let checker = Policy::from_json(r#"{"version": 1, "rules": [{
//!     "id": "t", "kind": "terms", "category": "other",
//!     "message": {"en": "found"}, "explanation": {"en": "because"},
//!     "terms": ["Orion"]}]}"#)?.compile()?;
//! for text in ["ＯＲＩＯＮ", "Or\u{200B}ion", "Оrіоn", "0r1on", "O r i o n"] {
//!     assert_eq!(checker.check(text, &CheckContext::default()).findings.len(), 1, "{text}");
//! }
//! assert!(checker.check("Orionnebel", &CheckContext::default()).findings.is_empty());
//! # Ok::<(), checker_core::PolicyError>(())
//! ```
//!
//! # Packs and layering
//!
//! `"extends": ["base", "organization"]` starts a policy from built-in packs;
//! their rules come first (ids `base.*`, `org.*`), then the policy's own.
//! The `organization` pack builds the disclosure, brand-spelling and
//! critical-topic rules from the policy's `organization` section, so it
//! works for any company. `overrides` switch an inherited rule off or
//! change its level by id. [`Policy::rules`] lists the effective rules with
//! their source; [`default_policy_json`] is the policy used until IT ships
//! one.
//!
//! # Validation and policy tests
//!
//! A policy is rejected with a [`PolicyError`] listing every [`Problem`]:
//! unknown keys (with "did you mean"), wrong types, invalid regexes,
//! rules that can never match (an empty list, a pattern matching the empty
//! string), duplicate ids, unknown categories or languages, and `until`
//! before `from`. A policy's `tests` give texts and the rule ids they must
//! and must not raise; [`Checker::run_tests`] runs them:
//!
//! ```
//! # use checker_core::Policy;
//! let error = Policy::from_json(r#"{"version": 1, "rules": [{
//!     "id": "t", "kind": "pattern", "category": "other", "levle": "warn",
//!     "message": {"en": "m"}, "explanation": {"en": "e"}, "pattern": "x*"}]}"#)
//!     .and_then(Policy::compile)
//!     .unwrap_err();
//! let found: Vec<String> = error.problems.iter().map(ToString::to_string).collect();
//! assert_eq!(found, [
//!     "/rules/0/levle: unknown key `levle` (did you mean `level`?)",
//!     "/rules/0/pattern: the pattern can match the empty string, so it would flag nothing \
//!      visible (require at least one character, e.g. `+` instead of `*`)",
//! ]);
//! ```
//!
//! Nothing in this crate panics on any policy or text.

mod check;
mod compile;
mod context;
mod document;
pub mod eval;
mod finding;
mod limits;
mod locale;
mod pipeline;
mod policy;
mod problem;
mod rules;
mod schema;
pub mod source_map;
mod template;
#[cfg(test)]
mod testing;
mod text;
pub mod yaml;

pub use check::{TestFailure, TestMismatch, TestReport};
pub use compile::Checker;
pub use context::Localized;
pub use context::{Attachment, AttachmentKind, CheckContext, Date, Field, Lang, Platform, Surface};
pub use eval::{evaluate, Corpus, CorpusEntry, Evaluation, Targets};
pub use finding::{Category, Finding, LengthReport, LengthUnit, Level, Report, Span, Suggestion};
pub use limits::MAX_POLICY_BYTES;
pub use pipeline::Policy;
pub use policy::resolve::RuleInfo;
pub use policy::{Contact, ContactName, Organization};
pub use problem::{PolicyError, Problem};
pub use schema::policy_schema;

/// The built-in default policy: the `base` pack and nothing else.
///
/// It names no organization, so the `organization` pack (disclosure, brand
/// spelling, critical topics) is not part of it; a company's own policy
/// adds an `organization` section and `"extends": ["base", "organization"]`.
/// The extension and the CLI use this policy until IT provides one.
pub fn default_policy_json() -> &'static str {
    DEFAULT_POLICY
}

const DEFAULT_POLICY: &str = r#"{
  "version": 1,
  "revision": "built-in",
  "fallback_language": "en",
  "extends": ["base"]
}
"#;
pub use text::urls::{find_urls, Url};
pub use text::x_count::{count_weighted, XCount, X_POST_LIMIT};
