//! The library's scorer against a deliberately naive re-implementation of the v1 rules of
//! `docs/FORMAT.md` (and the readings of `docs/INTERPRETATION.md`).
//!
//! The naive scorer below uses nothing of the crate but the public problem types: it
//! works on `chrono::NaiveDate`s and id strings, walks the calendar one day at a time,
//! finds duplicates by comparing every pair of activities, groups them by repeated
//! label propagation and checks every rule by brute force. It only knows
//! `"country": "none"` (weekend, `days_off`, `workdays`), so the random problems use it.
//!
//! `proptest` generates small random problems and plans (starts on non-working days,
//! before the horizon, near and after its end included); the library must agree with
//! the naive scorer on the groups (lead, activities, days, invite), the hard total, the
//! number of violations per rule, each violation's unit, and every soft term, with and
//! without a baseline.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, Duration, NaiveDate};
use oversight::model::{Activity, Country, MergePolicy, Weekday};
use oversight::{Plan, Problem};
use proptest::prelude::*;
use serde_json::{json, Value};

// ---------------------------------------------------------------------------------------
// The naive scorer
// ---------------------------------------------------------------------------------------

fn chrono_weekday(w: Weekday) -> chrono::Weekday {
    match w {
        Weekday::Mon => chrono::Weekday::Mon,
        Weekday::Tue => chrono::Weekday::Tue,
        Weekday::Wed => chrono::Weekday::Wed,
        Weekday::Thu => chrono::Weekday::Thu,
        Weekday::Fri => chrono::Weekday::Fri,
        Weekday::Sat => chrono::Weekday::Sat,
        Weekday::Sun => chrono::Weekday::Sun,
    }
}

fn next_day(d: NaiveDate) -> NaiveDate {
    d + Duration::days(1)
}

/// Working day: inside the horizon, not a weekend day, not in `days_off`; a date in
/// `workdays` works whatever else holds. No public holidays (`country: "none"`).
fn is_working(p: &Problem, d: NaiveDate) -> bool {
    assert_eq!(
        p.calendar.country,
        Country::NoHolidays,
        "the naive scorer knows no public holidays"
    );
    if d < p.horizon.start || d > p.horizon.end {
        return false;
    }
    if p.calendar.workdays.contains(&d) {
        return true;
    }
    if p.calendar.days_off.contains(&d) {
        return false;
    }
    !p.calendar
        .weekend
        .iter()
        .any(|&w| chrono_weekday(w) == d.weekday())
}

/// `D`: `duration` working days from the start (from the next working day when the
/// start is not one), cut at the horizon's end.
fn days_from(p: &Problem, start: NaiveDate, duration: u32) -> Vec<NaiveDate> {
    let mut out = Vec::new();
    let mut d = start;
    while out.len() < duration as usize && d <= p.horizon.end {
        if is_working(p, d) {
            out.push(d);
        }
        d = next_day(d);
    }
    out
}

/// `first`/`last`; the start itself when `D` is empty.
fn first_last(start: NaiveDate, days: &[NaiveDate]) -> (NaiveDate, NaiveDate) {
    match (days.first(), days.last()) {
        (Some(&f), Some(&l)) => (f, l),
        _ => (start, start),
    }
}

/// `dist`: calendar days strictly between the earlier (by first day) and the later.
fn dist(x: (NaiveDate, NaiveDate), y: (NaiveDate, NaiveDate)) -> i64 {
    if x.0 <= y.0 {
        (y.0 - x.1).num_days() - 1
    } else {
        (x.0 - y.1).num_days() - 1
    }
}

fn ancestors_or_self(p: &Problem, topic: &str) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut stack = vec![topic.to_string()];
    while let Some(t) = stack.pop() {
        if seen.insert(t.clone()) {
            for topic in p.topics.iter().filter(|x| x.id == t) {
                stack.extend(topic.parents.iter().cloned());
            }
        }
    }
    seen
}

fn is_duplicate(p: &Problem, a: &Activity, b: &Activity) -> bool {
    a.body != b.body
        && a.subjects.iter().any(|s| b.subjects.contains(s))
        && a.topics.iter().any(|x| {
            b.topics
                .iter()
                .any(|y| ancestors_or_self(p, y).contains(x) || ancestors_or_self(p, x).contains(y))
        })
}

fn rank(p: &Problem, body: &str) -> u32 {
    p.bodies
        .iter()
        .find(|b| b.id == body)
        .map(|b| b.rank)
        .expect("activity body exists")
}

#[derive(Debug, Clone)]
struct NGroup {
    /// Position of the lead in the problem.
    lead_pos: usize,
    lead: String,
    lead_body: String,
    /// Activity positions.
    acts: Vec<usize>,
    /// Activity ids, ordered by id.
    ids: Vec<String>,
    members: BTreeSet<String>,
    subjects: BTreeSet<String>,
    areas: BTreeSet<String>,
    invite: BTreeSet<String>,
    duration: u32,
    fixed: bool,
}

