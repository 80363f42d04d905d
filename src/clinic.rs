//! The clinic's own details, printed on what patients read: never read by
//! the rules and outside the decision fingerprint
//! (`docs/decision-model.md` §7).

use serde::{Deserialize, Deserializer, Serialize};

use crate::error::{Error, Invalid};
use crate::json;

/// The most characters a detail may have: a clinic name, a phone number
/// or a one-line route ("NHS 111, or 111.nhs.uk") fits; a paragraph does
/// not belong on every page of a handout.
///
/// # Example
///
/// ```
/// use prolo_triage::{Clinic, MAX_CLINIC_DETAIL_CHARS};
/// let longest = "a".repeat(MAX_CLINIC_DETAIL_CHARS);
/// assert!(Clinic::default().with_name(longest.as_str()).is_ok());
/// assert!(Clinic::default().with_name(longest + "a").is_err());
/// ```
pub const MAX_CLINIC_DETAIL_CHARS: usize = 100;

/// The clinic's name and the routes a patient can use, each optional.
/// Without them patient texts use generic words ("the clinic", "your
/// local emergency number") and, on paper, blanks to fill in.
///
/// Each detail is free text a patient reads as written (phone numbers and
/// routes differ by country, so none is checked for a format): after
/// trimming, 1 to [`MAX_CLINIC_DETAIL_CHARS`] characters with no control
/// characters (no line breaks). No detail has a default: without an
/// emergency number a handout says "your local emergency number", never
/// one country's.
///
/// A clinic sets its details once, in the policy file's `clinic` object
/// (read by [`Policy::from_json`](crate::Policy::from_json)), with
/// [`PolicyBuilder::clinic`](crate::PolicyBuilder::clinic), or alone with
/// [`Clinic::from_json`] or the `with_` methods.
///
/// # Example
///
/// ```
/// use prolo_triage::Clinic;
/// let clinic = Clinic::default();
/// assert_eq!(clinic.name(), None);
///
/// let riverside = Clinic::default()
///     .with_name("Riverside Podiatry")?
///     .with_phone(" 01632 960 123 ")?;
/// assert_eq!(riverside.phone(), Some("01632 960 123"));
/// assert_eq!(riverside.emergency_number(), None);
/// # Ok::<(), prolo_triage::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize)]
#[non_exhaustive]
pub struct Clinic {
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    phone: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    out_of_hours: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    urgent_care: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    emergency_number: Option<String>,
}

impl Clinic {
    /// Reads the clinic's details alone, as the policy file's `clinic`
    /// object holds them: `{"name", "phone", "out_of_hours", "urgent_care",
    /// "emergency_number"}`, each optional (a string, or `null` for none).
    /// Errors name the field as in a policy file (`clinic.phone`).
    ///
    /// # Errors
    ///
    /// Malformed or oversize JSON, an unknown field, a duplicate key, a
    /// value that is not a string, and a detail that is empty, longer than
    /// [`MAX_CLINIC_DETAIL_CHARS`] or holds a control character
    /// ([`Invalid::Label`]).
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{Clinic, ErrorKind};
    /// let clinic = Clinic::from_json(r#"{"name": "Riverside Podiatry", "urgent_care": "NHS 111"}"#)?;
    /// assert_eq!(clinic.urgent_care(), Some("NHS 111"));
    /// let err = Clinic::from_json(r#"{"phone": ""}"#).unwrap_err();
    /// assert_eq!((err.kind(), err.path()), (ErrorKind::Invalid, "clinic.phone"));
    /// let err = Clinic::from_json(r#"{"fax": "1"}"#).unwrap_err();
    /// assert_eq!((err.kind(), err.path()), (ErrorKind::UnknownField, "clinic.fax"));
    /// # Ok::<(), prolo_triage::Error>(())
    /// ```
    pub fn from_json(input: &str) -> Result<Clinic, Error> {
        let raw: RawClinic = json::parse(input, expected).map_err(|e| json::under(CLINIC, e))?;
        raw.validate()
    }

