//! `triage`: assess one presentation and print the report.
//!
//! ```text
//! cargo run --example triage -- [--json] [--trace] [--policy FILE] <FILE | ->
//! ```
//!
//! Reads one presentation (a file, or standard input for `-`), prints a
//! readable report (or with `--json` the assessment as one JSON document)
//! and exits 0 whatever the verdict. `--trace` adds the full trace of the
//! evaluation: every rule with its group, Kleene value and the facts it
//! read, and the best and worst completions (in `--json`, as a `trace`
//! member beside the assessment's). Invalid input or a usage error: exit
//! status 2, one line on standard error naming the field, nothing on
//! standard output. `--help` lists the options.

use prolo_triage_examples_common as common;

use std::process::ExitCode;

use clap::Parser;
use prolo_triage::{assess, assess_traced, Presentation};

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
    /// Add the full trace: every rule with its group, its Kleene value and
    /// the facts it read, and the best and worst completions.
    #[arg(long)]
    trace: bool,
    #[command(flatten)]
    policy: common::PolicyArg,
}

fn run(cli: &Cli) -> Result<String, String> {
    let policy = cli.policy.load()?;
    let text = common::read_document(&cli.input)?;
    let presentation = Presentation::from_json(&text)
        .map_err(|e| format!("{}: invalid presentation: {e}", cli.input))?;
    if cli.trace {
        let (assessment, trace) = assess_traced(&presentation, &policy);
        return Ok(if cli.json {
            // The assessment's own members, then `trace`.
            let mut json = serde_json::to_value(&assessment).map_err(|e| e.to_string())?;
            if let Some(object) = json.as_object_mut() {
                let trace = serde_json::to_value(&trace).map_err(|e| e.to_string())?;
                object.insert("trace".to_owned(), trace);
            }
            format!("{json}\n")
        } else {
            format!("{}\n{}", assessment.report(), trace.report())
        });
    }
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
