//! # prolo-triage-wasm
//!
//! The WebAssembly build of [`prolo_triage`] and [`prolo_triage_fhir`] for
//! the browser and Node, built by `bash wasm/build.sh` into the npm
//! package `prolo-triage` (`wasm/pkg/`). This crate is the only place
//! JavaScript glue lives; everything it does is a call into the two pure
//! crates.
//!
//! Values cross as JSON: a presentation, policy, assessment, Bundle or
//! options argument may be a JavaScript object or JSON text; results are
//! plain objects (`assessJson` returns the wire text itself, byte for
//! byte what `triage --json` prints). Errors are thrown as JavaScript
//! `Error`s whose `name` is `ProloTriageError`, with `path` (the field,
//! `document` for the whole input) and `kind` (`unknown_name`,
//! `out_of_range`, …; the core's [`ErrorKind`](prolo_triage::ErrorKind)
//! names, and the `fhir` crate's [`ErrorKind`](prolo_triage_fhir::ErrorKind)
//! names such as `not_a_bundle` and `invalid_code_table`), both read from
//! the error's own `path()` and `kind()`.
//!
//! ```js
//! import { assess, Policy } from "prolo-triage";        // Node: ready to use
//! const a = assess({ age_years: 50, conditions: ["achilles_tendinopathy"] });
//! console.log(a.verdict, a.questions[0].text);
//! ```

// The glue `wasm_bindgen` generates uses `unsafe`; the code written here
// has none (the `unsafe_code` lint is `deny` in Cargo.toml).
#![deny(missing_docs)]

pub mod calls;
pub mod response;

use std::sync::OnceLock;

use calls::Failure;
use js_sys::{Array, Reflect, JSON};
use prolo_triage::Subject;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = r#"
import type { Presentation, Assessment, MappedRecord, Question, Verdict, Source, Fact, Group, Step, PlanItem } from "./types/index.js";
export type { Presentation, Assessment, MappedRecord, Question, Verdict, Source, Fact, Group, Step, PlanItem } from "./types/index.js";

/** Options of an interview: who answers (`clinician` by default; `patient` is the patient's intake). */
export interface InterviewOptions {
  audience?: "patient" | "clinician";
}

/** Options of `applyAnswer`: who answered (recorded in `answered_by`; the clinician by default). */
export interface AnswerOptions {
  by?: "patient" | "clinician";
}

/** One answer given in an interview, in the audience's words. */
export interface AnswerRecord {
  /** The subject's wire name. */
  subject: string;
  /** The question as it was asked. */
  question: string;
  /** "yes", "no", "not sure", a number, or what was chosen ("none" for nothing). */
  answer: string;
}

/**
 * A value of three-valued (Kleene) logic: `true` when it holds whatever the
 * unknowns turn out to be, `false` when it holds for none, `unknown` otherwise.
 */
export type Kleene = "true" | "false" | "unknown";

/** One fact a rule read, with its value (a threshold fact by the field it reads: `age_years` is "age below the policy's minimum"). */
export interface FactTrace {
  fact: Fact;
  value: Kleene;
}

/** One rule of the table as evaluated. */
export interface RuleTrace {
  /** The rule's stable id, e.g. `red_flag.fever`. */
  rule: string;
  /** Its group under the policy (a policy may make a precaution `absolute`). */
  group: Group;
  /** The Kleene AND of its clauses, each the Kleene OR of its facts. */
  value: Kleene;
  /** The facts it read, in the order the table writes them. */
  facts: FactTrace[];
}

/** One rung of the ladder as evaluated: the Kleene OR of its rules. */
export interface GroupTrace {
  group: Group;
  value: Kleene;
}

/** The full trace of one evaluation: the `trace` member of `triage --trace --json`. */
export interface Trace {
  verdict: Verdict;
  /** The verdict of the best completion (every unknown group false). */
  best_case: Verdict;
  /** The verdict of the worst completion (every unknown group true). */
  worst_case: Verdict;
  /** Each group of the ladder, in ladder order. */
  groups: GroupTrace[];
  /** Every rule of the table, in table order. */
  rules: RuleTrace[];
  /** Every symptom pattern, listed as a candidate or not, in the order of the pattern table. */
  candidates: PatternTrace[];
}

/** One feature a symptom pattern read, with its value: by its `symptom`, or the `field` a derived feature reads (`age_years`: 45 or over; `symptom_weeks`: more than 25 months). */
export interface FeatureTrace {
  symptom?: NonNullable<NonNullable<Assessment["candidates"]>[number]["questions"][number]["symptom"]>;
  field?: string;
  /** Present and true for a key member satisfied by the feature's absence; `value` is still the feature's own. */
  negated?: true;
  value: Kleene;
}

