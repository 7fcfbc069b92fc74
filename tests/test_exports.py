"""Exports of a plan (iCalendar, CSV) and its tables, read back with independent
readers: the ``icalendar`` package, Python's ``csv``, pandas and polars."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

import oversight

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "nghe-an-2024.json"
EXAMPLE_PLAN = ROOT / "examples" / "nghe-an-2024.plan.json"


@pytest.fixture(scope="module")
def problem() -> oversight.Problem:
    return oversight.Problem.load(EXAMPLE)


@pytest.fixture(scope="module")
def plan(problem: oversight.Problem) -> oversight.Plan:
    return problem.score(oversight.Plan.load(EXAMPLE_PLAN))


def test_ics_has_one_event_per_group_with_its_dates(plan: oversight.Plan, tmp_path: Path) -> None:
    icalendar = pytest.importorskip("icalendar")
    path = tmp_path / "plan.ics"
    plan.to_ics(path)
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    events = list(calendar.walk("VEVENT"))
    groups = plan.to_dict()["groups"]
    assert len(events) == len(groups)
    by_uid = {str(e["UID"]): e for e in events}
    for group in groups:
        event = by_uid[f"{group['lead']}@oversight"]
        first = dt.date.fromisoformat(group["days"][0])
        last = dt.date.fromisoformat(group["days"][-1])
        assert event.decoded("DTSTART") == first
        assert event.decoded("DTEND") == last + dt.timedelta(days=1)
        assert set(str(event["X-OVERSIGHT-ACTIVITIES"]).split()) == set(group["activities"])
    joint = by_uid["dbqh-001@oversight"]
    description = str(joint["DESCRIPTION"])
    assert "Cơ quan chủ trì: Đoàn đại biểu Quốc hội tỉnh Nghệ An" in description
    assert "Cơ quan phối hợp:" in description and "Thành phần:" in description


def test_ics_in_english(plan: oversight.Plan, tmp_path: Path) -> None:
    icalendar = pytest.importorskip("icalendar")
    path = tmp_path / "plan.ics"
    plan.to_ics(path, lang="en")
    event = next(iter(icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT")))
    assert "Lead body:" in str(event["DESCRIPTION"])


def test_csv_has_a_row_per_activity(
    problem: oversight.Problem, plan: oversight.Plan, tmp_path: Path
) -> None:
    path = tmp_path / "plan.csv"
    plan.to_csv(path)
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == len(problem.to_dict()["activities"])
    assert rows[0]["Mã hoạt động"] and "Nội dung giám sát" in rows[0]
    plan.to_csv(path, lang="en")
    with path.open(encoding="utf-8-sig", newline="") as f:
        english = list(csv.DictReader(f))
    assert {r["id"] for r in english} == {a["id"] for a in problem.to_dict()["activities"]}


def test_a_plan_read_from_a_file_needs_its_problem(
    problem: oversight.Problem, tmp_path: Path
) -> None:
    loaded = oversight.Plan.load(EXAMPLE_PLAN)
    assert loaded.problem is None
    with pytest.raises(ValueError, match="problem="):
        loaded.rows()
    rows = loaded.rows(problem)
    assert len(rows) == len(problem.to_dict()["activities"])
    assert all(r["days"] >= 1 for r in rows)


def test_frames(problem: oversight.Problem, plan: oversight.Plan) -> None:
    pd = pytest.importorskip("pandas")
    frame = plan.to_pandas()
    assert len(frame) == len(problem.to_dict()["activities"])
    assert pd.api.types.is_datetime64_any_dtype(frame["start"])
    assert {"id", "lead", "group", "body", "title", "form", "start", "end", "days"} <= set(
        frame.columns
    )
    assert list(frame[frame["id"] == "pc-022"]["group"].iloc[0]) == ["dbqh-001", "pc-022"]
    joint = frame[frame["joint"]]
    assert set(joint["lead"]) >= {"dbqh-001"}
    activities = problem.activities_frame()
    assert len(activities) == len(frame) and "window_start" in activities.columns
    analysis = problem.analyze()
    assert len(analysis.to_pandas("duplicates")) == len(analysis.to_dict()["duplicates"])
    assert len(analysis.to_pandas("people")) > 0
    with pytest.raises(ValueError, match="unknown analysis table"):
        analysis.to_pandas("nonsense")
    assert list(plan.violations_frame().columns) == [
        "rule",
        "groups",
        "activities",
        "count",
        "message",
    ]


def test_violations_frame_of_an_infeasible_plan() -> None:
    pytest.importorskip("pandas")
    problem = oversight.generate("tiny", seed=1, infeasible=True)
    plan = problem.solve(steps=3000)
    assert not plan.is_feasible
    frame = plan.violations_frame(lang="en")
    assert len(frame) == len(plan.violations)
    assert all(isinstance(m, str) and m for m in frame["message"])


def test_polars_frame(plan: oversight.Plan) -> None:
    pl = pytest.importorskip("polars")
    frame = plan.to_polars()
    assert frame.height == len(plan.rows())
    assert frame.schema["start"] == pl.Date


PROGRAMME_HEADINGS = [
    "Nội dung giám sát",
    "Hình thức",
    "Đối tượng chịu giám sát",
    "Thời gian",
    "Cơ quan chủ trì",
    "Cơ quan phối hợp",
    "Thành phần",
]


def _heading_row(sheet: object, wanted: str) -> list[str]:
    """The first row of ``sheet`` holding the heading ``wanted``."""
    for row in sheet.iter_rows(values_only=True):  # type: ignore[attr-defined]
        cells = [str(c) for c in row if c is not None]
        if wanted in cells:
            return cells
    raise AssertionError(f"no row with {wanted!r}")


def test_excel_programme_reads_with_openpyxl_and_round_trips(
    problem: oversight.Problem, plan: oversight.Plan, tmp_path: Path
) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    path = tmp_path / "plan.xlsx"
    plan.to_excel(path)
    book = openpyxl.load_workbook(path)
    bodies = problem.to_dict()["bodies"]
    assert book.sheetnames[0] == "Tổng hợp"
    assert len(book.sheetnames) >= 1 + len(bodies)
    summary = _heading_row(book["Tổng hợp"], "Nội dung giám sát")
    assert all(h in summary for h in PROGRAMME_HEADINGS)
    month_titles = [
        row[0]
        for row in book["Tổng hợp"].iter_rows(values_only=True)
        if isinstance(row[0], str) and row[0].startswith("Tháng ")
    ]
    assert month_titles[0] in ("Tháng 1/2024", "Tháng 2/2024") and "Tháng 12/2024" in month_titles
    body_sheet = book[book.sheetnames[1]]
    assert "Nội dung giám sát" in _heading_row(body_sheet, "Nội dung giám sát")
    assert oversight.Problem.from_excel(path) == problem


def test_excel_template_round_trips_in_english(problem: oversight.Problem, tmp_path: Path) -> None:
    path = tmp_path / "proposals.xlsx"
    problem.to_excel(path, lang="en")
    assert oversight.Problem.from_excel(path) == problem


def test_a_damaged_workbook_names_its_sheet_and_cell(
    problem: oversight.Problem, tmp_path: Path
) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    path = tmp_path / "proposals.xlsx"
    problem.to_excel(path)
    book = openpyxl.load_workbook(path)
    sheet = book["dbqh"] if "dbqh" in book.sheetnames else book[book.sheetnames[0]]
    header = None
    for row in sheet.iter_rows():
        values = [c.value for c in row]
        if "Số ngày" in values:
            header = row
            break
    assert header is not None
    column = [c.value for c in header].index("Số ngày")
    sheet.cell(row=header[0].row + 1, column=column + 1, value="ba")
    book.save(path)
    with pytest.raises(oversight.ValidationError) as caught:
        oversight.Problem.from_excel(path)
    assert any("!" in p and "duration" in p for p, _ in caught.value.errors)


def test_violations_have_a_short_repr_and_a_table() -> None:
    problem = oversight.generate("tiny", seed=1, infeasible=True)
    plan = problem.solve(steps=3000)
    violations = plan.violations
    assert isinstance(violations, list) and len(violations) >= 1
    assert repr(violations).startswith(f"<Violations: {len(violations)} (")
    assert "<table" in violations._repr_html_()
    assert repr(oversight.generate("tiny", seed=0).solve(steps=3000).violations) == (
        "<Violations: none>"
    )
