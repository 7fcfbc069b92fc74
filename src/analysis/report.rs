//! `Problem::analyze`: everything the analysis finds, in one serialisable value, and a
//! plain-text report for planners in Vietnamese or English.

use std::fmt::Write;

use serde::Serialize;

use super::groups::{find_duplicates, Grouping};
use super::load::{cannot_fit, person_loads, visit_loads, CannotFit, PersonLoad, VisitLoad};
use super::overlaps::{topic_overlaps, TopicOverlap};
use super::precedence::{precedence, Precedence};
use super::repeats::{repeats, Repeat};
use super::topics::TopicTree;
use crate::calendar::WorkCalendar;
use crate::error::Result;
use crate::lang::Lang;
use crate::model::index::Index;
use crate::model::{DateRange, Problem};

/// A joint group (two activities or more) as the analysis shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GroupSummary {
    /// The id of the leading activity.
    pub lead: String,
    /// Every activity of the group: the lead first, then the others by id.
    pub activities: Vec<String>,
    /// The bodies of the activities: the lead's first, each once.
    pub bodies: Vec<String>,
    /// The bodies invited to the joint activity (ordered by id).
    pub invite: Vec<String>,
    /// The group's duration: the longest of its activities.
    pub duration: u32,
}

/// Two activities of different bodies at the same agency on overlapping topics: the
/// format's duplicates, which `merge: auto` runs as one joint activity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Duplicate {
    /// The two activities' ids, the earlier one in the problem first.
    pub activities: [String; 2],
    /// Their bodies, in the same order.
    pub bodies: [String; 2],
    /// The subjects both supervise.
    pub subjects: Vec<String>,
    /// The overlapping topic pairs (topic of the first, topic of the second).
    pub topics: Vec<[String; 2]>,
}

/// What the analysis of a problem finds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Analysis {
    /// The problem's name.
    pub problem: String,
    /// The planning period.
    pub horizon: DateRange,
    /// The number of working days of the horizon.
    pub working_days: u32,
    /// The number of activities.
    pub activity_count: usize,
    /// The number of groups, single activities included.
    pub group_count: usize,
    /// The joint groups only (two activities or more), in group order.
    pub groups: Vec<GroupSummary>,
    /// Every duplicate pair, in the order of the first activity then the second.
    pub duplicates: Vec<Duplicate>,
    /// Topic-only overlaps across bodies (no shared subject).
    pub overlaps: Vec<TopicOverlap>,
    /// Activities repeating a recent past supervision.
    pub repeats: Vec<Repeat>,
    /// Each person's load, in the problem's order.
    pub people: Vec<PersonLoad>,
    /// Members who cannot fit an activity.
    pub cannot_fit: Vec<CannotFit>,
    /// Visits per subject, busiest first.
    pub subjects: Vec<VisitLoad>,
    /// Visits per area, busiest first.
    pub areas: Vec<VisitLoad>,
    /// The orders, their cycles, and each group's start bounds.
    pub precedence: Precedence,
}

/// Analyses a validated problem.
pub fn analyze(problem: &Problem) -> Result<Analysis> {
    let calendar = WorkCalendar::new(&problem.calendar, problem.horizon)?;
    let index = Index::new(problem);
    let tree = TopicTree::new(problem, &index);
    let pairs = find_duplicates(problem, &index, &tree);
    let grouping = Grouping::new(problem, &index, &pairs);
    let acts = &problem.activities;
    let duplicates = pairs
        .iter()
        .map(|d| Duplicate {
            activities: [acts[d.first].id.clone(), acts[d.second].id.clone()],
            bodies: [acts[d.first].body.clone(), acts[d.second].body.clone()],
            subjects: d
                .subjects
                .iter()
                .map(|&s| problem.subjects[s].id.clone())
                .collect(),
            topics: d
                .topics
                .iter()
                .map(|&(x, y)| [problem.topics[x].id.clone(), problem.topics[y].id.clone()])
                .collect(),
        })
        .collect();
    let groups = grouping
        .groups
        .iter()
        .filter(|g| g.activities.len() > 1)
        .map(|g| {
            // The lead comes first in `activities`, so its body comes first here.
            let mut bodies: Vec<String> = Vec::new();
            for &a in &g.activities {
                if !bodies.contains(&acts[a].body) {
                    bodies.push(acts[a].body.clone());
                }
            }
            GroupSummary {
                lead: acts[g.lead].id.clone(),
                activities: g.activities.iter().map(|&a| acts[a].id.clone()).collect(),
                bodies,
                invite: g
                    .invite
                    .iter()
                    .map(|&b| problem.bodies[b].id.clone())
                    .collect(),
                duration: g.duration,
            }
        })
        .collect();
    let (subjects, areas) = visit_loads(problem, &grouping);
    Ok(Analysis {
        problem: problem.name.clone(),
        horizon: problem.horizon,
        working_days: u32::try_from(calendar.working_days().len()).unwrap_or(u32::MAX),
        activity_count: acts.len(),
        group_count: grouping.groups.len(),
        groups,
        duplicates,
        overlaps: topic_overlaps(problem, &index, &tree),
        repeats: repeats(problem, &index, &tree),
        people: person_loads(problem, &grouping, &calendar),
        cannot_fit: cannot_fit(problem, &index, &calendar),
        subjects,
        areas,
        precedence: precedence(problem, &index, &grouping, &calendar),
    })
}