/** One key group of a pattern: the Kleene OR of its members. */
export interface KeyGroupTrace {
  value: Kleene;
  /** The members it read, in table order. */
  features: FeatureTrace[];
}

/** One symptom pattern as read, listed or not: its band and every feature its band read. Never a diagnosis, never a probability. */
export interface PatternTrace {
  condition: NonNullable<Assessment["candidates"]>[number]["condition"];
  band: NonNullable<Assessment["candidates"]>[number]["band"];
  /** True when some completion of the unknown features gives another band. */
  open: boolean;
  /** True when the assessment lists it among its candidates. */
  listed: boolean;
  /** The key: an AND of these groups. */
  key: KeyGroupTrace[];
  /** The features that must be known true for `likely`. */
  likely_only_with: FeatureTrace[];
  /** The features that, present, keep it out of `unlikely`. */
  rules_in: FeatureTrace[];
  /** The features that, absent, make it `unlikely` unless ruled in. */
  rules_out: FeatureTrace[];
  /** The strong features against, which, present, keep it from `likely`. */
  strong_against: FeatureTrace[];
}

/** What every function of this package throws on bad input. */
export interface ProloTriageError extends Error {
  name: "ProloTriageError";
  /** The field the error is about, e.g. `findings.fevr`; `document` for the whole input. */
  path: string;
  /** The kind of error, e.g. `unknown_name`, `out_of_range`, `syntax`; for a FHIR record, `not_a_bundle`, `invalid_code_table`, `invalid_date`… */
  kind: string;
}

/** Options of `mapBundle` and `mapPrefetch`. */
export interface MappingOptions {
  /** The moment the record is read as of: `YYYY-MM-DD` or a FHIR instant (no clock in the library). */
  asOf: string;
  /** The clinic declares the medication list complete. */
  medicationsComplete?: boolean;
  /** The clinic declares the allergy list complete. */
  allergiesComplete?: boolean;
  /** A clinic's code table (as `fhir-triage --codes`), object or JSON text. */
  codes?: object | string;
}

/** The clinic's own details a handout prints: each optional, 1 to 100 printable characters. */
export interface ClinicDetails {
  name?: string | null;
  phone?: string | null;
  /** Where to turn when the clinic is closed. */
  out_of_hours?: string | null;
  /** The local urgent care service. */
  urgent_care?: string | null;
  /** The local emergency number (never defaulted to one country's). */
  emergency_number?: string | null;
}

/** Options of `handout`, `handoutHtml` and `handoutMarkdown`. */
export interface HandoutOptions {
  /** The clinic's details; without them the handout prints generic words and blanks. */
  clinic?: ClinicDetails | null;
  /** The date of issue, `YYYY-MM-DD` (no clock in the library; without it the date is a blank). */
  date?: string | null;
}

/** The patient handout: title, the clinic's details, sections of sourced lines, notes, footer. */
export interface HandoutDocument {
  title: string;
  /** The clinic's details and the date of issue; `value` null prints a blank to fill in on paper. */
  details: { label: string; value: string | null }[];
  /** In reading order; a `boxed` section (what to do now) comes first and is shown in a box. */
  sections: {
    heading: string;
    boxed: boolean;
    /** `note` is the number (from 1) of the line's entry in `notes`. */
    lines: { text: string; source: Source; note: number }[];
  }[];
  /** Each kind of source once: the plain `label` the patient reads, and the full `sources` for the clinician. */
  notes: { label: string; sources: Source[] }[];
  footer: string;
}

/** An answer: `yes` / `no` / `unknown`, a whole number, or names (of a list, or the places of `where_it_hurts`; `[]` is none). */
export type AnswerValue = string | number | boolean | string[];
"#;

#[wasm_bindgen]
extern "C" {
    /// `InterviewOptions` of the TypeScript declarations (optional).
    #[wasm_bindgen(typescript_type = "InterviewOptions")]
    pub type InterviewOptionsJs;
    /// `AnswerOptions` of the TypeScript declarations (optional).
    #[wasm_bindgen(typescript_type = "AnswerOptions")]
    pub type AnswerOptionsJs;
}

/// Built once: the default policy compiles its rule table.
fn default_policy() -> &'static prolo_triage::Policy {
    static DEFAULT: OnceLock<prolo_triage::Policy> = OnceLock::new();
    DEFAULT.get_or_init(prolo_triage::Policy::default)
}

/// A [`Failure`] as a JavaScript `Error` with `path` and `kind`.
fn throw(failure: Failure) -> JsValue {
    let error = js_sys::Error::new(&failure.message);
    error.set_name("ProloTriageError");
    // Setting a property on a fresh Error object cannot fail.
    let _ = Reflect::set(&error, &"path".into(), &failure.path.into());
    let _ = Reflect::set(&error, &"kind".into(), &failure.kind.into());
    error.into()
}

