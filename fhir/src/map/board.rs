//! The board: statements gathered from the resources, and their
//! resolution into one presentation with the provenance of every fact.

use prolo_triage::{
    Allergy, ClassList, Condition, FactName, Finding, MedicationClass, Presentation, Reporter, Sex,
    Symptom, Truth,
};

use crate::error::Error;
use crate::mapped::{Field, Mapped, Provenance, ResourceRef, Rule, Unused, UnusedReason, LIST};
use crate::options::MappingOptions;

/// A number answered in a screening response, with when it was authored
/// (UTC seconds, for "the latest answer wins").
#[derive(Debug)]
pub(super) struct Answered {
    pub weeks: u16,
    pub authored: i64,
    pub provenance: Provenance,
}

/// A medication or allergy resource that was classified: what it set, for
/// a note when its list stays unknown.
#[derive(Debug)]
pub(super) struct Classified {
    pub at: ResourceRef,
    pub names: Vec<&'static str>,
}

/// The statements of one mapping.
#[derive(Debug)]
pub(super) struct Board {
    pub age: Option<(u16, Provenance)>,
    pub sex: Option<(Sex, Provenance)>,
    pub conditions: Vec<(Condition, Provenance)>,
    /// Whole weeks since each mapped foot condition's onset.
    pub onsets: Vec<(u16, Provenance)>,
    pub symptom_answers: Vec<Answered>,
    pub care_answers: Vec<Answered>,
    pub findings: Vec<(Finding, Truth, Provenance)>,
    /// Symptoms a patient answered in an intake response.
    pub symptoms: Vec<(Symptom, Truth, Provenance)>,
    /// Age and sex from an intake response: used only when the Patient
    /// resource does not say.
    pub intake_age: Option<(u16, Provenance)>,
    pub intake_sex: Option<(Sex, Provenance)>,
    /// Each class a medication sets: present, or unknown (aspirin without
    /// a readable dose).
    pub medications: Vec<(MedicationClass, Truth, Provenance)>,
    pub medications_classified: Vec<Classified>,
    /// Active medications the tables do not classify.
    pub medications_unclassified: usize,
    pub allergies: Vec<(Allergy, Provenance)>,
    pub allergies_classified: Vec<Classified>,
    /// Active allergy records other than "no known allergy" that the
    /// tables do not classify (or that are not confirmed).
    pub allergies_unclassified: usize,
    /// Every active allergy record other than "no known allergy".
    pub allergies_recorded: usize,
    pub no_known_allergy: Vec<Provenance>,
    unused: Vec<Unused>,
    /// Why a list declared complete cannot be trusted.
    partial: Vec<String>,
}

impl Board {
    pub fn new(unused: Vec<Unused>, partial: Vec<String>) -> Board {
        Board {
            age: None,
            sex: None,
            conditions: Vec::new(),
            onsets: Vec::new(),
            symptom_answers: Vec::new(),
            care_answers: Vec::new(),
            findings: Vec::new(),
            symptoms: Vec::new(),
            intake_age: None,
            intake_sex: None,
            medications: Vec::new(),
            medications_classified: Vec::new(),
            medications_unclassified: 0,
            allergies: Vec::new(),
            allergies_classified: Vec::new(),
            allergies_unclassified: 0,
            allergies_recorded: 0,
            no_known_allergy: Vec::new(),
            unused,
            partial,
        }
    }

    /// Records something seen but not used.
    pub fn note(&mut self, at: ResourceRef, reason: UnusedReason, detail: String) {
        self.unused.push(Unused {
            resource: Some(at),
            reason,
            detail,
        });
    }

