//! `link`: a link to one of the listed domains.
//!
//! ## What it checks
//! Every URL in the text (with or without `https://`, see
//! [`crate::text::urls`]) whose host is one of the listed domains or a
//! subdomain of one: `shutterstock.com` matches `www.shutterstock.com/de/…`
//! but not `notshutterstock.com`. With `internal: true`, the organization's
//! `internal_domains` are listed too.
//!
//! For internal domains, the `internal-host` kind also finds host names
//! written without a scheme (`wiki.acme.internal/x`); a pack uses one of the
//! two for them, not both.
//!
//! ## Why it matters
//! The lists decide. Typical uses in the built-in packs:
//! - internal links (category `internal-link`): a wiki or ticket link tells
//!   outsiders about internal systems and leads nowhere for them;
//! - stock-photo links (category `copyright`): an image from Getty Images,
//!   Shutterstock, Adobe Stock or iStock is licensed for specific uses, and a
//!   social-media post is often not one of them.
//!
//! ## Example
//! ```text
//! Unser neues Titelbild: https://www.shutterstock.com/de/image-photo/team-123
//! Details im Wiki: https://wiki.acme.internal/Roadmap-2027
//! ```
//!
//! ## Fix
//! Remove the link; for images, use one from the company's media library or
//! check the licence.

use serde::Deserialize;

use super::CompileEnv;
use crate::context::CheckContext;
use crate::document::Document;
use crate::policy::Organization;
use crate::problem::Problem;
use crate::rules::{CompileKind, Hit, RuleKind};
use crate::text::urls::{host_in_domain, normalize_domain};

/// Domains whose links are flagged.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Params {
    /// Domains to flag, e.g. `shutterstock.com`; subdomains are included.
    /// This or `internal` must give a domain, or the rule could never match.
    #[serde(default)]
    domains: Vec<String>,
    /// Also flag the organization's `internal_domains`.
    #[serde(default)]
    internal: bool,
}

impl CompileKind for Params {
    fn compile(self, env: &mut CompileEnv<'_>) -> Result<Box<dyn RuleKind>, Vec<Problem>> {
        let mut problems = Vec::new();
        let mut domains = domain_list(&self.domains, "shutterstock.com", &mut problems);
        if self.domains.is_empty() && !self.internal {
            problems.push(Problem {
                path: "/domains".to_owned(),
                message: "no domains to flag, so the rule can never match".to_owned(),
                hint: Some("list domains, or set `internal: true`".to_owned()),
            });
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        if self.internal {
            domains.extend(internal_domains(env.organization));
        }
        Ok(Box::new(Link { domains }))
    }
}

/// The normalized entries of a `domains` key; an entry that is not a domain
/// name is a problem whose hint shows `example`. Shared with `internal-host`.
pub(super) fn domain_list(
    written: &[String],
    example: &str,
    problems: &mut Vec<Problem>,
) -> Vec<String> {
    let mut domains = Vec::new();
    for (index, domain) in written.iter().enumerate() {
        match normalize_domain(domain) {
            Some(domain) => domains.push(domain),
            None => problems.push(Problem {
                path: format!("/domains/{index}"),
                message: format!("`{domain}` is not a domain name"),
                hint: Some(format!("write the host only, e.g. `{example}`")),
            }),
        }
    }
    domains
}

/// The organization's internal domains, normalized. Shared with
/// `internal-host`.
pub(super) fn internal_domains(organization: &Organization) -> impl Iterator<Item = String> + '_ {
    // The organization section is validated where it is read; a malformed
    // entry there simply matches nothing here.
    organization
        .internal_domains
        .iter()
        .filter_map(|domain| normalize_domain(domain))
}

/// The compiled `link` rule.
#[derive(Debug)]
struct Link {
    domains: Vec<String>,
}

