//! An assessment as a CDS Hooks card: pure, so every line of the mapping
//! can be tested without a server.
//!
//! The null/empty rule of CDS Hooks 2.0 holds by construction: every
//! optional field is an `Option` or a vector skipped when empty, and every
//! text is checked non-empty before it is set.

use std::fmt::Write as _;

use base64::Engine as _;
use prolo_triage::{
    Assessment, Fact, Family, Group, NoteId, Reason, ReasonId, Role, Suitability, Truth, Verdict,
};
use prolo_triage_fhir::{Field, Mapped};
use serde::Serialize;

/// CDS Hooks: a summary is one sentence of fewer than 140 characters —
/// the core's one limit for the whole workspace.
pub const MAX_SUMMARY_CHARS: usize = prolo_triage::MAX_SUMMARY_CHARS;

/// The system of our override reasons. A URN: these codes are this
/// service's own, not a published code system.
pub const OVERRIDE_SYSTEM: &str = "urn:prolo-triage:cds:override-reason";

/// The answer to a hook call.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Response {
    /// The cards; `[]` when there is nothing to say.
    pub cards: Vec<Card>,
}

/// A CDS Hooks card.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Card {
    /// Identifies the card in feedback.
    pub uuid: String,
    /// One sentence, fewer than 140 characters.
    pub summary: String,
    /// GitHub-flavoured Markdown.
    pub detail: String,
    /// `info`, `warning` or `critical`.
    pub indicator: Indicator,
    /// Who says so.
    pub source: CardSource,
    /// Why a clinician may dismiss it (yes-family cards only).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub override_reasons: Vec<Coding>,
    /// The app that answers the open questions (none without questions,
    /// or when the service does not serve the app).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<Link>,
}

/// A CDS Hooks link: here always an absolute URL a browser opens.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Link {
    /// What the clinician reads.
    pub label: &'static str,
    /// `<public_url>/app/#p=<base64url of the presentation>`.
    pub url: String,
    /// `absolute` (not a SMART app launch).
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// Always `false`: the clinician opens it from the card (CDS Hooks
    /// 2.0's hint; some clients' models require it).
    #[serde(rename = "autoLaunchable")]
    pub auto_launchable: bool,
}

/// The label of the link to the app.
pub const ANSWER_LABEL: &str = "Answer the open questions";

/// The card's urgency, in rising order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Indicator {
    /// For information.
    Info,
    /// Needs attention.
    Warning,
    /// Act now.
    Critical,
}

impl Indicator {
    /// The indicator of a verdict: `refer_urgently` is critical; a
    /// contraindication, missing information or precautions are warnings;
    /// the rest is information.
    #[must_use]
    pub fn of(verdict: Verdict) -> Indicator {
        match verdict {
            Verdict::ReferUrgently => Indicator::Critical,
            Verdict::Contraindicated
            | Verdict::NeedsInformation
            | Verdict::DiscussWithPrecautions => Indicator::Warning,
            // Listed, not a wildcard: a new verdict must be placed here.
            Verdict::NotSuitable | Verdict::NotYet | Verdict::Discuss => Indicator::Info,
        }
    }

    /// The indicator of an assessment: the verdict's, raised to
    /// `critical` when a present rule carries a safety-net (a red flag, or
    /// a systemic infection that may be sepsis), and to at least `warning`
    /// when a caveat says a red-flag rule may have missed something
    /// (`docs/clinical-knowledge.md` §1.1, §1.2).
    #[must_use]
    pub fn of_assessment(a: &Assessment) -> Indicator {
        let mut indicator = Indicator::of(a.verdict);
        for r in &a.reasons {
            match r.rule {
                ReasonId::Rule(id)
                    if r.status == Truth::Present && id.rule().safety_net.is_some() =>
                {
                    indicator = Indicator::Critical;
                }
                ReasonId::Caveat(caveat) if caveat.red_flag_may_be_missed() => {
                    indicator = indicator.max(Indicator::Warning);
                }
                _ => {}
            }
        }
        indicator
    }
}

