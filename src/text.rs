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

/// The parts one after the other, the first letter capitalised, in one
/// allocation: a sentence assembled from labels that start in lower case.
pub(crate) fn capitalised_concat(parts: &[&str]) -> String {
    // Room for a first letter whose capital is longer than itself.
    let len = parts.iter().map(|p| p.len()).fold(4, usize::saturating_add);
    let mut out = String::with_capacity(len);
    let mut parts = parts.iter();
    for part in parts.by_ref() {
        let mut chars = part.chars();
        if let Some(first) = chars.next() {
            // An ASCII letter's capital is one byte: no case table.
            if first.is_ascii() {
                out.push(first.to_ascii_uppercase());
            } else {
                out.extend(first.to_uppercase());
            }
            out.push_str(chars.as_str());
            break;
        }
    }
    for part in parts {
        out.push_str(part);
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

    #[test]
    fn capitalised_concat_capitalises_the_first_letter_of_the_whole() {
        assert_eq!(capitalised_concat(&["heel", " pain", "."]), "Heel pain.");
        assert_eq!(capitalised_concat(&["", "", "no pain"]), "No pain");
        assert_eq!(capitalised_concat(&["ßx", "y"]), "SSxy");
        assert_eq!(capitalised_concat(&["", ""]), "");
        assert_eq!(capitalised_concat(&[]), "");
    }

    #[test]
    fn capitalise_first_letter() {
        assert_eq!(capitalise("heel pain"), "Heel pain");
        assert_eq!(capitalise(""), "");
    }
}
