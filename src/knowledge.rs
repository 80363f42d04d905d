//! Where every clinical sentence comes from.
//!
//! Each [`Source`] quotes `docs/clinical-knowledge.md` or names a section of the
//! patient-education seed document. Nothing here is a citation the
//! knowledge file does not give; where it gives no name, the source says
//! so ("secondary source, not named") rather than inventing one.
//!
//! A citation never repeats its own strength: the strength is printed
//! once, beside it, from [`Source::strength`] (a test checks it).

use std::borrow::Cow;

use serde::{Deserialize, Serialize};
use strum::{Display, EnumIter, IntoStaticStr};

/// How strong a source is, as marked in the knowledge base.
///
/// # Example
///
/// ```
/// use prolo_triage::Strength;
/// assert_eq!(Strength::Inferred.to_string(), "inferred");
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
    Display,
    IntoStaticStr,
    EnumIter,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
#[non_exhaustive]
pub enum Strength {
    /// The patient-education document the project started from.
    Seed,
    /// A peer-reviewed paper or an official guideline.
    PeerReviewed,
    /// A secondary source (clinic, vendor or consumer page): weaker.
    Secondary,
    /// Our own inference from the sources.
    Inferred,
    /// The clinic's own policy, not the literature.
    Policy,
}

/// A source behind a reason: a citation (or seed section) and its
/// strength.
///
/// # Example
///
/// ```
/// use prolo_triage::{Source, Strength};
/// let s = Source::new("Seed: The Procedure", Strength::Seed);
/// assert_eq!(s.citation, "Seed: The Procedure");
/// ```
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Source {
    /// The citation, or `Seed: <section>` for the seed document.
    pub citation: Cow<'static, str>,
    /// How strong the source is.
    pub strength: Strength,
}

impl Source {
    /// A source from static text.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{Source, Strength};
    /// let s = Source::new("Seed: The Procedure", Strength::Seed);
    /// assert_eq!(s.citation, "Seed: The Procedure");
    /// ```
    #[must_use]
    pub const fn new(citation: &'static str, strength: Strength) -> Source {
        Source {
            citation: Cow::Borrowed(citation),
            strength,
        }
    }
}

impl Source {
    /// The source as a patient reads it: a short plain label by kind of
    /// source, printed once as an endnote (`docs/clinical-knowledge.md`
    /// §8). The full citation stays for the clinician.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{Source, Strength};
    /// let s = Source::new("Seed: The Procedure", Strength::Seed);
    /// assert_eq!(s.patient_label(), "From the clinic's leaflet on prolotherapy");
    /// let s = Source::new("Paget, JAMA 2021", Strength::PeerReviewed);
    /// assert_eq!(s.patient_label(), "From research studies");
    /// ```
    #[must_use]
    pub const fn patient_label(&self) -> &'static str {
        match self.strength {
            Seed => "From the clinic's leaflet on prolotherapy",
            PeerReviewed => "From research studies",
            Secondary => "From health services and medical websites",
            Inferred => "Our advice, not from a study",
            Strength::Policy => "Your clinic's own rule",
        }
    }
}

use Strength::{Inferred, PeerReviewed, Secondary, Seed};

pub(crate) const SEED_CONDITIONS: Source =
    Source::new("Seed: Common Foot Problems Treated with Prolotherapy", Seed);

pub(crate) const OTTAWA: Source = Source::new(
    "Stiell et al., Ottawa ankle rules, JAMA 1992/1993; Bachmann et al., BMJ 2003;326:417",
    PeerReviewed,
);
pub(crate) const OTTAWA_NEUROPATHY: Source = Source::new(
    "A source not named in the knowledge base: the Ottawa rules do not apply with intoxication, head or multiple injury, or neuropathy",
    Secondary,
);
pub(crate) const ACHILLES_RUPTURE: Source =
    Source::new("Maffulli, Am J Sports Med 1998", PeerReviewed);
