//! `punctuation`: `!` or `?` repeated too often.
//!
//! ## What it checks
//!
//! A run of exclamation and question marks longer than `max_repeat`
//! characters (default 3). Mixed runs count as one run: `?!?!` is four.
//! Up to three (`!!!`, `?!`) pass.
//!
//! ## Why it matters
//!
//! Piled-up punctuation reads as agitated or as shouting, and in a
//! disagreement it escalates. One mark carries the tone just as well.
//!
//! ## Example
//!
//! ```text
//! Wer hat sich DAS denn ausgedacht????
//! We made it!!!!!!
//! ```
//!
//! ## Fix
//!
//! The run becomes a single mark: `?` if it has a question mark in it,
//! otherwise `!`. A run mixing both also offers `?!`.
//!
//! ```text
//! Wer hat sich DAS denn ausgedacht?
//! We made it!
//! ```

use serde::Deserialize;

use super::CompileEnv;
use super::{CompileKind, Fix, Hit, RuleKind};
use crate::context::CheckContext;
use crate::document::Document;
use crate::problem::Problem;

/// Parameters of a `punctuation` rule.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Params {
    /// Most `!`/`?` in a row that pass; a longer run is reported.
    #[serde(default = "Params::default_max_repeat")]
    pub max_repeat: usize,
}

impl Params {
    fn default_max_repeat() -> usize {
        3
    }
}

impl CompileKind for Params {
    fn compile(self, _env: &mut CompileEnv<'_>) -> Result<Box<dyn RuleKind>, Vec<Problem>> {
        if self.max_repeat == 0 {
            return Err(vec![Problem {
                path: "/max_repeat".into(),
                message: "`max_repeat` must be at least 1, or every `!` and `?` is reported".into(),
                hint: Some("3 lets `!!!` pass and reports `!!!!`".into()),
            }]);
        }
        Ok(Box::new(Punctuation {
            max_repeat: self.max_repeat,
        }))
    }
}

/// A compiled `punctuation` rule.
#[derive(Debug)]
struct Punctuation {
    max_repeat: usize,
}

impl RuleKind for Punctuation {
    fn check(&self, doc: &Document<'_>, _context: &CheckContext, hits: &mut Vec<Hit>) {
        let bytes = doc.text.as_bytes();
        let mut index = 0;
        while let Some(found) = memchr::memchr2(b'!', b'?', &bytes[index..]) {
            index += found;
            // `!` and `?` are ASCII, so a run of them is a run of bytes and
            // its ends are char boundaries.
            let start = index;
            while index < bytes.len() && matches!(bytes[index], b'!' | b'?') {
                index += 1;
            }
            if index - start <= self.max_repeat {
                continue;
            }
            let run = &bytes[start..index];
            let has_question = run.contains(&b'?');
            let mut hit = Hit::at(start..index);
            let single = if has_question { "?" } else { "!" };
            hit.fixes.push(Fix {
                replacement: single.into(),
                range: Some(start..index),
            });
            if has_question && run.contains(&b'!') {
                hit.fixes.push(Fix {
                    replacement: "?!".into(),
                    range: Some(start..index),
                });
            }
            hits.push(hit);
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use serde_json::json;

    use super::*;
    use crate::rules::kind_harness::{
        assert_ranges_sound, base_pack_params, compile, hits, quotes, HARMLESS_POSTS,
    };

    fn runs(text: &str) -> Vec<&str> {
        quotes(
            text,
            &hits::<Params>(base_pack_params("base.punctuation"), text),
        )
    }

    #[test]
    fn flags_long_runs_in_german_and_english() {
        assert_eq!(runs("Wer hat sich das denn ausgedacht????"), ["????"]);
        assert_eq!(runs("We made it!!!!!! Thank you!!!!"), ["!!!!!!", "!!!!"]);
    }

    #[test]
    fn mixed_runs_count_together() {
        assert_eq!(runs("Echt jetzt?!?! Ernsthaft?"), ["?!?!"]);
    }

    #[test]
    fn up_to_three_marks_pass() {
        for text in [
            "Wir haben es geschafft!!!",
            "Really?!",
            "Wirklich???",
            "Was?! Nein! Doch!",
            "https://acme.example/suche?q=1&x=2",
            "",
        ] {
            assert!(runs(text).is_empty(), "flagged: {text}");
        }
    }

    #[test]
    fn fix_is_a_single_mark() {
        let text = "Großartig!!!!! Wer kommt mit????";
        let found = hits::<Params>(json!({}), text);
        let replacements: Vec<Vec<&str>> = found
            .iter()
            .map(|hit| {
                hit.fixes
                    .iter()
                    .map(|fix| fix.replacement.as_str())
                    .collect()
            })
            .collect();
        assert_eq!(replacements, [vec!["!"], vec!["?"]]);
        assert_eq!(found[0].fixes[0].range, found[0].range);
    }

    #[test]
    fn a_mixed_run_also_offers_interrobang_style() {
        let found = hits::<Params>(json!({}), "Seriously?!?!?");
        let replacements: Vec<&str> = found[0]
            .fixes
            .iter()
            .map(|f| f.replacement.as_str())
            .collect();
        assert_eq!(replacements, ["?", "?!"]);
    }

    #[test]
    fn max_repeat_is_configurable() {
        let text = "Super!! Toll!";
        assert_eq!(
            quotes(text, &hits::<Params>(json!({"max_repeat": 1}), text)),
            ["!!"]
        );
    }

    #[test]
    fn rejects_zero() {
        let problems = compile::<Params>(json!({"max_repeat": 0})).unwrap_err();
        assert_eq!(problems[0].path, "/max_repeat");
    }

    #[test]
    fn ordinary_posts_pass() {
        for post in HARMLESS_POSTS {
            assert!(runs(post).is_empty(), "flagged: {post}");
        }
    }

    proptest! {
        #[test]
        fn never_panics_and_ranges_are_sound(text in "[!?äa ¿¡‼]{0,60}|\\PC{0,80}") {
            let found = hits::<Params>(json!({}), &text);
            assert_ranges_sound(&text, &found);
        }
    }
}
