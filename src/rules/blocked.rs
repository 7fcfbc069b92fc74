//! `blocked` (hard, one group): no day of the group falls on an event that blocks the
//! lead's body or a body of one of its members, nor on a member's unavailable days.
//! The ranges a group must avoid are derived here and nowhere else.

use crate::model::{DateRange, Event, Problem};

/// The rule's name in the format.
pub const NAME: &str = "blocked";

/// Whether `event` blocks one of `bodies` (ids); `"*"` blocks every body.
#[inline]
pub fn blocks_any<S: AsRef<str>>(event: &Event, bodies: &[S]) -> bool {
    bodies.iter().any(|b| event.blocks_body(b.as_ref()))
}

/// The date ranges a group led by body `lead_body` with members `members` (positions
/// in `problem.people`) may not use: the events blocking the lead's body or a member's
/// body, then the members' unavailable ranges.
pub fn ranges(problem: &Problem, lead_body: usize, members: &[usize]) -> Vec<DateRange> {
    let lead = problem.bodies.get(lead_body).map_or("", |b| b.id.as_str());
    ranges_of(problem, lead, members)
}

/// [`ranges`] with the lead's body given by its id (an activity's `body`).
pub fn ranges_of(problem: &Problem, lead_body: &str, members: &[usize]) -> Vec<DateRange> {
    let mut bodies: Vec<&str> = vec![lead_body];
    for &p in members {
        bodies.extend(problem.people[p].bodies.iter().map(String::as_str));
    }
    let mut out: Vec<DateRange> = problem
        .events
        .iter()
        .filter(|e| blocks_any(e, &bodies))
        .map(Event::range)
        .collect();
    for &p in members {
        out.extend(problem.people[p].unavailable.iter().copied());
    }
    out
}
