//! Clinical findings: the tri-state facts of `docs/decision-model.md` §3.

use crate::audience::PatientText;
use crate::vocabulary::{vocabulary, Who};
use serde::{Deserialize, Serialize};

vocabulary! {
/// What a finding does to the verdict, by default.
///
/// A [`Policy`](crate::Policy) may make a relative contraindication
/// absolute; nothing is ever downgraded.
///
/// # Example
///
/// ```
/// use prolo_triage::{Finding, FindingGroup};
/// assert_eq!(Finding::Fever.group(), FindingGroup::RedFlag);
/// assert_eq!(FindingGroup::RedFlag.as_str(), "red_flag");
/// ```
#[derive(PartialOrd, Ord)]
#[non_exhaustive]
pub enum FindingGroup {
    /// Refer urgently; never inject.
    RedFlag,
    /// One of the facts of the Ottawa ankle and foot rules (possible
    /// fracture): `recent_injury` and the five examination findings.
    OttawaComponent,
    /// An absolute contraindication.
    Absolute,
    /// A relative contraindication (precaution).
    Relative,
    /// A cause that strengthens the rationale; never required.
    Supporting,
    /// Read only by the injectate rules: it never changes the verdict
    /// (`anaemia`, which makes PRP `avoid`).
    InjectateOnly,
}
}

/// Whether a contraindication can be expected to go away.
///
/// # Example
///
/// ```
/// use prolo_triage::Resolution;
/// assert_eq!(Resolution::NotExpected.to_string(), "not_expected");
/// ```
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    strum::Display,
    strum::IntoStaticStr,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
#[non_exhaustive]
pub enum Resolution {
    /// An infection or a flare: it is expected to settle.
    Expected,
    /// A lasting condition: it is not expected to resolve.
    NotExpected,
    /// It may or may not change (a medicine stopped, a pregnancy ended).
    Possible,
}

vocabulary! {
/// A finding of the history or the examination, by its wire name.
///
/// # Example
///
/// ```
/// use prolo_triage::{Finding, FindingGroup};
///
/// let f: Finding = "bone_tenderness_navicular".parse()?;
/// assert_eq!(f.group(), FindingGroup::OttawaComponent);
/// assert_eq!(Finding::all().len(), 31);
/// assert!(Finding::Diabetes.question().ends_with('?'));
/// # Ok::<(), strum::ParseError>(())
/// ```
#[derive(PartialOrd, Ord)]
#[non_exhaustive]
pub enum Finding {
    /// Temperature ≥ 38 °C or systemically unwell.
    Fever,
    /// Hot, red, swollen foot or joint.
    HotSwollenFoot,
    /// Calf-squeeze (Simmonds/Thompson) or Matles test positive, or a
    /// palpable gap.
    AchillesRuptureSigns,
    /// Rest pain, cold pale foot, absent pulses, tissue loss.
    IschaemiaSigns,
    /// Unilateral calf swelling, warmth, tenderness.
    CalfSwelling,
    /// Pain out of proportion or on passive stretch, tense compartment.
    PainOutOfProportion,
    /// Progressive weakness or numbness, foot drop.
    NeurologicalDeficit,
    /// Night or constant non-mechanical pain, weight loss, cancer history
    /// with new pain, unexplained mass.
    TumourSigns,
    /// A rapidly worsening deformity.
    RapidlyWorseningDeformity,
    /// A sudden pain at the back of the ankle, as if kicked, often with a
    /// snap or pop, reported by the patient (contract v3; a possible
    /// Achilles rupture, `docs/clinical-knowledge.md` §7.4).
    SuddenAchillesSnap,
    /// An injury in the last 10 days.
    RecentInjury,
    /// Bone tenderness along the distal 6 cm of the posterior edge or tip of
    /// the lateral malleolus.
    BoneTendernessLateralMalleolus,
    /// Bone tenderness along the distal 6 cm of the posterior edge or tip of
    /// the medial malleolus.
    BoneTendernessMedialMalleolus,
    /// Bone tenderness at the base of the fifth metatarsal.
    BoneTendernessFifthMetatarsalBase,
    /// Bone tenderness at the navicular.
    BoneTendernessNavicular,
    /// Unable to take 4 steps both right after the injury and at the
    /// examination.
    UnableToBearWeight,
    /// Skin infection at the injection site (cellulitis, erysipelas).
    SkinInfectionAtSite,
    /// Systemic infection or sepsis.
    SystemicInfection,
    /// A bleeding disorder (abnormal coagulation).
    BleedingDisorder,
    /// A malignancy at the injection site.
    MalignancyAtSite,
    /// Acute gout or an inflammatory arthritis flare.
    AcuteInflammatoryArthritis,
    /// Pregnancy.
    Pregnancy,
    /// Diabetes.
    Diabetes,
    /// Peripheral neuropathy.
    PeripheralNeuropathy,
    /// Immunosuppression.
    Immunosuppression,
    /// Active cancer, not at the site.
    ActiveCancer,
    /// A steroid injection at the site in the last 3 months.
    RecentSteroidInjection,
    /// Platelets below 100×10⁹/L, or platelet dysfunction.
    LowPlatelets,
    /// Anaemia: haemoglobin below 10 g/dL. Injectate-only: PRP `avoid`,
    /// never a change of verdict (`docs/decision-model.md` §3).
    Anaemia,
    /// Ligament laxity (a cause; M24.27x).
    LigamentLaxity,
    /// Joint instability (a cause; M25.37x).
    JointInstability,
}
}

