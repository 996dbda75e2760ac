//! Reading a policy document from JSON, collecting every problem.
//!
//! Hand-written on top of serde rather than one `#[derive(Deserialize)]`
//! because serde stops at the first error, and an admin fixing a policy
//! wants all of them at once, each with its JSON path. Small values (dates,
//! languages, the organization section, kind parameters) still go through
//! serde, one value at a time, so each of them reports its own problem.

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use super::model::{
    is_department_id, Active, Condition, Expectation, MentionListSource, Override, PolicyTest,
    TermItem, DEPARTMENT_KEYS, MAX_DEPARTMENT_ID, PACK_KEYS, POLICY_KEYS, RULE_KEYS, TEST_KEYS,
};
use super::organization::{Campaign, Contact, Organization, ORGANIZATION_LISTS};
use super::timezone;
use crate::context::{CheckContext, Field, Lang, Localized, Platform, Surface};
use crate::finding::{Category, Level};
use crate::limits::{MAX_DEPARTMENTS, MAX_RULES};
use crate::problem::{pointer, Problem};
use crate::rules;

/// A rule as read: common keys checked, kind parameters still raw.
#[derive(Clone, Debug)]
pub(crate) struct RuleSource {
    pub id: String,
    pub kind: &'static rules::KindEntry,
    pub category: Category,
    pub level: Level,
    pub overridable: bool,
    pub enabled: bool,
    pub message: Localized,
    pub explanation: Localized,
    pub link: Option<String>,
    pub platforms: Option<Vec<Platform>>,
    pub surfaces: Option<Vec<Surface>>,
    pub fields: Option<Vec<Field>>,
    pub active: Option<Active>,
    pub exceptions: Vec<TermItem>,
    pub when: Option<Condition>,
    /// The kind's own keys.
    pub params: Map<String, Value>,
    /// The common keys as written, for `overrides` to edit and the
    /// effective rule to show.
    pub common: Map<String, Value>,
    /// JSON pointer of the rule in its document.
    pub path: String,
}

/// A rule whose common keys have problems. Compiling it anyway (the
/// compile stage does, see [`crate::compile::unchecked_problems`]) reports
/// its kind's and its messages' problems in the same run.
#[derive(Debug)]
pub(crate) struct UncheckedRule {
    pub kind: Option<&'static rules::KindEntry>,
    pub params: Map<String, Value>,
    pub message: Localized,
    pub explanation: Localized,
    /// Without a known kind: the keys no kind knows, relative to the rule.
    pub unknown_keys: Vec<Problem>,
    /// JSON pointer of the rule in its document.
    pub path: String,
    /// Where its problems go in [`ReadPolicy::problems`]: right after the
    /// rule's own, so that they read in document order.
    pub at: usize,
}

/// A department of `departments` as read.
#[derive(Debug)]
pub(crate) struct ReadDepartment {
    pub id: String,
    pub rules: Vec<RuleSource>,
    /// The id and path of every rule with a readable id (see
    /// [`ReadPolicy::rule_ids`]).
    pub rule_ids: Vec<(String, String)>,
    pub overrides: Vec<(Override, String)>,
}

/// A policy document as read.
#[derive(Debug)]
pub(crate) struct ReadPolicy {
    pub revision: Option<String>,
    pub fallback_language: Lang,
    pub organization: Option<Organization>,
    /// The IANA time zone (`timezone`), if valid.
    pub timezone: Option<String>,
    /// The policy's `mentions` entries, each with its path.
    pub mentions: Vec<(String, MentionListSource, String)>,
    /// Pack names with their paths.
    pub extends: Vec<(String, String)>,
    pub rules: Vec<RuleSource>,
    pub overrides: Vec<(Override, String)>,
    /// The departments, in id order.
    pub departments: Vec<ReadDepartment>,
    /// Tests with their paths.
    pub tests: Vec<(PolicyTest, String)>,
    /// The id and path of every rule that has a readable id, including
    /// rules with other problems (for duplicate and unknown-id checks).
    pub rule_ids: Vec<(String, String)>,
    /// Every problem found, each with its JSON path.
    pub problems: Vec<Problem>,
    /// The rules left out for problems in their common keys.
    pub unchecked: Vec<UncheckedRule>,
}

/// Reads a policy document (stage one of the pipeline). The rules' kind
/// keys are moved out of `value`, not copied.
pub(crate) fn read_policy(value: &mut Value) -> ReadPolicy {
    let mut reader = Reader::default();
    let mut policy = reader.policy(value);
    policy.problems = reader.problems;
    policy.unchecked = reader.unchecked;
    policy
}

