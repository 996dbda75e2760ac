//! The policy document: model, reading with validation, packs and layering.

mod organization;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::context::Lang;

pub use organization::{Contact, Organization};

/// A text in several languages, e.g. `{"de": "…", "en": "…"}`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(transparent)]
pub struct Localized(pub BTreeMap<Lang, String>);
