//! A plan as an RFC 5545 calendar: one all-day event per group, from its first to its
//! last day, naming its bodies, members and subjects, so offices can import the
//! programme into the calendars they already use. Built with the `icalendar` crate,
//! which folds long lines and backslash-escapes `\\ ; ,` and newlines in the TEXT
//! properties it knows. Two things it leaves to us (RFC 5545 §3.3.11): control
//! characters other than HTAB are not allowed in TEXT at all, so [`text`] drops them
//! (a carriage return would end the line early, a NUL cuts the file for many readers);
//! and `NAME` (RFC 7986), which it writes verbatim, is escaped here. A date whose year
//! has more than four digits cannot be written as an RFC 5545 DATE, so such a plan is
//! refused rather than written as `+100000101`.

use std::collections::BTreeSet;
use std::path::Path;

use chrono::{Datelike, Days, NaiveDate};
use icalendar::{Calendar, Component, Event, EventLike, Property};

use super::table::{activity_rows, body_name, scored, ActivityRow};
use crate::error::{Document, Error, Fault, Result};
use crate::lang::Lang;
use crate::model::Problem;
use crate::plan::Plan;
use crate::text::label;

/// Items in first-seen order, without repeats.
fn unique<'a>(items: impl Iterator<Item = &'a String>) -> Vec<&'a str> {
    let mut seen = BTreeSet::new();
    items
        .filter(|s| seen.insert(s.as_str()))
        .map(String::as_str)
        .collect()
}

/// `value` as RFC 5545 TEXT allows it: every control character but HTAB and LF dropped
/// (a CR LF pair becomes the LF the escaper writes as `\n`).
pub fn text(value: &str) -> String {
    value
        .chars()
        .filter(|&c| c == '\t' || c == '\n' || !c.is_control())
        .collect()
}

/// `value` escaped as RFC 5545 TEXT, for the properties the crate writes verbatim.
fn escaped(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in text(value).chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out
}

/// The years an RFC 5545 DATE (four digits) can hold.
const YEARS: std::ops::RangeInclusive<i32> = 1..=9999;

/// The all-day span of the group at `position`: its first day and the day after its
/// last, or a fault naming the group when either cannot be written.
fn span(position: usize, lead: &ActivityRow) -> Result<(NaiveDate, NaiveDate)> {
    let refuse = |date: String| Error::Invalid {
        document: Document::Plan,
        faults: vec![Fault::new(
            format!("groups[{position}]"),
            format!(
                "group \"{}\" falls on {date}, outside the years {}–{} a calendar file can hold",
                lead.lead,
                YEARS.start(),
                YEARS.end()
            ),
        )],
    };
    // All-day events end on the day after the last one (RFC 5545 §3.6.1).
    let end = lead
        .end
        .checked_add_days(Days::new(1))
        .ok_or_else(|| refuse(lead.end.to_string()))?;
    for date in [lead.start, end] {
        if !YEARS.contains(&date.year()) {
            return Err(refuse(date.to_string()));
        }
    }
    Ok((lead.start, end))
}

/// The calendar of `plan`: one event per group.
pub fn to_calendar(problem: &Problem, plan: &Plan, lang: Lang) -> Result<Calendar> {
    let plan = scored(problem, plan)?;
    let rows = activity_rows(problem, &plan, lang)?;
    let word = |key: &str| label(lang, key);
    let body_name = |id: &str| body_name(problem, id);
    let mut calendar = Calendar::new();
    // What `Calendar::name` writes, with NAME escaped (the crate writes it verbatim).
    calendar.append_property(Property::new("NAME", escaped(&problem.name)));
    calendar.append_property(Property::new("X-WR-CALNAME", text(&problem.name)));
    for (position, group) in plan.groups.iter().enumerate() {
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
            format!("{}: {}", word("ics-lead"), lead.body_name),
            format!("{}: {}", word("ics-partners"), partners.join(", ")),
            format!("{}: {}", word("ics-members"), people.join(", ")),
            format!("{}: {}", word("ics-subjects"), subjects.join(", ")),
            format!("{}: {}", word("ics-days"), days.join(", ")),
            format!("{}: {}", word("ics-activities"), ids.join(", ")),
        ]
        .join("\n");
        let (start, end) = span(position, lead)?;
        let mut event = Event::new();
        event
            .uid(&text(&format!("{}@oversight", group.lead)))
            .summary(&text(&lead.title))
            .description(&text(&description))
            .starts(start)
            .ends(end)
            .add_property("CATEGORIES", &lead.form_label)
            .add_property("X-OVERSIGHT-ACTIVITIES", text(&ids.join(" ")));
        if !subjects.is_empty() {
            event.location(&text(&subjects.join(", ")));
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

    #[test]
    fn control_characters_are_dropped_and_name_is_escaped() {
        assert_eq!(text("a\r\nb\0c\u{7}d\te\u{85}f"), "a\nbcd\tef");
        assert_eq!(escaped("a;b,c\\d\r\ne"), "a\\;b\\,c\\\\d\\ne");
    }
}
