//! `handout`: the patient handout for one presentation.
//!
//! ```text
//! cargo run --example handout -- [--markdown] [--policy FILE] [--date YYYY-MM-DD] <FILE | ->
//! ```
//!
//! Writes a self-contained HTML page (or Markdown with `--markdown`) to
//! standard output: what prolotherapy is; why the clinician may discuss it,
//! why it is not offered now (with what to do now for a red flag), or that
//! the clinician has questions first; and for the yes family how to
//! prepare, the day itself, the course, aftercare and when to call the
//! clinic. Every line is patient text with its source in plain words.
//!
//! The clinic's details (name, phone, out-of-hours route, urgent care,
//! emergency number) come from the policy file's `clinic` object; without
//! them the handout uses generic words and blanks to fill in. `--date`
//! is the date of issue, printed on the handout and used to turn "after 7
//! more weeks" into a date; the tool reads no clock, so without it the
//! handout has a blank for the date. Invalid input or a usage error
//! (a `--date` that is not a day written `YYYY-MM-DD`): exit status 2, one
//! line on standard error naming the field. `--help` lists the options.

use prolo_triage_examples_common as common;

use std::process::ExitCode;

use clap::Parser;
use prolo_triage::{assess, Date, Error, Handout, Presentation};

/// Write the patient handout for one presentation: a self-contained HTML
/// page, or Markdown. Exit 2 for invalid input.
#[derive(Debug, Parser)]
#[command(name = "handout", version)]
struct Cli {
    /// The presentation (JSON, at most 64 KiB), or `-` for standard input.
    #[arg(value_name = "FILE")]
    input: String,
    /// Write Markdown instead of HTML.
    #[arg(long)]
    markdown: bool,
    #[command(flatten)]
    policy: common::PolicyArg,
    /// The date of issue, printed on the handout (no clock is read:
    /// without it the date is left blank).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = date)]
    date: Option<Date>,
}

/// A `--date` value; clap names the option in the message.
fn date(text: &str) -> Result<Date, String> {
    text.parse().map_err(|e| match e {
        Error::Invalid { cause, .. } => cause.to_string(),
        other => other.to_string(),
    })
}

fn run(cli: &Cli) -> Result<String, String> {
    let policy = cli.policy.load()?;
    let presentation = Presentation::from_json(&common::read_document(&cli.input)?)
        .map_err(|e| format!("{}: invalid presentation: {e}", cli.input))?;
    let handout = Handout::issued(&assess(&presentation, &policy), policy.clinic(), cli.date);
    Ok(if cli.markdown {
        handout.to_markdown()
    } else {
        handout.to_html()
    })
}

fn main() -> ExitCode {
    match common::parse_args::<Cli>("handout") {
        Ok(cli) => common::finish("handout", run(&cli)),
        Err(status) => status,
    }
}
