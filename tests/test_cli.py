"""The ``oversight`` command line: output and exit codes."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from oversight.cli import main

MALFORMED = Path(__file__).resolve().parent / "malformed"


def test_validate_ok(example_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(example_path)]) == 0
    assert "valid" in capsys.readouterr().out


def test_validate_json(example_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--json", str(example_path)]) == 0
    assert json.loads(capsys.readouterr().out) == {"valid": True, "name": "Nghệ An 2024"}


def test_score_example_plan(
    example_path: Path, example_plan_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["score", "--json", str(example_path), str(example_plan_path)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["score"]["hard"] == 0
    assert out["score"]["soft"] == 4929


def test_score_with_violations_exits_1(
    example_path: Path,
    example_plan_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    raw = json.loads(example_plan_path.read_text(encoding="utf-8"))
    raw["groups"][1]["start"] = "2024-01-06"
    bad = tmp_path / "bad.plan.json"
    bad.write_text(json.dumps(raw), encoding="utf-8")
    assert main(["score", "--lang", "en", str(example_path), str(bad)]) == 1
    out = capsys.readouterr().out
    assert "Hard violations: " in out
    assert "[calendar]" in out


def test_holidays(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["holidays", "--json", "2024"]) == 0
    by_date = {d["date"]: d for d in json.loads(capsys.readouterr().out)}
    assert by_date["2024-02-10"]["kind"] == "statutory"  # Tết Giáp Thìn
    assert by_date["2024-04-29"]["kind"] == "substituted"  # swapped for Saturday 4 May


def _corpus() -> list[tuple[str, str, str]]:
    table = MALFORMED / "expected.tsv"
    if not table.exists():
        return []
    with table.open(encoding="utf-8") as f:
        return [(r[0], r[1], r[2]) for r in csv.reader(f, delimiter="\t") if r and r[0] != "file"]


@pytest.mark.parametrize(("name", "path", "message"), _corpus())
def test_malformed_file_exits_2_naming_its_path(
    name: str, path: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", str(MALFORMED / name)]) == 2
    err = capsys.readouterr().err
    assert f"{path}: " in err
    assert message in err


def test_malformed_corpus_is_present() -> None:
    assert len(_corpus()) >= 30


def test_console_script_runs(example_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "oversight", "validate", "--json", str(example_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr


def test_analyze(example_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", "--json", str(example_path)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["group_count"] == 139
    assert len(data["groups"]) == 10
    assert any(r["activity"] == "dbqh-002" for r in data["repeats"])
    assert main(["analyze", "--lang", "en", str(example_path)]) == 0
    assert "Duplicates across bodies" in capsys.readouterr().out


def test_show_prints_the_programme_by_month(
    example_path: Path, example_plan_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["show", str(example_path), str(example_plan_path)]) == 0
    out = capsys.readouterr().out
    groups = json.loads(example_plan_path.read_text(encoding="utf-8"))["groups"]
    assert sum(1 for line in out.splitlines() if line.startswith("  ")) == len(groups)
    assert "Tháng 12/2024" in out
    assert main(["show", "--json", "--lang", "en", str(example_path), str(example_plan_path)]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {r["id"] for r in rows} >= {"dbqh-001", "pc-022"}


def test_export_writes_the_report_calendar_workbook_and_csv(
    example_path: Path, example_plan_path: Path, tmp_path: Path
) -> None:
    icalendar = pytest.importorskip("icalendar")
    openpyxl = pytest.importorskip("openpyxl")
    pytest.importorskip("plotly")
    out = tmp_path / "out"
    assert main(["export", str(example_path), str(example_plan_path), "-o", str(out)]) == 0
    names = {p.name for p in out.iterdir()}
    assert names == {"report.html", "nghe-an-2024.ics", "nghe-an-2024.xlsx", "nghe-an-2024.csv"}
    groups = json.loads(example_plan_path.read_text(encoding="utf-8"))["groups"]
    calendar = icalendar.Calendar.from_ical((out / "nghe-an-2024.ics").read_bytes())
    assert len(list(calendar.walk("VEVENT"))) == len(groups)
    book = openpyxl.load_workbook(out / "nghe-an-2024.xlsx")
    assert book.sheetnames[0] == "Tổng hợp"
    report = (out / "report.html").read_text(encoding="utf-8")
    assert "nghe-an-2024.xlsx" in report and "<script src=" not in report
