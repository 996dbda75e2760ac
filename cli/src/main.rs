//! `postlint`: checks social media posts against a company's guideline policy.
//!
//! Exit codes: 0 when nothing at level warn or block was found, 1 when
//! something was (or a policy test failed), 2 for usage errors, unreadable
//! files and invalid policies.

mod commands;
mod deploy;
mod eval;
mod render;
mod studio;

use std::path::PathBuf;

// The policy file reading is a library, so the fuzz targets reach it too.
use postlint_cli::policy_file;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

#[derive(Parser)]
#[command(name = "postlint", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check a post (a file, or `-` / nothing for standard input).
    Check(commands::CheckArgs),
    /// Work with policy files.
    #[command(subcommand)]
    Policy(PolicyCommand),
    /// List the effective rules, after `extends` and `overrides`.
    Rules {
        /// The policy (JSON or YAML); the built-in default policy without it.
        #[arg(long, value_name = "FILE")]
        policy: Option<PathBuf>,
        /// Print one rule as it is in force, as JSON: every parameter with
        /// its default, the messages in every language, the source pack.
        #[arg(long, value_name = "ID")]
        show: Option<String>,
        /// The rules in force for a writer of this department: the
        /// policy's rules with the department's rules and overrides.
        #[arg(long, value_name = "ID")]
        department: Option<String>,
    },
    /// Turn a policy into what IT rolls out: a .reg file, a .mobileconfig
    /// profile, managed-policy JSON, or Firefox's policies.json.
    Deploy(deploy::DeployArgs),
    /// Measure a policy on labeled sample posts: precision, recall and F1
    /// per category, and every missed and false finding.
    Eval(eval::EvalArgs),
    /// Serve Postlint Studio on 127.0.0.1 and open it in the browser: write,
    /// try, test and measure a policy in one page.
    Studio(studio::StudioArgs),
}

#[derive(Subcommand)]
enum PolicyCommand {
    /// Validate policy files and print every problem with its JSON path and
    /// line:column.
    Validate {
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Run the policy's own `tests` and report each failure.
    Test {
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
    /// Print the JSON Schema of the policy document, for editors.
    Schema,
}

/// Output format of `check` and `eval`.
#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    /// Diagnostics for people, like a compiler's.
    Text,
    /// The stable JSON contract (see the README).
    Json,
}

/// What a command concluded, mapped onto the exit code.
pub enum Outcome {
    /// Nothing at warn or block; policies valid; tests passed.
    Clean,
    /// Findings at warn or block, or failed policy tests.
    Findings,
    /// Bad input: unreadable file, invalid policy. The message is printed.
    Failed,
}

fn main() -> ExitCode {
    // clap prints usage errors itself and exits with 2.
    let cli = Cli::parse();
    let outcome = match cli.command {
        Command::Check(args) => commands::check(args),
        Command::Policy(PolicyCommand::Validate { files }) => commands::validate(&files),
        Command::Policy(PolicyCommand::Test { file }) => commands::test(&file),
        Command::Policy(PolicyCommand::Schema) => commands::schema(),
        Command::Rules {
            policy,
            show,
            department,
        } => commands::rules(policy.as_deref(), show.as_deref(), department.as_deref()),
        Command::Deploy(args) => deploy::run(args),
        Command::Eval(args) => eval::run(args),
        Command::Studio(args) => studio::run(args),
    };
    match outcome {
        Outcome::Clean => ExitCode::SUCCESS,
        Outcome::Findings => ExitCode::from(1),
        Outcome::Failed => ExitCode::from(2),
    }
}
