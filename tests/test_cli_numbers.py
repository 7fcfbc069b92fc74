"""Numbers from the command line and from Python: out-of-range values are refused in
one line naming the argument (exit 2 / ValueError), never a panic or a traceback, and
``threads`` beyond the machine's cores is capped deterministically."""

from __future__ import annotations

import math
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import oversight
from oversight import _oversight, calendar

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "nghe-an-2024.json"
PLAN = EXAMPLE.with_name("nghe-an-2024.plan.json")


def _run(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "oversight", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


P, PL = str(EXAMPLE), str(PLAN)

# (arguments, what the one line of stderr must name)
BAD_ARGUMENTS = [
    (["solve", P, "--time-limit", "1e20"], "--time-limit"),
    (["solve", P, "--time-limit", "inf"], "--time-limit"),
    (["solve", P, "--time-limit", "nan"], "--time-limit"),
    (["solve", P, "--time-limit", "0"], "--time-limit"),
    (["solve", P, "--time-limit", "-1"], "--time-limit"),
    (["solve", P, "--time-limit", "soon"], "--time-limit"),
    (["solve", P, "--seed", "-1"], "--seed"),
    (["solve", P, "--seed", str(2**64)], "--seed"),
    (["solve", P, "--steps", "-1"], "--steps"),
    (["solve", P, "--steps", "0"], "--steps"),
    (["solve", P, "--threads", "0"], "--threads"),
    (["solve", P, "--threads", "-4"], "--threads"),
    (["replan", P, PL, "--freeze-before", "2024-06-01", "--seed", "-1"], "--seed"),
    (["replan", P, PL, "--freeze-before", "2024-06-01", "--time-limit", "1e300"], "--time-limit"),
    (["explain", P, "--time-limit", "1e20"], "--time-limit"),
    (["recommend", P, PL, "dbqh-001", "--top", "-1"], "--top"),
    (["recommend", P, PL, "dbqh-001", "--top", "0"], "--top"),
    (["holidays", "99999999999999999999"], "year"),
    (["holidays", "1799"], "year"),
    (["holidays", "2200"], "year"),
    (["replan", P, PL, "--freeze-before", "20240601"], "--freeze-before"),
    (["replan", P, PL, "--freeze-before", "2024-6-1"], "--freeze-before"),
    (["replan", P, PL, "--freeze-before", "2024-02-30"], "--freeze-before"),
]


@pytest.mark.parametrize(("args", "named"), BAD_ARGUMENTS, ids=lambda a: " ".join(a)[-40:])
def test_a_bad_number_exits_2_with_one_line_naming_the_argument(
    args: list[str], named: str
) -> None:
    run = _run(*args)
    assert run.returncode == 2, run.stderr
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1, run.stderr
    assert named in lines[0]
    assert "Traceback" not in run.stderr and "panicked" not in run.stderr


def test_many_threads_are_capped_not_a_crash() -> None:
    run = _run("solve", P, "--threads", "100000", "--steps", "300", "--json", timeout=120)
    assert run.returncode in (0, 1), run.stderr
    assert run.stderr == ""


def test_an_unexpected_error_is_one_line_and_exit_2(tmp_path: Path) -> None:
    # A folder where a file is expected: read fails with IsADirectoryError.
    run = _run("validate", str(tmp_path))
    assert run.returncode == 2
    assert len(run.stderr.strip().splitlines()) == 1
    assert "Traceback" not in run.stderr


@pytest.fixture(scope="module")
def problem() -> oversight.Problem:
    return oversight.generate("tiny", seed=0)


# (call, the argument the ValueError must name)
BAD_CALLS: list[tuple[str, Callable[[oversight.Problem], Any], str]] = [
    ("time_limit=1e300", lambda p: p.solve(time_limit=1e300), "time_limit"),
    ("time_limit=inf", lambda p: p.solve(time_limit=math.inf), "time_limit"),
    ("time_limit=nan", lambda p: p.solve(time_limit=math.nan), "time_limit"),
    ("time_limit=0", lambda p: p.solve(time_limit=0), "time_limit"),
    ("time_limit=10**400", lambda p: p.solve(time_limit=10**400), "time_limit"),
    ("seed=-1", lambda p: p.solve(seed=-1), "seed"),
    ("seed=2**64", lambda p: p.solve(seed=2**64), "seed"),
    ("seed=10**100", lambda p: p.solve(seed=10**100), "seed"),
    ("threads=0", lambda p: p.solve(threads=0), "threads"),
    ("threads=-1", lambda p: p.solve(threads=-1), "threads"),
    ("threads=10**30", lambda p: p.solve(threads=10**30), "threads"),
    ("steps=0", lambda p: p.solve(steps=0), "steps"),
    ("steps=-1", lambda p: p.solve(steps=-1), "steps"),
    ("unimproved_steps=0", lambda p: p.solve(unimproved_steps=0), "unimproved_steps"),
    ("explain seed=-1", lambda p: p.explain_infeasible(seed=-1), "seed"),
    ("explain time_limit=1e20", lambda p: p.explain_infeasible(time_limit=1e20), "time_limit"),
    ("recommend top=-1", lambda p: p.recommend(p.solve(steps=50), "dbqh-001", top=-1), "top"),
    ("recommend top=0", lambda p: p.recommend(p.solve(steps=50), "dbqh-001", top=0), "top"),
    ("generate seed=-1", lambda p: oversight.generate("tiny", seed=-1), "seed"),
    ("generate year=10**20", lambda p: oversight.generate("tiny", year=10**20), "year"),
    ("holidays 10**20", lambda p: calendar.holidays(99999999999999999999), "year"),
    ("tet -10**20", lambda p: calendar.tet(-(10**20)), "year"),
    ("lunar_new_year 1799", lambda p: calendar.lunar_new_year(1799), "year"),
    ("lunar_to_solar month", lambda p: calendar.lunar_to_solar(2024, 13, 1), "month"),
    ("lunar_to_solar day", lambda p: calendar.lunar_to_solar(2024, 1, -1), "day"),
    ("makeup_workdays 10**20", lambda p: calendar.makeup_workdays(10**20), "year"),
    ("year_name 10**20", lambda p: calendar.year_name(10**20), "year"),
]


@pytest.mark.parametrize(
    ("call", "named"), [(c, n) for _, c, n in BAD_CALLS], ids=[i for i, _, _ in BAD_CALLS]
)
def test_a_bad_number_in_python_raises_value_error_naming_it(
    problem: oversight.Problem, call: Callable[[oversight.Problem], Any], named: str
) -> None:
    try:
        call(problem)
    except BaseException as err:  # a PanicException is a BaseException
        assert isinstance(err, ValueError), f"{type(err).__name__}: {err}"
        assert named in str(err), str(err)
    else:
        pytest.fail("accepted")


def test_replan_refuses_bad_numbers_too(problem: oversight.Problem) -> None:
    import datetime

    baseline = problem.solve(steps=50, time_limit=None)
    with pytest.raises(ValueError, match="time_limit"):
        problem.replan(baseline, datetime.date(2025, 6, 1), time_limit=1e300)
    with pytest.raises(ValueError, match="seed"):
        problem.replan(baseline, datetime.date(2025, 6, 1), seed=-1)


def test_threads_beyond_the_cores_run_what_the_cores_run(problem: oversight.Problem) -> None:
    cores = _oversight.max_threads()
    assert cores >= 1
    options: dict[str, Any] = {"steps": 3_000, "time_limit": None, "seed": 7}
    capped = problem.solve(threads=64, **options)
    assert capped == problem.solve(threads=cores, **options)
    # Same seed and options: the same plan again.
    assert capped == problem.solve(threads=64, **options)


def test_the_largest_time_limit_is_accepted(problem: oversight.Problem) -> None:
    plan = problem.solve(time_limit=_oversight.MAX_TIME_LIMIT, steps=20)
    assert plan.score["hard"] >= 0


@pytest.mark.parametrize(
    "call",
    [
        lambda p: p.solve(steps=True, time_limit=None),
        lambda p: p.solve(time_limit=True),
        lambda p: p.solve(threads=True, steps=10, time_limit=None),
        lambda p: p.solve(seed=False, steps=10, time_limit=None),
    ],
    ids=["steps", "time_limit", "threads", "seed"],
)
def test_a_flag_is_not_a_number(call: Any) -> None:
    problem = oversight.Problem.load(EXAMPLE)
    with pytest.raises(TypeError, match="must be a number"):
        call(problem)