    /// Resolves the statements into a presentation.
    pub fn resolve(mut self, options: &MappingOptions) -> Result<Mapped, Error> {
        let mut provenance: Vec<Provenance> = Vec::new();
        let mut builder = Presentation::builder();

        if let Some((years, p)) = self.age.take().or(self.intake_age.take()) {
            builder = builder.age_years(u32::from(years));
            provenance.push(p);
        }

        let findings = self.resolve_findings();

        if let Some((mut sex, mut p)) = self.sex.take().or(self.intake_sex.take()) {
            let pregnant = findings
                .iter()
                .any(|(f, t, _)| *f == Finding::Pregnancy && *t == Truth::Present);
            if sex == Sex::Male && pregnant {
                // The core refuses male with pregnancy present and asks for
                // `other`; the pregnancy statement is the one to keep.
                sex = Sex::Other;
                p.value = Sex::Other.as_str().into();
                p.rule = Rule::PatientGenderWithPregnancy;
                p.seen = format!("{}; a pregnancy is recorded", p.seen);
            }
            builder = builder.sex(sex);
            provenance.push(p);
        }

        if !self.conditions.is_empty() {
            let mut conditions: Vec<Condition> = Vec::new();
            let mut statements = std::mem::take(&mut self.conditions);
            statements.sort_by_key(|(c, _)| *c);
            for (condition, p) in statements {
                if !conditions.contains(&condition) {
                    conditions.push(condition);
                }
                provenance.push(p);
            }
            builder = builder.conditions(conditions);
        }

        let symptom_weeks = self.resolve_symptom_weeks(&mut provenance);
        if let Some(weeks) = symptom_weeks {
            builder = builder.symptom_weeks(u32::from(weeks));
        }
        if let Some(weeks) = self.resolve_care_weeks(symptom_weeks, &mut provenance) {
            builder = builder.conservative_care_weeks(u32::from(weeks));
        }

        for (finding, truth, ps) in findings {
            builder = builder.finding(finding, truth);
            provenance.extend(ps);
        }
        let symptoms = std::mem::take(&mut self.symptoms);
        for (symptom, truth, ps) in
            present_wins(symptoms, Symptom::all(), Symptom::as_str, &mut self.unused)
        {
            builder = builder.symptom(symptom, truth);
            provenance.extend(ps);
        }

        if let Some(list) = self.resolve_medications(options, &mut provenance) {
            builder = builder.medication_list(list);
        }
        if let Some(list) = self.resolve_allergies(options, &mut provenance) {
            builder = builder.allergy_list(list);
        }

        for fact in provenance.iter().filter_map(reported_by_patient) {
            builder = builder.answered_by(fact, Reporter::Patient);
        }

        let presentation = builder.build()?;
        Ok(Mapped::new(
            options.as_of(),
            presentation,
            provenance,
            self.unused,
        ))
    }

    /// Each finding stated: present wins over absent (a fever reading
    /// beats a "no" in the questionnaire); the losers are noted.
    fn resolve_findings(&mut self) -> Vec<(Finding, Truth, Vec<Provenance>)> {
        let statements = std::mem::take(&mut self.findings);
        present_wins(
            statements,
            Finding::all(),
            Finding::as_str,
            &mut self.unused,
        )
    }

    /// The screening answer if there is one (the latest), else the
    /// earliest onset of a mapped foot condition.
    fn resolve_symptom_weeks(&mut self, provenance: &mut Vec<Provenance>) -> Option<u16> {
        let onsets = std::mem::take(&mut self.onsets);
        if let Some(answer) = self.latest(Field::SymptomWeeks) {
            for (_, p) in onsets {
                if let Some(at) = p.resource {
                    self.unused.push(Unused {
                        resource: Some(at),
                        reason: UnusedReason::Superseded,
                        detail: format!(
                            "onset gives {} weeks; the screening answer is used",
                            p.value
                        ),
                    });
                }
            }
            provenance.push(answer.provenance);
            return Some(answer.weeks);
        }
        let (weeks, p) = onsets.into_iter().max_by_key(|(w, _)| *w)?;
        provenance.push(p);
        Some(weeks)
    }

