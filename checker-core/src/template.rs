//! Messages and explanations with placeholders: parsed once, when a policy
//! compiles, and rendered per finding (and once for the rule list, see
//! [`crate::policy::resolve::RuleInfo`]).
//!
//! `{organization}` and `{contact.<role>}` are resolved when parsing;
//! `{quote}` and `{replacement}` depend on the hit and stay placeholders.

use crate::context::Lang;
use crate::locale;
use crate::policy::organization::Organization;
use crate::problem::Problem;

/// A piece of a message as written: literal text or a placeholder's name.
enum Piece<'s> {
    Text(&'s str),
    Placeholder(&'s str),
}

/// Splits `source` into text and `{placeholder}`s; the one reading of the
/// placeholder syntax.
fn pieces(source: &str) -> Result<Vec<Piece<'_>>, Problem> {
    let mut pieces = Vec::new();
    let mut rest = source;
    while let Some(open) = rest.find('{') {
        pieces.push(Piece::Text(&rest[..open]));
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            return Err(Problem::new("", "a `{` without a closing `}`")
                .hint("placeholders look like `{quote}`"));
        };
        pieces.push(Piece::Placeholder(&after[..close]));
        rest = &after[close + 1..];
    }
    pieces.push(Piece::Text(rest));
    Ok(pieces)
}

/// The first contact role `source` names (`{contact.press}` → `press`), if
/// it is readable and names one.
pub(crate) fn contact_role(source: &str) -> Option<&str> {
    pieces(source)
        .ok()?
        .into_iter()
        .find_map(|piece| match piece {
            Piece::Placeholder(name) => name.strip_prefix("contact."),
            Piece::Text(_) => None,
        })
}

/// A message split into literal text and the placeholders that depend on
/// the hit.
#[derive(Debug)]
pub(crate) struct Template {
    parts: Vec<Part>,
}

#[derive(Debug)]
enum Part {
    Text(String),
    Quote,
    Replacement,
}

impl Template {
    pub(crate) fn parse(
        source: &str,
        lang: Lang,
        organization: &Organization,
    ) -> Result<Template, Problem> {
        let mut parts = Vec::new();
        let mut text = String::new();
        for piece in pieces(source)? {
            let name = match piece {
                Piece::Text(literal) => {
                    text.push_str(literal);
                    continue;
                }
                Piece::Placeholder(name) => name,
            };
            match name {
                "quote" | "replacement" => {
                    parts.push(Part::Text(std::mem::take(&mut text)));
                    parts.push(if name == "quote" {
                        Part::Quote
                    } else {
                        Part::Replacement
                    });
                }
                "organization" => {
                    if organization.name.is_empty() {
                        return Err(Problem::new("", "`{organization}` is used, but the policy has no `organization` section"));
                    }
                    text.push_str(&organization.name);
                }
                _ if name.starts_with("contact.") => {
                    text.push_str(&contact(organization, &name["contact.".len()..], lang)?)
                }
                _ => {
                    let known = ["quote", "replacement", "organization", "contact.press"];
                    let problem = Problem::new("", format!("unknown placeholder `{{{name}}}`"));
                    return Err(match crate::problem::did_you_mean(name, known) {
                        Some(close) => problem.hint(format!("did you mean `{{{close}}}`?")),
                        None => problem.hint("known placeholders: {quote}, {replacement}, {organization}, {contact.<role>}"),
                    });
                }
            }
        }
        parts.push(Part::Text(text));
        parts.retain(|part| !matches!(part, Part::Text(text) if text.is_empty()));
        Ok(Template { parts })
    }

    pub(crate) fn render(&self, quote: Option<&str>, replacement: Option<&str>) -> String {
        let piece = |part: &'_ Part| -> usize {
            match part {
                Part::Text(text) => text.len(),
                Part::Quote => quote.map_or(0, str::len),
                Part::Replacement => replacement.map_or(0, str::len),
            }
        };
        let mut out = String::with_capacity(self.parts.iter().map(piece).sum());
        for part in &self.parts {
            out.push_str(match part {
                Part::Text(text) => text,
                Part::Quote => quote.unwrap_or(""),
                Part::Replacement => replacement.unwrap_or(""),
            });
        }
        out
    }
}

/// How a contact reads in a message: `Press office (press@acme.example,
/// +49 40 555 0100)`. A missing press contact reads as "the press office"
/// (from `locale.json`), so the built-in pack works before IT has filled
/// in the contacts.
fn contact(organization: &Organization, role: &str, lang: Lang) -> Result<String, Problem> {
    let Some(contact) = organization.contacts.get(role) else {
        return match role {
            "press" => Ok(locale::text(locale::PRESS_OFFICE, lang).to_owned()),
            _ => Err(Problem::new(
                "",
                format!(
                    "`{{contact.{role}}}` is used, but `organization.contacts` has no `{role}`"
                ),
            )
            .hint(format!(
                "add `organization.contacts.{role}` with a name and an email"
            ))),
        };
    };
    let reach: Vec<&str> = [&contact.email, &contact.phone, &contact.url]
        .into_iter()
        .flatten()
        .map(String::as_str)
        .collect();
    // A message is written in one language: its contact name follows it.
    let name = contact
        .name
        .as_ref()
        .and_then(|name| name.pick(lang, lang))
        .unwrap_or(role);
    Ok(if reach.is_empty() {
        name.to_owned()
    } else {
        format!("{name} ({})", reach.join(", "))
    })
}
