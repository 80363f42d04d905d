//! `prolo-triage-cds`: the CDS Hooks service and REST API.
//!
//! ```text
//! cargo run -p prolo-triage-cds -- --listen 127.0.0.1:8080 [--config FILE] \
//!     [--public-url URL] [--allow-origin ORIGIN]... [--as-of DATE] \
//!     [--log-format text|json] [--dangerously-disable-auth] [...]
//! ```
//!
//! Every setting is a flag, an environment variable (`PROLO_CDS_…`, shown
//! by `--help`) and, for most, a key of the config file; a flag or a
//! variable overrides the file.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use clap::{Parser, ValueEnum};
use prolo_triage_cds::config::{
    check_app_dir, check_policy_name, http_url, load_issuers, read_config, read_file, read_policy,
    FileConfig, IssuerConfig, JwksSettings, StartError,
};
use prolo_triage_cds::serve::{serve, Limits, Stopped};
use prolo_triage_cds::{router, shutdown_signal, AppState, Config};
use prolo_triage_fhir::{AsOf, CodeTables};

#[derive(Debug, Parser)]
#[command(
    name = "prolo-triage-cds",
    version,
    about = "CDS Hooks service and REST API: prolotherapy triage for foot problems"
)]
#[allow(clippy::struct_excessive_bools)]
struct Args {
    /// Address to listen on (default 127.0.0.1:8080, or the config file's).
    #[arg(long, env = "PROLO_CDS_LISTEN")]
    listen: Option<SocketAddr>,
    /// A TOML config file (see the README); flags and variables override it.
    #[arg(long, env = "PROLO_CDS_CONFIG")]
    config: Option<PathBuf>,
    /// The service's public base URL, the audience base of every JWT
    /// (default http://<listen>).
    #[arg(long, env = "PROLO_CDS_PUBLIC_URL")]
    public_url: Option<String>,
    /// An origin allowed by CORS (repeatable; the variable takes a comma
    /// separated list).
    #[arg(
        long = "allow-origin",
        env = "PROLO_CDS_ALLOWED_ORIGINS",
        value_delimiter = ','
    )]
    allow_origins: Vec<String>,
    /// Largest request body in bytes (default 4194304).
    #[arg(long, env = "PROLO_CDS_BODY_LIMIT_BYTES")]
    body_limit_bytes: Option<usize>,
    /// Longest a request may take, in ms (default 5000).
    #[arg(long, env = "PROLO_CDS_REQUEST_TIMEOUT_MS")]
    request_timeout_ms: Option<u64>,
    /// Longest one FHIR server read may take, in ms (default 3000).
    #[arg(long, env = "PROLO_CDS_FHIR_TIMEOUT_MS")]
    fhir_timeout_ms: Option<u64>,
    /// Longest a client may take to send a request's headers, in ms
    /// (default 10000).
    #[arg(long, env = "PROLO_CDS_HEADER_READ_TIMEOUT_MS")]
    header_read_timeout_ms: Option<u64>,
    /// Longest a JWT may live (exp - iat), the replay window (default 300).
    #[arg(long, env = "PROLO_CDS_TOKEN_LIFETIME_SECONDS")]
    token_lifetime_seconds: Option<u64>,
    /// The EHR's medication lists are complete.
    #[arg(long, env = "PROLO_CDS_MEDICATION_LIST_COMPLETE")]
    medication_list_complete: bool,
    /// The EHR's allergy lists are complete.
    #[arg(long, env = "PROLO_CDS_ALLERGY_LIST_COMPLETE")]
    allergy_list_complete: bool,
    /// The default policy's file (the core's policy format).
    #[arg(long, env = "PROLO_CDS_POLICY")]
    policy: Option<PathBuf>,
    /// A named policy for the REST API's ?policy=NAME, as NAME=FILE
    /// (repeatable; the variable takes a comma separated list).
    #[arg(
        long = "policy-named",
        env = "PROLO_CDS_POLICIES",
        value_delimiter = ','
    )]
    policies: Vec<String>,
    /// A code table file extending the FHIR mapping's codes.
    #[arg(long, env = "PROLO_CDS_CODES")]
    codes: Option<PathBuf>,
    /// A FHIR server (base URL) the service may read from (repeatable; the
    /// variable takes a comma separated list).
    #[arg(
        long = "fhir-server",
        env = "PROLO_CDS_FHIR_SERVERS",
        value_delimiter = ','
    )]
    fhir_servers: Vec<String>,
    /// The documentation page every card links to (source.url).
    #[arg(long, env = "PROLO_CDS_DOCS_URL")]
    docs_url: Option<String>,
    /// Ask for referenced Medications with _include in the prefetch
    /// templates (outside the CDS Hooks recommended query subset).
    #[arg(long, env = "PROLO_CDS_PREFETCH_INCLUDE")]
    prefetch_include: bool,
    /// The clinician app's folder (web/dist, built by web/build.sh), served
    /// at /app/ with the default policy as /app/policy.json; cards with
    /// open questions then link to <public-url>/app/.
    #[arg(long, env = "PROLO_CDS_APP_DIR")]
    app_dir: Option<PathBuf>,
    /// A trusted JWT issuer, as ISS=JWKS where JWKS is a file or an
    /// http(s) URL of its JWK Set (repeatable; the variable takes a comma
    /// separated list). Added to the config file's [[issuer]] entries.
    #[arg(long = "issuer", env = "PROLO_CDS_ISSUERS", value_delimiter = ',')]
    issuers: Vec<String>,
    /// How long a fetched JWK Set is trusted, in seconds (default 300).
    #[arg(long, env = "PROLO_CDS_JWKS_TTL_SECONDS")]
    jwks_ttl_seconds: Option<u64>,
    /// The least time between two fetches of one JWK Set, in seconds
    /// (default 10).
    #[arg(long, env = "PROLO_CDS_JWKS_MIN_REFRESH_SECONDS")]
    jwks_min_refresh_seconds: Option<u64>,
    /// Longest a JWK Set fetch may take, in ms (default 2000).
    #[arg(long, env = "PROLO_CDS_JWKS_TIMEOUT_MS")]
    jwks_timeout_ms: Option<u64>,
    /// Assess as of this date or instant instead of the clock (for
    /// demonstrations on dated records).
    #[arg(long, env = "PROLO_CDS_AS_OF")]
    as_of: Option<String>,
    /// Log lines as text or JSON.
    #[arg(long, value_enum, default_value = "text", env = "PROLO_CDS_LOG_FORMAT")]
    log_format: LogFormat,
    /// Accept requests without a JWT. For local development only: anyone
    /// who can reach the port can then call the service.
    #[arg(long, env = "PROLO_CDS_DANGEROUSLY_DISABLE_AUTH")]
    dangerously_disable_auth: bool,
    /// Print the OpenAPI document of the REST API and exit.
    #[arg(long)]
    print_openapi: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum LogFormat {
    Text,
    Json,
}

