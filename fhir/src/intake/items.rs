//! The intake's items, in the order a patient answers them, and the words
//! of each (read from the core's vocabulary).

use prolo_triage::{
    Allergy, FactName, Field, Finding, MedicationClass, PatientText, Subject, Symptom, Truth, Who,
};

use crate::questionnaire::ANSWERS;

/// The answers to a yes/no item of the intake: HL7's codes (as in the
/// screening [`ANSWERS`]) with the words a patient reads — "Not sure" is
/// an answer, recorded as unknown (`docs/decision-model.md` §10).
pub const INTAKE_ANSWERS: [(&str, &str, &str, Truth); 3] = [
    (ANSWERS[0].0, ANSWERS[0].1, "Yes", Truth::Present),
    (ANSWERS[1].0, ANSWERS[1].1, "No", Truth::Absent),
    (ANSWERS[2].0, ANSWERS[2].1, NOT_SURE, Truth::Unknown),
];

/// How a patient says "unknown" (the interview's word, `Answer::patient_hint`).
pub(crate) const NOT_SURE: &str = "Not sure";

/// The linkId of the "where does it hurt" item.
pub const WHERE_IT_HURTS_LINK_ID: &str = "where_it_hurts";

/// The linkId of the sex item.
pub const SEX_LINK_ID: &str = "sex";

/// The places a patient taps on the map of the foot (the location symptoms
/// of `docs/clinical-knowledge.md` §7.1): one `where_it_hurts` item, the
/// untapped places absent once a place is chosen.
pub const LOCATIONS: [Symptom; 12] = [
    Symptom::PainUnderHeel,
    Symptom::PainHeelCentre,
    Symptom::PainBackOfHeel,
    Symptom::PainAchillesAboveHeel,
    Symptom::PainInnerAnkle,
    Symptom::PainOuterAnkle,
    Symptom::PainBetweenToes,
    Symptom::PainUnderSecondToeJoint,
    Symptom::PainBunion,
    Symptom::PainTopOfBigToeJoint,
    Symptom::PainAnkleJoint,
    Symptom::PainTopOfMidfoot,
];

/// The red-flag questions first, in the order of the table of
/// `docs/clinical-knowledge.md` §7.5 (the injury before whether four steps
/// were possible after it; the two infections that table lists with them).
const RED_FLAGS: [Finding; 13] = [
    Finding::Fever,
    Finding::HotSwollenFoot,
    Finding::CalfSwelling,
    Finding::SuddenAchillesSnap,
    Finding::IschaemiaSigns,
    Finding::NeurologicalDeficit,
    Finding::PainOutOfProportion,
    Finding::TumourSigns,
    Finding::RecentInjury,
    Finding::UnableToBearWeight,
    Finding::RapidlyWorseningDeformity,
    Finding::SkinInfectionAtSite,
    Finding::SystemicInfection,
];

// The core has no patient question for sex (no rule asks it; `male`
// settles pregnancy): the intake's own words, in this one place.
const SEX_QUESTION: &str = "What is your sex?";

/// One item of the intake.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Item {
    /// A finding a patient can answer: yes / no / not sure.
    Finding(Finding),
    /// The map of the foot: a choice of [`LOCATIONS`], repeating.
    WhereItHurts,
    /// A symptom a patient can answer, other than a location.
    Symptom(Symptom),
    /// `symptom_weeks` or `conservative_care_weeks`: an integer.
    Weeks(Subject),
    /// One medication class: yes / no / not sure.
    Medication(MedicationClass),
    /// One allergy: yes / no / not sure.
    Allergy(Allergy),
    /// `age_years`: an integer.
    Age,
    /// `sex`: female / male / other / not sure.
    Sex,
}

impl Item {
    /// Every item, in the order of `docs/clinical-knowledge.md` §7.5: red
    /// flags, where it hurts, the other symptoms, how long and what was
    /// tried, the contraindications and precautions a patient knows,
    /// medicines and allergies, `joint_instability`, age and sex.
    pub(crate) fn all() -> Vec<Item> {
        let mut items: Vec<Item> = RED_FLAGS.iter().map(|f| Item::Finding(*f)).collect();
        items.push(Item::WhereItHurts);
        items.extend(
            Symptom::all()
                .iter()
                .filter(|s| s.who().asks_patient() && !LOCATIONS.contains(s))
                .map(|s| Item::Symptom(*s)),
        );
        items.push(Item::Weeks(Subject::SymptomWeeks));
        items.push(Item::Weeks(Subject::ConservativeCareWeeks));
        items.extend(
            Finding::all()
                .iter()
                .filter(|f| {
                    f.who().asks_patient()
                        && !RED_FLAGS.contains(f)
                        && **f != Finding::JointInstability
                })
                .map(|f| Item::Finding(*f)),
        );
        items.extend(MedicationClass::all().iter().map(|m| Item::Medication(*m)));
        items.extend(Allergy::all().iter().map(|a| Item::Allergy(*a)));
        items.push(Item::Finding(Finding::JointInstability));
        items.push(Item::Age);
        items.push(Item::Sex);
        items
    }

    /// The item whose linkId this is, if the intake has it.
    pub(crate) fn from_link_id(link_id: &str) -> Option<Item> {
        Item::all().into_iter().find(|i| i.link_id() == link_id)
    }

