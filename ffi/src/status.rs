//! The status codes of the C ABI: zero for success, one code per
//! [`ErrorKind`] of the library, and the codes of the boundary itself.

use prolo_triage::ErrorKind;

/// What `prolo_assess` returns, as an `int32_t`: `PROLO_STATUS_OK` (0) or
/// the reason the call was refused. On any nonzero status `*out_error`
/// holds a message that begins with the path of the field at fault
/// (`findings.fevr: unknown finding ...`, `policy.min_age_years: ...`).
///
/// Codes 1 to 11 are the kinds of error in the presentation, one per kind
/// of the core library; codes from 20 are about the call itself. The
/// values are part of the ABI: they never change meaning, and new codes
/// take new values.
///
/// # Example
///
/// ```c
/// int32_t status = prolo_assess(input, input_len, NULL, 0, &json, &error);
/// if (status == PROLO_STATUS_INVALID_POLICY)
///     abort();  // the configuration is wrong for every call
/// ```
#[repr(i32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ProloStatus {
    /// Success: `*out_json` holds the assessment.
    Ok = 0,
    /// The presentation is over 64 KiB; it was not parsed.
    TooLarge = 1,
    /// The presentation is not JSON (truncated, trailing characters, a
    /// byte-order mark...).
    Syntax = 2,
    /// A field the wire format does not have.
    UnknownField = 3,
    /// A name outside a closed vocabulary (an unknown finding, condition,
    /// medication class...).
    UnknownName = 4,
    /// The same entry twice in a list.
    DuplicateEntry = 5,
    /// The same key twice in one JSON object (a finding, or a class of an
    /// open medication or allergy list, named twice).
    DuplicateKey = 6,
    /// A number outside its range.
    OutOfRange = 7,
    /// A value of the wrong JSON type.
    WrongType = 8,
    /// Values that contradict one another (conservative care longer than
    /// the symptoms).
    Inconsistent = 9,
    /// A finding moved where it may not go. Only a policy can do this, so
    /// `prolo_assess` reports it as `PROLO_STATUS_INVALID_POLICY`; the code
    /// exists so that every kind of error of the library has one.
    Reclassification = 10,
    /// A value of the right type that is not acceptable for another reason.
    Invalid = 11,
    /// The presentation was refused for a reason newer than this list of
    /// codes. Unreachable while the library and this crate are built
    /// together, as they are; kept so that the mapping is total.
    OtherInvalidInput = 12,
    /// A pointer that may not be NULL was NULL (`input` or `out_json`), or
    /// `policy` was NULL with a nonzero `policy_len`. The message names the
    /// argument. Nothing was read.
    NullPointer = 20,
    /// The presentation is not valid UTF-8; the message gives the offset
    /// of the first bad byte.
    NotUtf8 = 21,
    /// The policy was refused (not UTF-8, not JSON, or not a valid
    /// policy); the message names the field, prefixed `policy.`. The
    /// presentation was not assessed.
    InvalidPolicy = 22,
    /// The library panicked. The panic was caught at the boundary; this is
    /// a bug, and the message says where. No output was produced.
    Panic = 23,
}

impl ProloStatus {
    /// The value returned to C.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(prolo_triage_ffi::ProloStatus::InvalidPolicy.code(), 22);
    /// ```
    #[must_use]
    pub const fn code(self) -> i32 {
        self as i32
    }

    /// The status for a presentation refused with an error of this kind.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::ErrorKind;
    /// use prolo_triage_ffi::ProloStatus;
    /// assert_eq!(ProloStatus::from_kind(ErrorKind::TooLarge), ProloStatus::TooLarge);
    /// ```
    #[must_use]
    pub fn from_kind(kind: ErrorKind) -> ProloStatus {
        match kind {
            ErrorKind::TooLarge => ProloStatus::TooLarge,
            ErrorKind::Syntax => ProloStatus::Syntax,
            ErrorKind::UnknownField => ProloStatus::UnknownField,
            ErrorKind::UnknownName => ProloStatus::UnknownName,
            ErrorKind::DuplicateEntry => ProloStatus::DuplicateEntry,
            ErrorKind::DuplicateKey => ProloStatus::DuplicateKey,
            ErrorKind::OutOfRange => ProloStatus::OutOfRange,
            ErrorKind::WrongType => ProloStatus::WrongType,
            ErrorKind::Inconsistent => ProloStatus::Inconsistent,
            ErrorKind::Reclassification => ProloStatus::Reclassification,
            ErrorKind::Invalid => ProloStatus::Invalid,
            // `ErrorKind` is non-exhaustive. A kind added to the library
            // without a code here fails `every_kind_has_its_own_code`.
            _ => ProloStatus::OtherInvalidInput,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use strum::IntoEnumIterator;

    use super::*;

    /// Every status, for the tests.
    const ALL: [ProloStatus; 17] = [
        ProloStatus::Ok,
        ProloStatus::TooLarge,
        ProloStatus::Syntax,
        ProloStatus::UnknownField,
        ProloStatus::UnknownName,
        ProloStatus::DuplicateEntry,
        ProloStatus::DuplicateKey,
        ProloStatus::OutOfRange,
        ProloStatus::WrongType,
        ProloStatus::Inconsistent,
        ProloStatus::Reclassification,
        ProloStatus::Invalid,
        ProloStatus::OtherInvalidInput,
        ProloStatus::NullPointer,
        ProloStatus::NotUtf8,
        ProloStatus::InvalidPolicy,
        ProloStatus::Panic,
    ];

    #[test]
    fn every_kind_has_its_own_code() {
        let boundary = [
            ProloStatus::Ok,
            ProloStatus::OtherInvalidInput,
            ProloStatus::NullPointer,
            ProloStatus::NotUtf8,
            ProloStatus::InvalidPolicy,
            ProloStatus::Panic,
        ];
        let mut seen = HashSet::new();
        for kind in ErrorKind::iter() {
            let status = ProloStatus::from_kind(kind);
            assert!(!boundary.contains(&status), "{kind} has no code of its own");
            assert!(seen.insert(status), "{kind} shares {status:?}");
        }
        assert_eq!(seen.len(), ErrorKind::iter().count());
    }

    #[test]
    fn codes_are_distinct() {
        let codes: HashSet<i32> = ALL.iter().map(|s| s.code()).collect();
        assert_eq!(codes.len(), ALL.len());
    }

    /// The values are ABI: C programs compiled against an older header
    /// compare against these numbers.
    #[test]
    fn codes_are_stable() {
        let expected = [
            (ErrorKind::TooLarge, 1),
            (ErrorKind::Syntax, 2),
            (ErrorKind::UnknownField, 3),
            (ErrorKind::UnknownName, 4),
            (ErrorKind::DuplicateEntry, 5),
            (ErrorKind::DuplicateKey, 6),
            (ErrorKind::OutOfRange, 7),
            (ErrorKind::WrongType, 8),
            (ErrorKind::Inconsistent, 9),
            (ErrorKind::Reclassification, 10),
            (ErrorKind::Invalid, 11),
        ];
        for (kind, code) in expected {
            assert_eq!(ProloStatus::from_kind(kind).code(), code, "{kind}");
        }
        assert_eq!(ProloStatus::Ok.code(), 0);
        assert_eq!(ProloStatus::OtherInvalidInput.code(), 12);
        assert_eq!(ProloStatus::NullPointer.code(), 20);
        assert_eq!(ProloStatus::NotUtf8.code(), 21);
        assert_eq!(ProloStatus::InvalidPolicy.code(), 22);
        assert_eq!(ProloStatus::Panic.code(), 23);
    }
}
