//! The output: a verdict with its reasons, sources and open questions.

use std::borrow::Cow;
use std::fmt::Write as _;

use serde::{Deserialize, Serialize};
use strum::{Display, EnumIter, IntoStaticStr};

use crate::evidence::Evidence;
use crate::injectate::{InjectateAdvice, Suitability};

use crate::knowledge::Source;
use crate::plan::{Plan, PlanItem};
use crate::reconsider::Reconsider;

use crate::policy::PolicyStamp;
use crate::rules::{Fact, Group, Subject};
use crate::truth::Truth;
use crate::verdict::Verdict;

/// The answer for one patient: the verdict, one sentence that says it, the
/// reasons with their sources, and the questions still open.
///
/// It serialises to the wire format of `decision-model.md` §6 and reads
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Assessment {
    /// The verdict.
    pub verdict: Verdict,
    /// One sentence, at most 140 characters, for a clinician.
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
    /// The policy decided under.
    pub policy: PolicyStamp,
}

/// What a reason does for the verdict.
///
/// # Example
///
/// ```
/// use prolo_triage::Role;
/// assert_eq!(Role::Decisive.to_string(), "decisive");
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
pub enum Role {
    /// A present fact of the group that decided the verdict.
    Decisive,
    /// A present adverse fact of a later group: it did not decide, but it
    /// will matter if the deciding facts change.
    AlsoPresent,
    /// An unknown fact that holds the verdict where it is
    /// (`needs_information`, or precautions still to settle).
    Unknown,
    /// What supports discussing prolotherapy.
    Supporting,
    /// A limit of a rule for this patient.
    Caveat,
}

/// One reason behind a verdict.
///
/// # Example
///
/// ```
/// use prolo_triage::{assess, Policy, Presentation, Role};
/// let p = Presentation::from_json(r#"{"findings": {"fever": "present"}}"#)?;
/// let a = assess(&p, &Policy::default());
/// let r = &a.reasons[0];
/// assert_eq!((r.rule.as_ref(), r.role), ("red_flag.fever", Role::Decisive));
/// assert_eq!(r.finding.map(|f| f.to_string()).as_deref(), Some("fever"));
/// # Ok::<(), prolo_triage::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Reason {
    /// The stable id of the rule (see [`RULES`](crate::RULES)), or of the
    /// support or caveat.
    pub rule: Cow<'static, str>,
    /// The fact it rests on (wire name), if one.
    pub finding: Option<Fact>,
    /// Whether that fact is present or unknown.
    pub status: Truth,
    /// What the reason does for the verdict.
    pub role: Role,
    /// Clinician-facing text.
    pub text: Cow<'static, str>,
    /// The seed section or published source.
    pub source: Source,
}

