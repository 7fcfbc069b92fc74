//! The solver's output pinned byte for byte: step-limited solves, re-plans and
//! explanations made before the rules, the compiled instance and the words were given
//! their one home each (the refactor must not change a single plan). Regenerate only
//! on a deliberate change of behaviour: `OVERSIGHT_PIN=1 cargo test --test pinned_solve`.

use std::path::PathBuf;

use chrono::NaiveDate;
use oversight::generate::{generate, GenerateOptions, Scale};
use oversight::solve::SolveOptions;
use oversight::{Plan, Problem};

fn steps(n: u64, seed: u64, threads: usize) -> SolveOptions {
    SolveOptions {
        seed,
        threads,
        steps: Some(n),
        time_limit: None,
        ..SolveOptions::default()
    }
}

fn check(name: &str, actual: &str) {
    let path = PathBuf::from("tests/pinned").join(name);
    if std::env::var_os("OVERSIGHT_PIN").is_some() {
        std::fs::write(&path, actual).expect("write the pin");
        return;
    }
    let expected = std::fs::read_to_string(&path).expect("the pinned output");
    assert!(
        expected == actual,
        "{name} differs from its pinned output (run with OVERSIGHT_PIN=1 only on a deliberate change)"
    );
}

#[test]
fn the_example_solves_exactly_as_pinned() {
    let problem = Problem::load("examples/nghe-an-2024.json").expect("bundled example");
    for threads in [1, 2] {
        let plan = problem.solve(&steps(20_000, 7, threads)).expect("solve");
        check(&format!("example-t{threads}.plan.json"), &plan.to_json());
    }
    let baseline = Plan::load("examples/nghe-an-2024.plan.json").expect("bundled plan");
    let freeze = NaiveDate::from_ymd_opt(2024, 7, 1).expect("date");
    let replanned = problem
        .replan(&baseline, freeze, &steps(10_000, 3, 1))
        .expect("replan");
    check("example-replan.plan.json", &replanned.to_json());
}

#[test]
fn generated_instances_solve_exactly_as_pinned() {
    for (scale, seed, name) in [
        (Scale::Small, 2, "small-2"),
        (Scale::Province, 5, "province-5"),
    ] {
        let problem = generate(&GenerateOptions {
            scale,
            seed,
            ..GenerateOptions::default()
        });
        let plan = problem.solve(&steps(15_000, seed, 1)).expect("solve");
        check(&format!("{name}.plan.json"), &plan.to_json());
    }
    let infeasible = generate(&GenerateOptions {
        scale: Scale::Small,
        seed: 1,
        infeasible: true,
        ..GenerateOptions::default()
    });
    let conflict = infeasible
        .explain_infeasible(&steps(20_000, 1, 1))
        .expect("explain");
    let text = serde_json::to_string_pretty(&conflict).expect("json");
    check("small-1-infeasible.conflict.json", &text);
}
