//! The compiled model as plain data, so that an independent solver (the benchmark's
//! CP-SAT model) can state exactly the same problem: groups, their candidate starts
//! and the days each start occupies, and every rule's numbers.

use chrono::Datelike;
use serde_json::{json, Value};

use super::model::{ScoreModel, Target};
use crate::calendar::working::Day;

impl ScoreModel {
    /// The model as JSON. Days are offsets from the horizon's first day; `candidates`
    /// lists, per group, every start that keeps the calendar, window, fixed and
    /// blocked rules (all calendar-valid starts when none does), with its days.
    pub fn export(&self, candidates: &[Vec<Day>]) -> Value {
        let groups: Vec<Value> = self
            .grouping
            .groups
            .iter()
            .enumerate()
            .map(|(g, group)| {
                let starts: Vec<Value> = candidates[g]
                    .iter()
                    .map(|&s| {
                        let days = self.span(g, s);
                        let months: Vec<u32> = days
                            .iter()
                            .map(|&d| {
                                let date = self.calendar.date(d);
                                (date.year() * 12) as u32 + date.month0()
                            })
                            .collect();
                        json!({"start": s, "days": days, "months": months})
                    })
                    .collect();
                json!({
                    "lead": group.lead,
                    "activities": group.activities,
                    "lead_body": group.lead_body,
                    "members": group.members,
                    "subjects": group.subjects,
                    "areas": group.areas,
                    "invite": group.invite,
                    "duration": group.duration,
                    "fixed": self.group_fixed[g],
                    "candidates": starts,
                })
            })
            .collect();
        let activities: Vec<Value> = self
            .activities
            .iter()
            .map(|rules| {
                let orders: Vec<Value> = [(true, &rules.after), (false, &rules.before)]
                    .into_iter()
                    .flat_map(|(after, list)| {
                        list.iter().map(move |o| match o.target {
                            Target::Group(h) => {
                                json!({"after": after, "group": h, "gap": o.gap})
                            }
                            Target::Event { first, last, .. } => json!({
                                "after": after, "event": [first, last], "gap": o.gap
                            }),
                        })
                    })
                    .collect();
                json!({
                    "group": rules.group,
                    "preferred": rules.preferred.map(|(s, e)| vec![s, e]),
                    "orders": orders,
                })
            })
            .collect();
        let w = &self.weights;
        json!({
            "horizon_start": self.calendar.horizon().start,
            "groups": groups,
            "activities": activities,
            "max_parallel": self.max_parallel,
            "subject_gap": self.subject_gap,
            "area_gap": self.area_gap,
            "weights": {"balance": w.balance, "area": w.area, "invite": w.invite,
                        "preferred": w.preferred, "move": w.r#move, "shift": w.shift},
        })
    }
}