/// Collects problems while reading.
#[derive(Debug, Default)]
pub(crate) struct Reader {
    pub problems: Vec<Problem>,
    /// Ids (with paths) of the rules read so far.
    rule_ids: Vec<(String, String)>,
    /// Rules with problems in their common keys, for the compile stage.
    pub unchecked: Vec<UncheckedRule>,
}

impl Reader {
    /// Reads a policy document. The rules' kind keys are moved out of
    /// `value`, not copied: with a long term list they are megabytes.
    pub fn policy(&mut self, value: &mut Value) -> ReadPolicy {
        let mut policy = ReadPolicy {
            revision: None,
            fallback_language: Lang::En,
            organization: None,
            timezone: None,
            mentions: Vec::new(),
            extends: Vec::new(),
            rules: Vec::new(),
            overrides: Vec::new(),
            departments: Vec::new(),
            tests: Vec::new(),
            rule_ids: Vec::new(),
            problems: Vec::new(),
            unchecked: Vec::new(),
        };
        let Some(document) = self.object(value, "") else {
            return policy;
        };
        self.known_keys(document, "", &POLICY_KEYS);
        match document.get("version") {
            None => self
                .problems
                .push(Problem::new("", "missing key `version`").hint("add \"version\": 1")),
            Some(version) if version.as_u64() == Some(1) => {}
            Some(_) => self.problems.push(
                Problem::new(
                    "/version",
                    "unsupported version; this Postlint reads version 1",
                )
                .hint("set \"version\": 1"),
            ),
        }
        // Only for editors; the engine needs nothing from it.
        let _schema: Option<String> = self.optional(document, "", "$schema");
        policy.revision = self.optional(document, "", "revision");
        if let Some(lang) = self.optional(document, "", "fallback_language") {
            policy.fallback_language = lang;
        }
        policy.organization = document
            .get("organization")
            .filter(|value| !value.is_null())
            .and_then(|value| self.organization(value, "/organization"));
        if let Some(organization) = &policy.organization {
            if organization.name.trim().is_empty() {
                self.problems.push(
                    Problem::new("/organization/name", "the organization name is empty")
                        .hint("write the name as the company spells it, e.g. \"Acme\""),
                );
            }
            self.problems
                .extend(organization_link_problems(organization));
        }
        let timezone: Option<String> = self.optional(document, "", "timezone");
        if let Some(name) = timezone {
            match timezone::problem(&name, "/timezone") {
                Some(problem) => self.problems.push(problem),
                None => policy.timezone = Some(name),
            }
        }
        policy.mentions = self.mention_lists(document, true);
        for (index, item) in self.array(document, "", "extends") {
            let path = pointer("/extends", &index.to_string());
            if let Some(name) = self.typed::<String>(item, &path, &[]) {
                policy.extends.push((name, path));
            }
        }
        if let Some(document) = value.as_object_mut() {
            policy.rules = self.rules(document, "", policy.fallback_language);
        }
        policy.rule_ids = std::mem::take(&mut self.rule_ids);
        let Some(document) = value.as_object() else {
            return policy;
        };
        for (index, item) in self.array(document, "", "overrides") {
            let path = pointer("/overrides", &index.to_string());
            if let Some(change) = self.typed::<Override>(item, &path, &[]) {
                policy.overrides.push((change, path));
            }
        }
        for (index, item) in self.array(document, "", "tests") {
            let path = pointer("/tests", &index.to_string());
            if let Some(test) = self.test(item, &path) {
                policy.tests.push((test, path));
            }
        }
        if let Some(document) = value.as_object_mut() {
            policy.departments = self.departments(document, policy.fallback_language);
        }
        policy
    }

