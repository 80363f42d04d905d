//! The rule engine's data: the verdict table [`RULES`] and the injectate
//! table [`INJECTATE_RULES`], read top to bottom, and the monotone
//! [`Formula`]s their rows rest on. An assessment's readers need none of
//! this: the facts, groups and typed rule identities it carries are
//! re-exported at the crate's root.
//!
//! ```
//! use prolo_triage::rules::{RULES, RULE_COUNT};
//! use prolo_triage::{Group, RuleId};
//! assert_eq!(RULES.len(), RULE_COUNT);
//! assert_eq!(RuleId::OttawaFracture.rule().group, Group::RedFlag);
//! ```
//!
//! Inside: the fact language (`fact`), the ladder's groups (`group`), the
//! verdict table (`table`) and the injectate table (`injectates`), the
//! facts each table derives (`derived`), bit sets over them (`sets`) and
//! the table indexed under a policy (`index`).

mod derived;
mod fact;
mod fingerprint;
mod group;
mod index;
mod injectates;
mod patterns;
mod sets;
mod table;

pub use fact::{Fact, Formula, Subject};
pub use fingerprint::tables_fingerprint;
pub use group::Group;
pub use injectates::{
    InjectateRule, InjectateRuleId, NoteId, INJECTATE_RULES, INJECTATE_RULE_COUNT,
};
pub use patterns::{
    Counting, Feature, Member, MimicRow, Pattern, Weighed, Weight, MIMICS, PATTERNS,
};
pub use table::{Rule, RuleId, RULES, RULE_COUNT};

pub(crate) use derived::contraindications;
pub(crate) use fingerprint::RULES_FINGERPRINT;
pub(crate) use group::PerGroup;
pub(crate) use index::{RuleIndex, RuleTruths};
pub(crate) use patterns::ROWS as PATTERN_ROWS;
pub(crate) use sets::{Recorded, RuleSet, SubjectSet, TruthSets};
