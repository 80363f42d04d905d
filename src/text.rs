//! Text helpers: joiners and plural rules. A leaf: it imports nothing of
//! the crate, so every module that writes words can use it.

use std::fmt::Write as _;

/// The parts one after the other, in one allocation.
pub(crate) fn concat(parts: &[&str]) -> String {
    let mut out =
        String::with_capacity(parts.iter().map(|p| p.len()).fold(0, usize::saturating_add));
    for part in parts {
        out.push_str(part);
    }
    out
}

/// A sentence assembled at compile time from static parts, the first
/// letter capitalised: a table's words written once from its labels, so
/// that wording an assessment copies a reference instead of allocating
/// (`docs/performance.md`, issue 22). `N` bounds its length.
///
/// Built only in the initializers of `static` items, by the compiler: an
/// index out of range, a sentence longer than `N` or a first letter that
/// is not ASCII is a build error, never a run-time panic.
#[derive(Clone, Copy)]
pub(crate) struct ConstSentence<const N: usize> {
    bytes: [u8; N],
    len: usize,
}

// Evaluated by the compiler only (see above): the lints that guard
// run-time panics do not apply.
#[allow(
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    clippy::panic
)]
impl<const N: usize> ConstSentence<N> {
    /// No text: the filler of an array's unused places.
    pub(crate) const EMPTY: Self = ConstSentence {
        bytes: [0; N],
        len: 0,
    };

    /// The parts one after the other, the first letter capitalised.
    pub(crate) const fn capitalised(parts: &[&str]) -> Self {
        let mut out = Self::EMPTY;
        let mut p = 0;
        while p < parts.len() {
            let part = parts[p].as_bytes();
            let mut i = 0;
            while i < part.len() {
                assert!(out.len < N, "a sentence longer than its buffer");
                out.bytes[out.len] = if out.len == 0 {
                    assert!(part[i].is_ascii(), "a first letter that is not ASCII");
                    part[i].to_ascii_uppercase()
                } else {
                    part[i]
                };
                out.len += 1;
                i += 1;
            }
            p += 1;
        }
        out
    }

    /// The text, checked to be UTF-8 when the `static` that holds it is
    /// built.
    pub(crate) const fn as_str(&'static self) -> &'static str {
        match std::str::from_utf8(self.bytes.as_slice().split_at(self.len).0) {
            Ok(text) => text,
            Err(_) => panic!("a sentence that is not UTF-8"),
        }
    }
}

/// The texts of an array of sentences built at compile time, for a
/// `static` (see [`ConstSentence`]).
pub(crate) const fn const_texts<const N: usize, const M: usize>(
    sentences: &'static [ConstSentence<N>; M],
) -> [&'static str; M] {
    let mut out = [""; M];
    let mut i = 0;
    // Compile time only (see `ConstSentence`).
    #[allow(clippy::indexing_slicing, clippy::arithmetic_side_effects)]
    while i < M {
        out[i] = sentences[i].as_str();
        i += 1;
    }
    out
}

/// "1 week", "5 weeks".
pub(crate) fn plural_weeks(n: u16) -> String {
    let mut out = String::new();
    push_weeks(&mut out, n);
    out
}

/// Appends "1 week" or "5 weeks".
pub(crate) fn push_weeks(out: &mut String, n: u16) {
    if n == 1 {
        out.push_str("1 week");
    } else {
        // Writing to a String cannot fail.
        let _ = write!(out, "{n} weeks");
    }
}

/// Appends the labels joined by ", ", the first letter capitalised.
pub(crate) fn push_capitalised_list<'a>(out: &mut String, labels: impl Iterator<Item = &'a str>) {
    for (i, label) in labels.enumerate() {
        if i == 0 {
            let mut chars = label.chars();
            if let Some(first) = chars.next() {
                out.extend(first.to_uppercase());
                out.push_str(chars.as_str());
            }
        } else {
            out.push_str(", ");
            out.push_str(label);
        }
    }
}

/// "a", "a and b", "a, b and c".
pub(crate) fn push_and_list(out: &mut String, labels: &[&str]) {
    let last = labels.len().saturating_sub(1);
    for (i, label) in labels.iter().enumerate() {
        if i > 0 {
            out.push_str(if i == last { " and " } else { ", " });
        }
        out.push_str(label);
    }
}

/// Appends "x" or "x and N more".
pub(crate) fn push_first_and_more<'a>(out: &mut String, mut labels: impl Iterator<Item = &'a str>) {
    if let Some(first) = labels.next() {
        out.push_str(first);
        let more = labels.count();
        if more > 0 {
            let _ = write!(out, " and {more} more");
        }
    }
}

/// "1 more week", "5 more weeks".
pub(crate) fn more_weeks(n: u16) -> String {
    if n == 1 {
        "1 more week".into()
    } else {
        format!("{n} more weeks")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first_and_more(labels: &[&str]) -> String {
        let mut out = String::new();
        push_first_and_more(&mut out, labels.iter().copied());
        out
    }

    fn capitalise(text: &str) -> String {
        let mut out = String::new();
        push_capitalised_list(&mut out, std::iter::once(text));
        out
    }

    #[test]
    fn first_and_more_counts() {
        assert_eq!(first_and_more(&["a"]), "a");
        assert_eq!(first_and_more(&["a", "b", "c"]), "a and 2 more");
    }

    /// Built at compile time, as the tables build theirs.
    const HEEL: ConstSentence<16> = ConstSentence::capitalised(&["heel", " pain", "."]);
    static HEEL_TEXT: &str = HEEL.as_str();
    const NOTHING: ConstSentence<4> = ConstSentence::capitalised(&["", ""]);
    static NOTHING_TEXT: &str = NOTHING.as_str();
    const NO_PAIN: ConstSentence<8> = ConstSentence::capitalised(&["", "", "no pain"]);
    static NO_PAIN_TEXT: &str = NO_PAIN.as_str();

    #[test]
    fn a_const_sentence_capitalises_the_first_letter_of_the_whole() {
        assert_eq!(HEEL_TEXT, "Heel pain.");
        assert_eq!(NOTHING_TEXT, "");
        // The first letter of the whole, whichever part it is in.
        assert_eq!(NO_PAIN_TEXT, "No pain");
        assert_eq!(ConstSentence::<4>::EMPTY.len, 0);
    }

    #[test]
    fn capitalise_first_letter() {
        assert_eq!(capitalise("heel pain"), "Heel pain");
        assert_eq!(capitalise(""), "");
    }
}