/// The card's source.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CardSource {
    /// Library version and policy.
    pub label: String,
    /// The configured documentation page (`docs_url`), else the
    /// intervention's source attributes (`<public_url>/v1/source-attributes`,
    /// ONC HTI-1); absent when the caller gives neither (the null/empty
    /// rule).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// What the card is about, for an EHR that files or filters cards.
    pub topic: Coding,
}

/// The system of this service's card topics.
pub const TOPIC_SYSTEM: &str = "urn:prolo-triage:cds:topic";

/// The topic of every card: prolotherapy triage.
pub const TOPIC: Coding = Coding {
    system: TOPIC_SYSTEM,
    code: "prolotherapy-triage",
    display: "Prolotherapy triage for foot problems",
};

/// A FHIR Coding with its display.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Coding {
    /// The code system.
    pub system: &'static str,
    /// The code.
    pub code: &'static str,
    /// What a clinician reads.
    pub display: &'static str,
}

/// The reasons a clinician may give for not following a yes-family card.
pub const OVERRIDE_REASONS: [Coding; 3] = [
    Coding {
        system: OVERRIDE_SYSTEM,
        code: "patient-declines",
        display: "Patient does not want to discuss prolotherapy",
    },
    Coding {
        system: OVERRIDE_SYSTEM,
        code: "clinical-judgement",
        display: "Not appropriate for this patient in my clinical judgement",
    },
    Coding {
        system: OVERRIDE_SYSTEM,
        code: "already-discussed",
        display: "Already discussed with the patient",
    },
];

/// What the card is built from besides the assessment.
#[derive(Debug, Clone, Copy)]
pub struct CardContext<'a> {
    /// The mapping, for the provenance of each fact.
    pub mapped: &'a Mapped,
    /// Prefetch keys that could not be had, with why.
    pub unavailable: &'a [(String, String)],
    /// The card's uuid.
    pub uuid: &'a str,
    /// The documentation page the card's source links to.
    pub docs_url: Option<&'a str>,
    /// The app's URL (`<public_url>/app/`) when the service serves it.
    pub app_url: Option<&'a str>,
}

/// The card for an assessment.
#[must_use]
pub fn card(assessment: &Assessment, context: CardContext<'_>) -> Card {
    let stamp = &assessment.policy;
    let short = stamp.fingerprint.get(..19).unwrap_or(&stamp.fingerprint);
    let override_reasons = if assessment.verdict.family() == Some(Family::Yes) {
        OVERRIDE_REASONS.to_vec()
    } else {
        Vec::new()
    };
    Card {
        uuid: context.uuid.to_owned(),
        summary: summary(&assessment.summary),
        detail: detail(assessment, context),
        indicator: Indicator::of_assessment(assessment),
        source: CardSource {
            label: format!(
                "prolo-triage-cds {} (policy {} {}, {short})",
                env!("CARGO_PKG_VERSION"),
                stamp.name,
                stamp.version
            ),
            url: context
                .docs_url
                .filter(|u| !u.is_empty())
                .map(str::to_owned),
            topic: TOPIC,
        },
        override_reasons,
        links: links(assessment, context),
    }
}

/// The link to the app, on a card whose assessment has open questions:
/// the presentation as mapped (the wire format holds no name and no
/// identifier) in the fragment, which the browser keeps to itself.
fn links(assessment: &Assessment, context: CardContext<'_>) -> Vec<Link> {
    match context.app_url {
        Some(app) if !assessment.questions.is_empty() => vec![Link {
            label: ANSWER_LABEL,
            url: format!("{app}{}", fragment(context.mapped.presentation())),
            kind: "absolute",
            auto_launchable: false,
        }],
        _ => Vec::new(),
    }
}

/// `#p=` and the presentation's JSON as base64url without padding (RFC
/// 4648 §5), as the app's `web/src/fragment.js` reads it.
#[must_use]
pub fn fragment(presentation: &prolo_triage::Presentation) -> String {
    let text = presentation.to_json();
    format!(
        "#p={}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(text)
    )
}

/// The summary, shortened on a character boundary to fewer than 140
/// characters if it must be.
fn summary(text: &str) -> String {
    if text.chars().count() <= MAX_SUMMARY_CHARS {
        return text.to_owned();
    }
    let mut out: String = text
        .chars()
        .take(MAX_SUMMARY_CHARS.saturating_sub(1))
        .collect();
    out.push('…');
    out
}

