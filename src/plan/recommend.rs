//! Ranking the start dates a planner could give one activity's group, with the change
//! each would bring to the score: what to know before dragging a bar in a Gantt chart.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::read::starts_of;
use super::Plan;
use crate::error::{Error, Result};
use crate::model::Problem;
use crate::score::{IncrementalScore, Score, ScoreModel, Terms};

/// One candidate start for a group, and what it would change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recommendation {
    pub start: NaiveDate,
    /// The working days the group would occupy.
    pub days: Vec<NaiveDate>,
    /// Change in hard violations (negative is better).
    pub hard: i64,
    /// Change in the soft total (negative is better).
    pub soft: i64,
    /// Change of each soft term that changes.
    pub terms: BTreeMap<String, i64>,
    /// The plan's score with this start.
    pub score: Score,
}

fn term_changes(before: &Terms, after: &Terms) -> BTreeMap<String, i64> {
    let pairs = [
        ("balance", before.balance, after.balance),
        ("area", before.area, after.area),
        ("invite", before.invite, after.invite),
        ("preferred", before.preferred, after.preferred),
        ("move", before.r#move, after.r#move),
        ("shift", before.shift, after.shift),
    ];
    pairs
        .into_iter()
        .filter(|(_, b, a)| a != b)
        .map(|(name, b, a)| (name.to_string(), a as i64 - b as i64))
        .collect()
}

impl Problem {
    /// The `top` best start dates for the group holding `activity`, other groups staying
    /// where `plan` puts them, ranked by the change in (hard, soft), then by date. The
    /// group's current start is left out.
    pub fn recommend(
        &self,
        plan: &Plan,
        activity: &str,
        top: usize,
    ) -> Result<Vec<Recommendation>> {
        self.recommend_compiled(&self.compile()?, plan, activity, top)
    }

    /// [`Problem::recommend`] on this problem's compiled model ([`Problem::compile`]).
    pub fn recommend_compiled(
        &self,
        model: &ScoreModel,
        plan: &Plan,
        activity: &str,
        top: usize,
    ) -> Result<Vec<Recommendation>> {
        let &position = model
            .index
            .activities
            .get(crate::model::nfc::nfc(activity).as_ref())
            .ok_or_else(|| Error::UnknownActivity {
                id: activity.to_string(),
            })?;
        let g = model.grouping.group_of[position];
        let starts = starts_of(self, model, plan)?;
        let mut state = IncrementalScore::new(model, &starts, None);
        let now = state.score();
        let duration = model.grouping.groups[g].duration;
        let mut ranked: Vec<Recommendation> = model
            .calendar
            .working_days()
            .iter()
            .copied()
            .filter(|&d| d != starts[g] && model.calendar.start_is_valid(d, duration))
            .map(|d| {
                let score = state.score_if(g, d);
                Recommendation {
                    start: model.calendar.date(d),
                    days: model
                        .span(g, d)
                        .iter()
                        .map(|&x| model.calendar.date(x))
                        .collect(),
                    hard: score.hard as i64 - now.hard as i64,
                    soft: score.soft as i64 - now.soft as i64,
                    terms: term_changes(&now.terms, &score.terms),
                    score,
                }
            })
            .collect();
        ranked.sort_by_key(|r| (r.hard, r.soft, r.start));
        ranked.truncate(top);
        Ok(ranked)
    }
}
