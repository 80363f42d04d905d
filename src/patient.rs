//! What a patient reads that belongs to no single fact: the medicine lines
//! (docs/clinical-knowledge.md §2) and the safety-net of each red flag's
//! tier (§1.1), in plain words, with the clinic's own details when it has
//! set them. Each fact's own patient words live with the fact
//! (`Fact::patient_label`). The plan, the handout and the interview read
//! these; none writes its own.

use crate::assessment::{Change, PlanItem};
use crate::audience::PatientText;
use crate::clinic::Clinic;
use crate::date::Date;
use crate::knowledge::{self as k, Source};
use crate::text::more_weeks;
use crate::vocabulary::{SafetyNet, Urgency, WarningSigns};

/// The line beside every mention of a prescribed medicine, and beside the
/// anti-inflammatory line (docs/clinical-knowledge.md §2). Aspirin for the
/// heart is named: it is often bought without a prescription.
pub(crate) const DO_NOT_STOP: PatientText = PatientText::from_static(
    "Do not stop or change a medicine a doctor has prescribed for you, or aspirin for your heart, on your own. Ask the doctor who prescribes it first.",
);

/// The seed's anti-inflammatory line, with the medicines named so that
/// aspirin for the heart is not read into it.
pub(crate) const STOP_ANTI_INFLAMMATORIES: PatientText = PatientText::from_static(
    "You will be asked to stop anti-inflammatory painkillers, such as ibuprofen, naproxen or diclofenac, 2 to 3 days before the injections.",
);

/// Printed whenever aspirin for the heart is recorded or the medicine list
/// cannot rule it out.
pub(crate) const KEEP_ASPIRIN: PatientText = PatientText::from_static(
    "Keep taking aspirin for your heart or to prevent clots, unless the doctor who prescribes it tells you otherwise.",
);

/// The next step when prolotherapy is not for this patient.
pub(crate) const OTHER_TREATMENTS: &str =
    "Your clinician can talk with you about other treatments for your foot.";

/// The patient's form of a wait: the weeks (from a date when the date of
/// issue is known), and the first treatments kept up meanwhile (the
/// policy's gate, docs/clinical-knowledge.md §3). The handout passes its
/// date; the assessment carries the undated form.
pub(crate) fn wait(change: Change, issued: Option<Date>) -> PatientText {
    let Change::Wait { weeks, .. } = change else {
        return PatientText::default();
    };
    let when = match issued.and_then(|d| d.plus_weeks(weeks)) {
        Some(date) => format!("from about {}", date.patient_words()),
        None => format!("in {}", more_weeks(weeks)),
    };
    PatientText::from_string(format!(
        "Your clinician can look at this again {when}. Until then, keep up the exercises, shoe inserts or other care you were given."
    ))
}

/// Who reads the safety-net: a patient whose clinician found the sign
/// (the handout after a visit), or a patient who reported it before any
/// visit (the intake).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Voice {
    /// The clinician found the sign and is arranging the check.
    ClinicianFound,
    /// The patient reported it; no clinician has seen it yet.
    PatientReported,
}

/// The clinic's words: its name, or "the clinic"; with its phone number.
fn the_clinic(clinic: &Clinic) -> String {
    let name = clinic.name().unwrap_or("the clinic");
    match clinic.phone() {
        Some(phone) => format!("{name} on {phone}"),
        None => name.to_owned(),
    }
}

/// "call 999", or "call your local emergency number": never a country's
/// number by default.
fn call_emergency(clinic: &Clinic) -> String {
    match clinic.emergency_number() {
        Some(number) => format!("call {number}"),
        None => "call your local emergency number".to_owned(),
    }
}

/// Where to turn when the clinic is closed.
fn when_closed(clinic: &Clinic) -> String {
    match (clinic.out_of_hours(), clinic.urgent_care()) {
        (Some(route), _) => format!("If the clinic is closed: {route}."),
        (None, Some(service)) => format!("If the clinic is closed, contact {service}."),
        (None, None) => "If the clinic is closed, contact your local urgent care service.".into(),
    }
}

fn line(text: String, source: Source) -> PlanItem {
    PlanItem {
        text: PatientText::from_string(text),
        source,
    }
}

/// The most urgent of several safety-nets, with every warning sign any of
/// them names (in vocabulary order).
pub(crate) fn most_urgent(
    nets: impl IntoIterator<Item = SafetyNet>,
) -> Option<(Urgency, Vec<WarningSigns>)> {
    let mut urgency: Option<Urgency> = None;
    let mut signs: Vec<WarningSigns> = Vec::new();
    for net in nets {
        urgency = Some(urgency.map_or(net.urgency, |u| u.min(net.urgency)));
        if let Some(s) = net.warning_signs {
            if !signs.contains(&s) {
                signs.push(s);
            }
        }
    }
    signs.sort_by_key(|s| WarningSigns::all().iter().position(|x| x == s));
    urgency.map(|u| (u, signs))
}

