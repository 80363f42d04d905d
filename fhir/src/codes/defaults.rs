//! The default code table: only codes with a source
//! (`docs/clinic-integration.md` §3), each labelled verified or secondary.

use std::borrow::Cow;

use prolo_triage::{Condition, Finding, MedicationClass};

use super::{system, CodeEntry, CodeSource, CodeTables, Match, Meaning, Measurement};

impl Default for CodeTables {
    /// The sourced defaults of `docs/clinic-integration.md` §3.
    fn default() -> CodeTables {
        let icd = Condition::all().iter().flat_map(|c| {
            c.icd10cm().iter().map(move |code| CodeEntry {
                system: Cow::Borrowed(system::ICD10CM),
                code: Cow::Borrowed(code),
                matching: Match::Exact,
                means: Meaning::Condition(*c),
                source: CodeSource::Verified,
                citation: Cow::Borrowed(ICD10CM_CITATION),
            })
        });
        let rows = BUILTIN.iter().map(|b| CodeEntry {
            system: Cow::Borrowed(b.system),
            code: Cow::Borrowed(b.code),
            matching: b.matching,
            means: b.means,
            source: b.source,
            citation: Cow::Borrowed(b.citation),
        });
        CodeTables {
            entries: icd.chain(rows).collect(),
        }
    }
}

const ICD10CM_CITATION: &str =
    "decision-model.md §2: ICD-10-CM codes checked against the CMS/CDC FY2021 code files";

/// One built-in row (the ICD-10-CM rows come from the core crate's
/// `Condition::icd10cm`, so the two cannot drift).
struct Builtin {
    system: &'static str,
    code: &'static str,
    matching: Match,
    means: Meaning,
    source: CodeSource,
    citation: &'static str,
}

const fn verified(
    system: &'static str,
    code: &'static str,
    means: Meaning,
    citation: &'static str,
) -> Builtin {
    Builtin {
        system,
        code,
        matching: Match::Exact,
        means,
        source: CodeSource::Verified,
        citation,
    }
}

const fn secondary(
    system: &'static str,
    code: &'static str,
    matching: Match,
    means: Meaning,
    citation: &'static str,
) -> Builtin {
    Builtin {
        system,
        code,
        matching,
        means,
        source: CodeSource::Secondary,
        citation,
    }
}

/// The citation prefixes, checked by the unit tests (the rows spell them
/// out so each reads on its own).
#[cfg(test)]
const HL7: &str = "HL7 FHIR R4 examples (npm hl7.fhir.r4.examples 4.0.1)";
#[cfg(test)]
const THIRD_PARTY: &str = "clinic-integration.md §3, seen only in third-party code";
#[cfg(test)]
const BE_EHEALTH: &str =
    "eHealth Platform (Belgium) FHIR ValueSet be-vs-diagnostic-imaging-indication 1.0.0";

