//! Decoding a parsed problem tree into [`Problem`], collecting every structural fault
//! (missing or unknown fields, wrong types, unknown enum values) with its path.

use std::collections::HashSet;

use serde_json::Value;

use super::document::{ObjectDecoder, ROOT};
use super::problem::{CalendarSpec, Problem, Rules, PROBLEM_FORMAT};
use crate::error::Fault;

/// The top-level fields of a problem.
const PROBLEM_FIELDS: [&str; 14] = [
    "format",
    "name",
    "horizon",
    "calendar",
    "bodies",
    "people",
    "topics",
    "areas",
    "subjects",
    "events",
    "activities",
    "history",
    "rules",
    // `$schema` lets editors offer completion; it carries no meaning.
    "$schema",
];

/// The outcome of decoding: the problem when its skeleton (format, name, horizon)
/// could be read, every structural fault, and the ids of list elements left out
/// because they were malformed.
#[derive(Debug, Default)]
pub struct Decoded {
    pub problem: Option<Problem>,
    pub faults: Vec<Fault>,
    pub dropped_ids: HashSet<String>,
}

/// Decodes a problem tree.
pub fn decode_problem(value: &Value) -> Decoded {
    let mut faults = Vec::new();
    let mut dropped_ids = HashSet::new();
    let mut problem = decode_into(value, &mut faults, &mut dropped_ids);
    if let Some(problem) = &mut problem {
        super::nfc::normalize_ids(problem);
    }
    let dropped_ids = dropped_ids
        .into_iter()
        .map(|id| super::nfc::nfc(&id).into_owned())
        .collect();
    Decoded {
        problem,
        faults,
        dropped_ids,
    }
}

fn decode_into(
    value: &Value,
    faults: &mut Vec<Fault>,
    dropped: &mut HashSet<String>,
) -> Option<Problem> {
    let mut obj = ObjectDecoder::new(value, ROOT, faults)?;
    obj.reject_unknown(&PROBLEM_FIELDS);
    check_format(obj.raw("format"), PROBLEM_FORMAT, &mut obj);
    let name: Option<String> = obj.required("name");
    let horizon = obj.required("horizon");
    let calendar: Option<CalendarSpec> = obj.optional("calendar");
    let bodies = obj.list("bodies", dropped);
    let people = obj.list("people", dropped);
    let topics = obj.list("topics", dropped);
    let areas = obj.list("areas", dropped);
    let subjects = obj.list("subjects", dropped);
    let events = obj.list("events", dropped);
    let activities = obj.list("activities", dropped);
    let history = obj.list("history", dropped);
    let rules: Option<Rules> = obj.optional("rules");
    Some(Problem {
        format: PROBLEM_FORMAT.to_string(),
        name: name?,
        horizon: horizon?,
        calendar: calendar.unwrap_or_default(),
        bodies,
        people,
        topics,
        areas,
        subjects,
        events,
        activities,
        history,
        rules: rules.unwrap_or_default(),
    })
}

/// Checks the `format` field against the expected tag.
pub(crate) fn check_format(found: Option<&Value>, expected: &str, obj: &mut ObjectDecoder<'_>) {
    let message = match found {
        None => {
            format!("missing field `format`; a document starts with \"format\": \"{expected}\"")
        }
        Some(Value::String(s)) if s == expected => return,
        Some(other) => format!(
            "unsupported format {}; this library reads \"{expected}\"",
            super::document::preview(other)
        ),
    };
    obj.push_fault("format", message);
}
