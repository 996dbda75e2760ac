//! `email`: email addresses in a post (category `personal-data`).
//!
//! ## What it checks
//! Finds email addresses such as `max.mustermann@acme.example`. Addresses the
//! company publishes are not reported: those in `allow`, the `email` of every
//! contact in the policy's `organization` section (e.g. the press office),
//! addresses at a domain in `allow_domains` (and its subdomains), and role
//! addresses whose local part is in `allow_local_parts` (`jobs@…`,
//! `presse@…`). Image names like `logo@2x.png` are not addresses, and
//! neither is the user part of a URL (`postgres://app:secret@db.acme.example`,
//! `https://max@wiki.acme.example`): a password there is the `secret` kind's.
//!
//! Addresses hidden from harvesters with a bracketed `at` or `dot` are
//! found too: `max [at] acme [dot] example`, `max(at)acme.de`,
//! `anna {at} acme {punkt} de`. They are checked and allowed like written
//! ones. Spelled out without brackets (`max at acme dot com`) they are not
//! looked for: "at" and "dot" are too common in prose.
//!
//! ## Why it matters
//! An address in a public post is harvested by spammers within hours, and a
//! colleague's or customer's address is personal data that they did not agree
//! to publish (GDPR).
//!
//! ## Example
//! ```text
//! Fragen? Schreibt mir an max.mustermann@acme.example
//! ```
//!
//! ## Fix
//! Point people to an official channel (the press office, a careers page), or
//! invite them to send a direct message. No fix is offered: only the author
//! knows the right channel, and writing `[at]` instead of `@` is no fix,
//! since harvesters read that too.

use std::collections::BTreeSet;
use std::sync::LazyLock;

use regex::Regex;
use serde::Deserialize;

use super::detector_support::{default_at, reject_empty};
use super::CompileEnv;
use super::{CompileKind, Hit, RuleKind};
use crate::context::CheckContext;
use crate::document::Document;
use crate::problem::Problem;
use crate::text::segment::{char_before, is_word_char};

/// Parameters of the `email` kind.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Params {
    /// Addresses that may be posted, e.g. `press@acme.example`. Compared
    /// without regard to case. The organization's contact addresses are
    /// added automatically.
    #[serde(default)]
    pub allow: Vec<String>,
    /// Domains whose addresses may be posted, including their subdomains.
    /// The default holds the documentation domains.
    #[serde(default = "default_allow_domains")]
    pub allow_domains: Vec<String>,
    /// Local parts (before the `@`) of role addresses that name no person,
    /// e.g. `info`, `jobs`, `presse`.
    #[serde(default = "default_allow_local_parts")]
    pub allow_local_parts: Vec<String>,
    /// Whether the `email` of every contact in the organization section may
    /// be posted.
    #[serde(default = "default_true")]
    pub allow_organization_contacts: bool,
}

fn default_allow_domains() -> Vec<String> {
    default_at("/email/allow_domains")
}

fn default_allow_local_parts() -> Vec<String> {
    default_at("/email/allow_local_parts")
}

fn default_true() -> bool {
    true
}