// A peer-reviewed review and a secondary source: labelled with the
// weaker of the two (one strength per source).
pub(crate) const CHARCOT: Source = Source::new(
    "Am Fam Physician review of Charcot foot; NHS Gloucestershire foot pathways",
    Secondary,
);
pub(crate) const TENDERNESS_WITHOUT_INJURY: Source = Source::new(
    "The scope of the Ottawa rules (acute injury; Stiell et al., JAMA 1992/1993): tenderness without an injury may be a stress fracture",
    Inferred,
);
pub(crate) const CHARCOT_FALLEN_ARCH: Source = Source::new(
    "The Charcot foot criterion (Am Fam Physician review of Charcot foot; NHS Gloucestershire foot pathways) applied to an acquired flat foot",
    Inferred,
);
pub(crate) const NHS_PATHWAYS: Source = Source::new("NHS Gloucestershire foot pathways", Secondary);
pub(crate) const VASCULAR: Source = Source::new(
    "Vascular guidelines, as summarised by a source not named in the knowledge base",
    Secondary,
);
pub(crate) const UNNAMED_SECONDARY: Source =
    Source::new("A source not named in the knowledge base", Secondary);
pub(crate) const TUMOUR: Source = Source::new(
    "A source not named in the knowledge base; NHS pathways refer suspected tumour urgently",
    Secondary,
);

pub(crate) const CONTRAINDICATION_SPLIT: Source = Source::new(
    "No guideline sorts them; the split follows trial exclusion lists (NCT01326351, NCT05984121, NCT03731897) and the PRP list (Medscape, Le 2018)",
    Inferred,
);
pub(crate) const DEXTROSE_CORN: Source = Source::new(
    "IV dextrose labels (corn allergy warning); no prolotherapy-specific source",
    Secondary,
);

pub(crate) const ADULTS_ONLY: Source = Source::new(
    "Every trial found enrolled adults (e.g. Mansiz-Kaplan, Am J Phys Med Rehabil 2020: ages 18-65)",
    PeerReviewed,
);
/// The trials alone: what a policy below 12 weeks of symptoms is compared
/// with.
pub(crate) const SYMPTOM_TRIALS: Source = Source::new(
    "Trials enrolled symptoms of 3 months or more: Mansiz-Kaplan, Am J Phys Med Rehabil 2020; Maxwell, AJR 2007",
    PeerReviewed,
);
// The trials and the ACFAS phases, which the knowledge base read through a
// source it does not name: labelled with the weaker strength.
pub(crate) const SYMPTOM_DURATION: Source = Source::new(
    "Trials enrolled symptoms of 3 months or more: Mansiz-Kaplan, Am J Phys Med Rehabil 2020; Maxwell, AJR 2007; acute and subacute phases: ACFAS 2018 consensus, as reported by a source not named in the knowledge base",
    Secondary,
);
/// A policy below both literature durations is compared with the trials
/// and the NHS pathways' 6 weeks: labelled with the weaker strength.
pub(crate) const TIMING_BELOW_LITERATURE: Source = Source::new(
    "Trials enrolled symptoms of 3 months or more: Mansiz-Kaplan, Am J Phys Med Rehabil 2020; Maxwell, AJR 2007; NHS pathways escalate after 6 weeks of care",
    Secondary,
);
// Guidelines and the NHS pathways: labelled with the weaker strength.
pub(crate) const CONSERVATIVE_CARE: Source = Source::new(
    "APTA/JOSPT heel pain CPG 2014 and 2023; Achilles CPG 2018; NHS pathways escalate after 6 weeks",
    Secondary,
);
pub(crate) const REFRACTORY: Source = Source::new(
    "ACFAS 2018 consensus: refractory after more than 6 months of appropriate care, as reported by a source not named in the knowledge base",
    Secondary,
);
// The Ottawa rules are peer-reviewed, most other red flags' sources are
// not: labelled with the weaker strength.
pub(crate) const SCREENING: Source = Source::new(
    "Ottawa rules (Stiell et al., JAMA 1992/1993; Bachmann et al., BMJ 2003;326:417) and the sources of the other red flags",
    Secondary,
);

