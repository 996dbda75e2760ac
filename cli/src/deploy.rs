//! `postlint deploy`: turns a policy file into the artifact an IT department
//! rolls out: a `.reg` file (Windows), a `.mobileconfig` profile (macOS), a
//! managed-policy JSON file (Linux), the JSON for the Google Admin console,
//! or Firefox's `policies.json`.
//!
//! Every artifact carries the same managed values, named as in
//! `extension/managed-schema.json`. The policy travels as one string holding
//! JSON: that is the only shape every channel delivers unchanged (a REG_SZ on
//! Windows, a plist string on macOS, a JSON string elsewhere), and Chrome's
//! schema dialect cannot describe the policy's mixed arrays anyway. The
//! extension hands the string to the engine, which reports real errors.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use serde_json::{json, Map, Value};
use uuid::Uuid;

use crate::policy_file::{is_yaml, PolicyFile, Rejected};
use crate::Outcome;

/// The managed storage keys, as in `extension/managed-schema.json`.
const KEY_POLICY: &str = "policy";
const KEY_POLICY_URL: &str = "policyUrl";
const KEY_REFRESH_MINUTES: &str = "policyRefreshMinutes";
const KEY_EXTRA_SITES: &str = "extraSites";
const KEY_ALLOW_PAUSE: &str = "allowPause";
const KEY_SUPPORT_CONTACT: &str = "supportContact";

/// The bounds the extension applies to the refresh interval: often enough for
/// a guideline change to arrive the same morning, rarely enough to spare the
/// policy server.
const REFRESH_MINUTES_MIN: u32 = 15;
const REFRESH_MINUTES_MAX: u32 = 1440;
const REFRESH_MINUTES_DEFAULT: u32 = 60;

#[derive(Args)]
pub struct DeployArgs {
    /// The policy (JSON, or YAML by extension). It is validated first. With
    /// `--policy-url` it is the file to host there and is not embedded.
    #[arg(value_name = "POLICY_FILE")]
    policy: PathBuf,
    /// The browser to configure.
    #[arg(long, value_enum)]
    browser: Browser,
    /// The operating system; `any` gives Firefox's `policies.json` or, for
    /// Chrome, the JSON for the Google Admin console [Firefox: default any].
    #[arg(long, value_enum)]
    os: Option<Os>,
    /// The extension's id: 32 letters a–p for Chrome and Edge, the add-on id
    /// (`name@domain` or `{GUID}`) for Firefox.
    #[arg(long, value_name = "ID")]
    extension_id: String,
    /// Where the extension fetches the policy (https, or http on loopback for
    /// testing) instead of an embedded copy.
    #[arg(long, value_name = "URL")]
    policy_url: Option<String>,
    /// How often the policy URL is fetched again, 15 to 1440 [default: 60].
    #[arg(long, value_name = "N", requires = "policy_url",
          value_parser = clap::value_parser!(u32).range(i64::from(REFRESH_MINUTES_MIN)..=i64::from(REFRESH_MINUTES_MAX)))]
    refresh_minutes: Option<u32>,
    /// Let employees pause checking for an hour.
    #[arg(long)]
    allow_pause: bool,
    /// Whom employees ask about the guideline, shown in the extension.
    #[arg(long, value_name = "TEXT")]
    support_contact: Option<String>,
    /// A further site for the generic compose-box adapter, as a match pattern
    /// such as `https://social.example.com/*`; repeatable.
    #[arg(long, value_name = "PATTERN")]
    extra_site: Vec<String>,
    /// Where the browser installs the extension from: the update manifest URL
    /// for Chrome and Edge [default: their web store], the `.xpi` URL for
    /// Firefox [default: addons.mozilla.org, found by id].
    #[arg(long, value_name = "URL")]
    install_url: Option<String>,
    /// The position in a Windows `ExtensionInstallForcelist`; pick a free one
    /// if the list already has entries.
    #[arg(long, value_name = "N", default_value_t = 1,
          value_parser = clap::value_parser!(u32).range(1..))]
    forcelist_index: u32,
    /// Only configure; leave force-installing to another policy.
    #[arg(long)]
    no_force_install: bool,
    /// Write the artifact here instead of standard output.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Browser {
    Chrome,
    Edge,
    Firefox,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Os {
    Windows,
    Macos,
    Linux,
    Any,
}

impl Browser {
    fn display_name(self) -> &'static str {
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
    extra_sites: Vec<String>,
    allow_pause: bool,
    support_contact: Option<String>,
}

impl Managed {
    /// The values as a JSON object; `extraSites` as objects, the shape the
    /// schema declares.
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
        if !self.extra_sites.is_empty() {
            values.insert(KEY_EXTRA_SITES.into(), self.extra_sites_json());
        }
        values.insert(KEY_ALLOW_PAUSE.into(), Value::Bool(self.allow_pause));
        if let Some(contact) = &self.support_contact {
            values.insert(KEY_SUPPORT_CONTACT.into(), Value::String(contact.clone()));
        }
        values
    }

    fn extra_sites_json(&self) -> Value {
        Value::Array(
            self.extra_sites
                .iter()
                .map(|pattern| json!({ "match": pattern }))
                .collect(),
        )
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
}

struct ForceInstall {
    /// Chrome/Edge: the update manifest URL. Firefox: the `.xpi` URL. `None`
    /// means the browser's own store.
    url: Option<String>,
}

/// Why no artifact was written.
enum Refusal {
    /// The engine's problems with the policy, each with its JSON path.
    InvalidPolicy(Rejected),
    Message(String),
}

impl From<String> for Refusal {
    fn from(message: String) -> Refusal {
        Refusal::Message(message)
    }
}