    /// The clinic with its name set.
    ///
    /// # Errors
    ///
    /// [`Invalid::Label`] at `clinic.name` for an empty, over-long or
    /// unprintable name (see [`Clinic`]).
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{Clinic, ErrorKind};
    /// let clinic = Clinic::default().with_name("Riverside Podiatry")?;
    /// assert_eq!(clinic.name(), Some("Riverside Podiatry"));
    /// let err = Clinic::default().with_name(" ").unwrap_err();
    /// assert_eq!((err.kind(), err.path()), (ErrorKind::Invalid, "clinic.name"));
    /// # Ok::<(), prolo_triage::Error>(())
    /// ```
    pub fn with_name(mut self, name: impl Into<String>) -> Result<Clinic, Error> {
        self.name = Some(detail("name", name.into())?);
        Ok(self)
    }

    /// The clinic with its phone number set.
    ///
    /// # Errors
    ///
    /// As [`Clinic::with_name`], at `clinic.phone`.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{Clinic, ErrorKind};
    /// let clinic = Clinic::default().with_phone("01632 960 123")?;
    /// assert_eq!(clinic.phone(), Some("01632 960 123"));
    /// let err = Clinic::default().with_phone(" ").unwrap_err();
    /// assert_eq!((err.kind(), err.path()), (ErrorKind::Invalid, "clinic.phone"));
    /// # Ok::<(), prolo_triage::Error>(())
    /// ```
    pub fn with_phone(mut self, phone: impl Into<String>) -> Result<Clinic, Error> {
        self.phone = Some(detail("phone", phone.into())?);
        Ok(self)
    }

    /// The clinic with its out-of-hours route set.
    ///
    /// # Errors
    ///
    /// As [`Clinic::with_name`], at `clinic.out_of_hours`.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{Clinic, ErrorKind};
    /// let clinic = Clinic::default().with_out_of_hours("NHS 111")?;
    /// assert_eq!(clinic.out_of_hours(), Some("NHS 111"));
    /// let err = Clinic::default().with_out_of_hours(" ").unwrap_err();
    /// assert_eq!((err.kind(), err.path()), (ErrorKind::Invalid, "clinic.out_of_hours"));
    /// # Ok::<(), prolo_triage::Error>(())
    /// ```
    pub fn with_out_of_hours(mut self, route: impl Into<String>) -> Result<Clinic, Error> {
        self.out_of_hours = Some(detail("out_of_hours", route.into())?);
        Ok(self)
    }

    /// The clinic with its local urgent care service set.
    ///
    /// # Errors
    ///
    /// As [`Clinic::with_name`], at `clinic.urgent_care`.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{Clinic, ErrorKind};
    /// let clinic = Clinic::default().with_urgent_care("Riverside Urgent Treatment Centre")?;
    /// assert_eq!(clinic.urgent_care(), Some("Riverside Urgent Treatment Centre"));
    /// let err = Clinic::default().with_urgent_care(" ").unwrap_err();
    /// assert_eq!((err.kind(), err.path()), (ErrorKind::Invalid, "clinic.urgent_care"));
    /// # Ok::<(), prolo_triage::Error>(())
    /// ```
    pub fn with_urgent_care(mut self, service: impl Into<String>) -> Result<Clinic, Error> {
        self.urgent_care = Some(detail("urgent_care", service.into())?);
        Ok(self)
    }

    /// The clinic with its local emergency number set.
    ///
    /// # Errors
    ///
    /// As [`Clinic::with_name`], at `clinic.emergency_number`.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::Clinic;
    /// let clinic = Clinic::default().with_emergency_number("999")?;
    /// assert_eq!(clinic.emergency_number(), Some("999"));
    /// assert!(Clinic::default().with_emergency_number("9\n9\n9").is_err());
    /// # Ok::<(), prolo_triage::Error>(())
    /// ```
    pub fn with_emergency_number(mut self, number: impl Into<String>) -> Result<Clinic, Error> {
        self.emergency_number = Some(detail("emergency_number", number.into())?);
        Ok(self)
    }

    /// Whether no detail is set (a handout then uses generic words).
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::Clinic;
    /// assert!(Clinic::default().is_empty());
    /// assert!(!Clinic::default().with_name("Riverside")?.is_empty());
    /// # Ok::<(), prolo_triage::Error>(())
    /// ```
    #[must_use]
    pub fn is_empty(&self) -> bool {
        *self == Clinic::default()
    }

