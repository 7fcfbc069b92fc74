//! The `oversight.plan/1` document.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::score::{Rule, Score};

/// The value of the `format` field of every plan document.
pub const PLAN_FORMAT: &str = "oversight.plan/1";

/// A schedule for every group of a problem, with its score and violations.
///
/// When a plan is read, only `format` and each group's `lead`, `activities` and
/// `start` are used: days, invites, score and violations are always recomputed from
/// the problem ([`crate::Problem::score`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plan {
    pub format: String,
    /// The name of the problem the plan was made for.
    #[serde(default)]
    pub problem: String,
    pub groups: Vec<PlanGroup>,
    #[serde(default)]
    pub score: Score,
    #[serde(default)]
    pub violations: Vec<Violation>,
}

/// One group of the plan: a single activity or a joint activity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanGroup {
    pub lead: String,
    pub activities: Vec<String>,
    pub start: NaiveDate,
    /// The working days the group occupies, `D(g)`.
    #[serde(default)]
    pub days: Vec<NaiveDate>,
    /// The bodies invited to join the lead's team.
    #[serde(default)]
    pub invite: Vec<String>,
}

/// One hard violation, explained.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Violation {
    pub rule: Rule,
    /// The leads of the groups involved.
    pub groups: Vec<String>,
    /// The activity concerned, for the per-activity rules (`window`, `fixed`, `after`,
    /// `before`); empty otherwise.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub activities: Vec<String>,
    /// How much the violation adds to the hard score (the excess for `parallel`).
    #[serde(default = "one")]
    pub count: u64,
    /// The explanation in Vietnamese.
    pub message: String,
    /// The explanation in English.
    #[serde(default)]
    pub message_en: String,
}

fn one() -> u64 {
    1
}

impl Violation {
    /// The explanation in `lang`.
    pub fn message(&self, lang: super::Lang) -> &str {
        match lang {
            super::Lang::Vi => &self.message,
            super::Lang::En => &self.message_en,
        }
    }
}

impl Plan {
    /// The group holding activity `id`, if any.
    pub fn group_of(&self, id: &str) -> Option<&PlanGroup> {
        self.groups
            .iter()
            .find(|g| g.activities.iter().any(|a| a == id))
    }

    /// Whether the plan has no hard violation.
    pub fn is_feasible(&self) -> bool {
        self.score.hard == 0
    }
}