pub fn run(args: DeployArgs) -> Outcome {
    let written = prepare(&args).and_then(|deployment| {
        let artifact = render(&deployment, args.os)?;
        Ok(write_artifact(args.out.as_deref(), &artifact)?)
    });
    match written {
        Ok(()) => Outcome::Clean,
        Err(Refusal::InvalidPolicy(rejection)) => {
            let _ = write!(anstream::stderr(), "{}", rejection.render());
            Outcome::Failed
        }
        Err(Refusal::Message(message)) => {
            let style = anstyle::AnsiColor::Red.on_default().bold();
            let _ = writeln!(anstream::stderr(), "{style}error{style:#}: {message}");
            Outcome::Failed
        }
    }
}

fn write_artifact(out: Option<&Path>, artifact: &[u8]) -> Result<(), String> {
    match out {
        Some(path) => std::fs::write(path, artifact)
            .map_err(|error| format!("cannot write {}: {error}", path.display())),
        // Plain stdout, not anstream: the .reg file is UTF-16 and must pass
        // through byte for byte.
        None => {
            let mut stdout = std::io::stdout().lock();
            match stdout.write_all(artifact).and_then(|()| stdout.flush()) {
                Err(error) if error.kind() != std::io::ErrorKind::BrokenPipe => {
                    Err(format!("cannot write to standard output: {error}"))
                }
                _ => Ok(()),
            }
        }
    }
}

fn prepare(args: &DeployArgs) -> Result<Deployment, Refusal> {
    // The engine's verdict first: an invalid policy must never reach the
    // browsers, where it would only show up on the options page.
    let policy_file = PolicyFile::read(&args.policy)
        .and_then(|file| file.compile().map(|_| file))
        .map_err(Refusal::InvalidPolicy)?;
    let source = std::fs::read_to_string(&args.policy)
        .map_err(|error| format!("cannot read {}: {error}", args.policy.display()))?;
    let compact = compact_json(&source, is_yaml(&args.policy))
        .map_err(|error| format!("cannot convert {}: {error}", args.policy.display()))?;
    let organization = serde_json::from_str::<Value>(&compact)
        .ok()
        .and_then(|policy| {
            policy
                .pointer("/organization/name")?
                .as_str()
                .map(str::to_owned)
        });

    check_extension_id(args.browser, &args.extension_id)?;
    if let Some(url) = &args.policy_url {
        check_policy_url(url)?;
    }
    if let Some(url) = &args.install_url {
        check_single_line("--install-url", url)?;
    }
    if let Some(contact) = &args.support_contact {
        check_single_line("--support-contact", contact)?;
    }
    for pattern in &args.extra_site {
        check_single_line("--extra-site", pattern)?;
    }

    let hosted = args.policy_url.is_some();
    if hosted && is_yaml(&args.policy) {
        let style = anstyle::AnsiColor::Yellow.on_default().bold();
        let _ = writeln!(
            anstream::stderr(),
            "{style}note{style:#}: the extension reads the policy URL as JSON; host a JSON copy of {}",
            args.policy.display()
        );
    }
    Ok(Deployment {
        browser: args.browser,
        extension_id: args.extension_id.clone(),
        managed: Managed {
            // An inline policy takes precedence over the URL in the
            // extension, so with a URL the file is only validated.
            policy: (!hosted).then_some(compact),
            policy_url: args.policy_url.clone(),
            refresh_minutes: hosted
                .then_some(args.refresh_minutes.unwrap_or(REFRESH_MINUTES_DEFAULT)),
            extra_sites: args.extra_site.clone(),
            allow_pause: args.allow_pause,
            support_contact: args.support_contact.clone(),
        },
        force_install: (!args.no_force_install).then(|| ForceInstall {
            url: args.install_url.clone(),
        }),
        forcelist_index: args.forcelist_index,
        revision: policy_file.policy.revision().map(str::to_owned),
        organization,
    })
}

/// The policy as one line of JSON with the keys in the order of the file, so
/// that an admin recognises it in the registry or the profile. YAML is
/// converted on the way.
fn compact_json(source: &str, yaml: bool) -> Result<String, String> {
    let mut out = Vec::new();
    let mut serializer = serde_json::Serializer::new(&mut out);
    if yaml {
        serde_transcode::transcode(
            serde_norway::Deserializer::from_str(source),
            &mut serializer,
        )
        .map_err(|error| error.to_string())?;
    } else {
        let mut deserializer = serde_json::Deserializer::from_str(source);
        serde_transcode::transcode(&mut deserializer, &mut serializer)
            .map_err(|error| error.to_string())?;
        deserializer.end().map_err(|error| error.to_string())?;
    }
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

fn render(deployment: &Deployment, os: Option<Os>) -> Result<Vec<u8>, String> {
    // Firefox reads the same policies.json on every OS.
    let Some(chromium) = deployment.browser.chromium() else {
        return Ok(firefox_policies(deployment).into_bytes());
    };
    match os {
        Some(Os::Windows) => Ok(windows_reg(deployment, chromium)),
        Some(Os::Macos) => mobileconfig(deployment, chromium),
        Some(Os::Linux) => Ok(linux_json(deployment, chromium).into_bytes()),
        Some(Os::Any) if chromium == Chromium::Chrome => {
            Ok(google_admin_console(deployment).into_bytes())
        }
        Some(Os::Any) => Err(
            "Microsoft Edge has no OS-independent format here; use --os windows, macos or linux"
                .into(),
        ),
        None => Err(format!(
            "--os is required for {}: windows, macos, linux{}",
            chromium.display_name(),
            if chromium == Chromium::Chrome {
                ", or any (Google Admin console)"
            } else {
                ""
            }
        )),
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
        lines.push("Generated by `postlint deploy`; regenerate instead of editing.".into());
        lines
    }
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
