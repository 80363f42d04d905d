//! `interview`: ask the questions that matter, one at a time.
//!
//! ```text
//! cargo run --example interview -- [FILE] [--policy FILE] [--save FILE]
//! ```
//!
//! Starts from a partial presentation (FILE) or an empty one, asks the most
//! important blocking question in clinician language — yes / no / unknown,
//! a number for ages and weeks, names for lists — and assesses again after
//! each answer, until the verdict is determinate or the clinician types
//! `stop` (or standard input ends). Then prints the report and, with
//! `--save FILE`, writes the completed presentation. Answers can be typed
//! at a terminal or piped in, one per line. Exit 0, or 2 on bad arguments
//! or an invalid starting file.

mod common;

use std::io::{BufRead, IsTerminal, Write};
use std::process::ExitCode;

use prolo_triage::{Answer, Interview, Policy, Presentation};

const USAGE: &str = "usage: interview [FILE] [--policy FILE] [--save FILE]";

struct Options {
    start: Option<String>,
    policy: Option<String>,
    save: Option<String>,
}

fn options() -> Result<Option<Options>, String> {
    let mut o = Options {
        start: None,
        policy: None,
        save: None,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--save" => o.save = Some(args.next().ok_or("--save needs a FILE")?),
            "--policy" => o.policy = Some(args.next().ok_or("--policy needs a FILE")?),
            "-h" | "--help" => return Ok(None),
            flag if flag.starts_with('-') => return Err(format!("unknown option {flag}; {USAGE}")),
            _ if o.start.is_some() => return Err(format!("one starting file only; {USAGE}")),
            _ => o.start = Some(arg),
        }
    }
    Ok(Some(o))
}

fn run() -> Result<(), String> {
    let Some(o) = options()? else {
        println!("{USAGE}");
        return Ok(());
    };
    let policy = match &o.policy {
        Some(path) => Policy::from_json(&common::read_document(path)?)
            .map_err(|e| format!("{path}: invalid policy: {e}"))?,
        None => Policy::default(),
    };
    let start = match &o.start {
        Some(path) => Presentation::from_json(&common::read_document(path)?)
            .map_err(|e| format!("{path}: invalid presentation: {e}"))?,
        None => Presentation::default(),
    };
    let mut interview = Interview::new(start, &policy);
    let stdin = std::io::stdin();
    let terminal = stdin.is_terminal();
    let mut lines = stdin.lock().lines();
    let mut stdout = std::io::stdout();
    let mut asked = 0u32;
    'questions: while let Some(q) = interview.next_question() {
        asked = asked.saturating_add(1);
        println!("Q{asked} [{}] {}", q.finding, q.text);
        loop {
            print!("  ({}) > ", Answer::hint(q.finding));
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
    if assessment.verdict == prolo_triage::Verdict::NeedsInformation
        && interview.next_question().is_none()
    {
        println!("(every remaining blocking question was answered unknown)");
    }
    println!();
    print!("{}", assessment.report());
    if let Some(path) = &o.save {
        let mut json = interview.presentation().to_json();
        json.push('\n');
        std::fs::write(path, json).map_err(|e| format!("{path}: cannot write: {e}"))?;
        println!("Saved the completed presentation to {path}");
    }
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("interview: {}", message.replace(['\n', '\r'], " "));
            ExitCode::from(2)
        }
    }
}