// The seed document, by section.
pub(crate) const SEED_WHAT_IS: Source =
    Source::new("Seed: What is Prolotherapy for the Foot?", Seed);
pub(crate) const SEED_CONCEPT: Source = Source::new("Seed: Concept of Prolotherapy", Seed);
pub(crate) const SEED_PREPARING: Source = Source::new("Seed: Preparing for Prolotherapy", Seed);
pub(crate) const SEED_PROCEDURE: Source = Source::new("Seed: The Procedure", Seed);
pub(crate) const SEED_FREQUENCY: Source = Source::new("Seed: Frequency of Prolotherapy", Seed);
pub(crate) const SEED_AFTERCARE: Source = Source::new("Seed: After-Care and Recovery", Seed);
pub(crate) const SEED_SIDE_EFFECTS: Source = Source::new("Seed: Side Effects", Seed);

// Injectates (docs/clinical-knowledge.md §2, §5).
pub(crate) const NSAID_ADVICE: Source = Source::new(
    "Published advice on stopping NSAIDs ranges from 3 days to 2 weeks before and up to 12 weeks after",
    Secondary,
);
pub(crate) const NSAID_PRP: Source = Source::new(
    "Schippinger et al., Orthop J Sports Med 2015: NSAIDs within 48 h impair platelet function in PRP",
    PeerReviewed,
);
pub(crate) const PRP_LIST: Source =
    Source::new("Medscape, Le 2018: PRP contraindications", Secondary);
pub(crate) const PRP_ANTIPLATELET: Source = Source::new(
    "The PRP list (Medscape, Le 2018) avoids platelet dysfunction; antiplatelet drugs act by impairing platelet function",
    Inferred,
);
pub(crate) const PRP_ASPIRIN: Source = Source::new(
    "Aspirin impairs platelet function (an antiplatelet drug, kept out of that class only for the verdict); no study of its effect on PRP found",
    Inferred,
);
pub(crate) const PRP_ACHILLES_TRIALS: Source =
    Source::new("Kearney, JAMA 2021; de Vos, JAMA 2010", PeerReviewed);
pub(crate) const PRP_ANKLE_OA_TRIAL: Source = Source::new("Paget, JAMA 2021", PeerReviewed);
pub(crate) const SALINE_COMPARATOR: Source = Source::new(
    "Mansiz-Kaplan, Am J Phys Med Rehabil 2020 (15% dextrose vs saline)",
    PeerReviewed,
);
pub(crate) const STEM_CELLS_NO_TRIAL: Source =
    Source::new("No foot trial of autologous stem cells found", Inferred);
pub(crate) const DIABETES_DEXTROSE: Source = Source::new(
    "Dextrose trials exclude diabetes (NCT01326351, NCT05984121, NCT03731897), hence a caution",
    Inferred,
);
pub(crate) const ANAESTHETIC_FREE: Source = Source::new(
    "Allergy advice of the knowledge base: with a local anaesthetic allergy, an anaesthetic-free solution; no prolotherapy-specific source",
    Secondary,
);

// Courses of sessions (docs/clinical-knowledge.md §4, typical courses from trials).
pub(crate) const COURSE_HEEL: Source = Source::new(
    "Mansiz-Kaplan, Am J Phys Med Rehabil 2020 (2 sessions 3 weeks apart); Ersen, Turk J Phys Med Rehabil 2018 (3 sessions every 21 days); Ryan, BJSM 2009 (median 3 sessions 6 weeks apart)",
    PeerReviewed,
);
pub(crate) const COURSE_ACHILLES: Source = Source::new(
    "Maxwell, AJR 2007 (25% dextrose every 6 weeks, mean 4 sessions); Yelland, BJSM 2011; Ryan, AJR 2010",
    PeerReviewed,
);
pub(crate) const CALL_THE_CLINIC: Source = Source::new(
    "The seed's Side Effects section lists these as occasional; the advice to call the clinic is added to it",
    Inferred,
);
pub(crate) const RESOLUTION: Source = Source::new(
    "Which contraindications can resolve follows from their nature (acute infection or flare)",
    Inferred,
);

