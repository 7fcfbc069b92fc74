//! `Problem::solve`: the solver's start days turned into a complete, explained plan.

use super::build::build_plan;
use super::Plan;
use crate::error::Result;
use crate::model::Problem;
use crate::score::ScoreModel;
use crate::solve::{solve_starts, NeverStop, SolveOptions, Termination};

impl Problem {
    /// Harmonises the programmes: a plan with every group scheduled, no hard violation
    /// when the search finds one, and a small soft total.
    ///
    /// ```
    /// use oversight::{solve::SolveOptions, Problem};
    /// let problem = Problem::load("examples/nghe-an-2024.json")?;
    /// let options = SolveOptions { steps: Some(2_000), time_limit: None, ..Default::default() };
    /// let plan = problem.solve(&options)?;
    /// assert_eq!(plan.groups.len(), 139);
    /// # Ok::<(), oversight::Error>(())
    /// ```
    pub fn solve(&self, options: &SolveOptions) -> Result<Plan> {
        self.solve_with(options, &mut NeverStop)
    }

    /// Like [`Problem::solve`], with a hook that is asked about every 50 ms whether to
    /// stop (and sees the best score so far).
    pub fn solve_with(
        &self,
        options: &SolveOptions,
        termination: &mut dyn Termination,
    ) -> Result<Plan> {
        let model = ScoreModel::new(self)?;
        let solution = solve_starts(&model, options, None, None, termination)?;
        Ok(build_plan(self, &model, &solution.starts, None))
    }
}
