//! # prolo-triage-ffi
//!
//! The C ABI of [`prolo_triage`], for clinic software that is not written in
//! Rust. Three functions, declared in `ffi/include/prolo_triage.h` (made by
//! cbindgen from this file):
//!
//! - [`prolo_assess`] assesses a JSON presentation (pointer and length, not
//!   NUL-terminated) under the default policy or a JSON policy, and returns
//!   the assessment JSON or a [`ProloStatus`] and a message that names the
//!   field at fault, through out-parameters;
//! - [`prolo_free_string`] frees a string that `prolo_assess` returned;
//! - [`prolo_version`] is the library version, a static string.
//!
//! This crate is the only place in the workspace where `unsafe` lives, and
//! only at the boundary: each exported function checks its pointers, borrows
//! the caller's buffers without copying them, and hands plain slices to
//! safe code. No panic crosses the boundary: a panic is caught and becomes
//! [`ProloStatus::Panic`]. (That needs the default `panic = "unwind"`; a
//! host that builds the library with `panic = "abort"` gets an abort
//! instead.)
//!
//! ## Memory
//!
//! Every string returned through `out_json` or `out_error` is allocated by
//! the library, owned by the caller, and freed with [`prolo_free_string`],
//! exactly once, never with `free()`, and never modified in between. Both
//! out-parameters are set to NULL on entry, so freeing both after any call
//! is always correct. The input buffers are only read, during the call.
//!
//! ## Example
//!
//! The functions are callable from Rust too, which is how this crate's
//! tests drive them:
//!
//! ```
//! use std::ffi::CStr;
//! use std::ptr;
//! use prolo_triage_ffi::{prolo_assess, prolo_free_string, ProloStatus};
//!
//! let input = br#"{"findings": {"fever": "present"}}"#;
//! let (mut json, mut error) = (ptr::null_mut(), ptr::null_mut());
//! // SAFETY: `input` is valid for its length, the policy is NULL with
//! // length 0, and both out-parameters point to writable pointers.
//! let status = unsafe {
//!     prolo_assess(input.as_ptr(), input.len(), ptr::null(), 0, &mut json, &mut error)
//! };
//! assert_eq!(status, ProloStatus::Ok.code());
//! // SAFETY: on success `json` is a NUL-terminated string from the library.
//! let text = unsafe { CStr::from_ptr(json) }.to_str().unwrap();
//! assert!(text.starts_with(r#"{"verdict":"refer_urgently""#));
//! // SAFETY: each string came from `prolo_assess` and is freed once; NULL
//! // is allowed.
//! unsafe {
//!     prolo_free_string(json);
//!     prolo_free_string(error);
//! }
//! ```

#![deny(unsafe_op_in_unsafe_fn)]
#![deny(missing_docs)]
#![cfg_attr(
    test,
    allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::arithmetic_side_effects,
        clippy::panic,
        clippy::undocumented_unsafe_blocks,
        clippy::multiple_unsafe_ops_per_block
    )
)]

mod status;

use std::any::Any;
use std::ffi::{c_char, CString};
use std::panic::{self, AssertUnwindSafe};
use std::ptr;
use std::str::Utf8Error;

use prolo_triage::{Error, Policy, MAX_DOCUMENT_BYTES};

pub use status::ProloStatus;

/// The path of errors about a document as a whole, as the core library
/// names it.
const DOCUMENT: &str = "document";

/// The library version, NUL-terminated for [`prolo_version`]. The core
/// crate and this one share a version (`version_is_the_core_version`).
const VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), "\0");

/// A call refused, on its way to the caller: the status and a message that
/// begins with the path of the field (or the argument) at fault.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Refusal {
    status: ProloStatus,
    message: String,
}

impl Refusal {
    /// A presentation the library refused.
    fn presentation(error: &Error) -> Refusal {
        Refusal {
            status: ProloStatus::from_kind(error.kind()),
            message: error.to_string(),
        }
    }

