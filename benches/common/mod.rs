//! The worked cases the benches run on, shipped in `examples/data/`.

/// (name, presentation JSON) for each worked case.
pub const CASES: [(&str, &str); 8] = [
    (
        "01-discuss",
        include_str!("../../examples/data/01-runner-heel-pain-discuss.json"),
    ),
    (
        "02-precautions",
        include_str!("../../examples/data/02-ankle-instability-apixaban.json"),
    ),
    (
        "03-unscreened",
        include_str!("../../examples/data/03-unscreened.json"),
    ),
    (
        "04-ottawa",
        include_str!("../../examples/data/04-tender-navicular-after-fall.json"),
    ),
    (
        "05-not-yet",
        include_str!("../../examples/data/05-too-early-infection-unknown.json"),
    ),
    (
        "06-needs-info",
        include_str!("../../examples/data/06-ready-but-infection-unknown.json"),
    ),
    (
        "07-child",
        include_str!("../../examples/data/07-child.json"),
    ),
    (
        "08-diabetes-unknown",
        include_str!("../../examples/data/08-diabetes-not-recorded.json"),
    ),
];

/// Ten symptoms a heel-pain intake records (contract v3): four present,
/// six absent, as the worked symptom cases do. Added to a case's
/// presentation to measure what reading the symptom patterns costs.
pub const TEN_SYMPTOMS: [(prolo_triage::Symptom, prolo_triage::Truth); 10] = {
    use prolo_triage::Symptom::*;
    use prolo_triage::Truth::{Absent, Present};
    [
        (PainUnderHeel, Present),
        (PainHeelCentre, Absent),
        (PainBackOfHeel, Absent),
        (PainAchillesAboveHeel, Absent),
        (FirstStepPain, Present),
        (GradualOnset, Present),
        (NumbnessHeelOrSole, Absent),
        (InflammatoryFeatures, Absent),
        (BackPainIntoLeg, Absent),
        (TenderMedialCalcanealTubercle, Present),
    ]
};

/// A case's presentation with [`TEN_SYMPTOMS`] recorded.
#[allow(dead_code)] // Used by the instruction counts, not by every bench.
pub fn with_ten_symptoms(p: &prolo_triage::Presentation) -> prolo_triage::Presentation {
    TEN_SYMPTOMS
        .iter()
        .fold(p.to_builder(), |b, (s, t)| b.symptom(*s, *t))
        .build()
        .unwrap()
}