// Evidence by condition (docs/clinical-knowledge.md §4).
pub(crate) const EVIDENCE_HEEL: Source = Source::new(
    "Small RCTs: Mansiz-Kaplan, Am J Phys Med Rehabil 2020; Ersen, Turk J Phys Med Rehabil 2018; Kim & Lee, PM&R 2014 (PRP ≈ 15% dextrose); case series Ryan, BJSM 2009 (16/20 good-excellent); Covey, J Fam Pract 2015: strength of recommendation B",
    PeerReviewed,
);
pub(crate) const EVIDENCE_ACHILLES: Source = Source::new(
    "RCT Yelland, BJSM 2011 (prolotherapy + eccentric loading best at 12 months); case series Maxwell, AJR 2007 and Ryan, AJR 2010; PRP no better than sham: Kearney, JAMA 2021; de Vos, JAMA 2010",
    PeerReviewed,
);
pub(crate) const EVIDENCE_MORTON: Source = Source::new(
    "No dextrose trial; the evidence is for alcohol sclerosing injections, a different injectate (Hughes, AJR 2007)",
    PeerReviewed,
);
pub(crate) const EVIDENCE_BUNION: Source = Source::new(
    "One 12-patient case series (Hauser & Feister, Foot Ankle Online J 2012)",
    PeerReviewed,
);
pub(crate) const EVIDENCE_OA: Source = Source::new(
    "No dextrose trial in ankle/foot osteoarthritis; PRP no better than saline for ankle OA (Paget, JAMA 2021)",
    PeerReviewed,
);
pub(crate) const EVIDENCE_TENDINITIS: Source = Source::new(
    "Extrapolated from Achilles and plantar fascia trials",
    Inferred,
);
pub(crate) const EVIDENCE_FALLEN_ARCH: Source = Source::new("No trial found", Inferred);
pub(crate) const EVIDENCE_REVIEW_SANDERSON: Source = Source::new(
    "Sanderson & Bryant, J Foot Ankle Res 2015: study quality poor",
    PeerReviewed,
);
pub(crate) const EVIDENCE_REVIEW_REEVES: Source = Source::new(
    "Reeves, Sit & Rabago 2016: moderate RCT support for plantar fasciopathy",
    PeerReviewed,
);

// Patient wording (docs/clinical-knowledge.md §1 and §2, the [I] paragraphs).
pub(crate) const SAFETY_NETTING: Source = Source::new(
    "Safety-netting when a problem needs checking first, by the red flag's tier",
    Inferred,
);
pub(crate) const RED_FLAG_FIRST: Source = Source::new(
    "Such a problem is checked by the clinician before any treatment is considered",
    Inferred,
);
pub(crate) const PRESCRIBED_MEDICINES: Source = Source::new(
    "A prescribed medicine is stopped or changed only on the advice of the doctor who prescribes it",
    Inferred,
);
pub(crate) const QUESTIONS_FIRST: Source = Source::new(
    "Nothing is suggested while an answer that could change the decision is missing",
    Inferred,
);