/// The JSON text of an argument: a string as it is, anything else through
/// `JSON.stringify`.
fn text(value: &JsValue, path: &str, what: &str) -> Result<String, JsValue> {
    if let Some(text) = value.as_string() {
        return Ok(text);
    }
    let refused = || {
        throw(Failure::new(
            path,
            "wrong_type",
            format!("{path}: expected {what} (an object or JSON text)"),
        ))
    };
    if value.is_undefined() || value.is_null() || value.is_function() {
        return Err(refused());
    }
    JSON::stringify(value)
        .ok()
        .and_then(|s| s.as_string())
        .ok_or_else(refused)
}

/// Wire JSON made by the library, as a JavaScript value.
fn object(json: &str) -> Result<JsValue, JsValue> {
    JSON::parse(json)
}

fn presentation_text(value: &JsValue) -> Result<String, JsValue> {
    text(value, "document", "a presentation")
}

/// Assesses a presentation under the default policy (`policy.assess(…)`
/// for a clinic's).
///
/// # Errors
///
/// Throws a `ProloTriageError` naming the field when the presentation is
/// invalid.
#[wasm_bindgen(unchecked_return_type = "Assessment")]
pub fn assess(
    #[wasm_bindgen(unchecked_param_type = "Presentation | string")] presentation: &JsValue,
) -> Result<JsValue, JsValue> {
    object(&assess_json(&presentation_text(presentation)?)?)
}

/// Assesses a presentation given as JSON text and returns the assessment's
/// wire JSON: byte for byte what `triage --json` prints (without its final
/// newline).
///
/// # Errors
///
/// Throws a `ProloTriageError` naming the field when the presentation is
/// invalid.
#[wasm_bindgen(js_name = assessJson)]
pub fn assess_json(presentation: &str) -> Result<String, JsValue> {
    calls::assess(presentation, default_policy()).map_err(throw)
}

/// The full trace of the evaluation under the default policy
/// (`policy.trace(…)` for a clinic's): every rule of the table with its
/// group, its Kleene value and the facts it read, each group's value, the
/// verdicts of the best and worst completions, and every symptom pattern
/// with its band and the features it read; the same object as the
/// `trace` member of `triage --trace --json`.
///
/// # Errors
///
/// Throws a `ProloTriageError` naming the field when the presentation is
/// invalid.
#[wasm_bindgen(unchecked_return_type = "Trace")]
pub fn trace(
    #[wasm_bindgen(unchecked_param_type = "Presentation | string")] presentation: &JsValue,
) -> Result<JsValue, JsValue> {
    trace_under(presentation, default_policy())
}

fn trace_under(presentation: &JsValue, policy: &prolo_triage::Policy) -> Result<JsValue, JsValue> {
    object(&calls::trace(&presentation_text(presentation)?, policy).map_err(throw)?)
}

/// The verdict alone (its wire name), for screening many records.
///
/// # Errors
///
/// Throws a `ProloTriageError` naming the field when the presentation is
/// invalid.
#[wasm_bindgen(unchecked_return_type = "Verdict")]
pub fn decide(
    #[wasm_bindgen(unchecked_param_type = "Presentation | string")] presentation: &JsValue,
) -> Result<String, JsValue> {
    decide_under(presentation, default_policy())
}

fn decide_under(presentation: &JsValue, policy: &prolo_triage::Policy) -> Result<String, JsValue> {
    calls::decide(&presentation_text(presentation)?, policy)
        .map(str::to_owned)
        .map_err(throw)
}

/// A clinic's policy, parsed and checked once and reused across calls.
/// Passing it to a function does not consume it.
#[wasm_bindgen]
pub struct Policy {
    inner: prolo_triage::Policy,
}

