"""Benchmark of issue 3: our solver against OR-tools CP-SAT on generated instances.

For each generated instance (``oversight.generate(scale, seed)``) this script

* solves it with ``oversight`` (``problem.solve(time_limit=..., seed=0)``, one thread) in
  a subprocess of its own, so that the peak resident memory it reports is that of our
  solve alone, and records when the final best score was first reached (from the
  ``progress`` callback, which reports about every 50 ms);
* builds an exact CP-SAT model of the same v1 problem from ``problem.schedule_model()``
  (see ``src/score/export.rs``) and solves it with 2 workers (presolve off by default:
  with it, CP-SAT's objective bound stays negative on these models and its plans are
  worse). When CP-SAT proves that no plan without hard violations exists, the rest of
  its time goes to a relaxed model that counts the pairwise hard rules as the format
  does: first the fewest violations, then the smallest soft total with no more;
* turns CP-SAT's solution back into an ``oversight.plan/1`` dict and scores both plans
  with the library's scorer (``problem.score``); CP-SAT's objective value must equal the
  scorer's soft total for its plan, term by term, and its count of hard violations the
  scorer's, rule by rule (this shows the model is exact: any difference is printed
  loudly, and the script exits with status 1 once the table is written).

Peak memory is the ours-subprocess's ``VmHWM``: ``ru_maxrss`` of a child carries over
the parent's peak across fork and exec on Linux, so it would report CP-SAT's memory.

Ours runs with the targets' time limits: 1 s for tiny, small and province, 5 s for
large (``--ours-time`` sets one limit for every scale).

A second table, "infeasibility cores", times ``problem.explain_infeasible()`` on
planted-infeasible instances (small and province, seeds 0-3: one of each kind of planted
core) and checks each core with CP-SAT: its activities alone have no plan, and dropping
any one of them leaves a plan.

It prints the tables and writes them, with the machine and the settings, as markdown to
``benches/results.md`` (``benches/results-quick.md`` with ``--quick``).

Usage::

    .venv/bin/python benches/benchmark.py                # tiny, small, province, large; 2 seeds
    .venv/bin/python benches/benchmark.py --quick        # tiny + small, short limits
    .venv/bin/python benches/benchmark.py --scales province --seeds 1 --cpsat-time 60
    .venv/bin/python benches/benchmark.py --scales large --seeds 1 --core-scales   # no cores

Needs ``ortools`` (``pip install -e '.[bench]'`` or ``pip install ortools``).
"""

from __future__ import annotations

import argparse
import collections
import datetime
import itertools
import json
import os
import platform
import subprocess
import sys
import time
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import oversight

HERE = Path(__file__).resolve().parent

SCALES = ("tiny", "small", "province", "large")
# CP-SAT time limits (seconds) per scale: the full run and --quick.
CPSAT_TIME = {"tiny": 10.0, "small": 30.0, "province": 60.0, "large": 120.0}
CPSAT_TIME_QUICK = {"tiny": 3.0, "small": 10.0, "province": 20.0, "large": 30.0}
# Our solver's time limit (seconds) per scale: the targets' "reached in" times.
OURS_TIME = {"tiny": 1.0, "small": 1.0, "province": 1.0, "large": 5.0}
OURS_TIME_QUICK = {"tiny": 0.5, "small": 0.5, "province": 1.0, "large": 5.0}
# Infeasibility cores: planted-infeasible instances (one kind of core per seed mod 4),
# and the solver time `explain_infeasible` may spend before it isolates the core.
CORE_SCALES = ("small", "province")
CORE_SEEDS = 4
EXPLAIN_TIME = 1.0  # the library default
CORE_CPSAT_TIME = 10.0
CPSAT_WORKERS = 2
# Scales where CP-SAT first looks for any plan (no objective, presolve on), then
# minimises from it: with the objective from the start it finds no plan of a large
# instance in 120 s, while a plain feasibility search finds one in about 45 s.
CPSAT_FEASIBLE_FIRST = ("large",)
# The hard rules between groups; the unary ones are kept by the candidate starts.
PAIRWISE = ("person", "parallel", "subject_gap", "after", "before")


# --------------------------------------------------------------------------------------
# Our solver, in a subprocess
# --------------------------------------------------------------------------------------