/// Groups by brute force: every pair tested, components by label propagation.
fn naive_groups(p: &Problem) -> Vec<NGroup> {
    let n = p.activities.len();
    let mut label: Vec<usize> = (0..n).collect();
    if p.rules.merge == MergePolicy::Auto {
        let mut edges = Vec::new();
        for i in 0..n {
            for j in i + 1..n {
                if is_duplicate(p, &p.activities[i], &p.activities[j]) {
                    edges.push((i, j));
                }
            }
        }
        let mut changed = true;
        while changed {
            changed = false;
            for &(i, j) in &edges {
                let m = label[i].min(label[j]);
                if label[i] != m || label[j] != m {
                    label[i] = m;
                    label[j] = m;
                    changed = true;
                }
            }
        }
    }
    let labels: BTreeSet<usize> = label.iter().copied().collect();
    let mut groups: Vec<NGroup> = labels
        .into_iter()
        .map(|l| {
            let acts: Vec<usize> = (0..n).filter(|&a| label[a] == l).collect();
            let lead_pos = *acts
                .iter()
                .min_by(|&&x, &&y| {
                    let (ax, ay) = (&p.activities[x], &p.activities[y]);
                    (rank(p, &ax.body), &ax.id).cmp(&(rank(p, &ay.body), &ay.id))
                })
                .expect("a component is never empty");
            let lead_body = p.activities[lead_pos].body.clone();
            // The lead first, then the others by id (the example plan's order).
            let lead_id = p.activities[lead_pos].id.clone();
            let mut others: Vec<String> = acts
                .iter()
                .map(|&a| p.activities[a].id.clone())
                .filter(|id| *id != lead_id)
                .collect();
            others.sort();
            let ids: Vec<String> = std::iter::once(lead_id).chain(others).collect();
            let mut g = NGroup {
                lead_pos,
                lead: p.activities[lead_pos].id.clone(),
                lead_body: lead_body.clone(),
                acts: acts.clone(),
                ids,
                members: BTreeSet::new(),
                subjects: BTreeSet::new(),
                areas: BTreeSet::new(),
                invite: BTreeSet::new(),
                duration: 0,
                fixed: false,
            };
            for &a in &acts {
                let act = &p.activities[a];
                g.members.extend(act.members.iter().cloned());
                g.subjects.extend(act.subjects.iter().cloned());
                g.areas.extend(act.areas.iter().cloned());
                for s in &act.subjects {
                    let subject = p.subjects.iter().find(|x| &x.id == s).expect("subject");
                    g.areas.extend(subject.area.iter().cloned());
                }
                g.invite.extend(act.invite.iter().cloned());
                g.invite.insert(act.body.clone());
                g.duration = g.duration.max(act.duration);
                g.fixed |= act.fixed_start.is_some();
            }
            g.invite.remove(&lead_body);
            g
        })
        .collect();
    groups.sort_by_key(|g| g.lead_pos);
    groups
}

/// One violation as the format counts it: rule, the leads of the groups involved, the
/// activity (per-activity rules) and what it adds to `hard`.
type Unit = (String, BTreeSet<String>, Option<String>, u64);

/// (lead, activities, start, days, invite) of one group.
type GroupView = (String, Vec<String>, NaiveDate, Vec<NaiveDate>, Vec<String>);

#[derive(Debug, Default, Clone, PartialEq, Eq)]
struct NaiveScore {
    hard: u64,
    per_rule: BTreeMap<String, u64>,
    units: Vec<Unit>,
    balance: u64,
    area: u64,
    invite: u64,
    preferred: u64,
    r#move: u64,
    shift: u64,
    /// Per group, in group order.
    groups: Vec<GroupView>,
}

impl NaiveScore {
    fn add(&mut self, rule: &str, leads: &[&str], activity: Option<&str>, count: u64) {
        self.hard += count;
        *self.per_rule.entry(rule.to_string()).or_default() += count;
        self.units.push((
            rule.to_string(),
            leads.iter().map(|s| s.to_string()).collect(),
            activity.map(str::to_string),
            count,
        ));
    }

    fn soft(&self) -> u64 {
        self.balance + self.area + self.invite + self.preferred + self.r#move + self.shift
    }
}

