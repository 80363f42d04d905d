//! The patient handout through the public API: every example renders a
//! self-contained page whose every patient line carries a note number
//! that resolves to a plain label (and, for the clinician, its full
//! citation), the clinic's details come first (values or blanks), the
//! sections follow the verdict (what to do now first, in a box, for a red
//! flag), the plan follows the presentation, the text is escaped, and the
//! Markdown says the same.

use crate::common::{self, example, examples, variant, NOTE_LABELS};

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

/// The title of a yes-family handout: no promise of a treatment.
const YES_TITLE: &str = "Prolotherapy: what to know before you decide";

/// The heading of the notes section.
const NOTES_HEADING: &str = "Where this comes from";

/// The labels of the clinic's details, in order.
const DETAIL_LABELS: [&str; 4] = ["Clinic", "Phone", "When the clinic is closed", "Date"];

/// The only elements a handout may contain.
const ELEMENTS: [&str; 21] = [
    "html", "head", "meta", "title", "style", "body", "main", "h1", "dl", "div", "dt", "dd",
    "section", "h2", "ul", "li", "sup", "ol", "details", "summary", "footer",
];

/// The values `data-strength` may take.
const STRENGTHS: [&str; 5] = ["seed", "peer_reviewed", "secondary", "inferred", "policy"];

// ---------------------------------------------------------------------------
// Inputs

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
/// note number).
fn own_text(el: ElementRef<'_>) -> String {
    el.children()
        .filter_map(|n| n.value().as_text().map(|t| t.to_string()))
        .collect()
}

/// One `<li>` of a section as read back.
#[derive(Debug)]
struct Line {
    /// The line's own text (without the space before its note number).
    text: String,
    /// The note number, from `<sup class="note">`.
    note: Option<usize>,
    source: Option<String>,
    strength: Option<String>,
}

/// One `<section>` (not the notes) as read back.
#[derive(Debug)]
struct Section {
    heading: String,
    boxed: bool,
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
    doc.select(&sel("main > section:not(.notes)"))
        .map(|s| {
            let headings: Vec<String> = s.select(&sel("h2")).map(text).collect();
            assert_eq!(headings.len(), 1, "one h2 per section: {headings:?}");
            Section {
                heading: headings[0].clone(),
                boxed: s.value().classes().any(|c| c == "action"),
                lines: s
                    .select(&sel("li"))
                    .map(|li| {
                        let sups: Vec<String> = li.select(&sel("sup.note")).map(text).collect();
                        assert!(sups.len() <= 1, "one note number per line: {}", li.html());
                        let own = own_text(li);
                        Line {
                            text: own.strip_suffix(' ').unwrap_or(&own).to_owned(),
                            note: sups.first().and_then(|n| n.trim().parse().ok()),
                            source: li.attr("data-source").map(str::to_owned),
                            strength: li.attr("data-strength").map(str::to_owned),
                        }
                    })
                    .collect(),
            }
        })
        .collect()
}

