//! `handout`: the patient handout for one presentation.
//!
//! ```text
//! cargo run --example handout -- [--markdown] [--policy FILE] <FILE | ->
//! ```
//!
//! Writes a self-contained HTML page (or Markdown with `--markdown`) to
//! standard output: what prolotherapy is; why the clinician may discuss it,
//! why it is not offered now (with what to do now for a red flag), or that
//! the clinician has questions first; and for the yes family how to
//! prepare, the day itself, the course, aftercare and when to call the
//! clinic. Every line is patient text with its source in plain words. Invalid input or a
//! usage error: exit status 2, one line on standard error naming the field.
//! `--help` lists the options.

use prolo_triage_examples_common as common;

use std::process::ExitCode;

use clap::Parser;
use prolo_triage::{assess, Handout, Presentation};

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
}

fn run(cli: &Cli) -> Result<String, String> {
    let policy = cli.policy.load()?;
    let presentation = Presentation::from_json(&common::read_document(&cli.input)?)
        .map_err(|e| format!("{}: invalid presentation: {e}", cli.input))?;
    let handout = Handout::new(&assess(&presentation, &policy));
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
