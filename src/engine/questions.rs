//! Which unknowns matter, exactly.
//!
//! A subject (a finding, or a field such as `age_years`) is asked about when
//! some completion of the other unknowns exists in which its value alone
//! changes the verdict, and it is *blocking* when its value alone changes
//! the family. The engine decides this without enumerating completions:
//! for each group it computes which (best value, worst value) pairs the
//! group can take while the subject goes from its best to its worst value
//! and the other unknowns range freely. That is exact because every fact
//! appears in exactly one rule and once in it (the formulas are read-once,
//! checked by a test), so sub-formulas over different facts vary
//! independently. The one coupling between facts, `conservative_care_weeks
//! <= symptom_weeks`, lives inside the timing group and is handled there by
//! trying the values at and around the thresholds.

use super::{Evaluation, Facts};
use crate::rules::{Formula, Group, PerGroup, Subject, SubjectSet};
use crate::truth::Truth;
use crate::units::Weeks;

/// The achievable (value at the subject's best, value at its worst) pairs
/// of a formula: a set of `FF`, `FT` and `TT` (monotone formulas never go
/// from true to false as a fact grows more adverse).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Pairs(u8);

impl Pairs {
    const FF: u8 = 1;
    const FT: u8 = 2;
    const TT: u8 = 4;

    /// A formula that does not depend on the subject: constant, either way
    /// when unknown.
    fn constant(truth: Truth) -> Pairs {
        Pairs(match truth {
            Truth::Absent => Self::FF,
            Truth::Present => Self::TT,
            Truth::Unknown => Self::FF | Self::TT,
        })
    }

    fn of(best: bool, worst: bool) -> u8 {
        match (best, worst) {
            (false, false) => Self::FF,
            (false, true) => Self::FT,
            (true, true) => Self::TT,
            // Impossible for monotone formulas; contributes nothing.
            (true, false) => 0,
        }
    }

    fn has(self, pair: u8) -> bool {
        self.0 & pair != 0
    }

    fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The pairs of `x || y` for independent `x` in `self`, `y` in
    /// `other`: both best values false for a false best, and a true best
    /// only from a `TT` (the test checks this against the definition).
    fn or(self, other: Pairs) -> Pairs {
        let low = Self::FF | Self::FT;
        let mut out = self.0 & other.0 & Self::FF;
        if (self.has(Self::FT) && other.0 & low != 0) || (other.has(Self::FT) && self.0 & low != 0)
        {
            out |= Self::FT;
        }
        if (self.has(Self::TT) && !other.is_empty()) || (other.has(Self::TT) && !self.is_empty()) {
            out |= Self::TT;
        }
        Pairs(out)
    }

    /// The pairs of `x && y` for independent `x` in `self`, `y` in `other`.
    fn and(self, other: Pairs) -> Pairs {
        let high = Self::FT | Self::TT;
        let mut out = self.0 & other.0 & Self::TT;
        if (self.has(Self::FT) && other.0 & high != 0)
            || (other.has(Self::FT) && self.0 & high != 0)
        {
            out |= Self::FT;
        }
        if (self.has(Self::FF) && !other.is_empty()) || (other.has(Self::FF) && !self.is_empty()) {
            out |= Self::FF;
        }
        Pairs(out)
    }
}

/// One unknown that matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Open {
    pub(crate) subject: Subject,
    /// The first group (in ladder order) whose rules read the subject.
    pub(crate) group: Group,
    pub(crate) blocking: bool,
}

/// The unknown subjects whose value alone can change the verdict (and,
/// with `settle_precautions`, every unknown precaution), in ladder order
/// then table order.
pub(super) fn open_questions(evaluation: &Evaluation<'_>, settle_precautions: bool) -> Vec<Open> {
    let facts = &evaluation.facts;
    let mut open = Vec::new();
    let mut seen = SubjectSet::default();
    let index = facts.policy.rules();
    for &group in Group::all() {
        for (_, rule) in index.group_rules(group).rules() {
            rule.formula.any_fact(&mut |fact| {
                let subject = facts.subject(fact);
                if seen.insert(subject) && facts.is_unknown(subject) {
                    let pairs = subject_pairs(evaluation, subject);
                    let precaution = settle_precautions && group == Group::Relative;
                    if changes_verdict(&pairs) || precaution {
                        open.push(Open {
                            subject,
                            group,
                            blocking: changes_family(&pairs),
                        });
                    }
                }
                false
            });
        }
    }
    open
}

/// Per group, the pairs achievable as `subject` goes from best to worst.
fn subject_pairs(evaluation: &Evaluation<'_>, subject: Subject) -> PerGroup<Pairs> {
    let facts = &evaluation.facts;
    let index = facts.policy.rules();
    let reading = index.subject_rules(subject);
    let durations = matches!(
        subject,
        Subject::SymptomWeeks | Subject::ConservativeCareWeeks
    );
    evaluation.groups.map(|group, truth| {
        let in_group = index.group_rules(group);
        let own = in_group.and(reading);
        if own.is_empty() {
            // The group does not read the subject: its own value either way.
            Pairs::constant(truth)
        } else if durations {
            // Only the timing group reads the durations.
            timing_pairs(facts, subject)
        } else {
            // Every rule of the group, not only those reading the subject:
            // a present sibling rule holds the group true either way. The
            // siblings are constants, so their disjunction is one constant.
            let siblings = evaluation.rules.any(in_group.minus(reading));
            // A rule whose Kleene value is known takes it in every
            // completion (exact for read-once formulas): only the unknown
            // ones need their pairs worked out.
            own.rules()
                .fold(Pairs::constant(siblings), |pairs, (i, rule)| {
                    let truth = evaluation.rules.get(i);
                    pairs.or(if truth == Truth::Unknown {
                        formula_pairs(facts, &rule.formula, subject)
                    } else {
                        Pairs::constant(truth)
                    })
                })
        }
    })
}