/// The Markdown detail: verdict, reasons with sources and where each fact
/// came from, blocking questions, the plan's headline, what was missing.
fn detail(a: &Assessment, context: CardContext<'_>) -> String {
    let mut out = String::new();
    // Writing to a String cannot fail.
    let _ = writeln!(
        out,
        "**{}.** Decision support for the clinician, not a diagnosis.",
        a.verdict.headline()
    );
    for &role in Role::all() {
        let title = role.title();
        // A referral card says refer: the timing rules also present are
        // left out of it, as from the report.
        let mut reasons = a
            .reasons
            .iter()
            .filter(|r| {
                r.role == role
                    && !(a.verdict == Verdict::ReferUrgently
                        && r.role == Role::AlsoPresent
                        && r.group == Some(Group::Timing))
            })
            .peekable();
        if reasons.peek().is_none() {
            continue;
        }
        let _ = writeln!(out, "\n**{title}**\n");
        for r in reasons {
            let _ = write!(
                out,
                "- {} *Source: {} ({}).*",
                markdown(reason_text(r)),
                markdown(&r.source.citation),
                r.source.strength
            );
            if let Some(fact) = r.finding {
                for seen in record(context.mapped, fact) {
                    let _ = write!(out, " Record: {seen}.");
                }
            }
            if let Some(act) = act_now(r) {
                let _ = write!(out, " **Act:** {}", markdown(&act));
            }
            out.push('\n');
        }
    }
    let mut blocking = a.blocking_questions().peekable();
    if blocking.peek().is_some() {
        let _ = writeln!(out, "\n**To ask before deciding**\n");
        for q in blocking {
            let _ = writeln!(out, "- {} (`{}`)", markdown(&q.text), q.finding);
        }
    }
    let mut others = a.questions.iter().filter(|q| !q.blocking).peekable();
    if others.peek().is_some() {
        let _ = writeln!(
            out,
            "\n**Also to settle** (the answer cannot change the decision)\n"
        );
        for q in others {
            let _ = writeln!(out, "- {} (`{}`)", markdown(&q.text), q.finding);
        }
    }
    candidates(a, context.mapped, &mut out);
    if let Some(headline) = plan_headline(a) {
        let _ = writeln!(out, "\n**If discussed:** {headline}");
    }
    if !context.unavailable.is_empty() {
        let _ = writeln!(
            out,
            "\n**Not available from the EHR** (those facts stay unknown)\n"
        );
        for (key, why) in context.unavailable {
            // The keys are this service's own (discovery::PREFETCH).
            let _ = writeln!(out, "- `{key}`: {}", code(why));
        }
    }
    let _ = writeln!(
        out,
        "\nPolicy {} {} (`{}`), record as of {}.",
        markdown(&a.policy.name),
        markdown(&a.policy.version),
        a.policy.fingerprint,
        context.mapped.as_of()
    );
    out.trim_end().to_owned()
}

/// The candidate conditions and the mimics to exclude, when the record has
/// no diagnosis yet (`conditions` unknown): the patient's intake answers
/// give them (`docs/decision-model.md` §9). Each candidate with its band
/// in words — never a probability — and the features for and against with
/// who can report each and who did (`answered_by`), as the core's report
/// lists them; a recorded
/// diagnosis leaves them out (the verdict reads the diagnosis).
fn candidates(a: &Assessment, mapped: &Mapped, out: &mut String) {
    if mapped.presentation().conditions().is_some()
        || (a.candidates.is_empty() && a.mimics.is_empty())
    {
        return;
    }
    let from = if mapped.has_intake_answers() {
        "from the patient's intake answers, "
    } else {
        ""
    };
    // Writing to a String cannot fail.
    let _ = writeln!(
        out,
        "\n**Candidate conditions** ({from}for the clinician to confirm at the examination)\n"
    );
    for c in &a.candidates {
        let open = if c.open {
            " (the examination may change it)"
        } else {
            ""
        };
        let _ = writeln!(out, "- {}: {}{open}", markdown(c.condition.label()), c.band);
        for (sign, features) in [("for", &c.for_), ("against", &c.against)] {
            for f in features {
                // "reported by the patient" when the intake answered it.
                let by = f
                    .answered_by
                    .map_or_else(String::new, |r| format!(", {}", r.label()));
                let _ = writeln!(
                    out,
                    "  - {sign}: {} ({}, {}{by}; *{}*)",
                    markdown(&f.text),
                    f.strength,
                    f.who,
                    markdown(&f.source.citation)
                );
            }
        }
        for q in &c.questions {
            let _ = writeln!(out, "  - to check: {} ({})", markdown(&q.text), q.who);
        }
    }
    if !a.mimics.is_empty() {
        let _ = writeln!(out, "\n**Mimics to exclude before any injection**\n");
        for m in &a.mimics {
            let _ = writeln!(
                out,
                "- {} *Source: {}.*",
                markdown(&m.text),
                markdown(&m.source.citation)
            );
        }
    }
}

