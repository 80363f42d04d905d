//! The patient handout: what the clinic gives the patient, in plain
//! language, every sentence with its source. Built from an [`Assessment`];
//! rendered as self-contained HTML or as Markdown (pure string building —
//! writing it anywhere is the caller's business).

use std::borrow::Cow;
use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use crate::assessment::{Assessment, Change, EvidenceLevel, PlanItem, Role};
use crate::knowledge::{self as k, Source};
use crate::rules::Fact;
use crate::vocabulary::{Family, Verdict};

/// A section of the handout: a heading and sourced lines.
///
/// # Example
///
/// ```
/// use prolo_triage::{assess, Handout, Policy, Presentation};
/// # let p = Presentation::from_json(include_str!("../examples/data/07-child.json"))?;
/// let handout = Handout::new(&assess(&p, &Policy::default()));
/// assert!(handout.sections.iter().all(|s| s.lines.iter().all(|l| !l.source.citation.is_empty())));
/// # Ok::<(), prolo_triage::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct HandoutSection {
    /// The heading.
    pub heading: Cow<'static, str>,
    /// The lines, each with its source.
    pub lines: Vec<PlanItem>,
}

/// A patient handout for one assessment.
///
/// # Example
///
/// ```
/// use prolo_triage::{assess, Handout, Policy, Presentation};
/// # let p = Presentation::from_json(include_str!("../examples/data/01-runner-heel-pain-discuss.json"))?;
/// let handout = Handout::new(&assess(&p, &Policy::default()));
/// let html = handout.to_html();
/// assert!(html.starts_with("<!DOCTYPE html>"));
/// assert!(handout.to_markdown().contains("## How to prepare"));
/// # Ok::<(), prolo_triage::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Handout {
    /// The title.
    pub title: Cow<'static, str>,
    /// The sections, in reading order.
    pub sections: Vec<HandoutSection>,
}

/// Said at the foot of every handout (not a clinical statement).
///
/// # Example
///
/// ```
/// use prolo_triage::{assess, Handout, Policy, Presentation, HANDOUT_FOOTER};
/// let a = assess(&Presentation::from_json(r#"{"age_years": 12}"#)?, &Policy::default());
/// assert!(Handout::new(&a).to_markdown().contains(HANDOUT_FOOTER));
/// # Ok::<(), prolo_triage::Error>(())
/// ```
pub const HANDOUT_FOOTER: &str =
    "This leaflet supports a conversation with your clinician. It is not a diagnosis.";

fn line(text: impl Into<Cow<'static, str>>, source: Source) -> PlanItem {
    PlanItem {
        text: text.into(),
        source,
    }
}

fn section(heading: &'static str, lines: Vec<PlanItem>) -> HandoutSection {
    HandoutSection {
        heading: Cow::Borrowed(heading),
        lines,
    }
}

