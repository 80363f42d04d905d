//! The policy an assessment was made under, for audit.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use super::Thresholds;
use crate::policy::Policy;
use crate::rules::RULES_FINGERPRINT;

/// The name, version and fingerprint of the policy an assessment was made
/// under.
///
/// # Example
///
/// ```
/// use prolo_triage::{assess, Policy, Presentation};
/// let a = assess(&Presentation::default(), &Policy::default());
/// assert_eq!(a.policy.name, "literature-defaults");
/// assert_eq!(a.policy.fingerprint, Policy::default().fingerprint());
/// assert!(a.policy.rules_fingerprint.starts_with("sha256:"));
/// ```
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PolicyStamp {
    /// The policy's name.
    pub name: String,
    /// The policy's version.
    pub version: String,
    /// The policy's fingerprint ([`Policy::fingerprint`]).
    pub fingerprint: String,
    /// The thresholds that decided (inside the fingerprint), so a reader
    /// can compare them with the literature's without the policy file.
    pub thresholds: Thresholds,
    /// The fingerprint of the rule tables the assessment was decided with:
    /// `sha256:` and the hex SHA-256 over every rule and injectate rule,
    /// with its texts and sources. Two assessments with the same policy
    /// fingerprint but different rule fingerprints were made by different
    /// clinical content. Empty when read from JSON written before it
    /// existed.
    // A constant of the build (`rules/fingerprint.rs`), borrowed: stamping
    // allocates nothing more.
    #[serde(default)]
    pub rules_fingerprint: Cow<'static, str>,
}

impl From<&Policy> for PolicyStamp {
    fn from(policy: &Policy) -> PolicyStamp {
        PolicyStamp {
            name: policy.name().to_owned(),
            version: policy.version().to_owned(),
            fingerprint: policy.fingerprint().to_owned(),
            thresholds: Thresholds::from(policy),
            rules_fingerprint: Cow::Borrowed(RULES_FINGERPRINT),
        }
    }
}
