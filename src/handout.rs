//! The patient handout: what the clinic gives the patient, in plain
//! language at grade 6–8, every line with its source. Built from an
//! [`Assessment`] (and the clinic's details and the date of issue, which
//! the caller passes); rendered as self-contained HTML or as Markdown
//! (pure string building — writing it anywhere is the caller's business).
//!
//! Sources are short plain labels, once each as an endnote; the full
//! citations stay for the clinician (`docs/clinical-knowledge.md` §8).

use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use crate::assessment::{
    Assessment, Caveat, Change, EvidenceLevel, PlanItem, Reason, ReasonId, Role, Support,
    Thresholds,
};
use crate::audience::PatientText;
use crate::clinic::Clinic;
use crate::date::Date;
use crate::knowledge::{self as k, Source};
use crate::patient::{self, Voice};
use crate::rules::{Fact, Group, RuleId};
use crate::vocabulary::{Condition, Family, Resolution, Urgency, Verdict};

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
    /// What to do now: shown first, in a box.
    #[serde(default)]
    pub boxed: bool,
}

/// One of the clinic's details at the top of the handout: its value, or
/// a blank to fill in on paper.
///
/// # Example
///
/// ```
/// use prolo_triage::{assess, Clinic, Handout, Policy, Presentation};
/// let a = assess(&Presentation::from_json("{}")?, &Policy::default());
/// let clinic = Clinic::default().with_phone("01632 960 123")?;
/// let handout = Handout::issued(&a, &clinic, None);
/// let phone = handout.details.iter().find(|d| d.label == "Phone").unwrap();
/// assert_eq!(phone.value.as_deref(), Some("01632 960 123"));
/// // The date is not set: a blank to fill in on paper.
/// assert!(handout.details.iter().any(|d| d.label == "Date" && d.value.is_none()));
/// # Ok::<(), prolo_triage::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct HandoutDetail {
    /// What it is ("Clinic", "Phone", "Date").
    pub label: PatientText,
    /// The value; `None` prints a blank to fill in.
    pub value: Option<String>,
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
    /// The clinic's name and routes, and the date of issue.
    pub details: Vec<HandoutDetail>,
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

/// What a blank to fill in looks like on paper.
const BLANK: &str = "____________________";

/// A handout line: patient text only, so a clinician sentence cannot be
/// put on the page by accident.
fn line(text: PatientText, source: Source) -> PlanItem {
    PlanItem { text, source }
}

fn fixed(text: &'static str, source: Source) -> PlanItem {
    line(PatientText::from_static(text), source)
}

fn said(text: String, source: Source) -> PlanItem {
    line(PatientText::from_string(text), source)
}

fn section(heading: &'static str, lines: Vec<PlanItem>) -> HandoutSection {
    HandoutSection {
        heading: PatientText::from_static(heading),
        lines,
        boxed: false,
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

/// A sentence over a list: one sentence up to two items; from three up a
/// lead-in line and one line per item, so a phone never shows a sentence
/// of eighty words (`docs/clinical-knowledge.md` §8).
fn listed(
    (lead, list_lead): (&str, &str),
    labels: &[PatientText],
    end: &str,
    source: &Source,
) -> Vec<PlanItem> {
    if labels.len() < 3 {
        return vec![said(
            format!("{lead} {}.{end}", join_labels(labels)),
            source.clone(),
        )];
    }
    let mut lines = vec![said(list_lead.to_owned(), source.clone())];
    lines.extend(labels.iter().map(|l| said(capitalised(l), source.clone())));
    if !end.is_empty() {
        lines.push(said(end.trim_start().to_owned(), source.clone()));
    }
    lines
}

/// The label as a list item: capitalised, with a full stop.
fn capitalised(label: &str) -> String {
    let mut chars = label.chars();
    let mut out = String::with_capacity(label.len().saturating_add(1));
    if let Some(first) = chars.next() {
        out.extend(first.to_uppercase());
        out.push_str(chars.as_str());
    }
    out.push('.');
    out
}

/// The patient words of a reason's fact; for the Ottawa rules the fracture
/// they screen for, not the examination finding (docs/clinical-knowledge.md §1).
fn reason_words(r: &Reason) -> Option<PatientText> {
    if r.rule == ReasonId::Rule(RuleId::OttawaFracture) {
        return Some(PatientText::from_static("a possible broken bone"));
    }
    r.finding.map(Fact::patient_label)
}

/// The safety-nets of the rules that decided, or of every present rule
/// that carries one (a systemic infection under a `no` verdict).
fn safety_nets<'a>(
    a: &'a Assessment,
    roles: &'a [Role],
) -> impl Iterator<Item = crate::vocabulary::SafetyNet> + 'a {
    a.reasons
        .iter()
        .filter(move |r| roles.contains(&r.role))
        .filter_map(|r| match r.rule {
            ReasonId::Rule(id) => id.rule().safety_net,
            ReasonId::Support(_) | ReasonId::Caveat(_) => None,
        })
}