/// Scores `starts` (one per naive group) by brute force.
fn naive_score(
    p: &Problem,
    groups: &[NGroup],
    starts: &[NaiveDate],
    baseline: Option<&[NaiveDate]>,
) -> NaiveScore {
    let n = groups.len();
    let mut s = NaiveScore::default();
    let days: Vec<Vec<NaiveDate>> = (0..n)
        .map(|g| days_from(p, starts[g], groups[g].duration))
        .collect();
    let fl: Vec<(NaiveDate, NaiveDate)> = (0..n).map(|g| first_last(starts[g], &days[g])).collect();
    let group_of = |act_id: &str| {
        groups
            .iter()
            .position(|g| g.ids.iter().any(|i| i == act_id))
    };
    let meet = |x: usize, y: usize| days[x].iter().any(|d| days[y].contains(d));

    for (g, group) in groups.iter().enumerate() {
        s.groups.push((
            group.lead.clone(),
            group.ids.clone(),
            starts[g],
            days[g].clone(),
            group.invite.iter().cloned().collect(),
        ));
        let lead = group.lead.as_str();
        // calendar
        if !(is_working(p, starts[g]) && days[g].len() == group.duration as usize) {
            s.add("calendar", &[lead], None, 1);
        }
        // blocked
        let mut bodies: BTreeSet<&str> = BTreeSet::from([group.lead_body.as_str()]);
        let people: Vec<_> = p
            .people
            .iter()
            .filter(|x| group.members.contains(&x.id))
            .collect();
        for person in &people {
            bodies.extend(person.bodies.iter().map(String::as_str));
        }
        let blocked = days[g].iter().any(|&d| {
            let by_event = p.events.iter().any(|e| {
                e.start <= d
                    && d <= e.end
                    && e.blocks
                        .iter()
                        .any(|b| b == "*" || bodies.contains(b.as_str()))
            });
            let by_person = people
                .iter()
                .any(|x| x.unavailable.iter().any(|r| r.start <= d && d <= r.end));
            by_event || by_person
        });
        if blocked {
            s.add("blocked", &[lead], None, 1);
        }
    }

    // window, fixed, after, before: per activity (and item)
    for (a, act) in p.activities.iter().enumerate() {
        let g = groups
            .iter()
            .position(|x| x.acts.contains(&a))
            .expect("every activity has a group");
        let lead = groups[g].lead.as_str();
        let (first, last) = fl[g];
        let window = act.window.unwrap_or(p.horizon);
        if window.start > first || last > window.end {
            s.add("window", &[lead], Some(&act.id), 1);
        }
        if let Some(fixed) = act.fixed_start {
            if first != fixed {
                s.add("fixed", &[lead], Some(&act.id), 1);
            }
        }
        for (rule, items) in [("after", &act.after), ("before", &act.before)] {
            for item in items {
                let (target, other) = match group_of(&item.reference) {
                    Some(h) => (fl[h], Some(h)),
                    None => {
                        let e = p
                            .events
                            .iter()
                            .find(|e| e.id == item.reference)
                            .expect("a ref names an activity or an event");
                        ((e.start, e.end), None)
                    }
                };
                let distance = if rule == "after" {
                    (first - target.1).num_days() - 1
                } else {
                    (target.0 - last).num_days() - 1
                };
                let own = other == Some(g);
                if own || distance < i64::from(item.gap) {
                    let mut leads = vec![lead];
                    if let Some(h) = other {
                        leads.push(groups[h].lead.as_str());
                    }
                    s.add(rule, &leads, Some(&act.id), 1);
                }
            }
        }
    }

    // person and subject_gap: pairs of groups
    for x in 0..n {
        for y in x + 1..n {
            let leads = [groups[x].lead.as_str(), groups[y].lead.as_str()];
            if !groups[x].members.is_disjoint(&groups[y].members) && meet(x, y) {
                s.add("person", &leads, None, 1);
            }
            if !groups[x].subjects.is_disjoint(&groups[y].subjects)
                && dist(fl[x], fl[y]) < i64::from(p.rules.subject_gap)
            {
                s.add("subject_gap", &leads, None, 1);
            }
        }
    }

    // parallel: per (body, day), the excess
    for body in &p.bodies {
        let all_days: BTreeSet<NaiveDate> = days.iter().flatten().copied().collect();
        for d in all_days {
            let led: Vec<&str> = (0..n)
                .filter(|&g| groups[g].lead_body == body.id && days[g].contains(&d))
                .map(|g| groups[g].lead.as_str())
                .collect();
            if led.len() as u32 > body.max_parallel {
                s.add(
                    "parallel",
                    &led,
                    None,
                    u64::from(led.len() as u32 - body.max_parallel),
                );
            }
        }
    }

    // soft terms
    let w = &p.rules.weights;
    let mut per_month: BTreeMap<(String, i32, u32), u64> = BTreeMap::new();
    for g in 0..n {
        for d in &days[g] {
            *per_month
                .entry((groups[g].lead_body.clone(), d.year(), d.month()))
                .or_default() += 1;
        }
    }
    s.balance = w.balance * per_month.values().map(|c| c * c).sum::<u64>();

    let mut close = 0;
    for x in 0..n {
        for y in x + 1..n {
            if !groups[x].areas.is_disjoint(&groups[y].areas)
                && dist(fl[x], fl[y]) < i64::from(p.rules.area_gap)
            {
                close += 1;
            }
        }
    }
    s.area = w.area * close;

    let mut clashes = 0;
    for g in 0..n {
        for body in &groups[g].invite {
            if (0..n).any(|h| h != g && &groups[h].lead_body == body && meet(g, h)) {
                clashes += 1;
            }
        }
    }
    s.invite = w.invite * clashes;

    let mut outside = 0;
    for (a, act) in p.activities.iter().enumerate() {
        if let Some(pref) = act.preferred {
            let g = groups
                .iter()
                .position(|x| x.acts.contains(&a))
                .expect("group");
            let (first, last) = fl[g];
            let mut d = first;
            while d <= last {
                if d < pref.start || d > pref.end {
                    outside += 1;
                }
                d = next_day(d);
            }
        }
    }
    s.preferred = w.preferred * outside;

    if let Some(base) = baseline {
        for g in 0..n {
            if !groups[g].fixed && starts[g] != base[g] {
                s.r#move += w.r#move;
                s.shift += w.shift * (starts[g] - base[g]).num_days().unsigned_abs();
            }
        }
    }
    s
}

