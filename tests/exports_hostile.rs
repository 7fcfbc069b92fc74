//! The exports under hostile text: formulas in the CSV are neutralised, control
//! characters never reach the calendar file, and a date a calendar file cannot hold is
//! refused naming its group.

use std::path::Path;

use chrono::NaiveDate;
use oversight::export::{csv, ics};
use oversight::solve::SolveOptions;
use oversight::{Error, Lang, Plan, Problem};

/// Cells a spreadsheet would run as formulas.
const HOSTILE: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// The corpus's hostile problem: ids, titles and names starting with formula
/// characters, titles and names holding CR, NUL and other control characters; with a
/// plan for it.
fn hostile() -> (Problem, Plan) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/malformed/_hostile-text.json");
    let problem = Problem::load(path).expect("hostile text is still a valid problem");
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
    // Escaped as TEXT, not dropped: the separators and newline survive (looked for
    // in the unfolded text, as a line may be folded anywhere).
    let unfolded = text.replace("\r\n ", "");
    assert!(
        unfolded.contains(" \\;\\,\\\\\\n end"),
        "escaped separators"
    );
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
