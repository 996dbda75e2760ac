//! Named mention lists for `when` conditions.
//!
//! A pack file may define lists in a top-level `"mentions"` object
//! (`"mentions": {"employer": [ …terms… ]}`); extending the pack makes them
//! available to every rule's `when` as `{"mentions": "employer"}`. A policy's
//! own top-level `"mentions"` object changes a pack's list with
//! `{"add": [...], "remove": [...]}` or defines a list of its own as an
//! array of term items (`"project": ["Kickoff", "Sprint"]`).
//!
//! Read in stage one ([`Reader::mention_lists`]), resolved in stage two ([`resolve`]):
//! what comes out is each list's effective items, ready to register with
//! the one lexicon.

use std::collections::BTreeMap;

use serde_json::Value;

use super::model::{MentionListSource, TermItem};
use super::packs::Pack;
use super::read::Reader;
use crate::problem::{did_you_mean, pointer, Problem};

/// The name that stands for the organization section's names; no list may
/// take it.
pub(crate) const ORGANIZATION: &str = "organization";

/// A list after resolving: its items and where each was written.
#[derive(Clone, Debug, Default)]
pub(crate) struct MentionList {
    pub items: Vec<TermItem>,
    /// The JSON pointer of each item, as the policy's author sees it.
    pub item_paths: Vec<String>,
}

/// The effective mention lists by name.
pub(crate) type MentionLists = BTreeMap<String, MentionList>;

/// The mention lists of the extended `packs` (each with the pointer of its
/// `extends` entry), changed and extended by the policy's own `lists`.
pub(crate) fn resolve(
    packs: &[(&'static Pack, String)],
    lists: Vec<(String, MentionListSource, String)>,
    problems: &mut Vec<Problem>,
) -> MentionLists {
    let mut resolved = MentionLists::new();
    // Which pack each list comes from, for messages.
    let mut owners: BTreeMap<String, &'static str> = BTreeMap::new();
    for (pack, extends_path) in packs {
        match pack_lists(pack) {
            Ok(lists) => {
                for (name, items) in lists {
                    let item_paths = vec![extends_path.clone(); items.len()];
                    owners.insert(name.clone(), pack.name);
                    resolved.insert(name, MentionList { items, item_paths });
                }
            }
            Err(found) => problems.extend(
                found
                    .into_iter()
                    .map(|problem| problem.in_pack(pack.name, extends_path)),
            ),
        }
    }
    for (name, source, path) in lists {
        if name == ORGANIZATION {
            problems.push(
                Problem::new(
                    path,
                    "`organization` stands for the organization section's names and cannot be defined here",
                )
                .hint("add names to `organization.aliases`, or give this list another name"),
            );
            continue;
        }
        match (source, resolved.get_mut(&name)) {
            (MentionListSource::Own(items), None) => {
                if items.is_empty() {
                    problems.push(
                        Problem::new(path, "an empty mention list can never match")
                            .hint("add at least one term"),
                    );
                    continue;
                }
                let item_paths = (0..items.len())
                    .map(|index| pointer(&path, &index.to_string()))
                    .collect();
                resolved.insert(name, MentionList { items, item_paths });
            }
            (MentionListSource::Own(_), Some(_)) => problems.push(
                Problem::new(
                    path,
                    format!(
                        "`{name}` is a list of the `{}` pack; a policy changes it rather than replacing it",
                        owners.get(&name).copied().unwrap_or_default()
                    ),
                )
                .hint("write {\"add\": [...], \"remove\": [...]}, or give your list another name"),
            ),
            (MentionListSource::Change(change), Some(list)) => {
                for (index, item) in change.remove.iter().enumerate() {
                    match list.items.iter().position(|listed| listed == item) {
                        Some(at) => {
                            list.items.remove(at);
                            list.item_paths.remove(at);
                        }
                        None => problems.push(
                            Problem::new(
                                pointer(&pointer(&path, "remove"), &index.to_string()),
                                format!("`{name}` has no such item, so it cannot be removed"),
                            )
                            .hint("write the item exactly as the pack lists it (see docs/policy.md)"),
                        ),
                    }
                }
                let add_path = pointer(&path, "add");
                for (index, item) in change.add.into_iter().enumerate() {
                    list.items.push(item);
                    list.item_paths
                        .push(pointer(&add_path, &index.to_string()));
                }
            }
            (MentionListSource::Change(_), None) => {
                let problem = Problem::new(
                    path,
                    format!("no pack defines a mention list `{name}` to change"),
                );
                problems.push(
                    match did_you_mean(&name, owners.keys().map(String::as_str)) {
                        Some(close) => problem.hint(format!("did you mean `{close}`?")),
                        None => problem.hint(
                            "a list of your own is an array of terms: \"project\": [\"Kickoff\", \"Sprint\"]",
                        ),
                    },
                );
            }
        }
    }
    resolved
}

/// The lists a pack file defines in its `mentions` object. Problems carry
/// paths inside the pack file.
fn pack_lists(pack: &Pack) -> Result<Vec<(String, Vec<TermItem>)>, Vec<Problem>> {
    let value: Value = serde_json::from_str(pack.source)
        .map_err(|error| vec![Problem::new("", format!("not valid JSON: {error}"))])?;
    let mut reader = Reader::default();
    let lists = match value.as_object() {
        Some(document) => reader.mention_lists(document, false),
        None => Vec::new(),
    };
    if !reader.problems.is_empty() {
        return Err(reader.problems);
    }
    Ok(lists
        .into_iter()
        .filter_map(|(name, source, _)| match source {
            MentionListSource::Own(items) => Some((name, items)),
            MentionListSource::Change(_) => None,
        })
        .collect())
}
