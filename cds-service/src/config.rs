//! What the service is configured with: a small TOML file, then flags and
//! environment variables over it (see `main.rs`).
//!
//! ```toml
//! listen = "127.0.0.1:8080"
//! public_url = "https://cds.example.org"   # the audience base of every JWT
//! allowed_origins = ["https://ehr.example.org"]
//! body_limit_bytes = 4194304
//! request_timeout_ms = 5000
//! fhir_timeout_ms = 3000
//! header_read_timeout_ms = 10000
//! token_lifetime_seconds = 300
//! medication_list_complete = false
//! allergy_list_complete = false
//! fhir_servers = ["https://fhir.example.org/r4"]  # read what is not prefetched from these only
//! policy = "policy.json"                   # optional: the default policy, the core's format
//! codes = "local-codes.json"               # optional, extra FHIR codes
//! docs_url = "https://clinic.example.org/prolotherapy-triage"  # cards' source.url
//! prefetch_include = false                 # true: ask for _include=…:medication too
//! app_dir = "web/dist"                     # optional: the clinician app, served at /app/
//! jwks_ttl_seconds = 300
//! jwks_min_refresh_seconds = 10
//! jwks_timeout_ms = 2000
//!
//! [policies]                               # more policies, by name (REST ?policy=NAME)
//! strict = "strict-policy.json"
//!
//! [[issuer]]
//! iss = "https://ehr.example.org"
//! jwks = "ehr-jwks.json"                   # the issuer's JWK Set, a file…
//!
//! [[issuer]]
//! iss = "https://other-ehr.example.org"
//! jwks_url = "https://other-ehr.example.org/.well-known/jwks.json"  # …or a URL
//! jku = ["https://other-ehr.example.org/keys/2027.json"]  # jku headers honoured
//! ```
//!
//! Relative paths are read from the config file's folder.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use prolo_triage::Policy;
use prolo_triage_fhir::{AsOf, CodeTables};
use serde::Deserialize;

use crate::auth::{Issuer, JwksError, KeyCache, Verifier};

/// The most bytes of a config, policy, code table or JWKS file read.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

/// The name of the default policy in `?policy=` and `GET /v1/policies`.
pub const DEFAULT_POLICY: &str = "default";

