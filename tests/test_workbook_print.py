"""The workbook as an office gets it, read back with openpyxl (an independent reader):
every sheet prints on A4 landscape, one page wide, with its heading row on every page;
text that looks like a formula is stored as text; a problem the workbook cannot carry
is refused by field before any file is touched."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

import oversight

openpyxl = pytest.importorskip("openpyxl")

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "nghe-an-2024.json"
EXAMPLE_PLAN = ROOT / "examples" / "nghe-an-2024.plan.json"

# The heading row (row 3) repeats at the top of every printed page.
HEADING_ROWS = "$3:$3"


@pytest.fixture(scope="module")
def problem() -> oversight.Problem:
    return oversight.Problem.load(EXAMPLE)


@pytest.fixture(scope="module")
def plan(problem: oversight.Problem) -> oversight.Plan:
    return problem.score(oversight.Plan.load(EXAMPLE_PLAN))


@pytest.fixture(scope="module")
def books(
    problem: oversight.Problem, plan: oversight.Plan, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("books")
    out: dict[str, Any] = {}
    for lang in ("vi", "en"):
        programme = folder / f"plan-{lang}.xlsx"
        plan.to_excel(programme, problem=problem, lang=lang)
        out[f"plan-{lang}"] = openpyxl.load_workbook(programme)
        template = folder / f"problem-{lang}.xlsx"
        problem.to_excel(template, lang=lang)
        out[f"problem-{lang}"] = openpyxl.load_workbook(template)
    return out


def _heading(sheet: Any) -> list[Any]:
    return [c.value for c in sheet[3]]


@pytest.mark.parametrize("book", ["plan-vi", "plan-en", "problem-vi", "problem-en"])
def test_every_sheet_prints_a4_landscape_one_page_wide(books: dict[str, Any], book: str) -> None:
    for sheet in books[book].worksheets:
        setup = sheet.page_setup
        assert setup.orientation == "landscape", sheet.title
        assert int(setup.paperSize) == 9, sheet.title  # A4
        # An absent fitToWidth is 1, the schema's default (rust_xlsxwriter leaves it out).
        assert int(setup.fitToWidth or 1) == 1, sheet.title
        assert int(setup.fitToHeight) == 0, sheet.title  # as many pages down as needed
        assert sheet.sheet_properties.pageSetUpPr.fitToPage, sheet.title
        assert sheet.print_title_rows == HEADING_ROWS, sheet.title
        # The sheet's name heads each page, its number ends it.
        assert "&A" in sheet.oddHeader.left.text, sheet.title
        assert "&P" in sheet.oddFooter.center.text and "&N" in sheet.oddFooter.center.text


def _title_column(sheet: Any, heading: str) -> int:
    return _heading(sheet).index(heading) + 1


def test_titles_wrap_and_long_rows_grow(books: dict[str, Any]) -> None:
    summary = books["plan-vi"]["Tổng hợp"]
    column = _title_column(summary, "Nội dung giám sát")
    titles = [summary.cell(row=r, column=column) for r in range(4, summary.max_row + 1)]
    written = [c for c in titles if isinstance(c.value, str) and c.value]
    assert len(written) > 100
    assert all(c.alignment.wrap_text for c in written)
    # A row whose cells wrap onto several lines is made tall enough to show them.
    members = _title_column(summary, "Thành phần")
    tall = [
        r
        for r in range(4, summary.max_row + 1)
        if len(str(summary.cell(row=r, column=members).value or "")) > 60
    ]
    assert tall
    for r in tall:
        height = summary.row_dimensions[r].height
        assert height is not None and height >= 30, (r, height)
    body = books["problem-vi"]["dbqh"]
    column = _title_column(body, "Nội dung giám sát")
    assert all(
        body.cell(row=r, column=column).alignment.wrap_text for r in range(4, body.max_row + 1)
    )


def _width(sheet: Any, column: int) -> float:
    letter = openpyxl.utils.get_column_letter(column)
    return float(sheet.column_dimensions[letter].width)


def test_printed_columns_fit_a_landscape_page_at_a_readable_size(books: dict[str, Any]) -> None:
    # A4 landscape inside the margins holds about 150 characters of the default font
    # at full size; the printed columns stay near that, so fitting them to the page
    # keeps the text at 80 % of its size or more.
    summary = books["plan-vi"]["Tổng hợp"]
    total = sum(_width(summary, c) for c in range(1, len(_heading(summary)) + 1))
    assert total <= 185, total
    for name in ("plan-vi", "problem-en"):
        book = books[name]
        body = book[book.sheetnames[1] if name.startswith("plan") else book.sheetnames[0]]
        # A body's sheet prints its programme columns, up to the members; the columns
        # that make the round trip (windows, ids) stay on screen.
        area = body.print_area
        assert area is not None
        last = area.split(":")[-1].lstrip("$").split("$")[0]
        heading = _heading(body)
        printed = openpyxl.utils.column_index_from_string(last)
        assert heading[printed - 1] in ("Thành phần", "Members"), heading[printed - 1]
        total = sum(_width(body, c) for c in range(1, printed + 1))
        assert total <= 185, total


# Text a spreadsheet would run as a formula if it were stored as one.
FORMULA_LIKE = ["=1+2", "+SUM(A1:A3)", "-2+3", "@SUM(A1)", "\t=cmd|' /C calc'!A0", "\r=1"]


def _hostile(problem: oversight.Problem) -> oversight.Problem:
    data = copy.deepcopy(problem.to_dict())
    for i, title in enumerate(FORMULA_LIKE):
        data["activities"][i]["title"] = title
    data["bodies"][0]["name"] = '=HYPERLINK("http://example.com","x")'
    data["people"][0]["name"] = "@Nguyễn"
    return oversight.Problem.from_dict(data)


def _as_openpyxl_reads(text: str) -> str:
    # A carriage return is stored escaped, "_x000D_", as OOXML says; Excel and the
    # library's reader turn it back into "\r", openpyxl shows the escape.
    return text.replace("\r", "_x000D_")


def _cells_with(book: Any, texts: set[str]) -> dict[str, list[Any]]:
    found: dict[str, list[Any]] = {t: [] for t in texts}
    shown = {_as_openpyxl_reads(t): t for t in texts}
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value in shown:
                    found[shown[cell.value]].append(cell)
    return found


@pytest.mark.parametrize("kind", ["problem", "plan"])
def test_formula_like_text_is_stored_as_text(
    problem: oversight.Problem, plan: oversight.Plan, tmp_path: Path, kind: str
) -> None:
    hostile = _hostile(problem)
    path = tmp_path / f"{kind}.xlsx"
    if kind == "problem":
        hostile.to_excel(path)
    else:
        hostile.score(plan).to_excel(path, problem=hostile)
    book = openpyxl.load_workbook(path)
    data = hostile.to_dict()
    texts = set(FORMULA_LIKE) | {data["bodies"][0]["name"], data["people"][0]["name"]}
    for text, cells in _cells_with(book, texts).items():
        assert cells, f"{text!r} is not in the workbook as it was written"
        for cell in cells:
            assert cell.data_type == "s", (text, cell.coordinate, cell.data_type)
            assert cell.value == _as_openpyxl_reads(text)
    # And it comes back as it went.
    assert oversight.Problem.from_excel(path) == hostile


def test_a_problem_the_workbook_cannot_carry_is_refused_by_field(
    problem: oversight.Problem, tmp_path: Path
) -> None:
    data = copy.deepcopy(problem.to_dict())
    data["activities"][3]["title"] = ""
    data["activities"][4]["title"] = "x" * 40_000
    old = data["bodies"][0]["id"]
    data["bodies"][0]["id"] = f"{old} "
    for activity in data["activities"]:
        if activity["body"] == old:
            activity["body"] = f"{old} "
        activity["invite"] = [f"{old} " if b == old else b for b in activity.get("invite", [])]
    for person in data["people"]:
        person["bodies"] = [f"{old} " if b == old else b for b in person.get("bodies", [])]
    for event in data["events"]:
        event["blocks"] = [f"{old} " if b == old else b for b in event.get("blocks", [])]
    for past in data["history"]:
        if past["body"] == old:
            past["body"] = f"{old} "
    hostile = oversight.Problem.from_dict(data)  # valid as JSON

    path = tmp_path / "proposals.xlsx"
    path.write_bytes(b"the planner's old file")
    with pytest.raises(oversight.ValidationError) as caught:
        hostile.to_excel(path)
    paths = [p for p, _ in caught.value.errors]
    assert paths == ["bodies[0].id", "activities[3].title", "activities[4].title"]
    # Nothing was written: the old file is whole and no temporary file is left.
    assert path.read_bytes() == b"the planner's old file"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["proposals.xlsx"]