impl RuleKind for Link {
    fn check(&self, doc: &Document<'_>, _context: &CheckContext, hits: &mut Vec<Hit>) {
        for url in doc.urls() {
            let host = url.host_lowercase(doc.text);
            if self
                .domains
                .iter()
                .any(|domain| host_in_domain(&host, domain))
            {
                hits.push(Hit::at(url.range.clone()));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::Organization;
    use crate::rules::kind_harness::compile_with;

    fn flagged(rule: &dyn RuleKind, text: &str) -> Vec<String> {
        let mut hits = Vec::new();
        rule.check(&Document::new(text), &CheckContext::default(), &mut hits);
        hits.into_iter()
            .map(|hit| text[hit.range.expect("links have spans")].to_owned())
            .collect()
    }

    fn stock_photos() -> Box<dyn RuleKind> {
        let organization = Organization::default();
        let domains = serde_json::json!({"domains": ["gettyimages.com", "shutterstock.com", "stock.adobe.com", "istockphoto.com"]});
        compile_with::<Params>(domains, &organization).unwrap()
    }

    #[test]
    fn flags_stock_photo_links_in_english_and_german() {
        let rule = stock_photos();
        assert_eq!(
            flagged(
                rule.as_ref(),
                "Love this shot (https://www.shutterstock.com/image-photo/team-123)!"
            ),
            ["https://www.shutterstock.com/image-photo/team-123"]
        );
        assert_eq!(
            flagged(
                rule.as_ref(),
                "Bild: stock.adobe.com/de/images/buero/42 und gettyimages.com/detail/99."
            ),
            [
                "stock.adobe.com/de/images/buero/42",
                "gettyimages.com/detail/99"
            ]
        );
    }

    #[test]
    fn does_not_flag_lookalike_or_parent_domains_or_mere_mentions() {
        let rule = stock_photos();
        for text in [
            "Our photos come from notshutterstock.com/free and adobe.com/products.",
            "Fotos von Shutterstock und Getty Images nutzen wir nicht.",
            "Schreibt an presse@shutterstock.com",
            "See https://shutterstock.com.evil.example/ for nothing",
        ] {
            assert_eq!(flagged(rule.as_ref(), text), Vec::<String>::new(), "{text}");
        }
    }

    #[test]
    fn flags_links_to_the_organizations_internal_domains() {
        let organization = Organization {
            internal_domains: vec![
                "intranet.acme.example".to_owned(),
                "acme.internal".to_owned(),
            ],
            ..Organization::default()
        };
        let rule =
            compile_with::<Params>(serde_json::json!({"internal": true}), &organization).unwrap();
        assert_eq!(
            flagged(
                rule.as_ref(),
                "Details im Wiki: https://wiki.acme.internal/Roadmap-2027."
            ),
            ["https://wiki.acme.internal/Roadmap-2027"]
        );
        assert_eq!(
            flagged(
                rule.as_ref(),
                "See http://intranet.acme.example/hr?page=2 for the form"
            ),
            ["http://intranet.acme.example/hr?page=2"]
        );
        assert_eq!(
            flagged(
                rule.as_ref(),
                "Visit https://acme.example and https://acme.internal.example.org"
            ),
            Vec::<String>::new()
        );
    }

    #[test]
    fn rejects_a_rule_that_can_never_match_and_malformed_domains() {
        let organization = Organization::default();
        let problems = compile_with::<Params>(serde_json::json!({}), &organization).unwrap_err();
        assert_eq!(problems[0].path, "/domains");
        let problems = compile_with::<Params>(
            serde_json::json!({"domains": ["ok.com", "https://x.com/a", " "]}),
            &organization,
        )
        .unwrap_err();
        let paths: Vec<_> = problems
            .iter()
            .map(|problem| problem.path.as_str())
            .collect();
        assert_eq!(paths, ["/domains/1", "/domains/2"]);
        // `internal: true` compiles even when the organization lists no domain.
        let rule =
            compile_with::<Params>(serde_json::json!({"internal": true}), &organization).unwrap();
        assert_eq!(
            flagged(rule.as_ref(), "https://acme.com"),
            Vec::<String>::new()
        );
    }
}
