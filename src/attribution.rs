//! Who answers for a clinic's deployment of the rules: the developer,
//! funding and dates a policy declares for the source attributes of
//! 45 CFR 170.315(b)(11)(iv)(A) (`docs/regulatory/source-attributes.md`).
//! Never read by the rules and outside the decision fingerprint, like the
//! clinic's details (`docs/decision-model.md` §7).

use serde::{Deserialize, Deserializer, Serialize};

use crate::date::Date;
use crate::error::{Error, Invalid};
use crate::json;

/// The most characters the developer's name or the funding source may
/// have: a name, or a short list of funders, fits; a paragraph does not.
///
/// # Example
///
/// ```
/// use prolo_triage::{Attribution, MAX_ATTRIBUTION_CHARS};
/// let long = "a".repeat(MAX_ATTRIBUTION_CHARS + 1);
/// assert!(Attribution::default().with_funding(long).is_err());
/// ```
pub const MAX_ATTRIBUTION_CHARS: usize = 100;

/// The path of the attribution, in a policy file and alone.
const ATTRIBUTION: &str = "attribution";

/// A clinic's own source attributes for its policy, each optional: the
/// developer of the intervention as deployed (the clinic or its vendor),
/// the funding of its development, and the policy's release and revision
/// dates. The library's own (its developer, the rule tables' revision
/// date) are in [`SourceAttributes`](crate::SourceAttributes) beside them.
///
/// `developer` and `funding` are free text: after trimming, 1 to
/// [`MAX_ATTRIBUTION_CHARS`] characters with no control characters. The
/// dates are calendar dates written `YYYY-MM-DD`, and the revision is not
/// before the release.
///
/// Set it in the policy file's `attribution` object (read by
/// [`Policy::from_json`](crate::Policy::from_json)), with
/// [`PolicyBuilder::attribution`](crate::PolicyBuilder::attribution), or
/// alone with [`Attribution::from_json`].
///
/// # Example
///
/// ```
/// use prolo_triage::{Attribution, Date};
/// let a = Attribution::from_json(
///     r#"{"developer": "Riverside Podiatry", "release_date": "2026-12-01"}"#,
/// )?;
/// assert_eq!(a.developer(), Some("Riverside Podiatry"));
/// assert_eq!(a.release_date(), Date::new(2026, 12, 1));
/// assert_eq!(a.funding(), None);
/// # Ok::<(), prolo_triage::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize)]
#[non_exhaustive]
pub struct Attribution {
    #[serde(skip_serializing_if = "Option::is_none")]
    developer: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    funding: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "date_text")]
    release_date: Option<Date>,
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "date_text")]
    revision_date: Option<Date>,
}

/// A date as its `YYYY-MM-DD` text (the core's `Date` has no serde form).
pub(crate) fn date_text<S: serde::Serializer>(
    date: &Option<Date>,
    s: S,
) -> Result<S::Ok, S::Error> {
    match date {
        Some(d) => s.collect_str(d),
        None => s.serialize_none(),
    }
}

impl Attribution {
    /// Reads an attribution alone, as the policy file's `attribution`
    /// object holds it: `{"developer", "funding", "release_date",
    /// "revision_date"}`, each optional (a string, or `null` for none).
    /// Errors name the field as in a policy file (`attribution.funding`).
    ///
    /// # Errors
    ///
    /// Malformed or oversize JSON, an unknown field, a duplicate key, a
    /// value that is not a string, a developer or funding that is empty,
    /// longer than [`MAX_ATTRIBUTION_CHARS`] or holds a control character
    /// ([`Invalid::Label`]), a date that is not `YYYY-MM-DD` or does not
    /// exist ([`Invalid::NotADate`]), and a revision before the release
    /// (at `attribution.revision_date`).
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{Attribution, ErrorKind};
    /// let err = Attribution::from_json(r#"{"release_date": "1 Dec 2026"}"#).unwrap_err();
    /// assert_eq!((err.kind(), err.path()), (ErrorKind::Invalid, "attribution.release_date"));
    /// let err = Attribution::from_json(r#"{"sponsor": "x"}"#).unwrap_err();
    /// assert_eq!((err.kind(), err.path()), (ErrorKind::UnknownField, "attribution.sponsor"));
    /// ```
    pub fn from_json(input: &str) -> Result<Attribution, Error> {
        let raw: RawAttribution =
            json::parse(input, expected).map_err(|e| json::under(ATTRIBUTION, e))?;
        raw.validate()
    }

