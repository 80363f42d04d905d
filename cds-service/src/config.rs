//! What the service is configured with: flags, or a small TOML file.
//!
//! ```toml
//! listen = "127.0.0.1:8080"
//! public_url = "https://cds.example.org"   # the audience base of every JWT
//! allowed_origins = ["https://ehr.example.org"]
//! body_limit_bytes = 4194304
//! request_timeout_ms = 5000
//! fhir_timeout_ms = 3000
//! token_lifetime_seconds = 300
//! medication_list_complete = false
//! allergy_list_complete = false
//! fhir_servers = ["https://fhir.example.org/r4"]  # read what is not prefetched from these only
//! policy = "policy.json"                   # optional, the core's policy format
//! codes = "local-codes.json"               # optional, extra FHIR codes
//!
//! [[issuer]]
//! iss = "https://ehr.example.org"
//! jwks = "ehr-jwks.json"                   # the issuer's JWK Set, a file
//! ```
//!
//! Relative paths are read from the config file's folder.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use prolo_triage::Policy;
use prolo_triage_fhir::{AsOf, CodeTables};
use serde::Deserialize;

use crate::auth::{Issuer, Verifier};

/// The most bytes of a config, policy, code table or JWKS file read.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

/// The config file, as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileConfig {
    /// Address to listen on.
    pub listen: Option<SocketAddr>,
    /// The service's public base URL (JWT audience base).
    pub public_url: Option<String>,
    /// Origins allowed by CORS.
    #[serde(default)]
    pub allowed_origins: Vec<String>,
    /// Largest request body.
    pub body_limit_bytes: Option<usize>,
    /// Longest a request may take.
    pub request_timeout_ms: Option<u64>,
    /// Longest a FHIR server read may take.
    pub fhir_timeout_ms: Option<u64>,
    /// Longest a JWT may live, which is also the replay window.
    pub token_lifetime_seconds: Option<u64>,
    /// The EHR's medication lists are complete.
    #[serde(default)]
    pub medication_list_complete: bool,
    /// The EHR's allergy lists are complete.
    #[serde(default)]
    pub allergy_list_complete: bool,
    /// A policy file.
    pub policy: Option<PathBuf>,
    /// A code table file extending the defaults.
    pub codes: Option<PathBuf>,
    /// FHIR servers (base URLs) the service may read from.
    #[serde(default)]
    pub fhir_servers: Vec<String>,
    /// Trusted JWT issuers.
    #[serde(default, rename = "issuer")]
    pub issuers: Vec<IssuerConfig>,
}

/// One trusted issuer in the config file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IssuerConfig {
    /// Its `iss`.
    pub iss: String,
    /// A file holding its JWK Set.
    pub jwks: PathBuf,
}

/// How requests are authenticated.
#[derive(Debug)]
pub enum Auth {
    /// JWT bearer tokens, verified.
    Jwt(Verifier),
    /// Nothing checked: local development only.
    Disabled,
}

/// The running service's settings.
#[derive(Debug)]
pub struct Config {
    /// The public base URL, without a trailing slash.
    pub public_url: String,
    /// Origins allowed by CORS (none: no CORS headers).
    pub allowed_origins: Vec<String>,
    /// Largest request body in bytes.
    pub body_limit: usize,
    /// Longest a request may take.
    pub request_timeout: Duration,
    /// Longest one FHIR server read may take.
    pub fhir_timeout: Duration,
    /// The policy.
    pub policy: Policy,
    /// The FHIR code tables.
    pub codes: CodeTables,
    /// The EHR's medication lists are complete.
    pub medication_list_complete: bool,
    /// The EHR's allergy lists are complete.
    pub allergy_list_complete: bool,
    /// Authentication.
    pub auth: Auth,
    /// The FHIR servers (base URLs) a request's `fhirServer` may name for
    /// the service to read what was not prefetched; none: it reads nothing.
    pub fhir_servers: Vec<String>,
    /// A fixed as-of moment instead of the clock (demonstrations and tests
    /// on dated fixtures).
    pub as_of: Option<AsOf>,
}