fn formula_pairs(facts: &Facts<'_>, formula: &Formula, subject: Subject) -> Pairs {
    formula.clauses().fold(Pairs(Pairs::TT), |all, clause| {
        all.and(clause.iter().fold(Pairs(Pairs::FF), |any, fact| {
            let truth = facts.truth(*fact);
            any.or(
                if facts.subject(*fact) == subject && truth == Truth::Unknown {
                    Pairs(Pairs::FT)
                } else {
                    Pairs::constant(truth)
                },
            )
        }))
    })
}

/// The timing group's pairs as one duration goes from best to worst, with
/// `conservative_care_weeks <= symptom_weeks` respected. Only the values at
/// and just below the thresholds and the extremes matter.
fn timing_pairs(facts: &Facts<'_>, subject: Subject) -> Pairs {
    let policy = facts.policy;
    let (min_symptoms, min_care) = (
        policy.min_symptom_weeks(),
        policy.min_conservative_care_weeks(),
    );
    let candidates = [
        0,
        min_care.saturating_sub(1),
        min_care,
        min_symptoms.saturating_sub(1),
        min_symptoms,
        Weeks::MAX,
    ];
    let known_symptoms = facts.presentation.symptom_weeks().map(Weeks::get);
    let known_care = facts.presentation.conservative_care_weeks().map(Weeks::get);
    let symptoms = known_symptoms.as_slice();
    let symptoms = if symptoms.is_empty() {
        candidates.as_slice()
    } else {
        symptoms
    };
    let care = known_care.as_slice();
    let care = if care.is_empty() {
        candidates.as_slice()
    } else {
        care
    };
    let short = |s: u16, c: u16| s < min_symptoms || c < min_care;
    let mut out = 0;
    if subject == Subject::SymptomWeeks {
        for &c in care {
            let feasible = symptoms.iter().copied().filter(|&s| s >= c);
            if let (Some(longest), Some(shortest)) = (feasible.clone().max(), feasible.min()) {
                out |= Pairs::of(short(longest, c), short(shortest, c));
            }
        }
    } else {
        for &s in symptoms {
            let feasible = care.iter().copied().filter(|&c| c <= s);
            if let (Some(longest), Some(shortest)) = (feasible.clone().max(), feasible.min()) {
                out |= Pairs::of(short(s, longest), short(s, shortest));
            }
        }
    }
    Pairs(out)
}

/// Some completion exists where the subject alone changes the verdict: a
/// group flips while every earlier group can stay false.
fn changes_verdict(pairs: &PerGroup<Pairs>) -> bool {
    for &group in Group::all() {
        let p = pairs.get(group);
        if p.has(Pairs::FT) {
            return true;
        }
        if !p.has(Pairs::FF) {
            return false;
        }
    }
    false
}

/// Some completion exists where the subject alone changes the family.
fn changes_family(pairs: &PerGroup<Pairs>) -> bool {
    let red_flag = pairs.red_flag;
    if red_flag.has(Pairs::FT) {
        return true;
    }
    let no_family = pairs.absolute.or(pairs.suitability).or(pairs.timing);
    red_flag.has(Pairs::FF) && no_family.has(Pairs::FT)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The definition: the pairs of `op(x, y)` over every `x` in `a`, `y`
    /// in `b`.
    fn by_definition(a: Pairs, b: Pairs, op: fn(bool, bool) -> bool) -> Pairs {
        let members = |p: Pairs| {
            [
                (Pairs::FF, false, false),
                (Pairs::FT, false, true),
                (Pairs::TT, true, true),
            ]
            .into_iter()
            .filter(move |(bit, _, _)| p.has(*bit))
            .map(|(_, b, w)| (b, w))
        };
        let mut out = 0;
        for (xb, xw) in members(a) {
            for (yb, yw) in members(b) {
                out |= Pairs::of(op(xb, yb), op(xw, yw));
            }
        }
        Pairs(out)
    }

    #[test]
    fn pairs_or_and_and_follow_the_definition() {
        for a in 0..8 {
            for b in 0..8 {
                let (a, b) = (Pairs(a), Pairs(b));
                assert_eq!(
                    a.or(b),
                    by_definition(a, b, |x, y| x || y),
                    "{a:?} or {b:?}"
                );
                assert_eq!(
                    a.and(b),
                    by_definition(a, b, |x, y| x && y),
                    "{a:?} and {b:?}"
                );
            }
        }
    }

    #[test]
    fn pairs_combine_like_boolean_operators() {
        let unknown = Pairs::constant(Truth::Unknown);
        let flip = Pairs(Pairs::FT);
        assert_eq!(flip.or(Pairs::constant(Truth::Absent)), flip);
        assert_eq!(flip.or(Pairs::constant(Truth::Present)), Pairs(Pairs::TT));
        assert_eq!(flip.or(unknown), Pairs(Pairs::FT | Pairs::TT));
        assert_eq!(flip.and(unknown), Pairs(Pairs::FF | Pairs::FT));
        assert_eq!(unknown.or(unknown), unknown);
    }
}
