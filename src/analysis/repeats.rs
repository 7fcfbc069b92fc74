//! Look-back repeats: proposed activities that supervise again, at the same agency and
//! on an overlapping topic, what was supervised less than `rules.repeat_months` months
//! before the horizon starts — a repeat the law's look-back rules discourage.
//! Reported, not scored.

use chrono::{Months, NaiveDate};
use serde::Serialize;

use super::topics::TopicTree;
use crate::model::index::Index;
use crate::model::Problem;

/// An activity that repeats a past supervision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Repeat {
    /// The activity's id.
    pub activity: String,
    /// The past supervision's id (in `history`).
    pub history: String,
    /// The bodies of the activity and of the past supervision.
    pub bodies: [String; 2],
    /// The subjects both supervise, in the problem's order.
    pub subjects: Vec<String>,
    /// The overlapping topic pairs (topic of the activity, topic of the past one).
    pub topics: Vec<[String; 2]>,
    /// The past supervision's first day.
    pub past_start: NaiveDate,
    /// The past supervision's last day.
    pub past_end: NaiveDate,
    /// Whole months from the past supervision's end to the horizon's start (always
    /// fewer than `repeat_months`).
    pub months_before: u32,
}

/// Whole months from `from` to `to` (0 when `to` is not after `from`).
fn months_between(from: NaiveDate, to: NaiveDate) -> u32 {
    let mut months = 0;
    while from
        .checked_add_months(Months::new(months + 1))
        .is_some_and(|d| d <= to)
    {
        months += 1;
    }
    months
}

/// The earliest end date a past supervision may have and still count as a repeat:
/// those ending after it ended less than `repeat_months` months before the horizon's
/// start. chrono clamps month ends (31 August minus 6 months is 29 February).
pub fn repeat_cutoff(problem: &Problem) -> NaiveDate {
    problem
        .horizon
        .start
        .checked_sub_months(Months::new(problem.rules.repeat_months))
        // Only for absurd look-backs past chrono's range: then everything is recent.
        .unwrap_or(NaiveDate::MIN)
}

