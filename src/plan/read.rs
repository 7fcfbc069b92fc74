//! Reading a plan: parsing the document, and matching its groups to the problem's
//! groups. Only `format` and each group's `lead`, `activities` and `start` are read;
//! everything else is recomputed, never trusted.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::Path;

use chrono::{Datelike, NaiveDate};
use serde_json::Value;

use super::types::{Plan, PlanGroup, PLAN_FORMAT};
use crate::calendar::working::Day;
use crate::error::{Document, Error, Fault, Result};
use crate::model::decode::check_format;
use crate::model::document::{index, parse_bytes, parse_str, render, ObjectDecoder, Syntax, ROOT};
use crate::model::iso_date::IsoDate;
use crate::model::nfc::{nfc, to_nfc};
use crate::model::Problem;
use crate::score::ScoreModel;

const PLAN_FIELDS: [&str; 5] = ["format", "problem", "groups", "score", "violations"];
const GROUP_FIELDS: [&str; 5] = ["lead", "activities", "start", "days", "invite"];

fn invalid(faults: Vec<Fault>) -> Error {
    Error::invalid(Document::Plan, faults)
}

impl Plan {
    /// Reads a plan file (JSON, YAML for `.yaml`/`.yml`, TOML for `.toml`).
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

    /// Writes the plan as JSON, YAML for `.yaml`/`.yml` or TOML for `.toml`.
    pub fn save(&self, path: impl AsRef<Path>) -> Result<()> {
        let path = path.as_ref();
        let text = render(self, Syntax::for_path(path)).map_err(|f| invalid(vec![f]))?;
        crate::files::write(path, text)
    }
}

