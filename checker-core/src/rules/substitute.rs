//! `substitute`: wrong spellings and the right ones.
//!
//! ## What it checks
//!
//! Two kinds of lists:
//!
//! - `replacements`: `{"from": ["e-mail", "Email"], "to": "E-Mail"}`. Each
//!   occurrence of a `from` term is flagged with `to` as the fix. By default
//!   the fix keeps the case pattern of what was written (`MAIL` → `E-MAIL`,
//!   a capitalized sentence start stays capitalized); set `"keep_case":
//!   false` to insert `to` exactly.
//! - `spellings`: official spellings, e.g. `["Acme", "ACME GmbH"]` or
//!   `[{"organization": "mentions"}]`. Any occurrence that matches one of
//!   them loosely (other case, look-alike letters, spaced out) but is not
//!   exactly one of them is flagged, with the official spelling as the fix.
//!   An all-caps official alias (`ACME GmbH`) is therefore fine as written.
//!
//! ## Why it matters
//!
//! A brand name spelled wrong by its own employees looks careless, and a
//! wrong handle sends readers to someone else's account.
//!
//! ## Example
//!
//! ```json
//! {"id": "acme.brand", "kind": "substitute", "category": "brand",
//!  "message": {"en": "We write “{replacement}”."},
//!  "explanation": {"en": "Consistent spelling is part of the brand."},
//!  "spellings": ["Acme", "Roadrunner"]}
//! ```
//!
//! triggers on `I love my AcMe roadrunner` (two findings).
//!
//! ## Fix
//!
//! Replace the flagged span with the suggestion; only that span changes.

use serde::Deserialize;

use super::term_list::{self, TermItem, TermList};
use super::{CompileKind, Fix, Hit, RuleKind};
use crate::context::CheckContext;
use crate::document::Document;
use crate::engine::CompileEnv;
use crate::problem::{pointer, Problem};
use crate::text::lexicon::{MatchMode, TermOptions};

/// Parameters of a `substitute` rule.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Params {
    /// Wrong terms and what to write instead.
    #[serde(default)]
    pub replacements: Vec<Replacement>,
    /// Official spellings; other spellings of the same words are flagged.
    #[serde(default)]
    pub spellings: Vec<TermItem>,
    /// `word` (default) or `prefix`.
    #[serde(default, rename = "match")]
    pub match_mode: MatchMode,
}

/// One wrong → right pair.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Replacement {
    /// The wrong terms.
    pub from: Vec<String>,
    /// The right spelling.
    pub to: String,
    /// Adapt `to` to the case pattern of what was written (default true).
    #[serde(default = "keep_case_default")]
    pub keep_case: bool,
}

fn keep_case_default() -> bool {
    true
}

impl CompileKind for Params {
    fn compile(self, env: &mut CompileEnv<'_>) -> Result<Box<dyn RuleKind>, Vec<Problem>> {
        if self.replacements.is_empty() && self.spellings.is_empty() {
            return Err(vec![Problem::new(
                "",
                "a substitute rule needs `replacements` or `spellings`",
            )
            .hint("add e.g. \"spellings\": [\"Acme\"]")]);
        }
        let options = TermOptions {
            mode: self.match_mode,
            case_sensitive: false,
        };
        let mut problems = Vec::new();
        let mut targets = Vec::new();
        let mut items = Vec::new();
        for (index, replacement) in self.replacements.iter().enumerate() {
            let path = pointer("/replacements", &index.to_string());
            if replacement.from.is_empty() {
                problems.push(Problem::new(
                    pointer(&path, "from"),
                    "an empty `from` list can never match",
                ));
            }
            if replacement.to.trim().is_empty() {
                problems.push(
                    Problem::new(pointer(&path, "to"), "the replacement is empty")
                        .hint("use a `terms` rule to flag words without a replacement"),
                );
            }
            for from in &replacement.from {
                items.push(TermItem::Plain(from.clone()));
                targets.push(Target {
                    to: replacement.to.clone(),
                    keep_case: replacement.keep_case,
                });
            }
        }
        let replacements = if items.is_empty() {
            None
        } else {
            // Registered as one flat list; re-point problems from the flat
            // index to `/replacements/i/from/j`.
            match term_list::register(&items, options, env, "") {
                Ok(list) => Some(list),
                Err(found) => {
                    problems.extend(found.into_iter().map(|problem| {
                        let flat: usize = problem.path.trim_start_matches('/').parse().unwrap_or(0);
                        let (pair, from) = locate_flat(&self.replacements, flat);
                        Problem {
                            path: format!("/replacements/{pair}/from/{from}"),
                            ..problem
                        }
                    }));
                    None
                }
            }
        };
        let spellings = if self.spellings.is_empty() {
            None
        } else {
            match term_list::register(&self.spellings, options, env, "/spellings") {
                Ok(list) => Some(list),
                Err(found) => {
                    problems.extend(found);
                    None
                }
            }
        };
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(Box::new(Substitute {
            replacements,
            targets,
            spellings,
        }))
    }
}

