//! The full trace of an evaluation, for audit and for a policy's test
//! harness: every rule of the table with its group under the policy, its
//! Kleene value and the facts it read, each group's value, and the
//! verdicts of the best and worst completions. Data types only; the
//! engine fills them from its one evaluation (`engine/trace.rs`).

use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use crate::rules::{Fact, Group, RuleId};
use crate::truth::Truth;
use crate::vocabulary::Verdict;

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
}

impl Trace {
    /// The trace as plain text, one line per rule: its value, id, group
    /// and the facts it read.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{trace, Policy, Presentation};
    /// let text = trace(&Presentation::default(), &Policy::default()).report();
    /// assert!(text.starts_with("TRACE"));
    /// assert!(text.contains("unknown  red_flag.fever (red_flag): fever=unknown"));
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
        out
    }
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
