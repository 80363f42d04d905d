//! Reading JSON documents with errors that name the field.
//!
//! serde does the parsing; this module turns its messages into errors with a
//! path. The public part, [`read`] with its [`JsonError`], [`strip_position`]
//! and [`echo_at_most`], is the plumbing every member of the workspace shares (the
//! `fhir` code tables, the CDS Hooks service's request bodies), so that a
//! field path, a message without serde's " at line L column C" and a
//! shortened echo of the offending text look the same everywhere. The rest
//! serves the raw structs of the presentation and the policy: objects only
//! (serde would accept a struct written as an array), map entries that keep
//! duplicates so they can be refused, and names looked up in closed
//! vocabularies, all turned into the crate's typed [`Error`]s.
//!
//! # Example
//!
//! ```
//! use prolo_triage::json::{self, JsonError};
//!
//! #[derive(Debug, serde::Deserialize)]
//! struct Request { count: u32 }
//!
//! let err = json::read::<Request>(br#"{"count": "many"}"#).unwrap_err();
//! assert_eq!(err.path(), "count");
//! assert!(matches!(err, JsonError::Data { .. }));
//! assert_eq!(err.to_string(), "count: invalid type: string \"many\", expected u32");
//! ```

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use enumset::{EnumSet, EnumSetType};
use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};

use crate::error::{Error, Invalid, DOCUMENT};
use crate::truth::Truth;
use crate::vocabulary::names;

/// Documents larger than this are refused before parsing (64 KiB).
///
/// # Example
///
/// ```
/// use prolo_triage::{ErrorKind, Presentation, MAX_DOCUMENT_BYTES};
/// let big = format!("{{\"age_years\": 40{}}}", " ".repeat(MAX_DOCUMENT_BYTES));
/// assert_eq!(Presentation::from_json(&big).unwrap_err().kind(), ErrorKind::TooLarge);
/// ```
pub const MAX_DOCUMENT_BYTES: usize = 64 * 1024;

/// Longest user-supplied text echoed back in an error message.
const ECHO_CHARS: usize = 64;

/// A document that could not be read: not JSON at all, or JSON of the wrong
/// shape at a field path.
///
/// # Example
///
/// ```
/// use prolo_triage::json::{self, JsonError};
/// let err = json::read::<Vec<u8>>(b"[1, 2").unwrap_err();
/// assert!(matches!(err, JsonError::Syntax { .. }));
/// assert_eq!(err.path(), "document");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum JsonError {
    /// Not JSON, or trailing characters after the document.
    #[error("document: malformed JSON: {detail}")]
    Syntax {
        /// serde_json's description, with its position.
        detail: String,
    },
    /// JSON, but a value of the wrong shape.
    #[error("{path}: {message}")]
    Data {
        /// The dotted path of the field (`document` for the whole input;
        /// for a missing field, the field's own path).
        path: String,
        /// serde's message without its position.
        message: String,
    },
}

impl JsonError {
    /// The field path the error is about (`document` for the whole input).
    ///
    /// # Example
    ///
    /// ```
    /// #[derive(Debug, serde::Deserialize)]
    /// struct Outer { inner: Inner }
    /// #[derive(Debug, serde::Deserialize)]
    /// struct Inner { count: u32 }
    /// let err = prolo_triage::json::read::<Outer>(br#"{"inner": {}}"#).unwrap_err();
    /// assert_eq!(err.path(), "inner.count");
    /// ```
    #[must_use]
    pub fn path(&self) -> &str {
        match self {
            JsonError::Syntax { .. } => DOCUMENT,
            JsonError::Data { path, .. } => path,
        }
    }
}