    /// Reads `departments`: each department's rules (its kind keys moved
    /// out of `document`, as for the policy's rules) and overrides.
    fn departments(
        &mut self,
        document: &mut Map<String, Value>,
        fallback: Lang,
    ) -> Vec<ReadDepartment> {
        let mut read = Vec::new();
        let departments = match document.get_mut("departments") {
            None | Some(Value::Null) => return read,
            Some(Value::Object(departments)) => departments,
            Some(other) => {
                self.problems.push(
                    Problem::new(
                        "/departments",
                        format!("expected an object of departments, found {}", type_name(other)),
                    )
                    .hint("e.g. \"departments\": {\"sales\": {\"rules\": [...], \"overrides\": [...]}}"),
                );
                return read;
            }
        };
        for (index, (id, department)) in departments.iter_mut().enumerate() {
            let path = pointer("/departments", id);
            if index == MAX_DEPARTMENTS {
                self.problems.push(
                    Problem::new(
                        path,
                        format!("a policy may define at most {MAX_DEPARTMENTS} departments"),
                    )
                    .hint("departments with the same guideline can share one id"),
                );
                break;
            }
            if !is_department_id(id) {
                let hint = format!(
                    "use 1 to {MAX_DEPARTMENT_ID} letters, digits, `-` and `_`, e.g. `sales`"
                );
                self.problems.push(
                    Problem::new(path.clone(), format!("`{id}` is not a department id")).hint(hint),
                );
            }
            let Some(object) = self.object(department, &path) else {
                continue;
            };
            self.known_keys(object, &path, &DEPARTMENT_KEYS);
            let mut overrides = Vec::new();
            for (index, item) in self.array(object, &path, "overrides") {
                let override_path = pointer(&pointer(&path, "overrides"), &index.to_string());
                if let Some(change) = self.typed::<Override>(item, &override_path, &[]) {
                    overrides.push((change, override_path));
                }
            }
            let rules = match department.as_object_mut() {
                Some(object) => self.rules(object, &path, fallback),
                None => Vec::new(),
            };
            read.push(ReadDepartment {
                id: id.clone(),
                rules,
                rule_ids: std::mem::take(&mut self.rule_ids),
                overrides,
            });
        }
        read
    }

    /// Reads a built-in pack file: `{"description": "…", "rules": [...]}`.
    pub fn pack(&mut self, value: &mut Value, fallback: Lang) -> Vec<RuleSource> {
        let Some(document) = self.object(value, "") else {
            return Vec::new();
        };
        self.known_keys(document, "", &PACK_KEYS);
        let _: Option<String> = self.optional(document, "", "description");
        match value.as_object_mut() {
            Some(document) => self.rules(document, "", fallback),
            None => Vec::new(),
        }
    }

    /// Reads the `mentions` object of a document (see
    /// [`super::mentions`]): each entry with its
    /// path. Pack files may only define lists; `allow_changes` is for policies.
    pub fn mention_lists(
        &mut self,
        document: &Map<String, Value>,
        allow_changes: bool,
    ) -> Vec<(String, MentionListSource, String)> {
        let mut lists = Vec::new();
        let Some(value) = document.get("mentions").filter(|value| !value.is_null()) else {
            return lists;
        };
        let Some(object) = value.as_object() else {
            self.problems.push(
                Problem::new("/mentions", "expected an object of named mention lists")
                    .hint("e.g. \"mentions\": {\"project\": [\"Kickoff\", \"Sprint\"]}"),
            );
            return lists;
        };
        for (name, value) in object {
            let path = pointer("/mentions", name);
            let source = match value {
                Value::Array(_) => self.typed(value, &path, &[]).map(MentionListSource::Own),
                Value::Object(_) if allow_changes => {
                    self.typed(value, &path, &[]).map(MentionListSource::Change)
                }
                _ => {
                    let expected = if allow_changes {
                        "an array of terms (a list of your own) or {\"add\": [...], \"remove\": [...]} (changes to a pack's list)"
                    } else {
                        "an array of terms"
                    };
                    self.problems
                        .push(Problem::new(path, format!("expected {expected}")));
                    None
                }
            };
            if let Some(source) = source {
                lists.push((name.clone(), source, pointer("/mentions", name)));
            }
        }
        lists
    }

    fn rules(
        &mut self,
        document: &mut Map<String, Value>,
        base: &str,
        fallback: Lang,
    ) -> Vec<RuleSource> {
        let mut rules = Vec::new();
        let items = match document.get_mut("rules") {
            Some(Value::Array(items)) => items,
            Some(other) => {
                self.problems.push(Problem::new(
                    pointer(base, "rules"),
                    format!("expected an array, found {}", type_name(other)),
                ));
                return rules;
            }
            None => return rules,
        };
        for (index, item) in items.iter_mut().enumerate() {
            let path = pointer(&pointer(base, "rules"), &index.to_string());
            if index == MAX_RULES {
                self.problems.push(
                    Problem::new(
                        path,
                        format!("a policy may define at most {MAX_RULES} rules"),
                    )
                    .hint("merge rules of the same kind and category into one"),
                );
                break;
            }
            if let Some(rule) = self.rule(item, &path, fallback) {
                rules.push(rule);
            }
        }
        rules
    }

