//! Postlint's guideline engine.

mod context;
mod document;
mod engine;
mod finding;
mod policy;
mod problem;
mod rules;
mod text;

pub use context::{Attachment, AttachmentKind, CheckContext, Date, Lang, Platform, Surface};
pub use finding::{Category, Finding, LengthReport, LengthUnit, Level, Report, Span, Suggestion};
pub use policy::{Contact, Localized, Organization};
pub use problem::{PolicyError, Problem};
pub use text::urls::{find_urls, Url};
pub use text::x_count::{count_weighted, XCount, X_POST_LIMIT};
