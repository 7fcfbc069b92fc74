//! What changed between two plans: which groups moved, by how much, and which groups
//! only one of them has.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::read::{baseline_starts, lead_outside, placed_twice, starts_of};
use super::Plan;
use crate::error::{Document, Error, Fault, Result};
use crate::model::nfc::nfc;
use crate::model::Problem;
use crate::score::ScoreModel;

/// A group that starts on another day in the newer plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Moved {
    pub lead: String,
    pub activities: Vec<String>,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Calendar days moved: positive when later.
    pub days: i64,
}

/// The differences from one plan to another, groups matched by their lead.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanDiff {
    /// Groups whose start changed, in the newer plan's order.
    pub moved: Vec<Moved>,
    /// Leads of groups only the newer plan has.
    pub added: Vec<String>,
    /// Leads of groups only the older plan has.
    pub removed: Vec<String>,
    /// Groups on the same start in both.
    pub unchanged: usize,
}

impl PlanDiff {
    /// Whether the two plans schedule the same groups on the same days.
    pub fn is_empty(&self) -> bool {
        self.moved.is_empty() && self.added.is_empty() && self.removed.is_empty()
    }
}

impl Problem {
    /// What changed from `older` to `newer`, both checked against this problem: `newer`
    /// as a plan to score, `older` as a baseline (it may predate activities added since;
    /// anything else that does not match is an error naming what).
    pub fn diff(&self, older: &Plan, newer: &Plan) -> Result<PlanDiff> {
        let model = ScoreModel::new(self)?;
        baseline_starts(self, &model, older)?;
        starts_of(self, &model, newer)?;
        older.diff(newer)
    }
}

impl Plan {
    /// What changed from `self` to `newer`. Both must be plans of one problem: each
    /// holds every activity once and leads each group by one of its own activities,
    /// they share at least one activity, and when both name their problem the names
    /// agree. Otherwise the error names what does not fit (`older.groups[2].lead`).
    pub fn diff(&self, newer: &Plan) -> Result<PlanDiff> {
        let mut faults = self.shape_faults("older");
        faults.extend(newer.shape_faults("newer"));
        let (older_name, newer_name) = (nfc(&self.problem), nfc(&newer.problem));
        if !older_name.is_empty() && !newer_name.is_empty() && older_name != newer_name {
            faults.push(Fault::new(
                "newer.problem",
                format!(
                    "the plans are of two problems: \"{}\" and \"{}\"",
                    self.problem, newer.problem
                ),
            ));
        }
        let older_activities: HashSet<&str> = self
            .groups
            .iter()
            .flat_map(|g| &g.activities)
            .map(String::as_str)
            .collect();
        let shares_one = newer
            .groups
            .iter()
            .flat_map(|g| &g.activities)
            .any(|a| older_activities.contains(a.as_str()));
        let both_empty = self.groups.is_empty() && newer.groups.is_empty();
        if !shares_one && !both_empty {
            faults.push(Fault::new(
                "newer.groups",
                "the two plans share no activity: they are not plans of the same problem",
            ));
        }
        if !faults.is_empty() {
            return Err(Error::invalid(Document::Plan, faults));
        }
        Ok(self.diff_unchecked(newer))
    }

    /// The faults that make a plan unfit to compare: an activity in two groups, a lead
    /// that is not one of its group's activities, two groups with one lead.
    fn shape_faults(&self, which: &str) -> Vec<Fault> {
        let mut faults = Vec::new();
        let mut placed: HashMap<&str, usize> = HashMap::new();
        let mut leads: HashMap<&str, usize> = HashMap::new();
        for (i, group) in self.groups.iter().enumerate() {
            let path = format!("{which}.groups[{i}]");
            for (j, a) in group.activities.iter().enumerate() {
                if let Some(first) = placed.insert(a.as_str(), i) {
                    faults.push(placed_twice(format!("{path}.activities[{j}]"), a, first));
                }
            }
            faults.extend(lead_outside(group, &path));
            if let Some(first) = leads.insert(group.lead.as_str(), i) {
                faults.push(Fault::new(
                    format!("{path}.lead"),
                    format!("\"{}\" already leads groups[{first}]", group.lead),
                ));
            }
        }
        faults
    }

    fn diff_unchecked(&self, newer: &Plan) -> PlanDiff {
        let old: HashMap<&str, NaiveDate> = self
            .groups
            .iter()
            .map(|g| (g.lead.as_str(), g.start))
            .collect();
        let mut diff = PlanDiff::default();
        for group in &newer.groups {
            match old.get(group.lead.as_str()) {
                None => diff.added.push(group.lead.clone()),
                Some(&from) if from == group.start => diff.unchanged += 1,
                Some(&from) => diff.moved.push(Moved {
                    lead: group.lead.clone(),
                    activities: group.activities.clone(),
                    from,
                    to: group.start,
                    days: (group.start - from).num_days(),
                }),
            }
        }
        let new_leads: HashSet<&str> = newer.groups.iter().map(|g| g.lead.as_str()).collect();
        diff.removed = self
            .groups
            .iter()
            .filter(|g| !new_leads.contains(g.lead.as_str()))
            .map(|g| g.lead.clone())
            .collect();
        diff
    }
}
