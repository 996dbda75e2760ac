//! Keeps `docs/policy.md` true to the engine (the page's section "Keeping
//! this page honest" states the convention for its authors):
//!
//! - every ```` ```json ```` block is valid JSON; a block with `"version"` is
//!   a valid policy, a block with `"id"` and `"kind"` a valid rule inside the
//!   page's first policy (the minimal policy of "Getting started");
//! - the `Triggers on` / `Quiet on` lines after a block hold: the block's
//!   rule reports (or does not report) a finding on each text in backticks,
//!   in the context given by a trailing `` (context: `{…}`) ``;
//! - every rule kind has an example that triggers;
//! - the key, category and level tables list exactly what the JSON Schema
//!   has, and the pack tables exactly the pack rules with their kind,
//!   category and level.
//!
//! The page is scanned line by line rather than with a Markdown parser: the
//! conventions are line-based, and fenced blocks and table rows are all this
//! needs.

use std::collections::{BTreeMap, BTreeSet};

use checker_core::{CheckContext, Policy};
use serde_json::Value;

const PAGE: &str = include_str!("../../docs/policy.md");
const PACKS: [(&str, &str); 2] = [
    ("base", include_str!("../packs/base.json")),
    ("organization", include_str!("../packs/organization.json")),
];

/// A ```` ```json ```` block and the check lines that follow it.
struct Example {
    /// 1-based line of the opening fence.
    line: usize,
    json: String,
    checks: Vec<Check>,
}

struct Check {
    line: usize,
    must_trigger: bool,
    texts: Vec<String>,
    context: CheckContext,
}

/// A Markdown table with the heading it stands under.
struct Table {
    heading: String,
    /// The first row's first cell.
    header: String,
    /// The remaining rows, cells trimmed.
    rows: Vec<Vec<String>>,
}

fn examples() -> Vec<Example> {
    let lines: Vec<&str> = PAGE.lines().collect();
    let mut examples = Vec::new();
    let mut index = 0;
    while index < lines.len() {
        let line = lines[index];
        index += 1;
        if !line.starts_with("```") {
            continue;
        }
        let opening = index;
        let mut body = Vec::new();
        while index < lines.len() && !lines[index].starts_with("```") {
            body.push(lines[index]);
            index += 1;
        }
        index += 1; // the closing fence
        if line.trim() != "```json" {
            continue;
        }
        let mut checks = Vec::new();
        while index < lines.len() {
            let next = lines[index];
            let must_trigger = if next.starts_with("Triggers on") {
                true
            } else if next.starts_with("Quiet on") {
                false
            } else if next.trim().is_empty() {
                index += 1;
                continue;
            } else {
                break;
            };
            checks.push(check_line(next, index + 1, must_trigger));
            index += 1;
        }
        examples.push(Example {
            line: opening,
            json: body.join("\n"),
            checks,
        });
    }
    examples
}

/// Texts are the code spans of the line; the span after `context: ` is the
/// check context for all of them.
fn check_line(line: &str, number: usize, must_trigger: bool) -> Check {
    let mut texts = Vec::new();
    let mut context = CheckContext::default();
    let pieces: Vec<&str> = line.split('`').collect();
    assert!(
        pieces.len() % 2 == 1,
        "docs/policy.md:{number}: unbalanced backticks"
    );
    for (position, code) in pieces.iter().enumerate().skip(1).step_by(2) {
        if pieces[position - 1].ends_with("context: ") {
            context = serde_json::from_str(code).unwrap_or_else(|error| {
                panic!("docs/policy.md:{number}: bad context {code}: {error}")
            });
        } else {
            texts.push((*code).to_owned());
        }
    }
    assert!(
        !texts.is_empty(),
        "docs/policy.md:{number}: no text to check"
    );
    Check {
        line: number,
        must_trigger,
        texts,
        context,
    }
}