impl CompileKind for Params {
    fn compile(self, env: &mut CompileEnv<'_>) -> Result<Box<dyn RuleKind>, Vec<Problem>> {
        let mut problems = Vec::new();
        reject_empty(&self.allow_domains, "allow_domains", &mut problems);
        reject_empty(&self.allow_local_parts, "allow_local_parts", &mut problems);
        for (index, address) in self.allow.iter().enumerate() {
            if !address.contains('@') {
                problems.push(Problem {
                    path: format!("/allow/{index}"),
                    message: format!("`{address}` is not an email address"),
                    hint: Some("write the whole address, e.g. `press@acme.example`; for a whole domain use `allow_domains`".into()),
                });
            }
        }
        for (index, domain) in self.allow_domains.iter().enumerate() {
            if domain.contains('@') {
                problems.push(Problem {
                    path: format!("/allow_domains/{index}"),
                    message: format!("`{domain}` is an address, not a domain"),
                    hint: Some("put whole addresses in `allow`".into()),
                });
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }

        let mut allowed_addresses: BTreeSet<String> = self
            .allow
            .iter()
            .map(|address| address.trim().to_lowercase())
            .collect();
        if self.allow_organization_contacts {
            allowed_addresses.extend(
                env.organization
                    .contacts
                    .values()
                    .filter_map(|contact| contact.email.as_deref())
                    .map(|address| address.trim().to_lowercase()),
            );
        }
        let allowed_domains = self
            .allow_domains
            .iter()
            .map(|domain| domain.trim().trim_start_matches('.').to_lowercase())
            .collect();
        let allowed_local_parts = self
            .allow_local_parts
            .iter()
            .map(|local| local.trim().to_lowercase())
            .collect();

        Ok(Box::new(Email {
            allowed_addresses,
            allowed_domains,
            allowed_local_parts,
        }))
    }
}

/// Local part, `@`, then dot-separated labels. Letters of any script are
/// allowed (internationalised addresses); the shape is checked further in
/// `plausible_address`. No counted repetition of the Unicode classes, which
/// would blow up the automaton. Built on first use: most posts have no `@`.
static ADDRESS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[\p{L}\p{N}._%+\-]+@[\p{L}\p{N}\-]+(?:\.[\p{L}\p{N}\-]+)+").expect("valid regex")
});

/// Where an address hidden with a bracketed `at` may be: `[at]`, `(at)`,
/// `{at}`, `<at>`, in any case. Most posts have none, and then the
/// [`OBFUSCATED`] search is skipped.
static OBFUSCATED_AT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)[\[({<]\s?(?:at|ät)\s?[\])}>]").expect("valid regex"));

/// An address written with a bracketed `at` and dots or bracketed `dot`s
/// (`punkt` in German): local part, `at`, then dot-separated labels.
static OBFUSCATED: LazyLock<Regex> = LazyLock::new(|| {
    let at = r"\s?[\[({<]\s?(?:[aA][tT]|[äÄ][tT])\s?[\])}>]\s?";
    let dot = r"(?:\.|\s?[\[({<]\s?(?i:dot|punkt)\s?[\])}>]\s?)";
    Regex::new(&format!(
        r"(?P<local>[\p{{L}}\p{{N}}._%+\-]+){at}(?P<domain>[\p{{L}}\p{{N}}\-]+(?:{dot}[\p{{L}}\p{{N}}\-]+)+)"
    ))
    .expect("valid regex")
});

/// The labels of an obfuscated domain (`acme [dot] example`), joined with
/// dots.
static OBFUSCATED_DOT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s?[\[({<]\s?(?i:dot|punkt)\s?[\])}>]\s?").expect("valid regex"));

#[derive(Debug)]
struct Email {
    allowed_addresses: BTreeSet<String>,
    allowed_domains: Vec<String>,
    allowed_local_parts: BTreeSet<String>,
}

impl RuleKind for Email {
    fn check(&self, doc: &Document<'_>, _context: &CheckContext, hits: &mut Vec<Hit>) {
        let text = doc.text;
        self.check_written(text, hits);
        self.check_obfuscated(text, hits);
    }
}

impl Email {
    /// Addresses written with `@`.
    fn check_written(&self, text: &str, hits: &mut Vec<Hit>) {
        if memchr::memchr(b'@', text.as_bytes()).is_none() {
            return;
        }
        for found in ADDRESS.find_iter(text) {
            // A leading dot belongs to the sentence, not to the address.
            let start = found.start()
                + (found.as_str().len() - found.as_str().trim_start_matches('.').len());
            let address = &text[start..found.end()];
            if char_before(text, start).is_some_and(is_word_char) {
                continue;
            }
            let Some((local, domain)) = address.split_once('@') else {
                continue;
            };
            if in_url_authority(text, start)
                || !plausible_address(local, domain)
                || self.is_allowed(address, local, domain)
            {
                continue;
            }
            hits.push(Hit::at(start..found.end()));
        }
    }