impl Handout {
    /// The handout for an assessment, with generic words for the clinic
    /// and blanks to fill in on paper: see [`Handout::issued`].
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
    /// For a red flag it opens with what to do now, in a box, for that red
    /// flag's tier (`docs/clinical-knowledge.md` §1.1); for the yes family
    /// it says why the clinician may discuss prolotherapy and the plan;
    /// with questions open, that the clinician has questions first (and,
    /// while a red flag is unknown, when to get help); otherwise, kindly,
    /// why it is not offered now and what happens next. Every line is a
    /// [`PatientText`].
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
        let a = assessment;
        let family = a.verdict.family();
        let anaesthetic_free = a.plan.as_ref().is_some_and(|p| p.anaesthetic_free);
        let mut sections = Vec::with_capacity(8);
        let title = match family {
            Some(Family::Urgent) => {
                let (urgency, signs) = patient::most_urgent(safety_nets(a, &[Role::Decisive]))
                    .unwrap_or((Urgency::SameDay, Vec::new()));
                let mut now = section(
                    "What to do now",
                    patient::what_to_do(urgency, &signs, Voice::ClinicianFound, clinic),
                );
                now.boxed = true;
                sections.push(now);
                sections.push(section("Why", found(a)));
                match urgency {
                    Urgency::EmergencyNow => "Your foot needs emergency care now",
                    Urgency::SameDay => "Your foot needs to be checked today",
                    Urgency::UrgentReferral => "Your foot needs to be checked soon",
                }
            }
            Some(Family::Yes) => {
                sections.push(section("What is prolotherapy?", what_is(anaesthetic_free)));
                sections.push(section("Why your clinician may discuss it", why(a)));
                if let Some(plan) = &a.plan {
                    sections.push(section("How to prepare", plan.preparation.clone()));
                    sections.push(section("On the day", plan.procedure.clone()));
                    sections.push(section("How many sessions", plan.course.clone()));
                    sections.push(section("Afterwards", plan.aftercare.clone()));
                    sections.push(section(
                        "Side effects and when to call the clinic",
                        plan.side_effects.clone(),
                    ));
                }
                "Prolotherapy: what to know before you decide"
            }
            None => {
                sections.push(section("What is prolotherapy?", what_is(false)));
                let mut first = vec![fixed(
                    "Your clinician needs to ask you some questions first. Nothing about prolotherapy is decided yet.",
                    k::QUESTIONS_FIRST,
                )];
                if a.questions.iter().any(|q| q.group == Group::RedFlag) {
                    first.push(patient::until_checked(clinic));
                }
                sections.push(section("Why nothing is decided yet", first));
                sections.push(section(
                    "What happens next",
                    vec![fixed(
                        "When your clinician has your answers, they can tell you if prolotherapy could be an option for you, and why.",
                        k::QUESTIONS_FIRST,
                    )],
                ));
                "Your foot problem and prolotherapy"
            }
            Some(Family::No) => {
                sections.push(section("What is prolotherapy?", what_is(false)));
                // An infection that may be sepsis: when to get help, first.
                // The tier's own action (the same day) before its emergency
                // signs, as for a red flag (docs/clinical-knowledge.md §1.1).
                if let Some((urgency, signs)) =
                    patient::most_urgent(safety_nets(a, &[Role::Decisive, Role::AlsoPresent]))
                {
                    let mut help = section(
                        "When to get help now",
                        patient::what_to_do(urgency, &signs, Voice::ClinicianFound, clinic),
                    );
                    help.boxed = true;
                    sections.insert(0, help);
                }
                let mut why = why_not(a);
                if a.questions.iter().any(|q| q.group == Group::RedFlag) {
                    why.push(patient::until_checked(clinic));
                }
                sections.push(section("Why it is not offered now", why));
                let next = next_steps(a, date);
                if !next.is_empty() {
                    sections.push(section("What happens next", next));
                }
                "Your foot problem and prolotherapy"
            }
        };
        Handout {
            title: PatientText::from_static(title),
            details: details(clinic, date),
            sections,
        }
    }

    /// A self-contained HTML page: no external assets, print-friendly and
    /// readable on a phone. Each line carries a note number; the notes say
    /// in plain words where the lines come from, and the full citations
    /// are kept for the clinician (`data-source` on each line, and a
    /// folded list at the end).
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
        let notes = self.notes();
        let mut out = String::new();
        let title = escape(&self.title);
        // Writing to a String cannot fail.
        let _ = write!(
            out,
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <title>{title}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>\n<h1>{title}</h1>\n"
        );
        out.push_str("<dl class=\"details\">");
        for d in &self.details {
            let _ = match &d.value {
                Some(v) => write!(
                    out,
                    "<div><dt>{}:</dt><dd>{}</dd></div>",
                    escape(&d.label),
                    escape(v)
                ),
                None => write!(
                    out,
                    "<div class=\"blank\"><dt>{}:</dt><dd>{BLANK}</dd></div>",
                    escape(&d.label)
                ),
            };
        }
        out.push_str("</dl>\n");
        for s in &self.sections {
            let class = if s.boxed { " class=\"action\"" } else { "" };
            let _ = writeln!(
                out,
                "<section{class}>\n<h2>{}</h2>\n<ul>",
                escape(&s.heading)
            );
            for l in &s.lines {
                let _ = writeln!(
                    out,
                    "<li data-source=\"{}\" data-strength=\"{}\">{} <sup class=\"note\">{}</sup></li>",
                    escape(&l.source.citation),
                    l.source.strength,
                    escape(&l.text),
                    note_number(&notes, &l.source)
                );
            }
            out.push_str("</ul>\n</section>\n");
        }
        out.push_str("<section class=\"notes\">\n<h2>Where this comes from</h2>\n<ol>\n");
        for n in &notes {
            let _ = writeln!(out, "<li>{}</li>", escape(n.label));
        }
        out.push_str(
            "</ol>\n<details>\n<summary>Full sources, for your clinician</summary>\n<ol>\n",
        );
        for n in &notes {
            let _ = writeln!(out, "<li>{}</li>", escape(&citations(&n.sources)));
        }
        out.push_str("</ol>\n</details>\n</section>\n");
        let _ = write!(
            out,
            "<footer class=\"ui\">{}</footer>\n</main>\n</body>\n</html>\n",
            escape(HANDOUT_FOOTER)
        );
        out
    }

    /// The same content as Markdown: a note number after each line, the
    /// notes in plain words, then the full citations for the clinician.
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
        let notes = self.notes();
        let mut out = format!("# {}\n\n", self.title);
        for d in &self.details {
            let _ = writeln!(
                out,
                "{}: {}  ",
                d.label,
                d.value.as_deref().unwrap_or(BLANK)
            );
        }
        for s in &self.sections {
            let _ = write!(out, "\n## {}\n\n", s.heading);
            for l in &s.lines {
                let marker = if s.boxed { "- **" } else { "- " };
                let close = if s.boxed { "**" } else { "" };
                let _ = writeln!(
                    out,
                    "{marker}{}{close} [{}]",
                    l.text,
                    note_number(&notes, &l.source)
                );
            }
        }
        out.push_str("\n## Where this comes from\n\n");
        for (i, n) in notes.iter().enumerate() {
            let _ = writeln!(out, "{}. {}", i.saturating_add(1), n.label);
        }
        out.push_str("\nFull sources, for your clinician:\n\n");
        for (i, n) in notes.iter().enumerate() {
            let _ = writeln!(out, "{}. {}", i.saturating_add(1), citations(&n.sources));
        }
        let _ = write!(out, "\n---\n{HANDOUT_FOOTER}\n");
        out
    }

    /// The notes: each kind of source once, in order of first use, as a
    /// short plain label for the patient, with the sources of that kind
    /// for the clinician. A line's note is [`Handout::note_of`] its source.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{assess, Handout, Policy, Presentation};
    /// # let p = Presentation::from_json(include_str!("../examples/data/01-runner-heel-pain-discuss.json"))?;
    /// let handout = Handout::new(&assess(&p, &Policy::default()));
    /// let notes = handout.notes();
    /// assert_eq!(notes[0].label, "From the clinic's leaflet on prolotherapy");
    /// let first = &handout.sections[0].lines[0];
    /// assert_eq!(handout.note_of(&first.source), Some(1));
    /// # Ok::<(), prolo_triage::Error>(())
    /// ```
    #[must_use]
    pub fn notes(&self) -> Vec<HandoutNote> {
        let mut notes: Vec<HandoutNote> = Vec::new();
        for l in self.sections.iter().flat_map(|s| &s.lines) {
            let label = l.source.patient_label();
            match notes.iter_mut().find(|n| n.label == label) {
                Some(note) => {
                    if !note.sources.contains(&l.source) {
                        note.sources.push(l.source.clone());
                    }
                }
                None => notes.push(HandoutNote {
                    label,
                    sources: vec![l.source.clone()],
                }),
            }
        }
        notes
    }

    /// The number (from 1) of the note a line's source belongs to.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{assess, Handout, Policy, Presentation};
    /// # let p = Presentation::from_json(include_str!("../examples/data/01-runner-heel-pain-discuss.json"))?;
    /// let handout = Handout::new(&assess(&p, &Policy::default()));
    /// let line = &handout.sections[0].lines[0];
    /// assert_eq!(handout.note_of(&line.source), Some(1));
    /// # Ok::<(), prolo_triage::Error>(())
    /// ```
    #[must_use]
    pub fn note_of(&self, source: &Source) -> Option<usize> {
        let label = source.patient_label();
        let mut seen: Vec<&'static str> = Vec::new();
        for l in self.sections.iter().flat_map(|s| &s.lines) {
            let l = l.source.patient_label();
            if !seen.contains(&l) {
                seen.push(l);
            }
        }
        seen.iter()
            .position(|l| *l == label)
            .map(|i| i.saturating_add(1))
    }
}