    /// A policy the library refused: the same message, its path prefixed
    /// `policy.` so that the caller can tell which document is at fault.
    fn policy(error: &Error) -> Refusal {
        let message = error.to_string();
        let message = match message.strip_prefix(error.path()) {
            Some(rest) => format!("policy.{}{rest}", error.path()),
            // Every message of the library begins with its path; should one
            // stop doing so, the field is still named.
            None => format!("policy.{}: {message}", error.path()),
        };
        Refusal {
            status: ProloStatus::InvalidPolicy,
            message,
        }
    }

    /// A NULL pointer where the argument `name` may not be NULL.
    fn null(name: &str, detail: &str) -> Refusal {
        Refusal {
            status: ProloStatus::NullPointer,
            message: format!("{name}: null pointer{detail}"),
        }
    }

    /// The message for bytes at `path` that are not UTF-8.
    fn not_utf8_message(path: &str, error: Utf8Error) -> String {
        format!(
            "{path}: not valid UTF-8 (first bad byte at offset {}); send UTF-8 JSON",
            error.valid_up_to()
        )
    }

    /// A panic caught at the boundary.
    fn panicked(payload: Box<dyn Any + Send>) -> Refusal {
        let detail = if let Some(text) = payload.downcast_ref::<&str>() {
            (*text).to_string()
        } else if let Some(text) = payload.downcast_ref::<String>() {
            text.clone()
        } else {
            "a payload that is not text".to_string()
        };
        // Dropping the payload runs its destructor, which could panic in
        // turn; that second payload is leaked rather than let it unwind
        // into C.
        if let Err(again) = panic::catch_unwind(AssertUnwindSafe(move || drop(payload))) {
            std::mem::forget(again);
        }
        Refusal {
            status: ProloStatus::Panic,
            message: format!(
                "internal: the library panicked ({detail}); this is a bug, please report it with the input"
            ),
        }
    }
}

/// The whole call on safe types: the presentation's bytes and the policy's
/// (if any) in, the assessment JSON or a refusal out.
///
/// The presentation is checked for UTF-8 first (borrowed, not copied); the
/// 64 KiB limit and everything else are the library's own checks. A policy
/// is read before the presentation is parsed, so a bad policy is reported
/// even when the presentation is bad too: it is the caller's configuration,
/// wrong for every call.
fn assess_bytes(input: &[u8], policy: Option<&[u8]>) -> Result<String, Refusal> {
    let input = std::str::from_utf8(input).map_err(|e| Refusal {
        status: ProloStatus::NotUtf8,
        message: Refusal::not_utf8_message(DOCUMENT, e),
    })?;
    let policy = match policy {
        None => Policy::default(),
        Some(bytes) => {
            let text = std::str::from_utf8(bytes).map_err(|e| Refusal {
                status: ProloStatus::InvalidPolicy,
                message: Refusal::not_utf8_message("policy.document", e),
            })?;
            Policy::from_json(text).map_err(|e| Refusal::policy(&e))?
        }
    };
    prolo_triage::assess_json(input, &policy).map_err(|e| Refusal::presentation(&e))
}

/// Runs `body`, turning a panic into [`ProloStatus::Panic`] so that it
/// never unwinds into C.
fn guarded<T>(body: impl FnOnce() -> Result<T, Refusal>) -> Result<T, Refusal> {
    // Unwind safety: on a panic nothing `body` touched is looked at again;
    // it only reads the caller's buffers and builds new values.
    panic::catch_unwind(AssertUnwindSafe(body))
        .unwrap_or_else(|payload| Err(Refusal::panicked(payload)))
}

/// Borrows `len` bytes at `data`, which is not NULL.
///
/// A length over `isize::MAX` cannot describe a real buffer (Rust and C
/// alike cap objects there), so no slice is made; it is refused as the
/// library refuses any document over its limit.
///
/// # Safety
///
/// `data` must be non-NULL and, when `len` is at most `isize::MAX`, valid
/// for reads of `len` bytes that nothing writes to for `'a`.
unsafe fn borrow<'a>(data: *const u8, len: usize) -> Result<&'a [u8], Error> {
    if isize::try_from(len).is_err() {
        return Err(Error::TooLarge {
            size: len,
            limit: MAX_DOCUMENT_BYTES,
        });
    }
    // SAFETY: `data` is non-NULL (the caller checked), `u8` has alignment
    // 1, `len` fits in `isize` (checked above), and the caller of
    // `prolo_assess` promises `len` readable bytes left alone for the call.
    Ok(unsafe { std::slice::from_raw_parts(data, len) })
}