    /// Addresses written with a bracketed `at` (`max [at] acme [dot] example`).
    fn check_obfuscated(&self, text: &str, hits: &mut Vec<Hit>) {
        if !OBFUSCATED_AT.is_match(text) {
            return;
        }
        for found in OBFUSCATED.captures_iter(text) {
            let (Some(whole), Some(local), Some(domain)) =
                (found.get(0), found.name("local"), found.name("domain"))
            else {
                continue;
            };
            let local_text = local.as_str().trim_start_matches('.');
            let start = local.end() - local_text.len();
            if char_before(text, start).is_some_and(is_word_char) {
                continue;
            }
            let domain_text = OBFUSCATED_DOT.replace_all(domain.as_str(), ".");
            let address = format!("{local_text}@{domain_text}");
            if plausible_address(local_text, &domain_text)
                && !self.is_allowed(&address, local_text, &domain_text)
            {
                hits.push(Hit::at(start..whole.end()));
            }
        }
    }

    fn is_allowed(&self, address: &str, local: &str, domain: &str) -> bool {
        let domain = domain.to_lowercase();
        self.allowed_addresses.contains(&address.to_lowercase())
            || self.allowed_local_parts.contains(&local.to_lowercase())
            || self.allowed_domains.iter().any(|allowed| {
                domain == *allowed
                    || domain
                        .strip_suffix(allowed.as_str())
                        .is_some_and(|head| head.ends_with('.'))
            })
    }
}

/// Whether `at` lies between a URL's `://` and the end of its host, where
/// `user@` or `user:password@` is a login, not an address.
fn in_url_authority(text: &str, at: usize) -> bool {
    let before = &text[..at];
    let token = before.rsplit(char::is_whitespace).next().unwrap_or(before);
    token
        .rfind("://")
        .is_some_and(|scheme_end| !token[scheme_end + 3..].contains('/'))
}

