//! The artifacts an IT department rolls out to configure Postlint: a `.reg`
//! file (Windows), a `.mobileconfig` profile (macOS), a managed-policy JSON
//! file (Linux), the JSON for the Google Admin console, or Firefox's
//! `policies.json`. `postlint deploy` writes them to files; Postlint Studio
//! offers them for download. Both call [`artifact`], so the bytes are the
//! same.
//!
//! Every artifact carries the same managed values, named as in
//! `extension/managed-schema.json`. The policy travels as one string holding
//! JSON: that is the only shape every channel delivers unchanged (a REG_SZ on
//! Windows, a plist string on macOS, a JSON string elsewhere), and Chrome's
//! schema dialect cannot describe the policy's mixed arrays anyway. The
//! extension hands the string to the engine, which reports real errors.

use std::fmt;

use checker_core::Policy;
use serde::Deserialize;
use serde_json::{json, Map, Value};
use uuid::Uuid;

/// The managed storage keys, as in `extension/managed-schema.json`.
const KEY_POLICY: &str = "policy";
const KEY_POLICY_URL: &str = "policyUrl";
const KEY_REFRESH_MINUTES: &str = "policyRefreshMinutes";
const KEY_ALLOW_PAUSE: &str = "allowPause";
const KEY_SUPPORT_CONTACT: &str = "supportContact";
const KEY_DEPARTMENT: &str = "department";
const KEY_ALLOW_DEPARTMENT_CHOICE: &str = "allowDepartmentChoice";
const KEY_NUDGES: &str = "nudges";

/// The bounds the extension applies to the refresh interval: often enough for
/// a guideline change to arrive the same morning, rarely enough to spare the
/// policy server.
pub const REFRESH_MINUTES_MIN: u32 = 15;
pub const REFRESH_MINUTES_MAX: u32 = 1440;
pub const REFRESH_MINUTES_DEFAULT: u32 = 60;

/// The browser to configure.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[serde(rename_all = "lowercase")]
pub enum Browser {
    Chrome,
    Edge,
    Firefox,
}

/// The operating system the artifact is for; `Any` is the Google Admin
/// console (Chrome) or `policies.json` (Firefox, which reads the same file
/// everywhere).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[serde(rename_all = "lowercase")]
pub enum Os {
    Windows,
    Macos,
    Linux,
    Any,
}

impl Browser {
    pub fn display_name(self) -> &'static str {
        match self {
            Browser::Chrome => Chromium::Chrome.display_name(),
            Browser::Edge => Chromium::Edge.display_name(),
            Browser::Firefox => "Mozilla Firefox",
        }
    }

    fn chromium(self) -> Option<Chromium> {
        match self {
            Browser::Chrome => Some(Chromium::Chrome),
            Browser::Edge => Some(Chromium::Edge),
            Browser::Firefox => None,
        }
    }
}

/// The browsers that share Chrome's policy machinery, each under its own
/// names.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Chromium {
    Chrome,
    Edge,
}

impl Chromium {
    fn display_name(self) -> &'static str {
        match self {
            Chromium::Chrome => "Google Chrome",
            Chromium::Edge => "Microsoft Edge",
        }
    }

    fn slug(self) -> &'static str {
        match self {
            Chromium::Chrome => "chrome",
            Chromium::Edge => "edge",
        }
    }

    /// The web store's update manifest, for `ExtensionInstallForcelist`.
    fn store_update_url(self) -> &'static str {
        match self {
            Chromium::Chrome => "https://clients2.google.com/service/update2/crx",
            Chromium::Edge => "https://edge.microsoft.com/extensionwebstorage/v1/crx",
        }
    }

    /// The registry key under HKLM that holds the browser's policies.
    fn registry_root(self) -> &'static str {
        match self {
            Chromium::Chrome => r"HKEY_LOCAL_MACHINE\SOFTWARE\Policies\Google\Chrome",
            Chromium::Edge => r"HKEY_LOCAL_MACHINE\SOFTWARE\Policies\Microsoft\Edge",
        }
    }

    /// The macOS preference domain of the browser's own policies.
    fn preference_domain(self) -> &'static str {
        match self {
            Chromium::Chrome => "com.google.Chrome",
            Chromium::Edge => "com.microsoft.Edge",
        }
    }
}

