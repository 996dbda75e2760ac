//! What a company gets without writing a single rule: the built-in packs and
//! an `organization` section. They must catch the common mistakes, and stay
//! silent on ordinary posts in both languages.

use checker_core::{CheckContext, Checker, Date, Lang, Platform, Policy};
use serde_json::json;

fn checker() -> Checker {
    let policy = json!({
        "version": 1,
        "extends": ["base", "organization"],
        "organization": {
            "name": "Acme",
            "aliases": ["Acme Corp"],
            "handles": ["@acme"],
            "products": ["Roadrunner"],
            "guideline_url": "https://acme.example/social-media",
            "contacts": {"press": {"name": "Pressestelle", "email": "presse@acme.example"}},
            "disclosures": ["#employee", "#Mitarbeiter", "views are my own", "meine persönliche Meinung"],
            "preferred_disclosure": {"de": "#Mitarbeiter", "en": "#employee"},
            "internal_domains": ["intranet.acme.example"]
        }
    });
    Policy::from_value(policy)
        .and_then(|policy| policy.compile())
        .unwrap_or_else(|error| panic!("{error}"))
}

fn context(platform: Platform, lang: Lang) -> CheckContext {
    CheckContext {
        lang,
        date: Date::new(2026, 11, 27),
        ..CheckContext::new(platform)
    }
}

/// The rule ids raised on `text`, in report order.
fn raised(checker: &Checker, text: &str, platform: Platform, lang: Lang) -> Vec<String> {
    checker
        .check(text, &context(platform, lang))
        .findings
        .into_iter()
        .map(|finding| finding.rule)
        .collect()
}

#[test]
fn catches_the_common_mistakes() {
    let checker = checker();
    let cases: [(&str, Platform, Lang, &str); 10] = [
        ("Unser neuer Roadrunner von Acme ist da!", Platform::Linkedin, Lang::De, "org.disclosure"),
        ("So proud of the team at AcMe today. #employee", Platform::Linkedin, Lang::En, "org.brand"),
        ("Spenden bitte an DE89 3704 0044 0532 0130 00, danke!", Platform::Linkedin, Lang::De, "base.iban"),
        ("Test card for the demo: 4111 1111 1111 1111", Platform::X, Lang::En, "base.payment-card"),
        ("Deploy failed, key was AKIAIOSFODNN7EXAMPLE", Platform::X, Lang::En, "base.secret"),
        ("Der Build-Server läuft auf 10.0.3.17, schaut mal rein.", Platform::Linkedin, Lang::De, "base.internal-host"),
        ("Und dann sagt er das. DAS IST DOCH WIRKLICH UNGLAUBLICH FRECH!", Platform::Linkedin, Lang::De, "base.shouting"),
        ("Wer so etwas schreibt, ist ein Vollpfosten.", Platform::X, Lang::De, "base.insult"),
        ("What an idiot move by the referee.", Platform::X, Lang::En, "base.insult"),
        (concat!(
            "We just shipped the biggest update of the year, and I want to thank every single person who ",
            "stayed late, asked the hard questions, tested the edge cases and wrote the docs nobody reads ",
            "until they need them. This is what teamwork looks like, and I could not be prouder of it today. ",
            "Next stop: the customer conference in spring, where we will show it live."
        ), Platform::X, Lang::En, "base.length"),
    ];
    for (text, platform, lang, rule) in cases {
        let rules = raised(&checker, text, platform, lang);
        assert!(
            rules.iter().any(|raised| raised == rule),
            "{rule} not raised on {text:?}: {rules:?}"
        );
    }
}

#[test]
fn stays_silent_on_ordinary_posts() {
    let checker = checker();
    let posts: [(&str, Platform, Lang); 12] = [
        ("Drei Tage Messe in Hannover – danke an alle, die vorbeigeschaut haben! #Mitarbeiter bei Acme", Platform::Linkedin, Lang::De),
        ("Wir stellen ein: zwei Entwickler:innen für Rust und TypeScript in Hamburg. Meldet euch gern bei mir!", Platform::Linkedin, Lang::De),
        ("Die neue EU-Verordnung und die DSGVO: Was heißt das für KMU? Spannender Vortrag heute.", Platform::Linkedin, Lang::De),
        ("Mein Drucker streikt schon wieder. Montag eben.", Platform::X, Lang::De),
        ("Bestellnummer 40123456 ist angekommen, danke für den schnellen Versand.", Platform::X, Lang::De),
        ("Happy to share that I joined Acme as Head of Design! #employee", Platform::Linkedin, Lang::En),
        ("Key takeaways from the conference: the CEO panel on AI and GDPR was excellent.", Platform::Linkedin, Lang::En),
        ("This is REALLY the best coffee in town.", Platform::X, Lang::En),
        ("Meeting moved to 14:30 on 27.11.2026, room 4.012.", Platform::X, Lang::En),
        ("Version 2.10.3 is out with a lot of small fixes. Thanks, everyone!", Platform::X, Lang::En),
        ("Our first-class team won the award for the third time!!!", Platform::X, Lang::En),
        ("For press questions, write to presse@acme.example. #employee at Acme", Platform::Linkedin, Lang::En),
    ];
    for (text, platform, lang) in posts {
        let rules = raised(&checker, text, platform, lang);
        assert!(rules.is_empty(), "{text:?} raised {rules:?}");
    }
}
