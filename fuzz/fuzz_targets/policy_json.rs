//! Arbitrary bytes into `Policy::from_json`: an error or a policy that
//! writes and reads back to itself, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use prolo_triage::Policy;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(policy) = Policy::from_json(text) {
        assert_eq!(Policy::from_json(&policy.to_json()).as_ref(), Ok(&policy));
    }
});