fn tables() -> Vec<Table> {
    let mut tables: Vec<Table> = Vec::new();
    let mut heading = String::new();
    let mut in_table = false;
    let mut in_fence = false;
    for line in PAGE.lines() {
        if line.starts_with("```") {
            in_fence = !in_fence;
        }
        if in_fence {
            continue;
        }
        if line.starts_with('#') {
            heading = line.trim_start_matches('#').trim().to_owned();
        }
        if !line.starts_with('|') {
            in_table = false;
            continue;
        }
        let cells: Vec<String> = line
            .trim()
            .trim_matches('|')
            .split(" | ")
            .map(|cell| cell.trim().to_owned())
            .collect();
        if line.chars().all(|c| "|-: ".contains(c)) {
            continue;
        }
        match tables.last_mut() {
            Some(table) if in_table => table.rows.push(cells),
            _ => tables.push(Table {
                heading: heading.clone(),
                header: cells[0].clone(),
                rows: Vec::new(),
            }),
        }
        in_table = true;
    }
    tables
}

/// The names in backticks in a table cell: "`min_digits` / `max_digits`".
fn code_names(cell: &str) -> BTreeSet<String> {
    cell.split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect()
}

fn keys_of(tables: &[Table], heading: &str, header: &str) -> BTreeSet<String> {
    let found: Vec<&Table> = tables
        .iter()
        .filter(|table| table.heading == heading && table.header == header)
        .collect();
    assert_eq!(
        found.len(),
        1,
        "expected one `{header}` table under \"{heading}\""
    );
    found[0]
        .rows
        .iter()
        .flat_map(|row| code_names(&row[0]))
        .collect()
}

fn properties(schema: &Value, pointer: &str) -> BTreeSet<String> {
    schema
        .pointer(pointer)
        .and_then(Value::as_object)
        .unwrap_or_else(|| panic!("schema has no {pointer}"))
        .keys()
        .cloned()
        .collect()
}

/// The page's first policy: the host of every rule example.
fn host_policy(examples: &[Example]) -> Value {
    examples
        .iter()
        .filter_map(|example| serde_json::from_str::<Value>(&example.json).ok())
        .find(|value| value.get("version").is_some())
        .expect("docs/policy.md has a policy example")
}

#[test]
fn every_example_is_valid_and_does_what_the_page_says() {
    let examples = examples();
    let host = host_policy(&examples);
    let mut checked = 0;
    for example in &examples {
        let at = format!("docs/policy.md:{}", example.line);
        let value: Value = serde_json::from_str(&example.json)
            .unwrap_or_else(|error| panic!("{at}: not valid JSON: {error}"));
        let (policy, own_ids) = if value.get("version").is_some() {
            // The policy's own rules and the pack rules its overrides
            // change, its departments' included.
            let departments = value["departments"].as_object().into_iter().flatten();
            let ids: Vec<String> = std::iter::once(&value)
                .chain(departments.map(|(_, department)| department))
                .flat_map(|part| ["rules", "overrides"].map(|key| &part[key]))
                .flat_map(|list| list.as_array().into_iter().flatten())
                .filter_map(|rule| rule["id"].as_str().map(str::to_owned))
                .collect();
            (value, ids)
        } else if value.get("id").is_some() && value.get("kind").is_some() {
            let id = value["id"].as_str().unwrap_or_default().to_owned();
            let mut policy = host.clone();
            policy["rules"] = Value::Array(vec![value]);
            (policy, vec![id])
        } else {
            assert!(example.checks.is_empty(), "{at}: checks need a rule");
            continue;
        };
        let policy =
            Policy::from_value(policy).unwrap_or_else(|error| panic!("{at}: invalid: {error}"));
        let checker = policy
            .compile()
            .unwrap_or_else(|error| panic!("{at}: {error}"));
        assert!(
            example.checks.is_empty() || !own_ids.is_empty(),
            "{at}: checks need a rule of the example's own"
        );
        for check in &example.checks {
            for text in &check.texts {
                let report = checker.check(text, &check.context);
                let triggered = report
                    .findings
                    .iter()
                    .any(|finding| own_ids.contains(&finding.rule));
                assert_eq!(
                    triggered,
                    check.must_trigger,
                    "docs/policy.md:{}: {} {text:?}; findings: {:#?}",
                    check.line,
                    if check.must_trigger {
                        "no finding of the example's rule on"
                    } else {
                        "the example's rule reports on"
                    },
                    report.findings
                );
                checked += 1;
            }
        }
    }
    assert!(checked >= 40, "only {checked} texts checked");
}