/// What the employees' browsers receive through managed storage.
struct Managed {
    /// The policy as compact JSON, keys in the order of the file.
    policy: Option<String>,
    policy_url: Option<String>,
    refresh_minutes: Option<u32>,
    allow_pause: bool,
    support_contact: Option<String>,
    /// The department of the organizational unit this artifact is for.
    department: Option<String>,
    allow_department_choice: bool,
    nudges: Option<Nudges>,
}

/// Suggestions toward the company's goals (findings of category
/// `campaign`): pinned on or off, or left to each employee (`user`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
pub enum Nudges {
    On,
    Off,
    User,
}

impl Nudges {
    fn name(self) -> &'static str {
        match self {
            Nudges::On => "on",
            Nudges::Off => "off",
            Nudges::User => "user",
        }
    }
}

impl Managed {
    /// The values as a JSON object, the shape the schema declares.
    fn to_json(&self) -> Map<String, Value> {
        let mut values = Map::new();
        if let Some(policy) = &self.policy {
            values.insert(KEY_POLICY.into(), Value::String(policy.clone()));
        }
        if let Some(url) = &self.policy_url {
            values.insert(KEY_POLICY_URL.into(), Value::String(url.clone()));
        }
        if let Some(minutes) = self.refresh_minutes {
            values.insert(KEY_REFRESH_MINUTES.into(), Value::from(minutes));
        }
        values.insert(KEY_ALLOW_PAUSE.into(), Value::Bool(self.allow_pause));
        if let Some(contact) = &self.support_contact {
            values.insert(KEY_SUPPORT_CONTACT.into(), Value::String(contact.clone()));
        }
        if let Some(department) = &self.department {
            values.insert(KEY_DEPARTMENT.into(), Value::String(department.clone()));
        }
        // Left out when off, as artifacts for policies without departments were.
        if self.allow_department_choice {
            values.insert(KEY_ALLOW_DEPARTMENT_CHOICE.into(), Value::Bool(true));
        }
        if let Some(nudges) = self.nudges {
            values.insert(KEY_NUDGES.into(), Value::String(nudges.name().into()));
        }
        values
    }
}

/// Everything an artifact is made from, checked.
struct Deployment {
    browser: Browser,
    extension_id: String,
    managed: Managed,
    /// The `ExtensionInstallForcelist` entry or `.xpi` URL; `None` when
    /// force-installing is left to another policy.
    force_install: Option<ForceInstall>,
    forcelist_index: u32,
    revision: Option<String>,
    organization: Option<String>,
    /// The policy's department ids, for the note on the per-unit key.
    departments: Vec<String>,
}

struct ForceInstall {
    /// Chrome/Edge: the update manifest URL. Firefox: the `.xpi` URL. `None`
    /// means the browser's own store.
    url: Option<String>,
}

/// What to generate, as `postlint deploy`'s options say it.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Options {
    pub browser: Browser,
    /// Required for Chrome and Edge; Firefox reads the same file everywhere.
    #[serde(default)]
    pub os: Option<Os>,
    pub extension_id: String,
    /// Where the extension fetches the policy; the policy is then not embedded.
    #[serde(default)]
    pub policy_url: Option<String>,
    /// With `policy_url`: how often to fetch it [default: 60].
    #[serde(default)]
    pub refresh_minutes: Option<u32>,
    #[serde(default)]
    pub allow_pause: bool,
    #[serde(default)]
    pub support_contact: Option<String>,
    /// The department of the organizational unit the artifact is for: one
    /// of the policy's `departments`.
    #[serde(default)]
    pub department: Option<String>,
    /// Let employees choose their department where none is set.
    #[serde(default)]
    pub allow_department_choice: bool,
    /// Suggestions pinned on or off, or left to the employee [default: not set, which is `user`].
    #[serde(default)]
    pub nudges: Option<Nudges>,
    /// Where the browser installs the extension from [default: its store].
    #[serde(default)]
    pub install_url: Option<String>,
    /// The position in a Windows `ExtensionInstallForcelist`, from 1.
    #[serde(default = "first_forcelist_index")]
    pub forcelist_index: u32,
    /// Whether to force-install the extension too.
    #[serde(default = "yes")]
    pub force_install: bool,
}

