//! Sentences for violations, from the catalogue (`crate::text`): what clashes, with which
//! activities, bodies, people or events, on which days, and by how much.

use crate::calendar::working::Day;
use crate::model::Problem;
use crate::plan::Lang;
use crate::score::{Breach, Detail, Rule, ScoreModel, Target};
use crate::text::{text, Arg};

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
            let n = group.activities.len().to_string();
            text(
                lang,
                "group-joint",
                &[("name", name.into()), ("n", n.into())],
            )
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
                causes.push(text(
                    lang,
                    "cause-event",
                    &[
                        ("event", e.name.as_str().into()),
                        ("bodies", bodies.join(", ").into()),
                    ],
                ));
            }
        }
        for &p in &group.members {
            let person = &self.problem.people[p];
            if person.unavailable.iter().any(|r| r.contains(date)) {
                causes.push(text(
                    lang,
                    "cause-absent",
                    &[("person", person.name.as_str().into())],
                ));
            }
        }
        causes.join("; ")
    }

    /// The sentence for `breach` in `lang`.
    pub fn explain(&self, breach: &Breach, lang: Lang) -> String {
        let g0 = breach.groups.first().copied().unwrap_or(0);
        let g1 = breach.groups.get(1).copied().unwrap_or(g0);
        let act = breach
            .activity
            .map(|a| self.activity(a))
            .unwrap_or_default();
        let date = |day: Day| Arg::from(self.date(day, lang));
        let say = |key: &str, args: &[(&str, Arg<'_>)]| text(lang, key, args);
        match (&breach.detail, breach.rule) {
            (
                Detail::Calendar {
                    start,
                    start_is_working,
                    days_in_horizon,
                },
                _,
            ) => {
                let group = self.group(g0, lang).into();
                let duration = self.model.grouping.groups[g0].duration.to_string();
                if !start_is_working {
                    say(
                        "breach-calendar-not-working",
                        &[("group", group), ("date", date(*start))],
                    )
                } else {
                    say(
                        "breach-calendar-short",
                        &[
                            ("group", group),
                            ("date", date(*start)),
                            ("fit", days_in_horizon.to_string().into()),
                            ("duration", duration.into()),
                        ],
                    )
                }
            }
            (
                Detail::Window {
                    window,
                    first,
                    last,
                },
                _,
            ) => say(
                "breach-window",
                &[
                    ("act", act.into()),
                    ("ws", date(window.0)),
                    ("we", date(window.1)),
                    ("first", date(*first)),
                    ("last", date(*last)),
                ],
            ),
            (Detail::Fixed { fixed, first }, _) => say(
                "breach-fixed",
                &[
                    ("act", act.into()),
                    ("fixed", date(*fixed)),
                    ("first", date(*first)),
                ],
            ),
            (Detail::Blocked { day }, _) => say(
                "breach-blocked",
                &[
                    ("group", self.group(g0, lang).into()),
                    ("date", date(*day)),
                    ("causes", self.block_causes(g0, *day, lang).into()),
                ],
            ),
            (Detail::Person { people, day }, _) => {
                let names: Vec<&str> = people
                    .iter()
                    .map(|&p| self.problem.people[p].name.as_str())
                    .collect();
                say(
                    "breach-person",
                    &[
                        ("names", names.join(", ").into()),
                        // Chooses "is" or "are" in English.
                        ("count", names.len().into()),
                        ("a", self.group(g0, lang).into()),
                        ("b", self.group(g1, lang).into()),
                        ("date", date(*day)),
                    ],
                )
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
                say(
                    "breach-parallel",
                    &[
                        ("date", date(*day)),
                        ("body", self.body(*body).into()),
                        ("led", led.to_string().into()),
                        ("max", max.to_string().into()),
                        ("groups", list.join(", ").into()),
                    ],
                )
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
                let key = if *distance < 0 {
                    "breach-subject-overlap"
                } else {
                    "breach-subject-gap"
                };
                say(
                    key,
                    &[
                        ("a", self.group(g0, lang).into()),
                        ("b", self.group(g1, lang).into()),
                        ("subjects", names.join(", ").into()),
                        ("distance", distance.to_string().into()),
                        ("gap", gap.to_string().into()),
                    ],
                )
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
                let after = rule == Rule::After;
                let other = self.target(*target, lang).into();
                if *same_group {
                    let key = if after {
                        "breach-after-merged"
                    } else {
                        "breach-before-merged"
                    };
                    return say(key, &[("act", act.into()), ("other", other)]);
                }
                let got = if *distance < 0 {
                    say("breach-order-overlap", &[])
                } else {
                    say(
                        "breach-order-distance",
                        &[("distance", distance.to_string().into())],
                    )
                };
                let key = if after {
                    "breach-after"
                } else {
                    "breach-before"
                };
                say(
                    key,
                    &[
                        ("act", act.into()),
                        ("other", other),
                        ("gap", gap.to_string().into()),
                        ("got", got.into()),
                    ],
                )
            }
        }
    }
}
