//! What changed between two plans: which groups moved, by how much, and which groups
//! only one of them has.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::Plan;

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

impl Plan {
    /// What changed from `self` to `newer`.
    pub fn diff(&self, newer: &Plan) -> PlanDiff {
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
        let new_leads: std::collections::HashSet<&str> =
            newer.groups.iter().map(|g| g.lead.as_str()).collect();
        diff.removed = self
            .groups
            .iter()
            .filter(|g| !new_leads.contains(g.lead.as_str()))
            .map(|g| g.lead.clone())
            .collect();
        diff
    }
}
