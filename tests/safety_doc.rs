//! docs/safety.md lists every rule with its source and the test that
//! covers it. This test regenerates the tables and fails when the document
//! drifts from the code; `PROLO_REGENERATE=1 cargo test --test lib
//! safety_doc` rewrites them.

use crate::common;

use prolo_triage::rules::{Feature, Formula, Weight, INJECTATE_RULES, MIMICS, PATTERNS, RULES};
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
    out.push_str(&pattern_tables());
    out
}

/// The worked symptom cases (`examples/data/symptoms/`), by name, with
/// their presentation and assessment.
fn symptom_cases() -> Vec<(String, Presentation, prolo_triage::Assessment)> {
    crate::symptom_cases::cases()
        .into_iter()
        .map(|(name, p)| {
            let a = assess(&p, &Policy::default());
            (name, p, a)
        })
        .collect()
}

fn feature_name(f: Feature) -> String {
    match (f.symptom(), f.field()) {
        (Some(s), _) => format!("`{s}`"),
        (None, Some(field)) => format!("{} (`{field}`)", f.label()),
        _ => f.label().to_owned(),
    }
}

fn feature_known(p: &Presentation, f: Feature) -> bool {
    match (f.symptom(), f.field()) {
        (Some(s), _) => p.symptom(s) != Truth::Unknown,
        (None, Some("age_years")) => p.age_years().is_some(),
        (None, Some("symptom_weeks")) => p.symptom_weeks().is_some(),
        _ => false,
    }
}

/// The worked cases that list `condition` with `f` answered (present or
/// absent): the cases `tests/symptom_cases.rs` checks that exercise the row.
fn covering(
    cases: &[(String, Presentation, prolo_triage::Assessment)],
    condition: Condition,
    f: Feature,
) -> String {
    let names: Vec<String> = cases
        .iter()
        .filter(|(_, p, a)| {
            feature_known(p, f) && a.candidates.iter().any(|c| c.condition == condition)
        })
        .map(|(name, _, _)| format!("`{name}`"))
        .collect();
    cover_cell(&names)
}

fn cover_cell(names: &[String]) -> String {
    match names {
        [] => "`tests/candidates.rs` (properties) only".to_owned(),
        [a] => format!("`tests/symptom_cases.rs`: {a}"),
        [a, b] => format!("`tests/symptom_cases.rs`: {a}, {b}"),
        [a, b, rest @ ..] => format!("`tests/symptom_cases.rs`: {a}, {b} and {} more", rest.len()),
    }
}

/// The symptom patterns and the mimics (contract v3), row by row.
fn pattern_tables() -> String {
    let cases = symptom_cases();
    let mut out = String::new();
    out.push_str("\n### Symptom patterns (`PATTERNS`, contract v3)\n\n");
    out.push_str("Every feature of every condition's row, with its role, who answers it and its source. A candidate never changes the verdict; every row is also read by the properties of `tests/candidates.rs`.\n\n");
    out.push_str("| condition | role | feature | who | source | strength | covered by |\n| --- | --- | --- | --- | --- | --- | --- |\n");
    for row in PATTERNS.iter() {
        let c = row.condition;
        let mut line = |role: String, f: Feature, source: &prolo_triage::Source| {
            out.push_str(&format!(
                "| `{c}` | {role} | {} | {} | {} | {} | {} |\n",
                feature_name(f),
                f.who(),
                cell(&source.citation),
                source.strength,
                covering(&cases, c, f)
            ));
        };
        for (i, group) in row.key.iter().enumerate() {
            for m in group.iter() {
                let role = if m.negated {
                    format!("key group {} (absent)", i + 1)
                } else {
                    format!("key group {}", i + 1)
                };
                line(role, m.feature, &m.source);
            }
        }
        for w in row.likely_only_with.iter() {
            line("likely only with".to_owned(), w.feature, &w.source);
        }
        for (role, items) in [
            ("rules in", row.rules_in),
            ("rules out", row.rules_out),
            ("for", row.for_),
            ("against", row.against),
        ] {
            for w in items.iter() {
                let role = match w.weight {
                    Weight::Key | Weight::RulesIn | Weight::RulesOut => role.to_owned(),
                    strength => format!("{role} ({strength})"),
                };
                line(role, w.feature, &w.source);
            }
        }
        if let Some(rule) = row.counting {
            let items: Vec<String> = rule.items.iter().map(|f| feature_name(*f)).collect();
            let names: Vec<String> = cases
                .iter()
                .filter(|(_, _, a)| {
                    a.candidates.iter().any(|x| {
                        x.condition == c
                            && x.for_.iter().any(|f| f.rule.as_deref() == Some(rule.name))
                    })
                })
                .map(|(name, _, _)| format!("`{name}`"))
                .collect();
            out.push_str(&format!(
                "| `{c}` | counting rule `{}`: {} of {} ({}) | {} | – | {} | {} | {} |\n",
                rule.name,
                rule.at_least,
                rule.items.len(),
                rule.weight,
                items.join(", "),
                cell(&rule.source.citation),
                rule.source.strength,
                cover_cell(&names)
            ));
        }
    }
    out.push_str("\n### Mimics (`MIMICS`, contract v3)\n\n");
    out.push_str("| mimic | suggested by | source | strength | covered by |\n| --- | --- | --- | --- | --- |\n");
    for m in MIMICS.iter() {
        let by: Vec<String> = m.suggested_by.iter().map(|s| format!("`{s}`")).collect();
        let names: Vec<String> = cases
            .iter()
            .filter(|(_, _, a)| a.mimics.iter().any(|x| x.mimic == m.mimic))
            .map(|(name, _, _)| format!("`{name}`"))
            .collect();
        out.push_str(&format!(
            "| `{}` | {} | {} | {} | {}; `tests/candidates.rs::mimics_are_caveats_whatever_the_diagnosis` |\n",
            m.mimic,
            by.join(", "),
            cell(&m.source.citation),
            m.source.strength,
            cover_cell(&names)
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
    // Every pattern row and mimic is exercised by a worked symptom case.
    assert!(
        !pattern_tables().contains("(properties) only"),
        "a pattern row no worked case in examples/data/symptoms/ exercises"
    );
    assert_eq!(
        doc, fresh,
        "docs/safety.md drifted: run PROLO_REGENERATE=1 cargo test --test lib safety_doc"
    );
}
