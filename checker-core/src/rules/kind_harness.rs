//! The one test harness for rule kinds: compile parameters given as JSON and
//! run the kind on a text, the way the engine will, minus the rule metadata.

use serde::de::DeserializeOwned;

use super::CompileEnv;
use super::{CompileKind, Hit, RuleKind};
use crate::context::{CheckContext, Lang};
use crate::document::Document;
use crate::policy::Organization;
use crate::problem::Problem;

/// Compiles `params` (a JSON object of the kind's own keys) for a policy
/// whose organization is `organization`.
pub(crate) fn compile_with<P>(
    params: serde_json::Value,
    organization: &Organization,
) -> Result<Box<dyn RuleKind>, Vec<Problem>>
where
    P: DeserializeOwned + CompileKind,
{
    let params: P = serde_json::from_value(params).expect("parameters deserialize");
    params.compile(&mut CompileEnv::new(organization, Lang::En))
}

/// Compiles `params` (a JSON object of the kind's own keys).
pub(crate) fn compile<P>(params: serde_json::Value) -> Result<Box<dyn RuleKind>, Vec<Problem>>
where
    P: DeserializeOwned + CompileKind,
{
    compile_with::<P>(params, &Organization::default())
}

/// The paths of the problems that `params` have; they must be invalid.
pub(crate) fn problem_paths<P>(params: serde_json::Value) -> Vec<String>
where
    P: DeserializeOwned + CompileKind,
{
    match compile::<P>(params) {
        Ok(kind) => panic!("expected problems, compiled {kind:?}"),
        Err(problems) => problems.into_iter().map(|problem| problem.path).collect(),
    }
}

/// The hits of `kind` on `text` in `context`, with their ranges checked:
/// sound (see [`assert_ranges_sound`]) and, for hits, not empty.
pub(crate) fn check(kind: &dyn RuleKind, text: &str, context: &CheckContext) -> Vec<Hit> {
    let mut hits = Vec::new();
    kind.check(&Document::new(text), context, &mut hits);
    assert_ranges_sound(text, &hits);
    for range in hits.iter().filter_map(|hit| hit.range.as_ref()) {
        assert!(range.start < range.end, "empty range {range:?} in {text:?}");
    }
    hits
}

/// Compiles `params` and checks `text` in `context`.
pub(crate) fn hits_in<P>(params: serde_json::Value, text: &str, context: &CheckContext) -> Vec<Hit>
where
    P: DeserializeOwned + CompileKind,
{
    let kind = compile::<P>(params).expect("parameters compile");
    check(kind.as_ref(), text, context)
}

/// Compiles `params` and checks `text` in the default context.
pub(crate) fn hits<P>(params: serde_json::Value, text: &str) -> Vec<Hit>
where
    P: DeserializeOwned + CompileKind,
{
    hits_in::<P>(params, text, &CheckContext::default())
}

/// The texts `hits` point at, in order.
pub(crate) fn quotes<'t>(text: &'t str, hits: &[Hit]) -> Vec<&'t str> {
    hits.iter()
        .filter_map(|hit| hit.range.clone())
        .map(|range| &text[range])
        .collect()
}

/// The texts `kind` flags in `text`, in the default context.
pub(crate) fn quotes_in<'t>(kind: &dyn RuleKind, text: &'t str) -> Vec<&'t str> {
    quotes(text, &check(kind, text, &CheckContext::default()))
}

/// The kind-specific keys of the built-in `base` pack rule `id`, so tests can
/// run the shipped parameters.
pub(crate) fn base_pack_params(id: &str) -> serde_json::Value {
    let pack: serde_json::Value =
        serde_json::from_str(include_str!("../../packs/base.json")).expect("base.json is JSON");
    let rule = pack["rules"]
        .as_array()
        .expect("base.json has rules")
        .iter()
        .find(|rule| rule["id"] == id)
        .unwrap_or_else(|| panic!("base.json has no rule {id}"));
    let mut params = rule.as_object().expect("a rule is an object").clone();
    params.retain(|key, _| !crate::policy::model::RULE_KEYS.contains(&key.as_str()));
    serde_json::Value::Object(params)
}

/// Asserts what every kind promises the engine: ranges lie inside the text,
/// on char boundaries, and are not reversed.
pub(crate) fn assert_ranges_sound(text: &str, hits: &[Hit]) {
    let ranges = hits.iter().flat_map(|hit| {
        hit.range
            .iter()
            .chain(hit.fixes.iter().filter_map(|fix| fix.range.as_ref()))
    });
    for range in ranges {
        assert!(range.start <= range.end, "reversed range {range:?}");
        assert!(range.end <= text.len(), "range {range:?} beyond the text");
        assert!(
            text.is_char_boundary(range.start),
            "start of {range:?} inside a char"
        );
        assert!(
            text.is_char_boundary(range.end),
            "end of {range:?} inside a char"
        );
    }
}

/// Ordinary posts, in German and English, full of acronyms, hashtags,
/// handles, links, short quotations and cheerful punctuation. No netiquette
/// or copyright kind may flag any of them.
pub(crate) const HARMLESS_POSTS: [&str; 16] = [
    "Wir freuen uns riesig: Ab 1. März verstärkt Dr. Anna Weber unser Team als CTO. Willkommen an Bord! #NewJob #KI",
    "Drei Tage DMEXCO in Köln – danke an alle, die an unserem Stand vorbeigeschaut haben. Die Folien gibt es unter acme.example/dmexco.",
    "Die neue EU-Verordnung (AI Act) und die DSGVO: Was heißt das für KMU? Ein Überblick von unserer Rechtsabteilung.",
    "Q3-Zahlen: Umsatz +12 %, EBIT 4,2 Mio. EUR. Mehr im Geschäftsbericht.",
    "Heute beim VDI-Kongress in Düsseldorf: Panel zu ESG-Reporting mit BASF, SAP und der IHK.",
    "Zitat des Tages: „Gemeinsam sind wir stärker.“ Was motiviert euch?",
    "Wer kommt mit zum Firmenlauf? Anmeldung bis Freitag!!!",
    "Danke @acme_de für die Einladung! Mehr unter https://acme.example/EVENT-2026?ref=LINKEDIN",
    "Thrilled to announce that I've joined Acme as Head of AI! Huge thanks to my former colleagues at IBM.",
    "We're hiring: 3 x Senior Engineers (Rust/WASM) in Berlin. Apply via acme.example/jobs #hiring #RustLang",
    "Key takeaways from AWS re:Invent: LLM costs are dropping, and GDPR compliance is still the #1 question from EU customers.",
    "What a day!!! Our team won the ESG Innovation Award. So proud of everyone involved.",
    "PSA: Our office will be closed on Dec 24th. Happy holidays!",
    "TL;DR: ship small, ship often. This is REALLY the whole secret.",
    "OKRs, KPIs and ROI: how we measure what matters. As our CFO put it, \"numbers tell a story\".",
    "Great panel with @NASA, @ESA and the UN on #AI and #SpaceTech. Who else was there?",
];
