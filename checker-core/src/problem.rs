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
/// Serializes as `{"problems": [{"path", "message", "hint"}]}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
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

/// Where a rule was written: the path map that carries problems found
/// after reading (compiling the rule's kind and messages) back to the
/// policy. The reader records the rule's pointer in its document; resolving
/// adds the pack and the `extends` entry that pulled a pack's rule in, and
/// the keys `overrides` changed, whose problems belong to the override.
#[derive(Clone, Debug)]
pub(crate) struct RuleOrigin {
    /// JSON pointer of the rule in its document (the policy or the pack).
    pub path: String,
    /// For a pack's rule: the pack's name and the `extends` entry's pointer.
    pub pack: Option<(&'static str, String)>,
    /// The keys `overrides` changed, one entry per key.
    pub overridden: Vec<OverriddenKey>,
}

/// A rule key an `overrides` entry changed, and where its value was written.
#[derive(Clone, Debug)]
pub(crate) struct OverriddenKey {
    /// The key as a pointer relative to the rule, e.g. `/allow`.
    pub key: String,
    /// Where the key's last change is written, e.g. `/overrides/0/set/allow`.
    pub path: String,
    /// For a list: where each item was written, `None` for the items the
    /// rule had.
    pub items: Vec<Option<String>>,
}

impl RuleOrigin {
    /// `problem` (with a path relative to the rule) as the policy's author
    /// sees it.
    pub fn locate(&self, mut problem: Problem) -> Problem {
        if let Some(path) = self.in_override(&problem.path) {
            problem.path = path;
            return problem;
        }
        let problem = problem.under(&self.path);
        match &self.pack {
            Some((pack, extends_path)) => problem.in_pack(pack, extends_path),
            None => problem,
        }
    }

    /// Where an override wrote the value at `relative` (a pointer relative
    /// to the rule), if one did.
    fn in_override(&self, relative: &str) -> Option<String> {
        let changed = self.overridden.iter().find(|changed| {
            relative
                .strip_prefix(changed.key.as_str())
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
        })?;
        let rest = &relative[changed.key.len()..];
        let (index, inner) = match rest.get(1..) {
            Some(tokens) => tokens.split_at(tokens.find('/').unwrap_or(tokens.len())),
            None => ("", ""),
        };
        match index.parse::<usize>() {
            Ok(index) if !changed.items.is_empty() => changed
                .items
                .get(index)?
                .as_ref()
                .map(|item| format!("{item}{inner}")),
            _ => Some(format!("{}{rest}", changed.path)),
        }
    }
}

impl Problem {
    /// A problem inside a built-in pack, reported at the `extends` entry
    /// that pulled the pack in, keeping the pack-internal path in the
    /// message.
    pub(crate) fn in_pack(self, pack: &str, extends_path: &str) -> Problem {
        let inner = if self.path.is_empty() {
            "/"
        } else {
            &self.path
        };
        Problem {
            path: extends_path.to_owned(),
            message: format!("built-in pack `{pack}`, at {inner}: {}", self.message),
            hint: self.hint,
        }
    }

    /// A problem at `path` with no hint.
    pub(crate) fn new(path: impl Into<String>, message: impl Into<String>) -> Problem {
        Problem {
            path: path.into(),
            message: message.into(),
            hint: None,
        }
    }

    /// Adds a hint.
    pub(crate) fn hint(mut self, hint: impl Into<String>) -> Problem {
        self.hint = Some(hint.into());
        self
    }

    /// Prefixes the path with `prefix` (a JSON pointer).
    pub(crate) fn under(mut self, prefix: &str) -> Problem {
        self.path.insert_str(0, prefix);
        self
    }

    /// An unknown key, with a "did you mean" hint when one of `known` is close.
    pub(crate) fn unknown_key<'k>(
        path: &str,
        key: &str,
        known: impl IntoIterator<Item = &'k str> + Clone,
    ) -> Problem {
        let problem = Problem::new(pointer(path, key), format!("unknown key `{key}`"));
        match did_you_mean(key, known.clone()) {
            Some(close) => problem.hint(format!("did you mean `{close}`?")),
            None => {
                let mut names: Vec<&str> = known.into_iter().collect();
                names.sort_unstable();
                problem.hint(format!("known keys: {}", names.join(", ")))
            }
        }
    }

