"""Solving from Python: determinism, progress, interruption."""

from __future__ import annotations

import _thread
import datetime
import json
import threading
from pathlib import Path
from typing import Any

import pytest

from oversight import Plan, Problem, UnknownActivityError
from oversight.cli import main


def test_same_seed_and_steps_give_the_same_plan(example_path: Path) -> None:
    problem = Problem.load(example_path)
    first = problem.solve(time_limit=None, steps=3000, seed=3)
    second = problem.solve(time_limit=None, steps=3000, seed=3)
    assert first.to_json() == second.to_json()
    # The solver's claimed score is the scorer's.
    assert problem.score(first).score == first.score


def test_solve_finds_a_feasible_plan_better_than_the_example(example_path: Path) -> None:
    problem = Problem.load(example_path)
    plan = problem.solve(time_limit=2.0, seed=0)
    assert plan.is_feasible, plan.to_text("en")
    assert plan.score["soft"] < 4929  # the hand-made example plan


def test_progress_is_reported_and_can_stop(example_path: Path) -> None:
    seen: list[dict[str, Any]] = []

    def progress(info: dict[str, Any]) -> bool:
        seen.append(info)
        return len(seen) >= 3

    plan = Problem.load(example_path).solve(time_limit=30.0, progress=progress)
    assert len(seen) == 3
    assert {"step", "hard", "soft", "elapsed"} <= seen[0].keys()
    assert seen[-1]["elapsed"] < 30
    assert len(plan.to_dict()["groups"]) == 139


def test_ctrl_c_returns_the_best_plan(example_path: Path) -> None:
    problem = Problem.load(example_path)
    timer = threading.Timer(0.5, _thread.interrupt_main)
    timer.start()
    try:
        plan = problem.solve(time_limit=60.0)
    finally:
        timer.cancel()
    assert len(plan.to_dict()["groups"]) == 139


def test_cli_solve_writes_the_plan(example_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "plan.json"
    code = main(["solve", str(example_path), "-o", str(out), "--steps", "20000"])
    assert out.exists()
    assert code in (0, 1)
    assert main(["score", str(example_path), str(out)]) == code


def test_replan_keeps_frozen_groups_and_reports_the_diff(example_path: Path) -> None:
    problem = Problem.load(example_path)
    baseline = problem.solve(time_limit=None, steps=20_000, seed=1)
    freeze = datetime.date(2024, 7, 1)
    plan = problem.replan(baseline, freeze, time_limit=None, steps=5_000)
    diff = baseline.diff(plan)
    assert all(datetime.date.fromisoformat(m["from"]) >= freeze for m in diff["moved"])
    assert diff["added"] == [] and diff["removed"] == []
    assert diff["unchanged"] + len(diff["moved"]) == 139


def test_recommend_ranks_starts_by_score_change(
    example_path: Path, example_plan_path: Path
) -> None:
    problem = Problem.load(example_path)
    plan = problem.score(Plan.load(example_plan_path))
    ranked = problem.recommend(plan, "tt-011", top=3)
    assert len(ranked) == 3
    keys = [(r["hard"], r["soft"]) for r in ranked]
    assert keys == sorted(keys)
    assert ranked[0]["score"]["soft"] - plan.score["soft"] == ranked[0]["soft"]
    with pytest.raises(UnknownActivityError):
        problem.recommend(plan, "nope")
    with pytest.raises(KeyError):
        problem.recommend(plan, "nope")


def test_cli_replan_and_recommend(
    example_path: Path, example_plan_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        [
            "replan",
            str(example_path),
            str(example_plan_path),
            "--freeze-before",
            "2024-06-01",
            "--steps",
            "3000",
            "--json",
        ]
    )
    out = json.loads(capsys.readouterr().out)
    assert code == (0 if out["plan"]["score"]["hard"] == 0 else 1)
    assert all(m["from"] >= "2024-06-01" for m in out["diff"]["moved"])
    assert main(["recommend", str(example_path), str(example_plan_path), "dbqh-001"]) == 0
    assert "hard" in capsys.readouterr().out
    assert main(["recommend", str(example_path), str(example_plan_path), "nope"]) == 2


def test_explain_infeasible_names_a_minimal_conflict(
    example_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    problem = Problem.load(example_path)
    assert problem.explain_infeasible(time_limit=None, steps=20_000) is None
    data = problem.to_dict()
    # Three 2-day meetings of one person in the same Monday-Thursday: 6 days in 4.
    for k in range(3):
        data["activities"].append(
            {
                "id": f"urgent-{k}",
                "body": "tt",
                "title": f"Họp đột xuất {k}",
                "form": "working_meeting",
                "duration": 2,
                "members": ["p03"],
                "window": {"start": "2024-03-04", "end": "2024-03-07"},
            }
        )
    clash = Problem.from_dict(data)
    conflict = clash.explain_infeasible(time_limit=None, steps=20_000)
    assert conflict is not None
    assert conflict["proven"]
    assert {"urgent-0", "urgent-1", "urgent-2"} <= set(conflict["activities"])
    assert {r["rule"] for r in conflict["rules"]} <= {"window", "person", "blocked", "parallel"}
    path = tmp_path / "clash.json"
    clash.save(path)
    assert main(["explain", "--json", str(path)]) == 1
    out = json.loads(capsys.readouterr().out)
    assert out["feasible"] is False
