//! The plan as the programme offices read: month by month, each group on one line with
//! its dates, lead body, title, the bodies joining it and the bodies invited.

use std::fmt::Write as _;

use chrono::Datelike;

use super::table::{activity_rows, body_name, ActivityRow};
use crate::error::Result;
use crate::lang::Lang;
use crate::model::Problem;
use crate::plan::Plan;
use crate::text::{label, text};

/// The programme of `plan` as text, groups ordered by start then lead id.
pub fn programme_text(problem: &Problem, plan: &Plan, lang: Lang) -> Result<String> {
    let rows = activity_rows(problem, plan, lang)?;
    let mut leads: Vec<&ActivityRow> = rows.iter().filter(|r| r.id == r.lead).collect();
    leads.sort_by(|a, b| (a.start, &a.id).cmp(&(b.start, &b.id)));
    let body_name = |id: &str| body_name(problem, id);
    let mut out = String::new();
    let title = text(
        lang,
        "programme-title",
        &[("problem", problem.name.as_str().into())],
    );
    let _ = writeln!(out, "{title}");
    let mut month = None;
    for lead in leads {
        let this = (lead.start.year(), lead.start.month());
        if month != Some(this) {
            month = Some(this);
            let title = text(
                lang,
                "programme-month",
                &[
                    ("year", this.0.to_string().into()),
                    ("month", this.1.to_string().into()),
                    ("month2", format!("{:02}", this.1).into()),
                ],
            );
            let _ = writeln!(out, "\n{title}");
        }
        let joined: Vec<String> = rows
            .iter()
            .filter(|r| r.lead == lead.id && r.id != lead.id)
            .map(|r| format!("{} ({})", body_name(&r.body), r.id))
            .collect();
        let dates = if lead.start == lead.end {
            lang.date(lead.start)
        } else {
            format!("{} – {}", lang.date(lead.start), lang.date(lead.end))
        };
        let _ = write!(
            out,
            "  {dates}  {}  {}: {} [{}]",
            lead.id, lead.body_name, lead.title, lead.form_label
        );
        if !joined.is_empty() {
            let word = label(lang, "programme-with");
            let _ = write!(out, "; {word}: {}", joined.join(", "));
        }
        if !lead.invite.is_empty() {
            let word = label(lang, "programme-invited");
            let names: Vec<String> = lead.invite.iter().map(|b| body_name(b)).collect();
            let _ = write!(out, "; {word}: {}", names.join(", "));
        }
        out.push('\n');
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_per_group_under_month_titles() {
        let problem = Problem::load("examples/nghe-an-2024.json").expect("bundled example");
        let plan = Plan::load("examples/nghe-an-2024.plan.json").expect("bundled plan");
        let text = programme_text(&problem, &plan, Lang::Vi).expect("plan fits the problem");
        let lines = text.lines().filter(|l| l.starts_with("  ")).count();
        assert_eq!(lines, plan.groups.len());
        assert!(text.contains("\nTháng 1/2024\n") || text.contains("\nTháng 2/2024\n"));
        let joint = text
            .lines()
            .find(|l| l.contains(" dbqh-001 "))
            .expect("dbqh-001 is listed");
        assert!(joint.contains("phối hợp:") && joint.contains("(pc-022)"));
    }
}
