//! A plain-text summary of a plan for a terminal or a log: its score by term and each
//! violation explained.

use std::fmt::Write;

use super::{Lang, Plan};
use crate::text::{label, text};

impl Plan {
    /// The score, its terms and every violation, in `lang`.
    pub fn to_text(&self, lang: Lang) -> String {
        let mut out = String::new();
        let t = &self.score.terms;
        let joint = self
            .groups
            .iter()
            .filter(|g| g.activities.len() > 1)
            .count();
        let activities: usize = self.groups.iter().map(|g| g.activities.len()).sum();
        let summary = text(
            lang,
            "plan-summary",
            &[
                ("problem", self.problem.as_str().into()),
                ("activities", activities.to_string().into()),
                ("groups", self.groups.len().to_string().into()),
                ("joint", joint.to_string().into()),
            ],
        );
        let _ = writeln!(out, "{summary}");
        let (hard, soft) = (label(lang, "plan-hard"), label(lang, "plan-soft"));
        let _ = writeln!(out, "{hard}: {}", self.score.hard);
        let _ = writeln!(
            out,
            "{soft}: {} (balance {}, area {}, invite {}, preferred {}, move {}, shift {})",
            self.score.soft, t.balance, t.area, t.invite, t.preferred, t.r#move, t.shift
        );
        if !self.violations.is_empty() {
            let _ = writeln!(out, "{}", label(lang, "plan-violations"));
            for v in &self.violations {
                let _ = writeln!(out, "  [{}] {}", v.rule.name(), v.message(lang));
            }
        }
        out
    }
}
