//! Faults, each with its bounded answer (docs/reliability.md lists them):
//! FHIR servers that stall, reset connections or send an endless body; a
//! client that sends its headers slowly; shutdown with requests in flight.
//! A FHIR server answering 500 and a slow one are in `service.rs`; the
//! JWKS server faults in `jwks.rs`.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::common::*;
use prolo_triage_cds::serve::{serve, Limits, Stopped};
use prolo_triage_cds::{router, AppState, Config};
use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

#[derive(Clone, Copy, Debug)]
enum Fault {
    /// Accepts, reads the request, never answers.
    Stall,
    /// Accepts and resets the connection (RST, not FIN).
    Reset,
    /// Answers 200 with a chunked body that never ends.
    Endless,
    /// Answers 200 after a delay, with an empty searchset.
    Slow(Duration),
}

/// A raw TCP "FHIR server" with one fault; every connection is handled for
/// at most 30 s.
async fn faulty_fhir(fault: Fault) -> String {
    faulty_fhir_counted(fault).await.0
}

/// [`faulty_fhir`], with the count of connections it has accepted: a test
/// that needs a request in flight waits for it instead of guessing a delay
/// (a fixed sleep is too short on a loaded machine).
async fn faulty_fhir_counted(fault: Fault) -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}/r4", listener.local_addr().unwrap());
    let accepted = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&accepted);
    tokio::spawn(async move {
        loop {
            let Ok((mut stream, _)) = listener.accept().await else {
                return;
            };
            counter.fetch_add(1, Ordering::SeqCst);
            tokio::spawn(async move {
                let _ =
                    tokio::time::timeout(Duration::from_secs(30), handle(&mut stream, fault)).await;
            });
        }
    });
    (base, accepted)
}