    /// The linkId: the fact's wire name (a class's path,
    /// `medications.nsaid`).
    pub(crate) fn link_id(self) -> &'static str {
        match self {
            Item::Finding(f) => f.as_str(),
            Item::WhereItHurts => WHERE_IT_HURTS_LINK_ID,
            Item::Symptom(s) => s.as_str(),
            Item::Weeks(s) => s.as_str(),
            Item::Medication(m) => m.path(),
            Item::Allergy(a) => a.path(),
            Item::Age => Subject::AgeYears.as_str(),
            Item::Sex => SEX_LINK_ID,
        }
    }

    /// Who answers it (only `patient` and `both` facts are items).
    pub(crate) fn who(self) -> Who {
        match self {
            Item::Finding(f) => f.who(),
            Item::Symptom(s) => s.who(),
            _ => Who::Patient,
        }
    }

    /// The question, in the core's patient words; `None` would be a
    /// clinician-only fact, which [`Item::all`] never holds.
    pub(crate) fn question(self) -> Option<PatientText> {
        match self {
            Item::Finding(f) => f.patient_question(),
            Item::Symptom(s) => s.patient_question(),
            Item::Weeks(s) => s.patient_question(),
            Item::Medication(m) => Some(m.patient_question()),
            Item::Allergy(a) => Some(a.patient_question()),
            Item::Age => Subject::AgeYears.patient_question(),
            Item::WhereItHurts => Subject::WhereItHurts.patient_question(),
            Item::Sex => Some(PatientText::from_static(SEX_QUESTION)),
        }
    }

    /// The facts an answer to the item settles, for `answered_by` (the
    /// map: every place).
    pub(crate) fn facts(self) -> Vec<FactName> {
        match self {
            Item::Finding(f) => vec![FactName::Finding(f)],
            Item::Symptom(s) => vec![FactName::Symptom(s)],
            Item::Medication(m) => vec![FactName::Medication(m)],
            Item::Allergy(a) => vec![FactName::Allergy(a)],
            Item::WhereItHurts => LOCATIONS.iter().map(|s| FactName::Symptom(*s)).collect(),
            Item::Weeks(Subject::SymptomWeeks) => vec![FactName::Field(Field::SymptomWeeks)],
            Item::Weeks(_) => vec![FactName::Field(Field::ConservativeCareWeeks)],
            Item::Age => vec![FactName::Field(Field::AgeYears)],
            Item::Sex => vec![FactName::Field(Field::Sex)],
        }
    }

    /// True for an item answered yes / no / not sure.
    pub(crate) fn is_yes_no(self) -> bool {
        matches!(
            self,
            Item::Finding(_) | Item::Symptom(_) | Item::Medication(_) | Item::Allergy(_)
        )
    }
}

/// The fact a patient's answer records: a `both` fact's "no" is unknown,
/// for only a clinician rules it out (`docs/decision-model.md` §10).
pub(crate) fn recorded(who: Who, answered: Truth) -> Truth {
    match (who, answered) {
        (Who::Both, Truth::Absent) => Truth::Unknown,
        _ => answered,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use prolo_triage::FindingGroup;

    #[test]
    fn every_patient_fact_is_asked_once_with_the_cores_words() {
        let items = Item::all();
        for f in Finding::all() {
            let n = items.iter().filter(|i| **i == Item::Finding(*f)).count();
            assert_eq!(n, usize::from(f.who().asks_patient()), "{f}");
        }
        for s in Symptom::all() {
            let n = items.iter().filter(|i| **i == Item::Symptom(*s)).count()
                + usize::from(LOCATIONS.contains(s));
            assert_eq!(n, usize::from(s.who().asks_patient()), "{s}");
        }
        for item in &items {
            assert!(item.question().is_some(), "{item:?}");
            assert!(item.who().asks_patient());
            assert_eq!(Item::from_link_id(item.link_id()), Some(*item));
        }
        let mut ids: Vec<&str> = items.iter().map(|i| i.link_id()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), items.len());
    }

    #[test]
    fn red_flags_come_first_and_cover_every_one_a_patient_can_report() {
        for f in Finding::all() {
            let urgent = matches!(
                f.group(),
                FindingGroup::RedFlag | FindingGroup::OttawaComponent
            );
            if urgent && f.who().asks_patient() {
                assert!(RED_FLAGS.contains(f), "{f}");
            }
        }
        for f in RED_FLAGS {
            assert!(f.who().asks_patient(), "{f}");
        }
        let items = Item::all();
        assert_eq!(items.get(RED_FLAGS.len()), Some(&Item::WhereItHurts));
        assert_eq!(items.last(), Some(&Item::Sex));
    }

    #[test]
    fn the_locations_are_the_pain_places_of_the_vocabulary() {
        for s in LOCATIONS {
            assert!(s.as_str().starts_with("pain_"), "{s}");
            assert!(
                s.who() == Who::Patient && s.patient_label().is_some(),
                "{s}"
            );
        }
        // The first twelve symptoms of §7.1 are the places, the core's
        // places of the map.
        assert_eq!(Symptom::all().get(..12), Some(&LOCATIONS[..]));
        assert_eq!(
            Symptom::places(),
            LOCATIONS
                .iter()
                .copied()
                .collect::<enumset::EnumSet<Symptom>>()
        );
    }

    #[test]
    fn a_both_facts_no_is_unknown() {
        assert_eq!(recorded(Who::Both, Truth::Absent), Truth::Unknown);
        assert_eq!(recorded(Who::Both, Truth::Present), Truth::Present);
        assert_eq!(recorded(Who::Patient, Truth::Absent), Truth::Absent);
    }
}
