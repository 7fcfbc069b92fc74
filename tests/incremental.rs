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
        let baseline: Vec<i32> = starts.iter().map(|s| s + 3).collect();
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