    /// The attribution with the developer set.
    ///
    /// # Errors
    ///
    /// [`Invalid::Label`] at `attribution.developer` for an empty,
    /// over-long or unprintable name.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::Attribution;
    /// let a = Attribution::default().with_developer("  Riverside Podiatry ")?;
    /// assert_eq!(a.developer(), Some("Riverside Podiatry"));
    /// assert!(Attribution::default().with_developer(" ").is_err());
    /// # Ok::<(), prolo_triage::Error>(())
    /// ```
    pub fn with_developer(mut self, developer: impl Into<String>) -> Result<Attribution, Error> {
        self.developer = Some(text("developer", developer.into())?);
        Ok(self)
    }

    /// The attribution with the funding source set.
    ///
    /// # Errors
    ///
    /// As [`Attribution::with_developer`], at `attribution.funding`.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::Attribution;
    /// let a = Attribution::default().with_funding("Self-funded")?;
    /// assert_eq!(a.funding(), Some("Self-funded"));
    /// # Ok::<(), prolo_triage::Error>(())
    /// ```
    pub fn with_funding(mut self, funding: impl Into<String>) -> Result<Attribution, Error> {
        self.funding = Some(text("funding", funding.into())?);
        Ok(self)
    }

    /// The attribution with the release and revision dates set.
    ///
    /// # Errors
    ///
    /// [`Invalid::Other`] at `attribution.revision_date` for a revision
    /// before the release.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{Attribution, Date};
    /// let (dec1, dec7) = (Date::new(2026, 12, 1), Date::new(2026, 12, 7));
    /// assert!(Attribution::default().with_dates(dec1, dec7).is_ok());
    /// assert!(Attribution::default().with_dates(dec7, dec1).is_err());
    /// ```
    pub fn with_dates(
        mut self,
        release: Option<Date>,
        revision: Option<Date>,
    ) -> Result<Attribution, Error> {
        if let (Some(release), Some(revision)) = (release, revision) {
            if revision < release {
                return Err(Error::Invalid {
                    path: json::join(ATTRIBUTION, "revision_date"),
                    cause: Invalid::Other("expected a revision on or after the release".into()),
                });
            }
        }
        self.release_date = release;
        self.revision_date = revision;
        Ok(self)
    }

    /// Whether nothing is declared.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(prolo_triage::Attribution::default().is_empty());
    /// ```
    #[must_use]
    pub fn is_empty(&self) -> bool {
        *self == Attribution::default()
    }

    /// The developer of the intervention as the clinic deploys it.
    ///
    /// # Example
    ///
    /// ```
    /// let a = prolo_triage::Attribution::from_json(r#"{"developer": "Riverside Podiatry"}"#)?;
    /// assert_eq!(a.developer(), Some("Riverside Podiatry"));
    /// # Ok::<(), prolo_triage::Error>(())
    /// ```
    #[must_use]
    pub fn developer(&self) -> Option<&str> {
        self.developer.as_deref()
    }

    /// The funding source of its development.
    ///
    /// # Example
    ///
    /// ```
    /// let a = prolo_triage::Attribution::from_json(r#"{"funding": null}"#)?;
    /// assert_eq!(a.funding(), None);
    /// # Ok::<(), prolo_triage::Error>(())
    /// ```
    #[must_use]
    pub fn funding(&self) -> Option<&str> {
        self.funding.as_deref()
    }

    /// When the clinic first released its policy.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{Attribution, Date};
    /// let a = Attribution::from_json(r#"{"release_date": "2026-12-01"}"#)?;
    /// assert_eq!(a.release_date(), Date::new(2026, 12, 1));
    /// # Ok::<(), prolo_triage::Error>(())
    /// ```
    #[must_use]
    pub fn release_date(&self) -> Option<Date> {
        self.release_date
    }

    /// When the clinic last revised its policy.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{Attribution, Date};
    /// let a = Attribution::from_json(r#"{"revision_date": "2026-12-07"}"#)?;
    /// assert_eq!(a.revision_date(), Date::new(2026, 12, 7));
    /// assert_eq!(a.release_date(), None);
    /// # Ok::<(), prolo_triage::Error>(())
    /// ```
    #[must_use]
    pub fn revision_date(&self) -> Option<Date> {
        self.revision_date
    }
}

/// One free-text attribute, trimmed and checked; errors name
/// `attribution.<field>`.
fn text(field: &str, value: String) -> Result<String, Error> {
    let trimmed = value.trim();
    let ok = !trimmed.is_empty()
        && trimmed.chars().count() <= MAX_ATTRIBUTION_CHARS
        && !trimmed.chars().any(char::is_control);
    if !ok {
        return Err(Error::Invalid {
            path: json::join(ATTRIBUTION, field),
            cause: Invalid::Label,
        });
    }
    Ok(trimmed.to_string())
}

