//! `postlint eval`: precision and recall of a policy on labeled sample posts.

use std::path::PathBuf;

use checker_core::eval::{evaluate, Corpus, Targets};
use checker_core::CheckContext;
use clap::Args;

use crate::commands::{error, lang_from_environment, load_checker, print, LangArg};
use crate::{Format, Outcome};

#[derive(Args)]
pub struct EvalArgs {
    /// The labeled posts, one JSON object per line (see tests/corpus/README.md).
    #[arg(value_name = "CORPUS")]
    corpus: PathBuf,
    /// The policy to measure (JSON or YAML); the built-in default policy without it.
    #[arg(long, value_name = "FILE")]
    policy: Option<PathBuf>,
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// Language of the report [default: from LC_ALL, LC_MESSAGES or LANG, else en].
    #[arg(long, value_enum)]
    lang: Option<LangArg>,
    /// Overall precision below which the command fails.
    #[arg(long, default_value_t = Targets::default().overall_precision)]
    min_precision: f64,
    /// Overall recall below which the command fails.
    #[arg(long, default_value_t = Targets::default().overall_recall)]
    min_recall: f64,
    /// Precision or recall of any category below which the command fails.
    #[arg(long, default_value_t = Targets::default().category_minimum)]
    min_category: f64,
    /// Check every post as written by this department (the policy's
    /// `departments` entry adds its rules and overrides).
    #[arg(long, value_name = "ID")]
    department: Option<String>,
}

/// Exit 0 when the targets hold, 1 when they don't, 2 for unreadable input.
pub fn run(args: EvalArgs) -> Outcome {
    let checker = match load_checker(args.policy.as_deref(), args.department.as_deref()) {
        Ok(checker) => checker,
        Err(outcome) => return outcome,
    };
    let name = args.corpus.display().to_string();
    let source = match std::fs::read_to_string(&args.corpus) {
        Ok(source) => source,
        Err(read) => return error(&format!("cannot read {name}: {read}")),
    };
    let corpus = match Corpus::from_jsonl(&source) {
        Ok(corpus) => corpus,
        Err(message) => return error(&format!("{name}: {message}")),
    };
    let evaluation = evaluate(&corpus, |entry| {
        let context = CheckContext {
            department: args.department.clone(),
            ..entry.context()
        };
        checker.check(entry.text(), &context).findings
    });
    let targets = Targets {
        overall_precision: args.min_precision,
        overall_recall: args.min_recall,
        category_minimum: args.min_category,
    };
    let lang = args.lang.map_or_else(lang_from_environment, LangArg::lang);
    match args.format {
        Format::Json => match serde_json::to_string_pretty(&evaluation) {
            Ok(json) => print(&format!("{json}\n")),
            Err(serialize) => return error(&format!("cannot write JSON: {serialize}")),
        },
        Format::Text => {
            let mut out = evaluation.to_text_table(lang);
            for failure in evaluation.target_failures(&targets, lang) {
                out.push_str(&format!("below target: {failure}\n"));
            }
            print(&out);
        }
    }
    if evaluation.meets_targets(&targets) {
        Outcome::Clean
    } else {
        Outcome::Findings
    }
}
