//! Foot conditions: the eight the source document lists as treatable, and
//! `other`.

use crate::vocabulary::vocabulary;

vocabulary! {
/// A foot condition, by its wire name (`docs/decision-model.md` §2).
///
/// The first eight are the conditions the patient-education source lists as
/// treated with prolotherapy; `other` is anything else and is never treatable.
///
/// # Example
///
/// ```
/// use prolo_triage::Condition;
///
/// let c: Condition = "plantar_fasciitis".parse()?;
/// assert_eq!(c.icd10cm(), &["M72.2"]);
/// assert_eq!(Condition::all().len(), 9);
/// assert_eq!(Condition::Other.as_str(), "other");
/// # Ok::<(), strum::ParseError>(())
/// ```
#[derive(PartialOrd, Ord)]
#[non_exhaustive]
pub enum Condition {
    /// Plantar fasciitis / fasciopathy.
    PlantarFasciitis,
    /// Heel pain, including calcaneal spur.
    HeelPain,
    /// Achilles tendinopathy / tendinitis.
    AchillesTendinopathy,
    /// Other foot or ankle tendinitis (peroneal, posterior tibial,
    /// enthesopathy).
    Tendinitis,
    /// Morton's neuroma.
    MortonsNeuroma,
    /// Bunion / hallux valgus pain.
    BunionPain,
    /// Osteoarthritis of the ankle and foot.
    Osteoarthritis,
    /// Acquired flat foot (not congenital).
    FallenArch,
    /// Anything else.
    Other,
}
}

impl Condition {
    /// The ICD-10-CM codes of the condition (CMS/CDC FY2021 code files, as
    /// checked for `docs/decision-model.md` §2). Codes change every 1 October;
    /// `other` has none.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::Condition;
    /// assert!(Condition::MortonsNeuroma.icd10cm().contains(&"G57.61"));
    /// assert!(Condition::Other.icd10cm().is_empty());
    /// ```
    #[must_use]
    pub fn icd10cm(self) -> &'static [&'static str] {
        match self {
            Condition::PlantarFasciitis => &["M72.2"],
            Condition::HeelPain => &[
                "M79.671", "M79.672", "M79.673", "M77.30", "M77.31", "M77.32",
            ],
            Condition::AchillesTendinopathy => &["M76.60", "M76.61", "M76.62"],
            Condition::Tendinitis => &[
                "M76.70", "M76.71", "M76.72", "M76.821", "M76.822", "M76.829", "M77.50", "M77.51",
                "M77.52",
            ],
            Condition::MortonsNeuroma => &["G57.60", "G57.61", "G57.62", "G57.63"],
            Condition::BunionPain => &[
                "M20.10", "M20.11", "M20.12", "M21.611", "M21.612", "M21.619",
            ],
            Condition::Osteoarthritis => &["M19.071", "M19.072", "M19.079"],
            Condition::FallenArch => &["M21.40", "M21.41", "M21.42"],
            Condition::Other => &[],
        }
    }

    /// A short clinician-facing name, e.g. "plantar fasciitis".
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::Condition;
    /// assert_eq!(Condition::MortonsNeuroma.label(), "Morton's neuroma");
    /// ```
    #[must_use]
    pub const fn label(self) -> &'static str {
        match self {
            Condition::PlantarFasciitis => "plantar fasciitis",
            Condition::HeelPain => "heel pain",
            Condition::AchillesTendinopathy => "Achilles tendinopathy",
            Condition::Tendinitis => "foot/ankle tendinitis",
            Condition::MortonsNeuroma => "Morton's neuroma",
            Condition::BunionPain => "bunion pain",
            Condition::Osteoarthritis => "foot/ankle osteoarthritis",
            Condition::FallenArch => "fallen arch",
            Condition::Other => "another condition",
        }
    }

    /// The condition as a patient reads it: its usual name, without the
    /// clinician's shorthand ("foot/ankle").
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::Condition;
    /// assert_eq!(Condition::Tendinitis.patient_label(), "tendinitis in the foot or ankle");
    /// assert_eq!(Condition::HeelPain.patient_label(), Condition::HeelPain.label());
    /// ```
    #[must_use]
    pub const fn patient_label(self) -> &'static str {
        match self {
            Condition::Tendinitis => "tendinitis in the foot or ankle",
            Condition::Osteoarthritis => "osteoarthritis in the foot or ankle",
            Condition::FallenArch => "fallen arch (flat foot)",
            Condition::PlantarFasciitis
            | Condition::HeelPain
            | Condition::AchillesTendinopathy
            | Condition::MortonsNeuroma
            | Condition::BunionPain
            | Condition::Other => self.label(),
        }
    }

    /// True for the eight conditions the source document lists as treated
    /// with prolotherapy. A [`Policy`](crate::Policy) may treat fewer.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::Condition;
    /// assert!(Condition::FallenArch.is_listed_as_treatable());
    /// assert!(!Condition::Other.is_listed_as_treatable());
    /// ```
    #[must_use]
    pub fn is_listed_as_treatable(self) -> bool {
        self != Condition::Other
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use strum::IntoEnumIterator;

    #[test]
    fn every_treatable_condition_has_codes_and_other_has_none() {
        for c in Condition::iter() {
            assert_eq!(c.icd10cm().is_empty(), c == Condition::Other, "{c}");
        }
    }

    #[test]
    fn serde_and_strum_agree_on_wire_names() {
        for c in Condition::iter() {
            let json = serde_json::to_string(&c).unwrap_or_default();
            assert_eq!(json, format!("\"{}\"", c.as_str()));
            assert_eq!(c.as_str().parse::<Condition>(), Ok(c));
        }
    }

    #[test]
    fn heel_pain_covers_spur_codes() {
        assert!(Condition::HeelPain.icd10cm().contains(&"M77.32"));
    }
}