/// The sourced codes of `docs/clinic-integration.md` §3 besides ICD-10-CM.
/// Unverified codes (ATC M01A, H02AB, L04, other RxNorm ingredients) stay
/// out, as the specification requires.
const BUILTIN: &[Builtin] = &[
    // Verified: each appears with this meaning in the HL7 R4 example named
    // (copied into tests/fixtures; tests/code_sources.rs finds it there).
    verified(
        system::LOINC,
        "8310-5",
        Meaning::Observation(Measurement::BodyTemperature),
        concat!(
            "HL7 FHIR R4 examples (npm hl7.fhir.r4.examples 4.0.1): ",
            "Observation-body-temperature, Observation-f202 (\"Body temperature\")"
        ),
    ),
    verified(
        system::LOINC,
        "777-3",
        Meaning::Observation(Measurement::PlateletCount),
        concat!(
            "HL7 FHIR R4 examples (npm hl7.fhir.r4.examples 4.0.1): ",
            "Bundle-101, Observation r6 (\"Platelets [#/volume] in Blood by Automated count\")"
        ),
    ),
    verified(
        system::LOINC,
        "26515-7",
        Meaning::Observation(Measurement::PlateletCount),
        concat!(
            "HL7 FHIR R4 examples (npm hl7.fhir.r4.examples 4.0.1): ",
            "Bundle-report, Observation o3 (\"Platelets [#/volume] in Blood\")"
        ),
    ),
    verified(
        system::SNOMED,
        "73211009",
        Meaning::Finding(Finding::Diabetes),
        concat!(
            "HL7 FHIR R4 examples (npm hl7.fhir.r4.examples 4.0.1): ",
            "List-example-double-cousin-relationship, contained Condition (\"Diabetes mellitus\")"
        ),
    ),
    verified(
        system::SNOMED,
        "44054006",
        Meaning::Finding(Finding::Diabetes),
        concat!(
            "HL7 FHIR R4 examples (npm hl7.fhir.r4.examples 4.0.1): ",
            "MedicationRequest-medrx0321 reasonCode (\"Diabetes mellitus type 2 (disorder)\")"
        ),
    ),
    verified(
        system::SNOMED,
        "77386006",
        Meaning::Finding(Finding::Pregnancy),
        concat!(
            "HL7 FHIR R4 examples (npm hl7.fhir.r4.examples 4.0.1): ",
            "ValueSet-immunization-recommendation-reason as expanded in Bundle-valueset-expansions ",
            "(\"Pregnancy confirmed\")"
        ),
    ),
    verified(
        system::RXNORM,
        "114194",
        Meaning::Medication(MedicationClass::Anticoagulant),
        concat!(
            "HL7 FHIR R4 examples (npm hl7.fhir.r4.examples 4.0.1): ",
            "MedicationRequest-medrx0331, contained Medication (\"Warfarin Sodium\")"
        ),
    ),
    verified(
        system::SNOMED,
        "716186003",
        Meaning::NoKnownAllergy,
        concat!(
            "HL7 FHIR R4 examples (npm hl7.fhir.r4.examples 4.0.1): ",
            "AllergyIntolerance-nka (\"No Known Allergy (situation)\")"
        ),
    ),
    // The causes of docs/decision-model.md §2, ICD-10-CM subcategories.
    Builtin {
        system: system::ICD10CM,
        code: "M24.27",
        matching: Match::Prefix,
        means: Meaning::Finding(Finding::LigamentLaxity),
        source: CodeSource::Verified,
        citation: "decision-model.md §2: ligament_laxity (M24.27x), ICD-10-CM FY2021",
    },
    Builtin {
        system: system::ICD10CM,
        code: "M25.37",
        matching: Match::Prefix,
        means: Meaning::Finding(Finding::JointInstability),
        source: CodeSource::Verified,
        citation: "decision-model.md §2: joint_instability (M25.37x), ICD-10-CM FY2021",
    },
    // Secondary. docs/clinic-integration.md §3 lists these two SNOMED codes as
    // verified, but hl7.fhir.r4.examples 4.0.1 does not hold them; they are
    // in a published national FHIR ValueSet, with these fully specified
    // names, so they ship as secondary.
    secondary(
        system::SNOMED,
        "202882003",
        Match::Exact,
        Meaning::Condition(Condition::PlantarFasciitis),
        concat!(
            "eHealth Platform (Belgium) FHIR ValueSet be-vs-diagnostic-imaging-indication 1.0.0: ",
            "\"Plantar fasciitis (disorder)\"; listed in clinic-integration.md §3"
        ),
    ),
    secondary(
        system::SNOMED,
        "30085007",
        Match::Exact,
        Meaning::Condition(Condition::MortonsNeuroma),
        concat!(
            "eHealth Platform (Belgium) FHIR ValueSet be-vs-diagnostic-imaging-indication 1.0.0: ",
            "\"Morton's metatarsalgia (disorder)\"; listed in clinic-integration.md §3"
        ),
    ),
    secondary(
        system::SNOMED,
        "302226006",
        Match::Exact,
        Meaning::Finding(Finding::PeripheralNeuropathy),
        concat!(
            "clinic-integration.md §3, seen only in third-party code: ",
            "SNOMED 302226006 peripheral neuropathy"
        ),
    ),
    secondary(
        system::ATC,
        "B01AA",
        Match::Prefix,
        Meaning::Medication(MedicationClass::Anticoagulant),
        "clinic-integration.md §3, seen only in third-party code: ATC B01AA vitamin K antagonists",
    ),
    secondary(
        system::ATC,
        "B01AB",
        Match::Prefix,
        Meaning::Medication(MedicationClass::Anticoagulant),
        "clinic-integration.md §3, seen only in third-party code: ATC B01AB heparin group",
    ),
    secondary(
        system::ATC,
        "B01AE",
        Match::Prefix,
        Meaning::Medication(MedicationClass::Anticoagulant),
        "clinic-integration.md §3, seen only in third-party code: ATC B01AE direct thrombin inhibitors",
    ),
    secondary(
        system::ATC,
        "B01AF",
        Match::Prefix,
        Meaning::Medication(MedicationClass::Anticoagulant),
        "clinic-integration.md §3, seen only in third-party code: ATC B01AF direct factor Xa inhibitors",
    ),
    secondary(
        system::ATC,
        "B01AC",
        Match::Prefix,
        Meaning::Medication(MedicationClass::Antiplatelet),
        "clinic-integration.md §3, seen only in third-party code: ATC B01AC platelet aggregation inhibitors",
    ),
    secondary(
        system::ATC,
        "B01AC06",
        Match::Exact,
        Meaning::AspirinByDose,
        concat!(
            "clinic-integration.md §3, seen only in third-party code: ATC B01AC06 acetylsalicylic acid ",
            "(low-dose at <= 100 mg/day: the cut is our inference)"
        ),
    ),
    secondary(
        system::RXNORM,
        "1191",
        Match::Exact,
        Meaning::AspirinByDose,
        concat!(
            "clinic-integration.md §3, seen only in third-party code: RxNorm 1191 aspirin ",
            "(the dose rule of B01AC06 on every code system: our inference)"
        ),
    ),
    secondary(
        system::LOINC,
        "718-7",
        Match::Exact,
        Meaning::Observation(Measurement::Haemoglobin),
        concat!(
            "clinic-integration.md §3, seen only in third-party code: LOINC 718-7 ",
            "Hemoglobin [Mass/volume] in Blood (anaemia below 10 g/dL)"
        ),
    ),
    secondary(
        system::RXNORM,
        "5640",
        Match::Exact,
        Meaning::Medication(MedicationClass::Nsaid),
        "clinic-integration.md §3, seen only in third-party code: RxNorm 5640 ibuprofen",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verified_and_secondary_rows_cite_their_source() {
        for b in BUILTIN {
            let needle = match b.source {
                CodeSource::Verified if b.system == system::ICD10CM => "decision-model.md §2",
                CodeSource::Verified => HL7,
                _ if b.citation.starts_with(BE_EHEALTH) => BE_EHEALTH,
                _ => THIRD_PARTY,
            };
            assert!(b.citation.starts_with(needle), "{}", b.code);
        }
    }
}
