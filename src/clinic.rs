//! The clinic's own details, printed on what patients read: never read by
//! the rules and outside the decision fingerprint
//! (`docs/decision-model.md` §7).

/// The clinic's name and the routes a patient can use, each optional.
/// Without them patient texts use generic words ("the clinic", "your
/// local emergency number") and, on paper, blanks to fill in.
///
/// # Example
///
/// ```
/// use prolo_triage::Clinic;
/// let clinic = Clinic::default();
/// assert_eq!(clinic.name(), None);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Clinic {
    name: Option<String>,
    phone: Option<String>,
    out_of_hours: Option<String>,
    urgent_care: Option<String>,
    emergency_number: Option<String>,
}

impl Clinic {
    /// The clinic's name.
    #[must_use]
    pub fn name(&self) -> Option<&str> {
        self.name.as_deref()
    }

    /// The clinic's phone number.
    #[must_use]
    pub fn phone(&self) -> Option<&str> {
        self.phone.as_deref()
    }

    /// Where to turn when the clinic is closed.
    #[must_use]
    pub fn out_of_hours(&self) -> Option<&str> {
        self.out_of_hours.as_deref()
    }

    /// The local urgent care service.
    #[must_use]
    pub fn urgent_care(&self) -> Option<&str> {
        self.urgent_care.as_deref()
    }

    /// The local emergency number.
    #[must_use]
    pub fn emergency_number(&self) -> Option<&str> {
        self.emergency_number.as_deref()
    }
}
