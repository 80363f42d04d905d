//! The patient handout through the public API: every example renders a
//! self-contained page whose every clinical sentence carries its source,
//! the sections follow the verdict, the plan follows the presentation, the
//! text is escaped, and the Markdown says the same.

use crate::common;

use std::borrow::Cow;
use std::collections::BTreeSet;

use prolo_triage::{
    assess, Assessment, Family, Handout, PatientText, Policy, Presentation, Verdict, HANDOUT_FOOTER,
};
use scraper::{ElementRef, Html, Selector};

/// The headings of a yes-family handout, in reading order.
const YES_HEADINGS: [&str; 7] = [
    "What is prolotherapy?",
    "Why your clinician may discuss it",
    "How to prepare",
    "On the day",
    "How many sessions",
    "Afterwards",
    "Side effects and when to call the clinic",
];

/// The only elements a handout may contain.
const ELEMENTS: [&str; 14] = [
    "html", "head", "meta", "title", "style", "body", "main", "h1", "section", "h2", "ul", "li",
    "span", "footer",
];

/// The values `data-strength` may take.
const STRENGTHS: [&str; 5] = ["seed", "peer_reviewed", "secondary", "inferred", "policy"];

/// The elements whose text may be shown: the clinical lines, the headings,
/// the footer, and the head's title and style.
const TEXT_ELEMENTS: [&str; 6] = ["li", "h1", "h2", "footer", "title", "style"];

// ---------------------------------------------------------------------------
// Inputs

/// The example presentations (not the `bad-` ones), as (file name, JSON),
/// sorted by name. Read at test time so a new example is tested too.
fn examples() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = std::fs::read_dir(common::EXAMPLE_DATA)
        .expect("examples/data is readable")
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "json"))
        .filter_map(|path| {
            let name = path.file_name()?.to_str()?.to_owned();
            (!name.starts_with("bad-")).then(|| {
                let json = std::fs::read_to_string(&path).expect("an example is readable");
                (name, json)
            })
        })
        .collect();
    out.sort();
    assert!(
        out.len() >= 8,
        "expected the eight good examples, found {out:?}"
    );
    out
}

/// The JSON of the example whose file name starts with `prefix` ("01").
fn example(prefix: &str) -> String {
    let mut found: Vec<String> = examples()
        .into_iter()
        .filter(|(name, _)| name.starts_with(&format!("{prefix}-")))
        .map(|(_, json)| json)
        .collect();
    assert_eq!(found.len(), 1, "exactly one example {prefix}-*.json");
    found.pop().unwrap()
}

/// Example `prefix` with one top-level field replaced.
fn variant(prefix: &str, field: &str, value: serde_json::Value) -> String {
    let mut doc: serde_json::Value = serde_json::from_str(&example(prefix)).unwrap();
    doc[field] = value;
    doc.to_string()
}

fn assessment(json: &str) -> Assessment {
    let p = Presentation::from_json(json).unwrap_or_else(|e| panic!("{e}: {json}"));
    assess(&p, &Policy::default())
}

fn handout(json: &str) -> (Assessment, Handout) {
    let a = assessment(json);
    let h = Handout::new(&a);
    (a, h)
}

fn is_yes(a: &Assessment) -> bool {
    a.verdict.family() == Some(Family::Yes)
}

// ---------------------------------------------------------------------------
// Reading the page back

fn sel(selector: &str) -> Selector {
    Selector::parse(selector).unwrap()
}

/// Parses a page; html5ever must report no parse error.
#[track_caller]
fn parse(html: &str) -> Html {
    let doc = Html::parse_document(html);
    assert!(
        doc.errors.is_empty(),
        "parse errors {:?} in\n{html}",
        doc.errors
    );
    doc
}

fn count(doc: &Html, selector: &str) -> usize {
    doc.select(&sel(selector)).count()
}

/// The one element matching `selector`.
#[track_caller]
fn only<'a>(doc: &'a Html, selector: &str) -> ElementRef<'a> {
    let all: Vec<ElementRef<'a>> = doc.select(&sel(selector)).collect();
    assert_eq!(all.len(), 1, "exactly one {selector}");
    all[0]
}

fn text(el: ElementRef<'_>) -> String {
    el.text().collect()
}

/// The element's own text, without its child elements' (a line without its
/// visible source note).
fn own_text(el: ElementRef<'_>) -> String {
    el.children()
        .filter_map(|n| n.value().as_text().map(|t| t.to_string()))
        .collect()
}