/// An unknown fact worth asking about.
///
/// # Example
///
/// ```
/// use prolo_triage::{assess, Finding, Policy, Presentation, Subject};
/// let p = Presentation::from_json(r#"{"age_years": 50}"#)?;
/// let a = assess(&p, &Policy::default());
/// assert_eq!(a.questions[0].finding, Subject::Finding(Finding::Fever));
/// # Ok::<(), prolo_triage::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Question {
    /// The finding or field asked about (wire name).
    pub finding: Subject,
    /// The ladder group that makes it matter.
    pub group: Group,
    /// The question, in clinician language.
    pub text: Cow<'static, str>,
    /// True when the answer alone could change the verdict's family (some
    /// completion of the other unknowns exists where it does).
    pub blocking: bool,
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

    /// A plain-text report a clinician can scan in ten seconds: verdict and
    /// summary, the reasons with their sources, then the questions.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{assess, Policy, Presentation};
    /// let p = Presentation::from_json(r#"{"findings": {"fever": "present"}}"#)?;
    /// let report = assess(&p, &Policy::default()).report();
    /// assert!(report.starts_with("REFER URGENTLY"));
    /// # Ok::<(), prolo_triage::Error>(())
    /// ```
    #[must_use]
    pub fn report(&self) -> String {
        let mut out = String::new();
        // Writing to a String cannot fail.
        let _ = writeln!(out, "{}", self.verdict.headline().to_uppercase());
        let _ = writeln!(out, "{}", self.summary);
        let sections = [
            (Role::Decisive, "Why"),
            (Role::AlsoPresent, "Also present"),
            (Role::Unknown, "Not yet known"),
            (Role::Supporting, "In favour"),
            (Role::Caveat, "Caveats"),
        ];
        for (role, title) in sections {
            let mut reasons = self.reasons.iter().filter(|r| r.role == role).peekable();
            if reasons.peek().is_none() {
                continue;
            }
            let _ = writeln!(out, "\n{title}:");
            if role == Role::Unknown {
                // The questions below say the rest: a count per kind here.
                let mut kinds: Vec<(&str, usize)> = Vec::new();
                for r in reasons {
                    let kind = match r.rule.split('.').next().unwrap_or_default() {
                        "red_flag" => "red-flag rules",
                        "contraindication" => "contraindications",
                        "precaution" => "precautions",
                        "suitability" => "suitability",
                        "timing" => "timing",
                        _ => "other rules",
                    };
                    match kinds.iter_mut().find(|(k, _)| *k == kind) {
                        Some((_, n)) => *n = n.saturating_add(1),
                        None => kinds.push((kind, 1)),
                    }
                }
                let counts: Vec<String> = kinds.iter().map(|(k, n)| format!("{n} {k}")).collect();
                let _ = writeln!(out, "  {}: see the questions below.", counts.join(", "));
                continue;
            }
            for r in reasons {
                let _ = writeln!(out, "  - {}", r.text);
                let _ = writeln!(
                    out,
                    "    [{}] {} ({})",
                    r.rule, r.source.citation, r.source.strength
                );
            }
        }
        if !self.questions.is_empty() {
            let _ = writeln!(out, "\nQuestions (* = could change the verdict's family):");
            for (i, q) in self.questions.iter().enumerate() {
                let mark = if q.blocking { '*' } else { ' ' };
                let _ = writeln!(
                    out,
                    "  {mark}{:>2}. {}  [{}]",
                    i.saturating_add(1),
                    q.text,
                    q.finding
                );
            }
        }
        if !self.reconsider_when.is_empty() {
            let _ = writeln!(out, "\nReconsider when:");
            for r in &self.reconsider_when {
                let _ = writeln!(out, "  - {}  [{}]", r.text, r.rules.join(", "));
            }
        }
        if !self.injectates.is_empty() {
            let _ = writeln!(out, "\nInjectates:");
            for i in &self.injectates {
                let _ = writeln!(
                    out,
                    "  {:<22} {}",
                    i.injectate.as_str(),
                    i.suitability.as_str().to_uppercase()
                );
                // The description is the first note, shown when the
                // injectate is not suitable by itself; the reasons follow.
                let own = usize::from(i.injectate.baseline().0 == Suitability::Suitable);
                for n in i.notes.iter().skip(own) {
                    let _ = writeln!(out, "      - {} ({})", n.text, n.source.citation);
                }
            }
        }
        if let Some(plan) = &self.plan {
            let sections: [(&str, &[PlanItem]); 5] = [
                ("Preparation", &plan.preparation),
                ("Procedure", &plan.procedure),
                ("Course", &plan.course),
                ("Aftercare", &plan.aftercare),
                ("Side effects to counsel", &plan.side_effects),
            ];
            let _ = writeln!(out, "\nPlan:");
            for (title, items) in sections {
                let _ = writeln!(out, "  {title}:");
                for item in items {
                    let _ = writeln!(out, "    - {}  [{}]", item.text, item.source.citation);
                }
            }
        }
        if !self.evidence.is_empty() {
            let _ = writeln!(out, "\nEvidence:");
            for e in &self.evidence {
                let name = e.condition.map_or("overall", |c| c.label());
                let _ = writeln!(
                    out,
                    "  - {name}: {} ({})",
                    e.level.as_str().replace('_', " "),
                    e.source.citation
                );
            }
        }

        let _ = writeln!(
            out,
            "\nPolicy: {} {} ({})",
            self.policy.name, self.policy.version, self.policy.fingerprint
        );
        out.push_str("Decision support for a clinician; not a diagnosis.\n");
        out
    }
}
