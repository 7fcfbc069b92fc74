"""The Python API of problems and plans."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

import oversight
from oversight import Plan, Problem, ValidationError


def test_load_and_round_trip(example_path: Path, tmp_path: Path) -> None:
    problem = Problem.load(example_path)
    assert problem.name == "Nghệ An 2024"
    data = problem.to_dict()
    assert data["format"] == "oversight.problem/1"
    again = Problem.from_dict(data)
    assert again == problem
    for suffix in (".json", ".yaml"):
        path = tmp_path / f"copy{suffix}"
        problem.save(path)
        assert Problem.load(path) == problem


def test_from_dict_fills_defaults(example_path: Path) -> None:
    raw = json.loads(example_path.read_text(encoding="utf-8"))
    problem = Problem.from_dict(raw)
    # The example leaves `repeat_months` out: the format's default applies.
    assert problem.to_dict()["rules"]["repeat_months"] == 18


def test_validation_error_lists_every_fault_with_its_path(example_path: Path) -> None:
    raw = json.loads(example_path.read_text(encoding="utf-8"))
    bad = copy.deepcopy(raw)
    bad["activities"][3]["members"][1] = "p99"
    bad["activities"][5]["duration"] = 0
    bad["activities"][7]["colour"] = "red"
    with pytest.raises(ValidationError) as caught:
        Problem.from_dict(bad)
    err = caught.value
    assert isinstance(err, ValueError)
    assert err.document == "problem"
    paths = dict(err.errors)
    assert paths["activities[3].members[1]"] == 'unknown person "p99"'
    assert "at least 1" in paths["activities[5].duration"]
    assert "unknown field `colour`" in paths["activities[7].colour"]


def test_missing_file_is_file_not_found(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        Problem.load(tmp_path / "nope.json")


def test_score_of_the_example_plan(example_path: Path, example_plan_path: Path) -> None:
    problem = Problem.load(example_path)
    stored = json.loads(example_plan_path.read_text(encoding="utf-8"))
    plan = problem.score(Plan.load(example_plan_path))
    assert plan.is_feasible
    assert plan.score == stored["score"]
    assert plan.violations == []
    assert plan.to_dict()["groups"] == stored["groups"]


def test_moving_a_group_onto_a_weekend_is_explained(
    example_path: Path, example_plan_path: Path
) -> None:
    problem = Problem.load(example_path)
    raw = json.loads(example_plan_path.read_text(encoding="utf-8"))
    raw["groups"][1]["start"] = "2024-01-06"  # a Saturday
    plan = problem.score(Plan.from_dict(raw))
    assert not plan.is_feasible
    rules = {v["rule"] for v in plan.violations}
    assert "calendar" in rules
    calendar = next(v for v in plan.violations if v["rule"] == "calendar")
    assert calendar["groups"] == [raw["groups"][1]["lead"]]
    assert "06/01/2024" in calendar["message"]
    assert "2024-01-06" in calendar["message_en"]


def test_a_plan_that_regroups_is_invalid(example_path: Path, example_plan_path: Path) -> None:
    problem = Problem.load(example_path)
    raw = json.loads(example_plan_path.read_text(encoding="utf-8"))
    raw["groups"][0]["activities"] = [raw["groups"][0]["lead"]]  # drops the merged partner
    with pytest.raises(ValidationError) as caught:
        problem.score(Plan.from_dict(raw))
    assert caught.value.document == "plan"
    assert any(path == "groups[0].activities" for path, _ in caught.value.errors)
    assert any(path == "groups" for path, _ in caught.value.errors)


def test_version_is_exposed() -> None:
    assert oversight.__version__


def test_analyze_from_python(example_path: Path) -> None:
    analysis = Problem.load(example_path).analyze()
    assert isinstance(analysis, oversight.Analysis)
    assert "10 joint" in repr(analysis)
    assert analysis.to_dict()["precedence"]["cycles"] == []
    assert "Trùng lặp" in analysis.to_text()
