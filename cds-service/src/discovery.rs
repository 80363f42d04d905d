//! The services this CDS Service offers, as `GET /cds-services` lists them,
//! with the prefetch templates the mapping reads.

use serde::Serialize;

/// The id of the `patient-view` service.
pub const PATIENT_VIEW_ID: &str = "prolo-triage";
/// The id of the `order-select` service.
pub const ORDER_SELECT_ID: &str = "prolo-triage-order-select";

/// The hooks served.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hook {
    /// The clinician opens a patient's record.
    PatientView,
    /// The clinician selects a draft order.
    OrderSelect,
}

impl Hook {
    /// The hook's name on the wire.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Hook::PatientView => "patient-view",
            Hook::OrderSelect => "order-select",
        }
    }

    /// The service serving this hook.
    #[must_use]
    pub fn service_id(self) -> &'static str {
        match self {
            Hook::PatientView => PATIENT_VIEW_ID,
            Hook::OrderSelect => ORDER_SELECT_ID,
        }
    }

    /// The hook a service id serves.
    #[must_use]
    pub fn of_service(id: &str) -> Option<Hook> {
        [Hook::PatientView, Hook::OrderSelect]
            .into_iter()
            .find(|h| h.service_id() == id)
    }
}

/// One prefetch key, its FHIR query, and whether the service can answer
/// without it (the missing facts then stay unknown).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Prefetch {
    /// The key in `prefetch`.
    pub key: &'static str,
    /// The FHIR query template.
    pub template: &'static str,
    /// Without it no card can be given (patient and conditions): 412.
    pub required: bool,
}

/// The prefetch templates, in the order the mapping reads them. The LOINC
/// codes are the crate's verified defaults (`fhir` code tables).
///
/// They stay within the query subset CDS Hooks 2.0 recommends, so any
/// conformant EHR can fill them: a read of the Patient, and type-level
/// searches by `patient` or `subject` with token equality on `code`,
/// `_count` and `_sort` — no `_include`, no other parameters. The mapping
/// picks the screening and the patient intake QuestionnaireResponses out
/// of the latest responses itself (one key, `screening`, for both: the
/// same query, and clients that fill it today keep working). [`PREFETCH_INCLUDE`] is the variant a configuration may choose
/// (`prefetch_include = true`) for EHRs that support `_include`: the
/// Medications a statement or request references come with it, so
/// medications coded only on a Medication resource are read too.
pub const PREFETCH: [Prefetch; 8] = [
    Prefetch {
        key: "patient",
        template: "Patient/{{context.patientId}}",
        required: true,
    },
    Prefetch {
        key: "conditions",
        template: "Condition?patient={{context.patientId}}&_count=100",
        required: true,
    },
    Prefetch {
        key: "temperature",
        template: "Observation?patient={{context.patientId}}&code=http://loinc.org|8310-5&_sort=-date&_count=20",
        required: false,
    },
    Prefetch {
        key: "platelets",
        template: "Observation?patient={{context.patientId}}&code=http://loinc.org|777-3,http://loinc.org|26515-7&_sort=-date&_count=20",
        required: false,
    },
    Prefetch {
        key: "medication_statements",
        template: "MedicationStatement?patient={{context.patientId}}&_count=100",
        required: false,
    },
    Prefetch {
        key: "medication_requests",
        template: "MedicationRequest?patient={{context.patientId}}&_count=100",
        required: false,
    },
    Prefetch {
        key: "allergies",
        template: "AllergyIntolerance?patient={{context.patientId}}&_count=100",
        required: false,
    },
    Prefetch {
        key: "screening",
        template: "QuestionnaireResponse?subject=Patient/{{context.patientId}}&_sort=-authored&_count=20",
        required: false,
    },
];