/// Why the service cannot start: each setting that is wrong, by name.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StartError {
    /// A file could not be read.
    #[error("{path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A file is larger than [`MAX_FILE_BYTES`].
    #[error("{path}: larger than {MAX_FILE_BYTES} bytes")]
    FileTooLarge {
        /// The file.
        path: PathBuf,
    },
    /// The config file is not valid TOML of the expected shape.
    #[error("{path}: {source}")]
    Toml {
        /// The file.
        path: PathBuf,
        /// The TOML error, naming the key.
        source: Box<toml::de::Error>,
    },
    /// A policy file was refused by the core.
    #[error("{path}: {source}")]
    Policy {
        /// The file.
        path: PathBuf,
        /// The core's error, naming the field.
        source: prolo_triage::Error,
    },
    /// A policy name is not usable in a URL, or is given twice.
    #[error("policies.{name}: {problem}")]
    PolicyName {
        /// The name.
        name: String,
        /// What is wrong.
        problem: &'static str,
    },
    /// A code table file was refused by the FHIR mapping.
    #[error("{path}: {source}")]
    Codes {
        /// The file.
        path: PathBuf,
        /// The mapping's error, naming the entry.
        source: prolo_triage_fhir::Error,
    },
    /// `--as-of` is not a date or instant.
    #[error("--as-of: {0}")]
    AsOf(prolo_triage_fhir::Error),
    /// No issuer, and authentication not disabled.
    #[error(
        "no JWT issuer configured: add [[issuer]] entries to the config file (or --issuer), \
         or pass --dangerously-disable-auth for local development"
    )]
    NoIssuer,
    /// An issuer entry is not usable.
    #[error("issuer {iss}: {problem}")]
    Issuer {
        /// Its `iss`.
        iss: String,
        /// What is wrong.
        problem: String,
    },
    /// An issuer's JWK Set file holds no usable key.
    #[error("issuer {iss}: {source}")]
    Jwks {
        /// Its `iss`.
        iss: String,
        /// Why the set is refused.
        source: JwksError,
    },
    /// A CORS origin is not an origin.
    #[error("allowed origin {origin:?}: expected {expected}")]
    Origin {
        /// The origin given.
        origin: String,
        /// What it should have been.
        expected: String,
    },
    /// A URL setting is not an http(s) URL.
    #[error("{setting}: {value:?} is not an http(s) URL")]
    Url {
        /// The setting (`fhir_servers`, `docs_url`, `jwks_url`).
        setting: &'static str,
        /// The value given.
        value: String,
    },
    /// The app folder (`app_dir`) cannot be served.
    #[error("app_dir {path}: {problem}")]
    AppDir {
        /// The folder.
        path: PathBuf,
        /// What is wrong.
        problem: String,
    },
    /// A limit or timeout is zero.
    #[error("{setting} must be more than 0")]
    Zero {
        /// The setting.
        setting: &'static str,
    },
    /// The FHIR read timeout is not shorter than the request timeout.
    #[error(
        "{setting} must be shorter than request_timeout_ms, or a slow server gives a timeout \
         (503) instead of a bounded answer"
    )]
    NotShorterThanRequest {
        /// `fhir_timeout_ms` or `jwks_timeout_ms`.
        setting: &'static str,
    },
    /// `--issuer` is not `ISS=JWKS`.
    #[error("--issuer {0:?}: expected ISS=FILE or ISS=URL")]
    IssuerFlag(String),
    /// `--policy-named` is not `NAME=FILE`.
    #[error("--policy-named {0:?}: expected NAME=FILE")]
    PolicyFlag(String),
    /// The HTTP client could not start.
    #[error("HTTP client: {0}")]
    HttpClient(#[source] reqwest::Error),
    /// The listening socket could not be had.
    #[error("cannot listen on {addr}: {source}")]
    Listen {
        /// The address.
        addr: SocketAddr,
        /// Why.
        source: std::io::Error,
    },
    /// The metrics registry refused a metric (a bug).
    #[error("metrics: {0}")]
    Metrics(#[from] prometheus::Error),
}

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
    /// Longest a client may take to send a request's headers.
    pub header_read_timeout_ms: Option<u64>,
    /// Longest a JWT may live, which is also the replay window.
    pub token_lifetime_seconds: Option<u64>,
    /// The EHR's medication lists are complete.
    #[serde(default)]
    pub medication_list_complete: bool,
    /// The EHR's allergy lists are complete.
    #[serde(default)]
    pub allergy_list_complete: bool,
    /// The default policy's file.
    pub policy: Option<PathBuf>,
    /// More policies, by name.
    #[serde(default)]
    pub policies: BTreeMap<String, PathBuf>,
    /// A code table file extending the defaults.
    pub codes: Option<PathBuf>,
    /// FHIR servers (base URLs) the service may read from.
    #[serde(default)]
    pub fhir_servers: Vec<String>,
    /// The documentation URL cards link to (`source.url`).
    pub docs_url: Option<String>,
    /// Ask for the medications with `_include` in the prefetch templates.
    #[serde(default)]
    pub prefetch_include: bool,
    /// The clinician app's folder (`web/dist/`), served at `/app/`.
    pub app_dir: Option<PathBuf>,
    /// How long fetched JWK Sets are trusted.
    pub jwks_ttl_seconds: Option<u64>,
    /// The least time between two fetches of one JWK Set.
    pub jwks_min_refresh_seconds: Option<u64>,
    /// Longest a JWK Set fetch may take.
    pub jwks_timeout_ms: Option<u64>,
    /// Trusted JWT issuers.
    #[serde(default, rename = "issuer")]
    pub issuers: Vec<IssuerConfig>,
}

/// One trusted issuer in the config file: its keys from a file (`jwks`)
/// or from its JWK Set URL (`jwks_url`, with the `jku` URLs honoured).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IssuerConfig {
    /// Its `iss`.
    pub iss: String,
    /// A file holding its JWK Set.
    pub jwks: Option<PathBuf>,
    /// The URL of its JWK Set.
    pub jwks_url: Option<String>,
    /// The URLs a token's `jku` header may name (CDS Hooks: the allow-list);
    /// a token naming another is refused.
    #[serde(default)]
    pub jku: Vec<String>,
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
    /// Longest a client may take to send a request's headers (the
    /// connection is closed after it).
    pub header_read_timeout: Duration,
    /// The default policy.
    pub policy: Policy,
    /// More policies by name, for the REST API's `?policy=NAME`.
    pub policies: BTreeMap<String, Policy>,
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
    /// The documentation page cards link to (`source.url`).
    pub docs_url: Option<String>,
    /// The prefetch templates ask for referenced Medications with
    /// `_include`, which is outside the CDS Hooks recommended query subset.
    pub prefetch_include: bool,
    /// A fixed as-of moment instead of the clock (demonstrations and tests
    /// on dated fixtures).
    pub as_of: Option<AsOf>,
    /// The clinician app's folder (`web/dist/`, built by `web/build.sh`),
    /// served at `/app/` with the default policy as `/app/policy.json`;
    /// none: no `/app/`, and no card links to it.
    pub app_dir: Option<PathBuf>,
}

