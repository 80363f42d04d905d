//! Symptoms: the diagnostic features of `docs/decision-model.md` §9, with
//! the vocabulary of `docs/clinical-knowledge.md` §7.1. A symptom never
//! changes the verdict: the candidate conditions read it.

use crate::audience::PatientText;
use crate::knowledge::{self as k, Source};
use crate::text::{const_texts, ConstSentence};
use crate::vocabulary::{vocabulary, Who};
use strum::EnumCount as _;

vocabulary! {
/// A symptom or examination sign of `docs/clinical-knowledge.md` §7.1, by
/// its wire name: tri-state like a finding, read only by the candidate
/// conditions.
///
/// # Example
///
/// ```
/// use prolo_triage::{Symptom, Who};
///
/// let s: Symptom = "first_step_pain".parse()?;
/// assert_eq!(s.who(), Who::Patient);
/// assert_eq!(Symptom::WindlassTestPositive.who(), Who::Clinician);
/// assert_eq!(Symptom::all().len(), 44);
/// # Ok::<(), strum::ParseError>(())
/// ```
#[derive(PartialOrd, Ord)]
#[non_exhaustive]
pub enum Symptom {
    /// Pain under the heel, mostly plantar medial.
    PainUnderHeel,
    /// A deep, bruise-like ache in the centre of the heel pad, worse barefoot on hard floors.
    PainHeelCentre,
    /// Pain at the back of the heel, at the Achilles insertion.
    PainBackOfHeel,
    /// Pain in the Achilles tendon 2–6 cm above its insertion (midportion).
    PainAchillesAboveHeel,
    /// Pain or swelling behind or below the medial malleolus.
    PainInnerAnkle,
    /// Pain or swelling behind or below the lateral malleolus.
    PainOuterAnkle,
    /// Pain localised to an intermetatarsal space, usually the third.
    PainBetweenToes,
    /// Pain under the second metatarsophalangeal joint, with the toe drifting or lifting.
    PainUnderSecondToeJoint,
    /// Pain at the medial prominence of the first metatarsophalangeal joint.
    PainBunion,
    /// Pain on top of the first metatarsophalangeal joint, worse on push-off.
    PainTopOfBigToeJoint,
    /// An ache deep in the ankle joint.
    PainAnkleJoint,
    /// An ache on the dorsum of the midfoot.
    PainTopOfMidfoot,
    /// Pain with the first steps after inactivity, easing with walking.
    FirstStepPain,
    /// Gradual onset, without one injury.
    GradualOnset,
    /// Activity-related joint pain that settles with rest.
    PainWithActivity,
    /// Morning joint stiffness lasting more than 30 minutes.
    #[serde(rename = "morning_stiffness_over_30_min")]
    #[strum(serialize = "morning_stiffness_over_30_min")]
    MorningStiffnessOver30Min,
    /// Achilles tendon stiffness in the morning or at the start of activity, easing as it warms up.
    TendonStiffInMorning,
    /// Burning, tingling or numbness radiating into two adjacent toes.
    BurningIntoToes,
    /// A feeling of walking on a pebble or a folded sock under the forefoot.
    PebbleFeeling,
    /// A patient-reported click between the toes.
    ClickBetweenToes,
    /// Worse in tight, narrow or high-heeled shoes; better barefoot.
    WorseInTightShoes,
    /// Hallux valgus: the great toe abducted with a medial prominence (self-rated against photographs).
    BunionVisible,
    /// A dorsal bump on the first metatarsophalangeal joint.
    BumpOnTopOfBigToe,
    /// A stiff big toe, hard to dorsiflex.
    StiffBigToe,
    /// Loss of the medial longitudinal arch over time, or the heel turning into valgus.
    ArchDropping,
    /// Unable to do a single-leg heel raise, or painful.
    CannotTiptoeOnOneFoot,
    /// Numbness, burning or paraesthesia in the heel or sole, often worse at night.
    NumbnessHeelOrSole,
    /// Pain or paraesthesia radiating from the lower back down the leg into the foot.
    BackPainIntoLeg,
    /// Bilateral heel pain with inflammatory back stiffness, psoriasis or dactylitis.
    InflammatoryFeatures,
    /// Tenderness at the medial calcaneal tubercle.
    TenderMedialCalcanealTubercle,
    /// Positive windlass test.
    WindlassTestPositive,
    /// Pain on palpation of the Achilles midportion.
    TenderAchillesMidportion,
    /// Positive arc sign or Royal London Hospital test.
    ArcOrRoyalLondonPositive,
    /// Thumb-index finger web-space squeeze reproduces the pain.
    WebSpaceSqueezeTender,
    /// Mulder's click.
    MuldersClick,
    /// Hard end-feel of the first metatarsophalangeal joint.
    FirstMtpHardEndFeel,
    /// Crepitus of the first metatarsophalangeal joint.
    FirstMtpCrepitus,
    /// First metatarsophalangeal dorsiflexion under 64°.
    #[serde(rename = "first_mtp_dorsiflexion_under_64")]
    #[strum(serialize = "first_mtp_dorsiflexion_under_64")]
    FirstMtpDorsiflexionUnder64,
    /// Too-many-toes sign.
    TooManyToesSign,
    /// Tenderness along the tibialis posterior tendon.
    TenderTibialisPosterior,
    /// Tenderness along the peroneal tendons.
    TenderPeronealTendons,
    /// Pain on squeezing the calcaneus from both sides.
    HeelSqueezePain,
    /// Dorsiflexion-eversion test or Tinel sign over the tibial nerve positive.
    TarsalTunnelTestPositive,
    /// Positive drawer test of the second metatarsophalangeal joint.
    SecondMtpDrawerPositive,
}
}

