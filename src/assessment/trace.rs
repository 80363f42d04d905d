//! The full trace of an evaluation, for audit and for a policy's test
//! harness: every rule of the table with its group under the policy, its
//! Kleene value and the facts it read, each group's value, and the
//! verdicts of the best and worst completions; and every symptom pattern
//! with its band and the features its band read. Data types only; the
//! engine fills them from its one evaluation (`engine/trace.rs`,
//! `engine/candidates.rs`).

use std::borrow::Cow;
use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use crate::assessment::Band;
use crate::rules::{Fact, Group, RuleId};
use crate::truth::Truth;
use crate::vocabulary::{Condition, Symptom, Verdict};

/// A value of three-valued (Kleene) logic, as a trace writes it: `"true"`,
/// `"false"` or `"unknown"`. A fact or rule is *true* when it holds in
/// every completion of the unknowns, *false* in none, *unknown* otherwise.
///
/// # Example
///
/// ```
/// use prolo_triage::{Kleene, Truth};
/// assert_eq!(Kleene::from(Truth::Present), Kleene::True);
/// assert_eq!(serde_json::to_string(&Kleene::Unknown).unwrap(), r#""unknown""#);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Kleene {
    /// Holds whatever the unknowns turn out to be.
    True,
    /// Holds for no completion of the unknowns.
    False,
    /// Holds for some completions.
    Unknown,
}

impl Kleene {
    /// The value as written in JSON.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(prolo_triage::Kleene::False.as_str(), "false");
    /// ```
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Kleene::True => "true",
            Kleene::False => "false",
            Kleene::Unknown => "unknown",
        }
    }
}

impl From<Truth> for Kleene {
    fn from(truth: Truth) -> Kleene {
        match truth {
            Truth::Present => Kleene::True,
            Truth::Absent => Kleene::False,
            Truth::Unknown => Kleene::Unknown,
        }
    }
}

/// One fact a rule read, with its value for this presentation.
///
/// # Example
///
/// ```
/// use prolo_triage::{trace, Fact, Finding, Kleene, Policy, Presentation, RuleId};
/// let p = Presentation::from_json(r#"{"findings": {"fever": "absent"}}"#)?;
/// let t = trace(&p, &Policy::default());
/// let fever = &t.rules.iter().find(|r| r.rule == RuleId::Fever).unwrap().facts[0];
/// assert_eq!((fever.fact, fever.value), (Fact::Finding(Finding::Fever), Kleene::False));
/// # Ok::<(), prolo_triage::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FactTrace {
    /// The fact, by its wire name (a threshold fact by the field it reads:
    /// `age_years` for "age below the policy's minimum").
    pub fact: Fact,
    /// Its value.
    pub value: Kleene,
}

/// One rule of the table as evaluated.
///
/// # Example
///
/// ```
/// use prolo_triage::{trace, Group, Kleene, Policy, Presentation, RuleId};
/// let p = Presentation::from_json(r#"{"findings": {"recent_injury": "present"}}"#)?;
/// let t = trace(&p, &Policy::default());
/// let ottawa = t.rules.iter().find(|r| r.rule == RuleId::OttawaFracture).unwrap();
/// // Injury AND any of the examination findings: still unknown.
/// assert_eq!((ottawa.group, ottawa.value), (Group::RedFlag, Kleene::Unknown));
/// assert_eq!(ottawa.facts.len(), 6);
/// # Ok::<(), prolo_triage::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RuleTrace {
    /// The rule.
    pub rule: RuleId,
    /// Its group under the policy (a policy may make a precaution
    /// absolute).
    pub group: Group,
    /// Its value: the Kleene AND of its clauses, each the Kleene OR of its
    /// facts.
    pub value: Kleene,
    /// The facts it read, in the order the table writes them.
    pub facts: Vec<FactTrace>,
}

/// One rung of the ladder as evaluated: the Kleene OR of its rules.
///
/// # Example
///
/// ```
/// use prolo_triage::{trace, Group, Kleene, Policy, Presentation};
/// let t = trace(&Presentation::default(), &Policy::default());
/// assert_eq!(t.groups[0].group, Group::RedFlag);
/// assert_eq!(t.groups[0].value, Kleene::Unknown);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct GroupTrace {
    /// The group.
    pub group: Group,
    /// Its value.
    pub value: Kleene,
}