fn first_forcelist_index() -> u32 {
    1
}

fn yes() -> bool {
    true
}

/// A generated file and how to offer it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Artifact {
    pub bytes: Vec<u8>,
    /// The name the file usually has where it is used.
    pub file_name: &'static str,
    pub mime: &'static str,
    /// How `bytes` decode as text: `utf-8`, or `utf-16le` for a `.reg` file.
    pub encoding: &'static str,
}

/// Why no artifact was made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DeployError {
    /// The policy text could not be turned into compact JSON.
    Conversion(String),
    /// An option is not acceptable: which one, as the CLI spells it (e.g.
    /// `--os`), so that the Studio can say it in the reader's language, and
    /// the CLI's message, which names it too.
    Option {
        option: &'static str,
        message: String,
    },
}

impl fmt::Display for DeployError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DeployError::Conversion(error) => write!(f, "cannot convert the policy: {error}"),
            DeployError::Option { message, .. } => f.write_str(message),
        }
    }
}

impl DeployError {
    fn option(option: &'static str) -> impl FnOnce(String) -> DeployError {
        move |message| DeployError::Option { option, message }
    }
}

/// The artifact for `options`, embedding the policy whose text is `source`
/// (JSON, or YAML when `yaml`), or with a policy URL only referring to it.
/// `policy` is that text read and compiled by the caller, who reports its
/// problems with their places in the file: an invalid policy must never
/// reach the browsers, where it would only show up on the options page.
pub fn artifact(
    policy: &Policy,
    source: &str,
    yaml: bool,
    options: &Options,
) -> Result<Artifact, DeployError> {
    let deployment = prepare(policy, source, yaml, options)?;
    render(&deployment, options.os)
}

fn prepare(
    policy: &Policy,
    source: &str,
    yaml: bool,
    options: &Options,
) -> Result<Deployment, DeployError> {
    let compact = compact_json(source, yaml).map_err(DeployError::Conversion)?;
    let organization = serde_json::from_str::<Value>(&compact)
        .ok()
        .and_then(|policy| {
            policy
                .pointer("/organization/name")?
                .as_str()
                .map(str::to_owned)
        });

    check_extension_id(options.browser, &options.extension_id)
        .map_err(DeployError::option("--extension-id"))?;
    if let Some(url) = &options.policy_url {
        check_policy_url(url).map_err(DeployError::option("--policy-url"))?;
    }
    if let Some(url) = &options.install_url {
        check_single_line("--install-url", url).map_err(DeployError::option("--install-url"))?;
    }
    if let Some(contact) = &options.support_contact {
        check_single_line("--support-contact", contact)
            .map_err(DeployError::option("--support-contact"))?;
    }
    if let Some(minutes) = options.refresh_minutes {
        if !(REFRESH_MINUTES_MIN..=REFRESH_MINUTES_MAX).contains(&minutes) {
            return Err(DeployError::Option {
                option: "--refresh-minutes",
                message: format!(
                    "--refresh-minutes must be between {REFRESH_MINUTES_MIN} and {REFRESH_MINUTES_MAX}"
                ),
            });
        }
    }
    let departments: Vec<String> = policy.departments().map(str::to_owned).collect();
    if let Some(department) = &options.department {
        if !departments.contains(department) {
            let hint = match policy.similar_department(department) {
                Some(close) => format!("did you mean `{close}`?"),
                None if departments.is_empty() => "the policy defines no `departments`".into(),
                None => format!("the policy's departments: {}", departments.join(", ")),
            };
            return Err(DeployError::Option {
                option: "--department",
                message: format!("--department: no department has the id `{department}` ({hint})"),
            });
        }
    }
    if options.forcelist_index == 0 {
        return Err(DeployError::Option {
            option: "--forcelist-index",
            message: "--forcelist-index counts from 1".into(),
        });
    }

    let hosted = options.policy_url.is_some();
    Ok(Deployment {
        browser: options.browser,
        extension_id: options.extension_id.clone(),
        managed: Managed {
            // An inline policy takes precedence over the URL in the
            // extension, so with a URL the file is only validated.
            policy: (!hosted).then_some(compact),
            policy_url: options.policy_url.clone(),
            refresh_minutes: hosted
                .then_some(options.refresh_minutes.unwrap_or(REFRESH_MINUTES_DEFAULT)),
            allow_pause: options.allow_pause,
            support_contact: options.support_contact.clone(),
            department: options.department.clone(),
            allow_department_choice: options.allow_department_choice,
            nudges: options.nudges,
        },
        force_install: options.force_install.then(|| ForceInstall {
            url: options.install_url.clone(),
        }),
        forcelist_index: options.forcelist_index,
        revision: policy.revision().map(str::to_owned),
        organization,
        departments,
    })
}

