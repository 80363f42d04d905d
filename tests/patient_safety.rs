//! What a patient reads is safe to act on (issue 21): one test per high
//! and medium patient-facing defect of the December 2026 review
//! (`reviews/texts-2026-12.md`: H1–H4, M1–M9, M13, M14) and the cheap low
//! ones, each built from a shipped example with a JSON edit, through the
//! public API, on the text a patient sees (the page less the clinician's
//! folded citations and the `data-*` attributes). Every test in the first
//! part fails on the handout before issue 21 (commit c36eebc); the tests
//! of `new_api` use what issue 21 added.

use std::collections::BTreeMap;

use proptest::prelude::*;
use scraper::{Html, Selector};
use serde_json::{json, Value};

use crate::common::{self, edited, example, examples};

use prolo_triage::{
    assess, Assessment, Fact, Family, Finding, Group, Handout, MedicationClass, Policy,
    Presentation, Truth, Verdict,
};

// ---------------------------------------------------------------------------
// Fixtures

fn assessed(json: &str, policy: &Policy) -> Assessment {
    let p = Presentation::from_json(json).unwrap_or_else(|e| panic!("{e}: {json}"));
    assess(&p, policy)
}

/// What the patient sees of the HTML page and of the Markdown, one
/// string each.
struct Seen {
    html: String,
    md: String,
    page: String,
}

impl Seen {
    fn of(a: &Assessment) -> Seen {
        let h = Handout::new(a);
        let page = h.to_html();
        Seen {
            html: common::visible_html(&page),
            md: common::visible_markdown(&h.to_markdown()),
            page,
        }
    }

