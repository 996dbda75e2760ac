//! `require`: when a trigger is present, one of some phrases must be too.
//!
//! ## What it checks
//!
//! If the text contains any `trigger` term (for the built-in
//! `org.disclosure` rule: any name, alias, handle or product of the
//! organization) but none of the `phrases` (the organization's disclosures
//! such as `#employee`, `views are my own`, `meine persönliche Meinung`),
//! the rule reports a finding for the whole post. Both lists match like
//! `terms` lists: case-insensitive, on word boundaries, evasion-resistant.
//! A trigger inside one of the rule's `exceptions` does not count: with
//! the exception `Acme-Wind`, `Eiskalter Acme-Wind heute` does not mention
//! the company Acme.
//!
//! ## Why it matters
//!
//! Employees who talk about their employer's products must say that they
//! work there (e.g. FTC endorsement guides, the German UWG). A short
//! disclosure keeps the post honest and keeps the employee out of trouble.
//!
//! ## Example
//!
//! ```json
//! {"id": "acme.disclosure", "kind": "require", "category": "disclosure",
//!  "message": {"en": "Say that you work for {organization}."},
//!  "explanation": {"en": "Readers should know you are an employee."},
//!  "trigger": [{"organization": "mentions"}],
//!  "phrases": [{"organization": "disclosures"}],
//!  "append": {"organization": "preferred_disclosure"}}
//! ```
//!
//! triggers on `Der neue Roadrunner von Acme ist super!` and stays quiet on
//! `Der neue Roadrunner von Acme ist super! #Mitarbeiter`.
//!
//! ## Fix
//!
//! Add one of the phrases. The suggestion appends `append` (in the
//! employee's language) at the end of the post, after a space, or after a
//! blank line when the post already has several lines.
//!
//! Keys: `trigger`, `phrases` (term lists), `append` (`{"de": …, "en": …}`
//! or `{"organization": "preferred_disclosure"}`, which falls back to the
//! first of `organization.disclosures`), `match` (default `word`).

use serde::{Deserialize, Deserializer};

use super::term_list::{self, TermList};
use super::CompileEnv;
use super::{CompileKind, Fix, Hit, RuleKind};
use crate::context::Localized;
use crate::context::{CheckContext, Lang};
use crate::document::Document;
use crate::policy::model::TermItem;
use crate::problem::Problem;
use crate::text::lexicon::{ListId, MatchMode, TermOptions};

/// Parameters of a `require` rule.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Params {
    /// Terms that make the requirement apply.
    pub trigger: Vec<TermItem>,
    /// Terms of which at least one must then be present.
    pub phrases: Vec<TermItem>,
    /// What the fix appends: a text per language, or
    /// `{"organization": "preferred_disclosure"}`, which falls back to the
    /// first of `organization.disclosures`.
    #[serde(default)]
    pub append: Option<AppendText>,
    /// How terms match, for both lists: `word`, `prefix` or `compound` (see
    /// `terms`).
    #[serde(default, rename = "match")]
    pub match_mode: MatchMode,
}

/// The text a `require` fix appends.
#[derive(Clone, Debug, PartialEq, schemars::JsonSchema)]
#[serde(untagged)]
pub(crate) enum AppendText {
    /// `{"organization": "preferred_disclosure"}`.
    Organization(PreferredDisclosureRef),
    /// `{"de": "…", "en": "…"}`.
    Text(Localized),
}

/// A reference to `organization.preferred_disclosure` or
/// `organization.profile.preferred_bio_disclosure`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct PreferredDisclosureRef {
    pub organization: PreferredDisclosure,
}

/// The texts the organization section offers for appending.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub(crate) enum PreferredDisclosure {
    /// `preferred_disclosure`, else the first of `disclosures`.
    PreferredDisclosure,
    /// `profile.preferred_bio_disclosure`, else the first of
    /// `profile.bio_disclosures`.
    PreferredBioDisclosure,
}

