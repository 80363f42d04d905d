//! Reading the input: a searchset or collection Bundle, or a CDS Hooks
//! `prefetch` object, flattened into the resources it holds.
//!
//! Only the shape of the document as a whole can refuse it. Inside, every
//! odd part (an entry without a resource, a nested Bundle too deep, an
//! OperationOutcome where data should be) becomes a note in
//! [`Mapped::unused`](crate::Mapped::unused), and anything suggesting the
//! data is partial (a failed fetch, a further search page) voids any claim
//! that a list is complete.

use serde_json::{Map, Value};

use crate::error::{echo, Error};
use crate::mapped::{ResourceRef, Unused, UnusedReason};
use crate::raw;

/// Documents larger than this are refused before parsing (16 MiB).
pub const MAX_INPUT_BYTES: usize = 16 * 1024 * 1024;

/// Bundles nest at most this deep (a prefetch Bundle inside a
/// collection…); deeper ones are noted and skipped.
const MAX_DEPTH: usize = 4;

/// One resource found in the input.
#[derive(Debug)]
pub(crate) struct Item {
    /// Where it was, e.g. `entry[3].resource`.
    pub location: String,
    /// The entry's `fullUrl`, for references.
    pub full_url: Option<String>,
    /// The resource as JSON (an object with a string `resourceType`).
    pub resource: Map<String, Value>,
}

impl Item {
    /// The `resourceType`.
    pub fn resource_type(&self) -> &str {
        self.resource
            .get("resourceType")
            .and_then(Value::as_str)
            .unwrap_or_default()
    }

    /// The `id`, when it is a string.
    pub fn id(&self) -> Option<String> {
        self.resource
            .get("id")
            .and_then(Value::as_str)
            .map(str::to_owned)
    }

    /// A reference to the item for provenance and notes.
    pub fn reference(&self) -> ResourceRef {
        ResourceRef::new(self.resource_type(), self.id(), &self.location)
    }
}

/// Everything read from the input.
#[derive(Debug, Default)]
pub(crate) struct Input {
    /// The resources, in input order.
    pub items: Vec<Item>,
    /// What was seen but cannot be used.
    pub notes: Vec<Unused>,
    /// Why a list declared complete cannot be trusted (empty when it can).
    pub partial: Vec<String>,
}

/// Reads a searchset or collection Bundle.
pub(crate) fn read_bundle(json: &str) -> Result<Input, Error> {
    let value = parse(json)?;
    let Value::Object(bundle) = value else {
        return Err(Error::NotABundle {
            found: kind(&value).into(),
        });
    };
    match bundle.get("resourceType") {
        Some(Value::String(t)) if t == "Bundle" => {}
        Some(Value::String(t)) => {
            return Err(Error::NotABundle {
                found: format!("a {} resource", echo(t)),
            })
        }
        _ => {
            return Err(Error::NotABundle {
                found: "an object without a resourceType".into(),
            })
        }
    }
    let bundle_type = bundle.get("type").and_then(Value::as_str).unwrap_or("");
    if !matches!(bundle_type, "searchset" | "collection") {
        return Err(Error::UnsupportedBundleType {
            found: echo(bundle_type),
        });
    }
    if bundle.get("entry").is_some_and(|e| !e.is_array()) {
        return Err(Error::Malformed {
            path: "entry".into(),
            expected: "a list of entries",
        });
    }
    let mut input = Input::default();
    input.bundle(bundle, "", 0);
    Ok(input)
}

/// Reads a CDS Hooks `prefetch` object: each key holds a resource, a
/// Bundle, `null` (no data) or an OperationOutcome (could not fetch).
pub(crate) fn read_prefetch(json: &str) -> Result<Input, Error> {
    let value = parse(json)?;
    let Value::Object(prefetch) = value else {
        return Err(Error::Malformed {
            path: "document".into(),
            expected: "a prefetch object (keys to resources, Bundles or null)",
        });
    };
    Ok(read_prefetch_object(prefetch))
}

