"""The ``oversight`` command line: validate, analyze, score, solve, show, export, replan,
recommend, explain, holidays.

Exit codes: 0 when fine, 2 for invalid input (the message names the JSON path or the
argument, on one line), 1 when a scored plan has hard violations.
"""

from __future__ import annotations

import argparse
import datetime
import json
import math
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

from oversight import calendar
from oversight._oversight import (
    FIRST_YEAR,
    LAST_YEAR,
    MAX_TIME_LIMIT,
    Plan,
    Problem,
    ValidationError,
    labels,
)

EXIT_OK = 0
EXIT_VIOLATIONS = 1
EXIT_INVALID = 2


def _one_line(text: object) -> str:
    """``text`` with its line breaks folded, so that an error stays one line."""
    return " ".join(str(text).split())


def _time_limit(text: str) -> float:
    """``--time-limit``: seconds, finite, above 0 and at most the library's maximum."""
    try:
        seconds = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not (math.isfinite(seconds) and 0 < seconds <= MAX_TIME_LIMIT):
        raise argparse.ArgumentTypeError(
            f"must be above 0 and at most {MAX_TIME_LIMIT:g} seconds (one week), got {text}"
        )
    return seconds


def _whole(low: int, high: int, what: str) -> Callable[[str], int]:
    """An argparse type: a whole number from ``low`` to ``high``."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
        if not low <= value <= high:
            shown = text if len(text) <= 40 else text[:40] + "…"
            raise argparse.ArgumentTypeError(f"{what}, got {shown}")
        return value

    parse.__name__ = what  # argparse names the type in some messages
    return parse


_U64 = 2**64 - 1
_seed = _whole(0, _U64, "must be from 0 to 2**64 - 1")
_at_least_one = _whole(1, _U64, "must be from 1 to 2**64 - 1")
_year = _whole(FIRST_YEAR, LAST_YEAR, f"must be a year from {FIRST_YEAR} to {LAST_YEAR}")


def _folder(text: str) -> str:
    """``--out-dir``: a folder name; an empty one would silently mean the current folder."""
    if not text.strip():
        raise argparse.ArgumentTypeError("must name a folder, got an empty name")
    return text


def _date(text: str) -> datetime.date:
    """A date written exactly ``YYYY-MM-DD``, as in the format (``fromisoformat`` alone
    would also take ``20240105`` and week dates)."""
    shaped = len(text) == 10 and text[4] == text[7] == "-"
    digits = text[:4] + text[5:7] + text[8:]
    try:
        if shaped and digits.isascii() and digits.isdigit():
            return datetime.date.fromisoformat(text)
    except ValueError:
        pass
    raise argparse.ArgumentTypeError(f"expected a date written YYYY-MM-DD, got {text!r}")


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line naming the argument (exit 2)."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_INVALID, f"{self.prog}: error: {_one_line(message)}\n")


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
    stem = Path(args.plan).name.removesuffix(".json").removesuffix(".plan")
    names = {
        "ics": f"{stem}.ics",
        "xlsx": f"{stem}.xlsx",
        "csv": f"{stem}.csv",
        "html": "report.html",
    }
    writers: dict[str, Callable[[Path], object]] = {
        "ics": lambda path: plan.to_ics(path, lang=args.lang),
        "xlsx": lambda path: plan.to_excel(path, lang=args.lang),
        "csv": lambda path: plan.to_csv(path, lang=args.lang),
        "html": lambda path: write_report(
            problem,
            plan,
            path,
            lang=args.lang,
            analysis=problem.analyze(),
            exports=[names[k] for k in ("ics", "xlsx", "csv")],
        ),
    }
    _write_all_or_nothing(out, names, writers)
    written = {kind: out / name for kind, name in names.items()}
    if args.json:
        _print_json({kind: str(path) for kind, path in written.items()})
    else:
        for path in written.values():
            print(f"-> {path}")
    return EXIT_OK


class ExportError(Exception):
    """One file of an export could not be written; nothing of the export was kept."""


def _write_all_or_nothing(
    out: Path, names: dict[str, str], writers: dict[str, Callable[[Path], object]]
) -> None:
    """Writes every file into a temporary folder inside ``out`` (so on the same file
    system), then renames them into place; on any failure the folders this run created,
    its files and the temporary folder are removed and files it would have replaced are
    put back, and ``ExportError`` names the file that failed."""
    # Only a file is ever replaced: a folder (or anything else) that happens to bear an
    # output's name is the user's, and moving it aside would lose it with the staging.
    for name in names.values():
        target = out / name
        if target.is_symlink() or (target.exists() and not target.is_file()):
            raise ExportError(
                f"nothing was exported: {target} exists and is not a file; move it away first"
            )
    created = [p for p in (out, *out.parents) if not p.exists()]
    try:
        out.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".oversight-export-", dir=out))
    except OSError as err:
        _remove_folders(created)
        raise ExportError(f"cannot create {out}: {_one_line(err)}") from err
    moved: list[tuple[Path, Path | None]] = []  # (target, its previous version)
    try:
        for kind, name in names.items():
            try:
                writers[kind](staging / name)
            except Exception as err:
                # The writer names the staging file: name the target instead.
                what = _one_line(err).replace(str(staging), str(out))
                if name not in what:
                    what = f"cannot write {out / name}: {what}"
                raise ExportError(f"nothing was exported: {what}") from err
        for name in names.values():
            target = out / name
            backup: Path | None = None
            try:
                if target.exists():
                    backup = staging / f".previous-{name}"
                    os.replace(target, backup)
                os.replace(staging / name, target)
            except OSError as err:
                if backup is not None and not target.exists():
                    os.replace(backup, target)
                raise ExportError(
                    f"nothing was exported: cannot move {name} into {out}: {_one_line(err)}"
                ) from err
            moved.append((target, backup))
    except BaseException:
        # Undo in reverse: the new files go, the previous versions come back.
        for target, backup in reversed(moved):
            try:
                target.unlink()
                if backup is not None:
                    os.replace(backup, target)
            except OSError:
                pass
        shutil.rmtree(staging, ignore_errors=True)
        _remove_folders(created)
        raise
    shutil.rmtree(staging, ignore_errors=True)


def _remove_folders(folders: list[Path]) -> None:
    """Removes the folders an export created, deepest first, if they are empty."""
    for folder in folders:
        try:
            folder.rmdir()
        except OSError:
            pass


def _replan(args: argparse.Namespace) -> int:
    problem = Problem.load(args.problem)
    # Read, not scored: the baseline may predate activities added to the problem; the
    # re-plan checks it as a baseline (anything else that does not match is an error).
    baseline = Plan.load(args.baseline)
    plan = problem.replan(
        baseline,
        args.freeze_before,
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
        print(labels(args.lang)["cli-feasible"])
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
    parser = _Parser(
        prog="oversight",
        description="Harmonise the supervision programmes of a province's elected bodies.",
    )
    common = _Parser(add_help=False)
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
    p.add_argument(
        "--time-limit", type=_time_limit, default=1.0, help="seconds (default 1, at most a week)"
    )
    p.add_argument("--steps", type=_at_least_one, default=None, help="stop after this many steps")
    p.add_argument("--seed", type=_seed, default=0, help="0 to 2**64 - 1 (default 0)")
    p.add_argument(
        "--threads",
        type=_at_least_one,
        default=1,
        help="searches side by side, capped at the cores",
    )
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
    p.add_argument(
        "-o", "--out-dir", default="out", type=_folder, help="folder to write to (default out)"
    )
    p.set_defaults(run=_export)

    p = sub.add_parser("replan", parents=[common], help="re-plan, keeping what is settled")
    p.add_argument("problem")
    p.add_argument("baseline")
    p.add_argument("--freeze-before", required=True, type=_date, help="groups starting before stay")
    p.add_argument("-o", "--output", help="where to write the plan")
    p.add_argument("--time-limit", type=_time_limit, default=1.0)
    p.add_argument("--steps", type=_at_least_one, default=None)
    p.add_argument("--seed", type=_seed, default=0)
    p.add_argument("--threads", type=_at_least_one, default=1)
    p.set_defaults(run=_replan)

    p = sub.add_parser("recommend", parents=[common], help="best start dates for an activity")
    p.add_argument("problem")
    p.add_argument("plan")
    p.add_argument("activity")
    p.add_argument("--top", type=_at_least_one, default=5)
    p.set_defaults(run=_recommend)

    p = sub.add_parser("explain", parents=[common], help="a minimal set of clashing rules")
    p.add_argument("problem")
    p.add_argument("--time-limit", type=_time_limit, default=1.0)
    p.add_argument("--seed", type=_seed, default=0)
    p.set_defaults(run=_explain)

    p = sub.add_parser("holidays", parents=[common], help="Vietnamese public holidays of a year")
    p.add_argument("year", type=_year)
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
    except (OSError, ValueError, KeyError, ExportError) as err:
        print(f"error: {_one_line(err)}", file=sys.stderr)
        return EXIT_INVALID
    except Exception as err:  # the last guard: one line, never a traceback
        print(f"error: {type(err).__name__}: {_one_line(err)}", file=sys.stderr)
        return EXIT_INVALID
    return code


if __name__ == "__main__":
    raise SystemExit(main())
