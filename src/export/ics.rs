//! A plan as an RFC 5545 calendar: one all-day event per group, from its first to its
//! last day, naming its bodies, members and subjects, so offices can import the
//! programme into the calendars they already use. Built with the `icalendar` crate,
//! which folds long lines and escapes text as the RFC requires.

use std::collections::BTreeSet;
use std::path::Path;

use chrono::Days;
use icalendar::{Calendar, Component, Event, EventLike};

use super::table::{activity_rows, body_name, scored, ActivityRow};
use crate::error::Result;
use crate::lang::Lang;
use crate::model::Problem;
use crate::plan::Plan;

struct Labels {
    lead: &'static str,
    partners: &'static str,
    members: &'static str,
    subjects: &'static str,
    days: &'static str,
    activities: &'static str,
}

fn labels(lang: Lang) -> Labels {
    match lang {
        Lang::Vi => Labels {
            lead: "Cơ quan chủ trì",
            partners: "Cơ quan phối hợp",
            members: "Thành phần",
            subjects: "Đối tượng chịu giám sát",
            days: "Ngày làm việc",
            activities: "Hoạt động",
        },
        Lang::En => Labels {
            lead: "Lead body",
            partners: "Joining bodies",
            members: "Members",
            subjects: "Under supervision",
            days: "Working days",
            activities: "Activities",
        },
    }
}

/// Items in first-seen order, without repeats.
fn unique<'a>(items: impl Iterator<Item = &'a String>) -> Vec<&'a str> {
    let mut seen = BTreeSet::new();
    items
        .filter(|s| seen.insert(s.as_str()))
        .map(String::as_str)
        .collect()
}

/// The calendar of `plan`: one event per group.
pub fn to_calendar(problem: &Problem, plan: &Plan, lang: Lang) -> Result<Calendar> {
    let plan = scored(problem, plan)?;
    let rows = activity_rows(problem, &plan, lang)?;
    let words = labels(lang);
    let body_name = |id: &str| body_name(problem, id);
    let mut calendar = Calendar::new();
    calendar.name(&problem.name);
    for group in &plan.groups {
        let members: Vec<&ActivityRow> = rows.iter().filter(|r| r.lead == group.lead).collect();
        let Some(lead) = members.iter().find(|r| r.id == group.lead) else {
            continue;
        };
        let partners: Vec<String> = unique(
            members
                .iter()
                .map(|r| &r.body)
                .chain(group.invite.iter())
                .filter(|b| **b != lead.body),
        )
        .into_iter()
        .map(body_name)
        .collect();
        let people = unique(members.iter().flat_map(|r| r.member_names.iter()));
        let subjects = unique(members.iter().flat_map(|r| r.subject_names.iter()));
        let days: Vec<String> = group.days.iter().map(|d| lang.date(*d)).collect();
        let ids: Vec<&str> = group.activities.iter().map(String::as_str).collect();
        let description = [
            format!("{}: {}", words.lead, lead.body_name),
            format!("{}: {}", words.partners, partners.join(", ")),
            format!("{}: {}", words.members, people.join(", ")),
            format!("{}: {}", words.subjects, subjects.join(", ")),
            format!("{}: {}", words.days, days.join(", ")),
            format!("{}: {}", words.activities, ids.join(", ")),
        ]
        .join("\n");
        let mut event = Event::new();
        event
            .uid(&format!("{}@oversight", group.lead))
            .summary(&lead.title)
            .description(&description)
            // All-day events end on the day after the last one (RFC 5545 §3.6.1).
            .starts(lead.start)
            .ends(lead.end + Days::new(1))
            .add_property("CATEGORIES", &lead.form_label)
            .add_property("X-OVERSIGHT-ACTIVITIES", ids.join(" "));
        if !subjects.is_empty() {
            event.location(&subjects.join(", "));
        }
        calendar.push(event.done());
    }
    Ok(calendar.done())
}

/// The iCalendar text of `plan`.
pub fn to_ics_string(problem: &Problem, plan: &Plan, lang: Lang) -> Result<String> {
    Ok(to_calendar(problem, plan, lang)?.to_string())
}

/// Writes `plan` as an iCalendar file to `path`.
pub fn write_ics(problem: &Problem, plan: &Plan, path: &Path, lang: Lang) -> Result<()> {
    crate::files::write(path, to_ics_string(problem, plan, lang)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_event_per_group_with_exclusive_end_dates() {
        let problem = Problem::load("examples/nghe-an-2024.json").expect("bundled example");
        let plan = Plan::load("examples/nghe-an-2024.plan.json").expect("bundled plan");
        let text = to_ics_string(&problem, &plan, Lang::Vi).expect("plan fits the problem");
        assert_eq!(text.matches("BEGIN:VEVENT").count(), plan.groups.len());
        assert!(text.contains("UID:dbqh-001@oversight"));
        assert!(text.lines().all(|l| l.len() <= 75), "lines are folded");
        assert!(text.contains("\r\n"));
    }
}