/// Reads a `prefetch` object the caller has already parsed.
pub(crate) fn read_prefetch_object(prefetch: Map<String, Value>) -> Input {
    let mut input = Input::default();
    for (key, value) in prefetch {
        let location = format!("prefetch.{}", echo(&key));
        match value {
            Value::Null => input.note(
                None,
                UnusedReason::NoData,
                format!("{location} is null: the client has no data for it"),
            ),
            Value::Object(resource) if is_resource(&resource) => {
                input.resource(resource, location, None, 0);
            }
            other => {
                input.note(
                    None,
                    UnusedReason::Malformed,
                    format!(
                        "{location} is {}, expected a resource, a Bundle or null",
                        kind(&other)
                    ),
                );
                input.partial.push(format!("{location} could not be read"));
            }
        }
    }
    input
}

fn parse(json: &str) -> Result<Value, Error> {
    if json.len() > MAX_INPUT_BYTES {
        return Err(Error::TooLarge {
            size: json.len(),
            limit: MAX_INPUT_BYTES,
        });
    }
    serde_json::from_str(json).map_err(|e| Error::Syntax {
        detail: e.to_string(),
    })
}

fn is_resource(object: &Map<String, Value>) -> bool {
    object.get("resourceType").is_some_and(Value::is_string)
}

/// A JSON value's kind, for messages.
fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object without a resourceType",
    }
}

impl Input {
    fn note(&mut self, resource: Option<ResourceRef>, reason: UnusedReason, detail: String) {
        self.notes.push(Unused {
            resource,
            reason,
            detail,
        });
    }

    /// The entries of a Bundle whose type was checked by the caller.
    fn bundle(&mut self, mut bundle: Map<String, Value>, prefix: &str, depth: usize) {
        let links = bundle.get("link").and_then(Value::as_array);
        let more_pages = links.is_some_and(|links| {
            links
                .iter()
                .any(|l| l.get("relation").and_then(Value::as_str) == Some("next"))
        });
        if more_pages {
            let at = if prefix.is_empty() {
                "the Bundle"
            } else {
                prefix.trim_end_matches('.')
            };
            self.note(
                None,
                UnusedReason::IncompleteSearch,
                format!("{at} has a next page that was not fetched"),
            );
            self.partial.push(format!("{at} is one page of a search"));
        }
        let Some(Value::Array(entries)) = bundle.remove("entry") else {
            return;
        };
        for (i, entry) in entries.into_iter().enumerate() {
            let location = format!("{prefix}entry[{i}]");
            let Value::Object(mut entry) = entry else {
                self.note(
                    None,
                    UnusedReason::Malformed,
                    format!("{location} is not an object"),
                );
                continue;
            };
            let full_url = entry
                .get("fullUrl")
                .and_then(Value::as_str)
                .map(str::to_owned);
            match entry.remove("resource") {
                Some(Value::Object(resource)) if is_resource(&resource) => {
                    self.resource(resource, format!("{location}.resource"), full_url, depth);
                }
                _ => self.note(
                    None,
                    UnusedReason::Malformed,
                    format!("{location} has no resource with a resourceType"),
                ),
            }
        }
    }

    /// One resource: Bundles are opened, OperationOutcomes noted, the rest
    /// kept for the mapping rules.
    fn resource(
        &mut self,
        resource: Map<String, Value>,
        location: String,
        full_url: Option<String>,
        depth: usize,
    ) {
        let item = Item {
            location,
            full_url,
            resource,
        };
        match item.resource_type() {
            "Bundle" => self.nested_bundle(item, depth),
            "OperationOutcome" => self.outcome(item, depth),
            _ => self.items.push(item),
        }
    }

    fn nested_bundle(&mut self, item: Item, depth: usize) {
        let at = item.reference();
        let bundle_type = item
            .resource
            .get("type")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_owned();
        let entries_ok = item.resource.get("entry").is_none_or(Value::is_array);
        let depth = depth.saturating_add(1);
        if depth > MAX_DEPTH {
            self.note(
                Some(at),
                UnusedReason::Malformed,
                format!("Bundles nested deeper than {MAX_DEPTH} levels are not read"),
            );
            self.partial.push(format!("{} was not read", item.location));
        } else if !matches!(bundle_type.as_str(), "searchset" | "collection") || !entries_ok {
            self.note(
                Some(at),
                UnusedReason::UnsupportedResource,
                format!(
                    "Bundle of type `{}`, expected searchset or collection with a list of entries",
                    echo(&bundle_type)
                ),
            );
            self.partial.push(format!("{} was not read", item.location));
        } else {
            let prefix = format!("{}.", item.location);
            self.bundle(item.resource, &prefix, depth);
        }
    }

