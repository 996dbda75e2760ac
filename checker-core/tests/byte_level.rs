//! Byte-level scanning lives in `src/text/` (`scan.rs` and the automata),
//! behind small APIs; rule modules contain rule semantics only. This test
//! fails if a word-at-a-time trick comes back into `src/rules/`.

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