#[wasm_bindgen]
impl Policy {
    /// Reads a policy file (object or JSON text), as `triage --policy`
    /// does.
    ///
    /// # Errors
    ///
    /// Throws a `ProloTriageError` naming the field when the policy is
    /// invalid.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "object | string")] policy: &JsValue,
    ) -> Result<Policy, JsValue> {
        let inner = calls::policy(&text(policy, "document", "a policy")?).map_err(throw)?;
        Ok(Policy { inner })
    }

    /// The built-in policy (the literature defaults).
    #[wasm_bindgen(js_name = default)]
    pub fn default_policy() -> Policy {
        Policy {
            inner: default_policy().clone(),
        }
    }

    /// The policy's name.
    #[wasm_bindgen(getter)]
    pub fn name(&self) -> String {
        self.inner.name().to_owned()
    }

    /// The policy's version.
    #[wasm_bindgen(getter)]
    pub fn version(&self) -> String {
        self.inner.version().to_owned()
    }

    /// The fingerprint every assessment under this policy carries.
    #[wasm_bindgen(getter)]
    pub fn fingerprint(&self) -> String {
        self.inner.fingerprint().to_owned()
    }

    /// Assesses a presentation under this policy.
    ///
    /// # Errors
    ///
    /// As `assess`.
    #[wasm_bindgen(unchecked_return_type = "Assessment")]
    pub fn assess(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Presentation | string")] presentation: &JsValue,
    ) -> Result<JsValue, JsValue> {
        object(&self.assess_json(&presentation_text(presentation)?)?)
    }

    /// As `assessJson`, under this policy: byte for byte `triage --json
    /// --policy FILE`.
    ///
    /// # Errors
    ///
    /// As `assessJson`.
    #[wasm_bindgen(js_name = assessJson)]
    pub fn assess_json(&self, presentation: &str) -> Result<String, JsValue> {
        calls::assess(presentation, &self.inner).map_err(throw)
    }

    /// As `trace`, under this policy: `triage --trace --json --policy
    /// FILE`'s `trace` member.
    ///
    /// # Errors
    ///
    /// As `trace`.
    #[wasm_bindgen(unchecked_return_type = "Trace")]
    pub fn trace(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Presentation | string")] presentation: &JsValue,
    ) -> Result<JsValue, JsValue> {
        trace_under(presentation, &self.inner)
    }

    /// As `decide`, under this policy.
    ///
    /// # Errors
    ///
    /// As `decide`.
    #[wasm_bindgen(unchecked_return_type = "Verdict")]
    pub fn decide(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Presentation | string")] presentation: &JsValue,
    ) -> Result<String, JsValue> {
        decide_under(presentation, &self.inner)
    }

    /// As `nextQuestion`, under this policy.
    ///
    /// # Errors
    ///
    /// As `nextQuestion`.
    #[wasm_bindgen(js_name = nextQuestion, unchecked_return_type = "Question | null")]
    pub fn next_question(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Presentation | string")] presentation: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "string[] | undefined")] set_aside: &JsValue,
        options: Option<InterviewOptionsJs>,
    ) -> Result<JsValue, JsValue> {
        next_question_under(
            presentation,
            &self.inner,
            set_aside,
            options.as_ref().map(AsRef::as_ref),
        )
    }

    /// An interview under this policy.
    ///
    /// # Errors
    ///
    /// As `new Interview`.
    pub fn interview(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Presentation | string | undefined")]
        presentation: &JsValue,
        options: Option<InterviewOptionsJs>,
    ) -> Result<Interview, JsValue> {
        Interview::under(
            presentation,
            &self.inner,
            options.as_ref().map(AsRef::as_ref),
        )
    }

    /// The policy as a policy file (so `JSON.stringify(policy)` works).
    ///
    /// # Errors
    ///
    /// None in practice: the library writes valid JSON.
    #[wasm_bindgen(js_name = toJSON)]
    pub fn to_json(&self) -> Result<JsValue, JsValue> {
        object(&self.inner.to_json())
    }
}

/// Maps a FHIR R4 `searchset` or `collection` Bundle of one patient to a
/// presentation with the provenance of every fact (the `fhir` crate's
/// `map_bundle`). `options.asOf` is required: the library has no clock.
///
/// # Errors
///
/// Throws a `ProloTriageError` when the Bundle as a whole or the options
/// are refused.
#[wasm_bindgen(js_name = mapBundle, unchecked_return_type = "MappedRecord")]
pub fn map_bundle(
    #[wasm_bindgen(unchecked_param_type = "object | string")] bundle: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "MappingOptions")] options: &JsValue,
) -> Result<JsValue, JsValue> {
    object(&map_json(bundle, options, false)?)
}

/// Maps a CDS Hooks `prefetch` object (the `fhir` crate's `map_prefetch`).
///
/// # Errors
///
/// Throws a `ProloTriageError` when the prefetch or the options are
/// refused.
#[wasm_bindgen(js_name = mapPrefetch, unchecked_return_type = "MappedRecord")]
pub fn map_prefetch(
    #[wasm_bindgen(unchecked_param_type = "object | string")] prefetch: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "MappingOptions")] options: &JsValue,
) -> Result<JsValue, JsValue> {
    object(&map_json(prefetch, options, true)?)
}

/// As `mapBundle` (or `mapPrefetch` when `prefetch` is true), returning the
/// mapped record's JSON text: byte for byte the `mapped` member of
/// `fhir-triage --json`.
///
/// # Errors
///
/// As `mapBundle`.
#[wasm_bindgen(js_name = mapJson)]
pub fn map_json_export(
    #[wasm_bindgen(unchecked_param_type = "object | string")] input: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "MappingOptions")] options: &JsValue,
    prefetch: bool,
) -> Result<String, JsValue> {
    map_json(input, options, prefetch)
}