/// The pair and position of the `flat`-th `from` term.
fn locate_flat(replacements: &[Replacement], mut flat: usize) -> (usize, usize) {
    for (pair, replacement) in replacements.iter().enumerate() {
        if flat < replacement.from.len() {
            return (pair, flat);
        }
        flat -= replacement.from.len();
    }
    (0, 0)
}

#[derive(Debug)]
struct Target {
    to: String,
    keep_case: bool,
}

/// A compiled `substitute` rule.
#[derive(Debug)]
struct Substitute {
    replacements: Option<TermList>,
    /// One per entry of `replacements`.
    targets: Vec<Target>,
    spellings: Option<TermList>,
}

impl RuleKind for Substitute {
    fn check(&self, doc: &Document<'_>, _context: &CheckContext, hits: &mut Vec<Hit>) {
        if let Some(list) = &self.replacements {
            let mut covered_until = 0;
            for found in doc.term_matches(list.id) {
                let Some(target) = self.targets.get(found.entry as usize) else {
                    continue;
                };
                if found.range.start < covered_until {
                    continue;
                }
                covered_until = found.range.end;
                let Some(written) = doc.text.get(found.range.clone()) else {
                    continue;
                };
                let replacement = if target.keep_case {
                    with_case_of(written, &target.to)
                } else {
                    target.to.clone()
                };
                if replacement != written {
                    hits.push(fix_hit(found.range.clone(), replacement));
                }
            }
        }
        if let Some(list) = &self.spellings {
            let matches = doc.term_matches(list.id);
            let mut covered_until = 0;
            let mut index = 0;
            while index < matches.len() {
                // All official spellings that matched this same span.
                let range = matches[index].range.clone();
                let same: Vec<_> = matches[index..]
                    .iter()
                    .take_while(|m| m.range == range)
                    .collect();
                index += same.len();
                if range.start < covered_until {
                    continue;
                }
                covered_until = range.end;
                let Some(written) = doc.text.get(range.clone()) else {
                    continue;
                };
                let mut official = same.iter().filter_map(|m| list.entry(m.entry));
                if official.any(|entry| entry.text == written) {
                    continue;
                }
                // The first listed spelling wins (the name before aliases).
                let first = same
                    .iter()
                    .min_by_key(|m| m.entry)
                    .and_then(|m| list.entry(m.entry));
                if let Some(first) = first {
                    hits.push(fix_hit(range, first.text.clone()));
                }
            }
        }
    }
}

fn fix_hit(range: std::ops::Range<usize>, replacement: String) -> Hit {
    Hit {
        range: Some(range.clone()),
        fixes: vec![Fix {
            replacement,
            range: Some(range),
        }],
        level: None,
    }
}

