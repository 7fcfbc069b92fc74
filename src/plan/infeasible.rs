//! `Problem::explain_infeasible`: when the programmes cannot all fit, the few
//! activities and rules that clash, each rule in a sentence from the catalogue (`crate::text`).

use serde::{Deserialize, Serialize};

use super::explain::Explainer;
use super::Lang;
use crate::analysis::groups::Group;
use crate::error::Result;
use crate::model::Problem;
use crate::score::{Rule, ScoreModel, Target};
use crate::solve::core::{find_core, Constraint};
use crate::solve::{solve_starts, Progress, SolveOptions, Termination};
use crate::text::{text, Arg};

/// Steps without fewer hard violations after which the search for a starting plan
/// stops (about 0.15 s at province scale, where steps that repair clashes are slow).
/// The core search needs a plan whose remaining violations are real clashes; the soft
/// score does not matter to it, so searching on to the time limit would only delay the
/// answer. Counted in steps, not seconds, so the same seed gives the same core on every
/// machine.
const HARD_STALL_STEPS: u64 = 50_000;

/// Stops once the fewest hard violations found has not fallen for `patience` steps.
struct HardStall {
    patience: u64,
    fewest: Option<u64>,
    since: u64,
}

impl Termination for HardStall {
    fn should_stop(&mut self, progress: &Progress) -> bool {
        let hard = progress.best.hard;
        if self.fewest.is_none_or(|f| hard < f) {
            self.fewest = Some(hard);
            self.since = progress.step;
        }
        hard == 0 || progress.step.saturating_sub(self.since) >= self.patience
    }
}

/// One rule of a conflict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CoreRule {
    pub rule: Rule,
    /// The activities the rule concerns (for rules on groups, their leads).
    pub activities: Vec<String>,
    pub message: String,
    pub message_en: String,
}

/// A minimal set of rules that cannot all hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conflict {
    /// Every activity of the groups involved.
    pub activities: Vec<String>,
    pub rules: Vec<CoreRule>,
    /// Whether infeasibility and minimality were proven by the exact search (false
    /// only when a check ran out of its search budget).
    pub proven: bool,
    pub message: String,
    pub message_en: String,
}

impl Problem {
    /// When no plan without hard violations exists, a minimal conflict: rules that
    /// cannot all hold (proven by exact search restricted to them) and that become
    /// satisfiable when any one is dropped. `None` when the solver finds a plan without
    /// hard violations in `options`' budget. The search for a starting plan also stops
    /// once its fewest hard violations has not fallen for a while.
    pub fn explain_infeasible(&self, options: &SolveOptions) -> Result<Option<Conflict>> {
        let model = ScoreModel::new(self)?;
        let mut stall = HardStall {
            patience: HARD_STALL_STEPS,
            fewest: None,
            since: 0,
        };
        let best = solve_starts(&model, options, None, None, None, &mut stall)?;
        if best.score.hard == 0 {
            return Ok(None);
        }
        let Some(core) = find_core(&model, &best.starts) else {
            return Ok(None);
        };
        let explainer = Explainer {
            problem: self,
            model: &model,
            starts: &best.starts,
        };
        let id = |a: usize| self.activities[a].id.clone();
        let rules: Vec<CoreRule> = core
            .constraints
            .iter()
            .map(|c| CoreRule {
                rule: c.rule(),
                activities: constraint_activities(&model, c)
                    .into_iter()
                    .map(id)
                    .collect(),
                message: describe(&explainer, c, Lang::Vi),
                message_en: describe(&explainer, c, Lang::En),
            })
            .collect();
        let activities: Vec<String> = core
            .groups
            .iter()
            .flat_map(|&g| model.grouping.groups[g].activities.iter().map(|&a| id(a)))
            .collect();
        let listed = activities
            .iter()
            .map(|a| format!("\"{a}\""))
            .collect::<Vec<_>>()
            .join(", ");
        let n = rules.len().to_string();
        let conflict = |lang| {
            text(
                lang,
                "conflict",
                &[("listed", listed.as_str().into()), ("n", n.as_str().into())],
            )
        };
        Ok(Some(Conflict {
            message: conflict(Lang::Vi),
            message_en: conflict(Lang::En),
            activities,
            rules,
            proven: core.proven,
        }))
    }
}