/// Reads one JSON document into `T`, tracking the field path so that an
/// error says where. Sizes are the caller's to bound before.
///
/// # Errors
///
/// [`JsonError::Syntax`] for text that is not one JSON document,
/// [`JsonError::Data`] naming the field for a value of the wrong shape.
///
/// # Example
///
/// ```
/// let numbers: Vec<u8> = prolo_triage::json::read(b"[1, 2]")?;
/// assert_eq!(numbers, [1, 2]);
/// # Ok::<(), prolo_triage::json::JsonError>(())
/// ```
pub fn read<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Result<T, JsonError> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let value: T = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        if inner.is_syntax() || inner.is_eof() {
            return JsonError::Syntax {
                detail: inner.to_string(),
            };
        }
        let message = strip_position(&inner.to_string()).to_owned();
        // "missing field `x`": the path is the field's, not its parent's.
        let missing = message
            .strip_prefix("missing field `")
            .and_then(|rest| rest.strip_suffix('`'));
        let path = match (path.as_str(), missing) {
            ("." | "?" | "", Some(field)) => field.to_owned(),
            (_, Some(field)) => format!("{path}.{field}"),
            ("." | "?" | "", None) => DOCUMENT.to_owned(),
            (_, None) => path,
        };
        JsonError::Data { path, message }
    })?;
    de.end().map_err(|e| JsonError::Syntax {
        detail: format!("trailing characters after the document ({e})"),
    })?;
    Ok(value)
}

/// A serde_json message without its " at line L column C": a field path
/// says where better.
///
/// # Example
///
/// ```
/// use prolo_triage::json::strip_position;
/// assert_eq!(strip_position("invalid type: null, expected a string at line 1 column 9"),
///            "invalid type: null, expected a string");
/// assert_eq!(strip_position("no position"), "no position");
/// ```
#[must_use]
pub fn strip_position(message: &str) -> &str {
    message
        .rfind(" at line ")
        .and_then(|at| message.get(..at))
        .unwrap_or(message)
}

/// Parses one JSON document into `T`, refusing oversize input before
/// parsing. `expected` describes, for a field path, what the field holds.
pub(crate) fn parse<'a, T: Deserialize<'a>>(
    input: &'a str,
    expected: fn(&str) -> Option<&'static str>,
) -> Result<T, Error> {
    if input.len() > MAX_DOCUMENT_BYTES {
        return Err(Error::TooLarge {
            size: input.len(),
            limit: MAX_DOCUMENT_BYTES,
        });
    }
    if input.starts_with('\u{feff}') {
        return Err(Error::Syntax {
            path: DOCUMENT.into(),
            detail: "byte-order mark before the document; send UTF-8 JSON without one".into(),
        });
    }
    // The fast path: plain serde_json, no path tracking (which allocates a
    // string per key). Only a document that fails is read again, with the
    // path tracked, to say where.
    let mut de = serde_json::Deserializer::from_str(input);
    if let Ok(value) = T::deserialize(&mut de) {
        if de.end().is_ok() {
            return Ok(value);
        }
    }
    let mut de = serde_json::Deserializer::from_str(input);
    let value: T = serde_path_to_error::deserialize(&mut de)
        .map_err(|e| classify(e.path().to_string(), e.inner(), expected))?;
    de.end().map_err(|e| Error::Syntax {
        path: DOCUMENT.into(),
        detail: format!("trailing characters after the document ({e})"),
    })?;
    Ok(value)
}

/// Turns a serde_json error at `path` into a typed error.
fn classify(
    path: String,
    err: &serde_json::Error,
    expected: fn(&str) -> Option<&'static str>,
) -> Error {
    let path = if path == "." || path == "?" || path.is_empty() {
        DOCUMENT.to_string()
    } else {
        // Keys are user text: keep the path one short line.
        echo(&path)
    };

    let full = err.to_string();
    if !err.is_data() {
        return Error::Syntax { path, detail: full };
    }
    // serde_json appends " at line L column C" to data errors; the message
    // before it comes from serde's `de::Error` constructors, whose wording
    // is stable across serde 1.x.
    let message = full
        .rfind(" at line ")
        .and_then(|at| full.get(..at))
        .unwrap_or(&full);
    let describe = |path: &str| -> String {
        expected(path).map(str::to_string).unwrap_or_else(|| {
            after(message, "expected ")
                .unwrap_or("another value")
                .to_string()
        })
    };
    if message.starts_with("unknown field") {
        // serde_path_to_error already put the field in the path.
        return Error::UnknownField {
            expected: after(message, "expected ")
                .unwrap_or("no fields")
                .replace("one of ", "")
                .replace('`', ""),
            path,
        };
    }
    if let Some(name) = message
        .strip_prefix("duplicate field `")
        .and_then(|rest| rest.strip_suffix('`'))
    {
        return Error::DuplicateKey {
            path: join(&path, name),
        };
    }
    if let Some(name) = message
        .strip_prefix("missing field `")
        .and_then(|rest| rest.strip_suffix('`'))
    {
        return Error::Invalid {
            path: join(&path, name),
            cause: Invalid::MissingField,
        };
    }
    if let Some(rest) = message.strip_prefix("invalid value: integer `") {
        let value = rest.split('`').next().unwrap_or(rest).to_string();
        let expected = describe(&path);
        return Error::OutOfRange {
            path,
            value,
            expected,
        };
    }
    if message.starts_with("invalid type") || message.starts_with("invalid length") {
        let expected = describe(&path);
        return Error::WrongType { path, expected };
    }
    Error::Invalid {
        path,
        cause: Invalid::Other(message.to_string()),
    }
}

