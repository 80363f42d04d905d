//! The patient handout: what the clinic gives the patient, in plain
//! language, every sentence with its source. Built from an [`Assessment`];
//! rendered as self-contained HTML or as Markdown (pure string building —
//! writing it anywhere is the caller's business).

use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use crate::assessment::{
    Assessment, Change, EvidenceLevel, PlanItem, Reason, ReasonId, Role, Support,
};
use crate::audience::PatientText;
use crate::clinic::Clinic;
use crate::date::Date;
use crate::knowledge::{self as k, Source};
use crate::patient;
use crate::rules::{Fact, RuleId};
use crate::vocabulary::{Condition, Family, Verdict};

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
    pub heading: PatientText,
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
    pub title: PatientText,
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

/// A handout line: patient text only, so a clinician sentence cannot be
/// put on the page by accident.
fn line(text: PatientText, source: Source) -> PlanItem {
    PlanItem { text, source }
}

fn fixed(text: &'static str, source: Source) -> PlanItem {
    line(PatientText::from_static(text), source)
}

fn section(heading: &'static str, lines: Vec<PlanItem>) -> HandoutSection {
    HandoutSection {
        heading: PatientText::from_static(heading),
        lines,
    }
}

/// Patient words joined for a sentence: "a", "a and b", "a, b and c";
/// with semicolons when one of them has a comma of its own ("a, b or c;
/// d and e").
fn join_labels(labels: &[PatientText]) -> String {
    match labels {
        [] => String::new(),
        [only] => only.to_string(),
        [init @ .., last] => {
            let separator = if labels.iter().any(|l| l.contains(',')) {
                "; "
            } else {
                ", "
            };
            let init: Vec<&str> = init.iter().map(PatientText::as_str).collect();
            let and = if separator == "; " { ";" } else { "" };
            format!("{}{and} and {last}", init.join(separator))
        }
    }
}

/// The patient words of a reason's fact; for the Ottawa rules the fracture
/// they screen for, not the examination finding (docs/clinical-knowledge.md §1).
fn reason_words(r: &Reason) -> Option<PatientText> {
    if r.rule == ReasonId::Rule(RuleId::OttawaFracture) {
        return Some(PatientText::from_static("a possible broken bone"));
    }
    r.finding.map(Fact::patient_label)
}

