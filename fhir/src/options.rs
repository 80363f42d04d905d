//! What a mapping needs besides the record: the as-of moment, the code
//! tables, the recency windows and what the clinic vouches for.

use std::sync::Arc;

use crate::codes::CodeTables;
use crate::time::{AsOf, Window};

/// How long a reading or an answer counts (`docs/clinic-integration.md` §2).
///
/// The defaults are **our inference**, not a published rule: a temperature
/// describes the patient for about a day, a platelet count for about three
/// months unless something changes (and so, by the same inference, a
/// haemoglobin), and the screening questionnaire asks
/// about the patient now (a red flag denied last month says nothing about
/// today). A reading or answer not certainly inside its window leaves the
/// finding unknown.
///
/// # Example
///
/// ```
/// use prolo_triage_fhir::{RecencyWindows, Window};
/// let w = RecencyWindows::default();
/// assert_eq!(w.body_temperature(), Window::hours(24));
/// assert_eq!(w.platelet_count(), Window::days(90));
/// assert_eq!(w.haemoglobin(), Window::days(90));
/// assert_eq!(w.screening_response(), Window::hours(24));
/// let strict = w.with_screening_response(Window::hours(4));
/// assert_eq!(strict.screening_response(), Window::hours(4));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RecencyWindows {
    body_temperature: Window,
    platelet_count: Window,
    haemoglobin: Window,
    screening_response: Window,
}

impl RecencyWindows {
    /// Where the defaults come from.
    pub const SOURCE: &'static str =
        "our inference (clinic-integration.md §2): temperature 24 h, platelets 90 days, haemoglobin 90 days, screening answers 24 h";

    /// The window for body temperature (default 24 hours).
    #[must_use]
    pub fn body_temperature(&self) -> Window {
        self.body_temperature
    }

    /// The window for platelet counts (default 90 days).
    #[must_use]
    pub fn platelet_count(&self) -> Window {
        self.platelet_count
    }

    /// The window for haemoglobin (default 90 days, as platelets: our
    /// inference).
    #[must_use]
    pub fn haemoglobin(&self) -> Window {
        self.haemoglobin
    }

    /// The window for the screening QuestionnaireResponse, from its
    /// `authored` time (default 24 hours).
    #[must_use]
    pub fn screening_response(&self) -> Window {
        self.screening_response
    }

    /// Sets the body-temperature window.
    #[must_use]
    pub fn with_body_temperature(mut self, window: Window) -> Self {
        self.body_temperature = window;
        self
    }

    /// Sets the platelet-count window.
    #[must_use]
    pub fn with_platelet_count(mut self, window: Window) -> Self {
        self.platelet_count = window;
        self
    }

    /// Sets the haemoglobin window.
    #[must_use]
    pub fn with_haemoglobin(mut self, window: Window) -> Self {
        self.haemoglobin = window;
        self
    }

    /// Sets the screening-response window.
    #[must_use]
    pub fn with_screening_response(mut self, window: Window) -> Self {
        self.screening_response = window;
        self
    }
}

impl Default for RecencyWindows {
    fn default() -> Self {
        RecencyWindows {
            body_temperature: Window::hours(24),
            platelet_count: Window::days(90),
            haemoglobin: Window::days(90),
            screening_response: Window::hours(24),
        }
    }
}

/// Everything a mapping needs besides the record.
///
/// There is no `Default`: the as-of moment has to come from the caller,
/// because the crate has no clock. Everything else defaults: the sourced
/// code tables, the windows of [`RecencyWindows`], and lists **not**
/// declared complete (so a missing drug is never read as "none").
///
/// # Example
///
/// ```
/// use prolo_triage_fhir::{CodeTables, MappingOptions};
/// let options = MappingOptions::new("2026-11-26".parse()?)
///     .medication_list_complete(true)
///     .with_codes(CodeTables::default());
/// assert!(options.is_medication_list_complete());
/// assert!(!options.is_allergy_list_complete());
/// # Ok::<(), prolo_triage_fhir::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MappingOptions {
    as_of: AsOf,
    // Shared: a service keeps one set of options and clones it per request.
    codes: Arc<CodeTables>,
    windows: RecencyWindows,
    medication_list_complete: bool,
    allergy_list_complete: bool,
}

impl MappingOptions {
    /// Options as of a moment, with every other setting at its default.
    #[must_use]
    pub fn new(as_of: AsOf) -> MappingOptions {
        MappingOptions {
            as_of,
            codes: Arc::new(CodeTables::default()),
            windows: RecencyWindows::default(),
            medication_list_complete: false,
            allergy_list_complete: false,
        }
    }

    /// Uses these code tables.
    #[must_use]
    pub fn with_codes(mut self, codes: CodeTables) -> Self {
        self.codes = Arc::new(codes);
        self
    }

    /// The same options as of another moment: a service builds its options
    /// once and moves them to each request's time (the code tables are
    /// shared, not copied).
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage_fhir::MappingOptions;
    /// let once = MappingOptions::new("2026-01-01".parse()?).medication_list_complete(true);
    /// let now = once.clone().at("2026-11-26T10:00:00Z".parse()?);
    /// assert_eq!(now.as_of().to_string(), "2026-11-26T10:00:00Z");
    /// assert!(now.is_medication_list_complete());
    /// # Ok::<(), prolo_triage_fhir::Error>(())
    /// ```
    #[must_use]
    pub fn at(mut self, as_of: AsOf) -> Self {
        self.as_of = as_of;
        self
    }

    /// Uses these recency windows.
    #[must_use]
    pub fn with_windows(mut self, windows: RecencyWindows) -> Self {
        self.windows = windows;
        self
    }

    /// Declares whether the record's medications are the complete list of
    /// what the patient takes. Only then can "no precaution drug recorded"
    /// become "takes none".
    #[must_use]
    pub fn medication_list_complete(mut self, complete: bool) -> Self {
        self.medication_list_complete = complete;
        self
    }

    /// Declares whether the record's allergies are complete.
    #[must_use]
    pub fn allergy_list_complete(mut self, complete: bool) -> Self {
        self.allergy_list_complete = complete;
        self
    }

    /// The as-of moment.
    #[must_use]
    pub fn as_of(&self) -> AsOf {
        self.as_of
    }

    /// The code tables.
    #[must_use]
    pub fn codes(&self) -> &CodeTables {
        &self.codes
    }

    /// The recency windows.
    #[must_use]
    pub fn windows(&self) -> &RecencyWindows {
        &self.windows
    }

    /// Whether the medication list is declared complete.
    #[must_use]
    pub fn is_medication_list_complete(&self) -> bool {
        self.medication_list_complete
    }

    /// Whether the allergy list is declared complete.
    #[must_use]
    pub fn is_allergy_list_complete(&self) -> bool {
        self.allergy_list_complete
    }
}
