//! Arbitrary bytes into `assess_json`: an error or an assessment, never a
//! panic; an assessment always reads back.
#![no_main]

use libfuzzer_sys::fuzz_target;
use prolo_triage::{assess_json, Assessment, Policy};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(json) = assess_json(text, &Policy::default()) {
        let back: Result<Assessment, _> = serde_json::from_str(&json);
        assert!(back.is_ok(), "assessment does not read back: {json}");
    }
});
