//! Resolving a read policy (stage two of the pipeline): the built-in packs
//! of `extends` first, then the policy's own rules; rule ids unique across
//! all of them; `overrides` applied; the ids that `tests` name checked.
//!
//! What comes out is the effective rule list, each rule with its
//! [`RuleOrigin`], ready to compile.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;
use serde_json::{Map, Value};

use super::mentions::{self, MentionLists};
use super::model::{Expectation, Override, PolicyTest, RULE_KEYS};
use super::organization::Organization;
use super::packs;
use super::read::{ReadDepartment, ReadPolicy, Reader, RuleSource};
use crate::context::{Lang, Localized};
use crate::finding::{Category, Level};
use crate::problem::{did_you_mean, pointer, OverriddenKey, Problem, RuleOrigin};
use crate::template::{self, Template};

/// A rule after packs and overrides, as [`Policy::rules`](crate::Policy::rules) lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct RuleInfo {
    pub id: String,
    pub kind: String,
    pub category: Category,
    pub level: Level,
    pub overridable: bool,
    pub enabled: bool,
    /// Where the rule comes from: a pack name (`base`, `organization`) or
    /// `policy` for the policy's own rules.
    pub source: String,
    /// What the rule is for, in every language Postlint speaks (each picked
    /// like a finding's, so every language is present): the rule's
    /// explanation with `{organization}` and `{contact.<role>}` rendered as
    /// in findings and `{quote}`, `{replacement}` as "…".
    pub explanation: Localized,
    /// The contact role the rule's message or explanation names
    /// (`{contact.press}` → `press`), the first one found.
    pub contact: Option<String>,
}

/// A rule to compile, with where it came from.
#[derive(Clone, Debug)]
pub(crate) struct PendingRule {
    pub source: RuleSource,
    pub origin: RuleOrigin,
    /// Set by an override: per-hit levels no longer apply.
    pub level_fixed: bool,
    /// The departments the rule is in force in.
    pub departments: InDepartments,
}

/// Which departments a rule is in force in. Every department's overlay is
/// resolved and compiled once; the check's `department` picks among them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum InDepartments {
    /// Everywhere: a rule no department changes.
    All,
    /// In one department only: its own rule, or its variant of a rule.
    Only(String),
    /// Everywhere but these departments, which have their own variant.
    Except(Vec<String>),
}

impl InDepartments {
    /// Whether a rule is in force for a writer of `department` (`None`: no
    /// department, or one the policy does not define).
    pub fn include(&self, department: Option<&str>) -> bool {
        match self {
            InDepartments::All => true,
            InDepartments::Only(only) => department == Some(only.as_str()),
            InDepartments::Except(except) => {
                department.is_none_or(|department| !except.iter().any(|id| id == department))
            }
        }
    }
}

/// A policy with its packs and overrides applied.
#[derive(Clone, Debug)]
pub(crate) struct ResolvedPolicy {
    pub rules: Vec<PendingRule>,
    /// The rules in force without a department.
    pub infos: Vec<RuleInfo>,
    /// The rules in force in each department, by department id.
    pub department_infos: BTreeMap<String, Vec<RuleInfo>>,
    pub organization: Organization,
    pub fallback_language: Lang,
    pub tests: Vec<PolicyTest>,
    pub revision: Option<String>,
    /// The IANA time zone the hosts compute the check date in.
    pub timezone: String,
    /// The named mention lists `when` conditions can use.
    pub mentions: MentionLists,
}