// How soon a red flag must be seen (docs/clinical-knowledge.md §1.1).
pub(crate) const COMPARTMENT_EMERGENCY: Source = Source::new(
    "Donaldson et al., Open Orthop J 2014;8:185: compartment syndrome is a surgical emergency",
    PeerReviewed,
);
pub(crate) const LIMB_ISCHAEMIA: Source = Source::new(
    "NSW Agency for Clinical Innovation, acute limb ischaemia pathway",
    Secondary,
);
pub(crate) const CLOT_IN_LUNGS: Source = Source::new(
    "NHS advice on DVT and pulmonary embolism, via Gloucestershire Hospitals' DVT leaflet",
    Secondary,
);
pub(crate) const SEPSIS: Source = Source::new(
    "NICE NG51 (sepsis), 1.1.2: sepsis may present as feeling very unwell without a high temperature",
    PeerReviewed,
);
// A threshold the clinic set, said as the clinic's (not the studies').
pub(crate) const CLINIC_POLICY: Source =
    Source::new("The clinic's policy: its own minimum age", Strength::Policy);
// Writing for patients (docs/clinical-knowledge.md §8).
pub(crate) const WRITING_FOR_PATIENTS: Source = Source::new(
    "Writing for patients: what a patient needs to act safely",
    Inferred,
);

// From symptoms to candidate conditions (docs/clinical-knowledge.md §7).
pub(crate) const PF_CPG: Source = Source::new(
    "Martin et al., APTA/JOSPT heel pain CPG, J Orthop Sports Phys Ther 2014;44(11):A1-A33",
    PeerReviewed,
);
pub(crate) const PF_GOFF: Source =
    Source::new("Goff & Crawford, Am Fam Physician 2011", PeerReviewed);
pub(crate) const PF_NO_INJURY: Source = Source::new(
    "BMJ Best Practice, summarising the ACFAS 2018 consensus: usually no acute injury",
    Secondary,
);
pub(crate) const WINDLASS: Source = Source::new(
    "De Garceau et al., Foot Ankle Int 2003 (figures read on other pages): specificity 100%",
    Secondary,
);
pub(crate) const HEEL_PAD: Source =
    Source::new("NHS Greater Glasgow & Clyde MSK pathway", Secondary);
pub(crate) const HEEL_PAIN_CPG: Source = Source::new(
    "Martin et al., J Orthop Sports Phys Ther 2014; ACFAS heel pain CPG, revision 2010",
    PeerReviewed,
);
pub(crate) const ACHILLES_HUTCHISON: Source = Source::new(
    "Hutchison et al., Foot Ankle Surg 2013;19:112-117: self-reported pain 2-6 cm above the insertion, sensitivity 78%, specificity 77%",
    PeerReviewed,
);
pub(crate) const ACHILLES_CPG: Source = Source::new(
    "Martin et al., APTA Achilles CPG, J Orthop Sports Phys Ther 2018;48(5):A1-A38",
    PeerReviewed,
);
pub(crate) const ACHILLES_TESTS: Source = Source::new(
    "Maffulli 2003 (figures read on other pages): Royal London Hospital test specificity 0.91, arc sign 0.83",
    Secondary,
);
pub(crate) const ACHILLES_MORNING: Source = Source::new("Hutchison 2013, via a summary", Secondary);
pub(crate) const ACHILLES_INSERTIONAL: Source =
    Source::new("Matthews et al., PeerJ 2021", PeerReviewed);
pub(crate) const TIBIALIS_POSTERIOR: Source =
    Source::new("Kohls-Gatzoulis et al., BMJ 2004;329:1328", PeerReviewed);
pub(crate) const HEEL_RAISE: Source = Source::new(
    "Ross et al., J Orthop Sports Phys Ther 2021;51(5):253-260",
    PeerReviewed,
);
pub(crate) const PERONEAL: Source =
    Source::new("Davda et al., EFORT Open Rev 2017;2:281-292", PeerReviewed);
pub(crate) const MORTON_ACFAS: Source =
    Source::new("ACFAS forefoot disorders CPG, section 3", PeerReviewed);
