//! `Problem::explain_infeasible`: when the programmes cannot all fit, the few
//! activities and rules that clash, each rule in a sentence, Vietnamese and English.

use serde::{Deserialize, Serialize};

use super::explain::Explainer;
use super::Lang;
use crate::analysis::groups::Group;
use crate::error::Result;
use crate::model::Problem;
use crate::score::{Rule, ScoreModel, Target};
use crate::solve::core::{find_core, Constraint};
use crate::solve::{solve_starts, Progress, SolveOptions, Termination};

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
        let n = rules.len();
        Ok(Some(Conflict {
            message: format!(
                "Không thể xếp lịch cho {listed}: {n} ràng buộc dưới đây mâu thuẫn nhau; bỏ bất kỳ một ràng buộc nào thì các ràng buộc còn lại đều thỏa mãn được."
            ),
            message_en: format!(
                "{listed} cannot all be scheduled: the {n} rules below cannot all hold, and dropping any one of them makes the rest possible."
            ),
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
    let vi = lang == Lang::Vi;
    match *c {
        Constraint::Calendar { group } => {
            let d = model.grouping.groups[group].duration;
            let name = e.group(group, lang);
            if vi {
                format!("{name} cần {d} ngày làm việc liên tiếp trong kỳ kế hoạch.")
            } else {
                format!("{name} needs {d} consecutive working days inside the horizon.")
            }
        }
        Constraint::Window { activity } => {
            let (s, t) = model.activities[activity].window;
            let (s, t) = (e.date(s, lang), e.date(t, lang));
            let name = e.activity(activity);
            if vi {
                format!("Hoạt động {name} phải diễn ra trong khoảng {s} – {t}.")
            } else {
                format!("Activity {name} must take place between {s} and {t}.")
            }
        }
        Constraint::Fixed { activity } => {
            let day = model.activities[activity].fixed_start.unwrap_or_default();
            let (name, day) = (e.activity(activity), e.date(day, lang));
            if vi {
                format!("Hoạt động {name} phải bắt đầu đúng ngày {day}.")
            } else {
                format!("Activity {name} must start on {day}.")
            }
        }
        Constraint::Blocked { group } => {
            let name = e.group(group, lang);
            if vi {
                format!(
                    "{name} không được rơi vào ngày họp của cơ quan hoặc ngày thành viên vắng mặt."
                )
            } else {
                format!("{name} must avoid its bodies' sessions and its members' absences.")
            }
        }
        Constraint::Person { first, second } => {
            let names = shared_names(
                model,
                first,
                second,
                |g| &g.members,
                |p| e.problem.people[p].name.as_str(),
            );
            let (a, b) = (e.group(first, lang), e.group(second, lang));
            if vi {
                format!(
                    "{a} và {b} có chung thành viên ({}) nên không được trùng ngày.",
                    names.join(", ")
                )
            } else {
                format!(
                    "{a} and {b} share members ({}) and must not meet.",
                    names.join(", ")
                )
            }
        }
        Constraint::SubjectGap { first, second } => {
            let names = shared_names(
                model,
                first,
                second,
                |g| &g.subjects,
                |s| e.problem.subjects[s].name.as_str(),
            );
            let (a, b) = (e.group(first, lang), e.group(second, lang));
            let gap = model.subject_gap;
            if vi {
                format!(
                    "{a} và {b} cùng làm việc với {} nên phải cách nhau ít nhất {gap} ngày.",
                    names.join(", ")
                )
            } else {
                format!(
                    "{a} and {b} both visit {} and must be at least {gap} days apart.",
                    names.join(", ")
                )
            }
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
            let (name, other, gap) = (
                e.activity(activity),
                e.target(order.target, lang),
                order.gap,
            );
            match (vi, after) {
                (true, true) => {
                    format!("Hoạt động {name} phải diễn ra sau {other} ít nhất {gap} ngày.")
                }
                (true, false) => {
                    format!("Hoạt động {name} phải kết thúc trước {other} ít nhất {gap} ngày.")
                }
                (false, true) => {
                    format!("Activity {name} must start at least {gap} days after {other} ends.")
                }
                (false, false) => {
                    format!("Activity {name} must end at least {gap} days before {other} starts.")
                }
            }
        }
        Constraint::Parallel { body } => {
            let max = model.max_parallel[body];
            let name = e.body(body);
            if vi {
                format!("{name} chủ trì tối đa {max} hoạt động mỗi ngày.")
            } else {
                format!("{name} leads at most {max} activities a day.")
            }
        }
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
