//! The fingerprint of the rule tables: a SHA-256 over every row of
//! [`RULES`](super::RULES) and [`INJECTATE_RULES`](super::INJECTATE_RULES)
//! with its texts and sources, so an assessment names the clinical content
//! it was decided with, beside the policy's own fingerprint.
//!
//! The stamp carries [`RULES_FINGERPRINT`], a constant: computing the
//! digest costs about 50 µs (the tables' texts are some 15 KB), which a
//! caller that builds a policy per call (the C ABI without a policy) would
//! pay on every assessment, and a stamp may not allocate more than it
//! must. The constant is held to the tables by the golden-value test
//! below, which recomputes the digest ([`tables_fingerprint`]) and fails
//! the moment a rule, a text, a source or an injectate row changes: a
//! change to the clinical content cannot pass CI without a deliberate,
//! reviewed update of this value. No global state, no clock.

use std::fmt::Write as _;

use sha2::{Digest, Sha256};

use super::patterns::{MimicRow, Pattern};
use super::{InjectateRule, Rule};

/// The version of the canonical form below: bump it when the form
/// changes, so equal digests always mean equal content.
const FORM: &str = "prolo-triage-rules/1";

/// A digest of the tables, as raw bytes.
type Digest32 = [u8; 32];

/// Feeds one field, length first, so no two tables write the same bytes.
fn field(hasher: &mut Sha256, text: &str) {
    let len = u64::try_from(text.len()).unwrap_or(u64::MAX);
    hasher.update(len.to_le_bytes());
    hasher.update(text.as_bytes());
}

/// Feeds one field from its `Debug` form (closed vocabularies: the
/// variant's name).
fn debug_field(hasher: &mut Sha256, scratch: &mut String, value: &impl std::fmt::Debug) {
    scratch.clear();
    // Writing to a String cannot fail.
    let _ = write!(scratch, "{value:?}");
    field(hasher, scratch);
}

/// The digest of a verdict table and an injectate table: every row's id,
/// group, formula, label, texts, source (citation and strength) and
/// safety-net; every injectate row's id, injectate, fact, level, text and
/// source.
/// The tables a digest reads: the verdict's, the injectates', and the
/// symptom patterns and mimics of the candidates (contract v3).
struct Tables<'a> {
    rules: &'a [Rule],
    injectates: &'a [InjectateRule],
    patterns: &'a [Pattern],
    mimics: &'a [MimicRow],
}

/// The shipped tables (a function: a constant may not refer to a static
/// before Rust 1.83, and the core keeps Rust 1.77).
fn shipped() -> Tables<'static> {
    Tables {
        rules: &super::RULES,
        injectates: &super::INJECTATE_RULES,
        patterns: &super::patterns::PATTERNS,
        mimics: &super::patterns::MIMICS,
    }
}

fn digest(tables: &Tables<'_>) -> Digest32 {
    let Tables {
        rules,
        injectates,
        patterns,
        mimics,
    } = *tables;
    let mut h = Sha256::new();
    let mut scratch = String::new();
    field(&mut h, FORM);
    field(&mut h, "rules");
    for rule in rules {
        field(&mut h, rule.id.as_str());
        debug_field(&mut h, &mut scratch, &rule.group);
        for clause in rule.formula.clauses() {
            field(&mut h, "clause");
            for fact in clause {
                debug_field(&mut h, &mut scratch, fact);
            }
        }
        field(&mut h, rule.label);
        field(&mut h, rule.text);
        field(&mut h, rule.unknown_text);
        field(&mut h, &rule.source.citation);
        debug_field(&mut h, &mut scratch, &rule.source.strength);
        debug_field(&mut h, &mut scratch, &rule.safety_net);
    }
    field(&mut h, "injectates");
    for rule in injectates {
        field(&mut h, rule.id.as_str());
        debug_field(&mut h, &mut scratch, &rule.injectate);
        debug_field(&mut h, &mut scratch, &rule.fact);
        debug_field(&mut h, &mut scratch, &rule.level);
        field(&mut h, rule.text);
        field(&mut h, &rule.source.citation);
        debug_field(&mut h, &mut scratch, &rule.source.strength);
    }
    // A pattern row's every part (key groups, features and their
    // strengths, sources) in its derived form: the rows hold no free text
    // but their sources' citations, which the form includes.
    field(&mut h, "patterns");
    for pattern in patterns {
        debug_field(&mut h, &mut scratch, pattern);
    }
    field(&mut h, "mimics");
    for mimic in mimics {
        debug_field(&mut h, &mut scratch, mimic);
    }
    h.finalize().into()
}