impl Finding {
    /// A short clinician-facing name, e.g. "skin infection at the site".
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::Finding;
    /// assert_eq!(Finding::CalfSwelling.label(), "calf swelling (possible DVT)");
    /// ```
    #[must_use]
    pub const fn label(self) -> &'static str {
        use Finding::*;
        match self {
            Fever => "fever",
            HotSwollenFoot => "hot swollen foot",
            AchillesRuptureSigns => "signs of Achilles rupture",
            IschaemiaSigns => "signs of ischaemia",
            CalfSwelling => "calf swelling (possible DVT)",
            PainOutOfProportion => "pain out of proportion",
            NeurologicalDeficit => "neurological deficit",
            TumourSigns => "signs of a tumour",
            RapidlyWorseningDeformity => "rapidly worsening deformity",
            SuddenAchillesSnap => "sudden Achilles snap",
            RecentInjury => "injury in the last 10 days",
            BoneTendernessLateralMalleolus => "lateral malleolus bone tenderness",
            BoneTendernessMedialMalleolus => "medial malleolus bone tenderness",
            BoneTendernessFifthMetatarsalBase => "5th metatarsal base bone tenderness",
            BoneTendernessNavicular => "navicular bone tenderness",
            UnableToBearWeight => "unable to bear weight",
            SkinInfectionAtSite => "skin infection at the site",
            SystemicInfection => "systemic infection",
            BleedingDisorder => "bleeding disorder",
            MalignancyAtSite => "malignancy at the site",
            AcuteInflammatoryArthritis => "acute gout or arthritis flare",
            Pregnancy => "pregnancy",
            Diabetes => "diabetes",
            PeripheralNeuropathy => "peripheral neuropathy",
            Immunosuppression => "immunosuppression",
            ActiveCancer => "active cancer",
            RecentSteroidInjection => "steroid injection in last 3 months",
            LowPlatelets => "low platelets",
            Anaemia => "anaemia (haemoglobin below 10 g/dL)",
            LigamentLaxity => "ligament laxity",
            JointInstability => "joint instability",
        }
    }

    /// Plain words for a patient, used by the handout instead of
    /// [`label`](Finding::label): no examination jargon, no abbreviations
    /// (docs/clinical-knowledge.md §1, "Patient wording for a red flag").
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::Finding;
    /// assert_eq!(Finding::CalfSwelling.patient_label(), "a possible blood clot in the calf");
    /// assert_eq!(Finding::BoneTendernessNavicular.patient_label(), "tenderness over a bone in the middle of the foot");
    /// ```
    #[must_use]
    pub const fn patient_label(self) -> PatientText {
        use Finding::*;
        PatientText::from_static(match self {
            Fever => "a fever or feeling ill all over",
            HotSwollenFoot => "a hot, red and swollen foot or joint",
            AchillesRuptureSigns => "a possible tear of the Achilles tendon",
            IschaemiaSigns => "signs of poor blood flow to the foot",
            CalfSwelling => "a possible blood clot in the calf",
            PainOutOfProportion => "pain much stronger than expected",
            NeurologicalDeficit => "increasing weakness or numbness in the foot",
            // One finding for several signs: which one was found is not
            // recorded, so the patient is not read the whole list.
            TumourSigns => "some signs your clinician wants to look into more closely",
            RapidlyWorseningDeformity => {
                "a change in the shape of the foot that is quickly getting worse"
            }
            SuddenAchillesSnap => {
                "a sudden pain at the back of the ankle, as if kicked, with a snap"
            }
            RecentInjury => "an injury in the last 10 days",
            BoneTendernessLateralMalleolus => {
                "tenderness over the bone on the outer side of the ankle"
            }
            BoneTendernessMedialMalleolus => {
                "tenderness over the bone on the inner side of the ankle"
            }
            BoneTendernessFifthMetatarsalBase => {
                "tenderness over a bone on the outer edge of the foot"
            }
            BoneTendernessNavicular => "tenderness over a bone in the middle of the foot",
            UnableToBearWeight => "not being able to take 4 steps",
            SkinInfectionAtSite => "a skin infection where the injection would go",
            SystemicInfection => "an infection in your whole body",
            BleedingDisorder => "a condition that makes you bleed more easily",
            MalignancyAtSite => "a cancer where the injection would go",
            AcuteInflammatoryArthritis => "a flare of gout or of joint inflammation",
            Pregnancy => "being pregnant",
            Diabetes => "diabetes",
            PeripheralNeuropathy => "reduced feeling in the feet from nerve damage",
            Immunosuppression => "a weakened immune system",
            ActiveCancer => "cancer elsewhere in the body",
            RecentSteroidInjection => "a steroid injection in the same place in the last 3 months",
            LowPlatelets => "a low platelet count (platelets help the blood to clot)",
            Anaemia => "anaemia (a low haemoglobin level in the blood)",
            LigamentLaxity => "loose ligaments",
            JointInstability => "unstable joints",
        })
    }

    /// The question a clinician asks to settle the finding, answered yes,
    /// no or unknown.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::Finding;
    /// assert_eq!(
    ///     Finding::RecentInjury.question(),
    ///     "Was the foot or ankle injured in the last 10 days?"
    /// );
    /// ```
    #[must_use]
    pub fn question(self) -> &'static str {
        use Finding::*;
        match self {
            Fever => "Does the patient have a fever (38 °C or more) or feel systemically unwell?",
            HotSwollenFoot => "Is the foot or a joint hot, red and swollen?",
            AchillesRuptureSigns => {
                "Any sign of Achilles rupture: positive calf-squeeze (Thompson) or Matles test, or a palpable gap?"
            }
            IschaemiaSigns => "Any rest pain, a cold pale foot, absent pulses or tissue loss?",
            CalfSwelling => "Is one calf swollen, warm and tender?",
            PainOutOfProportion => {
                "Is the pain out of proportion, worse on passive stretch, or the compartment tense?"
            }
            NeurologicalDeficit => "Any progressive weakness or numbness, or a foot drop?",
            TumourSigns => {
                "Any night or constant non-mechanical pain, unexplained weight loss, new pain after cancer, or an unexplained mass?"
            }
            RapidlyWorseningDeformity => "Is a deformity of the foot getting rapidly worse?",
            SuddenAchillesSnap => {
                "Did the patient feel a sudden pain at the back of the ankle, as if kicked, often with a snap or pop?"
            }
            RecentInjury => "Was the foot or ankle injured in the last 10 days?",
            BoneTendernessLateralMalleolus => {
                "Is there bone tenderness along the distal 6 cm of the posterior edge or tip of the lateral malleolus?"
            }
            BoneTendernessMedialMalleolus => {
                "Is there bone tenderness along the distal 6 cm of the posterior edge or tip of the medial malleolus?"
            }
            BoneTendernessFifthMetatarsalBase => {
                "Is there bone tenderness at the base of the fifth metatarsal?"
            }
            BoneTendernessNavicular => "Is there bone tenderness at the navicular?",
            UnableToBearWeight => {
                "Was the patient unable to take 4 steps both right after the injury and at the examination?"
            }
            SkinInfectionAtSite => {
                "Is there a skin infection (cellulitis, erysipelas) where the injection would go?"
            }
            SystemicInfection => "Is there a systemic infection or sepsis?",
            BleedingDisorder => "Does the patient have a bleeding disorder or abnormal coagulation?",
            MalignancyAtSite => "Is there a malignancy at the injection site?",
            AcuteInflammatoryArthritis => "Is there acute gout or an inflammatory arthritis flare?",
            Pregnancy => "Could the patient be pregnant?",
            Diabetes => "Does the patient have diabetes?",
            PeripheralNeuropathy => "Does the patient have peripheral neuropathy?",
            Immunosuppression => "Is the patient immunosuppressed?",
            ActiveCancer => "Does the patient have active cancer elsewhere than the foot?",
            RecentSteroidInjection => "Was a steroid injected at the site in the last 3 months?",
            LowPlatelets => "Are platelets below 100×10⁹/L, or is there a platelet dysfunction?",
            Anaemia => "Is haemoglobin below 10 g/dL (anaemia)?",
            LigamentLaxity => "Is there ligament laxity in the foot or ankle?",
            JointInstability => "Is there joint instability in the foot or ankle?",
        }
    }
}

