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
//! - `switched_on_by` (optional) maps rule ids to what the organization
//!   section must ask for to switch them on, e.g. `{"org.profile-name":
//!   "profile.official_name"}` (see [`Organization::asks_for`]). Such rules
//!   are written `"enabled": false` and run only when it asks; `overrides`
//!   still apply after.
//!
//! `tests` in `checker-core/src/policy/packs.rs` read every pack with
//! the same reader as policies, so a broken pack fails the build's tests.

use serde_json::Value;

use super::organization::Organization;
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

/// Reads a pack's rules, switched on as far as `organization` asks.
/// Problems carry paths inside the pack file.
pub(crate) fn read(
    pack: &Pack,
    fallback: Lang,
    organization: &Organization,
) -> Result<Vec<RuleSource>, Vec<Problem>> {
    let mut value: Value = serde_json::from_str(pack.source)
        .map_err(|error| vec![Problem::new("", format!("not valid JSON: {error}"))])?;
    // A rule set aside for problems in its common keys is not compiled
    // anyway, as a policy's is: the packs are tested to read cleanly.
    let mut reader = Reader::default();
    let switches = value.get("switched_on_by").cloned();
    let mut rules = reader.pack(&mut value, fallback);
    if let Some(switches) = switches {
        switch_on(&switches, &mut rules, organization, &mut reader.problems);
    }
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

/// Switches on the rules `switches` names when `organization` asks for them.
fn switch_on(
    switches: &Value,
    rules: &mut [RuleSource],
    organization: &Organization,
    problems: &mut Vec<Problem>,
) {
    let Some(switches) = switches.as_object() else {
        problems.push(Problem::new(
            "/switched_on_by",
            "expected an object of rule ids",
        ));
        return;
    };
    for (id, switch) in switches {
        let path = format!("/switched_on_by/{id}");
        let asks = switch
            .as_str()
            .and_then(|switch| organization.asks_for(switch));
        let rule = rules.iter_mut().find(|rule| &rule.id == id);
        match (rule, asks) {
            (Some(rule), Some(asks)) if !rule.enabled => {
                // Overrides re-read a rule from its keys as written.
                rule.enabled = asks;
                rule.common.insert("enabled".to_owned(), Value::Bool(asks));
            }
            (Some(_), Some(_)) => problems.push(Problem::new(
                path,
                "a switched rule must be written \"enabled\": false",
            )),
            (None, _) => problems.push(Problem::new(path, "no rule of the pack has this id")),
            (_, None) => problems.push(Problem::new(
                path,
                "not something the organization section can ask for",
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_pack_reads_without_problems_in_both_fallback_languages() {
        for pack in PACKS {
            for fallback in [Lang::De, Lang::En] {
                let none = Organization::default();
                assert_eq!(
                    read(pack, fallback, &none).err(),
                    None,
                    "pack {}",
                    pack.name
                );
            }
        }
    }

    #[test]
    fn profile_rules_run_only_for_what_the_organization_asks() {
        let pack = find("organization").unwrap();
        let enabled = |organization: &Organization| -> Vec<String> {
            read(pack, Lang::En, organization)
                .unwrap()
                .into_iter()
                .filter(|rule| rule.enabled && rule.id.starts_with("org.profile-"))
                .map(|rule| rule.id)
                .collect()
        };
        assert!(enabled(&Organization::default()).is_empty());
        let mut organization: Organization = serde_json::from_value(serde_json::json!({
            "name": "Acme", "profile": {"official_name": true}
        }))
        .unwrap();
        assert_eq!(enabled(&organization), ["org.profile-name"]);
        organization.profile.as_mut().unwrap().bio_disclosures = vec!["Views my own".into()];
        assert_eq!(
            enabled(&organization),
            ["org.profile-name", "org.profile-bio-disclosure"]
        );
    }
}