/// Every repeat, ordered by activity position, then history position.
///
/// Candidates come from an index of the recent past supervisions by subject, so each
/// activity is only compared with the past ones at its own agencies.
pub fn repeats(problem: &Problem, index: &Index, tree: &TopicTree) -> Vec<Repeat> {
    let start = problem.horizon.start;
    let cutoff = repeat_cutoff(problem);
    let mut by_subject: Vec<Vec<usize>> = vec![Vec::new(); problem.subjects.len()];
    let mut past_subjects: Vec<Vec<usize>> = Vec::with_capacity(problem.history.len());
    let mut past_topics: Vec<Vec<usize>> = Vec::with_capacity(problem.history.len());
    for (h, past) in problem.history.iter().enumerate() {
        let subjects = Index::resolve(&index.subjects, &past.subjects);
        // "Less than repeat_months before" is strict: one ending on the cutoff ended
        // exactly repeat_months months before and is not a repeat.
        if past.end > cutoff {
            for &s in &subjects {
                by_subject[s].push(h);
            }
        }
        past_subjects.push(subjects);
        past_topics.push(Index::resolve(&index.topics, &past.topics));
    }
    let mut out = Vec::new();
    let mut candidates: Vec<usize> = Vec::new();
    for act in &problem.activities {
        let subjects = Index::resolve(&index.subjects, &act.subjects);
        candidates.clear();
        for &s in &subjects {
            candidates.extend_from_slice(&by_subject[s]);
        }
        candidates.sort_unstable();
        candidates.dedup();
        if candidates.is_empty() {
            continue;
        }
        let topics = Index::resolve(&index.topics, &act.topics);
        for &h in &candidates {
            let pairs = tree.overlapping_pairs(&topics, &past_topics[h]);
            if pairs.is_empty() {
                continue;
            }
            let past = &problem.history[h];
            out.push(Repeat {
                activity: act.id.clone(),
                history: past.id.clone(),
                bodies: [act.body.clone(), past.body.clone()],
                subjects: subjects
                    .iter()
                    .filter(|s| past_subjects[h].contains(s))
                    .map(|&s| problem.subjects[s].id.clone())
                    .collect(),
                topics: pairs
                    .into_iter()
                    .map(|(x, y)| [problem.topics[x].id.clone(), problem.topics[y].id.clone()])
                    .collect(),
                past_start: past.start,
                past_end: past.end,
                months_before: months_between(past.end.min(start), start),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    fn repeats_of(text: &str) -> Vec<Repeat> {
        let problem = Problem::from_text(text).expect("valid");
        let index = Index::new(&problem);
        let tree = TopicTree::new(&problem, &index);
        repeats(&problem, &index, &tree)
    }

    #[test]
    fn whole_months_are_counted() {
        assert_eq!(months_between(d("2023-05-12"), d("2024-01-01")), 7);
        assert_eq!(months_between(d("2022-12-31"), d("2024-01-01")), 12);
        assert_eq!(months_between(d("2024-01-01"), d("2024-01-01")), 0);
    }

    const PROBLEM: &str = r#"{
      "format": "oversight.problem/1", "name": "t",
      "horizon": {"start": "2024-01-01", "end": "2024-03-29"},
      "calendar": {"country": "none"},
      "bodies": [{"id": "na", "name": "NA", "kind": "na_delegation"},
                 {"id": "sc", "name": "SC", "kind": "standing_committee"}],
      "topics": [{"id": "land", "name": "Land"},
                 {"id": "land.c", "name": "C", "parents": ["land"]},
                 {"id": "health", "name": "Health"}],
      "subjects": [{"id": "s1", "name": "S1"}, {"id": "s2", "name": "S2"},
                   {"id": "s3", "name": "S3"}],
      "activities": [
        {"id": "a", "body": "na", "title": "A", "form": "survey", "topics": ["land.c"],
         "subjects": ["s2", "s1"], "duration": 1},
        {"id": "b", "body": "sc", "title": "B", "form": "survey", "topics": ["health"],
         "subjects": ["s1"], "duration": 1}
      ],
      "history": [
        {"id": "h-old", "body": "na", "topics": ["land"], "subjects": ["s1"],
         "start": "2022-06-20", "end": "2022-07-01"},
        {"id": "h-edge", "body": "sc", "topics": ["land"], "subjects": ["s1", "s2"],
         "start": "2022-06-28", "end": "2022-07-02"},
        {"id": "h-other-subject", "body": "na", "topics": ["land.c"], "subjects": ["s3"],
         "start": "2023-10-01", "end": "2023-10-03"},
        {"id": "h-other-topic", "body": "na", "topics": ["health"], "subjects": ["s2"],
         "start": "2023-11-01", "end": "2023-11-02"},
        {"id": "h-recent", "body": "sc", "topics": ["land.c", "health"], "subjects": ["s1"],
         "start": "2023-12-01", "end": "2023-12-05"}
      ]
    }"#;

    #[test]
    fn repeats_need_a_shared_subject_an_overlapping_topic_and_a_recent_end() {
        let found = repeats_of(PROBLEM);
        let s = |x: &str| x.to_string();
        assert_eq!(
            found,
            vec![
                // Ended 2 July 2022: 17 whole months before 1 January 2024 (< 18).
                Repeat {
                    activity: s("a"),
                    history: s("h-edge"),
                    bodies: [s("na"), s("sc")],
                    subjects: vec![s("s1"), s("s2")],
                    topics: vec![[s("land.c"), s("land")]],
                    past_start: d("2022-06-28"),
                    past_end: d("2022-07-02"),
                    months_before: 17,
                },
                Repeat {
                    activity: s("a"),
                    history: s("h-recent"),
                    bodies: [s("na"), s("sc")],
                    subjects: vec![s("s1")],
                    topics: vec![[s("land.c"), s("land.c")]],
                    past_start: d("2023-12-01"),
                    past_end: d("2023-12-05"),
                    months_before: 0,
                },
                // Any body may repeat any body's supervision.
                Repeat {
                    activity: s("b"),
                    history: s("h-recent"),
                    bodies: [s("sc"), s("sc")],
                    subjects: vec![s("s1")],
                    topics: vec![[s("health"), s("health")]],
                    past_start: d("2023-12-01"),
                    past_end: d("2023-12-05"),
                    months_before: 0,
                },
            ]
        );
        // h-old ended on 1 July 2022, exactly 18 months before: not a repeat.
        assert!(found.iter().all(|r| r.history != "h-old"));
    }

    #[test]
    fn the_look_back_follows_repeat_months_with_clamped_month_ends() {
        // Horizon from 31 August 2024, 6 months back: 29 February 2024.
        let text = PROBLEM
            .replace(
                r#""horizon": {"start": "2024-01-01", "end": "2024-03-29"}"#,
                r#""horizon": {"start": "2024-08-31", "end": "2024-09-30"},
                   "rules": {"repeat_months": 6}"#,
            )
            .replace(
                r#""start": "2022-06-20", "end": "2022-07-01""#,
                r#""start": "2024-02-28", "end": "2024-02-29""#,
            )
            .replace(
                r#""start": "2022-06-28", "end": "2022-07-02""#,
                r#""start": "2024-02-28", "end": "2024-03-01""#,
            );
        let problem = Problem::from_text(&text).expect("valid");
        assert_eq!(repeat_cutoff(&problem), d("2024-02-29"));
        let found = repeats_of(&text);
        let pairs: Vec<(&str, &str, u32)> = found
            .iter()
            .map(|r| (r.activity.as_str(), r.history.as_str(), r.months_before))
            .collect();
        // h-old ends on the cutoff itself: out. h-edge ends a day later: 5 whole
        // months. h-recent (December 2023) is now too old.
        assert_eq!(pairs, [("a", "h-edge", 5)]);
    }
}
