//! The engine's module graph has no cycle, and the pipeline's stages
//! (read → resolve → compile → check) import only the stages before them.
//!
//! The graph is read from the sources: a file depends on every module it
//! names through `use` or a `crate::`/`super::` path, outside comments and
//! its `#[cfg(test)]` tests (tests may use the whole crate).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Module path (`crate::policy::read`) → the modules it depends on.
type Graph = BTreeMap<String, BTreeSet<String>>;

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `.rs` file under `dir`, with its module path.
fn modules(dir: &Path, module: &str, found: &mut BTreeMap<String, String>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|error| panic!("{dir:?}: {error}"));
    for entry in entries {
        let path = entry.expect("a directory entry").path();
        let name = path
            .file_stem()
            .and_then(|stem| stem.to_str())
            .expect("a UTF-8 file name")
            .to_owned();
        if path.is_dir() {
            modules(&path, &format!("{module}::{name}"), found);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            let own = match name.as_str() {
                "lib" | "mod" => module.to_owned(),
                _ => format!("{module}::{name}"),
            };
            let source = std::fs::read_to_string(&path).expect("a readable source file");
            found.insert(own, source);
        }
    }
}

/// The code of a file without comments and without its test module.
fn code(source: &str) -> String {
    let mut kept = String::new();
    let mut lines = source.lines().peekable();
    while let Some(line) = lines.next() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("#[cfg(test)]")
            && lines
                .peek()
                .is_some_and(|next| next.trim_start().starts_with("mod "))
        {
            let next = lines.next().unwrap_or_default();
            if next.trim_end().ends_with('{') {
                break; // the test module closes the file
            }
            continue; // `mod testing;`: a test-only module
        }
        if !trimmed.starts_with("//") {
            kept.push_str(line.split(" // ").next().unwrap_or_default());
            kept.push('\n');
        }
    }
    kept
}

/// The paths a `use` tree names: `a::{b, c::{d}}` → `a::b`, `a::c::d`.
fn expand(tree: &str) -> Vec<String> {
    let tree: String = tree.chars().filter(|c| !c.is_whitespace()).collect();
    let Some(open) = tree.find('{') else {
        return vec![tree.split(" as ").next().unwrap_or_default().to_owned()];
    };
    let prefix = &tree[..open];
    let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
    let (mut parts, mut depth, mut start) = (Vec::new(), 0, 0);
    for (index, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&inner[start..index]);
                start = index + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[start..]);
    parts
        .into_iter()
        .filter(|part| !part.is_empty())
        .flat_map(|part| expand(&format!("{prefix}{part}")))
        .collect()
}

fn is_path_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == ':'
}

/// The module of `module` that a path written in it refers to: the longest
/// prefix of the resolved path that is a module.
fn target(module: &str, path: &str, known: &BTreeMap<String, String>) -> Option<String> {
    let mut segments: Vec<&str> = path.split("::").filter(|s| !s.is_empty()).collect();
    let mut base: Vec<&str> = module.split("::").collect();
    match segments.first().copied() {
        Some("crate") => {
            base = vec!["crate"];
            segments.remove(0);
        }
        Some("super") => {
            while segments.first() == Some(&"super") {
                segments.remove(0);
                base.pop();
            }
        }
        Some("self") => {
            segments.remove(0);
        }
        // A child module (`pub use organization::Contact`), else an
        // external crate.
        Some(first) if known.contains_key(&format!("{module}::{first}")) => {}
        _ => return None,
    }
    let mut resolved = base.join("::");
    let mut found = known.contains_key(&resolved).then(|| resolved.clone());
    for segment in segments {
        resolved = format!("{resolved}::{segment}");
        if known.contains_key(&resolved) {
            found = Some(resolved.clone());
        } else {
            break;
        }
    }
    found.filter(|found| found != module)
}

