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

/// The example presentations (not the `bad-` ones), as (file name, JSON),
/// sorted by name. Read at test time so a new example is tested too.
pub fn examples() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = std::fs::read_dir(EXAMPLE_DATA)
        .expect("examples/data is readable")
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "json"))
        .filter_map(|path| {
            let name = path.file_name()?.to_str()?.to_owned();
            (!name.starts_with("bad-")).then(|| {
                let json = std::fs::read_to_string(&path).expect("an example is readable");
                (name, json)
            })
        })
        .collect();
    out.sort();
    assert!(
        out.len() >= 8,
        "expected the eight good examples, found {out:?}"
    );
    out
}

/// The JSON of the example whose file name starts with `prefix` ("01").
pub fn example(prefix: &str) -> String {
    let mut found: Vec<String> = examples()
        .into_iter()
        .filter(|(name, _)| name.starts_with(&format!("{prefix}-")))
        .map(|(_, json)| json)
        .collect();
    assert_eq!(found.len(), 1, "exactly one example {prefix}-*.json");
    found.pop().unwrap()
}

/// Example `prefix` with one top-level field replaced.
pub fn variant(prefix: &str, field: &str, value: serde_json::Value) -> String {
    let mut doc: serde_json::Value = serde_json::from_str(&example(prefix)).unwrap();
    doc[field] = value;
    doc.to_string()
}

/// Example `prefix` edited by `edit` (a finding set, a list changed).
pub fn edited(prefix: &str, edit: impl FnOnce(&mut serde_json::Value)) -> String {
    let mut doc: serde_json::Value = serde_json::from_str(&example(prefix)).unwrap();
    edit(&mut doc);
    doc.to_string()
}

/// What a patient sees of a handout page: the text of `<body>`, less the
/// clinician's folded list of full citations (`<details>`, its summary
/// kept). Attributes (`data-source`, `data-strength`) are never shown.
/// One text node a line.
pub fn visible_html(html: &str) -> String {
    let doc = scraper::Html::parse_document(html);
    let mut out = Vec::new();
    for node in doc.tree.root().descendants() {
        let Some(text) = node.value().as_text() else {
            continue;
        };
        let names: Vec<&str> = node
            .ancestors()
            .filter_map(|a| a.value().as_element().map(|e| e.name()))
            .collect();
        let hidden =
            names.contains(&"head") || (names.contains(&"details") && !names.contains(&"summary"));
        if !hidden && !text.trim().is_empty() {
            out.push(text.to_string());
        }
    }
    out.join("\n")
}

/// What a patient reads of a Markdown handout: everything but the
/// numbered list of full citations for the clinician (from "Full sources,
/// for your clinician:" to the closing rule).
pub fn visible_markdown(md: &str) -> String {
    let mut out = Vec::new();
    let mut in_sources = false;
    for line in md.lines() {
        if line == "Full sources, for your clinician:" {
            in_sources = true;
        } else if line == "---" {
            in_sources = false;
        }
        if !in_sources {
            out.push(line);
        }
    }
    out.join("\n")
}
