//! `bulk-fhir-synth`: write a synthetic FHIR Bulk Data export for scale
//! tests of `bulk-fhir`.
//!
//! ```text
//! cargo run --release -p prolo-triage-fhir --example bulk-fhir-synth -- \
//!     --patients 100000 [--seed S] [--as-of 2026-11-26] [--heavy K] OUT_DIR
//! ```
//!
//! Every resource is one of the HL7 R4 example resources of the fixtures
//! (`tests/fixtures`: `Patient-example`, the composed plantar fasciitis
//! Condition, `Observation-body-temperature`, `MedicationRequest-medrx0331`,
//! `AllergyIntolerance-nka`, the screening QuestionnaireResponse) with a
//! new id and subject and varied dates, codes and values: birth dates over
//! 90 years, onsets over two years, temperatures from 35.5 to 40 °C taken
//! on the as-of day or days before, condition codes mapped and unmapped,
//! screening answers Yes / No / Don't know, warfarin for some, "no known
//! allergy" for some. Each file lists its patients in its own random order,
//! as exports do. `--heavy K` gives the first patient K more temperature
//! readings (the bad-input tests' patient with thousands of observations).
//! Reproducible with `--seed`.

// An example program: bounded slicing and counters on local data are fine here.
#![allow(clippy::indexing_slicing, clippy::arithmetic_side_effects)]

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;
use serde_json::{json, Value};

/// Write a synthetic FHIR Bulk Data export (NDJSON files) for scale tests.
#[derive(Parser)]
#[command(name = "bulk-fhir-synth", version)]
struct Args {
    /// The folder to write (created if needed).
    #[arg(value_name = "OUT_DIR")]
    out: PathBuf,
    /// Patients to write.
    #[arg(long, value_name = "N", default_value_t = 1000)]
    patients: u64,
    /// The random seed.
    #[arg(long, value_name = "S", default_value_t = 1)]
    seed: u64,
    /// The day the records lead up to (the as-of date to screen with).
    #[arg(long, value_name = "YYYY-MM-DD", default_value = "2026-11-26")]
    as_of: String,
    /// Extra temperature readings for the first patient.
    #[arg(long, value_name = "K", default_value_t = 0)]
    heavy: u64,
}

const SCREENED: &str = include_str!("../tests/fixtures/bundles/plantar-fasciitis-warfarin.json");
const ALLERGY: &str = include_str!("../tests/fixtures/hl7/AllergyIntolerance-nka.json");

/// The fixture resources each synthetic one starts from.
struct Templates {
    patient: Value,
    condition: Value,
    temperature: Value,
    response: Value,
    warfarin: Value,
    allergy: Value,
}

impl Templates {
    fn load() -> Result<Templates, String> {
        let bundle: Value = serde_json::from_str(SCREENED).map_err(|e| e.to_string())?;
        let of_type = |t: &str| {
            bundle["entry"]
                .as_array()
                .and_then(|entries| {
                    entries
                        .iter()
                        .map(|e| &e["resource"])
                        .find(|r| r["resourceType"] == t)
                })
                .cloned()
                .ok_or_else(|| format!("fixture lacks a {t}"))
        };
        Ok(Templates {
            patient: of_type("Patient")?,
            condition: of_type("Condition")?,
            temperature: of_type("Observation")?,
            response: of_type("QuestionnaireResponse")?,
            warfarin: of_type("MedicationRequest")?,
            allergy: serde_json::from_str(ALLERGY).map_err(|e| e.to_string())?,
        })
    }
}

/// Days since 1970-01-01 of a civil date, and back (Howard Hinnant's
/// algorithms, proleptic Gregorian).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> String {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

fn parse_date(text: &str) -> Result<i64, String> {
    let parts: Vec<i64> = text
        .split('-')
        .map(|p| {
            p.parse::<i64>()
                .map_err(|_| format!("--as-of: `{text}` is not YYYY-MM-DD"))
        })
        .collect::<Result<_, _>>()?;
    match parts[..] {
        [y, m, d] if (1..=12).contains(&m) && (1..=31).contains(&d) => Ok(days_from_civil(y, m, d)),
        _ => Err(format!("--as-of: `{text}` is not YYYY-MM-DD")),
    }
}

