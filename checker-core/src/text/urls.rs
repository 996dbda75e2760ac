//! Finding URLs in the text of a post, with the boundaries X uses.
//!
//! Shared by the `length` rule (X counts every link it shortens as 23
//! characters) and the link rules (internal links, stock-photo links).
//!
//! What counts as a URL:
//! - `http://` or `https://` followed by a host: a domain name (Unicode
//!   allowed), an IPv4 address or a bracketed IPv6 address, then an optional
//!   port, path and query. Any well-formed domain is accepted here, also one
//!   without a real top-level domain (`https://wiki.acme.internal`), because
//!   link rules must see it; only those with a real TLD count as 23 on X.
//! - without a scheme, a domain of Latin letters whose top-level domain is a
//!   real one (the IANA root zone, from the `tld` crate): `example.com`,
//!   `www.acme.de/jobs`. `notes.txt` or `z.B.` are not URLs. A link rule
//!   can ask for hosts under its own domains whatever their top-level
//!   domain ([`find_bare_hosts`]: `wiki.acme.internal/page`).
//!
//! Boundaries, as twitter-text draws them: trailing punctuation is not part
//! of a URL (`acme.com/jobs.` ends before the full stop), parentheses belong
//! to it only when balanced (`wiki/Acme_(company)` but not the `)` of
//! `(see acme.com)`), and a domain right after `@`, `#`, `$`, `.`, `-`, `_`
//! or `/` is not one (so `press@acme.com` and `@acme.de` yield no URL).
//!
//! Written by hand: the one Rust port of twitter-text needs a C++ toolchain
//! and cannot build for wasm32, and URL crates such as `url` parse a string
//! known to be a URL rather than find URLs in prose.

use std::net::{Ipv4Addr, Ipv6Addr};
use std::ops::Range;

use unicode_properties::{GeneralCategory, GeneralCategoryGroup, UnicodeGeneralCategory};

/// A URL found in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Url {
    /// Byte range of the whole URL, scheme to last character.
    pub range: Range<usize>,
    /// Byte range of the host: a domain name or IP address (an IPv6 address
    /// without its brackets).
    pub host: Range<usize>,
    /// Whether the URL starts with `http://` or `https://`.
    pub has_scheme: bool,
    /// Whether X turns it into a t.co link that counts as 23 characters:
    /// the host is a domain with a real top-level domain, and a URL without
    /// a scheme is not a bare `name.cc` (a two-letter country domain without
    /// path, which X leaves as text; `t.co` and `.tv` excepted).
    pub shortened_on_x: bool,
}

impl Url {
    /// The host in lower case.
    pub fn host_lowercase(&self, text: &str) -> String {
        text[self.host.clone()].to_lowercase()
    }
}

/// Lower case, without a leading `*.` or `.` and a trailing `.`; `None` if
/// it is not a host name (empty, or with a scheme, path or space).
pub fn normalize_domain(domain: &str) -> Option<String> {
    let domain = domain.trim();
    let domain = domain
        .strip_prefix("*.")
        .or_else(|| domain.strip_prefix('.'))
        .unwrap_or(domain);
    let domain = domain.strip_suffix('.').unwrap_or(domain).to_lowercase();
    let well_formed = !domain.is_empty()
        && domain.split('.').all(|label| {
            !label.is_empty()
                && label
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
        });
    well_formed.then_some(domain)
}

/// Whether `host` (lower case) is `domain` or a subdomain of it.
pub fn host_in_domain(host: &str, domain: &str) -> bool {
    host.strip_suffix(domain)
        .is_some_and(|rest| rest.is_empty() || rest.ends_with('.'))
}