/// Resolves `policy`, adding what is wrong to `problems`.
pub(crate) fn resolve(policy: ReadPolicy, problems: &mut Vec<Problem>) -> ResolvedPolicy {
    let fallback = policy.fallback_language;

    // Packs first, in `extends` order, then the policy's own rules.
    let mut rules: Vec<PendingRule> = Vec::new();
    let mut seen_packs = Vec::new();
    let mut extended = Vec::new();
    for (name, path) in &policy.extends {
        let Some(pack) = packs::find(name) else {
            let names = packs::PACKS.iter().map(|pack| pack.name);
            let problem = Problem::new(path.clone(), format!("unknown pack `{name}`"));
            problems.push(match did_you_mean(name, names.clone()) {
                Some(close) => problem.hint(format!("did you mean `{close}`?")),
                None => problem.hint(format!(
                    "built-in packs: {}",
                    names.collect::<Vec<_>>().join(", ")
                )),
            });
            continue;
        };
        if seen_packs.contains(&pack.name) {
            problems.push(Problem::new(
                path.clone(),
                format!("pack `{name}` is listed twice"),
            ));
            continue;
        }
        seen_packs.push(pack.name);
        if pack.needs_organization && policy.organization.is_none() {
            problems.push(
                Problem::new(
                    path.clone(),
                    format!("the `{name}` pack needs an `organization` section"),
                )
                .hint("add \"organization\": {\"name\": \"…\", …}"),
            );
            continue;
        }
        extended.push((pack, path.clone()));
        match packs::read(
            pack,
            fallback,
            policy
                .organization
                .as_ref()
                .unwrap_or(&Organization::default()),
        ) {
            Ok(pack_rules) => rules.extend(pack_rules.into_iter().map(|source| {
                PendingRule::new(source, Some((pack.name, path.clone())), InDepartments::All)
            })),
            Err(found) => problems.extend(
                found
                    .into_iter()
                    .map(|problem| problem.in_pack(pack.name, path)),
            ),
        }
    }
    rules.extend(
        policy
            .rules
            .into_iter()
            .map(|source| PendingRule::new(source, None, InDepartments::All)),
    );

    // Ids must be unique across packs and the policy, counting rules
    // that have other problems too.
    let mut first_use: HashMap<String, String> = HashMap::new();
    let pack_ids = rules.iter().filter_map(|rule| {
        let (pack, _) = rule.origin.pack.as_ref()?;
        Some((
            rule.source.id.as_str(),
            rule.source.path.as_str(),
            Some(*pack),
        ))
    });
    let own_ids = policy
        .rule_ids
        .iter()
        .map(|(id, path)| (id.as_str(), path.as_str(), None));
    let department_ids = policy.departments.iter().flat_map(|department| {
        department
            .rule_ids
            .iter()
            .map(|(id, path)| (id.as_str(), path.as_str(), None))
    });
    for (id, path, pack) in pack_ids.chain(own_ids).chain(department_ids) {
        match first_use.get(id) {
            Some(origin) => problems.push(
                Problem::new(pointer(path, "id"), format!("duplicate rule id `{id}`")).hint(
                    format!(
                    "it is already used by {origin}; use `overrides` to change an inherited rule"
                ),
                ),
            ),
            None => {
                let origin = match pack {
                    Some(pack) => format!("the `{pack}` pack"),
                    None => format!("the rule at {path}"),
                };
                first_use.insert(id.to_owned(), origin);
            }
        }
    }
    let known_ids: Vec<String> = first_use.into_keys().collect();
    let mut by_id: HashMap<String, usize> = HashMap::new();
    for (index, rule) in rules.iter().enumerate() {
        by_id.entry(rule.source.id.clone()).or_insert(index);
    }

    for (change, path) in &policy.overrides {
        let Some(&index) = by_id.get(&change.id) else {
            if !known_ids.contains(&change.id) {
                problems.push(unknown_rule(
                    &pointer(path, "id"),
                    &change.id,
                    known_ids.iter(),
                ));
            }
            continue;
        };
        apply_override(&mut rules[index], change, path, fallback, problems);
    }
    let department_names: Vec<String> = policy
        .departments
        .iter()
        .map(|department| department.id.clone())
        .collect();
    let department_rule_ids: Vec<String> = policy
        .departments
        .iter()
        .flat_map(|department| department.rule_ids.iter().map(|(id, _)| id.clone()))
        .collect();
    // Where each rule goes in evaluation order: a department's variant
    // right after the rule it changes, the departments' own rules last.
    let mut placement: Vec<usize> = (0..rules.len()).collect();
    for department in policy.departments {
        let ids = KnownIds {
            all: &known_ids,
            of_departments: &department_rule_ids,
        };
        overlay(
            department,
            &mut rules,
            &mut placement,
            &by_id,
            ids,
            fallback,
            problems,
        );
    }
    let mut order: Vec<usize> = (0..rules.len()).collect();
    order.sort_by_key(|&index| placement[index]);
    let mut slots: Vec<Option<PendingRule>> = rules.into_iter().map(Some).collect();
    let rules: Vec<PendingRule> = order
        .into_iter()
        .filter_map(|index| slots[index].take())
        .collect();

    let mut tests = Vec::with_capacity(policy.tests.len());
    for (test, path) in policy.tests {
        for (key, items) in [("expect", &test.expect), ("forbid", &test.forbid)] {
            for (index, item) in items.iter().enumerate() {
                let id = item.rule();
                if !known_ids.iter().any(|known| known == id) {
                    let mut id_path = pointer(&pointer(&path, key), &index.to_string());
                    if matches!(item, Expectation::Finding(_)) {
                        id_path = pointer(&id_path, "rule");
                    }
                    problems.push(unknown_rule(&id_path, id, known_ids.iter()));
                }
            }
        }
        if let Some(department) = &test.context.department {
            if !department_names.contains(department) {
                problems.push(unknown_department(
                    &pointer(&pointer(&path, "context"), "department"),
                    department,
                    &department_names,
                ));
            }
        }
        tests.push(test);
    }

    let mentions = mentions::resolve(&extended, policy.mentions, problems);
    let organization = policy.organization.unwrap_or_default();
    let infos_in = |department: Option<&str>| -> Vec<RuleInfo> {
        rules
            .iter()
            .filter(|rule| rule.departments.include(department))
            .map(|rule| rule.info(&organization, fallback))
            .collect()
    };
    let infos = infos_in(None);
    let department_infos = department_names
        .iter()
        .map(|id| (id.clone(), infos_in(Some(id))))
        .collect();

    ResolvedPolicy {
        rules,
        infos,
        department_infos,
        organization,
        fallback_language: fallback,
        tests,
        revision: policy.revision,
        timezone: policy
            .timezone
            .unwrap_or_else(|| super::timezone::DEFAULT.to_owned()),
        mentions,
    }
}

