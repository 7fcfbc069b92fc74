//! The solver: determinism, score integrity, re-planning and slot recommendations.

use chrono::NaiveDate;
use oversight::generate::{generate, GenerateOptions, Scale};
use oversight::solve::SolveOptions;
use oversight::{Plan, Problem};

fn steps(n: u64, seed: u64) -> SolveOptions {
    SolveOptions {
        seed,
        steps: Some(n),
        time_limit: None,
        ..SolveOptions::default()
    }
}

fn example() -> Problem {
    Problem::load("examples/nghe-an-2024.json").expect("bundled example")
}

#[test]
fn same_seed_same_plan_byte_for_byte() {
    let problem = example();
    for threads in [1, 2] {
        let options = SolveOptions {
            threads,
            ..steps(4_000, 11)
        };
        let a = problem.solve(&options).expect("solve");
        let b = problem.solve(&options).expect("solve");
        assert_eq!(a.to_json(), b.to_json(), "threads = {threads}");
    }
}

#[test]
fn claimed_score_is_the_scorers_score_and_assert_mode_passes() {
    for (scale, seed) in [(Scale::Tiny, 1), (Scale::Small, 2), (Scale::Province, 3)] {
        let problem = generate(&GenerateOptions {
            scale,
            seed,
            ..Default::default()
        });
        let options = SolveOptions {
            assert_every: Some(37),
            ..steps(3_000, seed)
        };
        let plan = problem.solve(&options).expect("solve in assert mode");
        let rescored = problem.score(&plan).expect("score");
        assert_eq!(rescored.score, plan.score, "{scale:?}");
        assert_eq!(rescored.violations, plan.violations, "{scale:?}");
    }
}

#[test]
fn the_example_is_solved_without_hard_violations() {
    let plan = example().solve(&steps(60_000, 0)).expect("solve");
    assert_eq!(plan.score.hard, 0, "{}", plan.to_text(oversight::Lang::En));
}

#[test]
fn replan_never_moves_a_frozen_group() {
    let problem = example();
    let baseline = problem.solve(&steps(20_000, 5)).expect("solve");
    for (k, freeze) in ["2024-03-01", "2024-07-01", "2024-10-15"]
        .iter()
        .enumerate()
    {
        let freeze = NaiveDate::parse_from_str(freeze, "%Y-%m-%d").expect("date");
        let replanned = problem
            .replan(&baseline, freeze, &steps(5_000, k as u64))
            .expect("replan");
        for (old, new) in baseline.groups.iter().zip(&replanned.groups) {
            assert_eq!(old.lead, new.lead);
            if old.start < freeze {
                assert_eq!(old.start, new.start, "{} moved across the freeze", old.lead);
            }
        }
        // Against its own baseline a replan never costs more than keeping the baseline.
        let kept = problem
            .score_against(&baseline, Some(&baseline))
            .expect("score");
        assert!(replanned.score.key() <= kept.score.key());
        let diff = baseline.diff(&replanned).expect("diff");
        assert!(diff.moved.iter().all(|m| m.from >= freeze));
        assert_eq!(diff.moved.len() + diff.unchanged, baseline.groups.len());
    }
}

#[test]
fn replan_places_an_activity_the_baseline_does_not_hold() {
    let problem = example();
    let baseline = problem.solve(&steps(10_000, 1)).expect("solve");
    let mut value = problem.to_value();
    let urgent = serde_json::json!({
        "id": "tt-urgent", "body": "tt", "title": "Khảo sát đột xuất kiến nghị cử tri",
        "form": "survey", "topics": [], "subjects": [], "duration": 2,
        "window": {"start": "2024-08-01", "end": "2024-09-30"}
    });
    value["activities"]
        .as_array_mut()
        .expect("activities")
        .push(urgent);
    let changed = Problem::from_value(&value).expect("valid");
    let freeze = NaiveDate::from_ymd_opt(2024, 7, 1).expect("date");
    let plan = changed
        .replan(&baseline, freeze, &steps(5_000, 2))
        .expect("replan");
    let diff = baseline.diff(&plan).expect("diff");
    assert_eq!(diff.added, vec!["tt-urgent".to_string()]);
    let group = plan.group_of("tt-urgent").expect("scheduled");
    assert!(group.start >= NaiveDate::from_ymd_opt(2024, 8, 1).expect("date"));
}

#[test]
fn recommend_predicts_the_rescored_plan() {
    let problem = example();
    let plan = problem
        .score(&Plan::load("examples/nghe-an-2024.plan.json").expect("plan"))
        .expect("score");
    for activity in ["dbqh-001", "tt-011", "vhxh-022", "pc-010"] {
        let ranked = problem.recommend(&plan, activity, 5).expect("recommend");
        assert_eq!(ranked.len(), 5);
        assert!(ranked
            .windows(2)
            .all(|w| (w[0].hard, w[0].soft) <= (w[1].hard, w[1].soft)));
        for r in &ranked {
            let mut moved = plan.clone();
            let lead = problem_group_lead(&moved, activity);
            for g in &mut moved.groups {
                if g.lead == lead {
                    g.start = r.start;
                }
            }
            let rescored = problem.score(&moved).expect("score");
            assert_eq!(rescored.score, r.score, "{activity} on {}", r.start);
            assert_eq!(rescored.score.soft as i64 - plan.score.soft as i64, r.soft);
        }
    }
    assert!(matches!(
        problem.recommend(&plan, "nope", 3),
        Err(oversight::Error::UnknownActivity { .. })
    ));
}

fn problem_group_lead(plan: &Plan, activity: &str) -> String {
    plan.group_of(activity).expect("grouped").lead.clone()
}