impl Handout {
    /// The handout for an assessment: what prolotherapy is; for the yes
    /// family why the clinician may discuss it and the plan; for a red flag
    /// what to do now (contact the clinic the same day; our safety-netting)
    /// and what happens next; with questions open, that the clinician has
    /// questions first; otherwise, kindly, why it is not offered now and
    /// what happens next. Every line is a [`PatientText`].
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
        Handout::issued(assessment, &Clinic::default(), None)
    }

    /// The handout as the clinic issues it: with its name and contact
    /// routes ([`Policy::clinic`](crate::Policy::clinic)) and the date of
    /// issue, which the caller passes (the core has no clock). Without
    /// them the handout prints generic words and blanks to fill in.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{assess, Date, Handout, Policy, Presentation};
    /// let policy = Policy::default();
    /// let a = assess(&Presentation::default(), &policy);
    /// let handout = Handout::issued(&a, policy.clinic(), Date::new(2026, 12, 7));
    /// assert!(!handout.sections.is_empty());
    /// ```
    #[must_use]
    pub fn issued(assessment: &Assessment, clinic: &Clinic, date: Option<Date>) -> Handout {
        let _ = (clinic, date);
        let family = assessment.verdict.family();
        let yes = family == Some(Family::Yes);
        let anaesthetic_free = assessment.plan.as_ref().is_some_and(|p| p.anaesthetic_free);
        let mut sections = vec![section("What is prolotherapy?", what_is(anaesthetic_free))];
        match family {
            Some(Family::Yes) => {
                sections.push(section(
                    "Why your clinician may discuss it",
                    why(assessment),
                ));
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
            }
            Some(Family::Urgent) => {
                sections.push(section("Why it is not offered now", why_not(assessment)));
                sections.push(section("What to do now", urgent_steps()));
                sections.push(section("What happens next", urgent_next()));
            }
            None => {
                sections.push(section("Why nothing is decided yet", questions_first()));
                sections.push(section("What happens next", after_the_questions()));
            }
            _ => {
                sections.push(section("Why it is not offered now", why_not(assessment)));
                let next = next_steps(assessment);
                if !next.is_empty() {
                    sections.push(section("What happens next", next));
                }
            }
        }
        Handout {
            title: PatientText::from_static(if yes {
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
                let _ = writeln!(
                    out,
                    "<li data-source=\"{}\" data-strength=\"{}\">{}<span class=\"source\"> ({})</span></li>",
                    escape(&l.source.citation),
                    l.source.strength,
                    escape(&l.text),
                    escape(&l.source.patient_label())
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
                let _ = writeln!(out, "- {} *[{}]*", l.text, l.source.patient_label());
            }
        }
        let _ = write!(out, "\n---\n{HANDOUT_FOOTER}\n");
        out
    }
}

fn what_is(anaesthetic_free: bool) -> Vec<PlanItem> {
    vec![
        fixed(
            "Prolotherapy is an injection treatment for injured or weakened connective tissue in the foot, such as ligaments and tendons.",
            k::SEED_WHAT_IS,
        ),
        if anaesthetic_free {
            fixed(
                "A natural irritant, such as sugar water (dextrose) or saline, is injected; because of your allergy, without a local anaesthetic.",
                k::ANAESTHETIC_FREE,
            )
        } else {
            fixed(
                "A natural irritant, such as sugar water (dextrose) or saline, is usually injected with a local anaesthetic.",
                k::SEED_WHAT_IS,
            )
        },
        fixed(
            "It causes a slight, controlled inflammation that brings more blood to the area and helps the body grow new connective tissue.",
            k::SEED_CONCEPT,
        ),
    ]
}

/// The evidence as the knowledge file words it for a patient (§4): for
/// Morton's neuroma and osteoarthritis, no trial of prolotherapy was found.
fn evidence_words(condition: Condition, level: EvidenceLevel) -> String {
    let name = condition.label();
    match (condition, level) {
        (_, EvidenceLevel::Moderate) => {
            format!("The research on prolotherapy for {name} is moderate: a few small trials.")
        }
        (_, EvidenceLevel::LowToModerate) => format!(
            "The research on prolotherapy for {name} is low to moderate: one trial and some case series."
        ),
        (Condition::BunionPain, _) => format!(
            "The research on prolotherapy for {name} is very limited: one small case series."
        ),
        (Condition::Tendinitis, _) => format!(
            "No trial of prolotherapy for {name} itself was found; what is known comes from trials for heel pain and the Achilles tendon."
        ),
        _ => format!("No trial of prolotherapy for {name} was found."),
    }
}

fn why(a: &Assessment) -> Vec<PlanItem> {
    // Only the conditions the plan is for: a recorded condition the clinic
    // does not treat is not a reason to discuss it.
    let treated = a
        .plan
        .as_ref()
        .map(|p| p.conditions.as_slice())
        .unwrap_or_default();
    let conditions: Vec<PatientText> = treated
        .iter()
        .map(|c| PatientText::from_static(c.label()))
        .collect();
    let mut lines = vec![line(
        PatientText::from_string(format!(
            "Your clinician may discuss it with you for your {}: it is among the foot problems prolotherapy is used for. This leaflet is not a recommendation.",
            join_labels(&conditions)
        )),
        k::SEED_CONDITIONS,
    )];
    for e in &a.evidence {
        let Some(c) = e.condition.filter(|c| treated.contains(c)) else {
            continue;
        };
        lines.push(line(
            PatientText::from_string(evidence_words(c, e.level)),
            e.source.clone(),
        ));
    }
    if a.reasons.iter().any(|r| {
        matches!(
            r.rule,
            ReasonId::Support(Support::LigamentLaxity | Support::JointInstability)
        )
    }) {
        lines.push(fixed(
            "Problems like yours are often the result of loose ligaments and unstable joints, which prolotherapy aims to strengthen.",
            k::SEED_CONDITIONS,
        ));
    }
    // A medicine reads as taking it, never as something to stop.
    let words = |role: Role| -> Vec<PatientText> {
        a.reasons
            .iter()
            .filter(|r| r.role == role)
            .filter_map(|r| match r.finding {
                Some(Fact::Medication(m)) => Some(PatientText::from_string(format!(
                    "taking {}",
                    m.patient_label()
                ))),
                _ => reason_words(r),
            })
            .collect()
    };
    let (care, ask) = (words(Role::Decisive), words(Role::Unknown));
    if !care.is_empty() {
        lines.push(line(
            PatientText::from_string(format!(
                "Some things need extra care from your clinician: {}.",
                join_labels(&care)
            )),
            k::CONTRAINDICATION_SPLIT,
        ));
    }
    if !ask.is_empty() {
        lines.push(line(
            PatientText::from_string(format!(
                "Before any injection your clinician will also ask you about {}.",
                join_labels(&ask)
            )),
            k::CONTRAINDICATION_SPLIT,
        ));
    }
    let names_a_medicine = a.reasons.iter().any(|r| {
        matches!(r.role, Role::Decisive | Role::Unknown)
            && matches!(r.finding, Some(Fact::Medication(_)))
    });
    let plan_says_it = a
        .plan
        .as_ref()
        .is_some_and(|p| p.preparation.iter().any(|l| l.text == patient::DO_NOT_STOP));
    if names_a_medicine && !plan_says_it {
        lines.push(line(patient::DO_NOT_STOP, k::PRESCRIBED_MEDICINES));
    }
    lines
}

fn why_not(a: &Assessment) -> Vec<PlanItem> {
    let decisive: Vec<&Reason> = a
        .reasons
        .iter()
        .filter(|r| r.role == Role::Decisive)
        .collect();
    let first_source = || decisive.first().map_or(k::SCREENING, |r| r.source.clone());
    match a.verdict {
        Verdict::ReferUrgently => {
            let found: Vec<PatientText> = decisive.iter().filter_map(|r| reason_words(r)).collect();
            let mut lines = Vec::with_capacity(2);
            if !found.is_empty() {
                lines.push(line(
                    PatientText::from_string(format!(
                        "Your clinician found signs of something that needs checking first: {}.",
                        join_labels(&found)
                    )),
                    first_source(),
                ));
            }
            lines.push(fixed(
                "Your clinician needs to check this before any treatment, such as prolotherapy, is considered.",
                k::RED_FLAG_FIRST,
            ));
            lines
        }
        Verdict::Contraindicated => contraindicated(&decisive, first_source()),
        Verdict::NotSuitable => {
            let age = a.reconsider_when.iter().find_map(|r| match r.change {
                Change::AgeYears { at_least } => Some(at_least),
                _ => None,
            });
            vec![match age {
                Some(min) => line(
                    PatientText::from_string(format!(
                        "The studies of prolotherapy included adults only, so it is not offered before age {min}."
                    )),
                    k::ADULTS_ONLY,
                ),
                None => fixed(
                    "Prolotherapy is used for certain foot problems, and the clinic does not use it for yours.",
                    k::SEED_CONDITIONS,
                ),
            }]
        }
        _ => not_yet(a),
    }
}

/// What is present, in patient words, by kind of fact: a condition the
/// patient has, a medicine they take (never theirs to stop), an allergy.
fn contraindicated(decisive: &[&Reason], source: Source) -> Vec<PlanItem> {
    let mut has = Vec::new();
    let mut takes = Vec::new();
    let mut allergic = Vec::new();
    for r in decisive {
        match r.finding {
            Some(Fact::Medication(m)) => takes.push(PatientText::from_static(m.patient_label())),
            Some(Fact::Allergy(al)) => allergic.push(PatientText::from_static(al.patient_label())),
            _ => has.extend(reason_words(r)),
        }
    }
    let mut lines = Vec::with_capacity(4);
    if !has.is_empty() {
        lines.push(line(
            PatientText::from_string(format!(
                "Prolotherapy injections are not given while you have {}.",
                join_labels(&has)
            )),
            source.clone(),
        ));
    }
    if !allergic.is_empty() {
        lines.push(line(
            PatientText::from_string(format!(
                "The clinic does not offer prolotherapy to someone with {}.",
                join_labels(&allergic)
            )),
            source.clone(),
        ));
    }
    if !takes.is_empty() {
        lines.push(line(
            PatientText::from_string(format!(
                "The clinic does not offer prolotherapy while you take {}.",
                join_labels(&takes)
            )),
            source,
        ));
        lines.push(line(patient::DO_NOT_STOP, k::PRESCRIBED_MEDICINES));
    }
    if lines.is_empty() {
        lines.push(fixed(
            "Something your clinician found means prolotherapy injections are not given now.",
            k::CONTRAINDICATION_SPLIT,
        ));
    }
    lines
}

/// Not yet: the guideline list only for the conditions its guidelines are
/// for (heel pain and the Achilles tendon, docs/clinical-knowledge.md §3).
fn not_yet(a: &Assessment) -> Vec<PlanItem> {
    let guideline = a.evidence.iter().filter_map(|e| e.condition).any(|c| {
        matches!(
            c,
            Condition::PlantarFasciitis | Condition::HeelPain | Condition::AchillesTendinopathy
        )
    });
    vec![
        fixed(
            "Your foot problem is still fairly recent, or the first treatments have not been tried for long.",
            k::SYMPTOM_DURATION,
        ),
        if guideline {
            fixed(
                "For heel pain and Achilles problems, guidelines recommend trying treatments such as stretching, exercises, shoe inserts (orthoses), taping, night splints and good footwear first.",
                k::CONSERVATIVE_CARE,
            )
        } else {
            fixed(
                "The trials of prolotherapy included people whose symptoms had lasted at least 3 months.",
                k::SYMPTOM_DURATION,
            )
        },
    ]
}

/// A red flag: what to do, labelled as our safety-netting
/// (docs/clinical-knowledge.md §1, "Patient wording for a red flag [I]").
fn urgent_steps() -> Vec<PlanItem> {
    vec![
        fixed(
            "Contact the clinic today, the same day, so your clinician can check this.",
            k::SAFETY_NETTING,
        ),
        fixed(
            "If you feel very unwell, or your foot gets quickly worse, seek urgent care straight away.",
            k::SAFETY_NETTING,
        ),
    ]
}

fn urgent_next() -> Vec<PlanItem> {
    vec![fixed(
        "Your clinician checks the problem first. Only after that can any treatment, such as prolotherapy, be considered.",
        k::RED_FLAG_FIRST,
    )]
}

/// `needs_information`: the clinician has questions; no list of red-flag
/// names to frighten a patient with.
fn questions_first() -> Vec<PlanItem> {
    vec![fixed(
        "Your clinician has some questions for you first, before anything about prolotherapy is decided.",
        k::QUESTIONS_FIRST,
    )]
}

fn after_the_questions() -> Vec<PlanItem> {
    vec![fixed(
        "Once your clinician has your answers, they can tell you whether prolotherapy could be discussed, and why.",
        k::QUESTIONS_FIRST,
    )]
}

fn next_steps(a: &Assessment) -> Vec<PlanItem> {
    a.reconsider_when
        .iter()
        .filter(|r| !r.patient_text.is_empty())
        .map(|r| line(r.patient_text.clone(), r.source.clone()))
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
        let t = PatientText::from_static;
        assert_eq!(join_labels(&[t("a")]), "a");
        assert_eq!(join_labels(&[t("a"), t("b"), t("c")]), "a, b and c");
        assert_eq!(join_labels(&[t("a, b"), t("c")]), "a, b; and c");
        assert_eq!(join_labels(&[t("a, b"), t("c"), t("d")]), "a, b; c; and d");
    }
}