/// Hands `text` to C as a NUL-terminated string the caller owns.
///
/// Assessment JSON never holds a NUL byte (serde_json escapes control
/// characters), and the library escapes the keys and values it echoes in
/// an error message, where `"\u0000"` from the caller would otherwise
/// come back as NUL. Should one ever get through, it is written as the six
/// characters `\u0000` rather than let C cut the message short.
fn into_c_string(text: String) -> *mut c_char {
    let text = if text.contains('\0') {
        text.replace('\0', "\\u0000")
    } else {
        text
    };
    // No NUL is left, so `CString::new` cannot fail; the empty string is
    // only there to avoid an `unwrap`.
    CString::new(text).unwrap_or_default().into_raw()
}

/// The arguments of `prolo_assess` checked and borrowed, then assessed.
///
/// # Safety
///
/// As for [`prolo_assess`].
unsafe fn assess_raw(
    input: *const u8,
    input_len: usize,
    policy: *const u8,
    policy_len: usize,
    out_json: *mut *mut c_char,
) -> Result<String, Refusal> {
    if input.is_null() {
        return Err(Refusal::null("input", ""));
    }
    if policy.is_null() && policy_len != 0 {
        return Err(Refusal::null(
            "policy",
            &format!(" with policy_len {policy_len} (pass NULL and 0 for the default policy)"),
        ));
    }
    if out_json.is_null() {
        return Err(Refusal::null("out_json", ""));
    }
    // SAFETY: `input` is non-NULL (checked above) and the caller promises
    // `input_len` readable bytes.
    let input = unsafe { borrow(input, input_len) }.map_err(|e| Refusal::presentation(&e))?;
    let policy = if policy.is_null() {
        None
    } else {
        // SAFETY: `policy` is non-NULL (checked above) and the caller
        // promises `policy_len` readable bytes.
        Some(unsafe { borrow(policy, policy_len) }.map_err(|e| Refusal::policy(&e))?)
    };
    assess_bytes(input, policy)
}