    /// An OperationOutcome standing for data: at the top of a prefetch key
    /// it means the client could not fetch it; inside a Bundle only an
    /// error or fatal issue does (searchsets carry informational ones).
    fn outcome(&mut self, item: Item, depth: usize) {
        let at = item.reference();
        let at_prefetch_key = depth == 0 && item.location.starts_with("prefetch.");
        let outcome: Option<raw::OperationOutcome> =
            serde_json::from_value(Value::Object(item.resource)).ok();
        let failed = outcome.as_ref().is_none_or(raw::OperationOutcome::failed);
        if at_prefetch_key || failed {
            let detail = outcome.map_or_else(
                || "unreadable OperationOutcome".to_owned(),
                |o| o.describe(),
            );
            self.partial
                .push(format!("{} reports a failed fetch", item.location));
            self.note(
                Some(at),
                UnusedReason::FetchFailed,
                format!("data could not be fetched: {}", echo(&detail)),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_what_is_not_a_readable_bundle() {
        assert!(matches!(read_bundle("[]"), Err(Error::NotABundle { .. })));
        assert!(matches!(read_bundle("{}"), Err(Error::NotABundle { .. })));
        assert!(matches!(
            read_bundle(r#"{"resourceType": "Bundle", "type": "transaction"}"#),
            Err(Error::UnsupportedBundleType { .. })
        ));
        assert!(matches!(
            read_bundle(r#"{"resourceType": "Bundle", "type": "collection", "entry": {}}"#),
            Err(Error::Malformed { .. })
        ));
        assert!(matches!(read_bundle("{"), Err(Error::Syntax { .. })));
        assert!(matches!(read_prefetch("[]"), Err(Error::Malformed { .. })));
    }

    #[test]
    fn odd_entries_are_notes() {
        let input = read_bundle(
            r#"{"resourceType": "Bundle", "type": "searchset",
                "link": [{"relation": "next", "url": "x"}],
                "entry": [1, {"fullUrl": "x"}, {"resource": {"resourceType": "Patient", "id": "p"}},
                          {"resource": {"resourceType": "OperationOutcome", "issue": [{"severity": "information"}]}},
                          {"resource": {"resourceType": "OperationOutcome", "issue": [{"severity": "error", "diagnostics": "timeout"}]}}]}"#,
        )
        .unwrap();
        assert_eq!(input.items.len(), 1);
        let reasons: Vec<_> = input.notes.iter().map(|n| n.reason).collect();
        assert_eq!(
            reasons,
            [
                UnusedReason::IncompleteSearch,
                UnusedReason::Malformed,
                UnusedReason::Malformed,
                UnusedReason::FetchFailed
            ]
        );
        assert_eq!(input.partial.len(), 2);
    }

    #[test]
    fn prefetch_values_of_every_kind() {
        let input = read_prefetch(
            r#"{"patient": {"resourceType": "Patient", "id": "p"},
                "conditions": {"resourceType": "Bundle", "type": "searchset", "entry": [
                    {"resource": {"resourceType": "Condition", "id": "c"}}]},
                "observations": null,
                "medications": {"resourceType": "OperationOutcome", "issue": [{"severity": "warning"}]},
                "odd": 3}"#,
        )
        .unwrap();
        // Key order depends on serde_json's features: compare as sets.
        let mut locations: Vec<_> = input.items.iter().map(|i| i.location.as_str()).collect();
        locations.sort_unstable();
        assert_eq!(
            locations,
            ["prefetch.conditions.entry[0].resource", "prefetch.patient"]
        );
        let mut reasons: Vec<_> = input.notes.iter().map(|n| n.reason.as_str()).collect();
        reasons.sort_unstable();
        assert_eq!(reasons, ["fetch_failed", "malformed", "no_data"]);
        assert_eq!(input.partial.len(), 2);
    }

    #[test]
    fn deep_nesting_stops() {
        let mut json = r#"{"resourceType": "Patient", "id": "deep"}"#.to_owned();
        for _ in 0..8 {
            json = format!(
                r#"{{"resourceType": "Bundle", "type": "collection", "entry": [{{"resource": {json}}}]}}"#
            );
        }
        let input = read_bundle(&json).unwrap();
        assert!(input.items.is_empty());
        assert!(!input.partial.is_empty());
    }
}