/// The fingerprint every assessment's stamp carries
/// ([`PolicyStamp::rules_fingerprint`](crate::PolicyStamp::rules_fingerprint)):
/// `sha256:` and the hex SHA-256 of the shipped tables.
///
/// A change to a rule, a clinical text, a source or an injectate row
/// changes the digest and fails the test `the_fingerprint_of_the_shipped_tables`
/// until this value is updated, deliberately, in the same commit as the
/// clinical change log's entry.
pub(crate) const RULES_FINGERPRINT: &str =
    "sha256:0afa7d36776ae465201cb1f87ff000e33f6f3684b0db9e073f694eb173e10918";

/// The fingerprint of the rule tables, computed now: what
/// [`PolicyStamp::rules_fingerprint`](crate::PolicyStamp::rules_fingerprint)
/// declares, for a tool that checks the declaration (`prolo-policy
/// check`). About 50 µs; an assessment never calls it.
///
/// # Example
///
/// ```
/// use prolo_triage::{assess, rules, Policy, Presentation};
/// let a = assess(&Presentation::default(), &Policy::default());
/// assert_eq!(a.policy.rules_fingerprint, rules::tables_fingerprint());
/// ```
#[must_use]
pub fn tables_fingerprint() -> String {
    hex(&digest(&shipped()))
}

/// `sha256:` and the digest in lowercase hex, the form of
/// [`Policy::fingerprint`](crate::Policy::fingerprint).
fn hex(digest: &Digest32) -> String {
    let mut out = String::with_capacity(7 + 64);
    out.push_str("sha256:");
    for byte in digest {
        // Writing to a String cannot fail.
        let _ = write!(out, "{byte:02x}");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::patterns::{MIMICS, PATTERNS};
    use crate::rules::{INJECTATE_RULES, RULES};

    fn of_the_tables() -> String {
        hex(&digest(&shipped()))
    }

    /// The golden value. This test fails whenever a rule, a clinical text,
    /// a source or an injectate row changes: that is its purpose. A change
    /// to the clinical content must be deliberate and visible in review:
    /// record it in the clinical change log, then copy the new value the
    /// failure prints into `RULES_FINGERPRINT`, in the same commit. Every
    /// assessment's stamp carries that constant, so this test is what
    /// keeps the stamp true.
    #[test]
    fn the_fingerprint_of_the_shipped_tables() {
        assert_eq!(
            of_the_tables(),
            RULES_FINGERPRINT,
            "the rule tables changed: update RULES_FINGERPRINT deliberately (see its comment)"
        );
    }

    #[test]
    fn every_part_of_a_row_is_in_the_fingerprint() {
        let base = digest(&shipped());
        let changed = |edit: &dyn Fn(&mut Vec<Rule>, &mut Vec<InjectateRule>)| {
            let (mut rules, mut injectates) = (RULES.to_vec(), INJECTATE_RULES.to_vec());
            edit(&mut rules, &mut injectates);
            digest(&Tables {
                rules: &rules,
                injectates: &injectates,
                ..shipped()
            })
        };
        // The symptom patterns and the mimics are in it too.
        let mut patterns = PATTERNS.to_vec();
        patterns.swap(0, 1);
        assert_ne!(
            digest(&Tables {
                patterns: &patterns,
                ..shipped()
            }),
            base
        );
        let mut mimics = MIMICS.to_vec();
        mimics.pop();
        assert_ne!(
            digest(&Tables {
                mimics: &mimics,
                ..shipped()
            }),
            base
        );
        assert_ne!(changed(&|r, _| r[0].text = "Another text."), base);
        assert_ne!(
            changed(&|r, _| r[0].unknown_text = "Not yet known: x"),
            base
        );
        assert_ne!(changed(&|r, _| r[0].label = "another label"), base);
        assert_ne!(
            changed(&|r, _| r[3].source.citation = "Another citation".into()),
            base
        );
        assert_ne!(changed(&|r, _| r[0].safety_net = None), base);
        assert_ne!(changed(&|r, _| r.swap(0, 1)), base);
        assert_ne!(
            changed(&|r, _| {
                r.pop();
            }),
            base
        );
        assert_ne!(changed(&|_, i| i[0].text = "Another text."), base);
        assert_ne!(
            changed(&|_, i| i[0].source.citation = "Another citation".into()),
            base
        );
        // The same tables give the same digest.
        assert_eq!(changed(&|_, _| {}), base);
    }

    #[test]
    fn the_policy_stamps_it() {
        let stamp = crate::PolicyStamp::from(&crate::Policy::default());
        assert_eq!(stamp.rules_fingerprint, of_the_tables());
        assert!(stamp.rules_fingerprint.starts_with("sha256:"));
    }
}
