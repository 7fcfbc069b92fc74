"""Building a problem in Python with the ``add_*`` calls."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

import oversight
from oversight import calendar

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "nghe-an-2024.json"

ADDERS = {
    "bodies": "add_body",
    "people": "add_person",
    "topics": "add_topic",
    "areas": "add_area",
    "subjects": "add_subject",
    "events": "add_event",
    "activities": "add_activity",
    "history": "add_history",
}


def build_from(document: dict[str, Any]) -> oversight.Problem:
    """The problem of ``document`` built entry by entry with the add_* calls."""
    problem = oversight.Problem(
        name=document["name"],
        horizon=(document["horizon"]["start"], document["horizon"]["end"]),
        calendar=document.get("calendar"),
        rules=document.get("rules"),
    )
    for collection, adder in ADDERS.items():
        for entry in document.get(collection, []):
            getattr(problem, adder)(**entry)
    return problem


def test_building_the_bundled_example_gives_the_loaded_problem() -> None:
    loaded = oversight.Problem.load(EXAMPLE)
    built = build_from(json.loads(EXAMPLE.read_text(encoding="utf-8")))
    built.validate()
    assert built == loaded
    assert built.to_dict() == loaded.to_dict()
    assert built.name == "Nghệ An 2024"


def test_a_small_problem_written_out_by_hand() -> None:
    p = oversight.Problem(name="Thử", horizon=(dt.date(2025, 1, 1), dt.date(2025, 12, 31)))
    p.add_body(id="dbqh", name="Đoàn ĐBQH", kind="na_delegation", rank=1)
    p.add_body(id="tt", name="Thường trực HĐND", kind="standing_committee")
    p.add_person(id="p1", name="Nguyễn Văn A", bodies=["dbqh", "tt"])
    p.add_topic(id="land", name="Đất đai")
    p.add_area(id="xa-a", name="Xã A")
    p.add_subject(id="ubnd-xa-a", name="UBND xã A", area="xa-a")
    p.add_event(**calendar.tet(2025).as_event())
    p.add_event(id="hd", name="Kỳ họp HĐND", start="2025-07-07", end="2025-07-10", blocks=["tt"])
    p.add_activity(
        id="a1",
        body="dbqh",
        title="Giám sát đất đai",
        form="thematic_supervision",
        topics=["land"],
        subjects=["ubnd-xa-a"],
        duration=3,
        members=["p1"],
        window={"start": dt.date(2025, 3, 1), "end": dt.date(2025, 6, 30)},
        before=[{"ref": "hd", "gap": 5}],
    )
    p.add_activity(
        id="b1", body="tt", title="Khảo sát đất đai", form="survey", duration=2, members=["p1"]
    )
    p.add_history(
        id="h1",
        body="tt",
        topics=["land"],
        subjects=["ubnd-xa-a"],
        start="2024-05-02",
        end="2024-05-03",
    )
    p.validate()
    d = p.to_dict()
    assert d["events"][0]["start"] == "2025-01-25"
    assert d["activities"][0]["window"] == {"start": "2025-03-01", "end": "2025-06-30"}
    plan = p.solve(steps=2000)
    assert plan.is_feasible
    assert "2 activities" in repr(p)


def test_faults_surface_at_validate_with_the_paths_of_a_file() -> None:
    p = oversight.Problem(name="Lỗi", horizon={"start": "2025-01-01", "end": "2025-12-31"})
    p.add_body(id="dbqh", name="Đoàn")
    p.add_activity(id="a1", body="nobody", title="x", form="survey", duration=0)
    p.add_activity(id="a2", body="dbqh", title="y", form="sightseeing", duration=1)
    p.add_activity(id="a3", body="dbqh", title="z", form="survey", duration=1, colour="red")
    with pytest.raises(oversight.ValidationError) as caught:
        p.validate()
    paths = {path for path, _ in caught.value.errors}
    assert {"activities[0].body", "activities[0].duration"} <= paths
    assert {"activities[1].form", "activities[2].colour"} <= paths
    assert "draft" in repr(p)
    # The same document given as a dict reports the same paths.
    with pytest.raises(oversight.ValidationError) as again:
        oversight.Problem.from_dict(
            {
                "format": "oversight.problem/1",
                "name": "Lỗi",
                "horizon": {"start": "2025-01-01", "end": "2025-12-31"},
                "bodies": [{"id": "dbqh", "name": "Đoàn"}],
                "activities": [
                    {"id": "a1", "body": "nobody", "title": "x", "form": "survey", "duration": 0},
                    {
                        "id": "a2",
                        "body": "dbqh",
                        "title": "y",
                        "form": "sightseeing",
                        "duration": 1,
                    },
                    {
                        "id": "a3",
                        "body": "dbqh",
                        "title": "z",
                        "form": "survey",
                        "duration": 1,
                        "colour": "red",
                    },
                ],
            }
        )
    assert {path for path, _ in again.value.errors} == paths


def test_values_python_cannot_store_are_refused_with_their_path() -> None:
    p = oversight.Problem(name="x", horizon=("2025-01-01", "2025-12-31"))
    with pytest.raises(oversight.ValidationError) as caught:
        p.add_event(id="e", name="E", start=dt.datetime(2025, 1, 2, 8, 0), end="2025-01-03")
    assert caught.value.errors[0][0] == "events[0].start"
    with pytest.raises(oversight.ValidationError):
        p.add_body(id="b", name=object())
    nested: list[Any] = []
    for _ in range(10_000):
        nested = [nested]
    with pytest.raises(oversight.ValidationError):
        p.add_topic(id="t", name="T", parents=nested)


def test_a_change_after_use_is_validated_again() -> None:
    p = oversight.Problem.load(EXAMPLE)
    count = len(p.to_dict()["activities"])
    p.add_activity(id="new-1", body="dbqh", title="Khảo sát mới", form="survey", duration=2)
    assert len(p.to_dict()["activities"]) == count + 1
    p.add_activity(id="new-1", body="dbqh", title="Trùng mã", form="survey", duration=2)
    with pytest.raises(oversight.ValidationError):
        p.validate()


def test_tet_breaks() -> None:
    t = calendar.tet(2024)
    assert (t.start, t.end) == (dt.date(2024, 2, 8), dt.date(2024, 2, 14))
    assert t.name_vi == "Nghỉ Tết Nguyên đán Giáp Thìn"
    assert calendar.year_name(2026) == "Bính Ngọ"
    event = t.as_event(blocks=["dbqh"], lang="en")
    assert event["blocks"] == ["dbqh"] and event["id"] == "tet-2024"
