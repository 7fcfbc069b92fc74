"""The ``oversight`` command line: validate, analyze, score, solve, show, export, replan,
recommend, explain, holidays.

Exit codes: 0 when fine, 2 for invalid input (the message names the JSON path), 1 when
a scored plan has hard violations.
"""

from __future__ import annotations

import argparse
import datetime
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from oversight import calendar
from oversight._oversight import Plan, Problem, ValidationError

EXIT_OK = 0
EXIT_VIOLATIONS = 1
EXIT_INVALID = 2


def _print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def _report_invalid(err: ValidationError, as_json: bool) -> int:
    errors: list[tuple[str, str]] = list(getattr(err, "errors", []))
    document = getattr(err, "document", "input")
    if as_json:
        _print_json(
            {
                "valid": False,
                "document": document,
                "errors": [{"path": p, "message": m} for p, m in errors],
            }
        )
    else:
        print(f"invalid {document}: {len(errors)} fault(s)", file=sys.stderr)
        for path, message in errors:
            print(f"  {path}: {message}", file=sys.stderr)
    return EXIT_INVALID


def _validate(args: argparse.Namespace) -> int:
    problem = Problem.load(args.problem)
    if args.json:
        _print_json({"valid": True, "name": problem.name})
    else:
        print(f"{args.problem}: valid ({problem!r})")
    return EXIT_OK


def _analyze(args: argparse.Namespace) -> int:
    analysis = Problem.load(args.problem).analyze()
    if args.json:
        _print_json(analysis.to_dict())
    else:
        print(analysis.to_text(args.lang), end="")
    return EXIT_OK


def _score(args: argparse.Namespace) -> int:
    problem = Problem.load(args.problem)
    plan = problem.score(Plan.load(args.plan))
    if args.json:
        _print_json(plan.to_dict())
    else:
        print(plan.to_text(args.lang), end="")
    return EXIT_OK if plan.is_feasible else EXIT_VIOLATIONS


def _solve(args: argparse.Namespace) -> int:
    problem = Problem.load(args.problem)
    plan = problem.solve(
        time_limit=args.time_limit,
        seed=args.seed,
        threads=args.threads,
        steps=args.steps,
    )
    if args.output:
        plan.save(args.output)
    if args.json:
        _print_json(plan.to_dict())
    else:
        print(plan.to_text(args.lang), end="")
        if args.output:
            print(f"-> {args.output}")
    return EXIT_OK if plan.is_feasible else EXIT_VIOLATIONS


def _show(args: argparse.Namespace) -> int:
    problem = Problem.load(args.problem)
    plan = problem.score(Plan.load(args.plan))
    if args.json:
        _print_json(plan.rows(lang=args.lang))
    else:
        print(plan.programme_text(lang=args.lang), end="")
    return EXIT_OK


def _export(args: argparse.Namespace) -> int:
    from oversight.report import write_report

    problem = Problem.load(args.problem)
    plan = problem.score(Plan.load(args.plan))
    out = Path(args.out_dir)
    out.mkdir(parents=True, exist_ok=True)
    stem = Path(args.plan).name.removesuffix(".json").removesuffix(".plan")
    written = {
        "ics": out / f"{stem}.ics",
        "xlsx": out / f"{stem}.xlsx",
        "csv": out / f"{stem}.csv",
    }
    plan.to_ics(written["ics"], lang=args.lang)
    plan.to_excel(written["xlsx"], lang=args.lang)
    plan.to_csv(written["csv"], lang=args.lang)
    written["html"] = write_report(
        problem,
        plan,
        out / "report.html",
        lang=args.lang,
        analysis=problem.analyze(),
        exports=[p.name for p in written.values()],
    )
    if args.json:
        _print_json({kind: str(path) for kind, path in written.items()})
    else:
        for path in written.values():
            print(f"-> {path}")
    return EXIT_OK


def _replan(args: argparse.Namespace) -> int:
    problem = Problem.load(args.problem)
    # Read, not scored: the baseline may predate activities added to the problem; the
    # re-plan checks it as a baseline (anything else that does not match is an error).
    baseline = Plan.load(args.baseline)
    plan = problem.replan(
        baseline,
        datetime.date.fromisoformat(args.freeze_before),
        time_limit=args.time_limit,
        seed=args.seed,
        threads=args.threads,
        steps=args.steps,
    )
    if args.output:
        plan.save(args.output)
    diff = baseline.diff(plan)
    if args.json:
        _print_json({"plan": plan.to_dict(), "diff": diff})
    else:
        print(plan.to_text(args.lang), end="")
        for m in diff["moved"]:
            print(f"  {m['lead']}: {m['from']} -> {m['to']} ({m['days']:+d})")
        for lead in diff["added"]:
            print(f"  {lead}: +")
    return EXIT_OK if plan.is_feasible else EXIT_VIOLATIONS


