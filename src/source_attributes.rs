//! The source attributes of the intervention, as ONC's HTI-1 rule lists
//! them for an evidence-based decision support intervention (45 CFR
//! 170.315(b)(11)(iv)(A)): its bibliographic citations, developer,
//! funding, release and revision dates, and whether and how it uses race,
//! ethnicity, language, sexual orientation, gender identity, sex, date of
//! birth, social determinants of health and health status assessments.
//!
//! Derived from the rule tables, never restated: which rules read each
//! attribute comes from the facts each row's formula reads and the one
//! implication the engine applies (`sex: male` settles pregnancy absent);
//! the citations are the rows' own. A clinic's policy completes them with
//! its own developer, funding and dates ([`Attribution`]). Served by the
//! CDS service at `GET /v1/source-attributes`; written out in
//! `docs/regulatory/source-attributes.md` and `.json`.

use serde::Serialize;
use strum::IntoEnumIterator;

use crate::attribution::Attribution;
use crate::date::Date;
use crate::knowledge::Strength;
use crate::policy::Policy;
use crate::rules::{
    Fact, Feature, Pattern, Subject, INJECTATE_RULES, PATTERNS, RULES, RULES_FINGERPRINT,
};
use crate::vocabulary::{Condition, Finding};

/// The regulation the attributes answer, as cited in every document.
///
/// # Example
///
/// ```
/// use prolo_triage::{source_attributes, Policy, SOURCE_ATTRIBUTES_REGULATION};
/// assert_eq!(source_attributes(&Policy::default()).regulation, SOURCE_ATTRIBUTES_REGULATION);
/// ```
pub const SOURCE_ATTRIBUTES_REGULATION: &str = "45 CFR 170.315(b)(11)(iv)(A)";

/// The date of the clinical change log's latest entry
/// (`docs/regulatory/CHANGELOG-clinical.md`): when the rule tables were
/// last revised. A test ties it to the log and the log to
/// the rule tables' fingerprint.
/// Written `YYYY-MM-DD`.
///
/// # Example
///
/// ```
/// use prolo_triage::{Date, RULES_REVISION_DATE};
/// assert!(RULES_REVISION_DATE.parse::<Date>().is_ok());
/// ```
pub const RULES_REVISION_DATE: &str = "2026-12-07";

/// A patient attribute whose use HTI-1 asks an evidence-based
/// intervention to state (45 CFR 170.315(b)(11)(iv)(A)(5) to (13): race,
/// ethnicity, language, sexual orientation, gender identity, sex, date of
/// birth, social determinants of health, health status assessments), in
/// the regulation's order.
///
/// # Example
///
/// ```
/// use prolo_triage::PatientAttribute;
/// use strum::IntoEnumIterator;
/// assert_eq!(PatientAttribute::iter().count(), 9);
/// assert_eq!(PatientAttribute::DateOfBirth.as_str(), "date_of_birth");
/// assert_eq!(PatientAttribute::DateOfBirth.paragraph(), "(b)(11)(iv)(A)(11)");
/// ```
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    strum::Display,
    strum::IntoStaticStr,
    strum::EnumIter,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
#[non_exhaustive]
pub enum PatientAttribute {
    /// Race.
    Race,
    /// Ethnicity.
    Ethnicity,
    /// Language.
    Language,
    /// Sexual orientation.
    SexualOrientation,
    /// Gender identity.
    GenderIdentity,
    /// Sex.
    Sex,
    /// Date of birth.
    DateOfBirth,
    /// Social determinants of health.
    SocialDeterminantsOfHealth,
    /// Health status assessments.
    HealthStatusAssessments,
}

