//! What the test modules share: the discuss-ready presentation, the
//! shipped examples' folder, and the proptest strategies more than one
//! module draws from.

use prolo_triage::{Finding, FindingGroup, Presentation, PresentationBuilder, Truth};
use proptest::prelude::*;
use proptest::sample::subsequence;

/// The shipped example presentations (`examples/data/`).
pub const EXAMPLE_DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data");

/// The environment variable that makes a drift test rewrite the generated
/// file it checks instead of failing (`PROLO_REGENERATE=1`), the same in
/// every crate of the workspace.
pub fn regenerate() -> bool {
    std::env::var_os("PROLO_REGENERATE").is_some()
}

/// Every red flag, contraindication and precaution screened absent; the
/// supporting findings stay as they are (unknown unless set).
pub fn screen_absent(mut b: PresentationBuilder) -> PresentationBuilder {
    for f in Finding::all() {
        if f.group() != FindingGroup::Supporting {
            b = b.finding(*f, Truth::Absent);
        }
    }
    b
}

/// Every finding screened absent, the supporting ones included.
pub fn all_absent(mut b: PresentationBuilder) -> PresentationBuilder {
    for &f in Finding::all() {
        b = b.finding(f, Truth::Absent);
    }
    b
}

/// The discuss-ready adult, without a condition: 45 years old, 30 weeks of
/// symptoms after 20 of conservative care, no medications, no allergies,
/// every red flag, contraindication and precaution screened absent. With a
/// treatable condition added (or conditions left unknown), `discuss` under
/// the default policy; each module states what it changes.
pub fn ready() -> PresentationBuilder {
    screen_absent(
        Presentation::builder()
            .age_years(45)
            .symptom_weeks(30)
            .conservative_care_weeks(20)
            .medications([])
            .allergies([]),
    )
}

/// A truth value, weighted `absent : unknown : present`.
pub fn truth(absent: u32, unknown: u32, present: u32) -> BoxedStrategy<Truth> {
    prop_oneof![
        absent => Just(Truth::Absent),
        unknown => Just(Truth::Unknown),
        present => Just(Truth::Present),
    ]
    .boxed()
}

/// `None` (unknown), `[]` (none), or any subset of the vocabulary.
pub fn set_of<T: Clone + std::fmt::Debug + 'static>(
    all: &'static [T],
) -> impl Strategy<Value = Option<Vec<T>>> {
    prop_oneof![
        1 => Just(None),
        1 => Just(Some(Vec::new())),
        3 => subsequence(all.to_vec(), 0..=all.len()).prop_map(Some),
    ]
}
