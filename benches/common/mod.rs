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
