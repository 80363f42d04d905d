//! `handout`: the patient handout for one presentation.
//!
//! ```text
//! cargo run --example handout -- [--markdown] [--policy FILE] <FILE | ->
//! ```
//!
//! Writes a self-contained HTML page (or Markdown with `--markdown`) to
//! standard output: what prolotherapy is, why it was suggested or why it is
//! not offered now, and for the yes family how to prepare, the day itself,
//! the course, aftercare and when to call the clinic. Invalid input: exit
//! status 2, one line on standard error naming the field.

mod common;

use std::process::ExitCode;

use prolo_triage::{assess, Handout, Policy, Presentation};

const USAGE: &str = "usage: handout [--markdown] [--policy FILE] <FILE | ->";

fn run() -> Result<String, String> {
    let mut markdown = false;
    let mut policy_path = None;
    let mut input = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--markdown" => markdown = true,
            "--policy" => policy_path = Some(args.next().ok_or("--policy needs a FILE")?),
            "-h" | "--help" => return Ok(format!("{USAGE}\n")),
            "-" => input = Some(arg),
            flag if flag.starts_with('-') => return Err(format!("unknown option {flag}; {USAGE}")),
            _ if input.is_some() => return Err(format!("one input only; {USAGE}")),
            _ => input = Some(arg),
        }
    }
    let input = input.ok_or(USAGE)?;
    let policy = match &policy_path {
        Some(path) => Policy::from_json(&common::read_document(path)?)
            .map_err(|e| format!("{path}: invalid policy: {e}"))?,
        None => Policy::default(),
    };
    let presentation = Presentation::from_json(&common::read_document(&input)?)
        .map_err(|e| format!("{input}: invalid presentation: {e}"))?;
    let handout = Handout::new(&assess(&presentation, &policy));
    Ok(if markdown {
        handout.to_markdown()
    } else {
        handout.to_html()
    })
}

fn main() -> ExitCode {
    match run() {
        Ok(out) => {
            print!("{out}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("handout: {}", message.replace(['\n', '\r'], " "));
            ExitCode::from(2)
        }
    }
}