fn map_json(input: &JsValue, options: &JsValue, prefetch: bool) -> Result<String, JsValue> {
    let input = text(input, "document", "a FHIR Bundle or prefetch object")?;
    let options = text(options, "options", "mapping options {asOf}")?;
    calls::map(&input, &options, prefetch).map_err(throw)
}

fn assessment_text(value: &JsValue) -> Result<String, JsValue> {
    text(value, "assessment", "an assessment")
}

/// The options of a handout call as JSON text, none when absent.
fn handout_options_text(value: Option<&JsValue>) -> Result<Option<String>, JsValue> {
    match value {
        None => Ok(None),
        Some(v) if v.is_undefined() || v.is_null() => Ok(None),
        Some(v) => text(v, "options", "handout options {clinic?, date?}").map(Some),
    }
}

/// The handout of the arguments of a handout call.
fn handout_of(
    assessment: &JsValue,
    options: Option<JsValue>,
) -> Result<prolo_triage::Handout, JsValue> {
    let options = handout_options_text(options.as_ref())?;
    calls::handout(&assessment_text(assessment)?, options.as_deref()).map_err(throw)
}

/// The patient handout of an assessment (as `assess` returns it), as
/// structured text: title, sections of sourced lines, footer. `options`
/// (optional): the clinic's details and the date of issue,
/// `{ clinic?: {name?, phone?, out_of_hours?, urgent_care?,
/// emergency_number?}, date?: "YYYY-MM-DD" }`.
///
/// # Errors
///
/// Throws a `ProloTriageError` when the value is not an assessment, or an
/// option is refused (`options.date`, `options.clinic.phone`, …).
#[wasm_bindgen(unchecked_return_type = "HandoutDocument")]
pub fn handout(
    #[wasm_bindgen(unchecked_param_type = "Assessment | string")] assessment: &JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "HandoutOptions | string | null")]
    options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let options = handout_options_text(options.as_ref())?;
    object(&calls::handout_json(&assessment_text(assessment)?, options.as_deref()).map_err(throw)?)
}

/// The patient handout as a self-contained HTML page (`options` as for
/// `handout`).
///
/// # Errors
///
/// As `handout`.
#[wasm_bindgen(js_name = handoutHtml)]
pub fn handout_html(
    #[wasm_bindgen(unchecked_param_type = "Assessment | string")] assessment: &JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "HandoutOptions | string | null")]
    options: Option<JsValue>,
) -> Result<String, JsValue> {
    Ok(handout_of(assessment, options)?.to_html())
}

/// The patient handout as Markdown (`options` as for `handout`).
///
/// # Errors
///
/// As `handout`.
#[wasm_bindgen(js_name = handoutMarkdown)]
pub fn handout_markdown(
    #[wasm_bindgen(unchecked_param_type = "Assessment | string")] assessment: &JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "HandoutOptions | string | null")]
    options: Option<JsValue>,
) -> Result<String, JsValue> {
    Ok(handout_of(assessment, options)?.to_markdown())
}

/// The screening Questionnaire (FHIR R4), one item per finding, as
/// `fhir/questionnaire/screening.json`.
///
/// # Errors
///
/// None in practice: the library writes valid JSON.
#[wasm_bindgen(js_name = screeningQuestionnaire, unchecked_return_type = "object")]
pub fn screening_questionnaire() -> Result<JsValue, JsValue> {
    object(&calls::questionnaire())
}

/// A QuestionnaireResponse to the screening Questionnaire holding what the
/// presentation knows (findings and durations), which `mapBundle` reads
/// back to the same facts. `authored` is a FHIR dateTime (the library has
/// no clock). No subject or identifier is written.
///
/// # Errors
///
/// Throws a `ProloTriageError` for an invalid presentation or time.
#[wasm_bindgen(js_name = screeningResponse, unchecked_return_type = "object")]
pub fn screening_response(
    #[wasm_bindgen(unchecked_param_type = "Presentation | string")] presentation: &JsValue,
    authored: &str,
) -> Result<JsValue, JsValue> {
    let p = calls::presentation(&presentation_text(presentation)?).map_err(throw)?;
    object(&response::screening_response(&p, authored).map_err(throw)?)
}

/// The patient intake Questionnaire (FHIR R4): every fact a patient can
/// answer, in the patient's words, Yes / No / Not sure, as
/// `fhir/questionnaire/intake.json`.
///
/// # Errors
///
/// None in practice: the library writes valid JSON.
#[wasm_bindgen(js_name = intakeQuestionnaire, unchecked_return_type = "object")]
pub fn intake_questionnaire() -> Result<JsValue, JsValue> {
    object(&prolo_triage_fhir::patient_intake_questionnaire())
}

