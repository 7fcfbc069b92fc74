//! The core under hostile or careless use (issue "nothing lost, nothing crashes"):
//! strict dates, checked baselines, weights that cannot overflow a score, ids typed in
//! decomposed Unicode, TOML documents, and capped fault lists.

use chrono::NaiveDate;
use oversight::solve::SolveOptions;
use oversight::{Document, Error, Plan, Problem};
use serde_json::{json, Value};

fn example() -> Problem {
    Problem::load("examples/nghe-an-2024.json").expect("bundled example")
}

fn example_plan() -> Plan {
    Plan::load("examples/nghe-an-2024.plan.json").expect("bundled plan")
}

fn steps(n: u64, seed: u64) -> SolveOptions {
    SolveOptions {
        seed,
        steps: Some(n),
        time_limit: None,
        ..SolveOptions::default()
    }
}

/// The (document, path, message) of every fault of an invalid-input error.
fn faults(err: &Error) -> (Document, Vec<(String, String)>) {
    match err {
        Error::Invalid { document, faults } => (
            *document,
            faults
                .iter()
                .map(|f| (f.path.clone(), f.message.clone()))
                .collect(),
        ),
        other => panic!("expected invalid input, got {other}"),
    }
}

fn plan_value() -> Value {
    example_plan().to_value()
}

fn plan_with(edit: impl FnOnce(&mut Value)) -> Plan {
    let mut value = plan_value();
    edit(&mut value);
    Plan::from_value(&value).expect("a readable plan")
}

// ---- dates -------------------------------------------------------------------------

#[test]
fn plan_starts_outside_the_calendar_or_not_iso_are_refused_at_their_path() {
    for (start, expected) in [
        ("+10000-01-01", "YYYY-MM-DD"),
        ("2024-3-4", "YYYY-MM-DD"),
        (" 2024-03-04", "YYYY-MM-DD"),
        ("+2024-03-04", "YYYY-MM-DD"),
        ("9999-01-01", "1800–2199"),
        ("1700-01-01", "1800–2199"),
    ] {
        let mut value = plan_value();
        value["groups"][3]["start"] = json!(start);
        let err = Plan::from_value(&value).expect_err(start);
        let (document, list) = faults(&err);
        assert_eq!(document, Document::Plan);
        assert_eq!(list.len(), 1, "{start}: {list:?}");
        assert_eq!(list[0].0, "groups[3].start", "{start}");
        assert!(list[0].1.contains(expected), "{start}: {}", list[0].1);
    }
}

// ---- baselines ---------------------------------------------------------------------

fn baseline_faults(baseline: &Plan) -> Vec<(String, String)> {
    let problem = example();
    let plan = example_plan();
    let scored = problem
        .score_against(&plan, Some(baseline))
        .expect_err("a bad baseline");
    let replanned = problem
        .replan(
            baseline,
            NaiveDate::from_ymd_opt(2024, 7, 1).expect("date"),
            &steps(100, 0),
        )
        .expect_err("a bad baseline");
    let (document, list) = faults(&scored);
    assert_eq!(document, Document::Baseline);
    assert_eq!(faults(&replanned).1, list, "score and replan check alike");
    list
}

#[test]
fn an_empty_baseline_is_refused() {
    let list = baseline_faults(&plan_with(|v| v["groups"] = json!([])));
    assert!(list
        .iter()
        .any(|(p, m)| p == "groups" && m.contains("none of the problem's activities")));
}

#[test]
fn a_baseline_holding_an_activity_twice_is_refused() {
    let list = baseline_faults(&plan_with(|v| {
        let twice = v["groups"][0]["activities"][0].clone();
        v["groups"][1]["activities"]
            .as_array_mut()
            .expect("list")
            .push(twice);
    }));
    assert!(
        list.iter()
            .any(|(p, m)| p.starts_with("groups[1].activities") && m.contains("already stands")),
        "{list:?}"
    );
}

#[test]
fn a_baseline_with_a_wrong_lead_is_refused() {
    // Find a joint group and name its second activity as the lead.
    let value = plan_value();
    let (g, other) = value["groups"]
        .as_array()
        .expect("groups")
        .iter()
        .enumerate()
        .find_map(|(g, group)| {
            let acts = group["activities"].as_array()?;
            (acts.len() > 1).then(|| (g, acts[1].clone()))
        })
        .expect("the example has a joint group");
    let list = baseline_faults(&plan_with(|v| v["groups"][g]["lead"] = other));
    assert!(
        list.iter()
            .any(|(p, m)| *p == format!("groups[{g}].lead") && m.contains("the lead of this group")),
        "{list:?}"
    );
}