/// Labels joined for a sentence: "a", "a and b", "a, b and c".
fn join_labels(labels: &[&str]) -> String {
    match labels {
        [] => String::new(),
        [only] => (*only).to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

impl Handout {
    /// The handout for an assessment: what prolotherapy is; for the yes
    /// family why it was suggested and the plan; otherwise, kindly, why it
    /// is not offered now and what happens next.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{assess, Handout, Policy, Presentation};
    /// let p = Presentation::from_json(r#"{"findings": {"fever": "present"}}"#)?;
    /// let handout = Handout::new(&assess(&p, &Policy::default()));
    /// assert!(!handout.sections.is_empty());
    /// // Every line says where it comes from.
    /// assert!(handout.sections.iter().flat_map(|s| &s.lines).all(|l| !l.source.citation.is_empty()));
    /// # Ok::<(), prolo_triage::Error>(())
    /// ```
    #[must_use]
    pub fn new(assessment: &Assessment) -> Handout {
        let yes = assessment.verdict.family() == Some(Family::Yes);
        let anaesthetic_free = assessment.plan.as_ref().is_some_and(|p| p.anaesthetic_free);
        let mut sections = vec![section("What is prolotherapy?", what_is(anaesthetic_free))];
        if yes {
            sections.push(section("Why it was suggested for you", why(assessment)));
            if let Some(plan) = &assessment.plan {
                sections.push(section("How to prepare", plan.preparation.clone()));
                sections.push(section("On the day", plan.procedure.clone()));
                sections.push(section("How many sessions", plan.course.clone()));
                sections.push(section("Afterwards", plan.aftercare.clone()));
                sections.push(section(
                    "Side effects and when to call the clinic",
                    plan.side_effects.clone(),
                ));
            }
        } else {
            sections.push(section("Why it is not offered now", why_not(assessment)));
            let next = next_steps(assessment);
            if !next.is_empty() {
                sections.push(section("What happens next", next));
            }
        }
        Handout {
            title: Cow::Borrowed(if yes {
                "Prolotherapy for your foot"
            } else {
                "Your foot problem and prolotherapy"
            }),
            sections,
        }
    }

    /// A self-contained HTML page: no external assets, print-friendly and
    /// readable on a phone. Every clinical sentence carries its source in a
    /// `data-source` attribute and a visible note.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{assess, Handout, Policy, Presentation};
    /// let p = Presentation::from_json(r#"{"age_years": 50}"#)?;
    /// let html = Handout::new(&assess(&p, &Policy::default())).to_html();
    /// assert!(html.starts_with("<!DOCTYPE html>"));
    /// assert!(html.contains("data-source="));
    /// # Ok::<(), prolo_triage::Error>(())
    /// ```
    #[must_use]
    pub fn to_html(&self) -> String {
        let mut out = String::new();
        let title = escape(&self.title);
        // Writing to a String cannot fail.
        let _ = write!(
            out,
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <title>{title}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>\n<h1>{title}</h1>\n"
        );
        for s in &self.sections {
            let _ = writeln!(out, "<section>\n<h2>{}</h2>\n<ul>", escape(&s.heading));
            for l in &s.lines {
                let source = escape(&l.source.citation);
                let _ = writeln!(
                    out,
                    "<li data-source=\"{source}\" data-strength=\"{}\">{}<span class=\"source\"> ({source})</span></li>",
                    l.source.strength,
                    escape(&l.text)
                );
            }
            out.push_str("</ul>\n</section>\n");
        }
        let _ = write!(
            out,
            "<footer class=\"ui\">{}</footer>\n</main>\n</body>\n</html>\n",
            escape(HANDOUT_FOOTER)
        );
        out
    }

    /// The same content as Markdown, sources as footnote-style brackets.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{assess, Handout, Policy, Presentation};
    /// let p = Presentation::from_json(r#"{"age_years": 50}"#)?;
    /// let md = Handout::new(&assess(&p, &Policy::default())).to_markdown();
    /// assert!(md.starts_with("# "));
    /// # Ok::<(), prolo_triage::Error>(())
    /// ```
    #[must_use]
    pub fn to_markdown(&self) -> String {
        let mut out = format!("# {}\n", self.title);
        for s in &self.sections {
            let _ = write!(out, "\n## {}\n\n", s.heading);
            for l in &s.lines {
                let _ = writeln!(out, "- {} *[{}]*", l.text, l.source.citation);
            }
        }
        let _ = write!(out, "\n---\n{HANDOUT_FOOTER}\n");
        out
    }
}

fn what_is(anaesthetic_free: bool) -> Vec<PlanItem> {
    vec![
        line(
            "Prolotherapy is an injection treatment for injured or weakened connective tissue in the foot, such as ligaments and tendons.",
            k::SEED_WHAT_IS,
        ),
        if anaesthetic_free {
            line(
                "A natural irritant, such as sugar water (dextrose) or saline, is injected; because of your allergy, without a local anaesthetic.",
                k::ANAESTHETIC_FREE,
            )
        } else {
            line(
                "A natural irritant, such as sugar water (dextrose) or saline, is usually injected with a local anaesthetic.",
                k::SEED_WHAT_IS,
            )
        },
        line(
            "It causes a slight, controlled inflammation that brings more blood to the area and helps the body grow new connective tissue.",
            k::SEED_CONCEPT,
        ),
    ]
}

fn why(a: &Assessment) -> Vec<PlanItem> {
    // Only the conditions the plan is for: a recorded condition the clinic
    // does not treat is not a reason to suggest it.
    let treated = a
        .plan
        .as_ref()
        .map(|p| p.conditions.as_slice())
        .unwrap_or_default();
    let conditions: Vec<&str> = treated.iter().map(|c| c.label()).collect();
    let mut lines = vec![line(
        format!(
            "Your clinician may discuss it for your {}: it is among the foot problems prolotherapy is used for.",
            join_labels(&conditions)
        ),
        k::SEED_CONDITIONS,
    )];
    for e in &a.evidence {
        let Some(c) = e.condition.filter(|c| treated.contains(c)) else {
            continue;
        };

        let strength = match e.level {
            EvidenceLevel::Moderate => "moderate: a few small trials",
            EvidenceLevel::LowToModerate => "low to moderate",
            EvidenceLevel::VeryLow => "very limited",
            _ => "not yet available: no trial has been found",
        };
        lines.push(line(
            format!("The research for {} is {strength}.", c.label()),
            e.source.clone(),
        ));
    }
    if a.reasons.iter().any(|r| {
        r.role == Role::Supporting
            && matches!(
                r.rule.as_ref(),
                "support.ligament_laxity" | "support.joint_instability"
            )
    }) {
        lines.push(line(
            "Problems like yours are often the result of loose ligaments and unstable joints, which prolotherapy aims to strengthen.",
            k::SEED_CONDITIONS,
        ));
    }
    let checks: Vec<&str> = a
        .reasons
        .iter()
        .filter(|r| matches!(r.role, Role::Decisive | Role::Unknown))
        .filter_map(|r| r.finding.map(Fact::label))
        .collect();
    if !checks.is_empty() {
        lines.push(line(
            format!(
                "Before any injection your clinician will check some things with you: {}.",
                join_labels(&checks)
            ),
            k::CONTRAINDICATION_SPLIT,
        ));
    }
    lines
}

fn why_not(a: &Assessment) -> Vec<PlanItem> {
    let decisive: Vec<(&str, Source)> = a
        .reasons
        .iter()
        .filter(|r| r.role == Role::Decisive)
        .filter_map(|r| r.finding.map(|f| (f.label(), r.source.clone())))
        .collect();
    let labels: Vec<&str> = decisive.iter().map(|(l, _)| *l).collect();
    let first_source = || {
        decisive
            .first()
            .map_or(k::SCREENING, |(_, source)| source.clone())
    };
    match a.verdict {
        Verdict::ReferUrgently => vec![line(
            format!(
                "Your clinician found something that needs to be checked promptly first: {}. That comes before any treatment like prolotherapy.",
                join_labels(&labels)
            ),
            first_source(),
        )],
        Verdict::Contraindicated => vec![line(
            format!(
                "Prolotherapy injections are not given while this applies: {}.",
                join_labels(&labels)
            ),
            first_source(),
        )],
        Verdict::NotSuitable => {
            let age = a.reconsider_when.iter().find_map(|r| match r.change {
                Change::AgeYears { at_least } => Some(at_least),
                _ => None,
            });
            vec![match age {
                Some(min) => line(
                    format!("The studies of prolotherapy included adults only, so it is not offered before age {min}."),
                    k::ADULTS_ONLY,
                ),
                None => line(
                    "Prolotherapy is used for certain foot problems, and the clinic does not use it for yours.",
                    k::SEED_CONDITIONS,
                ),
            }]
        }
        Verdict::NotYet => vec![
            line(
                "Your foot problem is still fairly recent, or the first treatments have not been tried for long.",
                k::SYMPTOM_DURATION,
            ),
            line(
                "Guidelines recommend trying treatments such as stretching, exercises, orthoses, taping, night splints and good footwear first.",
                k::CONSERVATIVE_CARE,
            ),
        ],
        _ => {
            let asks: Vec<&str> = a
                .questions
                .iter()
                .take(3)
                .map(|q| q.finding.label())
                .collect();
            vec![line(
                format!(
                    "Your clinician needs a few more answers before deciding, for example about: {}.",
                    join_labels(&asks)
                ),
                k::SCREENING,
            )]
        }
    }
}

fn next_steps(a: &Assessment) -> Vec<PlanItem> {
    a.reconsider_when
        .iter()
        .map(|r| line(r.text.clone(), r.source.clone()))
        .collect()
}

/// Escapes text for HTML element content and attribute values.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Readable on a phone (fluid width, large type), clean on paper (no
/// colours needed, sources kept small).
const CSS: &str = "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;line-height:1.5;margin:0;color:#111;background:#fff}\
main{max-width:40rem;margin:0 auto;padding:1rem 1.25rem}\
h1{font-size:1.6rem;margin:.5rem 0 1rem}h2{font-size:1.2rem;margin:1.5rem 0 .5rem;border-bottom:1px solid #ccc}\
ul{padding-left:1.2rem}li{margin:.4rem 0}.source{color:#555;font-size:.8em}\
footer{margin-top:2rem;font-size:.9rem;color:#333;border-top:1px solid #ccc;padding-top:.5rem}\
@media print{body{font-size:11pt}main{max-width:none;padding:0}h2{page-break-after:avoid}li{page-break-inside:avoid}}";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup() {
        assert_eq!(escape("a<b>&\"'"), "a&lt;b&gt;&amp;&quot;&#39;");
    }

    #[test]
    fn joins_labels_like_a_sentence() {
        assert_eq!(join_labels(&["a"]), "a");
        assert_eq!(join_labels(&["a", "b", "c"]), "a, b and c");
    }
}
