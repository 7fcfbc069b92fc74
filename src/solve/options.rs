//! How long and how the solver searches, and the hook that can stop it.

use std::time::Duration;

use crate::score::Score;

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
    /// lowest thread number, so the result stays deterministic).
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
