//! The plain-text report a clinician reads.

use std::fmt::Write as _;

use super::{Assessment, Evidence, PlanItem, Reason, ReasonId, Role};
use crate::rules::Group;
use crate::truth::Truth;
use crate::vocabulary::{Suitability, Verdict};

/// What the report calls the unknown rules of a group: one and many.
fn kind(group: Option<Group>) -> (&'static str, &'static str) {
    match group {
        Some(Group::RedFlag) => ("red-flag rule", "red-flag rules"),
        Some(Group::Absolute) => ("contraindication", "contraindications"),
        Some(Group::Relative) => ("precaution", "precautions"),
        Some(Group::Suitability) => (
            "suitability rule (age or condition)",
            "suitability rules (age or condition)",
        ),
        Some(Group::Timing) => ("timing rule", "timing rules"),
        None => ("other rule", "other rules"),
    }
}

/// Whether the report shows a reason. A referral report says one thing,
/// refer and do not inject: the timing rules also present are left out
/// (the JSON keeps them).
fn shown(verdict: Verdict, r: &Reason) -> bool {
    !(verdict == Verdict::ReferUrgently
        && r.role == Role::AlsoPresent
        && r.group == Some(Group::Timing))
}

/// What the clinician does about a present red flag (or an infection that
/// may be sepsis): the rule's safety-net, in clinician words.
fn act_now(r: &Reason) -> Option<String> {
    match (r.rule, r.status) {
        (ReasonId::Rule(id), Truth::Present) => id.rule().safety_net.map(|n| n.clinician_words()),
        _ => None,
    }
}

/// The evidence lines, conditions that share a grade and a source on one
/// line ("plantar fasciitis, heel pain: moderate (…)").
fn evidence_lines(evidence: &[Evidence]) -> Vec<(String, &Evidence)> {
    let mut lines: Vec<(String, &Evidence)> = Vec::with_capacity(evidence.len());
    for e in evidence {
        let name = e.condition.map_or("overall", |c| c.label());
        let same = lines.iter_mut().find(|(_, other)| {
            e.condition.is_some()
                && other.condition.is_some()
                && other.level == e.level
                && other.source == e.source
        });
        match same {
            Some((names, _)) => {
                names.push_str(", ");
                names.push_str(name);
            }
            None => lines.push((name.to_owned(), e)),
        }
    }
    lines
}

impl Assessment {
    /// The "Candidate conditions" section (contract v3): each candidate
    /// with its band, the features for and against with who reported each,
    /// then the mimics to exclude. Nothing when there are none.
    fn candidate_lines(&self, out: &mut String) {
        if self.candidates.is_empty() && self.mimics.is_empty() {
            return;
        }
        let _ = writeln!(
            out,
            "\nCandidate conditions (for the clinician to confirm; not a diagnosis):"
        );
        for c in &self.candidates {
            let open = if c.open { ", open" } else { "" };
            let recorded = if c.recorded { ", recorded" } else { "" };
            let _ = writeln!(
                out,
                "  - {}: {}{open}{recorded}",
                c.condition.label(),
                c.band
            );
            for (sign, features) in [("+", &c.for_), ("-", &c.against)] {
                for f in features {
                    let by = f
                        .answered_by
                        .map_or_else(String::new, |r| format!(", {}", r.label()));
                    let _ = writeln!(
                        out,
                        "      {sign} {} ({}, {}{by}; {})",
                        f.text, f.strength, f.who, f.source.citation
                    );
                }
            }
            for q in &c.questions {
                let _ = writeln!(out, "      ? {} ({})", q.text, q.who);
            }
        }
        if !self.mimics.is_empty() {
            let _ = writeln!(out, "  Mimics to exclude before any injection:");
            for m in &self.mimics {
                let _ = writeln!(out, "  - {} ({})", m.text, m.source.citation);
            }
        }
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
        for &role in Role::all() {
            let title = role.title();
            let mut reasons = self
                .reasons
                .iter()
                .filter(|r| r.role == role && shown(self.verdict, r))
                .peekable();
            if reasons.peek().is_none() {
                continue;
            }
            let _ = writeln!(out, "\n{title}:");
            if role == Role::Unknown {
                // The questions below say the rest: a count per kind here.
                let mut kinds: Vec<((&str, &str), usize)> = Vec::new();
                for r in reasons {
                    let kind = kind(r.group);
                    match kinds.iter_mut().find(|(k, _)| *k == kind) {
                        Some((_, n)) => *n = n.saturating_add(1),
                        None => kinds.push((kind, 1)),
                    }
                }
                let counts: Vec<String> = kinds
                    .iter()
                    .map(|((one, many), n)| format!("{n} {}", if *n == 1 { one } else { many }))
                    .collect();
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
                if let Some(act) = act_now(r) {
                    let _ = writeln!(out, "    Act: {act}");
                }
            }
        }
        if !self.questions.is_empty() {
            let _ = writeln!(
                out,
                "\nQuestions (* = the answer could change the decision):"
            );
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
        self.candidate_lines(&mut out);
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
        // A referral report leaves the evidence for an injection out.
        if !self.evidence.is_empty() && self.verdict != Verdict::ReferUrgently {
            let _ = writeln!(out, "\nEvidence:");
            for (names, e) in evidence_lines(&self.evidence) {
                let _ = writeln!(
                    out,
                    "  - {names}: {} ({})",
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
