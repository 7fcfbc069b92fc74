//! The incremental scorer agrees with the full scorer after every move of long random
//! move sequences (Timefold's FULL_ASSERT, as a test).

use oversight::score::{evaluate, IncrementalScore, ScoreModel};
use oversight::Problem;
use proptest::prelude::*;

/// The bundled example, with its Vietnamese calendar or with none (weekends only), so
/// both holiday-shaped and plain calendars are covered.
fn example(vietnamese_calendar: bool) -> Problem {
    let text = std::fs::read_to_string("examples/nghe-an-2024.json").expect("bundled example");
    let mut value: serde_json::Value = serde_json::from_str(&text).expect("json");
    if !vietnamese_calendar {
        value["calendar"]["country"] = "none".into();
    }
    Problem::from_value(&value).expect("valid")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn incremental_equals_full_on_the_example(
        initial in proptest::collection::vec(-5i32..380, 139),
        moves in proptest::collection::vec((0usize..1000, -5i32..380), 1..120),
        with_baseline in any::<bool>(),
        vietnamese_calendar in any::<bool>(),
    ) {
        let problem = example(vietnamese_calendar);
        let model = ScoreModel::new(&problem).expect("model");
        let n = model.group_count();
        let starts: Vec<i32> = (0..n).map(|g| initial[g % initial.len()]).collect();
        let baseline: Vec<Option<i32>> = starts.iter().map(|s| Some(s + 3)).collect();
        let base = with_baseline.then_some(baseline.as_slice());
        let mut state = IncrementalScore::new(&model, &starts, base);
        prop_assert_eq!(state.score(), evaluate(&model, &starts, base).score);
        let mut current = starts.clone();
        for (g, day) in moves {
            let g = g % n;
            let predicted = state.score_if(g, day);
            state.set_start(g, day);
            current[g] = day;
            let full = evaluate(&model, &current, base).score;
            prop_assert_eq!(state.score(), full);
            prop_assert_eq!(predicted, full);
            prop_assert_eq!(state.starts(), current.as_slice());
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    /// Generated instances of every scale, with a partial baseline (groups it lacks).
    #[test]
    fn incremental_equals_full_on_generated_instances(
        scale in prop_oneof![
            Just(oversight::generate::Scale::Tiny),
            Just(oversight::generate::Scale::Small),
            Just(oversight::generate::Scale::Province),
            Just(oversight::generate::Scale::Large),
        ],
        seed in 0u64..1000,
        moves in proptest::collection::vec((0usize..10_000, -3i32..370), 1..150),
        infeasible in any::<bool>(),
    ) {
        let problem = oversight::generate::generate(&oversight::generate::GenerateOptions {
            scale, seed, infeasible, ..Default::default()
        });
        let model = ScoreModel::new(&problem).expect("model");
        let n = model.group_count();
        let starts: Vec<i32> = (0..n).map(|g| ((g * 37 + seed as usize) % 365) as i32).collect();
        let baseline: Vec<Option<i32>> = starts
            .iter()
            .enumerate()
            .map(|(g, &s)| (g % 5 != 0).then_some(s + (g % 7) as i32 - 3))
            .collect();
        let mut state = IncrementalScore::new(&model, &starts, Some(&baseline));
        let mut current = starts.clone();
        for (g, day) in moves {
            let g = g % n;
            state.set_start(g, day);
            current[g] = day;
        }
        prop_assert_eq!(state.score(), evaluate(&model, &current, Some(&baseline)).score);
    }
}
