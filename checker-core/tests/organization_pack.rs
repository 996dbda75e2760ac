//! The built-in `organization` pack, for a company that exists only here.

use checker_core::{CheckContext, Checker, Lang, Platform, Policy};
use serde_json::json;

#[path = "support/policies.rs"]
mod policies;
use policies::rule_ids;

fn checker() -> Checker {
    let policy = json!({
        "version": 1,
        "organization": {
            "name": "Kranich Logistik", "guideline_url": "https://kranich.example/social", "aliases": ["KL", "KRANICH"], "handles": ["@kranich_log"],
            "products": ["FlyBox"],
            "contacts": {"press": {"name": "Presse-Team", "email": "presse@kranich.example", "phone": "+49 40 1234"}},
            "disclosures": ["#KranichTeam", "views are my own", "meine Meinung"],
            "preferred_disclosure": {"de": "#KranichTeam – meine Meinung", "en": "#KranichTeam – views are my own"}
        },
        "extends": ["organization"]
    });
    match Policy::from_value(policy).and_then(|policy| policy.compile()) {
        Ok(checker) => checker,
        Err(error) => panic!("{error}"),
    }
}

/// The default context, in `lang`.
fn in_lang(lang: Lang) -> CheckContext {
    CheckContext {
        lang,
        ..CheckContext::default()
    }
}

fn raised(checker: &Checker, text: &str) -> Vec<String> {
    let context = CheckContext {
        lang: Lang::De,
        ..CheckContext::new(Platform::Linkedin)
    };
    rule_ids(checker, text, &context)
}

#[test]
fn critical_topics_need_the_organization_in_the_same_sentence() {
    let checker = checker();
    let cases = [
        (
            "Gerüchte über eine Übernahme von Kranich Logistik? #KranichTeam",
            "org.merger",
        ),
        (
            "Kranich Logistik: Übernahmen sind kein Thema. #KranichTeam",
            "org.merger",
        ),
        (
            "Is FlyBox part of the merger? views are my own",
            "org.merger",
        ),
        ("KL wird verklagt, sagt man. #KranichTeam", "org.lawsuit"),
        (
            "The lawsuits against @kranich_log are silly. views are my own",
            "org.lawsuit",
        ),
        (
            "Stellenabbau bei Kranich Logistik? #KranichTeam",
            "org.layoffs",
        ),
        ("More layoffs at KL soon? views are my own", "org.layoffs"),
        ("Datenlecks bei FlyBox? #KranichTeam", "org.data-breach"),
        (
            "Was the Kranich Logistik data breach real? views are my own",
            "org.data-breach",
        ),
        ("Rückrufaktion für die FlyBox! #KranichTeam", "org.recall"),
        ("FlyBox recall announced. views are my own", "org.recall"),
        (
            "Streiks bei Kranich Logistik ab Montag. #KranichTeam",
            "org.strike",
        ),
        ("Bei KL streiken sie wieder. #KranichTeam", "org.strike"),
        (
            "Strike at Kranich Logistik tomorrow. views are my own",
            "org.strike",
        ),
    ];
    for (text, rule) in cases {
        assert_eq!(raised(&checker, text), [rule], "{text}");
    }
}

#[test]
fn critical_topics_elsewhere_or_in_another_sentence_pass() {
    let checker = checker();
    for text in [
        "Die Übernahme von Twitter war chaotisch.",
        "The strike at the port is over.",
        "Ich arbeite bei Kranich Logistik. #KranichTeam\nIn den Nachrichten: Streik bei der Bahn.",
        "Kranich Logistik strikes a deal with the port. views are my own",
        "As I recall, FlyBox was first. views are my own",
    ] {
        assert!(
            raised(&checker, text).is_empty(),
            "{text}: {:?}",
            raised(&checker, text)
        );
    }
}

#[test]
fn messages_name_the_press_contact_in_both_languages() {
    let checker = checker();
    let text = "Streik bei KL! #KranichTeam";
    let de = checker.check(text, &in_lang(Lang::De));
    assert_eq!(
        de.findings[0].message,
        "Zu Streiks und Tarifkonflikten bei Kranich Logistik äußert sich nur die Pressestelle. \
         Frag gern Presse-Team (presse@kranich.example, +49 40 1234)."
    );
    assert_eq!(
        de.findings[0].link.as_deref(),
        Some("https://kranich.example/social")
    );
    let en = checker.check(text, &in_lang(Lang::En));
    assert!(en.findings[0]
        .message
        .contains("Feel free to ask Presse-Team (presse@kranich.example, +49 40 1234)."));
}

#[test]
fn brand_spelling_and_disclosure() {
    let checker = checker();
    assert_eq!(
        raised(&checker, "Die neue Flybox ist da! #KranichTeam"),
        ["org.brand"]
    );
    assert!(raised(&checker, "KRANICH und KL und FlyBox #KranichTeam").is_empty());
    assert_eq!(
        raised(&checker, "Die neue FlyBox ist da!"),
        ["org.disclosure"]
    );
    let report = checker.check("Die neue FlyBox ist da!", &in_lang(Lang::De));
    assert_eq!(
        report.findings[0].suggestions[0].replacement,
        " #KranichTeam – meine Meinung"
    );
}

#[test]
fn without_a_press_contact_messages_name_the_press_office() {
    let policy = json!({"version": 1, "extends": ["organization"],
        "organization": {"name": "Möwe AG", "disclosures": ["#MöweTeam"]}});
    let checker = Policy::from_value(policy)
        .and_then(|policy| policy.compile())
        .unwrap_or_else(|error| panic!("{error}"));
    let text = "Übernahme der Möwe AG? #MöweTeam";
    let de = checker.check(text, &in_lang(Lang::De));
    assert_eq!(
        de.findings[0].message,
        "Übernahmen und Fusionen rund um Möwe AG kommentiert nur die Pressestelle. Frag gern die Pressestelle."
    );
    let en = checker.check(text, &in_lang(Lang::En));
    assert!(en.findings[0]
        .message
        .ends_with("Feel free to ask the press office."));
}

#[test]
fn security_work_is_not_a_data_breach_but_a_breach_is() {
    let checker = checker();
    for text in [
        "Bei Kranich Logistik üben wir heute einen simulierten Hackerangriff. #KranichTeam",
        "Kranich Logistik talk at the conference: how we defend against ransomware. views are my own",
        "Retro nach dem Cyberangriff auf KL: Backups testen! #KranichTeam",
        "FlyBox had a security incident drill today, and the Sicherheitslücke was fixed in an hour. views are my own",
    ] {
        assert!(
            raised(&checker, text).is_empty(),
            "{text}: {:?}",
            raised(&checker, text)
        );
    }
    for text in [
        "Gab es eine Datenpanne bei Kranich Logistik? #KranichTeam",
        "Kundendaten gestohlen bei KL, heißt es. #KranichTeam",
        "Was FlyBox hacked last week? views are my own",
        "Did Kranich Logistik leak customer data? A data leak at KL would be bad. views are my own",
    ] {
        assert_eq!(raised(&checker, text), ["org.data-breach"], "{text}");
    }
}

#[test]
fn brand_spelling_does_not_apply_to_addresses() {
    let checker = checker();
    assert!(raised(
        &checker,
        "Infos unter https://www.flybox.example/karriere und presse@flybox.example. #KranichTeam"
    )
    .is_empty());
    assert_eq!(
        raised(
            &checker,
            "Die Fly-Box ist da, sagt flybox.example. #KranichTeam"
        ),
        ["org.brand"]
    );
}
