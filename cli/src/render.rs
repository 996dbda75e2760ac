//! Text output in the style of compiler diagnostics (rustc, ruff):
//!
//! ```text
//! block[acme.codenames] confidential: "Orion-7" is a confidential code name.
//!   --> post.txt:1:14
//!    |
//!  1 | Wir launchen Orion-7 bald!
//!    |              ^^^^^^^
//!    = note: Code names stay inside the company until launch.
//!    = help: Use "our new product" instead: `unser neues Produkt`
//!    = guideline: https://acme.example/social-media#codenames
//! ```
//!
//! Colour goes through anstream, which strips it when the output is not a
//! terminal or `NO_COLOR` is set.

use std::fmt::Write as _;
use std::ops::Range;

use anstyle::{AnsiColor, Style};
use checker_core::{Finding, Level, Report};
use unicode_width::UnicodeWidthStr;

const BOLD: Style = Style::new().bold();
const GUTTER: Style = AnsiColor::Blue.on_default().bold();
const HELP: Style = AnsiColor::Cyan.on_default().bold();

fn level_style(level: Level) -> Style {
    match level {
        Level::Block => AnsiColor::Red.on_default().bold(),
        Level::Warn => AnsiColor::Yellow.on_default().bold(),
        Level::Hint => AnsiColor::Cyan.on_default().bold(),
    }
}

pub fn level_name(level: Level) -> &'static str {
    match level {
        Level::Block => "block",
        Level::Warn => "warn",
        Level::Hint => "hint",
    }
}

/// The name an enum has in the JSON contract, e.g. `weighted` or `linkedin`.
fn json_name<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(name)) => name,
        _ => String::new(),
    }
}

/// Renders the findings of one checked text, the length line and a summary.
pub fn render_report(file: &str, text: &str, report: &Report) -> String {
    let mut out = String::new();
    for finding in &report.findings {
        render_finding(&mut out, file, text, finding);
        out.push('\n');
    }
    if let Some(length) = &report.length {
        let over = length.count > length.limit;
        let style = if over {
            level_style(Level::Warn)
        } else {
            Style::new()
        };
        let unit = json_name(&length.unit);
        let platform = json_name(&length.platform);
        let _ = writeln!(
            out,
            "{BOLD}length{BOLD:#}: {style}{}{style:#} of {} ({unit}, {platform})",
            length.count, length.limit
        );
    }
    let _ = writeln!(out, "{file}: {}", summary(report));
    out
}

fn summary(report: &Report) -> String {
    if report.findings.is_empty() {
        return "no findings".to_owned();
    }
    let count = |level| {
        report
            .findings
            .iter()
            .filter(|finding| finding.level == level)
            .count()
    };
    let parts: Vec<String> = [Level::Block, Level::Warn, Level::Hint]
        .into_iter()
        .filter_map(|level| {
            let n = count(level);
            (n > 0).then(|| format!("{n} {}", level_name(level)))
        })
        .collect();
    let total = report.findings.len();
    format!(
        "{total} finding{} ({})",
        if total == 1 { "" } else { "s" },
        parts.join(", ")
    )
}

fn render_finding(out: &mut String, file: &str, text: &str, finding: &Finding) {
    let level = level_style(finding.level);
    let category = finding.category.name();
    let _ = writeln!(
        out,
        "{level}{}[{}]{level:#} {category}: {BOLD}{}{BOLD:#}",
        level_name(finding.level),
        finding.rule,
        finding.message
    );
    let range = finding.span.map(|span| span.byte_range(text));
    match &range {
        Some(range) => render_excerpt(out, file, text, range.clone(), level),
        None => {
            let _ = writeln!(out, " {GUTTER}-->{GUTTER:#} {file} (whole text)");
        }
    }
    let gutter_width = range
        .as_ref()
        .map(|range| line_number_at(text, range.start).to_string().len())
        .unwrap_or(1);
    let pad = " ".repeat(gutter_width + 1);
    if !finding.overridable && finding.level == Level::Block {
        let _ = writeln!(
            out,
            "{pad}{GUTTER}={GUTTER:#} {BOLD}note{BOLD:#}: this rule cannot be overridden"
        );
    }
    if !finding.explanation.is_empty() {
        let _ = writeln!(
            out,
            "{pad}{GUTTER}={GUTTER:#} {BOLD}note{BOLD:#}: {}",
            finding.explanation
        );
    }
    for suggestion in &finding.suggestions {
        // Labels usually quote their replacement already ("Replace with …").
        let replacement = if suggestion.label.contains(suggestion.replacement.trim()) {
            String::new()
        } else if suggestion.span.is_none() {
            format!(": append `{}`", suggestion.replacement)
        } else {
            format!(": `{}`", suggestion.replacement)
        };
        let _ = writeln!(
            out,
            "{pad}{GUTTER}={GUTTER:#} {HELP}help{HELP:#}: {}{replacement}",
            suggestion.label
        );
    }
    if let Some(link) = &finding.link {
        let _ = writeln!(
            out,
            "{pad}{GUTTER}={GUTTER:#} {BOLD}guideline{BOLD:#}: {link}"
        );
    }
}

