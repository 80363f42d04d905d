//! Closed vocabularies: one macro gives every enum of the contract the same
//! derives (serde and strum with `snake_case` wire names, enumset) and the
//! same two methods, so the wire name, the display name and the list of
//! values cannot drift apart.
//!
//! One file per concept: conditions, findings, medicines and allergies,
//! the patient (sex, side), the care already tried, injectates, verdicts,
//! who can answer a fact, how soon a red flag must be seen.

mod care;
mod condition;
mod finding;
mod injectate;
mod medication;
mod mimic;
mod patient;
mod symptom;
mod urgency;
mod verdict;
mod who;

pub use care::ConservativeCare;
pub use condition::Condition;
pub use finding::{Finding, FindingGroup, Resolution};
pub use injectate::{Injectate, Suitability};
pub use medication::{Allergy, MedicationClass};
pub use mimic::Mimic;
pub use patient::{Sex, Side};
pub use symptom::{FootView, Symptom};
pub use urgency::{SafetyNet, Urgency, WarningSigns};
pub use verdict::{Family, Verdict};
pub use who::{Audience, Reporter, Who};

/// Declares a vocabulary enum with its derives, `as_str` (the wire name)
/// and `all` (every value, in the order of the contract).
macro_rules! vocabulary {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $($(#[$variant_meta:meta])* $variant:ident,)*
        }
    ) => {
        $(#[$meta])*
        #[derive(
            Debug,
            Hash,
            serde::Serialize,
            serde::Deserialize,
            strum::Display,
            strum::EnumString,
            strum::EnumIter,
            strum::EnumCount,
            strum::IntoStaticStr,
            strum::VariantArray,
            enumset::EnumSetType,
        )]
        #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
        #[serde(rename_all = "snake_case")]
        #[strum(serialize_all = "snake_case")]
        pub enum $name {
            $($(#[$variant_meta])* $variant,)*
        }

        impl $name {
            /// The wire name, as written in JSON (`snake_case`).
            ///
            /// # Example
            ///
            /// ```
            #[doc = concat!("use prolo_triage::", stringify!($name), ";")]
            #[doc = concat!("for value in ", stringify!($name), "::all() {")]
            ///     let name = value.as_str();
            #[doc = concat!("    assert_eq!(name.parse::<", stringify!($name), ">().ok(), Some(*value));")]
            ///     assert_eq!(value.to_string(), name);
            ///     assert_eq!(serde_json::to_string(value).unwrap(), format!("\"{name}\""));
            /// }
            /// ```
            #[must_use]
            pub fn as_str(self) -> &'static str {
                self.into()
            }

            /// Every value of the vocabulary, in the order of the contract.
            ///
            /// # Example
            ///
            /// ```
            #[doc = concat!("use prolo_triage::", stringify!($name), ";")]
            #[doc = concat!("let all = ", stringify!($name), "::all();")]
            /// // Every wire name reads back as its value.
            #[doc = concat!("assert!(all.iter().all(|v| v.as_str().parse::<", stringify!($name), ">() == Ok(*v)));")]
            /// ```
            #[must_use]
            pub fn all() -> &'static [$name] {
                <$name as strum::VariantArray>::VARIANTS
            }
        }
    };
}

pub(crate) use vocabulary;

/// The wire names of a vocabulary, comma separated, for error messages.
pub(crate) fn names<T: Copy + Into<&'static str>>(all: &[T]) -> String {
    let names: Vec<&'static str> = all.iter().map(|v| (*v).into()).collect();
    names.join(", ")
}
