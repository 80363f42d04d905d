//! Where every clinical sentence comes from.
//!
//! Each [`Source`] quotes `clinical-knowledge.md` or names a section of the
//! patient-education seed document. Nothing here is a citation the
//! knowledge file does not give; where it gives no name, the source says
//! so ("secondary source, not named") rather than inventing one.

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
    #[must_use]
    pub const fn new(citation: &'static str, strength: Strength) -> Source {
        Source {
            citation: Cow::Borrowed(citation),
            strength,
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
    "Secondary source, not named: the Ottawa rules do not apply with intoxication, head or multiple injury, or neuropathy",
    Secondary,
);
pub(crate) const ACHILLES_RUPTURE: Source =
    Source::new("Maffulli, Am J Sports Med 1998", PeerReviewed);
pub(crate) const CHARCOT: Source = Source::new(
    "Am Fam Physician review of Charcot foot; NHS Gloucestershire foot pathways (secondary)",
    PeerReviewed,
);
pub(crate) const NHS_PATHWAYS: Source = Source::new(
    "NHS Gloucestershire foot pathways (secondary source)",
    Secondary,
);
pub(crate) const VASCULAR: Source =
    Source::new("Vascular guidelines, via a secondary source", Secondary);
pub(crate) const UNNAMED_SECONDARY: Source = Source::new(
    "Secondary source, not named in the knowledge base",
    Secondary,
);
pub(crate) const TUMOUR: Source = Source::new(
    "Secondary source, not named; NHS pathways refer suspected tumour urgently",
    Secondary,
);

pub(crate) const CONTRAINDICATION_SPLIT: Source = Source::new(
    "Inferred from trial exclusion lists (NCT01326351, NCT05984121, NCT03731897) and the PRP list (Medscape, Le 2018, secondary)",
    Inferred,
);
pub(crate) const DEXTROSE_CORN: Source = Source::new(
    "IV dextrose labels (corn allergy warning); no prolotherapy-specific source (secondary)",
    Secondary,
);

pub(crate) const ADULTS_ONLY: Source = Source::new(
    "Every trial found enrolled adults (e.g. Mansiz-Kaplan, Am J Phys Med Rehabil 2020: ages 18-65)",
    PeerReviewed,
);
pub(crate) const SYMPTOM_DURATION: Source = Source::new(
    "Trials enrolled symptoms of 3 months or more: Mansiz-Kaplan, Am J Phys Med Rehabil 2020; Maxwell, AJR 2007; ACFAS 2018 consensus (via secondary)",
    PeerReviewed,
);
pub(crate) const CONSERVATIVE_CARE: Source = Source::new(
    "APTA/JOSPT heel pain CPG 2014 and 2023; Achilles CPG 2018; NHS pathways escalate after 6 weeks (secondary)",
    PeerReviewed,
);
pub(crate) const REFRACTORY: Source = Source::new(
    "ACFAS 2018 consensus: refractory after more than 6 months of appropriate care (via secondary)",
    PeerReviewed,
);
pub(crate) const SCREENING: Source = Source::new(
    "Ottawa rules (Stiell, JAMA 1992/1993; Bachmann, BMJ 2003, peer-reviewed) and the other red flags' sources, mostly secondary",
    Secondary,

);
