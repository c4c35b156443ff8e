use super::*;
use crate::facts::{SourceStance, Status};

const RICH: &str = include_str!("../../fixtures/update/rich/facts.yaml");

/// The lines that differ between two texts: (removed, added).
fn changed_lines(before: &str, after: &str) -> (Vec<String>, Vec<String>) {
    let diff = similar::TextDiff::from_lines(before, after);
    let mut removed = Vec::new();
    let mut added = Vec::new();
    for op in diff.iter_all_changes() {
        let line = op.value().trim_end_matches('\n').to_string();
        match op.tag() {
            similar::ChangeTag::Delete => removed.push(line),
            similar::ChangeTag::Insert => added.push(line),
            similar::ChangeTag::Equal => {}
        }
    }
    (removed, added)
}

fn load(text: &str) -> crate::facts::FactFile {
    crate::load::parse_fact_file(text.to_string(), "facts.yaml").expect("fixture loads")
}

#[test]
fn setting_a_value_changes_only_its_line_and_keeps_the_comment() {
    let changes = [Change::SetValue {
        fact: "russia-drones".into(),
        value: NewValue::Int(150),
    }];
    let after = apply(RICH, &changes).unwrap();
    let (removed, added) = changed_lines(RICH, &after);
    assert_eq!(
        removed,
        ["    value: 145        # the air force's first count"]
    );
    assert_eq!(
        added,
        ["    value: 150        # the air force's first count"]
    );
    verify(&load(RICH), &after, &changes, "facts.yaml").unwrap();
}

#[test]
fn quoted_dates_and_folded_claims_survive_a_date_change() {
    let changes = [Change::SetDate {
        fact: "trump-putin-call".into(),
        date: "2024-11-08".into(),
    }];
    let after = apply(RICH, &changes).unwrap();
    let (removed, added) = changed_lines(RICH, &after);
    assert_eq!(removed, ["    date: \"2024-11-07\""]);
    assert_eq!(added.len(), 1, "{added:?}");
    assert!(added[0].contains("2024-11-08"));
    verify(&load(RICH), &after, &changes, "facts.yaml").unwrap();
}

#[test]
fn sources_keep_their_style_and_status_is_added_in_place() {
    let changes = [
        Change::AddSource {
            fact: "trump-putin-call".into(),
            by: "peskov".into(),
            stance: SourceStance::Denies,
        },
        Change::SetStatus {
            fact: "trump-putin-call".into(),
            status: Status::Disputed,
        },
        Change::AddSource {
            fact: "russia-drones".into(),
            by: "ukraine".into(),
            stance: SourceStance::Asserts,
        },
    ];
    let after = apply(RICH, &changes).unwrap();
    let (removed, added) = changed_lines(RICH, &after);
    assert_eq!(removed.len(), 1, "{removed:?}");
    assert!(removed[0].contains("sources: [{ by: wapo, stance: asserts }"));
    assert!(added.iter().any(|l| l.contains("by: peskov")));
    assert!(added.iter().any(|l| l.trim() == "status: disputed"));
    assert!(added.iter().any(|l| l.trim() == "- by: ukraine"));
    verify(&load(RICH), &after, &changes, "facts.yaml").unwrap();
    // Anchors, aliases, comments and blank lines elsewhere are untouched.
    for kept in [
        "    keywords: &drone-words [drones, launched]",
        "    keywords: *drone-words",
        "# trailing comment stays last",
        "  russia: { name: Russia, aliases: ['Russian forces'] }   # flow, single-quoted",
    ] {
        assert!(after.contains(kept), "lost: {kept}\n{after}");
    }
}

#[test]
fn aliases_are_added_to_flow_block_and_missing_lists() {
    let changes = [
        Change::AddAlias {
            entity: "russia".into(),
            alias: "Russian army".into(),
        },
        Change::AddAlias {
            entity: "ukraine".into(),
            alias: "Kyiv".into(),
        },
        Change::AddAlias {
            entity: "trump".into(),
            alias: "President-elect Trump".into(),
        },
    ];
    let after = apply(RICH, &changes).unwrap();
    let (removed, added) = changed_lines(RICH, &after);
    assert_eq!(removed.len(), 2, "{removed:?}");
    assert!(
        added
            .iter()
            .any(|l| l.contains("'Russian forces', Russian army]"))
    );
    assert!(added.iter().any(|l| l.trim() == "- Kyiv"));
    assert!(
        added
            .iter()
            .any(|l| l.contains("aliases: [President-elect Trump]"))
    );
    verify(&load(RICH), &after, &changes, "facts.yaml").unwrap();
}

#[test]
fn a_new_fact_is_appended_and_nothing_else_moves() {
    let fact = NewFact {
        id: "russia-missiles".into(),
        claim: "Russia fired 12 missiles: \"a large attack\"".into(),
        about: vec!["russia".into(), "ukraine".into()],
        keywords: vec!["missiles".into(), "fired".into()],
        value: Some(NewValue::Int(12)),
        unit: Some("missiles".into()),
        date: Some("2024-11-10".into()),
        status: None,
        sources: vec![("wapo".into(), SourceStance::Asserts)],
    };
    let changes = [Change::AddFact(fact)];
    let after = apply(RICH, &changes).unwrap();
    let (removed, added) = changed_lines(RICH, &after);
    assert!(removed.is_empty(), "{removed:?}");
    assert!(added.len() >= 7, "{added:?}");
    verify(&load(RICH), &after, &changes, "facts.yaml").unwrap();
}

#[test]
fn verification_catches_an_unintended_change() {
    let changes = [Change::SetValue {
        fact: "russia-drones".into(),
        value: NewValue::Int(150),
    }];
    let tampered = RICH.replace("value: 34", "value: 35");
    let after = apply(&tampered, &changes).unwrap();
    let err = verify(&load(RICH), &after, &changes, "facts.yaml").unwrap_err();
    assert!(err.contains("ukraine-drones-again"), "{err}");
}

#[test]
fn unknown_ids_are_errors() {
    let changes = [Change::SetStatus {
        fact: "nope".into(),
        status: Status::Denied,
    }];
    assert_eq!(apply(RICH, &changes), Err(EditError::NoFact("nope".into())));
}
