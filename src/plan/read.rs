//! Reading a plan: parsing the document, and matching its groups to the problem's
//! groups. Only `format` and each group's `lead`, `activities` and `start` are read;
//! everything else is recomputed, never trusted.

use std::collections::{BTreeSet, HashMap};
use std::path::Path;

use chrono::NaiveDate;
use serde_json::Value;

use super::types::{Plan, PlanGroup, PLAN_FORMAT};
use crate::calendar::working::Day;
use crate::error::{Document, Error, Fault, Result};
use crate::model::decode::check_format;
use crate::model::document::{index, parse_bytes, parse_str, ObjectDecoder, Syntax, ROOT};
use crate::model::Problem;
use crate::score::ScoreModel;

const PLAN_FIELDS: [&str; 5] = ["format", "problem", "groups", "score", "violations"];
const GROUP_FIELDS: [&str; 5] = ["lead", "activities", "start", "days", "invite"];

fn invalid(faults: Vec<Fault>) -> Error {
    Error::Invalid {
        document: Document::Plan,
        faults,
    }
}

impl Plan {
    /// Reads a plan file (JSON, or YAML for `.yaml`/`.yml`).
    pub fn load(path: impl AsRef<Path>) -> Result<Plan> {
        let path = path.as_ref();
        let bytes = crate::files::read(path)?;
        let value = parse_bytes(&bytes, Syntax::for_path(path)).map_err(|f| invalid(vec![f]))?;
        Plan::from_value(&value)
    }

    /// Parses a plan from JSON or YAML text.
    pub fn from_text(text: &str) -> Result<Plan> {
        let value = parse_str(text, Syntax::Auto).map_err(|f| invalid(vec![f]))?;
        Plan::from_value(&value)
    }

    /// Decodes a plan from a JSON tree, collecting every structural fault.
    pub fn from_value(value: &Value) -> Result<Plan> {
        let mut faults = Vec::new();
        let plan = decode_plan(value, &mut faults);
        match plan {
            Some(plan) if faults.is_empty() => Ok(plan),
            _ => Err(invalid(faults)),
        }
    }

    /// The plan as a JSON tree.
    pub fn to_value(&self) -> Value {
        serde_json::to_value(self).unwrap_or(Value::Null)
    }

    /// The plan as pretty-printed JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Writes the plan as JSON, or YAML for `.yaml`/`.yml`.
    pub fn save(&self, path: impl AsRef<Path>) -> Result<()> {
        let path = path.as_ref();
        let text = match Syntax::for_path(path) {
            Syntax::Yaml => serde_saphyr::to_string(self)
                .map_err(|e| invalid(vec![Fault::new(ROOT, format!("cannot write YAML: {e}"))]))?,
            _ => self.to_json() + "\n",
        };
        crate::files::write(path, text)
    }
}

fn decode_plan(value: &Value, faults: &mut Vec<Fault>) -> Option<Plan> {
    let mut obj = ObjectDecoder::new(value, ROOT, faults)?;
    obj.reject_unknown(&PLAN_FIELDS);
    check_format(obj.raw("format"), PLAN_FORMAT, &mut obj);
    let problem: Option<String> = obj.optional("problem");
    let raw_groups = value.get("groups");
    if raw_groups.is_none() {
        obj.push_fault("groups", "missing field `groups`");
    }
    drop(obj);
    let mut groups = Vec::new();
    match raw_groups {
        Some(Value::Array(items)) => {
            for (i, item) in items.iter().enumerate() {
                let path = index("groups", i);
                let Some(mut g) = ObjectDecoder::new(item, &path, faults) else {
                    continue;
                };
                g.reject_unknown(&GROUP_FIELDS);
                let lead: Option<String> = g.required("lead");
                let activities: Option<Vec<String>> = g.required("activities");
                let start: Option<NaiveDate> = g.required("start");
                if let (Some(lead), Some(activities), Some(start)) = (lead, activities, start) {
                    groups.push(PlanGroup {
                        lead,
                        activities,
                        start,
                        days: Vec::new(),
                        invite: Vec::new(),
                    });
                }
            }
        }
        Some(other) => faults.push(Fault::new(
            "groups",
            format!(
                "expected a list, found {}",
                crate::model::document::kind_of(other)
            ),
        )),
        None => {}
    }
    Some(Plan {
        format: PLAN_FORMAT.to_string(),
        problem: problem.unwrap_or_default(),
        groups,
        score: Default::default(),
        violations: Vec::new(),
    })
}