/// Whether `token` has a dot between a letter or digit and a letter, as a
/// domain has (`acme.com`, `EXAMPLE.DE/jobs`) and a decimal number (`3.5`)
/// has not. Shared by the kinds that leave addresses alone.
pub fn has_domain_dot(token: &str) -> bool {
    token
        .char_indices()
        .filter(|&(_, c)| c == '.')
        .any(|(at, _)| {
            let before = token[..at].chars().next_back();
            let after = token[at + 1..].chars().next();
            before.is_some_and(char::is_alphanumeric) && after.is_some_and(char::is_alphabetic)
        })
}

/// Whether `host` (lower case) is `name` under any top-level domain, or a
/// subdomain of that: `gettyimages` matches `gettyimages.de`,
/// `www.gettyimages.co.uk` and `gettyimages.com.au`. What follows `name`
/// must be a top-level domain, or a short second level (at most three
/// characters, as `co.uk`) and one, so `gettyimages.evil.example` is not a
/// match.
pub fn host_in_domain_any_tld(host: &str, name: &str) -> bool {
    host.match_indices(name).any(|(at, _)| {
        let starts_label = at == 0 || host[..at].ends_with('.');
        let Some(suffix) = host[at + name.len()..].strip_prefix('.') else {
            return false;
        };
        let labels: Vec<&str> = suffix.split('.').collect();
        let suffix_ok = match labels.as_slice() {
            [top_level] => !top_level.is_empty(),
            [second, top_level] => {
                !second.is_empty() && second.chars().count() <= 3 && !top_level.is_empty()
            }
            _ => false,
        };
        starts_label && suffix_ok
    })
}

/// Which hosts a URL without a scheme may have.
#[derive(Clone, Copy)]
enum BareHosts<'a> {
    /// Domains whose top-level domain is a real one.
    KnownTopLevel,
    /// Hosts (in lower case) the function accepts, whatever their top-level
    /// domain.
    Accepted(&'a dyn Fn(&str) -> bool),
}

/// Every URL in `text`, in order, not overlapping.
pub fn find_urls(text: &str) -> Vec<Url> {
    find_urls_with(text, BareHosts::KnownTopLevel)
}

/// The URLs without a scheme whose host `accept` takes (given in lower
/// case), whatever its top-level domain: `wiki.acme.internal/page`, which
/// [`find_urls`] leaves out since `.internal` is not a real top-level
/// domain. Same boundaries as [`find_urls`].
pub fn find_bare_hosts(text: &str, accept: &dyn Fn(&str) -> bool) -> Vec<Url> {
    let mut urls = find_urls_with(text, BareHosts::Accepted(accept));
    urls.retain(|url| !url.has_scheme);
    urls
}

fn find_urls_with(text: &str, bare_hosts: BareHosts<'_>) -> Vec<Url> {
    let mut urls = Vec::new();
    // A URL never contains white space, and it has `://` (with a scheme) or
    // a dot followed by a label character (without one). Only the tokens
    // around such marks are parsed character by character; most posts
    // have none, and the search for the marks runs at memchr speed.
    let mut parsed_until = 0;
    for mark in url_marks(text) {
        if mark < parsed_until {
            continue;
        }
        let start = text[..mark].rfind(char::is_whitespace).map_or(0, |space| {
            space + text[space..].chars().next().map_or(1, char::len_utf8)
        });
        let end = text[mark..]
            .find(char::is_whitespace)
            .map_or(text.len(), |space| mark + space);
        find_urls_in(text, start..end, bare_hosts, &mut urls);
        parsed_until = end;
    }
    urls
}

/// Positions of `://` and of dots followed by a label character, in order.
fn url_marks(text: &str) -> impl Iterator<Item = usize> + '_ {
    let bytes = text.as_bytes();
    let dots = memchr::memchr_iter(b'.', bytes).filter(move |&at| {
        text[at + 1..]
            .chars()
            .next()
            .is_some_and(|c| is_latin_label_char(c) || c == '-' || c == '_')
    });
    let schemes = memchr::memmem::find_iter(bytes, b"://");
    merge_sorted(dots, schemes)
}