vocabulary! {
/// A view of the foot on the intake's map, where the location symptoms
/// are tapped (`docs/clinical-knowledge.md` §7.5).
///
/// # Example
///
/// ```
/// use prolo_triage::{FootView, Symptom};
/// assert_eq!(Symptom::PainBackOfHeel.view(), Some(FootView::Back));
/// assert_eq!(FootView::Sole.label(), "the sole");
/// ```
#[non_exhaustive]
pub enum FootView {
    /// The sole, seen from below.
    Sole,
    /// The back of the heel and ankle.
    Back,
    /// The inner side (big toe side).
    Inner,
    /// The outer side (little toe side).
    Outer,
    /// The top of the foot and the front of the ankle.
    Top,
}
}

impl FootView {
    /// The view's name in plain words, for the map's headings.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::FootView;
    /// assert_eq!(FootView::Inner.label(), "the inner side (big toe side)");
    /// ```
    #[must_use]
    pub const fn label(self) -> &'static str {
        match self {
            FootView::Sole => "the sole",
            FootView::Back => "the back of the heel and ankle",
            FootView::Inner => "the inner side (big toe side)",
            FootView::Outer => "the outer side (little toe side)",
            FootView::Top => "the top of the foot and the front of the ankle",
        }
    }
}

impl Symptom {
    /// The symptom's path in the wire format, as the output names a fact
    /// (`symptoms.first_step_pain`).
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::Symptom;
    /// assert_eq!(Symptom::FirstStepPain.path(), "symptoms.first_step_pain");
    /// for s in Symptom::all() {
    ///     assert_eq!(s.path().strip_prefix("symptoms."), Some(s.as_str()));
    /// }
    /// ```
    #[must_use]
    pub const fn path(self) -> &'static str {
        use Symptom::*;
        match self {
            PainUnderHeel => "symptoms.pain_under_heel",
            PainHeelCentre => "symptoms.pain_heel_centre",
            PainBackOfHeel => "symptoms.pain_back_of_heel",
            PainAchillesAboveHeel => "symptoms.pain_achilles_above_heel",
            PainInnerAnkle => "symptoms.pain_inner_ankle",
            PainOuterAnkle => "symptoms.pain_outer_ankle",
            PainBetweenToes => "symptoms.pain_between_toes",
            PainUnderSecondToeJoint => "symptoms.pain_under_second_toe_joint",
            PainBunion => "symptoms.pain_bunion",
            PainTopOfBigToeJoint => "symptoms.pain_top_of_big_toe_joint",
            PainAnkleJoint => "symptoms.pain_ankle_joint",
            PainTopOfMidfoot => "symptoms.pain_top_of_midfoot",
            FirstStepPain => "symptoms.first_step_pain",
            GradualOnset => "symptoms.gradual_onset",
            PainWithActivity => "symptoms.pain_with_activity",
            MorningStiffnessOver30Min => "symptoms.morning_stiffness_over_30_min",
            TendonStiffInMorning => "symptoms.tendon_stiff_in_morning",
            BurningIntoToes => "symptoms.burning_into_toes",
            PebbleFeeling => "symptoms.pebble_feeling",
            ClickBetweenToes => "symptoms.click_between_toes",
            WorseInTightShoes => "symptoms.worse_in_tight_shoes",
            BunionVisible => "symptoms.bunion_visible",
            BumpOnTopOfBigToe => "symptoms.bump_on_top_of_big_toe",
            StiffBigToe => "symptoms.stiff_big_toe",
            ArchDropping => "symptoms.arch_dropping",
            CannotTiptoeOnOneFoot => "symptoms.cannot_tiptoe_on_one_foot",
            NumbnessHeelOrSole => "symptoms.numbness_heel_or_sole",
            BackPainIntoLeg => "symptoms.back_pain_into_leg",
            InflammatoryFeatures => "symptoms.inflammatory_features",
            TenderMedialCalcanealTubercle => "symptoms.tender_medial_calcaneal_tubercle",
            WindlassTestPositive => "symptoms.windlass_test_positive",
            TenderAchillesMidportion => "symptoms.tender_achilles_midportion",
            ArcOrRoyalLondonPositive => "symptoms.arc_or_royal_london_positive",
            WebSpaceSqueezeTender => "symptoms.web_space_squeeze_tender",
            MuldersClick => "symptoms.mulders_click",
            FirstMtpHardEndFeel => "symptoms.first_mtp_hard_end_feel",
            FirstMtpCrepitus => "symptoms.first_mtp_crepitus",
            FirstMtpDorsiflexionUnder64 => "symptoms.first_mtp_dorsiflexion_under_64",
            TooManyToesSign => "symptoms.too_many_toes_sign",
            TenderTibialisPosterior => "symptoms.tender_tibialis_posterior",
            TenderPeronealTendons => "symptoms.tender_peroneal_tendons",
            HeelSqueezePain => "symptoms.heel_squeeze_pain",
            TarsalTunnelTestPositive => "symptoms.tarsal_tunnel_test_positive",
            SecondMtpDrawerPositive => "symptoms.second_mtp_drawer_positive",
        }
    }

    /// Where the symptom sits on the intake's map of the foot: `Some` for
    /// the location symptoms (where it hurts), `None` for the others.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{FootView, Symptom};
    /// assert_eq!(Symptom::PainUnderHeel.view(), Some(FootView::Sole));
    /// assert_eq!(Symptom::FirstStepPain.view(), None);
    /// ```
    #[must_use]
    pub const fn view(self) -> Option<FootView> {
        use Symptom::*;
        Some(match self {
            PainUnderHeel => FootView::Sole,
            PainHeelCentre => FootView::Sole,
            PainBetweenToes => FootView::Sole,
            PainUnderSecondToeJoint => FootView::Sole,
            PainBackOfHeel => FootView::Back,
            PainAchillesAboveHeel => FootView::Back,
            PainInnerAnkle => FootView::Inner,
            PainBunion => FootView::Inner,
            PainOuterAnkle => FootView::Outer,
            PainTopOfBigToeJoint => FootView::Top,
            PainAnkleJoint => FootView::Top,
            PainTopOfMidfoot => FootView::Top,
            _ => return None,
        })
    }

    /// The location symptoms, in vocabulary order: the places a patient
    /// taps on the map of the foot ("where does it hurt").
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::Symptom;
    /// assert_eq!(Symptom::places().len(), 12);
    /// assert!(Symptom::places().iter().all(|s| s.patient_label().is_some()));
    /// ```
    #[must_use]
    pub fn places() -> enumset::EnumSet<Symptom> {
        Symptom::all()
            .iter()
            .filter(|s| s.view().is_some())
            .copied()
            .collect()
    }
}

