//! `internal-host`: an internal address, host name or ticket id.
//!
//! ## What it checks
//! - IP addresses in the `ranges` (CIDR blocks; by default the private and
//!   link-local ones: IPv4 `10.0.0.0/8`, `172.16.0.0/12`, `192.168.0.0/16`,
//!   `169.254.0.0/16`; IPv6 `fc00::/7` and `fe80::/10`); loopback
//!   (`127.0.0.0/8`, `::1`) only if asked for. Addresses are validated, so
//!   `10.2.3` (three parts), `192.168.1.300`, `1.2.3.4.5` (a version number)
//!   and times such as `10:30:00` are not flagged, and neither is a dotted
//!   number right after one of the `version_labels` (`Firmware 10.4.2.1`,
//!   `release: 10.0.0.1`);
//! - host names in the organization's `internal_domains` (and any listed in
//!   `domains`), with or without `https://`: `wiki.acme.internal`;
//! - ticket ids, when the policy gives a pattern: `OPS-4711`.
//!
//! A host name is matched when it is an internal domain or a subdomain of
//! one and contains a dot, so a single-label entry such as `corp` matches
//! `build.corp` but not the word "corp". Addresses in email addresses
//! (`max@acme.internal`) are left to the email rule.
//!
//! ## Why it matters
//! Internal addresses and ticket numbers tell outsiders how the company's
//! network and processes are laid out, which helps attackers, and they lead
//! nowhere for everyone else.
//!
//! ## Example
//! ```text
//! Der neue Build-Server läuft: 10.20.30.40, Doku unter wiki.acme.internal/build (OPS-4711).
//! ```
//!
//! ## Fix
//! Remove the address, host name or ticket id; describe the change in words
//! the public understands.

use std::collections::HashSet;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;
use serde::Deserialize;

use super::detector_support::default_at;
use super::CompileEnv;
use crate::context::CheckContext;
use crate::document::Document;
use crate::problem::Problem;
use crate::rules::link::{domain_list, internal_domains};
use crate::rules::pattern::last_line;
use crate::rules::{CompileKind, Hit, RuleKind};
use crate::text::segment::is_word_char;
use crate::text::urls::{host_in_domain, Url};

/// What counts as internal.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Params {
    /// Flag IP addresses in `ranges`.
    #[serde(default = "enabled")]
    private_addresses: bool,
    /// The address ranges that count as internal, in CIDR form (IPv4 or
    /// IPv6), e.g. `10.0.0.0/8`. The default holds the private and
    /// link-local ranges.
    #[serde(default = "default_ranges")]
    ranges: Vec<String>,
    /// Words after which a dotted number is a version, not an address
    /// (`Firmware 10.4.2.1`); one word each, compared without regard to case.
    #[serde(default = "default_version_labels")]
    version_labels: Vec<String>,
    /// Also flag loopback addresses (127/8, ::1), which are the same on
    /// every machine and so usually harmless.
    #[serde(default)]
    loopback: bool,
    /// Flag host names in the organization's `internal_domains`.
    #[serde(default = "enabled")]
    internal_domains: bool,
    /// More internal domains; subdomains are included.
    #[serde(default)]
    domains: Vec<String>,
    /// A regular expression for ticket ids, e.g. `\b(?:ACME|OPS)-\d{2,6}\b`.
    #[serde(default)]
    ticket_pattern: Option<String>,
}

fn enabled() -> bool {
    true
}

fn default_ranges() -> Vec<String> {
    default_at("/internal_host/ranges")
}

fn default_version_labels() -> Vec<String> {
    default_at("/internal_host/version_labels")
}

/// A block of IP addresses: those equal to `network` under `mask`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AddressRange {
    V4 { network: u32, mask: u32 },
    V6 { network: u128, mask: u128 },
}

