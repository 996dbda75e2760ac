//! The text under check, with views computed once and shared by all rules.
//!
//! The engine builds one `Document` per check. Rule kinds read the original
//! text and the views they need; views are computed lazily, at most once.

/// A text being checked.
#[derive(Debug)]
pub(crate) struct Document<'t> {
    /// The text exactly as the employee wrote it. Hit ranges are byte ranges
    /// into this string and must lie on char boundaries.
    pub text: &'t str,
}

impl<'t> Document<'t> {
    pub fn new(text: &'t str) -> Document<'t> {
        Document { text }
    }
}