/// A reason's text under its section's title. An unknown reason's own
/// text says "Not yet known: …", which the title says already: the card
/// shows the rule's own text instead (an unknown reason is always a rule
/// of the ladder).
fn reason_text(r: &Reason) -> &str {
    match (r.role, r.rule) {
        (Role::Unknown, ReasonId::Rule(id)) => id.rule().text,
        _ => &r.text,
    }
}

/// What the clinician does about a present red flag (or an infection that
/// may be sepsis), from the rule's safety-net: the core's one wording.
fn act_now(r: &Reason) -> Option<String> {
    match (r.rule, r.status) {
        (ReasonId::Rule(id), Truth::Present) => id.rule().safety_net.map(|n| n.clinician_words()),
        _ => None,
    }
}

/// The plan in one line: the course's first item and the injectates that
/// suit.
fn plan_headline(a: &Assessment) -> Option<String> {
    // The plan's lines are the patient's ("your foot problem"): a card is
    // read by a clinician, so it carries only the injectates' advice.
    a.plan.as_ref()?;
    let suitable: Vec<&str> = a
        .injectates
        .iter()
        .filter(|i| i.suitability == Suitability::Suitable)
        .map(|i| i.injectate.as_str())
        .collect();
    let mut line = String::new();
    if !suitable.is_empty() {
        let _ = write!(
            line,
            "Suitable injectates: {}.",
            suitable.join(", ").replace('_', " ")
        );
    }
    // Saline listed as suitable says it was the trials' comparison arm
    // (docs/clinical-knowledge.md §5): the core's own note, not a second wording.
    let saline = a
        .injectates
        .iter()
        .filter(|i| i.suitability == Suitability::Suitable)
        .flat_map(|i| i.notes.iter())
        .find(|n| n.rule == NoteId::SalineComparison);
    if let Some(note) = saline {
        let _ = write!(line, " Saline: {}", markdown(&note.text));
    }
    (!line.is_empty()).then(|| line.trim_start().to_owned())
}

/// Where a fact came from in the record, e.g. "Observation/f202 39 Cel at
/// 2026-11-26T09:15:00Z".
fn record(mapped: &Mapped, fact: Fact) -> Vec<String> {
    let field = match fact {
        Fact::Finding(f) => Field::Finding(f),
        Fact::Medication(_) => Field::Medications,
        Fact::Allergy(_) => Field::Allergies,
        Fact::Condition(_) | Fact::NoTreatableCondition => Field::Conditions,
        Fact::AgeBelowMinimum => Field::AgeYears,
        Fact::SymptomsBelowMinimum => Field::SymptomWeeks,
        Fact::CareBelowMinimum => Field::ConservativeCareWeeks,
        // A fact this service does not know yet has no provenance to show.
        _ => return Vec::new(),
    };
    let value = match fact {
        Fact::Medication(class) => Some(class.as_str()),
        Fact::Allergy(allergy) => Some(allergy.as_str()),
        _ => None,
    };
    mapped
        .provenance_of(field)
        // A class found, or one the record leaves unknown (`antiplatelet:
        // unknown`, an aspirin without a readable dose).
        .filter(|p| {
            value.is_none_or(|v| {
                p.value == v || p.value.strip_suffix(": unknown").is_some_and(|c| c == v)
            })
        })
        .take(3)
        .map(|p| match &p.resource {
            Some(r) => format!("{} {}", code(&r.to_string()), code(&p.seen)),
            None => code(&p.seen),
        })
        .collect()
}

