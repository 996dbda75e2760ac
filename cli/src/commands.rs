//! The subcommands.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use checker_core::{
    Attachment, AttachmentKind, CheckContext, Checker, Date, Field, Lang, Level, Platform, Policy,
    Surface, TestFailure, TestMismatch,
};
use clap::{Args, ValueEnum};

use crate::policy_file::{default_checker, default_policy, PolicyFile, Rejected};
use crate::render::{level_name, render_report};
use crate::{Format, Outcome};

#[derive(Args)]
pub struct CheckArgs {
    /// The text to check; `-` or nothing reads standard input.
    #[arg(value_name = "FILE|-")]
    file: Option<PathBuf>,
    /// The policy (JSON, or YAML by extension); the built-in default policy
    /// without it.
    #[arg(long, value_name = "FILE")]
    policy: Option<PathBuf>,
    #[arg(long, value_enum, default_value = "generic")]
    platform: PlatformArg,
    #[arg(long, value_enum, default_value = "post")]
    surface: SurfaceArg,
    /// The profile field, with `--surface profile`.
    #[arg(long, value_enum)]
    field: Option<FieldArg>,
    /// The day of writing, for rules active in a date window [default:
    /// today in the policy's `timezone`].
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    date: Option<Date>,
    /// Check as at this instant, e.g. `2026-12-14T23:30Z`: its date in the
    /// policy's `timezone` becomes the day of writing.
    #[arg(long, value_name = "INSTANT", value_parser = parse_instant, conflicts_with = "date")]
    at: Option<jiff::Timestamp>,
    /// Attached media, comma-separated or repeated; `image,image` is two images.
    #[arg(long, value_enum, value_delimiter = ',', value_name = "KIND,...")]
    attach: Vec<AttachmentArg>,
    /// How many of the attached images have no description (alt text).
    #[arg(long, value_name = "N", default_value_t = 0)]
    undescribed: u32,
    /// Language of the messages [default: from LC_ALL, LC_MESSAGES or LANG, else en].
    #[arg(long, value_enum)]
    lang: Option<LangArg>,
    /// Check as a writer of this department: the policy's `departments`
    /// entry adds its rules and overrides.
    #[arg(long, value_name = "ID")]
    department: Option<String>,
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
}

#[derive(Clone, Copy, ValueEnum)]
enum PlatformArg {
    Linkedin,
    X,
    Generic,
}

#[derive(Clone, Copy, ValueEnum)]
enum SurfaceArg {
    Post,
    Comment,
    Reply,
    Message,
    Profile,
}