/// One `<li>` as read back.
#[derive(Debug)]
struct Line {
    text: String,
    note: String,
    source: Option<String>,
    strength: Option<String>,
}

/// One `<section>` as read back.
#[derive(Debug)]
struct Section {
    heading: String,
    lines: Vec<Line>,
}

impl Section {
    /// The lines' text, one a line.
    fn text(&self) -> String {
        self.lines
            .iter()
            .map(|l| l.text.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    }
}

fn sections(doc: &Html) -> Vec<Section> {
    doc.select(&sel("main > section"))
        .map(|s| {
            let headings: Vec<String> = s.select(&sel("h2")).map(text).collect();
            assert_eq!(headings.len(), 1, "one h2 per section: {headings:?}");
            Section {
                heading: headings[0].clone(),
                lines: s
                    .select(&sel("li"))
                    .map(|li| Line {
                        text: own_text(li),
                        note: li.select(&sel("span.source")).map(text).collect(),
                        source: li.attr("data-source").map(str::to_owned),
                        strength: li.attr("data-strength").map(str::to_owned),
                    })
                    .collect(),
            }
        })
        .collect()
}

fn headings(sections: &[Section]) -> Vec<&str> {
    sections.iter().map(|s| s.heading.as_str()).collect()
}

#[track_caller]
fn section<'a>(sections: &'a [Section], heading: &str) -> &'a Section {
    let mut found = sections.iter().filter(|s| s.heading == heading);
    let first = found
        .next()
        .unwrap_or_else(|| panic!("no section {heading:?} in {:?}", headings(sections)));
    assert!(found.next().is_none(), "section {heading:?} twice");
    first
}

/// The page of an example, read back into sections.
fn page(json: &str) -> (Assessment, Handout, Vec<Section>) {
    let (a, h) = handout(json);
    let doc = parse(&h.to_html());
    let s = sections(&doc);
    (a, h, s)
}

/// Every element name in the document.
fn element_names(doc: &Html) -> BTreeSet<String> {
    doc.tree
        .root()
        .descendants()
        .filter_map(|n| n.value().as_element().map(|e| e.name().to_owned()))
        .collect()
}

/// The names of the elements enclosing a node, nearest first.
fn enclosing<'a>(node: impl Iterator<Item = ElementRef<'a>>) -> Vec<&'a str> {
    node.map(|e| e.value().name()).collect()
}

/// Checks that the page says exactly what the handout holds: title,
/// headings, every line's text, source and strength, decoded.
#[track_caller]
fn assert_round_trip(h: &Handout, doc: &Html) {
    assert_eq!(text(only(doc, "head > title")), h.title);
    assert_eq!(text(only(doc, "h1")), h.title);
    let read = sections(doc);
    assert_eq!(read.len(), h.sections.len());
    for (got, want) in read.iter().zip(&h.sections) {
        assert_eq!(got.heading, want.heading);
        assert_eq!(got.lines.len(), want.lines.len(), "{}", want.heading);
        for (line, item) in got.lines.iter().zip(&want.lines) {
            assert_eq!(line.text, item.text);
            assert_eq!(line.source.as_deref(), Some(item.source.citation.as_ref()));
            // The visible note is the source as a patient reads it.
            assert_eq!(line.note, format!(" ({})", item.source.patient_label()));
            assert_eq!(
                line.strength.as_deref(),
                Some(item.source.strength.to_string().as_str())
            );
        }
    }
}

// ---------------------------------------------------------------------------
// 1. A self-contained page

#[test]
fn the_examples_are_the_eight_good_cases() {
    let names: Vec<String> = examples().into_iter().map(|(name, _)| name).collect();
    for prefix in ["01", "02", "03", "04", "05", "06", "07", "08"] {
        assert!(
            names.iter().any(|n| n.starts_with(&format!("{prefix}-"))),
            "example {prefix} missing from {names:?}"
        );
    }
    assert!(names.iter().all(|n| !n.starts_with("bad-")));
}