/// One endnote of a handout: a short plain label for the patient, and
/// the full sources behind it for the clinician.
///
/// # Example
///
/// ```
/// use prolo_triage::{assess, Handout, Policy, Presentation};
/// # let p = Presentation::from_json(include_str!("../examples/data/01-runner-heel-pain-discuss.json"))?;
/// let notes = Handout::new(&assess(&p, &Policy::default())).notes();
/// assert!(notes.iter().any(|n| n.label == "From research studies" && !n.sources.is_empty()));
/// # Ok::<(), prolo_triage::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct HandoutNote {
    /// What the patient reads ("From research studies").
    pub label: &'static str,
    /// The sources of this kind the handout used.
    pub sources: Vec<Source>,
}

/// The note number of a source (1-based) among the notes.
fn note_number(notes: &[HandoutNote], source: &Source) -> usize {
    notes
        .iter()
        .position(|n| n.label == source.patient_label())
        .map_or(0, |i| i.saturating_add(1))
}

/// The full citations of one note, each with its strength once.
/// The citations of one note. The note already names their kind (its
/// label is one strength's), so a strength is not printed again per source.
fn citations(sources: &[Source]) -> String {
    let cited: Vec<&str> = sources.iter().map(|s| s.citation.as_ref()).collect();
    cited.join("; ")
}

