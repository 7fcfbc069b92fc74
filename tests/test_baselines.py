"""Baselines and plan comparisons are checked in Python as for the CLI: an empty plan,
an activity twice, a wrong lead or a plan of another problem is an error naming what;
activities added since the baseline have no baseline date."""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

import pytest

import oversight
from oversight.cli import main

FREEZE = datetime.date(2024, 7, 1)


def _plan(example_plan_path: Path, edit: Any = None) -> oversight.Plan:
    raw = json.loads(example_plan_path.read_text(encoding="utf-8"))
    if edit is not None:
        edit(raw)
    return oversight.Plan.from_dict(raw)


def _joint_group(raw: dict[str, Any]) -> int:
    return next(i for i, g in enumerate(raw["groups"]) if len(g["activities"]) > 1)


def _twice(raw: dict[str, Any]) -> None:
    raw["groups"][1]["activities"].append(raw["groups"][0]["activities"][0])


def _wrong_lead(raw: dict[str, Any]) -> None:
    g = _joint_group(raw)
    raw["groups"][g]["lead"] = raw["groups"][g]["activities"][1]


def _other_problem(raw: dict[str, Any]) -> None:
    raw["problem"] = "Hà Tĩnh 2024"


def _empty(raw: dict[str, Any]) -> None:
    raw["groups"] = []


BAD = {
    "empty": (_empty, "groups", "none of the problem's activities"),
    "twice": (_twice, "groups[1].activities", "already stands"),
    "wrong lead": (_wrong_lead, ".lead", "the lead of this group"),
    "another problem": (_other_problem, "problem", "Hà Tĩnh 2024"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_baselines_are_refused_everywhere(
    case: str, example_path: Path, example_plan_path: Path
) -> None:
    edit, path_part, message_part = BAD[case]
    problem = oversight.Problem.load(example_path)
    plan = _plan(example_plan_path)
    baseline = _plan(example_plan_path, edit)
    calls = {
        "replan": lambda: problem.replan(baseline, FREEZE, time_limit=None, steps=100),
        "score": lambda: problem.score(plan, baseline=baseline),
    }
    for name, call in calls.items():
        with pytest.raises(oversight.ValidationError) as info:
            call()
        err = info.value
        assert err.document == "baseline", name
        assert any(path_part in path and message_part in message for path, message in err.errors), (
            name,
            err.errors,
        )


@pytest.mark.parametrize("case", ["empty", "twice", "wrong lead"])
def test_recommend_refuses_a_broken_plan(
    case: str, example_path: Path, example_plan_path: Path
) -> None:
    problem = oversight.Problem.load(example_path)
    broken = _plan(example_plan_path, BAD[case][0])
    with pytest.raises(oversight.ValidationError):
        problem.recommend(broken, "tt-001")


@pytest.mark.parametrize("case", ["empty", "twice", "wrong lead", "another problem"])
def test_diff_refuses_plans_not_of_one_problem(
    case: str, example_path: Path, example_plan_path: Path
) -> None:
    problem = oversight.Problem.load(example_path)
    plan = problem.score(_plan(example_plan_path))
    other = _plan(example_plan_path, BAD[case][0])
    for older, newer in [(plan, other), (other, plan)]:
        with pytest.raises(oversight.ValidationError):
            older.diff(newer)
    assert plan.diff(plan)["moved"] == []


@pytest.mark.parametrize("case", ["empty", "twice", "another problem"])
def test_diff_of_unscored_plans_still_checks_their_shape(
    case: str, example_plan_path: Path
) -> None:
    plan = _plan(example_plan_path)
    with pytest.raises(oversight.ValidationError):
        plan.diff(_plan(example_plan_path, BAD[case][0]))


def _with_urgent(example_path: Path, tmp_path: Path) -> Path:
    raw = json.loads(example_path.read_text(encoding="utf-8"))
    raw["activities"].append(
        {
            "id": "tt-urgent",
            "body": "tt",
            "title": "Khảo sát đột xuất kiến nghị cử tri",
            "form": "survey",
            "duration": 2,
            "window": {"start": "2024-08-01", "end": "2024-09-30"},
        }
    )
    path = tmp_path / "changed.json"
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    return path


def test_added_activities_are_accepted_in_python_and_the_cli(
    example_path: Path,
    example_plan_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    changed_path = _with_urgent(example_path, tmp_path)
    changed = oversight.Problem.load(changed_path)
    baseline = oversight.Plan.load(example_plan_path)
    plan = changed.replan(baseline, FREEZE, time_limit=None, steps=2_000)
    assert any("tt-urgent" in g["activities"] for g in plan.to_dict()["groups"])
    rescored = changed.score(plan, baseline=baseline)
    assert rescored.score == plan.score

    out = tmp_path / "replanned.json"
    code = main(
        [
            "replan",
            "--json",
            str(changed_path),
            str(example_plan_path),
            "--freeze-before",
            "2024-07-01",
            "--steps",
            "2000",
            "-o",
            str(out),
        ]
    )
    assert code == 0, capsys.readouterr().err
    result = json.loads(capsys.readouterr().out)
    assert result["diff"]["added"] == ["tt-urgent"]


def test_the_cli_refuses_a_baseline_of_another_problem(
    example_path: Path,
    example_plan_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    raw = json.loads(example_plan_path.read_text(encoding="utf-8"))
    _other_problem(raw)
    other = tmp_path / "other.plan.json"
    other.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    code = main(["replan", str(example_path), str(other), "--freeze-before", "2024-07-01"])
    assert code == 2
    err = capsys.readouterr().err
    assert "invalid baseline" in err
    assert "Hà Tĩnh 2024" in err