/// The full trace of one evaluation, from the same computation as the
/// assessment ([`trace`](crate::trace), [`assess_traced`](crate::assess_traced)).
///
/// # Example
///
/// ```
/// use prolo_triage::{trace, Kleene, Policy, Presentation, RuleId, Verdict};
/// let p = Presentation::from_json(r#"{"findings": {"fever": "present"}}"#)?;
/// let t = trace(&p, &Policy::default());
/// assert_eq!(t.verdict, Verdict::ReferUrgently);
/// let fever = t.rules.iter().find(|r| r.rule == RuleId::Fever).unwrap();
/// assert_eq!(fever.value, Kleene::True);
/// assert_eq!(fever.facts[0].value, Kleene::True);
/// # Ok::<(), prolo_triage::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Trace {
    /// The verdict.
    pub verdict: Verdict,
    /// The verdict of the best completion (every unknown group false).
    pub best_case: Verdict,
    /// The verdict of the worst completion (every unknown group true).
    pub worst_case: Verdict,
    /// Each group of the ladder, in ladder order.
    pub groups: Vec<GroupTrace>,
    /// Every rule of the table, in table order.
    pub rules: Vec<RuleTrace>,
    /// Every symptom pattern, listed as a candidate or not, in the order
    /// of the pattern table (`docs/decision-model.md` §9).
    pub candidates: Vec<PatternTrace>,
}

/// One feature a pattern read, with its value for this presentation:
/// named by its `symptom`, or by the `field` a derived feature reads
/// (`age_years`: 45 or over; `symptom_weeks`: more than 25 months).
///
/// # Example
///
/// ```
/// use prolo_triage::{trace, Kleene, Policy, Presentation, Symptom};
/// let p = Presentation::from_json(r#"{"symptoms": {"pain_under_heel": "present"}}"#)?;
/// let t = trace(&p, &Policy::default());
/// let heel = &t.candidates[0].key[0].features[0];
/// assert_eq!((heel.symptom, heel.value), (Some(Symptom::PainUnderHeel), Kleene::True));
/// # Ok::<(), prolo_triage::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FeatureTrace {
    /// The symptom, when the feature is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub symptom: Option<Symptom>,
    /// The field a derived feature reads.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<Cow<'static, str>>,
    /// True for a key member satisfied by the feature's absence; `value`
    /// is still the feature's own.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub negated: bool,
    /// The feature's value.
    pub value: Kleene,
}

/// One key group of a pattern: the Kleene OR of its members.
///
/// # Example
///
/// ```
/// use prolo_triage::{trace, Kleene, Policy, Presentation};
/// let p = Presentation::from_json(r#"{"symptoms": {"pain_under_heel": "present"}}"#)?;
/// let t = trace(&p, &Policy::default());
/// // Plantar fasciitis: pain under the heel is there, first-step pain unknown.
/// let key = &t.candidates[0].key;
/// assert_eq!((key[0].value, key[1].value), (Kleene::True, Kleene::Unknown));
/// # Ok::<(), prolo_triage::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct KeyGroupTrace {
    /// Its value.
    pub value: Kleene,
    /// The members it read, in table order.
    pub features: Vec<FeatureTrace>,
}

/// One symptom pattern as read, whether or not it is listed as a
/// candidate: its band, whether an answer could move it, and every
/// feature its band read. A band is never a diagnosis and never a
/// probability.
///
/// # Example
///
/// ```
/// use prolo_triage::{trace, Band, Condition, Kleene, Policy, Presentation};
/// let p = Presentation::from_json(
///     r#"{"symptoms": {"pain_under_heel": "present", "first_step_pain": "present"}}"#,
/// )?;
/// let t = trace(&p, &Policy::default());
/// let pf = &t.candidates[0];
/// assert_eq!((pf.condition, pf.band, pf.listed), (Condition::PlantarFasciitis, Band::Likely, true));
/// assert!(pf.key.iter().all(|g| g.value == Kleene::True));
/// # Ok::<(), prolo_triage::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PatternTrace {
    /// The condition.
    pub condition: Condition,
    /// Its band.
    pub band: Band,
    /// True when some completion of the unknown features gives another
    /// band.
    pub open: bool,
    /// True when the assessment lists it among its candidates.
    pub listed: bool,
    /// The key: an AND of these groups.
    pub key: Vec<KeyGroupTrace>,
    /// The features that must be known true for `likely`.
    pub likely_only_with: Vec<FeatureTrace>,
    /// The features that, present, keep it out of `unlikely`.
    pub rules_in: Vec<FeatureTrace>,
    /// The features that, absent, make it `unlikely` unless ruled in.
    pub rules_out: Vec<FeatureTrace>,
    /// The strong features against, which, present, keep it from
    /// `likely`.
    pub strong_against: Vec<FeatureTrace>,
}