    /// Both renderings, for a check on each.
    fn both(&self) -> [(&'static str, &str); 2] {
        [("html", &self.html), ("markdown", &self.md)]
    }

    #[track_caller]
    fn says(&self, words: &str) {
        for (kind, text) in self.both() {
            assert!(text.contains(words), "{kind}: {words:?} not in\n{text}");
        }
    }

    #[track_caller]
    fn never(&self, words: &str) {
        for (kind, text) in self.both() {
            assert!(!text.contains(words), "{kind}: {words:?} in\n{text}");
        }
    }

    fn times(&self, words: &str) -> usize {
        self.md.matches(words).count()
    }

    /// The page's sections (not the notes) as (heading, boxed, lines).
    fn sections(&self) -> Vec<(String, bool, Vec<String>)> {
        let doc = Html::parse_document(&self.page);
        let sel = |s: &str| Selector::parse(s).unwrap();
        doc.select(&sel("main > section"))
            .filter(|s| !s.value().classes().any(|c| c == "notes"))
            .map(|s| {
                let heading = s.select(&sel("h2")).flat_map(|h| h.text()).collect();
                let boxed = s.value().classes().any(|c| c == "action");
                let lines = s
                    .select(&sel("li"))
                    .map(|li| {
                        li.children()
                            .filter_map(|n| n.value().as_text().map(|t| t.trim().to_owned()))
                            .collect::<String>()
                    })
                    .collect();
                (heading, boxed, lines)
            })
            .collect()
    }

    /// The lines of the section headed `heading`.
    #[track_caller]
    fn section(&self, heading: &str) -> Vec<String> {
        self.sections()
            .into_iter()
            .find(|(h, _, _)| h == heading)
            .map(|(_, _, lines)| lines)
            .unwrap_or_else(|| panic!("no section {heading:?} in\n{}", self.md))
    }

    fn title(&self) -> String {
        let doc = Html::parse_document(&self.page);
        doc.select(&Selector::parse("h1").unwrap())
            .flat_map(|h| h.text())
            .collect()
    }
}

/// Example `prefix` with findings set (a pregnancy recorded for a woman).
fn with_findings(prefix: &str, findings: &[(&str, &str)]) -> String {
    edited(prefix, |doc| {
        for (finding, truth) in findings {
            doc["findings"][*finding] = json!(truth);
            if *finding == "pregnancy" {
                doc["sex"] = json!("female");
            }
        }
    })
}

/// Example `prefix` with a top-level field set.
fn with(prefix: &str, field: &str, value: Value) -> String {
    edited(prefix, |doc| doc[field] = value)
}

fn strict() -> Policy {
    Policy::builder("strict", "1")
        .classify(
            Fact::Medication(MedicationClass::Anticoagulant),
            Group::Absolute,
        )
        .build()
        .unwrap()
}

/// A policy below the literature on every threshold: age 12, 4 weeks of
/// symptoms, 2 of care (review H3).
fn low() -> Policy {
    Policy::builder("low", "1")
        .min_age_years(12)
        .min_symptom_weeks(4)
        .min_conservative_care_weeks(2)
        .build()
        .unwrap()
}

const DO_NOT_STOP: &str = "Do not stop or change";
const KEEP_ASPIRIN: &str = "Keep taking aspirin for your heart or to prevent clots";
const NSAIDS_NAMED: &str = "such as ibuprofen, naproxen or diclofenac";
const OTHER_TREATMENTS: &str =
    "Your clinician can talk with you about other treatments for your foot.";
const SEPSIS: &str = "If you feel very unwell, shivery or confused, or you get worse fast";
const CLOT_IN_LUNGS: &str =
    "If you get chest pain, suddenly feel short of breath or cough up blood";
const EMERGENCY_NUMBER: &str = "call your local emergency number now";
const CHECKED_TODAY: &str = "Your clinician is arranging for this to be checked today.";
const UNTIL_CHECKED: &str = "Until your clinician has checked your foot, watch for warning signs. Contact the clinic the same day if your foot gets hot, red and swollen, if you get a fever, or if the pain suddenly gets much worse.";

/// The red flags (JSON names), each alone on the discuss-ready example 01.
const RED_FLAGS: [&str; 9] = [
    "fever",
    "hot_swollen_foot",
    "achilles_rupture_signs",
    "ischaemia_signs",
    "calf_swelling",
    "pain_out_of_proportion",
    "neurological_deficit",
    "tumour_signs",
    "rapidly_worsening_deformity",
];

/// Every case this file reads: the shipped examples, and variants that
/// reach every verdict and every kind of patient line, with the policy.
pub fn cases() -> Vec<(String, String, Policy)> {
    let mut out: Vec<(String, String, Policy)> = examples()
        .into_iter()
        .map(|(name, json)| (name, json, Policy::default()))
        .collect();
    for flag in RED_FLAGS {
        out.push((
            format!("01+{flag}"),
            with_findings("01", &[(flag, "present")]),
            Policy::default(),
        ));
    }
    let variants: Vec<(&str, String)> = vec![
        (
            "01+ottawa",
            with_findings(
                "01",
                &[
                    ("recent_injury", "present"),
                    ("bone_tenderness_navicular", "present"),
                ],
            ),
        ),
        (
            "01+tender-no-injury",
            with_findings("01", &[("bone_tenderness_navicular", "present")]),
        ),
        (
            "01+systemic",
            with_findings("01", &[("systemic_infection", "present")]),
        ),
        (
            "01+fever-unknown",
            with_findings("01", &[("fever", "unknown")]),
        ),
        (
            "05+calf-unknown",
            edited("05", |d| d["findings"]["calf_swelling"] = json!("unknown")),
        ),
        (
            "01+skin",
            with_findings("01", &[("skin_infection_at_site", "present")]),
        ),
        (
            "01+bleeding",
            with_findings("01", &[("bleeding_disorder", "present")]),
        ),
        (
            "01+pregnant",
            with_findings("01", &[("pregnancy", "present")]),
        ),
        (
            "01+many",
            edited("01", |d| {
                for f in [
                    "pregnancy",
                    "diabetes",
                    "peripheral_neuropathy",
                    "immunosuppression",
                    "active_cancer",
                    "recent_steroid_injection",
                    "low_platelets",
                ] {
                    d["findings"][f] = json!("present");
                }
                d["sex"] = json!("female");
                d["allergies"] = json!(["dextrose", "corn"]);
            }),
        ),
        ("01+corn", with("01", "allergies", json!(["corn"]))),
        ("01+dextrose", with("01", "allergies", json!(["dextrose"]))),
        (
            "01+la",
            with("01", "allergies", json!(["local_anaesthetic"])),
        ),
        (
            "01+aspirin-nsaid",
            with("01", "medications", json!(["low_dose_aspirin", "nsaid"])),
        ),
        (
            "01+aspirin",
            with("01", "medications", json!(["low_dose_aspirin"])),
        ),
        (
            "01+antiplatelet",
            with("01", "medications", json!(["antiplatelet"])),
        ),
        (
            "01+meds-unknown",
            edited("01", |d| {
                drop(d.as_object_mut().unwrap().remove("medications"))
            }),
        ),
        (
            "01+achilles",
            with("01", "conditions", json!(["achilles_tendinopathy"])),
        ),
        (
            "01+bunion",
            with("01", "conditions", json!(["bunion_pain"])),
        ),
        (
            "01+morton",
            with("01", "conditions", json!(["mortons_neuroma"])),
        ),
        ("01+other", with("01", "conditions", json!(["other"]))),
        (
            "01+child-other",
            edited("01", |d| {
                d["conditions"] = json!(["other"]);
                d["age_years"] = json!(14);
            }),
        ),
        (
            "01+care-only",
            with("01", "conservative_care_weeks", json!(2)),
        ),
        (
            "01+open-aspirin",
            with(
                "01",
                "medications",
                json!({"low_dose_aspirin": "present", "antiplatelet": "unknown", "nsaid": "absent",
                       "anticoagulant": "absent", "systemic_corticosteroid": "unknown", "immunosuppressant": "absent"}),
            ),
        ),
    ];
    out.extend(
        variants
            .into_iter()
            .map(|(name, json)| (name.to_owned(), json, Policy::default())),
    );
    out.push(("02+strict".into(), example("02"), strict()));
    out.push(("07+low".into(), with("07", "age_years", json!(14)), low()));
    out.push((
        "01+6-weeks+low".into(),
        edited("01", |d| {
            d["symptom_weeks"] = json!(6);
            d["conservative_care_weeks"] = json!(3);
        }),
        low(),
    ));
    out
}

fn case(name: &str) -> (Assessment, Seen) {
    let (_, json, policy) = cases()
        .into_iter()
        .find(|(n, _, _)| n == name)
        .unwrap_or_else(|| panic!("no case {name}"));
    let a = assessed(&json, &policy);
    let seen = Seen::of(&a);
    (a, seen)
}

// ---------------------------------------------------------------------------
// H1: aspirin for the heart is named and kept; the NSAIDs are named

#[test]
fn h1_aspirin_is_kept_whenever_it_may_be_taken() {
    for name in [
        "01+aspirin-nsaid",
        "01+aspirin",
        "01+meds-unknown",
        "v2-open-medication-list.json",
    ] {
        let (a, seen) = case(name);
        assert_eq!(a.verdict.family(), Some(Family::Yes), "{name}");
        seen.says(KEEP_ASPIRIN);
        // The do-not-stop line names aspirin too: it is often bought
        // without a prescription (knowledge §2).
        let line = seen
            .md
            .lines()
            .find(|l| l.contains(DO_NOT_STOP))
            .unwrap_or_else(|| panic!("{name}: {}", seen.md));
        assert!(line.contains("aspirin for your heart"), "{name}: {line}");
        assert_eq!(seen.times(DO_NOT_STOP), 1, "{name}: {}", seen.md);
    }
}

#[test]
fn h1_the_anti_inflammatories_to_stop_are_named() {
    for name in [
        "01-runner-heel-pain-discuss.json",
        "01+aspirin-nsaid",
        "v2-open-medication-list.json",
    ] {
        let (_, seen) = case(name);
        let prepare = seen.section("How to prepare").join("\n");
        let nsaid = prepare
            .lines()
            .find(|l| l.contains("anti-inflammatory"))
            .unwrap_or_else(|| panic!("{name}: {prepare}"));
        assert!(nsaid.contains(NSAIDS_NAMED), "{name}: {nsaid}");
        assert!(!nsaid.contains("aspirin"), "{name}: {nsaid}");
        assert!(prepare.contains(DO_NOT_STOP), "{name}: {prepare}");
    }
}

// ---------------------------------------------------------------------------
// H2: what to do depends on the red flag's tier (knowledge §1.1)

/// The first section of a red flag's handout: boxed, "What to do now".
#[track_caller]
fn what_to_do_now(seen: &Seen) -> Vec<String> {
    let sections = seen.sections();
    let (heading, boxed, lines) = sections.first().cloned().expect("a section");
    assert_eq!(heading, "What to do now", "{}", seen.md);
    assert!(boxed, "{}", seen.md);
    lines
}

#[test]
fn h2_possible_compartment_syndrome_is_the_emergency_department_now() {
    let (a, seen) = case("01+pain_out_of_proportion");
    assert_eq!(a.verdict, Verdict::ReferUrgently);
    let now = what_to_do_now(&seen);
    assert_eq!(
        now[0],
        "Go to an emergency department now, or call your local emergency number. Do not wait for the clinic.",
        "{}", seen.md
    );
    // Never "contact the clinic" first, nor anywhere for this tier.
    seen.never("Contact the clinic");
    seen.never("contact the clinic");
    seen.never(CHECKED_TODAY);
    assert_eq!(seen.title(), "Your foot needs emergency care now");
}

#[test]
fn h2_a_possible_clot_is_checked_today_with_the_signs_of_a_clot_in_the_lungs() {
    let (_, seen) = case("01+calf_swelling");
    let now = what_to_do_now(&seen);
    assert_eq!(now[0], CHECKED_TODAY, "{}", seen.md);
    assert!(
        now.iter()
            .any(|l| l.starts_with(CLOT_IN_LUNGS) && l.contains(EMERGENCY_NUMBER)),
        "{now:?}"
    );
    assert!(!now.iter().any(|l| l.starts_with(SEPSIS)), "{now:?}");
}

#[test]
fn h2_fever_or_a_hot_swollen_foot_is_checked_today_with_the_signs_of_sepsis() {
    for flag in ["fever", "hot_swollen_foot"] {
        let (_, seen) = case(&format!("01+{flag}"));
        let now = what_to_do_now(&seen);
        assert_eq!(now[0], CHECKED_TODAY, "{flag}: {}", seen.md);
        assert!(
            now.iter()
                .any(|l| l.starts_with(SEPSIS) && l.contains(EMERGENCY_NUMBER)),
            "{flag}: {now:?}"
        );
        // NICE NG51: sepsis may come without a high temperature.
        seen.says("even without a high temperature");
    }
}

#[test]
fn h2_poor_blood_flow_names_the_emergency_sign() {
    let (_, seen) = case("01+ischaemia_signs");
    let now = what_to_do_now(&seen);
    assert!(
        now.iter().any(
            |l| l.starts_with("If your foot suddenly turns cold, pale or blue")
                && l.contains("go to an emergency department now")
        ),
        "{now:?}"
    );
}

#[test]
fn h2_possible_tumour_is_an_urgent_referral_not_today() {
    let (_, seen) = case("01+tumour_signs");
    let now = what_to_do_now(&seen);
    assert_eq!(
        now[0], "Your clinician is arranging an urgent appointment to check this.",
        "{}",
        seen.md
    );
    seen.never("today");
    seen.never("emergency");
    assert_eq!(seen.title(), "Your foot needs to be checked soon");
    // What was found is named once, not "needs checking … needs to be checked".
    seen.never("need checking");
}

#[test]
fn h2_the_same_day_red_flags_are_checked_today_without_an_emergency() {
    for flag in [
        "achilles_rupture_signs",
        "neurological_deficit",
        "rapidly_worsening_deformity",
    ] {
        let (_, seen) = case(&format!("01+{flag}"));
        let now = what_to_do_now(&seen);
        assert_eq!(
            now,
            [
                CHECKED_TODAY,
                "If you have not heard from the clinic by the end of the day, call the clinic.",
                "If the clinic is closed, contact your local urgent care service.",
            ],
            "{flag}"
        );
        assert_eq!(
            seen.title(),
            "Your foot needs to be checked today",
            "{flag}"
        );
    }
}

#[test]
fn h2_the_most_urgent_tier_wins_with_every_sign() {
    let json = with_findings(
        "01",
        &[
            ("pain_out_of_proportion", "present"),
            ("calf_swelling", "present"),
            ("fever", "present"),
        ],
    );
    let seen = Seen::of(&assessed(&json, &Policy::default()));
    let now = what_to_do_now(&seen);
    assert!(
        now[0].starts_with("Go to an emergency department now"),
        "{now:?}"
    );
    assert!(now.iter().any(|l| l.starts_with(CLOT_IN_LUNGS)), "{now:?}");
    assert!(now.iter().any(|l| l.starts_with(SEPSIS)), "{now:?}");
}

/// No country's emergency number is printed without a clinic setting
/// (knowledge §1.1): the digits 999, 911, 112, 000 never stand alone.
#[test]
fn h2_no_countrys_emergency_number_by_default() {
    for (name, json, policy) in cases() {
        let seen = Seen::of(&assessed(&json, &policy));
        for (kind, text) in seen.both() {
            for word in text.split(|c: char| !c.is_ascii_digit()) {
                assert!(
                    !["999", "911", "112", "000", "111"].contains(&word),
                    "{name} {kind}: {word} in\n{text}"
                );
            }
        }
    }
}

// ---------------------------------------------------------------------------
// H3: nobody like this patient was in the trials

#[test]
fn h3_a_child_under_a_lower_age_policy_reads_adults_only_and_no_research() {
    let (a, seen) = case("07+low");
    assert_eq!(a.verdict.family(), Some(Family::Yes), "{:?}", a.verdict);
    seen.says("The studies of prolotherapy included only adults (18 and over).");
    seen.never("A few small studies suggest");
    seen.never("may help some people");
    seen.never("moderate");
    // Nor the trials' courses of sessions, which were adults' too.
    seen.never("In studies for");
}

#[test]
fn h3_six_weeks_under_a_low_policy_reads_3_months_and_no_research() {
    let (a, seen) = case("01+6-weeks+low");
    assert_eq!(a.verdict.family(), Some(Family::Yes), "{:?}", a.verdict);
    seen.says("The studies included people who had had symptoms for at least 3 months");
    seen.never("A few small studies suggest");
    seen.never("moderate");
    seen.never("In studies for");
}

/// Under a policy age below the trials' (12), a younger child is not told
/// that the studies are why it is not offered before 12: the studies were
/// of adults, the 12 is the clinic's (knowledge §3). Found with issue 21.
#[test]
fn h3_a_policy_age_is_not_said_to_come_from_the_studies() {
    let json = edited("07", |d| d["age_years"] = json!(10));
    let a = assessed(&json, &low());
    assert_eq!(a.verdict, Verdict::NotSuitable);
    let seen = Seen::of(&a);
    for line in seen.md.lines().filter(|l| l.contains("age 12")) {
        assert!(!line.contains("studies"), "{line}");
    }
    seen.says("only adults");
}

// ---------------------------------------------------------------------------
// H4: bone tenderness without an injury

#[test]
fn h4_tenderness_without_injury_reads_a_stress_fracture_check() {
    let (a, seen) = case("01+tender-no-injury");
    assert_eq!(a.verdict.family(), Some(Family::Yes), "{:?}", a.verdict);
    seen.says("your clinician will check for a possible stress fracture (a small crack in a bone)");
    let why = seen.section("Why your clinician may discuss it").join("\n");
    assert!(why.contains("stress fracture"), "{why}");
}

// ---------------------------------------------------------------------------
// M1, M2: sources in patient words, each label once

/// What a patient never reads (review M1, knowledge §8): trial numbers,
/// study jargon, strength codes, journals, citation shorthand, the seed's
/// section markers, and the names or strengths of what is injected.
const NEVER_SHOWN: [&str; 30] = [
    "NCT",
    "RCT",
    "PRP",
    "≈",
    "strength of recommendation",
    "case series",
    "(secondary",
    "secondary)",
    "peer_reviewed",
    "(inferred)",
    "(seed)",
    "Seed:",
    "via secondary",
    "16/20",
    "good-excellent",
    "J Fam Pract",
    "BJSM",
    "JAMA",
    "AJR",
    "PM&R",
    "Am J",
    "BMJ",
    "Ann Emerg Med",
    "Turk J",
    "Medscape",
    "et al",
    "lidocaine",
    "%",
    "our inference",
    "Our own inference",
];

#[test]
fn m1_no_citation_jargon_in_what_a_patient_sees() {
    for (name, json, policy) in cases() {
        let seen = Seen::of(&assessed(&json, &policy));
        for word in NEVER_SHOWN {
            for (kind, text) in seen.both() {
                assert!(!text.contains(word), "{name} {kind}: {word:?} in\n{text}");
            }
        }
    }
}

#[test]
fn m2_each_note_is_printed_once() {
    for (name, json, policy) in cases() {
        let seen = Seen::of(&assessed(&json, &policy));
        let doc = Html::parse_document(&seen.page);
        // Every visible text node but a note number or a blank is unique:
        // a source note repeated after each line shows up here.
        let mut counts: BTreeMap<String, usize> = BTreeMap::new();
        for node in doc.tree.root().descendants() {
            let Some(t) = node.value().as_text() else {
                continue;
            };
            let in_hidden = node.ancestors().any(|a| {
                a.value()
                    .as_element()
                    .is_some_and(|e| ["head", "details", "sup", "dd"].contains(&e.name()))
            });
            if !in_hidden && !t.trim().is_empty() {
                *counts.entry(t.trim().to_owned()).or_default() += 1;
            }
        }
        let repeated: Vec<(&String, &usize)> = counts.iter().filter(|(_, n)| **n > 1).collect();
        assert!(repeated.is_empty(), "{name}: repeated {repeated:?}");
        // The notes' labels: short and plain, one per kind of source.
        let labels: Vec<String> = doc
            .select(&Selector::parse("section.notes > ol > li").unwrap())
            .map(|li| li.text().collect())
            .collect();
        assert!(!labels.is_empty(), "{name}: no notes");
        for label in &labels {
            assert!(
                common::NOTE_LABELS.contains(&label.as_str()),
                "{name}: {label}"
            );
        }
    }
}

// ---------------------------------------------------------------------------
// M3, M4: the urgent handout's order, and the clinic's details

#[test]
fn m3_the_urgent_handout_opens_with_what_to_do_in_a_box() {
    for (name, json, policy) in cases() {
        let a = assessed(&json, &policy);
        if a.verdict != Verdict::ReferUrgently {
            continue;
        }
        let seen = Seen::of(&a);
        what_to_do_now(&seen);
        let title = seen.title();
        assert!(title.starts_with("Your foot needs"), "{name}: {title}");
        // The explainer of an injection not given is not in the way.
        assert!(
            seen.sections()
                .iter()
                .all(|(h, _, _)| h != "What is prolotherapy?"),
            "{name}"
        );
    }
}

#[test]
fn m4_every_handout_has_the_clinics_details_or_blanks() {
    for (name, json, policy) in cases() {
        let seen = Seen::of(&assessed(&json, &policy));
        let doc = Html::parse_document(&seen.page);
        let sel = |s: &str| Selector::parse(s).unwrap();
        let rows: Vec<(String, String)> = doc
            .select(&sel("main > dl.details > div"))
            .map(|d| {
                let dt: String = d.select(&sel("dt")).flat_map(|e| e.text()).collect();
                let dd: String = d.select(&sel("dd")).flat_map(|e| e.text()).collect();
                (dt, dd)
            })
            .collect();
        let labels: Vec<&str> = rows.iter().map(|(dt, _)| dt.as_str()).collect();
        assert_eq!(
            labels,
            ["Clinic:", "Phone:", "When the clinic is closed:", "Date:"],
            "{name}"
        );
        for (dt, dd) in &rows {
            assert!(!dd.trim().is_empty(), "{name}: {dt} has no value or blank");
        }
        for label in [
            "Clinic: ",
            "Phone: ",
            "When the clinic is closed: ",
            "Date: ",
        ] {
            assert!(
                seen.md.lines().any(|l| l.starts_with(label)),
                "{name}: {label}"
            );
        }
    }
}

// ---------------------------------------------------------------------------
// M5, M6, M7, M8, M9

#[test]
fn m5_research_is_said_as_what_it_means() {
    for name in ["01-runner-heel-pain-discuss.json", "01+achilles"] {
        let (_, seen) = case(name);
        seen.never("moderate");
        seen.says("so it may not help you");
    }
    for (_, json, policy) in cases() {
        let seen = Seen::of(&assessed(&json, &policy));
        seen.never("moderate");
        seen.never("very limited");
    }
}

#[test]
fn m6_with_dextrose_ruled_out_it_is_avoided_and_saline_was_the_comparison() {
    for name in ["01+corn", "01+dextrose"] {
        let (a, seen) = case(name);
        assert_eq!(a.verdict.family(), Some(Family::Yes), "{name}");
        seen.says("your clinician will avoid sugar water (dextrose)");
        seen.says("In the studies, salt water (saline) was the comparison treatment, so there is less evidence that it helps.");
        seen.never("will not be used");
        seen.never("rules out");
    }
}

#[test]
fn m7_a_blood_thinner_made_absolute_is_kept_and_never_a_step() {
    let (a, seen) = case("02+strict");
    assert_eq!(a.verdict, Verdict::Contraindicated);
    seen.never("while you take");
    seen.never("Talk to the doctor who prescribes it");
    assert_eq!(seen.times(DO_NOT_STOP), 1, "{}", seen.md);
    seen.says("This clinic does not give it to people who take a blood thinner.");
    let next = seen.section("What happens next");
    assert_eq!(next, [OTHER_TREATMENTS], "{}", seen.md);
}

#[test]
fn m8_a_systemic_infection_gets_the_sepsis_box_first() {
    let (a, seen) = case("01+systemic");
    assert_eq!(a.verdict, Verdict::Contraindicated);
    let sections = seen.sections();
    let (heading, boxed, lines) = &sections[0];
    assert_eq!(heading, "When to get help now", "{}", seen.md);
    assert!(boxed);
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with(SEPSIS) && l.contains(EMERGENCY_NUMBER)),
        "{lines:?}"
    );
    // The tier's own same-day action comes before its emergency signs
    // (knowledge §1.1: "contact the clinic the same day; get emergency help
    // now if …").
    assert_eq!(
        lines[0], "Your clinician is arranging for this to be checked today.",
        "{lines:?}"
    );
    assert!(lines.iter().position(|l| l.starts_with(SEPSIS)) > Some(0));
}