/// Two ascending sequences as one.
fn merge_sorted(
    left: impl Iterator<Item = usize>,
    right: impl Iterator<Item = usize>,
) -> impl Iterator<Item = usize> {
    let mut left = left.peekable();
    let mut right = right.peekable();
    std::iter::from_fn(move || match (left.peek(), right.peek()) {
        (Some(&l), Some(&r)) if r < l => right.next(),
        (Some(_), _) => left.next(),
        (None, _) => right.next(),
    })
}

/// Appends the URLs that start in `range` of `text`.
fn find_urls_in(text: &str, range: Range<usize>, bare_hosts: BareHosts<'_>, urls: &mut Vec<Url>) {
    // No URL may start inside the previous one.
    let mut resume = range.start;
    let mut previous = text[..range.start].chars().next_back();
    for (offset, c) in text[range.clone()].char_indices() {
        let at = range.start + offset;
        if at >= resume {
            let with_scheme = if may_precede_url(previous) {
                parse_with_scheme(text, at)
            } else {
                None
            };
            let found = with_scheme.or_else(|| {
                if is_latin_label_char(c) && may_precede_bare_domain(previous) {
                    parse_without_scheme(text, at, bare_hosts)
                } else {
                    None
                }
            });
            if let Some(url) = found {
                resume = url.range.end;
                urls.push(url);
            }
        }
        previous = Some(c);
    }
}

/// A URL may not continue a word, a handle, a hashtag or a cashtag.
fn may_precede_url(previous: Option<char>) -> bool {
    previous
        .is_none_or(|c| !(c.is_ascii_alphanumeric() || matches!(c, '@' | '＠' | '$' | '#' | '＃')))
}

/// A domain without scheme may in addition not continue a domain, a path
/// or an email address.
fn may_precede_bare_domain(previous: Option<char>) -> bool {
    may_precede_url(previous)
        && previous.is_none_or(|c| !(is_latin_label_char(c) || matches!(c, '.' | '-' | '_' | '/')))
}

fn parse_with_scheme(text: &str, start: usize) -> Option<Url> {
    let rest = &text[start..];
    let scheme_length = ["https://", "http://"]
        .iter()
        .find(|scheme| {
            rest.get(..scheme.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(scheme))
        })?
        .len();
    let host_start = skip_userinfo(text, start + scheme_length);
    let (host, shortened_on_x) = if text[host_start..].starts_with('[') {
        (ipv6_literal(text, host_start)?, false)
    } else {
        let mut labels = scan_labels(text, host_start, is_domain_char);
        end_top_level_domain_before_other_script(text, labels.last_mut()?);
        let host = host_start..labels.last()?.end;
        let last = &text[labels.last()?.clone()];
        if last.bytes().all(|b| b.is_ascii_digit()) {
            // A numeric last label makes the host an IPv4 address or nothing.
            text[host.clone()].parse::<Ipv4Addr>().ok()?;
            (host, false)
        } else {
            if !valid_domain(text, &labels) {
                return None;
            }
            (host, labels.len() >= 2 && is_known_tld(last))
        }
    };
    let end = path_and_query(text, port(text, closing_bracket(text, host.end)));
    Some(Url {
        range: start..end,
        host,
        has_scheme: true,
        shortened_on_x,
    })
}

