//! The mimics of `docs/clinical-knowledge.md` §7.3: look-alikes to exclude
//! before any injection.

use super::vocabulary;

vocabulary! {
/// A condition that imitates one of the eight and must be excluded first.
///
/// # Example
///
/// ```
/// use prolo_triage::Mimic;
/// assert_eq!(Mimic::TarsalTunnelSyndrome.as_str(), "tarsal_tunnel_syndrome");
/// ```
#[non_exhaustive]
pub enum Mimic {
    /// A tibial nerve entrapment.
    TarsalTunnelSyndrome,
    /// A stress fracture of the heel bone.
    CalcanealStressFracture,
    /// An injury of the plantar plate of a lesser toe joint.
    PlantarPlateInjury,
    /// Inflammatory arthritis (spondyloarthritis enthesitis).
    InflammatoryArthritis,
    /// S1 lumbar radiculopathy.
    LumbarRadiculopathy,
}
}