#[test]
fn m9_an_unknown_red_flag_gets_the_short_safety_net() {
    let mut some = 0;
    for (name, json, policy) in cases() {
        let a = assessed(&json, &policy);
        let unknown_red_flag = a.questions.iter().any(|q| q.group == Group::RedFlag);
        if !unknown_red_flag || a.verdict == Verdict::ReferUrgently {
            continue;
        }
        some += 1;
        let seen = Seen::of(&a);
        assert_eq!(seen.times(UNTIL_CHECKED), 1, "{name}: {}", seen.md);
    }
    assert!(some >= 3, "03 and two variants at least: {some}");
}

// ---------------------------------------------------------------------------
// M13, M14

#[test]
fn m13_the_antiplatelet_words_exclude_aspirin() {
    let (_, seen) = case("01+open-aspirin");
    seen.says("a medicine such as clopidogrel that stops blood cells sticking together (not low-dose aspirin)");
    seen.says(KEEP_ASPIRIN);
    let (_, seen) = case("01+antiplatelet");
    seen.says("clopidogrel");
}

/// "also" only after an earlier line of the same kind (review M13).
#[test]
fn m13_no_also_without_an_earlier_line() {
    for (name, json, policy) in cases() {
        let seen = Seen::of(&assessed(&json, &policy));
        for (_, _, lines) in seen.sections() {
            for (i, line) in lines.iter().enumerate() {
                if line.contains("will also ask you about") {
                    assert!(
                        lines[..i]
                            .iter()
                            .any(|l| l.starts_with("Some things need extra care")),
                        "{name}: {line}"
                    );
                }
            }
        }
    }
}

