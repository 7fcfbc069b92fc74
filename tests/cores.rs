//! Infeasibility cores on planted-infeasible generated instances: every core is proven
//! infeasible by exact search and minimal (feasible again without any one member).

use std::time::Instant;

use oversight::generate::{generate, GenerateOptions, PlantedCore, Scale};
use oversight::score::{Rule, ScoreModel};
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
        // Seeds 0..4 plant each kind of core once (person, subject gap, precedence,
        // parallel), seed 4 the person core again on another programme.
        for seed in 0..5 {
            let kind = PlantedCore::of_seed(seed);
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
                "{scale:?}/{seed} ({kind:?}): core of {} rules over {} groups in {:?}",
                core.constraints.len(),
                core.groups.len(),
                started.elapsed()
            );
            assert!(core.proven, "{scale:?}/{seed} ({kind:?})");
            // The core is the planted one: every group it names holds a planted activity.
            let planted: Vec<usize> = problem
                .activities
                .iter()
                .enumerate()
                .filter(|(_, a)| a.id.starts_with("core-"))
                .map(|(k, _)| model.activities[k].group)
                .collect();
            assert!(
                core.groups.iter().all(|g| planted.contains(g)),
                "{scale:?}/{seed} ({kind:?}): {core:?}"
            );
            let rule = match kind {
                PlantedCore::Person => Rule::Person,
                PlantedCore::SubjectGap => Rule::SubjectGap,
                PlantedCore::Precedence => Rule::After,
                PlantedCore::Parallel => Rule::Parallel,
            };
            assert!(
                core.constraints.iter().any(|c| c.rule() == rule),
                "{scale:?}/{seed} ({kind:?}): {core:?}"
            );
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