/// Condition codes: mapped (plantar fasciitis, Achilles, Morton's,
/// bunion…) and one no table knows.
const CONDITION_CODES: [(&str, &str, &str); 6] = [
    (
        "http://hl7.org/fhir/sid/icd-10-cm",
        "M72.2",
        "Plantar fascial fibromatosis",
    ),
    ("http://snomed.info/sct", "202882003", "Plantar fasciitis"),
    (
        "http://hl7.org/fhir/sid/icd-10-cm",
        "M76.6",
        "Achilles tendinitis",
    ),
    (
        "http://snomed.info/sct",
        "30085007",
        "Morton's metatarsalgia",
    ),
    (
        "http://hl7.org/fhir/sid/icd-10-cm",
        "M20.1",
        "Hallux valgus (acquired)",
    ),
    ("http://snomed.info/sct", "39065001", "Burn of ear"),
];

struct Writer {
    files: Vec<(&'static str, BufWriter<File>)>,
}

impl Writer {
    fn line(&mut self, resource: &Value) -> Result<(), String> {
        let t = resource["resourceType"].as_str().unwrap_or("Other");
        let (_, out) = self
            .files
            .iter_mut()
            .find(|(name, _)| *name == t)
            .ok_or_else(|| format!("no file for {t}"))?;
        serde_json::to_writer(&mut *out, resource).map_err(|e| e.to_string())?;
        out.write_all(b"\n").map_err(|e| e.to_string())
    }
}

/// Picks a screening answer: mostly No, some Yes, some Don't know.
fn answer(rng: &mut fastrand::Rng, yes_pct: u8) -> Value {
    let roll = rng.u8(..100);
    let (system, code, display) = if roll < yes_pct {
        ("http://terminology.hl7.org/CodeSystem/v2-0136", "Y", "Yes")
    } else if roll < yes_pct + 6 {
        (
            "http://terminology.hl7.org/CodeSystem/data-absent-reason",
            "asked-unknown",
            "Don't know",
        )
    } else {
        ("http://terminology.hl7.org/CodeSystem/v2-0136", "N", "No")
    };
    json!([{"valueCoding": {"system": system, "code": code, "display": display}}])
}

/// The resources of one patient, by type.
fn resources_of(t: &Templates, i: u64, as_of: i64, rng: &mut fastrand::Rng) -> Vec<Value> {
    let id = format!("p{i}");
    let subject = json!({"reference": format!("Patient/{id}")});
    let mut out = Vec::new();
    let mut patient = t.patient.clone();
    patient["id"] = json!(id);
    patient["birthDate"] = json!(civil_from_days(as_of - rng.i64(6 * 365..90 * 365)));
    patient["gender"] = json!(if rng.bool() { "male" } else { "female" });
    out.push(patient);
    let onset_days = rng.i64(0..730);
    if rng.u8(..100) < 90 {
        let mut c = t.condition.clone();
        c["id"] = json!(format!("c{i}"));
        c["subject"] = subject.clone();
        let (system, code, display) = CONDITION_CODES[rng.usize(..CONDITION_CODES.len())];
        c["code"] = json!({"coding": [{"system": system, "code": code, "display": display}]});
        c["onsetDateTime"] = json!(civil_from_days(as_of - onset_days));
        if rng.u8(..100) < 5 {
            c["clinicalStatus"]["coding"][0]["code"] = json!("resolved");
        }
        out.push(c);
    }
    for k in 0..rng.u8(0..3) {
        let mut o = t.temperature.clone();
        o["id"] = json!(format!("t{i}-{k}"));
        o["subject"] = subject.clone();
        let day = as_of
            - if rng.u8(..100) < 70 {
                0
            } else {
                rng.i64(1..30)
            };
        let time = format!("T{:02}:{:02}:00Z", rng.u8(6..10), rng.u8(0..60));
        o["effectiveDateTime"] = json!(format!("{}{time}", civil_from_days(day)));
        let tenths = if rng.u8(..100) < 8 {
            rng.u16(380..400)
        } else {
            rng.u16(355..380)
        };
        o["valueQuantity"]["value"] = json!(f64::from(tenths) / 10.0);
        o.as_object_mut().map(|m| m.remove("text"));
        out.push(o);
    }
    if rng.u8(..100) < 65 {
        let mut r = t.response.clone();
        r["id"] = json!(format!("q{i}"));
        r["subject"] = subject.clone();
        let authored_day = as_of
            - if rng.u8(..100) < 85 {
                0
            } else {
                rng.i64(2..20)
            };
        r["authored"] = json!(format!(
            "{}T08:{:02}:00Z",
            civil_from_days(authored_day),
            rng.u8(0..60)
        ));
        let weeks = onset_days / 7;
        if let Some(groups) = r["item"].as_array_mut() {
            for group in groups {
                let red = group["linkId"] == "red_flags";
                let durations = group["linkId"] == "durations";
                if let Some(items) = group["item"].as_array_mut() {
                    for item in items {
                        if durations {
                            let n = if item["linkId"] == "symptom_weeks" {
                                weeks
                            } else {
                                rng.i64(0..=weeks.max(0))
                            };
                            item["answer"] = json!([{"valueInteger": n}]);
                        } else {
                            item["answer"] = answer(rng, if red { 1 } else { 5 });
                        }
                    }
                }
            }
        }
        out.push(r);
    }
    if rng.u8(..100) < 12 {
        let mut m = t.warfarin.clone();
        m["id"] = json!(format!("m{i}"));
        m["subject"] = subject.clone();
        m["authoredOn"] = json!(civil_from_days(as_of - rng.i64(0..400)));
        m.as_object_mut().map(|m| m.remove("text"));
        out.push(m);
    }
    if rng.u8(..100) < 50 {
        let mut a = t.allergy.clone();
        a["id"] = json!(format!("a{i}"));
        a["patient"] = subject;
        out.push(a);
    }
    out
}

fn run(args: Args) -> Result<(), String> {
    let templates = Templates::load()?;
    let as_of = parse_date(&args.as_of)?;
    std::fs::create_dir_all(&args.out).map_err(|e| format!("{}: {e}", args.out.display()))?;
    let open = |dir: &Path, t: &'static str| -> Result<(&'static str, BufWriter<File>), String> {
        let path = dir.join(format!("{t}.ndjson"));
        let file = File::create(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        Ok((t, BufWriter::with_capacity(1 << 16, file)))
    };
    let types = [
        "Patient",
        "Condition",
        "Observation",
        "MedicationRequest",
        "AllergyIntolerance",
        "QuestionnaireResponse",
    ];
    let mut writer = Writer {
        files: types
            .iter()
            .map(|t| open(&args.out, t))
            .collect::<Result<_, _>>()?,
    };
    // Blocks of patients in a random order, and shuffled inside each
    // block: lines of one patient end up far apart in every file, while
    // only one block is held at a time.
    let mut rng = fastrand::Rng::with_seed(args.seed);
    const BLOCK: u64 = 4096;
    let mut blocks: Vec<u64> = (0..args.patients.div_ceil(BLOCK)).collect();
    rng.shuffle(&mut blocks);
    for block in blocks {
        let first = block * BLOCK + 1;
        let last = ((block + 1) * BLOCK).min(args.patients);
        let mut resources: Vec<Value> = Vec::new();
        for i in first..=last {
            // One generator per patient: the same patient whatever the order.
            let mut patient_rng =
                fastrand::Rng::with_seed(args.seed ^ i.wrapping_mul(0x9E37_79B9_7F4A_7C15));
            resources.extend(resources_of(&templates, i, as_of, &mut patient_rng));
            if i == 1 {
                for k in 0..args.heavy {
                    let mut o = templates.temperature.clone();
                    o["id"] = json!(format!("heavy-{k}"));
                    o["subject"] = json!({"reference": "Patient/p1"});
                    let minutes = k % (24 * 60);
                    o["effectiveDateTime"] = json!(format!(
                        "{}T{:02}:{:02}:00Z",
                        civil_from_days(as_of - i64::try_from(k / (24 * 60)).unwrap_or(0) - 1),
                        minutes / 60,
                        minutes % 60
                    ));
                    o.as_object_mut().map(|m| m.remove("text"));
                    resources.push(o);
                }
            }
        }
        rng.shuffle(&mut resources);
        for r in &resources {
            writer.line(r)?;
        }
    }
    for (name, out) in &mut writer.files {
        out.flush().map_err(|e| format!("{name}.ndjson: {e}"))?;
    }
    Ok(())
}

fn main() -> ExitCode {
    match run(Args::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("bulk-fhir-synth: {message}");
            ExitCode::from(2)
        }
    }
}