fn parse_without_scheme(text: &str, start: usize, bare_hosts: BareHosts<'_>) -> Option<Url> {
    // Most words are not domains: without a dot right after the first
    // label, there is nothing to scan (and no list to allocate).
    let first_label = &text[start..];
    let first_end = first_label
        .find(|c: char| !(is_latin_label_char(c) || c == '-' || c == '_'))
        .unwrap_or(first_label.len());
    if !first_label[first_end..].starts_with('.') {
        return None;
    }
    let labels = scan_labels(text, start, is_latin_label_char);
    // The longest prefix of labels that ends in a real top-level domain (or
    // is an accepted host) not followed by `@` (an email address) or `+`.
    let tld_index = (1..labels.len()).rev().find(|&index| {
        let label = &labels[index];
        let host_ok = match bare_hosts {
            BareHosts::KnownTopLevel => is_known_tld(&text[label.clone()]),
            BareHosts::Accepted(accept) => accept(&text[start..label.end].to_lowercase()),
        };
        host_ok && !text[label.end..].starts_with(['@', '+'])
    })?;
    let labels = &labels[..=tld_index];
    if !valid_domain(text, labels) {
        return None;
    }
    let host = start..labels[tld_index].end;
    let after_port = port(text, host.end);
    let has_path = text[after_port..].starts_with('/');
    let end = path_and_query(text, after_port);
    let top_level = &text[labels[tld_index].clone()];
    let bare_country_domain = tld_index == 1
        && top_level.len() == 2
        && !top_level.eq_ignore_ascii_case("co")
        && !top_level.eq_ignore_ascii_case("tv")
        && !has_path;
    Some(Url {
        range: start..end,
        host,
        has_scheme: false,
        shortened_on_x: !bare_country_domain,
    })
}

/// Ends the last label after its ASCII start when that start is a real
/// top-level domain and the rest is in another script, as twitter-text does:
/// in `https://example.comです` the link is `https://example.com`.
fn end_top_level_domain_before_other_script(text: &str, last: &mut Range<usize>) {
    let label = &text[last.clone()];
    let ascii_length = label
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(label.len());
    let rest_is_other_script = label[ascii_length..]
        .chars()
        .next()
        .is_some_and(|c| !c.is_ascii());
    if rest_is_other_script && !is_known_tld(label) && is_known_tld(&label[..ascii_length]) {
        last.end = last.start + ascii_length;
    }
}

/// Skips `user:password@` after a scheme, if present.
fn skip_userinfo(text: &str, at: usize) -> usize {
    let rest = &text[at..];
    let userinfo_length = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || "-._~!$&'()*+,;=:%".contains(c)))
        .unwrap_or(rest.len());
    let after = &rest[userinfo_length..];
    let host_follows = after
        .strip_prefix('@')
        .and_then(|host| host.chars().next())
        .is_some_and(|c| c == '[' || is_domain_char(c));
    if userinfo_length > 0 && host_follows {
        at + userinfo_length + 1
    } else {
        at
    }
}

/// The address inside `[…]` at `at`, if it is an IPv6 address.
fn ipv6_literal(text: &str, at: usize) -> Option<Range<usize>> {
    let inside = at + 1;
    let length = text[inside..].find(']')?;
    let address = &text[inside..inside + length];
    address.parse::<Ipv6Addr>().ok()?;
    Some(inside..inside + length)
}

/// Steps over the `]` that closes an IPv6 host.
fn closing_bracket(text: &str, host_end: usize) -> usize {
    if text[host_end..].starts_with(']') {
        host_end + 1
    } else {
        host_end
    }
}

/// The ranges of the dot-separated labels starting at `start`. A dot belongs
/// to the domain only when another label follows it.
fn scan_labels(text: &str, start: usize, is_label_char: fn(char) -> bool) -> Vec<Range<usize>> {
    let inside_label = |c: char| is_label_char(c) || c == '-' || c == '_';
    let mut labels = Vec::new();
    let mut label_start = start;
    loop {
        let rest = &text[label_start..];
        let length = rest.find(|c: char| !inside_label(c)).unwrap_or(rest.len());
        if length == 0 {
            break;
        }
        let label_end = label_start + length;
        labels.push(label_start..label_end);
        let mut after = text[label_end..].chars();
        if after.next() == Some('.') && after.next().is_some_and(inside_label) {
            label_start = label_end + 1;
        } else {
            break;
        }
    }
    labels
}

