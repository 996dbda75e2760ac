//! Pieces shared by the detector kinds (`email`, `phone`, `iban`,
//! `payment-card`, `secret`, `internal-host`): their default parameters, which live as data in
//! `detector_defaults.json`, keyword lookup with word boundaries, and checks
//! on the characters around a match.

use std::ops::Range;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use regex::Regex;
use serde::de::DeserializeOwned;

use crate::problem::Problem;
use crate::text::segment::{char_after, char_before, is_word_char};

/// Default lists and tables of the detectors, kept as JSON so they read as
/// data and a policy can replace any of them.
const DEFAULTS_JSON: &str = include_str!("detector_defaults.json");

fn defaults() -> &'static serde_json::Value {
    static DEFAULTS: OnceLock<serde_json::Value> = OnceLock::new();
    DEFAULTS.get_or_init(|| serde_json::from_str(DEFAULTS_JSON).unwrap_or_default())
}

/// The default at `pointer` (e.g. `/phone/context_words`) in
/// `detector_defaults.json`. The file is part of the crate and a test reads
/// every pointer the detectors use, so the fallback to `T::default()` is never
/// taken in a release.
pub(crate) fn default_at<T: DeserializeOwned + Default>(pointer: &str) -> T {
    defaults()
        .pointer(pointer)
        .and_then(|value| T::deserialize(value).ok())
        .unwrap_or_default()
}

/// Which list a keyword came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Polarity {
    /// Makes a detection more likely (e.g. `Telefon` before a number).
    Supports,
    /// Says the match is something else (e.g. `Rechnungsnummer`).
    Contradicts,
}

/// A keyword found in the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct KeywordHit {
    pub range: Range<usize>,
    pub polarity: Polarity,
}

/// Two keyword lists, matched case-insensitively (ASCII letters) as whole
/// words: a keyword inside a longer word ("Tel" in "Telekom") does not count.
#[derive(Debug)]
pub(crate) struct ContextWords {
    automaton: Option<AhoCorasick>,
    polarity: Vec<Polarity>,
}