impl PatientAttribute {
    /// The wire name (`sexual_orientation`).
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(prolo_triage::PatientAttribute::SexualOrientation.as_str(), "sexual_orientation");
    /// ```
    #[must_use]
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// The attribute's paragraph of 45 CFR 170.315: the regulation lists
    /// the nine in this order as (A)(5) to (A)(13).
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(prolo_triage::PatientAttribute::Race.paragraph(), "(b)(11)(iv)(A)(5)");
    /// ```
    #[must_use]
    pub fn paragraph(self) -> &'static str {
        use PatientAttribute::*;
        match self {
            Race => "(b)(11)(iv)(A)(5)",
            Ethnicity => "(b)(11)(iv)(A)(6)",
            Language => "(b)(11)(iv)(A)(7)",
            SexualOrientation => "(b)(11)(iv)(A)(8)",
            GenderIdentity => "(b)(11)(iv)(A)(9)",
            Sex => "(b)(11)(iv)(A)(10)",
            DateOfBirth => "(b)(11)(iv)(A)(11)",
            SocialDeterminantsOfHealth => "(b)(11)(iv)(A)(12)",
            HealthStatusAssessments => "(b)(11)(iv)(A)(13)",
        }
    }

    /// The regulation's words.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(prolo_triage::PatientAttribute::GenderIdentity.label(), "Gender identity");
    /// ```
    #[must_use]
    pub fn label(self) -> &'static str {
        use PatientAttribute::*;
        match self {
            Race => "Race",
            Ethnicity => "Ethnicity",
            Language => "Language",
            SexualOrientation => "Sexual orientation",
            GenderIdentity => "Gender identity",
            Sex => "Sex",
            DateOfBirth => "Date of birth",
            SocialDeterminantsOfHealth => "Social determinants of health",
            HealthStatusAssessments => "Health status assessments",
        }
    }

    /// The presentation's fields that carry the attribute (the wire format
    /// has no other: it refuses unknown fields).
    fn inputs(self) -> &'static [&'static str] {
        use PatientAttribute::*;
        match self {
            Sex => &["sex"],
            // A whole number of years; the FHIR mapping computes it from
            // Patient.birthDate as of the assessment's date.
            DateOfBirth => &["age_years"],
            HealthStatusAssessments => &["pain_score"],
            Race
            | Ethnicity
            | Language
            | SexualOrientation
            | GenderIdentity
            | SocialDeterminantsOfHealth => &[],
        }
    }

    /// The subjects a rule reads through the attribute: the facts the
    /// engine settles from it.
    fn subjects(self) -> &'static [Subject] {
        match self {
            // The engine's one implication (engine/mod.rs, `Facts::new`):
            // `sex: male` settles pregnancy absent.
            PatientAttribute::Sex => &[Subject::Finding(Finding::Pregnancy)],
            PatientAttribute::DateOfBirth => &[Subject::AgeYears],
            // No subject reads `pain_score`, nor any field of the others.
            _ => &[],
        }
    }

    /// How the intervention uses it, in plain words.
    fn how(self) -> &'static str {
        use PatientAttribute::*;
        match self {
            Sex => {
                "Read only through one implication: `sex: male` settles pregnancy as absent, \
                 so the pregnancy precaution is not asked of a male patient. No rule reads \
                 sex otherwise; `female` and `other` leave pregnancy as recorded. The FHIR \
                 mapping fills `sex` from Patient.gender (administrative gender)."
            }
            DateOfBirth => {
                "Not received: the presentation carries age in whole years (`age_years`), \
                 which the minimum-age rule compares with the policy's minimum (18 by \
                 default: every trial found enrolled adults). The candidate conditions read \
                 whether it is 45 or over (osteoarthritis is diagnosed clinically from 45, \
                 NICE NG226); a candidate never changes the verdict. The FHIR mapping \
                 computes the age from Patient.birthDate as of the assessment's date."
            }
            HealthStatusAssessments => {
                "The presentation may carry a 0-10 pain score (`pain_score`); no rule reads \
                 it and it never changes a verdict. The patient's plan repeats it in one \
                 line about the number of sessions."
            }
            Race
            | Ethnicity
            | Language
            | SexualOrientation
            | GenderIdentity
            | SocialDeterminantsOfHealth => {
                "Not used: the presentation has no field for it (unknown fields are \
                 refused), so no rule can read it."
            }
        }
    }
}

/// Whether and how the intervention uses one patient attribute.
///
/// # Example
///
/// ```
/// use prolo_triage::{source_attributes, PatientAttribute, Policy};
/// let attrs = source_attributes(&Policy::default());
/// let race = attrs.attributes.iter().find(|a| a.attribute == PatientAttribute::Race).unwrap();
/// assert!(!race.used && race.rules.is_empty() && race.inputs.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct AttributeUse {
    /// The attribute.
    pub attribute: PatientAttribute,
    /// The regulation's words for it.
    pub label: &'static str,
    /// Its paragraph of 45 CFR 170.315 (`(b)(11)(iv)(A)(10)`).
    pub paragraph: &'static str,
    /// True when a rule reads it (directly or through an implication).
    pub used: bool,
    /// The presentation's fields that carry it (none: it cannot be given).
    pub inputs: &'static [&'static str],
    /// The rules that read it: stable ids of the verdict table and the
    /// injectate table, in table order.
    pub rules: Vec<&'static str>,
    /// How, in plain words.
    pub how: &'static str,
}

