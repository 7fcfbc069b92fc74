"""The exports under hostile text and failure: CSV cells that a spreadsheet would run
as formulas are neutralised, control characters never reach the ``.ics``, the
workbook keeps formula-like titles as text, and ``oversight export`` is all or nothing."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import oversight
from oversight.cli import main

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "nghe-an-2024.json"
PLAN = EXAMPLE.with_name("nghe-an-2024.plan.json")
HOSTILE_FILE = Path(__file__).resolve().parent / "malformed" / "_hostile-text.json"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CONTROLS = "\r\n\x00\x07\x1b\x7f"


def _rename(text: str, old: str, new: str) -> str:
    """Renames an id wherever the document refers to it (a whole JSON string)."""
    return text.replace(json.dumps(old), json.dumps(new))


def _hostile(controls: bool) -> tuple[dict[str, Any], oversight.Problem, oversight.Plan]:
    """A tiny problem whose ids, titles and names start with formula characters (and,
    with ``controls``, hold control characters: the corpus's ``_hostile-text.json``,
    made by this function), and a plan for it."""
    if controls:
        data = json.loads(HOSTILE_FILE.read_text(encoding="utf-8"))
        problem = oversight.Problem.from_dict(data)
        return data, problem, problem.solve(steps=2_000, time_limit=None)
    text = oversight.generate("tiny", seed=0).to_json()
    for old, new in [
        ("dbqh-001", "=dbqh-001"),
        ("dt", "-dt"),
        ("p002", "+p002"),
        ("ubnd-xa-02", "@ubnd-xa-02"),
    ]:
        text = _rename(text, old, new)
    data = json.loads(text)
    tail = f" ;,\\{CONTROLS} end" if controls else " end"
    for key, field in [
        ("activities", "title"),
        ("bodies", "name"),
        ("people", "name"),
        ("subjects", "name"),
        ("areas", "name"),
    ]:
        for i, item in enumerate(data[key]):
            item[field] = FORMULA_STARTS[i % len(FORMULA_STARTS)] + item[field] + tail
    problem = oversight.Problem.from_dict(data)
    return data, problem, problem.solve(steps=2_000, time_limit=None)


def _guarded(text: str) -> str:
    """What the CSV must hold for ``text``: control characters but tab and line breaks
    dropped, and a leading quote before a formula start."""
    text = "".join(c for c in text if c in "\t\n\r" or not (ord(c) < 32 or 127 <= ord(c) < 160))
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def test_every_csv_cell_of_user_text_is_neutralised(tmp_path: Path) -> None:
    data, _, plan = _hostile(controls=True)
    path = tmp_path / "plan.csv"
    plan.to_csv(path, lang="en")
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert rows
    for row in rows:
        for cell in row.values():
            assert not cell.startswith(FORMULA_STARTS), cell
    titles = {a["id"]: a["title"] for a in data["activities"]}
    bodies = {b["id"]: b["name"] for b in data["bodies"]}
    for row in rows:
        activity = row["id"].removeprefix("'")
        assert row["title"] == _guarded(titles[activity])
        assert row["body_name"] == _guarded(bodies[row["body"].removeprefix("'")])
    ids = {row["id"] for row in rows}
    assert "'=dbqh-001" in ids
    assert any(row["body"] == "'-dt" for row in rows)
    assert any(row["members"].startswith("'+p002") for row in rows) or all(
        "+p002" not in row["members"] for row in rows
    )


def _clean(text: str) -> str:
    """What RFC 5545 TEXT can hold of ``text``: control characters but HTAB and LF
    dropped."""
    return "".join(c for c in text if c in "\t\n" or not (ord(c) < 32 or 127 <= ord(c) < 160))


def test_ics_drops_control_characters_and_keeps_the_rest(tmp_path: Path) -> None:
    icalendar = pytest.importorskip("icalendar")
    data, _, plan = _hostile(controls=True)
    path = tmp_path / "plan.ics"
    plan.to_ics(path, lang="en")
    raw = path.read_bytes()
    assert b"\x00" not in raw
    assert b"\r" not in raw.replace(b"\r\n", b"")
    assert not any(b < 32 and b not in (9, 10, 13) for b in raw)
    calendar = icalendar.Calendar.from_ical(raw)
    titles = {a["id"]: a["title"] for a in data["activities"]}
    events = list(calendar.walk("VEVENT"))
    assert len(events) == len(plan.to_dict()["groups"])
    for event in events:
        lead = str(event["UID"]).removesuffix("@oversight")
        assert str(event["SUMMARY"]) == _clean(titles[lead])
        description = str(event["DESCRIPTION"])
        assert not any(ord(c) < 32 and c not in "\t\n" for c in description)
    # icalendar reads NAME and X-WR-CALNAME as unknown, still escaped: compare so.
    escaped = (
        _clean(data["name"])
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\n", "\\n")
    )
    for key in ("NAME", "X-WR-CALNAME"):
        assert calendar[key].to_ical().decode() == escaped


def test_workbook_keeps_formula_like_titles_as_text(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    data, _, plan = _hostile(controls=False)
    path = tmp_path / "plan.xlsx"
    plan.to_excel(path, lang="en")
    book = openpyxl.load_workbook(path)
    titles = {a["title"] for a in data["activities"]}
    seen = set()
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value in titles:
                    assert cell.data_type == "s", (sheet.title, cell.coordinate)
                    seen.add(cell.value)
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    assert cell.data_type == "s", (sheet.title, cell.coordinate, cell.value)
    # XML has no raw CR: a title starting with one is read back changed (the workbook
    # reader's business); the formula-like ones must all be there, as text.
    assert seen >= {t for t in titles if not t.startswith("\r")}


def _export(problem: Path, plan: Path, out: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "oversight", "export", str(problem), str(plan), "-o", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture
def too_long_title(tmp_path: Path) -> Path:
    """The bundled example with one title longer than an Excel cell holds (32,767)."""
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    data["activities"][0]["title"] = "Giám sát " * 5_000
    path = tmp_path / "long.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_a_failed_export_leaves_the_folder_as_it_was(too_long_title: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("mine", encoding="utf-8")
    (out / "nghe-an-2024.ics").write_text("an older export", encoding="utf-8")
    run = _export(too_long_title, PLAN, out)
    assert run.returncode == 2, run.stderr
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1, run.stderr
    assert "nghe-an-2024.xlsx" in lines[0]
    assert "Traceback" not in run.stderr
    assert sorted(p.name for p in out.iterdir()) == ["keep.txt", "nghe-an-2024.ics"]
    assert (out / "nghe-an-2024.ics").read_text(encoding="utf-8") == "an older export"


def test_a_failed_export_creates_no_folder(too_long_title: Path, tmp_path: Path) -> None:
    out = tmp_path / "new" / "out"
    run = _export(too_long_title, PLAN, out)
    assert run.returncode == 2, run.stderr
    assert not (tmp_path / "new").exists()


def test_a_successful_export_replaces_older_files_and_leaves_no_staging(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "nghe-an-2024.csv").write_text("an older export", encoding="utf-8")
    run = _export(EXAMPLE, PLAN, out)
    assert run.returncode == 0, run.stderr
    names = sorted(p.name for p in out.iterdir())
    assert names == ["nghe-an-2024.csv", "nghe-an-2024.ics", "nghe-an-2024.xlsx", "report.html"]
    assert (out / "nghe-an-2024.csv").read_text(encoding="utf-8-sig").startswith("Mã hoạt động")


def test_export_never_replaces_a_folder_bearing_an_output_name(
    example_path: Path, example_plan_path: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    kept = out / "nghe-an-2024.ics"
    kept.mkdir(parents=True)
    (kept / "keep.txt").write_text("precious", encoding="utf-8")
    code = main(["export", str(example_path), str(example_plan_path), "-o", str(out)])
    assert code == 2
    assert (kept / "keep.txt").read_text(encoding="utf-8") == "precious"
    assert sorted(p.name for p in out.iterdir()) == ["nghe-an-2024.ics"]


def test_export_refuses_an_empty_folder_name(
    example_path: Path, example_plan_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as info:
        main(["export", str(example_path), str(example_plan_path), "-o", ""])
    assert info.value.code == 2
    assert "--out-dir" in capsys.readouterr().err


def test_an_endless_input_stops_at_the_bound(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "/dev/zero"]) == 2
    assert "most this library reads" in capsys.readouterr().err


def test_formulas_after_white_space_or_in_full_width_and_controls_are_neutralised(
    tmp_path: Path,
) -> None:
    data = json.loads(oversight.generate("tiny", seed=0).to_json())
    titles = [" =1+1", "\n=HYPERLINK(1)", "\uff1d1+1", "a\x0bb\x1bc\x7fd"]
    for item, title in zip(data["activities"], titles, strict=False):
        item["title"] = title
    problem = oversight.Problem.from_dict(data)
    plan = problem.solve(steps=500, time_limit=None)
    path = tmp_path / "plan.csv"
    plan.to_csv(path, lang="en")
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = {r["id"]: r["title"] for r in csv.DictReader(f)}
    ids = [a["id"] for a in data["activities"][: len(titles)]]
    assert [rows[i] for i in ids] == ["' =1+1", "'\n=HYPERLINK(1)", "'\uff1d1+1", "abcd"]

    from oversight.report import write_report

    html = write_report(problem, plan, tmp_path / "report.html").read_text(encoding="utf-8")
    assert not any(c in html for c in "\x0b\x1b\x7f")