/// The clinic's details and the date of issue; what is not set prints a
/// blank to fill in on paper.
fn details(clinic: &Clinic, date: Option<Date>) -> Vec<HandoutDetail> {
    let detail = |label: &'static str, value: Option<&str>| HandoutDetail {
        label: PatientText::from_static(label),
        value: value.map(str::to_owned),
    };
    vec![
        detail("Clinic", clinic.name()),
        detail("Phone", clinic.phone()),
        detail("When the clinic is closed", clinic.out_of_hours()),
        HandoutDetail {
            label: PatientText::from_static("Date"),
            value: date.map(Date::patient_words),
        },
    ]
}

/// What prolotherapy is, in the seed's terms at grade 6–8; the mechanism
/// is what the seed claims, not a fact (`docs/clinical-knowledge.md` §8).
fn what_is(anaesthetic_free: bool) -> Vec<PlanItem> {
    vec![
        fixed(
            "Prolotherapy is a set of injections into a sore tendon or ligament in the foot.",
            k::SEED_WHAT_IS,
        ),
        if anaesthetic_free {
            fixed(
                "The injection is usually sugar water (dextrose) or salt water (saline).",
                k::SEED_WHAT_IS,
            )
        } else {
            fixed(
                "The injection is usually sugar water (dextrose) or salt water (saline). A numbing medicine is often added.",
                k::SEED_WHAT_IS,
            )
        },
        fixed(
            "It causes mild, short-lived swelling. This is meant to help the body repair the tissue.",
            k::SEED_CONCEPT,
        ),
    ]
}