    /// The latest screening answer; conservative care cannot have lasted
    /// longer than the symptoms, so a longer answer is capped.
    fn resolve_care_weeks(
        &mut self,
        symptom_weeks: Option<u16>,
        provenance: &mut Vec<Provenance>,
    ) -> Option<u16> {
        let answer = self.latest(Field::ConservativeCareWeeks)?;
        match symptom_weeks {
            Some(cap) if answer.weeks > cap => {
                let at = answer.provenance.resource.clone();
                if let Some(at) = at.clone() {
                    self.unused.push(Unused {
                        resource: Some(at),
                        reason: UnusedReason::Conflict,
                        detail: format!(
                            "conservative_care_weeks {} is longer than symptom_weeks {cap}; capped",
                            answer.weeks
                        ),
                    });
                }
                provenance.push(Provenance {
                    field: Field::ConservativeCareWeeks,
                    value: cap.to_string(),
                    resource: at,
                    rule: Rule::CareCappedAtSymptoms,
                    seen: format!("answered {} weeks, symptoms {cap} weeks", answer.weeks),
                });
                Some(cap)
            }
            _ => {
                provenance.push(answer.provenance);
                Some(answer.weeks)
            }
        }
    }

    /// The latest answer for a field; the others are noted as superseded.
    fn latest(&mut self, field: Field) -> Option<Answered> {
        let answers = match field {
            Field::SymptomWeeks => std::mem::take(&mut self.symptom_answers),
            _ => std::mem::take(&mut self.care_answers),
        };
        let best = answers
            .iter()
            .enumerate()
            .max_by_key(|(i, a)| (a.authored, std::cmp::Reverse(*i)))
            .map(|(i, _)| i)?;
        let mut chosen = None;
        for (i, a) in answers.into_iter().enumerate() {
            if i == best {
                chosen = Some(a);
            } else if let Some(at) = a.provenance.resource {
                self.unused.push(Unused {
                    resource: Some(at),
                    reason: UnusedReason::Superseded,
                    detail: format!("{} {} superseded by a later answer", field.path(), a.weeks),
                });
            }
        }
        chosen
    }

    /// The medication list: closed when declared complete and fully
    /// classified; open (the classes found present, the others unknown)
    /// when something was found in a list not known to be complete;
    /// unknown (`None`) when nothing was. A class set unknown (aspirin
    /// without a readable dose) stays unknown in either form, unless
    /// another drug makes it present.
    fn resolve_medications(
        &mut self,
        options: &MappingOptions,
        provenance: &mut Vec<Provenance>,
    ) -> Option<ClassList<MedicationClass>> {
        let statements = std::mem::take(&mut self.medications);
        let present = distinct(
            statements
                .iter()
                .filter(|(_, t, _)| *t == Truth::Present)
                .map(|(c, _, _)| *c),
        );
        let unknown: Vec<MedicationClass> = distinct(
            statements
                .iter()
                .filter(|(c, t, _)| *t == Truth::Unknown && !present.contains(c))
                .map(|(c, _, _)| *c),
        );
        let complete = options.is_medication_list_complete() && self.partial.is_empty();
        let unclassified = self.medications_unclassified;
        let (list, why) = if complete && unclassified == 0 {
            let mut list = ClassList::closed(present.iter().copied());
            for c in &unknown {
                list = list.with(*c, Truth::Unknown);
            }
            let mut seen = format!(
                "declared complete; {} active medication(s), all classified",
                self.medications_classified.len()
            );
            if !unknown.is_empty() {
                seen.push_str(&format!(
                    "; {} unknown (no readable aspirin dose), so asked",
                    names(&unknown)
                ));
            }
            (list, (Rule::MedicationsComplete, seen))
        } else if !present.is_empty() || !unknown.is_empty() {
            let entries = present
                .iter()
                .map(|c| (*c, Truth::Present))
                .chain(unknown.iter().map(|c| (*c, Truth::Unknown)));
            let why = self.why_not_complete(
                options.is_medication_list_complete(),
                unclassified,
                "medication",
            );
            (
                ClassList::open(entries),
                (
                    Rule::MedicationsOpen,
                    format!("{why}: an open list, every class not found unknown"),
                ),
            )
        } else {
            let why = self.why_not_complete(
                options.is_medication_list_complete(),
                unclassified,
                "medication",
            );
            for c in std::mem::take(&mut self.medications_classified) {
                if !c.names.is_empty() {
                    self.unused.push(Unused {
                        resource: Some(c.at),
                        reason: UnusedReason::ListNotComplete,
                        detail: format!(
                            "{} recorded, but no tracked class and {why}: medications stay unknown",
                            c.names.join(", ")
                        ),
                    });
                }
            }
            return None;
        };
        provenance.push(Provenance {
            field: Field::Medications,
            value: LIST.into(),
            resource: None,
            rule: why.0,
            seen: why.1,
        });
        let mut statements = statements;
        statements.sort_by_key(|(c, t, _)| (*c, *t != Truth::Present));
        for (class, truth, p) in statements {
            if truth == Truth::Present || !present.contains(&class) {
                provenance.push(p);
            } else if let Some(at) = p.resource {
                // Another drug makes the class present: the unknown loses.
                self.unused.push(Unused {
                    resource: Some(at),
                    reason: UnusedReason::Superseded,
                    detail: format!(
                        "{}: {} is present from another medication",
                        p.seen,
                        class.as_str()
                    ),
                });
            }
        }
        Some(list)
    }

