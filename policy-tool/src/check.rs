//! `prolo-policy check POLICY`: the effective settings, the fingerprints
//! and the lints.

use std::fmt::Write as _;

use prolo_triage::{rules, Group, PolicyStamp};

use crate::settings::{self, Loaded};

/// The report of `check`.
pub(crate) fn check(path: &str) -> Result<String, String> {
    let loaded = settings::load(path)?;
    Ok(report(&loaded))
}

fn report(loaded: &Loaded) -> String {
    let policy = &loaded.policy;
    let stamp = PolicyStamp::from(policy);
    let mut out = String::new();
    // Writing to a String cannot fail.
    let _ = writeln!(
        out,
        "policy: {} {} (valid)",
        policy.name(),
        policy.version()
    );
    let _ = writeln!(out, "fingerprint: {}", policy.fingerprint());
    // The stamp's value is a constant of the build, held to the tables by
    // the core's golden test; recompute it here too.
    let computed = rules::tables_fingerprint();
    let verified = if computed == stamp.rules_fingerprint {
        "verified"
    } else {
        "DOES NOT MATCH the tables"
    };
    let _ = writeln!(
        out,
        "rules fingerprint: {} ({verified})",
        stamp.rules_fingerprint
    );
    let _ = writeln!(out, "\nthresholds:");
    for (name, value, literature) in settings::thresholds(policy) {
        let _ = writeln!(out, "  {name}: {value} (literature {literature})");
    }
    let _ = writeln!(out, "\ntreatable conditions:");
    for condition in settings::treatable(policy) {
        let _ = writeln!(out, "  {condition}");
    }
    let _ = writeln!(out, "\nclassification:");
    for class in settings::classification(policy) {
        let note = if class.group == class.default {
            String::new()
        } else {
            format!(" (table: {})", class.default.as_str())
        };
        let group = match class.group {
            Group::Absolute => "absolute",
            _ => "relative",
        };
        let _ = writeln!(out, "  {:<9} {}{note}", group, class.key);
    }
    let lints = settings::lints(loaded);
    let _ = writeln!(out, "\nlints: {}", lints.len());
    for lint in lints {
        let _ = writeln!(out, "  warning: {lint}");
    }
    out
}