impl Finding {
    /// Who can answer it (`docs/clinical-knowledge.md` §7.5): a red flag whose
    /// criterion needs an examination is `both`, so a patient's yes counts
    /// and only a clinician rules it out.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{Finding, Who};
    /// assert_eq!(Finding::UnableToBearWeight.who(), Who::Both);
    /// ```
    #[must_use]
    pub const fn who(self) -> Who {
        use Finding::*;
        match self {
            Fever
            | HotSwollenFoot
            | CalfSwelling
            | RecentInjury
            | RapidlyWorseningDeformity
            | SuddenAchillesSnap
            | BleedingDisorder
            | Pregnancy
            | Diabetes
            | Immunosuppression
            | ActiveCancer
            | RecentSteroidInjection
            | JointInstability => Who::Patient,
            IschaemiaSigns
            | NeurologicalDeficit
            | PainOutOfProportion
            | TumourSigns
            | UnableToBearWeight
            | SkinInfectionAtSite
            | SystemicInfection
            | AcuteInflammatoryArthritis
            | PeripheralNeuropathy
            | LowPlatelets => Who::Both,
            AchillesRuptureSigns
            | BoneTendernessLateralMalleolus
            | BoneTendernessMedialMalleolus
            | BoneTendernessFifthMetatarsalBase
            | BoneTendernessNavicular
            | MalignancyAtSite
            | LigamentLaxity
            | Anaemia => Who::Clinician,
        }
    }