/// Matches the plan's groups to the problem's and returns the start of each problem
/// group, in the problem's group order. Every activity must stand in exactly one group,
/// grouped and led as the problem groups them.
pub fn starts_of(problem: &Problem, model: &ScoreModel, plan: &Plan) -> Result<Vec<Day>> {
    let mut faults = Vec::new();
    let groups = &model.grouping.groups;
    let mut starts: Vec<Option<Day>> = vec![None; groups.len()];
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let id = |a: usize| problem.activities[a].id.as_str();
    for (i, group) in plan.groups.iter().enumerate() {
        let path = index("groups", i);
        let mut known = BTreeSet::new();
        for (j, a) in group.activities.iter().enumerate() {
            let apath = format!("{path}.activities[{j}]");
            match model.index.activities.get(a) {
                None => faults.push(Fault::new(apath, format!("unknown activity \"{a}\""))),
                Some(&pos) => {
                    if let Some(&first) = seen.get(a.as_str()) {
                        faults.push(Fault::new(
                            apath,
                            format!("activity \"{a}\" already stands in groups[{first}]"),
                        ));
                    } else {
                        seen.insert(a.as_str(), i);
                    }
                    known.insert(pos);
                }
            }
        }
        let Some(&lead) = model.index.activities.get(&group.lead) else {
            faults.push(Fault::new(
                format!("{path}.lead"),
                format!("unknown activity \"{}\"", group.lead),
            ));
            continue;
        };
        if !group.activities.contains(&group.lead) {
            faults.push(Fault::new(
                format!("{path}.lead"),
                format!(
                    "the lead \"{}\" is not among the group's activities",
                    group.lead
                ),
            ));
        }
        let g = model.grouping.group_of[lead];
        let expected: BTreeSet<usize> = groups[g].activities.iter().copied().collect();
        if known != expected {
            let names: Vec<String> = groups[g]
                .activities
                .iter()
                .map(|&a| format!("\"{}\"", id(a)))
                .collect();
            faults.push(Fault::new(
                format!("{path}.activities"),
                format!(
                    "the problem groups these activities differently: the group of \"{}\" is [{}]",
                    group.lead,
                    names.join(", ")
                ),
            ));
        }
        if groups[g].lead != lead {
            faults.push(Fault::new(
                format!("{path}.lead"),
                format!(
                    "the lead of this group is \"{}\" (its body has the smallest rank), not \"{}\"",
                    id(groups[g].lead),
                    group.lead
                ),
            ));
        }
        match starts[g] {
            Some(_) => faults.push(Fault::new(
                format!("{path}.lead"),
                format!("the group of \"{}\" is scheduled twice", id(groups[g].lead)),
            )),
            None => starts[g] = Some(model.calendar.day(group.start)),
        }
    }
    for (a, act) in problem.activities.iter().enumerate() {
        if !seen.contains_key(act.id.as_str()) && model.index.activities.get(&act.id) == Some(&a) {
            faults.push(Fault::new(
                "groups",
                format!("activity \"{}\" stands in no group", act.id),
            ));
        }
    }
    if !faults.is_empty() {
        return Err(invalid(faults));
    }
    Ok(starts.into_iter().map(|s| s.unwrap_or(0)).collect())
}

/// The earlier start of each problem group in a baseline plan. The problem may have
/// changed since the baseline was made (an urgent activity added, one dropped, a merge
/// more or less), so matching is lenient: a group takes the start of the baseline group
/// that holds its lead, failing that of the first of its activities the baseline holds;
/// a group the baseline does not know has no earlier start.
pub fn baseline_starts(model: &ScoreModel, baseline: &Plan) -> Vec<Option<Day>> {
    let mut start_of: HashMap<&str, Day> = HashMap::new();
    for group in &baseline.groups {
        let day = model.calendar.day(group.start);
        for a in &group.activities {
            start_of.entry(a.as_str()).or_insert(day);
        }
    }
    let ids: Vec<&str> = {
        let mut ids = vec![""; model.index.activities.len()];
        for (id, &pos) in &model.index.activities {
            if let Some(slot) = ids.get_mut(pos) {
                *slot = id.as_str();
            }
        }
        ids
    };
    model
        .grouping
        .groups
        .iter()
        .map(|g| {
            std::iter::once(g.lead)
                .chain(g.activities.iter().copied())
                .find_map(|a| start_of.get(ids[a]).copied())
        })
        .collect()
}