/// One bibliographic citation of the rules, with its strength and the rules
/// that rest on it.
///
/// # Example
///
/// ```
/// use prolo_triage::{source_attributes, Policy};
/// let attrs = source_attributes(&Policy::default());
/// assert!(attrs.citations.iter().all(|c| !c.citation.is_empty() && !c.rules.is_empty()));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct CitedSource {
    /// The citation, as the rule table holds it.
    pub citation: &'static str,
    /// How strong the source is.
    pub strength: Strength,
    /// The stable ids of the rules resting on it, in table order.
    pub rules: Vec<&'static str>,
}

/// The source attributes of the intervention under a policy: the library's
/// (its rules' citations, developer, revision date, the use of each
/// patient attribute) and the clinic's own from the policy's
/// [`Attribution`].
///
/// # Example
///
/// ```
/// use prolo_triage::{source_attributes, PatientAttribute, Policy};
/// let attrs = source_attributes(&Policy::default());
/// let used: Vec<PatientAttribute> = attrs.attributes.iter().filter(|a| a.used).map(|a| a.attribute).collect();
/// assert_eq!(used, [PatientAttribute::Sex, PatientAttribute::DateOfBirth]);
/// assert!(attrs.citations.iter().any(|c| c.rules.contains(&"red_flag.ottawa_fracture")));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct SourceAttributes {
    /// [`SOURCE_ATTRIBUTES_REGULATION`].
    pub regulation: &'static str,
    /// What the intervention is.
    pub intervention: &'static str,
    /// The library's version.
    pub library_version: &'static str,
    /// Who develops the library and its rule tables.
    pub developer: &'static str,
    /// The library's funding source: none is declared (`null`).
    pub funding: Option<&'static str>,
    /// The library's release date: `null` until a release is published.
    #[serde(serialize_with = "crate::attribution::date_text")]
    pub release_date: Option<Date>,
    /// When the rule tables were last revised ([`RULES_REVISION_DATE`]).
    pub revision_date: &'static str,
    /// The fingerprint of the rule tables every assessment's stamp carries.
    pub rules_fingerprint: &'static str,
    /// The policy's name.
    pub policy: String,
    /// The policy's version.
    pub policy_version: String,
    /// The policy's fingerprint.
    pub policy_fingerprint: String,
    /// The clinic's own developer, funding and dates, from the policy.
    pub policy_attribution: Attribution,
    /// Every citation of the rule tables, in order of first use.
    pub citations: Vec<CitedSource>,
    /// Each patient attribute of the regulation, in its order.
    pub attributes: Vec<AttributeUse>,
}

