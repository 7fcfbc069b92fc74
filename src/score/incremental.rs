//! The incremental scorer: the same v1 rules as [`super::evaluate`], kept up to date as
//! one group's start changes at a time. The solver calls it millions of times, so a
//! move touches only the group, its neighbours (groups sharing a member, subject or
//! area, or linked by an order or an invitation) and the day and month counters of its
//! lead body. Tests check it against the full scorer after long random move sequences.

use chrono::Datelike;

use super::evaluate::{Score, Terms};
use super::model::{ScoreModel, Target};
use crate::calendar::working::Day;
use crate::rules;

/// An `after`/`before` item seen from the groups it links.
#[derive(Debug, Clone, Copy)]
struct OrderLink {
    /// The group of the activity that carries the item.
    group: usize,
    /// The referenced group, or `None` for an event.
    other: Option<usize>,
    /// The event's days when `other` is `None`.
    event: (Day, Day),
    gap: i64,
    after: bool,
}

/// Unweighted counts behind the score.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Counts {
    hard: i64,
    balance: i64,
    area: i64,
    invite: i64,
    preferred: i64,
    moved: i64,
    shifted: i64,
}

/// A schedule with its score, updated move by move.
#[derive(Debug, Clone)]
pub struct IncrementalScore<'m> {
    model: &'m ScoreModel,
    starts: Vec<Day>,
    /// `first`/`last` of each group.
    bounds: Vec<(Day, Day)>,
    /// `D` of each group as a range of positions in the working-day list.
    spans: Vec<(usize, usize)>,
    baseline: Option<Vec<Option<Day>>>,
    person_nb: Vec<Vec<usize>>,
    subject_nb: Vec<Vec<usize>>,
    area_nb: Vec<Vec<usize>>,
    links: Vec<OrderLink>,
    /// For each group, the positions in `links` that involve it.
    links_of: Vec<Vec<usize>>,
    /// For each body, the groups it leads.
    led_by: Vec<Vec<usize>>,
    /// For each body, the groups that invite it.
    inviting: Vec<Vec<usize>>,
    /// `invite_hits[g][i]`: groups led by the `i`-th invited body of `g` whose `D`
    /// meets `D(g)`.
    invite_hits: Vec<Vec<u32>>,
    /// Groups led per (body, working-day position).
    led_on: Vec<u32>,
    /// Days led per (body, month position).
    month_days: Vec<i64>,
    /// Month position of each working day.
    month_of: Vec<usize>,
    months: usize,
    days: usize,
    counts: Counts,
}

fn neighbours(n: usize, items: impl Fn(usize) -> Vec<usize>) -> Vec<Vec<usize>> {
    let mut holders: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
    for g in 0..n {
        for item in items(g) {
            holders.entry(item).or_default().push(g);
        }
    }
    let mut out = vec![Vec::new(); n];
    for list in holders.values() {
        for &g in list {
            out[g].extend(list.iter().copied().filter(|&h| h != g));
        }
    }
    for list in &mut out {
        list.sort_unstable();
        list.dedup();
    }
    out
}

impl<'m> IncrementalScore<'m> {
    /// Starts from `starts` (one per group); with a baseline, `move`/`shift` count.
    pub fn new(model: &'m ScoreModel, starts: &[Day], baseline: Option<&[Option<Day>]>) -> Self {
        let groups = &model.grouping.groups;
        let n = groups.len();
        let wd = model.calendar.working_days();
        let mut month_of = Vec::with_capacity(wd.len());
        let mut months = 0usize;
        let mut last_key = None;
        for &d in wd {
            let date = model.calendar.date(d);
            let key = (date.year(), date.month());
            if last_key != Some(key) {
                if last_key.is_some() {
                    months += 1;
                }
                last_key = Some(key);
            }
            month_of.push(months);
        }
        let months = months + 1;
        let mut links = Vec::new();
        let mut links_of = vec![Vec::new(); n];
        for rules in &model.activities {
            for (after, orders) in [(true, &rules.after), (false, &rules.before)] {
                for o in orders {
                    let (other, event) = match o.target {
                        Target::Group(h) => (Some(h), (0, 0)),
                        Target::Event { first, last, .. } => (None, (first, last)),
                    };
                    let id = links.len();
                    links.push(OrderLink {
                        group: rules.group,
                        other,
                        event,
                        gap: o.gap,
                        after,
                    });
                    links_of[rules.group].push(id);
                    if let Some(h) = other.filter(|&h| h != rules.group) {
                        links_of[h].push(id);
                    }
                }
            }
        }
        let mut led_by = vec![Vec::new(); model.bodies];
        let mut inviting = vec![Vec::new(); model.bodies];
        for (g, group) in groups.iter().enumerate() {
            led_by[group.lead_body].push(g);
            for &b in &group.invite {
                inviting[b].push(g);
            }
        }
        let mut state = IncrementalScore {
            model,
            starts: starts.to_vec(),
            bounds: vec![(0, 0); n],
            spans: vec![(0, 0); n],
            baseline: baseline.map(<[Option<Day>]>::to_vec),
            person_nb: neighbours(n, |g| groups[g].members.clone()),
            subject_nb: neighbours(n, |g| groups[g].subjects.clone()),
            area_nb: neighbours(n, |g| groups[g].areas.clone()),
            links,
            links_of,
            led_by,
            inviting,
            invite_hits: groups.iter().map(|g| vec![0; g.invite.len()]).collect(),
            led_on: vec![0; model.bodies * wd.len()],
            month_days: vec![0; model.bodies * months],
            month_of,
            months,
            days: wd.len(),
            counts: Counts::default(),
        };
        for (g, &start) in starts.iter().enumerate().take(n) {
            state.place(g, start);
        }
        // Count each pair and link once: add groups one at a time, each against the
        // groups already added.
        let mut added = vec![false; n];
        for g in 0..n {
            state.add_contribution(g, &added);
            added[g] = true;
        }
        state
    }