/// Adds a department's overlay to `rules`: its own rules, in force in the
/// department only, and its `overrides`. An override of one of the
/// policy's rules (`by_id`) changes a copy that is in force in the
/// department only, while the rule stays as it is everywhere else.
fn overlay(
    department: ReadDepartment,
    rules: &mut Vec<PendingRule>,
    placement: &mut Vec<usize>,
    by_id: &HashMap<String, usize>,
    ids: KnownIds<'_>,
    fallback: Lang,
    problems: &mut Vec<Problem>,
) {
    let ReadDepartment {
        id: name,
        rules: own,
        rule_ids,
        overrides,
        ..
    } = department;
    let mut changeable: HashMap<String, usize> = HashMap::new();
    for source in own {
        changeable.entry(source.id.clone()).or_insert(rules.len());
        placement.push(usize::MAX);
        rules.push(PendingRule::new(
            source,
            None,
            InDepartments::Only(name.clone()),
        ));
    }
    for (change, path) in &overrides {
        let index = match (changeable.get(&change.id), by_id.get(&change.id)) {
            (Some(&index), _) => index,
            (None, Some(&original)) => {
                let mut variant = rules[original].clone();
                variant.departments = InDepartments::Only(name.clone());
                match &mut rules[original].departments {
                    InDepartments::Except(except) => except.push(name.clone()),
                    other => *other = InDepartments::Except(vec![name.clone()]),
                }
                rules.push(variant);
                placement.push(original);
                changeable.insert(change.id.clone(), rules.len() - 1);
                rules.len() - 1
            }
            (None, None) => {
                let id_path = pointer(path, "id");
                let own = rule_ids.iter().any(|(id, _)| *id == change.id);
                if ids.of_departments.contains(&change.id) && !own {
                    problems.push(
                        Problem::new(
                            id_path,
                            format!("`{}` is another department's rule", change.id),
                        )
                        .hint("a department changes the policy's rules and its own"),
                    );
                } else if !ids.all.contains(&change.id) {
                    problems.push(unknown_rule(&id_path, &change.id, ids.all.iter()));
                }
                // Otherwise the rule has problems of its own, reported there.
                continue;
            }
        };
        apply_override(&mut rules[index], change, path, fallback, problems);
    }
}

/// The rule ids of a policy, for an override's unknown id.
#[derive(Clone, Copy)]
struct KnownIds<'i> {
    /// Every rule's, including rules with problems.
    all: &'i [String],
    /// Those of the departments' own rules.
    of_departments: &'i [String],
}

/// A `department` that the policy's `departments` do not define.
fn unknown_department(path: &str, id: &str, known: &[String]) -> Problem {
    let problem = Problem::new(path, format!("no department has the id `{id}`"));
    match did_you_mean(id, known.iter().map(String::as_str)) {
        Some(close) => problem.hint(format!("did you mean `{close}`?")),
        None if known.is_empty() => problem.hint("the policy defines no `departments`"),
        None => problem.hint(format!("the policy's departments: {}", known.join(", "))),
    }
}