/// Assesses one presentation: `input_len` bytes of UTF-8 JSON at `input`
/// (no NUL terminator needed; the bytes after `input_len` are not read),
/// under the policy given as `policy_len` bytes of JSON at `policy`, or
/// under the literature defaults when `policy` is NULL (and `policy_len`
/// 0). The presentation is the wire format of `docs/wire-format.md`;
/// `medications` and `allergies` are a list (`["nsaid"]`, `[]` for none)
/// or an open list, an object of class to `present`, `absent` or
/// `unknown` (`{"anticoagulant": "present"}`), in which every class not
/// named is unknown and asked as `medications.<class>`.
///
/// Returns `PROLO_STATUS_OK` (0) and sets `*out_json` to the assessment
/// JSON, or returns a nonzero `ProloStatus` and sets `*out_error` to a
/// message that begins with the path of the field at fault
/// (`findings.fevr: unknown finding ...`; `policy.` before the path for an
/// error in the policy). Both out-parameters are set to NULL on entry, and
/// exactly one is set on return (`*out_error` only when `out_error` is not
/// NULL). Each string set is owned by the caller and must be freed with
/// `prolo_free_string`, not `free()`, and not modified.
///
/// Presentations over 64 KiB are refused (`PROLO_STATUS_TOO_LARGE`)
/// without being parsed or copied; bytes that are not UTF-8 are refused
/// first (`PROLO_STATUS_NOT_UTF8`). No panic escapes: one is reported as
/// `PROLO_STATUS_PANIC`. The function keeps no state between calls and is
/// safe to call from several threads at once.
///
/// # Safety
///
/// - `input` must not be NULL and must point to `input_len` bytes readable
///   for the duration of the call, that no other thread writes meanwhile.
/// - `policy` is NULL with `policy_len` 0, or points to `policy_len` such
///   bytes.
/// - `out_json` must not be NULL and must point to a writable `char *`;
///   `out_error` is NULL or points to a writable `char *`.
///
/// A NULL where one is not allowed is reported (`PROLO_STATUS_NULL_POINTER`),
/// not undefined behaviour; a dangling pointer or a wrong length cannot be
/// detected.
///
/// # Example
///
/// ```c
/// const char *input = "{\"findings\": {\"fever\": \"present\"}}";
/// char *json = NULL, *error = NULL;
/// int32_t status = prolo_assess((const uint8_t *)input, strlen(input),
///                               NULL, 0, &json, &error);
/// if (status == PROLO_STATUS_OK)
///     puts(json);  // {"verdict":"refer_urgently",...
/// else
///     fprintf(stderr, "refused (%d): %s\n", (int)status, error);
/// prolo_free_string(json);
/// prolo_free_string(error);
/// ```
#[unsafe(no_mangle)]
pub unsafe extern "C" fn prolo_assess(
    input: *const u8,
    input_len: usize,
    policy: *const u8,
    policy_len: usize,
    out_json: *mut *mut c_char,
    out_error: *mut *mut c_char,
) -> i32 {
    // Cleared first, so that the caller can free both whatever happens.
    if !out_json.is_null() {
        // SAFETY: non-NULL, and the caller promises a writable `char *`.
        unsafe { out_json.write(ptr::null_mut()) };
    }
    if !out_error.is_null() {
        // SAFETY: as above.
        unsafe { out_error.write(ptr::null_mut()) };
    }
    // SAFETY: the caller's promises are those of `assess_raw`.
    match guarded(|| unsafe { assess_raw(input, input_len, policy, policy_len, out_json) }) {
        Ok(json) => {
            // SAFETY: `assess_raw` succeeds only with `out_json` non-NULL,
            // and the caller promises it writable.
            unsafe { out_json.write(into_c_string(json)) };
            ProloStatus::Ok.code()
        }
        Err(refusal) => {
            if !out_error.is_null() {
                // SAFETY: non-NULL, and the caller promises it writable.
                unsafe { out_error.write(into_c_string(refusal.message)) };
            }
            refusal.status.code()
        }
    }
}

/// Frees a string returned through `out_json` or `out_error` by
/// `prolo_assess`. NULL is allowed and does nothing.
///
/// # Safety
///
/// `string` is NULL or a pointer set by `prolo_assess`, not modified since
/// and not freed before; it must not be used after this call.
///
/// # Example
///
/// ```c
/// char *json = NULL, *error = NULL;
/// prolo_assess(input, input_len, NULL, 0, &json, &error);
/// // ... use json or error ...
/// prolo_free_string(json);  // NULL is fine: one of the two always is
/// prolo_free_string(error);
/// ```
#[unsafe(no_mangle)]
pub unsafe extern "C" fn prolo_free_string(string: *mut c_char) {
    if string.is_null() {
        return;
    }
    // SAFETY: the caller promises a pointer from `into_c_string`
    // (`CString::into_raw`), unmodified, so its length is the one it was
    // allocated with, and freed only here, once.
    drop(unsafe { CString::from_raw(string) });
}

/// The library version (`"0.1.0"`), a static NUL-terminated string: do not
/// free it.
///
/// # Example
///
/// ```c
/// printf("prolo-triage %s\n", prolo_version());
/// ```
#[unsafe(no_mangle)]
pub extern "C" fn prolo_version() -> *const c_char {
    VERSION.as_ptr().cast()
}

#[cfg(test)]
mod tests {
    use std::ffi::CStr;

    use prolo_triage::ErrorKind;

    use super::*;