def peak_rss_kib() -> int:
    """This process's peak resident memory in KiB.

    ``getrusage(RUSAGE_SELF).ru_maxrss`` is the natural measure, but Linux carries it
    over from the parent across fork and exec (the parent here holds CP-SAT models of
    hundreds of MiB), so a subprocess would report the parent's peak. ``VmHWM`` of
    /proc/self/status is the high-water mark of this process's own memory; ru_maxrss
    is the fallback where /proc is missing.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    import resource

    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def ours_child(scale: str, seed: int, time_limit: float) -> None:
    """Runs in the subprocess: solves one instance and prints a JSON report."""
    problem = oversight.generate(scale, seed)
    rss_before = peak_rss_kib()
    reports: list[tuple[int, int, float]] = []

    def progress(info: dict[str, Any]) -> bool:
        reports.append((int(info["hard"]), int(info["soft"]), float(info["elapsed"])))
        return False

    started = time.perf_counter()
    plan = problem.solve(time_limit=time_limit, seed=0, threads=1, progress=progress)
    wall = time.perf_counter() - started
    rss_peak = peak_rss_kib()
    final = (int(plan.score["hard"]), int(plan.score["soft"]))
    to_best = next((e for h, s, e in reports if (h, s) == final), None)
    json.dump(
        {
            "plan": plan.to_dict(),
            "hard": final[0],
            "soft": final[1],
            # None: the final score was reached after the last progress report.
            "to_best": to_best,
            "wall": wall,
            "reports": len(reports),
            "maxrss_kib": rss_peak,
            "maxrss_before_solve_kib": rss_before,
        },
        sys.stdout,
    )


def run_ours(scale: str, seed: int, time_limit: float) -> dict[str, Any]:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child-ours", scale, str(seed)]
    cmd += ["--ours-time", str(time_limit)]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True)
    result: dict[str, Any] = json.loads(out.stdout)
    if result["to_best"] is None:
        result["to_best"] = result["wall"]
        result["to_best_late"] = True
    return result


# --------------------------------------------------------------------------------------
# The exact CP-SAT model
# --------------------------------------------------------------------------------------


@dataclass
class CpModel:
    """A CP-SAT model of one problem and the handles to read its solution back."""

    model: Any
    # x[g][k]: group g starts on its k-th candidate.
    x: list[list[Any]]
    # The soft terms, each a list of expressions (weights applied; ints are constants).
    terms: dict[str, list[Any]] = field(default_factory=dict)
    # Relaxed model only: the hard rules' violation counts, in the format's units.
    hard: dict[str, list[Any]] = field(default_factory=dict)
    infeasible_reason: str | None = None

    def soft_objective(self) -> Any:
        return sum(sum(parts) for parts in self.terms.values() if parts)

    def hard_objective(self) -> Any:
        return sum(sum(parts) for parts in self.hard.values() if parts)


def _first_last(cand: dict[str, Any]) -> tuple[int, int]:
    """first/last of a candidate start: its first and last day, or the start itself
    when it has no day (a start after the horizon's last working day)."""
    days = cand["days"]
    if days:
        return int(days[0]), int(days[-1])
    return int(cand["start"]), int(cand["start"])


def build_cpsat(sm: dict[str, Any], relax: Collection[str] = ()) -> CpModel:
    """The exact model of the v1 problem `sm` (``problem.schedule_model()``).

    The pairwise hard rules named in `relax` (of person, parallel, subject_gap, after,
    before) are not constraints but counted, exactly as the format counts them, in
    `CpModel.hard`; the caller minimises them first. The unary rules (calendar, window,
    fixed, blocked) are kept by the candidate starts themselves.
    """
    from ortools.sat.python import cp_model

    m = cp_model.CpModel()
    groups = sm["groups"]
    n = len(groups)
    weights = sm["weights"]
    subject_gap = int(sm["subject_gap"])
    area_gap = int(sm["area_gap"])
    out = CpModel(model=m, x=[])
    hard: dict[str, list[Any]] = {
        "person": [],
        "parallel": [],
        "subject_gap": [],
        "after": [],
        "before": [],
    }

    # One boolean per (group, candidate start); exactly one per group.
    x: list[list[Any]] = []
    for g, group in enumerate(groups):
        row = [m.NewBoolVar(f"x{g}_{c['start']}") for c in group["candidates"]]
        if not row:
            raise ValueError(f"group {g} has no candidate start")
        m.AddExactlyOne(row)
        x.append(row)
    out.x = x

    # first(g), last(g): those of the chosen start.
    fl = [[_first_last(c) for c in group["candidates"]] for group in groups]
    first: list[Any] = []
    last: list[Any] = []
    lo_first, hi_first, lo_last, hi_last = [], [], [], []
    for g in range(n):
        fs = [f for f, _ in fl[g]]
        ls = [lt for _, lt in fl[g]]
        fv = m.NewIntVarFromDomain(cp_model.Domain.FromValues(sorted(set(fs))), f"first{g}")
        lv = m.NewIntVarFromDomain(cp_model.Domain.FromValues(sorted(set(ls))), f"last{g}")
        m.Add(fv == sum(f * xv for f, xv in zip(fs, x[g], strict=True)))
        m.Add(lv == sum(lt * xv for lt, xv in zip(ls, x[g], strict=True)))
        first.append(fv)
        last.append(lv)
        lo_first.append(min(fs))
        hi_first.append(max(fs))
        lo_last.append(min(ls))
        hi_last.append(max(ls))
    nonempty = [all(c["days"] for c in group["candidates"]) for group in groups]

    # cover[g][d]: the candidate booleans of group g whose days hold working day d
    # (their sum is 1 when g occupies d, else 0).
    cover: list[dict[int, list[Any]]] = []
    for g, group in enumerate(groups):
        by_day: dict[int, list[Any]] = collections.defaultdict(list)
        for c, xv in zip(group["candidates"], x[g], strict=True):
            for d in c["days"]:
                by_day[int(d)].append(xv)
        cover.append(by_day)

    def cover_sum(gs: list[int]) -> dict[int, list[Any]]:
        per_day: dict[int, list[Any]] = collections.defaultdict(list)
        for g in gs:
            for d, lits in cover[g].items():
                per_day[d].extend(lits)
        return per_day

    def holders(key: str) -> dict[int, list[int]]:
        by: dict[int, list[int]] = collections.defaultdict(list)
        for g, group in enumerate(groups):
            for item in group[key]:
                by[int(item)].append(g)
        return by

    def pairs_sharing(key: str) -> list[tuple[int, int]]:
        found: set[tuple[int, int]] = set()
        for gs in holders(key).values():
            found.update(itertools.combinations(sorted(gs), 2))
        return sorted(found)

    led_by: dict[int, list[int]] = collections.defaultdict(list)
    for g, group in enumerate(groups):
        led_by[int(group["lead_body"])].append(g)

    # Distances. For x, y: A = first(y) - last(x) - 1, B = first(x) - last(y) - 1. The
    # format's dist (the earlier first day being x's) is A when first(x) <= first(y),
    # else B; the other reading is always negative. So for a gap G >= 0,
    # dist >= G  <=>  A >= G or B >= G, and at most one of the two holds.
    def far_literals(gx: int, gy: int, gap: int, full: bool, tag: str) -> list[Any] | None:
        """Literals a, b with a => A >= gap and b => B >= gap (and, when `full`, the
        converse), dropping a reading that can never hold. None: dist >= gap always."""
        lits = []
        for early, late, name in ((gx, gy, "a"), (gy, gx, "b")):
            lo = lo_first[late] - hi_last[early] - 1
            hi = hi_first[late] - lo_last[early] - 1
            if lo >= gap:
                return None
            if hi < gap:
                continue
            lit = m.NewBoolVar(f"{tag}{name}_{gx}_{gy}")
            m.Add(first[late] - last[early] - 1 >= gap).OnlyEnforceIf(lit)
            if full:
                m.Add(first[late] - last[early] - 1 <= gap - 1).OnlyEnforceIf(lit.Not())
            lits.append(lit)
        return lits

    def close_literal(gx: int, gy: int, gap: int, tag: str) -> Any:
        """A literal equal to [dist(gx, gy) < gap] (the int 1 when that always holds),
        or None when it never holds: with a, b as above, fully reified, exactly one of
        a, b and the result is true."""
        lits = far_literals(gx, gy, gap, True, tag)
        if lits is None:
            return None
        if not lits:
            return 1
        close = m.NewBoolVar(f"{tag}c_{gx}_{gy}")
        m.AddExactlyOne([*lits, close])
        return close

    # D(g) meets D(h): D is a run of consecutive working days, so two of them share a
    # day iff both are non-empty and their [first, last] ranges overlap, i.e. iff
    # dist(g, h) < 0.
    meet_cache: dict[tuple[int, int], Any] = {}

    def meets(g: int, h: int) -> Any:
        """A literal, the int 1 (always) or None (never)."""
        key = (min(g, h), max(g, h))
        if key in meet_cache:
            return meet_cache[key]
        overlap = close_literal(key[0], key[1], 0, "mt")
        value: Any = overlap
        if overlap is not None and not (nonempty[g] and nonempty[h]):
            # Not needed by the generated instances; kept exact anyway.
            value = m.NewBoolVar(f"meet_{key[0]}_{key[1]}")
            factors = []
            for k in key:
                nk = m.NewBoolVar(f"nonempty{k}_{key[0]}_{key[1]}")
                empties = [
                    xv for c, xv in zip(groups[k]["candidates"], x[k], strict=True) if not c["days"]
                ]
                m.Add(nk == 1 - sum(empties))
                factors.append(nk)
            ov = m.NewBoolVar(f"overlap_{key[0]}_{key[1]}")
            m.Add(ov == overlap)
            m.AddMultiplicationEquality(value, [ov, *factors])
        meet_cache[key] = value
        return value

    # --- Hard rules -----------------------------------------------------------------
    # person: groups sharing a member have disjoint days.
    if "person" in relax:
        for gx, gy in pairs_sharing("members"):
            v = meets(gx, gy)
            if v is not None:
                hard["person"].append(v)
    else:
        for p, gs in holders("members").items():
            # On each day, a person is in at most one of its groups.
            for lits in cover_sum(gs).values():
                if len(lits) > 1:
                    m.Add(sum(lits) <= 1)
            # A redundant, stronger statement of the same rule: disjoint D means
            # disjoint [first, last + 1) intervals (D being consecutive working days).
            if all(nonempty[g] for g in gs) and len(gs) > 1:
                ivs = []
                for g in gs:
                    size = m.NewIntVar(1, hi_last[g] - lo_first[g] + 1, f"size{g}_p{p}")
                    end = m.NewIntVar(lo_last[g] + 1, hi_last[g] + 1, f"end{g}_p{p}")
                    m.Add(end == last[g] + 1)
                    ivs.append(m.NewIntervalVar(first[g], size, end, f"iv{g}_p{p}"))
                m.AddNoOverlap(ivs)

    # parallel: per (body, day) at most max_parallel groups led by the body (relaxed:
    # the excess counts).
    for body, gs in led_by.items():
        cap = int(sm["max_parallel"][body])
        for d, lits in sorted(cover_sum(gs).items()):
            if len(lits) <= cap:
                continue
            if "parallel" in relax:
                excess = m.NewIntVar(0, len(lits) - cap, f"excess_b{body}_d{d}")
                m.AddMaxEquality(excess, [0, sum(lits) - cap])
                hard["parallel"].append(excess)
            else:
                m.Add(sum(lits) <= cap)

    # subject_gap: groups sharing a subject are at distance >= subject_gap.
    for gx, gy in pairs_sharing("subjects"):
        if "subject_gap" in relax:
            v = close_literal(gx, gy, subject_gap, "sg")
            if v is not None:
                hard["subject_gap"].append(v)
            continue
        lits = far_literals(gx, gy, subject_gap, False, "sg")
        if lits is None:
            continue
        if not lits:
            out.infeasible_reason = f"groups {gx}, {gy} can never be subject_gap apart"
            m.AddBoolOr([])  # infeasible
        else:
            m.AddExactlyOne(lits)

    # after {ref r, gap}: first(a) - last(r) - 1 >= gap; before {ref r, gap}:
    # first(r) - last(a) - 1 >= gap; an order on the activity's own group never holds.
    for a, act in enumerate(sm["activities"]):
        g = int(act["group"])
        for order in act["orders"]:
            gap = int(order["gap"])
            rule = "after" if order["after"] else "before"
            if "event" in order:
                ev_first, ev_last = (int(v) for v in order["event"])
                # A unary rule: which candidate starts break it.
                broken = [
                    xv
                    for (f, lt), xv in zip(fl[g], x[g], strict=True)
                    if (f - ev_last - 1 if order["after"] else ev_first - lt - 1) < gap
                ]
                if rule in relax:
                    hard[rule].extend(broken)
                else:
                    for xv in broken:
                        m.Add(xv == 0)
                continue
            h = int(order["group"])
            if h == g:
                if rule in relax:
                    hard[rule].append(1)
                else:
                    out.infeasible_reason = f"activity {a} has an order on its own group"
                    m.AddBoolOr([])
                continue
            early, late = (h, g) if order["after"] else (g, h)
            dist = first[late] - last[early] - 1
            if rule not in relax:
                m.Add(dist >= gap)
                continue
            lo = lo_first[late] - hi_last[early] - 1
            hi = hi_first[late] - lo_last[early] - 1
            if lo >= gap:
                continue
            if hi < gap:
                hard[rule].append(1)
                continue
            broken_lit = m.NewBoolVar(f"{rule}_{a}_{h}")
            m.Add(dist <= gap - 1).OnlyEnforceIf(broken_lit)
            m.Add(dist >= gap).OnlyEnforceIf(broken_lit.Not())
            hard[rule].append(broken_lit)
    out.hard = hard

    # --- Soft terms -----------------------------------------------------------------
    terms: dict[str, list[Any]] = {"balance": [], "area": [], "invite": [], "preferred": []}

    # balance: weight * sum over (body, month) of days(body, month)^2.
    for body, gs in led_by.items():
        per_month: dict[int, list[tuple[int, Any]]] = collections.defaultdict(list)
        for g in gs:
            for c, xv in zip(groups[g]["candidates"], x[g], strict=True):
                for month, count in collections.Counter(c["months"]).items():
                    per_month[int(month)].append((count, xv))
        for month, parts in sorted(per_month.items()):
            # Upper bound: each group contributes at most its largest count.
            ub = sum(_max_per_group(parts, x, gs))
            days = m.NewIntVar(0, ub, f"days_b{body}_m{month}")
            m.Add(days == sum(count * xv for count, xv in parts))
            square = m.NewIntVar(0, ub * ub, f"sq_b{body}_m{month}")
            m.AddMultiplicationEquality(square, [days, days])
            # Redundant tangent cuts of the convex square (k^2 + 2k(d - k) <= d^2),
            # implied by the equality above; they only strengthen the LP bound.
            for k in range(1, ub):
                m.Add(square >= 2 * k * days - k * k)
            terms["balance"].append(int(weights["balance"]) * square)

    # area: weight * number of pairs sharing an area at distance < area_gap.
    for gx, gy in pairs_sharing("areas"):
        close = close_literal(gx, gy, area_gap, "ar")
        if close is not None:
            terms["area"].append(int(weights["area"]) * close)

    # invite: weight * number of (group, invited body) such that the body leads another
    # group whose days meet this group's days.
    for g, group in enumerate(groups):
        for body in group["invite"]:
            meeting = [meets(g, h) for h in led_by.get(int(body), []) if h != g]
            meeting = [v for v in meeting if v is not None]
            if not meeting:
                continue
            if any(isinstance(v, int) for v in meeting):  # always meets some group
                terms["invite"].append(int(weights["invite"]))
                continue
            busy = m.NewBoolVar(f"busy_g{g}_b{body}")
            m.AddMaxEquality(busy, meeting)
            terms["invite"].append(int(weights["invite"]) * busy)

    # preferred: weight * calendar days of [first, last] outside the preferred window,
    # per activity: a constant per candidate start.
    for act in sm["activities"]:
        if not act["preferred"]:
            continue
        g = int(act["group"])
        ps, pe = (int(v) for v in act["preferred"])
        for (f, lt), xv in zip(fl[g], x[g], strict=True):
            total = lt - f + 1
            inside = max(0, min(lt, pe) - max(f, ps) + 1)
            outside = max(0, total - inside)
            if outside:
                terms["preferred"].append(int(weights["preferred"]) * outside * xv)

    out.terms = terms
    return out


def _max_per_group(parts: list[tuple[int, Any]], x: list[list[Any]], gs: list[int]) -> list[int]:
    """For a (body, month), the largest count each group can put into it."""
    index_to_group = {xv.Index(): g for g in gs for xv in x[g]}
    best: dict[int, int] = {}
    for count, xv in parts:
        g = index_to_group[xv.Index()]
        best[g] = max(best.get(g, 0), count)
    return list(best.values())


class _Recorder:
    """Records the wall time and objective of each solution CP-SAT finds."""

    def __init__(self) -> None:
        from ortools.sat.python import cp_model

        class Callback(cp_model.CpSolverSolutionCallback):  # type: ignore[misc]
            def __init__(self, sink: list[tuple[float, float]]) -> None:
                super().__init__()
                self.sink = sink

            def on_solution_callback(self) -> None:
                self.sink.append((self.WallTime(), self.ObjectiveValue()))

        self.solutions: list[tuple[float, float]] = []
        self.callback = Callback(self.solutions)


def _value(solver: Any, parts: list[Any]) -> int:
    return int(sum(p if isinstance(p, int) else solver.Value(p) for p in parts))


def _solve(
    cm: CpModel,
    time_limit: float,
    workers: int,
    presolve: bool,
    hint: list[list[bool]] | None = None,
    linearization: int = 1,
) -> tuple[Any, Any, _Recorder]:
    from ortools.sat.python import cp_model

    if hint is not None:
        cm.model.ClearHints()
        for row, values in zip(cm.x, hint, strict=True):
            for xv, value in zip(row, values, strict=True):
                cm.model.AddHint(xv, value)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(time_limit, 0.1)
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = 0
    solver.parameters.cp_model_presolve = presolve
    solver.parameters.linearization_level = linearization
    recorder = _Recorder()
    status = solver.Solve(cm.model, recorder.callback)
    return solver, status, recorder


def run_cpsat(
    problem: oversight.Problem,
    time_limit: float,
    workers: int,
    presolve: bool,
    feasible_first: bool = False,
) -> dict[str, Any]:
    """Solves the exact model within `time_limit`. When CP-SAT proves it infeasible, it
    spends the time left on the relaxed model: first the fewest hard violations (half
    of it), then the smallest soft total among plans with no more violations.

    With `feasible_first`, CP-SAT first looks for any plan (no objective, presolve on:
    on large instances it finds one far sooner so), then minimises from that plan, its
    own, as a hint in the time left."""
    from ortools.sat.python import cp_model

    sm = problem.schedule_model()
    started = time.perf_counter()
    cm = build_cpsat(sm)
    cm.model.Minimize(cm.soft_objective())
    build_seconds = time.perf_counter() - started
    hint = None
    feasible_at = None
    if feasible_first:
        plain = build_cpsat(sm)
        solver, status, recorder = _solve(plain, time_limit, workers, presolve=True)
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            hint = [[solver.BooleanValue(xv) for xv in row] for row in plain.x]
            feasible_at = time.perf_counter() - started
    if not feasible_first or hint is not None:
        left = time_limit - (time.perf_counter() - started) + build_seconds
        solver, status, recorder = _solve(cm, left, workers, presolve, hint)
    result: dict[str, Any] = {
        "feasible_at": feasible_at,
        "status": solver.StatusName(status),
        "relaxed": None,
        "build": build_seconds,
        "bound": None,
        "objective": None,
        "to_best": None,
        "plan": None,
        "terms": None,
        "hard": None,
        "hard_bound": 0,
        "infeasible_reason": cm.infeasible_reason,
    }
    offset = time.perf_counter() - started - solver.WallTime()  # model building
    solutions = [(offset + t, v) for t, v in recorder.solutions]
    if status == cp_model.INFEASIBLE:
        result["proved_infeasible_at"] = time.perf_counter() - started
        cm = build_cpsat(sm, relax=PAIRWISE)
        # Phase 1: the fewest hard violations. Without the LP: on these models CP-SAT
        # spends its time in a huge LP and finds few plans.
        cm.model.Minimize(cm.hard_objective())
        left = time_limit - (time.perf_counter() - started)
        solver, status, recorder = _solve(cm, left / 2, workers, presolve, linearization=0)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            result["relaxed"] = solver.StatusName(status)
            result["wall"] = time.perf_counter() - started
            return result
        fewest = round(solver.ObjectiveValue())
        result["hard_bound"] = max(1, round(solver.BestObjectiveBound()))
        result["hard_proved"] = status == cp_model.OPTIMAL
        hint = [[solver.BooleanValue(xv) for xv in row] for row in cm.x]
        # Phase 2: the smallest soft total with no more hard violations.
        cm.model.Add(cm.hard_objective() <= fewest)
        cm.model.Minimize(cm.soft_objective())
        phase2_at = time.perf_counter()
        left = time_limit - (phase2_at - started)
        solver, status, recorder = _solve(cm, left, workers, presolve, hint)
        offset = phase2_at - started
        solutions = [(offset + t, v) for t, v in recorder.solutions]
        result["relaxed"] = solver.StatusName(status)
    result["wall"] = time.perf_counter() - started
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return result
    objective = solver.ObjectiveValue()
    result["objective"] = round(objective)
    result["bound"] = round(solver.BestObjectiveBound())
    # The first solution with the final objective (seconds since the model was built
    # from the schedule model, phases included).
    result["to_best"] = next(
        (t for t, v in solutions if round(v) == round(objective)), result["wall"]
    )
    result["terms"] = {name: _value(solver, parts) for name, parts in cm.terms.items()}
    result["hard_rules"] = {name: _value(solver, parts) for name, parts in cm.hard.items()}
    result["hard"] = sum(result["hard_rules"].values())

    # Back to a plan.
    acts = problem.to_dict()["activities"]
    horizon_start = datetime.date.fromisoformat(sm["horizon_start"])
    plan_groups = []
    for g, group in enumerate(sm["groups"]):
        chosen = [k for k, xv in enumerate(cm.x[g]) if solver.BooleanValue(xv)]
        assert len(chosen) == 1, f"group {g}: {len(chosen)} starts chosen"
        start = int(group["candidates"][chosen[0]]["start"])
        plan_groups.append(
            {
                "lead": acts[group["lead"]]["id"],
                "activities": [acts[a]["id"] for a in group["activities"]],
                "start": (horizon_start + datetime.timedelta(days=start)).isoformat(),
            }
        )
    result["plan"] = {"format": "oversight.plan/1", "groups": plan_groups}
    return result


# --------------------------------------------------------------------------------------
# Infeasibility cores
# --------------------------------------------------------------------------------------

CORE_KINDS = ("person", "subject_gap", "precedence", "parallel")


def _only(problem: oversight.Problem, keep: Collection[str]) -> oversight.Problem:
    """The problem with only the activities `keep` (orders to the others dropped)."""
    data = problem.to_dict()
    data["activities"] = [a for a in data["activities"] if a["id"] in keep]
    events = {e["id"] for e in data.get("events", [])}
    for a in data["activities"]:
        for key in ("after", "before"):
            if key in a:
                a[key] = [o for o in a[key] if o["ref"] in keep or o["ref"] in events]
    return oversight.Problem.from_dict(data)


def _cpsat_feasible(problem: oversight.Problem, time_limit: float) -> str:
    """CP-SAT's status on the exact model without an objective."""
    from ortools.sat.python import cp_model

    cm = build_cpsat(problem.schedule_model())
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit
    solver.parameters.num_workers = CPSAT_WORKERS
    solver.parameters.random_seed = 0
    status = solver.Solve(cm.model)
    if status == cp_model.OPTIMAL:  # a satisfaction model: any plan is optimal
        return "FEASIBLE"
    return str(solver.StatusName(status))


@dataclass
class CoreRow:
    instance: str
    kind: str
    seconds: float
    conflict: dict[str, Any] | None
    alone: str = "-"
    each_dropped: str = "-"


def run_core(scale: str, seed: int, explain_time: float, cpsat_time: float) -> CoreRow:
    """Times `explain_infeasible()` on a planted-infeasible instance and checks its core
    with CP-SAT: the core's activities alone are infeasible, and dropping any one of
    them leaves the others feasible."""
    problem = oversight.generate(scale, seed, infeasible=True)
    started = time.perf_counter()
    conflict = problem.explain_infeasible(time_limit=explain_time)
    row = CoreRow(
        f"{scale} #{seed}",
        CORE_KINDS[seed % len(CORE_KINDS)],
        time.perf_counter() - started,
        conflict,
    )
    if conflict is None:
        return row
    acts = list(conflict["activities"])
    row.alone = _cpsat_feasible(_only(problem, acts), cpsat_time)
    dropped = [_cpsat_feasible(_only(problem, set(acts) - {a}), cpsat_time) for a in acts]
    row.each_dropped = "FEASIBLE" if all(d == "FEASIBLE" for d in dropped) else "/".join(dropped)
    return row


CORE_HEADER = (
    "| instance | planted | explain_infeasible() s | core: activities | core: rules "
    "| proven infeasible and minimal | CP-SAT: core's activities alone "
    "| CP-SAT: each one dropped |"
)


def core_table(rows: list[CoreRow]) -> str:
    ncols = CORE_HEADER.count("|") - 1
    lines = [CORE_HEADER, "|" + "---|" * ncols]
    for r in rows:
        c = r.conflict
        if c is None:
            cells = [r.instance, r.kind, f"{r.seconds:.2f}", "none found", "-", "-", "-", "-"]
        else:
            rules = collections.Counter(rule["rule"] for rule in c["rules"])
            by_rule = ", ".join(f"{k} {v}" for k, v in sorted(rules.items()))
            cells = [
                r.instance,
                r.kind,
                f"{r.seconds:.2f}",
                str(len(c["activities"])),
                f"{len(c['rules'])} ({by_rule})",
                "yes" if c["proven"] else "no (search budget)",
                r.alone,
                r.each_dropped,
            ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


# --------------------------------------------------------------------------------------
# The run
# --------------------------------------------------------------------------------------


@dataclass
class Row:
    instance: str
    activities: int
    groups: int
    ours: dict[str, Any]
    ours_score: dict[str, Any]
    cpsat: dict[str, Any]
    cpsat_score: dict[str, Any] | None

    def ratio(self) -> str:
        if self.cpsat_score is None:
            return "-"
        if self.cpsat_score["hard"] != self.ours_score["hard"]:
            return f"- (hard {self.ours_score['hard']} vs {self.cpsat_score['hard']})"
        theirs = self.cpsat_score["soft"]
        if theirs == 0:
            return "-" if self.ours_score["soft"] else "1.000"
        return f"{self.ours_score['soft'] / theirs:.3f}"


def machine() -> dict[str, str]:
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        nproc = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
    except OSError:
        nproc = str(os.cpu_count())
    try:
        import ortools

        ortools_version = ortools.__version__
    except Exception:  # pragma: no cover
        ortools_version = "?"
    return {
        "nproc": nproc,
        "cpu": cpu,
        "date": datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        "python": platform.python_version(),
        "ortools": ortools_version,
        "oversight": oversight.__version__,
    }


HEADER = (
    "| instance | activities | groups | ours: s to best | ours: hard | ours: soft "
    "| CP-SAT: s to best | CP-SAT: hard | CP-SAT: soft | CP-SAT: bound | CP-SAT: status "
    "| soft ratio ours/CP-SAT | ours: peak RSS |"
)


def cpsat_status(c: dict[str, Any]) -> str:
    if c["relaxed"] is None:
        if c.get("feasible_at") is not None:
            return f"{c['status']} (first plan at {c['feasible_at']:.1f} s)"
        return str(c["status"])
    return f"INFEASIBLE (proved in {c['proved_infeasible_at']:.1f} s); relaxed: {c['relaxed']}"


def cpsat_hard(c: dict[str, Any], cs: dict[str, Any] | None) -> str:
    if cs is None:
        return "-"
    if c["relaxed"] is None:
        return str(cs["hard"])
    if c.get("hard_proved"):
        return f"{cs['hard']} (fewest)"
    return f"{cs['hard']} (≥ {c['hard_bound']})"


def table(rows: list[Row]) -> str:
    ncols = HEADER.count("|") - 1
    lines = [HEADER, "|" + "---|" * ncols]
    for r in rows:
        o, os_, c, cs = r.ours, r.ours_score, r.cpsat, r.cpsat_score
        late = "≥" if o.get("to_best_late") else ""
        cells = [
            r.instance,
            str(r.activities),
            str(r.groups),
            f"{late}{o['to_best']:.2f}",
            str(os_["hard"]),
            str(os_["soft"]),
            f"{c['to_best']:.2f}" if c["to_best"] is not None else "-",
            cpsat_hard(c, cs),
            str(cs["soft"]) if cs else "-",
            str(c["bound"]) if c["bound"] is not None else "-",
            cpsat_status(c),
            r.ratio(),
            f"{o['maxrss_kib'] / 1024:.0f} MiB",
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def check_cpsat(cpsat: dict[str, Any], scored: oversight.Plan) -> list[str]:
    """What differs between CP-SAT's own figures and the library's scorer."""
    score = scored.score
    problems = []
    lib_terms = {k: score["terms"][k] for k in cpsat["terms"]}
    if cpsat["objective"] != score["soft"] or lib_terms != cpsat["terms"]:
        problems.append(
            f"CP-SAT objective {cpsat['objective']} (terms {cpsat['terms']}) != "
            f"scorer soft {score['soft']} (terms {lib_terms})"
        )
    by_rule: dict[str, int] = collections.Counter()
    for v in scored.violations:
        by_rule[v["rule"]] += int(v["count"])
    # The exact model has no violation by construction; the relaxed one counts them.
    lib_rules = {k: v for k, v in by_rule.items() if v}
    own_rules = {k: v for k, v in cpsat["hard_rules"].items() if v}
    if score["hard"] != cpsat["hard"] or lib_rules != own_rules:
        problems.append(
            f"CP-SAT counts hard {cpsat['hard']} {own_rules} != scorer "
            f"hard {score['hard']} {lib_rules}"
        )
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="tiny + small, short limits")
    parser.add_argument("--scales", nargs="+", choices=SCALES, help="scales to run")
    parser.add_argument("--seeds", type=int, default=2, help="seeds 0..N-1 per scale")
    parser.add_argument("--cpsat-time", type=float, help="CP-SAT time limit for every scale (s)")
    parser.add_argument("--cpsat-workers", type=int, default=CPSAT_WORKERS)
    parser.add_argument(
        "--cpsat-feasible-first",
        nargs="*",
        choices=SCALES,
        default=list(CPSAT_FEASIBLE_FIRST),
        help="scales where CP-SAT first looks for any plan, then minimises from it "
        f"(default: {' '.join(CPSAT_FEASIBLE_FIRST)})",
    )
    parser.add_argument(
        "--cpsat-presolve",
        action="store_true",
        help="let CP-SAT presolve the model (off by default: on these models its "
        "presolve leaves a useless, negative objective bound and finds worse plans)",
    )
    parser.add_argument(
        "--ours-time",
        type=float,
        help="our solver's time limit for every scale (s); default 1 s, large 5 s "
        "(--quick: tiny and small 0.5 s)",
    )
    parser.add_argument(
        "--core-scales",
        nargs="*",
        choices=SCALES,
        help=f"scales of the infeasibility-core table (default {' '.join(CORE_SCALES)}; "
        "none: skip it)",
    )
    parser.add_argument(
        "--core-seeds", type=int, default=CORE_SEEDS, help="planted seeds 0..N-1 per scale"
    )
    parser.add_argument(
        "--explain-time",
        type=float,
        default=EXPLAIN_TIME,
        help="explain_infeasible()'s solver time limit (s)",
    )
    parser.add_argument("--out", type=Path, help="markdown file to write")
    parser.add_argument("--child-ours", nargs=2, metavar=("SCALE", "SEED"), help=argparse.SUPPRESS)
    args = parser.parse_args()

    ours_times = OURS_TIME_QUICK if args.quick else OURS_TIME
    if args.ours_time is not None:
        ours_times = dict.fromkeys(SCALES, args.ours_time)
    if args.child_ours:
        scale = args.child_ours[0]
        ours_child(scale, int(args.child_ours[1]), ours_times[scale])
        return 0

    try:
        import ortools  # noqa: F401
    except ImportError:
        print("ortools is missing: .venv/bin/pip install ortools", file=sys.stderr)
        return 2

    scales = args.scales or (["tiny", "small"] if args.quick else list(SCALES))
    limits = CPSAT_TIME_QUICK if args.quick else CPSAT_TIME
    out_path = args.out or HERE / ("results-quick.md" if args.quick else "results.md")
    info = machine()
    print(
        f"machine: {info['nproc']} cores, {info['cpu']}; {info['date']}; "
        f"oversight {info['oversight']}, ortools {info['ortools']}",
        flush=True,
    )

    rows: list[Row] = []
    failures: list[str] = []
    for scale in scales:
        for seed in range(args.seeds):
            name = f"{scale} #{seed}"
            problem = oversight.generate(scale, seed)
            n_acts = len(problem.to_dict()["activities"])
            n_groups = len(problem.schedule_model()["groups"])
            cpsat_time = args.cpsat_time if args.cpsat_time is not None else limits[scale]
            ours_time = ours_times[scale]
            print(
                f"\n== {name}: {n_acts} activities, {n_groups} groups "
                f"(ours {ours_time:g} s, CP-SAT {cpsat_time:g} s, {args.cpsat_workers} workers)",
                flush=True,
            )

            ours = run_ours(scale, seed, ours_time)
            ours_scored = problem.score(oversight.Plan.from_dict(ours["plan"])).score
            problems: list[str] = []
            if (ours_scored["hard"], ours_scored["soft"]) != (ours["hard"], ours["soft"]):
                problems.append(
                    f"our plan reports {ours['hard']}/{ours['soft']} but scores "
                    f"{ours_scored['hard']}/{ours_scored['soft']}"
                )
            print(
                f"   ours:   hard {ours_scored['hard']} soft {ours_scored['soft']} "
                f"(best at {ours['to_best']:.2f} s of {ours['wall']:.2f} s; "
                f"peak RSS {ours['maxrss_kib'] / 1024:.0f} MiB, "
                f"{ours['maxrss_before_solve_kib'] / 1024:.0f} MiB before solving) "
                f"terms {ours_scored['terms']}",
                flush=True,
            )

            cpsat = run_cpsat(
                problem,
                cpsat_time,
                args.cpsat_workers,
                args.cpsat_presolve,
                feasible_first=scale in args.cpsat_feasible_first,
            )
            cpsat_scored = None
            if cpsat["plan"] is not None:
                scored = problem.score(oversight.Plan.from_dict(cpsat["plan"]))
                cpsat_scored = scored.score
                problems += check_cpsat(cpsat, scored)
                extra = ""
                if cpsat["relaxed"] is not None:
                    extra = f" hard by rule {cpsat['hard_rules']} (hard >= {cpsat['hard_bound']})"
                print(
                    f"   CP-SAT: {cpsat_status(cpsat)} hard {cpsat_scored['hard']} "
                    f"soft {cpsat_scored['soft']} objective {cpsat['objective']} "
                    f"bound {cpsat['bound']} (best at {cpsat['to_best']:.2f} s of "
                    f"{cpsat['wall']:.2f} s; model built in {cpsat['build']:.1f} s) "
                    f"terms {cpsat['terms']}{extra}",
                    flush=True,
                )
            else:
                print(
                    f"   CP-SAT: {cpsat_status(cpsat)} after {cpsat['wall']:.2f} s "
                    f"{cpsat.get('infeasible_reason') or ''}",
                    flush=True,
                )
            for p in problems:
                print(f"   !!! {name}: {p}", flush=True)
                failures.append(f"{name}: {p}")
            rows.append(Row(name, n_acts, n_groups, ours, ours_scored, cpsat, cpsat_scored))

    text = table(rows)
    print("\n" + text)
    for r in rows:
        if r.instance.startswith("large"):
            print(
                f"peak memory of our solve, {r.instance}: {r.ours['maxrss_kib'] / 1024:.0f} MiB "
                f"({r.ours['maxrss_before_solve_kib'] / 1024:.0f} MiB before solving)"
            )

    core_scales = CORE_SCALES if args.core_scales is None else args.core_scales
    core_rows: list[CoreRow] = []
    for scale in core_scales:
        for seed in range(args.core_seeds):
            row = run_core(scale, seed, args.explain_time, CORE_CPSAT_TIME)
            print(
                f"\n== core {row.instance} ({row.kind}): explain_infeasible() "
                f"{row.seconds:.2f} s; {len(row.conflict['rules']) if row.conflict else 0} "
                f"rules; CP-SAT: alone {row.alone}, each dropped {row.each_dropped}",
                flush=True,
            )
            core_rows.append(row)
            if row.conflict is None or not row.conflict["proven"]:
                failures.append(f"core {row.instance}: no proven core")
            elif row.alone != "INFEASIBLE" or row.each_dropped != "FEASIBLE":
                failures.append(
                    f"core {row.instance}: CP-SAT disagrees (alone {row.alone}, "
                    f"each dropped {row.each_dropped})"
                )
    cores_text = core_table(core_rows) if core_rows else ""
    if cores_text:
        print("\n" + cores_text)

    exact_note = (
        "On every instance where CP-SAT found a plan, its objective equals the library "
        "scorer's soft total, term by term (and, for the relaxed model, its count of hard "
        "violations equals the scorer's, rule by rule): the model is exact."
        if not failures
        else "**MISMATCHES**:\n\n" + "\n".join(f"- {f}" for f in failures)
    )
    cpsat_limits = ", ".join(
        f"{s} {args.cpsat_time if args.cpsat_time is not None else limits[s]:g} s" for s in scales
    )
    feasible_first_note = ""
    if args.cpsat_feasible_first:
        feasible_first_note = (
            f" On {', '.join(args.cpsat_feasible_first)}: CP-SAT first looks for any plan "
            "(no objective, presolve on), then minimises in the time left with that plan, "
            "its own, as a hint (with the objective from the start it finds no plan of a "
            "large instance in 120 s)."
        )
    ours_limits = ", ".join(f"{s} {ours_times[s]:g} s" for s in scales)
    cores_md = ""
    if cores_text:
        cores_md = f"""
## Infeasibility cores

Planted-infeasible instances (`oversight.generate(scale, seed, infeasible=True)`: seed
mod 4 plants a person, subject-gap, precedence or parallel conflict in an otherwise
feasible programme). Seconds: the wall time of
`problem.explain_infeasible(time_limit={args.explain_time:g})`, whose solver looks for a
plan with the fewest hard violations (stopping early once that count stops falling, or
at the limit) before the core is isolated and proven by the exact search. Proven: the
library's exact search showed the rules infeasible and each one necessary. CP-SAT
({CORE_CPSAT_TIME:g} s, {CPSAT_WORKERS} workers) checks it independently: the core's
activities alone have no plan, and dropping any one of them leaves a plan for the
others.

{cores_text}
"""
    md = f"""# Benchmark: oversight against CP-SAT

Generated by `benches/benchmark.py{" --quick" if args.quick else ""}` on {info["date"]}.

- Machine: {info["nproc"]} cores (`nproc`), {info["cpu"]} (`/proc/cpuinfo`).
- Python {info["python"]}, oversight {info["oversight"]}, ortools {info["ortools"]}.
- Ours: `problem.solve(time_limit=T, seed=0)`, 1 thread, T = {ours_limits}, each instance in a
  subprocess of its own. "s to best": the `elapsed` of the first progress report (about
  every 50 ms) whose (hard, soft) equals the final one (≥: reached after the last
  report; the total time is shown). Peak RSS: that subprocess's high-water mark
  (`VmHWM`; interpreter and generated problem included; `ru_maxrss` would carry the
  parent's over across fork and exec).
- CP-SAT {info["ortools"]}: the exact model of `problem.schedule_model()`,
  {args.cpsat_workers} workers, presolve {"on" if args.cpsat_presolve else "off"},
  time limit {cpsat_limits}.{feasible_first_note} "s to best": when it first
  found the plan it ends with (model building included). Bound: `BestObjectiveBound()`.
  When CP-SAT proves the exact model infeasible (no plan without hard violations
  exists), the rest of the time goes to a relaxed model that counts the pairwise hard
  rules as the format does: half to minimise the hard violations, then the soft
  total among plans with no more of them; its bound is then the soft bound under that
  hard count, and "(fewest)" marks a hard count CP-SAT proved minimal.
- Both plans are scored by the library (`problem.score`). {exact_note}

{text}
{cores_md}"""
    out_path.write_text(md, encoding="utf-8")
    print(f"\nwritten: {out_path}")
    if failures:
        print("\nFAILED:\n" + "\n".join(failures), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
