//! The symptom patterns read once per assessment
//! (`docs/decision-model.md` §9): each row of
//! [`PATTERNS`](crate::rules::PATTERNS) in Kleene logic over the features,
//! its band, whether an answer could still move it, and exactly which
//! unknown features could.

use crate::input::Presentation;
use crate::rules::{
    Counting, Feature, Member, MimicRow, Pattern, Weighed, Weight, MIMICS, PATTERNS,
};
use crate::truth::Truth;
use crate::units::{AgeYears, Weeks};
use crate::vocabulary::{Condition, Symptom};
use enumset::EnumSet;

use std::borrow::Cow;

use crate::assessment::{Band, FeatureTrace, KeyGroupTrace, PatternTrace};

/// The truth of a feature in a presentation: a symptom as recorded; a
/// derived feature from its field, unknown while the field is.
pub(crate) fn feature_truth(presentation: &Presentation, feature: Feature) -> Truth {
    match feature {
        Feature::Symptom(s) => presentation.symptom(s),
        Feature::AgeAtLeast45 => presentation
            .age_years()
            .map_or(Truth::Unknown, |a| Truth::from_bool(AgeYears::get(a) >= 45)),
        // 25 months is 108.7 weeks: 109 weeks is the first whole week over.
        Feature::SymptomsOver25Months => presentation
            .symptom_weeks()
            .map_or(Truth::Unknown, |w| Truth::from_bool(Weeks::get(w) >= 109)),
    }
}

/// How many patterns' bands differ between `symptom` present and absent,
/// every other feature as recorded: what a patient's answer about it can
/// change (the intake asks the symptom that moves the most).
pub(crate) fn bands_moved_by(presentation: &Presentation, symptom: Symptom) -> usize {
    let with = |value: Truth| {
        move |feature: Feature| match feature {
            Feature::Symptom(s) if s == symptom => value,
            other => feature_truth(presentation, other),
        }
    };
    PATTERNS
        .iter()
        .filter(|p| band(p, &with(Truth::Present)) != band(p, &with(Truth::Absent)))
        .count()
}

/// A member's truth: the feature's, or its negation for a negated member.
fn member_truth(member: &Member, truth: &impl Fn(Feature) -> Truth) -> Truth {
    let t = truth(member.feature);
    if member.negated {
        !t
    } else {
        t
    }
}

/// "At least k of n", Kleene-counted.
pub(crate) fn counting_truth(rule: &Counting, truth: &impl Fn(Feature) -> Truth) -> Truth {
    let known = rule
        .items
        .iter()
        .filter(|f| truth(**f) == Truth::Present)
        .count();
    let possible = rule
        .items
        .iter()
        .filter(|f| truth(**f) != Truth::Absent)
        .count();
    if known >= rule.at_least {
        Truth::Present
    } else if possible < rule.at_least {
        Truth::Absent
    } else {
        Truth::Unknown
    }
}

/// A key group: the Kleene OR of its members.
fn key_group(group: &[Member], truth: &impl Fn(Feature) -> Truth) -> Truth {
    group
        .iter()
        .fold(Truth::Absent, |g, m| g | member_truth(m, truth))
}

/// The strong features against, which keep a pattern from `likely`.
fn strong_against(pattern: &Pattern) -> impl Iterator<Item = &Weighed> + '_ {
    pattern
        .against
        .iter()
        .filter(|w| w.weight == Weight::Strong)
}

fn any(items: &[Weighed], truth: &impl Fn(Feature) -> Truth, negate: bool) -> Truth {
    items.iter().fold(Truth::Absent, |acc, w| {
        let t = truth(w.feature);
        acc | if negate { !t } else { t }
    })
}

/// The band of a pattern in Kleene logic, in the order of §9: unlikely,
/// then likely, then possible. With every feature known it is the band of
/// that completion.
pub(crate) fn band(pattern: &Pattern, truth: &impl Fn(Feature) -> Truth) -> Band {
    Terms::read(pattern, truth).band()
}

/// The terms a pattern's band is read from, each in Kleene logic.
struct Terms {
    key: Truth,
    ruled_out: Truth,
    /// Whether a rules-in feature is present, unknown while one could be.
    rules_in: Truth,
    only_with: Truth,
    strong_against: Truth,
}