#[test]
fn m14_the_explainer_is_plain() {
    let (_, seen) = case("01-runner-heel-pain-discuss.json");
    let what = seen.section("What is prolotherapy?");
    assert_eq!(
        what[0],
        "Prolotherapy is a set of injections into a sore tendon or ligament in the foot."
    );
    // The mechanism is the seed's claim, not a fact (L19).
    assert!(
        what.iter()
            .any(|l| l.contains("is meant to help the body repair")),
        "{what:?}"
    );
    for jargon in [
        "connective tissue",
        "natural irritant",
        "controlled inflammation",
        "local anaesthetic",
    ] {
        seen.never(jargon);
    }
}

// ---------------------------------------------------------------------------
// The low ones that are cheap to state

#[test]
fn l4_the_same_research_is_said_once() {
    let (_, seen) = case("01-runner-heel-pain-discuss.json");
    assert_eq!(seen.times("A few small studies suggest"), 1, "{}", seen.md);
    seen.says("some people with plantar fasciitis and heel pain");
}

#[test]
fn l7_not_suitable_gives_a_next_step_and_no_empty_promise() {
    let (_, seen) = case("01+other");
    assert_eq!(seen.section("What happens next"), [OTHER_TREATMENTS]);
    let (a, seen) = case("01+child-other");
    assert_eq!(a.verdict, Verdict::NotSuitable);
    seen.never("from age 18");
}