fn after<'a>(message: &'a str, marker: &str) -> Option<&'a str> {
    message
        .find(marker)
        .and_then(|i| message.get(i.saturating_add(marker.len())..))
}

/// `parent.child`, or `child` at the top level.
pub(crate) fn join(parent: &str, child: &str) -> String {
    if parent == DOCUMENT || parent.is_empty() {
        child.to_string()
    } else {
        format!("{parent}.{child}")
    }
}

/// The error of a document read alone, with its path put under `parent`
/// (`phone` → `clinic.phone`; the document itself → `clinic`), so it names
/// the field as it would be named inside the larger document.
pub(crate) fn under(parent: &str, err: Error) -> Error {
    let nest = |path: String| {
        if path == DOCUMENT {
            parent.to_string()
        } else {
            join(parent, &path)
        }
    };
    match err {
        Error::Syntax { path, detail } => Error::Syntax {
            path: nest(path),
            detail,
        },
        Error::UnknownField { path, expected } => Error::UnknownField {
            path: nest(path),
            expected,
        },
        Error::UnknownName {
            path,
            vocabulary,
            value,
            expected,
        } => Error::UnknownName {
            path: nest(path),
            vocabulary,
            value,
            expected,
        },
        Error::DuplicateEntry { path, value } => Error::DuplicateEntry {
            path: nest(path),
            value,
        },
        Error::DuplicateKey { path } => Error::DuplicateKey { path: nest(path) },
        Error::OutOfRange {
            path,
            value,
            expected,
        } => Error::OutOfRange {
            path: nest(path),
            value,
            expected,
        },
        Error::WrongType { path, expected } => Error::WrongType {
            path: nest(path),
            expected,
        },
        Error::Inconsistent { path, cause } => Error::Inconsistent {
            path: nest(path),
            cause,
        },
        Error::Reclassification { path, cause } => Error::Reclassification {
            path: nest(path),
            cause,
        },
        Error::Invalid { path, cause } => Error::Invalid {
            path: nest(path),
            cause,
        },
        // The size limit is about the whole text, wherever it came from.
        other @ Error::TooLarge { .. } => other,
    }
}

/// The top-level field of a path, and whether the path goes inside it
/// (`findings.fever` → `("findings", true)`).
pub(crate) fn field_of(path: &str) -> (&str, bool) {
    let field = path.split(['.', '[']).next().unwrap_or(path);
    (field, field.len() < path.len())
}

/// `parent[index]`.
pub(crate) fn index(parent: &str, index: usize) -> String {
    format!("{parent}[{index}]")
}

/// A user-supplied string for the crate's error messages (at most 64
/// characters).
pub(crate) fn echo(value: &str) -> String {
    echo_at_most(value, ECHO_CHARS)
}

/// A user-supplied string for an error message: control characters
/// escaped (a message stays one line), shortened to `max_chars` characters
/// and an ellipsis when longer.
///
/// # Example
///
/// ```
/// use prolo_triage::json::echo_at_most;
/// assert_eq!(echo_at_most("fevr", 40), "fevr");
/// assert_eq!(echo_at_most("abcdef", 3), "abc…");
/// assert_eq!(echo_at_most("a\nb", 40), "a\\nb");
/// ```
#[must_use]
pub fn echo_at_most(value: &str, max_chars: usize) -> String {
    let mut out = String::new();
    for (i, c) in value.chars().enumerate() {
        if i == max_chars {
            out.push('…');
            break;
        }
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

/// Deserializes `T` from a JSON object only: serde's derived structs also
/// accept arrays, which no user means.
pub(crate) fn object<'de, D, T>(deserializer: D, what: &'static str) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    struct ObjectVisitor<T>(&'static str, std::marker::PhantomData<T>);
    impl<'de, T: Deserialize<'de>> Visitor<'de> for ObjectVisitor<T> {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(self.0)
        }
        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
            T::deserialize(de::value::MapAccessDeserializer::new(map))
        }
    }
    deserializer.deserialize_map(ObjectVisitor(what, std::marker::PhantomData))
}