impl<'de> Deserialize<'de> for AppendText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<AppendText, D::Error> {
        use serde::de::Error;
        let value = serde_json::Value::deserialize(deserializer)?;
        if value.get("organization").is_some() {
            serde_json::from_value(value)
                .map(AppendText::Organization)
                .map_err(D::Error::custom)
        } else {
            serde_json::from_value(value)
                .map(AppendText::Text)
                .map_err(D::Error::custom)
        }
    }
}

impl CompileKind for Params {
    fn compile(self, env: &mut CompileEnv<'_>) -> Result<Box<dyn RuleKind>, Vec<Problem>> {
        let options = TermOptions {
            mode: self.match_mode,
            case_sensitive: false,
        };
        let trigger = term_list::register(&self.trigger, options, env, "/trigger");
        let phrases = term_list::register(&self.phrases, options, env, "/phrases");
        let append = match self.append {
            None => Ok(None),
            Some(AppendText::Text(text)) => Ok(Some(text)),
            Some(AppendText::Organization(reference)) => {
                preferred_disclosure(env, reference.organization).map(Some)
            }
        };
        match (trigger, phrases, append) {
            (Ok(trigger), Ok(phrases), Ok(append)) => Ok(Box::new(Require {
                trigger,
                exceptions: env.exceptions,
                phrases,
                append,
                fallback: env.fallback_language,
            })),
            (trigger, phrases, append) => Err([trigger.err(), phrases.err(), append.err()]
                .into_iter()
                .flatten()
                .flatten()
                .collect()),
        }
    }
}

/// The preferred text, else the first of its list.
fn preferred_disclosure(
    env: &CompileEnv<'_>,
    which: PreferredDisclosure,
) -> Result<Localized, Vec<Problem>> {
    let organization = env.organization;
    let profile = organization.profile.as_ref();
    // What to append, the list to fall back on, and the keys and an
    // example for the problem when both are missing.
    let (preferred, list, keys, example) = match which {
        PreferredDisclosure::PreferredDisclosure => (
            organization.preferred_disclosure.as_ref(),
            organization.disclosures.as_slice(),
            ("preferred_disclosure", "disclosures"),
            "#employee",
        ),
        PreferredDisclosure::PreferredBioDisclosure => (
            profile.and_then(|profile| profile.preferred_bio_disclosure.as_ref()),
            profile.map_or(&[][..], |profile| profile.bio_disclosures.as_slice()),
            (
                "profile.preferred_bio_disclosure",
                "profile.bio_disclosures",
            ),
            "Views are my own",
        ),
    };
    if let Some(preferred) = preferred {
        return Ok(preferred.clone());
    }
    match list.first() {
        Some(first) => Ok(Localized(
            [(env.fallback_language, first.clone())]
                .into_iter()
                .collect(),
        )),
        None => Err(vec![Problem::new(
            "/append",
            format!(
                "the organization has neither `{}` nor `{}` to append",
                keys.0, keys.1
            ),
        )
        .hint(format!(
            "add `organization.{}`, e.g. {{\"en\": \"{example}\"}}",
            keys.0
        ))]),
    }
}

/// A compiled `require` rule.
#[derive(Debug)]
struct Require {
    trigger: TermList,
    /// The rule's exceptions: a trigger inside one does not count.
    exceptions: Option<ListId>,
    phrases: TermList,
    append: Option<Localized>,
    fallback: Lang,
}

impl RuleKind for Require {
    fn check(&self, doc: &Document<'_>, context: &CheckContext, hits: &mut Vec<Hit>) {
        if doc
            .term_matches_outside(self.trigger.id, self.exceptions)
            .next()
            .is_none()
            || !doc.term_matches(self.phrases.id).is_empty()
        {
            return;
        }
        let mut hit = Hit::document();
        if let Some(text) = self
            .append
            .as_ref()
            .and_then(|append| append.pick(context.lang, self.fallback))
        {
            hit.fixes.push(Fix {
                replacement: appended(doc.text, text),
                range: None,
            });
        }
        hits.push(hit);
    }
}