#[test]
fn l8_l9_l12_l13_l16_l18_l20_no_awkward_or_misleading_words() {
    for (name, json, policy) in cases() {
        let seen = Seen::of(&assessed(&json, &policy));
        for words in [
            "today, the same day",
            "signs of a possible",
            "while you have",
            "has settled",
            "sedation",
            "treated with antibiotics",
            "unexplained weight loss",
            "no longer",
        ] {
            for (kind, text) in seen.both() {
                assert!(!text.contains(words), "{name} {kind}: {words:?} in\n{text}");
            }
        }
    }
}

/// L12: a lifelong condition is not "while you have" it, and a
/// contraindication of the literature is not said as the clinic's choice;
/// one a clinic's policy made absolute is (M7).
#[test]
fn l12_a_contraindication_is_said_as_whose_rule_it_is() {
    let (a, seen) = case("01+bleeding");
    assert_eq!(a.verdict, Verdict::Contraindicated);
    seen.says(
        "Prolotherapy is not given if you have a condition that makes you bleed more easily.",
    );
    seen.says("Your clinician can talk with you about other treatments for your foot.");
    seen.never("This clinic cannot");
    seen.never("means for your foot");
    assert!(a.summary.ends_with("; do not inject."), "{}", a.summary);
}

#[test]
fn l10_only_the_clause_that_applies() {
    let (a, seen) = case("01+care-only");
    assert_eq!(a.verdict, Verdict::NotYet);
    seen.never("fairly recent");
    seen.says("The first treatments have not been tried for long enough yet.");
}