    const WORKED: &[(&str, &str)] = &[
        (
            include_str!("../../examples/data/01-runner-heel-pain-discuss.json"),
            "discuss",
        ),
        (
            include_str!("../../examples/data/02-ankle-instability-apixaban.json"),
            "discuss_with_precautions",
        ),
        (
            include_str!("../../examples/data/04-tender-navicular-after-fall.json"),
            "refer_urgently",
        ),
        (
            include_str!("../../examples/data/07-child.json"),
            "not_suitable",
        ),
    ];

    const STRICT: &str = r#"{"name":"strict","version":"1","classification":{"medications.anticoagulant":"absolute"}}"#;

    /// What a C caller sees: the status, `*out_json` and `*out_error`, with
    /// the strings copied out and freed.
    fn call(input: Option<&[u8]>, policy: Option<&[u8]>) -> (i32, Option<String>, Option<String>) {
        let (mut json, mut error) = (ptr::null_mut(), ptr::null_mut());
        let (input, input_len) = input.map_or((ptr::null(), 0), |b| (b.as_ptr(), b.len()));
        let (policy, policy_len) = policy.map_or((ptr::null(), 0), |b| (b.as_ptr(), b.len()));
        let status =
            unsafe { prolo_assess(input, input_len, policy, policy_len, &mut json, &mut error) };
        let take = |s: *mut c_char| {
            (!s.is_null()).then(|| {
                let text = unsafe { CStr::from_ptr(s) }.to_str().unwrap().to_string();
                unsafe { prolo_free_string(s) };
                text
            })
        };
        (status, take(json), take(error))
    }

    fn verdict(json: &str) -> String {
        let value: serde_json::Value = serde_json::from_str(json).unwrap();
        value["verdict"].as_str().unwrap().to_string()
    }

    #[test]
    fn worked_cases_give_their_verdicts() {
        for (input, expected) in WORKED {
            let (status, json, error) = call(Some(input.as_bytes()), None);
            assert_eq!((status, error), (0, None));
            assert_eq!(verdict(&json.unwrap()), *expected);
        }
    }

