//! Sentences for violations, in Vietnamese and English: what clashes, with which
//! activities, bodies, people or events, on which days, and by how much.

use crate::calendar::working::Day;
use crate::model::Problem;
use crate::plan::Lang;
use crate::score::{Breach, Detail, Rule, ScoreModel, Target};

/// Writes the sentence for one violation.
pub struct Explainer<'a> {
    pub problem: &'a Problem,
    pub model: &'a ScoreModel,
    pub starts: &'a [Day],
}

impl Explainer<'_> {
    pub(crate) fn date(&self, day: Day, lang: Lang) -> String {
        lang.date(self.model.calendar.date(day))
    }

    /// `"a01" (title)` for an activity.
    pub(crate) fn activity(&self, a: usize) -> String {
        let act = &self.problem.activities[a];
        format!("\"{}\" ({})", act.id, act.title)
    }

    /// The lead activity of group `g`, named, with a note when the group is joint.
    pub(crate) fn group(&self, g: usize, lang: Lang) -> String {
        let group = &self.model.grouping.groups[g];
        let name = self.activity(group.lead);
        if group.activities.len() > 1 {
            let n = group.activities.len();
            match lang {
                Lang::Vi => format!("{name} (hoạt động chung của {n} cơ quan)"),
                Lang::En => format!("{name} (a joint activity of {n} bodies)"),
            }
        } else {
            name
        }
    }

    pub(crate) fn body(&self, b: usize) -> &str {
        &self.problem.bodies[b].name
    }

    pub(crate) fn target(&self, target: Target, lang: Lang) -> String {
        match target {
            Target::Group(g) => self.group(g, lang),
            Target::Event { event, .. } => {
                let e = &self.problem.events[event];
                format!("\"{}\" ({})", e.id, e.name)
            }
        }
    }

    /// What keeps group `g` from using `day`: the events and absences that cover it.
    fn block_causes(&self, g: usize, day: Day, lang: Lang) -> String {
        let group = &self.model.grouping.groups[g];
        let date = self.model.calendar.date(day);
        let lead_body = &self.problem.bodies[group.lead_body];
        let mut causes = Vec::new();
        for e in &self.problem.events {
            if !e.range().contains(date) {
                continue;
            }
            let mut bodies: Vec<&str> = Vec::new();
            if e.blocks_body(&lead_body.id) {
                bodies.push(&lead_body.name);
            }
            for &p in &group.members {
                for b in &self.problem.people[p].bodies {
                    if e.blocks_body(b) {
                        let name = self
                            .model
                            .index
                            .bodies
                            .get(b)
                            .map_or(b.as_str(), |&i| self.body(i));
                        if !bodies.contains(&name) {
                            bodies.push(name);
                        }
                    }
                }
            }
            if !bodies.is_empty() {
                causes.push(match lang {
                    Lang::Vi => format!("{} (dành cho {})", e.name, bodies.join(", ")),
                    Lang::En => format!("{} (kept free for {})", e.name, bodies.join(", ")),
                });
            }
        }
        for &p in &group.members {
            let person = &self.problem.people[p];
            if person.unavailable.iter().any(|r| r.contains(date)) {
                causes.push(match lang {
                    Lang::Vi => format!("{} vắng mặt", person.name),
                    Lang::En => format!("{} is unavailable", person.name),
                });
            }
        }
        causes.join("; ")
    }

    /// The sentence for `breach` in `lang`.
    pub fn explain(&self, breach: &Breach, lang: Lang) -> String {
        let g0 = breach.groups.first().copied().unwrap_or(0);
        let act = breach
            .activity
            .map(|a| self.activity(a))
            .unwrap_or_default();
        let vi = lang == Lang::Vi;
        match (&breach.detail, breach.rule) {
            (
                Detail::Calendar {
                    start,
                    start_is_working,
                    days_in_horizon,
                },
                _,
            ) => {
                let group = self.group(g0, lang);
                let date = self.date(*start, lang);
                let duration = self.model.grouping.groups[g0].duration;
                if !start_is_working {
                    if vi {
                        format!("{group} bắt đầu ngày {date}, không phải ngày làm việc (cuối tuần, ngày lễ hoặc ngày nghỉ, hoặc ngoài kỳ kế hoạch).")
                    } else {
                        format!("{group} starts on {date}, which is not a working day (a weekend, a public holiday, a day off, or outside the horizon).")
                    }
                } else if vi {
                    format!("{group} bắt đầu ngày {date} nhưng kỳ kế hoạch chỉ còn {days_in_horizon} trong {duration} ngày làm việc cần thiết.")
                } else {
                    format!("{group} starts on {date} but only {days_in_horizon} of its {duration} working days fit before the horizon ends.")
                }
            }
            (
                Detail::Window {
                    window,
                    first,
                    last,
                },
                _,
            ) => {
                let (ws, we) = (self.date(window.0, lang), self.date(window.1, lang));
                let (f, l) = (self.date(*first, lang), self.date(*last, lang));
                if vi {
                    format!("Hoạt động {act} phải diễn ra trong khoảng {ws} – {we}, nhưng được xếp từ {f} đến {l}.")
                } else {
                    format!("Activity {act} must take place between {ws} and {we}, but is scheduled from {f} to {l}.")
                }
            }
            (Detail::Fixed { fixed, first }, _) => {
                let (x, f) = (self.date(*fixed, lang), self.date(*first, lang));
                if vi {
                    format!("Hoạt động {act} có ngày bắt đầu cố định {x}, nhưng được xếp bắt đầu ngày {f}.")
                } else {
                    format!("Activity {act} has a fixed start on {x}, but is scheduled to start on {f}.")
                }
            }
            (Detail::Blocked { day }, _) => {
                let group = self.group(g0, lang);
                let date = self.date(*day, lang);
                let causes = self.block_causes(g0, *day, lang);
                if vi {
                    format!("{group} rơi vào ngày {date}, ngày phải để trống: {causes}.")
                } else {
                    format!("{group} falls on {date}, a day that must stay free: {causes}.")
                }
            }
            (Detail::Person { people, day }, _) => {
                let names: Vec<&str> = people
                    .iter()
                    .map(|&p| self.problem.people[p].name.as_str())
                    .collect();
                let (a, b) = (
                    self.group(g0, lang),
                    self.group(breach.groups.get(1).copied().unwrap_or(g0), lang),
                );
                let date = self.date(*day, lang);
                if vi {
                    format!(
                        "{} được phân công cùng lúc vào {a} và {b} (ngày {date}).",
                        names.join(", ")
                    )
                } else {
                    format!(
                        "{} {} booked in both {a} and {b} on {date}.",
                        names.join(", "),
                        if names.len() == 1 { "is" } else { "are" }
                    )
                }
            }
            (
                Detail::Parallel {
                    body,
                    day,
                    led,
                    max,
                },
                _,
            ) => {
                let list: Vec<String> =
                    breach.groups.iter().map(|&g| self.group(g, lang)).collect();
                let date = self.date(*day, lang);
                let body = self.body(*body);
                if vi {
                    format!(
                        "Ngày {date}, {body} chủ trì {led} hoạt động (tối đa {max}): {}.",
                        list.join(", ")
                    )
                } else {
                    format!(
                        "On {date}, {body} leads {led} activities (at most {max}): {}.",
                        list.join(", ")
                    )
                }
            }
            (
                Detail::SubjectGap {
                    subjects,
                    distance,
                    gap,
                },
                _,
            ) => {
                let names: Vec<&str> = subjects
                    .iter()
                    .map(|&s| self.problem.subjects[s].name.as_str())
                    .collect();
                let (a, b) = (
                    self.group(g0, lang),
                    self.group(breach.groups.get(1).copied().unwrap_or(g0), lang),
                );
                let subjects = names.join(", ");
                if *distance < 0 {
                    if vi {
                        format!("{a} và {b} cùng làm việc với {subjects} và trùng thời gian; hai đợt làm việc với cùng một đơn vị phải cách nhau ít nhất {gap} ngày.")
                    } else {
                        format!("{a} and {b} both visit {subjects} at the same time; two visits to one agency must be at least {gap} days apart.")
                    }
                } else if vi {
                    format!("{a} và {b} cùng làm việc với {subjects} chỉ cách nhau {distance} ngày (tối thiểu {gap} ngày).")
                } else {
                    format!("{a} and {b} both visit {subjects} only {distance} days apart (at least {gap} required).")
                }
            }
            (
                Detail::Order {
                    target,
                    distance,
                    gap,
                    same_group,
                    ..
                },
                rule,
            ) => {
                let other = self.target(*target, lang);
                let after = rule == Rule::After;
                if *same_group {
                    match (vi, after) {
                        (true, true) => format!("Hoạt động {act} phải diễn ra sau {other}, nhưng hai hoạt động đã được gộp thành một hoạt động chung nên không thể thỏa mãn."),
                        (true, false) => format!("Hoạt động {act} phải diễn ra trước {other}, nhưng hai hoạt động đã được gộp thành một hoạt động chung nên không thể thỏa mãn."),
                        (false, true) => format!("Activity {act} must come after {other}, but both were merged into one joint activity, so this can never hold."),
                        (false, false) => format!("Activity {act} must come before {other}, but both were merged into one joint activity, so this can never hold."),
                    }
                } else {
                    let got = if *distance < 0 {
                        match lang {
                            Lang::Vi => "nhưng hai việc trùng thời gian".to_string(),
                            Lang::En => "but the two overlap".to_string(),
                        }
                    } else {
                        match lang {
                            Lang::Vi => format!("nhưng chỉ cách {distance} ngày"),
                            Lang::En => format!("but only {distance} days lie between them"),
                        }
                    };
                    match (vi, after) {
                        (true, true) => format!("Hoạt động {act} phải diễn ra sau {other} ít nhất {gap} ngày, {got}."),
                        (true, false) => format!("Hoạt động {act} phải kết thúc trước {other} ít nhất {gap} ngày, {got}."),
                        (false, true) => format!("Activity {act} must start at least {gap} days after {other} ends, {got}."),
                        (false, false) => format!("Activity {act} must end at least {gap} days before {other} starts, {got}."),
                    }
                }
            }
        }
    }
}