fn main() -> ExitCode {
    let args = Args::parse();
    if args.print_openapi {
        print!("{}", prolo_triage_cds::openapi::document_text());
        return ExitCode::SUCCESS;
    }
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
    match runtime.block_on(run(config, listen)) {
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

fn millis(flag: Option<u64>, file: Option<u64>) -> Option<Duration> {
    flag.or(file).map(Duration::from_millis)
}

fn configure(args: &Args) -> Result<(Config, SocketAddr), StartError> {
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
    let explicit_public_url = args.public_url.clone().or(file.public_url.clone());
    let public_url = explicit_public_url
        .clone()
        .unwrap_or_else(|| format!("http://{listen}"));
    let mut config = Config::new(&public_url);
    config.allowed_origins = file.allowed_origins.clone();
    config
        .allowed_origins
        .extend(args.allow_origins.iter().cloned());
    if let Some(b) = args.body_limit_bytes.or(file.body_limit_bytes) {
        config.body_limit = b;
    }
    if let Some(d) = millis(args.request_timeout_ms, file.request_timeout_ms) {
        config.request_timeout = d;
    }
    if let Some(d) = millis(args.fhir_timeout_ms, file.fhir_timeout_ms) {
        config.fhir_timeout = d;
    }
    if let Some(d) = millis(args.header_read_timeout_ms, file.header_read_timeout_ms) {
        config.header_read_timeout = d;
    }
    config.medication_list_complete =
        args.medication_list_complete || file.medication_list_complete;
    config.allergy_list_complete = args.allergy_list_complete || file.allergy_list_complete;
    config.prefetch_include = args.prefetch_include || file.prefetch_include;
    // A flag's path is the caller's; a file's path is read from the file's folder.
    let policy = args
        .policy
        .clone()
        .or_else(|| file.policy.as_ref().map(|p| base.join(p)));
    if let Some(path) = &policy {
        config.policy = read_policy(path)?;
    }
    for (name, path) in &file.policies {
        check_policy_name(name)?;
        config
            .policies
            .insert(name.clone(), read_policy(&base.join(path))?);
    }
    for entry in &args.policies {
        let (name, path) = entry
            .split_once('=')
            .ok_or_else(|| StartError::PolicyFlag(entry.clone()))?;
        check_policy_name(name)?;
        config
            .policies
            .insert(name.to_owned(), read_policy(Path::new(path))?);
    }
    let codes = args
        .codes
        .clone()
        .or_else(|| file.codes.as_ref().map(|p| base.join(p)));
    if let Some(path) = &codes {
        config.codes = CodeTables::default()
            .extended_from_json(&read_file(path)?)
            .map_err(|source| StartError::Codes {
                path: path.clone(),
                source,
            })?;
    }
    if let Some(text) = &args.as_of {
        config.as_of = Some(text.parse::<AsOf>().map_err(StartError::AsOf)?);
        tracing::warn!(
            "the clock is fixed at {text} (--as-of): for demonstrations on dated records only"
        );
    }
    config.fhir_servers = file.fhir_servers.clone();
    config
        .fhir_servers
        .extend(args.fhir_servers.iter().cloned());
    config.docs_url = args.docs_url.clone().or(file.docs_url.clone());
    config.app_dir = args
        .app_dir
        .clone()
        .or_else(|| file.app_dir.as_ref().map(|p| base.join(p)));
    if let Some(dir) = &config.app_dir {
        check_app_dir(dir)?;
        // The cards' links must open in a clinician's browser: a wildcard
        // address is no host to go to, port 0 no port.
        if explicit_public_url.is_none() && (listen.ip().is_unspecified() || listen.port() == 0) {
            return Err(StartError::AppDir {
                path: dir.clone(),
                problem: format!(
                    "the cards would link to http://{listen}/app/, which no browser can open: \
                     set public_url (--public-url) to the address clinicians reach"
                ),
            });
        }
    }
    let jwks = JwksSettings {
        ttl: args
            .jwks_ttl_seconds
            .or(file.jwks_ttl_seconds)
            .map_or(JwksSettings::default().ttl, Duration::from_secs),
        min_refresh: args
            .jwks_min_refresh_seconds
            .or(file.jwks_min_refresh_seconds)
            .map_or(JwksSettings::default().min_refresh, Duration::from_secs),
        timeout: millis(args.jwks_timeout_ms, file.jwks_timeout_ms)
            .unwrap_or(JwksSettings::default().timeout),
    };
    check(&config, jwks)?;
    if args.dangerously_disable_auth {
        tracing::warn!(
            "AUTHENTICATION IS DISABLED (--dangerously-disable-auth): any caller that can reach \
             {listen} gets patient assessments. For local development only."
        );
    } else {
        let mut issuers = file.issuers.clone();
        for entry in &args.issuers {
            issuers.push(issuer_flag(entry)?);
        }
        if issuers.is_empty() {
            return Err(StartError::NoIssuer);
        }
        // A flag's file is the caller's path; the config file's are
        // relative to its folder (an absolute path stays as it is).
        let (issuers, skipped) = load_issuers(&issuers, &base, jwks)?;
        for why in skipped {
            tracing::warn!("JWKS key skipped: {why}");
        }
        let lifetime = args
            .token_lifetime_seconds
            .or(file.token_lifetime_seconds)
            .unwrap_or(300);
        if lifetime == 0 {
            return Err(StartError::Zero {
                setting: "token_lifetime_seconds",
            });
        }
        tracing::info!(issuers = ?issuers.iter().map(|i| i.iss().to_owned()).collect::<Vec<_>>(), audience_base = %config.public_url, "JWT verification on");
        config = config.with_issuers(issuers, lifetime);
    }
    Ok((config, listen))
}

/// `--issuer ISS=JWKS`: a URL when it starts with http:// or https://,
/// else a file (made absolute, so the config file's folder does not apply).
fn issuer_flag(entry: &str) -> Result<IssuerConfig, StartError> {
    let (iss, jwks) = entry
        .rsplit_once('=')
        .filter(|(iss, jwks)| !iss.is_empty() && !jwks.is_empty())
        .ok_or_else(|| StartError::IssuerFlag(entry.to_owned()))?;
    let mut issuer = IssuerConfig {
        iss: iss.to_owned(),
        ..IssuerConfig::default()
    };
    if jwks.starts_with("http://") || jwks.starts_with("https://") {
        issuer.jwks_url = Some(jwks.to_owned());
    } else {
        let path = PathBuf::from(jwks);
        issuer.jwks = Some(std::path::absolute(&path).unwrap_or(path));
    }
    Ok(issuer)
}

/// Settings that cannot work together are refused at start, not found out
/// on the first request.
fn check(config: &Config, jwks: JwksSettings) -> Result<(), StartError> {
    for origin in &config.allowed_origins {
        let url = reqwest::Url::parse(origin).map_err(|_| StartError::Origin {
            origin: origin.clone(),
            expected: "scheme://host[:port] (\"*\" is not allowed)".into(),
        })?;
        if url.origin().ascii_serialization() != *origin {
            return Err(StartError::Origin {
                origin: origin.clone(),
                expected: format!("exactly {:?}", url.origin().ascii_serialization()),
            });
        }
    }
    for server in &config.fhir_servers {
        http_url("fhir_servers", server)?;
    }
    if let Some(url) = &config.docs_url {
        http_url("docs_url", url)?;
    }
    for (setting, zero) in [
        ("request_timeout_ms", config.request_timeout.is_zero()),
        ("fhir_timeout_ms", config.fhir_timeout.is_zero()),
        (
            "header_read_timeout_ms",
            config.header_read_timeout.is_zero(),
        ),
        ("jwks_timeout_ms", jwks.timeout.is_zero()),
        ("jwks_ttl_seconds", jwks.ttl.is_zero()),
        ("body_limit_bytes", config.body_limit == 0),
    ] {
        if zero {
            return Err(StartError::Zero { setting });
        }
    }
    if config.fhir_timeout >= config.request_timeout {
        return Err(StartError::NotShorterThanRequest {
            setting: "fhir_timeout_ms",
        });
    }
    if jwks.timeout >= config.request_timeout {
        return Err(StartError::NotShorterThanRequest {
            setting: "jwks_timeout_ms",
        });
    }
    Ok(())
}

async fn run(config: Config, listen: SocketAddr) -> Result<(), StartError> {
    let policy = format!("{} {}", config.policy.name(), config.policy.version());
    let limits = Limits::of(&config);
    let state = AppState::new(config)?;
    let listener = tokio::net::TcpListener::bind(listen)
        .await
        .map_err(|source| StartError::Listen {
            addr: listen,
            source,
        })?;
    let local = listener.local_addr().map_err(|source| StartError::Listen {
        addr: listen,
        source,
    })?;
    tracing::info!(%local, %policy, "prolo-triage-cds listening; discovery at /cds-services, REST API at /v1, OpenAPI at /openapi.json");
    // On SIGTERM or Ctrl-C: stop accepting, let requests in flight finish,
    // but no longer than one request may take (and a second to write it).
    match serve(listener, router(state), limits, shutdown_signal()).await {
        Stopped::Drained => {}
        Stopped::GraceExpired => tracing::warn!("stopped with requests still in flight"),
    }
    tracing::info!("stopped");
    Ok(())
}