impl AddressRange {
    /// `10.0.0.0/8` or `fc00::/7`; host bits in the address are ignored.
    fn parse(cidr: &str) -> Option<AddressRange> {
        let (address, prefix) = cidr.trim().split_once('/')?;
        let prefix: u32 = prefix.parse().ok()?;
        match address.parse::<IpAddr>().ok()? {
            IpAddr::V4(address) if prefix <= 32 => {
                let mask = u32::MAX.checked_shl(32 - prefix).unwrap_or(0);
                Some(AddressRange::V4 {
                    network: u32::from(address) & mask,
                    mask,
                })
            }
            IpAddr::V6(address) if prefix <= 128 => {
                let mask = u128::MAX.checked_shl(128 - prefix).unwrap_or(0);
                Some(AddressRange::V6 {
                    network: u128::from(address) & mask,
                    mask,
                })
            }
            _ => None,
        }
    }

    fn contains(&self, address: IpAddr) -> bool {
        match (self, address) {
            (AddressRange::V4 { network, mask }, IpAddr::V4(address)) => {
                u32::from(address) & mask == *network
            }
            (AddressRange::V6 { network, mask }, IpAddr::V6(address)) => {
                u128::from(address) & mask == *network
            }
            _ => false,
        }
    }
}

impl CompileKind for Params {
    fn compile(self, env: &mut CompileEnv<'_>) -> Result<Box<dyn RuleKind>, Vec<Problem>> {
        let mut problems = Vec::new();
        let mut domains = domain_list(&self.domains, "intranet.acme.example", &mut problems);
        let tickets = match self.ticket_pattern.as_deref().map(Regex::new) {
            None => None,
            Some(Ok(pattern)) if pattern.is_match("") => {
                problems.push(Problem {
                    path: "/ticket_pattern".to_owned(),
                    message: "the pattern matches an empty text, so it would flag everything"
                        .to_owned(),
                    hint: Some(
                        "require at least one character, e.g. `\\d{2,6}` instead of `\\d*`"
                            .to_owned(),
                    ),
                });
                None
            }
            Some(Ok(pattern)) => Some(pattern),
            Some(Err(error)) => {
                problems.push(Problem {
                    path: "/ticket_pattern".to_owned(),
                    message: format!(
                        "not a valid regular expression: {}",
                        last_line(&error.to_string())
                    ),
                    hint: None,
                });
                None
            }
        };
        let mut ranges = Vec::new();
        for (index, cidr) in self.ranges.iter().enumerate() {
            match AddressRange::parse(cidr) {
                Some(range) => ranges.push(range),
                None => problems.push(Problem {
                    path: format!("/ranges/{index}"),
                    message: format!("`{cidr}` is not an address range"),
                    hint: Some(
                        "write an address, `/` and the prefix length, e.g. `10.0.0.0/8` or `fc00::/7`"
                            .to_owned(),
                    ),
                }),
            }
        }
        let mut version_labels = HashSet::new();
        for (index, label) in self.version_labels.iter().enumerate() {
            let label = label.trim();
            if label.is_empty() || !label.chars().all(is_word_char) {
                problems.push(Problem {
                    path: format!("/version_labels/{index}"),
                    message: format!("`{label}` is not a single word"),
                    hint: Some(
                        "write the word that stands before the number, e.g. `Firmware`".to_owned(),
                    ),
                });
            }
            version_labels.insert(label.to_lowercase());
        }
        let checks_anything = (self.private_addresses && !self.ranges.is_empty())
            || self.loopback
            || self.internal_domains
            || !self.domains.is_empty()
            || self.ticket_pattern.is_some();
        if !checks_anything {
            problems.push(Problem {
                path: String::new(),
                message: "every check of this rule is switched off, so it can never match".to_owned(),
                hint: Some("enable `private_addresses`, `internal_domains`, or give `domains` or `ticket_pattern`".to_owned()),
            });
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        if self.internal_domains {
            domains.extend(internal_domains(env.organization));
        }
        if !self.private_addresses {
            ranges.clear();
        }
        Ok(Box::new(InternalHost {
            ranges,
            version_labels,
            loopback: self.loopback,
            domains,
            tickets,
        }))
    }
}

/// The compiled `internal-host` rule.
#[derive(Debug)]
struct InternalHost {
    /// Empty when `private_addresses` is off.
    ranges: Vec<AddressRange>,
    /// Lower case.
    version_labels: HashSet<String>,
    loopback: bool,
    domains: Vec<String>,
    tickets: Option<Regex>,
}

static IPV4: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\d{1,3}(?:\.\d{1,3}){3}").expect("valid regex"));
static IPV6: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)[0-9a-f]*(?::[0-9a-f]*){2,7}").expect("valid regex"));
static HOST: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[\p{L}\p{N}_-]+(?:\.[\p{L}\p{N}_-]+)+").expect("valid regex"));