    /// The question a patient is asked, in plain words, answered yes, no
    /// or not sure; `None` for a fact only a clinician answers. A red flag's
    /// question asks for what makes it a red flag, never for the ordinary
    /// symptoms of a foot problem (`docs/clinical-knowledge.md` §7.5).
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::Finding;
    /// let q = Finding::CalfSwelling.patient_question().unwrap();
    /// assert_eq!(q, "Is one of your calves swollen, warm and painful?");
    /// assert!(Finding::BoneTendernessNavicular.patient_question().is_none());
    /// ```
    #[must_use]
    pub const fn patient_question(self) -> Option<PatientText> {
        use Finding::*;
        let text = match self {
            Fever => "Do you have a temperature of 38 °C or more, or do you feel very unwell, shivery or confused?",
            HotSwollenFoot => "Has your foot, or a joint in it, suddenly become hot, red and swollen?",
            IschaemiaSigns => {
                "Is your foot cold, pale or blue? Or does it hurt at rest or at night, and feel better when you hang your leg down? Or do you have a sore on your foot that will not heal?"
            }
            CalfSwelling => "Is one of your calves swollen, warm and painful?",
            PainOutOfProportion => {
                "Is the pain far worse than you would expect and getting worse, with your leg or foot tight and swollen?"
            }
            NeurologicalDeficit => {
                "Over days or weeks, is your foot or ankle getting weaker, or does your foot drop or catch the ground when you walk? (Numb toes alone do not count.)"
            }
            TumourSigns => {
                "Is the pain there all the time, day and night, even when you rest? Or have you lost weight without trying, or found a lump that is growing?"
            }
            RapidlyWorseningDeformity => "Is the shape of your foot changing quickly, over days or weeks?",
            SuddenAchillesSnap => {
                "Did you feel a sudden pain at the back of your ankle, as if someone had kicked you, often with a snap?"
            }
            RecentInjury => "Did you hurt your foot or ankle in an injury in the last 10 days?",
            UnableToBearWeight => "Straight after the injury, were you unable to take 4 steps?",
            SkinInfectionAtSite => "Is the skin red, hot, painful or weeping where your foot hurts?",
            SystemicInfection => {
                "Are you being treated for an infection right now, or do you feel very unwell with one?"
            }
            BleedingDisorder => {
                "Has a doctor told you that you have a condition that makes you bleed more easily?"
            }
            AcuteInflammatoryArthritis => "Do you have a flare of gout or of joint inflammation right now?",
            Pregnancy => "Are you pregnant, or could you be?",
            Diabetes => "Do you have diabetes?",
            PeripheralNeuropathy => {
                "Has a doctor told you that you have nerve damage that makes your feet less able to feel?"
            }
            Immunosuppression => {
                "Do you have a weakened immune system, from an illness or from its treatment?"
            }
            ActiveCancer => "Do you have cancer now, or are you being treated for cancer?",
            RecentSteroidInjection => {
                "Have you had a steroid injection in the same place in your foot in the last 3 months?"
            }
            LowPlatelets => {
                "Has a doctor told you that your platelet count is low, or that your platelets do not work well? (Platelets help the blood to clot.)"
            }
            JointInstability => "Does your foot or ankle often feel unstable, or give way?",
            AchillesRuptureSigns
            | BoneTendernessLateralMalleolus
            | BoneTendernessMedialMalleolus
            | BoneTendernessFifthMetatarsalBase
            | BoneTendernessNavicular
            | MalignancyAtSite
            | LigamentLaxity
            | Anaemia => return None,
        };
        Some(PatientText::from_static(text))
    }