pub(crate) const MORTON_PITCHER: Source = Source::new(
    "Pitcher et al., Foot Ankle Orthop 2024 (systematic review): clicking LR+ 13.1; squeeze test sensitivity 0.96, LR- 0.04",
    PeerReviewed,
);
pub(crate) const MULDER: Source = Source::new(
    "Mahadevan et al., Diagnostic accuracy of clinical tests for Morton's neuroma compared with ultrasonography, PMID 25432459: sensitivity 61%",
    PeerReviewed,
);
pub(crate) const BUNION_DEFINITION: Source = Source::new(
    "Vanore et al., ACFAS CPG 2003; Menz et al., BMC Musculoskelet Disord 2010;11:215 (self-rating, sensitivity 85%, specificity 88%)",
    PeerReviewed,
);
pub(crate) const BUNION_PAIN: Source =
    Source::new("Nix et al., BMC Musculoskelet Disord 2012", PeerReviewed);
pub(crate) const OA_NICE: Source = Source::new("NICE NG226 (2022)", PeerReviewed);
pub(crate) const OA_BIG_TOE_RULE: Source = Source::new(
    "J Foot Ankle Res 2011;4(Suppl 1):O53, conference abstract: 3 or more of 5, LR+ 3.07",
    PeerReviewed,
);
pub(crate) const OA_BIG_TOE: Source =
    Source::new("George & Nguyen, Medicine Today 2021", PeerReviewed);
pub(crate) const FALLEN_ARCH_DEFINITION: Source = Source::new(
    "Lee et al., ACFAS adult flatfoot CPG 2005; Myerson et al., Foot Ankle Int 2020;41(10):1271-6",
    PeerReviewed,
);
pub(crate) const FALLEN_ARCH_SIGNS: Source = Source::new(
    "Kohls-Gatzoulis et al., Foot Ankle Surg 2009; Hintermann & Gächter, Foot Ankle Int 1996",
    PeerReviewed,
);
pub(crate) const SYMPTOM_PATTERN_INFERENCE: Source = Source::new(
    "The knowledge base's own reading of the condition's pattern (clinical-knowledge.md section 7.1)",
    Inferred,
);
pub(crate) const TARSAL_TUNNEL: Source = Source::new(
    "Kinoshita et al., J Bone Joint Surg Am 2001;83(12):1835-9",
    PeerReviewed,
);
pub(crate) const CALCANEAL_STRESS_FRACTURE: Source =
    Source::new("Sormaala et al., J Bone Joint Surg Am 2006", PeerReviewed);
pub(crate) const PLANTAR_PLATE: Source = Source::new(
    "Kinter & Hodgkins, Sports Health 2020;12(4):390-4",
    PeerReviewed,
);
pub(crate) const INFLAMMATORY_MIMIC: Source =
    Source::new("NICE NG226; BMJ Best Practice", Secondary);
pub(crate) const RADICULOPATHY: Source = Source::new("StatPearls, Plantar heel pain", Secondary);
pub(crate) const ACHILLES_SNAP: Source = Source::new(
    "Boyd et al., Br J Gen Pract 2015;65:668-9; GPnotebook: up to a quarter missed at first presentation",
    Secondary,
);

#[cfg(test)]
mod tests {
    use super::*;