/// Whether an `@` match is shaped like a real address: a local part without
/// stray dots, domain labels not starting or ending with `-`, a top-level
/// domain of letters only, and not an image name such as `icon@2x.png`.
fn plausible_address(local: &str, domain: &str) -> bool {
    let local_ok = !local.is_empty()
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..");
    let labels: Vec<&str> = domain.split('.').collect();
    let labels_ok = labels
        .iter()
        .all(|label| !label.is_empty() && !label.starts_with('-') && !label.ends_with('-'));
    let top_level_ok = labels
        .last()
        .is_some_and(|tld| tld.chars().count() >= 2 && tld.chars().all(char::is_alphabetic));
    let is_image_scale = labels.first().is_some_and(|label| {
        label.len() >= 2
            && label.ends_with(['x', 'X'])
            && label[..label.len() - 1].bytes().all(|b| b.is_ascii_digit())
    });
    local_ok && labels_ok && top_level_ok && !is_image_scale
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::{Contact, Organization};
    use crate::rules::kind_harness::{compile, compile_with, problem_paths, quotes_in};
    use serde_json::json;

    fn defaults() -> Box<dyn RuleKind> {
        compile::<Params>(json!({})).expect("parameters compile")
    }

    #[test]
    fn finds_personal_addresses_in_german_and_english() {
        let kind = defaults();
        assert_eq!(
            quotes_in(
                kind.as_ref(),
                "Fragen? Schreibt mir an max.mustermann@acme.example."
            ),
            vec!["max.mustermann@acme.example"]
        );
        assert_eq!(
            quotes_in(kind.as_ref(), "Ping me (jane_doe+social@mail.co.uk) or DM."),
            vec!["jane_doe+social@mail.co.uk"]
        );
        assert_eq!(
            quotes_in(kind.as_ref(), "Kontakt: jürgen.müller@beispiel-firma.de"),
            vec!["jürgen.müller@beispiel-firma.de"]
        );
        assert_eq!(
            quotes_in(kind.as_ref(), "mailto:Anna.Schmidt@Acme.Example, danke!"),
            vec!["Anna.Schmidt@Acme.Example"]
        );
    }

    #[test]
    fn ignores_handles_image_names_and_non_addresses() {
        let kind = defaults();
        for text in [
            "Folgt @acme und @acme_de für mehr!",
            "Great talk by @jane.doe at #RustConf",
            "Use icon@2x.png and logo@3X.jpg in the app",
            "Treffen @ 10.30 Uhr im Büro",
            "user@localhost is not reachable from outside",
            "Read https://medium.com/@max.mustermann/why-rust",
            "Version 1.2@beta.3 is out",
        ] {
            assert!(quotes_in(kind.as_ref(), text).is_empty(), "flagged: {text}");
        }
    }

    #[test]
    fn finds_addresses_hidden_with_bracketed_at_and_dot() {
        let kind = defaults();
        assert_eq!(
            quotes_in(kind.as_ref(), "Schreibt mir: max [at] acme [dot] example"),
            vec!["max [at] acme [dot] example"]
        );
        assert_eq!(
            quotes_in(kind.as_ref(), "Mail me at jane.doe(at)acme.de!"),
            vec!["jane.doe(at)acme.de"]
        );
        assert_eq!(
            quotes_in(kind.as_ref(), "Kontakt: anna {AT} acme {punkt} de."),
            vec!["anna {AT} acme {punkt} de"]
        );
        for text in [
            "Bewerbungen an jobs [at] acme [dot] example",
            "Example: someone(at)example.com",
            "Meet me at acme dot com, or at the booth",
            "Wir sehen uns (at) home. Danke!",
            "Preis [at] 12.50 EUR",
        ] {
            assert!(quotes_in(kind.as_ref(), text).is_empty(), "flagged: {text}");
        }
    }

    #[test]
    fn the_login_of_a_url_is_no_address() {
        let kind = defaults();
        for text in [
            "postgres://app:Str0ngPass@db.acme.de/prod",
            "Login via https://max@wiki.acme.internal/ und ftp://anna@files.acme.de",
        ] {
            assert!(quotes_in(kind.as_ref(), text).is_empty(), "flagged: {text}");
        }
        assert_eq!(
            quotes_in(
                kind.as_ref(),
                "https://acme.de/team/ oder max@acme.de, see https://acme.de/a/b@c.de"
            ),
            vec!["max@acme.de", "b@c.de"]
        );
    }

    #[test]
    fn role_addresses_and_documentation_domains_are_allowed() {
        let kind = defaults();
        for text in [
            "Bewirb dich jetzt: jobs@acme.example",
            "Press inquiries: presse@acme.example",
            "Example: someone@example.com or a@mail.example.org",
        ] {
            assert!(quotes_in(kind.as_ref(), text).is_empty(), "flagged: {text}");
        }
    }

    #[test]
    fn allow_list_and_organization_contacts_are_not_flagged() {
        let mut organization = Organization::default();
        organization.contacts.insert(
            "press".into(),
            Contact {
                email: Some("Pressestelle@Acme.example".into()),
                ..Contact::default()
            },
        );
        let kind = compile_with::<Params>(
            json!({"allow": ["ceo-office@acme.example"], "allow_domains": ["partner.example"]}),
            &organization,
        )
        .expect("parameters compile");
        assert!(quotes_in(kind.as_ref(), "Anfragen an pressestelle@acme.example").is_empty());
        assert!(quotes_in(kind.as_ref(), "Write to CEO-Office@acme.example").is_empty());
        assert!(quotes_in(kind.as_ref(), "Mail anna@eu.partner.example").is_empty());
        assert_eq!(
            quotes_in(kind.as_ref(), "Mail anna@partner.example.com"),
            vec!["anna@partner.example.com"]
        );
        // The documentation domains are defaults: replacing the list drops them.
        assert_eq!(
            quotes_in(kind.as_ref(), "a@example.com"),
            vec!["a@example.com"]
        );

        let without_contacts =
            compile_with::<Params>(json!({"allow_organization_contacts": false}), &organization)
                .expect("parameters compile");
        assert_eq!(
            quotes_in(without_contacts.as_ref(), "pressestelle@acme.example"),
            vec!["pressestelle@acme.example"]
        );
    }

    #[test]
    fn bad_parameters_are_reported_with_paths() {
        let paths = problem_paths::<Params>(
            json!({"allow": ["acme.example"], "allow_domains": ["", "x@y.z"]}),
        );
        assert_eq!(
            paths,
            vec!["/allow_domains/0", "/allow/0", "/allow_domains/1"]
        );
        assert!(serde_json::from_value::<Params>(json!({"alow": []})).is_err());
    }
}