/// How the research on a condition reads for a patient
/// (`docs/clinical-knowledge.md` §4 and §8): what it means, never a grade.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Research {
    SmallStudies,
    OneTrial,
    OneReport,
    Borrowed,
    NoTrial,
}

impl Research {
    fn of(condition: Condition, level: EvidenceLevel) -> Research {
        match (condition, level) {
            (_, EvidenceLevel::Moderate) => Research::SmallStudies,
            (_, EvidenceLevel::LowToModerate) => Research::OneTrial,
            (Condition::BunionPain, _) => Research::OneReport,
            (Condition::Tendinitis, _) => Research::Borrowed,
            _ => Research::NoTrial,
        }
    }

    fn words(self, names: &str) -> String {
        match self {
            Research::SmallStudies => format!("A few small studies suggest prolotherapy may help some people with {names}. The studies were small, so it may not help you."),
            Research::OneTrial => format!("One small trial and a few reports suggest prolotherapy may help some people with {names}. The evidence is limited, so it may not help you."),
            Research::OneReport => format!("Only one small report, of 12 people, has looked at prolotherapy for {names}. Little is known about whether it helps."),
            Research::Borrowed => format!("No study of prolotherapy for {names} itself was found. What is known comes from studies of heel pain and the Achilles tendon."),
            Research::NoTrial => format!("No trial of prolotherapy for {names} was found."),
        }
    }
}