    /// The clinic's name.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::Clinic;
    /// assert_eq!(Clinic::default().name(), None);
    /// let clinic = Clinic::default().with_name("Riverside Podiatry")?;
    /// assert_eq!(clinic.name(), Some("Riverside Podiatry"));
    /// # Ok::<(), prolo_triage::Error>(())
    /// ```
    #[must_use]
    pub fn name(&self) -> Option<&str> {
        self.name.as_deref()
    }

    /// The clinic's phone number.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::Clinic;
    /// assert_eq!(Clinic::default().phone(), None);
    /// let clinic = Clinic::default().with_phone("01632 960 123")?;
    /// assert_eq!(clinic.phone(), Some("01632 960 123"));
    /// # Ok::<(), prolo_triage::Error>(())
    /// ```
    #[must_use]
    pub fn phone(&self) -> Option<&str> {
        self.phone.as_deref()
    }

    /// Where to turn when the clinic is closed.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::Clinic;
    /// assert_eq!(Clinic::default().out_of_hours(), None);
    /// let clinic = Clinic::default().with_out_of_hours("NHS 111")?;
    /// assert_eq!(clinic.out_of_hours(), Some("NHS 111"));
    /// # Ok::<(), prolo_triage::Error>(())
    /// ```
    #[must_use]
    pub fn out_of_hours(&self) -> Option<&str> {
        self.out_of_hours.as_deref()
    }

    /// The local urgent care service.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::Clinic;
    /// assert_eq!(Clinic::default().urgent_care(), None);
    /// let clinic = Clinic::default().with_urgent_care("Riverside Urgent Treatment Centre")?;
    /// assert_eq!(clinic.urgent_care(), Some("Riverside Urgent Treatment Centre"));
    /// # Ok::<(), prolo_triage::Error>(())
    /// ```
    #[must_use]
    pub fn urgent_care(&self) -> Option<&str> {
        self.urgent_care.as_deref()
    }

    /// The local emergency number.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::Clinic;
    /// assert_eq!(Clinic::default().emergency_number(), None);
    /// let clinic = Clinic::default().with_emergency_number("999")?;
    /// assert_eq!(clinic.emergency_number(), Some("999"));
    /// # Ok::<(), prolo_triage::Error>(())
    /// ```
    #[must_use]
    pub fn emergency_number(&self) -> Option<&str> {
        self.emergency_number.as_deref()
    }
}

/// The path of the clinic's details, in a policy file and alone.
const CLINIC: &str = "clinic";

/// One detail, trimmed and checked; errors name `clinic.<field>`.
fn detail(field: &str, value: String) -> Result<String, Error> {
    let trimmed = value.trim();
    let ok = !trimmed.is_empty()
        && trimmed.chars().count() <= MAX_CLINIC_DETAIL_CHARS
        && !trimmed.chars().any(char::is_control);
    if !ok {
        return Err(Error::Invalid {
            path: json::join(CLINIC, field),
            cause: Invalid::Label,
        });
    }
    Ok(if trimmed.len() == value.len() {
        value
    } else {
        trimmed.to_string()
    })
}

/// The clinic's details as written (in a policy file or alone).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawClinicFields {
    name: Option<String>,
    phone: Option<String>,
    out_of_hours: Option<String>,
    urgent_care: Option<String>,
    emergency_number: Option<String>,
}

/// The `clinic` object: an object only (serde's derived structs also
/// accept arrays).
#[derive(Debug)]
pub(crate) struct RawClinic(RawClinicFields);

impl<'de> Deserialize<'de> for RawClinic {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        json::object(deserializer, "an object of the clinic's details").map(RawClinic)
    }
}

impl RawClinic {
    /// Checks each detail given.
    pub(crate) fn validate(self) -> Result<Clinic, Error> {
        let raw = self.0;
        let check =
            |field: &str, value: Option<String>| value.map(|v| detail(field, v)).transpose();
        Ok(Clinic {
            name: check("name", raw.name)?,
            phone: check("phone", raw.phone)?,
            out_of_hours: check("out_of_hours", raw.out_of_hours)?,
            urgent_care: check("urgent_care", raw.urgent_care)?,
            emergency_number: check("emergency_number", raw.emergency_number)?,
        })
    }
}

