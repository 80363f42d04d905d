//! What the verdict table says about the vocabularies, derived from it so
//! that no copy can drift: a finding's group, which medication classes are
//! precautions, and the facts a policy may classify.

use super::{Fact, Formula, Group, INJECTATE_RULES, RULES};
use crate::vocabulary::{Finding, FindingGroup, MedicationClass};

impl Finding {
    /// The group the rule table puts the finding in: the group of the
    /// single-fact rule that reads it, `ottawa_component` inside the Ottawa
    /// rules, `injectate_only` when only the injectate table reads it,
    /// `supporting` when no rule reads it.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{Finding, FindingGroup};
    /// assert_eq!(Finding::SkinInfectionAtSite.group(), FindingGroup::Absolute);
    /// assert_eq!(Finding::BoneTendernessNavicular.group(), FindingGroup::OttawaComponent);
    /// assert_eq!(Finding::LigamentLaxity.group(), FindingGroup::Supporting);
    /// assert_eq!(Finding::Anaemia.group(), FindingGroup::InjectateOnly);
    /// ```
    #[must_use]
    pub fn group(self) -> FindingGroup {
        let fact = Fact::Finding(self);
        RULES
            .iter()
            .find_map(|rule| match rule.formula {
                Formula::Fact(f) if f == fact => match rule.group {
                    Group::RedFlag => Some(FindingGroup::RedFlag),
                    Group::Absolute => Some(FindingGroup::Absolute),
                    Group::Relative => Some(FindingGroup::Relative),
                    // The threshold groups read numbers, not findings.
                    Group::Suitability | Group::Timing => None,
                },
                Formula::Fact(_) => None,
                compound => compound
                    .any_fact(&mut |f| f == fact)
                    .then_some(FindingGroup::OttawaComponent),
            })
            .unwrap_or_else(|| {
                if INJECTATE_RULES.iter().any(|rule| rule.fact == fact) {
                    FindingGroup::InjectateOnly
                } else {
                    FindingGroup::Supporting
                }
            })
    }
}

impl MedicationClass {
    /// True for the classes that are relative contraindications by default
    /// (a precaution rule of the table reads them).
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::MedicationClass;
    /// assert!(MedicationClass::Immunosuppressant.is_precaution());
    /// // NSAIDs change the preparation, not the verdict; low-dose aspirin
    /// // changes nothing.
    /// assert!(!MedicationClass::Nsaid.is_precaution());
    /// assert!(!MedicationClass::LowDoseAspirin.is_precaution());
    /// ```
    #[must_use]
    pub fn is_precaution(self) -> bool {
        contraindications()
            .any(|(fact, group)| fact == Fact::Medication(self) && group == Group::Relative)
    }
}

/// The single-fact contraindication rules, with their default group: the
/// facts a policy may classify.
pub(crate) fn contraindications() -> impl Iterator<Item = (Fact, Group)> {
    RULES
        .iter()
        .filter_map(|rule| match (rule.group, rule.formula) {
            (group @ (Group::Absolute | Group::Relative), Formula::Fact(fact)) => {
                Some((fact, group))
            }
            _ => None,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The groups as the contract (`docs/decision-model.md` §3) lists them.
    #[test]
    fn finding_groups_are_those_of_the_contract() {
        use Finding::*;
        let expected = |f: Finding| match f {
            Fever
            | HotSwollenFoot
            | AchillesRuptureSigns
            | IschaemiaSigns
            | CalfSwelling
            | PainOutOfProportion
            | NeurologicalDeficit
            | TumourSigns
            | RapidlyWorseningDeformity
            | SuddenAchillesSnap => FindingGroup::RedFlag,
            RecentInjury
            | BoneTendernessLateralMalleolus
            | BoneTendernessMedialMalleolus
            | BoneTendernessFifthMetatarsalBase
            | BoneTendernessNavicular
            | UnableToBearWeight => FindingGroup::OttawaComponent,
            SkinInfectionAtSite
            | SystemicInfection
            | BleedingDisorder
            | MalignancyAtSite
            | AcuteInflammatoryArthritis => FindingGroup::Absolute,
            Pregnancy
            | Diabetes
            | PeripheralNeuropathy
            | Immunosuppression
            | ActiveCancer
            | RecentSteroidInjection
            | LowPlatelets => FindingGroup::Relative,
            LigamentLaxity | JointInstability => FindingGroup::Supporting,
            Anaemia => FindingGroup::InjectateOnly,
        };
        for f in Finding::all() {
            assert_eq!(f.group(), expected(*f), "{f}");
        }
    }

    #[test]
    fn the_precaution_classes_are_those_of_the_contract() {
        use MedicationClass::*;
        for m in MedicationClass::all() {
            let expected = matches!(
                m,
                Anticoagulant | Antiplatelet | SystemicCorticosteroid | Immunosuppressant
            );
            assert_eq!(m.is_precaution(), expected, "{m}");
        }
    }
}
