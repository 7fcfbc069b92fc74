//! The solver: finds start days for every group that break no hard rule if it can,
//! and make the soft total small.

pub mod core;
pub mod domain;
pub mod options;
pub mod search;

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

pub use options::{NeverStop, Progress, SolveOptions, Termination};
pub use search::Solution;

use crate::calendar::working::Day;
use crate::error::Result;
use crate::score::{ScoreModel, Target};

/// How often the caller's hook is asked whether to stop.
const POLL: Duration = Duration::from_millis(50);

/// For each group, the groups linked to it by `after`/`before` orders, itself included:
/// shifting them together keeps the orders between them.
fn precedence_chains(model: &ScoreModel) -> Vec<Vec<usize>> {
    let n = model.group_count();
    let mut links = petgraph::unionfind::UnionFind::<usize>::new(n);
    for rules in &model.activities {
        for order in rules.after.iter().chain(&rules.before) {
            if let Target::Group(h) = order.target {
                links.union(rules.group, h);
            }
        }
    }
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); n];
    for g in 0..n {
        members[links.find(g)].push(g);
    }
    (0..n).map(|g| members[links.find(g)].clone()).collect()
}

/// Solves `model`: `initial` gives starting days (a baseline being re-planned);
/// `pinned[g] = Some(day)` keeps group `g` on that day (frozen when re-planning);
/// `baseline` adds the move/shift terms. Runs `options.threads_used()` independent searches
/// (seeds `seed`, `seed + 1`, …) and keeps the best; the hook is polled from this
/// thread about every 50 ms and may stop all of them.
pub fn solve_starts(
    model: &ScoreModel,
    options: &SolveOptions,
    initial: Option<&[Option<Day>]>,
    pinned: Option<&[Option<Day>]>,
    baseline: Option<&[Option<Day>]>,
    termination: &mut dyn Termination,
) -> Result<Solution> {
    let mut candidates = domain::candidate_starts(model);
    if let Some(pinned) = pinned {
        for (g, day) in pinned.iter().enumerate() {
            if let (Some(day), Some(slot)) = (day, candidates.get_mut(g)) {
                *slot = vec![*day];
            }
        }
    }
    // Start from the given starts where they are candidates (re-planning keeps the
    // baseline unless moving pays), otherwise from the middle of each domain.
    let initial: Vec<Day> = candidates
        .iter()
        .enumerate()
        .map(|(g, c)| {
            initial
                .and_then(|i| i.get(g).copied().flatten())
                .filter(|d| c.binary_search(d).is_ok())
                .or_else(|| c.get(c.len() / 2).copied())
                .unwrap_or(0)
        })
        .collect();
    let chains = precedence_chains(model);
    let stop = AtomicBool::new(false);
    let best = Mutex::new(None);
    let steps = AtomicU64::new(0);
    let shared = search::Shared {
        model,
        candidates: &candidates,
        chains: &chains,
        baseline,
        options,
        stop: &stop,
        best: &best,
        steps: &steps,
    };
    let threads = options.threads_used();
    let started = Instant::now();
    let results: Vec<Result<Solution>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                let shared = &shared;
                let initial = &initial;
                scope.spawn(move || {
                    search::run_search(shared, options.seed.wrapping_add(t as u64), initial)
                })
            })
            .collect();
        while !handles.iter().all(|h| h.is_finished()) {
            std::thread::sleep(POLL);
            if stop.load(Ordering::Relaxed) {
                // Asked once to stop: wait for the searches without asking again.
                continue;
            }
            let best_score = best.lock().ok().and_then(|b| *b);
            if let Some(best_score) = best_score {
                let progress = Progress {
                    step: steps.load(Ordering::Relaxed),
                    best: best_score,
                    elapsed: started.elapsed(),
                };
                if termination.should_stop(&progress) {
                    stop.store(true, Ordering::Relaxed);
                }
            }
        }
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or(Err(crate::error::Error::SolverPanicked)))
            .collect()
    });
    let mut best_solution: Option<Solution> = None;
    for result in results {
        let solution = result?;
        if best_solution
            .as_ref()
            .is_none_or(|b| solution.score.key() < b.score.key())
        {
            best_solution = Some(solution);
        }
    }
    best_solution.ok_or(crate::error::Error::SolverPanicked)
}