/// The policy as one line of JSON with the keys in the order of the file, so
/// that an admin recognises it in the registry or the profile. YAML is
/// converted on the way.
fn compact_json(source: &str, yaml: bool) -> Result<String, String> {
    if yaml {
        // The engine's YAML reader, the one `postlint policy validate` uses.
        return checker_core::yaml::yaml_to_json_text(source).map_err(|error| {
            match error.position {
                Some(position) => {
                    format!("{}:{}: {}", position.line, position.column, error.message)
                }
                None => error.message,
            }
        });
    }
    let mut out = Vec::new();
    let mut serializer = serde_json::Serializer::new(&mut out);
    let mut deserializer = serde_json::Deserializer::from_str(source);
    serde_transcode::transcode(&mut deserializer, &mut serializer)
        .map_err(|error| error.to_string())?;
    deserializer.end().map_err(|error| error.to_string())?;
    String::from_utf8(out).map_err(|error| error.to_string())
}

fn check_extension_id(browser: Browser, id: &str) -> Result<(), String> {
    let valid = match browser {
        // Chrome derives ids from the key: 32 letters a–p.
        Browser::Chrome | Browser::Edge => {
            id.len() == 32 && id.bytes().all(|byte| (b'a'..=b'p').contains(&byte))
        }
        Browser::Firefox => is_gecko_id(id),
    };
    if valid {
        Ok(())
    } else if browser == Browser::Firefox {
        Err(format!(
            "`{id}` is not a Firefox add-on id; it looks like `postlint@example.com` or `{{GUID}}` \
             (browser_specific_settings.gecko.id in the manifest)"
        ))
    } else {
        Err(format!(
            "`{id}` is not a {} extension id: 32 letters a–p, as shown on the extensions page",
            browser.display_name()
        ))
    }
}

/// Firefox accepts `name@domain` (letters, digits, `.`, `_`, `-`, `+` and `=`
/// in the name) or a GUID in braces.
fn is_gecko_id(id: &str) -> bool {
    if let Some(guid) = id.strip_prefix('{').and_then(|rest| rest.strip_suffix('}')) {
        return Uuid::try_parse(guid).is_ok() && guid.len() == 36;
    }
    match id.split_once('@') {
        Some((name, domain)) => {
            !domain.is_empty()
                && name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "._-+=".contains(c))
                && domain
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || ".-".contains(c))
        }
        None => false,
    }
}

