//! `prolo-policy`: check a clinic's policy before go-live.
//!
//! ```text
//! prolo-policy check POLICY
//! prolo-policy test POLICY CASES.jsonl [--junit FILE]
//! prolo-policy diff OLD NEW [--cohort FILE] [--jobs N] [--json]
//! ```
//!
//! - `check` validates a policy file and prints its effective thresholds,
//!   treatable conditions, classification and fingerprints, with lints (a
//!   threshold below the literature, a precaution promoted to absolute, a
//!   setting equal to its default).
//! - `test` runs golden cases, one JSON object a line: `{"name",
//!   "presentation", "expect": {"verdict", "blocking": [subjects,
//!   order-free, optional], "reasons": [ids that must appear, optional]}}`;
//!   it prints every failure and a rule coverage table, and writes JUnit
//!   XML with `--junit`.
//! - `diff` prints the settings two policies differ in and, over a cohort
//!   (JSON Lines as the `batch` example reads them), the verdicts that
//!   flip, counted `from -> to`, with the rules that caused each.
//!
//! Exit status: 0 when all is well (lints are warnings), 1 when a golden
//! case failed, 2 for invalid input or a usage error, with one line on
//! standard error naming the file and the field.

#![forbid(unsafe_code)]

mod cases;
mod check;
mod cohort;
mod diff;
mod junit;
mod settings;

use std::num::NonZeroUsize;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use prolo_triage_examples_common as common;

/// The exit status when a golden case failed.
const EXIT_FAILED: u8 = 1;

/// Check a clinic's prolo-triage policy before go-live: validate it, run
/// golden cases against it, and see what a change does to a population.
/// Exit 0 ok, 1 a golden case failed, 2 invalid input.
#[derive(Debug, Parser)]
#[command(name = "prolo-policy", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Validate a policy; print its thresholds, treatable conditions,
    /// classification, fingerprints and lints.
    Check {
        /// The policy (JSON, at most 64 KiB), or `-` for standard input.
        #[arg(value_name = "POLICY")]
        policy: String,
    },
    /// Run golden cases (JSON Lines) under a policy: failures, rule
    /// coverage, exit 1 on any failure.
    Test {
        /// The policy (JSON).
        #[arg(value_name = "POLICY")]
        policy: String,
        /// The cases, one `{"name", "presentation", "expect"}` a line.
        #[arg(value_name = "CASES")]
        cases: String,
        /// Also write the results as JUnit XML to FILE.
        #[arg(long, value_name = "FILE")]
        junit: Option<String>,
    },
    /// What differs between two policies and, over a cohort, which
    /// verdicts flip and why.
    Diff {
        /// The policy in use (JSON).
        #[arg(value_name = "OLD")]
        old: String,
        /// The policy proposed (JSON).
        #[arg(value_name = "NEW")]
        new: String,
        /// A cohort, JSON Lines as the `batch` example reads them (`-` for
        /// standard input).
        #[arg(long, value_name = "FILE")]
        cohort: Option<String>,
        /// Threads that screen the cohort (default: every available core).
        #[arg(long, value_name = "N")]
        jobs: Option<NonZeroUsize>,
        /// Write `{"changes", "counts", "flips", ...}` as one JSON document.
        #[arg(long)]
        json: bool,
    },
}

fn main() -> ExitCode {
    const TOOL: &str = "prolo-policy";
    let cli = match common::parse_args::<Cli>(TOOL) {
        Ok(cli) => cli,
        Err(status) => return status,
    };
    match cli.command {
        Command::Check { policy } => common::finish(TOOL, check::check(&policy)),
        Command::Diff {
            old,
            new,
            cohort,
            jobs,
            json,
        } => common::finish(
            TOOL,
            diff::diff(&diff::Options {
                old: &old,
                new: &new,
                cohort: cohort.as_deref(),
                jobs,
                json,
            }),
        ),
        Command::Test {
            policy,
            cases,
            junit,
        } => match cases::test(&policy, &cases, junit.as_deref()) {
            Ok(tested) => {
                let failed = tested.failed;
                let status = common::finish(TOOL, Ok(tested.report));
                if failed {
                    ExitCode::from(EXIT_FAILED)
                } else {
                    status
                }
            }
            Err(message) => common::finish(TOOL, Err(message)),
        },
    }
}
