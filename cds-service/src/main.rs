//! `prolo-triage-cds`: the CDS Hooks service.
//!
//! ```text
//! cargo run -p prolo-triage-cds -- --listen 127.0.0.1:8080 [--config FILE] \
//!     [--public-url URL] [--allow-origin ORIGIN]... [--as-of DATE] \
//!     [--log-format text|json] [--dangerously-disable-auth]
//! ```

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::{Parser, ValueEnum};
use prolo_triage::Policy;
use prolo_triage_cds::config::{load_issuers, read_config, read_file, FileConfig};
use prolo_triage_cds::{router, shutdown_signal, AppState, Config};
use prolo_triage_fhir::{AsOf, CodeTables};

#[derive(Debug, Parser)]
#[command(
    name = "prolo-triage-cds",
    version,
    about = "CDS Hooks service: prolotherapy triage for foot problems, as a card in the EHR"
)]
struct Args {
    /// Address to listen on (default 127.0.0.1:8080, or the config file's).
    #[arg(long)]
    listen: Option<SocketAddr>,
    /// A TOML config file (see the README); flags override it.
    #[arg(long)]
    config: Option<PathBuf>,
    /// The service's public base URL, the audience base of every JWT
    /// (default http://<listen>).
    #[arg(long)]
    public_url: Option<String>,
    /// An origin allowed by CORS (repeatable).
    #[arg(long = "allow-origin")]
    allow_origins: Vec<String>,
    /// Assess as of this date or instant instead of the clock (for
    /// demonstrations on dated records).
    #[arg(long)]
    as_of: Option<String>,
    /// Log lines as text or JSON.
    #[arg(long, value_enum, default_value = "text")]
    log_format: LogFormat,
    /// Accept requests without a JWT. For local development only: anyone
    /// who can reach the port can then call the service.
    #[arg(long)]
    dangerously_disable_auth: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum LogFormat {
    Text,
    Json,
}

fn main() -> ExitCode {
    let args = Args::parse();
    init_logging(args.log_format);
    let (config, listen) = match configure(&args) {
        Ok(c) => c,
        Err(e) => {
            tracing::error!("{e}");
            eprintln!("prolo-triage-cds: {e}");
            return ExitCode::from(2);
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("prolo-triage-cds: cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(serve(config, listen)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!("{e}");
            eprintln!("prolo-triage-cds: {e}");
            ExitCode::FAILURE
        }
    }
}

fn init_logging(format: LogFormat) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    // Colours only for a person at a terminal, never into a log file.
    let ansi = std::io::IsTerminal::is_terminal(&std::io::stderr());
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(ansi);
    match format {
        LogFormat::Text => builder.init(),
        LogFormat::Json => builder.json().flatten_event(true).init(),
    }
}

fn configure(args: &Args) -> Result<(Config, SocketAddr), String> {
    let (file, base) = match &args.config {
        Some(path) => (
            read_config(path)?,
            path.parent().map(PathBuf::from).unwrap_or_default(),
        ),
        None => (FileConfig::default(), PathBuf::new()),
    };
    let listen = args
        .listen
        .or(file.listen)
        .unwrap_or_else(|| SocketAddr::from(([127, 0, 0, 1], 8080)));
    let public_url = args
        .public_url
        .clone()
        .or(file.public_url.clone())
        .unwrap_or_else(|| format!("http://{listen}"));
    let mut config = Config::new(&public_url);
    config.allowed_origins = file.allowed_origins.clone();
    config
        .allowed_origins
        .extend(args.allow_origins.iter().cloned());
    if let Some(b) = file.body_limit_bytes {
        config.body_limit = b;
    }
    if let Some(ms) = file.request_timeout_ms {
        config.request_timeout = Duration::from_millis(ms);
    }
    if let Some(ms) = file.fhir_timeout_ms {
        config.fhir_timeout = Duration::from_millis(ms);
    }
    config.medication_list_complete = file.medication_list_complete;
    config.allergy_list_complete = file.allergy_list_complete;
    if let Some(path) = &file.policy {
        let path = base.join(path);
        config.policy = Policy::from_json(&read_file(&path)?)
            .map_err(|e| format!("{}: {e}", path.display()))?;
    }
    if let Some(path) = &file.codes {
        let path = base.join(path);
        config.codes = CodeTables::default()
            .extended_from_json(&read_file(&path)?)
            .map_err(|e| format!("{}: {e}", path.display()))?;
    }
    if let Some(text) = &args.as_of {
        config.as_of = Some(text.parse::<AsOf>().map_err(|e| format!("--as-of: {e}"))?);
        tracing::warn!(
            "the clock is fixed at {text} (--as-of): for demonstrations on dated records only"
        );
    }
    config.fhir_servers = file.fhir_servers.clone();
    check(&config)?;
    if args.dangerously_disable_auth {
        tracing::warn!(
            "AUTHENTICATION IS DISABLED (--dangerously-disable-auth): any caller that can reach \
             {listen} gets patient assessments. For local development only."
        );
    } else {
        if file.issuers.is_empty() {
            return Err(
                "no JWT issuer configured: add [[issuer]] entries to the config file, \
                 or pass --dangerously-disable-auth for local development"
                    .into(),
            );
        }
        let (issuers, skipped) = load_issuers(&file.issuers, &base)?;
        for why in skipped {
            tracing::warn!("JWKS key skipped: {why}");
        }
        let lifetime = file.token_lifetime_seconds.unwrap_or(300);
        if lifetime == 0 {
            return Err("token_lifetime_seconds must be more than 0".into());
        }
        tracing::info!(issuers = ?issuers.iter().map(|i| i.iss().to_owned()).collect::<Vec<_>>(), audience_base = %config.public_url, "JWT verification on");
        config = config.with_issuers(issuers, lifetime);
    }
    Ok((config, listen))
}

/// Settings that cannot work together are refused at start, not found out
/// on the first request.
fn check(config: &Config) -> Result<(), String> {
    for origin in &config.allowed_origins {
        let url = reqwest::Url::parse(origin).map_err(|_| {
            format!(
                "allowed origin {origin:?}: expected scheme://host[:port] (\"*\" is not allowed)"
            )
        })?;
        if url.origin().ascii_serialization() != *origin {
            return Err(format!(
                "allowed origin {origin:?}: expected exactly {:?}",
                url.origin().ascii_serialization()
            ));
        }
    }
    for server in &config.fhir_servers {
        let ok = reqwest::Url::parse(server).is_ok_and(|u| matches!(u.scheme(), "http" | "https"));
        if !ok {
            return Err(format!("fhir_servers: {server:?} is not an http(s) URL"));
        }
    }
    if config.request_timeout.is_zero() || config.fhir_timeout.is_zero() {
        return Err("request_timeout_ms and fhir_timeout_ms must be more than 0".into());
    }
    if config.fhir_timeout >= config.request_timeout {
        return Err(
            "fhir_timeout_ms must be shorter than request_timeout_ms, or a slow FHIR server \
             gives a timeout (503) instead of a 412"
                .into(),
        );
    }
    if config.body_limit == 0 {
        return Err("body_limit_bytes must be more than 0".into());
    }
    Ok(())
}

async fn serve(config: Config, listen: SocketAddr) -> Result<(), String> {
    let policy = format!("{} {}", config.policy.name(), config.policy.version());
    let state = AppState::new(config)?;
    let listener = tokio::net::TcpListener::bind(listen)
        .await
        .map_err(|e| format!("cannot listen on {listen}: {e}"))?;
    let local = listener.local_addr().map_err(|e| e.to_string())?;
    tracing::info!(%local, %policy, "prolo-triage-cds listening; discovery at /cds-services");
    // On SIGTERM or Ctrl-C: stop accepting, let requests in flight finish,
    // but no longer than one request may take (and a second to write it).
    let grace = state
        .config()
        .request_timeout
        .saturating_add(Duration::from_secs(1));
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let server = axum::serve(listener, router(state)).with_graceful_shutdown({
        let mut stopped = stopped.clone();
        async move {
            let _ = stopped.wait_for(|s| *s).await;
        }
    });
    tokio::spawn(async move {
        shutdown_signal().await;
        let _ = stop.send(true);
    });
    let mut stopped = stopped;
    let deadline = async move {
        let _ = stopped.wait_for(|s| *s).await;
        tokio::time::sleep(grace).await;
    };
    tokio::select! {
        result = server => result.map_err(|e| format!("server: {e}"))?,
        () = deadline => tracing::warn!("requests still in flight after {grace:?}: stopping anyway"),
    }
    tracing::info!("stopped");
    Ok(())
}