impl Config {
    /// Defaults for a service at `public_url`: 4 MiB bodies, 5 s per
    /// request, 3 s per FHIR read, 10 s to send headers, the default policy
    /// and codes, no CORS, no FHIR server to read from, and
    /// **authentication disabled** until issuers are given with
    /// [`Config::with_issuers`] (the router logs a warning while it is).
    #[must_use]
    pub fn new(public_url: &str) -> Config {
        Config {
            public_url: public_url.trim_end_matches('/').to_owned(),
            allowed_origins: Vec::new(),
            body_limit: 4 * 1024 * 1024,
            request_timeout: Duration::from_secs(5),
            fhir_timeout: Duration::from_secs(3),
            header_read_timeout: Duration::from_secs(10),
            policy: Policy::default(),
            policies: BTreeMap::new(),
            codes: CodeTables::default(),
            medication_list_complete: false,
            allergy_list_complete: false,
            auth: Auth::Disabled,
            fhir_servers: Vec::new(),
            docs_url: None,
            prefetch_include: false,
            as_of: None,
            app_dir: None,
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

    /// The app's URL, `<public_url>/app/`, the base of the cards' links;
    /// none when the service does not serve the app ([`Config::app_dir`]).
    #[must_use]
    pub fn app_url(&self) -> Option<String> {
        self.app_dir
            .as_ref()
            .map(|_| format!("{}/app/", self.public_url))
    }

    /// The policy of a name: [`DEFAULT_POLICY`] or one of
    /// [`Config::policies`].
    #[must_use]
    pub fn policy_named(&self, name: &str) -> Option<&Policy> {
        if name == DEFAULT_POLICY {
            Some(&self.policy)
        } else {
            self.policies.get(name)
        }
    }
}

/// Reads a file of at most [`MAX_FILE_BYTES`].
///
/// # Errors
///
/// [`StartError::Read`] or [`StartError::FileTooLarge`].
pub fn read_file(path: &Path) -> Result<String, StartError> {
    use std::io::Read;
    let read = |source| StartError::Read {
        path: path.to_owned(),
        source,
    };
    let file = std::fs::File::open(path).map_err(read)?;
    let mut text = String::new();
    file.take(MAX_FILE_BYTES.saturating_add(1))
        .read_to_string(&mut text)
        .map_err(read)?;
    if text.len() as u64 > MAX_FILE_BYTES {
        return Err(StartError::FileTooLarge {
            path: path.to_owned(),
        });
    }
    Ok(text)
}

/// Checks the app folder: a folder holding `index.html` (what
/// `web/build.sh` writes into `web/dist/`).
///
/// # Errors
///
/// [`StartError::AppDir`].
pub fn check_app_dir(path: &Path) -> Result<(), StartError> {
    let problem = |problem: &str| StartError::AppDir {
        path: path.to_owned(),
        problem: problem.to_owned(),
    };
    if !path.is_dir() {
        return Err(problem("not a folder"));
    }
    if !path.join("index.html").is_file() {
        return Err(problem(
            "holds no index.html (build the app with `bash web/build.sh`: web/dist/)",
        ));
    }
    Ok(())
}

/// Reads a config file.
///
/// # Errors
///
/// An unreadable file, or [`StartError::Toml`] naming the key.
pub fn read_config(path: &Path) -> Result<FileConfig, StartError> {
    let text = read_file(path)?;
    toml::from_str(&text).map_err(|e| StartError::Toml {
        path: path.to_owned(),
        source: Box::new(e),
    })
}

/// Reads a policy file.
///
/// # Errors
///
/// An unreadable file, or [`StartError::Policy`] naming the field.
pub fn read_policy(path: &Path) -> Result<Policy, StartError> {
    Policy::from_json(&read_file(path)?).map_err(|source| StartError::Policy {
        path: path.to_owned(),
        source,
    })
}

/// Checks a policy name for `?policy=NAME`: `[A-Za-z0-9._-]`, 1 to 64
/// characters, not `default`.
///
/// # Errors
///
/// [`StartError::PolicyName`].
pub fn check_policy_name(name: &str) -> Result<(), StartError> {
    let problem = if name == DEFAULT_POLICY {
        Some("`default` names the default policy (the `policy` key)")
    } else if !(1..=64).contains(&name.len())
        || !name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
    {
        Some("expected 1 to 64 characters of [A-Za-z0-9._-]")
    } else {
        None
    };
    match problem {
        Some(problem) => Err(StartError::PolicyName {
            name: name.to_owned(),
            problem,
        }),
        None => Ok(()),
    }
}

/// An http(s) URL, or the setting named in the error.
///
/// # Errors
///
/// [`StartError::Url`].
pub fn http_url(setting: &'static str, value: &str) -> Result<reqwest::Url, StartError> {
    reqwest::Url::parse(value)
        .ok()
        .filter(|u| matches!(u.scheme(), "http" | "https") && u.host().is_some())
        .ok_or_else(|| StartError::Url {
            setting,
            value: value.to_owned(),
        })
}

/// How fetched JWK Sets are cached.
#[derive(Debug, Clone, Copy)]
pub struct JwksSettings {
    /// How long a fetched set is trusted.
    pub ttl: Duration,
    /// The least time between two fetches of one set (a flood of tokens
    /// with unknown `kid`s cannot make the service hammer the issuer).
    pub min_refresh: Duration,
    /// Longest one fetch may take.
    pub timeout: Duration,
}

impl Default for JwksSettings {
    fn default() -> JwksSettings {
        JwksSettings {
            ttl: Duration::from_secs(300),
            min_refresh: Duration::from_secs(10),
            timeout: Duration::from_secs(2),
        }
    }
}

/// The issuers of a config file, with the keys skipped (to warn about).
///
/// # Errors
///
/// An unreadable JWKS file or one without a usable key, an issuer with
/// neither or both of `jwks` and `jwks_url`, a URL that is not http(s).
pub fn load_issuers(
    issuers: &[IssuerConfig],
    base: &Path,
    jwks: JwksSettings,
) -> Result<(Vec<Issuer>, Vec<String>), StartError> {
    let mut out = Vec::new();
    let mut skipped = Vec::new();
    for i in issuers {
        let problem = |problem: &str| StartError::Issuer {
            iss: i.iss.clone(),
            problem: problem.to_owned(),
        };
        match (&i.jwks, &i.jwks_url) {
            (Some(file), None) => {
                if !i.jku.is_empty() {
                    return Err(problem(
                        "jku URLs need jwks_url: keys from a file are never fetched",
                    ));
                }
                let text = read_file(&base.join(file))?;
                let (issuer, mut why) =
                    Issuer::from_jwks(i.iss.clone(), &text).map_err(|source| StartError::Jwks {
                        iss: i.iss.clone(),
                        source,
                    })?;
                out.push(issuer);
                skipped.append(&mut why);
            }
            (None, Some(url)) => {
                let url = http_url("jwks_url", url)?;
                let jku = i
                    .jku
                    .iter()
                    .map(|u| http_url("jku", u))
                    .collect::<Result<Vec<_>, _>>()?;
                out.push(Issuer::from_url(
                    i.iss.clone(),
                    KeyCache::new(url, jku, jwks),
                ));
            }
            (Some(_), Some(_)) => return Err(problem("give jwks (a file) or jwks_url, not both")),
            (None, None) => return Err(problem("needs jwks (a file) or jwks_url")),
        }
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
        assert_eq!(c.issuers.len(), 2);
        assert_eq!(c.policies.len(), 1);
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

#[cfg(test)]
mod start_errors {
    use super::*;

    #[test]
    fn policy_names_are_url_safe_and_not_default() {
        assert!(check_policy_name("strict-2").is_ok());
        for bad in ["default", "", "a b", "x/y", &"n".repeat(65)] {
            assert!(
                matches!(check_policy_name(bad), Err(StartError::PolicyName { .. })),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn issuers_need_exactly_one_key_source() {
        let base = Path::new(".");
        let s = JwksSettings::default();
        let both = IssuerConfig {
            iss: "i".into(),
            jwks: Some("a.json".into()),
            jwks_url: Some("https://e/k".into()),
            jku: Vec::new(),
        };
        let neither = IssuerConfig {
            iss: "i".into(),
            ..IssuerConfig::default()
        };
        for bad in [both, neither] {
            assert!(matches!(
                load_issuers(&[bad], base, s),
                Err(StartError::Issuer { .. })
            ));
        }
        let ftp = IssuerConfig {
            iss: "i".into(),
            jwks_url: Some("ftp://e/k".into()),
            ..IssuerConfig::default()
        };
        assert!(matches!(
            load_issuers(&[ftp], base, s),
            Err(StartError::Url {
                setting: "jwks_url",
                ..
            })
        ));
        let missing = IssuerConfig {
            iss: "i".into(),
            jwks: Some("no-such-file.json".into()),
            ..IssuerConfig::default()
        };
        assert!(matches!(
            load_issuers(&[missing], base, s),
            Err(StartError::Read { .. })
        ));
    }
}