/// The clinician's question of each symptom, in declaration order:
/// written at compile time from the labels, so that asking one allocates
/// nothing (`docs/performance.md`, issue 22).
static QUESTIONS: [&str; Symptom::COUNT] = const_texts(&QUESTION_SENTENCES);

#[allow(clippy::indexing_slicing, clippy::arithmetic_side_effects)] // compile time only
static QUESTION_SENTENCES: [ConstSentence<64>; Symptom::COUNT] = {
    let all = <Symptom as strum::VariantArray>::VARIANTS;
    let mut out = [ConstSentence::EMPTY; Symptom::COUNT];
    let mut i = 0;
    while i < Symptom::COUNT {
        out[i] = ConstSentence::capitalised(&[all[i].label(), "?"]);
        i += 1;
    }
    out
};

impl Symptom {
    /// A short clinician-facing name, e.g. "first-step pain".
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::Symptom;
    /// assert_eq!(Symptom::FirstStepPain.label(), "first-step pain");
    /// ```
    #[must_use]
    pub const fn label(self) -> &'static str {
        use Symptom::*;
        match self {
            PainUnderHeel => "pain under the heel (plantar medial)",
            PainHeelCentre => "central heel-pad pain",
            PainBackOfHeel => "pain at the back of the heel",
            PainAchillesAboveHeel => "Achilles pain 2–6 cm above the heel",
            PainInnerAnkle => "medial ankle pain or swelling",
            PainOuterAnkle => "lateral ankle pain or swelling",
            PainBetweenToes => "intermetatarsal (web space) pain",
            PainUnderSecondToeJoint => "pain under the second MTP joint",
            PainBunion => "pain at the bunion",
            PainTopOfBigToeJoint => "dorsal first MTP pain",
            PainAnkleJoint => "deep ankle joint ache",
            PainTopOfMidfoot => "dorsal midfoot ache",
            FirstStepPain => "first-step pain",
            GradualOnset => "gradual onset",
            PainWithActivity => "activity-related joint pain",
            MorningStiffnessOver30Min => "morning stiffness over 30 minutes",
            TendonStiffInMorning => "Achilles stiffness in the morning",
            BurningIntoToes => "burning or tingling into two toes",
            PebbleFeeling => "pebble or folded-sock feeling",
            ClickBetweenToes => "click between the toes",
            WorseInTightShoes => "worse in tight shoes",
            BunionVisible => "visible hallux valgus",
            BumpOnTopOfBigToe => "dorsal bump on the first MTP joint",
            StiffBigToe => "stiff big toe",
            ArchDropping => "dropping arch",
            CannotTiptoeOnOneFoot => "single-leg heel raise impossible or painful",
            NumbnessHeelOrSole => "numbness or burning in the heel or sole",
            BackPainIntoLeg => "back pain radiating to the foot",
            InflammatoryFeatures => "inflammatory features",
            TenderMedialCalcanealTubercle => "tender medial calcaneal tubercle",
            WindlassTestPositive => "positive windlass test",
            TenderAchillesMidportion => "tender Achilles midportion",
            ArcOrRoyalLondonPositive => "arc sign or Royal London test positive",
            WebSpaceSqueezeTender => "web-space squeeze tender",
            MuldersClick => "Mulder's click",
            FirstMtpHardEndFeel => "hard end-feel, first MTP joint",
            FirstMtpCrepitus => "crepitus, first MTP joint",
            FirstMtpDorsiflexionUnder64 => "first MTP dorsiflexion under 64°",
            TooManyToesSign => "too-many-toes sign",
            TenderTibialisPosterior => "tender tibialis posterior tendon",
            TenderPeronealTendons => "tender peroneal tendons",
            HeelSqueezePain => "painful heel squeeze",
            TarsalTunnelTestPositive => "tarsal tunnel test positive",
            SecondMtpDrawerPositive => "second MTP drawer test positive",
        }
    }

    /// The clinician's description of the feature (`docs/clinical-knowledge.md`
    /// §7.1 and §7.2).
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::Symptom;
    /// assert!(Symptom::WindlassTestPositive.text().ends_with('.'));
    /// ```
    #[must_use]
    pub const fn text(self) -> &'static str {
        use Symptom::*;
        match self {
            PainUnderHeel => "Pain under the heel, mostly plantar medial.",
            PainHeelCentre => "A deep, bruise-like ache in the centre of the heel pad, worse barefoot on hard floors.",
            PainBackOfHeel => "Pain at the back of the heel, at the Achilles insertion.",
            PainAchillesAboveHeel => "Pain in the Achilles tendon 2–6 cm above its insertion (midportion).",
            PainInnerAnkle => "Pain or swelling behind or below the medial malleolus.",
            PainOuterAnkle => "Pain or swelling behind or below the lateral malleolus.",
            PainBetweenToes => "Pain localised to an intermetatarsal space, usually the third.",
            PainUnderSecondToeJoint => "Pain under the second metatarsophalangeal joint, with the toe drifting or lifting.",
            PainBunion => "Pain at the medial prominence of the first metatarsophalangeal joint.",
            PainTopOfBigToeJoint => "Pain on top of the first metatarsophalangeal joint, worse on push-off.",
            PainAnkleJoint => "An ache deep in the ankle joint.",
            PainTopOfMidfoot => "An ache on the dorsum of the midfoot.",
            FirstStepPain => "Pain with the first steps after inactivity, easing with walking.",
            GradualOnset => "Gradual onset, without one injury.",
            PainWithActivity => "Activity-related joint pain that settles with rest.",
            MorningStiffnessOver30Min => "Morning joint stiffness lasting more than 30 minutes.",
            TendonStiffInMorning => "Achilles tendon stiffness in the morning or at the start of activity, easing as it warms up.",
            BurningIntoToes => "Burning, tingling or numbness radiating into two adjacent toes.",
            PebbleFeeling => "A feeling of walking on a pebble or a folded sock under the forefoot.",
            ClickBetweenToes => "A patient-reported click between the toes.",
            WorseInTightShoes => "Worse in tight, narrow or high-heeled shoes; better barefoot.",
            BunionVisible => "Hallux valgus: the great toe abducted with a medial prominence (self-rated against photographs).",
            BumpOnTopOfBigToe => "A dorsal bump on the first metatarsophalangeal joint.",
            StiffBigToe => "A stiff big toe, hard to dorsiflex.",
            ArchDropping => "Loss of the medial longitudinal arch over time, or the heel turning into valgus.",
            CannotTiptoeOnOneFoot => "Unable to do a single-leg heel raise, or painful.",
            NumbnessHeelOrSole => "Numbness, burning or paraesthesia in the heel or sole, often worse at night.",
            BackPainIntoLeg => "Pain or paraesthesia radiating from the lower back down the leg into the foot.",
            InflammatoryFeatures => "Bilateral heel pain with inflammatory back stiffness, psoriasis or dactylitis.",
            TenderMedialCalcanealTubercle => "Tenderness at the medial calcaneal tubercle.",
            WindlassTestPositive => "Positive windlass test.",
            TenderAchillesMidportion => "Pain on palpation of the Achilles midportion.",
            ArcOrRoyalLondonPositive => "Positive arc sign or Royal London Hospital test.",
            WebSpaceSqueezeTender => "Thumb-index finger web-space squeeze reproduces the pain.",
            MuldersClick => "Mulder's click.",
            FirstMtpHardEndFeel => "Hard end-feel of the first metatarsophalangeal joint.",
            FirstMtpCrepitus => "Crepitus of the first metatarsophalangeal joint.",
            FirstMtpDorsiflexionUnder64 => "First metatarsophalangeal dorsiflexion under 64°.",
            TooManyToesSign => "Too-many-toes sign.",
            TenderTibialisPosterior => "Tenderness along the tibialis posterior tendon.",
            TenderPeronealTendons => "Tenderness along the peroneal tendons.",
            HeelSqueezePain => "Pain on squeezing the calcaneus from both sides.",
            TarsalTunnelTestPositive => "Dorsiflexion-eversion test or Tinel sign over the tibial nerve positive.",
            SecondMtpDrawerPositive => "Positive drawer test of the second metatarsophalangeal joint.",
        }
    }

    /// Who can answer it (`docs/clinical-knowledge.md` §7.5): a symptom
    /// marked P in §7.1 is the patient's, an examination sign (C) the
    /// clinician's.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{Symptom, Who};
    /// assert_eq!(Symptom::ClickBetweenToes.who(), Who::Patient);
    /// assert_eq!(Symptom::MuldersClick.who(), Who::Clinician);
    /// ```
    #[must_use]
    pub const fn who(self) -> Who {
        use Symptom::*;
        match self {
            PainUnderHeel
            | PainHeelCentre
            | PainBackOfHeel
            | PainAchillesAboveHeel
            | PainInnerAnkle
            | PainOuterAnkle
            | PainBetweenToes
            | PainUnderSecondToeJoint
            | PainBunion
            | PainTopOfBigToeJoint
            | PainAnkleJoint
            | PainTopOfMidfoot
            | FirstStepPain
            | GradualOnset
            | PainWithActivity
            | MorningStiffnessOver30Min
            | TendonStiffInMorning
            | BurningIntoToes
            | PebbleFeeling
            | ClickBetweenToes
            | WorseInTightShoes
            | BunionVisible
            | BumpOnTopOfBigToe
            | StiffBigToe
            | ArchDropping
            | CannotTiptoeOnOneFoot
            | NumbnessHeelOrSole
            | BackPainIntoLeg
            | InflammatoryFeatures => Who::Patient,
            TenderMedialCalcanealTubercle
            | WindlassTestPositive
            | TenderAchillesMidportion
            | ArcOrRoyalLondonPositive
            | WebSpaceSqueezeTender
            | MuldersClick
            | FirstMtpHardEndFeel
            | FirstMtpCrepitus
            | FirstMtpDorsiflexionUnder64
            | TooManyToesSign
            | TenderTibialisPosterior
            | TenderPeronealTendons
            | HeelSqueezePain
            | TarsalTunnelTestPositive
            | SecondMtpDrawerPositive => Who::Clinician,
        }
    }

    /// Plain words for a patient (`docs/clinical-knowledge.md` §7.1);
    /// `None` for an examination sign, which a patient is never asked.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::Symptom;
    /// assert_eq!(
    ///     Symptom::PainAnkleJoint.patient_label().unwrap(),
    ///     "aching deep in the ankle joint"
    /// );
    /// assert!(Symptom::HeelSqueezePain.patient_label().is_none());
    /// ```
    #[must_use]
    pub const fn patient_label(self) -> Option<PatientText> {
        use Symptom::*;
        let text = match self {
            PainUnderHeel => "pain under the heel, mostly on the inner side",
            PainHeelCentre => "a deep, bruise-like ache in the middle of the heel pad, worse barefoot on hard floors",
            PainBackOfHeel => "pain at the back of the heel, where the tendon joins the bone",
            PainAchillesAboveHeel => "pain in the tendon at the back of the ankle, two to three finger-widths above the heel",
            PainInnerAnkle => "pain or swelling on the inner side of the ankle, behind or below the ankle bone",
            PainOuterAnkle => "pain or swelling behind or below the ankle bone on the outer side",
            PainBetweenToes => "pain in the ball of the foot between two toes, most often the third and fourth",
            PainUnderSecondToeJoint => "pain under the joint at the base of the second toe, with the toe drifting or lifting",
            PainBunion => "pain at the bump on the inner side of the big toe joint",
            PainTopOfBigToeJoint => "pain on top of the big toe joint, worse when pushing off",
            PainAnkleJoint => "aching deep in the ankle joint",
            PainTopOfMidfoot => "aching on the top of the middle of the foot",
            FirstStepPain => "pain with the first steps in the morning or after sitting, easing after some walking",
            GradualOnset => "the pain came on gradually, not from one injury",
            PainWithActivity => "the joint hurts when walking or standing and settles with rest",
            MorningStiffnessOver30Min => "stiffness in the morning lasting more than 30 minutes",
            TendonStiffInMorning => "the tendon at the back of the ankle is stiff in the morning or at the start of activity and eases as it warms up",
            BurningIntoToes => "burning, tingling or numbness shooting into two neighbouring toes",
            PebbleFeeling => "a feeling of walking on a pebble or a folded sock under the ball of the foot",
            ClickBetweenToes => "a click felt between the toes when walking or squeezing the foot",
            WorseInTightShoes => "worse in tight, narrow or high-heeled shoes; better barefoot",
            BunionVisible => "the big toe leans towards the other toes, with a bump on the inner side of the joint",
            BumpOnTopOfBigToe => "a hard bump on top of the big toe joint",
            StiffBigToe => "the big toe is stiff and hard to bend upwards",
            ArchDropping => "the arch on the inner side of the foot has dropped or flattened over time, or the heel turns outwards",
            CannotTiptoeOnOneFoot => "cannot rise up on tiptoe on that foot alone, or it hurts to try",
            NumbnessHeelOrSole => "numbness, burning or pins and needles in the heel or sole, often worse at night",
            BackPainIntoLeg => "pain or tingling spreading from the lower back down the leg into the foot",
            InflammatoryFeatures => "heel pain in both feet with back stiffness that is worse in the morning, psoriasis, or a whole toe swollen",
            TenderMedialCalcanealTubercle
            | WindlassTestPositive
            | TenderAchillesMidportion
            | ArcOrRoyalLondonPositive
            | WebSpaceSqueezeTender
            | MuldersClick
            | FirstMtpHardEndFeel
            | FirstMtpCrepitus
            | FirstMtpDorsiflexionUnder64
            | TooManyToesSign
            | TenderTibialisPosterior
            | TenderPeronealTendons
            | HeelSqueezePain
            | TarsalTunnelTestPositive
            | SecondMtpDrawerPositive => return None,
        };
        Some(PatientText::from_static(text))
    }

    /// The question a patient is asked, in plain words, answered yes, no
    /// or not sure; `None` for an examination sign.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::Symptom;
    /// assert!(Symptom::FirstStepPain.patient_question().unwrap().ends_with('?'));
    /// assert!(Symptom::WindlassTestPositive.patient_question().is_none());
    /// ```
    #[must_use]
    pub const fn patient_question(self) -> Option<PatientText> {
        use Symptom::*;
        let text = match self {
            PainUnderHeel => "Do you have pain under your heel, mostly on the inner side?",
            PainHeelCentre => "Do you have a deep, bruise-like ache in the middle of your heel pad, worse when you walk barefoot on hard floors?",
            PainBackOfHeel => "Do you have pain at the back of your heel, where the tendon joins the bone?",
            PainAchillesAboveHeel => "Do you have pain in the tendon at the back of your ankle, about two to three finger-widths above your heel?",
            PainInnerAnkle => "Do you have pain or swelling on the inner side of your ankle, behind or below the ankle bone?",
            PainOuterAnkle => "Do you have pain or swelling behind or below the ankle bone on the outer side of your ankle?",
            PainBetweenToes => "Do you have pain in the ball of your foot between two toes, most often the third and fourth?",
            PainUnderSecondToeJoint => "Do you have pain under the joint at the base of your second toe, with that toe drifting sideways or lifting up?",
            PainBunion => "Do you have pain at the bump on the inner side of your big toe joint?",
            PainTopOfBigToeJoint => "Do you have pain on top of your big toe joint, worse when you push off to walk?",
            PainAnkleJoint => "Do you have an ache deep in your ankle joint?",
            PainTopOfMidfoot => "Do you have an ache on the top of the middle of your foot?",
            FirstStepPain => "Does it hurt with your first steps in the morning or after sitting, and then ease after you walk for a while?",
            GradualOnset => "Did the pain come on slowly, rather than from one injury?",
            PainWithActivity => "Does the joint hurt when you walk or stand, and settle when you rest?",
            MorningStiffnessOver30Min => "In the morning, does your foot or ankle stay stiff for more than 30 minutes?",
            TendonStiffInMorning => "Is the tendon at the back of your ankle stiff in the morning or when you start moving, and then easier as it warms up?",
            BurningIntoToes => "Do you feel burning, tingling or numbness shooting into two toes next to each other?",
            PebbleFeeling => "Does it feel like you are walking on a pebble or a folded sock under the ball of your foot?",
            ClickBetweenToes => "Do you feel a click between your toes when you walk or squeeze your foot?",
            WorseInTightShoes => "Is it worse in tight, narrow or high-heeled shoes, and better when you are barefoot?",
            BunionVisible => "Does your big toe lean towards your other toes, with a bump on the inner side of the joint? (You can compare your foot with pictures of bunions.)",
            BumpOnTopOfBigToe => "Do you have a hard bump on top of your big toe joint?",
            StiffBigToe => "Is your big toe stiff and hard to bend upwards?",
            ArchDropping => "Has the arch on the inner side of your foot dropped or flattened over time, or does your heel turn outwards?",
            CannotTiptoeOnOneFoot => "Is it impossible, or painful, to rise up on tiptoe standing on that foot alone?",
            NumbnessHeelOrSole => "Do you have numbness, burning or pins and needles in your heel or sole, often worse at night?",
            BackPainIntoLeg => "Do you have pain or tingling that spreads from your lower back down your leg into your foot?",
            InflammatoryFeatures => "Do you have heel pain in both feet with back stiffness that is worse in the morning, or psoriasis, or a whole toe that is swollen?",
            TenderMedialCalcanealTubercle
            | WindlassTestPositive
            | TenderAchillesMidportion
            | ArcOrRoyalLondonPositive
            | WebSpaceSqueezeTender
            | MuldersClick
            | FirstMtpHardEndFeel
            | FirstMtpCrepitus
            | FirstMtpDorsiflexionUnder64
            | TooManyToesSign
            | TenderTibialisPosterior
            | TenderPeronealTendons
            | HeelSqueezePain
            | TarsalTunnelTestPositive
            | SecondMtpDrawerPositive => return None,
        };
        Some(PatientText::from_static(text))
    }

    /// The question a clinician asks to settle it.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::Symptom;
    /// assert_eq!(Symptom::MuldersClick.question(), "Mulder's click?");
    /// assert_eq!(Symptom::GradualOnset.question(), "Gradual onset?");
    /// ```
    #[must_use]
    // A checklist item, the label as the question: "Is gradual onset
    // present?" or "Is worse in tight shoes present?" read badly, and a
    // label is a noun phrase, a state or a test result alike.
    pub fn question(self) -> &'static str {
        // One question per variant, in declaration order: the index is
        // always in range.
        #[allow(clippy::indexing_slicing)]
        QUESTIONS[self as usize]
    }

    /// Where the feature's description comes from.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{Strength, Symptom};
    /// assert_eq!(Symptom::FirstStepPain.source().strength, Strength::PeerReviewed);
    /// ```
    #[must_use]
    pub const fn source(self) -> Source {
        use Symptom::*;
        match self {
            PainUnderHeel => k::PF_CPG,
            PainHeelCentre => k::HEEL_PAD,
            PainBackOfHeel => k::ACHILLES_INSERTIONAL,
            PainAchillesAboveHeel => k::ACHILLES_HUTCHISON,
            PainInnerAnkle => k::TIBIALIS_POSTERIOR,
            PainOuterAnkle => k::PERONEAL,
            PainBetweenToes => k::MORTON_ACFAS,
            PainUnderSecondToeJoint => k::PLANTAR_PLATE,
            PainBunion => k::BUNION_PAIN,
            PainTopOfBigToeJoint => k::OA_BIG_TOE,
            PainAnkleJoint => k::OA_NICE,
            PainTopOfMidfoot => k::OA_NICE,
            FirstStepPain => k::PF_CPG,
            GradualOnset => k::ACHILLES_CPG,
            PainWithActivity => k::OA_NICE,
            MorningStiffnessOver30Min => k::OA_NICE,
            TendonStiffInMorning => k::ACHILLES_MORNING,
            BurningIntoToes => k::MORTON_ACFAS,
            PebbleFeeling => k::MORTON_PITCHER,
            ClickBetweenToes => k::MORTON_PITCHER,
            WorseInTightShoes => k::MORTON_ACFAS,
            BunionVisible => k::BUNION_DEFINITION,
            BumpOnTopOfBigToe => k::OA_BIG_TOE_RULE,
            StiffBigToe => k::OA_BIG_TOE,
            ArchDropping => k::FALLEN_ARCH_DEFINITION,
            CannotTiptoeOnOneFoot => k::HEEL_RAISE,
            NumbnessHeelOrSole => k::TARSAL_TUNNEL,
            BackPainIntoLeg => k::RADICULOPATHY,
            InflammatoryFeatures => k::INFLAMMATORY_MIMIC,
            TenderMedialCalcanealTubercle => k::PF_GOFF,
            WindlassTestPositive => k::WINDLASS,
            TenderAchillesMidportion => k::ACHILLES_HUTCHISON,
            ArcOrRoyalLondonPositive => k::ACHILLES_TESTS,
            WebSpaceSqueezeTender => k::MORTON_PITCHER,
            MuldersClick => k::MULDER,
            FirstMtpHardEndFeel => k::OA_BIG_TOE_RULE,
            FirstMtpCrepitus => k::OA_BIG_TOE_RULE,
            FirstMtpDorsiflexionUnder64 => k::OA_BIG_TOE_RULE,
            TooManyToesSign => k::FALLEN_ARCH_SIGNS,
            TenderTibialisPosterior => k::TIBIALIS_POSTERIOR,
            TenderPeronealTendons => k::PERONEAL,
            HeelSqueezePain => k::CALCANEAL_STRESS_FRACTURE,
            TarsalTunnelTestPositive => k::TARSAL_TUNNEL,
            SecondMtpDrawerPositive => k::PLANTAR_PLATE,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_patient_is_asked_exactly_the_patients_symptoms() {
        for s in Symptom::all() {
            assert_eq!(
                s.patient_question().is_some(),
                s.who().asks_patient(),
                "{s}"
            );
            assert_eq!(s.patient_label().is_some(), s.who().asks_patient(), "{s}");
            if let Some(q) = s.patient_question() {
                assert!(q.ends_with('?') || q.ends_with(".)"), "{s}: {q}");
            }
        }
    }

    /// The wire names of `docs/clinical-knowledge.md` §7.1, digits and all.
    #[test]
    fn wire_names_are_those_of_the_knowledge_file() {
        assert_eq!(
            Symptom::MorningStiffnessOver30Min.as_str(),
            "morning_stiffness_over_30_min"
        );
        assert_eq!(
            "first_mtp_dorsiflexion_under_64".parse(),
            Ok(Symptom::FirstMtpDorsiflexionUnder64)
        );
        for s in Symptom::all() {
            let json = serde_json::to_string(s).unwrap_or_default();
            assert_eq!(json, format!("\"{}\"", s.as_str()));
        }
    }

    #[test]
    fn labels_are_short_and_texts_sentences() {
        for s in Symptom::all() {
            assert!(s.label().chars().count() <= 48, "{s}");
            assert!(s.text().ends_with('.'), "{s}");
        }
    }

    /// The questions written at compile time are each symptom's own, in
    /// the order `question` reads them.
    #[test]
    fn each_symptom_asks_its_own_label() {
        for (i, s) in Symptom::all().iter().enumerate() {
            assert_eq!(*s as usize, i);
            let mut label = s.label().to_owned();
            label[..1].make_ascii_uppercase();
            assert_eq!(s.question(), format!("{label}?"));
        }
    }
}
