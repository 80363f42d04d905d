//! How soon a red flag must be seen (`docs/clinical-knowledge.md` §1.1):
//! one "contact the clinic the same day" does not fit a possible
//! compartment syndrome or a clot that may reach the lungs.

use super::vocabulary;

vocabulary! {
/// How soon the patient must act on a red flag.
///
/// # Example
///
/// ```
/// use prolo_triage::{RuleId, Urgency};
/// let net = RuleId::PainOutOfProportion.rule().safety_net.unwrap();
/// assert_eq!(net.urgency, Urgency::EmergencyNow);
/// ```
#[derive(PartialOrd, Ord)]
#[non_exhaustive]
pub enum Urgency {
    /// An emergency department or the emergency number now; a call to
    /// the clinic would delay it (a possible compartment syndrome).
    EmergencyNow,
    /// The same day: the clinic, or an urgent care service.
    SameDay,
    /// An urgent referral the clinician arranges, not the same day (a
    /// possible tumour).
    UrgentReferral,
}
}

vocabulary! {
/// The signs that turn a same-day red flag into an emergency now, named
/// to the patient in plain words.
///
/// # Example
///
/// ```
/// use prolo_triage::{RuleId, WarningSigns};
/// let net = RuleId::CalfSwelling.rule().safety_net.unwrap();
/// assert_eq!(net.warning_signs, Some(WarningSigns::ClotInLungs));
/// ```
#[non_exhaustive]
pub enum WarningSigns {
    /// A clot may have reached the lungs: chest pain, sudden
    /// breathlessness, coughing up blood.
    ClotInLungs,
    /// Possible sepsis: very unwell, shivering, confused, or getting
    /// quickly worse (with or without a high temperature).
    Sepsis,
    /// A sudden loss of blood flow: the foot suddenly cold, pale or blue,
    /// numb or weak (acute limb ischaemia has no onset field of its own).
    SuddenLossOfBloodFlow,
}
}

/// What a patient must do about one red flag: how soon, and the signs
/// that mean an emergency now.
///
/// # Example
///
/// ```
/// use prolo_triage::{RuleId, SafetyNet, Urgency, WarningSigns};
/// assert_eq!(
///     RuleId::Fever.rule().safety_net,
///     Some(SafetyNet { urgency: Urgency::SameDay, warning_signs: Some(WarningSigns::Sepsis) })
/// );
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SafetyNet {
    /// How soon.
    pub urgency: Urgency,
    /// The signs that mean an emergency now, if any.
    pub warning_signs: Option<WarningSigns>,
}

impl SafetyNet {
    /// Act the same day.
    pub(crate) const SAME_DAY: SafetyNet = SafetyNet {
        urgency: Urgency::SameDay,
        warning_signs: None,
    };

    /// The same day, or now with these signs.
    pub(crate) const fn same_day_unless(signs: WarningSigns) -> SafetyNet {
        SafetyNet {
            urgency: Urgency::SameDay,
            warning_signs: Some(signs),
        }
    }

    /// An emergency now.
    pub(crate) const EMERGENCY_NOW: SafetyNet = SafetyNet {
        urgency: Urgency::EmergencyNow,
        warning_signs: None,
    };

    /// An urgent referral.
    pub(crate) const URGENT_REFERRAL: SafetyNet = SafetyNet {
        urgency: Urgency::UrgentReferral,
        warning_signs: None,
    };
}

impl Urgency {
    /// What the clinician does for this tier, in a few words
    /// (`docs/clinical-knowledge.md` §1.1).
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::Urgency;
    /// assert!(Urgency::EmergencyNow.clinician_words().starts_with("Emergency now"));
    /// ```
    #[must_use]
    pub const fn clinician_words(self) -> &'static str {
        match self {
            Urgency::EmergencyNow => {
                "Emergency now: send to an emergency department; do not wait for a clinic appointment."
            }
            Urgency::SameDay => "Same day: arrange assessment today (examination, imaging or referral).",
            Urgency::UrgentReferral => {
                "Urgent referral, not same day: arrange it, and tell the patient to call if not contacted in the time given."
            }
        }
    }
}

impl WarningSigns {
    /// The signs that make it an emergency now, in clinician words
    /// (`docs/clinical-knowledge.md` §1.1).
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::WarningSigns;
    /// assert!(WarningSigns::ClotInLungs.clinician_words().contains("pulmonary embolism"));
    /// ```
    #[must_use]
    pub const fn clinician_words(self) -> &'static str {
        match self {
            WarningSigns::ClotInLungs => {
                "Emergency now with chest pain, sudden breathlessness or haemoptysis (possible pulmonary embolism)."
            }
            WarningSigns::Sepsis => {
                "Emergency now if very unwell, shivering, confused or deteriorating quickly (possible sepsis, even without a high temperature)."
            }
            WarningSigns::SuddenLossOfBloodFlow => {
                "Emergency now if the foot turns suddenly cold, pale or blue, numb or weak (possible acute limb ischaemia)."
            }
        }
    }
}

impl SafetyNet {
    /// What the clinician does about the red flag: the tier's words, then
    /// the signs of an emergency if the tier has any. The report and the
    /// CDS card print this, one wording for both.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::RuleId;
    /// let net = RuleId::CalfSwelling.rule().safety_net.unwrap();
    /// assert_eq!(
    ///     net.clinician_words(),
    ///     "Same day: arrange assessment today (examination, imaging or referral). \
    ///      Emergency now with chest pain, sudden breathlessness or haemoptysis (possible pulmonary embolism)."
    /// );
    /// ```
    #[must_use]
    pub fn clinician_words(self) -> String {
        let tier = self.urgency.clinician_words();
        match self.warning_signs {
            Some(signs) => {
                let signs = signs.clinician_words();
                let mut out =
                    String::with_capacity(tier.len().saturating_add(signs.len()).saturating_add(1));
                out.push_str(tier);
                out.push(' ');
                out.push_str(signs);
                out
            }
            None => tier.to_owned(),
        }
    }
}