#[test]
fn l15_the_pain_score_is_said_plainly() {
    let (_, seen) = case("01-runner-heel-pain-discuss.json");
    seen.says("(you scored it 7 out of 10)");
    seen.never("7/10");
}

/// Jargon a patient should not meet (review L17, knowledge §8).
#[test]
fn l17_no_jargon_in_the_body() {
    let mut found = Vec::new();
    for (name, json, policy) in cases() {
        let seen = Seen::of(&assessed(&json, &policy));
        for word in [
            "MRI",
            "orthoses",
            "Physical therapy",
            "connective tissue",
            "foot/ankle",
            "local anaesthetic",
        ] {
            if let Some(line) = seen.md.lines().find(|l| l.contains(word)) {
                found.push(format!("{name}: {word:?} in {line}"));
            }
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}

/// From three items up a list is a list (review L21), and the lead-in of
/// a short list reads as a sentence: "…from your clinician: being
/// pregnant." (the colon is the sentence's).
#[test]
fn l21_lists_from_three_up_and_every_line_reads_as_a_sentence() {
    let mut found = Vec::new();
    for (name, json, policy) in cases() {
        let seen = Seen::of(&assessed(&json, &policy));
        for (_, _, lines) in seen.sections() {
            for line in &lines {
                let words = line.split_whitespace().count();
                assert!(words <= 40, "{name}: {words} words: {line}");
                if line.starts_with("Some things need extra care from your clinician ") {
                    found.push(format!("{name}: no colon after the lead-in: {line}"));
                }
            }
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn l33_a_pregnant_patient_tells_the_staff() {
    let (_, seen) = case("01+pregnant");
    seen.says("Tell the staff that you are pregnant before any X-ray, scan or medicine to help you relax.");
}

// ---------------------------------------------------------------------------
// H1 as a property: over random presentations, aspirin that may be taken
// is named and kept in every yes-family handout, and the anti-inflammatory
// line is never alone.

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn aspirin_that_may_be_taken_is_always_kept(d in common::presentation()) {
        let a = assess(&d.presentation, &Policy::default());
        if a.verdict.family() == Some(Family::Yes) {
            let seen = Seen::of(&a);
            if d.aspirin != Truth::Absent {
                prop_assert!(seen.md.contains(KEEP_ASPIRIN), "aspirin {:?}:\n{}", d.aspirin, seen.md);
            }
            if seen.md.contains("anti-inflammatory") {
                prop_assert!(seen.md.contains(NSAIDS_NAMED), "{}", seen.md);
                prop_assert_eq!(seen.times(DO_NOT_STOP), 1, "{}", seen.md);
            }
            prop_assert!(seen.times(DO_NOT_STOP) <= 1, "{}", seen.md);
        }
    }
}

// ---------------------------------------------------------------------------
// What issue 21 added (these use its API, so they cannot fail on c36eebc:
// there the API did not exist)

mod new_api {
    use super::*;
    use prolo_triage::{Answer, Clinic, Date, Interview, Subject};

    /// With the clinic's own details set, the handout uses its emergency
    /// number and its name and phone number, never the generic words
    /// (review H2, M4; knowledge §1.1).
    #[test]
    fn h2_the_clinics_emergency_number_and_phone_are_printed() {
        let clinic = Clinic::default()
            .with_name("Riverside podiatry")
            .unwrap()
            .with_phone("01234 567890")
            .unwrap()
            .with_emergency_number("999")
            .unwrap();
        for flag in ["pain_out_of_proportion", "calf_swelling", "fever"] {
            let a = assessed(
                &with_findings("01", &[(flag, "present")]),
                &Policy::default(),
            );
            let md = Handout::issued(&a, &clinic, None).to_markdown();
            assert!(md.contains("call 999"), "{flag}: {md}");
            assert!(!md.contains("your local emergency number"), "{flag}: {md}");
        }
        let a = assessed(
            &with_findings("01", &[("achilles_rupture_signs", "present")]),
            &Policy::default(),
        );
        let md = Handout::issued(&a, &clinic, None).to_markdown();
        assert!(
            md.contains("call Riverside podiatry on 01234 567890")
                && md.contains("Clinic: Riverside podiatry"),
            "{md}"
        );
    }

    /// The intake's voice for the emergency tier: the patient reported
    /// it, no clinician has seen it (knowledge §1.1).
    #[test]
    fn h2_the_intake_says_go_to_the_emergency_department_for_the_emergency_tier() {
        let policy = Policy::default();
        let mut interview = Interview::new(Presentation::default(), &policy);
        interview
            .answer(Subject::Finding(Finding::PainOutOfProportion), Answer::Yes)
            .unwrap();
        let now = interview.safety_net();
        assert!(
            now[0].text.starts_with("Go to an emergency department now"),
            "{now:?}"
        );
        assert!(
            now.iter().all(|l| !l.text.contains("Contact the clinic")),
            "{now:?}"
        );
    }

    #[test]
    fn h2_the_intake_says_contact_the_clinic_today_for_a_clot_with_the_lung_signs() {
        let policy = Policy::default();
        let mut interview = Interview::new(Presentation::default(), &policy);
        interview
            .answer(Subject::Finding(Finding::CalfSwelling), Answer::Yes)
            .unwrap();
        let now = interview.safety_net();
        assert_eq!(
            now[0].text,
            "Contact the clinic today, so this can be checked."
        );
        assert!(
            now.iter().any(|l| l.text.starts_with(CLOT_IN_LUNGS)),
            "{now:?}"
        );
        // No clinician found it: never "your clinician is arranging".
        assert!(now.iter().all(|l| !l.text.contains("arranging")), "{now:?}");
    }

    #[test]
    fn the_intake_has_no_safety_net_without_a_red_flag() {
        let policy = Policy::default();
        let interview = Interview::new(Presentation::from_json(&example("01")).unwrap(), &policy);
        assert!(interview.safety_net().is_empty());
    }

    /// A handout issued with a date prints it, and a wait as a date
    /// (review L28, knowledge §8): 7 weeks after 7 December 2026 is
    /// 25 January 2027.
    #[test]
    fn l28_the_wait_is_given_as_a_date() {
        let a = assessed(&example("05"), &Policy::default());
        let h = Handout::issued(&a, &Clinic::default(), Date::new(2026, 12, 7));
        let date = h.details.iter().find(|d| d.label == "Date").unwrap();
        assert_eq!(date.value.as_deref(), Some("7 December 2026"));
        let md = h.to_markdown();
        assert!(md.contains("from about 25 January 2027"), "{md}");
    }

    /// With the clinic's emergency number set in the policy, that number
    /// is printed: `Clinic` has no constructor yet (the policy's `clinic`
    /// object is being added), so only the default can be checked here.
    #[test]
    fn h2_without_a_clinic_the_generic_words() {
        let a = assessed(
            &with_findings("01", &[("calf_swelling", "present")]),
            &Policy::default(),
        );
        let h = Handout::issued(&a, &Clinic::default(), None);
        let md = h.to_markdown();
        assert!(md.contains(EMERGENCY_NUMBER), "{md}");
        assert!(md.contains("call the clinic"), "{md}");
    }
}
