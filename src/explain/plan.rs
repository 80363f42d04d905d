//! The plan for a patient in the yes family: preparation, procedure,
//! expected course, aftercare and side effects, each line from the seed
//! document or a cited trial.

use crate::assessment::{Note, Plan, PlanItem};
use crate::audience::{ClinicianText, PatientText};
use crate::engine::Evaluation;
use crate::knowledge::{self as k, Source};
use crate::patient;
use crate::rules::{Fact, NoteId};
use crate::truth::Truth;
use crate::vocabulary::{Allergy, Condition, MedicationClass};

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

/// The plan for the patient.
pub(crate) fn plan(ev: &Evaluation<'_>) -> Plan {
    let takes = |m| ev.truth(Fact::Medication(m)) == Truth::Present;
    let allergic = |a| ev.truth(Fact::Allergy(a)) == Truth::Present;

    // Sized for the medicine lines: one allocation per section.
    let mut preparation = Vec::with_capacity(5);
    let mut clinician_notes = Vec::new();
    preparation.extend([
        item(
            "A thorough evaluation first: your medical history, then a physical examination.",
            k::SEED_PREPARING,
        ),
        item(
            "An imaging test such as an X-ray or MRI of the affected foot may be done.",
            k::SEED_PREPARING,
        ),
    ]);
    let nsaid = takes(MedicationClass::Nsaid);
    if nsaid {
        preparation.push(item(
            "You will be asked to stop taking anti-inflammatory medicines 2 to 3 days before the procedure.",
            k::SEED_PREPARING,
        ));
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
    // The anti-inflammatory line never reaches a patient alone, and a
    // prescribed medicine is never the patient's to stop (knowledge §2).
    if nsaid || takes_prescribed(ev) {
        preparation.push(PlanItem {
            text: patient::DO_NOT_STOP,
            source: k::PRESCRIBED_MEDICINES,
        });
    }
    preparation.push(item(
        "A protein-rich meal is recommended just before the procedure.",
        k::SEED_PREPARING,
    ));

    let numbing = if allergic(Allergy::LocalAnaesthetic) {
        item(
            "Because of your local anaesthetic allergy, an anaesthetic-free solution is used.",
            k::ANAESTHETIC_FREE,
        )
    } else {
        item(
            "A numbing cream or solution is put on the skin to make the injection more comfortable.",
            k::SEED_PROCEDURE,
        )
    };
    let procedure = vec![
        item(
            "The skin over the painful area is cleaned with alcohol or another sterilising solution.",
            k::SEED_PROCEDURE,
        ),
        numbing,
        item(
            "If the pain or discomfort is severe, extra sedation may be used.",
            k::SEED_PROCEDURE,
        ),
        item(
            "With a thin needle, the solution is injected where it is needed; there may be more than one injection in a session.",
            k::SEED_PROCEDURE,
        ),
        item(
            "Afterwards a heat pack may be placed over the injection sites for about 10 to 15 minutes.",
            k::SEED_PROCEDURE,
        ),
    ];

    let aftercare = vec![
        item(
            "Go back to your usual activities as you can manage them: this helps healing.",
            k::SEED_AFTERCARE,
        ),
        item("Physical therapy may be recommended.", k::SEED_AFTERCARE),
        item(
            "It may take about 6 weeks for significant healing of the connective tissue.",
            k::SEED_AFTERCARE,
        ),
    ];

    let side_effects = vec![
        item(
            "Right after the procedure the foot may feel worse before it starts to feel better.",
            k::SEED_SIDE_EFFECTS,
        ),
        item(
            "Common: some swelling, soreness and stiffness, usually mild and lasting only a few days.",
            k::SEED_SIDE_EFFECTS,
        ),
        item(
            "Occasional: severe pain, bleeding at the injection site, infection at the injection site, or a mild fever that can be treated with antibiotics.",
            k::SEED_SIDE_EFFECTS,
        ),
        item(
            "Call the clinic if you have severe pain, bleeding, signs of infection at the injection site, or a fever.",
            k::CALL_THE_CLINIC,
        ),
    ];

    Plan {
        conditions: (ev.conditions().unwrap_or_default() & ev.policy().treatable_conditions())
            .iter()
            .collect(),
        anaesthetic_free: allergic(Allergy::LocalAnaesthetic),
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
fn course(ev: &Evaluation<'_>) -> Vec<PlanItem> {
    let conditions = ev.conditions().unwrap_or_default();
    // At most five lines: one allocation.
    let mut course = Vec::with_capacity(5);
    course.push(item(
        "Prolotherapy usually needs several sessions; the number and spacing depend on the condition, the solution used and how severe the injury or pain is.",
        k::SEED_FREQUENCY,
    ));
    let allergic = |a| ev.truth(Fact::Allergy(a)) == Truth::Present;
    // Dextrose is made from corn (docs/clinical-knowledge.md §2, §5).
    let no_dextrose = allergic(Allergy::Corn) || allergic(Allergy::Dextrose);
    if conditions.contains(Condition::PlantarFasciitis) || conditions.contains(Condition::HeelPain)
    {
        course.push(item(
            match (allergic(Allergy::LocalAnaesthetic), no_dextrose) {
                (false, false) => "For plantar fasciitis and heel pain, trials used 2 to 3 sessions, 2 to 6 weeks apart, with 15-25% dextrose and lidocaine.",
                (true, false) => "For plantar fasciitis and heel pain, trials used 2 to 3 sessions, 2 to 6 weeks apart, with 15-25% dextrose and lidocaine (a local anaesthetic, which your allergy rules out).",
                (false, true) => "For plantar fasciitis and heel pain, trials used 2 to 3 sessions, 2 to 6 weeks apart, with 15-25% dextrose (which your allergy rules out) and lidocaine.",
                (true, true) => "For plantar fasciitis and heel pain, trials used 2 to 3 sessions, 2 to 6 weeks apart, with 15-25% dextrose and lidocaine (a local anaesthetic), both of which your allergies rule out.",
            },
            k::COURSE_HEEL,
        ));
    }

    if conditions.contains(Condition::AchillesTendinopathy) {
        course.push(item(
            if no_dextrose {
                "For Achilles tendinopathy, trials used about 4 to 5 sessions about 6 weeks apart (25% dextrose into the tendon, which your allergy rules out), or weekly injections beside the tendon over 12 weeks."
            } else {
                "For Achilles tendinopathy, trials used about 4 to 5 sessions about 6 weeks apart (25% dextrose into the tendon), or weekly injections beside the tendon over 12 weeks."
            },
            k::COURSE_ACHILLES,
        ));
    }
    if no_dextrose {
        course.push(item(
            "Because of your allergy, dextrose (sugar water), which is made from corn, will not be used.",
            k::DEXTROSE_CORN,
        ));
    }
    if let Some(pain) = ev.pain_score() {
        course.push(PlanItem {
            text: PatientText::from_string(format!(
                "Your pain is {}/10; severity is one of the things the number of sessions depends on.",
                pain.get()
            )),
            source: k::SEED_FREQUENCY,
        });
    }
    course.push(item(
        "Your physician will discuss the number of injections per session and the total number of sessions you need.",
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