impl SourceAttributes {
    /// The attributes as pretty-printed JSON, the form
    /// `GET /v1/source-attributes` serves.
    ///
    /// # Example
    ///
    /// ```
    /// let json = prolo_triage::source_attributes(&prolo_triage::Policy::default()).to_json();
    /// assert!(json.contains(r#""attribute": "date_of_birth""#));
    /// ```
    #[must_use]
    pub fn to_json(&self) -> String {
        // Strings, numbers and lists always serialize.
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

impl SourceAttributes {
    /// The attributes as a Markdown page for a reviewer: the regulation's
    /// items in its order, the clinic's own beside the library's, every
    /// citation with its strength and rules. `docs/regulatory/source-attributes.md`
    /// is the default policy's page; a clinic prints its own.
    ///
    /// # Example
    ///
    /// ```
    /// let page = prolo_triage::source_attributes(&prolo_triage::Policy::default()).to_markdown();
    /// assert!(page.contains("| Sex | (b)(11)(iv)(A)(10) | yes |"));
    /// ```
    #[must_use]
    pub fn to_markdown(&self) -> String {
        use std::fmt::Write as _;
        let or_none = |v: Option<String>| v.unwrap_or_else(|| "none declared".to_owned());
        let clinic = &self.policy_attribution;
        let mut out = String::new();
        // Writing to a String cannot fail.
        let _ = write!(
            out,
            "# Source attributes ({regulation})\n\n\
             The source attributes that ONC's HTI-1 rule asks an evidence-based \
             decision support intervention to show, under the policy `{policy}` \
             version `{version}` (fingerprint `{fingerprint}`). Generated from the \
             rule tables by `prolo_triage::source_attributes`; the CDS service \
             serves the same under any loaded policy at `GET /v1/source-attributes`.\n\n\
             Intervention: {intervention}.\n\n\
             | item | paragraph | the library's | the clinic's policy |\n\
             | --- | --- | --- | --- |\n\
             | Bibliographic citation | (b)(11)(iv)(A)(1) | {citations} citations, listed below | – |\n\
             | Developer | (b)(11)(iv)(A)(2) | {developer} | {clinic_developer} |\n\
             | Funding source | (b)(11)(iv)(A)(3) | {funding} | {clinic_funding} |\n\
             | Release date | (b)(11)(iv)(A)(4) | {release} (library version {library_version}) | {clinic_release} |\n\
             | Revision date | (b)(11)(iv)(A)(4) | {revision} (rule tables' fingerprint `{rules_fingerprint}`) | {clinic_revision} |\n\n",
            regulation = self.regulation,
            policy = self.policy,
            version = self.policy_version,
            fingerprint = self.policy_fingerprint,
            intervention = self.intervention,
            citations = self.citations.len(),
            developer = self.developer,
            clinic_developer = or_none(clinic.developer().map(str::to_owned)),
            funding = or_none(self.funding.map(str::to_owned)),
            clinic_funding = or_none(clinic.funding().map(str::to_owned)),
            release = or_none(self.release_date.map(|d| d.to_string())),
            library_version = self.library_version,
            clinic_release = or_none(clinic.release_date().map(|d| d.to_string())),
            revision = self.revision_date,
            rules_fingerprint = self.rules_fingerprint,
            clinic_revision = or_none(clinic.revision_date().map(|d| d.to_string())),
        );
        out.push_str(
            "## The use of patient attributes\n\n\
             Derived from the rule tables: a rule uses an attribute when its formula \
             reads a fact the attribute settles.\n\n\
             | attribute | paragraph | used | input fields | rules | how |\n\
             | --- | --- | --- | --- | --- | --- |\n",
        );
        for a in &self.attributes {
            let list = |items: &[&str]| {
                if items.is_empty() {
                    "none".to_owned()
                } else {
                    items
                        .iter()
                        .map(|i| format!("`{i}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                }
            };
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} |",
                a.label,
                a.paragraph,
                if a.used { "yes" } else { "no" },
                list(a.inputs),
                list(&a.rules),
                a.how.replace('|', "\\|"),
            );
        }
        out.push_str(
            "\n## Bibliographic citations\n\n\
             Every source of the verdict and injectate tables, in order of first use, \
             with its strength (`docs/safety.md` defines them) and the rules resting on it.\n\n\
             | citation | strength | rules |\n| --- | --- | --- |\n",
        );
        for c in &self.citations {
            let rules: Vec<String> = c.rules.iter().map(|r| format!("`{r}`")).collect();
            let _ = writeln!(
                out,
                "| {} | {} | {} |",
                c.citation.replace('|', "\\|"),
                c.strength,
                rules.join(", ")
            );
        }
        out
    }
}

/// The rows of the tables reading any of `subjects`, by stable id: the
/// verdict's, the injectates' and the candidates' symptom patterns (which
/// read fields through derived features such as "age 45 or over").
fn rules_reading(subjects: &[Subject]) -> Vec<&'static str> {
    let reads = |fact: Fact| subjects.contains(&fact.subject());
    let verdict = RULES
        .iter()
        .filter(|r| r.formula.facts().any(reads))
        .map(|r| r.id.as_str());
    let injectate = INJECTATE_RULES
        .iter()
        .filter(|r| reads(r.fact))
        .map(|r| r.id.as_str());
    let patterns = PATTERNS
        .iter()
        .filter(|p| {
            pattern_reads(p)
                .filter_map(feature_subject)
                .any(|s| subjects.contains(&s))
        })
        .map(|p| pattern_id(p.condition));
    verdict.chain(injectate).chain(patterns).collect()
}

/// Every feature a pattern row reads, its counting rule's items included.
fn pattern_reads(p: &Pattern) -> impl Iterator<Item = Feature> + '_ {
    p.band_features()
        .chain(p.listing_features())
        .chain(p.against.iter().map(|w| w.feature))
        .chain(p.counting.iter().flat_map(|c| c.items.iter().copied()))
}

/// The field a derived feature reads; a symptom is none of them.
const fn feature_subject(feature: Feature) -> Option<Subject> {
    match feature {
        Feature::AgeAtLeast45 => Some(Subject::AgeYears),
        Feature::SymptomsOver25Months => Some(Subject::SymptomWeeks),
        Feature::Symptom(_) => None,
    }
}

/// A pattern row's stable name in the record: `candidates.<condition>`.
const fn pattern_id(condition: Condition) -> &'static str {
    match condition {
        Condition::PlantarFasciitis => "candidates.plantar_fasciitis",
        Condition::HeelPain => "candidates.heel_pain",
        Condition::AchillesTendinopathy => "candidates.achilles_tendinopathy",
        Condition::Tendinitis => "candidates.tendinitis",
        Condition::MortonsNeuroma => "candidates.mortons_neuroma",
        Condition::BunionPain => "candidates.bunion_pain",
        Condition::Osteoarthritis => "candidates.osteoarthritis",
        Condition::FallenArch => "candidates.fallen_arch",
        Condition::Other => "candidates.other",
    }
}

