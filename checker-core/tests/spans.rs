//! Property: for any text and any policy, nothing panics and every finding's
//! UTF-16 span slices exactly its quote (as JavaScript would slice it).

use checker_core::{CheckContext, Lang, Platform, Policy, Report};
use proptest::prelude::*;
use serde_json::json;

/// Pieces that stress folding and offsets: evasions, combining marks,
/// emoji ZWJ sequences, CRLF, surrogate pairs, format characters.
const PIECES: [&str; 24] = [
    "Orion-7",
    "O r i o n - 7",
    "0r1on",
    "Оrіоn",
    "ＯＲＩＯＮ",
    "Or\u{200B}ion",
    "Übernahme",
    "U\u{0308}bernahme",
    "Acme",
    "ACME",
    "@acme",
    "Kranichprojekt",
    "👩\u{200D}👩\u{200D}👧",
    "🏳\u{FE0F}\u{200D}🌈",
    "\r\n",
    " ",
    ".",
    "e\u{0301}\u{0334}",
    "ß",
    "ﬁ",
    "İ",
    "\u{00AD}",
    "#employee",
    "ACME-4711",
];

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            prop::sample::select(PIECES.to_vec()).prop_map(str::to_owned),
            any::<char>().prop_map(String::from),
            "\\PC{0,6}",
        ],
        0..24,
    )
    .prop_map(|pieces| pieces.concat())
}

fn policy(terms: Vec<String>) -> serde_json::Value {
    let common = |id: &str| {
        json!({"id": id, "category": "other",
               "message": {"de": "„{quote}“ → {replacement}", "en": "“{quote}” → {replacement}"},
               "explanation": {"en": "Because."}})
    };
    let mut terms_rule = common("p.terms");
    terms_rule["kind"] = json!("terms");
    terms_rule["terms"] = json!(terms);
    let mut fixed = common("p.fixed");
    fixed["kind"] = json!("terms");
    fixed["terms"] = json!(["Orion-7", {"term": "Kranich", "match": "prefix", "suggest": {"en": "K"}}, "Übernahme", "ß"]);
    fixed["exceptions"] = json!(["Orion-7 nebula"]);
    let mut pattern = common("p.pattern");
    pattern["kind"] = json!("pattern");
    pattern["pattern"] = json!(r"(?i)\bacme-\d+|\p{Emoji_Presentation}+");
    pattern["suggest"] = json!({"en": "[$0]"});
    let mut substitute = common("p.substitute");
    substitute["kind"] = json!("substitute");
    substitute["replacements"] = json!([{"from": ["ﬁ", "e bike"], "to": "E-Bike"}]);
    substitute["when"] = json!({"mentions": "organization", "within": {"words": 3}});
    json!({
        "version": 1,
        "organization": {"name": "Acme", "aliases": ["ACME"], "handles": ["@acme"], "disclosures": ["#employee"]},
        "extends": ["base", "organization"],
        "rules": [terms_rule, fixed, pattern, substitute]
    })
}

fn assert_spans_slice_quotes(text: &str, report: &Report) -> Result<(), TestCaseError> {
    let units: Vec<u16> = text.encode_utf16().collect();
    let slice = |start: usize, end: usize| -> Option<String> {
        units
            .get(start..end)
            .map(|slice| String::from_utf16(slice).unwrap_or_else(|_| "<split surrogate>".into()))
    };
    for finding in &report.findings {
        match (&finding.span, &finding.quote) {
            (Some(span), Some(quote)) => {
                prop_assert!(span.start < span.end, "empty span {:?}", finding);
                let sliced = slice(span.start, span.end);
                prop_assert_eq!(sliced.as_ref(), Some(quote));
            }
            (None, None) => {}
            _ => prop_assert!(false, "span and quote disagree: {:?}", finding),
        }
        for suggestion in &finding.suggestions {
            if let Some(span) = suggestion.span {
                prop_assert!(slice(span.start, span.end).is_some_and(|s| s != "<split surrogate>"));
            }
        }
    }
    let positions: Vec<usize> = report
        .findings
        .iter()
        .map(|f| f.span.map_or(usize::MAX, |s| s.start))
        .collect();
    prop_assert!(
        positions.windows(2).all(|pair| pair[0] <= pair[1]),
        "ordered by position"
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn spans_slice_their_quotes_for_any_text(text in text(), lang in prop::sample::select(vec![Lang::De, Lang::En])) {
        let checker = Policy::from_value(policy(vec!["Orion".into(), "Acme".into()]))
            .and_then(|policy| policy.compile())
            .map_err(|error| TestCaseError::fail(error.to_string()))?;
        let context = CheckContext { lang, ..CheckContext::new(Platform::X) };
        let report = checker.check(&text, &context);
        assert_spans_slice_quotes(&text, &report)?;
    }

    #[test]
    fn any_term_list_either_is_rejected_or_checks_cleanly(terms in prop::collection::vec(text(), 0..6), text in text()) {
        match Policy::from_value(policy(terms.clone())).and_then(|policy| policy.compile()) {
            Err(error) => prop_assert!(!error.problems.is_empty()),
            Ok(checker) => {
                let report = checker.check(&text, &CheckContext::default());
                assert_spans_slice_quotes(&text, &report)?;
                // A term always finds itself.
                if let Some(term) = terms.iter().find(|term| !term.trim().is_empty()) {
                    let report = checker.check(term, &CheckContext::default());
                    assert_spans_slice_quotes(term, &report)?;
                    prop_assert!(report.findings.iter().any(|f| f.rule == "p.terms"), "{:?} not found in itself", term);
                }
            }
        }
    }

    #[test]
    fn arbitrary_policy_json_never_panics(source in "\\PC{0,200}") {
        let _ = Policy::from_json(&source);
    }
}
