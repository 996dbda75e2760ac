//! Postlint's guideline engine.

mod context;
mod document;
mod engine;
pub mod eval;
mod finding;
mod policy;
mod problem;
mod rules;

pub use context::{Attachment, AttachmentKind, CheckContext, Date, Lang, Platform, Surface};
pub use eval::{evaluate, Corpus, CorpusEntry, Evaluation, Targets};
pub use finding::{Category, Finding, LengthReport, LengthUnit, Level, Report, Span, Suggestion};
pub use policy::{Contact, Localized, Organization};
pub use problem::{PolicyError, Problem};