/// A QuestionnaireResponse to the patient intake Questionnaire holding
/// what the presentation knows (the patient app's download), which
/// `intakePresentation` and `mapBundle` read back. `authored` is a FHIR
/// dateTime (the library has no clock). No subject or identifier is
/// written.
///
/// # Errors
///
/// Throws a `ProloTriageError` for an invalid presentation or time.
#[wasm_bindgen(js_name = intakeResponse, unchecked_return_type = "object")]
pub fn intake_response(
    #[wasm_bindgen(unchecked_param_type = "Presentation | string")] presentation: &JsValue,
    authored: &str,
) -> Result<JsValue, JsValue> {
    let p = calls::presentation(&presentation_text(presentation)?).map_err(throw)?;
    object(&response::intake_response(&p, authored).map_err(throw)?)
}

/// The presentation a QuestionnaireResponse to the patient intake gives
/// (a `both` fact's No stays unknown; `answered_by` is the patient's).
///
/// # Errors
///
/// Throws a `ProloTriageError` whose `path` is the item's linkId (or
/// `document`) when the response is not one of the intake's.
#[wasm_bindgen(js_name = intakePresentation, unchecked_return_type = "Presentation")]
pub fn intake_presentation(
    #[wasm_bindgen(unchecked_param_type = "object | string")] response: &JsValue,
) -> Result<JsValue, JsValue> {
    let text = text(response, "response", "a QuestionnaireResponse")?;
    let p = prolo_triage_fhir::intake_presentation(&text).map_err(|e| {
        throw(Failure::new(
            e.link_id().unwrap_or("document"),
            "invalid_response",
            e.to_string(),
        ))
    })?;
    object(&p.to_json())
}

/// The vocabularies a form needs: conditions, medication classes and
/// allergies with labels, the findings with group and question, and for
/// every subject a question may ask about its kind (`finding`, `number`,
/// `list`), label, question and hint.
///
/// # Errors
///
/// None in practice: the library writes valid JSON.
#[wasm_bindgen(unchecked_return_type = "object")]
pub fn vocabulary() -> Result<JsValue, JsValue> {
    object(&calls::vocabulary())
}

/// A string option (`options[key]`), `None` when options or the key is
/// missing.
fn option_text(options: Option<&JsValue>, key: &str) -> Result<Option<String>, JsValue> {
    let Some(options) = options.filter(|o| !o.is_undefined() && !o.is_null()) else {
        return Ok(None);
    };
    let value = Reflect::get(options, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED);
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    value.as_string().map(Some).ok_or_else(|| {
        throw(Failure::new(
            key,
            "wrong_type",
            format!("{key}: expected a string"),
        ))
    })
}

/// `options.audience` of an interview: clinician unless it says patient.
fn audience_option(options: Option<&JsValue>) -> Result<prolo_triage::Audience, JsValue> {
    let Some(text) = option_text(options, "audience")? else {
        return Ok(prolo_triage::Audience::Clinician);
    };
    text.parse().map_err(|_| {
        throw(Failure::new(
            "audience",
            "unknown_name",
            format!("audience: `{text}` is not patient or clinician"),
        ))
    })
}

/// The text form of an answer, as the `interview` example reads it.
fn answer_text(subject: &str, value: &JsValue) -> Result<String, JsValue> {
    if let Some(text) = value.as_string() {
        return Ok(text);
    }
    if let Some(b) = value.as_bool() {
        return Ok(if b { "yes" } else { "no" }.into());
    }
    if let Some(n) = value.as_f64() {
        return Ok(n.to_string());
    }
    if Array::is_array(value) {
        let names: Vec<String> = Array::from(value)
            .iter()
            .filter_map(|v| v.as_string())
            .collect();
        return Ok(if names.is_empty() {
            "none".into()
        } else {
            names.join(",")
        });
    }
    Err(throw(Failure::new(
        subject,
        "wrong_type",
        format!("{subject}: expected yes, no, unknown, a number or a list of names"),
    )))
}

