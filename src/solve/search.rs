//! One search: a greedy construction, then late-acceptance hill climbing over three
//! moves (change a group's start, swap two groups' starts, shift a group with its
//! precedence chain), all scored incrementally.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::time::Instant;

use rand::{RngExt, SeedableRng};
use rand_pcg::Pcg64Mcg;

use super::options::SolveOptions;
use crate::calendar::working::Day;
use crate::error::{Error, Result};
use crate::score::{evaluate, IncrementalScore, Score, ScoreModel};

/// The best schedule one search found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Solution {
    pub starts: Vec<Day>,
    pub score: Score,
    pub steps: u64,
}

/// What every search of one solve shares.
pub struct Shared<'a> {
    pub model: &'a ScoreModel,
    /// Candidate starts per group, ascending.
    pub candidates: &'a [Vec<Day>],
    /// Groups linked by `after`/`before` orders (the group itself included).
    pub chains: &'a [Vec<usize>],
    pub baseline: Option<&'a [Option<Day>]>,
    pub options: &'a SolveOptions,
    /// Set by the caller's hook (Ctrl-C, a callback) or by a finished time limit.
    pub stop: &'a AtomicBool,
    /// The best score over all searches, for progress reports.
    pub best: &'a Mutex<Option<Score>>,
    /// Steps done over all searches.
    pub steps: &'a std::sync::atomic::AtomicU64,
}

/// How often (in steps) a search looks at the clock and the stop flag.
const CHECK_EVERY: u64 = 256;

/// How often (per thousand moves) a group jumps to its best start; see
/// `best_start_move`. Chosen by measurement on generated province and large instances.
const BEST_START_PER_MILLE: u32 = 20;

struct Search<'a, 's> {
    shared: &'s Shared<'a>,
    state: IncrementalScore<'a>,
    rng: Pcg64Mcg,
    started: Instant,
    /// Groups with more than one candidate start.
    movable: Vec<usize>,
    /// Movable groups involved in a hard violation of the current schedule, refreshed
    /// every few hundred steps while there is one.
    conflicted: Vec<usize>,
}