    /// Turns a serde error (with the path it occurred at) into a problem at
    /// `base` + that path. Unknown keys and values get a "did you mean" hint
    /// computed from the names serde lists plus `extra_known`.
    pub(crate) fn from_serde(
        base: &str,
        error: serde_path_to_error::Error<serde_json::Error>,
        extra_known: &[&str],
    ) -> Problem {
        let mut path = base.to_owned();
        for segment in error.path().iter() {
            match segment {
                serde_path_to_error::Segment::Seq { index } => {
                    path = pointer(&path, &index.to_string())
                }
                serde_path_to_error::Segment::Map { key } => path = pointer(&path, key),
                serde_path_to_error::Segment::Enum { .. }
                | serde_path_to_error::Segment::Unknown => {}
            }
        }
        let message = error.inner().to_string();
        let (first, listed) = backticked(&message);
        if let Some(kind) = ["unknown field", "unknown variant"]
            .into_iter()
            .find(|prefix| message.starts_with(prefix))
        {
            let wrong = first.unwrap_or_default();
            let known = listed.iter().copied().chain(extra_known.iter().copied());
            if kind == "unknown field" {
                let suffix = pointer("", wrong);
                let parent = path.strip_suffix(suffix.as_str()).unwrap_or(&path);
                return Problem::unknown_key(parent, wrong, known);
            }
            let problem = Problem::new(path, format!("unknown value `{wrong}`"));
            let mut names: Vec<&str> = known.clone().collect();
            names.dedup();
            return match did_you_mean(wrong, known) {
                Some(close) => problem.hint(format!("did you mean `{close}`?")),
                None => problem.hint(format!("expected one of: {}", names.join(", "))),
            };
        }
        Problem::new(path, message)
    }
}

/// The first backticked name in a serde message, and the names listed after
/// "expected".
fn backticked(message: &str) -> (Option<&str>, Vec<&str>) {
    let mut names = message.split('`').skip(1).step_by(2);
    let first = names.next();
    (first, names.collect())
}

/// The candidate closest to `word`, if it is close enough to be a typo.
pub(crate) fn did_you_mean<'k>(
    word: &str,
    candidates: impl IntoIterator<Item = &'k str>,
) -> Option<&'k str> {
    // Typos are made in names, not in pasted paragraphs: longer words get no
    // hint, and candidates whose length alone rules them out are skipped.
    // Both keep the quadratic edit distance cheap whatever the policy holds.
    const LONGEST_NAME: usize = 64;
    let length = word.chars().count();
    if length > LONGEST_NAME {
        return None;
    }
    let limit = (length / 3).max(1);
    candidates
        .into_iter()
        .filter(|candidate| candidate.len() <= LONGEST_NAME * 4)
        .filter(|candidate| candidate.chars().count().abs_diff(length) <= limit)
        .map(|candidate| (strsim::damerau_levenshtein(word, candidate), candidate))
        .filter(|&(distance, _)| distance <= limit)
        .min_by_key(|&(distance, _)| distance)
        .map(|(_, candidate)| candidate)
}

/// Appends one reference token to a JSON pointer (RFC 6901 escaping).
pub(crate) fn pointer(base: &str, token: &str) -> String {
    let mut path = String::with_capacity(base.len() + token.len() + 1);
    path.push_str(base);
    path.push('/');
    for c in token.chars() {
        match c {
            '~' => path.push_str("~0"),
            '/' => path.push_str("~1"),
            c => path.push(c),
        }
    }
    path
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names_only() {
        assert_eq!(did_you_mean("levle", ["level", "link"]), Some("level"));
        assert_eq!(did_you_mean("colour", ["level", "link"]), None);
    }

    #[test]
    fn long_names_get_no_hint_and_cost_no_quadratic_time() {
        let long = "x".repeat(200_000);
        assert_eq!(did_you_mean(&long, [long.as_str()]), None);
        assert_eq!(
            did_you_mean("levle", [long.as_str(), "level"]),
            Some("level")
        );
    }

    #[test]
    fn escapes_pointer_tokens() {
        assert_eq!(pointer("/rules/0", "a/b~c"), "/rules/0/a~1b~0c");
    }
}
