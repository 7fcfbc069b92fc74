//! A row per activity of a plan, with the names a planner reads beside the ids a
//! program joins on. Data frames (Python), CSV and the workbook are built from these.

use std::borrow::Cow;

use chrono::NaiveDate;
use serde::Serialize;

use crate::error::Result;
use crate::lang::Lang;
use crate::model::index::Index;
use crate::model::Problem;
use crate::plan::Plan;
use crate::text::label;

/// One activity as scheduled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActivityRow {
    pub id: String,
    /// The lead activity of its group (itself when it stands alone); the format names a
    /// group by its lead.
    pub lead: String,
    /// Every activity of its group, lead first.
    pub group: Vec<String>,
    /// Whether its group joins activities of several bodies (a joint activity).
    pub joint: bool,
    pub body: String,
    pub body_name: String,
    pub title: String,
    /// The format's form code (`thematic_supervision`, …).
    pub form: String,
    /// The form as planners name it, in the chosen language.
    pub form_label: String,
    /// The group's first and last day.
    pub start: NaiveDate,
    pub end: NaiveDate,
    /// The number of working days the group occupies.
    pub days: usize,
    pub members: Vec<String>,
    pub member_names: Vec<String>,
    pub subjects: Vec<String>,
    pub subject_names: Vec<String>,
    pub areas: Vec<String>,
    pub area_names: Vec<String>,
    pub topics: Vec<String>,
    /// The bodies invited to join the group's team.
    pub invite: Vec<String>,
}

fn names<'a>(
    ids: &[String],
    positions: &std::collections::HashMap<String, usize>,
    name_at: impl Fn(usize) -> &'a str,
) -> Vec<String> {
    ids.iter()
        .map(|id| {
            positions
                .get(id)
                .map_or(id.as_str(), |&i| name_at(i))
                .to_owned()
        })
        .collect()
}

/// `plan` with its days known: as given when it has been scored, else scored against
/// `problem` (a plan read from a file carries only starts).
pub(crate) fn scored<'p>(problem: &Problem, plan: &'p Plan) -> Result<Cow<'p, Plan>> {
    if plan.groups.iter().any(|g| g.days.is_empty()) {
        Ok(Cow::Owned(problem.score(plan)?))
    } else {
        Ok(Cow::Borrowed(plan))
    }
}

/// The name of body `id`, or the id itself when the problem has no such body.
pub(crate) fn body_name(problem: &Problem, id: &str) -> String {
    problem
        .bodies
        .iter()
        .find(|b| b.id == id)
        .map_or_else(|| id.to_owned(), |b| b.name.clone())
}

/// The rows of `plan` against `problem`, in the order of the plan's groups and, within a
/// group, of its activities. A plan that has not been scored yet (no days, as read from
/// a file) is scored first so that the days are those the format defines.
pub fn activity_rows(problem: &Problem, plan: &Plan, lang: Lang) -> Result<Vec<ActivityRow>> {
    let plan = scored(problem, plan)?;
    let index = Index::new(problem);
    let mut rows = Vec::with_capacity(problem.activities.len());
    for group in &plan.groups {
        let start = group.days.first().copied().unwrap_or(group.start);
        let end = group.days.last().copied().unwrap_or(group.start);
        let bodies: std::collections::BTreeSet<&str> = group
            .activities
            .iter()
            .filter_map(|id| index.activities.get(id))
            .map(|&i| problem.activities[i].body.as_str())
            .collect();
        for id in &group.activities {
            let Some(&i) = index.activities.get(id) else {
                continue;
            };
            let a = &problem.activities[i];
            let form = serde_json::to_value(a.form)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default();
            let body_name = index
                .bodies
                .get(&a.body)
                .map_or(a.body.clone(), |&b| problem.bodies[b].name.clone());
            rows.push(ActivityRow {
                id: a.id.clone(),
                lead: group.lead.clone(),
                group: group.activities.clone(),
                joint: bodies.len() > 1,
                body: a.body.clone(),
                body_name,
                title: a.title.clone(),
                form_label: label(lang, &format!("form-{form}")),
                form,
                start,
                end,
                days: group.days.len(),
                member_names: names(&a.members, &index.people, |p| &problem.people[p].name),
                members: a.members.clone(),
                subject_names: names(&a.subjects, &index.subjects, |s| &problem.subjects[s].name),
                subjects: a.subjects.clone(),
                area_names: names(&a.areas, &index.areas, |x| &problem.areas[x].name),
                areas: a.areas.clone(),
                topics: a.topics.clone(),
                invite: group.invite.clone(),
            });
        }
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_activity_has_one_row_with_its_group_dates() {
        let problem = Problem::load("examples/nghe-an-2024.json").expect("bundled example");
        let plan = Plan::load("examples/nghe-an-2024.plan.json").expect("bundled plan");
        let rows = activity_rows(&problem, &plan, Lang::Vi).expect("plan fits the problem");
        assert_eq!(rows.len(), problem.activities.len());
        let scored = problem.score(&plan).expect("plan fits the problem");
        for row in &rows {
            let group = scored
                .group_of(&row.id)
                .expect("every activity is in a group");
            assert_eq!(row.lead, group.lead);
            assert_eq!(Some(&row.start), group.days.first());
            assert_eq!(Some(&row.end), group.days.last());
            assert_eq!(row.days, group.days.len());
            assert_eq!(row.members.len(), row.member_names.len());
        }
        let joint = rows
            .iter()
            .find(|r| r.id == "pc-022")
            .expect("pc-022 exists");
        assert!(joint.joint && joint.lead == "dbqh-001");
        let lead = rows
            .iter()
            .find(|r| r.id == "dbqh-001")
            .expect("dbqh-001 exists");
        assert_eq!(lead.form_label, "Tiếp xúc cử tri");
        assert_eq!(lead.body_name, "Đoàn đại biểu Quốc hội tỉnh Nghệ An");
    }

    /// The catalogue's form labels are the ones the workbook reads back
    /// (`Form::label`, which stays in the model until the workbook's words move).
    #[test]
    fn the_catalogue_names_every_form_as_the_model_does() {
        for form in crate::model::Form::ALL {
            let code = serde_json::to_value(form).expect("a form is a string");
            let code = code.as_str().expect("a form is a string");
            for lang in [Lang::Vi, Lang::En] {
                assert_eq!(label(lang, &format!("form-{code}")), form.label(lang));
            }
        }
    }
}