/// DNS rules: labels of 1 to 63 characters (in their ASCII form) that start
/// and end with a letter or digit, underscores only below the registrable
/// domain, at most 253 characters in all.
fn valid_domain(text: &str, labels: &[Range<usize>]) -> bool {
    let registrable = labels.len().saturating_sub(2);
    let mut total = labels.len().saturating_sub(1);
    for (index, range) in labels.iter().enumerate() {
        let label = &text[range.clone()];
        let edges_ok = !label.starts_with(['-', '_']) && !label.ends_with(['-', '_']);
        if !edges_ok || (index >= registrable && label.contains('_')) {
            return false;
        }
        match ascii_length(label) {
            Some(length @ 1..=63) => total += length,
            _ => return false,
        }
    }
    total <= 253
}

/// The length of a label in DNS form: itself if ASCII, else `xn--` plus its
/// Punycode (which is why the host of a long Japanese URL can be too long
/// although it has fewer than 63 characters).
fn ascii_length(label: &str) -> Option<usize> {
    if label.is_ascii() {
        return Some(label.len());
    }
    idna::punycode::encode_str(&label.to_lowercase()).map(|code| code.len() + 4)
}

/// Whether `label` is a top-level domain in the IANA root zone.
pub fn is_known_tld(label: &str) -> bool {
    let lower = label.to_lowercase();
    if lower.is_ascii() {
        return tld::exist(&lower);
    }
    idna::punycode::encode_str(&lower).is_some_and(|code| tld::exist(&format!("xn--{code}")))
}

/// `:8080` after a host.
fn port(text: &str, at: usize) -> usize {
    let Some(rest) = text[at..].strip_prefix(':') else {
        return at;
    };
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        at
    } else {
        at + 1 + digits
    }
}

/// Extends a URL over its path (`/…`) and query (`?…`), leaving out what
/// cannot end a URL.
fn path_and_query(text: &str, at: usize) -> usize {
    let after_path = if text[at..].starts_with('/') {
        path_end(text, at)
    } else {
        at
    };
    if text[after_path..].starts_with('?') {
        query_end(text, after_path)
    } else {
        after_path
    }
}

fn path_end(text: &str, at: usize) -> usize {
    let mut position = at;
    let mut end = at;
    while let Some(c) = text[position..].chars().next() {
        if c == '(' {
            match balanced_parentheses(text, position, 1) {
                Some(after) => {
                    position = after;
                    end = after;
                }
                None => break,
            }
        } else if is_path_char(c) {
            position += c.len_utf8();
            if is_path_ending_char(c) {
                end = position;
            }
        } else {
            break;
        }
    }
    end
}

/// The end of `(…)` at `at` when its content is path characters, with up to
/// `nesting` more balanced pairs inside.
fn balanced_parentheses(text: &str, at: usize, nesting: u8) -> Option<usize> {
    let mut position = at + 1;
    let mut content = false;
    loop {
        let c = text[position..].chars().next()?;
        match c {
            ')' if content => return Some(position + 1),
            '(' if nesting > 0 => {
                position = balanced_parentheses(text, position, nesting - 1)?;
                content = true;
            }
            _ if is_path_char(c) => {
                position += c.len_utf8();
                content = true;
            }
            _ => return None,
        }
    }
}

fn query_end(text: &str, at: usize) -> usize {
    let mut end = at;
    let mut position = at + 1;
    for c in text[position..].chars() {
        if !is_query_char(c) {
            break;
        }
        position += c.len_utf8();
        if c.is_ascii_alphanumeric() || "-_&=#/+".contains(c) {
            end = position;
        }
    }
    end
}

/// Letters and digits of a domain after a scheme: any script, plus symbols
/// such as `☃` (twitter-text accepts `http://☃.net`).
fn is_domain_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    matches!(
        c.general_category_group(),
        GeneralCategoryGroup::Letter | GeneralCategoryGroup::Mark | GeneralCategoryGroup::Number
    ) || c.general_category() == GeneralCategory::OtherSymbol
}