impl Terms {
    fn read(pattern: &Pattern, truth: &impl Fn(Feature) -> Truth) -> Self {
        Self {
            key: pattern
                .key
                .iter()
                .fold(Truth::Present, |acc, group| acc & key_group(group, truth)),
            ruled_out: any(pattern.rules_out, truth, true),
            rules_in: any(pattern.rules_in, truth, false),
            only_with: pattern
                .likely_only_with
                .iter()
                .fold(Truth::Present, |acc, w| acc & truth(w.feature)),
            strong_against: strong_against(pattern)
                .fold(Truth::Absent, |acc, w| acc | truth(w.feature)),
        }
    }

    fn likely(&self) -> Truth {
        self.key & self.only_with & !self.ruled_out & !self.strong_against
    }

    fn band(&self) -> Band {
        // "Unless a rules-in feature is present": known present, so that an
        // absent rules-out feature makes the candidate unlikely until a
        // rules-in feature is found (an unknown one leaves the band open, a
        // question).
        let ruled_in = Truth::from_bool(self.rules_in == Truth::Present);
        let unlikely = (!self.key | self.ruled_out) & !ruled_in;
        if unlikely == Truth::Present {
            Band::Unlikely
        } else if self.likely() == Truth::Present {
            Band::Likely
        } else {
            Band::Possible
        }
    }

    /// Whether every completion of the unknown features has this band, as
    /// Kleene logic shows without enumerating them: "unlikely" known true,
    /// or known false and "likely" known. Kleene logic is sound (a known
    /// value holds in every completion), and here "unlikely" reads the
    /// rules-in features in Kleene logic too, so that a rules-in feature
    /// still unknown leaves it unknown. When this is false the completions
    /// are enumerated; when true they could not differ (issue 22).
    fn settled(&self) -> bool {
        let unlikely = (!self.key | self.ruled_out) & !self.rules_in;
        unlikely == Truth::Present || (unlikely == Truth::Absent && self.likely() != Truth::Unknown)
    }
}

/// A feature's entry for or against, before it is worded.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Entry {
    /// A key member satisfied (for), or not (against, when it makes the
    /// candidate unlikely).
    Member(&'static Member),
    /// A weighed feature: present for or against; a rules-out feature
    /// absent (against).
    Weighed(&'static Weighed),
    /// A counting rule that holds.
    Counting(&'static Counting),
}

/// An entry's place in its row: its index in the order [`entries`] visits
/// the lists (the key members group by group, rules in, rules out, for,
/// the counting rule, against), whether it is visited or not. The
/// candidates' sentences, written at compile time, are kept by place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Slot(pub(crate) usize);

impl Slot {
    /// This place, moving on to the next.
    fn take(&mut self) -> Slot {
        let this = *self;
        // A row has a handful of entries: no overflow.
        self.0 = self.0.wrapping_add(1);
        this
    }
}

/// The list of a candidate an [`Entry`] belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Side {
    /// `for`.
    For = 0,
    /// `against`.
    Against = 1,
}

/// The most unknown band features [`pivotal`] enumerates.
const ENUMERATED: usize = 16;

/// A pattern's unknown or pivotal features, held inline: at most
/// [`ENUMERATED`], and a heap list per candidate cost about as much as
/// reading its band (issue 22).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Features {
    features: [Feature; ENUMERATED],
    len: usize,
}

impl Features {
    const EMPTY: Self = Self {
        features: [Feature::AgeAtLeast45; ENUMERATED],
        len: 0,
    };

    /// The features, in their order.
    pub(crate) fn as_slice(&self) -> &[Feature] {
        self.features.get(..self.len).unwrap_or_default()
    }

    fn push(&mut self, feature: Feature) {
        if let Some(slot) = self.features.get_mut(self.len) {
            *slot = feature;
            self.len = self.len.saturating_add(1);
        }
    }
}

/// One pattern, read.
#[derive(Debug, Clone)]
pub(crate) struct Read {
    pub(crate) pattern: &'static Pattern,
    pub(crate) band: Band,
    pub(crate) open: bool,
    pub(crate) recorded: bool,
    pub(crate) score: i32,
    /// How many [`entries`] are for and against: the wording visits them
    /// again and allocates each list once, at its size.
    pub(crate) for_count: usize,
    pub(crate) against_count: usize,
    /// The pivotal unknown features, patient-answerable first, then table
    /// order.
    pub(crate) questions: Features,
}