    /// The allergy list: known when complete and fully classified, when a
    /// tracked allergy is recorded, or from a "no known allergy" statement
    /// with no allergy recorded.
    fn resolve_allergies(
        &mut self,
        options: &MappingOptions,
        provenance: &mut Vec<Provenance>,
    ) -> Option<ClassList<Allergy>> {
        let statements = std::mem::take(&mut self.allergies);
        let allergies = distinct(statements.iter().map(|(a, _)| *a));
        let complete = options.is_allergy_list_complete() && self.partial.is_empty();
        let unclassified = self.allergies_unclassified;
        let no_known = std::mem::take(&mut self.no_known_allergy);
        let contradicted = self.allergies_recorded > 0;
        let lists: Vec<Provenance> = if complete && unclassified == 0 {
            vec![Provenance {
                field: Field::Allergies,
                value: LIST.into(),
                resource: None,
                rule: Rule::AllergiesComplete,
                seen: format!(
                    "declared complete; {} active allergy record(s), all classified",
                    self.allergies_recorded
                ),
            }]
        } else if !allergies.is_empty() {
            vec![Provenance {
                field: Field::Allergies,
                value: LIST.into(),
                resource: None,
                rule: Rule::AllergiesOpen,
                seen: format!(
                    "{}: an open list, every allergy not found unknown",
                    self.why_not_complete(
                        options.is_allergy_list_complete(),
                        unclassified,
                        "allergy",
                    )
                ),
            }]
        } else if !no_known.is_empty() && !contradicted {
            no_known.clone()
        } else {
            Vec::new()
        };
        let settled_by_no_known = lists.iter().any(|p| p.rule == Rule::NoKnownAllergy);
        if !settled_by_no_known {
            for p in no_known {
                if let Some(at) = p.resource {
                    let (reason, detail) = if contradicted {
                        (
                            UnusedReason::Conflict,
                            "\"no known allergy\" is contradicted by an allergy recorded",
                        )
                    } else {
                        (
                            UnusedReason::Superseded,
                            "\"no known allergy\" not needed: the list is settled otherwise",
                        )
                    };
                    self.unused.push(Unused {
                        resource: Some(at),
                        reason,
                        detail: detail.into(),
                    });
                }
            }
        }
        if lists.is_empty() {
            for c in std::mem::take(&mut self.allergies_classified) {
                if !c.names.is_empty() {
                    self.unused.push(Unused {
                        resource: Some(c.at),
                        reason: UnusedReason::ListNotComplete,
                        detail: format!("{} recorded; allergies stay unknown", c.names.join(", ")),
                    });
                }
            }
            return None;
        }
        let open = lists.iter().any(|p| p.rule == Rule::AllergiesOpen);
        provenance.extend(lists);
        let mut statements = statements;
        statements.sort_by_key(|(a, _)| *a);
        provenance.extend(statements.into_iter().map(|(_, p)| p));
        Some(if open {
            ClassList::open(allergies.into_iter().map(|a| (a, Truth::Present)))
        } else {
            ClassList::closed(allergies)
        })
    }