impl Problem {
    /// Groups, duplicates, topic overlaps, look-back repeats, loads and precedence.
    ///
    /// ```
    /// let problem = oversight::Problem::load("examples/nghe-an-2024.json")?;
    /// let analysis = problem.analyze()?;
    /// assert!(analysis.group_count <= problem.activities.len());
    /// # Ok::<(), oversight::Error>(())
    /// ```
    pub fn analyze(&self) -> Result<Analysis> {
        analyze(self)
    }
}

/// How many lines a long section shows before "… and N more": a report is read by a
/// person; the full lists are in the JSON.
const LINES: usize = 25;

/// The report's words, from the catalogue in the report's language.
struct Words {
    lang: Lang,
}

impl Words {
    fn t(&self, key: &str) -> String {
        crate::text::label(self.lang, key)
    }
}

/// Writes a section heading with its item count.
fn heading(o: &mut String, title: &str, count: Option<usize>) {
    let _ = match count {
        Some(n) => writeln!(o, "\n== {title} ({n}) =="),
        None => writeln!(o, "\n== {title} =="),
    };
}

/// Writes at most [`LINES`] lines of `items`, then how many were left out, or a
/// "none" line for an empty list.
fn lines<T>(o: &mut String, w: &Words, items: &[T], line: impl Fn(&T) -> String) {
    if items.is_empty() {
        let _ = writeln!(o, "  {}", w.t("analysis-none"));
        return;
    }
    for item in items.iter().take(LINES) {
        let _ = writeln!(o, "  {}", line(item));
    }
    if items.len() > LINES {
        let _ = writeln!(
            o,
            "  … {} {} {}",
            w.t("analysis-and"),
            items.len() - LINES,
            w.t("analysis-more")
        );
    }
}