/// `replacement` in the case pattern of `written`: all caps stays all caps,
/// a capital first letter stays capital; otherwise `replacement` as given
/// (so `email` → `E-Mail` keeps the noun's capital).
fn with_case_of(written: &str, replacement: &str) -> String {
    let letters: Vec<char> = written.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() > 1 && letters.iter().all(|c| c.is_uppercase()) {
        return replacement.to_uppercase();
    }
    if letters.first().is_some_and(|c| c.is_uppercase()) {
        let mut chars = replacement.chars();
        if let Some(first) = chars.next() {
            return first.to_uppercase().chain(chars).collect();
        }
    }
    replacement.to_owned()
}

#[cfg(test)]
mod tests {
    use super::with_case_of;
    use crate::testing::{organization_policy, quotes, rule_error, rule_policy};
    use crate::{CheckContext, Platform};

    fn replacements(checker: &crate::Checker, text: &str) -> Vec<(String, String)> {
        checker
            .check(text, &CheckContext::new(Platform::X))
            .findings
            .into_iter()
            .map(|f| {
                (
                    f.quote.unwrap_or_default(),
                    f.suggestions[0].replacement.clone(),
                )
            })
            .collect()
    }

    #[test]
    fn replaces_wrong_terms_keeping_the_case_pattern() {
        let checker = rule_policy(serde_json::json!({
            "kind": "substitute",
            "replacements": [{"from": ["Mitarbeiterinnen und Mitarbeiter"], "to": "Mitarbeitende"},
                             {"from": ["e-mail", "email"], "to": "E-Mail"}]
        }));
        assert_eq!(
            replacements(
                &checker,
                "Liebe MITARBEITERINNEN UND MITARBEITER, schreibt eine email"
            ),
            [
                (
                    "MITARBEITERINNEN UND MITARBEITER".into(),
                    "MITARBEITENDE".into()
                ),
                ("email".into(), "E-Mail".into())
            ]
        );
        assert_eq!(
            replacements(&checker, "Send an Email"),
            [("Email".into(), "E-Mail".into())]
        );
        assert!(replacements(&checker, "Schreibt eine E-Mail an die Mitarbeitenden").is_empty());
    }

    #[test]
    fn flags_brand_misspellings_but_allows_official_all_caps_aliases() {
        let checker = organization_policy(serde_json::json!({
            "kind": "substitute", "spellings": [{"organization": "mentions"}]
        }));
        assert_eq!(
            replacements(&checker, "Ich liebe AcMe und den ROADRUNNER, folgt @ACME"),
            [
                ("AcMe".into(), "Acme".into()),
                ("ROADRUNNER".into(), "Roadrunner".into()),
                ("@ACME".into(), "@acme".into())
            ]
        );
        assert!(replacements(
            &checker,
            "Acme, ACME GmbH, Roadrunner and @acme are spelled right"
        )
        .is_empty());
        assert_eq!(
            replacements(&checker, "Аcme"),
            [("Аcme".into(), "Acme".into())]
        );
    }

    #[test]
    fn case_pattern_helper() {
        assert_eq!(with_case_of("ACME", "Acme"), "ACME");
        assert_eq!(with_case_of("Kunde", "kundin"), "Kundin");
        assert_eq!(with_case_of("email", "E-Mail"), "E-Mail");
    }

    #[test]
    fn rejects_rules_that_substitute_nothing() {
        let error = rule_error(serde_json::json!({"kind": "substitute"}));
        assert_eq!(error.problems[0].path, "/rules/0");
        let error = rule_error(
            serde_json::json!({"kind": "substitute", "replacements": [{"from": ["ok", "--"], "to": "x"}]}),
        );
        assert_eq!(error.problems[0].path, "/rules/0/replacements/0/from/1");
        assert!(
            quotes(
                &rule_policy(serde_json::json!({"kind": "substitute", "spellings": ["Acme"]})),
                "acme"
            )
            .len()
                == 1
        );
    }
}
