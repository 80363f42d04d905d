//! A policy's effective settings (thresholds, treatable conditions,
//! classification of the contraindications), read through the core's
//! public API, and the settings two policies differ in.

use prolo_triage::rules::{Formula, RULES};
use prolo_triage::{Condition, Group, Policy};
use prolo_triage_examples_common as common;
use serde::Serialize;
use serde_json::Value;

/// A policy file read and validated, with its JSON as written (for the
/// lints that ask what the file sets).
pub(crate) struct Loaded {
    pub(crate) policy: Policy,
    pub(crate) written: Value,
}

/// Reads and validates a policy file (at most 64 KiB). The error is one
/// line naming the file and the field.
pub(crate) fn load(path: &str) -> Result<Loaded, String> {
    let text = common::read_bounded(path, common::POLICY_LIMIT)?;
    let policy = Policy::from_json(&text).map_err(|e| format!("{path}: invalid policy: {e}"))?;
    // Valid for the core, so valid JSON.
    let written = serde_json::from_str(&text).unwrap_or(Value::Null);
    Ok(Loaded { policy, written })
}

/// The three thresholds: name, the policy's value, the literature's.
pub(crate) fn thresholds(policy: &Policy) -> [(&'static str, u16, u16); 3] {
    let literature = Policy::default();
    [
        (
            "min_age_years",
            policy.min_age_years(),
            literature.min_age_years(),
        ),
        (
            "min_symptom_weeks",
            policy.min_symptom_weeks(),
            literature.min_symptom_weeks(),
        ),
        (
            "min_conservative_care_weeks",
            policy.min_conservative_care_weeks(),
            literature.min_conservative_care_weeks(),
        ),
    ]
}

/// The treatable conditions, by wire name.
pub(crate) fn treatable(policy: &Policy) -> Vec<&'static str> {
    policy
        .treatable_conditions()
        .iter()
        .map(Condition::as_str)
        .collect()
}

/// One contraindication of the table and its class under a policy.
pub(crate) struct Class {
    /// The key a policy file classifies it by (`medications.anticoagulant`).
    pub(crate) key: String,
    /// The table's own class.
    pub(crate) default: Group,
    /// The policy's.
    pub(crate) group: Group,
}

/// Every contraindication of the table (a rule of one fact whose own
/// group is absolute or relative), in table order, with its class.
pub(crate) fn classification(policy: &Policy) -> Vec<Class> {
    RULES
        .iter()
        .filter(|rule| matches!(rule.group, Group::Absolute | Group::Relative))
        .map(|rule| Class {
            key: match rule.formula {
                Formula::Fact(fact) => fact.to_string(),
                _ => rule.id.as_str().to_owned(),
            },
            default: rule.group,
            group: policy.group_of(rule),
        })
        .collect()
}

/// A setting that differs between two policies.
#[derive(Debug, Serialize)]
pub(crate) struct Change {
    /// The setting, as a policy file names it
    /// (`classification.medications.anticoagulant`).
    pub(crate) setting: String,
    pub(crate) old: Value,
    pub(crate) new: Value,
}

/// The settings that differ, thresholds first, then the treatable
/// conditions, then each contraindication's class.
pub(crate) fn changes(old: &Policy, new: &Policy) -> Vec<Change> {
    let mut out = Vec::new();
    for ((name, a, _), (_, b, _)) in thresholds(old).into_iter().zip(thresholds(new)) {
        if a != b {
            out.push(Change {
                setting: name.to_owned(),
                old: a.into(),
                new: b.into(),
            });
        }
    }
    let (a, b) = (treatable(old), treatable(new));
    if a != b {
        out.push(Change {
            setting: "treatable_conditions".to_owned(),
            old: a.into(),
            new: b.into(),
        });
    }
    for (a, b) in classification(old).into_iter().zip(classification(new)) {
        if a.group != b.group {
            out.push(Change {
                setting: format!("classification.{}", a.key),
                old: a.group.as_str().into(),
                new: b.group.as_str().into(),
            });
        }
    }
    out
}

/// What a reviewer should look at twice: a threshold below the
/// literature's, a precaution promoted to absolute, a condition treated
/// that the literature does not list, and a setting the file writes that
/// equals its default (noise for the reader, and a value that no longer
/// follows the literature if the default is ever revised).
pub(crate) fn lints(loaded: &Loaded) -> Vec<String> {
    let policy = &loaded.policy;
    let literature = Policy::default();
    let mut out = Vec::new();
    for (name, value, default) in thresholds(policy) {
        if value < default {
            out.push(format!(
                "{name}: {value} is below the literature value {default}"
            ));
        } else if value == default && loaded.written.get(name).is_some() {
            out.push(format!(
                "{name}: {value} equals the default; leave it out to follow the literature"
            ));
        }
    }
    let listed = treatable(&literature);
    for condition in treatable(policy) {
        if !listed.contains(&condition) {
            out.push(format!(
                "treatable_conditions: {condition} is not listed as treatable in the literature"
            ));
        }
    }
    if treatable(policy) == listed && loaded.written.get("treatable_conditions").is_some() {
        out.push(
            "treatable_conditions: equals the default; leave it out to follow the literature"
                .to_owned(),
        );
    }
    let written = loaded.written.get("classification");
    for class in classification(policy) {
        if class.default == Group::Relative && class.group == Group::Absolute {
            out.push(format!(
                "classification.{}: a precaution promoted to absolute",
                class.key
            ));
        } else if class.group == class.default && written.and_then(|w| w.get(&class.key)).is_some()
        {
            out.push(format!(
                "classification.{}: {} equals the default; leave it out",
                class.key,
                class.group.as_str()
            ));
        }
    }
    out
}