    /// Why a list cannot be taken as complete, for provenance and notes.
    fn why_not_complete(&self, declared: bool, unclassified: usize, what: &str) -> String {
        if !declared {
            return format!("the {what} list is not declared complete");
        }
        if let Some(reason) = self.partial.first() {
            return format!("the {what} list was declared complete, but {reason}");
        }
        format!("the {what} list was declared complete, but {unclassified} active record(s) are not classified")
    }
}

/// The wire names of classes, comma-separated.
/// The fact an intake answer settled, for `answered_by`: the patient
/// answered it (only winning statements have provenance, so a fact the
/// record settled otherwise is not marked).
fn reported_by_patient(p: &Provenance) -> Option<FactName> {
    use prolo_triage::Field as Wire;
    if p.rule != Rule::IntakeAnswer {
        return None;
    }
    Some(match p.field {
        Field::Finding(f) => FactName::Finding(f),
        Field::Symptom(s) => FactName::Symptom(s),
        Field::AgeYears => FactName::Field(Wire::AgeYears),
        Field::Sex => FactName::Field(Wire::Sex),
        Field::SymptomWeeks => FactName::Field(Wire::SymptomWeeks),
        Field::ConservativeCareWeeks => FactName::Field(Wire::ConservativeCareWeeks),
        Field::Medications => FactName::Medication(p.value.parse().ok()?),
        Field::Allergies => FactName::Allergy(p.value.parse().ok()?),
        Field::Conditions => return None,
    })
}

/// Each fact stated, in vocabulary order: present wins over absent; the
/// losers are noted.
fn present_wins<T: Copy + PartialEq>(
    statements: Vec<(T, Truth, Provenance)>,
    all: &[T],
    name: fn(T) -> &'static str,
    unused: &mut Vec<Unused>,
) -> Vec<(T, Truth, Vec<Provenance>)> {
    let mut resolved: Vec<(T, Truth, Vec<Provenance>)> = Vec::new();
    for fact in all {
        let (present, absent): (Vec<_>, Vec<_>) = statements
            .iter()
            .filter(|(f, _, _)| f == fact)
            .partition(|(_, t, _)| *t == Truth::Present);
        if present.is_empty() && absent.is_empty() {
            continue;
        }
        let winner = if present.is_empty() {
            Truth::Absent
        } else {
            Truth::Present
        };
        let mut kept = Vec::new();
        for (_, truth, p) in present.into_iter().chain(absent) {
            if *truth == winner {
                kept.push(p.clone());
            } else if let Some(at) = p.resource.clone() {
                unused.push(Unused {
                    resource: Some(at),
                    reason: UnusedReason::Conflict,
                    detail: format!(
                        "{} absent ({}) is overridden by a statement that it is present",
                        name(*fact),
                        p.seen
                    ),
                });
            }
        }
        resolved.push((*fact, winner, kept));
    }
    resolved
}

fn names(classes: &[MedicationClass]) -> String {
    let names: Vec<&str> = classes.iter().map(|c| c.as_str()).collect();
    names.join(" and ")
}

/// The distinct values, in vocabulary order.
fn distinct<T: Ord + Copy>(values: impl Iterator<Item = T>) -> Vec<T> {
    let mut all: Vec<T> = values.collect();
    all.sort();
    all.dedup();
    all
}
