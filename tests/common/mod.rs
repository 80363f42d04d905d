//! What the test modules share: the discuss-ready presentation, the
//! shipped examples' folder, and the proptest strategies more than one
//! module draws from.

use prolo_triage::{Finding, FindingGroup, Presentation, PresentationBuilder, Truth};
use proptest::prelude::*;
use proptest::sample::subsequence;

/// The shipped example presentations (`examples/data/`).
pub const EXAMPLE_DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data");

/// The plain note labels a patient may read, one per kind of source.
pub const NOTE_LABELS: [&str; 5] = [
    "From the clinic's leaflet on prolotherapy",
    "From research studies",
    "From health services and medical websites",
    "Our advice, not from a study",
    "Your clinic's own rule",
];

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

/// A presentation drawn at random, with the truth of low-dose aspirin as
/// drawn (the medication list unknown, closed, or open class by class).
#[derive(Debug, Clone)]
pub struct Drawn {
    /// The presentation.
    pub presentation: Presentation,
    /// Whether low-dose aspirin is taken, as far as the list says.
    pub aspirin: Truth,
}

/// Random presentations that reach every verdict: red flags mostly
/// screened absent, any conditions, durations, medication lists (unknown,
/// closed or open) and allergies.
pub fn presentation() -> impl Strategy<Value = Drawn> {
    use prolo_triage::{Allergy, Condition, MedicationClass};
    let findings = proptest::collection::vec(truth(6, 1, 1), Finding::all().len());
    let medications = prop_oneof![
        1 => Just(None::<Vec<Truth>>),
        3 => proptest::collection::vec(truth(4, 0, 1), MedicationClass::all().len()).prop_map(Some),
    ];
    (
        (
            proptest::option::of(10u32..=90),
            set_of(Condition::all()),
            proptest::option::of(0u32..=60),
            proptest::option::of(0u32..=60),
            proptest::option::of(0u32..=10),
        ),
        (
            proptest::bool::weighted(0.7),
            findings,
            medications,
            proptest::collection::vec(truth(2, 1, 1), MedicationClass::all().len()),
            proptest::bool::ANY,
            set_of(Allergy::all()),
        ),
    )
        .prop_map(
            |(
                (age, conditions, symptoms, care, pain),
                (screened, findings, closed, open, is_open, allergies),
            )| {
                let mut b = Presentation::builder();
                if let Some(v) = age {
                    b = b.age_years(v);
                }
                if let Some(v) = conditions {
                    b = b.conditions(v);
                }
                let (symptoms, care) = match (symptoms, care) {
                    (Some(s), Some(c)) if c > s => (Some(c), Some(s)),
                    other => other,
                };
                if let Some(v) = symptoms {
                    b = b.symptom_weeks(v);
                }
                if let Some(v) = care {
                    b = b.conservative_care_weeks(v);
                }
                if let Some(v) = pain {
                    b = b.pain_score(v);
                }
                for (&f, t) in Finding::all().iter().zip(findings) {
                    let red = matches!(f.group(), FindingGroup::RedFlag);
                    b = b.finding(f, if screened && red { Truth::Absent } else { t });
                }
                let mut aspirin = Truth::Unknown;
                match (closed, is_open) {
                    (None, _) => {}
                    (Some(_), true) => {
                        for (&m, t) in MedicationClass::all().iter().zip(open) {
                            b = b.medication(m, t);
                            if m == MedicationClass::LowDoseAspirin {
                                aspirin = t;
                            }
                        }
                    }
                    (Some(taken), false) => {
                        let list: Vec<MedicationClass> = MedicationClass::all()
                            .iter()
                            .zip(taken)
                            .filter(|(_, t)| *t == Truth::Present)
                            .map(|(m, _)| *m)
                            .collect();
                        aspirin = if list.contains(&MedicationClass::LowDoseAspirin) {
                            Truth::Present
                        } else {
                            Truth::Absent
                        };
                        b = b.medications(list);
                    }
                }
                if let Some(v) = allergies {
                    b = b.allergies(v);
                }
                Drawn {
                    presentation: b.build().expect("a valid presentation"),
                    aspirin,
                }
            },
        )
}
