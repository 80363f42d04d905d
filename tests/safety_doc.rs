//! docs/safety.md lists every rule with its source and the test that
//! covers it. This test regenerates the tables and fails when the document
//! drifts from the code; `UPDATE_SAFETY_DOC=1 cargo test --test safety_doc`
//! rewrites them.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    clippy::panic
)]

use prolo_triage::{Formula, Policy, INJECTATE_RULES, RULES};

const BEGIN: &str = "<!-- BEGIN GENERATED: tests/safety_doc.rs -->";
const END: &str = "<!-- END GENERATED -->";

fn cell(text: &str) -> String {
    text.replace('|', "\\|")
}

fn tables() -> String {
    let policy = Policy::default();
    let mut out = String::new();
    out.push_str("### Verdict rules (`RULES`, ladder order)\n\n");
    out.push_str("| rule | group | when | source | strength | covered by |\n| --- | --- | --- | --- | --- | --- |\n");
    for r in RULES.iter() {
        let when = match r.formula {
            Formula::Fact(f) => format!("`{f}`"),
            compound => {
                let facts: Vec<String> = compound.facts().map(|f| format!("`{f}`")).collect();
                format!(
                    "`{}` and any of {}",
                    facts[0].trim_matches('`'),
                    facts[1..].join(", ")
                )
            }
        };
        out.push_str(&format!(
            "| `{}` | {} | {} | {} | {} | `tests/rules.rs::every_rule_alone_gives_its_verdict`; `tests/semantics.rs` |\n",
            r.id,
            policy.group_of(r),
            when,
            cell(&r.source.citation),
            r.source.strength
        ));
    }
    out.push_str("\n### Injectate rules (`INJECTATE_RULES`)\n\n");
    out.push_str("| rule | injectate | when | level | source | strength | covered by |\n| --- | --- | --- | --- | --- | --- | --- |\n");
    for r in INJECTATE_RULES.iter() {
        let f = r.fact;
        out.push_str(&format!(
            "| `{}` | {} | `{f}` | {} | {} | {} | `tests/clinical_content.rs::every_injectate_rule_on_its_own` |\n",
            r.id,
            r.injectate,
            r.level,
            cell(&r.source.citation),
            r.source.strength
        ));
    }
    out
}

#[test]
fn safety_doc_lists_every_rule() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/safety.md");
    let doc = std::fs::read_to_string(path).unwrap();
    let (head, rest) = doc.split_once(BEGIN).expect("begin marker");
    let (_, tail) = rest.split_once(END).expect("end marker");
    let fresh = format!("{head}{BEGIN}\n{}{END}{tail}", tables());
    if std::env::var_os("UPDATE_SAFETY_DOC").is_some() {
        std::fs::write(path, &fresh).unwrap();
    }
    assert_eq!(
        doc, fresh,
        "docs/safety.md drifted: run UPDATE_SAFETY_DOC=1 cargo test --test safety_doc"
    );
}