    /// Every source of the rule tables, the notes and the plan.
    fn sources() -> Vec<Source> {
        let mut out: Vec<Source> = crate::rules::RULES
            .iter()
            .map(|r| r.source.clone())
            .collect();
        out.extend(
            crate::rules::INJECTATE_RULES
                .iter()
                .map(|r| r.source.clone()),
        );
        out.extend([
            SEED_CONDITIONS,
            OTTAWA,
            OTTAWA_NEUROPATHY,
            ACHILLES_RUPTURE,
            CHARCOT,
            TENDERNESS_WITHOUT_INJURY,
            CHARCOT_FALLEN_ARCH,
            NHS_PATHWAYS,
            VASCULAR,
            UNNAMED_SECONDARY,
            TUMOUR,
            CONTRAINDICATION_SPLIT,
            DEXTROSE_CORN,
            ADULTS_ONLY,
            SYMPTOM_TRIALS,
            TIMING_BELOW_LITERATURE,
            SYMPTOM_DURATION,
            CONSERVATIVE_CARE,
            REFRACTORY,
            SCREENING,
            NSAID_ADVICE,
            NSAID_PRP,
            PRP_LIST,
            PRP_ANTIPLATELET,
            PRP_ASPIRIN,
            PRP_ACHILLES_TRIALS,
            PRP_ANKLE_OA_TRIAL,
            SALINE_COMPARATOR,
            STEM_CELLS_NO_TRIAL,
            DIABETES_DEXTROSE,
            ANAESTHETIC_FREE,
            COURSE_HEEL,
            COURSE_ACHILLES,
            CALL_THE_CLINIC,
            RESOLUTION,
            EVIDENCE_HEEL,
            EVIDENCE_ACHILLES,
            EVIDENCE_MORTON,
            EVIDENCE_BUNION,
            EVIDENCE_OA,
            EVIDENCE_TENDINITIS,
            EVIDENCE_FALLEN_ARCH,
            EVIDENCE_REVIEW_SANDERSON,
            EVIDENCE_REVIEW_REEVES,
            SAFETY_NETTING,
            RED_FLAG_FIRST,
            PRESCRIBED_MEDICINES,
            QUESTIONS_FIRST,
            PF_CPG,
            PF_GOFF,
            WINDLASS,
            PF_NO_INJURY,
            HEEL_PAD,
            HEEL_PAIN_CPG,
            ACHILLES_HUTCHISON,
            ACHILLES_CPG,
            ACHILLES_TESTS,
            ACHILLES_MORNING,
            ACHILLES_INSERTIONAL,
            TIBIALIS_POSTERIOR,
            HEEL_RAISE,
            PERONEAL,
            MORTON_ACFAS,
            MORTON_PITCHER,
            MULDER,
            BUNION_DEFINITION,
            BUNION_PAIN,
            OA_NICE,
            OA_BIG_TOE_RULE,
            OA_BIG_TOE,
            FALLEN_ARCH_DEFINITION,
            FALLEN_ARCH_SIGNS,
            SYMPTOM_PATTERN_INFERENCE,
            TARSAL_TUNNEL,
            CALCANEAL_STRESS_FRACTURE,
            PLANTAR_PLATE,
            INFLAMMATORY_MIMIC,
            RADICULOPATHY,
            ACHILLES_SNAP,
        ]);
        out
    }

    /// One strength per source, printed from [`Source::strength`]: no
    /// citation names a strength anywhere in its text ("(secondary)",
    /// "via secondary", "our inference"), so none can print it twice or
    /// claim another strength than its label (a source that mixes
    /// strengths is labelled with the weaker one).
    #[test]
    fn no_citation_names_a_strength() {
        for source in sources() {
            let citation = source.citation.to_lowercase();
            for word in [
                "secondary",
                "peer-reviewed",
                "peer reviewed",
                "inference",
                "inferred",
                "(seed)",
            ] {
                assert!(!citation.contains(word), "{citation}");
            }
        }
    }

    /// "(secondary) (secondary)": a citation that ends with its own
    /// strength would print it twice beside the strength label.
    #[test]
    fn no_citation_ends_with_its_own_strength() {
        for source in sources() {
            let citation: &str = &source.citation;
            let own = match source.strength {
                Strength::Secondary => ["(secondary)", "(secondary source)"],
                Strength::PeerReviewed => ["(peer-reviewed)", "(peer reviewed)"],
                Strength::Inferred => ["(inferred)", "(our inference)"],
                Strength::Seed | Strength::Policy => continue,
            };
            for end in own {
                assert!(!citation.ends_with(end), "{citation}");
            }
        }
    }
}
