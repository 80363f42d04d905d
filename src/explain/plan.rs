//! The plan for a patient in the yes family: preparation, procedure,
//! expected course, aftercare and side effects, each line from the seed
//! document or a cited trial.

use crate::assessment::{MedicineAdvice, Note, Plan, PlanItem};
use crate::audience::{ClinicianText, PatientText};
use crate::engine::Evaluation;
use crate::knowledge::{self as k, Source};
use crate::patient;
use crate::rules::{Fact, NoteId};
use crate::truth::Truth;
use crate::vocabulary::{Allergy, Condition, Finding, MedicationClass};

fn item(text: &'static str, source: Source) -> PlanItem {
    PlanItem {
        text: PatientText::from_static(text),
        source,
    }
}

/// Whether the patient takes any medicine a doctor prescribes, of a class
/// the rules read (docs/clinical-knowledge.md §2, "Prescribed medicines [I]").
fn takes_prescribed(ev: &Evaluation<'_>) -> bool {
    ev.medications_taken()
        .iter()
        .any(MedicationClass::is_prescribed)
}

/// What the preparation says about medicines: the anti-inflammatory line
/// with the medicines named, aspirin for the heart kept whenever it is
/// recorded or the list cannot rule it out, and the do-not-stop line
/// beside either or beside a prescribed medicine (docs/clinical-knowledge.md §2).
fn medicines(ev: &Evaluation<'_>) -> MedicineAdvice {
    let nsaid = ev.truth(Fact::Medication(MedicationClass::Nsaid)) == Truth::Present;
    let aspirin = ev.truth(Fact::Medication(MedicationClass::LowDoseAspirin)) != Truth::Absent;
    MedicineAdvice {
        stop_anti_inflammatories: nsaid,
        keep_aspirin: aspirin,
        keep_prescribed: nsaid || aspirin || takes_prescribed(ev),
    }
}

/// The plan for the patient.
pub(crate) fn plan(ev: &Evaluation<'_>) -> Plan {
    let allergic = |a| ev.truth(Fact::Allergy(a)) == Truth::Present;

    let medicines = medicines(ev);
    // Sized for the medicine lines: one allocation per section.
    let mut preparation = Vec::with_capacity(7);
    let mut clinician_notes = Vec::new();
    preparation.extend([
        item(
            "First, your clinician asks about your health and examines your foot.",
            k::SEED_PREPARING,
        ),
        item(
            "You may have an X-ray or a scan of your foot.",
            k::SEED_PREPARING,
        ),
    ]);
    if medicines.stop_anti_inflammatories {
        preparation.push(PlanItem {
            text: patient::STOP_ANTI_INFLAMMATORIES,
            source: k::SEED_PREPARING,
        });
        // The conflicting published range is for the clinician to weigh,
        // never for the patient to choose from.
        clinician_notes.push(Note {
            rule: NoteId::NsaidAdvice,
            text: ClinicianText::from_static(
                "Published advice on stopping NSAIDs varies, from 3 days to 2 weeks before and up to 12 weeks after; the seed says 2 to 3 days before.",
            ),
            source: k::NSAID_ADVICE,
        });
    }
    if medicines.keep_aspirin {
        preparation.push(PlanItem {
            text: patient::KEEP_ASPIRIN,
            source: k::PRESCRIBED_MEDICINES,
        });
    }
    // The anti-inflammatory line never reaches a patient alone, and a
    // prescribed medicine is never the patient's to stop (knowledge §2).
    if medicines.keep_prescribed {
        preparation.push(PlanItem {
            text: patient::DO_NOT_STOP,
            source: k::PRESCRIBED_MEDICINES,
        });
    }
    if ev.truth(Fact::Finding(Finding::Pregnancy)) == Truth::Present {
        preparation.push(item(
            "Tell the staff that you are pregnant before any X-ray, scan or medicine to help you relax.",
            k::WRITING_FOR_PATIENTS,
        ));
    }
    preparation.push(item(
        "A meal with some protein in it is recommended shortly before the injections.",
        k::SEED_PREPARING,
    ));

    // Said once, here, where it happens (with what it means for comfort).
    let numbing = if allergic(Allergy::LocalAnaesthetic) {
        item(
            "Because of your allergy, no numbing medicine is used, so the injection may be more uncomfortable.",
            k::ANAESTHETIC_FREE,
        )
    } else {
        item(
            "A numbing cream or liquid is put on the skin to make the injection more comfortable.",
            k::SEED_PROCEDURE,
        )
    };
    let procedure = vec![
        item("The skin over the sore area is cleaned.", k::SEED_PROCEDURE),
        numbing,
        item(
            "If it is very uncomfortable, you may be offered medicine to help you relax.",
            k::SEED_PROCEDURE,
        ),
        item(
            "A thin needle is used to inject the liquid where it is needed. There may be more than one injection in a session.",
            k::SEED_PROCEDURE,
        ),
        item(
            "Afterwards, a heat pack may be put on the area for 10 to 15 minutes.",
            k::SEED_PROCEDURE,
        ),
    ];

    let aftercare = vec![
        item(
            "Go back to your usual activities as you can manage them. This helps healing.",
            k::SEED_AFTERCARE,
        ),
        item("Physiotherapy may be recommended.", k::SEED_AFTERCARE),
        item(
            "It may take about 6 weeks for the tissue to heal well.",
            k::SEED_AFTERCARE,
        ),
    ];

    let side_effects = vec![
        item(
            "Right after the injections, your foot may feel worse before it starts to feel better.",
            k::SEED_SIDE_EFFECTS,
        ),
        item(
            "Common: some swelling, soreness and stiffness. These are usually mild and last only a few days.",
            k::SEED_SIDE_EFFECTS,
        ),
        item(
            "Less common: severe pain, bleeding or infection where the needle went in, or a fever.",
            k::SEED_SIDE_EFFECTS,
        ),
        item(
            "Call the clinic if you have severe pain, bleeding, signs of infection where the needle went in, or a fever.",
            k::CALL_THE_CLINIC,
        ),
    ];

    Plan {
        conditions: (ev.conditions().unwrap_or_default() & ev.policy().treatable_conditions())
            .iter()
            .collect(),
        anaesthetic_free: allergic(Allergy::LocalAnaesthetic),
        medicines,
        preparation,
        procedure,
        course: course(ev),
        aftercare,
        side_effects,
        clinician_notes,
    }
}

