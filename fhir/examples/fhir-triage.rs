//! `fhir-triage`: map a FHIR R4 Bundle (or CDS Hooks prefetch) to a
//! presentation, show where every fact came from, and assess it.
//!
//! ```text
//! cargo run -p prolo-triage-fhir --example fhir-triage -- --as-of 2026-11-26 \
//!     [--prefetch] [--medications-complete] [--allergies-complete] \
//!     [--codes FILE] [--json] <FILE | ->
//! ```
//!
//! Prints the mapped presentation with its provenance and what was seen but
//! not used, then the assessment report (or with `--json`, one JSON object
//! `{"mapped": …, "assessment": …}`), and exits 0 whatever the verdict.
//! Invalid input: exit status 2, one line on standard error, nothing on
//! standard output.

use std::io::Read;
use std::process::ExitCode;

use prolo_triage::{assess, Policy};
use prolo_triage_fhir::{
    map_bundle, map_prefetch, AsOf, CodeTables, MappingOptions, MAX_CODE_TABLE_BYTES,
    MAX_INPUT_BYTES,
};

const USAGE: &str = "usage: fhir-triage --as-of YYYY-MM-DD[Thh:mm:ss+hh:mm] [--prefetch] \
[--medications-complete] [--allergies-complete] [--codes FILE] [--json] <FILE | ->";

struct Options {
    as_of: AsOf,
    prefetch: bool,
    medications_complete: bool,
    allergies_complete: bool,
    codes: Option<String>,
    json: bool,
    input: String,
}

/// The options, or `None` for `--help`.
fn parse_args(args: impl Iterator<Item = String>) -> Result<Option<Options>, String> {
    let mut as_of = None;
    let (mut prefetch, mut medications_complete, mut allergies_complete, mut json) =
        (false, false, false, false);
    let mut codes = None;
    let mut input = None;
    let mut args = args.peekable();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--as-of" => {
                let text = args.next().ok_or("--as-of needs a date")?;
                as_of = Some(text.parse::<AsOf>().map_err(|e| e.to_string())?);
            }
            "--prefetch" => prefetch = true,
            "--medications-complete" => medications_complete = true,
            "--allergies-complete" => allergies_complete = true,
            "--json" => json = true,
            "--codes" => codes = Some(args.next().ok_or("--codes needs a FILE")?),
            "-h" | "--help" => return Ok(None),
            "-" => input = Some(arg),
            flag if flag.starts_with('-') => return Err(format!("unknown option {flag}; {USAGE}")),
            _ if input.is_some() => return Err(format!("one input only; {USAGE}")),
            _ => input = Some(arg),
        }
    }
    Ok(Some(Options {
        as_of: as_of.ok_or_else(|| format!("--as-of is required (no clock here); {USAGE}"))?,
        prefetch,
        medications_complete,
        allergies_complete,
        codes,
        json,
        input: input.ok_or(USAGE)?,
    }))
}

/// Reads at most one byte more than the library accepts, so the library
/// still names the size error.
fn read(path: &str, limit: usize) -> Result<String, String> {
    let limit = u64::try_from(limit.saturating_add(1)).unwrap_or(u64::MAX);
    let mut bytes = Vec::new();
    let result = if path == "-" {
        std::io::stdin()
            .take(limit)
            .read_to_end(&mut bytes)
            .map(|_| ())
    } else {
        std::fs::File::open(path).and_then(|f| f.take(limit).read_to_end(&mut bytes).map(|_| ()))
    };
    result.map_err(|e| format!("{path}: cannot read: {e}"))?;
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "{path}: not UTF-8 (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        )
    })
}

fn run() -> Result<String, String> {
    let Some(args) = parse_args(std::env::args().skip(1))? else {
        return Ok(format!("{USAGE}\n"));
    };
    let codes = match &args.codes {
        Some(path) => CodeTables::default()
            .extended_from_json(&read(path, MAX_CODE_TABLE_BYTES)?)
            .map_err(|e| format!("{path}: invalid code table: {e}"))?,
        None => CodeTables::default(),
    };
    let options = MappingOptions::new(args.as_of)
        .with_codes(codes)
        .medication_list_complete(args.medications_complete)
        .allergy_list_complete(args.allergies_complete);
    let text = read(&args.input, MAX_INPUT_BYTES)?;
    let mapped = if args.prefetch {
        map_prefetch(&text, &options)
    } else {
        map_bundle(&text, &options)
    }
    .map_err(|e| format!("{}: cannot map: {e}", args.input))?;
    let assessment = assess(mapped.presentation(), &Policy::default());
    Ok(if args.json {
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
    match run() {
        Ok(out) => {
            print!("{out}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("fhir-triage: {}", message.replace('\n', " "));
            ExitCode::from(2)
        }
    }
}
