//! Turning start days into a complete plan: days, invites, score and explained
//! violations; and scoring a plan read from a file.

use super::explain::Explainer;
use super::read::{baseline_starts, starts_of};
use super::types::{Plan, PlanGroup, Violation, PLAN_FORMAT};
use super::Lang;
use crate::calendar::working::Day;
use crate::error::Result;
use crate::model::Problem;
use crate::score::{evaluate, ScoreModel};

/// Builds the complete plan for `starts` (one start per group of `model`).
pub fn build_plan(
    problem: &Problem,
    model: &ScoreModel,
    starts: &[Day],
    baseline: Option<&[Option<Day>]>,
) -> Plan {
    let evaluation = evaluate(model, starts, baseline);
    let groups = &model.grouping.groups;
    let id = |a: usize| problem.activities[a].id.clone();
    let plan_groups = groups
        .iter()
        .enumerate()
        .map(|(g, group)| PlanGroup {
            lead: id(group.lead),
            activities: group.activities.iter().map(|&a| id(a)).collect(),
            start: model.calendar.date(starts[g]),
            days: model
                .span(g, starts[g])
                .iter()
                .map(|&d| model.calendar.date(d))
                .collect(),
            invite: group
                .invite
                .iter()
                .map(|&b| problem.bodies[b].id.clone())
                .collect(),
        })
        .collect();
    let explainer = Explainer {
        problem,
        model,
        starts,
    };
    let violations = evaluation
        .breaches
        .iter()
        .map(|b| Violation {
            rule: b.rule,
            groups: b.groups.iter().map(|&g| id(groups[g].lead)).collect(),
            activities: b.activity.map(id).into_iter().collect(),
            count: b.count,
            message: explainer.explain(b, Lang::Vi),
            message_en: explainer.explain(b, Lang::En),
        })
        .collect();
    Plan {
        format: PLAN_FORMAT.to_string(),
        problem: problem.name.clone(),
        groups: plan_groups,
        score: evaluation.score,
        violations,
    }
}

impl Problem {
    /// Scores a plan: checks that it groups and leads the activities as this problem
    /// does, then recomputes its days, invites, score and violations.
    ///
    /// ```
    /// use oversight::{Plan, Problem};
    /// let problem = Problem::load("examples/nghe-an-2024.json")?;
    /// let plan = problem.score(&Plan::load("examples/nghe-an-2024.plan.json")?)?;
    /// assert_eq!(plan.score.hard, 0);
    /// # Ok::<(), oversight::Error>(())
    /// ```
    pub fn score(&self, plan: &Plan) -> Result<Plan> {
        self.score_against(plan, None)
    }

    /// Scores a plan against a baseline plan: groups without a fixed start whose start
    /// differs from the baseline add the `move` and `shift` terms. The baseline may
    /// predate activities added to the problem: their groups have nothing to move from;
    /// anything else in it that does not match the problem is an error
    /// ([`Document::Baseline`](crate::Document::Baseline)).
    pub fn score_against(&self, plan: &Plan, baseline: Option<&Plan>) -> Result<Plan> {
        self.score_compiled(&self.compile()?, plan, baseline)
    }

    /// [`Problem::score_against`] on this problem's compiled model
    /// ([`Problem::compile`]).
    pub fn score_compiled(
        &self,
        model: &ScoreModel,
        plan: &Plan,
        baseline: Option<&Plan>,
    ) -> Result<Plan> {
        let starts = starts_of(self, model, plan)?;
        let base = baseline
            .map(|b| baseline_starts(self, model, b))
            .transpose()?;
        Ok(build_plan(self, model, &starts, base.as_deref()))
    }
}