impl ContextWords {
    /// Builds the matcher. Empty keywords are reported under `field`.
    pub fn new(
        supporting: &[String],
        supporting_field: &str,
        contradicting: &[String],
        contradicting_field: &str,
    ) -> Result<ContextWords, Vec<Problem>> {
        let mut problems = Vec::new();
        let mut patterns = Vec::new();
        let mut polarity = Vec::new();
        for (words, field, kind) in [
            (supporting, supporting_field, Polarity::Supports),
            (contradicting, contradicting_field, Polarity::Contradicts),
        ] {
            for (index, word) in words.iter().enumerate() {
                if word.trim().is_empty() {
                    problems.push(Problem {
                        path: format!("/{field}/{index}"),
                        message: "an empty keyword would match everywhere".into(),
                        hint: Some("remove the empty entry".into()),
                    });
                } else {
                    patterns.push(word.trim().to_owned());
                    polarity.push(kind);
                }
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        let automaton = if patterns.is_empty() {
            None
        } else {
            let built = AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::LeftmostLongest)
                .build(&patterns)
                .map_err(|error| {
                    vec![Problem {
                        path: format!("/{supporting_field}"),
                        message: format!("the keyword lists cannot be compiled: {error}"),
                        hint: None,
                    }]
                })?;
            Some(built)
        };
        Ok(ContextWords {
            automaton,
            polarity,
        })
    }

    /// Every whole-word keyword occurrence in `text`, in text order.
    pub fn find_all(&self, text: &str) -> Vec<KeywordHit> {
        let Some(automaton) = &self.automaton else {
            return Vec::new();
        };
        automaton
            .find_iter(text)
            .filter(|found| {
                let matched = &text[found.range()];
                let starts_word = matched.chars().next().is_some_and(is_word_char);
                let ends_word = matched.chars().next_back().is_some_and(is_word_char);
                let glued_before =
                    starts_word && char_before(text, found.start()).is_some_and(is_word_char);
                let glued_after =
                    ends_word && char_after(text, found.end()).is_some_and(is_word_char);
                !glued_before && !glued_after
            })
            .map(|found| KeywordHit {
                range: found.range(),
                polarity: self.polarity[found.pattern().as_usize()],
            })
            .collect()
    }
}

/// The polarity of the keyword nearest to `range` within `window` characters:
/// first looking before the match (where "Tel.:" or "Rechnung" usually
/// stand), then after it ("0171 1234567 (mobil)").
pub(crate) fn nearest_keyword(
    text: &str,
    keywords: &[KeywordHit],
    range: &Range<usize>,
    window: usize,
) -> Option<Polarity> {
    let within = |from: usize, to: usize| {
        // Each char is at most 4 bytes: skip counting when clearly too far.
        to - from <= window * 4 && text[from..to].chars().count() <= window
    };
    let after_index = keywords.partition_point(|hit| hit.range.end <= range.start);
    let before = keywords[..after_index]
        .last()
        .filter(|hit| within(hit.range.end, range.start));
    if let Some(hit) = before {
        return Some(hit.polarity);
    }
    keywords[after_index..]
        .iter()
        .find(|hit| hit.range.start >= range.end)
        .filter(|hit| within(range.end, hit.range.start))
        .map(|hit| hit.polarity)
}

/// Compiles one of a detector's own patterns. They are literals in the
/// crate, so an error is a bug, reported as a problem rather than a panic.
pub(crate) fn internal_regex(pattern: &str) -> Result<Regex, Vec<Problem>> {
    Regex::new(pattern).map_err(|error| {
        vec![Problem {
            path: String::new(),
            message: format!("internal pattern failed to compile: {error}"),
            hint: None,
        }]
    })
}

/// Rejects a list entry that is empty after trimming.
pub(crate) fn reject_empty(entries: &[String], field: &str, problems: &mut Vec<Problem>) {
    for (index, entry) in entries.iter().enumerate() {
        if entry.trim().is_empty() {
            problems.push(Problem {
                path: format!("/{field}/{index}"),
                message: "an empty entry can never match".into(),
                hint: Some("remove it".into()),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::context::CheckContext;
    use crate::rules::kind_harness::{check, compile};
    use crate::rules::{email, iban, payment_card, phone, secret, RuleKind};
    use proptest::prelude::*;

    #[test]
    fn every_default_the_detectors_read_is_present() {
        let defaults = defaults();
        for pointer in [
            "/email/allow_domains",
            "/email/allow_local_parts",
            "/phone/context_words",
            "/phone/exclude_words",
            "/phone/allow_prefixes",
            "/payment_card/networks",
            "/secret/password_keywords",
            "/secret/password_connectors",
            "/secret/pin_keywords",
            "/internal_host/ranges",
            "/internal_host/version_labels",
            "/secret/redaction",
        ] {
            let value = defaults.pointer(pointer);
            assert!(
                value.is_some_and(|value| value.as_array().is_none_or(|list| !list.is_empty())),
                "missing default {pointer}"
            );
        }
    }

    #[test]
    fn keywords_match_whole_words_only() {
        let words = ContextWords::new(
            &["Tel".into(), "call me".into()],
            "a",
            &["Rechnung".into()],
            "b",
        )
        .unwrap();
        let text = "Telekom, Tel. 040, CALL ME, Rechnungen, Rechnung 1";
        let found: Vec<_> = words
            .find_all(text)
            .into_iter()
            .map(|hit| (&text[hit.range], hit.polarity))
            .collect();
        assert_eq!(
            found,
            vec![
                ("Tel", Polarity::Supports),
                ("CALL ME", Polarity::Supports),
                ("Rechnung", Polarity::Contradicts)
            ]
        );
    }

    #[test]
    fn empty_keywords_are_problems_with_paths() {
        let problems =
            ContextWords::new(&["Tel".into(), " ".into()], "context_words", &[], "x").unwrap_err();
        assert_eq!(problems[0].path, "/context_words/1");
    }

    fn all_detectors() -> &'static [Box<dyn RuleKind>] {
        static DETECTORS: OnceLock<Vec<Box<dyn RuleKind>>> = OnceLock::new();
        DETECTORS.get_or_init(|| {
            let none = serde_json::json!({});
            vec![
                compile::<email::Params>(none.clone()).expect("parameters compile"),
                compile::<phone::Params>(none.clone()).expect("parameters compile"),
                compile::<iban::Params>(none.clone()).expect("parameters compile"),
                compile::<payment_card::Params>(none.clone()).expect("parameters compile"),
                compile::<secret::Params>(none).expect("parameters compile"),
            ]
        })
    }

    #[test]
    fn ordinary_posts_are_silent() {
        for post in [
            "Wir freuen uns auf die Messe vom 27.11.2026 bis 29.11.2026 in Halle 4, Stand B12! #Messe2026",
            "Unser Team ist auf 1.250 Kolleg:innen gewachsen – danke an alle! Anmeldung bis 15:00 Uhr.",
            "Der Umsatz stieg um 12,5 % auf 1.234.567 €. Mehr unter https://acme.example/news/2026-11-27",
            "Neues Release v2.10.3 ist draußen: 40 % schneller, Build 20261127. Changelog auf GitHub.",
            "Heute vor 25 Jahren (1990–2015) haben wir angefangen. Danke, @acme_de!",
            "Rechnung 2026-0042 ist bezahlt, Bestellnummer 40123456 wird morgen geliefert.",
            "Das Passwort für das Gäste-WLAN steht wie immer an der Rezeption.",
            "Just shipped order #1234567 to our 100,000th customer! Invoice 2026-0042 attached.",
            "We raised $1,250,000 in our seed round. Version 3.2.1 lands on 2026-11-27 at 09:30.",
            "Read the book (ISBN 978-3-16-148410-0) and the talk slides at speakerdeck.",
            "Password tips: use a manager, never reuse passwords, see the wiki.",
            "Call me old-fashioned, but 2024, 2025 and 2026 were great years.",
            "Join us at booth 42, 10:00-17:00, Hall 3. Questions? Send us a DM or mail jobs@acme.example.",
            "Our AKIA team meeting starts at 14:30; the JWT talk follows at 15:00.",
            "KW 48/2026: 3 neue Kund:innen, 27 Tickets gelöst, NPS 72.",
        ] {
            for detector in all_detectors() {
                let hits = check(detector.as_ref(), post, &CheckContext::default());
                assert!(hits.is_empty(), "{detector:?} flagged {hits:?} in {post:?}");
            }
        }
    }

    #[test]
    fn parameter_schemas_show_the_defaults() {
        let schemas = [
            serde_json::to_value(schemars::schema_for!(email::Params)).unwrap(),
            serde_json::to_value(schemars::schema_for!(phone::Params)).unwrap(),
            serde_json::to_value(schemars::schema_for!(iban::Params)).unwrap(),
            serde_json::to_value(schemars::schema_for!(payment_card::Params)).unwrap(),
            serde_json::to_value(schemars::schema_for!(secret::Params)).unwrap(),
        ];
        assert_eq!(
            schemas[1].pointer("/properties/context_window/default"),
            Some(&serde_json::json!(40))
        );
        assert!(schemas[1]
            .pointer("/properties/context_words/default/0")
            .is_some());
        assert_eq!(
            schemas[4].pointer("/properties/redaction/default/de"),
            Some(&serde_json::json!("[entfernt]"))
        );
        for schema in &schemas {
            // Every parameter is optional, and the schema says what omitting it means.
            let properties = schema["properties"].as_object().unwrap();
            for (name, property) in properties {
                assert!(
                    property.get("default").is_some(),
                    "no default for {name} in {schema}"
                );
            }
            assert_eq!(
                schema.pointer("/additionalProperties"),
                Some(&serde_json::json!(false))
            );
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn detectors_never_panic_and_keep_char_boundaries(text in any::<String>()) {
            for detector in all_detectors() {
                check(detector.as_ref(), &text, &CheckContext::default());
            }
        }

        #[test]
        fn detectors_handle_pieces_of_what_they_look_for(
            pieces in prop::collection::vec(prop::sample::select(vec![
                "+49", "0049", " ", "\u{a0}", "(0)", "(040)", "040", "0171", "1234567", "-", "–",
                "/", " / ", ".", ",", ":", "€", "#", "Tel.", "Bestellnummer", "DE89", "3704",
                "0044", "0532", "0130", "00", "4111", "1111", "@", "max", "acme.example",
                "password", "Passwort: ", "=", "Sommer2026!xY", "\"", "AKIA", "IOSFODNN7EXAMPLE",
                "ghp_", "xoxb-", "AIza", "eyJhbGciOiJIUzI1NiJ9", "-----BEGIN PRIVATE KEY-----",
                "-----END PRIVATE KEY-----", "ä", "😊", "\n",
            ]), 0..40)
        ) {
            let text = pieces.concat();
            for detector in all_detectors() {
                check(detector.as_ref(), &text, &CheckContext::default());
            }
        }

        #[test]
        fn detectors_handle_number_and_token_soup(
            text in "[0-9 +()/\\-–.,:=#@€a-zA-ZäÖß_\n\u{a0}\"']{0,120}"
        ) {
            for detector in all_detectors() {
                check(detector.as_ref(), &text, &CheckContext::default());
            }
        }
    }
}
