//! `triage`: assess one presentation and print the report.
//!
//! ```text
//! cargo run --example triage -- [--json] [--policy FILE] <FILE | ->
//! ```
//!
//! Reads one presentation (a file, or standard input for `-`), prints a
//! readable report (or with `--json` the assessment as one JSON document)
//! and exits 0 whatever the verdict. Invalid input or a usage error: exit
//! status 2, one line on standard error naming the field, nothing on
//! standard output. `--help` lists the options.

use prolo_triage_examples_common as common;

use std::process::ExitCode;

use clap::Parser;
use prolo_triage::{assess, Presentation};

/// Assess one presentation and print the report a clinician scans, or the
/// assessment as JSON. Exit 0 whatever the verdict; 2 for invalid input.
#[derive(Debug, Parser)]
#[command(name = "triage", version)]
struct Cli {
    /// The presentation (JSON, at most 64 KiB), or `-` for standard input.
    #[arg(value_name = "FILE")]
    input: String,
    /// Print the assessment as one JSON document instead of the report.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    policy: common::PolicyArg,
}

fn run(cli: &Cli) -> Result<String, String> {
    let policy = cli.policy.load()?;
    let text = common::read_document(&cli.input)?;
    let presentation = Presentation::from_json(&text)
        .map_err(|e| format!("{}: invalid presentation: {e}", cli.input))?;
    let assessment = assess(&presentation, &policy);
    Ok(if cli.json {
        let mut json = assessment.to_json();
        json.push('\n');
        json
    } else {
        assessment.report()
    })
}

fn main() -> ExitCode {
    match common::parse_args::<Cli>("triage") {
        Ok(cli) => common::finish("triage", run(&cli)),
        Err(status) => status,
    }
}