def _recommend(args: argparse.Namespace) -> int:
    problem = Problem.load(args.problem)
    plan = problem.score(Plan.load(args.plan))
    ranked = problem.recommend(plan, args.activity, top=args.top)
    if args.json:
        _print_json(ranked)
    else:
        for r in ranked:
            terms = ", ".join(f"{k} {v:+d}" for k, v in r["terms"].items())
            print(f"{r['start']}  hard {r['hard']:+d}  soft {r['soft']:+d}  ({terms})")
    return EXIT_OK


def _explain(args: argparse.Namespace) -> int:
    problem = Problem.load(args.problem)
    conflict = problem.explain_infeasible(time_limit=args.time_limit, seed=args.seed)
    if args.json:
        _print_json({"feasible": conflict is None, "conflict": conflict})
    elif conflict is None:
        print(
            "Đã tìm được kế hoạch không vi phạm ràng buộc cứng."
            if args.lang == "vi"
            else "A plan without hard violations was found."
        )
    else:
        key = "message" if args.lang == "vi" else "message_en"
        print(conflict[key])
        for rule in conflict["rules"]:
            print(f"  [{rule['rule']}] {rule[key]}")
    return EXIT_OK if conflict is None else EXIT_VIOLATIONS


def _holidays(args: argparse.Namespace) -> int:
    days = calendar.holidays(args.year)
    if args.json:
        _print_json([h._asdict() for h in days])
    else:
        for h in days:
            name = h.name_vi if args.lang == "vi" else h.name_en
            print(f"{h.date.isoformat()}  {name}  ({h.kind})")
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``oversight`` command."""
    parser = argparse.ArgumentParser(
        prog="oversight",
        description="Harmonise the supervision programmes of a province's elected bodies.",
    )
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--json", action="store_true", help="machine-readable output")
    common.add_argument("--lang", choices=("vi", "en"), default="vi", help="message language")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("validate", parents=[common], help="check a problem file")
    p.add_argument("problem")
    p.set_defaults(run=_validate)

    p = sub.add_parser("analyze", parents=[common], help="groups, duplicates, repeats, loads")
    p.add_argument("problem")
    p.set_defaults(run=_analyze)

    p = sub.add_parser("score", parents=[common], help="score a plan against a problem")
    p.add_argument("problem")
    p.add_argument("plan")
    p.set_defaults(run=_score)

    p = sub.add_parser("solve", parents=[common], help="harmonise the programmes into a plan")
    p.add_argument("problem")
    p.add_argument("-o", "--output", help="where to write the plan (JSON, or YAML for .yaml)")
    p.add_argument("--time-limit", type=float, default=1.0, help="seconds (default 1)")
    p.add_argument("--steps", type=int, default=None, help="stop after this many steps")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--threads", type=int, default=1)
    p.set_defaults(run=_solve)

    p = sub.add_parser("show", parents=[common], help="the plan's programme, month by month")
    p.add_argument("problem")
    p.add_argument("plan")
    p.set_defaults(run=_show)

    p = sub.add_parser(
        "export", parents=[common], help="report.html, .ics, .xlsx and .csv of a plan"
    )
    p.add_argument("problem")
    p.add_argument("plan")
    p.add_argument("-o", "--out-dir", default="out", help="folder to write to (default out)")
    p.set_defaults(run=_export)

    p = sub.add_parser("replan", parents=[common], help="re-plan, keeping what is settled")
    p.add_argument("problem")
    p.add_argument("baseline")
    p.add_argument("--freeze-before", required=True, help="groups starting before stay")
    p.add_argument("-o", "--output", help="where to write the plan")
    p.add_argument("--time-limit", type=float, default=1.0)
    p.add_argument("--steps", type=int, default=None)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--threads", type=int, default=1)
    p.set_defaults(run=_replan)

    p = sub.add_parser("recommend", parents=[common], help="best start dates for an activity")
    p.add_argument("problem")
    p.add_argument("plan")
    p.add_argument("activity")
    p.add_argument("--top", type=int, default=5)
    p.set_defaults(run=_recommend)

    p = sub.add_parser("explain", parents=[common], help="a minimal set of clashing rules")
    p.add_argument("problem")
    p.add_argument("--time-limit", type=float, default=1.0)
    p.add_argument("--seed", type=int, default=0)
    p.set_defaults(run=_explain)

    p = sub.add_parser("holidays", parents=[common], help="Vietnamese public holidays of a year")
    p.add_argument("year", type=int)
    p.set_defaults(run=_holidays)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Runs the command line; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        code: int = args.run(args)
    except ValidationError as err:
        return _report_invalid(err, args.json)
    except (OSError, ValueError, KeyError) as err:
        print(f"error: {err}", file=sys.stderr)
        return EXIT_INVALID
    return code


if __name__ == "__main__":
    raise SystemExit(main())
