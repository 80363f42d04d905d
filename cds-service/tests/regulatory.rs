//! The regulatory routes over real HTTP on loopback: the source attributes
//! (ONC HTI-1) under each policy and their links from discovery and the
//! cards, and the feedback export as JSON Lines and CSV.

use crate::common::*;
use jsonwebtoken::Algorithm;
use prolo_triage::{source_attributes, Attribution, Date, Policy};
use serde_json::{json, Value};

/// A clinic's policy with its own source attributes.
fn attributed() -> Policy {
    let attribution = Attribution::default()
        .with_developer("Riverside Podiatry clinical governance")
        .unwrap()
        .with_dates(Date::new(2026, 12, 1), Date::new(2026, 12, 7))
        .unwrap();
    Policy::builder("riverside", "2026-12")
        .attribution(attribution)
        .build()
        .unwrap()
}

async fn get(s: &Service, path: &str, token: Option<&str>) -> (u16, String, String) {
    let mut request = s.client.get(s.url(path));
    if let Some(t) = token {
        request = request.bearer_auth(t);
    }
    let r = request.send().await.unwrap();
    let status = r.status().as_u16();
    let content_type = r
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    (status, content_type, r.text().await.unwrap())
}

#[tokio::test]
async fn source_attributes_are_served_per_policy_and_linked_from_discovery() {
    let s = start(|mut c| {
        c.policies.insert("riverside".into(), attributed());
        with_jwt(c)
    })
    .await;
    // Open, as discovery is: they hold no patient data.
    let (status, content_type, text) = get(&s, "/v1/source-attributes", None).await;
    assert_eq!((status, content_type.as_str()), (200, "application/json"));
    assert_eq!(text, source_attributes(&Policy::default()).to_json());

    let (status, _, text) = get(&s, "/v1/source-attributes?policy=riverside", None).await;
    assert_eq!(status, 200, "{text}");
    assert_eq!(text, source_attributes(&attributed()).to_json());
    let v: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        v["policy_attribution"],
        json!({"developer": "Riverside Podiatry clinical governance",
               "release_date": "2026-12-01", "revision_date": "2026-12-07"})
    );
    assert_eq!(v["policy_fingerprint"], attributed().fingerprint());
    let sex = v["attributes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["attribute"] == "sex")
        .unwrap();
    assert_eq!(sex["used"], true);
    assert_eq!(sex["rules"], json!(["precaution.pregnancy"]));

    let (status, content_type, text) = get(&s, "/v1/source-attributes?policy=nope", None).await;
    assert_eq!(
        (status, content_type.as_str()),
        (400, "application/problem+json")
    );
    assert!(text.contains("nope"), "{text}");

    let discovery: Value = serde_json::from_str(&get(&s, "/cds-services", None).await.2).unwrap();
    for service in discovery["services"].as_array().unwrap() {
        assert_eq!(
            service["extension"]["source-attributes"],
            s.url("/v1/source-attributes"),
            "{service}"
        );
    }
    s.stop().await;
}

/// A hook request whose context names the user and the encounter.
fn hook_request() -> Value {
    let mut r = request(Some(prefetch_of_bundle(
        "plantar-fasciitis-fever-f202.json",
    )));
    r["context"]["encounterId"] = json!("Encounter/e-42");
    r["fhirServer"] = json!("https://ehr.example.org/fhir");
    r
}

async fn post_feedback(s: &Service, body: &Value, token: Option<&str>) -> u16 {
    let mut request = s
        .client
        .post(s.url("/cds-services/prolo-triage/feedback"))
        .json(body);
    if let Some(t) = token {
        request = request.bearer_auth(t);
    }
    request.send().await.unwrap().status().as_u16()
}

