//! Built-in policy packs.
//!
//! A pack is a JSON file in `checker-core/packs/`, embedded in the binary
//! with `include_str!`. Its format is a policy document reduced to rules:
//!
//! ```json
//! {
//!   "description": "What the pack is for (one line).",
//!   "mentions": { "employer": [ …terms… ] },
//!   "rules": [ { "id": "base.phone", "kind": "pattern", … } ]
//! }
//! ```
//!
//! - `mentions` (optional) names term lists that `when` conditions use as
//!   `{"mentions": "<name>"}`; policies change them (see
//!   [`super::mentions`]).
//! - `rules` are ordinary rules (every common key and every kind key works
//!   exactly as in a policy), and each message and explanation has both
//!   `de` and `en`.
//! - Ids start with the pack's prefix: `base.` in `base.json`, `org.` in
//!   `organization.json`. Policies switch pack rules off or re-level them
//!   with `overrides` by these ids, so ids are stable.
//! - Packs name no company. A rule that needs the policy's organization
//!   refers to it:
//!   - in any term list (`terms`, `trigger`, `phrases`, `spellings`,
//!     `when.mentions.terms`): `{"organization": "names" | "handles" |
//!     "products" | "mentions" | "disclosures"}`;
//!   - as a condition: `"when": {"mentions": "organization", "within":
//!     "sentence"}`;
//!   - as the text a `require` fix appends: `"append": {"organization":
//!     "preferred_disclosure"}`;
//!   - in messages: `{organization}` (the name) and `{contact.press}` (the
//!     press contact's name, email and phone; "the press office" / "die
//!     Pressestelle" when the policy has none).
//!
//!   Pack rules have no `link`; findings link to
//!   `organization.guideline_url` instead.
//!
//!   A pack that refers to the organization is marked `needs_organization`
//!   below; extending it without an `organization` section is a problem.
//!
//! `tests` in `checker-core/src/policy/packs.rs` read every pack with
//! the same reader as policies, so a broken pack fails the build's tests.

use serde_json::Value;

use super::read::{Reader, RuleSource};
use crate::context::Lang;
use crate::problem::Problem;

/// A built-in pack.
#[derive(Debug)]
pub(crate) struct Pack {
    pub name: &'static str,
    /// Every rule id starts with this.
    pub prefix: &'static str,
    pub source: &'static str,
    /// The pack refers to the policy's `organization` section.
    pub needs_organization: bool,
}

/// Every built-in pack, by the name used in `extends`.
pub(crate) const PACKS: &[Pack] = &[
    Pack {
        name: "base",
        prefix: "base.",
        source: include_str!("../../packs/base.json"),
        needs_organization: false,
    },
    Pack {
        name: "organization",
        prefix: "org.",
        source: include_str!("../../packs/organization.json"),
        needs_organization: true,
    },
];

/// Looks a pack up by name.
pub(crate) fn find(name: &str) -> Option<&'static Pack> {
    PACKS.iter().find(|pack| pack.name == name)
}

/// Reads a pack's rules. Problems carry paths inside the pack file.
pub(crate) fn read(pack: &Pack, fallback: Lang) -> Result<Vec<RuleSource>, Vec<Problem>> {
    let mut value: Value = serde_json::from_str(pack.source)
        .map_err(|error| vec![Problem::new("", format!("not valid JSON: {error}"))])?;
    // A rule set aside for problems in its common keys is not compiled
    // anyway, as a policy's is: the packs are tested to read cleanly.
    let mut reader = Reader::default();
    let rules = reader.pack(&mut value, fallback);
    for rule in &rules {
        if !rule.id.starts_with(pack.prefix) {
            reader.problems.push(Problem::new(
                format!("{}/id", rule.path),
                format!("ids in this pack must start with `{}`", pack.prefix),
            ));
        }
    }
    if reader.problems.is_empty() {
        Ok(rules)
    } else {
        Err(reader.problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_pack_reads_without_problems_in_both_fallback_languages() {
        for pack in PACKS {
            for fallback in [Lang::De, Lang::En] {
                assert_eq!(read(pack, fallback).err(), None, "pack {}", pack.name);
            }
        }
    }
}
