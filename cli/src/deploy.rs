//! `postlint deploy`: turns a policy file into the artifact an IT department
//! rolls out: a `.reg` file (Windows), a `.mobileconfig` profile (macOS), a
//! managed-policy JSON file (Linux), the JSON for the Google Admin console,
//! or Firefox's `policies.json`. The artifacts are made by the
//! `postlint-deploy` crate, which Postlint Studio uses too; this module reads
//! the file, validates the policy with its problems located, and writes.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::Args;
use postlint_deploy::{
    artifact, department_note, Artifact, Browser, DeployError, Nudges, Options, Os,
    REFRESH_MINUTES_MAX, REFRESH_MINUTES_MIN,
};

use crate::policy_file::{is_yaml, PolicyFile, Rejected};
use crate::Outcome;

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
    /// The department of the organizational unit this artifact is for (one
    /// of the policy's `departments`): its rules apply on top of the policy's.
    #[arg(long, value_name = "ID")]
    department: Option<String>,
    /// Let employees choose their department on the options page where
    /// `department` is not set.
    #[arg(long)]
    allow_department_choice: bool,
    /// Suggestions toward the company's goals (careers link, campaign
    /// hashtag): pinned `on` or `off`, or left to each employee (`user`)
    /// [default: not set, which is `user`].
    #[arg(long, value_enum)]
    nudges: Option<Nudges>,
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
    let written = prepare(&args)
        .and_then(|artifact| Ok(write_artifact(args.out.as_deref(), &artifact.bytes)?));
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

fn prepare(args: &DeployArgs) -> Result<Artifact, Refusal> {
    // The engine's verdict first: an invalid policy must never reach the
    // browsers, where it would only show up on the options page.
    let policy_file = PolicyFile::read(&args.policy)
        .and_then(|file| file.compile().map(|_| file))
        .map_err(Refusal::InvalidPolicy)?;
    let source = std::fs::read_to_string(&args.policy)
        .map_err(|error| format!("cannot read {}: {error}", args.policy.display()))?;
    let yaml = is_yaml(&args.policy);
    let options = Options {
        browser: args.browser,
        os: args.os,
        extension_id: args.extension_id.clone(),
        policy_url: args.policy_url.clone(),
        refresh_minutes: args.refresh_minutes,
        allow_pause: args.allow_pause,
        support_contact: args.support_contact.clone(),
        department: args.department.clone(),
        allow_department_choice: args.allow_department_choice,
        nudges: args.nudges,
        install_url: args.install_url.clone(),
        forcelist_index: args.forcelist_index,
        force_install: !args.no_force_install,
    };
    let made =
        artifact(&policy_file.policy, &source, yaml, &options).map_err(|error| match error {
            DeployError::Conversion(error) => {
                format!("cannot convert {}: {error}", args.policy.display())
            }
            DeployError::Option { message, .. } => message,
        })?;
    let departments: Vec<String> = policy_file
        .policy
        .departments()
        .map(str::to_owned)
        .collect();
    let note = department_note(&departments);
    if !note.is_empty() {
        let style = anstyle::AnsiColor::Yellow.on_default().bold();
        let _ = writeln!(
            anstream::stderr(),
            "{style}note{style:#}: {}",
            note.join(" ")
        );
    }
    if args.policy_url.is_some() && yaml {
        let style = anstyle::AnsiColor::Yellow.on_default().bold();
        let _ = writeln!(
            anstream::stderr(),
            "{style}note{style:#}: the extension reads the policy URL as JSON; host a JSON copy of {}",
            args.policy.display()
        );
    }
    Ok(made)
}
