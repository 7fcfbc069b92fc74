"""Solving from Python: determinism, progress, interruption."""

from __future__ import annotations

import _thread
import threading
from pathlib import Path
from typing import Any

from oversight import Problem
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