/// The presentation with one answer recorded (validated by the core:
/// an age out of range or care longer than the symptoms is refused);
/// `unknown` makes the fact unknown again. The answer is recorded in
/// `answered_by`: by the clinician, or by the patient with
/// `{ by: "patient" }` (whose no to a `both` fact leaves it unknown).
///
/// # Errors
///
/// Throws a `ProloTriageError` naming the subject when the answer does not
/// fit it, or naming the field when the presentation is invalid.
#[wasm_bindgen(js_name = applyAnswer, unchecked_return_type = "Presentation")]
pub fn apply_answer(
    #[wasm_bindgen(unchecked_param_type = "Presentation | string")] presentation: &JsValue,
    subject: &str,
    #[wasm_bindgen(unchecked_param_type = "AnswerValue")] answer: &JsValue,
    options: Option<AnswerOptionsJs>,
) -> Result<JsValue, JsValue> {
    let answer = answer_text(subject, answer)?;
    let by = option_text(options.as_ref().map(AsRef::as_ref), "by")?.map_or(
        Ok(prolo_triage::Audience::Clinician),
        |t| {
            t.parse().map_err(|_| {
                throw(Failure::new(
                    "by",
                    "unknown_name",
                    format!("by: `{t}` is not patient or clinician"),
                ))
            })
        },
    )?;
    object(&calls::answer(&presentation_text(presentation)?, subject, &answer, by).map_err(throw)?)
}

/// The interview's next question for a presentation: the most important
/// blocking question not in `setAside` (subjects answered "don't know"),
/// or `null` once the verdict is determinate. With `{ audience: "patient" }`
/// only what a patient can answer (every question carries `who`), judged
/// with the examination clear (`docs/decision-model.md` §10); the whole
/// intake, symptoms and the map included, is `new Interview(p, { audience:
/// "patient" }).nextStep()`.
///
/// # Errors
///
/// Throws a `ProloTriageError` naming the field when the presentation is
/// invalid, or `subject` for an unknown name in `setAside`.
#[wasm_bindgen(js_name = nextQuestion, unchecked_return_type = "Question | null")]
pub fn next_question(
    #[wasm_bindgen(unchecked_param_type = "Presentation | string")] presentation: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "string[] | undefined")] set_aside: &JsValue,
    options: Option<InterviewOptionsJs>,
) -> Result<JsValue, JsValue> {
    next_question_under(
        presentation,
        default_policy(),
        set_aside,
        options.as_ref().map(AsRef::as_ref),
    )
}

fn next_question_under(
    presentation: &JsValue,
    policy: &prolo_triage::Policy,
    set_aside: &JsValue,
    options: Option<&JsValue>,
) -> Result<JsValue, JsValue> {
    let audience = audience_option(options)?;
    let set_aside: Vec<String> = if Array::is_array(set_aside) {
        Array::from(set_aside)
            .iter()
            .filter_map(|v| v.as_string())
            .collect()
    } else {
        Vec::new()
    };
    let question = calls::next_question(
        &presentation_text(presentation)?,
        policy,
        &set_aside,
        audience,
    )
    .map_err(throw)?;
    match question {
        Some(json) => object(&json),
        None => Ok(JsValue::NULL),
    }
}

/// An interview in progress: the core's `Interview`, holding its starting
/// presentation, policy, audience and the answers given, which it replays
/// (so that the questions after a changed answer are recomputed).
#[wasm_bindgen]
pub struct Interview {
    start: prolo_triage::Presentation,
    policy: prolo_triage::Policy,
    audience: prolo_triage::Audience,
    answers: Vec<(Subject, prolo_triage::Answer)>,
}