#[test]
fn a_baseline_of_another_problem_is_refused() {
    let list = baseline_faults(&plan_with(|v| v["problem"] = json!("Hà Tĩnh 2024")));
    assert!(list
        .iter()
        .any(|(p, m)| p == "problem" && m.contains("Hà Tĩnh 2024")));
    let list = baseline_faults(&plan_with(|v| {
        v["groups"][0]["activities"] = json!(["x-999"]);
        v["groups"][0]["lead"] = json!("x-999");
    }));
    assert!(list
        .iter()
        .any(|(p, m)| p == "groups[0].activities[0]" && m.contains("unknown activity \"x-999\"")));
}

#[test]
fn activities_added_since_the_baseline_have_no_baseline_date() {
    let problem = example();
    let baseline = example_plan();
    let mut value = problem.to_value();
    value["activities"]
        .as_array_mut()
        .expect("activities")
        .push(json!({
            "id": "tt-urgent", "body": "tt", "title": "Khảo sát đột xuất kiến nghị cử tri",
            "form": "survey", "duration": 2,
            "window": {"start": "2024-08-01", "end": "2024-09-30"}
        }));
    let changed = Problem::from_value(&value).expect("valid");
    // Scored against its own baseline plus the new group, nothing moved.
    let freeze = NaiveDate::from_ymd_opt(2024, 7, 1).expect("date");
    let replanned = changed
        .replan(&baseline, freeze, &steps(2_000, 3))
        .expect("replan");
    let rescored = changed
        .score_against(&replanned, Some(&baseline))
        .expect("score against the baseline");
    assert_eq!(rescored.score, replanned.score);
    assert!(replanned.group_of("tt-urgent").is_some());
}

#[test]
fn diff_refuses_plans_that_are_not_of_one_problem() {
    let plan = example_plan();
    let empty = plan_with(|v| v["groups"] = json!([]));
    let err = plan.diff(&empty).expect_err("empty");
    assert!(faults(&err).1.iter().any(|(p, _)| p == "newer.groups"));
    let twice = plan_with(|v| {
        let a = v["groups"][0]["activities"][0].clone();
        v["groups"][2]["activities"]
            .as_array_mut()
            .expect("list")
            .push(a);
    });
    let err = plan.diff(&twice).expect_err("twice");
    assert!(faults(&err)
        .1
        .iter()
        .any(|(p, _)| p.starts_with("newer.groups[2].activities")));
    let other = plan_with(|v| v["problem"] = json!("Hà Tĩnh 2024"));
    let err = plan.diff(&other).expect_err("another problem");
    assert!(faults(&err).1.iter().any(|(p, _)| p == "newer.problem"));
    assert!(plan.diff(&plan).expect("same plan").is_empty());
}

// ---- weights -----------------------------------------------------------------------

#[test]
fn a_weight_that_could_overflow_the_score_is_refused_at_its_path() {
    let mut value = example().to_value();
    value["rules"]["weights"]["balance"] = json!(10_u64.pow(16));
    value["rules"]["weights"]["shift"] = json!(u64::MAX);
    let err = Problem::from_value(&value).expect_err("overflowing weights");
    let (_, list) = faults(&err);
    let paths: Vec<&str> = list.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(paths, ["rules.weights.balance", "rules.weights.shift"]);
    assert!(list[0].1.contains("at most"), "{}", list[0].1);
}

