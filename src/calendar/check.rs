//! The format's consistency rule that needs the calendar: an activity's window must
//! hold at least `duration` working days.

use super::working::WorkCalendar;
use crate::error::Fault;
use crate::model::Problem;

/// Reports every activity whose window (the horizon when it has none) holds fewer
/// working days than its duration.
pub fn check_windows(problem: &Problem, calendar: &WorkCalendar, faults: &mut Vec<Fault>) {
    for (i, activity) in problem.activities.iter().enumerate() {
        if activity.duration == 0 {
            continue; // reported by the model checks
        }
        let (range, path) = match activity.window {
            Some(window) if window.end >= window.start => {
                (window, format!("activities[{i}].window"))
            }
            Some(_) => continue, // a backwards window is reported by the model checks
            None => (calendar.horizon(), format!("activities[{i}].duration")),
        };
        let available = calendar.working_days_in(range);
        if available < activity.duration {
            let place = if activity.window.is_some() {
                "the window"
            } else {
                "the horizon"
            };
            faults.push(Fault::new(
                path,
                format!(
                    "{place} {} – {} holds {available} working day{}, fewer than the duration of {} for activity \"{}\"",
                    range.start,
                    range.end,
                    if available == 1 { "" } else { "s" },
                    activity.duration,
                    activity.id
                ),
            ));
        }
    }
}
