//! `fhir-triage`: map a FHIR R4 Bundle (or CDS Hooks prefetch) to a
//! presentation, show where every fact came from, and assess it.
//!
//! ```text
//! cargo run -p prolo-triage-fhir --example fhir-triage -- --as-of 2026-11-26 \
//!     [--prefetch] [--medications-complete] [--allergies-complete] \
//!     [--codes FILE] [--policy FILE] [--json] <FILE | ->
//! ```
//!
//! Prints the mapped presentation with its provenance and what was seen but
//! not used, then the assessment report (or with `--json`, one JSON object
//! `{"mapped": …, "assessment": …}`), and exits 0 whatever the verdict.
//! Invalid input or a usage error: exit status 2, one line on standard
//! error, nothing on standard output. `--help` lists the options.

// The command-line conventions and the bounded read, shared with the core
// crate's examples.
use prolo_triage_examples_common as common;

use std::process::ExitCode;

use clap::Parser;
use prolo_triage::assess;
use prolo_triage_fhir::{
    map_bundle, map_prefetch, AsOf, CodeTables, MappingOptions, MAX_CODE_TABLE_BYTES,
    MAX_INPUT_BYTES,
};

/// Map a FHIR R4 Bundle (or a CDS Hooks prefetch object) to a presentation,
/// show the source of every fact, and assess it. Exit 0 whatever the
/// verdict; 2 for invalid input.
#[derive(Debug, Parser)]
#[command(name = "fhir-triage", version)]
struct Cli {
    /// The Bundle or prefetch (JSON, at most 16 MiB), or `-` for standard
    /// input.
    #[arg(value_name = "FILE")]
    input: String,
    /// The day (or FHIR instant, YYYY-MM-DDThh:mm:ss+hh:mm) that ages and
    /// durations count to. Required: the mapping reads no clock.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_as_of)]
    as_of: AsOf,
    /// The input is a CDS Hooks prefetch object, not a Bundle.
    #[arg(long)]
    prefetch: bool,
    /// Declare the record's medications the complete list of what the
    /// patient takes: only then can "no precaution drug recorded" become
    /// "takes none".
    #[arg(long)]
    medications_complete: bool,
    /// Declare the record's allergies complete.
    #[arg(long)]
    allergies_complete: bool,
    /// Extra code tables (JSON, at most 1 MiB) on top of the shipped ones.
    #[arg(long, value_name = "FILE")]
    codes: Option<String>,
    #[command(flatten)]
    policy: common::PolicyArg,
    /// Print `{"mapped": …, "assessment": …}` as one JSON object instead of
    /// the report.
    #[arg(long)]
    json: bool,
}

fn parse_as_of(text: &str) -> Result<AsOf, String> {
    text.parse::<AsOf>().map_err(|e| e.to_string())
}

fn run(cli: &Cli) -> Result<String, String> {
    let codes = match &cli.codes {
        Some(path) => CodeTables::default()
            .extended_from_json(&common::read_bounded(path, MAX_CODE_TABLE_BYTES)?)
            .map_err(|e| format!("{path}: invalid code table: {e}"))?,
        None => CodeTables::default(),
    };
    let policy = cli.policy.load()?;
    let options = MappingOptions::new(cli.as_of)
        .with_codes(codes)
        .medication_list_complete(cli.medications_complete)
        .allergy_list_complete(cli.allergies_complete);
    let text = common::read_bounded(&cli.input, MAX_INPUT_BYTES)?;
    let mapped = if cli.prefetch {
        map_prefetch(&text, &options)
    } else {
        map_bundle(&text, &options)
    }
    .map_err(|e| format!("{}: cannot map: {e}", cli.input))?;
    let assessment = assess(mapped.presentation(), &policy);
    Ok(if cli.json {
        format!(
            "{{\"mapped\":{},\"assessment\":{}}}\n",
            mapped.to_json(),
            assessment.to_json()
        )
    } else {
        format!("{}\n{}", mapped.report(), assessment.report())
    })
}

fn main() -> ExitCode {
    match common::parse_args::<Cli>("fhir-triage") {
        Ok(cli) => common::finish("fhir-triage", run(&cli)),
        Err(status) => status,
    }
}