/// Text made safe for Markdown (our own texts, policy names): no links,
/// images, HTML or emphasis it did not mean.
#[must_use]
pub fn markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().filter(|c| !is_invisible(*c)) {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '!' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Text from the record (or from a remote server) as a code span: inside
/// one, Markdown makes no link of any kind — not even GitHub's autolinks of
/// bare `https://` or `www.` — no emphasis and no HTML. The fence is one
/// backtick longer than any run of backticks in the text.
#[must_use]
pub fn code(text: &str) -> String {
    let clean: String = text
        .chars()
        .filter(|c| !is_invisible(*c))
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let mut longest = 0usize;
    let mut run = 0usize;
    for c in clean.chars() {
        run = if c == '`' { run.saturating_add(1) } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest.saturating_add(1));
    // A space on each side keeps a leading or trailing backtick apart
    // from the fence (CommonMark strips one space each side).
    if longest > 0 || clean.starts_with(' ') || clean.ends_with(' ') {
        format!("{fence} {clean} {fence}")
    } else {
        format!("{fence}{clean}{fence}")
    }
}

/// Control characters of the format kind: zero-width characters and the
/// bidirectional overrides that can make a text read other than it is.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}' | '\u{00AD}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indicators_follow_the_verdict() {
        use Verdict::*;
        let want = [
            (ReferUrgently, Indicator::Critical),
            (Contraindicated, Indicator::Warning),
            (NeedsInformation, Indicator::Warning),
            (DiscussWithPrecautions, Indicator::Warning),
            (NotSuitable, Indicator::Info),
            (NotYet, Indicator::Info),
            (Discuss, Indicator::Info),
        ];
        for (verdict, indicator) in want {
            assert_eq!(Indicator::of(verdict), indicator, "{verdict:?}");
        }
    }

    #[test]
    fn unknown_reasons_read_the_rule_table_not_the_prose() {
        use prolo_triage::{assess, Policy, Presentation};
        let a = assess(&Presentation::default(), &Policy::default());
        let unknown: Vec<_> = a
            .reasons
            .iter()
            .filter(|r| r.role == Role::Unknown)
            .collect();
        assert!(!unknown.is_empty());
        for r in unknown {
            let text = reason_text(r);
            assert!(!text.starts_with("Not yet known"), "{text}");
            // The table's text is the reason's own without the prefix.
            assert!(r.text.ends_with(text), "{} / {text}", r.text);
        }
        let fever = assess(
            &Presentation::from_json(r#"{"findings": {"fever": "present"}}"#).unwrap(),
            &Policy::default(),
        );
        let decisive = &fever.reasons[0];
        assert_eq!(reason_text(decisive), decisive.text);
    }

    #[test]
    fn saline_listed_as_suitable_says_it_was_the_comparison_arm() {
        use prolo_triage::{assess, Policy, Presentation};
        let p = Presentation::from_json(include_str!(
            "../../examples/data/01-runner-heel-pain-discuss.json"
        ))
        .unwrap();
        let line = plan_headline(&assess(&p, &Policy::default())).unwrap();
        assert!(line.contains("saline"), "{line}");
        assert!(line.contains("comparison arm"), "{line}");
        // A clinician's card, not the patient's plan.
        assert!(line.starts_with("Suitable injectates:"), "{line}");
        assert!(!line.to_lowercase().contains("your "), "{line}");
    }

    /// The card for a presentation given as JSON, with an empty record.
    fn card_of(json: &str) -> Card {
        use prolo_triage::{assess, Policy, Presentation};
        let mapped = prolo_triage_fhir::map_bundle(
            r#"{"resourceType": "Bundle", "type": "collection", "entry": []}"#,
            &prolo_triage_fhir::MappingOptions::new("2026-11-26".parse().unwrap()),
        )
        .unwrap();
        let a = assess(&Presentation::from_json(json).unwrap(), &Policy::default());
        card(
            &a,
            CardContext {
                mapped: &mapped,
                unavailable: &[],
                uuid: "u",
                docs_url: None,
                app_url: None,
            },
        )
    }

    /// The discuss-ready runner of the shipped examples, with findings
    /// changed.
    fn runner_with(findings: &[(&str, &str)]) -> String {
        let mut p: serde_json::Value = serde_json::from_str(include_str!(
            "../../examples/data/01-runner-heel-pain-discuss.json"
        ))
        .unwrap();
        p["findings"]["ligament_laxity"] = "absent".into();
        for (finding, truth) in findings {
            p["findings"][*finding] = (*truth).into();
        }
        p.to_string()
    }

    /// H4 (docs/clinical-knowledge.md §1.2): tenderness at an Ottawa point
    /// without an injury is a `warning` card that never says "red flags
    /// screened".
    #[test]
    fn a_caveat_that_may_hide_a_fracture_is_a_warning() {
        let c = card_of(&runner_with(&[("bone_tenderness_navicular", "present")]));
        assert_eq!(c.indicator, Indicator::Warning);
        assert!(!c.summary.contains("screened"), "{}", c.summary);
        assert!(!c.detail.contains("screened and absent"), "{}", c.detail);
        assert!(c.summary.contains("stress fracture"), "{}", c.summary);
        // Without the caveat, the same case is information.
        assert_eq!(card_of(&runner_with(&[])).indicator, Indicator::Info);
    }

    /// M8: a recorded systemic infection may be sepsis: a critical card,
    /// with what to do.
    #[test]
    fn systemic_infection_is_a_critical_card() {
        let c = card_of(&runner_with(&[("systemic_infection", "present")]));
        assert_eq!(c.indicator, Indicator::Critical);
        assert!(c.detail.contains("sepsis"), "{}", c.detail);
    }

    /// Each red flag's tier in the card's detail (docs/clinical-knowledge.md
    /// §1.1).
    #[test]
    fn the_detail_says_what_to_do_for_each_tier() {
        for (finding, words) in [
            (
                "pain_out_of_proportion",
                "Emergency now: send to an emergency department",
            ),
            ("calf_swelling", "pulmonary embolism"),
            ("tumour_signs", "Urgent referral"),
        ] {
            let c = card_of(&runner_with(&[(finding, "present")]));
            assert_eq!(c.indicator, Indicator::Critical);
            assert!(c.detail.contains("**Act:**"), "{finding}: {}", c.detail);
            assert!(c.detail.contains(words), "{finding}: {}", c.detail);
        }
        // A referral says refer: no timing rules beside it (L24).
        let mut p: serde_json::Value =
            serde_json::from_str(&runner_with(&[("fever", "present")])).unwrap();
        p["symptom_weeks"] = 2.into();
        p["conservative_care_weeks"] = 0.into();
        let c = card_of(&p.to_string());
        assert!(!c.detail.contains("Also present"), "{}", c.detail);
    }

    #[test]
    fn summaries_stay_under_140_characters() {
        assert_eq!(summary("Short."), "Short.");
        let long = "é".repeat(200);
        let s = summary(&long);
        assert_eq!(s.chars().count(), MAX_SUMMARY_CHARS);
        assert!(s.ends_with('…'));
        let exact = "x".repeat(140);
        assert_eq!(summary(&exact).chars().count(), 139);
    }

    #[test]
    fn markdown_cannot_be_injected() {
        assert_eq!(markdown("![x](http://e/)"), "\\!\\[x\\](http://e/)");
        assert_eq!(markdown("<script>"), "\\<script\\>");
        assert_eq!(markdown("a\nb\u{7}"), "a b");
        assert_eq!(markdown("39 Cel at 2026-11-26"), "39 Cel at 2026-11-26");
        assert_eq!(markdown("a\u{202E}b"), "ab");
    }

    #[test]
    fn record_text_is_a_code_span_that_cannot_be_escaped() {
        assert_eq!(
            code("39 Cel at 2026-11-26T09:15:00Z"),
            "`39 Cel at 2026-11-26T09:15:00Z`"
        );
        assert_eq!(
            code("see https://evil.example"),
            "`see https://evil.example`"
        );
        assert_eq!(code("a`b"), "`` a`b ``");
        assert_eq!(code("``x"), "``` ``x ```");
        assert_eq!(code("x\u{202E}y\nz"), "`xy z`");
    }
}