/// The notes as read back: the plain labels, and the full citations for
/// the clinician, each in note order.
fn notes(doc: &Html) -> (Vec<String>, Vec<String>) {
    let labels = doc
        .select(&sel("main > section.notes > ol > li"))
        .map(text)
        .collect();
    let citations = doc
        .select(&sel("main > section.notes > details > ol > li"))
        .map(text)
        .collect();
    (labels, citations)
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

/// A source's full citation as the clinician's list prints it: the note's
/// label already names the kind of source, so no strength follows it.
fn cited(source: &prolo_triage::Source) -> String {
    source.citation.to_string()
}

/// Checks that the page says exactly what the handout holds: title,
/// details, headings, boxes, every line's text, source and strength,
/// decoded; that every note number resolves to the line's plain label and
/// to a clinician's entry holding its full citation; and that each label
/// is printed once.
#[track_caller]
fn assert_round_trip(h: &Handout, doc: &Html) {
    assert_eq!(text(only(doc, "head > title")), h.title);
    assert_eq!(text(only(doc, "h1")), h.title);

    let details: Vec<ElementRef<'_>> = doc.select(&sel("main > dl.details > div")).collect();
    assert_eq!(details.len(), h.details.len(), "one row per detail");
    for (div, d) in details.iter().zip(&h.details) {
        assert_eq!(
            div.select(&sel("dt")).map(text).collect::<String>(),
            format!("{}:", d.label)
        );
        let value = div.select(&sel("dd")).map(text).collect::<String>();
        let blank = div.value().classes().any(|c| c == "blank");
        match &d.value {
            Some(v) => {
                assert_eq!(&value, v);
                assert!(!blank, "a set detail is shown: {}", div.html());
            }
            None => {
                assert!(
                    !value.is_empty() && value.chars().all(|c| c == '_'),
                    "a blank to fill in: {value:?}"
                );
                assert!(blank, "a blank is printed only: {}", div.html());
            }
        }
    }

    let (labels, citations) = notes(doc);
    assert_eq!(labels.len(), citations.len(), "one citation entry per note");
    let unique: BTreeSet<&String> = labels.iter().collect();
    assert_eq!(unique.len(), labels.len(), "each label once: {labels:?}");
    for label in &labels {
        assert!(NOTE_LABELS.contains(&label.as_str()), "label {label:?}");
    }
    let mut used = BTreeSet::new();

    let read = sections(doc);
    assert_eq!(read.len(), h.sections.len());
    for (got, want) in read.iter().zip(&h.sections) {
        assert_eq!(got.heading, want.heading);
        assert_eq!(got.boxed, want.boxed, "{}", want.heading);
        assert_eq!(got.lines.len(), want.lines.len(), "{}", want.heading);
        for (line, item) in got.lines.iter().zip(&want.lines) {
            assert_eq!(line.text, item.text);
            assert_eq!(line.source.as_deref(), Some(item.source.citation.as_ref()));
            assert_eq!(
                line.strength.as_deref(),
                Some(item.source.strength.to_string().as_str())
            );
            // The note number resolves to the line's plain label, and the
            // clinician's entry of that note holds its full citation.
            let n = line
                .note
                .unwrap_or_else(|| panic!("no note number on {line:?}"));
            assert!(n >= 1 && n <= labels.len(), "note {n} of {labels:?}");
            assert_eq!(labels[n - 1], item.source.patient_label(), "{line:?}");
            assert!(
                citations[n - 1].contains(&cited(&item.source)),
                "note {n}: {:?} not in {:?}",
                cited(&item.source),
                citations[n - 1]
            );
            used.insert(n);
        }
    }
    // Every note is used by some line (no stray note).
    assert_eq!(used.len(), labels.len(), "notes {labels:?}, used {used:?}");
    // Boxed sections come first.
    let first_plain = read.iter().position(|s| !s.boxed).unwrap_or(read.len());
    assert!(read[first_plain..].iter().all(|s| !s.boxed), "{read:?}");
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
        // Blanks and the clinician's citations: blanks only on paper, the
        // citations folded on screen and left off paper.
        assert!(css.contains(".blank{display:none}"), "{name}: {css}");
        let print = &css[css.find("@media print").expect("a print style")..];
        assert!(print.contains(".blank{display:flex}"), "{name}: {print}");
        assert!(print.contains("details{display:none}"), "{name}: {print}");

        // The order of the page: title, details, sections, notes, footer.
        let order: Vec<String> = only(&doc, "main")
            .children()
            .filter_map(ElementRef::wrap)
            .map(|e| {
                let classes: Vec<&str> = e.value().classes().collect();
                format!(
                    "{}{}",
                    e.value().name(),
                    if classes.is_empty() {
                        String::new()
                    } else {
                        format!(".{}", classes.join("."))
                    }
                )
            })
            .collect();
        assert_eq!(order.first().map(String::as_str), Some("h1"), "{name}");
        assert_eq!(
            order.get(1).map(String::as_str),
            Some("dl.details"),
            "{name}"
        );
        assert_eq!(
            order[order.len() - 2..],
            ["section.notes".to_owned(), "footer.ui".to_owned()],
            "{name}: {order:?}"
        );
        let footer = only(&doc, "main > footer");
        assert_eq!(text(footer), HANDOUT_FOOTER, "{name}");
        assert_eq!(
            text(only(&doc, "main > section.notes > h2")),
            NOTES_HEADING,
            "{name}"
        );
    }
}

