//! The policy document and the first two stages of the pipeline:
//! [`read`] (JSON → a typed policy, every problem with its JSON path) and
//! [`resolve`] (packs, overrides). `model.rs` holds the typed model, from
//! which the JSON Schema is derived; `packs.rs` the built-in packs.

pub(crate) mod mentions;
pub(crate) mod model;
pub(crate) mod organization;
pub(crate) mod packs;
pub(crate) mod read;
pub(crate) mod resolve;
pub(crate) mod timezone;

pub use organization::{Contact, ContactName, Organization};
