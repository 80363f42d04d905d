//! The plain-text report a clinician reads.

use std::fmt::Write as _;

use super::{Assessment, PlanItem, Role};
use crate::rules::Group;
use crate::vocabulary::Suitability;

impl Assessment {
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
        for &role in Role::all() {
            let title = role.title();
            let mut reasons = self.reasons.iter().filter(|r| r.role == role).peekable();
            if reasons.peek().is_none() {
                continue;
            }
            let _ = writeln!(out, "\n{title}:");
            if role == Role::Unknown {
                // The questions below say the rest: a count per kind here.
                let mut kinds: Vec<(&str, usize)> = Vec::new();
                for r in reasons {
                    let kind = match r.group {
                        Some(Group::RedFlag) => "red-flag rules",
                        Some(Group::Absolute) => "contraindications",
                        Some(Group::Relative) => "precautions",
                        Some(Group::Suitability) => "suitability",
                        Some(Group::Timing) => "timing",
                        None => "other rules",
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
                let rules: Vec<&str> = r.rules.iter().map(|id| id.as_str()).collect();
                let _ = writeln!(out, "  - {}  [{}]", r.text, rules.join(", "));
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
            if !plan.clinician_notes.is_empty() {
                let _ = writeln!(out, "  For the clinician (not in the handout):");
                for n in &plan.clinician_notes {
                    let _ = writeln!(out, "    - {}  [{}]", n.text, n.source.citation);
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