/// A string of the document: borrowed from the input when it has no
/// escapes (the usual case), so reading a name costs no allocation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Text<'a>(Cow<'a, str>);

impl Text<'_> {
    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Text<'_> {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl<'a> From<&'a str> for Text<'a> {
    fn from(text: &'a str) -> Text<'a> {
        Text(Cow::Borrowed(text))
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Text<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextVisitor;
        impl<'de> Visitor<'de> for TextVisitor {
            type Value = Text<'de>;
            // As `String` says it, so the error messages do not change.
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Owned(v)))
            }
        }
        deserializer.deserialize_str(TextVisitor)
    }
}

/// The entries of a JSON object in document order, duplicates kept so that
/// validation can refuse them (serde's maps keep the last silently).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Entries<'a>(pub(crate) Vec<(Text<'a>, Text<'a>)>);

impl<'de: 'a, 'a> Deserialize<'de> for Entries<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct EntriesVisitor;
        impl<'de> Visitor<'de> for EntriesVisitor {
            type Value = Entries<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object of names to strings")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Entries<'de>, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry::<Text<'de>, Text<'de>>()? {
                    entries.push(entry);
                }
                Ok(Entries(entries))
            }
        }
        deserializer.deserialize_map(EntriesVisitor)
    }
}

/// A list field of contract v2: a JSON array of names (a closed list) or
/// an object of names to truth values (an open list).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ListForm<'a> {
    /// `["nsaid"]`
    Closed(Vec<Text<'a>>),
    /// `{"nsaid": "absent"}`
    Open(Entries<'a>),
}

impl<'de: 'a, 'a> Deserialize<'de> for ListForm<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct FormVisitor;
        impl<'de> Visitor<'de> for FormVisitor {
            type Value = ListForm<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a list of names, or an object of names to truth values")
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, seq: A) -> Result<ListForm<'de>, A::Error> {
                Vec::deserialize(de::value::SeqAccessDeserializer::new(seq)).map(ListForm::Closed)
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<ListForm<'de>, A::Error> {
                Entries::deserialize(de::value::MapAccessDeserializer::new(map)).map(ListForm::Open)
            }
        }
        deserializer.deserialize_any(FormVisitor)
    }
}

/// The entries of an object of names to truth values (the findings, an
/// open list): each name from its vocabulary and once, each value a truth
/// value. Returns the names present and absent.
pub(crate) fn truth_entries<T>(
    parent: &str,
    entries: &Entries<'_>,
    vocabulary: &'static str,
    all: &[T],
) -> Result<(EnumSet<T>, EnumSet<T>), Error>
where
    T: EnumSetType + FromStr + Into<&'static str>,
{
    let mut seen = EnumSet::<T>::new();
    let (mut present, mut absent) = (EnumSet::new(), EnumSet::new());
    for (key, value) in &entries.0 {
        let (key, value) = (key.as_str(), value.as_str());
        let path = || join(parent, &echo(key));
        let name = name_at(path, key, vocabulary, all)?;
        if !seen.insert(name) {
            return Err(Error::DuplicateKey { path: path() });
        }
        match name_at(
            path,
            value,
            "truth value",
            &[Truth::Present, Truth::Absent, Truth::Unknown],
        )? {
            Truth::Present => present.insert(name),
            Truth::Absent => absent.insert(name),
            Truth::Unknown => false,
        };
    }
    Ok((present, absent))
}

/// Looks a name up in a closed vocabulary.
pub(crate) fn name<T>(
    path: &str,
    value: &str,
    vocabulary: &'static str,
    all: &[T],
) -> Result<T, Error>
where
    T: FromStr + Copy + Into<&'static str>,
{
    name_at(|| path.to_string(), value, vocabulary, all)
}