/// The course: the typical courses of the trials for plantar fasciitis,
/// heel pain and Achilles tendinopathy; otherwise the seed's general rule.
/// Pain enters only as the seed allows: severity is one of the factors.
/// No names or strengths of what is injected: those are the clinician's
/// (docs/clinical-knowledge.md §8).
fn course(ev: &Evaluation<'_>) -> Vec<PlanItem> {
    let conditions = ev.conditions().unwrap_or_default();
    // At most six lines: one allocation.
    let mut course = Vec::with_capacity(6);
    course.push(item(
        "Prolotherapy usually needs several sessions. How many, and how far apart, depends on your foot problem, what is injected and how bad the pain is.",
        k::SEED_FREQUENCY,
    ));
    let allergic = |a| ev.truth(Fact::Allergy(a)) == Truth::Present;
    // Dextrose is made from corn (docs/clinical-knowledge.md §2, §5).
    let no_dextrose = allergic(Allergy::Corn) || allergic(Allergy::Dextrose);
    // The trials' courses only for a patient like those in the trials: a
    // young patient, or one with recent symptoms, was not studied
    // (docs/clinical-knowledge.md §3; review H3).
    let basis = super::basis(ev);
    let like_the_trials = !basis.younger_than_the_trials() && !basis.shorter_than_the_trials();
    if like_the_trials
        && (conditions.contains(Condition::PlantarFasciitis)
            || conditions.contains(Condition::HeelPain))
    {
        course.push(item(
            "In studies for plantar fasciitis and heel pain, people had 2 to 3 sessions, 2 to 6 weeks apart.",
            k::COURSE_HEEL,
        ));
    }
    if like_the_trials && conditions.contains(Condition::AchillesTendinopathy) {
        course.push(item(
            "In studies for Achilles tendinopathy, people had about 4 to 5 sessions about 6 weeks apart, or an injection every week for 12 weeks.",
            k::COURSE_ACHILLES,
        ));
    }
    if no_dextrose {
        course.push(item(
            "Because of your allergy, your clinician will avoid sugar water (dextrose), which is made from corn.",
            k::DEXTROSE_CORN,
        ));
        // The option left was the trials' comparison arm (knowledge §5, §8).
        course.push(item(
            "In the studies, salt water (saline) was the comparison treatment, so there is less evidence that it helps.",
            k::SALINE_COMPARATOR,
        ));
    }
    if let Some(pain) = ev.pain_score() {
        course.push(PlanItem {
            text: PatientText::from_string(format!(
                "How bad your pain is (you scored it {} out of 10) is one thing that affects how many sessions you may need.",
                pain.get()
            )),
            source: k::SEED_FREQUENCY,
        });
    }
    course.push(item(
        "Your clinician will talk with you about how many injections and sessions you need.",
        k::SEED_FREQUENCY,
    ));
    course
}

#[cfg(test)]
mod tests {
    use crate::{assess, patient, Policy, Presentation};

    fn preparation_says_do_not_stop(json: &str) -> bool {
        let a = assess(&Presentation::from_json(json).unwrap(), &Policy::default());
        a.plan
            .expect("a plan for the yes family")
            .preparation
            .iter()
            .any(|line| line.text == patient::DO_NOT_STOP)
    }

    /// The plan itself carries the line for a prescribed medicine that is
    /// not an anti-inflammatory (the handout would add it from the reasons
    /// otherwise, which hid a plan that forgot it), and only then.
    #[test]
    fn the_do_not_stop_line_follows_a_prescribed_medicine() {
        let apixaban = include_str!("../../examples/data/02-ankle-instability-apixaban.json");
        assert!(preparation_says_do_not_stop(apixaban));
        let none = apixaban.replace(r#""anticoagulant""#, "");
        assert_ne!(none, apixaban);
        assert!(!preparation_says_do_not_stop(&none));
    }
}
