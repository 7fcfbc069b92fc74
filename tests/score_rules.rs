//! One small hand-made problem per rule: the scorer's count and the sentence it writes.

use oversight::{Plan, Problem, Rule};

/// Two bodies, three people, a supervised agency in a commune, a session blocking `na`.
fn problem(activities: &str, extra_rules: &str) -> Problem {
    let text = format!(
        r#"{{
  "format": "oversight.problem/1", "name": "t",
  "horizon": {{"start": "2024-03-01", "end": "2024-05-31"}},
  "calendar": {{"country": "none"}},
  "bodies": [
    {{"id": "na", "name": "Đoàn ĐBQH", "kind": "na_delegation", "rank": 1}},
    {{"id": "sc", "name": "Thường trực HĐND", "kind": "standing_committee", "rank": 2}}
  ],
  "people": [
    {{"id": "p1", "name": "Nguyễn Văn A", "bodies": ["na"]}},
    {{"id": "p2", "name": "Trần Thị B", "bodies": ["sc"],
      "unavailable": [{{"start": "2024-04-01", "end": "2024-04-05"}}]}},
    {{"id": "p3", "name": "Lê Văn C", "bodies": ["na", "sc"]}}
  ],
  "topics": [{{"id": "land", "name": "Đất đai"}},
             {{"id": "land.comp", "name": "Bồi thường", "parents": ["land"]}},
             {{"id": "health", "name": "Y tế"}}],
  "areas": [{{"id": "x1", "name": "Xã Một"}}],
  "subjects": [{{"id": "s1", "name": "Sở Tài chính", "area": "x1"}},
               {{"id": "s2", "name": "Sở Y tế"}}],
  "events": [{{"id": "qh", "name": "Kỳ họp Quốc hội", "start": "2024-05-20",
               "end": "2024-05-31", "blocks": ["na"]}}],
  "activities": [{activities}],
  "rules": {{"subject_gap": 30, "area_gap": 14 {extra_rules}}}
}}"#
    );
    match Problem::from_text(&text) {
        Ok(p) => p,
        Err(e) => panic!("test problem invalid: {e:?}"),
    }
}

fn plan(starts: &[(&str, &[&str], &str)]) -> Plan {
    let groups: Vec<String> = starts
        .iter()
        .map(|(lead, acts, start)| {
            let acts: Vec<String> = acts.iter().map(|a| format!("\"{a}\"")).collect();
            format!(
                r#"{{"lead": "{lead}", "activities": [{}], "start": "{start}"}}"#,
                acts.join(",")
            )
        })
        .collect();
    Plan::from_text(&format!(
        r#"{{"format": "oversight.plan/1", "groups": [{}]}}"#,
        groups.join(",")
    ))
    .expect("plan")
}

fn count(plan: &Plan, rule: Rule) -> u64 {
    plan.violations
        .iter()
        .filter(|v| v.rule == rule)
        .map(|v| v.count)
        .sum()
}

const A: &str = r#"{"id": "a", "body": "na", "title": "Giám sát đất đai", "form": "thematic_supervision",
  "topics": ["land"], "subjects": ["s1"], "duration": 3, "members": ["p1"]}"#;
const B: &str = r#"{"id": "b", "body": "sc", "title": "Khảo sát bồi thường", "form": "survey",
  "topics": ["land.comp"], "subjects": ["s1"], "duration": 2, "members": ["p2"], "invite": ["na"]}"#;
const C: &str = r#"{"id": "c", "body": "sc", "title": "Khảo sát y tế", "form": "survey",
  "topics": ["health"], "subjects": ["s2"], "areas": ["x1"], "duration": 2, "members": ["p3"]}"#;

#[test]
fn duplicates_merge_under_the_lowest_rank() {
    let p = problem(&format!("{A},{B},{C}"), "");
    let scored = p
        .score(&plan(&[
            ("a", &["a", "b"], "2024-03-04"),
            ("c", &["c"], "2024-04-15"),
        ]))
        .expect("score");
    let joint = &scored.groups[0];
    assert_eq!(joint.lead, "a");
    assert_eq!(joint.activities, vec!["a", "b"]);
    assert_eq!(joint.invite, vec!["sc"]);
    // duration is the longest of the two: 3 working days, Mon 4 – Wed 6 March.
    assert_eq!(joint.days.len(), 3);
    // p2 is unavailable 1–5 April: not touched. No hard violation.
    assert_eq!(scored.score.hard, 0, "{:#?}", scored.violations);
    // balance: na leads 3 days in March, sc 2 days in April → 9 + 4.
    assert_eq!(scored.score.terms.balance, 13);
}