/// A plan's start must lie in a year the calendar covers: outside it nothing about the
/// day is known, and the exports could not write it.
fn in_calendar(date: NaiveDate) -> std::result::Result<NaiveDate, String> {
    use crate::calendar::lunar::{FIRST_YEAR, LAST_YEAR};
    if (FIRST_YEAR..=LAST_YEAR).contains(&date.year()) {
        Ok(date)
    } else {
        Err(format!(
            "{date} lies outside the years the calendar covers ({FIRST_YEAR}–{LAST_YEAR})"
        ))
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
                let start = g
                    .required::<IsoDate>("start")
                    .and_then(|d| match in_calendar(d.0) {
                        Ok(date) => Some(date),
                        Err(message) => {
                            g.push_fault("start", message);
                            None
                        }
                    });
                if let (Some(mut lead), Some(mut activities), Some(start)) =
                    (lead, activities, start)
                {
                    // Ids match as the problem's do: in NFC, whatever the typist's input method.
                    to_nfc(&mut lead);
                    activities.iter_mut().for_each(to_nfc);
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

/// The fault of a group whose lead is not one of its activities, if it is such a group;
/// read for plans to score, baselines and plans to compare alike.
pub(super) fn lead_outside(group: &PlanGroup, path: &str) -> Option<Fault> {
    (!group.activities.contains(&group.lead)).then(|| {
        Fault::new(
            format!("{path}.lead"),
            format!(
                "the lead \"{}\" is not among the group's activities",
                group.lead
            ),
        )
    })
}

/// The fault of an activity that stands in a second group.
pub(super) fn placed_twice(path: String, activity: &str, first: usize) -> Fault {
    Fault::new(
        path,
        format!("activity \"{activity}\" already stands in groups[{first}]"),
    )
}

/// How much of the problem a plan must cover.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Coverage {
    /// A plan to score: every activity stands in exactly one group.
    Complete,
    /// A baseline to re-plan against: activities added to the problem since the
    /// baseline was made may be missing (they have no earlier date); anything else that
    /// does not match is an error.
    Baseline,
}

/// Matches the plan's groups to the problem's and returns the start of each problem
/// group, in the problem's group order. Every activity must stand in exactly one group,
/// grouped and led as the problem groups them.
pub fn starts_of(problem: &Problem, model: &ScoreModel, plan: &Plan) -> Result<Vec<Day>> {
    let starts = match_groups(problem, model, plan, Coverage::Complete).map_err(invalid)?;
    Ok(starts.into_iter().map(|s| s.unwrap_or(0)).collect())
}

/// The earlier start of each problem group in a baseline plan, checked as strictly as a
/// plan to score except for one case the format allows: activities added to the problem
/// since the baseline (an urgent survey) may be missing from it, and their groups have
/// no earlier start. A baseline of another problem (another name, or none of this
/// problem's activities), an activity twice, a wrong lead or grouping, or an activity the
/// problem does not hold are errors naming what, in the document `baseline`.
pub fn baseline_starts(
    problem: &Problem,
    model: &ScoreModel,
    baseline: &Plan,
) -> Result<Vec<Option<Day>>> {
    let mut faults = Vec::new();
    if !baseline.problem.is_empty() && nfc(&baseline.problem) != nfc(&problem.name) {
        faults.push(Fault::new(
            "problem",
            format!(
                "the baseline was made for the problem \"{}\", not \"{}\"",
                baseline.problem, problem.name
            ),
        ));
    }
    let holds_any = baseline
        .groups
        .iter()
        .flat_map(|g| &g.activities)
        .any(|a| model.index.activities.contains_key(a));
    if !holds_any && !problem.activities.is_empty() {
        faults.push(Fault::new(
            "groups",
            "the baseline holds none of the problem's activities: it is not a plan of this problem",
        ));
    }
    match match_groups(problem, model, baseline, Coverage::Baseline) {
        Ok(starts) if faults.is_empty() => Ok(starts),
        Ok(_) => Err(invalid_baseline(faults)),
        Err(more) => {
            faults.extend(more);
            Err(invalid_baseline(faults))
        }
    }
}

fn invalid_baseline(faults: Vec<Fault>) -> Error {
    Error::invalid(Document::Baseline, faults)
}

/// The one matching of a plan's groups to the problem's groups behind
/// [`starts_of`] and [`baseline_starts`]; `None` for a group the plan does not hold.
fn match_groups(
    problem: &Problem,
    model: &ScoreModel,
    plan: &Plan,
    coverage: Coverage,
) -> std::result::Result<Vec<Option<Day>>, Vec<Fault>> {
    let mut faults = Vec::new();
    let groups = &model.grouping.groups;
    let mut starts: Vec<Option<Day>> = vec![None; groups.len()];
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let id = |a: usize| problem.activities[a].id.as_str();
    // Which of the problem's activities the plan holds: a baseline's groups are
    // compared with the problem's groups restricted to these.
    let held: HashSet<usize> = plan
        .groups
        .iter()
        .flat_map(|g| &g.activities)
        .filter_map(|a| model.index.activities.get(a).copied())
        .collect();
    for (i, group) in plan.groups.iter().enumerate() {
        let path = index("groups", i);
        let mut known = BTreeSet::new();
        for (j, a) in group.activities.iter().enumerate() {
            let apath = format!("{path}.activities[{j}]");
            match model.index.activities.get(a) {
                None => faults.push(Fault::new(apath, format!("unknown activity \"{a}\""))),
                Some(&pos) => {
                    if let Some(&first) = seen.get(a.as_str()) {
                        faults.push(placed_twice(apath, a, first));
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
        faults.extend(lead_outside(group, &path));
        let g = model.grouping.group_of[lead];
        let expected: BTreeSet<usize> = groups[g]
            .activities
            .iter()
            .copied()
            .filter(|a| coverage == Coverage::Complete || held.contains(a))
            .collect();
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
        // A baseline made before a better-ranked activity joined the group had
        // another lead, rightly: only a lead the baseline could have known is checked.
        let lead_known = coverage == Coverage::Complete || held.contains(&groups[g].lead);
        if groups[g].lead != lead && lead_known {
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
    if coverage == Coverage::Complete {
        for (a, act) in problem.activities.iter().enumerate() {
            if !seen.contains_key(act.id.as_str())
                && model.index.activities.get(&act.id) == Some(&a)
            {
                faults.push(Fault::new(
                    "groups",
                    format!("activity \"{}\" stands in no group", act.id),
                ));
            }
        }
    }
    if faults.is_empty() {
        Ok(starts)
    } else {
        Err(faults)
    }
}