/// What to do now, for the most urgent tier among the red flags found and
/// their warning signs (docs/clinical-knowledge.md §1.1), in the voice of
/// who found it.
pub(crate) fn what_to_do(
    urgency: Urgency,
    signs: &[WarningSigns],
    voice: Voice,
    clinic: &Clinic,
) -> Vec<PlanItem> {
    let mut lines = Vec::with_capacity(4);
    let the_clinic = the_clinic(clinic);
    match (urgency, voice) {
        (Urgency::EmergencyNow, _) => {
            lines.push(line(
                format!(
                    "Go to an emergency department now, or {}. Do not wait for the clinic.",
                    call_emergency(clinic)
                ),
                k::COMPARTMENT_EMERGENCY,
            ));
        }
        (Urgency::SameDay, Voice::ClinicianFound) => {
            lines.push(line(
                "Your clinician is arranging for this to be checked today.".into(),
                k::SAFETY_NETTING,
            ));
            lines.push(line(
                format!("If you have not heard from the clinic by the end of the day, call {the_clinic}."),
                k::SAFETY_NETTING,
            ));
            lines.push(line(when_closed(clinic), k::SAFETY_NETTING));
        }
        (Urgency::SameDay, Voice::PatientReported) => {
            lines.push(line(
                format!("Contact {the_clinic} today, so this can be checked."),
                k::SAFETY_NETTING,
            ));
            lines.push(line(when_closed(clinic), k::SAFETY_NETTING));
        }
        (Urgency::UrgentReferral, Voice::ClinicianFound) => {
            lines.push(line(
                "Your clinician is arranging an urgent appointment to check this.".into(),
                k::TUMOUR,
            ));
            lines.push(line(
                format!("If you have not heard about it in the time your clinician gave you, call {the_clinic}."),
                k::SAFETY_NETTING,
            ));
        }
        (Urgency::UrgentReferral, Voice::PatientReported) => {
            lines.push(line(
                format!("Contact {the_clinic} within the next few days, so your clinician can arrange a check."),
                k::SAFETY_NETTING,
            ));
        }
    }
    lines.extend(warning_signs(signs, clinic));
    lines
}

/// The signs that mean an emergency now, in plain words, with the number
/// to call.
pub(crate) fn warning_signs(signs: &[WarningSigns], clinic: &Clinic) -> Vec<PlanItem> {
    let emergency = call_emergency(clinic);
    signs
        .iter()
        .map(|sign| match sign {
            WarningSigns::ClotInLungs => line(
                format!("If you get chest pain, suddenly feel short of breath or cough up blood, {emergency} now. A clot may have reached your lungs."),
                k::CLOT_IN_LUNGS,
            ),
            WarningSigns::Sepsis => line(
                format!("If you feel very unwell, shivery or confused, or you get worse fast, {emergency} now. This is true even without a high temperature."),
                k::SEPSIS,
            ),
            WarningSigns::SuddenLossOfBloodFlow => line(
                "If your foot suddenly turns cold, pale or blue, or goes numb or weak, go to an emergency department now.".into(),
                k::LIMB_ISCHAEMIA,
            ),
        })
        .collect()
}

/// The short safety-net while a red flag is only unknown (not yet asked):
/// the signs a patient can notice (docs/clinical-knowledge.md §1.1).
pub(crate) fn until_checked(clinic: &Clinic) -> PlanItem {
    line(
        format!(
            "Until your clinician has checked your foot, watch for warning signs. Contact {} the same day if your foot gets hot, red and swollen, if you get a fever, or if the pain suddenly gets much worse.",
            the_clinic(clinic)
        ),
        k::SAFETY_NETTING,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocabulary::{Finding, MedicationClass};

    #[test]
    fn when_closed_is_a_sentence_whatever_the_clinic_set() {
        let route = Clinic::default()
            .with_out_of_hours("NHS 111 (call 111 or go to 111.nhs.uk)")
            .unwrap();
        // A route is a name, not a verb phrase: the line must still read
        // as an instruction (review follow-up: "If the clinic is closed,
        // NHS 111 …" had no verb).
        assert_eq!(
            when_closed(&route),
            "If the clinic is closed: NHS 111 (call 111 or go to 111.nhs.uk)."
        );
        let service = Clinic::default()
            .with_urgent_care("Riverside Urgent Care")
            .unwrap();
        assert_eq!(
            when_closed(&service),
            "If the clinic is closed, contact Riverside Urgent Care."
        );
    }

    #[test]
    fn patient_words_never_carry_the_class_name() {
        for &m in MedicationClass::all() {
            let words = m.patient_label().to_lowercase();
            assert!(!words.contains(&m.label().to_lowercase()), "{m}");
            assert!(!words.contains(m.as_str()), "{m}");
        }
    }

    #[test]
    fn every_finding_has_plain_words_unlike_its_jargon() {
        for &f in Finding::all() {
            let words = f.patient_label();
            assert!(!words.is_empty(), "{f}");
            for jargon in [
                "DVT",
                "malleolus",
                "metatarsal",
                "navicular",
                "ischaemia",
                "neuropathy",
                "malignancy",
                "systemic",
                "immunosuppression",
                "rupture",
                "(possible",
            ] {
                assert!(!words.contains(jargon), "{f}: {jargon} in {words}");
            }
        }
        assert_eq!(
            Finding::CalfSwelling.patient_label(),
            "a possible blood clot in the calf"
        );
    }

    #[test]
    fn no_country_emergency_number_by_default() {
        let lines = what_to_do(
            Urgency::EmergencyNow,
            &[WarningSigns::ClotInLungs],
            Voice::PatientReported,
            &Clinic::default(),
        );
        for l in &lines {
            for number in ["999", "911", "112", "000"] {
                assert!(!l.text.contains(number), "{}", l.text);
            }
        }
        assert!(lines[0].text.contains("your local emergency number"));
    }

    #[test]
    fn the_most_urgent_tier_wins_and_every_sign_is_named() {
        let nets = [
            SafetyNet::same_day_unless(WarningSigns::Sepsis),
            SafetyNet::EMERGENCY_NOW,
            SafetyNet::same_day_unless(WarningSigns::ClotInLungs),
        ];
        let (urgency, signs) = most_urgent(nets).unwrap();
        assert_eq!(urgency, Urgency::EmergencyNow);
        assert_eq!(signs, vec![WarningSigns::ClotInLungs, WarningSigns::Sepsis]);
        assert_eq!(most_urgent([]), None);
    }
}
