//! Moves per second of the incremental scorer, and full evaluations per second, on
//! generated province and large instances. Prints figures; asserts nothing.
//!
//! ```sh
//! cargo bench --bench moves
//! MOVES_FIXED=200000 valgrind --tool=callgrind target/release/deps/moves-…  # counts
//! ```

use std::hint::black_box;
use std::time::{Duration, Instant};

use oversight::generate::{generate, GenerateOptions, Scale};
use oversight::score::{evaluate, IncrementalScore, ScoreModel};
use oversight::solve::domain::candidate_starts;

/// A small deterministic generator, so the benchmark needs no extra dependency.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
}

fn main() {
    println!(
        "{:<10} {:>7} {:>16} {:>18}",
        "instance", "groups", "moves/s", "full scores/s"
    );
    for scale in [Scale::Province, Scale::Large] {
        let problem = generate(&GenerateOptions {
            scale,
            seed: 0,
            ..Default::default()
        });
        let model = match ScoreModel::new(&problem) {
            Ok(model) => model,
            Err(err) => {
                eprintln!("{scale:?}: {err}");
                continue;
            }
        };
        let candidates = candidate_starts(&model);
        let n = model.group_count();
        let starts: Vec<i32> = candidates
            .iter()
            .map(|c| c.first().copied().unwrap_or(0))
            .collect();
        let mut state = IncrementalScore::new(&model, &starts, None);
        let mut rng = Lcg(7);
        let budget = Duration::from_secs(2);
        // A fixed number of moves instead of a time budget, for instruction counts
        // (`valgrind --tool=callgrind`) that a shared machine's load cannot disturb.
        let fixed_moves: Option<u64> = std::env::var("MOVES_FIXED")
            .ok()
            .and_then(|v| v.parse().ok());

        let began = Instant::now();
        let mut moves = 0u64;
        while fixed_moves.map_or(began.elapsed() < budget, |m| moves < m) {
            for _ in 0..1000 {
                let g = rng.below(n);
                let c = &candidates[g];
                if let Some(&day) = c.get(rng.below(c.len())) {
                    state.set_start(g, day);
                }
            }
            moves += 1000;
        }
        let move_rate = moves as f64 / began.elapsed().as_secs_f64();

        let began = Instant::now();
        let mut full = 0u64;
        while fixed_moves.map_or(began.elapsed() < budget, |_| full < 1) {
            black_box(evaluate(&model, state.starts(), None));
            full += 1;
        }
        let full_rate = full as f64 / began.elapsed().as_secs_f64();
        println!(
            "{:<10} {:>7} {:>16.0} {:>18.0}",
            format!("{scale:?}"),
            n,
            move_rate,
            full_rate
        );
    }
}