/// Every candidate and every mimic a present symptom suggests.
#[derive(Debug, Clone, Default)]
pub(crate) struct Candidates {
    /// Listed candidates, ranked.
    pub(crate) candidates: Vec<Read>,
    /// The mimics, each with its present symptoms.
    pub(crate) mimics: Vec<(&'static MimicRow, Vec<Symptom>)>,
}

/// Reads every pattern and mimic of a presentation.
pub(crate) fn read(presentation: &Presentation) -> Candidates {
    let truth = |f: Feature| feature_truth(presentation, f);
    let recorded = presentation.conditions().unwrap_or_default();
    let mut candidates: Vec<Read> = PATTERNS
        .iter()
        .filter(|p| listed(p, &truth, recorded.contains(p.condition)))
        .map(|p| read_pattern(p, &truth, recorded.contains(p.condition)))
        .collect();
    rank(&mut candidates, presentation.symptom(Symptom::ArchDropping));
    let mimics = MIMICS
        .iter()
        .filter_map(|m| {
            let present: Vec<Symptom> = m
                .suggested_by
                .iter()
                .copied()
                .filter(|s| presentation.symptom(*s) == Truth::Present)
                .collect();
            (!present.is_empty()).then_some((m, present))
        })
        .collect();
    Candidates { candidates, mimics }
}

/// Whether a pattern is listed as a candidate: its condition is recorded,
/// or a symptom that lists it is present.
fn listed(pattern: &Pattern, truth: &impl Fn(Feature) -> Truth, recorded: bool) -> bool {
    recorded
        || pattern
            .listing_features()
            .any(|f| matches!(f, Feature::Symptom(_)) && truth(f) == Truth::Present)
}

/// Every pattern of the table, listed or not, with the band and openness
/// the assessment gives it and the values of the features its band read:
/// a listed pattern's band and openness are those of the candidate already
/// read; an unlisted one's come from the same [`band`] and [`pivotal`].
pub(crate) fn trace(presentation: &Presentation, read: &Candidates) -> Vec<PatternTrace> {
    let truth = |f: Feature| feature_truth(presentation, f);
    let feature = |f: Feature, negated: bool| FeatureTrace {
        symptom: f.symptom(),
        field: f.field().map(Cow::Borrowed),
        negated,
        value: truth(f).into(),
    };
    let weighed = |items: &mut dyn Iterator<Item = &Weighed>| -> Vec<FeatureTrace> {
        items.map(|w| feature(w.feature, false)).collect()
    };
    PATTERNS
        .iter()
        .map(|p| {
            let candidate = read
                .candidates
                .iter()
                .find(|r| r.pattern.condition == p.condition);
            let (band, open) = match candidate {
                Some(r) => (r.band, r.open),
                None => {
                    let now = Terms::read(p, &truth);
                    (now.band(), pivotal(p, &truth, &now).0)
                }
            };
            PatternTrace {
                condition: p.condition,
                band,
                open,
                listed: candidate.is_some(),
                key: p
                    .key
                    .iter()
                    .map(|group| KeyGroupTrace {
                        value: key_group(group, &truth).into(),
                        features: group
                            .iter()
                            .map(|m| feature(m.feature, m.negated))
                            .collect(),
                    })
                    .collect(),
                likely_only_with: weighed(&mut p.likely_only_with.iter()),
                rules_in: weighed(&mut p.rules_in.iter()),
                rules_out: weighed(&mut p.rules_out.iter()),
                strong_against: weighed(&mut strong_against(p)),
            }
        })
        .collect()
}

fn read_pattern(
    pattern: &'static Pattern,
    truth: &impl Fn(Feature) -> Truth,
    recorded: bool,
) -> Read {
    let terms = Terms::read(pattern, truth);
    let band_now = terms.band();
    let (open, questions) = pivotal(pattern, truth, &terms);
    let mut score: i32 = 0;
    let mut for_count: usize = 0;
    let mut against_count: usize = 0;
    entries(pattern, band_now, truth, |side, _, _, points| match side {
        Side::For => {
            score = score.saturating_add(points);
            for_count = for_count.saturating_add(1);
        }
        Side::Against => {
            score = score.saturating_sub(points);
            against_count = against_count.saturating_add(1);
        }
    });
    Read {
        pattern,
        band: band_now,
        open,
        recorded,
        score,
        for_count,
        against_count,
        questions,
    }
}

/// Each feature for or against a pattern in band `band_now`, in the order
/// of its lists, with the points it adds to the score (for) or takes from
/// it (against; none for a missing key feature or an absent rules-out
/// one). The one place that decides the entries: the score, their counts
/// and their wording all visit them here.
pub(crate) fn entries(
    pattern: &'static Pattern,
    band_now: Band,
    truth: &impl Fn(Feature) -> Truth,
    mut visit: impl FnMut(Side, Entry, Slot, i32),
) {
    let mut slot = Slot(0);
    for group in pattern.key {
        // A missing key group is an entry against only when it makes the
        // candidate unlikely; otherwise it need not be read twice.
        let group_false = band_now == Band::Unlikely
            && group
                .iter()
                .all(|m| member_truth(m, truth) == Truth::Absent);
        for m in group.iter() {
            let at = slot.take();
            match member_truth(m, truth) {
                Truth::Present => visit(Side::For, Entry::Member(m), at, Weight::Key.points()),
                Truth::Absent if group_false => {
                    visit(Side::Against, Entry::Member(m), at, 0);
                }
                _ => {}
            }
        }
    }
    for w in pattern.rules_in.iter() {
        let at = slot.take();
        if truth(w.feature) == Truth::Present {
            visit(Side::For, Entry::Weighed(w), at, w.weight.points());
        }
    }
    for w in pattern.rules_out.iter() {
        let at = slot.take();
        match truth(w.feature) {
            Truth::Present => visit(Side::For, Entry::Weighed(w), at, Weight::Strong.points()),
            Truth::Absent if band_now == Band::Unlikely => {
                visit(Side::Against, Entry::Weighed(w), at, 0);
            }
            _ => {}
        }
    }
    for w in pattern.for_.iter() {
        let at = slot.take();
        if truth(w.feature) == Truth::Present {
            visit(Side::For, Entry::Weighed(w), at, w.weight.points());
        }
    }
    if let Some(rule) = pattern.counting {
        let at = slot.take();
        if counting_truth(rule, truth) == Truth::Present {
            visit(Side::For, Entry::Counting(rule), at, rule.weight.points());
        }
    }
    for w in pattern.against.iter() {
        let at = slot.take();
        if truth(w.feature) == Truth::Present {
            visit(Side::Against, Entry::Weighed(w), at, w.weight.points());
        }
    }
}

/// Whether some completion of the unknown band features gives another
/// band, and which of them are pivotal: flipping it changes the band in
/// some completion of the others. Exact, by enumerating the completions
/// (at most 2^8: a test of the table bounds the band features per row),
/// unless Kleene logic already shows that they all have the band of the
/// presentation ([`Terms::settled`]).
///
/// Each completion's band is computed once and kept: a feature is pivotal
/// when two completions that differ in it alone differ in band, so each
/// completion is compared with the smaller ones it neighbours, and the
/// enumeration stops once the band is open and every feature pivotal,
/// since no later completion can change either (issue 22).
fn pivotal(pattern: &Pattern, truth: &impl Fn(Feature) -> Truth, now: &Terms) -> (bool, Features) {
    if now.settled() {
        // Every completion has the band of the presentation.
        return (false, Features::EMPTY);
    }
    let now = now.band();
    // The first unknown features, inline: only these are enumerated.
    let mut unknown = Features::EMPTY;
    for f in pattern.band_features() {
        if truth(f) == Truth::Unknown && !unknown.as_slice().contains(&f) {
            unknown.push(f);
        }
    }
    let unknown = unknown.as_slice();
    if unknown.is_empty() {
        // The only completion is the presentation itself: its band is `now`.
        return (false, Features::EMPTY);
    }
    let n = unknown.len();
    // A completion as two sets of symptoms and the derived features'
    // truths, so that the band reads each feature with a bit test rather
    // than a search among the unknown ones. Only the enumerated features
    // are in the sets; every other feature reads as recorded.
    let enumerated: EnumSet<Symptom> = unknown.iter().filter_map(|f| f.symptom()).collect();
    let band_of = |bits: u32| {
        let mut present = EnumSet::<Symptom>::new();
        let mut age = truth(Feature::AgeAtLeast45);
        let mut over_25_months = truth(Feature::SymptomsOver25Months);
        for (i, f) in unknown.iter().enumerate() {
            let value = Truth::from_bool(bits & (1u32 << i) != 0);
            match f {
                Feature::Symptom(s) => {
                    if value == Truth::Present {
                        present.insert(*s);
                    }
                }
                Feature::AgeAtLeast45 => age = value,
                Feature::SymptomsOver25Months => over_25_months = value,
            }
        }
        band(pattern, &|f: Feature| match f {
            Feature::Symptom(s) if enumerated.contains(s) => Truth::from_bool(present.contains(s)),
            Feature::AgeAtLeast45 => age,
            Feature::SymptomsOver25Months => over_25_months,
            Feature::Symptom(_) => truth(f),
        })
    };
    let mut open = false;
    let mut pivotal = [false; ENUMERATED];
    let mut found: usize = 0;
    // Each completion's band, on the stack up to 8 features (every row of
    // the table: a test bounds them), on the heap beyond.
    let mut inline = [Band::Unlikely; 1 << 8];
    let mut spilled = Vec::new();
    let bands: &mut [Band] = if n <= 8 {
        &mut inline
    } else {
        spilled.resize(1 << n, Band::Unlikely);
        &mut spilled
    };
    for bits in 0..(1u32 << n) {
        let b = band_of(bits);
        open |= b != now;
        for (i, p) in pivotal.iter_mut().take(n).enumerate() {
            let bit = 1u32 << i;
            // The neighbour without this feature came earlier.
            if !*p && bits & bit != 0 && bands.get((bits ^ bit) as usize) != Some(&b) {
                *p = true;
                found = found.saturating_add(1);
            }
        }
        if let Some(slot) = bands.get_mut(bits as usize) {
            *slot = b;
        }
        if open && found == n {
            break;
        }
    }
    let mut questions = Features::EMPTY;
    for (f, p) in unknown.iter().zip(&pivotal) {
        if *p {
            questions.push(*f);
        }
    }
    // Stable: patient-answerable first, table order kept within each.
    questions
        .features
        .get_mut(..questions.len)
        .unwrap_or_default()
        .sort_by_key(|f| !f.who().asks_patient());
    (open, questions)
}

/// Ranks by band, then score (higher first), then the order of §2; then
/// the two overrides of `docs/clinical-knowledge.md` §7.2, within a band
/// so the bands stay in order.
fn rank(candidates: &mut [Read], arch_dropping: Truth) {
    candidates.sort_by(|a, b| {
        a.band
            .cmp(&b.band)
            .then(b.score.cmp(&a.score))
            .then(a.pattern.condition.cmp(&b.pattern.condition))
    });
    // Plantar fasciitis directly above its parent, heel pain, whenever its
    // band is at least heel pain's.
    move_above(candidates, Condition::PlantarFasciitis, Condition::HeelPain);
    // Tendinitis and the fallen arch are one continuum: the arch first
    // when the patient noticed it drop, tendinitis first otherwise.
    if arch_dropping == Truth::Present {
        move_above(candidates, Condition::FallenArch, Condition::Tendinitis);
    } else {
        move_above(candidates, Condition::Tendinitis, Condition::FallenArch);
    }
}

/// Moves `first` directly above `second` when it ranks below it in the
/// same band.
fn move_above(candidates: &mut [Read], first: Condition, second: Condition) {
    let at = |c: Condition| candidates.iter().position(|r| r.pattern.condition == c);
    if let (Some(i), Some(j)) = (at(first), at(second)) {
        let same_band = candidates.get(i).map(|r| r.band) == candidates.get(j).map(|r| r.band);
        if i > j && same_band {
            if let Some(slice) = candidates.get_mut(j..=i) {
                slice.rotate_right(1);
            }
        }
    }
}