/// What an `overrides` entry does to a key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Operation {
    Set,
    Add,
    Remove,
}

impl Operation {
    fn name(self) -> &'static str {
        match self {
            Operation::Set => "set",
            Operation::Add => "add",
            Operation::Remove => "remove",
        }
    }
}

/// One change to one key, with where the override writes it.
struct Edit<'o> {
    key: &'o str,
    operation: Operation,
    value: Value,
    path: String,
}

/// Keys an override may not change: they say which rule it is.
const FIXED_KEYS: [&str; 2] = ["id", "kind"];

/// A `remove` hint shows a list of up to this many items; a longer one is
/// for `postlint rules --show`.
const HINT_ITEMS: usize = 30;

/// Applies one `overrides` entry to `rule`. The change is made to the
/// rule's JSON (common keys and kind keys alike, without knowing their
/// types), and the changed rule is read again by the one reader, so every
/// value is checked as in a rule. Problems in changed keys, now and when
/// compiling, are reported where the override writes them.
fn apply_override(
    rule: &mut PendingRule,
    change: &Override,
    path: &str,
    fallback: Lang,
    problems: &mut Vec<Problem>,
) {
    let edits = edits(change, path);
    let kind_keys = rule.source.kind.keys();
    let defaults = kind_defaults(rule.source.kind);
    let mut json = rule.source.common.clone();
    json.extend(rule.source.params.clone());
    let mut overridden = rule.origin.overridden.clone();
    let before = problems.len();
    for edit in &edits {
        if FIXED_KEYS.contains(&edit.key) {
            problems.push(
                Problem::new(
                    edit.path.clone(),
                    format!("an override cannot change `{}`", edit.key),
                )
                .hint("switch the rule off and write a rule of your own instead"),
            );
            continue;
        }
        let changeable = RULE_KEYS
            .iter()
            .copied()
            .filter(|key| !FIXED_KEYS.contains(key))
            .chain(kind_keys.iter().map(String::as_str));
        if !changeable.clone().any(|key| key == edit.key) {
            let parent = &edit.path[..edit.path.len() - pointer("", edit.key).len()];
            problems.push(Problem::unknown_key(parent, edit.key, changeable));
            continue;
        }
        let current = json
            .get(edit.key)
            .filter(|value| !value.is_null())
            .or_else(|| defaults.get(edit.key))
            .cloned();
        let mut items: Vec<Option<String>> = match overridden
            .iter()
            .find(|key| key.key == pointer("", edit.key))
        {
            Some(earlier) => earlier.items.clone(),
            None => match &current {
                Some(Value::Array(list)) => vec![None; list.len()],
                _ => Vec::new(),
            },
        };
        let new_value = match edit.operation {
            Operation::Set => {
                items = match &edit.value {
                    Value::Array(list) => (0..list.len())
                        .map(|index| Some(pointer(&edit.path, &index.to_string())))
                        .collect(),
                    _ => Vec::new(),
                };
                edit.value.clone()
            }
            Operation::Add | Operation::Remove => {
                match list_edit(&rule.source.id, edit, current, &mut items) {
                    Ok(list) => Value::Array(list),
                    Err(found) => {
                        problems.extend(found);
                        continue;
                    }
                }
            }
        };
        json.insert(edit.key.to_owned(), new_value);
        overridden.retain(|key| key.key != pointer("", edit.key));
        overridden.push(OverriddenKey {
            key: pointer("", edit.key),
            path: edit.path.clone(),
            items,
        });
    }
    if problems.len() != before {
        return;
    }
    let origin = RuleOrigin {
        overridden,
        ..rule.origin.clone()
    };
    let mut reader = Reader::default();
    let mut value = Value::Object(json);
    let read = reader.rule(&mut value, &rule.source.path, fallback);
    problems.extend(reader.problems.into_iter().map(|mut problem| {
        if let Some(relative) = problem.path.strip_prefix(rule.source.path.as_str()) {
            problem.path = relative.to_owned();
        }
        origin.locate(problem)
    }));
    match read {
        Some(source) => rule.source = source,
        // Its kind keys are still compiled, for their problems.
        None => {
            if let Some(unchecked) = reader.unchecked.pop() {
                rule.source.params = unchecked.params;
            }
        }
    }
    rule.origin = origin;
    // `"level": null` restores the rule's own level, and with it the terms'.
    if edits
        .iter()
        .any(|edit| edit.key == "level" && !edit.value.is_null())
    {
        rule.level_fixed = true;
    }
}

