//! The documented example policy (`examples/policy.json`) must read without
//! problems and pass its own tests through the engine.

use checker_core::Policy;

const EXAMPLE: &str = include_str!("../../examples/policy.json");

#[test]
fn the_example_policy_passes_its_own_tests() {
    let policy = Policy::from_json(EXAMPLE).unwrap_or_else(|error| panic!("{error}"));
    let checker = policy.compile().unwrap_or_else(|error| panic!("{error}"));
    let report = checker.run_tests();
    assert!(report.total >= 10);
    assert!(report.passed(), "{:#?}", report.failures);
}

#[test]
fn the_example_policy_uses_every_rule_kind() {
    let policy = Policy::from_json(EXAMPLE).unwrap_or_else(|error| panic!("{error}"));
    for kind in ["terms", "pattern", "require", "substitute"] {
        assert!(
            policy
                .rules()
                .iter()
                .any(|rule| rule.kind == kind && rule.source == "policy"),
            "{kind}"
        );
    }
}