impl InternalHost {
    fn flags_ipv4(&self, address: Ipv4Addr) -> bool {
        self.in_ranges(IpAddr::V4(address)) || (self.loopback && address.is_loopback())
    }

    fn flags_ipv6(&self, address: Ipv6Addr) -> bool {
        self.in_ranges(IpAddr::V6(address)) || (self.loopback && address.is_loopback())
    }

    fn in_ranges(&self, address: IpAddr) -> bool {
        self.ranges.iter().any(|range| range.contains(address))
    }

    /// Whether the word before `start` (past spaces and a colon) is a
    /// version label: `Firmware 10.4.2.1`, `Version: 10.0.0.1`.
    fn labelled_as_version(&self, text: &str, start: usize) -> bool {
        let before = text[..start].trim_end_matches(|c: char| c.is_whitespace() || c == ':');
        let word_start = before
            .char_indices()
            .rev()
            .take_while(|&(_, c)| is_word_char(c))
            .last()
            .map_or(before.len(), |(at, _)| at);
        let word = &before[word_start..];
        !word.is_empty() && self.version_labels.contains(&word.to_lowercase())
    }

    /// Internal IPv4 addresses, by byte range.
    fn ipv4_addresses(&self, text: &str, found: &mut Vec<Range<usize>>) {
        if !may_hold_ipv4(text.as_bytes()) {
            return;
        }
        for candidate in IPV4.find_iter(text) {
            let standalone = !text[..candidate.start()]
                .ends_with(|c: char| is_word_char(c) || c == '.')
                && !continues_token(&text[candidate.end()..]);
            let internal = candidate
                .as_str()
                .parse()
                .is_ok_and(|address| self.flags_ipv4(address));
            if standalone && internal && !self.labelled_as_version(text, candidate.start()) {
                found.push(candidate.range());
            }
        }
    }

    /// Internal IPv6 addresses, by byte range.
    fn ipv6_addresses(&self, text: &str, found: &mut Vec<Range<usize>>) {
        if !may_hold_ipv6(text.as_bytes()) {
            return;
        }
        for candidate in IPV6.find_iter(text) {
            let mut range = candidate.range();
            // A colon ending a sentence ("… fe80::1: …") is not part of the address.
            if text[range.clone()].ends_with(':') && !text[range.clone()].ends_with("::") {
                range.end -= 1;
            }
            let after = &text[range.end..];
            let standalone = !text[..range.start].ends_with(|c: char| is_word_char(c) || c == ':')
                && !after.starts_with(is_word_char)
                && !after.starts_with("::");
            let internal = text[range.clone()]
                .parse()
                .is_ok_and(|address| self.flags_ipv6(address));
            if standalone && internal {
                found.push(range);
            }
        }
    }

    /// Host names in the internal domains, by byte range; not the domain of
    /// an email address.
    fn internal_hosts(&self, text: &str, urls: &[Url], found: &mut Vec<Range<usize>>) {
        if self.domains.is_empty() {
            return;
        }
        for candidate in HOST.find_iter(text) {
            let url_host = urls.iter().any(|url| url.host == candidate.range());
            let in_email = !url_host && text[..candidate.start()].ends_with('@');
            let host = candidate.as_str().to_lowercase();
            let internal = self
                .domains
                .iter()
                .any(|domain| host_in_domain(&host, domain));
            if internal && !in_email {
                found.push(candidate.range());
            }
        }
    }
}