#[test]
fn merge_off_keeps_each_activity_alone() {
    let p = problem(&format!("{A},{B}"), r#", "merge": "off""#);
    let scored = p
        .score(&plan(&[
            ("a", &["a"], "2024-03-04"),
            ("b", &["b"], "2024-03-05"),
        ]))
        .expect("score");
    // Same subject 0 days apart (overlapping) → subject_gap; b invites na, which leads a
    // on the same days → invite term.
    assert_eq!(count(&scored, Rule::SubjectGap), 1);
    assert_eq!(scored.score.terms.invite, 20);
    let msg = &scored.violations[0].message_en;
    assert!(msg.contains("Sở Tài chính"), "{msg}");
}

#[test]
fn calendar_window_fixed_blocked_person() {
    let fixed = r#"{"id": "f", "body": "na", "title": "Tiếp xúc cử tri", "form": "voter_contact",
      "duration": 2, "members": ["p3"], "fixed_start": "2024-03-11",
      "window": {"start": "2024-03-01", "end": "2024-03-20"}}"#;
    let p = problem(&format!("{C},{fixed}"), "");
    // c starts on a Saturday; f starts 2024-05-20 during the session that blocks na,
    // outside its window, not on its fixed start.
    let scored = p
        .score(&plan(&[
            ("c", &["c"], "2024-03-09"),
            ("f", &["f"], "2024-05-20"),
        ]))
        .expect("score");
    assert_eq!(count(&scored, Rule::Calendar), 1);
    assert_eq!(count(&scored, Rule::Window), 1);
    assert_eq!(count(&scored, Rule::Fixed), 1);
    assert_eq!(count(&scored, Rule::Blocked), 1);
    let blocked = scored
        .violations
        .iter()
        .find(|v| v.rule == Rule::Blocked)
        .expect("blocked");
    assert!(
        blocked.message.contains("Kỳ họp Quốc hội"),
        "{}",
        blocked.message
    );
    // Both on the same days with the shared member p3 → person.
    let clash = p
        .score(&plan(&[
            ("c", &["c"], "2024-03-11"),
            ("f", &["f"], "2024-03-11"),
        ]))
        .expect("score");
    assert_eq!(count(&clash, Rule::Person), 1);
    assert!(clash.violations[0].message.contains("Lê Văn C"));
}

#[test]
fn after_and_before_with_gaps() {
    let first = r#"{"id": "x", "body": "na", "title": "Giám sát", "form": "thematic_supervision", "duration": 1}"#;
    let second = r#"{"id": "y", "body": "sc", "title": "Phiên giải trình", "form": "explanation_session",
      "duration": 1, "after": [{"ref": "x", "gap": 5}], "before": [{"ref": "qh", "gap": 10}]}"#;
    let p = problem(&format!("{first},{second}"), "");
    // x Mon 4 March, y Fri 8 March: 3 days between < 5. y well before the session.
    let scored = p
        .score(&plan(&[
            ("x", &["x"], "2024-03-04"),
            ("y", &["y"], "2024-03-08"),
        ]))
        .expect("score");
    assert_eq!(count(&scored, Rule::After), 1);
    assert_eq!(count(&scored, Rule::Before), 0);
    // y on 15 May: 4 days before the session starts on 20 May < 10.
    let late = p
        .score(&plan(&[
            ("x", &["x"], "2024-03-04"),
            ("y", &["y"], "2024-05-15"),
        ]))
        .expect("score");
    assert_eq!(count(&late, Rule::After), 0);
    assert_eq!(count(&late, Rule::Before), 1);
}

#[test]
fn parallel_counts_the_excess_per_day() {
    let mk = |id: &str| {
        format!(
            r#"{{"id": "{id}", "body": "sc", "title": "Làm việc {id}", "form": "working_meeting", "duration": 2}}"#
        )
    };
    let p = problem(&format!("{},{},{}", mk("m1"), mk("m2"), mk("m3")), "");
    let scored = p
        .score(&plan(&[
            ("m1", &["m1"], "2024-03-04"),
            ("m2", &["m2"], "2024-03-04"),
            ("m3", &["m3"], "2024-03-05"),
        ]))
        .expect("score");
    // 4 March: 2 groups (excess 1); 5 March: 3 groups (excess 2); 6 March: 1.
    assert_eq!(count(&scored, Rule::Parallel), 3);
    assert_eq!(scored.score.hard, 3);
}

#[test]
fn preferred_area_and_baseline_terms() {
    let pref = r#"{"id": "q", "body": "na", "title": "Khảo sát", "form": "survey", "duration": 2,
      "areas": ["x1"], "preferred": {"start": "2024-03-01", "end": "2024-03-04"}}"#;
    let p = problem(&format!("{C},{pref}"), "");
    // q Mon 4 – Tue 5 March: 1 calendar day outside its preferred window.
    // c visits x1 on 7–8 March: 1 day after q → area pair.
    let scored = p
        .score(&plan(&[
            ("c", &["c"], "2024-03-07"),
            ("q", &["q"], "2024-03-04"),
        ]))
        .expect("score");
    assert_eq!(scored.score.terms.preferred, 5);
    assert_eq!(scored.score.terms.area, 50);
    let base = plan(&[("c", &["c"], "2024-03-04"), ("q", &["q"], "2024-03-04")]);
    let moved = p
        .score_against(
            &plan(&[("c", &["c"], "2024-03-07"), ("q", &["q"], "2024-03-04")]),
            Some(&base),
        )
        .expect("score");
    assert_eq!(moved.score.terms.r#move, 100);
    assert_eq!(moved.score.terms.shift, 3);
}