#[test]
fn every_example_renders_a_self_contained_page() {
    for (name, json) in examples() {
        let (_, h) = handout(&json);
        let html = h.to_html();
        assert!(html.starts_with("<!DOCTYPE html>"), "{name}");
        let doc = parse(&html);

        assert_eq!(count(&doc, "h1"), 1, "{name}: one h1");
        assert_eq!(text(only(&doc, "h1")), h.title, "{name}");
        assert_eq!(text(only(&doc, "head > title")), h.title, "{name}");
        assert!(!h.title.trim().is_empty(), "{name}: a title");
        let viewport = only(&doc, r#"head > meta[name="viewport"]"#);
        assert!(
            viewport
                .attr("content")
                .is_some_and(|c| c.contains("width=device-width")),
            "{name}: viewport for phones"
        );
        let style = only(&doc, "head > style");

        // No external assets.
        assert_eq!(count(&doc, "link, script, img, iframe, object, embed"), 0);
        for el in doc.root_element().descendent_elements() {
            for (attr, _) in el.value().attrs() {
                let attr = attr.to_ascii_lowercase();
                assert!(
                    attr != "src" && attr != "href",
                    "{name}: <{} {attr}=...>",
                    el.value().name()
                );
            }
        }
        let lower = html.to_ascii_lowercase();
        assert!(!lower.contains("src="), "{name}: src= in the page");
        assert!(!lower.contains("href="), "{name}: href= in the page");
        let css = text(style).to_ascii_lowercase();
        assert!(!css.is_empty(), "{name}: some CSS");
        assert!(!css.contains("url("), "{name}: url( in the CSS");
        assert!(!css.contains("@import"), "{name}: @import in the CSS");

        let footer = only(&doc, "main > footer");
        assert_eq!(text(footer), HANDOUT_FOOTER, "{name}");
    }
}

// ---------------------------------------------------------------------------
// 2. No clinical sentence without a source mapping

#[test]
fn every_list_item_carries_its_source() {
    for (name, json) in examples() {
        let (_, h) = handout(&json);
        let doc = parse(&h.to_html());
        assert_eq!(
            count(&doc, "li"),
            count(&doc, "main > section > ul > li"),
            "{name}: every li is in a section's list"
        );
        assert!(count(&doc, "li") > 0, "{name}: some lines");
        for li in doc.select(&sel("section li")) {
            let source = li.attr("data-source");
            assert!(
                source.is_some_and(|s| !s.trim().is_empty()),
                "{name}: li without a data-source: {}",
                li.html()
            );
            let strength = li.attr("data-strength");
            assert!(
                strength.is_some_and(|s| STRENGTHS.contains(&s)),
                "{name}: li with data-strength {strength:?}: {}",
                li.html()
            );
            assert!(!own_text(li).trim().is_empty(), "{name}: an empty line");
        }
        assert_eq!(count(&doc, "p"), 0, "{name}: no <p>");
        assert_round_trip(&h, &doc);
    }
}

#[test]
fn no_text_outside_the_sourced_elements() {
    for (name, json) in examples() {
        let (_, h) = handout(&json);
        let doc = parse(&h.to_html());
        let main = only(&doc, "main");
        let mut in_main = 0;
        for node in doc.tree.root().descendants() {
            let Some(t) = node.value().as_text() else {
                continue;
            };
            if t.trim().is_empty() {
                continue;
            }
            let outer = enclosing(node.ancestors().filter_map(ElementRef::wrap));
            assert!(
                outer.iter().any(|e| TEXT_ELEMENTS.contains(e)),
                "{name}: text {:?} inside {outer:?}",
                &**t
            );
            if node.ancestors().any(|a| a.id() == main.id()) {
                in_main += 1;
                assert!(
                    outer
                        .iter()
                        .any(|e| ["li", "h1", "h2", "footer"].contains(e)),
                    "{name}: text {:?} in main inside {outer:?}",
                    &**t
                );
            }
        }
        assert!(in_main > 0, "{name}: main has text");
        // Comments could hide text from these checks.
        assert!(
            doc.tree
                .root()
                .descendants()
                .all(|n| !n.value().is_comment()),
            "{name}: no comments"
        );
    }
}

// ---------------------------------------------------------------------------
// 3. The sections follow the verdict

#[test]
fn yes_family_handouts_have_the_plan_sections_in_order() {
    let yes: Vec<String> = examples()
        .into_iter()
        .filter(|(_, json)| is_yes(&assessment(json)))
        .map(|(name, _)| name[..2].to_owned())
        .collect();
    assert_eq!(yes, ["01", "02", "08", "v2"], "the yes-family examples");
    for prefix in ["01", "02", "08", "v2"] {
        let (a, h, s) = page(&example(prefix));
        assert!(a.plan.is_some(), "{prefix}: a plan");
        assert_eq!(headings(&s), YES_HEADINGS, "{prefix}");
        assert_eq!(h.title, "Prolotherapy for your foot", "{prefix}");
        for heading in YES_HEADINGS {
            assert!(
                !section(&s, heading).lines.is_empty(),
                "{prefix}: {heading:?} is empty"
            );
        }
    }
}

#[test]
fn other_handouts_say_why_not_and_what_happens_next() {
    for (name, json) in examples() {
        let (a, h, s) = page(&json);
        if is_yes(&a) {
            continue;
        }
        assert_eq!(h.title, "Your foot problem and prolotherapy", "{name}");
        let names = headings(&s);
        for heading in YES_HEADINGS.iter().skip(1) {
            assert!(!names.contains(heading), "{name}: {heading:?}");
        }
        match a.verdict {
            // The clinician has questions first: no list of red flags.
            Verdict::NeedsInformation => {
                assert_eq!(
                    names,
                    [
                        "What is prolotherapy?",
                        "Why nothing is decided yet",
                        "What happens next"
                    ],
                    "{name}"
                );
                continue;
            }
            // What to do now, then what happens next.
            Verdict::ReferUrgently => {
                assert_eq!(
                    names,
                    [
                        "What is prolotherapy?",
                        "Why it is not offered now",
                        "What to do now",
                        "What happens next"
                    ],
                    "{name}"
                );
                continue;
            }
            _ => {}
        }
        assert_eq!(
            names[..2],
            ["What is prolotherapy?", "Why it is not offered now"],
            "{name}"
        );
        assert!(
            !section(&s, "Why it is not offered now").lines.is_empty(),
            "{name}"
        );
        // "What happens next" is there exactly when something could change.
        if a.reconsider_when.is_empty() {
            assert_eq!(names.len(), 2, "{name}: {names:?}");
        } else {
            assert_eq!(names.len(), 3, "{name}: {names:?}");
            let next = section(&s, "What happens next");
            for r in &a.reconsider_when {
                // The patient's form, never the clinician's.
                assert!(
                    next.lines.iter().any(|l| l.text == r.patient_text.as_str()
                        && l.source.as_deref() == Some(r.source.citation.as_ref())),
                    "{name}: {:?} not in {next:?}",
                    r.patient_text
                );
                assert!(
                    !next.lines.iter().any(|l| l.text == r.text.as_str()),
                    "{name}: the clinician's {:?} in {next:?}",
                    r.text
                );
            }
        }
    }
}

#[test]
fn not_yet_and_not_suitable_say_what_happens_next() {
    for (prefix, verdict) in [("05", Verdict::NotYet), ("07", Verdict::NotSuitable)] {
        let (a, _, s) = page(&example(prefix));
        assert_eq!(a.verdict, verdict, "{prefix}");
        assert_eq!(
            headings(&s),
            [
                "What is prolotherapy?",
                "Why it is not offered now",
                "What happens next"
            ],
            "{prefix}"
        );
        assert!(!a.reconsider_when.is_empty(), "{prefix}");
        let next = section(&s, "What happens next").text();
        for r in &a.reconsider_when {
            assert!(next.contains(r.patient_text.as_str()), "{prefix}: {next}");
        }
    }
    let (_, _, s) = page(&example("07"));
    assert!(
        section(&s, "What happens next").text().contains("age 18"),
        "07: {s:?}"
    );
    assert!(
        section(&s, "Why it is not offered now")
            .text()
            .contains("age 18"),
        "07: {s:?}"
    );
}

// ---------------------------------------------------------------------------
// 4. Medicines and allergies

#[test]
fn nsaids_are_stopped_2_to_3_days_before() {
    let (_, _, s) = page(&example("01"));
    let prepare = section(&s, "How to prepare").text();
    assert!(prepare.contains("2 to 3 days"), "01: {prepare}");

    let (_, _, s) = page(&example("08"));
    let prepare = section(&s, "How to prepare").text();
    assert!(!prepare.contains("2 to 3 days"), "08: {prepare}");
    assert!(!prepare.contains("NSAID"), "08: {prepare}");
}

#[test]
fn local_anaesthetic_allergy_means_anaesthetic_free() {
    let (_, _, s) = page(&example("01"));
    let day = section(&s, "On the day").text();
    assert!(day.contains("numbing cream"), "01: {day}");
    assert!(!day.contains("anaesthetic-free"), "01: {day}");

    let json = variant("01", "allergies", serde_json::json!(["local_anaesthetic"]));
    let (a, _, s) = page(&json);
    assert!(is_yes(&a), "still the yes family: {:?}", a.verdict);
    let day = section(&s, "On the day").text();
    assert!(day.contains("anaesthetic-free"), "{day}");
    assert!(!day.contains("numbing cream"), "{day}");
}

// ---------------------------------------------------------------------------
// 5. The course

fn course(json: &str) -> String {
    let (a, _, s) = page(json);
    assert!(is_yes(&a), "yes family: {:?}", a.verdict);
    let course = section(&s, "How many sessions");
    assert!(
        course
            .lines
            .iter()
            .any(|l| l.text.contains("number and spacing")
                && l.strength.as_deref() == Some("seed")
                && l.source.as_deref().is_some_and(|c| c.starts_with("Seed:"))),
        "the seed's general line: {course:?}"
    );
    course.text()
}

#[test]
fn heel_pain_and_plantar_fasciitis_take_2_to_3_sessions() {
    let text = course(&example("01"));
    assert!(text.contains("2 to 3 sessions"), "{text}");
    assert!(!text.contains("4 to 5 sessions"), "{text}");
    for condition in ["heel_pain", "plantar_fasciitis"] {
        let text = course(&variant("01", "conditions", serde_json::json!([condition])));
        assert!(text.contains("2 to 3 sessions"), "{condition}: {text}");
        assert!(!text.contains("4 to 5 sessions"), "{condition}: {text}");
    }
}

#[test]
fn achilles_tendinopathy_takes_4_to_5_sessions() {
    let json = variant(
        "01",
        "conditions",
        serde_json::json!(["achilles_tendinopathy"]),
    );
    let text = course(&json);
    assert!(text.contains("4 to 5 sessions"), "{text}");
    assert!(!text.contains("2 to 3 sessions"), "{text}");

    let both = variant(
        "01",
        "conditions",
        serde_json::json!(["heel_pain", "achilles_tendinopathy"]),
    );
    let text = course(&both);
    assert!(text.contains("2 to 3 sessions"), "{text}");
    assert!(text.contains("4 to 5 sessions"), "{text}");
}

#[test]
fn osteoarthritis_gets_only_the_general_course() {
    let text = course(&example("08"));
    assert!(!text.contains("2 to 3 sessions"), "{text}");
    assert!(!text.contains("4 to 5 sessions"), "{text}");
}

// ---------------------------------------------------------------------------
// 6. Escaping

#[test]
fn every_page_uses_only_the_expected_elements() {
    let allowed: BTreeSet<String> = ELEMENTS.iter().map(|e| (*e).to_owned()).collect();
    for (name, json) in examples() {
        let (_, h) = handout(&json);
        let html = h.to_html();
        let doc = parse(&html);
        let names = element_names(&doc);
        assert!(
            names.is_subset(&allowed),
            "{name}: unexpected elements {:?}",
            names.difference(&allowed).collect::<Vec<_>>()
        );
        // Every text node decodes back to the handout's own strings.
        assert_round_trip(&h, &doc);
        // Outside the (constant) CSS, `>` only closes tags: no raw markup
        // characters come from the text.
        for node in doc.tree.root().descendants() {
            if let Some(t) = node.value().as_text() {
                let in_style = node
                    .parent()
                    .and_then(ElementRef::wrap)
                    .is_some_and(|e| e.value().name() == "style");
                if !in_style {
                    assert!(!t.contains('<'), "{name}: raw < in {:?}", &**t);
                }
            }
        }
    }
}

#[test]
fn markup_in_the_text_is_escaped() {
    let nasty = r#"<script>alert('x')</script> & "quoted" </li><p>1 < 2 > 0</p> &amp;"#;
    let (_, mut h) = handout(&example("01"));
    h.title = PatientText::from_string(format!("Title {nasty}"));
    h.sections[0].heading = PatientText::from_string(format!("Heading {nasty}"));
    h.sections[0].lines[0].text = PatientText::from_string(format!("Line {nasty}"));
    h.sections[0].lines[0].source.citation = Cow::Owned(format!("Source {nasty}"));

    let html = h.to_html();
    let doc = parse(&html);
    let allowed: BTreeSet<String> = ELEMENTS.iter().map(|e| (*e).to_owned()).collect();
    let names = element_names(&doc);
    assert!(names.is_subset(&allowed), "{names:?}\n{html}");
    assert_eq!(count(&doc, "script, p"), 0, "{html}");
    assert_round_trip(&h, &doc);
    let li = doc.select(&sel("li")).next().unwrap();
    assert_eq!(
        li.attr("data-source"),
        Some(format!("Source {nasty}").as_str())
    );
    assert_eq!(li.value().attrs().count(), 2, "no attribute injected");
}

// ---------------------------------------------------------------------------
// 7. Markdown

/// `- <text> *[<source>]*` with both parts non-empty.
fn is_sourced_line(line: &str) -> bool {
    line.strip_prefix("- ")
        .and_then(|rest| rest.strip_suffix("]*"))
        .and_then(|rest| rest.rsplit_once(" *["))
        .is_some_and(|(text, source)| !text.trim().is_empty() && !source.trim().is_empty())
}

#[test]
fn markdown_has_the_same_sections_with_sources() {
    for (name, json) in examples() {
        let (a, h) = handout(&json);
        let md = h.to_markdown();
        assert!(md.starts_with("# "), "{name}");
        assert_eq!(md.lines().next(), Some(format!("# {}", h.title).as_str()));

        let md_headings: Vec<&str> = md.lines().filter_map(|l| l.strip_prefix("## ")).collect();
        let want: Vec<&str> = h.sections.iter().map(|s| s.heading.as_ref()).collect();
        assert_eq!(md_headings, want, "{name}");
        for s in &h.sections {
            let heading = format!("## {}", s.heading);
            assert!(md.lines().any(|l| l == heading), "{name}: {heading}");
        }
        if is_yes(&a) {
            assert_eq!(md_headings, YES_HEADINGS, "{name}");
        }

        let items: Vec<&str> = md.lines().filter(|l| l.starts_with("- ")).collect();
        for line in &items {
            assert!(is_sourced_line(line), "{name}: unsourced line {line:?}");
        }
        let total: usize = h.sections.iter().map(|s| s.lines.len()).sum();
        assert_eq!(items.len(), total, "{name}: one list line per line");
        for s in &h.sections {
            for l in &s.lines {
                let want = format!("- {} *[{}]*", l.text, l.source.patient_label());
                assert!(items.contains(&want.as_str()), "{name}: {want}");
            }
        }
        // Nothing but headings, list lines, the rule and the footer.
        for line in md.lines() {
            assert!(
                line.is_empty()
                    || line.starts_with("# ")
                    || line.starts_with("## ")
                    || is_sourced_line(line)
                    || line == "---"
                    || line == HANDOUT_FOOTER,
                "{name}: stray line {line:?}"
            );
        }
        assert!(md.ends_with(&format!("---\n{HANDOUT_FOOTER}\n")), "{name}");
    }
}

/// Regression: a recorded condition the policy does not treat is not given
/// as a reason in the handout.
#[test]
fn handout_names_only_conditions_the_policy_treats() {
    use prolo_triage::Condition;
    let b = common::ready()
        .age_years(40)
        .conditions([Condition::HeelPain, Condition::Osteoarthritis]);
    let policy = Policy::builder("heel only", "1")
        .treatable_conditions([Condition::HeelPain])
        .build()
        .unwrap();
    let handout = Handout::new(&assess(&b.build().unwrap(), &policy));
    let md = handout.to_markdown();
    assert!(md.contains("for your heel pain:"), "{md}");
    assert!(!md.contains("osteoarthritis"), "{md}");
}

/// Regression: with a local anaesthetic allergy no line says the
/// injection is given with a local anaesthetic.
#[test]
fn handout_respects_a_local_anaesthetic_allergy() {
    use prolo_triage::{Allergy, Condition};
    let b = common::ready()
        .age_years(40)
        .conditions([Condition::HeelPain])
        .allergies([Allergy::LocalAnaesthetic]);
    let handout = Handout::new(&assess(&b.build().unwrap(), &Policy::default()));
    let what_is = handout
        .sections
        .iter()
        .find(|s| s.heading == "What is prolotherapy?")
        .unwrap();
    assert!(what_is
        .lines
        .iter()
        .any(|l| l.text.contains("without a local anaesthetic")));
    let md = handout.to_markdown();
    assert!(!md.contains("numbing cream"), "{md}");
    assert!(md.contains("which your allergy rules out"), "{md}");
}
