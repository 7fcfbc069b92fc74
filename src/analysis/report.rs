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
use crate::model::Problem;

/// A group as the analysis shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GroupSummary {
    pub lead: String,
    pub activities: Vec<String>,
    pub bodies: Vec<String>,
    pub invite: Vec<String>,
    pub duration: u32,
}

/// Two activities of different bodies at the same agency on overlapping topics.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Duplicate {
    pub activities: [String; 2],
    pub bodies: [String; 2],
    pub subjects: Vec<String>,
    pub topics: Vec<[String; 2]>,
}

/// What the analysis of a problem finds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Analysis {
    pub problem: String,
    /// Only the joint groups (more than one activity).
    pub groups: Vec<GroupSummary>,
    pub group_count: usize,
    pub duplicates: Vec<Duplicate>,
    pub overlaps: Vec<TopicOverlap>,
    pub repeats: Vec<Repeat>,
    pub people: Vec<PersonLoad>,
    pub cannot_fit: Vec<CannotFit>,
    pub subjects: Vec<VisitLoad>,
    pub areas: Vec<VisitLoad>,
    pub precedence: Precedence,
    pub working_days: u32,
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
            let mut bodies: Vec<String> =
                g.activities.iter().map(|&a| acts[a].body.clone()).collect();
            bodies.dedup();
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
        groups,
        group_count: grouping.groups.len(),
        duplicates,
        overlaps: topic_overlaps(problem, &index, &tree),
        repeats: repeats(problem, &index, &tree),
        people: person_loads(problem, &grouping, &calendar),
        cannot_fit: cannot_fit(problem, &index, &calendar),
        subjects,
        areas,
        precedence: precedence(problem, &index, &grouping, &calendar),
        working_days: calendar.working_days().len() as u32,
    })
}

impl Problem {
    /// Groups, duplicates, topic overlaps, look-back repeats, loads and precedence.
    pub fn analyze(&self) -> Result<Analysis> {
        analyze(self)
    }
}

impl Analysis {
    /// A plain-text report in `lang`.
    pub fn to_text(&self, lang: Lang) -> String {
        let vi = lang == Lang::Vi;
        let t = |v: &'static str, e: &'static str| if vi { v } else { e };
        let mut o = String::new();
        let _ = writeln!(
            o,
            "{} \"{}\": {} {}, {} {}",
            t("Phân tích", "Analysis of"),
            self.problem,
            self.group_count,
            t("nhóm hoạt động", "groups"),
            self.working_days,
            t("ngày làm việc", "working days")
        );
        let _ = writeln!(
            o,
            "\n{} ({})",
            t("Hoạt động chung (gộp)", "Joint activities (merged)"),
            self.groups.len()
        );
        for g in &self.groups {
            let _ = writeln!(
                o,
                "  {} {} [{}], {} [{}]",
                g.lead,
                t("chủ trì", "leads"),
                g.activities.join(", "),
                t("mời", "invites"),
                g.invite.join(", ")
            );
        }
        let _ = writeln!(
            o,
            "\n{} ({})",
            t("Trùng lặp giữa các cơ quan", "Duplicates across bodies"),
            self.duplicates.len()
        );
        for d in &self.duplicates {
            let _ = writeln!(
                o,
                "  {} ({}) ~ {} ({}) @ {}",
                d.activities[0],
                d.bodies[0],
                d.activities[1],
                d.bodies[1],
                d.subjects.join(", ")
            );
        }
        let _ = writeln!(
            o,
            "\n{} ({})",
            t(
                "Chồng lấn chủ đề (khác đơn vị)",
                "Topic overlaps (other agencies)"
            ),
            self.overlaps.len()
        );
        for x in self.overlaps.iter().take(20) {
            let _ = writeln!(
                o,
                "  {} ({}) ~ {} ({})",
                x.activities[0], x.bodies[0], x.activities[1], x.bodies[1]
            );
        }
        if self.overlaps.len() > 20 {
            let _ = writeln!(
                o,
                "  … {} {}",
                self.overlaps.len() - 20,
                t("cặp khác", "more")
            );
        }
        let _ = writeln!(
            o,
            "\n{} ({})",
            t("Giám sát lặp lại", "Look-back repeats"),
            self.repeats.len()
        );
        for r in &self.repeats {
            let _ = writeln!(
                o,
                "  {} {} {} ({} – {}, {} {}) @ {}",
                r.activity,
                t("lặp lại", "repeats"),
                r.history,
                r.past_start,
                r.past_end,
                r.months_before,
                t("tháng trước kỳ kế hoạch", "months before the horizon"),
                r.subjects.join(", ")
            );
        }
        let _ = writeln!(
            o,
            "\n{}",
            t(
                "Khối lượng theo người (ngày cần / ngày có)",
                "Load per person (days needed / available)"
            )
        );
        let mut people: Vec<&PersonLoad> = self.people.iter().collect();
        people.sort_by(|a, b| {
            b.required_days
                .cmp(&a.required_days)
                .then_with(|| a.person.cmp(&b.person))
        });
        for p in people.iter().take(10) {
            let _ = writeln!(
                o,
                "  {} {}: {} / {} ({} {})",
                p.person,
                p.name,
                p.required_days,
                p.available_days,
                p.groups,
                t("nhóm", "groups")
            );
        }
        if !self.cannot_fit.is_empty() {
            let _ = writeln!(
                o,
                "\n{} ({})",
                t("Không đủ ngày", "Cannot fit"),
                self.cannot_fit.len()
            );
            for c in &self.cannot_fit {
                let _ = writeln!(
                    o,
                    "  {} / {}: {} < {}",
                    c.activity, c.person, c.free_days, c.duration
                );
            }
        }
        let _ = writeln!(
            o,
            "\n{}",
            t("Đơn vị được giám sát nhiều nhất", "Most visited agencies")
        );
        for s in self.subjects.iter().take(8) {
            let _ = writeln!(
                o,
                "  {} ({}): {} {}, {} {}",
                s.name,
                s.id,
                s.groups,
                t("đợt", "visits"),
                s.days,
                t("ngày", "days")
            );
        }
        let _ = writeln!(
            o,
            "\n{}",
            t("Địa bàn được đến nhiều nhất", "Most visited areas")
        );
        for a in self.areas.iter().take(8) {
            let _ = writeln!(
                o,
                "  {} ({}): {} {}, {} {}",
                a.name,
                a.id,
                a.groups,
                t("đợt", "visits"),
                a.days,
                t("ngày", "days")
            );
        }
        let _ = writeln!(
            o,
            "\n{} ({})",
            t("Vòng lặp thứ tự trước/sau", "Cycles of after/before orders"),
            self.precedence.cycles.len()
        );
        for c in &self.precedence.cycles {
            let _ = writeln!(o, "  {}", c.join(" → "));
        }
        let impossible: Vec<&str> = self
            .precedence
            .bounds
            .iter()
            .filter(|b| b.earliest.is_none())
            .map(|b| b.lead.as_str())
            .collect();
        if !impossible.is_empty() {
            let _ = writeln!(
                o,
                "\n{}: {}",
                t("Không có ngày bắt đầu khả thi", "No feasible start"),
                impossible.join(", ")
            );
        }
        o
    }
}