    #[test]
    fn a_policy_changes_the_verdict() {
        let input = WORKED[1].0.as_bytes();
        let (status, json, _) = call(Some(input), Some(STRICT.as_bytes()));
        assert_eq!(status, 0);
        let json = json.unwrap();
        assert_eq!(verdict(&json), "contraindicated");
        assert!(json.contains(r#""name":"strict""#), "{json}");
    }

    #[test]
    fn presentation_errors_map_to_their_kind_and_name_the_field() {
        let cases: &[(&str, ErrorKind, &str)] = &[
            (
                r#"{"findings": {"fevr": "absent"}}"#,
                ErrorKind::UnknownName,
                "findings.fevr: ",
            ),
            (r#"{"age_years": "x"}"#, ErrorKind::WrongType, "age_years: "),
            (r#"{"age_years": 47"#, ErrorKind::Syntax, ""),
            (r#"{"agee": 47}"#, ErrorKind::UnknownField, "agee: "),
            (
                r#"{"pain_score": 14}"#,
                ErrorKind::OutOfRange,
                "pain_score: ",
            ),
        ];
        for (input, kind, prefix) in cases {
            let (status, json, error) = call(Some(input.as_bytes()), None);
            assert_eq!(status, ProloStatus::from_kind(*kind).code(), "{input}");
            assert_eq!(json, None);
            let error = error.unwrap();
            assert!(error.starts_with(prefix), "{error}");
            let expected = prolo_triage::assess_json(input, &Policy::default()).unwrap_err();
            assert_eq!(error, expected.to_string());
        }
    }

    #[test]
    fn policy_errors_are_prefixed_with_policy() {
        let cases: &[(&[u8], &str)] = &[
            (
                br#"{"name": "x", "version": "1", "min_age_years": "x"}"#,
                "policy.min_age_years: ",
            ),
            (br#"{"nme": "x"}"#, "policy.nme: "),
            (
                br#"{"name": "x", "version": "1", "classification": {"fever": "relative"}}"#,
                "policy.classification.fever: a red flag can never be downgraded",
            ),
            (b"{", "policy."),
            (b"\xff", "policy.document: not valid UTF-8"),
        ];
        for (policy, prefix) in cases {
            let (status, json, error) = call(Some(b"{}"), Some(policy));
            assert_eq!(status, ProloStatus::InvalidPolicy.code());
            assert_eq!(json, None);
            let error = error.unwrap();
            assert!(error.starts_with(prefix), "{error}");
        }
    }

    #[test]
    fn a_bad_policy_is_reported_before_a_bad_presentation() {
        let (status, _, _) = call(Some(b"{"), Some(b"{"));
        assert_eq!(status, ProloStatus::InvalidPolicy.code());
    }

    #[test]
    fn bytes_that_are_not_utf8_are_refused_first() {
        let (status, _, error) = call(Some(b"{\"age_years\": \"\xc3\x28\"}"), None);
        assert_eq!(status, ProloStatus::NotUtf8.code());
        assert_eq!(
            error.unwrap(),
            "document: not valid UTF-8 (first bad byte at offset 15); send UTF-8 JSON"
        );
    }

    #[test]
    fn oversize_input_is_refused_by_the_library() {
        let big = vec![b' '; MAX_DOCUMENT_BYTES + 1];
        let (status, _, error) = call(Some(&big), None);
        assert_eq!(status, ProloStatus::TooLarge.code());
        assert!(error.unwrap().starts_with("document: 65537 bytes"));
        let mut at_limit = b"{}".to_vec();
        at_limit.resize(MAX_DOCUMENT_BYTES, b' ');
        assert_eq!(call(Some(&at_limit), None).0, 0);
    }

    #[test]
    fn an_impossible_length_is_too_large_without_a_slice() {
        let input = b"{}";
        let (mut json, mut error) = (ptr::null_mut(), ptr::null_mut());
        let status = unsafe {
            prolo_assess(
                input.as_ptr(),
                usize::MAX,
                ptr::null(),
                0,
                &mut json,
                &mut error,
            )
        };
        assert_eq!(status, ProloStatus::TooLarge.code());
        assert!(json.is_null());
        unsafe { prolo_free_string(error) };
        let status = unsafe {
            prolo_assess(
                input.as_ptr(),
                2,
                input.as_ptr(),
                usize::MAX,
                &mut json,
                &mut error,
            )
        };
        assert_eq!(status, ProloStatus::InvalidPolicy.code());
        let message = unsafe { CStr::from_ptr(error) }
            .to_str()
            .unwrap()
            .to_string();
        unsafe { prolo_free_string(error) };
        assert!(message.starts_with("policy.document: "), "{message}");
    }

    #[test]
    fn only_the_given_length_is_read() {
        let input = br#"{"age_years": 14}trailing garbage"#;
        let (status, json, _) = call(Some(&input[..17]), None);
        assert_eq!(status, 0);
        assert!(json.is_some());
    }

    #[test]
    fn null_arguments_are_reported() {
        let (status, json, error) = call(None, None);
        assert_eq!((status, json), (ProloStatus::NullPointer.code(), None));
        assert_eq!(error.unwrap(), "input: null pointer");

        let input = b"{}";
        let mut error = ptr::null_mut();
        let status = unsafe {
            prolo_assess(
                input.as_ptr(),
                2,
                ptr::null(),
                0,
                ptr::null_mut(),
                &mut error,
            )
        };
        assert_eq!(status, ProloStatus::NullPointer.code());
        let message = unsafe { CStr::from_ptr(error) }
            .to_str()
            .unwrap()
            .to_string();
        unsafe { prolo_free_string(error) };
        assert_eq!(message, "out_json: null pointer");

        let mut json = ptr::null_mut();
        let status =
            unsafe { prolo_assess(input.as_ptr(), 2, ptr::null(), 5, &mut json, &mut error) };
        assert_eq!(status, ProloStatus::NullPointer.code());
        assert!(json.is_null());
        let message = unsafe { CStr::from_ptr(error) }
            .to_str()
            .unwrap()
            .to_string();
        unsafe { prolo_free_string(error) };
        assert!(
            message.starts_with("policy: null pointer with policy_len 5"),
            "{message}"
        );

        // Without `out_error` the status is still returned.
        let status =
            unsafe { prolo_assess(ptr::null(), 0, ptr::null(), 0, &mut json, ptr::null_mut()) };
        assert_eq!(status, ProloStatus::NullPointer.code());
    }

    #[test]
    fn out_parameters_are_cleared_on_entry() {
        let input = b"{";
        let stale = 0x1 as *mut c_char;
        let (mut json, mut error) = (stale, stale);
        let status =
            unsafe { prolo_assess(input.as_ptr(), 1, ptr::null(), 0, &mut json, &mut error) };
        assert_eq!(status, ProloStatus::Syntax.code());
        assert!(json.is_null());
        assert!(!error.is_null() && error != stale);
        unsafe { prolo_free_string(error) };
    }

    #[test]
    fn a_nul_in_a_message_does_not_cut_it_short() {
        // The library escapes the key it echoes; whatever it does, the
        // message reaches C whole.
        let (status, _, error) = call(Some(br#"{"findings": {"fe\u0000vr": "absent"}}"#), None);
        assert_eq!(status, ProloStatus::UnknownName.code());
        let error = error.unwrap();
        assert!(error.starts_with("findings.fe"), "{error}");
        assert!(error.contains("unknown finding"), "{error}");
    }

    #[test]
    fn nul_bytes_are_escaped_for_c() {
        let raw = into_c_string("a\0b: c".to_string());
        let text = unsafe { CStr::from_ptr(raw) }.to_str().unwrap().to_string();
        unsafe { prolo_free_string(raw) };
        assert_eq!(text, "a\\u0000b: c");
    }

    #[test]
    fn the_panic_guard_turns_a_panic_into_a_status() {
        let outcome: Result<(), Refusal> = guarded(|| panic!("boom"));
        let refusal = outcome.unwrap_err();
        assert_eq!(refusal.status, ProloStatus::Panic);
        assert!(refusal.message.contains("(boom)"), "{}", refusal.message);

        let outcome: Result<(), Refusal> = guarded(|| panic!("{} {}", "formatted", 42));
        assert!(outcome.unwrap_err().message.contains("(formatted 42)"));

        let outcome: Result<(), Refusal> = guarded(|| std::panic::panic_any(7_u8));
        assert!(outcome.unwrap_err().message.contains("not text"));
    }

    #[test]
    fn the_panic_guard_survives_a_payload_that_panics_when_dropped() {
        struct Bomb;
        impl Drop for Bomb {
            fn drop(&mut self) {
                panic!("in drop");
            }
        }
        let outcome: Result<(), Refusal> = guarded(|| std::panic::panic_any(Bomb));
        assert_eq!(outcome.unwrap_err().status, ProloStatus::Panic);
    }

    #[test]
    fn the_guard_passes_outcomes_through() {
        assert_eq!(guarded(|| Ok::<_, Refusal>(3)), Ok(3));
        let refusal = Refusal::null("input", "");
        assert_eq!(guarded(|| Err::<(), _>(refusal.clone())), Err(refusal));
    }

    #[test]
    fn calls_from_several_threads_are_independent() {
        let threads: Vec<_> = (0..4)
            .map(|i| {
                std::thread::spawn(move || {
                    for _ in 0..25 {
                        let (input, expected) = WORKED[i % WORKED.len()];
                        let (status, json, _) = call(Some(input.as_bytes()), None);
                        assert_eq!(status, 0);
                        assert_eq!(verdict(&json.unwrap()), expected);
                    }
                })
            })
            .collect();
        for thread in threads {
            thread.join().unwrap();
        }
    }

    #[test]
    fn version_is_the_core_version() {
        let version = unsafe { CStr::from_ptr(prolo_version()) }.to_str().unwrap();
        // The default policy's version is the core crate's version.
        assert_eq!(version, Policy::default().version());
    }
}
