//! `link`: a link to one of the listed domains.
//!
//! ## What it checks
//! Every URL in the text (with or without `https://`, see
//! [`crate::text::urls`]) whose host is one of the listed domains or a
//! subdomain of one: `shutterstock.com` matches `www.shutterstock.com/de/…`
//! but not `notshutterstock.com`. An entry ending in `.*` matches the name
//! under any top-level domain: `gettyimages.*` matches `gettyimages.de` and
//! `www.gettyimages.co.uk/detail/123`. With `internal: true`, the
//! organization's `internal_domains` are listed too.
//!
//! Without `https://`, a link is found when its top-level domain is a real
//! one, or when its host lies under one of the listed domains, whatever its
//! top-level domain: `wiki.acme.internal/page` for the domain
//! `acme.internal`.
//!
//! The `internal-host` kind also finds host names in the internal domains;
//! a pack uses one of the two for them, not both.
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
//! Mehr unter wiki.acme.internal/Roadmap-2027
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
use crate::text::urls::{
    find_bare_hosts, host_in_domain, host_in_domain_any_tld, is_known_tld, normalize_domain,
};

/// Domains whose links are flagged.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Params {
    /// Domains to flag, e.g. `shutterstock.com`; subdomains are included.
    /// `name.*` stands for the name under any top-level domain
    /// (`gettyimages.*`: `gettyimages.de`, `gettyimages.co.uk`). This or
    /// `internal` must give a domain, or the rule could never match.
    #[serde(default)]
    domains: Vec<String>,
    /// Also flag the organization's `internal_domains`.
    #[serde(default)]
    internal: bool,
}

impl CompileKind for Params {
    fn compile(self, env: &mut CompileEnv<'_>) -> Result<Box<dyn RuleKind>, Vec<Problem>> {
        let mut problems = Vec::new();
        let mut domains = Vec::new();
        let mut any_top_level = Vec::new();
        for (index, written) in self.domains.iter().enumerate() {
            let (name, list, example) = match written.trim().strip_suffix(".*") {
                Some(name) => (name, &mut any_top_level, "gettyimages.*"),
                None => (written.as_str(), &mut domains, "shutterstock.com"),
            };
            match normalize_domain(name) {
                Some(name) => list.push(name),
                None => problems.push(not_a_domain(index, written, example)),
            }
        }
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
        // Hosts under a domain whose top-level domain is not a real one are
        // not URLs to `find_urls`; the rule looks for them itself.
        let needs_bare_hosts = domains.iter().any(|domain| {
            domain
                .rsplit('.')
                .next()
                .is_none_or(|top_level| !is_known_tld(top_level))
        });
        Ok(Box::new(Link {
            domains,
            any_top_level,
            needs_bare_hosts,
        }))
    }
}

fn not_a_domain(index: usize, written: &str, example: &str) -> Problem {
    Problem {
        path: format!("/domains/{index}"),
        message: format!("`{written}` is not a domain name"),
        hint: Some(format!("write the host only, e.g. `{example}`")),
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
            None => problems.push(not_a_domain(index, domain, example)),
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
    /// Names listed as `name.*`.
    any_top_level: Vec<String>,
    /// Whether a domain has a top-level domain that is not a real one.
    needs_bare_hosts: bool,
}

impl Link {
    fn flags_host(&self, host: &str) -> bool {
        self.domains
            .iter()
            .any(|domain| host_in_domain(host, domain))
            || self
                .any_top_level
                .iter()
                .any(|name| host_in_domain_any_tld(host, name))
    }
}

impl RuleKind for Link {
    fn check(&self, doc: &Document<'_>, _context: &CheckContext, hits: &mut Vec<Hit>) {
        let urls = doc.urls();
        let first = hits.len();
        for url in urls {
            if self.flags_host(&url.host_lowercase(doc.text)) {
                hits.push(Hit::at(url.range.clone()));
            }
        }
        if !self.needs_bare_hosts {
            return;
        }
        let under_a_domain = |host: &str| {
            self.domains
                .iter()
                .any(|domain| host_in_domain(host, domain))
        };
        for bare in find_bare_hosts(doc.text, &under_a_domain) {
            let overlaps = urls
                .iter()
                .any(|url| url.range.start < bare.range.end && bare.range.start < url.range.end);
            if !overlaps {
                hits.push(Hit::at(bare.range));
            }
        }
        hits[first..].sort_by_key(|hit| hit.range.as_ref().map(|range| range.start));
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
    fn a_name_with_any_top_level_domain() {
        let organization = Organization::default();
        let rule = compile_with::<Params>(
            serde_json::json!({"domains": ["gettyimages.*", "shutterstock.com"]}),
            &organization,
        )
        .unwrap();
        assert_eq!(
            flagged(
                rule.as_ref(),
                "Foto: https://www.gettyimages.co.uk/detail/123 und gettyimages.de/fotos/4."
            ),
            [
                "https://www.gettyimages.co.uk/detail/123",
                "gettyimages.de/fotos/4"
            ]
        );
        assert_eq!(
            flagged(
                rule.as_ref(),
                "See gettyimages.evil.example/x, notgettyimages.com and Getty Images."
            ),
            Vec::<String>::new()
        );
        let problems = compile_with::<Params>(
            serde_json::json!({"domains": ["ok.*", "https://x.*", "*"]}),
            &organization,
        )
        .unwrap_err();
        let paths: Vec<_> = problems
            .iter()
            .map(|problem| problem.path.as_str())
            .collect();
        assert_eq!(paths, ["/domains/1", "/domains/2"]);
    }

    #[test]
    fn internal_host_names_without_a_scheme() {
        let organization = Organization {
            internal_domains: vec!["acme.internal".to_owned()],
            ..Organization::default()
        };
        let rule =
            compile_with::<Params>(serde_json::json!({"internal": true}), &organization).unwrap();
        assert_eq!(
            flagged(
                rule.as_ref(),
                "Steht unter wiki.acme.internal/page, see also https://jira.acme.internal/OPS-1."
            ),
            [
                "wiki.acme.internal/page",
                "https://jira.acme.internal/OPS-1"
            ]
        );
        assert_eq!(
            flagged(
                rule.as_ref(),
                "Mail max@wiki.acme.internal, visit acme.com or notacme.internal/x"
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
