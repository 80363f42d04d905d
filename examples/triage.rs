//! `triage`: assess one presentation and print the report.
//!
//! ```text
//! cargo run --example triage -- [--json] [--policy FILE] <FILE | ->
//! ```
//!
//! Reads one presentation (a file, or standard input for `-`), prints a
//! readable report (or with `--json` the assessment as one JSON document)
//! and exits 0 whatever the verdict. Invalid input: exit status 2, one line
//! on standard error naming the field, nothing on standard output.

mod common;

use std::process::ExitCode;

use prolo_triage::{assess, Policy, Presentation};

const USAGE: &str = "usage: triage [--json] [--policy FILE] <FILE | ->";

struct Options {
    json: bool,
    policy: Option<String>,
    input: String,
}

/// The options, or `None` for `--help`.
fn parse_args(args: impl Iterator<Item = String>) -> Result<Option<Options>, String> {
    let mut json = false;
    let mut policy = None;
    let mut input = None;
    let mut args = args.peekable();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--json" => json = true,
            "--policy" => policy = Some(args.next().ok_or("--policy needs a FILE")?),
            "-h" | "--help" => return Ok(None),
            "-" => input = Some(arg),
            flag if flag.starts_with('-') => return Err(format!("unknown option {flag}; {USAGE}")),
            _ if input.is_some() => return Err(format!("one input only; {USAGE}")),
            _ => input = Some(arg),
        }
    }
    Ok(Some(Options {
        json,
        policy,
        input: input.ok_or(USAGE)?,
    }))
}

fn run() -> Result<String, String> {
    let Some(options) = parse_args(std::env::args().skip(1))? else {
        return Ok(format!("{USAGE}\n"));
    };
    let policy = match &options.policy {
        Some(path) => Policy::from_json(&common::read_document(path)?)
            .map_err(|e| format!("{path}: invalid policy: {e}"))?,
        None => Policy::default(),
    };
    let text = common::read_document(&options.input)?;
    let presentation = Presentation::from_json(&text)
        .map_err(|e| format!("{}: invalid presentation: {e}", options.input))?;
    let assessment = assess(&presentation, &policy);
    Ok(if options.json {
        let mut json = assessment.to_json();
        json.push('\n');
        json
    } else {
        assessment.report()
    })
}

fn main() -> ExitCode {
    match run() {
        Ok(out) => {
            print!("{out}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            // One line, whatever the message held.
            eprintln!("triage: {}", message.replace('\n', " "));
            ExitCode::from(2)
        }
    }
}