/// The distinct citations of both tables, in order of first use.
fn citations() -> Vec<CitedSource> {
    let rows = RULES
        .iter()
        .map(|r| (&r.source, r.id.as_str()))
        .chain(INJECTATE_RULES.iter().map(|r| (&r.source, r.id.as_str())));
    let mut out: Vec<CitedSource> = Vec::new();
    for (source, id) in rows {
        let citation: &'static str = match &source.citation {
            std::borrow::Cow::Borrowed(text) => text,
            // The tables are static: every citation is borrowed.
            std::borrow::Cow::Owned(_) => continue,
        };
        match out
            .iter_mut()
            .find(|c| c.citation == citation && c.strength == source.strength)
        {
            Some(c) => c.rules.push(id),
            None => out.push(CitedSource {
                citation,
                strength: source.strength,
                rules: vec![id],
            }),
        }
    }
    out
}

/// The source attributes under `policy`.
///
/// # Example
///
/// ```
/// use prolo_triage::{source_attributes, Attribution, Policy};
/// let policy = Policy::builder("riverside", "3")
///     .attribution(Attribution::default().with_developer("Riverside Podiatry")?)
///     .build()?;
/// let attrs = source_attributes(&policy);
/// assert_eq!(attrs.policy_attribution.developer(), Some("Riverside Podiatry"));
/// assert!(attrs.to_json().contains(r#""regulation": "45 CFR 170.315(b)(11)(iv)(A)""#));
/// # Ok::<(), prolo_triage::Error>(())
/// ```
#[must_use]
pub fn source_attributes(policy: &Policy) -> SourceAttributes {
    let attributes = PatientAttribute::iter()
        .map(|attribute| {
            let rules = rules_reading(attribute.subjects());
            AttributeUse {
                attribute,
                label: attribute.label(),
                paragraph: attribute.paragraph(),
                used: !rules.is_empty(),
                inputs: attribute.inputs(),
                rules,
                how: attribute.how(),
            }
        })
        .collect();
    SourceAttributes {
        regulation: SOURCE_ATTRIBUTES_REGULATION,
        intervention: "prolo-triage: whether prolotherapy should be discussed now for a foot \
                       problem, and why (decision support for a clinician, not a diagnosis)",
        library_version: env!("CARGO_PKG_VERSION"),
        developer: concat!(
            "The prolo-triage project (",
            env!("CARGO_PKG_REPOSITORY"),
            ")"
        ),
        funding: None,
        release_date: None,
        revision_date: RULES_REVISION_DATE,
        rules_fingerprint: RULES_FINGERPRINT,
        policy: policy.name().to_owned(),
        policy_version: policy.version().to_owned(),
        policy_fingerprint: policy.fingerprint().to_owned(),
        policy_attribution: policy.attribution().clone(),
        citations: citations(),
        attributes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleId;

    #[test]
    fn sex_and_age_are_read_by_the_rules_the_table_says() {
        let attrs = source_attributes(&Policy::default());
        let of = |a: PatientAttribute| {
            attrs
                .attributes
                .iter()
                .find(|u| u.attribute == a)
                .map(|u| (u.used, u.rules.clone()))
        };
        assert_eq!(
            of(PatientAttribute::Sex),
            Some((true, vec![RuleId::Pregnancy.as_str()]))
        );
        // The osteoarthritis pattern reads "age 45 or over" (a candidate,
        // never the verdict): the record must say so too.
        assert_eq!(
            of(PatientAttribute::DateOfBirth),
            Some((
                true,
                vec![RuleId::MinimumAge.as_str(), "candidates.osteoarthritis"]
            ))
        );
        for a in PatientAttribute::iter() {
            if !matches!(a, PatientAttribute::Sex | PatientAttribute::DateOfBirth) {
                assert_eq!(of(a), Some((false, vec![])), "{}", a.as_str());
            }
        }
    }

    #[test]
    fn the_revision_date_is_a_date() {
        assert!(RULES_REVISION_DATE.parse::<Date>().is_ok());
    }

    #[test]
    fn every_rule_is_cited_once() {
        let cited: usize = citations().iter().map(|c| c.rules.len()).sum();
        assert_eq!(cited, RULES.len() + INJECTATE_RULES.len());
    }
}