/// The changes an override makes, in order: its `enabled`, `level` and
/// `overridable`, then `set`, `add` and `remove`.
fn edits<'o>(change: &'o Override, path: &str) -> Vec<Edit<'o>> {
    let shorthands = [
        ("enabled", change.enabled.map(Value::Bool)),
        (
            "level",
            change
                .level
                .and_then(|level| serde_json::to_value(level).ok()),
        ),
        ("overridable", change.overridable.map(Value::Bool)),
    ];
    let mut edits: Vec<Edit<'o>> = shorthands
        .into_iter()
        .filter_map(|(key, value)| {
            Some(Edit {
                key,
                operation: Operation::Set,
                value: value?,
                path: pointer(path, key),
            })
        })
        .collect();
    for (operation, keys) in [
        (Operation::Set, &change.set),
        (Operation::Add, &change.add),
        (Operation::Remove, &change.remove),
    ] {
        let operation_path = pointer(path, operation.name());
        for (key, value) in keys.iter().flatten() {
            edits.push(Edit {
                key,
                operation,
                value: value.clone(),
                path: pointer(&operation_path, key),
            });
        }
    }
    edits
}

/// `add` or `remove` on a list key whose value is `current`, keeping
/// `items` (where each item was written) in step.
fn list_edit(
    id: &str,
    edit: &Edit<'_>,
    current: Option<Value>,
    items: &mut Vec<Option<String>>,
) -> Result<Vec<Value>, Vec<Problem>> {
    let operation = edit.operation.name();
    let key = edit.key;
    let Value::Array(changes) = &edit.value else {
        return Err(vec![Problem::new(
            edit.path.clone(),
            format!(
                "expected a list of items to {operation}, found {}",
                type_name(&edit.value)
            ),
        )
        .hint(format!("write \"{key}\": [ … ]"))]);
    };
    let mut list = match current {
        Some(Value::Array(list)) => list,
        Some(other) => {
            return Err(vec![Problem::new(
                edit.path.clone(),
                format!(
                    "`{operation}` works on lists, and `{key}` is {}",
                    type_name(&other)
                ),
            )
            .hint(format!("use \"set\": {{\"{key}\": …}} to replace it"))])
        }
        None => {
            return Err(vec![Problem::new(
                edit.path.clone(),
                format!("`{key}` is not set on `{id}`, so there is no list to {operation}"),
            )
            .hint(format!(
                "use \"set\": {{\"{key}\": [ … ]}} to give the whole list"
            ))])
        }
    };
    items.resize(list.len(), None);
    if edit.operation == Operation::Add {
        list.extend(changes.iter().cloned());
        items.extend((0..changes.len()).map(|index| Some(pointer(&edit.path, &index.to_string()))));
        return Ok(list);
    }
    let mut problems = Vec::new();
    for (index, item) in changes.iter().enumerate() {
        if !list.contains(item) {
            problems.push(missing_item(
                id,
                key,
                item,
                &list,
                &pointer(&edit.path, &index.to_string()),
            ));
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut kept_items = items.iter().cloned();
    let (kept, kept_origins): (Vec<Value>, Vec<Option<String>>) = list
        .into_iter()
        .map(|item| (item, kept_items.next().flatten()))
        .filter(|(item, _)| !changes.contains(item))
        .unzip();
    *items = kept_origins;
    Ok(kept)
}

/// `remove` names an item the list does not hold.
fn missing_item(id: &str, key: &str, item: &Value, list: &[Value], path: &str) -> Problem {
    let problem = Problem::new(path, format!("`{key}` of `{id}` has no item {item}"));
    let strings = list.iter().filter_map(Value::as_str);
    if let Some(close) = item.as_str().and_then(|item| did_you_mean(item, strings)) {
        return problem.hint(format!("did you mean \"{close}\"?"));
    }
    if list.len() <= HINT_ITEMS {
        let shown: Vec<String> = list.iter().map(Value::to_string).collect();
        problem.hint(format!("its items: {}", shown.join(", ")))
    } else {
        problem.hint(format!("see `postlint rules --show {id}` for its items"))
    }
}

fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// The defaults of the common keys that have a list or value when left
/// out, and of the kind's keys (from its schema, through `kinds.json`).
fn kind_defaults(kind: &crate::rules::KindEntry) -> Map<String, Value> {
    let mut defaults = kind.defaults();
    defaults.insert("exceptions".to_owned(), Value::Array(Vec::new()));
    defaults.insert("level".to_owned(), Value::String("warn".to_owned()));
    defaults.insert("enabled".to_owned(), Value::Bool(true));
    defaults.insert("overridable".to_owned(), Value::Bool(true));
    defaults
}

impl PendingRule {
    /// A rule as read, before any override: from `pack` (its name and the
    /// `extends` entry's pointer), or the policy's own when `None`.
    fn new(
        source: RuleSource,
        pack: Option<(&'static str, String)>,
        departments: InDepartments,
    ) -> Self {
        PendingRule {
            origin: RuleOrigin {
                path: source.path.clone(),
                pack,
                overridden: Vec::new(),
            },
            source,
            level_fixed: false,
            departments,
        }
    }

    /// The rule in force as JSON: every key, defaults filled in (default
    /// lists in full), messages and explanation in every language, and its
    /// source pack.
    pub(crate) fn effective(&self, fallback: Lang) -> Value {
        let source = &self.source;
        let mut rule = kind_defaults(source.kind);
        for key in ["link", "platforms", "surfaces", "fields", "active", "when"] {
            rule.insert(key.to_owned(), Value::Null);
        }
        rule.extend(source.common.clone());
        rule.extend(source.params.clone());
        let every_language = |text: &Localized| {
            Localized(
                Lang::ALL
                    .into_iter()
                    .filter_map(|lang| Some((lang, text.pick(lang, fallback)?.to_owned())))
                    .collect(),
            )
        };
        let typed = [
            ("level", serde_json::to_value(source.level)),
            ("category", serde_json::to_value(source.category)),
            (
                "message",
                serde_json::to_value(every_language(&source.message)),
            ),
            (
                "explanation",
                serde_json::to_value(every_language(&source.explanation)),
            ),
        ];
        for (key, value) in typed {
            if let Ok(value) = value {
                rule.insert(key.to_owned(), value);
            }
        }
        rule.insert("enabled".to_owned(), Value::Bool(source.enabled));
        rule.insert("overridable".to_owned(), Value::Bool(source.overridable));
        rule.insert(
            "source".to_owned(),
            Value::String(self.source_name().to_owned()),
        );
        Value::Object(rule)
    }

    /// The rule as the rule list shows it.
    fn info(&self, organization: &Organization, fallback: Lang) -> RuleInfo {
        let source = &self.source;
        RuleInfo {
            id: source.id.clone(),
            kind: source.kind.name.to_owned(),
            category: source.category,
            level: source.level,
            overridable: source.overridable,
            enabled: source.enabled,
            source: self.source_name().to_owned(),
            explanation: explain(&source.explanation, organization, fallback),
            contact: [&source.message, &source.explanation]
                .into_iter()
                .flat_map(|text| text.0.values())
                .find_map(|source| template::contact_role(source))
                .map(str::to_owned),
        }
    }

    /// A pack name, or `policy` for the policy's own rules.
    fn source_name(&self) -> &'static str {
        self.origin.pack.as_ref().map_or("policy", |(pack, _)| pack)
    }
}

/// `explanation` for the rule list: each language's text picked as for a
/// finding and rendered without a hit. A text that does not parse stays as
/// written; compiling reports it.
fn explain(explanation: &Localized, organization: &Organization, fallback: Lang) -> Localized {
    Localized(
        Lang::ALL
            .into_iter()
            .filter_map(|lang| {
                let source = explanation.pick(lang, fallback)?;
                let text = Template::parse(source, lang, organization).map_or_else(
                    |_| source.to_owned(),
                    |template| template.render(Some(ELLIPSIS), Some(ELLIPSIS)),
                );
                Some((lang, text))
            })
            .collect(),
    )
}

/// What `{quote}` and `{replacement}` read as where there is no hit.
const ELLIPSIS: &str = "…";

fn unknown_rule<'k>(
    path: &str,
    id: &str,
    known: impl Iterator<Item = &'k String> + Clone,
) -> Problem {
    let problem = Problem::new(path, format!("no rule has the id `{id}`"));
    match did_you_mean(id, known.map(String::as_str)) {
        Some(close) => problem.hint(format!("did you mean `{close}`?")),
        None => problem.hint("see `postlint rules` for the effective rule ids"),
    }
}