    /// Whether a present contraindication is expected to resolve, which
    /// words `reconsider_when`; `None` for a finding that is never a
    /// contraindication. Which ones can resolve is our inference from
    /// their nature (an acute infection or flare settles; a bleeding
    /// disorder does not).
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{Finding, Resolution};
    /// assert_eq!(Finding::SkinInfectionAtSite.resolution(), Some(Resolution::Expected));
    /// assert_eq!(Finding::Fever.resolution(), None);
    /// ```
    #[must_use]
    pub const fn resolution(self) -> Option<Resolution> {
        use Finding::*;
        Some(match self {
            SkinInfectionAtSite
            | SystemicInfection
            | AcuteInflammatoryArthritis
            | RecentSteroidInjection => Resolution::Expected,
            BleedingDisorder | MalignancyAtSite => Resolution::NotExpected,
            Pregnancy | Diabetes | PeripheralNeuropathy | Immunosuppression | ActiveCancer
            | LowPlatelets => Resolution::Possible,
            Fever
            | HotSwollenFoot
            | AchillesRuptureSigns
            | IschaemiaSigns
            | CalfSwelling
            | PainOutOfProportion
            | NeurologicalDeficit
            | TumourSigns
            | RapidlyWorseningDeformity
            | SuddenAchillesSnap
            | RecentInjury
            | BoneTendernessLateralMalleolus
            | BoneTendernessMedialMalleolus
            | BoneTendernessFifthMetatarsalBase
            | BoneTendernessNavicular
            | UnableToBearWeight
            | Anaemia
            | LigamentLaxity
            | JointInstability => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use strum::IntoEnumIterator;

    #[test]
    fn group_sizes_match_the_contract() {
        let count = |g| Finding::iter().filter(|f| f.group() == g).count();
        assert_eq!(count(FindingGroup::RedFlag), 10);
        assert_eq!(count(FindingGroup::OttawaComponent), 6);
        assert_eq!(count(FindingGroup::Absolute), 5);
        assert_eq!(count(FindingGroup::Relative), 7);
        assert_eq!(count(FindingGroup::Supporting), 2);
        assert_eq!(count(FindingGroup::InjectateOnly), 1);
    }

    #[test]
    fn serde_and_strum_agree_on_wire_names() {
        for f in Finding::iter() {
            let json = serde_json::to_string(&f).unwrap_or_default();
            assert_eq!(json, format!("\"{}\"", f.as_str()));
            assert_eq!(f.as_str().parse::<Finding>(), Ok(f));
        }
    }

    #[test]
    fn a_patient_is_asked_exactly_what_a_patient_can_answer() {
        for f in Finding::iter() {
            let question = f.patient_question();
            assert_eq!(question.is_some(), f.who().asks_patient(), "{f}");
            if let Some(q) = question {
                assert!(q.ends_with('?') || q.ends_with(".)"), "{f}: {q}");
            }
        }
    }

    #[test]
    fn every_contraindication_says_whether_it_resolves() {
        for f in Finding::iter() {
            let contraindication =
                matches!(f.group(), FindingGroup::Absolute | FindingGroup::Relative);
            assert_eq!(f.resolution().is_some(), contraindication, "{f}");
        }
    }

    #[test]
    fn questions_are_questions_and_labels_short() {
        for f in Finding::iter() {
            assert!(f.question().ends_with('?'), "{f}");
            assert!(f.label().chars().count() <= 36, "{f}");
        }
    }
}