/// Whether [`IPV4`] can match: each match has a dot followed by a digit,
/// of any script for `\d` (so any byte of a non-ASCII character counts).
/// Found by memchr, where the regex would run its automaton over all the
/// prose: most posts have no such dot.
fn may_hold_ipv4(bytes: &[u8]) -> bool {
    memchr::memchr_iter(b'.', bytes).any(|dot| {
        bytes
            .get(dot + 1)
            .is_some_and(|&next| next.is_ascii_digit() || !next.is_ascii())
    })
}

/// Whether [`IPV6`] can match: each match has two colons with only
/// hexadecimal digits between them (ASCII only: no other character is a
/// case variant of `a` to `f`).
fn may_hold_ipv6(bytes: &[u8]) -> bool {
    memchr::memchr_iter(b':', bytes).any(|colon| {
        let after = bytes.get(colon + 1..).unwrap_or_default();
        let hex_digits = after.iter().take_while(|b| b.is_ascii_hexdigit()).count();
        after.get(hex_digits) == Some(&b':')
    })
}

/// The whole URL when `range` is its host, so the finding covers the link.
fn widen_to_url(range: Range<usize>, urls: &[Url]) -> Range<usize> {
    urls.iter()
        .find(|url| url.host == range)
        .map_or(range, |url| url.range.clone())
}

/// Drops ranges that lie inside another one (a ticket id in a flagged
/// internal link), so each place is reported once.
fn outermost(mut ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    ranges.sort_by_key(|range| (range.start, std::cmp::Reverse(range.end)));
    let mut kept: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for range in ranges {
        if kept.last().is_none_or(|last| range.end > last.end) {
            kept.push(range);
        }
    }
    kept
}

/// Whether the text after an IPv4 candidate continues it as a longer
/// number or word (`1.2.3.4.5`, `10.0.0.1a`); a full stop ending the
/// sentence does not.
fn continues_token(after: &str) -> bool {
    let mut chars = after.chars();
    match chars.next() {
        Some('.') => chars.next().is_some_and(char::is_alphanumeric),
        Some(c) => is_word_char(c),
        None => false,
    }
}

