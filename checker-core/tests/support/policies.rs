//! Compiling the policies of the policy-language tests and reading back
//! their problems and findings. Included with `#[path]` by each test that
//! uses it; not every test uses every function.
#![allow(dead_code)]

use checker_core::{CheckContext, Checker, Policy, Problem};
use serde_json::Value;

/// `policy` read and compiled; panics with the engine's problems if it has any.
pub fn compiled(policy: Value) -> Checker {
    Policy::from_value(policy)
        .and_then(Policy::compile)
        .unwrap_or_else(|error| panic!("{error}"))
}

/// The problems reading and compiling `policy` finds; panics if it has none.
pub fn rejected(policy: Value) -> Vec<Problem> {
    match Policy::from_value(policy).and_then(Policy::compile) {
        Ok(_) => panic!("policy accepted"),
        Err(error) => error.problems,
    }
}

/// The problem at JSON pointer `path`; panics, listing them all, if none is there.
pub fn problem_at<'p>(problems: &'p [Problem], path: &str) -> &'p Problem {
    problems
        .iter()
        .find(|problem| problem.path == path)
        .unwrap_or_else(|| panic!("no problem at {path}; got {problems:#?}"))
}

/// The rule ids of the findings for `text`, in the order the report lists them.
pub fn rule_ids(checker: &Checker, text: &str, context: &CheckContext) -> Vec<String> {
    checker
        .check(text, context)
        .findings
        .into_iter()
        .map(|finding| finding.rule)
        .collect()
}