/// Letters and digits of a domain without scheme: ASCII and Latin letters
/// with diacritics (`müller-bäckerei.de`).
fn is_latin_label_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || is_latin_letter(c)
}

fn is_latin_letter(c: char) -> bool {
    matches!(c,
        '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{F6}' | '\u{F8}'..='\u{24F}'
        | '\u{300}'..='\u{36F}' | '\u{1E00}'..='\u{1EFF}')
}

fn is_cyrillic(c: char) -> bool {
    matches!(c, '\u{400}'..='\u{4FF}')
}

fn is_path_char(c: char) -> bool {
    is_latin_label_char(c)
        || is_cyrillic(c)
        || c == '\u{2013}'
        || "!*';:=+,.$/%#[]-_~&|@".contains(c)
}

fn is_path_ending_char(c: char) -> bool {
    is_latin_label_char(c) || is_cyrillic(c) || "+-=_#/".contains(c)
}

fn is_query_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "!?*'@();:&=+$/%#[]-_.,~|".contains(c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn quotes(text: &str) -> Vec<&str> {
        find_urls(text)
            .into_iter()
            .map(|url| &text[url.range])
            .collect()
    }

    #[test]
    fn finds_urls_with_scheme_in_english_and_german_posts() {
        assert_eq!(
            quotes("We're hiring! Apply at https://acme.com/jobs?team=web."),
            ["https://acme.com/jobs?team=web"]
        );
        assert_eq!(
            quotes("Mehr dazu unter HTTPS://www.Acme.DE/presse/2026-11, schaut rein!"),
            ["HTTPS://www.Acme.DE/presse/2026-11"]
        );
    }

    #[test]
    fn finds_domains_without_scheme_when_the_tld_is_real() {
        assert_eq!(
            quotes("Details: example.com and acme.de/jobs"),
            ["example.com", "acme.de/jobs"]
        );
        assert_eq!(
            quotes("Bewerbt euch über müller-bäckerei.de/karriere!"),
            ["müller-bäckerei.de/karriere"]
        );
        let bare = find_urls("see acme.de now");
        assert_eq!(bare.len(), 1);
        assert!(!bare[0].shortened_on_x, "X leaves a bare name.cc as text");
        assert!(find_urls("see t.co and acme.com")[0].shortened_on_x);
    }

    #[test]
    fn ignores_things_that_only_look_like_domains() {
        for text in [
            "Version 2.0.1 is out, see notes.txt, e.g. this",
            "Das ist z.B. am 27.11.2026 um 10.30 Uhr, d.h. bald.",
            "Mail press@acme.com or ping @acme.de, #acme.com is a hashtag",
            "Schreibt an presse@acme.de oder max.mustermann@acme.app",
            "ftp://files.acme.example and foo.notatld",
        ] {
            assert_eq!(quotes(text), Vec::<&str>::new(), "{text}");
        }
    }

    #[test]
    fn leaves_out_trailing_punctuation_and_unbalanced_parentheses() {
        assert_eq!(
            quotes("(see https://acme.com/jobs)."),
            ["https://acme.com/jobs"]
        );
        assert_eq!(
            quotes("Siehe https://de.wikipedia.org/wiki/Acme_(Firma), oder?"),
            ["https://de.wikipedia.org/wiki/Acme_(Firma)"]
        );
        assert_eq!(
            quotes("„https://acme.de/blog“ – lesenswert!"),
            ["https://acme.de/blog"]
        );
        assert_eq!(quotes("Is it acme.com/faq?"), ["acme.com/faq"]);
    }

    #[test]
    fn ends_a_url_where_another_script_follows_the_domain() {
        assert_eq!(
            quotes("詳しくはhttps://example.comです。"),
            ["https://example.com"]
        );
        assert!(find_urls("詳しくはhttps://example.comです。")[0].shortened_on_x);
        assert_eq!(
            quotes("Подробнее: https://acme.ru/новости."),
            ["https://acme.ru/новости"]
        );
    }

    #[test]
    fn accepts_any_well_formed_host_after_a_scheme() {
        let text = "Wiki: https://wiki.acme.internal/Onboarding and http://10.0.0.5:8080/admin";
        assert_eq!(
            quotes(text),
            [
                "https://wiki.acme.internal/Onboarding",
                "http://10.0.0.5:8080/admin"
            ]
        );
        let urls = find_urls(text);
        assert_eq!(urls[0].host_lowercase(text), "wiki.acme.internal");
        assert!(urls.iter().all(|url| !url.shortened_on_x));
        assert_eq!(
            quotes("http://256.1.2.3/ and http://www.-acme.com/"),
            Vec::<&str>::new()
        );
    }

    #[test]
    fn finds_accepted_hosts_without_scheme_whatever_their_top_level_domain() {
        let internal = |host: &str| host_in_domain(host, "acme.internal");
        let text = "Doku: wiki.acme.internal/page, https://jira.acme.internal/x und acme.internal.";
        let quotes: Vec<&str> = find_bare_hosts(text, &internal)
            .into_iter()
            .map(|url| &text[url.range])
            .collect();
        assert_eq!(quotes, ["wiki.acme.internal/page", "acme.internal"]);
        for text in [
            "Mail max@wiki.acme.internal or see notacme.internal/x",
            "Wir nutzen acme.internalisiert und acme-internal.",
        ] {
            assert!(find_bare_hosts(text, &internal).is_empty(), "{text}");
        }
    }

    #[test]
    fn any_top_level_domain_after_a_name() {
        for host in [
            "gettyimages.de",
            "www.gettyimages.co.uk",
            "gettyimages.com.au",
            "media.gettyimages.com",
        ] {
            assert!(host_in_domain_any_tld(host, "gettyimages"), "{host}");
        }
        for host in [
            "notgettyimages.de",
            "gettyimages.evil.example",
            "gettyimages",
            "gettyimagesx.com",
        ] {
            assert!(!host_in_domain_any_tld(host, "gettyimages"), "{host}");
        }
    }

    #[test]
    fn rejects_labels_longer_than_63_characters_in_dns_form() {
        let long = format!("{}.com", "a".repeat(64));
        assert_eq!(quotes(&long), Vec::<&str>::new());
        let fits = format!("{}.com", "a".repeat(63));
        assert_eq!(quotes(&fits), [fits.as_str()]);
    }

    proptest! {
        #[test]
        fn skipping_tokens_without_a_url_changes_nothing(text in "\\PC{0,80}|[a-zä .:/@()?#\n-]{0,60}|([a-z]{1,6}[ .:/]{1,2}){1,8}") {
            let mut every_position = Vec::new();
            find_urls_in(&text, 0..text.len(), BareHosts::KnownTopLevel, &mut every_position);
            prop_assert_eq!(find_urls(&text), every_position);
        }

        #[test]
        fn never_panics_and_ranges_lie_on_char_boundaries(text in "\\PC{0,80}|[a-z.:/@()?#-]{0,40}|(https?://)?[a-zäö]{1,8}(\\.[a-z]{2,4}){1,3}(/[a-z(),.?]{0,10})?") {
            let mut previous_end = 0;
            for url in find_urls(&text) {
                prop_assert!(url.range.start >= previous_end);
                prop_assert!(url.range.start < url.range.end && url.range.end <= text.len());
                prop_assert!(text.is_char_boundary(url.range.start) && text.is_char_boundary(url.range.end));
                prop_assert!(url.range.start <= url.host.start && url.host.end <= url.range.end);
                prop_assert!(text.is_char_boundary(url.host.start) && text.is_char_boundary(url.host.end));
                previous_end = url.range.end;
            }
        }
    }
}
