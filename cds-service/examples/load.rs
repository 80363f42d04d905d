//! `load`: a short loopback load test of a running service — bounded in
//! count and time — reporting throughput and p50/p99 latency.
//!
//! ```text
//! cargo run --release -p prolo-triage-cds --example load -- \
//!     --url http://127.0.0.1:8080/cds-services/prolo-triage \
//!     --body cds-service/examples/data/patient-view-warfarin.json \
//!     [--requests 5000 | --seconds 60] [--concurrency 64] [--max-seconds 60] \
//!     [--pid PID]
//! ```
//!
//! `--seconds N` runs for N seconds instead of a number of requests (still
//! at most `--max-seconds`). `--pid` names the service's process: its
//! resident memory (Linux `/proc`) is reported before and after.
//!
//! Exits 1 if any request fails or answers other than 200; the latency
//! figures are reported, never asserted (the machine may be busy).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    clippy::cast_precision_loss
)]

use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

struct Args {
    url: String,
    body: String,
    requests: usize,
    concurrency: usize,
    max_seconds: u64,
    seconds: Option<u64>,
    pid: Option<u32>,
}

/// The resident memory of a process in KiB, from `/proc/PID/status`.
fn rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn parse() -> Result<Args, String> {
    let mut url = None;
    let mut body = None;
    let (mut requests, mut concurrency, mut max_seconds) = (5000, 64, 60);
    let (mut seconds, mut pid): (Option<u64>, Option<u32>) = (None, None);
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || args.next().ok_or(format!("{a} needs a value"));
        match a.as_str() {
            "--url" => url = Some(value()?),
            "--body" => {
                let path = value()?;
                body = Some(std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?);
            }
            "--requests" => requests = value()?.parse().map_err(|e| format!("--requests: {e}"))?,
            "--concurrency" => {
                concurrency = value()?
                    .parse()
                    .map_err(|e| format!("--concurrency: {e}"))?
            }
            "--max-seconds" => {
                max_seconds = value()?
                    .parse()
                    .map_err(|e| format!("--max-seconds: {e}"))?
            }
            "--seconds" => seconds = Some(value()?.parse().map_err(|e| format!("--seconds: {e}"))?),
            "--pid" => pid = Some(value()?.parse().map_err(|e| format!("--pid: {e}"))?),
            other => return Err(format!("unknown argument {other}")),
        }
    }
    Ok(Args {
        url: url.ok_or("--url is required")?,
        body: body.ok_or("--body is required")?,
        requests,
        concurrency: concurrency.max(1),
        max_seconds: seconds.map_or(max_seconds, |s| s.min(max_seconds)),
        seconds,
        pid,
    })
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = match parse() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("load: {e}");
            return ExitCode::from(2);
        }
    };
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(args.concurrency)
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap();
    let rss_before = args.pid.and_then(rss_kib);
    // In --seconds mode the time is the bound, not the count.
    let requests = if args.seconds.is_some() {
        usize::MAX
    } else {
        args.requests
    };
    let next = Arc::new(AtomicUsize::new(0));
    let deadline = Instant::now() + Duration::from_secs(args.max_seconds);
    let body = Arc::new(args.body);
    let url = Arc::new(args.url);
    let started = Instant::now();
    let mut workers = Vec::new();
    for _ in 0..args.concurrency {
        let (client, next, body, url) = (client.clone(), next.clone(), body.clone(), url.clone());
        let total = requests;
        workers.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            let mut failures = Vec::new();
            while next.fetch_add(1, Ordering::Relaxed) < total && Instant::now() < deadline {
                let t = Instant::now();
                let result = client
                    .post(url.as_str())
                    .header("Content-Type", "application/json")
                    .body(body.as_str().to_owned())
                    .send()
                    .await;
                match result {
                    Ok(r) if r.status() == 200 => match r.bytes().await {
                        Ok(_) => latencies.push(t.elapsed()),
                        Err(e) => failures.push(e.to_string()),
                    },
                    Ok(r) => failures.push(format!("HTTP {}", r.status())),
                    Err(e) => failures.push(e.to_string()),
                }
            }
            (latencies, failures)
        }));
    }
    let mut latencies = Vec::new();
    let mut failures = Vec::new();
    for w in workers {
        let (l, f) = w.await.unwrap();
        latencies.extend(l);
        failures.extend(f);
    }
    let elapsed = started.elapsed();
    latencies.sort_unstable();
    let at = |q: f64| -> Duration {
        if latencies.is_empty() {
            return Duration::ZERO;
        }
        let i = ((latencies.len() as f64 - 1.0) * q).round() as usize;
        latencies[i.min(latencies.len() - 1)]
    };
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "requests {} ok, {} failed, concurrency {}, {:.2} s: {:.0} requests/s; latency p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        latencies.len(),
        failures.len(),
        args.concurrency,
        elapsed.as_secs_f64(),
        latencies.len() as f64 / elapsed.as_secs_f64(),
        ms(at(0.50)),
        ms(at(0.99)),
        ms(at(1.0)),
    );
    if let (Some(pid), Some(before)) = (args.pid, rss_before) {
        let after = rss_kib(pid).unwrap_or(0);
        println!(
            "service rss before {:.1} MiB, after {:.1} MiB",
            before as f64 / 1024.0,
            after as f64 / 1024.0
        );
    }
    if !failures.is_empty() {
        eprintln!("load: {} failures, first: {}", failures.len(), failures[0]);
        return ExitCode::FAILURE;
    }
    if args.seconds.is_none() && latencies.len() < args.requests {
        eprintln!(
            "load: stopped at the time limit after {} of {} requests",
            latencies.len(),
            args.requests
        );
    }
    ExitCode::SUCCESS
}