#[wasm_bindgen]
impl Interview {
    /// Starts from what is known (nothing when `presentation` is
    /// undefined), under the default policy (`policy.interview(…)` for a
    /// clinic's). `options.audience`: `"clinician"` (the default) or
    /// `"patient"` (the patient's intake: only what a patient can answer,
    /// in plain words; `docs/decision-model.md` §10).
    ///
    /// # Errors
    ///
    /// Throws a `ProloTriageError` naming the field when the presentation
    /// is invalid, or `audience` for an unknown audience.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "Presentation | string | undefined")]
        presentation: &JsValue,
        options: Option<InterviewOptionsJs>,
    ) -> Result<Interview, JsValue> {
        Interview::under(
            presentation,
            default_policy(),
            options.as_ref().map(AsRef::as_ref),
        )
    }

    fn under(
        presentation: &JsValue,
        policy: &prolo_triage::Policy,
        options: Option<&JsValue>,
    ) -> Result<Interview, JsValue> {
        let start = if presentation.is_undefined() || presentation.is_null() {
            prolo_triage::Presentation::default()
        } else {
            calls::presentation(&presentation_text(presentation)?).map_err(throw)?
        };
        Ok(Interview {
            start,
            policy: policy.clone(),
            audience: audience_option(options)?,
            answers: Vec::new(),
        })
    }

    fn core(&self) -> prolo_triage::Interview<'_> {
        // Every answer kept was taken once already, in this order: the
        // replay cannot fail, and the start alone is its only fallback.
        prolo_triage::Interview::replay(self.start, &self.policy, self.audience, &self.answers)
            .unwrap_or_else(|_| {
                prolo_triage::Interview::with_audience(self.start, &self.policy, self.audience)
            })
    }

    /// The next question, or `null` when the verdict is determinate or
    /// every blocking question was set aside.
    ///
    /// # Errors
    ///
    /// None in practice: the library writes valid JSON.
    #[wasm_bindgen(js_name = nextQuestion, unchecked_return_type = "Question | null")]
    pub fn next_question(&self) -> Result<JsValue, JsValue> {
        match self.core().next_question() {
            Some(q) => object(&serde_json::to_string(&q).unwrap_or_default()),
            None => Ok(JsValue::NULL),
        }
    }

    /// The next step for the audience: red flags, where it hurts, the
    /// symptoms that best separate the candidates, then what the verdict
    /// needs (a patient); the blocking questions, then the examination
    /// questions that could move a candidate's band (a clinician). `null`
    /// when nothing is left or a red flag stopped it (`safetyNet()`).
    ///
    /// # Errors
    ///
    /// None in practice: the library writes valid JSON.
    #[wasm_bindgen(js_name = nextStep, unchecked_return_type = "Step | null")]
    pub fn next_step(&self) -> Result<JsValue, JsValue> {
        match self.core().next_step() {
            Some(step) => object(&serde_json::to_string(&step).unwrap_or_default()),
            None => Ok(JsValue::NULL),
        }
    }

    /// Records an answer about `subject` (a finding's or field's wire
    /// name, `symptoms.<name>`, or `where_it_hurts` with the places chosen)
    /// and assesses again; `unknown` sets the question aside.
    ///
    /// # Errors
    ///
    /// Throws a `ProloTriageError` naming the subject when the answer does
    /// not fit it.
    pub fn answer(
        &mut self,
        subject: &str,
        #[wasm_bindgen(unchecked_param_type = "AnswerValue")] answer: &JsValue,
    ) -> Result<(), JsValue> {
        let text = answer_text(subject, answer)?;
        let parsed_subject = calls::subject(subject).map_err(throw)?;
        let answer =
            prolo_triage::Answer::parse(parsed_subject, &text).map_err(|e| throw(e.into()))?;
        let mut core = self.core();
        core.answer(parsed_subject, answer.clone())
            .map_err(|e| throw(e.into()))?;
        self.answers.push((parsed_subject, answer));
        Ok(())
    }

    /// What the patient must do now when an answer revealed a red flag
    /// (the plan items of that red flag's safety-net, in a patient's
    /// words, with the policy's clinic details); empty otherwise.
    ///
    /// # Errors
    ///
    /// None in practice: the library writes valid JSON.
    #[wasm_bindgen(js_name = safetyNet, unchecked_return_type = "PlanItem[]")]
    pub fn safety_net(&self) -> Result<JsValue, JsValue> {
        object(&serde_json::to_string(&self.core().safety_net()).unwrap_or_default())
    }

    /// What the clinician will still check, in a patient's words: the end
    /// of a patient's intake (never the verdict).
    ///
    /// # Errors
    ///
    /// None in practice: the library writes valid JSON.
    #[wasm_bindgen(unchecked_return_type = "string[]")]
    pub fn closing(&self) -> Result<JsValue, JsValue> {
        object(&serde_json::to_string(&self.core().still_to_check()).unwrap_or_default())
    }

    /// The answers given so far, in order, in a patient's words: for each,
    /// the subject, the question as asked and the answer ("yes", "no",
    /// "not sure", a number, or what was chosen).
    ///
    /// # Errors
    ///
    /// None in practice: the library writes valid JSON.
    #[wasm_bindgen(unchecked_return_type = "AnswerRecord[]")]
    pub fn answers(&self) -> Result<JsValue, JsValue> {
        let records: Vec<serde_json::Value> = self
            .answers
            .iter()
            .map(|(subject, answer)| {
                let question = match subject.patient_question() {
                    Some(words) if self.audience == prolo_triage::Audience::Patient => {
                        words.as_str().to_owned()
                    }
                    _ => subject.question().into_owned(),
                };
                serde_json::json!({
                    "subject": subject.as_str(),
                    "question": question,
                    "answer": answer.patient_words(),
                })
            })
            .collect();
        object(&serde_json::Value::Array(records).to_string())
    }

    /// The presentation as completed so far.
    ///
    /// # Errors
    ///
    /// None in practice: the library writes valid JSON.
    #[wasm_bindgen(unchecked_return_type = "Presentation")]
    pub fn presentation(&self) -> Result<JsValue, JsValue> {
        object(&self.core().presentation().to_json())
    }

    /// The assessment of the presentation as completed so far.
    ///
    /// # Errors
    ///
    /// None in practice: the library writes valid JSON.
    #[wasm_bindgen(unchecked_return_type = "Assessment")]
    pub fn assessment(&self) -> Result<JsValue, JsValue> {
        object(&self.core().assessment().to_json())
    }
}
