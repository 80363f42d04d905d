//! Serving the router on a TCP listener with hyper directly, for what
//! `axum::serve` does not offer: a header-read timeout (a client that
//! sends its headers slowly is cut off instead of holding a connection and
//! a task for ever) and a bounded graceful shutdown (stop accepting, let
//! requests in flight finish, then stop even if some do not).

use std::future::Future;
use std::time::Duration;

use axum::Router;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;

use crate::Config;

/// The limits of the connection layer.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Longest a client may take to send a request's head; the connection
    /// is closed after it.
    pub header_read_timeout: Duration,
    /// After the shutdown signal, how long requests in flight may still
    /// take.
    pub grace: Duration,
}

impl Limits {
    /// The limits of a configuration: its header-read timeout, and a grace
    /// of the request timeout and a second (no request takes longer).
    #[must_use]
    pub fn of(config: &Config) -> Limits {
        Limits {
            header_read_timeout: config.header_read_timeout,
            grace: config
                .request_timeout
                .saturating_add(Duration::from_secs(1)),
        }
    }
}

/// How a shutdown ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stopped {
    /// Every connection finished within the grace.
    Drained,
    /// Some were still open after the grace and were dropped.
    GraceExpired,
}

/// Serves `app` on `listener` until `shutdown` resolves, then stops
/// accepting (new connections are refused: the listener is closed), lets
/// requests in flight finish for at most `limits.grace`, and returns.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    limits: Limits,
    shutdown: impl Future<Output = ()>,
) -> Stopped {
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(limits.header_read_timeout);
    let graceful = GracefulShutdown::new();
    tokio::pin!(shutdown);
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let stream = match accepted {
                    Ok((stream, _)) => stream,
                    Err(e) => {
                        // Out of file descriptors and the like: wait a
                        // moment rather than spin.
                        tracing::warn!("accept failed: {e}");
                        tokio::time::sleep(Duration::from_millis(50)).await;
                        continue;
                    }
                };
                let _ = stream.set_nodelay(true);
                let service = TowerToHyperService::new(app.clone());
                let connection = http.serve_connection(TokioIo::new(stream), service);
                let connection = graceful.watch(connection);
                tokio::spawn(async move {
                    if let Err(e) = connection.await {
                        tracing::debug!("connection closed: {e}");
                    }
                });
            }
            () = &mut shutdown => break,
        }
    }
    drop(listener);
    tokio::select! {
        () = graceful.shutdown() => Stopped::Drained,
        () = tokio::time::sleep(limits.grace) => {
            tracing::warn!("requests still in flight after {:?}: stopping anyway", limits.grace);
            Stopped::GraceExpired
        }
    }
}
