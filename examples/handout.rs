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

use std::io::Read;
use std::process::ExitCode;

use prolo_triage::{assess, Handout, Policy, Presentation, MAX_DOCUMENT_BYTES};

const USAGE: &str = "usage: handout [--markdown] [--policy FILE] <FILE | ->";

/// Reads at most one byte more than the library accepts.
fn read(path: &str) -> Result<String, String> {
    let limit = u64::try_from(MAX_DOCUMENT_BYTES + 1).unwrap_or(u64::MAX);
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
            "{path}: document: not UTF-8 (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        )
    })
}

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
        Some(path) => {
            Policy::from_json(&read(path)?).map_err(|e| format!("{path}: invalid policy: {e}"))?
        }
        None => Policy::default(),
    };
    let presentation = Presentation::from_json(&read(&input)?)
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