/// The research lines for the treated conditions, conditions that read
/// the same said once together.
fn research(a: &Assessment, treated: &[Condition]) -> Vec<PlanItem> {
    let mut groups: Vec<(Research, Vec<PatientText>, Source)> = Vec::new();
    for e in &a.evidence {
        let Some(c) = e.condition.filter(|c| treated.contains(c)) else {
            continue;
        };
        let kind = Research::of(c, e.level);
        let name = PatientText::from_static(c.patient_label());
        match groups
            .iter_mut()
            .find(|(k, _, s)| *k == kind && *s == e.source)
        {
            Some((_, names, _)) => names.push(name),
            None => groups.push((kind, vec![name], e.source.clone())),
        }
    }
    groups
        .into_iter()
        .map(|(kind, names, source)| said(kind.words(&join_labels(&names)), source))
        .collect()
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
        .map(|c| PatientText::from_static(c.patient_label()))
        .collect();
    let these = if treated.len() == 1 {
        "this foot problem"
    } else {
        "these foot problems"
    };
    let mut lines = vec![said(
        format!(
            "Your clinician may discuss prolotherapy with you for your {}. It is one of the treatments used for {these}. This leaflet is not a recommendation.",
            join_labels(&conditions)
        ),
        k::SEED_CONDITIONS,
    )];
    // Nobody like this patient was in the trials: say so, and do not show
    // the research as if it applied (docs/clinical-knowledge.md §3).
    let (young, recent) = (
        a.basis.younger_than_the_trials(),
        a.basis.shorter_than_the_trials(),
    );
    if young {
        lines.push(fixed(
            "The studies of prolotherapy included only adults (18 and over). There is no research on it in young people.",
            k::ADULTS_ONLY,
        ));
    }
    if recent {
        lines.push(fixed(
            "The studies included people who had had symptoms for at least 3 months, so what they found may not apply to you yet.",
            k::SYMPTOM_DURATION,
        ));
    }
    if !young && !recent {
        lines.extend(research(a, treated));
    }
    if a.reasons.iter().any(|r| {
        matches!(
            r.rule,
            ReasonId::Support(Support::LigamentLaxity | Support::JointInstability)
        )
    }) {
        lines.push(fixed(
            "Problems like yours often come from loose ligaments or unstable joints. Prolotherapy aims to make them stronger.",
            k::SEED_CONDITIONS,
        ));
    }
    // A red-flag rule that may have missed a fracture: the clinician
    // checks before any injection (docs/clinical-knowledge.md §1.2).
    if let Some(r) = a.reasons.iter().find(|r| {
        matches!(
            r.rule,
            ReasonId::Caveat(
                Caveat::TendernessWithoutInjury
                    | Caveat::OttawaNeuropathy
                    | Caveat::CalcanealStressFracture
            )
        )
    }) {
        lines.push(line(
            PatientText::from_static(
                "Before any injection, your clinician will check for a possible stress fracture (a small crack in a bone).",
            ),
            r.source.clone(),
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
        lines.extend(listed(
            (
                "Some things need extra care from your clinician:",
                "Some things need extra care from your clinician:",
            ),
            &care,
            "",
            &k::CONTRAINDICATION_SPLIT,
        ));
    }
    if !ask.is_empty() {
        let lead = if care.is_empty() {
            (
                "Before any injection, your clinician will ask you about",
                "Before any injection, your clinician will ask you about:",
            )
        } else {
            (
                "Before any injection, your clinician will also ask you about",
                "Before any injection, your clinician will also ask you about:",
            )
        };
        lines.extend(listed(lead, &ask, "", &k::CONTRAINDICATION_SPLIT));
    }
    let names_a_medicine = a.reasons.iter().any(|r| {
        matches!(r.role, Role::Decisive | Role::Unknown)
            && matches!(r.finding, Some(Fact::Medication(_)))
    });
    let plan_says_it = a.plan.as_ref().is_some_and(|p| p.medicines.keep_prescribed);
    if names_a_medicine && !plan_says_it {
        lines.push(line(patient::DO_NOT_STOP, k::PRESCRIBED_MEDICINES));
    }
    lines
}

/// A red flag: what the clinician found, in plain words, and that it is
/// checked first (one line: the box above says what to do).
fn found(a: &Assessment) -> Vec<PlanItem> {
    let decisive: Vec<&Reason> = a
        .reasons
        .iter()
        .filter(|r| r.role == Role::Decisive)
        .collect();
    let found: Vec<PatientText> = decisive.iter().filter_map(|r| reason_words(r)).collect();
    let source = decisive
        .first()
        .map_or(k::RED_FLAG_FIRST, |r| r.source.clone());
    let end =
        " This needs to be checked before any treatment, such as prolotherapy, is considered.";
    if found.is_empty() {
        return vec![said(end.trim_start().to_owned(), k::RED_FLAG_FIRST)];
    }
    listed(
        ("Your clinician found", "Your clinician found these signs:"),
        &found,
        end,
        &source,
    )
}

fn why_not(a: &Assessment) -> Vec<PlanItem> {
    let decisive: Vec<&Reason> = a
        .reasons
        .iter()
        .filter(|r| r.role == Role::Decisive)
        .collect();
    match a.verdict {
        Verdict::Contraindicated => contraindicated(&decisive),
        Verdict::NotSuitable => {
            let decided = |id: RuleId| decisive.iter().any(|r| r.rule == ReasonId::Rule(id));
            let mut lines = Vec::with_capacity(2);
            if decided(RuleId::TreatableCondition) {
                lines.push(fixed(
                    "Prolotherapy is used for certain foot problems, and the clinic does not use it for yours.",
                    k::SEED_CONDITIONS,
                ));
            } else if decided(RuleId::MinimumAge) {
                // Age matters to a patient only when the condition could
                // be treated at all.
                // The clinic's age, said as the clinic's; the studies'
                // age only as what the studies did.
                let min = a.policy.thresholds.min_age_years;
                lines.push(said(
                    format!("This clinic does not give prolotherapy before age {min}."),
                    if min == Thresholds::LITERATURE.min_age_years {
                        k::ADULTS_ONLY
                    } else {
                        k::CLINIC_POLICY
                    },
                ));
                lines.push(fixed(
                    "The studies of it included only adults (18 and over).",
                    k::ADULTS_ONLY,
                ));
            }
            lines
        }
        _ => not_yet(a, &decisive),
    }
}

/// What is present, in patient words, by kind of fact: a condition the
/// patient has, a medicine they take (it protects them: never theirs to
/// stop, and never a step towards the injection), an allergy.
fn contraindicated(decisive: &[&Reason]) -> Vec<PlanItem> {
    let source = decisive
        .first()
        .map_or(k::CONTRAINDICATION_SPLIT, |r| r.source.clone());
    let mut for_now = Vec::new();
    let mut never = Vec::new();
    let mut has = Vec::new();
    let mut takes = Vec::new();
    let mut allergic = Vec::new();
    for r in decisive {
        match r.finding {
            Some(Fact::Medication(m)) => takes.push(PatientText::from_static(m.patient_label())),
            Some(Fact::Allergy(al)) => allergic.push(PatientText::from_static(al.patient_label())),
            Some(fact) if fact.resolution() == Some(Resolution::Expected) => {
                for_now.extend(reason_words(r));
            }
            // Absolute in the literature: true of prolotherapy anywhere.
            _ if matches!(r.rule, ReasonId::Rule(id) if id.rule().group == Group::Absolute) => {
                never.extend(reason_words(r));
            }
            // Made absolute by this clinic's policy: the clinic's rule.
            _ => has.extend(reason_words(r)),
        }
    }
    let mut lines = Vec::with_capacity(5);
    if !for_now.is_empty() {
        lines.extend(listed(
            (
                "You cannot have it for now because of",
                "You cannot have it for now because of:",
            ),
            &for_now,
            "",
            &source,
        ));
    }
    if !never.is_empty() {
        lines.extend(listed(
            (
                "Prolotherapy is not given if you have",
                "Prolotherapy is not given if you have:",
            ),
            &never,
            "",
            &source,
        ));
    }
    if !has.is_empty() {
        lines.extend(listed(
            (
                "This clinic cannot give it to you because of",
                "This clinic cannot give it to you because of:",
            ),
            &has,
            "",
            &source,
        ));
    }
    if !allergic.is_empty() {
        lines.extend(listed(
            (
                "This clinic cannot give it to someone with",
                "This clinic cannot give it to someone with:",
            ),
            &allergic,
            "",
            &source,
        ));
    }
    if !takes.is_empty() {
        lines.extend(listed(
            (
                "This clinic does not give it to people who take",
                "This clinic does not give it to people who take:",
            ),
            &takes,
            "",
            &source,
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

/// Not yet: the clause that applies (recent symptoms, or first treatments
/// not tried long enough), and the guideline list only for the conditions
/// its guidelines are for (heel pain and the Achilles tendon,
/// docs/clinical-knowledge.md §3).
fn not_yet(a: &Assessment, decisive: &[&Reason]) -> Vec<PlanItem> {
    let decided = |id: RuleId| decisive.iter().any(|r| r.rule == ReasonId::Rule(id));
    let mut lines = Vec::with_capacity(3);
    if decided(RuleId::SymptomDuration) {
        lines.push(fixed(
            "Your foot problem started not long ago.",
            k::SYMPTOM_DURATION,
        ));
    }
    if decided(RuleId::ConservativeCareDuration) {
        lines.push(fixed(
            "The first treatments have not been tried for long enough yet.",
            k::CONSERVATIVE_CARE,
        ));
    }
    lines.push(
        if a.basis.has_any(&[
            Condition::PlantarFasciitis,
            Condition::HeelPain,
            Condition::AchillesTendinopathy,
        ]) {
            fixed(
                "For heel pain and Achilles problems, guidelines say to try other treatments first: stretching, exercises, shoe inserts, taping, night splints and good footwear.",
                k::CONSERVATIVE_CARE,
            )
        } else {
            fixed(
                "In the studies, people had had their symptoms for at least 3 months.",
                k::SYMPTOM_DURATION,
            )
        },
    );
    lines
}

/// What happens next: each change's patient words once (a wait dated
/// when the date of issue is known).
fn next_steps(a: &Assessment, date: Option<Date>) -> Vec<PlanItem> {
    let mut lines: Vec<PlanItem> = Vec::with_capacity(a.reconsider_when.len());
    for r in &a.reconsider_when {
        let text = match r.change {
            Change::Wait { .. } => patient::wait(r.change, date),
            _ => r.patient_text.clone(),
        };
        if !text.is_empty() && !lines.iter().any(|l| l.text == text) {
            lines.push(line(text, r.source.clone()));
        }
    }
    lines
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
/// colours needed): what to do now in a box, notes small, blanks for the
/// clinic's details only on paper.
const CSS: &str = "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;line-height:1.5;margin:0;color:#111;background:#fff}\
main{max-width:40rem;margin:0 auto;padding:1rem 1.25rem}\
h1{font-size:1.6rem;margin:.5rem 0 1rem}h2{font-size:1.2rem;margin:1.5rem 0 .5rem;border-bottom:1px solid #ccc}\
ul{padding-left:1.2rem}li{margin:.4rem 0}.note{color:#555;font-size:.75em}\
.details{display:flex;flex-wrap:wrap;gap:.25rem 1.5rem;margin:0 0 1rem}.details div{display:flex;gap:.4rem}.details dt{font-weight:600}.details dd{margin:0}.blank{display:none}\
.action{border:3px solid #111;border-radius:.5rem;padding:.25rem 1rem;margin:1rem 0;font-weight:600}.action h2{border:0}\
.notes{font-size:.9em;color:#333}details{margin-top:.5rem}\
footer{margin-top:2rem;font-size:.9rem;color:#333;border-top:1px solid #ccc;padding-top:.5rem}\
@media print{body{font-size:11pt}main{max-width:none;padding:0}h2{page-break-after:avoid}li{page-break-inside:avoid}.blank{display:flex}details{display:none}}";

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
