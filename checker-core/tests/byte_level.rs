//! Byte-level scanning lives in `src/text/` (`scan.rs` and the automata),
//! behind small APIs; rule modules contain rule semantics only. This test
//! fails if a word-at-a-time trick comes back into `src/rules/`, or if a
//! second sentence splitter, word definition or UTF-16 converter appears.

use std::path::Path;

use regex::Regex;

/// What byte-level scanning looks like: reading machine words from bytes,
/// counting bits in them, and repeated per-byte masks such as `0x8080…`.
const TRICKS: &str = r"from_(le|be|ne)_bytes|trailing_zeros|leading_zeros|count_ones|chunks_exact|u64::MAX|0x(80|01|7[fF]|[fF]{2}){2,}|\[0x[0-9a-fA-F]{2}; 8\]";

#[test]
fn rule_modules_hold_no_byte_level_scanning() {
    let tricks = Regex::new(TRICKS).expect("a valid regex");
    let rules = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/rules");
    let mut found = Vec::new();
    let mut files = 0;
    for entry in std::fs::read_dir(&rules).expect("src/rules exists") {
        let path = entry.expect("a directory entry").path();
        if path.extension().is_none_or(|ext| ext != "rs") {
            continue;
        }
        files += 1;
        let source = std::fs::read_to_string(&path).expect("a readable source file");
        for (number, line) in source.lines().enumerate() {
            if let Some(trick) = tricks.find(line) {
                found.push(format!(
                    "{}:{}: `{}`",
                    path.display(),
                    number + 1,
                    trick.as_str()
                ));
            }
        }
    }
    assert!(files > 15, "too few rule modules found in {rules:?}");
    assert!(
        found.is_empty(),
        "byte-level scanning belongs behind an API in src/text/:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_pattern_knows_the_tricks_it_forbids() {
    let tricks = Regex::new(TRICKS).expect("a valid regex");
    for trick in [
        "u64::from_le_bytes(word)",
        "mask.trailing_zeros() / 8",
        "const HIGH: u64 = 0x8080_8080;",
        "let ones = 0x0101010101010101;",
        "u64::from_le_bytes([0x80; 8])",
    ] {
        assert!(tricks.is_match(trick), "{trick}");
    }
    assert!(!tricks.is_match("Token: 0x71C7656EC7ab88b098defB751B7401B5f6d8976F"));
}

/// Defining one of these is splitting text or converting offsets: each has
/// one home (`text/segment.rs`, which `document.rs` caches per check, and
/// `text/utf16.rs`); a second definition would be a second, drifting
/// answer to the same question.
const ONE_HOME: &[(&str, &[&str])] = &[
    (
        r"fn (sentences|words|is_word_char|char_before|char_after)\b",
        &["text/segment.rs", "src/document.rs"],
    ),
    (
        r"fn (utf16_offset|byte_offset|utf16_len)\b|len_utf16\(\)",
        &["text/utf16.rs"],
    ),
];

#[test]
fn text_is_split_and_utf16_converted_in_one_place_each() {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let root = manifest.parent().expect("the workspace root");
    let mut sources = Vec::new();
    for dir in ["checker-core/src", "cli/src", "checker-wasm/src"] {
        collect(&root.join(dir), &mut sources);
    }
    assert!(sources.len() > 40, "too few sources found");
    let mut found = Vec::new();
    for (pattern, homes) in ONE_HOME {
        let pattern = Regex::new(pattern).expect("a valid regex");
        for (path, source) in &sources {
            if homes.iter().any(|home| path.ends_with(home)) {
                continue;
            }
            // Tests may compare against a plain definition of their own.
            let code = source.split("#[cfg(test)]").next().unwrap_or_default();
            for (number, line) in code.lines().enumerate() {
                if pattern.is_match(line) {
                    found.push(format!("{path}:{}: belongs in {}", number + 1, homes[0]));
                }
            }
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}

fn collect(dir: &Path, out: &mut Vec<(String, String)>) {
    for entry in std::fs::read_dir(dir).expect("a source directory") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            let source = std::fs::read_to_string(&path).expect("a readable source file");
            out.push((path.display().to_string().replace('\\', "/"), source));
        }
    }
}