/// [`PREFETCH`] with `_include` of the referenced Medications, for a
/// configuration that asks for it (`prefetch_include = true`).
pub const PREFETCH_INCLUDE: [Prefetch; 8] = {
    let mut t = PREFETCH;
    t[4].template = "MedicationStatement?patient={{context.patientId}}&_include=MedicationStatement:medication&_count=100";
    t[5].template = "MedicationRequest?patient={{context.patientId}}&_include=MedicationRequest:medication&_count=100";
    t
};

/// The templates a configuration uses.
#[must_use]
pub fn prefetch_templates(include: bool) -> &'static [Prefetch; 8] {
    if include {
        &PREFETCH_INCLUDE
    } else {
        &PREFETCH
    }
}

/// The discovery document.
#[derive(Debug, Clone, Serialize)]
pub struct Discovery {
    /// The services.
    pub services: Vec<Service>,
}

/// One service in the discovery document.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Service {
    /// The hook.
    pub hook: &'static str,
    /// A human-readable title.
    pub title: &'static str,
    /// What the service does.
    pub description: &'static str,
    /// The id in the service's URL.
    pub id: &'static str,
    /// The prefetch templates.
    pub prefetch: serde_json::Map<String, serde_json::Value>,
    /// What an EHR must know to use it.
    pub usage_requirements: &'static str,
    /// Where the intervention's source attributes are (ONC HTI-1, 45 CFR
    /// 170.315(b)(11)(iv)): `{"source-attributes": URL}`, a CDS Hooks
    /// extension.
    pub extension: serde_json::Map<String, serde_json::Value>,
}

const USAGE: &str = "Reads the record through the prefetch templates (or the FHIR server \
with a bearer token). The screening QuestionnaireResponse answers the red-flag questions \
the record cannot; without it the card asks them. A patient intake QuestionnaireResponse \
(prefetch key `screening`) adds the patient's answers; with no diagnosis recorded, the card \
lists the candidate conditions to confirm. Decision support for a clinician, not a diagnosis.";

/// The discovery document of this service; `include`: the templates ask
/// for referenced Medications with `_include` ([`PREFETCH_INCLUDE`]);
/// `public_url`: the service's own, for the link to its source attributes.
#[must_use]
pub fn discovery(include: bool, public_url: &str) -> Discovery {
    let prefetch: serde_json::Map<_, _> = prefetch_templates(include)
        .iter()
        .map(|p| (p.key.to_owned(), serde_json::Value::from(p.template)))
        .collect();
    let mut extension = serde_json::Map::new();
    extension.insert(
        "source-attributes".to_owned(),
        serde_json::Value::from(crate::rest::source_attributes_url(public_url)),
    );
    Discovery {
        services: vec![
            Service {
                hook: Hook::PatientView.as_str(),
                title: "Prolotherapy triage for foot problems",
                description: "For a patient with a foot condition (plantar fasciitis, heel pain, \
Achilles tendinopathy, other tendinitis, Morton's neuroma, bunion pain, osteoarthritis, fallen \
arch): should prolotherapy be discussed now, and why? Red flags are screened first; every \
verdict is explained and sourced.",
                id: PATIENT_VIEW_ID,
                prefetch: prefetch.clone(),
                usage_requirements: USAGE,
                extension: extension.clone(),
            },
            Service {
                hook: Hook::OrderSelect.as_str(),
                title: "Prolotherapy triage when a foot procedure or referral is ordered",
                description: "When the selected draft ServiceRequest (a procedure or referral) \
has a foot condition as its reason: the same triage as on patient-view, shown at ordering \
time.",
                id: ORDER_SELECT_ID,
                prefetch,
                usage_requirements: USAGE,
                extension,
            },
        ],
    }
}

/// Fills a prefetch template's `{{context.X}}` tokens from the hook's
/// context (top-level string values only), or `None` when a token has no
/// value.
#[must_use]
pub fn fill(
    template: &str,
    context: &serde_json::Map<String, serde_json::Value>,
) -> Option<String> {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(start) = rest.find("{{") {
        let (before, after) = rest.split_at(start);
        out.push_str(before);
        let after = after.get(2..)?;
        let end = after.find("}}")?;
        let token = after.get(..end)?.trim();
        let name = token.strip_prefix("context.")?;
        let value = context.get(name)?.as_str()?;
        if value.is_empty() || !value.bytes().all(is_id_byte) {
            return None;
        }
        out.push_str(value);
        rest = after.get(end.saturating_add(2)..)?;
    }
    out.push_str(rest);
    Some(out)
}