impl RuleKind for InternalHost {
    fn check(&self, doc: &Document<'_>, _context: &CheckContext, hits: &mut Vec<Hit>) {
        let text = doc.text;
        let urls = doc.urls();
        let mut found = Vec::new();
        if !self.ranges.is_empty() || self.loopback {
            self.ipv4_addresses(text, &mut found);
            self.ipv6_addresses(text, &mut found);
        }
        self.internal_hosts(text, urls, &mut found);
        let mut found: Vec<_> = found
            .into_iter()
            .map(|range| widen_to_url(range, urls))
            .collect();
        if let Some(tickets) = &self.tickets {
            found.extend(tickets.find_iter(text).map(|ticket| ticket.range()));
        }
        hits.extend(outermost(found).into_iter().map(Hit::at));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::Organization;
    use crate::rules::kind_harness::compile_with;
    use proptest::prelude::*;

    fn acme() -> Organization {
        Organization {
            internal_domains: vec![
                "intranet.acme.example".to_owned(),
                "acme.internal".to_owned(),
            ],
            ..Organization::default()
        }
    }

    fn compile(params: serde_json::Value) -> Result<Box<dyn RuleKind>, Vec<Problem>> {
        compile_with::<Params>(params, &acme())
    }

    fn flagged(rule: &dyn RuleKind, text: &str) -> Vec<String> {
        let mut hits = Vec::new();
        rule.check(&Document::new(text), &CheckContext::default(), &mut hits);
        hits.into_iter()
            .map(|hit| text[hit.range.expect("hits have spans")].to_owned())
            .collect()
    }

    fn default_rule() -> Box<dyn RuleKind> {
        compile(serde_json::json!({"ticket_pattern": r"\b(?:ACME|OPS)-\d{2,6}\b"})).unwrap()
    }

    #[test]
    fn flags_private_addresses_in_german_and_english() {
        let rule = default_rule();
        assert_eq!(
            flagged(
                rule.as_ref(),
                "Der neue Build-Server läuft unter 10.20.30.40, der Drucker auf 192.168.1.25."
            ),
            ["10.20.30.40", "192.168.1.25"]
        );
        assert_eq!(
            flagged(
                rule.as_ref(),
                "Our staging box is 172.20.0.7:8080 and the DHCP fallback 169.254.10.1"
            ),
            ["172.20.0.7", "169.254.10.1"]
        );
        assert_eq!(
            flagged(
                rule.as_ref(),
                "IPv6: fd12:3456:789a::1 und fe80::1ff:fe23:4567:890a: beide intern"
            ),
            ["fd12:3456:789a::1", "fe80::1ff:fe23:4567:890a"]
        );
    }

    #[test]
    fn digits_of_other_scripts_still_let_the_address_search_run() {
        // `\d` takes them, though no such address parses.
        let text = "\u{663}.\u{663}.\u{ff13}.\u{663}";
        assert!(IPV4.is_match(text) && may_hold_ipv4(text.as_bytes()));
        assert!(!may_hold_ipv4(b"Version 2. Mehr dazu bald."));
        assert!(!may_hold_ipv6(b"Wichtig: 14:30 Uhr"));
    }

    #[test]
    fn ignores_public_addresses_versions_dates_and_times() {
        let rule = default_rule();
        for text in [
            "Version 10.2.3 ist da, Release 1.2.3.4.5 folgt.",
            "Termin am 10.11.2026 um 10:30:00 Uhr, Raum 192.168.1.300",
            "Our public DNS is 8.8.8.8 and the docs live on 2001:db8::1",
            "Localhost 127.0.0.1 and ::1 are fine by default",
            "Ratio 172.15.0.1 is just outside the private range, 11.0.0.1 too",
            "MAC 00:1a:2b:3c:4d:5e, score 12:30",
        ] {
            assert_eq!(flagged(rule.as_ref(), text), Vec::<String>::new(), "{text}");
        }
        let with_loopback = compile(serde_json::json!({"loopback": true})).unwrap();
        assert_eq!(
            flagged(with_loopback.as_ref(), "Try 127.0.0.1 or ::1."),
            ["127.0.0.1", "::1"]
        );
    }

    #[test]
    fn dotted_numbers_labelled_as_versions_are_not_addresses() {
        let rule = default_rule();
        for text in [
            "Firmware 10.4.2.1 ist ausgerollt.",
            "Die Firmware-Version 10.4.2.1 läuft, Softwarestand: 192.168.0.3",
            "Release 10.0.0.1 is live, build 172.16.3.4 next.",
        ] {
            assert_eq!(flagged(rule.as_ref(), text), Vec::<String>::new(), "{text}");
        }
        assert_eq!(
            flagged(rule.as_ref(), "Firmware auf 10.4.2.1 eingespielt"),
            ["10.4.2.1"]
        );
        assert_eq!(
            flagged(rule.as_ref(), "The firmware server is 10.4.2.1."),
            ["10.4.2.1"]
        );
    }

    #[test]
    fn the_ranges_are_a_parameter() {
        let narrow = compile(serde_json::json!({"ranges": ["10.20.0.0/16", "fd00::/8"]})).unwrap();
        assert_eq!(
            flagged(
                narrow.as_ref(),
                "Server 10.20.30.40, Drucker 192.168.1.25, fd12::1 und 10.21.0.1"
            ),
            ["10.20.30.40", "fd12::1"]
        );
        let problems = compile(serde_json::json!({
            "ranges": ["10.0.0.0/33", "10.0.0.0", "fc00::/7", "x/8"],
            "version_labels": ["Firmware", "Build Nr"]
        }))
        .unwrap_err();
        let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(
            paths,
            ["/ranges/0", "/ranges/1", "/ranges/3", "/version_labels/1"]
        );
        let nothing = compile(serde_json::json!({"ranges": [], "internal_domains": false}));
        assert_eq!(nothing.unwrap_err()[0].path, "");
    }

    #[test]
    fn flags_internal_host_names_with_and_without_scheme() {
        let rule = default_rule();
        assert_eq!(
            flagged(
                rule.as_ref(),
                "Doku unter wiki.acme.internal/build und https://intranet.acme.example/hr?x=1."
            ),
            ["wiki.acme.internal", "https://intranet.acme.example/hr?x=1"]
        );
        assert_eq!(
            flagged(rule.as_ref(), "Just ping build.ACME.internal."),
            ["build.ACME.internal"]
        );
    }

    #[test]
    fn ignores_other_domains_and_email_addresses() {
        let rule = default_rule();
        for text in [
            "See acme.example.com, notacme.internal and acme.com for details",
            "Schreibt an max@acme.internal oder besucht acme.de",
            "The intranet of Acme is great, das Acme-Intranet auch",
        ] {
            assert_eq!(flagged(rule.as_ref(), text), Vec::<String>::new(), "{text}");
        }
    }

    #[test]
    fn reports_an_internal_link_once_with_its_ticket_id_and_address() {
        let rule = default_rule();
        assert_eq!(
            flagged(
                rule.as_ref(),
                "Status: https://jira.acme.internal/browse/OPS-4711 und http://10.1.2.3:8080/admin"
            ),
            [
                "https://jira.acme.internal/browse/OPS-4711",
                "http://10.1.2.3:8080/admin"
            ]
        );
        assert_eq!(
            flagged(rule.as_ref(), "Login via https://max@wiki.acme.internal/"),
            ["https://max@wiki.acme.internal/"]
        );
    }

    #[test]
    fn flags_ticket_ids_by_the_configured_pattern() {
        let rule = default_rule();
        assert_eq!(
            flagged(rule.as_ref(), "Fixed in OPS-4711, see also ACME-12."),
            ["OPS-4711", "ACME-12"]
        );
        assert_eq!(
            flagged(
                rule.as_ref(),
                "Das Modell XOPS-12 und OPS-1 sowie COVID-19 sind keine Tickets"
            ),
            Vec::<String>::new()
        );
    }

    #[test]
    fn rejects_bad_patterns_and_rules_that_check_nothing() {
        let problems = compile(serde_json::json!({"ticket_pattern": "(OPS-"})).unwrap_err();
        assert_eq!(problems[0].path, "/ticket_pattern");
        let problems = compile(serde_json::json!({"ticket_pattern": "\\d*"})).unwrap_err();
        assert_eq!(problems[0].path, "/ticket_pattern");
        let problems =
            compile(serde_json::json!({"private_addresses": false, "internal_domains": false}))
                .unwrap_err();
        assert_eq!(problems[0].path, "");
        let problems = compile(serde_json::json!({"domains": ["https://x"]})).unwrap_err();
        assert_eq!(problems[0].path, "/domains/0");
    }

    proptest! {
        #[test]
        fn address_searches_are_skipped_only_where_they_find_nothing(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "1", "192", "\u{663}", "\u{ff13}", ".", ":", "::", "a", "F", "fe80", "g", " ", "ä",
            ]), 0..24)
        ) {
            let text = pieces.concat();
            prop_assert!(may_hold_ipv4(text.as_bytes()) || !IPV4.is_match(&text));
            prop_assert!(may_hold_ipv6(text.as_bytes()) || !IPV6.is_match(&text));
        }

        #[test]
        fn hits_lie_on_char_boundaries(text in "\\PC{0,120}|[0-9a-f.:%\\[\\] ]{0,60}|([a-zä]{1,6}[.@/ ]){0,8}acme\\.internal") {
            let rule = compile(serde_json::json!({"loopback": true, "ticket_pattern": "OPS-\\d+"})).unwrap();
            let mut hits = Vec::new();
            rule.check(&Document::new(&text), &CheckContext::default(), &mut hits);
            for hit in hits {
                let range = hit.range.unwrap();
                prop_assert!(range.start < range.end && range.end <= text.len());
                prop_assert!(text.is_char_boundary(range.start) && text.is_char_boundary(range.end));
            }
        }
    }
}
