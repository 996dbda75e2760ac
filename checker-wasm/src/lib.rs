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

/// Public for the fuzz target `wasm_json`, which checks its output.
pub mod ascii_json;

use checker_core::{CheckContext, PolicyError};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// A compiled policy, ready to check texts. Compile once, check often.
#[wasm_bindgen]
pub struct Checker {
    /// The effective rules, kept for `rules()`: the policy itself is
    /// consumed by compiling, so its kind parameters do not stay alive.
    rules: Vec<checker_core::RuleInfo>,
    /// Each department's effective rules, by department id.
    department_rules: std::collections::BTreeMap<String, Vec<checker_core::RuleInfo>>,
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
        let rules = policy.rules().to_vec();
        let department_rules = policy
            .departments()
            .filter_map(|id| Some((id.to_owned(), policy.department_rules(id)?.to_vec())))
            .collect();
        let compiled = policy.compile().map_err(|e| rejection(&e))?;
        Ok(Checker {
            rules,
            department_rules,
            compiled,
        })
    }

    /// Checks `text` in `context` (`{platform, surface, date, lang,
    /// attachments, department}`, all optional) and returns `{findings, length}`.
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

    /// The policy's IANA time zone (`timezone`, default `UTC`). A check's
    /// `date` is the day of writing in this zone; the engine has no
    /// time-zone data, so hosts compute it (`Intl.DateTimeFormat`).
    pub fn timezone(&self) -> String {
        self.compiled.timezone().to_owned()
    }

    /// The effective rules after `extends` and `overrides`; with a
    /// `department` of the policy, with that department's overlay (an id the
    /// policy does not define gets the policy's own rules, as in a check).
    pub fn rules(&self, department: Option<String>) -> Result<JsValue, JsValue> {
        let rules = department
            .and_then(|id| self.department_rules.get(&id))
            .unwrap_or(&self.rules);
        to_js(rules)
    }

    /// The ids of the policy's `departments`, in order.
    pub fn departments(&self) -> Vec<String> {
        self.department_rules.keys().cloned().collect()
    }

    /// Precision and recall on a labeled corpus (JSON Lines, the format of
    /// `postlint eval`): the same evaluation object as `postlint eval
    /// --format json`. Throws an `Error` naming the line of a bad entry.
    #[cfg(feature = "studio")]
    pub fn evaluate(&self, corpus_jsonl: &str) -> Result<JsValue, JsValue> {
        let corpus = checker_core::Corpus::from_jsonl(corpus_jsonl)
            .map_err(|message| JsValue::from(js_sys::Error::new(&message)))?;
        to_js(&checker_core::evaluate(&corpus, |entry| {
            self.compiled.check(entry.text(), &entry.context()).findings
        }))
    }
}

/// Where each JSON pointer sits in a policy's source text (JSON or YAML):
/// `[{line, column} | null]`, 1-based, columns in characters, as
/// `postlint policy validate` prints them. A pointer missing from the source
/// gets the position of its nearest ancestor.
#[cfg(feature = "studio")]
#[wasm_bindgen(js_name = locatePointers)]
pub fn locate_pointers(source: &str, pointers: Vec<String>) -> Result<JsValue, JsValue> {
    let map = checker_core::source_map::SourceMap::of(source);
    let positions: Vec<_> = pointers.iter().map(|pointer| map.locate(pointer)).collect();
    to_js(&positions)
}

/// A YAML policy as the JSON text `Checker.compile` takes, with the keys in
/// the file's order: the reader `postlint policy validate` uses for YAML, so
/// both accept the same files. Throws `{message, hint, position}` with
/// `position` `{line, column}` (1-based) or `null`.
#[cfg(feature = "studio")]
#[wasm_bindgen(js_name = yamlToJson)]
pub fn yaml_to_json(source: &str) -> Result<String, JsValue> {
    checker_core::yaml::yaml_to_json_text(source)
        .map_err(|error| to_js(&error).unwrap_or_else(|thrown| thrown))
}

/// The rule `id` as it is in force in the policy given as JSON text, as
/// `postlint rules --show` prints it: every parameter with its default,
/// the messages in every language, the source pack; `null` for an unknown
/// id. Throws `{problems}` like `Checker.compile` for an invalid policy.
/// With a `department`, the rule as that department's writers have it.
#[cfg(feature = "studio")]
#[wasm_bindgen(js_name = effectiveRule)]
pub fn effective_rule(
    policy_json: String,
    id: &str,
    department: Option<String>,
) -> Result<JsValue, JsValue> {
    let policy = checker_core::Policy::from_json_string(policy_json).map_err(|e| rejection(&e))?;
    to_js(&policy.department_effective_rule(id, department.as_deref()))
}

/// The JSON Schema of the policy document, as `postlint policy schema`
/// prints it.
#[cfg(feature = "studio")]
#[wasm_bindgen(js_name = policySchema)]
pub fn policy_schema() -> Result<JsValue, JsValue> {
    to_js(&checker_core::policy_schema())
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

/// What `postlint deploy` writes for `options` (`{browser, os, extensionId,
/// policyUrl, refreshMinutes, allowPause, supportContact, extraSites,
/// installUrl, forcelistIndex, forceInstall}`, the CLI's options in camel
/// case) and the policy given as JSON text: `{bytes, fileName, mime,
/// encoding}`, byte for byte the CLI's file. Throws `{problems}` for an
/// invalid policy, like `Checker.compile`, and an `Error` for bad options,
/// whose `option` names the option as the CLI spells it (`--extension-id`).
#[cfg(feature = "studio")]
#[wasm_bindgen(js_name = deployArtifact)]
pub fn deploy_artifact(policy_json: &str, options: JsValue) -> Result<JsValue, JsValue> {
    let options: postlint_deploy::Options = serde_wasm_bindgen::from_value(options)
        .map_err(|error| js_sys::TypeError::new(&format!("invalid deploy options: {error}")))?;
    let policy = checker_core::Policy::from_json(policy_json).map_err(|e| rejection(&e))?;
    policy.clone().compile().map_err(|e| rejection(&e))?;
    let artifact =
        postlint_deploy::artifact(&policy, policy_json, false, &options).map_err(|error| {
            let thrown = js_sys::Error::new(&error.to_string());
            if let postlint_deploy::DeployError::Option { option, .. } = error {
                // Which option, so that the Studio can say it in the reader's language.
                let _ = js_sys::Reflect::set(&thrown, &"option".into(), &option.into());
            }
            thrown
        })?;
    let result = js_sys::Object::new();
    let bytes = js_sys::Uint8Array::from(artifact.bytes.as_slice());
    for (key, value) in [
        ("bytes", JsValue::from(bytes)),
        ("fileName", artifact.file_name.into()),
        ("mime", artifact.mime.into()),
        ("encoding", artifact.encoding.into()),
    ] {
        js_sys::Reflect::set(&result, &key.into(), &value)?;
    }
    Ok(result.into())
}