#[derive(Clone, Copy, ValueEnum)]
enum FieldArg {
    Name,
    Headline,
    About,
    Bio,
    Location,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum AttachmentArg {
    Image,
    Video,
    Document,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum LangArg {
    De,
    En,
}

impl LangArg {
    pub fn lang(self) -> Lang {
        match self {
            LangArg::De => Lang::De,
            LangArg::En => Lang::En,
        }
    }
}

fn parse_date(text: &str) -> Result<Date, String> {
    Date::parse(text).ok_or_else(|| format!("`{text}` is not a date of the form YYYY-MM-DD"))
}

fn parse_instant(text: &str) -> Result<jiff::Timestamp, String> {
    text.parse().map_err(|_| {
        format!("`{text}` is not an instant such as 2026-12-14T23:30Z or 2026-12-15T00:30+01:00")
    })
}

/// The calendar date of `instant` in the IANA time zone `zone`, from the
/// system's tz database.
fn date_in_zone(instant: jiff::Timestamp, zone: &str) -> Result<Date, String> {
    let time_zone = jiff::tz::TimeZone::get(zone).map_err(|_| {
        format!("this system has no time zone data for `{zone}`; pass --date YYYY-MM-DD")
    })?;
    let date = time_zone.to_datetime(instant).date();
    let parts = (
        u16::try_from(date.year()).ok(),
        u8::try_from(date.month()).ok(),
        u8::try_from(date.day()).ok(),
    );
    match parts {
        (Some(year), Some(month), Some(day)) => Date::new(year, month, day),
        _ => None,
    }
    .ok_or_else(|| format!("{date} is outside the dates a policy can name"))
}

/// The message language from the POSIX locale variables, in their order of
/// precedence; anything but German means English.
pub fn lang_from_environment() -> Lang {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .into_iter()
        .filter_map(|name| std::env::var(name).ok())
        .find(|value| !value.is_empty())
        .filter(|locale| {
            locale
                .get(..2)
                .is_some_and(|code| code.eq_ignore_ascii_case("de"))
        })
        .map_or(Lang::En, |_| Lang::De)
}

/// The attachments `kinds` name; `undescribed` of the images lack a
/// description.
fn attachments(kinds: &[AttachmentArg], undescribed: u32) -> Vec<Attachment> {
    [
        (AttachmentArg::Image, AttachmentKind::Image),
        (AttachmentArg::Video, AttachmentKind::Video),
        (AttachmentArg::Document, AttachmentKind::Document),
    ]
    .into_iter()
    .filter_map(|(arg, kind)| {
        let count = kinds.iter().filter(|given| **given == arg).count();
        let count = u32::try_from(count).unwrap_or(u32::MAX);
        (count > 0).then(|| Attachment {
            kind,
            count,
            undescribed: if kind == AttachmentKind::Image {
                undescribed.min(count)
            } else {
                0
            },
        })
    })
    .collect()
}

fn read_text(file: Option<&Path>) -> Result<(String, String), String> {
    match file {
        None => read_stdin(),
        Some(path) if path == Path::new("-") => read_stdin(),
        Some(path) => {
            let name = path.display().to_string();
            std::fs::read_to_string(path)
                .map(|text| (name.clone(), text))
                .map_err(|error| format!("cannot read {name}: {error}"))
        }
    }
}

fn read_stdin() -> Result<(String, String), String> {
    let mut text = String::new();
    std::io::stdin()
        .read_to_string(&mut text)
        .map_err(|error| format!("cannot read standard input: {error}"))?;
    Ok(("<stdin>".to_owned(), text))
}

/// The policy at `path` (the built-in default without it), compiled, after
/// checking that it defines `department`. Errors are printed.
pub fn load_checker(path: Option<&Path>, department: Option<&str>) -> Result<Checker, Outcome> {
    let checker = match path {
        Some(path) => {
            let file = PolicyFile::read(path).map_err(|rejection| rejected(&rejection))?;
            known_department(&file.policy, department)?;
            file.compile()
        }
        None => {
            let policy = default_policy().map_err(|rejection| rejected(&rejection))?;
            known_department(&policy, department)?;
            default_checker()
        }
    };
    checker.map_err(|rejection| rejected(&rejection))
}

/// `--department` must name one of the policy's departments: a typo would
/// otherwise quietly check with the policy's own rules only.
fn known_department(policy: &Policy, department: Option<&str>) -> Result<(), Outcome> {
    let Some(id) = department else {
        return Ok(());
    };
    if policy.departments().any(|known| known == id) {
        return Ok(());
    }
    let hint = match policy.similar_department(id) {
        Some(close) => format!("did you mean `{close}`?"),
        None => {
            let known: Vec<&str> = policy.departments().collect();
            if known.is_empty() {
                "the policy defines no `departments`".to_owned()
            } else {
                format!("the policy's departments: {}", known.join(", "))
            }
        }
    };
    Err(error(&format!("no department has the id `{id}` ({hint})")))
}

pub fn error(message: &str) -> Outcome {
    let style = anstyle::AnsiColor::Red.on_default().bold();
    let _ = writeln!(anstream::stderr(), "{style}error{style:#}: {message}");
    Outcome::Failed
}

pub fn rejected(rejection: &Rejected) -> Outcome {
    let _ = write!(anstream::stderr(), "{}", rejection.render());
    Outcome::Failed
}

/// Writes to standard output; a closed pipe (`postlint … | head`) is not an error.
pub fn print(text: &str) {
    let _ = anstream::stdout().write_all(text.as_bytes());
}

pub fn check(args: CheckArgs) -> Outcome {
    if args.field.is_some() && !matches!(args.surface, SurfaceArg::Profile) {
        return error("--field is a profile field: add --surface profile");
    }
    let (name, text) = match read_text(args.file.as_deref()) {
        Ok(read) => read,
        Err(message) => return error(&message),
    };
    let checker = match load_checker(args.policy.as_deref(), args.department.as_deref()) {
        Ok(checker) => checker,
        Err(outcome) => return outcome,
    };
    let date = match args.date {
        Some(date) => date,
        None => {
            let instant = args.at.unwrap_or_else(jiff::Timestamp::now);
            match date_in_zone(instant, checker.timezone()) {
                Ok(date) => date,
                Err(message) => return error(&message),
            }
        }
    };
    let context = CheckContext {
        platform: match args.platform {
            PlatformArg::Linkedin => Platform::Linkedin,
            PlatformArg::X => Platform::X,
            PlatformArg::Generic => Platform::Generic,
        },
        surface: match args.surface {
            SurfaceArg::Post => Surface::Post,
            SurfaceArg::Comment => Surface::Comment,
            SurfaceArg::Reply => Surface::Reply,
            SurfaceArg::Message => Surface::Message,
            SurfaceArg::Profile => Surface::Profile,
        },
        date: Some(date),
        lang: args.lang.map_or_else(lang_from_environment, LangArg::lang),
        attachments: attachments(&args.attach, args.undescribed),
        field: args.field.map(|field| match field {
            FieldArg::Name => Field::Name,
            FieldArg::Headline => Field::Headline,
            FieldArg::About => Field::About,
            FieldArg::Bio => Field::Bio,
            FieldArg::Location => Field::Location,
        }),
        department: args.department,
    };
    let report = checker.check(&text, &context);
    match args.format {
        Format::Json => match serde_json::to_string_pretty(&report) {
            Ok(json) => print(&format!("{json}\n")),
            Err(serialize) => return error(&format!("cannot write JSON: {serialize}")),
        },
        Format::Text => print(&render_report(&name, &text, &report)),
    }
    // A suggestion (category `campaign`) is no problem, whatever its level.
    if report
        .findings
        .iter()
        .any(|finding| finding.level >= Level::Warn && finding.category.is_problem())
    {
        Outcome::Findings
    } else {
        Outcome::Clean
    }
}

pub fn validate(files: &[PathBuf]) -> Outcome {
    let mut outcome = Outcome::Clean;
    for file in files {
        match PolicyFile::read(file).and_then(|policy| policy.compile()) {
            Ok(_) => print(&format!("{}: ok\n", file.display())),
            Err(rejection) => outcome = rejected(&rejection),
        }
    }
    outcome
}

pub fn schema() -> Outcome {
    match serde_json::to_string_pretty(&checker_core::policy_schema()) {
        Ok(json) => {
            print(&format!("{json}\n"));
            Outcome::Clean
        }
        Err(serialize) => error(&format!("cannot write the schema: {serialize}")),
    }
}

pub fn test(file: &Path) -> Outcome {
    let policy_file = match PolicyFile::read(file) {
        Ok(policy_file) => policy_file,
        Err(rejection) => return rejected(&rejection),
    };
    let checker = match policy_file.compile() {
        Ok(checker) => checker,
        Err(rejection) => return rejected(&rejection),
    };
    let report = checker.run_tests();
    let mut out = String::new();
    for failure in &report.failures {
        out.push_str(&render_test_failure(&policy_file, failure));
    }
    let failed = report.failures.len();
    out.push_str(&format!(
        "{}: {} passed, {failed} failed\n",
        policy_file.file,
        report.total - failed
    ));
    print(&out);
    if report.passed() {
        Outcome::Clean
    } else {
        Outcome::Findings
    }
}

fn render_test_failure(policy_file: &PolicyFile, failure: &TestFailure) -> String {
    let style = anstyle::AnsiColor::Red.on_default().bold();
    let pointer = format!("/tests/{}", failure.index);
    let location = match policy_file.locate(&pointer) {
        Some(position) => format!("{}:{}:{}", policy_file.file, position.line, position.column),
        None => policy_file.file.clone(),
    };
    let mut out = format!(
        "{location}: {style}FAILED{style:#} {pointer} \"{}\"\n    text: {:?}\n",
        failure.name, failure.text
    );
    for (label, items) in [
        ("expected but not raised", &failure.missing),
        ("forbidden but raised", &failure.unexpected),
    ] {
        if !items.is_empty() {
            let items: Vec<String> = items.iter().map(describe_mismatch).collect();
            out.push_str(&format!("    {label}: {}\n", items.join(", ")));
        }
    }
    if failure.findings.is_empty() {
        out.push_str("    findings got: none\n");
    } else {
        out.push_str("    findings got:\n");
        for finding in &failure.findings {
            let place = match (&finding.quote, finding.span) {
                (Some(quote), Some(span)) => format!(" {quote:?} at {}..{}", span.start, span.end),
                _ => " (whole text)".to_owned(),
            };
            out.push_str(&format!(
                "      {} {}{place}\n",
                level_name(finding.level),
                finding.rule
            ));
        }
    }
    out
}

/// A test item as written, with what the text got when the item pins
/// down a quote or a count: `acme.codenames "Kranich" ×1 (got 2)`.
fn describe_mismatch(item: &TestMismatch) -> String {
    let mut out = item.rule.clone();
    if let Some(quote) = &item.quote {
        out.push_str(&format!(" {quote:?}"));
    }
    if let Some(count) = item.count {
        out.push_str(&format!(" ×{count}"));
    }
    if item.quote.is_some() || item.count.is_some() {
        out.push_str(&format!(" (got {})", item.found));
    }
    out
}

pub fn rules(policy: Option<&Path>, show: Option<&str>, department: Option<&str>) -> Outcome {
    let policy = match policy {
        Some(path) => match PolicyFile::read(path) {
            Ok(policy_file) => policy_file.policy,
            Err(rejection) => return rejected(&rejection),
        },
        None => match default_policy() {
            Ok(policy) => policy,
            Err(rejection) => return rejected(&rejection),
        },
    };
    if let Err(outcome) = known_department(&policy, department) {
        return outcome;
    }
    if let Some(id) = show {
        return show_rule(&policy, id, department);
    }
    let rules = department
        .and_then(|id| policy.department_rules(id))
        .unwrap_or(policy.rules());
    let header = ["ID", "KIND", "CATEGORY", "LEVEL", "OVERRIDABLE", "SOURCE"];
    let rows: Vec<[String; 6]> = rules
        .iter()
        .map(|rule| {
            [
                rule.id.clone(),
                rule.kind.clone(),
                rule.category.name().to_owned(),
                if rule.enabled {
                    level_name(rule.level).to_owned()
                } else {
                    "off".to_owned()
                },
                if rule.overridable { "yes" } else { "no" }.to_owned(),
                rule.source.clone(),
            ]
        })
        .collect();
    print(&table(header, &rows));
    Outcome::Clean
}

/// `rules --show ID`: the rule in force as JSON.
fn show_rule(policy: &Policy, id: &str, department: Option<&str>) -> Outcome {
    let Some(rule) = policy.department_effective_rule(id, department) else {
        let hint = match policy.similar_rule_id(id) {
            Some(close) => format!("did you mean `{close}`?"),
            None => "`postlint rules` lists the rule ids".to_owned(),
        };
        return error(&format!("no rule has the id `{id}` ({hint})"));
    };
    match serde_json::to_string_pretty(&rule) {
        Ok(json) => {
            print(&format!("{json}\n"));
            Outcome::Clean
        }
        Err(serialize) => error(&format!("cannot write the rule: {serialize}")),
    }
}

/// Left-aligned columns separated by two spaces, widths in characters.
fn table<const N: usize>(header: [&str; N], rows: &[[String; N]]) -> String {
    let mut widths = header.map(|cell| cell.chars().count());
    for row in rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    let mut line = |cells: [&str; N]| {
        let padded: Vec<String> = cells
            .iter()
            .zip(widths)
            .map(|(cell, width)| format!("{cell:<width$}"))
            .collect();
        out.push_str(padded.join("  ").trim_end());
        out.push('\n');
    };
    line(header);
    for row in rows {
        line(row.each_ref().map(String::as_str));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_kinds_are_counted() {
        let given = [
            AttachmentArg::Image,
            AttachmentArg::Video,
            AttachmentArg::Image,
        ];
        assert_eq!(
            attachments(&given, 5),
            vec![
                Attachment {
                    kind: AttachmentKind::Image,
                    count: 2,
                    undescribed: 2
                },
                Attachment {
                    kind: AttachmentKind::Video,
                    count: 1,
                    undescribed: 0
                },
            ]
        );
    }
}
