"""Problems and plans in TOML, strict dates, and fault lists a person can read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import oversight
from oversight.cli import main


def test_toml_is_read_and_written(example_path: Path, tmp_path: Path) -> None:
    problem = oversight.Problem.load(example_path)
    path = tmp_path / "problem.toml"
    problem.save(path)
    text = path.read_text(encoding="utf-8")
    assert "[[activities]]" in text and not text.lstrip().startswith("{")
    assert oversight.Problem.load(path) == problem
    assert main(["validate", str(path)]) == 0


def test_dates_are_only_iso(example_path: Path) -> None:
    raw = json.loads(example_path.read_text(encoding="utf-8"))
    for bad in ["2024-1-5", " 2024-01-05", "+2024-01-01"]:
        raw["horizon"]["start"] = bad
        with pytest.raises(oversight.ValidationError) as info:
            oversight.Problem.from_dict(raw)
        assert any("horizon.start" in p and "YYYY-MM-DD" in m for p, m in info.value.errors)


def test_a_plan_with_many_faults_prints_a_readable_list(
    example_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    groups = [
        {"lead": f"x{i}", "activities": [f"x{i}"], "start": "2024-03-04"} for i in range(20_000)
    ]
    plan = tmp_path / "huge.plan.json"
    plan.write_text(json.dumps({"format": "oversight.plan/1", "groups": groups}), "utf-8")
    assert main(["score", str(example_path), str(plan)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) <= 1001
    assert "more faults" in err[-1]


def test_the_core_catalogue_gives_every_language_the_same_keys() -> None:
    from oversight._oversight import labels

    vi, en = labels("vi"), labels("en")
    assert vi.keys() == en.keys()
    assert en["view-infeasible"].format(n=2) == "Infeasible: 2 hard violation(s)"
    assert vi["form-survey"] == "Khảo sát"
    assert labels() == vi