#[test]
fn every_handout_has_the_clinics_details_as_blanks_by_default() {
    for (name, json) in examples() {
        let (_, h) = handout(&json);
        let labels: Vec<&str> = h.details.iter().map(|d| d.label.as_str()).collect();
        assert_eq!(labels, DETAIL_LABELS, "{name}");
        // `Handout::new` has no clinic and no date: every value a blank.
        assert!(h.details.iter().all(|d| d.value.is_none()), "{name}");
        let doc = parse(&h.to_html());
        assert_eq!(count(&doc, "main > dl.details > div.blank"), 4, "{name}");
    }
}

// ---------------------------------------------------------------------------
// 2. No patient line without a source mapping

#[test]
fn every_list_item_carries_its_source() {
    for (name, json) in examples() {
        let (_, h) = handout(&json);
        let doc = parse(&h.to_html());
        // Every li is a section's line, a note label or a note's citation.
        assert_eq!(
            count(&doc, "li"),
            count(&doc, "main > section:not(.notes) > ul > li")
                + count(&doc, "main > section.notes > ol > li")
                + count(&doc, "main > section.notes > details > ol > li"),
            "{name}: every li is in a section's list or the notes"
        );
        assert!(
            count(&doc, "section:not(.notes) li") > 0,
            "{name}: some lines"
        );
        for li in doc.select(&sel("main > section:not(.notes) li")) {
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
            assert_eq!(
                count_in(li, "sup.note"),
                1,
                "{name}: one note number: {}",
                li.html()
            );
        }
        // The notes carry no attributes of a line: they are not lines.
        for li in doc.select(&sel("main > section.notes li")) {
            assert_eq!(li.value().attrs().count(), 0, "{name}: {}", li.html());
        }
        assert_eq!(count(&doc, "p"), 0, "{name}: no <p>");
        assert_round_trip(&h, &doc);
    }
}