/// The library's answer in the naive scorer's terms.
fn library_score(plan: &Plan) -> NaiveScore {
    let mut s = NaiveScore::default();
    for v in &plan.violations {
        let leads: Vec<&str> = v.groups.iter().map(String::as_str).collect();
        s.add(
            v.rule.name(),
            &leads,
            v.activities.first().map(String::as_str),
            v.count,
        );
        assert!(
            v.activities.len() <= 1,
            "one activity per violation at most"
        );
    }
    assert_eq!(s.hard, plan.score.hard, "hard is the sum of the counts");
    s.hard = plan.score.hard;
    let t = &plan.score.terms;
    s.balance = t.balance;
    s.area = t.area;
    s.invite = t.invite;
    s.preferred = t.preferred;
    s.r#move = t.r#move;
    s.shift = t.shift;
    assert_eq!(plan.score.soft, s.soft(), "soft is the sum of the terms");
    s.groups = plan
        .groups
        .iter()
        .map(|g| {
            (
                g.lead.clone(),
                g.activities.clone(),
                g.start,
                g.days.clone(),
                g.invite.clone(),
            )
        })
        .collect();
    s
}

/// Every difference between the naive score and the library's, one line each.
fn differences(naive: &NaiveScore, lib: &NaiveScore) -> Vec<String> {
    let mut out = Vec::new();
    if naive.groups != lib.groups {
        out.push(format!(
            "groups differ:\n  naive   {:?}\n  library {:?}",
            naive.groups, lib.groups
        ));
    }
    if naive.hard != lib.hard {
        out.push(format!("hard: naive {} library {}", naive.hard, lib.hard));
    }
    if naive.per_rule != lib.per_rule {
        out.push(format!(
            "per rule: naive {:?} library {:?}",
            naive.per_rule, lib.per_rule
        ));
    }
    let mut a = naive.units.clone();
    let mut b = lib.units.clone();
    a.sort();
    b.sort();
    if a != b {
        let only_naive: Vec<_> = a.iter().filter(|u| !b.contains(u)).collect();
        let only_lib: Vec<_> = b.iter().filter(|u| !a.contains(u)).collect();
        out.push(format!(
            "violations differ: only naive {only_naive:?}; only library {only_lib:?}"
        ));
    }
    for (name, x, y) in [
        ("balance", naive.balance, lib.balance),
        ("area", naive.area, lib.area),
        ("invite", naive.invite, lib.invite),
        ("preferred", naive.preferred, lib.preferred),
        ("move", naive.r#move, lib.r#move),
        ("shift", naive.shift, lib.shift),
    ] {
        if x != y {
            out.push(format!("{name}: naive {x} library {y}"));
        }
    }
    out
}

fn plan_json(groups: &[NGroup], starts: &[NaiveDate]) -> String {
    let order: Vec<usize> = (0..groups.len()).collect();
    plan_json_in(groups, starts, &order, false)
}

/// The plan document listing the groups in `order`, each group's activities reversed
/// when `reverse`: a plan is read by lead, not by position.
fn plan_json_in(groups: &[NGroup], starts: &[NaiveDate], order: &[usize], reverse: bool) -> String {
    let groups: Vec<Value> = order
        .iter()
        .map(|&g| {
            let mut ids = groups[g].ids.clone();
            if reverse {
                ids.reverse();
            }
            json!({"lead": groups[g].lead, "activities": ids, "start": starts[g]})
        })
        .collect();
    json!({"format": "oversight.plan/1", "groups": groups}).to_string()
}

// ---------------------------------------------------------------------------------------
// Random problems and plans
// ---------------------------------------------------------------------------------------

/// Reads choices from proptest's entropy; an exhausted or zero entry is the simplest
/// choice, so shrinking simplifies the problem.
struct Src<'a> {
    data: &'a [u32],
    pos: usize,
}

impl Src<'_> {
    fn next(&mut self) -> u32 {
        let v = self.data.get(self.pos).copied().unwrap_or(0);
        self.pos += 1;
        v
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            self.next() as usize % n
        }
    }

    fn between(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as usize) as i64
    }

    /// `percent` % of the time; never for a zero entry.
    fn chance(&mut self, percent: u32) -> bool {
        self.next() % 100 >= 100 - percent
    }

    fn pick<'t, T>(&mut self, items: &'t [T]) -> &'t T {
        &items[self.below(items.len())]
    }

    /// Up to `max` picks (repeats allowed: lists may name an id twice).
    fn some<T: Clone>(&mut self, items: &[T], max: usize) -> Vec<T> {
        if items.is_empty() {
            return Vec::new();
        }
        let k = self.below(max + 1);
        (0..k).map(|_| self.pick(items).clone()).collect()
    }

    fn permutation(&mut self, n: usize) -> Vec<usize> {
        let mut v: Vec<usize> = (0..n).collect();
        for i in (1..n).rev() {
            let j = self.below(i + 1);
            v.swap(i, j);
        }
        v
    }
}

fn plus(d: NaiveDate, days: i64) -> NaiveDate {
    d + Duration::days(days)
}

/// A naive working-day count, for making windows the validator accepts.
fn working_between(
    start: NaiveDate,
    end: NaiveDate,
    weekend: &[chrono::Weekday],
    days_off: &[NaiveDate],
    workdays: &[NaiveDate],
) -> usize {
    let mut n = 0;
    let mut d = start;
    while d <= end {
        if workdays.contains(&d) || !(weekend.contains(&d.weekday()) || days_off.contains(&d)) {
            n += 1;
        }
        d = next_day(d);
    }
    n
}

