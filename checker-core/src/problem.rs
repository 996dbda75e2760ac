//! Validation problems: what is wrong with a policy, and where.

use serde::Serialize;

/// One thing wrong with a policy document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Problem {
    /// A JSON Pointer (RFC 6901) to the offending value, e.g. `/rules/3/terms/0`.
    /// The empty string is the whole document.
    pub path: String,
    /// One line saying what is wrong.
    pub message: String,
    /// How to fix it, when that is obvious (e.g. "did you mean `level`?").
    pub hint: Option<String>,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let path = if self.path.is_empty() {
            "/"
        } else {
            &self.path
        };
        write!(f, "{path}: {}", self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, " ({hint})")?;
        }
        Ok(())
    }
}

/// A policy was rejected. Holds every problem found, not only the first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PolicyError {
    pub problems: Vec<Problem>,
}

impl std::fmt::Display for PolicyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "the policy has {} problem(s):", self.problems.len())?;
        for problem in &self.problems {
            writeln!(f, "  {problem}")?;
        }
        Ok(())
    }
}

impl std::error::Error for PolicyError {}