fn graph() -> Graph {
    let mut files = BTreeMap::new();
    modules(&src(), "crate", &mut files);
    // Test-only helpers are not part of the engine.
    files.retain(|module, _| module != "crate::testing" && module != "crate::rules::kind_harness");
    let mut graph = Graph::new();
    for (module, source) in &files {
        let code = code(source);
        let mut paths = Vec::new();
        // `use` trees, which may span lines.
        for statement in code.split(';') {
            let statement = statement.trim();
            let tree = statement
                .strip_prefix("pub(crate) use ")
                .or_else(|| statement.strip_prefix("pub use "))
                .or_else(|| statement.strip_prefix("use "));
            if let Some(tree) = tree {
                paths.extend(expand(tree));
            }
        }
        // Paths inside the code: `crate::text::utf16::Utf16Offsets::new(…)`.
        for anchor in ["crate::", "super::"] {
            for (at, _) in code.match_indices(anchor) {
                let before = code[..at].chars().next_back();
                if before.is_some_and(is_path_char) {
                    continue;
                }
                let path: String = code[at..]
                    .chars()
                    .take_while(|&c| is_path_char(c))
                    .collect();
                paths.push(path);
            }
        }
        let edges = paths
            .iter()
            .filter_map(|path| target(module, path, &files))
            .collect();
        graph.insert(module.clone(), edges);
    }
    graph
}

/// A cycle through `graph`, if there is one.
fn find_cycle(graph: &Graph) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &Graph,
        done: &mut BTreeSet<String>,
        stack: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        if let Some(start) = stack.iter().position(|on| on == node) {
            let mut cycle = stack[start..].to_vec();
            cycle.push(node.to_owned());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        stack.push(node.to_owned());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, graph, done, stack) {
                return Some(cycle);
            }
        }
        stack.pop();
        done.insert(node.to_owned());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|node| visit(node, graph, &mut done, &mut Vec::new()))
}

/// Every module `from` depends on, directly or not.
fn reachable(graph: &Graph, from: &str) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut todo = vec![from.to_owned()];
    while let Some(node) = todo.pop() {
        for next in graph.get(&node).into_iter().flatten() {
            if seen.insert(next.clone()) {
                todo.push(next.clone());
            }
        }
    }
    seen
}

#[test]
fn the_module_graph_has_no_cycle() {
    let graph = graph();
    assert!(graph.len() > 30, "too few modules found: {graph:?}");
    if let Some(cycle) = find_cycle(&graph) {
        panic!("import cycle: {}", cycle.join(" → "));
    }
}

#[test]
fn each_stage_imports_only_the_stages_before_it() {
    let graph = graph();
    let stages = [
        "crate::policy::read",
        "crate::policy::resolve",
        "crate::compile",
        "crate::check",
        "crate::pipeline",
    ];
    for (index, stage) in stages.iter().enumerate() {
        assert!(graph.contains_key(*stage), "no module {stage}");
        let depends = reachable(&graph, stage);
        for later in &stages[index + 1..] {
            assert!(
                !depends.contains(*later),
                "{stage} depends on the later stage {later}"
            );
        }
    }
    // The four stages are chained: each one needs the one before.
    for pair in stages[..4].windows(2) {
        assert!(
            reachable(&graph, pair[1]).contains(pair[0]),
            "{} does not build on {}",
            pair[1],
            pair[0]
        );
    }
}

#[test]
fn the_reader_finds_the_edges_it_should() {
    let graph = graph();
    let edges = |module: &str| graph.get(module).cloned().unwrap_or_default();
    // `use super::model::{…}` inside `policy/read.rs`.
    assert!(edges("crate::policy::read").contains("crate::policy::model"));
    // A grouped `use crate::{…}` path and an inline `crate::` path.
    assert!(edges("crate::compile").contains("crate::rules::term_list"));
    assert!(edges("crate::check").contains("crate::text::utf16"));
    // A child module re-exported by its parent.
    assert!(edges("crate::policy").contains("crate::policy::organization"));
    // Test modules do not count.
    assert!(!edges("crate::rules::pattern").contains("crate::pipeline"));
}