    /// Reads one rule; `None` when its common keys have problems (the rule
    /// is then set aside for the compile stage, see [`UncheckedRule`]).
    pub fn rule(&mut self, value: &mut Value, path: &str, fallback: Lang) -> Option<RuleSource> {
        self.object(value, path)?;
        // The kind's own keys move out; the common keys stay to be read.
        let params: Map<String, Value> = match value {
            Value::Object(rule) => {
                let (common, params) = std::mem::take(rule)
                    .into_iter()
                    .partition(|(key, _)| RULE_KEYS.contains(&key.as_str()));
                *rule = common;
                params
            }
            _ => Map::new(),
        };
        let rule = value.as_object()?;
        let before = self.problems.len();
        let id: Option<String> = self.required(rule, path, "id");
        if let Some(id) = &id {
            self.rule_ids.push((id.clone(), path.to_owned()));
            if id.trim().is_empty() || id.chars().any(char::is_whitespace) {
                self.problems.push(
                    Problem::new(
                        pointer(path, "id"),
                        "a rule id must be non-empty and without spaces",
                    )
                    .hint("use dotted names such as `acme.codenames`"),
                );
            }
        }
        let kind_name: Option<String> = self.required(rule, path, "kind");
        let kind = kind_name.and_then(|name| {
            let found = rules::kind(&name);
            if found.is_none() {
                let names = rules::KINDS.iter().map(|kind| kind.name);
                let problem =
                    Problem::new(pointer(path, "kind"), format!("unknown rule kind `{name}`"));
                self.problems
                    .push(match crate::problem::did_you_mean(&name, names.clone()) {
                        Some(close) => problem.hint(format!("did you mean `{close}`?")),
                        None => problem.hint(format!(
                            "known kinds: {}",
                            names.collect::<Vec<_>>().join(", ")
                        )),
                    });
            }
            found
        });
        let category: Option<Category> = self.required(rule, path, "category");
        let level = self.optional(rule, path, "level").unwrap_or(Level::Warn);
        let overridable = self.optional(rule, path, "overridable").unwrap_or(true);
        let enabled = self.optional(rule, path, "enabled").unwrap_or(true);
        let message = self.localized(rule, path, "message", fallback);
        let explanation = self.localized(rule, path, "explanation", fallback);
        let link: Option<String> = self.optional(rule, path, "link");
        if let Some(link) = &link {
            self.problems
                .extend(https_url_problem(&pointer(path, "link"), link));
        }
        let platforms = self.non_empty_list(rule, path, "platforms");
        let surfaces = self.non_empty_list(rule, path, "surfaces");
        let fields = self.non_empty_list(rule, path, "fields");
        let active: Option<Active> = self.optional(rule, path, "active");
        if let Some(Active {
            from: Some(from),
            until: Some(until),
        }) = active
        {
            if until < from {
                self.problems.push(
                    Problem::new(
                        pointer(&pointer(path, "active"), "until"),
                        format!("`until` ({until}) is before `from` ({from})"),
                    )
                    .hint("swap the dates or fix the year"),
                );
            }
        }
        let exceptions: Vec<TermItem> = self.optional(rule, path, "exceptions").unwrap_or_default();
        for (index, exception) in exceptions.iter().enumerate() {
            let written = match exception {
                TermItem::Plain(term) => Some(term),
                TermItem::Term(spec) => Some(&spec.term),
                TermItem::Organization(_) => None,
            };
            if written.is_some_and(|term| term.trim().is_empty()) {
                self.problems.push(Problem::new(
                    pointer(&pointer(path, "exceptions"), &index.to_string()),
                    "an empty exception can never match",
                ));
            }
        }
        let when = self.optional(rule, path, "when");
        if self.problems.len() != before {
            self.defer(kind, params, message, explanation, path);
            return None;
        }
        Some(RuleSource {
            id: id?,
            kind: kind?,
            category: category?,
            level,
            overridable,
            enabled,
            message,
            explanation,
            link,
            platforms,
            surfaces,
            fields,
            active,
            exceptions,
            when,
            params,
            common: rule.clone(),
            path: path.to_owned(),
        })
    }

