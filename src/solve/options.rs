//! How long and how the solver searches, and the hook that can stop it.

use std::time::Duration;

use crate::score::Score;

/// The longest time limit the Python binding and the command line accept: one week.
/// The search's gains flatten out within minutes even on the largest generated
/// problems, and a bound keeps every `Duration` the solver derives from it far from
/// overflow.
pub const MAX_TIME_LIMIT: Duration = Duration::from_secs(7 * 24 * 60 * 60);

/// Solver settings. With a `steps` limit (and no time limit reached first) the result
/// is the same on any machine: the same seed gives the same plan, byte for byte.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SolveOptions {
    /// Seed of the pseudo-random generator.
    pub seed: u64,
    /// Stop after this long (wall clock).
    pub time_limit: Option<Duration>,
    /// Stop after this many local-search steps.
    pub steps: Option<u64>,
    /// Stop after this many steps without a new best score.
    pub unimproved_steps: Option<u64>,
    /// Independent searches run side by side; the best plan is kept (ties go to the
    /// lowest thread number, so the result stays deterministic). Capped at the number
    /// of threads the machine runs at once: see [`SolveOptions::threads_used`].
    pub threads: usize,
    /// Late-acceptance history length.
    pub late_acceptance: usize,
    /// Recompute the full score every this many steps and fail on any difference
    /// (an assertion mode for tests and debugging; slow).
    pub assert_every: Option<u64>,
}

impl Default for SolveOptions {
    fn default() -> Self {
        SolveOptions {
            seed: 0,
            time_limit: Some(Duration::from_secs(1)),
            steps: None,
            unimproved_steps: None,
            threads: 1,
            late_acceptance: 400,
            assert_every: None,
        }
    }
}

impl SolveOptions {
    /// The number of searches actually run: `threads`, at least 1 and at most what
    /// the machine runs at once (`std::thread::available_parallelism`). More searches
    /// than cores share the time limit, so each gets fewer steps and the best of them
    /// is worse (64 on 2 cores left a hard violation that 1 thread avoids); thread
    /// `t` always runs seed `seed + t`, so the same options give the same plan for a
    /// given count used.
    pub fn threads_used(&self) -> usize {
        let cores = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
        self.threads.clamp(1, cores)
    }
}

/// What the solver reports to its hook.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// Steps done so far by this search.
    pub step: u64,
    /// The best score found so far.
    pub best: Score,
    /// Time since the search started.
    pub elapsed: Duration,
}

/// Decides whether to stop; called every few hundred steps and in every phase. The
/// Python binding's hook checks for Ctrl-C and reports progress.
pub trait Termination {
    /// Whether the search should stop now, returning its best plan so far.
    fn should_stop(&mut self, progress: &Progress) -> bool;
}

/// Never stops early: the options' limits alone end the search.
#[derive(Debug, Clone, Copy, Default)]
pub struct NeverStop;

impl Termination for NeverStop {
    fn should_stop(&mut self, _progress: &Progress) -> bool {
        false
    }
}

impl<F: FnMut(&Progress) -> bool> Termination for F {
    fn should_stop(&mut self, progress: &Progress) -> bool {
        self(progress)
    }
}