/// Waits (at most 10 s) until the FHIR server has accepted a connection:
/// then the service's request is surely in flight.
async fn until_in_flight(accepted: &AtomicUsize) {
    let started = Instant::now();
    while accepted.load(Ordering::SeqCst) == 0 {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "the request never reached the FHIR server"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

async fn read_head(stream: &mut TcpStream) {
    let mut head = Vec::new();
    let mut buf = [0u8; 4096];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        match stream.read(&mut buf).await {
            Ok(0) | Err(_) => return,
            Ok(n) => head.extend_from_slice(&buf[..n]),
        }
    }
}

async fn handle(stream: &mut TcpStream, fault: Fault) {
    match fault {
        Fault::Reset => {
            // Linger 0: close sends RST.
            #[allow(deprecated)]
            let _ = stream.set_linger(Some(Duration::ZERO));
        }
        Fault::Stall => {
            read_head(stream).await;
            tokio::time::sleep(Duration::from_secs(30)).await;
        }
        Fault::Endless => {
            read_head(stream).await;
            let head = "HTTP/1.1 200 OK\r\nContent-Type: application/fhir+json\r\nTransfer-Encoding: chunked\r\n\r\n";
            if stream.write_all(head.as_bytes()).await.is_err() {
                return;
            }
            let chunk = format!("10000\r\n{}\r\n", " ".repeat(0x10000));
            let start = "23\r\n{\"resourceType\":\"Bundle\",\"entry\":[\r\n";
            let _ = stream.write_all(start.as_bytes()).await;
            // Bounded: at most 1 GiB, and the 30 s cap of the caller.
            for _ in 0..16_384 {
                if stream.write_all(chunk.as_bytes()).await.is_err() {
                    return;
                }
            }
        }
        Fault::Slow(delay) => {
            read_head(stream).await;
            tokio::time::sleep(delay).await;
            let body = r#"{"resourceType":"Bundle","type":"searchset","entry":[]}"#;
            let answer = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: application/fhir+json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
            let _ = stream.write_all(answer.as_bytes()).await;
        }
    }
}

/// A hook call with the patient and the conditions prefetched and the
/// other keys left to the FHIR server.
fn partial_request(fhir: &str) -> Value {
    let mut prefetch = prefetch_of_bundle("plantar-fasciitis-fever-f202.json");
    for key in [
        "temperature",
        "platelets",
        "medication_statements",
        "medication_requests",
        "allergies",
        "screening",
    ] {
        prefetch.remove(key);
    }
    let mut r = request(Some(prefetch));
    r["fhirServer"] = json!(fhir);
    r["fhirAuthorization"] = json!({"access_token": "t", "token_type": "Bearer"});
    r
}

#[tokio::test]
async fn faulty_fhir_servers_leave_facts_unknown_in_bounded_time() {
    for (fault, within) in [
        (Fault::Stall, Duration::from_millis(2_500)),
        (Fault::Reset, Duration::from_millis(1_000)),
        (Fault::Endless, Duration::from_millis(2_500)),
    ] {
        let fhir = faulty_fhir(fault).await;
        let s = start(|mut c| {
            c.fhir_servers = vec![fhir.clone()];
            c.fhir_timeout = Duration::from_millis(1_000);
            c
        })
        .await;
        let started = Instant::now();
        let r = s
            .client
            .post(s.url(SERVICE))
            .json(&partial_request(&fhir))
            .send()
            .await
            .unwrap();
        let took = started.elapsed();
        let status = r.status().as_u16();
        let value: Value = r.json().await.unwrap();
        assert_eq!(status, 200, "{fault:?}: {value}");
        eprintln!("figure: FHIR server {fault:?}: {status} in {took:?}");
        assert!(took < within, "{fault:?} took {took:?}");
        let detail = value["cards"][0]["detail"].as_str().unwrap();
        // Every key read from the server is unknown, never absent.
        assert!(
            detail.contains("**Not available from the EHR**")
                && detail.contains("- `temperature`:"),
            "{fault:?}: {detail}"
        );
        // The fever reading is unknown, so the red flags are not screened.
        assert_eq!(value["cards"][0]["indicator"], "warning", "{fault:?}");
        let metrics = s.get_text("/metrics").await;
        assert!(
            metrics.contains("prolo_triage_cds_fhir_read_failures_total{key=\"temperature\"} 1"),
            "{fault:?}: {metrics}"
        );
        s.stop().await;
    }
}

#[tokio::test]
async fn a_client_sending_headers_slowly_is_cut_off() {
    let s = start(|mut c| {
        c.header_read_timeout = Duration::from_millis(500);
        c
    })
    .await;
    let address = s.base.trim_start_matches("http://").to_owned();
    let mut slow = TcpStream::connect(&address).await.unwrap();
    slow.write_all(b"GET /health HTTP/1.1\r\nHost: x\r\n")
        .await
        .unwrap();
    let started = Instant::now();
    let mut closed = false;
    // One header byte every 100 ms, for at most 5 s.
    for _ in 0..50 {
        if slow.write_all(b"X").await.is_err() {
            closed = true;
            break;
        }
        let mut buf = [0u8; 256];
        match tokio::time::timeout(Duration::from_millis(100), slow.read(&mut buf)).await {
            Ok(Ok(0) | Err(_)) => {
                closed = true;
                break;
            }
            // hyper may answer 408 before it closes.
            Ok(Ok(n)) => {
                let text = String::from_utf8_lossy(&buf[..n]).into_owned();
                assert!(text.starts_with("HTTP/1.1 408"), "{text}");
            }
            Err(_) => {}
        }
    }
    assert!(closed, "the connection stayed open");
    let took = started.elapsed();
    eprintln!("figure: slow headers (500 ms timeout): closed after {took:?}");
    assert!(
        took >= Duration::from_millis(400) && took < Duration::from_millis(2_000),
        "{took:?}"
    );
    // Other clients are served meanwhile and after.
    let r = s.client.get(s.url("/health")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    s.stop().await;
}

/// A service on a loopback port stopped by `stop`, its serve() result
/// reported on the returned handle.
async fn stoppable(
    configure: impl FnOnce(Config) -> Config,
    grace: Option<Duration>,
) -> (
    String,
    tokio::sync::oneshot::Sender<()>,
    tokio::task::JoinHandle<Stopped>,
) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let mut config = Config::new(&base);
    config.as_of = Some(AS_OF.parse().unwrap());
    let config = configure(config);
    let mut limits = Limits::of(&config);
    if let Some(g) = grace {
        limits.grace = g;
    }
    let app = router(AppState::new(config).unwrap());
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let handle = tokio::spawn(serve(listener, app, limits, async {
        let _ = stopped.await;
    }));
    (base, stop, handle)
}

#[tokio::test]
async fn shutdown_lets_requests_in_flight_finish_and_refuses_new_ones() {
    let (fhir, accepted) = faulty_fhir_counted(Fault::Slow(Duration::from_millis(800))).await;
    let (base, stop, handle) = stoppable(
        |mut c| {
            c.fhir_servers = vec![fhir.clone()];
            c
        },
        None,
    )
    .await;
    let client = reqwest::Client::new();
    let in_flight = tokio::spawn({
        let (client, url, body) = (
            client.clone(),
            format!("{base}{SERVICE}"),
            partial_request(&fhir),
        );
        async move { client.post(url).json(&body).send().await }
    });
    until_in_flight(&accepted).await;
    let stopping = Instant::now();
    stop.send(()).unwrap();
    tokio::time::sleep(Duration::from_millis(100)).await;
    // New connections are refused.
    let refused = reqwest::Client::new()
        .get(format!("{base}/health"))
        .timeout(Duration::from_secs(2))
        .send()
        .await;
    assert!(refused.is_err(), "{refused:?}");
    // The request in flight finishes with its answer.
    let answered = in_flight.await.unwrap().unwrap();
    assert_eq!(answered.status(), 200);
    let value: Value = answered.json().await.unwrap();
    assert_eq!(value["cards"].as_array().unwrap().len(), 1, "{value}");
    assert_eq!(handle.await.unwrap(), Stopped::Drained);
    eprintln!(
        "figure: shutdown with one request in flight: drained in {:?}",
        stopping.elapsed()
    );
    assert!(stopping.elapsed() < Duration::from_secs(3));
}

#[tokio::test]
async fn shutdown_is_bounded_by_the_grace() {
    let (fhir, accepted) = faulty_fhir_counted(Fault::Slow(Duration::from_secs(3))).await;
    let (base, stop, handle) = stoppable(
        |mut c| {
            c.fhir_servers = vec![fhir.clone()];
            c.fhir_timeout = Duration::from_secs(4);
            c.request_timeout = Duration::from_secs(5);
            c
        },
        Some(Duration::from_millis(300)),
    )
    .await;
    let in_flight = tokio::spawn({
        let (url, body) = (format!("{base}{SERVICE}"), partial_request(&fhir));
        async move { reqwest::Client::new().post(url).json(&body).send().await }
    });
    until_in_flight(&accepted).await;
    let stopping = Instant::now();
    stop.send(()).unwrap();
    assert_eq!(handle.await.unwrap(), Stopped::GraceExpired);
    let took = stopping.elapsed();
    eprintln!("figure: shutdown past a 300 ms grace: stopped in {took:?}");
    assert!(
        took >= Duration::from_millis(250) && took < Duration::from_millis(1_500),
        "{took:?}"
    );
    // The client is not left hanging (in the binary the runtime ends with
    // serve(); here the connection's task finishes its FHIR reads).
    let _ = tokio::time::timeout(Duration::from_secs(5), in_flight)
        .await
        .expect("the client was left hanging");
}

#[tokio::test]
async fn a_client_sending_its_body_slowly_gets_503_at_the_request_timeout() {
    let s = start(|mut c| {
        c.request_timeout = Duration::from_millis(400);
        c
    })
    .await;
    let address = s.base.trim_start_matches("http://").to_owned();
    for (path, media) in [
        ("/v1/assess", "application/problem+json"),
        (SERVICE, "application/json"),
    ] {
        let mut slow = TcpStream::connect(&address).await.unwrap();
        let head = format!(
            "POST {path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{{"
        );
        slow.write_all(head.as_bytes()).await.unwrap();
        let started = Instant::now();
        let mut answer = Vec::new();
        let mut buf = [0u8; 4096];
        // Read until the head and body of the answer are in, for at most 5 s.
        while let Ok(Ok(n)) =
            tokio::time::timeout(Duration::from_secs(5), slow.read(&mut buf)).await
        {
            if n == 0 {
                break;
            }
            answer.extend_from_slice(&buf[..n]);
            if String::from_utf8_lossy(&answer).contains("\"status\":503") {
                break;
            }
        }
        let took = started.elapsed();
        let text = String::from_utf8_lossy(&answer).into_owned();
        eprintln!("figure: slow body on {path} (400 ms request timeout): 503 in {took:?}");
        assert!(text.starts_with("HTTP/1.1 503"), "{path}: {text}");
        assert!(
            text.contains(&format!("content-type: {media}")),
            "{path}: {text}"
        );
        assert!(took < Duration::from_millis(2_000), "{took:?}");
    }
    s.stop().await;
}