    /// Sets a rule with problems in its common keys aside for the compile
    /// stage. Without a known kind, reports the keys no kind knows.
    fn defer(
        &mut self,
        kind: Option<&'static rules::KindEntry>,
        params: Map<String, Value>,
        message: Localized,
        explanation: Localized,
        path: &str,
    ) {
        let mut unknown_keys = Vec::new();
        if kind.is_none() {
            let kind_keys: Vec<String> = rules::KINDS
                .iter()
                .flat_map(|kind| kind.keys().iter().cloned())
                .collect();
            let known = RULE_KEYS
                .iter()
                .copied()
                .chain(kind_keys.iter().map(String::as_str));
            for key in params.keys().filter(|key| !kind_keys.contains(key)) {
                unknown_keys.push(Problem::unknown_key("", key, known.clone()));
            }
        }
        self.unchecked.push(UncheckedRule {
            kind,
            params: if kind.is_some() { params } else { Map::new() },
            message,
            explanation,
            unknown_keys,
            path: path.to_owned(),
            at: self.problems.len(),
        });
    }

    fn localized(
        &mut self,
        rule: &Map<String, Value>,
        path: &str,
        key: &str,
        fallback: Lang,
    ) -> Localized {
        let Some(text) = self.required::<Localized>(rule, path, key) else {
            return Localized::default();
        };
        let key_path = pointer(path, key);
        if !text.0.contains_key(&fallback) {
            let code = fallback.code();
            self.problems.push(
                Problem::new(
                    key_path.clone(),
                    format!("no `{code}` text, and `{code}` is the fallback language"),
                )
                .hint(format!("add \"{code}\": \"…\"")),
            );
        }
        for (lang, value) in &text.0 {
            if value.trim().is_empty() {
                self.problems.push(Problem::new(
                    pointer(&key_path, lang.code()),
                    "the text is empty",
                ));
            }
        }
        text
    }

    fn non_empty_list<T: DeserializeOwned>(
        &mut self,
        rule: &Map<String, Value>,
        path: &str,
        key: &str,
    ) -> Option<Vec<T>> {
        let list: Vec<T> = self.optional_list(rule, path, key)?;
        if list.is_empty() {
            self.problems.push(
                Problem::new(
                    pointer(path, key),
                    format!("an empty `{key}` list means the rule never runs"),
                )
                .hint(format!("remove `{key}` to run everywhere")),
            );
        }
        Some(list)
    }

