//! JUnit XML for CI systems, written by hand: one `<testsuite>` of
//! `<testcase>`s, each failing one with a `<failure>`. The only markup is
//! fixed; every text from a cases file is escaped, and the characters XML
//! 1.0 cannot hold are replaced, so any case name gives a well-formed
//! document.

use std::fmt::Write as _;

/// One case's result: its name, line and failures (none when it passed).
pub(crate) struct Result {
    pub(crate) name: String,
    pub(crate) line: usize,
    pub(crate) failures: Vec<String>,
}

/// The JUnit document of a run.
pub(crate) fn write(suite: &str, file: &str, results: &[Result]) -> String {
    let failed = results.iter().filter(|r| !r.failures.is_empty()).count();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    // Writing to a String cannot fail.
    let _ = writeln!(
        out,
        "<testsuites tests=\"{n}\" failures=\"{failed}\">\n  <testsuite name=\"{}\" tests=\"{n}\" failures=\"{failed}\" errors=\"0\">",
        escape(suite),
        n = results.len()
    );
    for result in results {
        let _ = write!(
            out,
            "    <testcase name=\"{}\" classname=\"{}\" file=\"{}\" line=\"{}\"",
            escape(&result.name),
            escape(file),
            escape(file),
            result.line
        );
        match result.failures.first() {
            None => out.push_str("/>\n"),
            Some(first) => {
                let _ = writeln!(
                    out,
                    ">\n      <failure message=\"{}\">{}</failure>\n    </testcase>",
                    escape(first),
                    escape(&result.failures.join("\n"))
                );
            }
        }
    }
    out.push_str("  </testsuite>\n</testsuites>\n");
    out
}

/// Text as XML 1.0 character data or an attribute value.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Kept in attributes as characters, not normalised to spaces.
            '\n' => out.push_str("&#10;"),
            '\t' => out.push_str("&#9;"),
            '\r' => out.push_str("&#13;"),
            // Not allowed anywhere in XML 1.0.
            c if (c < ' ') || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_is_escaped() {
        assert_eq!(
            escape("a<b & \"c\" 'd'>\u{1}"),
            "a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;\u{FFFD}"
        );
        let xml = write(
            "s",
            "f.jsonl",
            &[Result {
                name: "<x>".to_owned(),
                line: 2,
                failures: vec!["verdict: expected a, got b".to_owned()],
            }],
        );
        assert!(xml.contains("<testcase name=\"&lt;x&gt;\""), "{xml}");
        assert!(xml.contains("failures=\"1\""), "{xml}");
    }
}
