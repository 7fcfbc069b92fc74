//! A plain-text summary of a plan for a terminal or a log: its score by term and each
//! violation explained.

use std::fmt::Write;

use super::{Lang, Plan};

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
        let _ = match lang {
            Lang::Vi => writeln!(
                out,
                "Kế hoạch \"{}\": {activities} hoạt động trong {} nhóm ({joint} hoạt động chung)",
                self.problem,
                self.groups.len()
            ),
            Lang::En => writeln!(
                out,
                "Plan \"{}\": {activities} activities in {} groups ({joint} joint)",
                self.problem,
                self.groups.len()
            ),
        };
        let (hard, soft) = match lang {
            Lang::Vi => ("Vi phạm ràng buộc cứng", "Điểm mềm"),
            Lang::En => ("Hard violations", "Soft score"),
        };
        let _ = writeln!(out, "{hard}: {}", self.score.hard);
        let _ = writeln!(
            out,
            "{soft}: {} (balance {}, area {}, invite {}, preferred {}, move {}, shift {})",
            self.score.soft, t.balance, t.area, t.invite, t.preferred, t.r#move, t.shift
        );
        if !self.violations.is_empty() {
            let _ = writeln!(
                out,
                "{}",
                match lang {
                    Lang::Vi => "Các vi phạm:",
                    Lang::En => "Violations:",
                }
            );
            for v in &self.violations {
                let _ = writeln!(out, "  [{}] {}", v.rule.name(), v.message(lang));
            }
        }
        out
    }
}