    /// The current start of each group.
    pub fn starts(&self) -> &[Day] {
        &self.starts
    }

    /// The current score.
    pub fn score(&self) -> Score {
        let w = &self.model.weights;
        let c = &self.counts;
        let weigh = |weight: u64, count: i64| weight.saturating_mul(count.max(0) as u64);
        let terms = Terms {
            balance: weigh(w.balance, c.balance),
            area: weigh(w.area, c.area),
            invite: weigh(w.invite, c.invite),
            preferred: weigh(w.preferred, c.preferred),
            r#move: weigh(w.r#move, c.moved),
            shift: weigh(w.shift, c.shifted),
        };
        Score {
            hard: c.hard.max(0) as u64,
            soft: terms.total(),
            terms,
        }
    }

    /// The groups `g` can clash with under a pairwise hard rule: those sharing a
    /// member or a subject, and those linked to it by an order.
    pub fn hard_neighbours(&self, g: usize) -> Vec<usize> {
        let mut out: Vec<usize> = self.person_nb[g]
            .iter()
            .chain(&self.subject_nb[g])
            .copied()
            .collect();
        for &id in &self.links_of[g] {
            let link = self.links[id];
            out.extend(link.other.filter(|&h| h != g));
            if link.group != g {
                out.push(link.group);
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Moves group `g` to start on `start`.
    pub fn set_start(&mut self, g: usize, start: Day) {
        if self.starts[g] == start {
            return;
        }
        let everyone = AllBut(g);
        self.remove_contribution(g, &everyone);
        self.place(g, start);
        self.add_contribution(g, &everyone);
    }

    /// The score the schedule would have with `g` on `start`, leaving it unchanged.
    pub fn score_if(&mut self, g: usize, start: Day) -> Score {
        let old = self.starts[g];
        self.set_start(g, start);
        let score = self.score();
        self.set_start(g, old);
        score
    }

    fn place(&mut self, g: usize, start: Day) {
        let model = self.model;
        let duration = model.grouping.groups[g].duration as usize;
        let from = model.calendar.working_index_at_or_after(start);
        let to = (from + duration).min(self.days);
        self.starts[g] = start;
        self.spans[g] = (from.min(to), to);
        self.bounds[g] = model.first_last(g, start);
    }

    #[inline]
    fn meets(&self, g: usize, h: usize) -> bool {
        rules::person::runs_meet(self.spans[g], self.spans[h])
    }

    /// Everything `g` contributes, counted against the groups `others` admits.
    fn contribution(&self, g: usize, others: &impl Admit) -> Counts {
        let model = self.model;
        let group = &model.grouping.groups[g];
        let (first, last) = self.bounds[g];
        let mut c = Counts::default();

        // Unary hard rules and preferred.
        if !rules::calendar::holds(&model.calendar, self.starts[g], group.duration) {
            c.hard += 1;
        }
        if model.first_blocked_day(g, self.starts[g]).is_some() {
            c.hard += 1;
        }
        for &a in &group.activities {
            let act = &model.activities[a];
            if !rules::window::holds(first, last, act.window) {
                c.hard += 1;
            }
            if !rules::fixed::holds_if_any(first, act.fixed_start) {
                c.hard += 1;
            }
            if let Some(window) = act.preferred {
                c.preferred += rules::preferred::days_outside(first, last, window);
            }
        }

        // Pairs.
        for &h in &self.person_nb[g] {
            if others.admits(h) && self.meets(g, h) {
                c.hard += 1;
            }
        }
        for &h in &self.subject_nb[g] {
            if others.admits(h)
                && !rules::subject_gap::holds(
                    rules::subject_gap::distance((first, last), self.bounds[h]),
                    model.subject_gap,
                )
            {
                c.hard += 1;
            }
        }
        for &h in &self.area_nb[g] {
            if others.admits(h) && rules::area::close((first, last), self.bounds[h], model.area_gap)
            {
                c.area += 1;
            }
        }
        for &id in &self.links_of[g] {
            let link = self.links[id];
            let partner = if link.group == g {
                link.other
            } else {
                Some(link.group)
            };
            if partner.is_some_and(|p| p != g && !others.admits(p)) {
                continue;
            }
            if !self.link_holds(&link) {
                c.hard += 1;
            }
        }

        c
    }

    fn link_holds(&self, link: &OrderLink) -> bool {
        let target = match link.other {
            Some(h) if h == link.group => return false,
            Some(h) => self.bounds[h],
            None => link.event,
        };
        rules::order::holds_between(link.after, self.bounds[link.group], target, link.gap)
    }

    fn add_contribution(&mut self, g: usize, others: &impl Admit) {
        let c = self.contribution(g, others);
        self.apply_counts(c, 1);
        self.invite_links(g, others, 1);
        self.day_counters(g, 1);
        self.baseline_terms(g, 1);
    }

    fn remove_contribution(&mut self, g: usize, others: &impl Admit) {
        let c = self.contribution(g, others);
        self.apply_counts(c, -1);
        self.invite_links(g, others, -1);
        self.day_counters(g, -1);
        self.baseline_terms(g, -1);
    }

    fn apply_counts(&mut self, c: Counts, sign: i64) {
        let t = &mut self.counts;
        t.hard += sign * c.hard;
        t.area += sign * c.area;
        t.invite += sign * c.invite;
        t.preferred += sign * c.preferred;
    }

    /// Adds (or removes) the invitation hits `g` takes part in: as the group led by an
    /// invited body (hitting the entries of groups inviting its lead body), and as the
    /// inviting group (hit by groups its invited bodies lead). An entry counts in the
    /// `invite` term while it has at least one hit.
    fn invite_links(&mut self, g: usize, others: &impl Admit, sign: i64) {
        let groups = &self.model.grouping.groups;
        let body = groups[g].lead_body;
        let mut touched: Vec<(usize, usize)> = Vec::new();
        // Read once: the loops below compare every candidate against the same run.
        let own = self.spans[g];
        for &k in &self.inviting[body] {
            if k != g && others.admits(k) && rules::invite::runs_clash(own, self.spans[k]) {
                if let Some(i) = groups[k].invite.iter().position(|&b| b == body) {
                    touched.push((k, i));
                }
            }
        }
        for (i, &b) in groups[g].invite.iter().enumerate() {
            for &h in &self.led_by[b] {
                if h != g && others.admits(h) && rules::invite::runs_clash(own, self.spans[h]) {
                    touched.push((g, i));
                }
            }
        }
        for (k, i) in touched {
            let before = self.invite_hits[k][i];
            let after = if sign > 0 {
                before + 1
            } else {
                before.saturating_sub(1)
            };
            self.invite_hits[k][i] = after;
            if (before == 0) != (after == 0) {
                self.counts.invite += if after > 0 { 1 } else { -1 };
            }
        }
    }

    fn day_counters(&mut self, g: usize, sign: i64) {
        let model = self.model;
        let body = model.grouping.groups[g].lead_body;
        let max = i64::from(model.max_parallel[body]);
        let (from, to) = self.spans[g];
        for k in from..to {
            let cell = &mut self.led_on[body * self.days + k];
            let before = i64::from(*cell);
            let after = before + sign;
            *cell = after.max(0) as u32;
            self.counts.hard +=
                rules::parallel::excess(after, max) - rules::parallel::excess(before, max);
            let m = &mut self.month_days[body * self.months + self.month_of[k]];
            let mb = *m;
            *m += sign;
            self.counts.balance += rules::balance::change(mb, *m);
        }
    }

    fn baseline_terms(&mut self, g: usize, sign: i64) {
        let Some(base) = &self.baseline else {
            return;
        };
        let Some(was) = base.get(g).copied().flatten() else {
            return;
        };
        if !rules::moves::moved(self.model.group_fixed[g], self.starts[g], was) {
            return;
        }
        self.counts.moved += sign;
        self.counts.shifted += sign * rules::moves::shift(self.starts[g], was) as i64;
    }
}

/// Which other groups a contribution is counted against.
trait Admit {
    fn admits(&self, g: usize) -> bool;
}

/// Every group but the one moving.
struct AllBut(usize);

impl Admit for AllBut {
    fn admits(&self, g: usize) -> bool {
        g != self.0
    }
}

impl Admit for Vec<bool> {
    fn admits(&self, g: usize) -> bool {
        self.get(g).copied().unwrap_or(false)
    }
}
