//! Reading a policy file (JSON or YAML) and reporting what is wrong with it,
//! with the JSON path and the line:column in the file.

use std::io::Read;
use std::path::Path;

use checker_core::{Checker, Policy, PolicyError, Problem};

use checker_core::source_map::{Position, SourceMap};

/// A policy file that could not be used, with everything wrong with it.
pub struct Rejected {
    /// The file as given on the command line.
    pub file: String,
    pub problems: Vec<LocatedProblem>,
}

/// A validation problem and where it is in the source file.
pub struct LocatedProblem {
    pub problem: Problem,
    pub position: Option<Position>,
}

impl Rejected {
    fn single(file: &str, message: String, position: Option<Position>) -> Rejected {
        Rejected {
            file: file.to_owned(),
            problems: vec![LocatedProblem {
                problem: Problem {
                    path: String::new(),
                    message,
                    hint: None,
                },
                position,
            }],
        }
    }

    /// Writes one line per problem, compiler style:
    /// `policy.json:12:7: /rules/3/levle: unknown key (did you mean `level`?)`.
    pub fn render(&self) -> String {
        let mut out = String::new();
        for located in &self.problems {
            let problem = &located.problem;
            let path = if problem.path.is_empty() {
                "/"
            } else {
                &problem.path
            };
            match located.position {
                Some(Position { line, column }) => {
                    out.push_str(&format!("{}:{line}:{column}: ", self.file));
                }
                None => out.push_str(&format!("{}: ", self.file)),
            }
            out.push_str(&format!("error: {path}: {}", problem.message));
            if let Some(hint) = &problem.hint {
                out.push_str(&format!("\n    hint: {hint}"));
            }
            out.push('\n');
        }
        out.push_str(&format!(
            "{}: {} problem{}\n",
            self.file,
            self.problems.len(),
            if self.problems.len() == 1 { "" } else { "s" }
        ));
        out
    }
}

/// A policy read from a file, kept with its source for locating problems.
pub struct PolicyFile {
    pub file: String,
    source: String,
    pub policy: Policy,
}

impl PolicyFile {
    /// Reads and validates `path`. YAML is recognised by the `.yaml`/`.yml`
    /// extension; everything else is read as JSON.
    pub fn read(path: &Path) -> Result<PolicyFile, Rejected> {
        let file = path.display().to_string();
        let source = read_capped(path)
            .map_err(|error| Rejected::single(&file, format!("cannot read: {error}"), None))?
            .ok_or_else(|| too_large(&file))?;
        PolicyFile::from_source(file, source, is_yaml(path))
    }

    /// Validates a policy's text; `file` names it in problems. What
    /// [`PolicyFile::read`] does once it has the text.
    pub fn from_source(file: String, source: String, yaml: bool) -> Result<PolicyFile, Rejected> {
        // The extension reads at most this much; a larger policy must not
        // validate and deploy here only to be refused there.
        if source.len() > checker_core::MAX_POLICY_BYTES {
            return Err(too_large(&file));
        }
        let value = if yaml {
            parse_yaml(&file, &source)?
        } else {
            parse_json(&file, &source)?
        };
        match Policy::from_value(value) {
            Ok(policy) => Ok(PolicyFile {
                file,
                source,
                policy,
            }),
            Err(error) => Err(locate(&file, &source, error)),
        }
    }

    /// Where `pointer` is in the file.
    pub fn locate(&self, pointer: &str) -> Option<Position> {
        SourceMap::of(&self.source).locate(pointer)
    }

    /// Compiles the policy; compile problems are located like validation ones.
    pub fn compile(&self) -> Result<Checker, Rejected> {
        // Compiling consumes a policy; the file keeps its own for `rules`
        // and deploying.
        self.policy
            .clone()
            .compile()
            .map_err(|error| locate(&self.file, &self.source, error))
    }
}

const DEFAULT_POLICY_NAME: &str = "<built-in default policy>";

/// The built-in default policy. It is part of the binary and covered by
/// tests; should it ever fail, the problems are reported like any policy's.
pub fn default_policy() -> Result<Policy, Rejected> {
    let source = checker_core::default_policy_json();
    Policy::from_json(source).map_err(|error| locate(DEFAULT_POLICY_NAME, source, error))
}

/// The built-in default policy, compiled.
pub fn default_checker() -> Result<Checker, Rejected> {
    let source = checker_core::default_policy_json();
    default_policy()?
        .compile()
        .map_err(|error| locate(DEFAULT_POLICY_NAME, source, error))
}

/// Whether `path` names a YAML file: `.yaml` or `.yml`, in any case.
pub fn is_yaml(path: &Path) -> bool {
    path.extension()
        .and_then(|extension| extension.to_str())
        .is_some_and(|extension| {
            extension.eq_ignore_ascii_case("yaml") || extension.eq_ignore_ascii_case("yml")
        })
}

fn parse_json(file: &str, source: &str) -> Result<serde_json::Value, Rejected> {
    serde_json::from_str(source).map_err(|error| {
        Rejected::single(
            file,
            format!("not valid JSON: {error}"),
            Some(Position {
                line: error.line(),
                column: error.column(),
            }),
        )
    })
}

/// The file's text, or `None` when it is larger than a policy may be;
/// never more than one byte over the limit is read.
fn read_capped(path: &Path) -> std::io::Result<Option<String>> {
    let limit = checker_core::MAX_POLICY_BYTES as u64;
    let mut bytes = Vec::new();
    std::fs::File::open(path)?
        .take(limit + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Ok(None);
    }
    String::from_utf8(bytes)
        .map(Some)
        .map_err(|error| std::io::Error::new(std::io::ErrorKind::InvalidData, error))
}

fn too_large(file: &str) -> Rejected {
    let mut rejected = Rejected::single(
        file,
        format!(
            "the policy is larger than {} MiB, the most the extension reads",
            checker_core::MAX_POLICY_BYTES >> 20
        ),
        None,
    );
    rejected.problems[0].problem.hint = Some(
        "long term lists belong in a few focused rules; see \"Limits\" in docs/policy.md".into(),
    );
    rejected
}

/// YAML goes through the engine's reader (`checker_core::yaml`), the one the
/// Studio uses, so both accept the same files.
fn parse_yaml(file: &str, source: &str) -> Result<serde_json::Value, Rejected> {
    checker_core::yaml::yaml_to_json(source).map_err(|error| {
        let mut rejected = Rejected::single(file, error.message, error.position);
        rejected.problems[0].problem.hint = error.hint;
        rejected
    })
}

/// Pairs each problem with its position, in the order they appear in the
/// file (problems without a position last), as an editor would walk them.
fn locate(file: &str, source: &str, error: PolicyError) -> Rejected {
    let map = SourceMap::of(source);
    let mut problems: Vec<LocatedProblem> = error
        .problems
        .into_iter()
        .map(|problem| LocatedProblem {
            position: map.locate(&problem.path),
            problem,
        })
        .collect();
    problems.sort_by_key(|located| {
        located
            .position
            .map_or((usize::MAX, usize::MAX), |position| {
                (position.line, position.column)
            })
    });
    Rejected {
        file: file.to_owned(),
        problems,
    }
}