/// https, or plain http to this machine for testing; the extension refuses
/// anything else, so the admin learns it here.
fn check_policy_url(url: &str) -> Result<(), String> {
    check_single_line("--policy-url", url)?;
    let loopback = ["http://127.0.0.1", "http://localhost", "http://[::1]"]
        .iter()
        .any(|prefix| {
            url.strip_prefix(prefix)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with([':', '/']))
        });
    let https = url
        .strip_prefix("https://")
        .is_some_and(|rest| !rest.is_empty() && !rest.starts_with('/'));
    if https || loopback {
        Ok(())
    } else {
        Err(format!(
            "--policy-url `{url}` must be an https:// URL (or http:// on 127.0.0.1, localhost or [::1] for testing)"
        ))
    }
}

fn check_single_line(option: &str, value: &str) -> Result<(), String> {
    if value.chars().any(char::is_control) {
        Err(format!(
            "{option} must be one line without control characters"
        ))
    } else {
        Ok(())
    }
}

fn render(deployment: &Deployment, os: Option<Os>) -> Result<Artifact, DeployError> {
    const JSON: &str = "application/json";
    let text = |bytes: Vec<u8>, file_name, mime| Artifact {
        bytes,
        file_name,
        mime,
        encoding: "utf-8",
    };
    // Firefox reads the same policies.json on every OS.
    let Some(chromium) = deployment.browser.chromium() else {
        return Ok(text(
            firefox_policies(deployment).into_bytes(),
            "policies.json",
            JSON,
        ));
    };
    match os {
        Some(Os::Windows) => Ok(Artifact {
            bytes: windows_reg(deployment, chromium),
            file_name: "postlint.reg",
            mime: "application/octet-stream",
            encoding: "utf-16le",
        }),
        Some(Os::Macos) => Ok(text(
            mobileconfig(deployment, chromium).map_err(DeployError::Conversion)?,
            "postlint.mobileconfig",
            "application/x-apple-aspen-config",
        )),
        Some(Os::Linux) => Ok(text(
            linux_json(deployment, chromium).into_bytes(),
            "postlint.json",
            JSON,
        )),
        Some(Os::Any) if chromium == Chromium::Chrome => Ok(text(
            google_admin_console(deployment).into_bytes(),
            "postlint-admin-console.json",
            JSON,
        )),
        Some(Os::Any) => Err(DeployError::Option {
            option: "--os",
            message:
                "Microsoft Edge has no OS-independent format here; use --os windows, macos or linux"
                    .into(),
        }),
        None => Err(DeployError::option("--os")(format!(
            "--os is required for {}: windows, macos, linux{}",
            chromium.display_name(),
            if chromium == Chromium::Chrome {
                ", or any (Google Admin console)"
            } else {
                ""
            }
        ))),
    }
}

impl Deployment {
    /// `<id>;<update URL>`, the entry format of `ExtensionInstallForcelist`.
    fn forcelist_entry(&self, chromium: Chromium) -> Option<String> {
        self.force_install.as_ref().map(|force| {
            let url = force.url.as_deref().unwrap_or(chromium.store_update_url());
            format!("{};{url}", self.extension_id)
        })
    }

    fn header_lines(&self) -> Vec<String> {
        let mut lines = vec![format!(
            "Postlint managed configuration for {}, extension {}",
            self.browser.display_name(),
            self.extension_id
        )];
        if let Some(organization) = &self.organization {
            lines.push(format!("Organization: {organization}"));
        }
        if let Some(revision) = &self.revision {
            lines.push(format!("Policy revision: {revision}"));
        }
        lines.extend(department_note(&self.departments));
        lines.push("Generated by `postlint deploy`; regenerate instead of editing.".into());
        lines
    }
}

/// How IT gives each organizational unit its department, for a policy
/// with `departments`: the artifact's header where the format has comments,
/// and `postlint deploy`'s note on standard error.
pub fn department_note(departments: &[String]) -> Vec<String> {
    if departments.is_empty() {
        return Vec::new();
    }
    vec![
        format!("Departments of this policy: {}.", departments.join(", ")),
        format!(
            "Set the string value `{KEY_DEPARTMENT}` per organizational unit (Google Admin console OU, GPO, Intune group) to one of them"
        ),
        "(`postlint deploy --department ID` writes it); without it the rules for everyone apply.".into(),
    ]
}