/// A random small problem (country "none") as a JSON tree.
fn random_problem(src: &mut Src<'_>) -> Value {
    let h_start = plus(
        NaiveDate::from_ymd_opt(2024, 1, 1).expect("date"),
        src.between(0, 380),
    );
    let h_len = src.between(20, 100);
    let h_end = plus(h_start, h_len - 1);
    let date_in = |src: &mut Src<'_>| plus(h_start, src.between(0, h_len - 1));

    // calendar
    let weekends: [&[&str]; 6] = [
        &["sat", "sun"],
        &["sat", "sun"],
        &["sun"],
        &[],
        &["fri", "sat"],
        &["sat", "sun", "wed"],
    ];
    let weekend_choice = src.below(weekends.len());
    let weekend_names = weekends[weekend_choice];
    let weekend: Vec<chrono::Weekday> = weekend_names
        .iter()
        .map(|w| w.parse().expect("weekday"))
        .collect();
    let days_off: Vec<NaiveDate> = (0..src.below(4)).map(|_| date_in(src)).collect();
    let workdays: Vec<NaiveDate> = (0..src.below(3)).map(|_| date_in(src)).collect();
    let mut calendar = json!({"country": "none", "days_off": days_off, "workdays": workdays});
    if weekend_choice != 0 {
        calendar["weekend"] = json!(weekend_names);
    }

    // bodies
    let body_pool = ["dbqh", "tt", "ban-kt", "ban-vh"];
    let kinds = ["na_delegation", "standing_committee", "committee", "other"];
    let n_bodies = 2 + src.below(3);
    let body_ids: Vec<String> = src
        .permutation(body_pool.len())
        .into_iter()
        .take(n_bodies)
        .map(|i| body_pool[i].to_string())
        .collect();
    let bodies: Vec<Value> = body_ids
        .iter()
        .map(|id| {
            let mut b = json!({"id": id, "name": format!("Body {id}"), "kind": src.pick(&kinds)});
            match src.below(4) {
                0 => {}
                r => b["rank"] = json!(r),
            }
            match src.below(3) {
                0 => {}
                m => b["max_parallel"] = json!(m),
            }
            b
        })
        .collect();

    // people
    let n_people = 3 + src.below(6);
    let person_ids: Vec<String> = src
        .permutation(n_people)
        .into_iter()
        .map(|i| format!("p{}", i + 1))
        .collect();
    let people: Vec<Value> = person_ids
        .iter()
        .map(|id| {
            let bodies = src.some(&body_ids, 2);
            let unavailable: Vec<Value> = (0..src.below(3))
                .map(|_| {
                    let s = plus(h_start, src.between(-10, h_len + 5));
                    json!({"start": s, "end": plus(s, src.between(0, 6))})
                })
                .collect();
            json!({"id": id, "name": format!("Person {id}"), "bodies": bodies, "unavailable": unavailable})
        })
        .collect();

    // topics (a DAG: parents among earlier topics), areas, subjects
    let n_topics = 3 + src.below(4);
    let topic_ids: Vec<String> = (0..n_topics).map(|i| format!("t{}", 9 - i)).collect();
    let topics: Vec<Value> = (0..n_topics)
        .map(|i| {
            let parents = src.some(&topic_ids[..i], 2);
            json!({"id": topic_ids[i], "name": format!("Topic {i}"), "parents": parents})
        })
        .collect();
    let n_areas = 2 + src.below(3);
    let area_ids: Vec<String> = (0..n_areas).map(|i| format!("x{i}")).collect();
    let areas: Vec<Value> = area_ids
        .iter()
        .map(|id| json!({"id": id, "name": format!("Area {id}")}))
        .collect();
    let n_subjects = 2 + src.below(4);
    let subject_ids: Vec<String> = (0..n_subjects).map(|i| format!("s{i}")).collect();
    let subjects: Vec<Value> = subject_ids
        .iter()
        .map(|id| {
            let mut s = json!({"id": id, "name": format!("Subject {id}")});
            if src.chance(60) {
                s["area"] = json!(src.pick(&area_ids));
            }
            s
        })
        .collect();

    // events
    let n_events = src.below(3);
    let mut event_times = Vec::new();
    let events: Vec<Value> = (0..n_events)
        .map(|i| {
            let off = src.between(0, h_len - 1);
            let start = plus(h_start, off);
            let end = plus(start, src.between(0, 5)).min(h_end);
            event_times.push(off);
            let blocks: Vec<String> = match src.below(4) {
                0 => Vec::new(),
                1 => vec!["*".to_string()],
                _ => src.some(&body_ids, 2),
            };
            json!({"id": format!("e{i}"), "name": format!("Event {i}"),
                   "start": start, "end": end, "blocks": blocks})
        })
        .collect();

    // activities
    let forms = [
        "thematic_supervision",
        "survey",
        "explanation_session",
        "questioning",
        "document_review",
        "voter_contact",
        "law_consultation",
        "verification_meeting",
        "working_meeting",
        "other",
    ];
    let n_acts = 4 + src.below(12);
    let act_ids: Vec<String> = src
        .permutation(20)
        .into_iter()
        .take(n_acts)
        .map(|i| format!("a{}", i + 1))
        .collect();
    // A hidden order keeps `after`/`before` acyclic: `a after r` only when r comes
    // earlier in it, `a before r` only when r comes later.
    let times: Vec<(i64, usize, usize)> = (0..n_acts)
        .map(|i| (src.between(0, h_len - 1), 1, i))
        .collect();
    let event_keys: Vec<(i64, usize, usize)> = event_times
        .iter()
        .enumerate()
        .map(|(e, &t)| (t, 0, e))
        .collect();
    let mut activities = Vec::new();
    for i in 0..n_acts {
        let id = &act_ids[i];
        let duration = src.between(1, 4);
        let mut a = json!({
            "id": id,
            "body": src.pick(&body_ids),
            "title": format!("Activity {id}"),
            "form": src.pick(&forms),
            "duration": duration,
        });
        let topics = if src.chance(85) {
            let mut t = vec![src.pick(&topic_ids).clone()];
            t.extend(src.some(&topic_ids, 1));
            t
        } else {
            Vec::new()
        };
        if !topics.is_empty() || src.chance(50) {
            a["topics"] = json!(topics);
        }
        let subjects = if src.chance(85) {
            let mut s = vec![src.pick(&subject_ids).clone()];
            s.extend(src.some(&subject_ids, 1));
            s
        } else {
            Vec::new()
        };
        a["subjects"] = json!(subjects);
        if src.chance(40) {
            a["areas"] = json!(src.some(&area_ids, 2));
        }
        if src.chance(50) {
            let start = date_in(src);
            let end = plus(start, src.between(0, h_len / 2)).min(h_end);
            if working_between(start, end, &weekend, &days_off, &workdays) >= duration as usize {
                a["window"] = json!({"start": start, "end": end});
            }
        }
        if src.chance(35) {
            let start = date_in(src);
            let end = plus(start, src.between(0, 15)).min(h_end);
            a["preferred"] = json!({"start": start, "end": end});
        }
        let members = src.some(&person_ids, 2);
        if !members.is_empty() {
            a["members"] = json!(members);
        }
        let invite = src.some(&body_ids, 2);
        if !invite.is_empty() {
            a["invite"] = json!(invite);
        }
        let me = times[i];
        for (field, earlier) in [("after", true), ("before", false)] {
            let mut candidates: Vec<String> = (0..i)
                .filter(|&j| (times[j] < me) == earlier)
                .map(|j| act_ids[j].clone())
                .collect();
            candidates.extend(
                event_keys
                    .iter()
                    .filter(|&&k| (k < me) == earlier)
                    .map(|&(_, _, e)| format!("e{e}")),
            );
            let refs = src.some(&candidates, 2);
            if !refs.is_empty() {
                let items: Vec<Value> = refs
                    .into_iter()
                    .map(|r| match src.below(3) {
                        0 => json!({"ref": r}),
                        _ => json!({"ref": r, "gap": src.between(0, 10)}),
                    })
                    .collect();
                a[field] = json!(items);
            }
        }
        if src.chance(12) {
            a["fixed_start"] = json!(date_in(src));
        }
        activities.push(a);
    }

    let mut history = Vec::new();
    if src.chance(30) {
        let end = plus(h_start, -src.between(1, 400));
        history.push(json!({"id": "h1", "body": src.pick(&body_ids),
            "topics": src.some(&topic_ids, 2), "subjects": src.some(&subject_ids, 2),
            "start": plus(end, -2), "end": end}));
    }

    let mut rules = json!({});
    if src.chance(80) {
        rules["subject_gap"] = json!(src.between(0, 40));
    }
    if src.chance(80) {
        rules["area_gap"] = json!(src.between(0, 20));
    }
    match src.below(3) {
        0 => {}
        1 => rules["merge"] = json!("auto"),
        _ => rules["merge"] = json!("off"),
    }
    let mut weights = json!({});
    for name in ["balance", "area", "invite", "preferred", "move", "shift"] {
        if src.chance(60) {
            weights[name] = json!(src.between(0, 100));
        }
    }
    rules["weights"] = weights;

    json!({
        "format": "oversight.problem/1",
        "name": "random",
        "horizon": {"start": h_start, "end": h_end},
        "calendar": calendar,
        "bodies": bodies,
        "people": people,
        "topics": topics,
        "areas": areas,
        "subjects": subjects,
        "events": events,
        "activities": activities,
        "history": history,
        "rules": rules,
    })
}

