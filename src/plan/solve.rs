//! `Problem::solve`: the solver's start days turned into a complete, explained plan.

use chrono::NaiveDate;

use super::build::build_plan;
use super::read::baseline_starts;
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
        self.solve_compiled(&self.compile()?, options, termination)
    }

    /// [`Problem::solve_with`] on this problem's compiled model ([`Problem::compile`]).
    pub fn solve_compiled(
        &self,
        model: &ScoreModel,
        options: &SolveOptions,
        termination: &mut dyn Termination,
    ) -> Result<Plan> {
        let solution = solve_starts(model, options, None, None, None, termination)?;
        Ok(build_plan(self, model, &solution.starts, None))
    }

    /// Re-plans mid-year: groups of `baseline` that start before `freeze_before` keep
    /// their dates; the others may move, each move costing the `move` and `shift` terms
    /// against the baseline, so only moves that pay for themselves are made. The
    /// problem may have gained activities since the baseline (an urgent survey): groups
    /// the baseline does not hold are placed freely. Anything else in the baseline that
    /// does not match the problem is an error naming it.
    pub fn replan(
        &self,
        baseline: &Plan,
        freeze_before: NaiveDate,
        options: &SolveOptions,
    ) -> Result<Plan> {
        self.replan_with(baseline, freeze_before, options, &mut NeverStop)
    }

    /// [`Problem::replan`] with a stop hook.
    pub fn replan_with(
        &self,
        baseline: &Plan,
        freeze_before: NaiveDate,
        options: &SolveOptions,
        termination: &mut dyn Termination,
    ) -> Result<Plan> {
        self.replan_compiled(
            &self.compile()?,
            baseline,
            freeze_before,
            options,
            termination,
        )
    }

    /// [`Problem::replan_with`] on this problem's compiled model ([`Problem::compile`]).
    pub fn replan_compiled(
        &self,
        model: &ScoreModel,
        baseline: &Plan,
        freeze_before: NaiveDate,
        options: &SolveOptions,
        termination: &mut dyn Termination,
    ) -> Result<Plan> {
        let base = baseline_starts(self, model, baseline)?;
        let freeze = model.calendar.day(freeze_before);
        let pinned: Vec<Option<_>> = base
            .iter()
            .map(|start| start.filter(|&d| d < freeze))
            .collect();
        let solution = solve_starts(
            model,
            options,
            Some(&base),
            Some(&pinned),
            Some(&base),
            termination,
        )?;
        Ok(build_plan(self, model, &solution.starts, Some(&base)))
    }
}
