//! WebAssembly bindings of Postlint's guideline engine.
//!
//! ```js
//! import init, { Checker, defaultPolicy, version } from "./pkg/checker_wasm.js";
//! await init();
//! const checker = Checker.compile(defaultPolicy());   // throws {problems: [{path, message, hint}]}
//! const report = checker.check("Hello", {platform: "x", lang: "en"});
//! // report: {findings: [...], length: {...} | null}, the CLI's JSON contract
//! ```
//!
//! Results cross into JavaScript as plain objects and arrays (not `Map`s),
//! with `None` as `null`, so they equal `JSON.parse` of the CLI's output.

mod ascii_json;

use checker_core::{CheckContext, PolicyError};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// A compiled policy, ready to check texts. Compile once, check often.
#[wasm_bindgen]
pub struct Checker {
    policy: checker_core::Policy,
    compiled: checker_core::Checker,
}

fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    let serializer = serde_wasm_bindgen::Serializer::new()
        .serialize_maps_as_objects(true)
        .serialize_missing_as_null(true);
    value
        .serialize(&serializer)
        .map_err(|error| js_sys::Error::new(&error.to_string()).into())
}

/// What `Checker.compile` throws: `{problems: [{path, message, hint}]}`,
/// every problem of the policy, as data.
fn rejection(error: &PolicyError) -> JsValue {
    to_js(error).unwrap_or_else(|thrown| thrown)
}

/// Reads the check context; `undefined` or `null` means the defaults (a
/// generic post, English, no date, no attachments).
fn context_from_js(context: JsValue) -> Result<CheckContext, JsValue> {
    if context.is_undefined() || context.is_null() {
        return Ok(CheckContext::default());
    }
    serde_wasm_bindgen::from_value(context)
        .map_err(|error| js_sys::TypeError::new(&format!("invalid check context: {error}")).into())
}

#[wasm_bindgen]
impl Checker {
    /// Validates and compiles a policy document given as JSON text.
    pub fn compile(policy_json: String) -> Result<Checker, JsValue> {
        // Owned, so the text is freed once parsed rather than after compiling.
        let policy =
            checker_core::Policy::from_json_string(policy_json).map_err(|e| rejection(&e))?;
        let compiled = policy.compile().map_err(|e| rejection(&e))?;
        Ok(Checker { policy, compiled })
    }

    /// Checks `text` in `context` (`{platform, surface, date, lang,
    /// attachments}`, all optional) and returns `{findings, length}`.
    pub fn check(&self, text: &str, context: JsValue) -> Result<JsValue, JsValue> {
        let context = context_from_js(context)?;
        to_js(&self.compiled.check(text, &context))
    }

    /// The same report as [`check`](Self::check), as JSON text: what
    /// `postlint check --format json` prints, but with every character
    /// outside ASCII as a `\u` escape, which JavaScript decodes several
    /// times faster (see `ascii_json`). Building JavaScript objects
    /// costs about 2 µs per finding, one call into JavaScript per field; the
    /// extension passes this text through its message port instead and
    /// parses it once, where the findings are used.
    #[wasm_bindgen(js_name = checkJson)]
    pub fn check_json(&self, text: &str, context: JsValue) -> Result<String, JsValue> {
        let context = context_from_js(context)?;
        ascii_json::to_ascii_json(&self.compiled.check(text, &context))
            .map_err(|error| js_sys::Error::new(&error.to_string()).into())
    }

    /// Runs the policy's own `tests`.
    #[wasm_bindgen(js_name = runTests)]
    pub fn run_tests(&self) -> Result<JsValue, JsValue> {
        to_js(&self.compiled.run_tests())
    }

    /// The effective rules after `extends` and `overrides`.
    pub fn rules(&self) -> Result<JsValue, JsValue> {
        to_js(&self.policy.rules())
    }
}

/// The built-in default policy, as JSON text.
#[wasm_bindgen(js_name = defaultPolicy)]
pub fn default_policy() -> String {
    checker_core::default_policy_json().to_owned()
}

/// The version of the engine, e.g. `0.1.0`.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}