/// A start per group: mostly inside the horizon, some on free days, near or after its
/// end, before its start, or on another group's start (to make groups meet).
fn random_starts(src: &mut Src<'_>, p: &Problem, n: usize) -> Vec<NaiveDate> {
    let h = p.horizon;
    let len = (h.end - h.start).num_days();
    let mut starts: Vec<NaiveDate> = Vec::new();
    for _ in 0..n {
        let d = match src.below(20) {
            0..=10 => plus(h.start, src.between(0, len)),
            11..=13 => plus(h.end, -src.between(0, 6)),
            14 => plus(h.end, src.between(1, 5)),
            15 => plus(h.start, -src.between(1, 5)),
            16 | 17 if !starts.is_empty() => *src.pick(&starts),
            // A few days from another group: distances near the gaps.
            _ if !starts.is_empty() => plus(*src.pick(&starts), src.between(-4, 16)),
            _ => h.start,
        };
        starts.push(d);
    }
    starts
}

fn check_case(entropy: &[u32]) -> Result<(), TestCaseError> {
    let mut src = Src {
        data: entropy,
        pos: 0,
    };
    let text = random_problem(&mut src).to_string();
    let parsed = Problem::from_text(&text);
    prop_assume!(parsed.is_ok(), "invalid problem: {:?}", parsed.err());
    let problem = parsed.expect("checked");
    prop_assert!(problem.validate().is_ok(), "validate: {text}");

    let groups = naive_groups(&problem);
    let starts = random_starts(&mut src, &problem, groups.len());
    let order = src.permutation(groups.len());
    let plan_text = plan_json_in(&groups, &starts, &order, src.chance(50));
    let plan = Plan::from_text(&plan_text).expect("plan");
    let scored = match problem.score(&plan) {
        Ok(s) => s,
        Err(e) => {
            return Err(TestCaseError::fail(format!(
                "the library rejects the naive grouping: {e:?}\nproblem: {text}\nplan: {plan_text}"
            )))
        }
    };
    let naive = naive_score(&problem, &groups, &starts, None);
    let diffs = differences(&naive, &library_score(&scored));
    prop_assert!(
        diffs.is_empty(),
        "{}\nproblem: {text}\nplan: {plan_text}",
        diffs.join("\n")
    );
    prop_assert_eq!(scored.score.terms.r#move, 0);
    prop_assert_eq!(scored.score.terms.shift, 0);

    // Against a baseline: some groups keep their start, others moved.
    let base_starts: Vec<NaiveDate> = starts
        .iter()
        .map(|&s| {
            if src.chance(50) {
                plus(problem.horizon.start, src.between(0, 40))
            } else {
                s
            }
        })
        .collect();
    let base_text = plan_json(&groups, &base_starts);
    let baseline = Plan::from_text(&base_text).expect("baseline");
    let rescored = match problem.score_against(&plan, Some(&baseline)) {
        Ok(s) => s,
        Err(e) => {
            return Err(TestCaseError::fail(format!(
                "score_against fails: {e:?}\nproblem: {text}"
            )))
        }
    };
    let naive = naive_score(&problem, &groups, &starts, Some(&base_starts));
    let diffs = differences(&naive, &library_score(&rescored));
    prop_assert!(
        diffs.is_empty(),
        "{}\nproblem: {text}\nplan: {plan_text}\nbaseline: {base_text}",
        diffs.join("\n")
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 1000,
        max_global_rejects: 4000,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn library_scores_like_the_naive_scorer(entropy in prop::collection::vec(any::<u32>(), 1500)) {
        check_case(&entropy)?;
    }
}

// ---------------------------------------------------------------------------------------
// Hand-picked cases for the edges the library defines
// ---------------------------------------------------------------------------------------

fn small_problem(activities: &str, rules: &str) -> Problem {
    let text = format!(
        r#"{{"format": "oversight.problem/1", "name": "edge",
  "horizon": {{"start": "2024-03-01", "end": "2024-03-29"}},
  "calendar": {{"country": "none", "days_off": ["2024-03-13"], "workdays": ["2024-03-16"]}},
  "bodies": [{{"id": "tt", "name": "TT", "kind": "standing_committee", "rank": 2}},
             {{"id": "dbqh", "name": "ĐBQH", "kind": "na_delegation", "rank": 1}}],
  "people": [{{"id": "p1", "name": "A", "bodies": ["tt"]}}],
  "topics": [{{"id": "land", "name": "Đất"}}, {{"id": "land.c", "name": "BT", "parents": ["land"]}}],
  "areas": [{{"id": "x", "name": "X"}}],
  "subjects": [{{"id": "s", "name": "S", "area": "x"}}],
  "events": [{{"id": "e", "name": "E", "start": "2024-03-20", "end": "2024-03-22", "blocks": ["*"]}}],
  "activities": [{activities}],
  "rules": {rules}}}"#
    );
    Problem::from_text(&text).unwrap_or_else(|e| panic!("{e:?}\n{text}"))
}