fn pretty(value: &Value) -> String {
    // Serializing a Value cannot fail: its keys are strings.
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    text
}

/// `/etc/opt/chrome/policies/managed/postlint.json` and its siblings: the
/// extension's values under `3rdparty`, and the force-install entry.
fn linux_json(deployment: &Deployment, chromium: Chromium) -> String {
    let mut policies = Map::new();
    policies.insert(
        "3rdparty".into(),
        json!({ "extensions": { &deployment.extension_id: deployment.managed.to_json() } }),
    );
    if let Some(entry) = deployment.forcelist_entry(chromium) {
        policies.insert("ExtensionInstallForcelist".into(), json!([entry]));
    }
    pretty(&Value::Object(policies))
}

/// The "Policy for extensions" JSON of the Google Admin console: each value
/// wrapped in `{"Value": …}`. Force-installing is a setting in the console.
fn google_admin_console(deployment: &Deployment) -> String {
    let wrapped: Map<String, Value> = deployment
        .managed
        .to_json()
        .into_iter()
        .map(|(key, value)| (key, json!({ "Value": value })))
        .collect();
    pretty(&Value::Object(wrapped))
}

/// Firefox's `policies.json`: the values under `3rdparty.Extensions`, and
/// `ExtensionSettings` to force-install.
fn firefox_policies(deployment: &Deployment) -> String {
    let id = &deployment.extension_id;
    let mut policies = Map::new();
    policies.insert(
        "3rdparty".into(),
        json!({ "Extensions": { id: deployment.managed.to_json() } }),
    );
    if let Some(force) = &deployment.force_install {
        let mut settings = Map::new();
        settings.insert("installation_mode".into(), json!("force_installed"));
        // Without an install_url Firefox looks the id up on addons.mozilla.org.
        if let Some(url) = &force.url {
            settings.insert("install_url".into(), json!(url));
        }
        policies.insert("ExtensionSettings".into(), json!({ id: settings }));
    }
    pretty(&json!({ "policies": policies }))
}

/// A `.reg` file for `reg import` or regedit: UTF-16LE with a byte order mark
/// and CRLF line ends, as regedit itself writes version 5.00 files, so that
/// umlauts in the policy survive whatever the system code page is.
fn windows_reg(deployment: &Deployment, chromium: Chromium) -> Vec<u8> {
    let text = windows_reg_text(deployment, chromium);
    let mut bytes = vec![0xFF, 0xFE];
    for unit in text.replace('\n', "\r\n").encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    bytes
}

fn windows_reg_text(deployment: &Deployment, chromium: Chromium) -> String {
    let root = chromium.registry_root();
    let key = format!(
        r"{root}\3rdparty\extensions\{}\policy",
        deployment.extension_id
    );
    let mut out = String::from("Windows Registry Editor Version 5.00\n\n");
    for line in deployment.header_lines() {
        out.push_str(&format!("; {line}\n"));
    }
    // Deleting the key first drops values an earlier deployment set: a stale
    // inline `policy` would otherwise win over a new `policyUrl`.
    out.push_str(&format!("\n[-{key}]\n\n[{key}]\n"));
    for (name, value) in deployment.managed.to_json() {
        let data = match value {
            Value::Bool(flag) => format!("dword:{:08x}", u32::from(flag)),
            Value::Number(number) => format!("dword:{:08x}", number.as_u64().unwrap_or(0)),
            // Chrome reads a REG_SZ holding JSON where the schema expects an
            // array or object.
            Value::String(text) => reg_string(&text),
            other => reg_string(&other.to_string()),
        };
        out.push_str(&format!("{}={data}\n", reg_string(&name)));
    }
    if let Some(entry) = deployment.forcelist_entry(chromium) {
        out.push_str(&format!(
            "\n[{root}\\ExtensionInstallForcelist]\n{}={}\n",
            reg_string(&deployment.forcelist_index.to_string()),
            reg_string(&entry)
        ));
    }
    // regedit ends its exports with an empty line; some importers skip a
    // last line without one.
    out.push('\n');
    out
}

