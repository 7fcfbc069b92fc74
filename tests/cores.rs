//! Infeasibility cores on planted-infeasible generated instances: every core is proven
//! infeasible by exact search and minimal (feasible again without any one member).

use std::time::Instant;

use oversight::generate::{generate, GenerateOptions, Scale};
use oversight::score::ScoreModel;
use oversight::solve::core::{find_core, verify_core};
use oversight::solve::{solve_starts, NeverStop, SolveOptions};

fn options(seed: u64) -> SolveOptions {
    SolveOptions {
        seed,
        steps: Some(20_000),
        time_limit: None,
        ..SolveOptions::default()
    }
}

#[test]
fn planted_cores_are_found_proven_and_minimal() {
    for scale in [Scale::Tiny, Scale::Small, Scale::Province] {
        for seed in 0..3 {
            let problem = generate(&GenerateOptions {
                scale,
                seed,
                infeasible: true,
                ..Default::default()
            });
            let model = ScoreModel::new(&problem).expect("model");
            let best = solve_starts(&model, &options(seed), None, None, None, &mut NeverStop)
                .expect("solve");
            assert!(
                best.score.hard > 0,
                "{scale:?}/{seed}: the planted core must show"
            );
            let started = Instant::now();
            let core = find_core(&model, &best.starts).expect("a core");
            println!(
                "{scale:?}/{seed}: core of {} rules over {} groups in {:?}",
                core.constraints.len(),
                core.groups.len(),
                started.elapsed()
            );
            assert!(core.proven);
            let (infeasible, minimal) = verify_core(&model, &core.constraints);
            assert!(infeasible, "{scale:?}/{seed}: {core:?} is not infeasible");
            assert!(minimal, "{scale:?}/{seed}: {core:?} is not minimal");
        }
    }
}

#[test]
fn the_planted_core_is_named_in_words() {
    let problem = generate(&GenerateOptions {
        scale: Scale::Small,
        seed: 4,
        infeasible: true,
        ..Default::default()
    });
    let conflict = problem
        .explain_infeasible(&options(4))
        .expect("explain")
        .expect("a conflict");
    assert!(conflict.proven);
    for id in ["core-0", "core-1", "core-2"] {
        assert!(conflict.activities.iter().any(|a| a == id), "{conflict:#?}");
    }
    assert!(conflict
        .rules
        .iter()
        .all(|r| !r.message.is_empty() && !r.message_en.is_empty()));
    assert!(conflict.message.contains("core-0"));
}

#[test]
fn a_feasible_problem_has_no_conflict() {
    let problem = oversight::Problem::load("examples/nghe-an-2024.json").expect("example");
    assert!(problem
        .explain_infeasible(&options(0))
        .expect("explain")
        .is_none());
}
