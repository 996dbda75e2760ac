//! `terms`: words and phrases that should not appear.
//!
//! ## What it checks
//!
//! Each occurrence of a listed term: confidential code names, critical
//! topics, insults. Matching is case-insensitive (unless `case_sensitive`),
//! respects Unicode word boundaries (umlauts and `ß` are letters), and sees
//! through the usual disguises: fullwidth letters, zero-width characters,
//! Cyrillic or Greek look-alikes, leetspeak (`0r1on`) and spaced-out letters
//! (`O r i o n - 7`). With `"match": "prefix"` (per rule or per term) a term
//! also catches compounds: `Kranich` finds `Kranichprojekt` and
//! `Kranich-Team`; with `"match": "compound"` it may also end or sit inside
//! a longer word (`Übernahme` in `Konzernübernahme`). CamelCase hashtags
//! and handles are split into words (`Streik` in `#StreikBeiAcme`), and
//! `"inflect": true` on a term admits its declined forms (`den Stadtwerken
//! Kleinbach` for `Stadtwerke Kleinbach`).
//!
//! ## Why it matters
//!
//! A code name in a public post can move a share price or tip off a
//! competitor before the launch. A list is the one thing IT can maintain,
//! and it has to hold up against accidental and deliberate variants.
//!
//! ## Example
//!
//! ```json
//! {"id": "acme.codenames", "kind": "terms", "category": "confidential",
//!  "level": "block", "message": {"en": "“{quote}” is an internal code name."},
//!  "explanation": {"en": "Code names stay inside until the launch."},
//!  "terms": ["Orion-7", {"term": "Kranich", "match": "prefix"}]}
//! ```
//!
//! triggers on `Wir starten bald mit 0rion 7!` and `Das Kranichprojekt läuft`.
//!
//! ## Fix
//!
//! Leave the term out, or describe the thing without its internal name. A
//! term with `suggest` offers a replacement in one click.
//!
//! Keys: `terms` (list of terms, see [`super::term_list`]),
//! `match` (`word` default, `prefix` or `compound`), `case_sensitive`
//! (default false).

use serde::Deserialize;

use super::term_list::{self, TermList};
use super::CompileEnv;
use super::{CompileKind, Fix, Hit, RuleKind};
use crate::context::{CheckContext, Lang};
use crate::document::Document;
use crate::policy::model::TermItem;
use crate::problem::Problem;
use crate::text::lexicon::{MatchMode, TermOptions};

/// Parameters of a `terms` rule.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Params {
    /// The terms to flag.
    pub terms: Vec<TermItem>,
    /// `word`: whole words only; `prefix`: also the start of a compound
    /// (`Kranich` → `Kranichprojekt`); `compound`: anywhere in a word
    /// (`Übernahme` → `Konzernübernahme`).
    #[serde(default, rename = "match")]
    pub match_mode: MatchMode,
    /// Match letter case exactly (a term's own `case_sensitive` wins).
    #[serde(default)]
    pub case_sensitive: bool,
}

impl CompileKind for Params {
    fn compile(self, env: &mut CompileEnv<'_>) -> Result<Box<dyn RuleKind>, Vec<Problem>> {
        let options = TermOptions {
            mode: self.match_mode,
            case_sensitive: self.case_sensitive,
        };
        let list = term_list::register(&self.terms, options, env, "/terms")?;
        Ok(Box::new(Terms {
            list,
            fallback: env.fallback_language,
        }))
    }
}

/// A compiled `terms` rule.
#[derive(Debug)]
struct Terms {
    list: TermList,
    fallback: Lang,
}

