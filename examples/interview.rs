//! `interview`: ask the questions that matter, one at a time.
//!
//! ```text
//! cargo run --example interview -- [FILE] [--policy FILE] [--save FILE] [--audience patient|clinician]
//! ```
//!
//! Starts from a partial presentation (FILE) or an empty one, asks the most
//! important blocking question in clinician language — yes / no / unknown,
//! a number for ages and weeks, names for lists — and assesses again after
//! each answer, until the verdict is determinate or the clinician types
//! `stop` (or standard input ends). Then prints the report and, with
//! `--save FILE`, writes the completed presentation. Answers can be typed
//! at a terminal or piped in, one per line. Exit 0, or 2 on a usage error
//! or an invalid starting file. `--help` lists the options.
//!
//! `--audience patient` asks only what a patient can answer, in the
//! patient's words, and ends saying the clinician will review the answers:
//! it never prints the verdict or the report (`docs/decision-model.md` §10).

use prolo_triage_examples_common as common;

use std::io::{BufRead, IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;
use prolo_triage::{Answer, Audience, Interview, Presentation};

/// Ask the blocking questions one at a time (answers typed or piped in, one
/// per line; `stop` ends), re-assessing after each, then print the report.
/// Exit 0; 2 for a usage error or an invalid starting file.
#[derive(Debug, Parser)]
#[command(name = "interview", version)]
struct Cli {
    /// A partial presentation to start from (JSON, at most 64 KiB); without
    /// it, an empty one. Not `-`: the answers come on standard input.
    #[arg(value_name = "FILE")]
    input: Option<String>,
    #[command(flatten)]
    policy: common::PolicyArg,
    /// Write the completed presentation (JSON) to this file at the end.
    #[arg(long, value_name = "FILE")]
    save: Option<String>,
    /// Who answers: `clinician` (every question; the default) or `patient`
    /// (only what a patient can answer, in plain words; no verdict shown).
    #[arg(long, value_name = "AUDIENCE", default_value = "clinician", value_parser = audience)]
    audience: Audience,
}

fn audience(text: &str) -> Result<Audience, String> {
    text.parse()
        .map_err(|_| format!("`{text}`: expected patient or clinician"))
}

fn run(cli: &Cli) -> Result<(), String> {
    let policy = cli.policy.load()?;
    let start =
        match cli.input.as_deref() {
            Some("-") => return Err(
                "the starting presentation cannot be standard input: the answers come from there"
                    .into(),
            ),
            Some(path) => Presentation::from_json(&common::read_document(path)?)
                .map_err(|e| format!("{path}: invalid presentation: {e}"))?,
            None => Presentation::default(),
        };
    let mut interview = Interview::with_audience(start, &policy, cli.audience);
    let patient = cli.audience == Audience::Patient;
    let stdin = std::io::stdin();
    let terminal = stdin.is_terminal();
    let mut lines = stdin.lock().lines();
    let mut stdout = std::io::stdout();
    let mut asked = 0u32;
    'questions: while let Some(q) = interview.next_question() {
        asked = asked.saturating_add(1);
        match q.finding.patient_question().filter(|_| patient) {
            Some(text) => println!("Q{asked} {text}"),
            None => println!("Q{asked} [{}] {}", q.finding, q.text),
        }
        loop {
            let hint = if patient {
                Answer::patient_hint(q.finding)
            } else {
                Answer::hint(q.finding)
            };
            print!("  ({hint}) > ");
            let _ = stdout.flush();
            let Some(Ok(line)) = lines.next() else {
                println!();
                println!("(input ended: stopping)");
                break 'questions;
            };
            if !terminal {
                println!("{line}");
            }
            if matches!(line.trim(), "stop" | "q" | "quit") {
                println!("(stopped)");
                break 'questions;
            }
            match Answer::parse(q.finding, &line).and_then(|a| interview.answer(q.finding, a)) {
                Ok(()) => break,
                Err(e) => println!("  not an answer: {e}"),
            }
        }
    }
    let assessment = interview.assessment();
    if patient {
        // What a patient reads: what to do now for a red flag they
        // reported, then that the clinician reviews the answers; never the
        // verdict's name.
        for line in &interview.safety_net() {
            println!("{}", line.text);
        }
        println!(
            "Thank you. Your clinician will review your answers and examine your foot before anything is decided."
        );
        return save(cli, &interview);
    }
    if assessment.verdict == prolo_triage::Verdict::NeedsInformation
        && interview.next_question().is_none()
    {
        println!("(every remaining blocking question was answered unknown)");
    }
    // A red flag: what the patient who reported it must do now, first.
    let now = interview.safety_net();
    if !now.is_empty() {
        println!();
        println!("Tell the patient now:");
        for line in &now {
            println!("  - {}", line.text);
        }
    }
    println!();
    print!("{}", assessment.report());
    save(cli, &interview)
}

fn save(cli: &Cli, interview: &Interview<'_>) -> Result<(), String> {
    if let Some(path) = &cli.save {
        let mut json = interview.presentation().to_json();
        json.push('\n');
        std::fs::write(path, json).map_err(|e| format!("{path}: cannot write: {e}"))?;
        println!("Saved the completed presentation to {path}");
    }
    Ok(())
}

fn main() -> ExitCode {
    match common::parse_args::<Cli>("interview") {
        // The questions and the report are printed as they come.
        Ok(cli) => common::finish("interview", run(&cli).map(|()| String::new())),
        Err(status) => status,
    }
}
