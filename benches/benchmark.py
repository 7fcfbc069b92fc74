"""Benchmark of issue 3: our solver against OR-tools CP-SAT on generated instances.

For each generated instance (``oversight.generate(scale, seed)``) this script

* solves it with ``oversight`` (``problem.solve(time_limit=..., seed=0)``, one thread) in
  a subprocess of its own, so that the peak resident memory it reports is that of our
  solve alone, and records when the final best score was first reached (from the
  ``progress`` callback, which reports about every 50 ms);
* builds an exact CP-SAT model of the same v1 problem from ``problem.schedule_model()``
  (see ``src/score/export.rs``) and solves it with 2 workers;
* turns CP-SAT's solution back into an ``oversight.plan/1`` dict and scores both plans
  with the library's scorer (``problem.score``); CP-SAT's objective value must equal the
  scorer's soft total for its plan, term by term (this shows the model is exact: any
  difference is printed loudly and makes the script exit with status 1).

It prints a table and writes it, with the machine and the settings, as markdown to
``benches/results.md`` (``benches/results-quick.md`` with ``--quick``).

Usage::

    .venv/bin/python benches/benchmark.py                # tiny, small, province, large; 2 seeds
    .venv/bin/python benches/benchmark.py --quick        # tiny + small, short limits
    .venv/bin/python benches/benchmark.py --scales province --seeds 1 --cpsat-time 60

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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import oversight

HERE = Path(__file__).resolve().parent

SCALES = ("tiny", "small", "province", "large")
# CP-SAT time limits (seconds) per scale: the full run and --quick.
CPSAT_TIME = {"tiny": 10.0, "small": 30.0, "province": 60.0, "large": 120.0}
CPSAT_TIME_QUICK = {"tiny": 3.0, "small": 10.0, "province": 20.0, "large": 30.0}
OURS_TIME = 1.0
OURS_TIME_QUICK = 0.5
CPSAT_WORKERS = 2


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
    # The objective's parts, each a list of (coefficient, expression) with the weight
    # already applied; constants are ints.
    terms: dict[str, list[Any]] = field(default_factory=dict)
    infeasible_reason: str | None = None


def _first_last(cand: dict[str, Any]) -> tuple[int, int]:
    """first/last of a candidate start: its first and last day, or the start itself
    when it has no day (a start after the horizon's last working day)."""
    days = cand["days"]
    if days:
        return int(days[0]), int(days[-1])
    return int(cand["start"]), int(cand["start"])


def build_cpsat(sm: dict[str, Any]) -> CpModel:
    """The exact model of the v1 problem `sm` (``problem.schedule_model()``)."""
    from ortools.sat.python import cp_model

    m = cp_model.CpModel()
    groups = sm["groups"]
    n = len(groups)
    weights = sm["weights"]
    subject_gap = int(sm["subject_gap"])
    area_gap = int(sm["area_gap"])
    out = CpModel(model=m, x=[])

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

    # cover[g][d]: group g occupies working day d (a sum of candidate booleans; 0 or 1).
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

    # --- Hard rules -----------------------------------------------------------------
    # person: groups sharing a member have disjoint days; on each day a person is in at
    # most one group.
    for p, gs in holders("members").items():
        for lits in cover_sum(gs).values():
            if len(lits) > 1:
                m.Add(sum(lits) <= 1)
        # A redundant, stronger statement of the same rule: D is a run of consecutive
        # working days, so disjoint D means disjoint [first, last + 1) intervals.
        if all(nonempty[g] for g in gs) and len(gs) > 1:
            ivs = []
            for g in gs:
                size = m.NewIntVar(1, hi_last[g] - lo_first[g] + 1, f"size{g}_p{p}")
                end = m.NewIntVar(lo_last[g] + 1, hi_last[g] + 1, f"end{g}_p{p}")
                m.Add(end == last[g] + 1)
                ivs.append(m.NewIntervalVar(first[g], size, end, f"iv{g}_p{p}"))
            m.AddNoOverlap(ivs)

    # parallel: per (body, day) at most max_parallel groups led by the body.
    led_by: dict[int, list[int]] = collections.defaultdict(list)
    for g, group in enumerate(groups):
        led_by[int(group["lead_body"])].append(g)
    for body, gs in led_by.items():
        cap = int(sm["max_parallel"][body])
        for lits in cover_sum(gs).values():
            if len(lits) > cap:
                m.Add(sum(lits) <= cap)

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
        """A literal equal to [dist(gx, gy) < gap] (1 when it always holds), or None
        when it never holds: with a, b as above, fully reified, exactly one of a, b and
        the result is true."""
        lits = far_literals(gx, gy, gap, True, tag)
        if lits is None:
            return None
        if not lits:
            return 1
        close = m.NewBoolVar(f"{tag}c_{gx}_{gy}")
        m.AddExactlyOne([*lits, close])
        return close

    # subject_gap: groups sharing a subject are at distance >= subject_gap.
    for gx, gy in pairs_sharing("subjects"):
        lits = far_literals(gx, gy, subject_gap, False, "sg")
        if lits is None:
            continue
        if not lits:
            out.infeasible_reason = f"groups {gx}, {gy} can never be subject_gap apart"
            m.AddBoolOr([])  # infeasible
        else:
            m.AddExactlyOne(lits)

    # after / before.
    for a, act in enumerate(sm["activities"]):
        g = int(act["group"])
        for order in act["orders"]:
            gap = int(order["gap"])
            if "group" in order:
                h = int(order["group"])
                if h == g:
                    out.infeasible_reason = f"activity {a} has an order on its own group"
                    m.AddBoolOr([])
                    continue
                if order["after"]:
                    m.Add(first[g] - last[h] - 1 >= gap)
                else:
                    m.Add(first[h] - last[g] - 1 >= gap)
            else:
                ev_first, ev_last = (int(v) for v in order["event"])
                if order["after"]:
                    m.Add(first[g] - ev_last - 1 >= gap)
                else:
                    m.Add(ev_first - last[g] - 1 >= gap)

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
    # group whose days meet this group's days. D is a run of consecutive working days,
    # so D(g) meets D(h) iff both are non-empty and [first, last] ranges overlap, i.e.
    # iff neither first(h) - last(g) - 1 >= 0 nor first(g) - last(h) - 1 >= 0.
    meet_cache: dict[tuple[int, int], Any] = {}

    def meets(g: int, h: int) -> Any:
        key = (min(g, h), max(g, h))
        if key in meet_cache:
            return meet_cache[key]
        overlap = close_literal(key[0], key[1], 0, "mt")
        if overlap is None:
            value: Any = 0
        else:
            if nonempty[g] and nonempty[h]:
                value = overlap
            else:
                # Not needed by the generated instances; kept exact anyway.
                lit = m.NewBoolVar(f"meet_{key[0]}_{key[1]}")
                ne = []
                for k in key:
                    nk = m.NewBoolVar(f"nonempty{k}_{key[0]}_{key[1]}")
                    empties = [
                        xv
                        for c, xv in zip(groups[k]["candidates"], x[k], strict=True)
                        if not c["days"]
                    ]
                    m.Add(nk == 1 - sum(empties))
                    ne.append(nk)
                ov = m.NewBoolVar(f"overlap_{key[0]}_{key[1]}")
                m.Add(ov == overlap)
                m.AddMultiplicationEquality(lit, [ov, ne[0], ne[1]])
                value = lit
        meet_cache[key] = value
        return value

    for g, group in enumerate(groups):
        for body in group["invite"]:
            meeting = [meets(g, h) for h in led_by.get(int(body), []) if h != g]
            meeting = [v for v in meeting if not (isinstance(v, int) and v == 0)]
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
    m.Minimize(sum(sum(parts) for parts in terms.values() if parts))
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


def run_cpsat(problem: oversight.Problem, time_limit: float, workers: int) -> dict[str, Any]:
    from ortools.sat.python import cp_model

    sm = problem.schedule_model()
    built_at = time.perf_counter()
    cm = build_cpsat(sm)
    build_seconds = time.perf_counter() - built_at

    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = 0
    recorder = _Recorder()
    status = solver.Solve(cm.model, recorder.callback)
    result: dict[str, Any] = {
        "status": solver.StatusName(status),
        "wall": solver.WallTime(),
        "build": build_seconds,
        "bound": None,
        "objective": None,
        "to_best": None,
        "plan": None,
        "terms": None,
    }
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        result["infeasible_reason"] = cm.infeasible_reason
        return result
    objective = solver.ObjectiveValue()
    result["objective"] = round(objective)
    result["bound"] = round(solver.BestObjectiveBound())
    result["to_best"] = next(
        (t for t, v in recorder.solutions if round(v) == round(objective)), solver.WallTime()
    )
    result["terms"] = {
        name: int(sum(solver.Value(p) if not isinstance(p, int) else p for p in parts))
        for name, parts in cm.terms.items()
    }

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
    exact: bool | None
    problems: list[str]

    def ratio(self) -> str:
        if self.cpsat_score is None:
            return "-"
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


def table(rows: list[Row]) -> str:
    ncols = HEADER.count("|") - 1
    lines = [HEADER, "|" + "---|" * ncols]
    for r in rows:
        o, os_, c, cs = r.ours, r.ours_score, r.cpsat, r.cpsat_score
        late = "≥" if o.get("to_best_late") else ""
        lines.append(
            "| "
            + " | ".join(
                [
                    r.instance,
                    str(r.activities),
                    str(r.groups),
                    f"{late}{o['to_best']:.2f}",
                    str(os_["hard"]),
                    str(os_["soft"]),
                    f"{c['to_best']:.2f}" if c["to_best"] is not None else "-",
                    str(cs["hard"]) if cs else "-",
                    str(cs["soft"]) if cs else "-",
                    str(c["bound"]) if c["bound"] is not None else "-",
                    c["status"],
                    r.ratio(),
                    f"{o['maxrss_kib'] / 1024:.0f} MiB",
                ]
            )
            + " |"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="tiny + small, short limits")
    parser.add_argument("--scales", nargs="+", choices=SCALES, help="scales to run")
    parser.add_argument("--seeds", type=int, default=2, help="seeds 0..N-1 per scale")
    parser.add_argument("--cpsat-time", type=float, help="CP-SAT time limit for every scale (s)")
    parser.add_argument("--cpsat-workers", type=int, default=CPSAT_WORKERS)
    parser.add_argument("--ours-time", type=float, help="our solver's time limit (s)")
    parser.add_argument("--out", type=Path, help="markdown file to write")
    parser.add_argument("--child-ours", nargs=2, metavar=("SCALE", "SEED"), help=argparse.SUPPRESS)
    args = parser.parse_args()

    ours_time = args.ours_time
    if ours_time is None:
        ours_time = OURS_TIME_QUICK if args.quick else OURS_TIME
    if args.child_ours:
        ours_child(args.child_ours[0], int(args.child_ours[1]), ours_time)
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

            cpsat = run_cpsat(problem, cpsat_time, args.cpsat_workers)
            cpsat_scored = None
            exact = None
            if cpsat["plan"] is not None:
                cpsat_scored = problem.score(oversight.Plan.from_dict(cpsat["plan"])).score
                lib_terms = {k: cpsat_scored["terms"][k] for k in cpsat["terms"]}
                exact = cpsat["objective"] == cpsat_scored["soft"] and lib_terms == cpsat["terms"]
                if not exact:
                    problems.append(
                        f"CP-SAT objective {cpsat['objective']} (terms {cpsat['terms']}) != "
                        f"scorer soft {cpsat_scored['soft']} (terms {lib_terms})"
                    )
                if cpsat_scored["hard"] != 0:
                    problems.append(
                        f"CP-SAT's plan has hard = {cpsat_scored['hard']} by the scorer"
                    )
                print(
                    f"   CP-SAT: {cpsat['status']} hard {cpsat_scored['hard']} "
                    f"soft {cpsat_scored['soft']} objective {cpsat['objective']} "
                    f"bound {cpsat['bound']} (best at {cpsat['to_best']:.2f} s of "
                    f"{cpsat['wall']:.2f} s; model built in {cpsat['build']:.1f} s) "
                    f"terms {cpsat['terms']}",
                    flush=True,
                )
            else:
                print(
                    f"   CP-SAT: {cpsat['status']} after {cpsat['wall']:.2f} s "
                    f"{cpsat.get('infeasible_reason') or ''}",
                    flush=True,
                )
            for p in problems:
                print(f"   !!! {name}: {p}", flush=True)
                failures.append(f"{name}: {p}")
            rows.append(
                Row(name, n_acts, n_groups, ours, ours_scored, cpsat, cpsat_scored, exact, problems)
            )

    text = table(rows)
    print("\n" + text)
    large = [r for r in rows if r.instance.startswith("large")]
    for r in large:
        print(f"peak memory of our solve, {r.instance}: {r.ours['maxrss_kib'] / 1024:.0f} MiB")

    exact_note = (
        "CP-SAT's objective equals the library scorer's soft total (term by term) on every "
        "instance where CP-SAT found a plan."
        if not failures
        else "**MISMATCHES**:\n\n" + "\n".join(f"- {f}" for f in failures)
    )
    cpsat_limits = ", ".join(
        f"{s} {args.cpsat_time if args.cpsat_time is not None else limits[s]:g} s" for s in scales
    )
    md = f"""# Benchmark: oversight against CP-SAT

Generated by `benches/benchmark.py{" --quick" if args.quick else ""}` on {info["date"]}.

- Machine: {info["nproc"]} cores (`nproc`), {info["cpu"]} (`/proc/cpuinfo`).
- Python {info["python"]}, oversight {info["oversight"]}, ortools {info["ortools"]}.
- Ours: `problem.solve(time_limit={ours_time:g}, seed=0)`, 1 thread, each instance in a
  subprocess of its own; "s to best" is the `elapsed` of the first progress report
  (about every 50 ms) whose (hard, soft) equals the final one (≥: reached after the last
  report, so the total time is shown). Peak RSS is that subprocess's `ru_maxrss`
  (interpreter and generated problem included).
- CP-SAT: the exact model of `problem.schedule_model()`, {args.cpsat_workers} workers,
  time limit {cpsat_limits};
  "s to best" is the wall time of the solution it ends with; bound is
  `BestObjectiveBound()`.
- Both plans are scored by the library (`problem.score`). {exact_note}

{text}
"""
    out_path.write_text(md, encoding="utf-8")
    print(f"\nwritten: {out_path}")
    if failures:
        print("\nFAILED:\n" + "\n".join(failures), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