impl<'a> Search<'a, '_> {
    fn stopped(&self, step: u64) -> bool {
        let options = self.shared.options;
        if self.shared.stop.load(Ordering::Relaxed) {
            return true;
        }
        if options.steps.is_some_and(|limit| step >= limit) {
            return true;
        }
        options.time_limit.is_some_and(|limit| {
            step.is_multiple_of(CHECK_EVERY) && self.started.elapsed() >= limit
        })
    }

    fn key(&self) -> (u64, u64) {
        self.state.score().key()
    }

    /// Places each group, most constrained first, on its best candidate given the
    /// others; two passes so early choices see later groups.
    fn construct(&mut self) {
        let model = self.shared.model;
        let mut order: Vec<usize> = (0..model.group_count()).collect();
        order.sort_by_key(|&g| (self.shared.candidates[g].len(), g));
        for _pass in 0..2 {
            for &g in &order {
                if self.shared.stop.load(Ordering::Relaxed) {
                    return;
                }
                let candidates = &self.shared.candidates[g];
                if candidates.len() < 2 {
                    continue;
                }
                // Long domains are sampled evenly; local search refines afterwards.
                let stride = candidates.len().div_ceil(120).max(1);
                let mut best = (self.key(), self.state.starts()[g]);
                for &c in candidates.iter().step_by(stride) {
                    let key = self.state.score_if(g, c).key();
                    if key < best.0 {
                        best = (key, c);
                    }
                }
                self.state.set_start(g, best.1);
            }
        }
    }

    /// A random candidate of `g`: half the time near its current start, so the search
    /// can fine-tune, otherwise anywhere in its domain.
    fn pick_start(&mut self, g: usize) -> Day {
        let candidates = &self.shared.candidates[g];
        let current = self.state.starts()[g];
        if self.rng.random_bool(0.5) {
            let at = candidates.partition_point(|&c| c < current);
            let lo = at.saturating_sub(5);
            let hi = (at + 5).min(candidates.len() - 1);
            candidates[self.rng.random_range(lo..=hi)]
        } else {
            candidates[self.rng.random_range(0..candidates.len())]
        }
    }

    /// Recomputes which movable groups break a hard rule.
    fn refresh_conflicts(&mut self) {
        let evaluation = evaluate(self.shared.model, self.state.starts(), self.shared.baseline);
        let mut groups: Vec<usize> = evaluation
            .breaches
            .iter()
            .flat_map(|b| b.groups.iter().copied())
            .filter(|&g| self.shared.candidates[g].len() > 1)
            .collect();
        groups.sort_unstable();
        groups.dedup();
        self.conflicted = groups;
    }

    /// Moves `g` to a random candidate, then moves each group it can clash with to
    /// that group's best candidate: an ejection chain that untangles a tight cluster
    /// (several visits to one agency inside overlapping windows) in one step.
    fn repair_move(&mut self, g: usize) -> Vec<(usize, Day)> {
        let mut changed = Vec::new();
        let start = self.pick_start(g);
        changed.push((g, self.state.starts()[g]));
        self.state.set_start(g, start);
        let mut neighbours = self.state.hard_neighbours(g);
        neighbours.retain(|&h| self.shared.candidates[h].len() > 1);
        for h in neighbours.into_iter().take(8) {
            let candidates = &self.shared.candidates[h];
            let stride = candidates.len().div_ceil(40).max(1);
            let offset = self.rng.random_range(0..stride);
            let old = self.state.starts()[h];
            let mut best = (self.state.score().key(), old);
            for &c in candidates.iter().skip(offset).step_by(stride) {
                let key = self.state.score_if(h, c).key();
                if key < best.0 {
                    best = (key, c);
                }
            }
            if best.1 != old {
                changed.push((h, old));
                self.state.set_start(h, best.1);
            }
        }
        changed
    }

    /// Makes one random move and returns the groups it changed with their old starts,
    /// or `None` when the drawn move is not possible.
    fn random_move(&mut self) -> Option<Vec<(usize, Day)>> {
        let hard = self.state.score().hard > 0;
        if hard && !self.conflicted.is_empty() && self.rng.random_bool(0.3) {
            let g = self.conflicted[self.rng.random_range(0..self.conflicted.len())];
            return Some(self.repair_move(g));
        }
        let g = self.movable[self.rng.random_range(0..self.movable.len())];
        let roll = self.rng.random_range(0..1000u32);
        if roll < BEST_START_PER_MILLE {
            return self.best_start_move(g);
        }
        let roll = roll / 10;
        let starts = self.state.starts();
        if roll < 70 {
            let start = self.pick_start(g);
            let old = self.state.starts()[g];
            if start == old {
                return None;
            }
            self.state.set_start(g, start);
            return Some(vec![(g, old)]);
        }
        if roll < 85 {
            let h = self.movable[self.rng.random_range(0..self.movable.len())];
            let (sg, sh) = (starts[g], starts[h]);
            let fits = |x: usize, d: Day| self.shared.candidates[x].binary_search(&d).is_ok();
            if h == g || sg == sh || !fits(g, sh) || !fits(h, sg) {
                return None;
            }
            self.state.set_start(g, sh);
            self.state.set_start(h, sg);
            return Some(vec![(g, sg), (h, sh)]);
        }
        // Shift the group and its precedence chain by a few working days.
        let delta =
            self.rng.random_range(1..=5) as isize * if self.rng.random_bool(0.5) { 1 } else { -1 };
        let calendar = &self.shared.model.calendar;
        let days = calendar.working_days();
        let mut planned = Vec::new();
        for &x in &self.shared.chains[g] {
            let at = calendar.working_index_at_or_after(starts[x]) as isize + delta;
            let new = usize::try_from(at)
                .ok()
                .and_then(|i| days.get(i).copied())?;
            if self.shared.candidates[x].binary_search(&new).is_err() {
                return None;
            }
            planned.push((x, starts[x], new));
        }
        for &(x, _, new) in &planned {
            self.state.set_start(x, new);
        }
        Some(planned.into_iter().map(|(x, old, _)| (x, old)).collect())
    }

    /// Moves `g` to its best other start, every candidate scored incrementally: costly,
    /// so drawn rarely, but it pulls a group straight out of a crowded month, which
    /// random starts find only by luck once the plan is good.
    fn best_start_move(&mut self, g: usize) -> Option<Vec<(usize, Day)>> {
        let old = self.state.starts()[g];
        let mut best: Option<((u64, u64), Day)> = None;
        for i in 0..self.shared.candidates[g].len() {
            let start = self.shared.candidates[g][i];
            if start == old {
                continue;
            }
            let key = self.state.score_if(g, start).key();
            if best.is_none_or(|(b, _)| key < b) {
                best = Some((key, start));
            }
        }
        let (_, start) = best?;
        self.state.set_start(g, start);
        Some(vec![(g, old)])
    }

    fn undo(&mut self, changed: &[(usize, Day)]) {
        for &(g, old) in changed.iter().rev() {
            self.state.set_start(g, old);
        }
    }

    fn publish(&self, score: Score) {
        if let Ok(mut best) = self.shared.best.lock() {
            if best.is_none_or(|b| score.key() < b.key()) {
                *best = Some(score);
            }
        }
    }

    fn run(mut self) -> Result<Solution> {
        self.construct();
        let mut current = self.key();
        let mut best = (current, self.state.starts().to_vec(), self.state.score());
        self.publish(best.2);
        let length = self.shared.options.late_acceptance.max(1);
        let mut history = vec![current; length];
        let mut step = 0u64;
        let mut last_improvement = 0u64;
        let unimproved = self.shared.options.unimproved_steps;
        while !self.movable.is_empty() && !self.stopped(step) {
            if unimproved.is_some_and(|u| step - last_improvement >= u) {
                break;
            }
            step += 1;
            if step.is_multiple_of(CHECK_EVERY) && current.0 > 0 {
                self.refresh_conflicts();
            }
            if step.is_multiple_of(CHECK_EVERY) {
                self.shared.steps.fetch_add(CHECK_EVERY, Ordering::Relaxed);
            }
            let Some(changed) = self.random_move() else {
                continue;
            };
            let candidate = self.key();
            let slot = (step % length as u64) as usize;
            if candidate <= current || candidate <= history[slot] {
                current = candidate;
                if candidate < best.0 {
                    best = (candidate, self.state.starts().to_vec(), self.state.score());
                    last_improvement = step;
                    self.publish(best.2);
                }
            } else {
                self.undo(&changed);
            }
            history[slot] = current;
            if let Some(every) = self.shared.options.assert_every {
                if every > 0 && step.is_multiple_of(every) {
                    self.assert_score(step)?;
                }
            }
        }
        Ok(Solution {
            starts: best.1,
            score: best.2,
            steps: step,
        })
    }

    /// Timefold's FULL_ASSERT: the incremental score must equal a full recomputation.
    fn assert_score(&self, step: u64) -> Result<()> {
        let full = evaluate(self.shared.model, self.state.starts(), self.shared.baseline).score;
        let incremental = self.state.score();
        if full == incremental {
            Ok(())
        } else {
            Err(Error::ScoreMismatch {
                step,
                incremental: format!("{incremental:?}"),
                full: format!("{full:?}"),
            })
        }
    }
}

/// Runs one search with its own seed.
pub fn run_search(shared: &Shared<'_>, seed: u64, initial: &[Day]) -> Result<Solution> {
    let model = shared.model;
    let movable = (0..model.group_count())
        .filter(|&g| shared.candidates[g].len() > 1)
        .collect();
    let search = Search {
        shared,
        state: IncrementalScore::new(model, initial, shared.baseline),
        rng: Pcg64Mcg::seed_from_u64(seed),
        started: Instant::now(),
        movable,
        conflicted: Vec::new(),
    };
    search.run()
}