/// `addition` with the separator it needs after `text`.
pub(super) fn appended(text: &str, addition: &str) -> String {
    let separator = if text.trim_end().is_empty() || text.ends_with(char::is_whitespace) {
        ""
    } else if text.contains('\n') {
        "\n\n"
    } else {
        " "
    };
    format!("{separator}{addition}")
}

#[cfg(test)]
mod tests {
    use crate::testing::{organization_policy, rule_error};
    use crate::{CheckContext, Lang, Platform};

    fn disclosure() -> crate::Checker {
        organization_policy(serde_json::json!({
            "kind": "require",
            "trigger": [{"organization": "mentions"}],
            "phrases": [{"organization": "disclosures"}],
            "append": {"organization": "preferred_disclosure"}
        }))
    }

    fn context(lang: Lang) -> CheckContext {
        CheckContext {
            lang,
            ..CheckContext::new(Platform::Linkedin)
        }
    }

    #[test]
    fn asks_for_a_disclosure_when_the_organization_is_mentioned() {
        let checker = disclosure();
        let report = checker.check(
            "Der neue Roadrunner von Acme ist super!",
            &context(Lang::De),
        );
        assert_eq!(report.findings.len(), 1);
        let finding = &report.findings[0];
        assert_eq!(finding.span, None);
        assert_eq!(
            finding.suggestions[0].replacement,
            " #Mitarbeiter – meine persönliche Meinung"
        );
        assert_eq!(finding.suggestions[0].span, None);
        assert_eq!(
            finding.suggestions[0].label,
            "„#Mitarbeiter – meine persönliche Meinung“ anhängen"
        );
        let report = checker.check(
            "Proud of the team at @acme\nGreat quarter!",
            &context(Lang::En),
        );
        assert_eq!(
            report.findings[0].suggestions[0].replacement,
            "\n\n#employee – views are my own"
        );
        assert_eq!(
            report.findings[0].suggestions[0].label,
            "Append “#employee – views are my own”"
        );
    }

    #[test]
    fn stays_quiet_with_a_disclosure_or_without_a_mention() {
        let checker = disclosure();
        for text in [
            "Der neue Roadrunner von Acme ist super! #Mitarbeiter",
            "Acme rocks. Views are my own.",
            "Das ist meine persönliche Meinung über Acme",
            "A great day at the beach.",
            "Ein schöner Tag am Meer.",
        ] {
            assert!(
                checker.check(text, &context(Lang::En)).findings.is_empty(),
                "{text}"
            );
        }
    }

    #[test]
    fn needs_an_organization_for_organization_references() {
        let error = rule_error(serde_json::json!({
            "kind": "require", "trigger": [{"organization": "mentions"}], "phrases": ["#ad"]
        }));
        assert_eq!(error.problems[0].path, "/rules/0/trigger/0");
    }

    #[test]
    fn a_trigger_inside_an_exception_does_not_trigger() {
        let checker = organization_policy(serde_json::json!({
            "kind": "require",
            "trigger": [{"organization": "mentions"}],
            "phrases": [{"organization": "disclosures"}],
            "exceptions": ["Acme-Wind", {"term": "Acme Street", "match": "prefix"}]
        }));
        for text in [
            "Eiskalter Acme-Wind heute.",
            "Eiskalter ACME Wind heute.",
            "Lunch on Acme Streets downtown.",
        ] {
            assert!(
                checker.check(text, &context(Lang::De)).findings.is_empty(),
                "{text}"
            );
        }
        for text in [
            "Eiskalter Acme-Wind heute, und Acme liefert.",
            "Acme Street is where Acme builds the Roadrunner.",
            "Der Acme Windpark",
        ] {
            assert_eq!(
                checker.check(text, &context(Lang::En)).findings.len(),
                1,
                "{text}"
            );
        }
    }
}
