//! FHIR R4 input for prolo-triage (work in progress).
