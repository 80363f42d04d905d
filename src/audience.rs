//! The two audiences: what a patient reads and what a clinician reads are
//! different texts of different types, so one cannot reach the other's page
//! by accident. The [`Handout`](crate::Handout) is built of [`PatientText`]
//! only; clinician sentences (reasons, injectate notes, the clinician form
//! of `reconsider_when`) are [`ClinicianText`]. A leaf: it imports nothing
//! of the crate.
//!
//! Both serialise as a plain JSON string, so the wire format does not see
//! the distinction; a program reading the JSON reads the field's
//! documentation for its audience.
//!
//! A clinician text is not a patient text, and there is no conversion
//! between them or from a bare string:
//!
//! ```compile_fail
//! use prolo_triage::{ClinicianText, PatientText};
//! let patient: PatientText = ClinicianText::from_static("DVT");
//! ```
//!
//! ```compile_fail
//! use prolo_triage::PatientText;
//! let patient: PatientText = "calf swelling (possible DVT)".into();
//! ```
//!
//! ```compile_fail
//! // A handout section holds plan items, whose text is a patient text.
//! use prolo_triage::{assess, ClinicianText, Handout, Policy, Presentation};
//! let a = assess(&Presentation::default(), &Policy::default());
//! let mut h = Handout::new(&a);
//! h.sections[0].lines[0].text = a.reconsider_when[0].text.clone();
//! ```

use std::borrow::Cow;
use std::fmt;
use std::ops::Deref;

use serde::{Deserialize, Serialize};

macro_rules! audience_text {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(Cow<'static, str>);

        impl $name {
            /// Text known when the program is compiled.
            ///
            /// # Example
            ///
            /// ```
            #[doc = concat!("use prolo_triage::", stringify!($name), ";")]
            #[doc = concat!("let t = ", stringify!($name), "::from_static(\"Hello.\");")]
            /// assert_eq!(t, "Hello.");
            /// ```
            #[must_use]
            pub const fn from_static(text: &'static str) -> $name {
                $name(Cow::Borrowed(text))
            }

            /// Text built at run time. Named, never a `From`, so that
            /// writing for an audience is always a visible choice.
            ///
            /// # Example
            ///
            /// ```
            #[doc = concat!("use prolo_triage::", stringify!($name), ";")]
            #[doc = concat!("let t = ", stringify!($name), "::from_string(format!(\"{} weeks\", 6));")]
            /// assert_eq!(t, "6 weeks");
            /// ```
            #[must_use]
            pub fn from_string(text: String) -> $name {
                $name(Cow::Owned(text))
            }

            /// The text.
            ///
            /// # Example
            ///
            /// ```
            #[doc = concat!("use prolo_triage::", stringify!($name), ";")]
            #[doc = concat!("let t = ", stringify!($name), "::from_static(\"Hello.\");")]
            /// assert!(t.as_str().ends_with('.'));
            /// ```
            #[must_use]
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        // A plain string in the schema, inline: the audience is the
        // field's documentation, not a type a JSON reader has to know.
        #[cfg(feature = "schema")]
        impl schemars::JsonSchema for $name {
            fn inline_schema() -> bool {
                true
            }

            fn schema_name() -> Cow<'static, str> {
                Cow::Borrowed(stringify!($name))
            }

            fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
                String::json_schema(generator)
            }
        }

        impl Deref for $name {
            type Target = str;
            fn deref(&self) -> &str {
                &self.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }

        impl PartialEq<String> for $name {
            fn eq(&self, other: &String) -> bool {
                self.0 == other.as_str()
            }
        }

        impl PartialEq<$name> for String {
            fn eq(&self, other: &$name) -> bool {
                self.as_str() == other.0
            }
        }

        impl PartialEq<$name> for &str {
            fn eq(&self, other: &$name) -> bool {
                *self == other.0
            }
        }
    };
}

audience_text! {
    /// Text written for a patient: plain words, no examination jargon, no
    /// medication class names, nothing that could make a patient stop a
    /// prescribed medicine.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{Finding, PatientText};
    /// let words: PatientText = Finding::CalfSwelling.patient_label();
    /// assert_eq!(words, "a possible blood clot in the calf");
    /// assert_eq!(PatientText::from_static("Hello.").as_str(), "Hello.");
    /// ```
    PatientText
}

audience_text! {
    /// Text written for a clinician: it may name examination findings,
    /// medication classes and thresholds. Never part of a
    /// [`Handout`](crate::Handout).
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::ClinicianText;
    /// let t = ClinicianText::from_static("When the anticoagulant is no longer taken.");
    /// assert!(t.contains("anticoagulant"));
    /// ```
    ClinicianText
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialises_as_a_plain_string() {
        let t = PatientText::from_static("a \"b\"");
        assert_eq!(serde_json::to_string(&t).unwrap(), r#""a \"b\"""#);
        let back: PatientText = serde_json::from_str(r#""a \"b\"""#).unwrap();
        assert_eq!(back, t);
        let c: ClinicianText = serde_json::from_str(r#""x""#).unwrap();
        assert_eq!(c, "x");
    }
}
