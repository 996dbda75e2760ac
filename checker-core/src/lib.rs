//! Postlint's guideline engine.

mod context;
mod document;
mod engine;
mod finding;
mod limits;
mod policy;
mod problem;
mod rules;
mod schema;
#[cfg(test)]
mod testing;
mod text;

pub use context::{Attachment, AttachmentKind, CheckContext, Date, Lang, Platform, Surface};
pub use engine::{Checker, RuleInfo, TestFailure, TestReport};
pub use finding::{Category, Finding, LengthReport, LengthUnit, Level, Report, Span, Suggestion};
pub use policy::{Contact, Localized, Organization, Policy};
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