/// One date; errors name `attribution.<field>`.
fn date(field: &str, value: &str) -> Result<Date, Error> {
    value.parse::<Date>().map_err(|e| match e {
        Error::Invalid { cause, .. } => Error::Invalid {
            path: json::join(ATTRIBUTION, field),
            cause,
        },
        other => other,
    })
}

/// The attribution as written (in a policy file or alone).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAttributionFields {
    developer: Option<String>,
    funding: Option<String>,
    release_date: Option<String>,
    revision_date: Option<String>,
}

/// The `attribution` object: an object only (serde's derived structs also
/// accept arrays).
#[derive(Debug)]
pub(crate) struct RawAttribution(RawAttributionFields);

impl<'de> Deserialize<'de> for RawAttribution {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        json::object(deserializer, "an object of the policy's source attributes")
            .map(RawAttribution)
    }
}

impl RawAttribution {
    /// Checks each attribute given.
    pub(crate) fn validate(self) -> Result<Attribution, Error> {
        let raw = self.0;
        let release = raw
            .release_date
            .as_deref()
            .map(|d| date("release_date", d))
            .transpose()?;
        let revision = raw
            .revision_date
            .as_deref()
            .map(|d| date("revision_date", d))
            .transpose()?;
        let mut out = Attribution::default().with_dates(release, revision)?;
        out.developer = raw.developer.map(|v| text("developer", v)).transpose()?;
        out.funding = raw.funding.map(|v| text("funding", v)).transpose()?;
        Ok(out)
    }
}

/// What the `attribution` object and its fields hold, for error messages;
/// `path` is inside the attribution (`funding`) or inside a policy
/// (`attribution.funding`).
pub(crate) fn expected(path: &str) -> Option<&'static str> {
    let inside = path.strip_prefix("attribution.").unwrap_or(path);
    Some(match inside {
        "document" | ATTRIBUTION => "an object of the policy's source attributes",
        "developer" | "funding" => "a string of 1 to 100 printable characters, or null",
        "release_date" | "revision_date" => "a date written YYYY-MM-DD, or null",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    fn err(input: &str) -> (ErrorKind, String) {
        match Attribution::from_json(input) {
            Ok(a) => panic!("accepted {input}: {a:?}"),
            Err(e) => (e.kind(), e.path().to_string()),
        }
    }

    #[test]
    fn every_attribute_is_read_trimmed_and_written_back() {
        let a = Attribution::from_json(
            r#"{"developer": " Riverside Podiatry ", "funding": "Self-funded",
                "release_date": "2026-12-01", "revision_date": "2026-12-07"}"#,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(a.developer(), Some("Riverside Podiatry"));
        assert_eq!(a.funding(), Some("Self-funded"));
        assert_eq!(a.release_date(), Date::new(2026, 12, 1));
        assert_eq!(a.revision_date(), Date::new(2026, 12, 7));
        let json = serde_json::to_string(&a).unwrap_or_default();
        assert_eq!(
            json,
            r#"{"developer":"Riverside Podiatry","funding":"Self-funded","release_date":"2026-12-01","revision_date":"2026-12-07"}"#
        );
        assert_eq!(Attribution::from_json(&json), Ok(a));
        assert_eq!(Attribution::from_json("{}"), Ok(Attribution::default()));
    }

    #[test]
    fn bad_attributes_name_their_field() {
        use ErrorKind::*;
        let long = format!(
            r#"{{"funding": "{}"}}"#,
            "a".repeat(MAX_ATTRIBUTION_CHARS + 1)
        );
        let cases = [
            (long.as_str(), Invalid, "attribution.funding"),
            (r#"{"developer": " "}"#, Invalid, "attribution.developer"),
            (r#"{"developer": "a\nb"}"#, Invalid, "attribution.developer"),
            (
                r#"{"release_date": "2026-02-30"}"#,
                Invalid,
                "attribution.release_date",
            ),
            (
                r#"{"release_date": "2026-12-07", "revision_date": "2026-12-01"}"#,
                Invalid,
                "attribution.revision_date",
            ),
            (r#"{"funding": 1}"#, WrongType, "attribution.funding"),
            (r#"{"sponsor": "x"}"#, UnknownField, "attribution.sponsor"),
            (
                r#"{"developer": "a", "developer": "b"}"#,
                DuplicateKey,
                "attribution.developer",
            ),
            (r#"["x"]"#, WrongType, "attribution"),
        ];
        for (input, kind, path) in cases {
            assert_eq!(err(input), (kind, path.to_string()), "{input}");
        }
    }
}