impl Config {
    /// Defaults for a service at `public_url`: 4 MiB bodies, 5 s per
    /// request, 3 s per FHIR read, the default policy and codes, no CORS,
    /// no FHIR server to read from, and **authentication disabled** until
    /// issuers are given with [`Config::with_issuers`] (the router logs a
    /// warning while it is).
    #[must_use]
    pub fn new(public_url: &str) -> Config {
        Config {
            public_url: public_url.trim_end_matches('/').to_owned(),
            allowed_origins: Vec::new(),
            body_limit: 4 * 1024 * 1024,
            request_timeout: Duration::from_secs(5),
            fhir_timeout: Duration::from_secs(3),
            policy: Policy::default(),
            codes: CodeTables::default(),
            medication_list_complete: false,
            allergy_list_complete: false,
            auth: Auth::Disabled,
            fhir_servers: Vec::new(),
            as_of: None,
        }
    }

    /// Verifies JWTs from these issuers, tokens living at most
    /// `token_lifetime_seconds`.
    #[must_use]
    pub fn with_issuers(mut self, issuers: Vec<Issuer>, token_lifetime_seconds: u64) -> Config {
        self.auth = Auth::Jwt(Verifier::new(issuers, token_lifetime_seconds));
        self
    }

    /// The URL of a service, the `aud` its tokens must carry.
    #[must_use]
    pub fn audience(&self, service_id: &str) -> String {
        format!("{}/cds-services/{service_id}", self.public_url)
    }
}

/// Reads a file of at most [`MAX_FILE_BYTES`].
///
/// # Errors
///
/// The path and what went wrong.
pub fn read_file(path: &Path) -> Result<String, String> {
    use std::io::Read;
    let file = std::fs::File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut text = String::new();
    file.take(MAX_FILE_BYTES.saturating_add(1))
        .read_to_string(&mut text)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    if text.len() as u64 > MAX_FILE_BYTES {
        return Err(format!(
            "{}: larger than {MAX_FILE_BYTES} bytes",
            path.display()
        ));
    }
    Ok(text)
}

/// Reads a config file.
///
/// # Errors
///
/// The path, and the TOML error naming the key.
pub fn read_config(path: &Path) -> Result<FileConfig, String> {
    let text = read_file(path)?;
    toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// The issuers of a config file, with the keys skipped (to warn about).
///
/// # Errors
///
/// An unreadable JWKS file or one without a usable key.
pub fn load_issuers(
    issuers: &[IssuerConfig],
    base: &Path,
) -> Result<(Vec<Issuer>, Vec<String>), String> {
    let mut out = Vec::new();
    let mut skipped = Vec::new();
    for i in issuers {
        let text = read_file(&base.join(&i.jwks))?;
        let (issuer, mut why) = Issuer::from_jwks(i.iss.clone(), &text)?;
        out.push(issuer);
        skipped.append(&mut why);
    }
    Ok((out, skipped))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_example_config_in_the_module_docs_parses() {
        let doc = include_str!("config.rs");
        let start = doc.find("//! ```toml\n").unwrap() + 12;
        let end = start + doc[start..].find("//! ```\n").unwrap();
        let toml_text: String = doc[start..end]
            .lines()
            .map(|l| {
                l.strip_prefix("//! ")
                    .unwrap_or(l.strip_prefix("//!").unwrap_or(l))
            })
            .collect::<Vec<_>>()
            .join("\n");
        let c: FileConfig = toml::from_str(&toml_text).unwrap();
        assert_eq!(c.issuers.len(), 1);
        assert_eq!(c.listen.unwrap().port(), 8080);
        assert_eq!(c.allowed_origins, ["https://ehr.example.org"]);
    }

    #[test]
    fn unknown_keys_are_refused() {
        let e = toml::from_str::<FileConfig>("listen_on = \"x\"").unwrap_err();
        assert!(e.to_string().contains("listen_on"), "{e}");
    }

    #[test]
    fn audience_is_the_service_url() {
        let c = Config::new("https://cds.example.org/");
        assert_eq!(
            c.audience("prolo-triage"),
            "https://cds.example.org/cds-services/prolo-triage"
        );
        assert!(matches!(c.auth, Auth::Disabled));
    }
}