/// What the `clinic` object and its fields hold, for error messages;
/// `path` is inside the clinic (`phone`) or inside a policy
/// (`clinic.phone`).
pub(crate) fn expected(path: &str) -> Option<&'static str> {
    let inside = path.strip_prefix("clinic.").unwrap_or(path);
    Some(match inside {
        "document" | CLINIC => "an object of the clinic's details",
        "name" | "phone" | "out_of_hours" | "urgent_care" | "emergency_number" => {
            "a string of 1 to 100 printable characters, or null"
        }
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    fn err(input: &str) -> (ErrorKind, String) {
        match Clinic::from_json(input) {
            Ok(c) => panic!("accepted {input}: {c:?}"),
            Err(e) => (e.kind(), e.path().to_string()),
        }
    }

    #[test]
    fn every_detail_is_read_and_trimmed() {
        let c = Clinic::from_json(
            r#"{"name": " Riverside Podiatry ", "phone": "01632 960 123", "out_of_hours": "NHS 111",
                "urgent_care": "Riverside urgent treatment centre", "emergency_number": "999"}"#,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            (
                c.name(),
                c.phone(),
                c.out_of_hours(),
                c.urgent_care(),
                c.emergency_number()
            ),
            (
                Some("Riverside Podiatry"),
                Some("01632 960 123"),
                Some("NHS 111"),
                Some("Riverside urgent treatment centre"),
                Some("999")
            )
        );
        assert_eq!(Clinic::from_json("{}"), Ok(Clinic::default()));
        assert_eq!(
            Clinic::from_json(r#"{"phone": null}"#),
            Ok(Clinic::default())
        );
    }

    #[test]
    fn bad_details_name_their_field() {
        use ErrorKind::*;
        let long = format!(
            r#"{{"name": "{}"}}"#,
            "a".repeat(MAX_CLINIC_DETAIL_CHARS + 1)
        );
        let longest = format!(r#"{{"name": "{}"}}"#, "é".repeat(MAX_CLINIC_DETAIL_CHARS));
        assert!(
            Clinic::from_json(&longest).is_ok(),
            "100 characters, 200 bytes"
        );
        let cases = [
            (long.as_str(), Invalid, "clinic.name"),
            (r#"{"phone": ""}"#, Invalid, "clinic.phone"),
            (r#"{"phone": "   "}"#, Invalid, "clinic.phone"),
            (
                r#"{"out_of_hours": "call\nus"}"#,
                Invalid,
                "clinic.out_of_hours",
            ),
            (
                r#"{"urgent_care": "a\u0000b"}"#,
                Invalid,
                "clinic.urgent_care",
            ),
            (
                r#"{"emergency_number": 999}"#,
                WrongType,
                "clinic.emergency_number",
            ),
            (r#"{"fax": "01632"}"#, UnknownField, "clinic.fax"),
            (r#"{"name": "a", "name": "b"}"#, DuplicateKey, "clinic.name"),
            (r#"["Riverside"]"#, WrongType, "clinic"),
            (r#""Riverside""#, WrongType, "clinic"),
        ];
        for (input, kind, path) in cases {
            assert_eq!(err(input), (kind, path.to_string()), "{input}");
        }
    }

    #[test]
    fn wrong_types_say_what_a_detail_holds() {
        let message = Clinic::from_json(r#"{"phone": 1}"#).map_err(|e| e.to_string());
        assert_eq!(
            message,
            Err("clinic.phone: wrong type, expected a string of 1 to 100 printable characters, or null".into())
        );
    }

    #[test]
    fn setters_check_like_the_file() {
        let set = Clinic::default()
            .with_name("Riverside")
            .and_then(|c| c.with_phone("01632 960 123"))
            .and_then(|c| c.with_out_of_hours("NHS 111"))
            .and_then(|c| c.with_urgent_care("Riverside UTC"))
            .and_then(|c| c.with_emergency_number("999"));
        let read = Clinic::from_json(
            r#"{"name": "Riverside", "phone": "01632 960 123", "out_of_hours": "NHS 111", "urgent_care": "Riverside UTC", "emergency_number": "999"}"#,
        );
        assert_eq!(set, read);
        assert_eq!(
            Clinic::default()
                .with_urgent_care("")
                .map_err(|e| e.path().to_string()),
            Err("clinic.urgent_care".into())
        );
    }
}
