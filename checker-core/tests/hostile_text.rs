//! Hostile texts against a policy using every rule kind: a 1 MB paste,
//! 100,000 emoji, bidi overrides, zero-width floods, one 50,000-character
//! word, Zalgo marks. The engine must not panic, every span must slice
//! exactly its quote in UTF-16, and finding counts stay proportionate.
//! (Time is measured by `benches/hostile.rs`, not asserted here.)

#[path = "../../fuzz/src/lib.rs"]
#[allow(dead_code)]
mod fuzz;
#[path = "support/hostile_text.rs"]
mod hostile_text;

use checker_core::{CheckContext, Date, Lang, Platform, Report};

fn check(text: &str) -> Report {
    let context = CheckContext {
        lang: Lang::De,
        date: Date::new(2026, 11, 27),
        ..CheckContext::new(Platform::Linkedin)
    };
    let report = fuzz::rich_checker().check(text, &context);
    fuzz::assert_report_consistent(text, &report);
    report
}

fn quotes_of<'r>(report: &'r Report, rule: &str) -> Vec<&'r str> {
    report
        .findings
        .iter()
        .filter(|finding| finding.rule == rule)
        .filter_map(|finding| finding.quote.as_deref())
        .collect()
}

fn visible(text: &str) -> String {
    text.chars()
        .filter(|c| !matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{00AD}' | '\u{061C}' | '\u{FEFF}'))
        .collect()
}

#[test]
fn a_one_megabyte_paste_is_checked_with_proportionate_findings() {
    let text = hostile_text::mixed_paste(1 << 20);
    assert!(text.len() > 1_000_000);
    let report = check(&text);
    let paragraphs = text.matches('\n').count();
    // Each paragraph of the paste holds a few findings; never one per byte.
    assert!(
        report.findings.len() >= paragraphs / 4,
        "{}",
        report.findings.len()
    );
    assert!(
        report.findings.len() <= paragraphs * 10,
        "{}",
        report.findings.len()
    );
    assert!(quotes_of(&report, "acme.tickets").contains(&"ACME-4711"));
}

#[test]
fn a_hundred_thousand_emoji_keep_utf16_spans_exact() {
    let text = hostile_text::emoji_flood(100_000);
    let report = check(&text);
    // "Acme" every 50 emoji: at most the disclosure reminder and brand hints.
    assert!(report.findings.len() <= 100_000 / 50 + 10);
    let last = report
        .findings
        .iter()
        .filter_map(|finding| finding.span.as_ref())
        .map(|span| span.end)
        .max()
        .unwrap_or(0);
    assert!(last <= text.encode_utf16().count());
}

#[test]
fn bidi_controls_do_not_hide_a_codename() {
    let text = hostile_text::bidi_controls();
    let report = check(&text);
    let codenames = quotes_of(&report, "acme.codenames");
    assert!(!codenames.is_empty());
    assert!(codenames.iter().all(|quote| visible(quote) == "Orion-7"));
    // The reversed spelling is not the code name.
    assert!(codenames.len() <= 60, "{}", codenames.len());
}

#[test]
fn zero_width_characters_between_every_letter_do_not_hide_a_codename() {
    for filler in [
        "\u{200B}",
        "\u{200D}",
        "\u{00AD}",
        "\u{200B}\u{200D}\u{00AD}",
    ] {
        let text = hostile_text::interleaved("Bald kommt Orion-7 heraus", filler);
        let report = check(&text);
        let codenames = quotes_of(&report, "acme.codenames");
        assert_eq!(codenames.len(), 1, "filler {filler:?}");
        assert_eq!(visible(codenames[0]), "Orion-7");
    }
}

#[test]
fn a_megabyte_of_zero_width_characters_between_letters_is_checked() {
    let text = hostile_text::interleaved(&hostile_text::mixed_paste(360_000), "\u{200B}");
    assert!(text.len() > 1_000_000);
    let report = check(&text);
    assert!(!quotes_of(&report, "acme.codenames").is_empty());
}

#[test]
fn a_megabyte_of_only_invisible_characters_finds_nothing_but_its_length() {
    let text = hostile_text::invisible_flood(1 << 20);
    let report = check(&text);
    // LinkedIn counts every code point, invisible ones too: only the length
    // rule may speak, once.
    let rules: Vec<&str> = report.findings.iter().map(|f| f.rule.as_str()).collect();
    assert_eq!(rules, ["base.length"]);
}

#[test]
fn a_fifty_thousand_character_word_matches_only_at_its_start() {
    let text = hostile_text::giant_word(50_000);
    assert_eq!(text.chars().count(), 50_000);
    let report = check(&text);
    // `Kranich` is a prefix term, so the word's start matches; `Orion` at
    // its end is inside the word and must not.
    assert_eq!(quotes_of(&report, "acme.codenames"), ["Kranich"]);
    assert!(report.findings.len() <= 3);
}

#[test]
fn zalgo_marks_on_one_letter_are_checked() {
    let mut text = String::from("Bald kommt O");
    text.extend(std::iter::repeat_n('\u{0336}', 50_000));
    text.push_str("rion-7 heraus");
    let report = check(&text);
    let codenames = quotes_of(&report, "acme.codenames");
    assert_eq!(codenames.len(), 1);
    assert!(codenames[0].ends_with("rion-7"));
}

#[test]
fn a_flood_of_codenames_and_line_breaks_is_checked() {
    let text = "Orion-7\r\n".repeat(20_000);
    let report = check(&text);
    assert_eq!(quotes_of(&report, "acme.codenames").len(), 20_000);
}
