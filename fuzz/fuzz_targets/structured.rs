//! Arbitrary valid presentations, symptoms included (contract v3),
//! checking the invariants: red flags dominate whatever the symptoms; no
//! yes-family verdict while a red flag is present or unknown; the verdict
//! of the best and the worst completion, built explicitly, are the reported
//! best and worst cases (so, by monotonicity, a determinate verdict holds
//! for every completion); symptoms never change the verdict; the candidates
//! come band by band and none is `likely` while one of its key groups is
//! not known true.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use prolo_triage::{
    assess, decide, Allergy, Band, Condition, Family, Finding, FindingGroup, MedicationClass,
    Policy, Presentation, PresentationBuilder, Sex, Symptom, Truth, Verdict,
};
use prolo_triage::rules::{Feature, PATTERNS};

#[derive(Debug, Arbitrary)]
struct Input {
    age: Option<u8>,
    sex: Option<u8>,
    conditions: Option<u16>,
    weeks: Option<u16>,
    care_percent: Option<u8>,
    // One byte per finding and per symptom, with room for the vocabularies
    // to grow: a byte past the end is unused.
    findings: [u8; 40],
    symptoms: [u8; 64],
    medications: Option<u8>,
    allergies: Option<u8>,
}

fn pick<T: Copy>(all: &[T], mask: u16) -> Vec<T> {
    all.iter().enumerate().filter(|(i, _)| mask & (1 << i) != 0).map(|(_, x)| *x).collect()
}

fn truth(b: u8) -> Truth {
    match b % 3 {
        0 => Truth::Absent,
        1 => Truth::Unknown,
        _ => Truth::Present,
    }
}

fn build(input: &Input) -> Option<Presentation> {
    let mut b = Presentation::builder();
    if let Some(a) = input.age {
        b = b.age_years(u32::from(a) % 131);
    }
    let sex = input.sex.map(|s| Sex::all()[usize::from(s) % 3]);
    if let Some(s) = sex {
        b = b.sex(s);
    }
    if let Some(c) = input.conditions {
        b = b.conditions(pick(Condition::all(), c));
    }
    if let Some(s) = input.weeks {
        let s = u32::from(s) % 5201;
        b = b.symptom_weeks(s);
        if let Some(p) = input.care_percent {
            b = b.conservative_care_weeks(s * u32::from(p % 101) / 100);
        }
    }
    for (f, t) in Finding::all().iter().zip(input.findings) {
        let t = truth(t);
        if !(*f == Finding::Pregnancy && t == Truth::Present && sex == Some(Sex::Male)) {
            b = b.finding(*f, t);
        }
    }
    for (s, t) in Symptom::all().iter().zip(input.symptoms) {
        b = b.symptom(*s, truth(t));
    }
    if let Some(m) = input.medications {
        b = b.medications(pick(MedicationClass::all(), u16::from(m)));
    }
    if let Some(a) = input.allergies {
        b = b.allergies(pick(Allergy::all(), u16::from(a)));
    }
    b.build().ok()
}

/// Every unknown filled with its most (or least) adverse value.
fn completion(p: &Presentation, policy: &Policy, adverse: bool) -> Presentation {
    let fill = if adverse { Truth::Present } else { Truth::Absent };
    let mut b: PresentationBuilder = p.to_builder();
    for f in Finding::all() {
        let pregnancy_settled = *f == Finding::Pregnancy && p.sex() == Some(Sex::Male);
        if p.finding(*f) == Truth::Unknown && !pregnancy_settled {
            b = b.finding(*f, fill);
        }
    }
    if p.age_years().is_none() {
        b = b.age_years(if adverse { 0 } else { 130 });
    }
    if p.conditions().is_none() {
        b = b.conditions(if adverse { vec![Condition::Other] } else { vec![Condition::PlantarFasciitis] });
    }
    match (p.symptom_weeks(), p.conservative_care_weeks()) {
        (None, None) => {
            b = if adverse { b.symptom_weeks(0).conservative_care_weeks(0) } else { b.symptom_weeks(5200).conservative_care_weeks(5200) };
        }
        (None, Some(c)) => b = b.symptom_weeks(if adverse { u32::from(c.get()) } else { 5200 }),
        (Some(s), None) => b = b.conservative_care_weeks(if adverse { 0 } else { u32::from(s.get()) }),
        _ => {}
    }
    if p.medications().is_none() {
        b = b.medications(if adverse { MedicationClass::all().to_vec() } else { vec![] });
    }
    if p.allergies().is_none() {
        b = b.allergies(if adverse { Allergy::all().to_vec() } else { vec![] });
    }
    let _ = policy;
    b.build().unwrap_or(*p)
}

fuzz_target!(|input: Input| {
    let Some(p) = build(&input) else { return };
    let policy = Policy::default();
    let a = assess(&p, &policy);
    assert_eq!(decide(&p, &policy), a.verdict);
    let red = |t: Truth| -> bool {
        Finding::all().iter().filter(|f| f.group() == FindingGroup::RedFlag).any(|f| p.finding(*f) == t)
    };
    let ottawa_exam = [
        Finding::BoneTendernessLateralMalleolus,
        Finding::BoneTendernessMedialMalleolus,
        Finding::BoneTendernessFifthMetatarsalBase,
        Finding::BoneTendernessNavicular,
        Finding::UnableToBearWeight,
    ];
    let ottawa_present = p.finding(Finding::RecentInjury) == Truth::Present
        && ottawa_exam.iter().any(|f| p.finding(*f) == Truth::Present);
    let ottawa_possible = p.finding(Finding::RecentInjury) != Truth::Absent
        && ottawa_exam.iter().any(|f| p.finding(*f) != Truth::Absent);
    if red(Truth::Present) || ottawa_present {
        assert_eq!(a.verdict, Verdict::ReferUrgently);
    }
    if red(Truth::Unknown) || ottawa_possible {
        assert_ne!(a.verdict.family(), Some(Family::Yes));
    }
    assert_eq!(decide(&completion(&p, &policy, false), &policy), a.best_case);
    assert_eq!(decide(&completion(&p, &policy, true), &policy), a.worst_case);
    assert!(a.summary.chars().count() <= prolo_triage::MAX_SUMMARY_CHARS);
    // Symptoms never change the verdict.
    let bare = Symptom::all()
        .iter()
        .fold(p.to_builder(), |b, s| b.symptom(*s, Truth::Unknown))
        .build()
        .unwrap_or(p);
    let without = assess(&bare, &policy);
    assert_eq!(
        (without.verdict, without.best_case, without.worst_case),
        (a.verdict, a.best_case, a.worst_case)
    );
    assert!(a.candidates.windows(2).all(|w| w[0].band <= w[1].band));
    for c in a.candidates.iter().filter(|c| c.band == Band::Likely) {
        let Some(row) = PATTERNS.iter().find(|r| r.condition == c.condition) else { continue };
        for group in row.key {
            let known_true = group.iter().any(|m| match m.feature {
                Feature::Symptom(s) => p.symptom(s) == if m.negated { Truth::Absent } else { Truth::Present },
                _ => false,
            });
            assert!(known_true, "{} likely with a key group not known true", c.condition);
        }
    }
});