fn agree(problem: &Problem, starts: &[&str], baseline: Option<&[&str]>) -> NaiveScore {
    let date = |s: &&str| NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date");
    let groups = naive_groups(problem);
    let starts: Vec<NaiveDate> = starts.iter().map(date).collect();
    let plan = Plan::from_text(&plan_json(&groups, &starts)).expect("plan");
    let base: Option<Vec<NaiveDate>> = baseline.map(|b| b.iter().map(date).collect());
    let scored = match &base {
        Some(b) => {
            let bp = Plan::from_text(&plan_json(&groups, b)).expect("baseline");
            problem.score_against(&plan, Some(&bp))
        }
        None => problem.score(&plan),
    }
    .expect("score");
    let naive = naive_score(problem, &groups, &starts, base.as_deref());
    let diffs = differences(&naive, &library_score(&scored));
    assert!(diffs.is_empty(), "{}", diffs.join("\n"));
    naive
}

#[test]
fn empty_days_after_the_horizon_use_the_start_as_first_and_last() {
    // Starts after the last working day: D is empty, first = last = the start.
    let p = small_problem(
        r#"{"id": "a", "body": "tt", "title": "A", "form": "survey", "duration": 2,
            "subjects": ["s"], "preferred": {"start": "2024-03-01", "end": "2024-03-10"}},
           {"id": "b", "body": "tt", "title": "B", "form": "survey", "duration": 1,
            "subjects": ["s"], "after": [{"ref": "a", "gap": 0}]}"#,
        r#"{"subject_gap": 5}"#,
    );
    let s = agree(&p, &["2024-03-30", "2024-03-29"], None);
    assert_eq!(s.groups[0].3, Vec::<NaiveDate>::new());
    assert_eq!(s.per_rule.get("calendar"), Some(&1));
    assert_eq!(s.per_rule.get("window"), Some(&1));
    // dist(b, a) = 30 − 29 − 1 = 0 < 5; b after a: 29 − 30 − 1 < 0.
    assert_eq!(s.per_rule.get("subject_gap"), Some(&1));
    assert_eq!(s.per_rule.get("after"), Some(&1));
    assert_eq!(s.preferred, 5); // the one day [30, 30] lies outside the preferred window
}