fn pairs(topics: &[[String; 2]]) -> String {
    topics
        .iter()
        .map(|[x, y]| {
            if x == y {
                x.clone()
            } else {
                format!("{x} ~ {y}")
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

impl Analysis {
    /// A plain-text report in `lang`: one section per finding, long lists cut to
    /// their first lines (the JSON holds everything).
    pub fn to_text(&self, lang: Lang) -> String {
        let w = Words { lang };
        let t = |key: &str| w.t(key);
        let date = |d: chrono::NaiveDate| lang.date(d);
        let mut o = String::new();
        let _ = writeln!(
            o,
            "{} \"{}\"",
            t("analysis-analysis-of-the-supervision-programme"),
            self.problem
        );
        let _ = writeln!(
            o,
            "{} {} – {}: {} {}, {} {}, {} {}",
            t("analysis-horizon"),
            date(self.horizon.start),
            date(self.horizon.end),
            self.working_days,
            t("analysis-working-days"),
            self.activity_count,
            t("analysis-activities"),
            self.group_count,
            t("analysis-groups")
        );

        heading(
            &mut o,
            &t("analysis-merged-groups-joint-activities"),
            Some(self.groups.len()),
        );
        lines(&mut o, &w, &self.groups, |g| {
            format!(
                "{} {}: {}; {}: {}; {} {}",
                g.lead,
                t("analysis-leads"),
                g.activities.join(", "),
                t("analysis-invites"),
                g.invite.join(", "),
                g.duration,
                t("analysis-days")
            )
        });

        heading(
            &mut o,
            &t("analysis-duplicates-across-bodies"),
            Some(self.duplicates.len()),
        );
        lines(&mut o, &w, &self.duplicates, |d| {
            format!(
                "{} ({}) ~ {} ({}) {} {}; {}: {}",
                d.activities[0],
                d.bodies[0],
                d.activities[1],
                d.bodies[1],
                t("analysis-at"),
                d.subjects.join(", "),
                t("analysis-topics"),
                pairs(&d.topics)
            )
        });

        heading(
            &mut o,
            &t("analysis-topic-overlaps-different-supervised-agen"),
            Some(self.overlaps.len()),
        );
        lines(&mut o, &w, &self.overlaps, |x| {
            format!(
                "{} ({}) ~ {} ({}): {}",
                x.activities[0],
                x.bodies[0],
                x.activities[1],
                x.bodies[1],
                pairs(&x.topics)
            )
        });

        heading(
            &mut o,
            &t("analysis-look-back-repeats"),
            Some(self.repeats.len()),
        );
        lines(&mut o, &w, &self.repeats, |r| {
            format!(
                "{} {} {} ({}, {} – {}, {} {}) {} {}",
                r.activity,
                t("analysis-repeats"),
                r.history,
                r.bodies[1],
                date(r.past_start),
                date(r.past_end),
                r.months_before,
                t("analysis-months-before-the-horizon"),
                t("analysis-at"),
                r.subjects.join(", ")
            )
        });

        heading(
            &mut o,
            &t("analysis-load-per-person-days-needed-days-availab"),
            None,
        );
        // The overloaded first, then the busiest.
        let mut people: Vec<&PersonLoad> = self.people.iter().collect();
        people.sort_by(|a, b| {
            (b.overloaded(), b.required_days)
                .cmp(&(a.overloaded(), a.required_days))
                .then_with(|| a.person.cmp(&b.person))
        });
        let overloaded = people.iter().filter(|p| p.overloaded()).count();
        if overloaded > 0 {
            let _ = writeln!(o, "  {}: {overloaded}", t("analysis-people-overloaded"));
        }
        lines(&mut o, &w, &people, |p| {
            format!(
                "{} {}: {} / {} ({} {}){}",
                p.person,
                p.name,
                p.required_days,
                p.available_days,
                p.groups,
                t("analysis-groups"),
                if p.overloaded() {
                    t("analysis-overloaded")
                } else {
                    String::new()
                }
            )
        });

        heading(
            &mut o,
            &t("analysis-members-who-cannot-fit-an-activity"),
            Some(self.cannot_fit.len()),
        );
        lines(&mut o, &w, &self.cannot_fit, |c| {
            let fixed = c
                .fixed_start
                .map(|f| format!(", {} {}", t("analysis-fixed-start"), date(f)))
                .unwrap_or_default();
            format!(
                "{} / {}: {} {} ({} {}) {} {} {}{fixed}",
                c.activity,
                c.person,
                c.free_days,
                t("analysis-free-days"),
                t("analysis-longest-run"),
                c.longest_run,
                t("analysis-for"),
                c.duration,
                t("analysis-days-needed"),
            )
        });

        let visits = |v: &VisitLoad| {
            format!(
                "{} ({}): {} {}, {} {}",
                v.name,
                v.id,
                v.groups,
                t("analysis-visits"),
                v.days,
                t("analysis-days")
            )
        };
        heading(
            &mut o,
            &t("analysis-load-per-supervised-agency"),
            Some(self.subjects.len()),
        );
        lines(&mut o, &w, &self.subjects, visits);
        heading(&mut o, &t("analysis-load-per-area"), Some(self.areas.len()));
        lines(&mut o, &w, &self.areas, visits);

        let p = &self.precedence;
        heading(
            &mut o,
            &t("analysis-after-before-orders"),
            Some(p.orders.len()),
        );
        let _ = writeln!(
            o,
            "  {}: {}",
            t("analysis-cycles-of-orders"),
            p.cycles.len()
        );
        for c in &p.cycles {
            let first = c.first().map(String::as_str).unwrap_or_default();
            let _ = writeln!(o, "    {} → {first}", c.join(" → "));
        }
        let impossible: Vec<&str> = p
            .bounds
            .iter()
            .filter(|b| b.earliest.is_none())
            .map(|b| b.lead.as_str())
            .collect();
        if !impossible.is_empty() {
            let _ = writeln!(
                o,
                "  {} ({}): {}",
                t("analysis-no-feasible-start"),
                impossible.len(),
                impossible.join(", ")
            );
        }
        // The groups with the fewest possible starts are the ones to plan first; fixed
        // ones are the planner's own choice and would crowd the list.
        let mut tight: Vec<_> = p
            .bounds
            .iter()
            .filter(|b| !b.fixed)
            .filter_map(|b| Some((b.candidates, b.lead.as_str(), b.earliest?, b.latest?)))
            .collect();
        tight.sort_by(|x, y| (x.0, x.1).cmp(&(y.0, y.1)));
        tight.truncate(10);
        if !tight.is_empty() {
            let _ = writeln!(
                o,
                "  {}:",
                t("analysis-groups-not-fixed-with-the-fewest-possibl")
            );
            for (count, lead, lo, hi) in tight {
                let _ = writeln!(
                    o,
                    "    {lead}: {} – {} ({count} {})",
                    date(lo),
                    date(hi),
                    t("analysis-possible-starts")
                );
            }
        }
        o
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PROBLEM: &str = r#"{
      "format": "oversight.problem/1", "name": "t",
      "horizon": {"start": "2024-03-04", "end": "2024-03-29"},
      "calendar": {"country": "none"},
      "bodies": [{"id": "na", "name": "NA", "kind": "na_delegation", "rank": 1},
                 {"id": "sc", "name": "SC", "kind": "standing_committee", "rank": 2},
                 {"id": "ec", "name": "EC", "kind": "committee"}],
      "people": [{"id": "p1", "name": "Một", "bodies": ["na"],
                  "unavailable": [{"start": "2024-03-04", "end": "2024-03-26"}]}],
      "topics": [{"id": "land", "name": "Land"}, {"id": "land.c", "name": "C", "parents": ["land"]}],
      "areas": [{"id": "x", "name": "Xã X"}],
      "subjects": [{"id": "s1", "name": "S1", "area": "x"}, {"id": "s2", "name": "S2"},
                   {"id": "s3", "name": "S3"}],
      "activities": [
        {"id": "c", "body": "na", "title": "C", "form": "survey", "topics": ["land.c"],
         "subjects": ["s2"], "duration": 1},
        {"id": "b", "body": "sc", "title": "B", "form": "survey", "topics": ["land"],
         "subjects": ["s1", "s2"], "duration": 2, "invite": ["ec"]},
        {"id": "a", "body": "na", "title": "A", "form": "survey", "topics": ["land"],
         "subjects": ["s1"], "duration": 4, "members": ["p1"], "after": [{"ref": "c"}]},
        {"id": "d", "body": "ec", "title": "D", "form": "survey", "topics": ["land.c"],
         "subjects": ["s3"], "duration": 1}
      ],
      "history": [{"id": "h1", "body": "ec", "topics": ["land.c"], "subjects": ["s3"],
                   "start": "2023-06-01", "end": "2023-06-02"}]
    }"#;

    #[test]
    fn the_analysis_of_a_small_problem() {
        let problem = Problem::from_text(PROBLEM).expect("valid");
        let analysis = problem.analyze().expect("analyze");
        assert_eq!(analysis, analyze(&problem).expect("analyze"));
        assert_eq!((analysis.activity_count, analysis.group_count), (4, 2));
        assert_eq!(analysis.working_days, 20);
        // c ~ b at s2 and b ~ a at s1 join one group; na ranks first and "a" < "c".
        assert_eq!(
            analysis.groups,
            vec![GroupSummary {
                lead: "a".into(),
                activities: vec!["a".into(), "b".into(), "c".into()],
                bodies: vec!["na".into(), "sc".into()],
                invite: vec!["ec".into(), "sc".into()],
                duration: 4,
            }]
        );
        let dups: Vec<[String; 2]> = analysis
            .duplicates
            .iter()
            .map(|d| d.activities.clone())
            .collect();
        assert_eq!(
            dups,
            [
                ["c".to_string(), "b".to_string()],
                ["b".to_string(), "a".to_string()]
            ]
        );
        assert_eq!(analysis.duplicates[0].subjects, ["s2"]);
        assert_eq!(
            analysis.duplicates[0].topics,
            [["land.c".to_string(), "land".to_string()]]
        );
        // d (ec) overlaps a, b, c by topic at another agency.
        assert_eq!(analysis.overlaps.len(), 3);
        assert_eq!(analysis.repeats.len(), 1);
        assert_eq!(analysis.repeats[0].activity, "d");
        // "a after c" inside one group: a cycle of one, and no feasible start.
        assert_eq!(analysis.precedence.cycles, [["a".to_string()]]);
        assert_eq!(analysis.precedence.bounds[0].earliest, None);
        assert!(analysis.precedence.bounds[1].earliest.is_some());
        // p1 is free 27–29 March only: 3 days for a 4-day group.
        assert_eq!(analysis.people[0].required_days, 4);
        assert_eq!(analysis.people[0].available_days, 3);
        assert_eq!(analysis.cannot_fit.len(), 1);
        assert_eq!(analysis.subjects[0].id, "s1");
        assert_eq!(analysis.areas[0].id, "x");
    }

    #[test]
    fn the_report_reads_in_both_languages_and_serialises() {
        let analysis = Problem::from_text(PROBLEM)
            .expect("valid")
            .analyze()
            .expect("analyze");
        let vi = analysis.to_text(Lang::Vi);
        for heading in [
            "Nhóm hoạt động gộp (1)",
            "Trùng lặp giữa các cơ quan (2)",
            "Chồng lấn chủ đề",
            "Giám sát lặp lại (1)",
            "Khối lượng theo người",
            "Thành viên không đủ ngày để tham gia (1)",
            "Khối lượng theo đơn vị được giám sát",
            "Khối lượng theo địa bàn",
            "Thứ tự trước/sau",
            "Không có ngày bắt đầu khả thi (1): a",
            "04/03/2024",
            "p1 Một: 4 / 3 (1 nhóm) — quá tải",
            "a → a",
        ] {
            assert!(vi.contains(heading), "{heading:?} missing from\n{vi}");
        }
        let en = analysis.to_text(Lang::En);
        for heading in [
            "Merged groups (joint activities) (1)",
            "Duplicates across bodies (2)",
            "Topic overlaps",
            "Look-back repeats (1)",
            "Load per person",
            "Members who cannot fit an activity (1)",
            "No feasible start (1): a",
            "2024-03-04",
        ] {
            assert!(en.contains(heading), "{heading:?} missing from\n{en}");
        }
        assert!(!en.contains("Trùng"));
        let json = serde_json::to_value(&analysis).expect("json");
        for key in [
            "problem",
            "groups",
            "duplicates",
            "overlaps",
            "repeats",
            "people",
            "cannot_fit",
            "subjects",
            "areas",
            "precedence",
        ] {
            assert!(json.get(key).is_some(), "{key}");
        }
        assert_eq!(json["groups"][0]["lead"], "a");
        assert_eq!(json["precedence"]["orders"][0]["kind"], "after");
        assert_eq!(json["repeats"][0]["past_end"], "2023-06-02");
    }

    #[test]
    fn long_sections_are_cut() {
        let mut o = String::new();
        let items: Vec<usize> = (0..LINES + 3).collect();
        lines(&mut o, &Words { lang: Lang::En }, &items, |i| i.to_string());
        assert_eq!(o.lines().count(), LINES + 1);
        assert!(o.ends_with("… and 3 more\n"));
    }

    /// The bundled example (Vietnamese calendar).
    #[test]
    fn the_example_analyses() {
        let problem = Problem::load(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/examples/nghe-an-2024.json"
        ))
        .expect("the bundled example");
        let analysis = problem.analyze().expect("analyze");
        assert_eq!(analysis.activity_count, problem.activities.len());
        assert_eq!(analysis.group_count, 139);
        assert_eq!(analysis.groups.len(), 10);
        assert!(analysis.precedence.cycles.is_empty());
        // The example has a feasible plan, so every group has a start.
        assert!(analysis
            .precedence
            .bounds
            .iter()
            .all(|b| b.earliest.is_some()));
        assert!(analysis
            .repeats
            .iter()
            .any(|r| r.activity == "dbqh-002" && r.history == "h2023-01"));
        // 262 weekdays in 2024 less about a dozen holidays; the exact count is the
        // calendar's business and tested there.
        assert!((240..=256).contains(&analysis.working_days));
        assert!(analysis
            .to_text(Lang::Vi)
            .contains("Trùng lặp giữa các cơ quan"));
        assert!(analysis.to_text(Lang::En).contains("Look-back repeats"));
    }
}
