//! The analysis of the bundled example and of small hand-made problems.

use oversight::solve::SolveOptions;
use oversight::{Lang, Problem};

fn example() -> Problem {
    Problem::load("examples/nghe-an-2024.json").expect("bundled example")
}

#[test]
fn the_example_has_its_joint_groups_duplicates_and_repeats() {
    let analysis = example().analyze().expect("analyze");
    assert_eq!(analysis.group_count, 139);
    assert_eq!(analysis.groups.len(), 10);
    let joint = analysis
        .groups
        .iter()
        .find(|g| g.lead == "dbqh-025")
        .expect("the three-body group");
    assert_eq!(joint.activities, vec!["dbqh-025", "dt-012", "vhxh-030"]);
    assert_eq!(joint.invite, vec!["dt", "vhxh"]);
    // Every merged pair stems from duplicates; every duplicate joins two bodies.
    assert!(analysis.duplicates.len() >= 10);
    assert!(analysis
        .duplicates
        .iter()
        .all(|d| d.bodies[0] != d.bodies[1]));
    // The 2023 supervision of Quảng Đồng's health care is repeated by dbqh-002.
    assert!(analysis
        .repeats
        .iter()
        .any(|r| r.activity == "dbqh-002" && r.history == "h2023-01"));
    assert!(analysis.precedence.cycles.is_empty());
    let text = analysis.to_text(Lang::Vi);
    assert!(text.contains("Trùng lặp giữa các cơ quan"));
    assert!(analysis.to_text(Lang::En).contains("Look-back repeats"));
}

#[test]
fn start_bounds_hold_every_start_of_a_feasible_plan() {
    let problem = example();
    let analysis = problem.analyze().expect("analyze");
    let plan = problem
        .solve(&SolveOptions {
            steps: Some(40_000),
            time_limit: None,
            ..Default::default()
        })
        .expect("solve");
    assert_eq!(plan.score.hard, 0);
    for (group, bounds) in plan.groups.iter().zip(&analysis.precedence.bounds) {
        assert_eq!(group.lead, bounds.lead);
        let (lo, hi) = (bounds.earliest.expect("lo"), bounds.latest.expect("hi"));
        assert!(
            lo <= group.start && group.start <= hi,
            "{} {lo}..{hi}",
            group.start
        );
    }
}

#[test]
fn cycles_loads_overlaps_and_cannot_fit_on_a_small_problem() {
    let text = r#"{
      "format": "oversight.problem/1", "name": "t",
      "horizon": {"start": "2024-03-04", "end": "2024-03-29"},
      "calendar": {"country": "none"},
      "bodies": [{"id": "na", "name": "NA", "kind": "na_delegation", "rank": 1},
                 {"id": "sc", "name": "SC", "kind": "standing_committee"}],
      "people": [{"id": "p1", "name": "A", "bodies": ["na"],
                  "unavailable": [{"start": "2024-03-04", "end": "2024-03-07"}]}],
      "topics": [{"id": "land", "name": "Land"}, {"id": "land.c", "name": "C", "parents": ["land"]}],
      "subjects": [{"id": "s1", "name": "S1"}, {"id": "s2", "name": "S2"}],
      "activities": [
        {"id": "a", "body": "na", "title": "A", "form": "survey", "topics": ["land"],
         "subjects": ["s1"], "duration": 2, "members": ["p1"],
         "window": {"start": "2024-03-04", "end": "2024-03-08"}},
        {"id": "b", "body": "sc", "title": "B", "form": "survey", "topics": ["land.c"],
         "subjects": ["s2"], "duration": 1},
        {"id": "c", "body": "sc", "title": "C", "form": "survey", "topics": ["land.c"],
         "subjects": ["s1"], "duration": 1, "after": [{"ref": "d"}]},
        {"id": "d", "body": "na", "title": "D", "form": "survey", "topics": ["land"],
         "subjects": ["s1"], "duration": 1}
      ]
    }"#;
    let problem = Problem::from_text(text).expect("valid");
    let analysis = problem.analyze().expect("analyze");
    // a, c, d share s1 on overlapping topics across bodies: one group, and the order
    // "c after d" inside it is a cycle of one.
    assert_eq!(analysis.groups.len(), 1);
    assert_eq!(analysis.precedence.cycles, vec![vec!["a".to_string()]]);
    // b overlaps a, c, d by topic at another agency.
    assert!(analysis
        .overlaps
        .iter()
        .any(|o| o.activities == ["a".to_string(), "b".to_string()]));
    // p1 is away 4–7 March and a's window ends on the 8th: 1 free day for 2 needed.
    assert_eq!(analysis.cannot_fit.len(), 1);
    assert_eq!(analysis.cannot_fit[0].free_days, 1);
    assert_eq!(analysis.people[0].available_days, 20 - 4);
}
