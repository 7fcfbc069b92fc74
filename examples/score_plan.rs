//! Loads the bundled problem, prints its groups, and scores the bundled plan.
//!
//! ```sh
//! cargo run --example score_plan [PROBLEM] [PLAN]
//! ```

use oversight::{Lang, Plan, Problem};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let problem_path = args
        .next()
        .unwrap_or_else(|| "examples/nghe-an-2024.json".into());
    let plan_path = args
        .next()
        .unwrap_or_else(|| "examples/nghe-an-2024.plan.json".into());

    let problem = match Problem::load(&problem_path) {
        Ok(problem) => problem,
        Err(err) => {
            for fault in err.faults() {
                eprintln!("{problem_path}: {fault}");
            }
            return Err(err.into());
        }
    };
    let plan = problem.score(&Plan::load(&plan_path)?)?;
    let joint: Vec<_> = plan
        .groups
        .iter()
        .filter(|g| g.activities.len() > 1)
        .collect();
    println!(
        "{}: {} activities, {} groups, {} joint:",
        problem.name,
        problem.activities.len(),
        plan.groups.len(),
        joint.len()
    );
    for group in joint {
        println!(
            "  {} leads [{}], invites [{}], starts {}",
            group.lead,
            group.activities.join(", "),
            group.invite.join(", "),
            group.start
        );
    }
    print!("{}", plan.to_text(Lang::En));
    Ok(())
}