#[test]
fn every_rule_kind_has_an_example_that_triggers() {
    let examples = examples();
    let triggering: BTreeSet<String> = examples
        .iter()
        .filter(|example| example.checks.iter().any(|check| check.must_trigger))
        .filter_map(|example| serde_json::from_str::<Value>(&example.json).ok())
        // A rule block, or a policy block (for kinds that need an
        // `organization` section of their own) with its one rule.
        .filter_map(|block| match block["rules"].as_array() {
            Some(rules) if rules.len() == 1 => rules[0]["kind"].as_str().map(str::to_owned),
            _ => block["kind"].as_str().map(str::to_owned),
        })
        .collect();
    let schema = checker_core::policy_schema();
    let kinds: BTreeSet<String> = schema
        .pointer("/properties/rules/items/oneOf")
        .and_then(Value::as_array)
        .expect("rule variants in the schema")
        .iter()
        .filter_map(|variant| variant["title"].as_str().map(str::to_owned))
        .collect();
    assert_eq!(kinds.len(), 17);
    assert_eq!(triggering, kinds);
}

#[test]
fn the_key_tables_list_exactly_the_schema_keys() {
    let tables = tables();
    let schema = checker_core::policy_schema();
    assert_eq!(
        keys_of(&tables, "The document", "key"),
        properties(&schema, "/properties")
    );
    assert_eq!(
        keys_of(&tables, "`organization`", "key"),
        properties(&schema, "/$defs/Organization/properties")
    );
    assert_eq!(
        keys_of(&tables, "Policy tests", "key"),
        properties(&schema, "/$defs/PolicyTest/properties")
    );

    let variants = schema
        .pointer("/properties/rules/items/oneOf")
        .and_then(Value::as_array)
        .expect("rule variants in the schema");
    let variant_keys: BTreeMap<String, BTreeSet<String>> = variants
        .iter()
        .map(|variant| {
            (
                variant["title"].as_str().unwrap_or_default().to_owned(),
                properties(variant, "/properties"),
            )
        })
        .collect();
    let common: BTreeSet<String> = variant_keys
        .values()
        .cloned()
        .reduce(|all, keys| all.intersection(&keys).cloned().collect())
        .unwrap_or_default();
    assert_eq!(keys_of(&tables, "Common rule keys", "key"), common);
    for (kind, keys) in &variant_keys {
        let own: BTreeSet<String> = keys.difference(&common).cloned().collect();
        let documented = if own.is_empty() {
            BTreeSet::new()
        } else {
            keys_of(&tables, &format!("`{kind}`"), "key")
        };
        assert_eq!(documented, own, "keys of kind `{kind}`");
    }
}

#[test]
fn the_pack_tables_list_exactly_the_pack_rules() {
    let tables = tables();
    for (name, source) in PACKS {
        let pack: Value = serde_json::from_str(source).expect("pack JSON");
        let rules: BTreeMap<String, [String; 3]> = pack["rules"]
            .as_array()
            .expect("pack rules")
            .iter()
            .map(|rule| {
                let text = |key: &str| rule[key].as_str().unwrap_or("warn").to_owned();
                (text("id"), [text("kind"), text("category"), text("level")])
            })
            .collect();
        let table = tables
            .iter()
            .find(|table| table.heading == format!("`{name}`") && table.header == "id")
            .unwrap_or_else(|| panic!("no table of the `{name}` pack"));
        let documented: BTreeMap<String, [String; 3]> = table
            .rows
            .iter()
            .map(|row| {
                let id = code_names(&row[0]).into_iter().next().unwrap_or_default();
                (id, [row[1].clone(), row[2].clone(), row[3].clone()])
            })
            .collect();
        assert_eq!(documented, rules, "the `{name}` pack table");
    }
}

#[test]
fn the_category_and_level_tables_list_exactly_the_engine_values() {
    let tables = tables();
    let schema = checker_core::policy_schema();
    let categories: BTreeSet<String> = schema
        .pointer("/$defs/Category/enum")
        .and_then(Value::as_array)
        .expect("category enum in the schema")
        .iter()
        .filter_map(|value| value.as_str().map(str::to_owned))
        .collect();
    assert_eq!(categories.len(), 14);
    assert_eq!(keys_of(&tables, "Categories", "category"), categories);
    let levels: BTreeSet<String> = schema
        .pointer("/$defs/Level/oneOf")
        .and_then(Value::as_array)
        .expect("level variants in the schema")
        .iter()
        .filter_map(|variant| variant["const"].as_str().map(str::to_owned))
        .collect();
    assert_eq!(keys_of(&tables, "Levels", "level"), levels);
}