/// [`name`], with the path built only for an error (a path echoes user
/// text, so it is a string of its own; valid input should not pay for it).
pub(crate) fn name_at<T>(
    path: impl FnOnce() -> String,
    value: &str,
    vocabulary: &'static str,
    all: &[T],
) -> Result<T, Error>
where
    T: FromStr + Copy + Into<&'static str>,
{
    value.parse().map_err(|_| Error::UnknownName {
        path: path(),
        vocabulary,
        value: echo(value),
        expected: names(all),
    })
}

/// A list of names from a closed vocabulary, refusing duplicates.
pub(crate) fn name_set<T>(
    path: &str,
    values: &[impl AsRef<str>],
    vocabulary: &'static str,
    all: &[T],
) -> Result<EnumSet<T>, Error>
where
    T: EnumSetType + FromStr + Into<&'static str>,
{
    let mut set = EnumSet::new();
    for (i, value) in values.iter().enumerate() {
        let item_path = || index(path, i);
        let value = value.as_ref();
        let item = name_at(item_path, value, vocabulary, all)?;
        if !set.insert(item) {
            return Err(Error::DuplicateEntry {
                path: item_path(),
                value: echo(value),
            });
        }
    }
    Ok(set)
}

/// An integer in `min..=max`, or an out-of-range error naming the field.
pub(crate) fn in_range(path: &str, value: i64, min: u16, max: u16) -> Result<u16, Error> {
    u16::try_from(value)
        .ok()
        .filter(|v| (min..=max).contains(v))
        .ok_or_else(|| Error::OutOfRange {
            path: path.to_string(),
            value: value.to_string(),
            expected: format!("an integer from {min} to {max}"),
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Sample<'a> {
        #[allow(dead_code)]
        n: Option<i64>,
        #[allow(dead_code)]
        #[serde(borrow)]
        m: Option<Entries<'a>>,
    }

    fn sample(input: &str) -> Result<Sample<'_>, Error> {
        parse(input, |_| Some("a sample value"))
    }

    #[test]
    fn oversize_is_refused_before_parsing() {
        let big = " ".repeat(MAX_DOCUMENT_BYTES + 1);
        assert_eq!(
            sample(&big).map_err(|e| e.kind()).err(),
            Some(ErrorKind::TooLarge)
        );
        let at_limit = format!("{{}}{}", " ".repeat(MAX_DOCUMENT_BYTES - 2));
        assert!(sample(&at_limit).is_ok());
    }

    #[test]
    fn errors_are_classified_with_paths() {
        let cases = [
            (r#"{"n": 1.5}"#, ErrorKind::WrongType, "n"),
            (r#"{"n": 18446744073709551615}"#, ErrorKind::OutOfRange, "n"),
            (r#"{"x": 1}"#, ErrorKind::UnknownField, "x"),
            (r#"{"n": 1, "n": 2}"#, ErrorKind::DuplicateKey, "n"),
            (r#"{"m": {"a": 1}}"#, ErrorKind::WrongType, "m.a"),
            ("{", ErrorKind::Syntax, DOCUMENT),
            ("{} x", ErrorKind::Syntax, DOCUMENT),
            ("\u{feff}{}", ErrorKind::Syntax, DOCUMENT),
        ];
        for (input, kind, path) in cases {
            let err = sample(input).err();
            assert_eq!(err.as_ref().map(Error::kind), Some(kind), "{input}");
            assert_eq!(err.as_ref().map(Error::path), Some(path), "{input}");
        }
    }

    #[test]
    fn entries_keep_duplicates_in_order() {
        let s = sample(r#"{"m": {"a": "x", "a": "y"}}"#)
            .ok()
            .and_then(|s| s.m);
        assert_eq!(
            s,
            Some(Entries(vec![
                ("a".into(), "x".into()),
                ("a".into(), "y".into())
            ]))
        );
    }

    #[test]
    fn echo_shortens_long_values_and_escapes_controls() {
        assert_eq!(echo("abc"), "abc");
        assert_eq!(echo(&"x".repeat(100)).chars().count(), ECHO_CHARS + 1);
        assert_eq!(echo("a\rb\nc"), "a\\rb\\nc");
    }

    #[test]
    fn range_check() {
        assert_eq!(in_range("a", 5, 0, 10), Ok(5));
        assert!(in_range("a", -1, 0, 10).is_err());
        assert!(in_range("a", 11, 0, 10).is_err());
        assert!(in_range("a", i64::MAX, 0, 10).is_err());
    }
}
