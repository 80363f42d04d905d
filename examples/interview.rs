//! `interview`: ask the questions that matter, one at a time.
//!
//! ```text
//! cargo run --example interview -- [FILE] [--policy FILE] [--save FILE] [--audience patient|clinician]
//! ```
//!
//! Starts from a partial presentation (FILE) or an empty one, asks the most
//! important blocking question in clinician language — yes / no / unknown,
//! a number for ages and weeks, names for lists — and assesses again after
//! each answer, until the verdict is determinate; then, when symptoms make
//! candidate conditions, it shows them and asks the examination questions
//! that could move a candidate's band; until nothing is left or the
//! clinician types `stop` (or standard input ends). Then prints the report
//! and, with `--save FILE`, writes the completed presentation. Answers can
//! be typed at a terminal or piped in, one per line. Exit 0, or 2 on a
//! usage error or an invalid starting file. `--help` lists the options.
//!
//! `--audience patient` is the patient's intake (`docs/clinical-knowledge.md`
//! §7.5): only what a patient can answer, in the patient's words — the
//! warning signs first (a yes stops it with what to do now), then where it
//! hurts (the names of every place that hurts, `none`, or `not sure`), then
//! the symptoms that best tell the possible conditions apart, then what
//! the clinician needs. It ends saying what the clinician will check: it
//! never prints the verdict, a candidate or the report
//! (`docs/decision-model.md` §10). Each answer is recorded in
//! `answered_by`.

use prolo_triage_examples_common as common;

use std::io::{BufRead, IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;
use prolo_triage::{Answer, AnswerKind, Audience, Interview, Presentation, Stage};

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
    let mut shown_candidates = false;
    'questions: while let Some(q) = interview.next_step() {
        asked = asked.saturating_add(1);
        let band_question = matches!(q.stage, Stage::Symptoms | Stage::Examination);
        if band_question && !patient && !shown_candidates {
            shown_candidates = true;
            print_candidates(&interview);
        }
        if patient {
            println!("Q{asked} {}", q.text);
        } else {
            println!("Q{asked} [{}] {}", q.subject, q.text);
        }
        for place in &q.places {
            println!("  - {}: {}", place.symptom, place.label);
        }
        if q.kind == AnswerKind::List {
            for choice in &q.choices {
                println!("  - {}: {}", choice.name, choice.label);
            }
        }
        loop {
            print!("  ({}) > ", q.hint);
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
            match Answer::parse(q.subject, &line).and_then(|a| interview.answer(q.subject, a)) {
                Ok(()) => break,
                // A patient reads what to type, never a field's name.
                Err(_) if patient => println!("  Please answer: {}.", q.hint),
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
        println!("Thank you. Nothing is decided until your clinician has seen you.");
        for line in interview.still_to_check() {
            println!("{line}");
        }
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

/// The candidate conditions, for the clinician, before the examination
/// questions that could move them.
fn print_candidates(interview: &Interview<'_>) {
    let candidates = &interview.assessment().candidates;
    if candidates.is_empty() {
        return;
    }
    println!("Candidate conditions (not a diagnosis):");
    for c in candidates {
        println!("  - {}: {}", c.condition.label(), c.band);
    }
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