#[test]
fn the_largest_accepted_weight_keeps_the_solver_honest() {
    // Find the largest balance weight validation accepts, from its own message.
    let mut value = example().to_value();
    value["rules"]["weights"]["balance"] = json!(u64::MAX);
    let err = Problem::from_value(&value).expect_err("too large");
    let message = &faults(&err).1[0].1;
    let most: u64 = message
        .rsplit("at most ")
        .next()
        .and_then(|t| t.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .expect("the bound is named");
    value["rules"]["weights"]["balance"] = json!(most);
    let problem = Problem::from_value(&value).expect("the bound itself is accepted");
    let default = example().solve(&steps(30_000, 4)).expect("solve");
    let heavy = problem.solve(&steps(30_000, 4)).expect("solve");
    assert_eq!(default.score.hard, 0);
    assert_eq!(
        heavy.score.hard, 0,
        "a heavy weight must not cost hard violations"
    );
    assert!(heavy.score.soft < i64::MAX as u64, "no saturation");
    assert_eq!(
        problem.score(&heavy).expect("rescore").score,
        heavy.score,
        "the claimed score is the scorer's"
    );
}

// ---- decomposed Unicode ------------------------------------------------------------

fn nfd(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    text.nfd().collect()
}

#[test]
fn ids_typed_in_nfd_match_references_typed_in_nfc() {
    // The person's id is typed decomposed; every activity names them precomposed.
    let mut value = example().to_value();
    let old = value["people"][0]["id"].as_str().expect("id").to_string();
    value["people"][0]["id"] = json!(nfd("Nguyễn-01"));
    let title = nfd("Giám sát việc thực hiện chính sách");
    let mut renamed = 0;
    for a in value["activities"].as_array_mut().expect("activities") {
        for m in a["members"].as_array_mut().into_iter().flatten() {
            if m == &json!(old) {
                *m = json!("Nguyễn-01");
                renamed += 1;
            }
        }
    }
    value["activities"][0]["title"] = json!(title);
    assert!(renamed > 0);
    assert_ne!(nfd("Nguyễn-01"), "Nguyễn-01", "the test really mixes forms");
    let problem = Problem::from_value(&value).expect("NFD and NFC ids match");
    assert_eq!(problem.people[0].id, "Nguyễn-01");
    assert_eq!(
        problem.activities[0].title, title,
        "titles keep what the user typed"
    );
    // An activity id typed precomposed in the problem and decomposed in a plan.
    let id = problem.activities[0].id.clone();
    let swap = |text: String, to: &str| text.replace(&format!("\"{id}\""), &format!("\"{to}\""));
    let problem_text = swap(problem.to_json(), "Khảo-sát-01");
    let plan_text = swap(example_plan().to_json(), &nfd("Khảo-sát-01"));
    assert!(plan_text.contains(&nfd("Khảo-sát-01")));
    let problem = Problem::from_text(&problem_text).expect("renamed problem");
    let plan = Plan::from_text(&plan_text).expect("renamed plan");
    let scored = problem.score(&plan).expect("NFD ids in a plan match");
    assert!(scored.group_of("Khảo-sát-01").is_some());
}

#[test]
fn an_nfd_twin_of_an_id_is_a_duplicate() {
    let mut value = example().to_value();
    let first = value["bodies"][0]["id"].as_str().expect("id").to_string();
    value["areas"] =
        json!([{"id": "Quỳnh Lưu", "name": "a"}, {"id": nfd("Quỳnh Lưu"), "name": "b"}]);
    let err = Problem::from_value(&value).expect_err("duplicate");
    assert!(faults(&err)
        .1
        .iter()
        .any(|(p, m)| p == "areas[1].id" && m.contains("duplicate")));
    assert!(!first.is_empty());
}

// ---- TOML --------------------------------------------------------------------------

#[test]
fn problems_and_plans_go_through_toml_unchanged() {
    let dir = std::env::temp_dir().join(format!("oversight-toml-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let problem = example();
    let path = dir.join("problem.toml");
    problem.save(&path).expect("save TOML");
    let text = std::fs::read_to_string(&path).expect("read back");
    assert!(!text.trim_start().starts_with('{'), "TOML, not JSON");
    assert!(text.contains("[[activities]]"));
    assert_eq!(Problem::load(&path).expect("load TOML"), problem);

    let plan = problem.score(&example_plan()).expect("score");
    let plan_path = dir.join("plan.toml");
    plan.save(&plan_path).expect("save plan TOML");
    let read = Plan::load(&plan_path).expect("load plan TOML");
    assert_eq!(
        problem.score(&read).expect("rescore").to_json(),
        plan.to_json()
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn toml_native_dates_and_faults_have_paths() {
    let text = r#"
format = "oversight.problem/1"
name = "TOML"
horizon = { start = 2024-01-01, end = 2024-12-31 }
[[bodies]]
id = "b"
name = "Ban"
kind = "committee"
[[activities]]
id = "a"
body = "b"
title = "Giám sát"
form = "survey"
duration = 0
"#;
    let path = std::env::temp_dir().join(format!("oversight-{}.toml", std::process::id()));
    std::fs::write(&path, text).expect("write");
    let err = Problem::load(&path).expect_err("duration 0");
    assert!(faults(&err)
        .1
        .iter()
        .any(|(p, _)| p == "activities[0].duration"));
    std::fs::write(&path, text.replace("duration = 0", "duration = 2")).expect("write");
    let problem = Problem::load(&path).expect("native TOML dates read as dates");
    assert_eq!(
        problem.horizon.start,
        NaiveDate::from_ymd_opt(2024, 1, 1).expect("date")
    );
    std::fs::write(&path, "format = [").expect("write");
    let err = Problem::load(&path).expect_err("syntax");
    assert!(faults(&err).1[0].1.contains("not valid TOML"));
    std::fs::remove_file(&path).ok();
}

// ---- fault lists -------------------------------------------------------------------

#[test]
fn a_plan_with_millions_of_faults_lists_a_thousand_and_counts_the_rest() {
    let mut value = plan_value();
    let groups: Vec<Value> = (0..50_000)
        .map(|i| json!({"lead": format!("x{i}"), "activities": [format!("x{i}")], "start": "2024-03-04"}))
        .collect();
    value["groups"] = Value::Array(groups);
    let plan = Plan::from_value(&value).expect("readable");
    let err = example().score(&plan).expect_err("unknown activities");
    let (_, list) = faults(&err);
    assert_eq!(list.len(), oversight::error::MAX_FAULTS);
    let last = &list[list.len() - 1].1;
    assert!(last.contains("more faults"), "{last}");
    let more: usize = last
        .split_whitespace()
        .find_map(|w| w.parse().ok())
        .expect("a count");
    assert!(more > 50_000, "{more}");
}
