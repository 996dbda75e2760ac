//! Rule kinds: one module per kind.
//!
//! A rule in a policy is common metadata (id, category, level, messages,
//! filters; handled once by the engine) plus kind-specific parameters. Each
//! kind module provides:
//!
//! - `Params`: the kind's parameters, `#[derive(Deserialize, JsonSchema)]`
//!   with `#[serde(deny_unknown_fields)]`. Field docs become the schema docs.
//! - `impl CompileKind for Params`: validates what serde cannot (a list that
//!   can never match, a regex that matches the empty string) and builds the
//!   matcher.
//! - a `RuleKind` implementation that reports [`Hit`]s for a [`Document`].
//!
//! and a module doc in the manner of ruff's rule docs: what it checks, why it
//! matters, an example that triggers it, and the fix.

use std::ops::Range;

use crate::context::CheckContext;
use crate::document::Document;
use crate::finding::Level;
use crate::problem::Problem;

/// What one rule kind reports, before the engine adds the rule's metadata,
/// applies exceptions and conditions, and converts to UTF-16.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Hit {
    /// Byte range in the original text; `None` for a document-level hit.
    pub range: Option<Range<usize>>,
    /// Fixes to offer, most likely first.
    pub fixes: Vec<Fix>,
    /// A level for this hit alone (e.g. a profanity's severity); `None`
    /// keeps the rule's level.
    pub level: Option<Level>,
}

impl Hit {
    /// A hit on `range` with no fix.
    pub fn at(range: Range<usize>) -> Hit {
        Hit {
            range: Some(range),
            fixes: Vec::new(),
            level: None,
        }
    }

    /// A document-level hit with no fix.
    pub fn document() -> Hit {
        Hit {
            range: None,
            fixes: Vec::new(),
            level: None,
        }
    }
}

/// A replacement for a byte range, or (with `range: None`) text to append at
/// the end of the post.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Fix {
    pub replacement: String,
    pub range: Option<Range<usize>>,
}

/// A compiled rule kind.
pub(crate) trait RuleKind: Send + Sync + std::fmt::Debug {
    /// Appends this rule's hits in `doc` to `hits`. Must not panic on any text.
    fn check(&self, doc: &Document<'_>, context: &CheckContext, hits: &mut Vec<Hit>);
}

/// Turns validated parameters into a [`RuleKind`].
pub(crate) trait CompileKind {
    /// Problems carry paths relative to the rule object (e.g. `/terms/0`);
    /// the engine prefixes the rule's own path.
    fn compile(
        self,
        env: &mut crate::engine::CompileEnv<'_>,
    ) -> Result<Box<dyn RuleKind>, Vec<Problem>>;
}

#[cfg(test)]
mod kind_harness;

pub(crate) mod attachment;
pub(crate) mod punctuation;
pub(crate) mod quotation;
pub(crate) mod shouting;