    /// The value must be an object.
    fn object<'v>(&mut self, value: &'v Value, path: &str) -> Option<&'v Map<String, Value>> {
        let object = value.as_object();
        if object.is_none() {
            self.problems.push(Problem::new(
                path,
                format!("expected an object, found {}", type_name(value)),
            ));
        }
        object
    }

    fn known_keys(&mut self, object: &Map<String, Value>, path: &str, known: &[&str]) {
        for key in object.keys() {
            if !known.contains(&key.as_str()) {
                self.problems
                    .push(Problem::unknown_key(path, key, known.iter().copied()));
            }
        }
    }

    /// The items of an optional array, with problems for a non-array.
    fn array<'v>(
        &mut self,
        object: &'v Map<String, Value>,
        path: &str,
        key: &str,
    ) -> std::iter::Enumerate<std::slice::Iter<'v, Value>> {
        match object.get(key) {
            Some(Value::Array(items)) => items.iter().enumerate(),
            Some(other) => {
                self.problems.push(Problem::new(
                    pointer(path, key),
                    format!("expected an array, found {}", type_name(other)),
                ));
                [].iter().enumerate()
            }
            None => [].iter().enumerate(),
        }
    }

    fn required<T: DeserializeOwned>(
        &mut self,
        object: &Map<String, Value>,
        path: &str,
        key: &str,
    ) -> Option<T> {
        match object.get(key) {
            None => {
                self.problems
                    .push(Problem::new(path, format!("missing key `{key}`")));
                None
            }
            // Without this, `"id": null` would drop the rule silently.
            Some(Value::Null) => {
                self.problems.push(Problem::new(
                    pointer(path, key),
                    format!("`{key}` is required and cannot be null"),
                ));
                None
            }
            Some(_) => self.optional(object, path, key),
        }
    }

    fn optional<T: DeserializeOwned>(
        &mut self,
        object: &Map<String, Value>,
        path: &str,
        key: &str,
    ) -> Option<T> {
        let value = object.get(key)?;
        if value.is_null() {
            return None;
        }
        self.typed(value, &pointer(path, key), &[])
    }

    /// An optional list, each item deserialized on its own so that every
    /// bad item is reported with its own path (serde stops at the first).
    fn optional_list<T: DeserializeOwned>(
        &mut self,
        object: &Map<String, Value>,
        path: &str,
        key: &str,
    ) -> Option<Vec<T>> {
        let value = object.get(key)?;
        if value.is_null() {
            return None;
        }
        self.typed_list(value, &pointer(path, key))
    }

    /// A list read item by item; `None` if any item has a problem.
    fn typed_list<T: DeserializeOwned>(&mut self, value: &Value, path: &str) -> Option<Vec<T>> {
        let Value::Array(items) = value else {
            return self.typed(value, path, &[]);
        };
        let before = self.problems.len();
        let list: Vec<T> = items
            .iter()
            .enumerate()
            .filter_map(|(index, item)| self.typed(item, &pointer(path, &index.to_string()), &[]))
            .collect();
        (self.problems.len() == before).then_some(list)
    }

    /// A policy test. Read key by key so that every bad `expect` or
    /// `forbid` item has its own problem.
    fn test(&mut self, value: &Value, path: &str) -> Option<PolicyTest> {
        let test = self.object(value, path)?;
        let before = self.problems.len();
        self.known_keys(test, path, &TEST_KEYS);
        let name: Option<String> = self.required(test, path, "name");
        let text: Option<String> = self.required(test, path, "text");
        let context: CheckContext = self.optional(test, path, "context").unwrap_or_default();
        if context.field.is_some() && context.surface != Surface::Profile {
            self.problems.push(
                Problem::new(
                    pointer(&pointer(path, "context"), "field"),
                    "a field is part of a profile: only with \"surface\": \"profile\"",
                )
                .hint("add \"surface\": \"profile\""),
            );
        }
        let expect = self.expectations(test, path, "expect");
        let forbid = self.expectations(test, path, "forbid");
        if self.problems.len() != before {
            return None;
        }
        Some(PolicyTest {
            name: name?,
            text: text?,
            context,
            expect,
            forbid,
        })
    }

    /// A test's `expect` or `forbid`, item by item. An object is read as
    /// the object it must be, so that its problems point inside it.
    fn expectations(
        &mut self,
        test: &Map<String, Value>,
        path: &str,
        key: &str,
    ) -> Vec<Expectation> {
        let list_path = pointer(path, key);
        let mut items = Vec::new();
        for (index, item) in self.array(test, path, key) {
            let item_path = pointer(&list_path, &index.to_string());
            let read = match item {
                Value::Object(_) => self.typed(item, &item_path, &[]).map(Expectation::Finding),
                _ => self.typed(item, &item_path, &[]),
            };
            items.extend(read);
        }
        items
    }

    /// The `organization` section. Its lists are read item by item, its
    /// contacts role by role and its campaigns one by one, so that each bad one has its own problem;
    /// serde reads the rest.
    fn organization(&mut self, value: &Value, path: &str) -> Option<Organization> {
        let section = self.object(value, path)?;
        let before = self.problems.len();
        let mut rest = section.clone();
        for key in ORGANIZATION_LISTS {
            if let Some(list) = section.get(key).filter(|list| !list.is_null()) {
                if self
                    .typed_list::<String>(list, &pointer(path, key))
                    .is_none()
                {
                    rest.remove(key);
                }
            }
        }
        if let Some(Value::Object(contacts)) = section.get("contacts") {
            let contacts_path = pointer(path, "contacts");
            let before_contacts = self.problems.len();
            for (role, contact) in contacts {
                let _: Option<Contact> = self.typed(contact, &pointer(&contacts_path, role), &[]);
            }
            if self.problems.len() != before_contacts {
                rest.remove("contacts");
            }
        }
        if let Some(Value::Array(campaigns)) = section.get("campaigns") {
            let campaigns_path = pointer(path, "campaigns");
            let before_campaigns = self.problems.len();
            for (index, campaign) in campaigns.iter().enumerate() {
                let _: Option<Campaign> =
                    self.typed(campaign, &pointer(&campaigns_path, &index.to_string()), &[]);
            }
            if self.problems.len() != before_campaigns {
                rest.remove("campaigns");
            }
        }
        let organization = self.typed(&Value::Object(rest), path, &[]);
        if self.problems.len() != before {
            return None;
        }
        organization
    }

    /// Deserializes one value, turning a failure into a problem.
    pub fn typed<T: DeserializeOwned>(
        &mut self,
        value: &Value,
        path: &str,
        extra_known: &[&str],
    ) -> Option<T> {
        match serde_path_to_error::deserialize(value) {
            Ok(typed) => Some(typed),
            Err(error) => {
                let mut problem = Problem::from_serde(path, error, extra_known);
                // serde reports a bad map key (a language code such as `fr`)
                // at the map; point at the key itself.
                let inner = problem.path.get(path.len()..).unwrap_or("");
                let wrong = problem
                    .message
                    .strip_prefix("unknown value `")
                    .and_then(|rest| rest.strip_suffix('`'));
                if let (Some(wrong), Some(Value::Object(map))) = (wrong, value.pointer(inner)) {
                    if map.contains_key(wrong) {
                        problem.path = pointer(&problem.path, wrong);
                    }
                }
                self.problems.push(problem);
                None
            }
        }
    }
}

fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// A link the extension shows as clickable must be `https:` with a host:
/// `javascript:`, `data:` and the like would run or show content the page
/// did not choose, and `http:` can be rewritten on the way.
fn https_url_problem(path: &str, url: &str) -> Option<Problem> {
    const HTTPS: &str = "https://";
    let host_and_rest = url
        .get(..HTTPS.len())
        .filter(|scheme| scheme.eq_ignore_ascii_case(HTTPS))
        .and_then(|_| url.get(HTTPS.len()..));
    let well_formed = host_and_rest.is_some_and(|rest| {
        // No user part: `https://intranet.acme.example@evil.example` goes
        // to evil.example.
        let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
        !authority.is_empty()
            && !authority.contains(['@', '\\'])
            && !rest.chars().any(|c| c.is_whitespace() || c.is_control())
    });
    if well_formed {
        return None;
    }
    Some(
        Problem::new(path, format!("`{url}` is not an https:// address"))
            .hint("start it with https:// and a host, e.g. https://intranet.example/guideline"),
    )
}

/// The organization's links: its guideline and each contact's page (a
/// contact's `email` is an address, not a link, and stays as it is).
fn organization_link_problems(organization: &Organization) -> Vec<Problem> {
    let mut problems = Vec::new();
    if let Some(url) = &organization.guideline_url {
        problems.extend(https_url_problem("/organization/guideline_url", url));
    }
    for (role, contact) in &organization.contacts {
        let contact_path = pointer("/organization/contacts", role);
        if let Some(url) = &contact.url {
            problems.extend(https_url_problem(&pointer(&contact_path, "url"), url));
        }
    }
    if let Some(url) = &organization.careers_url {
        problems.extend(https_url_problem("/organization/careers_url", url));
    }
    for (index, campaign) in organization.campaigns.iter().enumerate() {
        let path = pointer("/organization/campaigns", &index.to_string());
        if campaign.hashtag.trim().is_empty() {
            problems.push(
                Problem::new(pointer(&path, "hashtag"), "the campaign's hashtag is empty")
                    .hint("e.g. \"#AcmeGreenWeek\""),
            );
        }
        if campaign.topics.iter().all(|topic| topic.trim().is_empty()) {
            problems.push(
                Problem::new(
                    pointer(&path, "topics"),
                    "a campaign without topics is never suggested",
                )
                .hint("list the words that make a post about the campaign"),
            );
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    fn properties<T: schemars::JsonSchema>() -> Map<String, Value> {
        let schema = schemars::SchemaGenerator::default().root_schema_for::<T>();
        schema
            .get("properties")
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default()
    }

    #[test]
    fn the_test_reader_knows_exactly_the_keys_the_schema_describes() {
        let mut keys: Vec<&str> = TEST_KEYS.to_vec();
        keys.sort_unstable();
        let schema = properties::<PolicyTest>();
        assert_eq!(keys, schema.keys().map(String::as_str).collect::<Vec<_>>());
    }

    #[test]
    fn the_organization_lists_read_item_by_item_are_its_string_lists() {
        let schema = properties::<Organization>();
        let mut lists: Vec<&str> = schema
            .iter()
            .filter(|(_, property)| property["items"]["type"] == "string")
            .map(|(key, _)| key.as_str())
            .collect();
        lists.sort_unstable();
        let mut expected = ORGANIZATION_LISTS.to_vec();
        expected.sort_unstable();
        assert_eq!(lists, expected);
    }
}
