//! The output: a verdict with its reasons, sources and open questions, and
//! what follows from it (reconsider, injectates, plan, evidence). Data
//! types only; `explain` builds them from an evaluation.

mod basis;
mod candidate;
mod evidence;
mod injectate;
mod plan;
mod reason;
mod reconsider;
mod report;
mod stamp;
mod trace;

use serde::{Deserialize, Serialize};

use crate::vocabulary::Verdict;

pub use basis::{Basis, Thresholds};
pub use candidate::{Band, Candidate, CandidateFeature, CandidateQuestion, MimicNote};
pub use evidence::{Evidence, EvidenceLevel};
pub use injectate::{InjectateAdvice, Note};
pub use plan::{MedicineAdvice, Plan, PlanItem};
pub use reason::{Caveat, Question, Reason, ReasonId, Role, Support};
pub use reconsider::{Change, Reconsider};
pub use stamp::PolicyStamp;
pub use trace::{
    FactTrace, FeatureTrace, GroupTrace, KeyGroupTrace, Kleene, PatternTrace, RuleTrace, Trace,
};

/// The answer for one patient: the verdict, one sentence that says it, the
/// reasons with their sources, and the questions still open.
///
/// It serialises to the wire format of `docs/decision-model.md` §6 and reads
/// back from it. The struct is `#[non_exhaustive]`: fields may be added
/// without breaking callers, and JSON without the newer fields still
/// reads.
///
/// # Example
///
/// ```
/// use prolo_triage::{assess, Assessment, Policy, Presentation, Verdict};
///
/// let p = Presentation::from_json(r#"{"age_years": 50, "conditions": ["achilles_tendinopathy"]}"#)?;
/// let a = assess(&p, &Policy::default());
/// assert_eq!(a.verdict, Verdict::NeedsInformation);
/// assert!(a.questions[0].blocking);
/// let back: Assessment = serde_json::from_str(&a.to_json()).unwrap();
/// assert_eq!(back, a);
/// # Ok::<(), prolo_triage::Error>(())
/// ```
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Assessment {
    /// The verdict.
    pub verdict: Verdict,
    /// One sentence, at most [`MAX_SUMMARY_CHARS`](crate::MAX_SUMMARY_CHARS)
    /// characters, for a clinician.
    pub summary: String,
    /// The verdict of the best completion: every unknown adverse fact
    /// absent, every unknown number permitting treatment.
    pub best_case: Verdict,
    /// The verdict of the worst completion.
    pub worst_case: Verdict,
    /// Why: the rules that decided, then what else is present, what is
    /// unknown, what supports a discussion and caveats.
    pub reasons: Vec<Reason>,
    /// The unknown facts that could change the verdict, most important
    /// first (red flags, absolute contraindications, suitability, timing,
    /// precautions).
    pub questions: Vec<Question>,
    /// For a verdict of the `no` family: every change that would have to
    /// happen for the verdict to reach the yes family.
    #[serde(default)]
    pub reconsider_when: Vec<Reconsider>,
    /// For the yes family and `needs_information`: each injectate's
    /// standing; empty when nothing is to be injected.
    #[serde(default)]
    pub injectates: Vec<InjectateAdvice>,
    /// For the yes family only: preparation, procedure, course, aftercare,
    /// side effects.
    #[serde(default)]
    pub plan: Option<Plan>,
    /// The evidence for each recorded condition, then the overall reviews.
    #[serde(default)]
    pub evidence: Vec<Evidence>,
    /// What the verdict was decided on: the conditions read and the
    /// patient's numbers.
    pub basis: Basis,
    /// The policy decided under.
    pub policy: PolicyStamp,
    /// The conditions the symptoms fit, ranked, for the clinician to
    /// confirm (contract v3); `[]` when nothing qualifies. Never a
    /// diagnosis, never a probability, never read by the verdict.
    #[serde(default)]
    pub candidates: Vec<Candidate>,
    /// The look-alikes a present symptom suggests, to exclude before any
    /// injection (contract v3).
    #[serde(default)]
    pub mimics: Vec<MimicNote>,
}

impl Assessment {
    /// The assessment as one JSON document (the wire format).
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{assess, Policy, Presentation};
    /// let json = assess(&Presentation::default(), &Policy::default()).to_json();
    /// assert!(json.starts_with(r#"{"verdict":"needs_information""#));
    /// ```
    #[must_use]
    pub fn to_json(&self) -> String {
        // Strings, enums and numbers only: serialization cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The questions whose answer could change the family.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{assess, Policy, Presentation};
    /// let a = assess(&Presentation::default(), &Policy::default());
    /// assert!(a.blocking_questions().all(|q| q.blocking));
    /// ```
    pub fn blocking_questions(&self) -> impl Iterator<Item = &Question> {
        self.questions.iter().filter(|q| q.blocking)
    }
}