impl RuleKind for Terms {
    fn check(&self, doc: &Document<'_>, context: &CheckContext, hits: &mut Vec<Hit>) {
        let mut covered_until = 0;
        // Matches come sorted by start, longest first: keep the longest of
        // overlapping terms (`Orion-7` over `Orion`).
        for found in doc.term_matches(self.list.id) {
            if found.range.start < covered_until {
                continue;
            }
            covered_until = found.range.end;
            let fixes = self
                .list
                .suggest(found.entry)
                .and_then(|suggest| suggest.pick(context.lang, self.fallback))
                .map(|replacement| Fix {
                    replacement: replacement.to_owned(),
                    range: Some(found.range.clone()),
                })
                .into_iter()
                .collect();
            hits.push(Hit {
                range: Some(found.range.clone()),
                fixes,
                level: self.list.level(found.entry),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{quotes, rule_policy};
    use crate::{CheckContext, Lang, Level, Platform};

    fn codenames() -> crate::Checker {
        rule_policy(serde_json::json!({
            "kind": "terms",
            "terms": ["Orion-7", {"term": "Kranich", "match": "prefix"},
                      {"term": "Vollpfosten", "level": "block",
                       "suggest": {"de": "Kollege", "en": "colleague"}}]
        }))
    }

    #[test]
    fn finds_terms_in_german_and_english_text() {
        let checker = codenames();
        assert_eq!(quotes(&checker, "Bald kommt Orion-7 raus."), ["Orion-7"]);
        assert_eq!(quotes(&checker, "Launching Orion 7 soon"), ["Orion 7"]);
        assert_eq!(
            quotes(&checker, "Das Kranichprojekt und das Kranich-Team"),
            ["Kranich", "Kranich"]
        );
    }

    #[test]
    fn ignores_other_words() {
        let checker = codenames();
        assert!(quotes(
            &checker,
            "Der Orionnebel ist schön. Orion is a constellation."
        )
        .is_empty());
        assert!(quotes(&checker, "Der Ostkranich zieht").is_empty());
    }

    #[test]
    fn sees_through_every_listed_evasion() {
        let checker = codenames();
        for text in [
            "ＯＲＩＯＮ－７",          // fullwidth
            "Or\u{200B}ion-\u{200D}7", // zero-width space and joiner
            "Оrіоn-7",                 // Cyrillic О, і, о
            "Οrion-7",                 // Greek Omicron
            "0r1on-7",                 // leetspeak
            "O r i o n - 7",           // spaced out
            "O.r.i.o.n.7",             // dotted
            "O-r-i-o-n-7",             // hyphenated
        ] {
            let found = quotes(&checker, &format!("Neu: {text} kommt"));
            assert_eq!(found, [text], "evasion {text:?}");
        }
        assert_eq!(quotes(&checker, "V0llpf0st3n!"), ["V0llpf0st3n"]);
        assert_eq!(quotes(&checker, "@ll3s Kr4n1ch"), ["Kr4n1ch"]);
    }

    #[test]
    fn leetspeak_maps_every_listed_digit_and_symbol_and_format_characters_vanish() {
        let checker = rule_policy(serde_json::json!({
            "kind": "terms", "terms": ["Klasse", "alles", "Tee", "Insider", "Orion"]
        }));
        assert_eq!(quotes(&checker, "Eine K1a$5e Sache"), ["K1a$5e"]); // 1→l, $→s, 5→s
        assert_eq!(quotes(&checker, "Das ist @ll3s gut"), ["@ll3s"]); // @→a, 3→e
        assert_eq!(
            quotes(&checker, "Noch 7ee? 1n51d3r-Wissen"),
            ["7ee", "1n51d3r"]
        ); // 7→t, 1→i
        assert_eq!(quotes(&checker, "4ll35"), ["4ll35"]); // 4→a
        for hidden in ["\u{00AD}", "\u{FEFF}", "\u{202E}", "\u{2060}", "\u{FE0F}"] {
            let text = format!("see Or{hidden}ion");
            assert_eq!(quotes(&checker, &text), [format!("Or{hidden}ion")]);
        }
        // A real `i` is not a disguised `l`; a capital `I` may be.
        assert_eq!(quotes(&checker, "Kiasse, aIles"), ["aIles"]);
    }

    #[test]
    fn spans_map_back_across_emoji_zwj_sequences_combining_marks_and_crlf() {
        let checker = rule_policy(serde_json::json!({"kind": "terms", "terms": ["Übernahme"]}));
        let text = "👩‍👩‍👧 Die U\u{0308}bernahme\r\nist 🏳️‍🌈 geheim, die Übernahme auch";
        let report = checker.check(text, &CheckContext::new(Platform::X));
        let utf16: Vec<u16> = text.encode_utf16().collect();
        assert_eq!(report.findings.len(), 2);
        for finding in &report.findings {
            let span = finding.span.expect("every term finding has a span");
            let sliced = String::from_utf16_lossy(&utf16[span.start..span.end]);
            assert_eq!(Some(sliced), finding.quote);
        }
        assert_eq!(
            report.findings[0].quote.as_deref(),
            Some("U\u{0308}bernahme")
        );
    }

    #[test]
    fn per_term_level_and_localized_suggestion() {
        let checker = codenames();
        let mut context = CheckContext::new(Platform::Linkedin);
        context.lang = Lang::De;
        let report = checker.check("So ein Vollpfosten.", &context);
        let finding = &report.findings[0];
        assert_eq!(finding.level, Level::Block);
        assert_eq!(finding.suggestions[0].replacement, "Kollege");
        assert_eq!(finding.suggestions[0].label, "Durch „Kollege“ ersetzen");
        context.lang = Lang::En;
        let report = checker.check("What a Vollpfosten.", &context);
        assert_eq!(
            report.findings[0].suggestions[0].label,
            "Replace with “colleague”"
        );
    }

    #[test]
    fn case_sensitive_rules_match_exact_case_only() {
        let checker = rule_policy(serde_json::json!({
            "kind": "terms", "terms": ["AG"], "case_sensitive": true
        }));
        assert_eq!(quotes(&checker, "Die Acme AG ag"), ["AG"]);
    }

    #[test]
    fn rejects_lists_that_can_never_match() {
        let error = crate::testing::rule_error(serde_json::json!({"kind": "terms", "terms": []}));
        assert_eq!(error.problems[0].path, "/rules/0/terms");
        let error =
            crate::testing::rule_error(serde_json::json!({"kind": "terms", "terms": ["ok", "…"]}));
        assert_eq!(error.problems[0].path, "/rules/0/terms/1");
        let error = crate::testing::rule_error(
            serde_json::json!({"kind": "terms", "terms": [{"term": "x", "levle": "warn"}]}),
        );
        assert_eq!(error.problems[0].path, "/rules/0/terms/0/levle");
        assert_eq!(
            error.problems[0].hint.as_deref(),
            Some("did you mean `level`?")
        );
    }

    #[test]
    fn compound_terms_match_inside_words_unless_excepted() {
        let checker = rule_policy(serde_json::json!({
            "kind": "terms",
            "terms": [{"term": "Übernahme", "match": "compound"},
                      {"term": "Datenleck", "match": "compound"},
                      {"term": "merger", "match": "compound"}],
            "exceptions": ["Übernahme nach der Ausbildung"]
        }));
        assert_eq!(
            quotes(&checker, "Die Konzernübernahme ist durch."),
            ["übernahme"]
        );
        assert_eq!(quotes(&checker, "Ein Kundendatenleck!"), ["datenleck"]);
        assert_eq!(quotes(&checker, "Datenlecks passieren"), ["Datenleck"]);
        assert_eq!(quotes(&checker, "Premerger talks"), ["merger"]);
        assert!(quotes(&checker, "Ihre Übernahme nach der Ausbildung ist sicher.").is_empty());
        assert!(quotes(&checker, "Die Übergabe und das Datenlager").is_empty());
        assert!(quotes(&checker, "A merge request").is_empty());
    }

    #[test]
    fn exceptions_take_term_items_to_except_false_friends() {
        let checker = rule_policy(serde_json::json!({
            "kind": "terms",
            "terms": [{"term": "Fusion", "match": "compound"}],
            "exceptions": [{"term": "Kernfusion", "match": "prefix"}, "fusion cuisine"]
        }));
        assert_eq!(
            quotes(&checker, "Die Bankenfusion kommt, nuclear fusion too"),
            ["fusion", "fusion"]
        );
        for text in [
            "Die Kernfusion ist Physik.",
            "Kernfusionsreaktoren sind groß.",
            "We love fusion cuisine.",
        ] {
            assert!(quotes(&checker, text).is_empty(), "{text}");
        }
    }

    #[test]
    fn exceptions_may_refer_to_the_organization() {
        let checker = crate::testing::organization_policy(serde_json::json!({
            "kind": "terms",
            "terms": [{"term": "runner", "match": "compound"}],
            "exceptions": [{"organization": "products"}]
        }));
        assert_eq!(
            quotes(&checker, "Der Frontrunner und ein runner"),
            ["runner", "runner"]
        );
        assert!(quotes(&checker, "Der neue Roadrunner ist da, the Roadrunner too").is_empty());
    }

    #[test]
    fn exceptions_report_problems_at_their_items() {
        for (exceptions, path) in [
            (
                serde_json::json!(["ok", {"term": "x", "mach": "prefix"}]),
                "/rules/0/exceptions/1/mach",
            ),
            (serde_json::json!([{"term": " "}]), "/rules/0/exceptions/0"),
            (
                serde_json::json!([{"term": "x", "match": "infix"}]),
                "/rules/0/exceptions/0",
            ),
            (
                serde_json::json!([{"organization": "names"}]),
                "/rules/0/exceptions/0",
            ),
        ] {
            let error = crate::testing::rule_error(serde_json::json!({
                "kind": "terms", "terms": ["Fusion"], "exceptions": exceptions
            }));
            assert_eq!(error.problems[0].path, path, "{error}");
        }
    }

    #[test]
    fn case_sensitive_per_term_overrides_the_rule() {
        let checker = rule_policy(serde_json::json!({
            "kind": "terms",
            "terms": [{"term": "BASF", "case_sensitive": true}, "Orion"]
        }));
        assert_eq!(
            quotes(&checker, "BASF und basf, ORION und orion"),
            ["BASF", "ORION", "orion"]
        );
        let checker = rule_policy(serde_json::json!({
            "kind": "terms", "case_sensitive": true,
            "terms": [{"term": "Apple", "case_sensitive": false}, "AG"]
        }));
        assert_eq!(
            quotes(&checker, "apple pie at the Acme AG, not the ag"),
            ["apple", "AG"]
        );
    }

    #[test]
    fn camel_case_hashtags_and_handles_are_split_into_words() {
        let checker = rule_policy(serde_json::json!({
            "kind": "terms", "terms": ["Streik", "Kranich", "strike at Acme", "Donald"]
        }));
        assert_eq!(quotes(&checker, "Heute #StreikBeiAcme"), ["Streik"]);
        assert_eq!(quotes(&checker, "Go #TeamKranich!"), ["Kranich"]);
        assert_eq!(quotes(&checker, "cc @TeamKranich"), ["Kranich"]);
        assert_eq!(quotes(&checker, "#NoStrikeAtAcme"), ["StrikeAtAcme"]);
        assert_eq!(quotes(&checker, "#ACMEStreik"), ["Streik"]);
        for text in [
            "Ein Warnstreik",
            "#Streikrecht",
            "#teamkranich",
            "Lunch at McDonald's",
            "#Kranichflug",
        ] {
            assert!(quotes(&checker, text).is_empty(), "{text}");
        }
    }

    #[test]
    fn a_phrase_matches_across_the_parts_of_a_hashtag_and_mentions_count_there() {
        let checker = rule_policy(serde_json::json!({
            "kind": "terms", "terms": ["Streik bei Acme"]
        }));
        assert_eq!(quotes(&checker, "#StreikBeiAcme!"), ["StreikBeiAcme"]);
        assert_eq!(quotes(&checker, "#StreikBeiAcmeWerk"), ["StreikBeiAcme"]);
        assert!(quotes(&checker, "#WarnstreikBeiAcme #StreikBeiAcmeland").is_empty());
        let checker = rule_policy(serde_json::json!({
            "kind": "terms", "terms": ["Streik", "strike"],
            "when": {"mentions": {"terms": ["Acme"]}, "within": "sentence"}
        }));
        assert_eq!(quotes(&checker, "Morgen #StreikBeiAcme"), ["Streik"]);
        assert_eq!(quotes(&checker, "Big #StrikeAtAcme"), ["Strike"]);
        assert!(quotes(&checker, "Morgen #StreikBeiDerBahn. Acme liefert.").is_empty());
        assert!(quotes(&checker, "Big #StrikeAtAcmeville").is_empty());
    }

    #[test]
    fn spaced_out_letters_are_folded_in_any_word_of_a_phrase() {
        let checker = rule_policy(serde_json::json!({
            "kind": "terms", "terms": ["Helios Logistics", "Neue Heimat"]
        }));
        assert_eq!(
            quotes(&checker, "Neuer Kunde: Helios L o g i s t i c s"),
            ["Helios L o g i s t i c s"]
        );
        assert_eq!(
            quotes(&checker, "Wir bauen für die N e u e Heimat"),
            ["N e u e Heimat"]
        );
        assert!(quotes(&checker, "Helios Lo gistics and Neu e Heimat").is_empty());
    }

    #[test]
    fn inflected_terms_match_their_declined_forms() {
        let checker = rule_policy(serde_json::json!({
            "kind": "terms",
            "terms": [{"term": "Stadtwerke Kleinbach", "inflect": true},
                      {"term": "Deutsche Werft", "inflect": true},
                      {"term": "supply partner", "inflect": true},
                      "Neue Heimat"]
        }));
        assert_eq!(
            quotes(&checker, "Gespräche mit den Stadtwerken Kleinbach"),
            ["Stadtwerken Kleinbach"]
        );
        assert_eq!(
            quotes(&checker, "Der Vertrag der Deutschen Werft"),
            ["Deutschen Werft"]
        );
        assert_eq!(
            quotes(&checker, "Im Netz der Stadtwerke Kleinbachs"),
            ["Stadtwerke Kleinbach"]
        );
        assert_eq!(
            quotes(&checker, "Our supply partners agree"),
            ["supply partner"]
        );
        assert_eq!(
            quotes(&checker, "Die Stadtwerke Kleinbach und die Deutsche Werft"),
            ["Stadtwerke Kleinbach", "Deutsche Werft"]
        );
        // Other endings, and terms without `inflect`, stay exact.
        for text in [
            "Die Stadtwerkstatt Kleinbach",
            "Der Deutschlandwerft-Tag",
            "Our supply partnership",
            "Mit der Neuen Heimat",
        ] {
            assert!(quotes(&checker, text).is_empty(), "{text}");
        }
    }

    #[test]
    fn inflected_forms_count_towards_the_term_limit() {
        let terms: Vec<serde_json::Value> = (0..25_000)
            .map(|index| serde_json::json!({"term": format!("Werk {index}"), "inflect": true}))
            .collect();
        let error =
            crate::testing::rule_error(serde_json::json!({"kind": "terms", "terms": terms}));
        // Nine forms each: the 22,223rd term passes 200,000.
        assert_eq!(error.problems[0].path, "/rules/0/terms/22222");
        assert!(error.problems[0].message.contains("limit"));
    }

    #[test]
    fn inflect_is_limited_to_short_phrases() {
        let error = crate::testing::rule_error(serde_json::json!({
            "kind": "terms",
            "terms": [{"term": "Verband der Deutschen Werften", "inflect": true}]
        }));
        assert_eq!(error.problems[0].path, "/rules/0/terms/0/inflect");
    }
}
