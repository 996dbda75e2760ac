//! The engine's own user-facing texts, as data: fix labels, the press
//! office a pack names when the policy has no press contact, and the
//! headings of the evaluation report. They live in `checker-core/locale.json`
//! in German and English, like the packs' messages; Rust names them by key.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::context::{Lang, Localized};

pub(crate) const FIX_REMOVE: &str = "fix.remove";
pub(crate) const FIX_REPLACE: &str = "fix.replace";
pub(crate) const FIX_APPEND: &str = "fix.append";
pub(crate) const PRESS_OFFICE: &str = "contact.press";
pub(crate) const EVAL_POSTS: &str = "eval.posts";
pub(crate) const EVAL_CLEAN: &str = "eval.clean";
pub(crate) const EVAL_CATEGORY: &str = "eval.category";
pub(crate) const EVAL_EXPECTED: &str = "eval.expected";
pub(crate) const EVAL_FOUND: &str = "eval.found";
pub(crate) const EVAL_PRECISION: &str = "eval.precision";
pub(crate) const EVAL_OVERALL: &str = "eval.overall";
pub(crate) const EVAL_MISSED: &str = "eval.missed";
pub(crate) const EVAL_FALSE_FINDINGS: &str = "eval.false_findings";

/// Every key the engine uses; a test checks each has both languages.
#[cfg(test)]
const KEYS: [&str; 13] = [
    FIX_REMOVE,
    FIX_REPLACE,
    FIX_APPEND,
    PRESS_OFFICE,
    EVAL_POSTS,
    EVAL_CLEAN,
    EVAL_CATEGORY,
    EVAL_EXPECTED,
    EVAL_FOUND,
    EVAL_PRECISION,
    EVAL_OVERALL,
    EVAL_MISSED,
    EVAL_FALSE_FINDINGS,
];

fn texts() -> &'static HashMap<String, Localized> {
    static TEXTS: OnceLock<HashMap<String, Localized>> = OnceLock::new();
    TEXTS.get_or_init(|| serde_json::from_str(include_str!("../locale.json")).unwrap_or_default())
}

/// The text `key` in `lang`. The file is part of the crate and a test reads
/// every key in both languages, so the empty fallback is never shown.
pub(crate) fn text(key: &str, lang: Lang) -> &'static str {
    texts()
        .get(key)
        .and_then(|text| text.0.get(&lang))
        .map_or("", String::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_has_german_and_english_and_the_file_has_no_others() {
        for key in KEYS {
            for lang in Lang::ALL {
                assert!(!text(key, lang).is_empty(), "{key} in {lang:?}");
            }
        }
        let mut listed: Vec<&str> = texts().keys().map(String::as_str).collect();
        listed.sort_unstable();
        let mut used = KEYS.to_vec();
        used.sort_unstable();
        assert_eq!(listed, used);
    }
}