fn line_number_at(text: &str, byte: usize) -> usize {
    text[..byte].matches('\n').count() + 1
}

/// The location line, the source line and carets under the span. A span that
/// runs over several lines is underlined to the end of its first line.
fn render_excerpt(out: &mut String, file: &str, text: &str, range: Range<usize>, level: Style) {
    let line_start = text[..range.start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[range.start..]
        .find('\n')
        .map_or(text.len(), |i| range.start + i);
    let line = text[line_start..line_end].trim_end_matches('\r');
    let line_number = line_number_at(text, range.start);
    let column = text[line_start..range.start].chars().count() + 1;
    let gutter = " ".repeat(line_number.to_string().len());

    let before = &text[line_start..range.start];
    let under = &text[range.start..range.end.min(line_end)];
    // Widths on screen, so carets line up under wide characters (CJK, emoji).
    let indent = " ".repeat(display_width(before));
    let carets = "^".repeat(display_width(under).max(1));

    let _ = writeln!(
        out,
        "{gutter}{GUTTER}-->{GUTTER:#} {file}:{line_number}:{column}"
    );
    let _ = writeln!(out, "{gutter} {GUTTER}|{GUTTER:#}");
    let _ = writeln!(
        out,
        "{GUTTER}{line_number} |{GUTTER:#} {}",
        expand_tabs(line)
    );
    let _ = writeln!(
        out,
        "{gutter} {GUTTER}|{GUTTER:#} {indent}{level}{carets}{level:#}"
    );
}

fn expand_tabs(text: &str) -> String {
    text.replace('\t', "    ")
}

fn display_width(text: &str) -> usize {
    expand_tabs(text).width()
}

#[cfg(test)]
mod tests {
    use checker_core::Span;

    use super::*;

    #[test]
    fn utf16_spans_map_to_byte_ranges() {
        let text = "Grüße 👋 Orion-7";
        // "Grüße " is 6 UTF-16 units, the emoji 2, then a space.
        let range = Span { start: 9, end: 16 }.byte_range(text);
        assert_eq!(&text[range], "Orion-7");
        let range = Span { start: 6, end: 8 }.byte_range(text);
        assert_eq!(&text[range], "👋");
    }

    #[test]
    fn spans_past_the_end_or_inside_a_pair_do_not_panic() {
        let text = "a👋b";
        assert_eq!(Span { start: 2, end: 99 }.byte_range(text), 5..6);
        assert_eq!(Span { start: 50, end: 60 }.byte_range(text), 6..6);
        assert_eq!(Span { start: 3, end: 1 }.byte_range(text), 5..5);
    }

    #[test]
    fn carets_sit_under_the_span_after_wide_characters() {
        let text = "erste Zeile\n👋 Grüße an Orion-7!";
        let start = "erste Zeile\n👋 Grüße an ".encode_utf16().count();
        let range = Span {
            start,
            end: start + 7,
        }
        .byte_range(text);
        let mut out = String::new();
        render_excerpt(&mut out, "post.txt", text, range, Style::new());
        let out = anstream::adapter::strip_str(&out).to_string();
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[0], " --> post.txt:2:12");
        let source_column = lines[2].find("Orion").unwrap();
        let caret_column = lines[3].find('^').unwrap();
        // The emoji is two columns wide but four bytes: compare on screen.
        assert_eq!(
            lines[2][..source_column].width(),
            lines[3][..caret_column].width()
        );
        assert_eq!(lines[3].matches('^').count(), 7);
    }
}