impl Trace {
    /// The trace as plain text, one line per rule: its value, id, group
    /// and the facts it read; then one line per symptom pattern: its band,
    /// whether it is listed and open, and the features its band read.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{trace, Policy, Presentation};
    /// let text = trace(&Presentation::default(), &Policy::default()).report();
    /// assert!(text.starts_with("TRACE"));
    /// assert!(text.contains("unknown  red_flag.fever (red_flag): fever=unknown"));
    /// assert!(text.contains("possible  plantar_fasciitis (not listed, open): key (pain_under_heel=unknown) and (first_step_pain=unknown)"));
    /// ```
    #[must_use]
    pub fn report(&self) -> String {
        let mut out = String::new();
        // Writing to a String cannot fail.
        let _ = writeln!(
            out,
            "TRACE\nbest case: {}; worst case: {}; verdict: {}",
            self.best_case, self.worst_case, self.verdict
        );
        let groups: Vec<String> = self
            .groups
            .iter()
            .map(|g| format!("{}={}", g.group, g.value.as_str()))
            .collect();
        let _ = writeln!(out, "groups: {}", groups.join(", "));
        for rule in &self.rules {
            let facts: Vec<String> = rule
                .facts
                .iter()
                .map(|f| format!("{}={}", fact_words(f.fact), f.value.as_str()))
                .collect();
            let _ = writeln!(
                out,
                "  {:<7}  {} ({}): {}",
                rule.value.as_str(),
                rule.rule,
                rule.group,
                facts.join(", ")
            );
        }
        let _ = writeln!(out, "CANDIDATES (symptom patterns)");
        for pattern in &self.candidates {
            let mut state = vec![if pattern.listed {
                "listed"
            } else {
                "not listed"
            }];
            if pattern.open {
                state.push("open");
            }
            let groups: Vec<String> = pattern
                .key
                .iter()
                .map(|g| format!("({})", features_words(&g.features, " or ")))
                .collect();
            let mut parts = vec![format!("key {}", groups.join(" and "))];
            for (name, features) in [
                ("likely only with", &pattern.likely_only_with),
                ("rules in", &pattern.rules_in),
                ("rules out", &pattern.rules_out),
                ("strong against", &pattern.strong_against),
            ] {
                if !features.is_empty() {
                    parts.push(format!("{name} {}", features_words(features, ", ")));
                }
            }
            let _ = writeln!(
                out,
                "  {:<8}  {} ({}): {}",
                pattern.band.to_string(),
                pattern.condition,
                state.join(", "),
                parts.join("; ")
            );
        }
        out
    }
}

/// Features as the text report names them: `no` before a negated member,
/// a derived feature by its field.
fn features_words(features: &[FeatureTrace], separator: &str) -> String {
    let words: Vec<String> = features
        .iter()
        .map(|f| {
            let name = match (f.symptom, &f.field) {
                (Some(symptom), _) => symptom.to_string(),
                (None, Some(field)) => format!("{field} (derived)"),
                (None, None) => String::new(),
            };
            let not = if f.negated { "no " } else { "" };
            format!("{not}{name}={}", f.value.as_str())
        })
        .collect();
    words.join(separator)
}

/// A fact as the text report names it: a threshold fact says what it
/// tests, since its wire name is the field it reads (`age_years`).
fn fact_words(fact: Fact) -> String {
    match fact {
        Fact::AgeBelowMinimum | Fact::SymptomsBelowMinimum | Fact::CareBelowMinimum => {
            format!("{fact} below the minimum")
        }
        Fact::NoTreatableCondition => "no treatable condition".to_owned(),
        other => other.to_string(),
    }
}