#[tokio::test]
async fn feedback_is_exported_as_json_lines_and_csv_with_user_and_place() {
    let s = start(|c| c).await;
    let cards = cards(&s, &hook_request()).await;
    let card = cards[0]["uuid"].as_str().unwrap().to_owned();
    let body = json!({"feedback": [
        {"card": card, "outcome": "overridden",
         "overrideReason": {"reason": {"system": "urn:prolo-triage:cds:override-reason",
                                       "code": "patient-declines",
                                       "display": "Patient does not want to discuss prolotherapy"},
                            "userComment": "wants to wait, \"after the holidays\""},
         "outcomeTimestamp": "2026-11-26T10:00:00Z"},
        {"card": "4a3ef1c0-5b7e-4f8e-9d41-0c2b8f2d7a11", "outcome": "accepted",
         "acceptedSuggestions": [], "outcomeTimestamp": "2026-11-26T10:05:00Z"}
    ]});
    assert_eq!(post_feedback(&s, &body, None).await, 200);

    let (status, content_type, jsonl) = get(&s, "/v1/feedback", None).await;
    assert_eq!((status, content_type.as_str()), (200, "application/jsonl"));
    let lines: Vec<Value> = jsonl
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2, "{jsonl}");
    let first = &lines[0];
    assert_eq!(first["intervention"], "prolo-triage");
    assert_eq!(first["card"], card);
    assert_eq!(first["outcome"], "overridden");
    assert_eq!(first["override_reason_code"], "patient-declines");
    assert_eq!(
        first["user_comment"],
        "wants to wait, \"after the holidays\""
    );
    assert_eq!(first["user"], "Practitioner/example");
    assert_eq!(first["encounter"], "Encounter/e-42");
    assert_eq!(first["fhir_server"], "https://ehr.example.org/fhir");
    assert_eq!(first["outcome_timestamp"], "2026-11-26T10:00:00Z");
    // A card the service does not remember has no user or place.
    assert_eq!(lines[1]["outcome"], "accepted");
    assert_eq!(lines[1]["user"], Value::Null);

    let (status, content_type, text) = get(&s, "/v1/feedback?format=csv", None).await;
    assert_eq!(
        (status, content_type.as_str()),
        (200, "text/csv; charset=utf-8")
    );
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(header, prolo_triage_cds::feedback::CSV_COLUMNS);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2);
    // Each CSV row says what the JSON line says, quoting undone.
    for (row, line) in rows.iter().zip(&lines) {
        for (column, cell) in header.iter().zip(row.iter()) {
            let expected = match &line[column] {
                Value::Null => String::new(),
                Value::String(text) => text.clone(),
                other => other.to_string(),
            };
            assert_eq!(cell, expected, "{column}");
        }
    }

    let (status, content_type, text) = get(&s, "/v1/feedback?format=xml", None).await;
    assert_eq!(
        (status, content_type.as_str()),
        (400, "application/problem+json")
    );
    assert!(text.contains("\"format\""), "{text}");
    s.stop().await;
}

#[tokio::test]
async fn the_feedback_export_needs_a_token() {
    let s = start(with_jwt).await;
    assert_eq!(get(&s, "/v1/feedback", None).await.0, 401);
    let t = token(
        Algorithm::ES384,
        "es",
        &es384(),
        &claims(&format!("{}/v1", s.base), "fx-1"),
    );
    let (status, _, text) = get(&s, "/v1/feedback", Some(&t)).await;
    assert_eq!((status, text.as_str()), (200, ""));
    s.stop().await;
}

// --- docs/regulatory/: generated from the tables, checked for drift ------

fn repository() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Compares a generated document with its checked-in copy, or rewrites
/// the copy under `PROLO_REGENERATE=1`.
fn check_generated(relative: &str, generated: &str) {
    let path = repository().join(relative);
    if std::env::var_os("PROLO_REGENERATE").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, generated).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "{relative} has drifted from the tables: regenerate with \
         PROLO_REGENERATE=1 cargo test -p prolo-triage-cds --test integration regulatory:: \
         and review the diff"
    );
}

/// The files of a folder whose names pass `keep`, sorted.
fn files(folder: &str, keep: impl Fn(&str) -> bool) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(repository().join(folder))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| keep(n))
        .collect();
    names.sort();
    names
}

fn lines_of(relative: &str) -> usize {
    std::fs::read_to_string(repository().join(relative))
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .count()
}

