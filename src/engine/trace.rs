//! The full trace, read from the one evaluation: each rule's value from
//! the [`RuleTruths`](crate::rules::RuleTruths) the engine computed, never
//! from the formulas again.

use super::Evaluation;
use crate::assessment::{FactTrace, GroupTrace, RuleTrace, Trace};
use crate::rules::{Group, RULES};

impl Evaluation<'_> {
    /// Every rule with its group under the policy, its value and the facts
    /// it read; each group's value; the best and worst completions.
    pub(crate) fn trace(&self) -> Trace {
        let index = self.policy().rules();
        Trace {
            verdict: self.verdict,
            best_case: self.best,
            worst_case: self.worst,
            groups: Group::all()
                .iter()
                .map(|&group| GroupTrace {
                    group,
                    value: self.groups.get(group).into(),
                })
                .collect(),
            rules: RULES
                .iter()
                .enumerate()
                .map(|(i, rule)| RuleTrace {
                    rule: rule.id,
                    group: index.group(i),
                    value: self.rules.get(i).into(),
                    facts: index
                        .facts(i)
                        .iter()
                        .map(|fact| FactTrace {
                            fact,
                            value: self.truth(fact).into(),
                        })
                        .collect(),
                })
                .collect(),
            candidates: super::candidates::trace(self.facts.presentation, &self.candidates),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::{Formula, RuleId, RULES};
    use crate::{assess_traced, trace, Group, Kleene, Policy, Presentation, Truth, Verdict};

    /// The trace agrees with the assessment of the same evaluation, and
    /// each rule's value is its formula's Kleene value over the facts the
    /// trace lists (an independent check of the one evaluator, in the test
    /// only).
    #[test]
    fn the_trace_agrees_with_the_assessment_and_the_formulas() {
        let inputs = [
            "{}",
            r#"{"findings": {"fever": "present"}}"#,
            r#"{"findings": {"recent_injury": "present", "bone_tenderness_navicular": "unknown"}}"#,
            include_str!("../../examples/data/01-runner-heel-pain-discuss.json"),
            include_str!("../../examples/data/02-ankle-instability-apixaban.json"),
            include_str!("../../examples/data/05-too-early-infection-unknown.json"),
            include_str!("../../examples/data/07-child.json"),
        ];
        for input in inputs {
            let p = Presentation::from_json(input).unwrap();
            let (a, t) = assess_traced(&p, &Policy::default());
            assert_eq!(t, trace(&p, &Policy::default()));
            assert_eq!(
                (t.verdict, t.best_case, t.worst_case),
                (a.verdict, a.best_case, a.worst_case)
            );
            assert_eq!(t.rules.len(), RULES.len());
            for (rt, rule) in t.rules.iter().zip(RULES.iter()) {
                assert_eq!(rt.rule, rule.id);
                let value = |fact| {
                    rt.facts
                        .iter()
                        .find(|f| f.fact == fact)
                        .map(|f| match f.value {
                            Kleene::True => Truth::Present,
                            Kleene::False => Truth::Absent,
                            Kleene::Unknown => Truth::Unknown,
                        })
                        .unwrap()
                };
                let expected = match rule.formula {
                    Formula::Fact(fact) => value(fact),
                    _ => rule.formula.clauses().fold(Truth::Present, |acc, clause| {
                        acc.and(clause.iter().fold(Truth::Absent, |or, f| or.or(value(*f))))
                    }),
                };
                assert_eq!(rt.value, expected.into(), "{} in {input}", rule.id);
            }
            // A rule the assessment lists as decisive is true in the trace.
            for reason in a.reasons.iter().filter(|r| r.role == crate::Role::Decisive) {
                if let crate::ReasonId::Rule(id) = reason.rule {
                    let rt = t.rules.iter().find(|r| r.rule == id).unwrap();
                    assert_eq!(rt.value, Kleene::True, "{id}");
                }
            }
        }
    }

    #[test]
    fn the_trace_shows_the_policy_groups() {
        let strict = Policy::from_json(
            r#"{"name": "strict", "version": "1", "classification": {"medications.anticoagulant": "absolute"}}"#,
        )
        .unwrap();
        let p = Presentation::from_json(include_str!(
            "../../examples/data/02-ankle-instability-apixaban.json"
        ))
        .unwrap();
        let t = trace(&p, &strict);
        let rule = t
            .rules
            .iter()
            .find(|r| r.rule == RuleId::Anticoagulant)
            .unwrap();
        assert_eq!(rule.group, Group::Absolute);
        assert_eq!(rule.value, Kleene::True);
        assert_eq!(t.verdict, Verdict::Contraindicated);
        let json = serde_json::to_value(&t).unwrap();
        assert_eq!(json["rules"][0]["rule"], "red_flag.fever");
        assert_eq!(json["rules"][0]["facts"][0]["fact"], "fever");
        assert!(["true", "false", "unknown"].contains(&json["rules"][0]["value"].as_str().unwrap()));
    }

    /// The worked heel case (`examples/data/09-*.json`): every pattern in
    /// table order; the listed ones with the assessment's bands; each key
    /// group's value with the features it read.
    #[test]
    fn the_trace_reads_every_pattern_of_the_heel_case() {
        use crate::rules::{Feature, PATTERNS};
        use crate::{Band, Condition, Symptom};
        let p = Presentation::from_json(include_str!(
            "../../examples/data/09-heel-symptoms-screened.json"
        ))
        .unwrap();
        let (a, t) = assess_traced(&p, &Policy::default());
        let conditions: Vec<Condition> = t.candidates.iter().map(|c| c.condition).collect();
        let table: Vec<Condition> = PATTERNS.iter().map(|p| p.condition).collect();
        assert_eq!(conditions, table);
        for c in &a.candidates {
            let pt = t
                .candidates
                .iter()
                .find(|x| x.condition == c.condition)
                .unwrap();
            assert_eq!((pt.band, pt.open, pt.listed), (c.band, c.open, true));
        }
        assert_eq!(
            t.candidates.iter().filter(|c| c.listed).count(),
            a.candidates.len()
        );
        let of = |c: Condition| t.candidates.iter().find(|x| x.condition == c).unwrap();
        // Plantar fasciitis: both key groups true, the windlass test unknown
        // but unable to move the band.
        let pf = of(Condition::PlantarFasciitis);
        assert_eq!((pf.band, pf.open), (Band::Likely, false));
        assert_eq!(
            pf.key.iter().map(|g| g.value).collect::<Vec<_>>(),
            [Kleene::True, Kleene::True]
        );
        assert_eq!(pf.key[1].features[0].symptom, Some(Symptom::FirstStepPain));
        assert_eq!(pf.rules_in[0].symptom, Some(Symptom::WindlassTestPositive));
        assert_eq!(pf.rules_in[0].value, Kleene::Unknown);
        // Achilles tendinopathy: listed by gradual onset, its key site
        // absent; the arc test, unknown, could rule it in.
        let achilles = of(Condition::AchillesTendinopathy);
        assert_eq!((achilles.band, achilles.open), (Band::Unlikely, true));
        assert_eq!(achilles.key[0].value, Kleene::False);
        assert!(achilles.key[0]
            .features
            .iter()
            .all(|f| f.value == Kleene::False));
        // Osteoarthritis: not listed; at 38, never likely.
        let oa = of(Condition::Osteoarthritis);
        assert!(!oa.listed);
        assert_eq!(oa.band, Band::Possible);
        assert_eq!(
            oa.likely_only_with[0].field.as_deref(),
            Feature::AgeAtLeast45.field()
        );
        assert_eq!(oa.likely_only_with[0].value, Kleene::False);
        assert!(oa.key[2].features[0].negated);
        let json = serde_json::to_value(&t).unwrap();
        assert_eq!(json["candidates"][0]["condition"], "plantar_fasciitis");
        assert_eq!(
            json["candidates"][0]["key"][0]["features"][0]["value"],
            "true"
        );
        assert_eq!(
            json["candidates"][6]["likely_only_with"][0]["field"],
            "age_years"
        );
        assert!(json["candidates"][0]["key"][0]["features"][0]
            .get("negated")
            .is_none());
        let text = t.report();
        assert!(text.contains(
            "likely    plantar_fasciitis (listed): key (pain_under_heel=true) and (first_step_pain=true); rules in windlass_test_positive=unknown"
        ), "{text}");
        assert!(
            text.contains("likely only with age_years (derived)=false"),
            "{text}"
        );
    }
}
