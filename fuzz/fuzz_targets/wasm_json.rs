//! `wasm_json`: the WebAssembly binding's JSON boundary without a browser.
//! The first line is a check context as JSON (what the binding deserializes
//! from the port's object, with the same `Deserialize`), the rest a post.
//! A context the engine accepts checks the post against the rich policy, and
//! `checkJson`'s ASCII text (`ascii_json`) must be ASCII and read back as
//! exactly the report.
#![no_main]

use checker_core::CheckContext;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let input = String::from_utf8_lossy(data);
    let (context, text) = input.split_once('\n').unwrap_or((&input, ""));
    let Ok(context) = serde_json::from_str::<CheckContext>(context) else {
        return;
    };
    let report = checker_core_fuzz::rich_checker().check(text, &context);
    checker_core_fuzz::assert_report_consistent(text, &report);
    let json = checker_wasm::ascii_json::to_ascii_json(&report).expect("a report serializes");
    assert!(json.is_ascii(), "non-ASCII in checkJson's text");
    let read_back: serde_json::Value = serde_json::from_str(&json).expect("checkJson is JSON");
    assert_eq!(
        read_back,
        serde_json::to_value(&report).expect("serializes")
    );
});
