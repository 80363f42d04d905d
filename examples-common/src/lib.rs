//! What the example programs share: the command-line conventions, reading
//! a file bounded, and the policy option.
//!
//! A small crate of the workspace (not published) so that each package's
//! examples build on their own: the core's and `fhir-triage` depend on it.
//!
//! The conventions, the same in every tool: the input is one positional
//! `FILE`, `-` for standard input; options are long (`--policy FILE` or
//! `--policy=FILE`); `--help` lists them, `--version` prints the version.
//! A usage error, like invalid input, exits 2 with one line on standard
//! error and nothing on standard output.

#![forbid(unsafe_code)]
#![deny(missing_docs)]

use std::io::Read;
use std::process::ExitCode;

use clap::error::ErrorKind;
use prolo_triage::{Policy, MAX_DOCUMENT_BYTES};

/// A presentation: the core crate's document limit (64 KiB).
pub const PRESENTATION_LIMIT: usize = MAX_DOCUMENT_BYTES;

/// A policy file: the same limit, since `Policy::from_json` refuses a
/// larger document anyway.
pub const POLICY_LIMIT: usize = MAX_DOCUMENT_BYTES;

/// The exit status for invalid input and for a usage error.
pub const EXIT_INVALID: u8 = 2;

/// Reads a file, or standard input for `-`, as UTF-8 text of at most
/// `limit` bytes. At most one byte past the limit is read, so an endless
/// stream costs no memory. The error is one line naming the file.
pub fn read_bounded(path: &str, limit: usize) -> Result<String, String> {
    let take = u64::try_from(limit.saturating_add(1)).unwrap_or(u64::MAX);
    let mut bytes = Vec::new();
    let result = if path == "-" {
        std::io::stdin()
            .take(take)
            .read_to_end(&mut bytes)
            .map(|_| ())
    } else {
        std::fs::File::open(path).and_then(|f| f.take(take).read_to_end(&mut bytes).map(|_| ()))
    };
    result.map_err(|e| format!("{path}: cannot read: {e}"))?;
    if bytes.len() > limit {
        return Err(format!("{path}: document: over the limit of {limit} bytes"));
    }
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "{path}: document: not UTF-8 (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        )
    })
}

/// Reads one presentation document, bounded at [`PRESENTATION_LIMIT`].
pub fn read_document(path: &str) -> Result<String, String> {
    read_bounded(path, PRESENTATION_LIMIT)
}

/// `--policy FILE`, the same in every tool.
#[derive(Debug, clap::Args)]
pub struct PolicyArg {
    /// A clinic policy (JSON, at most 64 KiB); without it, the literature
    /// defaults.
    #[arg(long, value_name = "FILE")]
    pub policy: Option<String>,
}

impl PolicyArg {
    /// The policy the file holds, or the default one.
    pub fn load(&self) -> Result<Policy, String> {
        match &self.policy {
            Some(path) => Policy::from_json(&read_bounded(path, POLICY_LIMIT)?)
                .map_err(|e| format!("{path}: invalid policy: {e}")),
            None => Ok(Policy::default()),
        }
    }
}

/// Parses the command line. `--help` and `--version` print to standard
/// output and end the program with status 0; a usage error ends it with
/// status 2 and one line on standard error, like invalid input.
pub fn parse_args<T: clap::Parser>(tool: &str) -> Result<T, ExitCode> {
    T::try_parse().map_err(|e| match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            // Standard output for these two; nothing to do if it is closed.
            let _ = e.print();
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("{tool}: {}", usage_error_line(&e.to_string()));
            ExitCode::from(EXIT_INVALID)
        }
    })
}

/// The first paragraph of clap's message (what is wrong, without the usage
/// block and tips), on one line, followed by where to look.
fn usage_error_line(rendered: &str) -> String {
    let first: Vec<&str> = rendered
        .lines()
        .take_while(|line| !line.trim().is_empty())
        .map(str::trim)
        .collect();
    let message = first.join(" ");
    let message = message.strip_prefix("error: ").unwrap_or(&message);
    format!("{message} (see --help)")
}

/// Prints the output, or the error as one line, and gives the exit status.
pub fn finish(tool: &str, result: Result<String, String>) -> ExitCode {
    match result {
        Ok(out) => {
            print!("{out}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            // One line, whatever the message held.
            eprintln!("{tool}: {}", message.replace(['\n', '\r'], " "));
            ExitCode::from(EXIT_INVALID)
        }
    }
}