fn count_in(el: ElementRef<'_>, selector: &str) -> usize {
    el.select(&sel(selector)).count()
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
            let ancestors: Vec<ElementRef<'_>> =
                node.ancestors().filter_map(ElementRef::wrap).collect();
            let outer = enclosing(ancestors.iter().copied());
            if !node.ancestors().any(|a| a.id() == main.id()) {
                // Outside main: only the head's title and style.
                assert!(
                    matches!(outer.first(), Some(&"title" | &"style")),
                    "{name}: text {:?} inside {outer:?}",
                    &**t
                );
                continue;
            }
            in_main += 1;
            let is = |e: &ElementRef<'_>, tag: &str, class: Option<&str>| {
                e.value().name() == tag
                    && class.map_or(true, |c| e.value().classes().any(|x| x == c))
            };
            // A patient line with its source, a heading, the clinic's
            // details, the notes, or the footer: nothing else.
            let allowed = ancestors.iter().any(|e| {
                (is(e, "li", None) && e.attr("data-source").is_some())
                    || is(e, "h1", None)
                    || is(e, "h2", None)
                    || is(e, "dl", Some("details"))
                    || is(e, "section", Some("notes"))
                    || is(e, "footer", None)
            });
            assert!(allowed, "{name}: text {:?} in main inside {outer:?}", &**t);
            // In a section's line, only the line's text and its note number.
            if let Some(li) = ancestors
                .iter()
                .find(|e| is(e, "li", None) && e.attr("data-source").is_some())
            {
                let parent = node.parent().and_then(ElementRef::wrap).unwrap();
                assert!(
                    parent.id() == li.id() || is(&parent, "sup", Some("note")),
                    "{name}: text {:?} inside {outer:?}",
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
    assert_eq!(
        yes,
        ["01", "02", "08", "09", "v2"],
        "the yes-family examples"
    );
    for prefix in ["01", "02", "08", "09", "v2"] {
        let (a, h, s) = page(&example(prefix));
        assert!(a.plan.is_some(), "{prefix}: a plan");
        assert_eq!(headings(&s), YES_HEADINGS, "{prefix}");
        assert_eq!(h.title, YES_TITLE, "{prefix}");
        assert!(s.iter().all(|s| !s.boxed), "{prefix}: nothing boxed");
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
        let names = headings(&s);
        for heading in YES_HEADINGS.iter().skip(1) {
            assert!(!names.contains(heading), "{name}: {heading:?}");
        }
        match a.verdict {
            // The clinician has questions first: no list of red flags.
            Verdict::NeedsInformation => {
                assert_eq!(h.title, "Your foot problem and prolotherapy", "{name}");
                assert_eq!(
                    names,
                    [
                        "What is prolotherapy?",
                        "Why nothing is decided yet",
                        "What happens next"
                    ],
                    "{name}"
                );
                assert!(s.iter().all(|s| !s.boxed), "{name}");
                continue;
            }
            // What to do now first, in a box; then why. The explainer of an
            // injection the patient will not get is left out.
            Verdict::ReferUrgently => {
                assert_eq!(names, ["What to do now", "Why"], "{name}");
                assert!(s[0].boxed && !s[1].boxed, "{name}");
                assert!(
                    h.title.starts_with("Your foot needs"),
                    "{name}: {}",
                    h.title
                );
                continue;
            }
            _ => {}
        }
        assert_eq!(h.title, "Your foot problem and prolotherapy", "{name}");
        assert_eq!(
            names[..2],
            ["What is prolotherapy?", "Why it is not offered now"],
            "{name}"
        );
        assert!(s.iter().all(|s| !s.boxed), "{name}: no systemic infection");
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
    // Named, so that aspirin for the heart is not read into it.
    for name in ["ibuprofen", "naproxen", "diclofenac"] {
        assert!(prepare.contains(name), "01: {name} in {prepare}");
    }
    // Never alone: the do-not-stop line, with aspirin for the heart.
    assert!(
        prepare.contains("or aspirin for your heart, on your own"),
        "01: {prepare}"
    );

    let (_, _, s) = page(&example("08"));
    let prepare = section(&s, "How to prepare").text();
    assert!(!prepare.contains("2 to 3 days"), "08: {prepare}");
    assert!(!prepare.contains("NSAID"), "08: {prepare}");
    assert!(!prepare.contains("ibuprofen"), "08: {prepare}");
}

#[test]
fn local_anaesthetic_allergy_means_anaesthetic_free() {
    let (_, _, s) = page(&example("01"));
    let day = section(&s, "On the day").text();
    assert!(day.contains("numbing cream"), "01: {day}");
    assert!(!day.contains("no numbing medicine"), "01: {day}");

    let json = variant("01", "allergies", serde_json::json!(["local_anaesthetic"]));
    let (a, _, s) = page(&json);
    assert!(is_yes(&a), "still the yes family: {:?}", a.verdict);
    let day = section(&s, "On the day").text();
    assert!(
        day.contains("no numbing medicine is used, so the injection may be more uncomfortable"),
        "{day}"
    );
    assert!(!day.contains("numbing cream"), "{day}");
    // Said once, on the day: the explainer does not promise one.
    let what = section(&s, "What is prolotherapy?").text();
    assert!(!what.contains("numbing"), "{what}");
}

// ---------------------------------------------------------------------------
// 5. The course

fn course(json: &str) -> String {
    let (a, _, s) = page(json);
    assert!(is_yes(&a), "yes family: {:?}", a.verdict);
    let course = section(&s, "How many sessions");
    assert!(
        course.lines.iter().any(|l| l
            .text
            .contains("How many, and how far apart, depends on your foot problem")
            && l.strength.as_deref() == Some("seed")
            && l.source.as_deref().is_some_and(|c| c.starts_with("Seed:"))),
        "the seed's general line: {course:?}"
    );
    let text = course.text();
    // No names or strengths of what is injected (knowledge §8).
    for word in ["lidocaine", "%", "dextrose and"] {
        assert!(!text.contains(word), "{word} in {text}");
    }
    text
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
    h.details[0].value = Some(format!("Clinic {nasty}"));
    h.details[1].label = PatientText::from_string(format!("Label {nasty}"));

    let html = h.to_html();
    let doc = parse(&html);
    let allowed: BTreeSet<String> = ELEMENTS.iter().map(|e| (*e).to_owned()).collect();
    let names = element_names(&doc);
    assert!(names.is_subset(&allowed), "{names:?}\n{html}");
    assert_eq!(count(&doc, "script, p"), 0, "{html}");
    assert_round_trip(&h, &doc);
    let li = doc.select(&sel("main > section li")).next().unwrap();
    assert_eq!(
        li.attr("data-source"),
        Some(format!("Source {nasty}").as_str())
    );
    assert_eq!(li.value().attrs().count(), 2, "no attribute injected");
    // The clinician's list holds the escaped citation too.
    let (_, citations) = notes(&doc);
    assert!(
        citations
            .iter()
            .any(|c| c.contains(&format!("Source {nasty}"))),
        "{citations:?}"
    );
}

// ---------------------------------------------------------------------------
// 7. Markdown

/// `- <text> [<n>]` (or `- **<text>** [<n>]` in a box): the text and the
/// note number.
fn sourced_line(line: &str) -> Option<(&str, usize, bool)> {
    let (text, note) = line.strip_prefix("- ")?.rsplit_once(" [")?;
    let n: usize = note.strip_suffix(']')?.parse().ok()?;
    let (text, boxed) = match text.strip_prefix("**").and_then(|t| t.strip_suffix("**")) {
        Some(inner) => (inner, true),
        None => (text, false),
    };
    (!text.trim().is_empty() && n > 0).then_some((text, n, boxed))
}

/// `<n>. <text>`: a numbered note or citation.
fn numbered(line: &str) -> Option<(usize, &str)> {
    let (n, text) = line.split_once(". ")?;
    let n: usize = n.parse().ok()?;
    (!text.trim().is_empty()).then_some((n, text))
}

#[test]
fn markdown_has_the_same_sections_with_notes() {
    for (name, json) in examples() {
        let (a, h) = handout(&json);
        let md = h.to_markdown();
        assert!(md.starts_with("# "), "{name}");
        let lines: Vec<&str> = md.lines().collect();
        assert_eq!(lines[0], format!("# {}", h.title));

        // The clinic's details right under the title, a blank for each.
        for (i, d) in h.details.iter().enumerate() {
            let line = lines[2 + i];
            let rest = line
                .strip_prefix(&format!("{}: ", d.label))
                .unwrap_or_else(|| panic!("{name}: detail {:?} in {line:?}", d.label));
            let value = rest.trim_end();
            match &d.value {
                Some(v) => assert_eq!(value, v, "{name}"),
                None => assert!(
                    !value.is_empty() && value.chars().all(|c| c == '_'),
                    "{name}: {line:?}"
                ),
            }
        }

        let md_headings: Vec<&str> = md.lines().filter_map(|l| l.strip_prefix("## ")).collect();
        let mut want: Vec<&str> = h.sections.iter().map(|s| s.heading.as_ref()).collect();
        want.push(NOTES_HEADING);
        assert_eq!(md_headings, want, "{name}");
        if is_yes(&a) {
            assert_eq!(md_headings[..7], YES_HEADINGS, "{name}");
        }

        // The notes: labels, then the full citations, numbered alike.
        let notes_at = lines
            .iter()
            .position(|l| *l == format!("## {NOTES_HEADING}"))
            .unwrap();
        let full_at = lines
            .iter()
            .position(|l| *l == "Full sources, for your clinician:")
            .unwrap_or_else(|| panic!("{name}: no full sources"));
        let labels: Vec<(usize, &str)> = lines[notes_at..full_at]
            .iter()
            .filter_map(|l| numbered(l))
            .collect();
        let citations: Vec<(usize, &str)> = lines[full_at..]
            .iter()
            .filter_map(|l| numbered(l))
            .collect();
        assert_eq!(labels.len(), citations.len(), "{name}");
        for (i, ((n, label), (m, _))) in labels.iter().zip(&citations).enumerate() {
            assert_eq!((*n, *m), (i + 1, i + 1), "{name}");
            assert!(NOTE_LABELS.contains(label), "{name}: {label:?}");
        }
        let unique: BTreeSet<&str> = labels.iter().map(|(_, l)| *l).collect();
        assert_eq!(unique.len(), labels.len(), "{name}: each label once");

        // One list line per line, in order, with a note that resolves.
        let items: Vec<(&str, usize, bool)> = lines[..notes_at]
            .iter()
            .filter(|l| l.starts_with("- "))
            .map(|l| sourced_line(l).unwrap_or_else(|| panic!("{name}: unsourced {l:?}")))
            .collect();
        let want: Vec<(&str, &prolo_triage::PlanItem, bool)> = h
            .sections
            .iter()
            .flat_map(|s| s.lines.iter().map(move |l| (l.text.as_str(), l, s.boxed)))
            .collect();
        assert_eq!(items.len(), want.len(), "{name}: one list line per line");
        for ((text, n, boxed), (want_text, item, want_boxed)) in items.iter().zip(&want) {
            assert_eq!(text, want_text, "{name}");
            assert_eq!(boxed, want_boxed, "{name}: {text}");
            assert_eq!(
                labels[n - 1].1,
                item.source.patient_label(),
                "{name}: {text}"
            );
            assert!(
                citations[n - 1].1.contains(&cited(&item.source)),
                "{name}: {text}"
            );
        }

        // Nothing but the title, the details, headings, list lines, the
        // notes, the rule and the footer.
        let details: Vec<String> = h.details.iter().map(|d| format!("{}: ", d.label)).collect();
        for line in &lines {
            assert!(
                line.is_empty()
                    || line.starts_with("# ")
                    || line.starts_with("## ")
                    || sourced_line(line).is_some()
                    || numbered(line).is_some()
                    || details.iter().any(|d| line.starts_with(d.as_str()))
                    || *line == "Full sources, for your clinician:"
                    || *line == "---"
                    || *line == HANDOUT_FOOTER,
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
    assert!(md.contains("for your heel pain. "), "{md}");
    assert!(!md.contains("osteoarthritis"), "{md}");
}

/// Regression: with a local anaesthetic allergy no line says the
/// injection is given with a numbing medicine; the allergy is said once,
/// on the day, with what it means for comfort.
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
    assert!(what_is.lines.iter().all(|l| !l.text.contains("numbing")));
    let md = handout.to_markdown();
    assert!(!md.contains("numbing cream"), "{md}");
    assert!(!md.contains("which your allergy rules out"), "{md}");
    // What is done about it, said once (the allergy itself is named in
    // the list of what needs extra care).
    let numbing: Vec<&str> = md
        .lines()
        .filter(|l| l.contains("numbing") && !l.contains("an allergy to numbing medicine"))
        .collect();
    assert_eq!(
        numbing.len(),
        1,
        "the numbing medicine said once: {numbing:?}"
    );
    assert!(
        numbing[0]
            .contains("no numbing medicine is used, so the injection may be more uncomfortable"),
        "{md}"
    );
    let allergy = common::visible_markdown(&md)
        .lines()
        .filter(|l| l.contains("allergy"))
        .count();
    assert!(allergy <= 2, "the allergy is not said three times: {md}");
}