/// FHIR ids are `[A-Za-z0-9\-\.]{1,64}`; nothing else goes into a URL.
fn is_id_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-' || b == b'.'
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn templates_fill_from_the_context() {
        let context = json!({"patientId": "example", "userId": "Practitioner/1"});
        let context = context.as_object().unwrap();
        assert_eq!(
            fill(PREFETCH[0].template, context).as_deref(),
            Some("Patient/example")
        );
        assert!(fill(PREFETCH[7].template, context)
            .unwrap()
            .starts_with("QuestionnaireResponse?subject=Patient/example&"));
    }

    #[test]
    fn a_missing_or_unsafe_token_value_fills_nothing() {
        for context in [
            json!({}),
            json!({"patientId": 5}),
            json!({"patientId": ""}),
            json!({"patientId": "a/../b"}),
            json!({"patientId": "x&_format=xml"}),
        ] {
            assert_eq!(
                fill(
                    "Patient/{{context.patientId}}",
                    context.as_object().unwrap()
                ),
                None
            );
        }
        assert_eq!(
            fill("Patient/{{context.patientId", &serde_json::Map::new()),
            None
        );
    }

    /// CDS Hooks 2.0, "Prefetch query restrictions": instance reads, and
    /// type-level searches on the patient reference with token equality
    /// (`code`, optionally `:in`), date prefixes, `_count` and `_sort`.
    #[test]
    fn the_default_templates_stay_within_the_recommended_subset() {
        let allowed = [
            "patient", "subject", "code", "code:in", "date", "_count", "_sort",
        ];
        for p in PREFETCH {
            let Some((resource, query)) = p.template.split_once('?') else {
                assert_eq!(p.template, "Patient/{{context.patientId}}");
                continue;
            };
            assert!(
                resource.chars().all(|c| c.is_ascii_alphabetic()),
                "{resource}"
            );
            for param in query.split('&') {
                let (name, value) = param.split_once('=').unwrap();
                assert!(allowed.contains(&name), "{}: {name}", p.key);
                if name == "date" {
                    assert!(["eq", "lt", "gt", "ge", "le"]
                        .iter()
                        .any(|x| value.starts_with(x)));
                }
            }
        }
        // The variant with _include differs only in _include.
        for (a, b) in PREFETCH.iter().zip(PREFETCH_INCLUDE.iter()) {
            let stripped: Vec<&str> = b
                .template
                .split('&')
                .filter(|q| !q.starts_with("_include="))
                .collect();
            assert_eq!(stripped.join("&"), a.template);
        }
        assert!(PREFETCH_INCLUDE[4]
            .template
            .contains("_include=MedicationStatement:medication"));
    }

    #[test]
    fn every_service_has_every_key_and_hooks_round_trip() {
        let d = discovery(false, "https://cds.example");
        assert_eq!(d.services.len(), 2);
        for s in &d.services {
            assert_eq!(s.prefetch.len(), PREFETCH.len());
            let hook = Hook::of_service(s.id).unwrap();
            assert_eq!(hook.as_str(), s.hook);
        }
        assert_eq!(Hook::of_service("nope"), None);
        // The configuration's choice reaches discovery.
        let with = discovery(true, "https://cds.example");
        let template = with.services[0].prefetch["medication_requests"]
            .as_str()
            .unwrap();
        assert!(
            template.contains("&_include=MedicationRequest:medication"),
            "{template}"
        );
        let without = d.services[0].prefetch["medication_requests"]
            .as_str()
            .unwrap();
        assert!(!without.contains("_include"), "{without}");
    }
}