/// The intended use and the basis of each recommendation, under the FDA's
/// 2022 guidance's fourth criterion.
fn intended_use() -> String {
    use prolo_triage::rules::{INJECTATE_RULES, RULES};
    use prolo_triage::rules::{MIMICS, PATTERNS};
    use prolo_triage::{Condition, Finding, Group, MedicationClass, Symptom};
    use std::fmt::Write as _;

    let attrs = source_attributes(&Policy::default());
    let mut out = String::new();
    let names = |all: Vec<&'static str>| {
        all.iter()
            .map(|n| format!("`{n}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let _ = write!(
        out,
        "# Intended use and the basis of each recommendation\n\n\
         Generated from the rule tables by `cds-service/tests/regulatory.rs` \
         (`PROLO_REGENERATE=1 cargo test -p prolo-triage-cds --test integration regulatory::`); \
         CI fails when it drifts. Library version {version}, rule tables' fingerprint \
         `{fingerprint}` (the `rules_fingerprint` of every assessment's stamp; their \
         clinical history is [`CHANGELOG-clinical.md`](CHANGELOG-clinical.md)).\n\n\
         The FDA's guidance *Clinical Decision Support Software: Guidance for Industry \
         and Food and Drug Administration Staff* (final, 28 September 2022) reads the fourth criterion of section 520(o)(1)(E) of the FD&C Act as \
         software intended to enable a health care professional to independently review \
         the basis for its recommendations, so that the professional does not rely \
         primarily on them. This page states that basis: who the software is for, what \
         it reads, its logic in plain language, its sources, how it is validated, and its \
         limitations. Whether a given deployment meets the criterion is for the \
         manufacturer that deploys it to decide; this page is its input, not a \
         regulatory determination.\n\n\
         ## Intended use and users\n\n\
         prolo-triage answers one question for one patient: should prolotherapy be \
         discussed for this foot problem now, and why. It is decision support for a \
         clinician who assesses foot pain and may offer or refer for prolotherapy; it \
         is never a diagnosis, never a probability, and never a decision on its own. \
         Every verdict carries the rules that decided it, the facts they read and their \
         sources, so the clinician can check each one. The patient handout it writes \
         is for a patient after a clinician has reviewed the assessment.\n\n\
         ## Inputs\n\n\
         One presentation (the wire format is `docs/wire-format.md`), each fact \
         present, absent or unknown; a missing fact is unknown, never absent:\n\n\
         - `age_years`, `sex`, `symptom_weeks`, `conservative_care_weeks`, and \
         `pain_score`, which no rule reads;\n\
         - `conditions`, the foot conditions a clinician recorded: {conditions};\n\
         - `findings`, {finding_count} findings of the history and examination: {findings};\n\
         - `medications` and `allergies`, closed or open lists; medication classes: {classes};\n\
         - `symptoms` (contract v3), {symptom_count} symptoms a patient reports or a clinician \
         examines: {symptoms}. They never change the verdict: they rank the candidate \
         conditions (below).\n\n\
         The CDS service maps the same facts from an EHR's FHIR R4 record and says where \
         each came from. Of the patient attributes HTI-1 names, the rules read only sex \
         and age ([`source-attributes.md`](source-attributes.md)).\n\n\
         ## The logic in plain language\n\n\
         The rules are one table of {rule_count} rows, each an AND of ORs of facts \
         evaluated in three-valued logic. The groups are read in order, and the first \
         group with a true rule gives the verdict; when an unknown fact could change the \
         verdict's family, the verdict is `needs_information` and the facts that could \
         change it are asked first. A clinic's policy may change the thresholds (minimum \
         age, weeks of symptoms and of conservative care), the treatable conditions and \
         whether a precaution is absolute; it can never weaken a red flag or an absolute \
         contraindication.\n\n",
        version = attrs.library_version,
        fingerprint = attrs.rules_fingerprint,
        conditions = names(Condition::all().iter().map(|c| c.as_str()).collect()),
        finding_count = Finding::all().len(),
        findings = names(Finding::all().iter().map(|f| f.as_str()).collect()),
        classes = names(MedicationClass::all().iter().map(|c| c.as_str()).collect()),
        symptom_count = Symptom::all().len(),
        symptoms = names(Symptom::all().iter().map(|c| c.as_str()).collect()),
        rule_count = RULES.len(),
    );
    for group in Group::all() {
        let _ = writeln!(
            out,
            "### `{}`: verdict `{}`\n\n| rule | when | source |\n| --- | --- | --- |",
            group.as_str(),
            group.verdict()
        );
        for rule in RULES.iter().filter(|r| r.group == *group) {
            let _ = writeln!(
                out,
                "| `{}` | {} | {} ({}) |",
                rule.id.as_str(),
                rule.text.replace('|', "\\|"),
                rule.source.citation.replace('|', "\\|"),
                rule.source.strength
            );
        }
        out.push('\n');
    }
    // The candidates' table: what each condition's pattern reads, with
    // its sources (decision-model.md §9).
    let _ = writeln!(
        out,
        "### Candidate conditions (never the verdict)\n\n\
         A second table of {patterns} rows, one per condition, reads the symptoms and \
         two facts derived from fields (age 45 or over; symptoms over 25 months) in the \
         same three-valued logic and gives each condition a band (`likely`, `possible`, \
         `unlikely`), the features for and against it with their strengths, and the \
         unknown features that could move its band. A candidate is never a diagnosis \
         and never a probability; it never changes the verdict.\n\n\
         | condition | key features (each group: any one of) | sources |\n| --- | --- | --- |",
        patterns = PATTERNS.len()
    );
    for pattern in PATTERNS.iter() {
        let groups: Vec<String> = pattern
            .key
            .iter()
            .map(|group| {
                group
                    .iter()
                    .map(|m| {
                        let label = m.feature.label();
                        if m.negated {
                            format!("not {label}")
                        } else {
                            label.to_owned()
                        }
                    })
                    .collect::<Vec<_>>()
                    .join(" or ")
            })
            .collect();
        let mut cited: Vec<&str> = Vec::new();
        let weighed = [
            pattern.likely_only_with,
            pattern.rules_in,
            pattern.rules_out,
            pattern.for_,
            pattern.against,
        ];
        for citation in pattern
            .key
            .iter()
            .flat_map(|g| g.iter().map(|m| m.source.citation.as_ref()))
            .chain(
                weighed
                    .iter()
                    .flat_map(|w| w.iter().map(|f| f.source.citation.as_ref())),
            )
        {
            if !cited.contains(&citation) {
                cited.push(citation);
            }
        }
        let _ = writeln!(
            out,
            "| `{}` | {} | {} |",
            pattern.condition.as_str(),
            groups.join("; ").replace('|', "\\|"),
            cited.join("; ").replace('|', "\\|")
        );
    }
    let _ = writeln!(
        out,
        "\n{} mimics are named when a present symptom suggests them, each a caveat that \
         never changes the verdict:\n\n| mimic | suggested by | source |\n| --- | --- | --- |",
        MIMICS.len()
    );
    for mimic in MIMICS.iter() {
        let _ = writeln!(
            out,
            "| `{}` | {} | {} ({}) |",
            mimic.mimic.as_str(),
            mimic
                .suggested_by
                .iter()
                .map(|s| format!("`{}`", s.as_str()))
                .collect::<Vec<_>>()
                .join(", "),
            mimic.source.citation.replace('|', "\\|"),
            mimic.source.strength
        );
    }
    out.push('\n');
    let _ = write!(
        out,
        "The {injectates} rows of the injectate table judge each injectate `suitable`, \
         `caution` or `avoid` and never change the verdict; they are listed with their \
         sources in [`docs/safety.md`](../safety.md).\n\n\
         ## Sources\n\n\
         {citations} distinct citations, each with its strength (`seed`, `peer_reviewed`, \
         `secondary`, `inferred`), listed with the rules resting on each in \
         [`source-attributes.md`](source-attributes.md#bibliographic-citations); the \
         clinical facts behind them are stated in \
         [`docs/clinical-knowledge.md`](../clinical-knowledge.md).\n\n\
         ## Validation\n\n\
         Software verification of the rules against their specification, not a clinical \
         study of outcomes:\n\n\
         - every rule row alone gives its verdict, and every row has its covering test: \
         [`docs/safety.md`](../safety.md) (generated, drift-checked) lists them with the \
         invariants and the tests that hold them;\n\
         - a brute-force semantic check over every completion of the unknown facts under \
         three policies (`tests/semantics.rs`, CI job `semantics`) and `proptest` \
         properties (red flags dominate, monotonicity, no panic on any input);\n\
         - vignettes: the {worked} worked cases of `examples/data/` with their expected \
         verdicts, and {golden} golden cases in `policy-tool/cases/literature-defaults.jsonl` \
         run by `prolo-policy test` with rule and symptom-pattern coverage; a cohort of {cohort} records for \
         `prolo-policy diff`;\n\
         - fuzzing: {fuzz_count} `cargo fuzz` targets ({fuzz_targets}), each run for 60 s \
         (`FUZZ_SECONDS`) in CI.\n\n\
         ## Limitations\n\n\
         - It reads only the facts given; a fact not recorded is unknown and is asked, \
         and a record that does not say a fact is absent never makes it absent.\n\
         - It names no diagnosis and gives no probability; a candidate condition or a \
         verdict is for the clinician to confirm.\n\
         - The split of contraindications into absolute and relative is the project's \
         inference (strength `inferred`): no guideline makes it.\n\
         - The minimum age of 18 follows the trials, which enrolled adults; children \
         are `not_suitable` by default.\n\
         - Sources marked `secondary` are weaker than peer-reviewed ones; the texts say so.\n\
         - No clinical validation study of the rules' outcomes has been carried out.\n",
        injectates = INJECTATE_RULES.len(),
        citations = attrs.citations.len(),
        worked = files("examples/data", |n| n.ends_with(".json")
            && n.as_bytes().first().is_some_and(u8::is_ascii_digit))
        .len(),
        golden = lines_of("policy-tool/cases/literature-defaults.jsonl"),
        cohort = lines_of("policy-tool/cases/cohort.jsonl"),
        fuzz_count = files("fuzz/fuzz_targets", |n| n.ends_with(".rs")).len(),
        fuzz_targets = files("fuzz/fuzz_targets", |n| n.ends_with(".rs"))
            .iter()
            .map(|n| format!("`{}`", n.trim_end_matches(".rs")))
            .collect::<Vec<_>>()
            .join(", "),
    );
    out
}

#[test]
fn the_regulatory_documents_have_not_drifted() {
    let attrs = source_attributes(&Policy::default());
    check_generated("docs/regulatory/source-attributes.md", &attrs.to_markdown());
    check_generated(
        "docs/regulatory/source-attributes.json",
        &format!("{}\n", attrs.to_json()),
    );
    check_generated("docs/regulatory/intended-use.md", &intended_use());
}

/// The clinical change log's latest entry names the rule tables'
/// fingerprint and revision date the code carries: a clinical change
/// without its entry fails here.
#[test]
fn the_clinical_change_log_is_tied_to_the_rule_tables() {
    let log = std::fs::read_to_string(repository().join("docs/regulatory/CHANGELOG-clinical.md"))
        .unwrap();
    let latest = log
        .lines()
        .find(|l| l.starts_with("## "))
        .expect("an entry");
    let attrs = source_attributes(&Policy::default());
    assert!(
        latest.contains(attrs.revision_date) && latest.contains(attrs.rules_fingerprint),
        "the latest entry of docs/regulatory/CHANGELOG-clinical.md ({latest}) must name \
         RULES_REVISION_DATE {} and RULES_FINGERPRINT {}",
        attrs.revision_date,
        attrs.rules_fingerprint
    );
    assert_eq!(
        prolo_triage::rules::tables_fingerprint(),
        attrs.rules_fingerprint
    );
}