#[test]
fn days_cut_at_the_horizon_end_and_moved_to_the_next_working_day() {
    let p = small_problem(
        r#"{"id": "a", "body": "tt", "title": "A", "form": "survey", "duration": 4, "members": ["p1"]},
           {"id": "b", "body": "dbqh", "title": "B", "form": "survey", "duration": 1, "invite": ["tt"]}"#,
        r#"{}"#,
    );
    // a from Thursday 28th: D = 28, 29 (cut); b on Sunday 17th → Monday 18th.
    let s = agree(&p, &["2024-03-28", "2024-03-17"], None);
    assert_eq!(s.groups[0].3.len(), 2);
    assert_eq!(s.per_rule.get("calendar"), Some(&2));
    // The make-up Saturday 16th works, the day off on the 13th does not.
    let s = agree(&p, &["2024-03-12", "2024-03-16"], None);
    assert_eq!(
        s.groups[0].3,
        ["2024-03-12", "2024-03-14", "2024-03-15", "2024-03-16"]
            .iter()
            .map(|d| d.parse::<NaiveDate>().expect("date"))
            .collect::<Vec<_>>()
    );
    assert_eq!(s.invite, 20); // b invites tt, which leads a on the 16th
}

#[test]
fn references_inside_a_group_never_hold_and_fixed_groups_do_not_move() {
    let p = small_problem(
        r#"{"id": "b", "body": "tt", "title": "B", "form": "survey", "duration": 1,
            "topics": ["land.c"], "subjects": ["s"], "fixed_start": "2024-03-05"},
           {"id": "a", "body": "dbqh", "title": "A", "form": "survey", "duration": 2,
            "topics": ["land"], "subjects": ["s"], "after": [{"ref": "b"}]},
           {"id": "c", "body": "tt", "title": "C", "form": "survey", "duration": 1,
            "before": [{"ref": "e", "gap": 3}]}"#,
        r#"{"weights": {"move": 7, "shift": 2}}"#,
    );
    let s = agree(
        &p,
        &["2024-03-05", "2024-03-18"],
        Some(&["2024-03-04", "2024-03-11"]),
    );
    assert_eq!(s.groups[0].0, "a"); // dbqh has the smaller rank
    assert_eq!(s.groups[0].4, vec!["tt".to_string()]);
    assert_eq!(s.per_rule.get("after"), Some(&1)); // a after b: same group
    assert_eq!(s.per_rule.get("before"), Some(&1)); // 20 − 18 − 1 = 1 < 3
    assert_eq!((s.r#move, s.shift), (7, 14)); // only c moves, by 7 days
}

#[test]
fn bundled_example_plan_scores_as_stored() {
    let dir = env!("CARGO_MANIFEST_DIR");
    let problem = Problem::load(format!("{dir}/examples/nghe-an-2024.json")).expect("problem");
    let plan_path = format!("{dir}/examples/nghe-an-2024.plan.json");
    let plan = Plan::load(&plan_path).expect("plan");
    let stored: Value =
        serde_json::from_str(&std::fs::read_to_string(&plan_path).expect("read")).expect("json");
    let scored = problem.score(&plan).expect("score");
    let recomputed = serde_json::to_value(scored.score).expect("score json");
    assert_eq!(recomputed, stored["score"]);
    assert_eq!(
        recomputed,
        json!({"hard": 0, "soft": 4929, "terms": {"balance": 3799, "area": 900,
               "invite": 120, "preferred": 110, "move": 0, "shift": 0}})
    );
    assert!(scored.violations.is_empty());
    // The stored days and invites are what the library recomputes.
    for (mine, theirs) in scored.groups.iter().zip(&plan.groups) {
        assert_eq!(mine.lead, theirs.lead);
        assert_eq!(mine.start, theirs.start);
    }
    let stored_groups = stored["groups"].as_array().expect("groups");
    assert_eq!(stored_groups.len(), scored.groups.len());
    for (mine, theirs) in scored.groups.iter().zip(stored_groups) {
        assert_eq!(json!(mine.days), theirs["days"], "days of {}", mine.lead);
        assert_eq!(
            json!(mine.invite),
            theirs["invite"],
            "invite of {}",
            mine.lead
        );
    }
}
