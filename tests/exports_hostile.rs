//! The exports under hostile text: formulas in the CSV are neutralised, control
//! characters never reach the calendar file, and a date a calendar file cannot hold is
//! refused naming its group.

use chrono::NaiveDate;
use oversight::export::{csv, ics};
use oversight::generate::{generate, GenerateOptions, Scale};
use oversight::solve::SolveOptions;
use oversight::{Error, Lang, Plan, Problem};
use serde_json::Value;

/// Cells a spreadsheet would run as formulas.
const HOSTILE: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A tiny generated problem whose ids, titles and names start with formula characters
/// (and whose titles hold CR, NUL and other control characters), with a plan for it.
fn hostile() -> (Problem, Plan) {
    let problem = generate(&GenerateOptions {
        scale: Scale::Tiny,
        seed: 0,
        year: 2025,
        infeasible: false,
    });
    let mut text = problem.to_json();
    // Ids are renamed everywhere they are referenced: a whole quoted JSON string.
    for (old, new) in [
        ("dbqh-001", "=dbqh-001"),
        ("dt", "-dt"),
        ("p002", "+p002"),
        ("ubnd-xa-02", "@ubnd-xa-02"),
    ] {
        text = text.replace(&format!("\"{old}\""), &format!("\"{new}\""));
    }
    let mut value: Value = serde_json::from_str(&text).expect("JSON");
    let starts = ["=", "+", "-", "@", "\t", "\r"];
    for (key, field) in [
        ("activities", "title"),
        ("bodies", "name"),
        ("people", "name"),
        ("subjects", "name"),
        ("areas", "name"),
    ] {
        let items = value[key].as_array_mut().expect("a list");
        for (i, item) in items.iter_mut().enumerate() {
            let old = item[field].as_str().unwrap_or_default().to_owned();
            let start = starts[i % starts.len()];
            item[field] = Value::from(format!("{start}{old}\r\n;,\\\u{0}\u{7}\u{1b} end"));
        }
    }
    let problem = Problem::from_value(&value).expect("hostile text is still a valid problem");
    let options = SolveOptions {
        steps: Some(2_000),
        time_limit: None,
        ..SolveOptions::default()
    };
    let plan = problem.solve(&options).expect("solves");
    (problem, plan)
}

#[test]
fn every_user_cell_that_would_start_a_formula_starts_with_a_quote() {
    let (problem, plan) = hostile();
    let text = csv::to_csv_string(&problem, &plan, Lang::En).expect("CSV");
    let body = text.strip_prefix('\u{feff}').expect("BOM");
    let mut reader = ::csv::Reader::from_reader(body.as_bytes());
    let mut guarded = 0;
    for record in reader.records() {
        let record = record.expect("valid CSV");
        for cell in record.iter() {
            assert!(
                !cell.starts_with(HOSTILE),
                "cell {cell:?} would run as a formula"
            );
            if cell.starts_with('\'') {
                guarded += 1;
            }
        }
    }
    // Titles, body, member, subject and area names, and the renamed ids.
    assert!(
        guarded > problem.activities.len(),
        "{guarded} cells guarded"
    );
    assert!(body.contains("'=dbqh-001") && body.contains("'-dt"));
}

#[test]
fn calendar_text_has_no_control_characters_but_its_line_ends() {
    let (problem, plan) = hostile();
    let text = ics::to_ics_string(&problem, &plan, Lang::En).expect("ICS");
    assert!(!text.contains('\0'));
    let bare_cr = text
        .match_indices('\r')
        .any(|(i, _)| !text[i..].starts_with("\r\n"));
    assert!(!bare_cr, "a CR outside CRLF");
    for line in text.split("\r\n") {
        assert!(
            !line.chars().any(|c| c.is_control() && c != '\t'),
            "control character in {line:?}"
        );
    }
    // Escaped as TEXT, not dropped: the separators and newline survive.
    assert!(text.contains("\\n\\;\\,\\\\ end"));
}

#[test]
fn a_date_beyond_year_9999_is_refused_naming_its_group() {
    let (problem, plan) = hostile();
    let mut plan = plan;
    let far = NaiveDate::from_ymd_opt(10_000, 1, 3).expect("chrono holds it");
    plan.groups[1].start = far;
    plan.groups[1].days = vec![far];
    let lead = plan.groups[1].lead.clone();
    match ics::to_ics_string(&problem, &plan, Lang::En) {
        Err(Error::Invalid { faults, .. }) => {
            assert_eq!(faults[0].path, "groups[1]");
            assert!(faults[0].message.contains(&lead), "{}", faults[0].message);
            assert!(faults[0].message.contains("10000-01-03"));
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
}
