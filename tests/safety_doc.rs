//! docs/safety.md lists every rule with its source and the test that
//! covers it. This test regenerates the tables and fails when the document
//! drifts from the code; `PROLO_REGENERATE=1 cargo test --test lib
//! safety_doc` rewrites them.

use crate::common;

use prolo_triage::rules::{Formula, INJECTATE_RULES, RULES};
use prolo_triage::{
    assess, Allergy, Condition, Fact, Finding, Group, Handout, MedicationClass, Policy,
    Presentation, PresentationBuilder, Truth,
};

const BEGIN: &str = "<!-- BEGIN GENERATED: tests/safety_doc.rs -->";
const END: &str = "<!-- END GENERATED -->";

fn cell(text: &str) -> String {
    text.replace('|', "\\|")
}

fn tables() -> String {
    let policy = Policy::default();
    let mut out = String::new();
    out.push_str("### Verdict rules (`RULES`, ladder order)\n\n");
    out.push_str("| rule | group | when | source | strength | covered by |\n| --- | --- | --- | --- | --- | --- |\n");
    for r in RULES.iter() {
        let when = match r.formula {
            Formula::Fact(f) => format!("`{f}`"),
            compound => {
                let facts: Vec<String> = compound.facts().map(|f| format!("`{f}`")).collect();
                format!(
                    "`{}` and any of {}",
                    facts[0].trim_matches('`'),
                    facts[1..].join(", ")
                )
            }
        };
        out.push_str(&format!(
            "| `{}` | {} | {} | {} | {} | `tests/rules.rs::every_rule_alone_gives_its_verdict`; `tests/semantics.rs` |\n",
            r.id,
            policy.group_of(r),
            when,
            cell(&r.source.citation),
            r.source.strength
        ));
    }
    out.push_str("\n### Injectate rules (`INJECTATE_RULES`)\n\n");
    out.push_str("| rule | injectate | when | level | source | strength | covered by |\n| --- | --- | --- | --- | --- | --- | --- |\n");
    for r in INJECTATE_RULES.iter() {
        let f = r.fact;
        out.push_str(&format!(
            "| `{}` | {} | `{f}` | {} | {} | {} | `tests/clinical_content.rs::every_injectate_rule_on_its_own` |\n",
            r.id,
            r.injectate,
            r.level,
            cell(&r.source.citation),
            r.source.strength
        ));
    }
    out
}

const PATIENT_BEGIN: &str = "<!-- BEGIN GENERATED PATIENT TEXTS: tests/safety_doc.rs -->";
const PATIENT_END: &str = "<!-- END GENERATED PATIENT TEXTS -->";

/// Adult, treatable, past the thresholds, everything screened absent.
fn ready() -> PresentationBuilder {
    common::all_absent(common::ready().conditions([Condition::HeelPain]))
}

/// The presentations whose handouts the table is read from: the worked
/// cases, then one per kind of obstacle and per patient-text branch.
fn handout_cases() -> Vec<(String, Presentation, Policy)> {
    let mut files: Vec<_> = std::fs::read_dir(common::EXAMPLE_DATA)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with('0') && n.ends_with(".json"))
        })
        .collect();
    files.sort();
    let mut out: Vec<(String, Presentation, Policy)> = files
        .iter()
        .map(|p| {
            let name = p.file_stem().unwrap().to_string_lossy().into_owned();
            let json = std::fs::read_to_string(p).unwrap();
            (
                name,
                Presentation::from_json(&json).unwrap(),
                Policy::default(),
            )
        })
        .collect();
    let strict = Policy::builder("strict", "1")
        .classify(
            Fact::Medication(MedicationClass::Anticoagulant),
            Group::Absolute,
        )
        .build()
        .unwrap();
    let built = |b: PresentationBuilder| b.build().unwrap();
    for &f in Finding::all() {
        out.push((
            f.as_str().to_owned(),
            built(ready().finding(f, Truth::Present)),
            Policy::default(),
        ));
    }
    out.push((
        "anticoagulant, strict policy".into(),
        built(ready().medications([MedicationClass::Anticoagulant])),
        strict,
    ));
    for &m in MedicationClass::all() {
        out.push((
            m.as_str().to_owned(),
            built(ready().medications([m])),
            Policy::default(),
        ));
    }
    for &a in Allergy::all() {
        out.push((
            a.as_str().to_owned(),
            built(ready().allergies([a])),
            Policy::default(),
        ));
    }
    for &c in Condition::all() {
        out.push((
            c.as_str().to_owned(),
            built(ready().conditions([c])),
            Policy::default(),
        ));
        out.push((
            format!("{} too early", c.as_str()),
            built(
                ready()
                    .conditions([c])
                    .symptom_weeks(4)
                    .conservative_care_weeks(2),
            ),
            Policy::default(),
        ));
    }
    out.push((
        "achilles, corn allergy".into(),
        built(
            ready()
                .conditions([Condition::AchillesTendinopathy])
                .allergies([Allergy::Corn, Allergy::LocalAnaesthetic]),
        ),
        Policy::default(),
    ));
    out
}

/// Every distinct handout line, in order of first appearance, with the
/// section it appears in and its source.
fn patient_table() -> String {
    let mut seen = std::collections::BTreeSet::new();
    let mut out = String::new();
    out.push_str("### Findings in plain words (`Finding::patient_label`)\n\n");
    out.push_str("| finding | clinician label | what the patient reads |\n| --- | --- | --- |\n");
    for &f in Finding::all() {
        out.push_str(&format!(
            "| `{f}` | {} | {} |\n",
            cell(f.label()),
            cell(&f.patient_label())
        ));
    }
    out.push_str("\n### Handout lines (`Handout`), with their sources\n\n");
    out.push_str(
        "| section | line | source | strength | first seen in |\n| --- | --- | --- | --- | --- |\n",
    );
    for (name, p, policy) in handout_cases() {
        let h = Handout::new(&assess(&p, &policy));
        for s in &h.sections {
            for l in &s.lines {
                if seen.insert((s.heading.to_string(), l.text.to_string())) {
                    out.push_str(&format!(
                        "| {} | {} | {} | {} | {} |\n",
                        cell(&s.heading),
                        cell(&l.text),
                        cell(&l.source.citation),
                        l.source.strength,
                        cell(&name)
                    ));
                }
            }
        }
    }
    out
}

#[test]
fn safety_doc_lists_every_rule() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/safety.md");
    let doc = std::fs::read_to_string(path).unwrap();
    let (head, rest) = doc.split_once(BEGIN).expect("begin marker");
    let (_, tail) = rest.split_once(END).expect("end marker");
    let fresh = format!("{head}{BEGIN}\n{}{END}{tail}", tables());
    let (head, rest) = fresh
        .split_once(PATIENT_BEGIN)
        .expect("patient begin marker");
    let (_, tail) = rest.split_once(PATIENT_END).expect("patient end marker");
    let fresh = format!(
        "{head}{PATIENT_BEGIN}\n{}{PATIENT_END}{tail}",
        patient_table()
    );
    if common::regenerate() {
        std::fs::write(path, &fresh).unwrap();
    }
    assert_eq!(
        doc, fresh,
        "docs/safety.md drifted: run PROLO_REGENERATE=1 cargo test --test lib safety_doc"
    );
}