fn constraint_activities(model: &ScoreModel, c: &Constraint) -> Vec<usize> {
    let lead = |g: usize| model.grouping.groups[g].lead;
    match *c {
        Constraint::Calendar { group } | Constraint::Blocked { group } => vec![lead(group)],
        Constraint::Window { activity } | Constraint::Fixed { activity } => vec![activity],
        Constraint::Person { first, second } | Constraint::SubjectGap { first, second } => {
            vec![lead(first), lead(second)]
        }
        Constraint::Order {
            activity,
            item,
            after,
        } => {
            let rules = &model.activities[activity];
            let mut out = vec![activity];
            if let Some(Target::Group(h)) = rules.order(item, after).map(|o| o.target) {
                out.push(lead(h));
            }
            out
        }
        Constraint::Parallel { .. } => vec![],
    }
}

fn describe(e: &Explainer<'_>, c: &Constraint, lang: Lang) -> String {
    let model = e.model;
    let say = |key: &str, args: &[(&str, Arg<'_>)]| text(lang, key, args);
    match *c {
        Constraint::Calendar { group } => say(
            "core-calendar",
            &[
                ("name", e.group(group, lang).into()),
                (
                    "days",
                    model.grouping.groups[group].duration.to_string().into(),
                ),
            ],
        ),
        Constraint::Window { activity } => {
            let (s, t) = model.activities[activity].window;
            say(
                "core-window",
                &[
                    ("name", e.activity(activity).into()),
                    ("start", e.date(s, lang).into()),
                    ("end", e.date(t, lang).into()),
                ],
            )
        }
        Constraint::Fixed { activity } => {
            let day = model.activities[activity].fixed_start.unwrap_or_default();
            say(
                "core-fixed",
                &[
                    ("name", e.activity(activity).into()),
                    ("day", e.date(day, lang).into()),
                ],
            )
        }
        Constraint::Blocked { group } => {
            say("core-blocked", &[("name", e.group(group, lang).into())])
        }
        Constraint::Person { first, second } => {
            let names = shared_names(
                model,
                first,
                second,
                |g| &g.members,
                |p| e.problem.people[p].name.as_str(),
            );
            say(
                "core-person",
                &[
                    ("a", e.group(first, lang).into()),
                    ("b", e.group(second, lang).into()),
                    ("names", names.join(", ").into()),
                ],
            )
        }
        Constraint::SubjectGap { first, second } => {
            let names = shared_names(
                model,
                first,
                second,
                |g| &g.subjects,
                |s| e.problem.subjects[s].name.as_str(),
            );
            say(
                "core-subject-gap",
                &[
                    ("a", e.group(first, lang).into()),
                    ("b", e.group(second, lang).into()),
                    ("names", names.join(", ").into()),
                    ("gap", model.subject_gap.to_string().into()),
                ],
            )
        }
        Constraint::Order {
            activity,
            item,
            after,
        } => {
            let rules = &model.activities[activity];
            let Some(order) = rules.order(item, after) else {
                return String::new();
            };
            say(
                if after { "core-after" } else { "core-before" },
                &[
                    ("name", e.activity(activity).into()),
                    ("other", e.target(order.target, lang).into()),
                    ("gap", order.gap.to_string().into()),
                ],
            )
        }
        Constraint::Parallel { body } => say(
            "core-parallel",
            &[
                ("name", e.body(body).into()),
                ("max", model.max_parallel[body].to_string().into()),
            ],
        ),
    }
}

/// The names of what groups `first` and `second` share (members, subjects), in the
/// order of `first`'s list.
fn shared_names<'n>(
    model: &ScoreModel,
    first: usize,
    second: usize,
    items: impl Fn(&Group) -> &Vec<usize>,
    name: impl Fn(usize) -> &'n str,
) -> Vec<&'n str> {
    let groups = &model.grouping.groups;
    items(&groups[first])
        .iter()
        .filter(|x| items(&groups[second]).contains(x))
        .map(|&x| name(x))
        .collect()
}