/// A quoted REG_SZ: backslash and double quote are the only escapes the
/// format has. Values never hold line breaks: JSON escapes them, and the
/// options reject control characters.
fn reg_string(text: &str) -> String {
    let mut quoted = String::with_capacity(text.len() + 2);
    quoted.push('"');
    for c in text.chars() {
        if matches!(c, '\\' | '"') {
            quoted.push('\\');
        }
        quoted.push(c);
    }
    quoted.push('"');
    quoted
}

/// A configuration profile with the extension's preference domain
/// (`com.google.Chrome.extensions.<id>`) and, to force-install, the
/// browser's own domain. UUIDs are derived from the payload identifiers, so
/// that regenerating gives the same profile and an MDM replaces it in place.
fn mobileconfig(deployment: &Deployment, chromium: Chromium) -> Result<Vec<u8>, String> {
    use plist::{Dictionary, Value as Plist};

    let id = &deployment.extension_id;
    let profile_identifier = format!("postlint.deploy.{}.{id}", chromium.slug());
    let payload = |payload_type: String, role: &str, name: String| {
        let identifier = format!("{profile_identifier}.{role}");
        let mut dict = Dictionary::new();
        dict.insert("PayloadType".into(), Plist::String(payload_type));
        dict.insert("PayloadVersion".into(), Plist::Integer(1.into()));
        dict.insert(
            "PayloadUUID".into(),
            Plist::String(payload_uuid(&identifier)),
        );
        dict.insert("PayloadIdentifier".into(), Plist::String(identifier));
        dict.insert("PayloadDisplayName".into(), Plist::String(name));
        dict
    };

    let mut configuration = payload(
        format!("{}.extensions.{id}", chromium.preference_domain()),
        "configuration",
        "Postlint configuration".into(),
    );
    for (key, value) in deployment.managed.to_json() {
        let value = plist::to_value(&value)
            .map_err(|error| format!("cannot convert `{key}` for the profile: {error}"))?;
        configuration.insert(key, value);
    }
    let mut content = vec![Plist::Dictionary(configuration)];
    if let Some(entry) = deployment.forcelist_entry(chromium) {
        let mut install = payload(
            chromium.preference_domain().into(),
            "install",
            "Postlint force-install".into(),
        );
        install.insert(
            "ExtensionInstallForcelist".into(),
            Plist::Array(vec![Plist::String(entry)]),
        );
        content.push(Plist::Dictionary(install));
    }

    let mut profile = Dictionary::new();
    profile.insert("PayloadContent".into(), Plist::Array(content));
    profile.insert(
        "PayloadDescription".into(),
        Plist::String(deployment.header_lines().join("\n")),
    );
    profile.insert(
        "PayloadDisplayName".into(),
        Plist::String(format!("Postlint for {}", chromium.display_name())),
    );
    profile.insert(
        "PayloadIdentifier".into(),
        Plist::String(profile_identifier.clone()),
    );
    if let Some(organization) = &deployment.organization {
        profile.insert(
            "PayloadOrganization".into(),
            Plist::String(organization.clone()),
        );
    }
    profile.insert("PayloadScope".into(), Plist::String("System".into()));
    profile.insert("PayloadType".into(), Plist::String("Configuration".into()));
    profile.insert(
        "PayloadUUID".into(),
        Plist::String(payload_uuid(&profile_identifier)),
    );
    profile.insert("PayloadVersion".into(), Plist::Integer(1.into()));

    let mut out = Vec::new();
    plist::to_writer_xml(&mut out, &Plist::Dictionary(profile))
        .map_err(|error| format!("cannot write the profile: {error}"))?;
    out.push(b'\n');
    Ok(out)
}

/// A name-based (version 5) UUID in the form profiles use.
fn payload_uuid(identifier: &str) -> String {
    Uuid::new_v5(&Uuid::NAMESPACE_OID, identifier.as_bytes())
        .hyphenated()
        .encode_upper(&mut Uuid::encode_buffer())
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    const POLICY: &str = r#"{"version": 1, "revision": "r7", "extends": ["base"]}"#;

    fn options(json: &str) -> Options {
        serde_json::from_str(json).expect("valid options")
    }

    fn make(options: &Options) -> Result<Artifact, DeployError> {
        let policy = Policy::from_json(POLICY).expect("valid policy");
        artifact(&policy, POLICY, false, options)
    }

    #[test]
    fn options_from_the_studio_default_like_the_cli() {
        let options = options(
            r#"{"browser": "chrome", "os": "linux", "extensionId": "abcdefghijklmnopabcdefghijklmnop"}"#,
        );
        assert_eq!(options.forcelist_index, 1);
        assert!(options.force_install);
        let made = make(&options).expect("an artifact");
        assert_eq!((made.file_name, made.encoding), ("postlint.json", "utf-8"));
        let json: Value = serde_json::from_slice(&made.bytes).expect("JSON");
        let managed = &json["3rdparty"]["extensions"]["abcdefghijklmnopabcdefghijklmnop"];
        assert_eq!(
            managed["policy"],
            Value::String(r#"{"version":1,"revision":"r7","extends":["base"]}"#.into())
        );
        assert_eq!(
            json["ExtensionInstallForcelist"][0],
            "abcdefghijklmnopabcdefghijklmnop;https://clients2.google.com/service/update2/crx"
        );
    }

    #[test]
    fn nudges_are_pinned_only_when_asked() {
        let managed = |json: &str| -> Value {
            let made = make(&options(json)).expect("an artifact");
            let json: Value = serde_json::from_slice(&made.bytes).expect("JSON");
            json["3rdparty"]["extensions"]["abcdefghijklmnopabcdefghijklmnop"].clone()
        };
        let base = r#""browser": "chrome", "os": "linux", "extensionId": "abcdefghijklmnopabcdefghijklmnop""#;
        assert_eq!(managed(&format!("{{{base}}}")).get("nudges"), None);
        assert_eq!(
            managed(&format!(r#"{{{base}, "nudges": "off"}}"#))["nudges"],
            "off"
        );
        assert!(
            serde_json::from_str::<Options>(&format!(r#"{{{base}, "nudges": "maybe"}}"#)).is_err()
        );
    }

    #[test]
    fn windows_files_are_utf16_with_a_byte_order_mark() {
        let made = make(&options(r#"{"browser": "edge", "os": "windows", "extensionId": "abcdefghijklmnopabcdefghijklmnop"}"#))
            .expect("an artifact");
        assert_eq!(made.encoding, "utf-16le");
        assert_eq!(&made.bytes[..2], &[0xFF, 0xFE]);
    }

    #[test]
    fn out_of_range_numbers_from_a_caller_without_clap_are_refused() {
        let too_often = options(
            r#"{"browser": "firefox", "extensionId": "postlint@example.com", "policyUrl": "https://example.com/p.json", "refreshMinutes": 1}"#,
        );
        assert!(
            matches!(make(&too_often), Err(DeployError::Option { option: "--refresh-minutes", message }) if message.contains("--refresh-minutes"))
        );
        let zeroth = options(
            r#"{"browser": "chrome", "os": "windows", "extensionId": "abcdefghijklmnopabcdefghijklmnop", "forcelistIndex": 0}"#,
        );
        assert!(
            matches!(make(&zeroth), Err(DeployError::Option { option: "--forcelist-index", message }) if message.contains("--forcelist-index"))
        );
    }

    #[test]
    fn unknown_options_are_refused() {
        let unknown = serde_json::from_str::<Options>(
            r#"{"browser": "chrome", "extensionId": "x", "colour": "red"}"#,
        );
        assert!(unknown.is_err());
    }
}
